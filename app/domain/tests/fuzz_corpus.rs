//! Runs the committed fuzz corpus (and any crash the fuzzer saved) through the CSV import's
//! dry run on the stable toolchain: every input must come back as a result, never a panic.

use std::path::PathBuf;

use quickscan_domain::import::dry_run_csv;
use quickscan_domain::parse_model;

#[test]
fn every_corpus_input_dry_runs_without_panicking() {
    let model = parse_model(
        "quickscan-2026.toml",
        include_str!("../../models/quickscan-2026.toml"),
    )
    .unwrap();
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz"));
    let mut inputs = 0;
    for dir in ["corpus/import_csv", "artifacts/import_csv"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let validated = dry_run_csv(&bytes, "corpus.csv", &model, "13008");
            assert_eq!(
                validated.is_clean(),
                validated.problems.is_empty() && !validated.respondents.is_empty(),
                "{}",
                path.display()
            );
            inputs += 1;
        }
    }
    assert!(
        inputs >= 5,
        "the committed corpus is missing ({inputs} inputs)"
    );
}
