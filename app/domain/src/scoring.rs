//! A respondent's scores: per dimension the mean of the statements they rated.
//!
//! "Don't know" and "not applicable" are left out of the mean, never counted as 0; a
//! dimension where the respondent rated nothing has no score at all.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{AnswerValue, MaturityLevel, MaturityModel};

/// One respondent's score on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Mean of the rated statements, 0–4.
    pub mean: f64,
    /// How many statements were rated on the scale.
    pub rated: usize,
    /// How many were answered "don't know".
    pub dont_know: usize,
    /// How many were answered "not applicable".
    pub not_applicable: usize,
}

impl DimensionScore {
    /// The maturity level the score falls in (rounded down).
    pub fn level(&self) -> MaturityLevel {
        MaturityLevel::from_score(self.mean)
    }

    /// The score as a percentage of the scale's maximum.
    pub fn percent(&self) -> f64 {
        self.mean / 4.0 * 100.0
    }
}

/// Scores one dimension from the answers given to its statements.
///
/// Returns `None` when no answer is on the 0–4 scale.
pub fn score_dimension<'a>(
    answers: impl IntoIterator<Item = &'a AnswerValue>,
) -> Option<DimensionScore> {
    let mut sum = 0u32;
    let mut rated = 0usize;
    let mut dont_know = 0usize;
    let mut not_applicable = 0usize;
    for answer in answers {
        match answer {
            AnswerValue::Level(level) => {
                sum += u32::from(level.number());
                rated += 1;
            }
            AnswerValue::DontKnow => dont_know += 1,
            AnswerValue::NotApplicable => not_applicable += 1,
        }
    }
    (rated > 0).then(|| DimensionScore {
        mean: f64::from(sum) / rated as f64,
        rated,
        dont_know,
        not_applicable,
    })
}

/// How a respondent answered one dimension's statements, whatever the answers were: a
/// dimension answered only with "don't know" has no score but still says something.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCounts {
    /// Answers on the 0–4 scale.
    pub rated: usize,
    /// "Don't know" answers.
    pub dont_know: usize,
    /// "Not applicable" answers.
    pub not_applicable: usize,
}

impl AnswerCounts {
    /// Counts the answers given to one dimension's statements.
    pub fn of<'a>(answers: impl IntoIterator<Item = &'a AnswerValue>) -> AnswerCounts {
        answers
            .into_iter()
            .fold(AnswerCounts::default(), |mut counts, answer| {
                match answer {
                    AnswerValue::Level(_) => counts.rated += 1,
                    AnswerValue::DontKnow => counts.dont_know += 1,
                    AnswerValue::NotApplicable => counts.not_applicable += 1,
                }
                counts
            })
    }

    /// Every answer given.
    pub fn total(self) -> usize {
        self.rated + self.dont_know + self.not_applicable
    }
}

/// A respondent's scores on every dimension of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RespondentScores {
    /// Per dimension id, in model order; `None` where nothing was rated.
    pub dimensions: Vec<(String, Option<DimensionScore>)>,
    /// Per dimension id, in model order, how its statements were answered (scores made by
    /// hand in tests may leave it empty).
    #[serde(default)]
    pub answers: Vec<(String, AnswerCounts)>,
    /// Every statement answered, by id in model order, with its answer (for the figures per
    /// statement; scores made by hand in tests may leave it empty).
    #[serde(default)]
    pub statements: Vec<(String, AnswerValue)>,
}

impl RespondentScores {
    /// How the respondent answered a dimension's statements (none: nothing, or not known).
    pub fn answers_on(&self, dimension_id: &str) -> AnswerCounts {
        self.answers
            .iter()
            .find(|(id, _)| id == dimension_id)
            .map_or_else(AnswerCounts::default, |(_, counts)| *counts)
    }
}

impl RespondentScores {
    /// The mean of the dimension scores that exist; `None` if none does.
    pub fn overall(&self) -> Option<f64> {
        let means: Vec<f64> = self
            .dimensions
            .iter()
            .filter_map(|(_, score)| score.as_ref().map(|s| s.mean))
            .collect();
        (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64)
    }
}

