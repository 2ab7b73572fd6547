//! Figures per statement: where exactly a dimension stands. For each statement of the model,
//! over the organisation's respondents: the mean of the levels given and how they spread over
//! the five levels, and the shares of "don't know" and "not applicable".
//!
//! Every figure rests on at least the respondent threshold: the mean and the spread only when
//! that many rated the statement on the scale, the two shares only when that many answered it
//! at all. Statements are figured for the organisation as a whole, never per group, so no
//! difference of two figures singles anyone out.

use serde::{Deserialize, Serialize};

use crate::{AnonymityThreshold, AnswerValue, MaturityLevel, MaturityModel};

/// One statement's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementAggregate {
    /// The statement's id.
    pub statement_id: String,
    /// How many respondents answered it (a level, "don't know" or "not applicable").
    pub answered: usize,
    /// How many of them gave a level.
    pub rated: usize,
    /// The mean level, from the threshold of levels given.
    pub mean: Option<f64>,
    /// The share of the levels given at each level 0–4 (summing to 1), from the threshold of
    /// levels given.
    pub level_shares: Option<[f64; 5]>,
    /// The share of "don't know" among the answers, from the threshold of answers.
    pub dont_know_share: Option<f64>,
    /// The share of "not applicable" among the answers, from the threshold of answers.
    pub not_applicable_share: Option<f64>,
}

impl StatementAggregate {
    /// Figures for one statement from the answers given to it.
    pub fn of(
        statement_id: &str,
        answers: &[AnswerValue],
        threshold: AnonymityThreshold,
    ) -> StatementAggregate {
        let levels: Vec<MaturityLevel> = answers
            .iter()
            .filter_map(|a| match a {
                AnswerValue::Level(level) => Some(*level),
                _ => None,
            })
            .collect();
        let answered = answers.len();
        let rated = levels.len();
        let count = |wanted: &AnswerValue| answers.iter().filter(|a| *a == wanted).count();
        let share_of_answers =
            |n: usize| (answered >= threshold.get()).then(|| n as f64 / answered as f64);
        let scored = rated >= threshold.get();
        let mut shares = [0.0; 5];
        for level in &levels {
            shares[usize::from(level.number())] += 1.0 / rated as f64;
        }
        StatementAggregate {
            statement_id: statement_id.to_owned(),
            answered,
            rated,
            mean: scored
                .then(|| levels.iter().map(|l| f64::from(l.number())).sum::<f64>() / rated as f64),
            level_shares: scored.then_some(shares),
            dont_know_share: share_of_answers(count(&AnswerValue::DontKnow)),
            not_applicable_share: share_of_answers(count(&AnswerValue::NotApplicable)),
        }
    }
}

/// Figures for every statement of `model`, in model order, from each respondent's answers
/// (statement id and answer; a statement left open is simply absent).
pub fn statement_figures(
    model: &MaturityModel,
    respondents: &[&[(String, AnswerValue)]],
    threshold: AnonymityThreshold,
) -> Vec<StatementAggregate> {
    // One pass over every answer given (each respondent lists a statement once, as
    // `score_respondent` makes the list), not a search per statement and respondent.
    let mut given: std::collections::HashMap<&str, Vec<AnswerValue>> =
        std::collections::HashMap::new();
    for answers in respondents {
        for (id, answer) in answers.iter() {
            given.entry(id.as_str()).or_default().push(*answer);
        }
    }
    model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter())
        .map(|statement| {
            let answers = given
                .get(statement.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            StatementAggregate::of(&statement.id, answers, threshold)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use AnswerValue::{DontKnow, Level, NotApplicable};
    use MaturityLevel::*;

    fn five() -> AnonymityThreshold {
        AnonymityThreshold::new(5).unwrap()
    }

    #[test]
    fn a_statement_answered_by_seven_has_hand_checked_figures() {
        // Levels 2, 3, 3, 4, 4 (mean 16 / 5 = 3.2), one "don't know", one "not applicable".
        let answers = [
            Level(Developing),
            Level(Established),
            Level(Established),
            Level(Advanced),
            Level(Advanced),
            DontKnow,
            NotApplicable,
        ];
        let figures = StatementAggregate::of("reporting-1", &answers, five());
        assert_eq!((figures.answered, figures.rated), (7, 5));
        assert!((figures.mean.unwrap() - 3.2).abs() < 1e-9);
        let shares = figures.level_shares.unwrap();
        assert_eq!(
            shares.map(|s| (s * 100.0).round()),
            [0.0, 0.0, 20.0, 40.0, 40.0]
        );
        assert!((figures.dont_know_share.unwrap() - 1.0 / 7.0).abs() < 1e-9);
        assert!((figures.not_applicable_share.unwrap() - 1.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn a_statement_most_do_not_know_shows_its_shares_but_no_mean() {
        // Six answered, four of them "don't know": two levels are too few for a mean.
        let answers = [
            DontKnow,
            DontKnow,
            DontKnow,
            DontKnow,
            Level(Initial),
            Level(Absent),
        ];
        let figures = StatementAggregate::of("reporting-2", &answers, five());
        assert_eq!(figures.mean, None);
        assert_eq!(figures.level_shares, None);
        assert!((figures.dont_know_share.unwrap() - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(figures.not_applicable_share, Some(0.0));
        // Only "don't know": no mean, a share of one.
        let unknown = StatementAggregate::of("reporting-3", &[DontKnow; 5], five());
        assert_eq!((unknown.mean, unknown.dont_know_share), (None, Some(1.0)));
    }

    #[test]
    fn below_the_threshold_of_answers_nothing_is_shown() {
        let figures = StatementAggregate::of(
            "code-1",
            &[Level(Advanced), DontKnow, DontKnow, NotApplicable],
            five(),
        );
        assert_eq!(figures.answered, 4);
        assert_eq!(
            (
                figures.mean,
                figures.level_shares,
                figures.dont_know_share,
                figures.not_applicable_share
            ),
            (None, None, None, None)
        );
    }

    fn answer() -> impl Strategy<Value = AnswerValue> {
        prop_oneof![
            (0u8..5).prop_map(|n| Level(MaturityLevel::from_number(n).unwrap())),
            Just(DontKnow),
            Just(NotApplicable),
        ]
    }

    proptest! {
        #[test]
        fn no_figure_rests_on_fewer_than_the_threshold(
            answers in proptest::collection::vec(answer(), 0..15),
            threshold in 3usize..8,
        ) {
            let threshold = AnonymityThreshold::new(threshold).unwrap();
            let figures = StatementAggregate::of("s", &answers, threshold);
            if figures.mean.is_some() || figures.level_shares.is_some() {
                prop_assert!(figures.rated >= threshold.get());
            }
            if figures.dont_know_share.is_some() || figures.not_applicable_share.is_some() {
                prop_assert!(figures.answered >= threshold.get());
            }
            if let Some(shares) = figures.level_shares {
                prop_assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                let mean = figures.mean.unwrap();
                let from_shares: f64 = shares.iter().enumerate().map(|(l, s)| l as f64 * s).sum();
                prop_assert!((mean - from_shares).abs() < 1e-9);
            }
        }
    }
}
