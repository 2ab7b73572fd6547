//! One answer to one statement: a maturity level, "don't know" or "not applicable".

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::Lang;

/// A level on the maturity scale, 0 (absent) to 4 (advanced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MaturityLevel {
    /// 0: the practice is absent.
    Absent,
    /// 1: initial, ad hoc.
    Initial,
    /// 2: developing, defined on paper.
    Developing,
    /// 3: established, applied and known.
    Established,
    /// 4: advanced, evaluated and improved.
    Advanced,
}

impl MaturityLevel {
    /// Every level, lowest first.
    pub const ALL: [MaturityLevel; 5] = [
        MaturityLevel::Absent,
        MaturityLevel::Initial,
        MaturityLevel::Developing,
        MaturityLevel::Established,
        MaturityLevel::Advanced,
    ];

    /// The level's number on the 0–4 scale.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The level with this number, if it is on the 0–4 scale.
    pub fn from_number(number: u8) -> Option<MaturityLevel> {
        MaturityLevel::ALL.get(usize::from(number)).copied()
    }

    /// The level a score falls in: rounded down, clamped to the scale.
    pub fn from_score(score: f64) -> MaturityLevel {
        let floored = score.clamp(0.0, 4.0).floor() as u8;
        MaturityLevel::from_number(floored).unwrap_or(MaturityLevel::Absent)
    }

    /// The level's short name.
    pub fn label(self, lang: Lang) -> &'static str {
        use MaturityLevel::*;
        let texts = &lang.texts().labels;
        match self {
            Absent => texts.level_absent,
            Initial => texts.level_initial,
            Developing => texts.level_developing,
            Established => texts.level_established,
            Advanced => texts.level_advanced,
        }
    }
}

/// A respondent's answer to one statement.
///
/// "Don't know" and "not applicable" are answers, not zeros: scoring leaves them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnswerValue {
    /// A position on the maturity scale.
    Level(MaturityLevel),
    /// The respondent does not know.
    DontKnow,
    /// The statement does not apply to the organisation.
    NotApplicable,
}

/// Why a submitted answer code is not an answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerParseError {
    /// Nothing was given.
    #[error("the answer is empty")]
    Empty,
    /// A number outside 0–4.
    #[error("'{0}' is outside the scale; use 0–4, 'don't know' or 'not applicable'")]
    OutOfRange(String),
    /// Anything else.
    #[error("'{0}' is not an answer; use 0–4, 'don't know' or 'not applicable'")]
    NotAnAnswer(String),
}

impl AnswerValue {
    /// Every answer option, in the order a questionnaire shows them.
    pub const ALL: [AnswerValue; 7] = [
        AnswerValue::Level(MaturityLevel::Absent),
        AnswerValue::Level(MaturityLevel::Initial),
        AnswerValue::Level(MaturityLevel::Developing),
        AnswerValue::Level(MaturityLevel::Established),
        AnswerValue::Level(MaturityLevel::Advanced),
        AnswerValue::DontKnow,
        AnswerValue::NotApplicable,
    ];

    /// The stable code of this answer, used in forms and in the database.
    pub fn code(self) -> &'static str {
        match self {
            AnswerValue::Level(MaturityLevel::Absent) => "0",
            AnswerValue::Level(MaturityLevel::Initial) => "1",
            AnswerValue::Level(MaturityLevel::Developing) => "2",
            AnswerValue::Level(MaturityLevel::Established) => "3",
            AnswerValue::Level(MaturityLevel::Advanced) => "4",
            AnswerValue::DontKnow => "dont_know",
            AnswerValue::NotApplicable => "not_applicable",
        }
    }

    /// Parses an answer code as the questionnaire form and the database write it.
    pub fn parse(code: &str) -> Result<AnswerValue, AnswerParseError> {
        let code = code.trim();
        if code.is_empty() {
            return Err(AnswerParseError::Empty);
        }
        if let Some(value) = AnswerValue::ALL.into_iter().find(|v| v.code() == code) {
            return Ok(value);
        }
        if code.parse::<f64>().is_ok() {
            return Err(AnswerParseError::OutOfRange(code.to_owned()));
        }
        Err(AnswerParseError::NotAnAnswer(code.to_owned()))
    }

    /// The maturity level, if this answer counts towards a score.
    pub fn level(self) -> Option<MaturityLevel> {
        match self {
            AnswerValue::Level(level) => Some(level),
            AnswerValue::DontKnow | AnswerValue::NotApplicable => None,
        }
    }

    /// The answer option's label for a questionnaire.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AnswerValue::Level(level) => level.label(lang),
            AnswerValue::DontKnow => lang.texts().labels.dont_know,
            AnswerValue::NotApplicable => lang.texts().labels.not_applicable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_to_its_answer() {
        for value in AnswerValue::ALL {
            assert_eq!(AnswerValue::parse(value.code()), Ok(value));
        }
        assert_eq!(
            AnswerValue::parse(" 3 "),
            Ok(AnswerValue::Level(MaturityLevel::Established))
        );
    }

    #[test]
    fn numbers_outside_the_scale_and_words_are_refused_with_their_reason() {
        assert_eq!(
            AnswerValue::parse("5"),
            Err(AnswerParseError::OutOfRange("5".into()))
        );
        assert_eq!(
            AnswerValue::parse("-1"),
            Err(AnswerParseError::OutOfRange("-1".into()))
        );
        assert_eq!(
            AnswerValue::parse("2.5"),
            Err(AnswerParseError::OutOfRange("2.5".into()))
        );
        assert_eq!(
            AnswerValue::parse("vijf"),
            Err(AnswerParseError::NotAnAnswer("vijf".into()))
        );
        assert_eq!(AnswerValue::parse("  "), Err(AnswerParseError::Empty));
    }

    #[test]
    fn dont_know_and_not_applicable_have_no_level() {
        assert_eq!(AnswerValue::DontKnow.level(), None);
        assert_eq!(AnswerValue::NotApplicable.level(), None);
        assert_eq!(
            AnswerValue::Level(MaturityLevel::Absent).level(),
            Some(MaturityLevel::Absent)
        );
    }

    #[test]
    fn a_score_falls_in_the_level_below_it() {
        assert_eq!(MaturityLevel::from_score(0.0), MaturityLevel::Absent);
        assert_eq!(MaturityLevel::from_score(2.99), MaturityLevel::Developing);
        assert_eq!(MaturityLevel::from_score(3.0), MaturityLevel::Established);
        assert_eq!(MaturityLevel::from_score(4.0), MaturityLevel::Advanced);
        assert_eq!(MaturityLevel::from_score(7.0), MaturityLevel::Advanced);
    }
}
