//! Reading a posted step form into typed answers, before anything touches the database.

use quickscan_domain::AnswerValue;

use super::view::{ANSWER_FIELD_PREFIX, COMMENT_FIELD, MAX_COMMENT_CHARS, NAV_FIELD};
use super::ScanError;

/// Where the respondent wants to go after saving a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Navigation {
    /// The previous step (or the welcome page).
    Previous,
    /// The next step (or the review page).
    Next,
    /// Stay, and show how to come back later.
    SaveAndLeave,
}

impl Navigation {
    /// The value of the navigation button that asks for this.
    pub fn code(self) -> &'static str {
        match self {
            Navigation::Previous => "previous",
            Navigation::Next => "next",
            Navigation::SaveAndLeave => "save",
        }
    }
}

/// A step form as posted, parsed and checked on its own (not yet against the model).
#[derive(Debug, Clone, PartialEq)]
pub struct StepSubmission {
    /// Answers by statement id, in form order.
    pub answers: Vec<(String, AnswerValue)>,
    /// The comment, when the form had the field (empty clears it).
    pub comment: Option<String>,
    /// Where to go next.
    pub navigation: Navigation,
}

/// How much of a refused value is repeated back in a message.
const ECHO_CHARS: usize = 40;

impl StepSubmission {
    /// Parses the form's name/value pairs; the first problem refuses the whole form.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<StepSubmission, ScanError> {
        let mut answers: Vec<(String, AnswerValue)> = Vec::new();
        let mut comment = None;
        let mut navigation = Navigation::Next;
        for (name, value) in pairs {
            if let Some(statement) = name.strip_prefix(ANSWER_FIELD_PREFIX) {
                let answer = AnswerValue::parse(value).map_err(|_| ScanError::InvalidAnswer {
                    statement: statement.chars().take(ECHO_CHARS).collect(),
                    value: value.chars().take(ECHO_CHARS).collect(),
                })?;
                if answers.iter().any(|(id, _)| id == statement) {
                    return Err(ScanError::MalformedForm(format!(
                        "two answers for {statement}"
                    )));
                }
                answers.push((statement.to_owned(), answer));
            } else if name == COMMENT_FIELD {
                let trimmed = value.trim();
                if trimmed.chars().count() > MAX_COMMENT_CHARS {
                    return Err(ScanError::CommentTooLong {
                        max: MAX_COMMENT_CHARS,
                    });
                }
                comment = Some(trimmed.to_owned());
            } else if name == NAV_FIELD {
                navigation = [
                    Navigation::Previous,
                    Navigation::Next,
                    Navigation::SaveAndLeave,
                ]
                .into_iter()
                .find(|n| n.code() == value)
                .ok_or_else(|| ScanError::MalformedForm(format!("unknown navigation {value}")))?;
            }
        }
        Ok(StepSubmission {
            answers,
            comment,
            navigation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quickscan_domain::MaturityLevel;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_complete_form_parses() {
        let form = StepSubmission::from_pairs(&pairs(&[
            ("answer:policy-1", "3"),
            ("answer:policy-2", "dont_know"),
            ("comment", "  Goed bezig  "),
            ("nav", "previous"),
        ]))
        .unwrap();
        assert_eq!(
            form.answers,
            vec![
                (
                    "policy-1".into(),
                    AnswerValue::Level(MaturityLevel::Established)
                ),
                ("policy-2".into(), AnswerValue::DontKnow),
            ]
        );
        assert_eq!(form.comment.as_deref(), Some("Goed bezig"));
        assert_eq!(form.navigation, Navigation::Previous);
    }

    #[test]
    fn a_value_outside_the_scale_refuses_the_form() {
        let error = StepSubmission::from_pairs(&pairs(&[
            ("answer:policy-1", "3"),
            ("answer:policy-2", "7"),
        ]))
        .unwrap_err();
        assert_eq!(
            error,
            ScanError::InvalidAnswer {
                statement: "policy-2".into(),
                value: "7".into()
            }
        );
    }

    #[test]
    fn duplicate_answers_long_comments_and_unknown_navigation_are_refused() {
        assert!(matches!(
            StepSubmission::from_pairs(&pairs(&[("answer:a-1", "1"), ("answer:a-1", "2")])),
            Err(ScanError::MalformedForm(_))
        ));
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            StepSubmission::from_pairs(&[("comment".into(), long)]),
            Err(ScanError::CommentTooLong {
                max: MAX_COMMENT_CHARS
            })
        );
        assert!(matches!(
            StepSubmission::from_pairs(&pairs(&[("nav", "elsewhere")])),
            Err(ScanError::MalformedForm(_))
        ));
    }

    #[test]
    fn without_a_navigation_button_the_form_goes_next() {
        let form = StepSubmission::from_pairs(&[]).unwrap();
        assert_eq!(form.navigation, Navigation::Next);
        assert_eq!(form.comment, None);
    }
}