/// Scores a respondent's answers (by statement id) against a model.
///
/// Answers to statements the model does not have are ignored.
pub fn score_respondent(
    model: &MaturityModel,
    answers: &HashMap<String, AnswerValue>,
) -> RespondentScores {
    let given = |dimension: &crate::Dimension| -> Vec<&AnswerValue> {
        dimension
            .statements
            .iter()
            .filter_map(|statement| answers.get(&statement.id))
            .collect()
    };
    RespondentScores {
        dimensions: model
            .dimensions
            .iter()
            .map(|dimension| (dimension.id.clone(), score_dimension(given(dimension))))
            .collect(),
        answers: model
            .dimensions
            .iter()
            .map(|dimension| (dimension.id.clone(), AnswerCounts::of(given(dimension))))
            .collect(),
        statements: model
            .dimensions
            .iter()
            .flat_map(|dimension| dimension.statements.iter())
            .filter_map(|statement| Some((statement.id.clone(), *answers.get(&statement.id)?)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_model, tests::model_source};
    use proptest::prelude::*;

    fn level(n: u8) -> AnswerValue {
        AnswerValue::Level(MaturityLevel::from_number(n).unwrap())
    }

    #[test]
    fn the_mean_of_rated_statements_hand_checked() {
        // 1 + 2 + 4 = 7 over 3 rated statements = 2.333…; level 2; 58.33 %.
        let score = score_dimension(&[level(1), level(2), level(4)]).unwrap();
        assert!((score.mean - 7.0 / 3.0).abs() < 1e-12);
        assert_eq!(score.rated, 3);
        assert_eq!(score.level(), MaturityLevel::Developing);
        assert!((score.percent() - 58.333_333).abs() < 1e-4);
    }

    #[test]
    fn dont_know_and_not_applicable_never_count_as_zero() {
        // Counted as 0 these would give (3 + 3 + 0 + 0) / 4 = 1.5; left out they give 3.
        let score = score_dimension(&[
            level(3),
            AnswerValue::DontKnow,
            level(3),
            AnswerValue::NotApplicable,
        ])
        .unwrap();
        assert_eq!(score.mean, 3.0);
        assert_eq!(score.rated, 2);
        assert_eq!(score.dont_know, 1);
        assert_eq!(score.not_applicable, 1);
        assert_eq!(score.level(), MaturityLevel::Established);
    }

    #[test]
    fn a_dimension_without_rated_statements_has_no_score() {
        assert_eq!(
            score_dimension(&[AnswerValue::DontKnow, AnswerValue::NotApplicable]),
            None
        );
        assert_eq!(score_dimension(&[]), None);
    }

    #[test]
    fn a_respondent_is_scored_per_dimension_and_overall() {
        let model = parse_model("t.toml", &model_source(3, 4)).unwrap();
        let answers: HashMap<String, AnswerValue> = [
            ("d1-1", level(0)),
            ("d1-2", level(4)),
            ("d1-3", AnswerValue::DontKnow),
            ("d2-1", level(3)),
            ("d3-1", AnswerValue::NotApplicable),
            ("unknown-9", level(4)),
        ]
        .into_iter()
        .map(|(id, v)| (id.to_owned(), v))
        .collect();
        let scores = score_respondent(&model, &answers);
        assert_eq!(scores.dimensions.len(), 3);
        assert_eq!(scores.dimensions[0].1.as_ref().unwrap().mean, 2.0);
        assert_eq!(scores.dimensions[1].1.as_ref().unwrap().mean, 3.0);
        assert_eq!(scores.dimensions[2].1, None);
        // Unscored, the third dimension still tells how it was answered.
        assert_eq!(
            scores.answers_on("d3"),
            AnswerCounts {
                rated: 0,
                dont_know: 0,
                not_applicable: 1
            }
        );
        assert_eq!(
            scores.answers_on("d1"),
            AnswerCounts {
                rated: 2,
                dont_know: 1,
                not_applicable: 0
            }
        );
        assert_eq!(scores.answers_on("unknown"), AnswerCounts::default());
        // Overall: (2 + 3) / 2; the unscored third dimension is left out.
        assert_eq!(scores.overall(), Some(2.5));
    }

    fn any_answer() -> impl Strategy<Value = AnswerValue> {
        prop::sample::select(AnswerValue::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn scores_stay_on_the_scale(answers in prop::collection::vec(any_answer(), 0..40)) {
            if let Some(score) = score_dimension(&answers) {
                prop_assert!((0.0..=4.0).contains(&score.mean));
                prop_assert!((0.0..=100.0).contains(&score.percent()));
                prop_assert_eq!(score.rated + score.dont_know + score.not_applicable, answers.len());
            } else {
                prop_assert!(answers.iter().all(|a| a.level().is_none()));
            }
        }
    }
}
