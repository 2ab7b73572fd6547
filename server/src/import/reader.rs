//! Reading an uploaded file into cells. This runs inside the sandboxed child process (see
//! [`super::sandbox`]): calamine can abort the process on hostile input, and an abort in here
//! costs a child, not the server.
//!
//! Cheap checks come first so ordinary mistakes get a plain message: the format is decided
//! from the bytes (not the file name), a zip's declared unpacked size is held to a budget, and
//! cells are read with calamine's streaming reader and counted as they come.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, XlsxError};
use quickscan_domain::import::{
    read_csv, Cell, CellRef, CellValue, MergedRange, ReadFailure, Sheet, Workbook, MAX_CELLS,
};

/// The most a zip-based spreadsheet may declare to unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// The most entries a zip-based spreadsheet may hold.
const MAX_ZIP_ENTRIES: usize = 10_000;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
    Csv,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads any supported spreadsheet. `file_name` names a CSV file's one sheet.
pub fn read_spreadsheet(bytes: &[u8], file_name: &str) -> Result<Workbook, ReadFailure> {
    if bytes.is_empty() {
        return Err(ReadFailure::Empty);
    }
    match sniff(bytes)? {
        Format::Csv => {
            let sheet = read_csv(bytes, sheet_name_for_csv(file_name), MAX_CELLS)?;
            Ok(Workbook {
                sheets: vec![sheet],
            })
        }
        Format::Xlsx => read_xlsx(bytes),
        Format::Ods => read_ranges(
            Ods::new(Cursor::new(bytes)).map_err(ods_failure)?,
            ods_failure,
        ),
        Format::Xls => read_ranges(
            Xls::new(Cursor::new(bytes)).map_err(xls_failure)?,
            xls_failure,
        ),
    }
}

fn sheet_name_for_csv(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if base.is_empty() {
        "csv"
    } else {
        base
    }
}

/// Decides the format from the content.
fn sniff(bytes: &[u8]) -> Result<Format, ReadFailure> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return zip_format(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx is an OLE container with an "EncryptedPackage" stream.
        if contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo") {
            return Err(ReadFailure::PasswordProtected);
        }
        return Ok(Format::Xls);
    }
    // Excel 2.x–4.x and Lotus 1-2-3 worksheets: BIFF2-4 BOF records and the WK1/WK3 headers.
    let legacy: [&[u8]; 5] = [
        b"\x09\x00\x04\x00",
        b"\x09\x02",
        b"\x09\x04",
        b"\x00\x00\x02\x00\x06\x04",
        b"\x00\x00\x1a\x00",
    ];
    if legacy.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(ReadFailure::LegacyFormat);
    }
    if looks_like_text(bytes) {
        return Ok(Format::Csv);
    }
    Err(ReadFailure::NotASpreadsheet)
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(pattern.len())
        .any(|w| w == pattern.as_slice())
}

/// Text has no NUL bytes (UTF-16 text carries a BOM and is let through for the CSV reader).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    !head.contains(&0) && !head.iter().any(|&b| b < 0x09 || (0x0E..0x1B).contains(&b))
}

/// A zip's kind from its entries, after holding its declared sizes to the budget.
fn zip_format(bytes: &[u8]) -> Result<Format, ReadFailure> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadFailure::Damaged(format!("zip: {e}")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ReadFailure::Damaged(format!(
            "{} zip entries",
            archive.len()
        )));
    }
    let mut archive = archive;
    let mut unpacked: u64 = 0;
    let (mut xlsx, mut has_content, mut encrypted) = (false, false, false);
    let mut mimetype_index = None;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| ReadFailure::Damaged(format!("zip: {e}")))?;
        unpacked = unpacked.saturating_add(entry.size());
        let name = entry
            .name()
            .map_err(|e| ReadFailure::Damaged(format!("zip: {e}")))?;
        match name.as_ref() {
            "xl/workbook.xml" => xlsx = true,
            "content.xml" => has_content = true,
            "mimetype" => mimetype_index = Some(index),
            name if name.eq_ignore_ascii_case("EncryptedPackage") => encrypted = true,
            _ => {}
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(ReadFailure::Inflates {
            bytes: unpacked,
            limit: MAX_UNPACKED_BYTES,
        });
    }
    if encrypted {
        return Err(ReadFailure::PasswordProtected);
    }
    if let Some(index) = mimetype_index {
        let mut mime = String::new();
        if let Ok(entry) = archive.by_index(index) {
            let _ = entry.take(200).read_to_string(&mut mime);
        }
        if mime.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
            return Ok(Format::Ods);
        }
        if !xlsx {
            return Err(ReadFailure::NotASpreadsheet);
        }
    }
    if xlsx {
        Ok(Format::Xlsx)
    } else if has_content && mimetype_index.is_some() {
        Ok(Format::Ods)
    } else {
        Err(ReadFailure::NotASpreadsheet)
    }
}

