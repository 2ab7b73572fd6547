//! Any bytes as an uploaded CSV: decode, split, validate. Must never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use quickscan_domain::import::dry_run_csv;
use quickscan_domain::{parse_model, MaturityModel};

fn model() -> &'static MaturityModel {
    static MODEL: OnceLock<MaturityModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        parse_model("quickscan-2026.toml", include_str!("../../app/models/quickscan-2026.toml"))
            .expect("the shipped model is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let validated = dry_run_csv(data, "fuzz.csv", model(), "13008");
    // Whatever came in, the outcome is consistent: clean means respondents and no problems.
    if validated.is_clean() {
        assert!(validated.problems.is_empty() && !validated.respondents.is_empty());
    }
    for problem in &validated.problems {
        let _ = problem.message(quickscan_domain::Lang::Nl);
    }
});
