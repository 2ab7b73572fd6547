//! CSV as Belgian offices really save it: comma, semicolon or tab separated; UTF-8 with or
//! without BOM, UTF-16 with BOM, or Windows-1252 (Excel's "CSV" on a Dutch or French Windows).

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::cells::{Cell, CellValue, Sheet};
use super::problem::ReadFailure;

/// Turns the file's bytes into text, choosing the encoding the way a person saved it.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return UTF_16LE.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return UTF_16BE.decode_without_bom_handling(rest).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        // Not UTF-8: Excel on Windows writes the ANSI code page, which in Belgium is 1252.
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The separator of the first non-empty line: the most frequent of `;`, tab and `,` outside
/// quotes. Semicolon wins ties, as it is what Excel writes where the decimal mark is a comma.
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (delimiter, count) in counts.iter_mut() {
                if *delimiter == byte {
                    *count += 1;
                }
            }
        }
    }
    counts
        .iter()
        .fold(
            (b';', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Reads a CSV file into one sheet of text cells, refusing more than `max_cells` fields.
pub fn read_csv(bytes: &[u8], sheet_name: &str, max_cells: u64) -> Result<Sheet, ReadFailure> {
    if bytes.is_empty() {
        return Err(ReadFailure::Empty);
    }
    let text = decode_text(bytes);
    // Excel's "sep=;" hint line names the separator and is not data.
    // Excel hides that line, so the rows after it are numbered from 1 as Excel shows them.
    let (text, hinted) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            let hint = first.trim().as_bytes().get(4).copied();
            (rest.to_owned(), hint)
        }
        _ => (text, None),
    };
    if text.contains('\0') {
        return Err(ReadFailure::NotASpreadsheet);
    }
    let delimiter = char::from(hinted.unwrap_or_else(|| sniff_delimiter(&text)));
    let mut sheet = Sheet {
        name: sheet_name.to_owned(),
        ..Sheet::default()
    };
    let mut seen: u64 = 0;
    let mut push = |row: u32, col: u32, field: &mut String| -> Result<(), ReadFailure> {
        seen += 1;
        if seen > max_cells {
            return Err(ReadFailure::TooManyCells { limit: max_cells });
        }
        if !field.trim().is_empty() {
            let value = CellValue::Text(std::mem::take(field));
            sheet.cells.push(Cell { row, col, value });
        }
        field.clear();
        Ok(())
    };
    // RFC 4180 with the leniency of spreadsheet programs. Every line is a row, blank ones too,
    // so a cell reference matches the row number a spreadsheet shows for the file.
    let (mut row, mut col) = (0u32, 0u32);
    let mut field = String::new();
    let (mut quoted, mut field_started) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if !field_started => {
                quoted = true;
                field_started = true;
            }
            c if c == delimiter => {
                push(row, col, &mut field)?;
                col = col.saturating_add(1);
                field_started = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                push(row, col, &mut field)?;
                row = row.saturating_add(1);
                col = 0;
                field_started = false;
            }
            other => {
                field.push(other);
                field_started = true;
            }
        }
    }
    if field_started || !field.is_empty() {
        push(row, col, &mut field)?;
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<(u32, u32, String)> {
        sheet
            .cells
            .iter()
            .map(|c| match &c.value {
                CellValue::Text(t) => (c.row, c.col, t.clone()),
                other => panic!("not text: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_encoding_a_belgian_office_saves_reads_the_same() {
        let expected = vec![(0, 0, "naam".to_owned()), (0, 1, "Geel é ë".to_owned())];
        let utf8 = "naam;Geel é ë\n".as_bytes().to_vec();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(&utf8);
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "naam;Geel é ë\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let cp1252 = b"naam;Geel \xE9 \xEB\r\n".to_vec();
        for bytes in [utf8, bom, utf16, cp1252] {
            assert_eq!(texts(&read_csv(&bytes, "x", 100).unwrap()), expected);
        }
    }

    #[test]
    fn the_separator_is_whatever_the_first_line_uses() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c,d"), b',');
        let sheet = read_csv(b"sep=,\na;b,c\n", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![(0, 0, "a;b".into()), (0, 1, "c".into())]
        );
    }

    #[test]
    fn quoted_fields_empty_cells_and_ragged_rows() {
        let sheet = read_csv(b"a;;\"b;\"\"c\"\"\"\n\n;x\n", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![
                (0, 0, "a".into()),
                (0, 2, "b;\"c\"".into()),
                (2, 1, "x".into())
            ]
        );
    }

    #[test]
    fn budgets_and_binary_files_are_refused() {
        assert_eq!(read_csv(b"", "x", 10), Err(ReadFailure::Empty));
        assert_eq!(
            read_csv(b"a;b;c;d\n", "x", 3),
            Err(ReadFailure::TooManyCells { limit: 3 })
        );
        assert_eq!(
            read_csv(b"PNG\0\0\x01", "x", 10),
            Err(ReadFailure::NotASpreadsheet)
        );
    }
}
