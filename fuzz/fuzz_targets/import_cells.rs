//! Arbitrary cells, as a spreadsheet reader could hand them over, through validation.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use quickscan_domain::import::{validate_workbook, Cell, CellRef, CellValue, MergedRange, Sheet, Workbook};
use quickscan_domain::{parse_model, Lang, MaturityModel};

fn model() -> &'static MaturityModel {
    static MODEL: OnceLock<MaturityModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        parse_model("quickscan-2026.toml", include_str!("../../app/models/quickscan-2026.toml"))
            .expect("the shipped model is valid")
    })
}

const WORDS: [&str; 12] = [
    "organisation", "respondent", "group", "date", "policy-1", "policy-2", "statement", "answer",
    "weet niet", "n.v.t.", "3", "staff",
];

/// Reads cells from bytes: 4 bytes position and kind per cell, small alphabet of values.
fn workbook(data: &[u8]) -> Workbook {
    let mut cells = Vec::new();
    let mut merged = Vec::new();
    for chunk in data.chunks_exact(4) {
        let (row, col) = (u32::from(chunk[0] % 12), u32::from(chunk[1] % 10));
        let value = match chunk[2] % 7 {
            0 => CellValue::Text(WORDS[usize::from(chunk[3]) % WORDS.len()].to_owned()),
            1 => CellValue::Number(f64::from(chunk[3]) / 8.0),
            2 => CellValue::Bool(chunk[3] % 2 == 0),
            3 => CellValue::Date(format!("2026-0{}-1{}", chunk[3] % 9 + 1, chunk[3] % 9)),
            4 => CellValue::Error("#N/A".into()),
            5 => CellValue::Text(String::from_utf8_lossy(&chunk[3..]).into_owned()),
            _ => {
                merged.push(MergedRange { first: CellRef::new(row, col), last: CellRef::new(row + 1, col) });
                continue;
            }
        };
        cells.push(Cell { row, col, value });
    }
    Workbook { sheets: vec![Sheet { name: "S".into(), cells, merged }] }
}

fuzz_target!(|data: &[u8]| {
    let validated = validate_workbook(&workbook(data), model(), "13008");
    for problem in &validated.problems {
        for lang in Lang::ALL {
            let _ = problem.message(lang);
        }
    }
});
