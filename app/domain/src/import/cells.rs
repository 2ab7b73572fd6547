//! A spreadsheet as plain data: the cells that hold something, with their positions.
//!
//! This is what crosses the boundary between the sandboxed reader (calamine, in a child
//! process) and validation, so it is small, serde-friendly and sparse: a sheet with cells at
//! A1 and XFD1048576 is two cells here, not seventeen billion.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What one cell holds. Formulas arrive as their last computed value, never re-evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CellValue {
    /// Text, as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date, as `YYYY-MM-DD` (time of day dropped).
    Date(String),
    /// A formula error such as `#N/A`.
    Error(String),
}

/// One non-empty cell. Rows and columns count from 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Row, from 0 (spreadsheet row 1).
    pub row: u32,
    /// Column, from 0 (column A).
    pub col: u32,
    /// What it holds.
    pub value: CellValue,
}

/// A block of merged cells, inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedRange {
    /// Top-left cell.
    pub first: CellRef,
    /// Bottom-right cell.
    pub last: CellRef,
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sheet {
    /// Its name as the workbook shows it (a CSV file has one sheet named after the file).
    pub name: String,
    /// Its non-empty cells, in any order.
    pub cells: Vec<Cell>,
    /// Its merged blocks.
    pub merged: Vec<MergedRange>,
}

/// A whole workbook.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Workbook {
    /// Its worksheets, in workbook order.
    pub sheets: Vec<Sheet>,
}

/// A cell position, shown the way spreadsheets show it (`D7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// Row, from 0.
    pub row: u32,
    /// Column, from 0.
    pub col: u32,
}

impl CellRef {
    /// The cell at a 0-based row and column.
    pub fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`.
pub fn column_letters(col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), u64::from(self.row) + 1)
    }
}

/// The calendar date of an Excel serial day number (1900 date system, as calamine reports it).
///
/// Serial 1 is 1900-01-01 and Excel's fictitious 1900-02-29 is serial 60, so from serial 61 on
/// the day count starts at 1899-12-30. Returns `None` outside 1900–9999.
pub fn date_from_excel_serial(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let whole = serial.floor() as i64;
    let days_since_1899_12_30 = if whole < 61 { whole + 1 } else { whole };
    // Days from 1970-01-01 to 1899-12-30 are -25569.
    let (y, m, d) = civil_from_days(days_since_1899_12_30 - 25_569);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Howard Hinnant's days-to-civil algorithm: (year, month, day) of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet_alphabet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(CellRef::new(6, 3).to_string(), "D7");
    }

    #[test]
    fn excel_serials_become_calendar_dates() {
        assert_eq!(date_from_excel_serial(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(date_from_excel_serial(59.0).as_deref(), Some("1900-02-28"));
        assert_eq!(date_from_excel_serial(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(
            date_from_excel_serial(45_658.0).as_deref(),
            Some("2025-01-01")
        );
        assert_eq!(
            date_from_excel_serial(46_111.75).as_deref(),
            Some("2026-03-30")
        );
        assert_eq!(date_from_excel_serial(-3.0), None);
        assert_eq!(date_from_excel_serial(f64::NAN), None);
    }
}