fn xlsx_failure(error: XlsxError) -> ReadFailure {
    match error {
        XlsxError::Password => ReadFailure::PasswordProtected,
        other => ReadFailure::Damaged(other.to_string()),
    }
}

fn ods_failure(error: calamine::OdsError) -> ReadFailure {
    match error {
        calamine::OdsError::Password => ReadFailure::PasswordProtected,
        other => ReadFailure::Damaged(other.to_string()),
    }
}

fn xls_failure(error: calamine::XlsError) -> ReadFailure {
    match error {
        calamine::XlsError::Password => ReadFailure::PasswordProtected,
        other => ReadFailure::Damaged(other.to_string()),
    }
}

fn date_value(dt: &calamine::ExcelDateTime) -> CellValue {
    if dt.is_duration() {
        return CellValue::Text(format!("{}", dt.as_f64()));
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    CellValue::Date(format!("{y:04}-{m:02}-{d:02}"))
}

fn iso_date(text: &str) -> CellValue {
    CellValue::Date(text.split('T').next().unwrap_or(text).to_owned())
}

fn value_of_ref(data: &DataRef<'_>) -> Option<CellValue> {
    Some(match data {
        DataRef::Empty => return None,
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_owned()),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(dt) => date_value(dt),
        DataRef::DateTimeIso(s) => iso_date(s),
        DataRef::DurationIso(s) => CellValue::Text(s.clone()),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
    })
}

fn value_of(data: &Data) -> Option<CellValue> {
    Some(match data {
        Data::Empty => return None,
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => date_value(dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
    })
}

fn merged(dimensions: &[calamine::Dimensions]) -> Vec<MergedRange> {
    dimensions
        .iter()
        .map(|d| MergedRange {
            first: CellRef::new(d.start.0, d.start.1),
            last: CellRef::new(d.end.0, d.end.1),
        })
        .collect()
}

/// xlsx and xlsm: streamed cell by cell, bounded by the cells actually present.
fn read_xlsx(bytes: &[u8]) -> Result<Workbook, ReadFailure> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_failure)?;
    let names = workbook.sheet_names();
    let mut seen: u64 = 0;
    let mut sheets = Vec::new();
    for name in names {
        let mut cells = Vec::new();
        {
            let mut reader = workbook
                .worksheet_cells_reader(&name)
                .map_err(xlsx_failure)?;
            while let Some(cell) = reader.next_cell().map_err(xlsx_failure)? {
                seen += 1;
                if seen > MAX_CELLS {
                    return Err(ReadFailure::TooManyCells { limit: MAX_CELLS });
                }
                let (row, col) = cell.get_position();
                if let Some(value) = value_of_ref(cell.get_value()) {
                    cells.push(Cell { row, col, value });
                }
            }
        }
        let merged_cells = workbook
            .merge_cells_by_sheet_name(&name)
            .map(|d| merged(&d))
            .unwrap_or_default();
        sheets.push(Sheet {
            name,
            cells,
            merged: merged_cells,
        });
    }
    Ok(Workbook { sheets })
}

/// ods and xls have no streaming reader in calamine; the child's memory limit bounds them.
fn read_ranges<R, RS, E>(
    mut workbook: R,
    failure: fn(E) -> ReadFailure,
) -> Result<Workbook, ReadFailure>
where
    R: Reader<RS, Error = E>,
    RS: Read + Seek,
{
    let mut seen: u64 = 0;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(failure)?;
        let mut cells = Vec::new();
        for (row, col, data) in range.used_cells() {
            seen += 1;
            if seen > MAX_CELLS {
                return Err(ReadFailure::TooManyCells { limit: MAX_CELLS });
            }
            if let Some(value) = value_of(data) {
                let (row, col) = (
                    range.start().map_or(0, |s| s.0) + row as u32,
                    range.start().map_or(0, |s| s.1) + col as u32,
                );
                cells.push(Cell { row, col, value });
            }
        }
        sheets.push(Sheet {
            name,
            cells,
            merged: vec![],
        });
    }
    Ok(Workbook { sheets })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_bytes() {
        assert_eq!(sniff(b"a;b\n1;2\n"), Ok(Format::Csv));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ReadFailure::NotASpreadsheet)
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n\x01\x02\x03\0"),
            Err(ReadFailure::NotASpreadsheet)
        );
        assert_eq!(
            sniff(b"\x09\x04\x06\x00\x00\x00"),
            Err(ReadFailure::LegacyFormat)
        );
        assert!(matches!(
            sniff(b"PK\x03\x04garbage"),
            Err(ReadFailure::Damaged(_))
        ));
    }

    #[test]
    fn an_empty_file_is_named() {
        assert_eq!(read_spreadsheet(b"", "x.xlsx"), Err(ReadFailure::Empty));
    }
}
