//! Spreadsheet import, the pure part: cells in, respondents and precisely named problems out.
//!
//! Reading xlsx/xls/ods happens elsewhere (calamine, in a sandboxed child process) and yields
//! a [`Workbook`]; CSV is read here because it needs no unpacking. [`validate_workbook`] is the
//! dry run: it decides what would be written, and nothing is written without it.

pub mod answer_text;
pub mod cells;
pub mod csv_text;
pub mod problem;
pub mod validate;

pub use cells::{
    column_letters, date_from_excel_serial, Cell, CellRef, CellValue, MergedRange, Sheet, Workbook,
};
pub use csv_text::read_csv;
pub use problem::{ColumnRole, ImportNotice, ImportProblem, Location, ProblemKind, ReadFailure};
pub use validate::{
    parse_group, validate_workbook, ImportedRespondent, Layout, Validated, MAX_PROBLEMS,
    MAX_RESPONDENTS,
};

use crate::MaturityModel;

/// The most cells (empty ones included) a file may have.
pub const MAX_CELLS: u64 = 500_000;

/// The whole dry run of a CSV file: decode, split, validate. The fuzz target's entry point.
pub fn dry_run_csv(
    bytes: &[u8],
    file_name: &str,
    model: &MaturityModel,
    organisation_code: &str,
) -> Validated {
    match read_csv(bytes, file_name, MAX_CELLS) {
        Ok(sheet) => validate_workbook(
            &Workbook {
                sheets: vec![sheet],
            },
            model,
            organisation_code,
        ),
        Err(failure) => Validated::failed(ImportProblem::unreadable(failure)),
    }
}

#[cfg(test)]
mod tests;
