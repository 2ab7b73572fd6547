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
///
/// The csv crate splits the records (RFC 4180 with the leniency of spreadsheet programs). A
/// spreadsheet shows one row per record and one empty row per blank line, so a cell reference
/// matches the row number a spreadsheet shows for the file: a quoted field spanning several
/// lines is still one row. Every blank line counts against the budget as one empty cell.
pub fn read_csv(bytes: &[u8], sheet_name: &str, max_cells: u64) -> Result<Sheet, ReadFailure> {
    if bytes.is_empty() {
        return Err(ReadFailure::Empty);
    }
    let text = decode_text(bytes);
    // Excel's "sep=;" hint line names the separator and is not data.
    // Excel hides that line, so the rows after it are numbered from 1 as Excel shows them.
    let (text, hinted) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            // Only a one-byte (ASCII) separator can split; any other hint is sniffed over.
            let hint = first.trim().as_bytes().get(4).copied();
            (rest.to_owned(), hint.filter(u8::is_ascii))
        }
        _ => (text, None),
    };
    if text.contains('\0') {
        return Err(ReadFailure::NotASpreadsheet);
    }
    let delimiter = hinted.unwrap_or_else(|| sniff_delimiter(&text));
    let mut sheet = Sheet {
        name: sheet_name.to_owned(),
        ..Sheet::default()
    };
    let mut seen: u64 = 0;
    let mut count = |cells: u64| -> Result<(), ReadFailure> {
        seen = seen.saturating_add(cells);
        if seen > max_cells {
            return Err(ReadFailure::TooManyCells { limit: max_cells });
        }
        Ok(())
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let source = text.as_bytes();
    let mut record = csv::ByteRecord::new();
    // The csv crate skips blank lines, and the line in a record's position is where the reader
    // stood after the previous record (before the skipped lines; a lone `\r` ends no line for
    // it). So the blank lines are counted from the bytes each read consumed instead: they lead
    // them, ahead of the record's first field.
    let (mut consumed, mut next_row) = (0usize, 0u32);
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|error| ReadFailure::Damaged(error.to_string()))?;
        let end = usize::try_from(reader.position().byte())
            .unwrap_or(usize::MAX)
            .min(source.len());
        let blank = blank_lines_before_record(source, consumed.min(end), end);
        count(u64::from(blank))?;
        consumed = end;
        if !more {
            return Ok(sheet);
        }
        let row = next_row.saturating_add(blank);
        next_row = row.saturating_add(1);
        count(record.len() as u64)?;
        for (col, field) in record.iter().enumerate() {
            let field = String::from_utf8_lossy(field);
            if !field.trim().is_empty() {
                let col = u32::try_from(col).unwrap_or(u32::MAX);
                let value = CellValue::Text(field.into_owned());
                sheet.cells.push(Cell { row, col, value });
            }
        }
    }
}

/// The line breaks (`\r\n`, `\n` or a lone `\r`) that lead `source[start..end]`: the blank
/// lines the csv crate skipped before the record it read there. A `\n` that completes the
/// previous record's `\r\n` is not one.
fn blank_lines_before_record(source: &[u8], start: usize, end: usize) -> u32 {
    let mut breaks = 0u32;
    for at in start..end {
        match source[at] {
            b'\r' => breaks = breaks.saturating_add(1),
            b'\n' if at > 0 && source[at - 1] == b'\r' => {}
            b'\n' => breaks = breaks.saturating_add(1),
            _ => break,
        }
    }
    breaks
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
    fn blank_lines_are_rows_so_later_rows_keep_their_numbers() {
        // Leading, LF, CRLF and lone-CR (old Mac Excel) blank lines each count as one row.
        let sheet = read_csv(b"\na\n\n\nb\r\n\r\nc\r\rd\n\n", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![
                (1, 0, "a".into()),
                (4, 0, "b".into()),
                (6, 0, "c".into()),
                (8, 0, "d".into())
            ]
        );
    }

    #[test]
    fn a_quoted_field_spanning_lines_is_one_row_as_a_spreadsheet_shows_it() {
        let bytes = b"\"line 1\r\nline 2; \"\"quoted\"\"\";x\n\ny;\"\"\n";
        assert_eq!(
            texts(&read_csv(bytes, "x", 100).unwrap()),
            vec![
                (0, 0, "line 1\r\nline 2; \"quoted\"".into()),
                (0, 1, "x".into()),
                (2, 0, "y".into())
            ]
        );
    }

    #[test]
    fn the_sep_hint_line_is_not_a_row() {
        let sheet = read_csv(b"sep=;\r\na,b;c\n\nd\n", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![(0, 0, "a,b".into()), (0, 1, "c".into()), (2, 0, "d".into())]
        );
    }

    #[test]
    fn records_may_have_more_or_fewer_fields_than_the_first() {
        let sheet = read_csv(b"a,b,c\nd\ne,f,g,h\n", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![
                (0, 0, "a".into()),
                (0, 1, "b".into()),
                (0, 2, "c".into()),
                (1, 0, "d".into()),
                (2, 0, "e".into()),
                (2, 1, "f".into()),
                (2, 2, "g".into()),
                (2, 3, "h".into())
            ]
        );
    }

    #[test]
    fn malformed_quoting_is_read_leniently() {
        // An unterminated quote runs to the end of the file; a stray quote is kept as text.
        let sheet = read_csv(b"a;b\"c\"d;\"e\nf", "x", 100).unwrap();
        assert_eq!(
            texts(&sheet),
            vec![
                (0, 0, "a".into()),
                (0, 1, "b\"c\"d".into()),
                (0, 2, "e\nf".into())
            ]
        );
        // A quote named as the separator, or a non-ASCII one, reads without failing.
        assert!(read_csv(b"sep=\"\na\"b\n", "x", 100).is_ok());
        let sheet = read_csv("sep=é\na;b\n".as_bytes(), "x", 100).unwrap();
        assert_eq!(texts(&sheet), vec![(0, 0, "a".into()), (0, 1, "b".into())]);
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
