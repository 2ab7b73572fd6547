//! Exports as csv and xlsx: a table of text and numbers, written safely for spreadsheets.
//!
//! Every text cell that a spreadsheet could read as a formula or command (starting with
//! `=`, `+`, `-`, `@`, a tab, a carriage return or another control character) is prefixed
//! with an apostrophe, in csv and xlsx alike (CSV/formula injection).

pub mod tables;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, neutralised when written.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

/// A named sheet: a header row and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (also the csv's subject).
    pub name: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// Makes text safe to open in a spreadsheet: a leading formula or control character gets an
/// apostrophe in front, so it is shown as text and never run.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some(first) if matches!(first, '=' | '+' | '-' | '@') || first.is_control() => {
            format!("'{text}")
        }
        _ => text.to_owned(),
    }
}

fn csv_field(text: &str) -> String {
    let text = neutralise(text);
    if text.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn number_text(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

/// The sheet as csv (comma separated, UTF-8 with BOM so spreadsheet programs read accents).
pub fn to_csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(sheet.header.iter().map(|h| csv_field(h)).collect()));
    for row in &sheet.rows {
        out.push_str(&line(
            row.iter()
                .map(|cell| match cell {
                    Cell::Text(text) => csv_field(text),
                    Cell::Number(value) => number_text(*value),
                    Cell::Empty => String::new(),
                })
                .collect(),
        ));
    }
    out
}

/// The sheets as an xlsx workbook.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let decimals = Format::new().set_num_format("0.00");
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\.
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        worksheet.set_name(if name.is_empty() { "Sheet" } else { &name })?;
        for (column, header) in (0u16..).zip(&sheet.header) {
            worksheet.write_string_with_format(0, column, neutralise(header), &bold)?;
        }
        for (row_index, row) in (1u32..).zip(&sheet.rows) {
            for (column, cell) in (0u16..).zip(row) {
                match cell {
                    Cell::Text(text) => {
                        worksheet.write_string(row_index, column, neutralise(text))?;
                    }
                    Cell::Number(value) => {
                        worksheet.write_number_with_format(row_index, column, *value, &decimals)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        worksheet.set_freeze_panes(1, 0)?;
        worksheet.autofit();
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_and_control_starts_are_neutralised() {
        for hostile in [
            "=HYPERLINK(\"http://x\")",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(neutralise(hostile).starts_with('\''), "{hostile:?}");
        }
        assert_eq!(neutralise("Geel"), "Geel");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn csv_quotes_separators_and_quotes() {
        let sheet = Sheet {
            name: "t".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::from("x, \"y\""), Cell::Number(2.3456)]],
        };
        assert_eq!(to_csv(&sheet), "\u{feff}a,b\r\n\"x, \"\"y\"\"\",2.35\r\n");
    }
}
