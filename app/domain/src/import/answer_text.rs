//! Answers as people type them in a spreadsheet: `3`, `3,0`, `ingebed`, `3 - established`,
//! `weet niet`, `N/A`. Case, surrounding spaces and non-breaking spaces do not matter.

use crate::{AnswerValue, Lang, MaturityLevel};

/// Why a cell is not an answer. The cell's own text goes into the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAnAnswer {
    /// A number, but not a whole number from 0 to 4.
    OffScale(String),
    /// Words that are no answer in any language.
    Unknown(String),
}

const DONT_KNOW: &[&str] = &[
    "weet niet",
    "weet ik niet",
    "ik weet het niet",
    "wn",
    "don't know",
    "dont know",
    "do not know",
    "dk",
    "ne sait pas",
    "je ne sais pas",
    "ne sais pas",
    "nsp",
    "dont_know",
    "?",
];

const NOT_APPLICABLE: &[&str] = &[
    "n.v.t.",
    "n.v.t",
    "nvt",
    "niet van toepassing",
    "n/a",
    "na",
    "n.a.",
    "not applicable",
    "sans objet",
    "s.o.",
    "so",
    "non applicable",
    "pas d'application",
    "not_applicable",
];

/// Lowercases, trims (also non-breaking spaces), folds curly apostrophes and runs of spaces.
pub fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '´' => '\'',
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => ' ',
            other => other,
        })
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The short level name: the label before its explanation in brackets (`ingebed`).
fn short_label(level: MaturityLevel, lang: Lang) -> String {
    let label = level.label(lang);
    normalise(label.split(" (").next().unwrap_or(label))
}

fn level_by_name(text: &str) -> Option<MaturityLevel> {
    MaturityLevel::ALL.into_iter().find(|level| {
        Lang::ALL
            .into_iter()
            .any(|lang| text == normalise(level.label(lang)) || text == short_label(*level, lang))
    })
}

/// A level named by a statement's own answer labels (its scale), in any language.
pub fn level_by_scale(scale: &crate::AnswerScale, text: &str) -> Option<MaturityLevel> {
    let norm = normalise(text);
    scale
        .levels
        .iter()
        .position(|label| {
            Lang::ALL
                .into_iter()
                .any(|lang| normalise(label.get(lang)) == norm)
        })
        .and_then(|index| MaturityLevel::from_number(index as u8))
}

/// A number written as a maturity level: whole and within 0–4.
pub fn level_from_number(number: f64) -> Result<AnswerValue, NotAnAnswer> {
    if number.fract() == 0.0 && (0.0..=4.0).contains(&number) {
        if let Some(level) = MaturityLevel::from_number(number as u8) {
            return Ok(AnswerValue::Level(level));
        }
    }
    Err(NotAnAnswer::OffScale(format_number(number)))
}

/// A number as a person would write it back: `3`, `2.5`.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// Parses an answer typed as text. Empty text is not an answer; callers skip empty cells first.
pub fn parse_answer_text(text: &str) -> Result<AnswerValue, NotAnAnswer> {
    let norm = normalise(text);
    let shown = text.trim().to_owned();
    if DONT_KNOW.contains(&norm.as_str()) {
        return Ok(AnswerValue::DontKnow);
    }
    if NOT_APPLICABLE.contains(&norm.as_str()) {
        return Ok(AnswerValue::NotApplicable);
    }
    if let Ok(number) = norm.replace(',', ".").parse::<f64>() {
        return level_from_number(number).map_err(|_| NotAnAnswer::OffScale(shown));
    }
    if let Some(level) = level_by_name(&norm) {
        return Ok(AnswerValue::Level(level));
    }
    // "3 - ingebed", "3: established", "3 – établi": a digit and that level's name.
    let mut chars = norm.chars();
    if let Some(digit) = chars.next().and_then(|c| c.to_digit(10)) {
        let rest = chars
            .as_str()
            .trim_start_matches([' ', '-', '–', ':', '.', '='])
            .trim();
        if let Some(level) = MaturityLevel::from_number(digit as u8) {
            if level_by_name(rest) == Some(level) {
                return Ok(AnswerValue::Level(level));
            }
        }
    }
    Err(NotAnAnswer::Unknown(shown))
}

#[cfg(test)]
mod tests {
    use super::*;
    use MaturityLevel::*;

    fn level(l: MaturityLevel) -> Result<AnswerValue, NotAnAnswer> {
        Ok(AnswerValue::Level(l))
    }

    #[test]
    fn numbers_in_any_notation_on_the_scale_are_levels() {
        assert_eq!(parse_answer_text("3"), level(Established));
        assert_eq!(parse_answer_text(" 0 "), level(Absent));
        assert_eq!(parse_answer_text("2,0"), level(Developing));
        assert_eq!(parse_answer_text("4.0"), level(Advanced));
        assert_eq!(level_from_number(1.0), level(Initial));
    }

    #[test]
    fn level_names_count_in_every_language_and_case() {
        assert_eq!(parse_answer_text("Ingebed"), level(Established));
        assert_eq!(parse_answer_text("ESTABLISHED"), level(Established));
        assert_eq!(parse_answer_text("établi"), level(Established));
        assert_eq!(parse_answer_text("beginnend (ad hoc)"), level(Initial));
        assert_eq!(parse_answer_text("in ontwikkeling"), level(Developing));
        assert_eq!(parse_answer_text("3 - ingebed"), level(Established));
        assert_eq!(parse_answer_text("4: advanced"), level(Advanced));
        assert_eq!(parse_answer_text("\u{a0}afwezig\u{a0}"), level(Absent));
    }

    #[test]
    fn dont_know_and_not_applicable_in_three_languages() {
        for text in [
            "weet niet",
            "Weet Niet ",
            "don't know",
            "don\u{2019}t know",
            "ne sait pas",
        ] {
            assert_eq!(parse_answer_text(text), Ok(AnswerValue::DontKnow), "{text}");
        }
        for text in [
            "n.v.t.",
            "NVT",
            "n/a",
            "N/A",
            "sans objet",
            "not applicable",
        ] {
            assert_eq!(
                parse_answer_text(text),
                Ok(AnswerValue::NotApplicable),
                "{text}"
            );
        }
    }

    #[test]
    fn off_scale_numbers_and_other_words_are_named() {
        assert_eq!(
            parse_answer_text("5"),
            Err(NotAnAnswer::OffScale("5".into()))
        );
        assert_eq!(
            parse_answer_text("2,5"),
            Err(NotAnAnswer::OffScale("2,5".into()))
        );
        assert_eq!(
            parse_answer_text("-1"),
            Err(NotAnAnswer::OffScale("-1".into()))
        );
        assert_eq!(
            level_from_number(2.5),
            Err(NotAnAnswer::OffScale("2.5".into()))
        );
        assert_eq!(
            parse_answer_text("vijf"),
            Err(NotAnAnswer::Unknown("vijf".into()))
        );
        assert_eq!(
            parse_answer_text("3 - gevorderd"),
            Err(NotAnAnswer::Unknown("3 - gevorderd".into()))
        );
    }
}
