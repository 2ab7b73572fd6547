//! Text helpers: sanitising, XML escaping, wrapping and width estimates.
//!
//! The SVG backend of plotters writes `<text>` elements without measuring anything (the
//! browser lays the text out), so the layout here uses a deliberately generous estimate of
//! the average glyph width of a sans-serif font instead of font metrics.

/// Average advance of one character, as a fraction of the font size, for a sans-serif font
/// and mixed-case Dutch text: DejaVu Sans, the widest common default, averages about 0.6;
/// Arial and Helvetica about 0.5, so layouts err on the roomy side there.
pub(crate) const CHAR_WIDTH_EM: f64 = 0.6;

/// The character that starts the internal attribute markers in the raw plotters output. It is
/// removed from every piece of caller text, so caller text can never look like a marker.
pub(crate) const MARK: char = '\u{E000}';

/// Makes caller text safe to embed: control characters become spaces (XML 1.0 forbids most
/// of them and a newline would break the one-line layout), characters that XML forbids and
/// the internal marker character are dropped, and runs of whitespace collapse to one space.
pub(crate) fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == MARK || c == '\u{FFFE}' || c == '\u{FFFF}' {
            continue;
        }
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Escapes text for XML element content and attribute values.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Estimated rendered width of `text` at `font_px`.
pub(crate) fn estimate_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH_EM * font_px
}

/// How many characters fit in `width_px` at `font_px` (at least 4).
pub(crate) fn chars_fitting(width_px: f64, font_px: f64) -> usize {
    ((width_px / (CHAR_WIDTH_EM * font_px)).floor() as usize).max(4)
}

/// Wraps `text` greedily at spaces into at most `max_lines` lines of at most `max_chars`
/// characters. A word longer than a line is broken with a hyphen; text that does not fit in
/// `max_lines` lines ends in an ellipsis. Always returns at least one line.
pub(crate) fn wrap(text: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let max_chars = max_chars.max(4);
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0usize;
    let mut overflow = false;

    // Break over-long words into pieces that fit on a line.
    let mut pieces: Vec<(String, bool)> = Vec::new(); // (piece, starts a new word)
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() <= max_chars {
            pieces.push((word.to_string(), true));
        } else {
            let mut start = 0;
            let mut first = true;
            while start < chars.len() {
                let rest = chars.len() - start;
                let take = if rest <= max_chars {
                    rest
                } else {
                    max_chars - 1
                };
                let mut piece: String = chars[start..start + take].iter().collect();
                if start + take < chars.len() {
                    piece.push('-');
                }
                pieces.push((piece, first));
                first = false;
                start += take;
            }
        }
    }

    for (piece, new_word) in pieces {
        let piece_len = piece.chars().count();
        let joined_len = if current.is_empty() {
            piece_len
        } else {
            current_len + 1 + piece_len
        };
        if !current.is_empty() && (joined_len > max_chars || !new_word) {
            lines.push(std::mem::take(&mut current));
            current_len = 0;
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
        if !current.is_empty() {
            current.push(' ');
            current_len += 1;
        }
        current.push_str(&piece);
        current_len += piece_len;
    }
    if !overflow && !current.is_empty() {
        lines.push(current);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if overflow {
        let last = lines.last_mut().expect("at least one line");
        *last = with_ellipsis(last.trim_end_matches('-'), max_chars);
    }
    lines
}

/// Shortens `text` to at most `max_chars` characters, ending in an ellipsis when cut.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    with_ellipsis(text, max_chars)
}

/// `text` cut to leave room for "…" within `max_chars`, preferably after a whole word (when
/// that keeps at least half of the room), followed by "…".
fn with_ellipsis(text: &str, max_chars: usize) -> String {
    let room = max_chars.saturating_sub(1);
    let mut kept: Vec<char> = text.chars().take(room).collect();
    let whole_word = text.chars().nth(room).is_none_or(|c| c == ' ');
    if !whole_word {
        if let Some(space) = kept.iter().rposition(|&c| c == ' ') {
            if space * 2 >= room {
                kept.truncate(space);
            }
        }
    }
    while kept.last().is_some_and(|c| *c == ' ' || *c == ',') {
        kept.pop();
    }
    kept.into_iter().collect::<String>() + "…"
}

/// Formats a score with one decimal, with a decimal comma when asked (Dutch, French).
pub(crate) fn format_score(value: f64, decimal_comma: bool) -> String {
    // Round half away from zero (2.25 → 2.3), as people expect, not half to even.
    let s = format!("{:.1}", (value * 10.0).round() / 10.0);
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_controls_and_marker() {
        assert_eq!(sanitize("  a\nb\t\u{0}c \u{E000}d  "), "a b c d");
    }

    #[test]
    fn escape_all_specials() {
        assert_eq!(
            escape_xml(r#"A & B <C> "d" 'e'"#),
            "A &amp; B &lt;C&gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn wrap_long_dutch_label() {
        let lines = wrap(
            "Meldkanalen, vertrouwenspersonen en klokkenluidersbescherming",
            26,
            3,
        );
        assert_eq!(
            lines,
            vec![
                "Meldkanalen,",
                "vertrouwenspersonen en",
                "klokkenluidersbescherming"
            ]
        );
    }

    #[test]
    fn wrap_breaks_overlong_words_and_truncates() {
        let lines = wrap("abcdefghijklmnop", 6, 2);
        assert_eq!(lines, vec!["abcde-", "fghij…"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 6));
        let lines = wrap("een twee drie vier vijf zes zeven", 9, 2);
        assert_eq!(lines, vec!["een twee", "drie…"]);
        assert_eq!(wrap("", 10, 2), vec![String::new()]);
    }

    #[test]
    fn wrap_never_exceeds_limits() {
        let text = "Integriteitsbeleid en -cultuur: leiderschap, voorbeeldgedrag en aanspreekbaarheid in de organisatie";
        for max_chars in 4..40 {
            for max_lines in 1..4 {
                let lines = wrap(text, max_chars, max_lines);
                assert!(lines.len() <= max_lines);
                assert!(
                    lines.iter().all(|l| l.chars().count() <= max_chars),
                    "{lines:?}"
                );
            }
        }
    }

    #[test]
    fn truncate_and_format() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(
            truncate("Mediaan van de vergelijkingsgroep", 20),
            "Mediaan van de…"
        );
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(format_score(2.25, true), "2,3");
        assert_eq!(format_score(3.0, false), "3.0");
    }
}
