//! An organisation's result for one round: per dimension the spread of its respondents'
//! scores, per respondent group where the group is large enough, and overall.
//!
//! "Don't know" never counts as 0 here either: a respondent without a score on a dimension is
//! left out of that dimension's figures, and a dimension nobody scored has no figures at all.

use serde::{Deserialize, Serialize};

use crate::{Lang, MaturityLevel, MaturityModel, RespondentScores};

/// The group a respondent belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RespondentGroup {
    /// Elected representatives (council members, aldermen, mayor).
    Mandatary,
    /// Managers.
    Management,
    /// Other staff.
    Staff,
}

impl RespondentGroup {
    /// Every group, in the order reports show them.
    pub const ALL: [RespondentGroup; 3] = [
        RespondentGroup::Mandatary,
        RespondentGroup::Management,
        RespondentGroup::Staff,
    ];

    /// The stable code, used in forms, imports and the database.
    pub fn code(self) -> &'static str {
        match self {
            RespondentGroup::Mandatary => "mandatary",
            RespondentGroup::Management => "management",
            RespondentGroup::Staff => "staff",
        }
    }

    /// Parses a group code, ignoring surrounding spaces and case; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<RespondentGroup> {
        let code = code.trim();
        RespondentGroup::ALL
            .into_iter()
            .find(|group| group.code().eq_ignore_ascii_case(code))
    }

    /// The group's name (plural, lowercase) for reports.
    pub fn label(self, lang: Lang) -> &'static str {
        use RespondentGroup::*;
        let texts = &lang.texts().labels;
        match self {
            Mandatary => texts.group_mandatary,
            Management => texts.group_management,
            Staff => texts.group_staff,
        }
    }
}

/// One submitted response, as aggregation sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RespondentInput {
    /// The respondent's group, if known; `None` counts only towards the organisation's figures.
    pub group: Option<RespondentGroup>,
    /// The respondent's scores per dimension.
    pub scores: RespondentScores,
}

/// Below this standard deviation respondents share a view: they lie within about half a
/// maturity level of each other, which is the resolution a level-based report speaks in.
pub const SHARED_BELOW: f64 = 0.5;

/// From this standard deviation respondents are strongly divided: a whole maturity level of
/// spread means they describe different organisations, which is worth a conversation.
pub const DIVIDED_FROM: f64 = 1.0;

/// Slack when comparing with the thresholds, so that a spread that is exactly 0.5 or 1.0 on
/// paper is not pushed below it by floating-point rounding (a hand check must agree).
const THRESHOLD_TOLERANCE: f64 = 1e-9;

/// Shared view or dialogue topic, from the spread of respondents' scores on a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Consensus {
    /// Standard deviation below [`SHARED_BELOW`].
    Shared,
    /// Standard deviation from [`SHARED_BELOW`] up to [`DIVIDED_FROM`].
    Mixed,
    /// Standard deviation of [`DIVIDED_FROM`] or more: a topic for dialogue.
    Divided,
}

impl Consensus {
    /// The consensus a (sample) standard deviation indicates.
    pub fn from_std_dev(sd: f64) -> Consensus {
        // Written as "not below" so that a NaN, which should never occur, reads as Divided:
        // a broken figure should draw attention, not pass as agreement.
        if sd < SHARED_BELOW - THRESHOLD_TOLERANCE {
            Consensus::Shared
        } else if sd < DIVIDED_FROM - THRESHOLD_TOLERANCE {
            Consensus::Mixed
        } else {
            Consensus::Divided
        }
    }

    /// The indicator's text for reports.
    pub fn label(self, lang: Lang) -> &'static str {
        use Consensus::*;
        let texts = &lang.texts().labels;
        match self {
            Shared => texts.consensus_shared,
            Mixed => texts.consensus_mixed,
            Divided => texts.consensus_divided,
        }
    }
}

/// Figures for one dimension over the respondents who scored it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionAggregate {
    /// The model dimension's id.
    pub dimension_id: String,
    /// How many respondents have a score on this dimension.
    pub respondents: usize,
    /// Mean of their scores, 0–4; `None` when nobody scored the dimension.
    pub mean: Option<f64>,
    /// Median of their scores (the mean of the two middle ones for an even count).
    pub median: Option<f64>,
    /// Lowest score.
    pub min: Option<f64>,
    /// Highest score.
    pub max: Option<f64>,
    /// Sample standard deviation (n − 1); `None` below two respondents.
    pub std_dev: Option<f64>,
    /// Consensus from `std_dev`; `None` below two respondents.
    pub consensus: Option<Consensus>,
}

impl DimensionAggregate {
    /// Computes the figures from the scores of the respondents who scored the dimension.
    fn from_scores(dimension_id: &str, mut scores: Vec<f64>) -> DimensionAggregate {
        let n = scores.len();
        if n == 0 {
            return DimensionAggregate {
                dimension_id: dimension_id.to_owned(),
                respondents: 0,
                mean: None,
                median: None,
                min: None,
                max: None,
                std_dev: None,
                consensus: None,
            };
        }
        scores.sort_by(f64::total_cmp);
        let min = scores[0];
        let max = scores[n - 1];
        let mean = mean_within(&scores, min, max);
        let median = if n % 2 == 1 {
            scores[n / 2]
        } else {
            (scores[n / 2 - 1] + scores[n / 2]) / 2.0
        };
        let std_dev = (n >= 2).then(|| {
            // Two passes (deviations from the mean) rather than sum of squares, which loses
            // precision when scores are close together.
            let squares: f64 = scores.iter().map(|s| (s - mean).powi(2)).sum();
            (squares / (n - 1) as f64).sqrt()
        });
        DimensionAggregate {
            dimension_id: dimension_id.to_owned(),
            respondents: n,
            mean: Some(mean),
            median: Some(median),
            min: Some(min),
            max: Some(max),
            std_dev,
            consensus: std_dev.map(Consensus::from_std_dev),
        }
    }

    /// The maturity level the mean falls in (rounded down); `None` when nobody scored it.
    pub fn level(&self) -> Option<MaturityLevel> {
        self.mean.map(MaturityLevel::from_score)
    }
}

/// The mean of `values`, which lie in `min..=max`.
///
/// The mean is mathematically within the range; the clamp only removes a last-bit rounding
/// error, so that a report never shows a mean above its own maximum.
fn mean_within(values: &[f64], min: f64, max: f64) -> f64 {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    mean.clamp(min, max)
}

/// The fewest respondents a group needs before its figures are shown, so that no
/// respondent's own answers can be read from a group's figures.
pub const MIN_GROUP_SIZE: usize = 3;

/// Figures for one respondent group; only for groups with at least [`MIN_GROUP_SIZE`]
/// respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupAggregate {
    /// The group.
    pub group: RespondentGroup,
    /// How many responses the group gave.
    pub respondents: usize,
    /// Per model dimension, in model order, over the group's respondents only.
    pub dimensions: Vec<DimensionAggregate>,
}

/// An organisation's result for one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationAggregate {
    /// The model version the responses answer.
    pub model_id: String,
    /// How many responses were given.
    pub respondents: usize,
    /// One per model dimension, in model order, also for dimensions nobody scored.
    pub dimensions: Vec<DimensionAggregate>,
    /// In [`RespondentGroup::ALL`] order, only groups with at least [`MIN_GROUP_SIZE`].
    pub groups: Vec<GroupAggregate>,
    /// Mean of the dimension means that exist; `None` when no dimension was scored.
    pub overall: Option<f64>,
}

impl OrganisationAggregate {
    /// The maturity level the overall score falls in (rounded down).
    pub fn overall_level(&self) -> Option<MaturityLevel> {
        self.overall.map(MaturityLevel::from_score)
    }

    /// The `count` weakest scored dimensions, lowest mean first (ties: model order).
    pub fn weakest(&self, count: usize) -> Vec<&DimensionAggregate> {
        let mut scored: Vec<(f64, &DimensionAggregate)> = self
            .dimensions
            .iter()
            .filter_map(|d| d.mean.map(|mean| (mean, d)))
            .collect();
        // A stable sort keeps model order among equal means.
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        scored.into_iter().take(count).map(|(_, d)| d).collect()
    }

    /// Dimensions where respondents disagree strongly (Consensus::Divided), in model order.
    pub fn divided(&self) -> Vec<&DimensionAggregate> {
        self.dimensions
            .iter()
            .filter(|d| d.consensus == Some(Consensus::Divided))
            .collect()
    }
}

/// Per model dimension, in model order, the figures over `respondents`.
fn aggregate_dimensions<'a>(
    model: &MaturityModel,
    respondents: impl Iterator<Item = &'a RespondentInput> + Clone,
) -> Vec<DimensionAggregate> {
    model
        .dimensions
        .iter()
        .map(|dimension| {
            let scores = respondents
                .clone()
                .filter_map(|respondent| score_on(&respondent.scores, &dimension.id))
                .collect();
            DimensionAggregate::from_scores(&dimension.id, scores)
        })
        .collect()
}

/// A respondent's score on a dimension, matched by id (the first entry with that id).
///
/// A non-finite mean cannot come from [`crate::score_respondent`]; should one be built by
/// hand it is treated as no score, rather than poisoning every figure of the dimension.
fn score_on(scores: &RespondentScores, dimension_id: &str) -> Option<f64> {
    scores
        .dimensions
        .iter()
        .find(|(id, _)| id == dimension_id)
        .and_then(|(_, score)| score.as_ref())
        .map(|score| score.mean)
        .filter(|mean| mean.is_finite())
}

/// Aggregates an organisation's submitted responses for one round against its model.
///
/// Scores for dimensions the model does not have are ignored; dimensions are matched by id.
pub fn aggregate(model: &MaturityModel, respondents: &[RespondentInput]) -> OrganisationAggregate {
    let dimensions = aggregate_dimensions(model, respondents.iter());
    let groups = RespondentGroup::ALL
        .into_iter()
        .filter_map(|group| {
            let members = respondents.iter().filter(move |r| r.group == Some(group));
            let size = members.clone().count();
            (size >= MIN_GROUP_SIZE).then(|| GroupAggregate {
                group,
                respondents: size,
                dimensions: aggregate_dimensions(model, members),
            })
        })
        .collect();
    let means: Vec<f64> = dimensions.iter().filter_map(|d| d.mean).collect();
    let overall = (!means.is_empty()).then(|| {
        let min = means.iter().copied().fold(f64::INFINITY, f64::min);
        let max = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        mean_within(&means, min, max)
    });
    OrganisationAggregate {
        model_id: model.id.clone(),
        respondents: respondents.len(),
        dimensions,
        groups,
        overall,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::model::{parse_model, tests::model_source};
    use crate::{score_respondent, AnswerValue, DimensionScore};
    use proptest::prelude::*;

    const EPS: f64 = 1e-9;

    fn close(actual: Option<f64>, expected: f64) -> bool {
        actual.is_some_and(|a| (a - expected).abs() < EPS)
    }

    fn model(dimensions: usize) -> MaturityModel {
        parse_model("t.toml", &model_source(dimensions, 4)).unwrap()
    }

    fn score(mean: f64) -> DimensionScore {
        DimensionScore {
            mean,
            rated: 1,
            dont_know: 0,
            not_applicable: 0,
        }
    }

    /// A respondent with the given mean per dimension `d1`, `d2`, … (`None`: nothing rated).
    fn respondent(group: Option<RespondentGroup>, means: &[Option<f64>]) -> RespondentInput {
        RespondentInput {
            group,
            scores: RespondentScores {
                dimensions: means
                    .iter()
                    .enumerate()
                    .map(|(i, mean)| (format!("d{}", i + 1), mean.map(score)))
                    .collect(),
            },
        }
    }

    fn one(mean: f64) -> RespondentInput {
        respondent(None, &[Some(mean)])
    }

    #[test]
    fn three_respondents_hand_checked() {
        // Scores 1, 2, 4: mean 7/3 = 2.333…, median 2, min 1, max 4.
        // Sample sd = sqrt(((1 − 7/3)² + (2 − 7/3)² + (4 − 7/3)²) / 2)
        //           = sqrt((16/9 + 1/9 + 25/9) / 2) = sqrt(42/18) = sqrt(7/3) = 1.5275…
        // 1.5275 ≥ 1.0, so Divided; level: floor(2.333) = 2.
        let result = aggregate(&model(1), &[one(1.0), one(2.0), one(4.0)]);
        let d = &result.dimensions[0];
        assert_eq!(d.dimension_id, "d1");
        assert_eq!(d.respondents, 3);
        assert!(close(d.mean, 7.0 / 3.0));
        assert_eq!(d.median, Some(2.0));
        assert_eq!(d.min, Some(1.0));
        assert_eq!(d.max, Some(4.0));
        assert!(close(d.std_dev, (7.0f64 / 3.0).sqrt()));
        assert!((d.std_dev.unwrap() - 1.5275).abs() < 1e-4);
        assert_eq!(d.consensus, Some(Consensus::Divided));
        assert_eq!(d.level(), Some(MaturityLevel::Developing));
        assert_eq!(result.respondents, 3);
        assert_eq!(result.model_id, "test-model");
        assert!(close(result.overall, 7.0 / 3.0));
        assert_eq!(result.overall_level(), Some(MaturityLevel::Developing));
        assert_eq!(result.divided().len(), 1);
    }

    #[test]
    fn scores_from_score_respondent_aggregate_by_dimension() {
        // Respondent A: d1 = (1 + 3) / 2 = 2, d2 = 4. Respondent B: d1 = 3, d2 only "don't know".
        // d1: scores 2, 3 → mean 2.5, sd = sqrt((0.25 + 0.25) / 1) = 0.7071 → Mixed.
        // d2: only A → mean 4, 1 respondent. Overall = (2.5 + 4) / 2 = 3.25.
        let model = model(2);
        let level = |n| AnswerValue::Level(MaturityLevel::from_number(n).unwrap());
        let answers = |pairs: &[(&str, AnswerValue)]| -> HashMap<String, AnswerValue> {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        let a = answers(&[("d1-1", level(1)), ("d1-2", level(3)), ("d2-1", level(4))]);
        let b = answers(&[("d1-1", level(3)), ("d2-1", AnswerValue::DontKnow)]);
        let inputs: Vec<RespondentInput> = [a, b]
            .iter()
            .map(|answers| RespondentInput {
                group: None,
                scores: score_respondent(&model, answers),
            })
            .collect();
        let result = aggregate(&model, &inputs);
        let d1 = &result.dimensions[0];
        assert_eq!(d1.respondents, 2);
        assert_eq!(d1.mean, Some(2.5));
        assert!(close(d1.std_dev, 0.5f64.sqrt()));
        assert_eq!(d1.consensus, Some(Consensus::Mixed));
        let d2 = &result.dimensions[1];
        assert_eq!(d2.respondents, 1);
        assert_eq!(d2.mean, Some(4.0));
        assert_eq!(result.overall, Some(3.25));
    }

    #[test]
    fn one_respondent_has_their_score_and_no_spread() {
        // n = 1: mean = median = min = max = 2.5; a spread needs n − 1 ≥ 1.
        let result = aggregate(&model(1), &[one(2.5)]);
        let d = &result.dimensions[0];
        assert_eq!(d.respondents, 1);
        assert_eq!(
            (d.mean, d.median, d.min, d.max),
            (Some(2.5), Some(2.5), Some(2.5), Some(2.5))
        );
        assert_eq!(d.std_dev, None);
        assert_eq!(d.consensus, None);
        assert!(result.divided().is_empty());
    }

    #[test]
    fn a_dimension_everyone_answered_dont_know_has_no_figures_and_is_left_out_overall() {
        // d1: 1 and 3 → mean 2. d2: all "don't know" (None) → no figures.
        // Overall = 2 (mean over d1 only), not (2 + 0) / 2 = 1.
        let result = aggregate(
            &model(2),
            &[
                respondent(None, &[Some(1.0), None]),
                respondent(None, &[Some(3.0), None]),
            ],
        );
        let d2 = &result.dimensions[1];
        assert_eq!(d2.dimension_id, "d2");
        assert_eq!(d2.respondents, 0);
        assert_eq!(
            (d2.mean, d2.median, d2.min, d2.max, d2.std_dev, d2.consensus),
            (None, None, None, None, None, None)
        );
        assert_eq!(d2.level(), None);
        assert_eq!(result.overall, Some(2.0));
        assert_eq!(result.weakest(5).len(), 1);
    }

    #[test]
    fn a_dimension_nobody_answered_is_still_listed() {
        // Respondents only carry a score for d1; d2 and d3 are absent from their scores.
        // No responses at all: every dimension listed, nothing scored, no overall.
        let result = aggregate(&model(3), &[one(3.0), one(3.0)]);
        let ids: Vec<&str> = result
            .dimensions
            .iter()
            .map(|d| d.dimension_id.as_str())
            .collect();
        assert_eq!(ids, ["d1", "d2", "d3"]);
        assert_eq!(result.dimensions[2].respondents, 0);
        assert_eq!(result.dimensions[2].mean, None);
        // Identical scores: sd 0 → Shared.
        assert_eq!(result.dimensions[0].std_dev, Some(0.0));
        assert_eq!(result.dimensions[0].consensus, Some(Consensus::Shared));
        assert_eq!(result.overall, Some(3.0));

        let empty = aggregate(&model(2), &[]);
        assert_eq!(empty.respondents, 0);
        assert_eq!(empty.dimensions.len(), 2);
        assert!(empty.dimensions.iter().all(|d| d.respondents == 0));
        assert_eq!(empty.overall, None);
        assert_eq!(empty.overall_level(), None);
        assert!(empty.groups.is_empty());
        assert!(empty.weakest(3).is_empty());
    }

    #[test]
    fn dimensions_are_matched_by_id_and_unknown_ids_ignored() {
        // Scores listed in reverse order, plus one for a dimension the model lacks.
        let input = RespondentInput {
            group: None,
            scores: RespondentScores {
                dimensions: vec![
                    ("d2".into(), Some(score(4.0))),
                    ("retired".into(), Some(score(0.0))),
                    ("d1".into(), Some(score(1.0))),
                ],
            },
        };
        let result = aggregate(&model(2), &[input]);
        assert_eq!(result.dimensions[0].mean, Some(1.0));
        assert_eq!(result.dimensions[1].mean, Some(4.0));
        // Overall = (1 + 4) / 2 = 2.5; the unknown dimension's 0 does not count.
        assert_eq!(result.overall, Some(2.5));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        // Sorted 0, 1, 3, 4: median (1 + 3) / 2 = 2. Mean 8/4 = 2.
        // Sample sd = sqrt((4 + 1 + 1 + 4) / 3) = sqrt(10/3) = 1.8257… → Divided.
        let result = aggregate(&model(1), &[one(4.0), one(0.0), one(3.0), one(1.0)]);
        let d = &result.dimensions[0];
        assert_eq!(d.median, Some(2.0));
        assert_eq!(d.mean, Some(2.0));
        assert!(close(d.std_dev, (10.0f64 / 3.0).sqrt()));
        // Two respondents: 1.5 and 2.25 → median 1.875.
        let result = aggregate(&model(1), &[one(2.25), one(1.5)]);
        assert_eq!(result.dimensions[0].median, Some(1.875));
    }

    #[test]
    fn group_figures_appear_only_for_groups_of_at_least_three() {
        use RespondentGroup::*;
        // Staff: 3 respondents (1, 2, 3 → mean 2). Management: 2 (hidden). Mandatary: 0.
        // One respondent without a group counts only towards the organisation.
        // Organisation: 1, 2, 3, 4, 4, 0 → mean 14/6 = 2.333…, 6 respondents.
        let inputs = [
            respondent(Some(Staff), &[Some(1.0)]),
            respondent(Some(Staff), &[Some(2.0)]),
            respondent(Some(Staff), &[Some(3.0)]),
            respondent(Some(Management), &[Some(4.0)]),
            respondent(Some(Management), &[Some(4.0)]),
            respondent(None, &[Some(0.0)]),
        ];
        let result = aggregate(&model(1), &inputs);
        assert_eq!(result.respondents, 6);
        assert!(close(result.dimensions[0].mean, 14.0 / 6.0));
        assert_eq!(result.groups.len(), 1);
        let staff = &result.groups[0];
        assert_eq!(staff.group, Staff);
        assert_eq!(staff.respondents, 3);
        assert_eq!(staff.dimensions.len(), 1);
        assert_eq!(staff.dimensions[0].mean, Some(2.0));
        // sd of 1, 2, 3 = sqrt((1 + 0 + 1) / 2) = 1 → Divided.
        assert_eq!(staff.dimensions[0].std_dev, Some(1.0));

        // A third manager brings management in, listed before staff (ALL order).
        let mut more = inputs.to_vec();
        more.push(respondent(Some(Management), &[Some(1.0)]));
        let groups: Vec<RespondentGroup> = aggregate(&model(1), &more)
            .groups
            .iter()
            .map(|g| g.group)
            .collect();
        assert_eq!(groups, [Management, Staff]);
    }

    #[test]
    fn a_group_counts_responses_even_where_members_scored_nothing() {
        // Three staff, two of whom answered only "don't know" on d1: the group is shown
        // (3 responses) and its d1 figures rest on one respondent.
        let inputs = [
            respondent(Some(RespondentGroup::Staff), &[Some(3.0)]),
            respondent(Some(RespondentGroup::Staff), &[None]),
            respondent(Some(RespondentGroup::Staff), &[None]),
        ];
        let result = aggregate(&model(1), &inputs);
        assert_eq!(result.groups[0].respondents, 3);
        assert_eq!(result.groups[0].dimensions[0].respondents, 1);
    }

    #[test]
    fn weakest_puts_the_lowest_mean_first_and_keeps_model_order_on_ties() {
        // Means per dimension: d1 3, d2 1, d3 unscored, d4 1, d5 2.
        // Weakest: d2 (1), d4 (1, after d2 by model order), d5 (2), d1 (3); d3 never.
        let result = aggregate(
            &model(5),
            &[respondent(
                None,
                &[Some(3.0), Some(1.0), None, Some(1.0), Some(2.0)],
            )],
        );
        let ids = |list: Vec<&DimensionAggregate>| -> Vec<String> {
            list.iter().map(|d| d.dimension_id.clone()).collect()
        };
        assert_eq!(ids(result.weakest(3)), ["d2", "d4", "d5"]);
        assert_eq!(ids(result.weakest(2)), ["d2", "d4"]);
        assert_eq!(ids(result.weakest(10)), ["d2", "d4", "d5", "d1"]);
        assert!(result.weakest(0).is_empty());
        // Overall = (3 + 1 + 1 + 2) / 4 = 1.75 → level 1.
        assert_eq!(result.overall, Some(1.75));
        assert_eq!(result.overall_level(), Some(MaturityLevel::Initial));
    }

    #[test]
    fn consensus_thresholds_are_inclusive_at_half_and_one() {
        assert_eq!(Consensus::from_std_dev(0.0), Consensus::Shared);
        assert_eq!(Consensus::from_std_dev(0.49), Consensus::Shared);
        assert_eq!(Consensus::from_std_dev(0.5), Consensus::Mixed);
        assert_eq!(Consensus::from_std_dev(0.99), Consensus::Mixed);
        assert_eq!(Consensus::from_std_dev(1.0), Consensus::Divided);
        assert_eq!(Consensus::from_std_dev(2.0), Consensus::Divided);
    }

    #[test]
    fn consensus_at_the_thresholds_from_real_scores() {
        // 1, 3 and seven 2s: mean 18/9 = 2, squared deviations 1 + 1 = 2,
        // sample sd = sqrt(2 / 8) = 0.5 exactly → Mixed.
        let mut inputs = vec![one(1.0), one(3.0)];
        inputs.extend((0..7).map(|_| one(2.0)));
        let d = &aggregate(&model(1), &inputs).dimensions[0];
        assert_eq!(d.std_dev, Some(0.5));
        assert_eq!(d.consensus, Some(Consensus::Mixed));
        // 1, 2, 3: sample sd = sqrt((1 + 0 + 1) / 2) = 1 exactly → Divided.
        let d = &aggregate(&model(1), &[one(1.0), one(2.0), one(3.0)]).dimensions[0];
        assert_eq!(d.std_dev, Some(1.0));
        assert_eq!(d.consensus, Some(Consensus::Divided));
        // 0.1 three times sums to 0.30000000000000004: sd stays ~0, Shared.
        let d = &aggregate(&model(1), &[one(0.1), one(0.1), one(0.1)]).dimensions[0];
        assert_eq!(d.consensus, Some(Consensus::Shared));
        assert!(d.mean <= d.max && d.mean >= d.min);
    }

    #[test]
    fn group_codes_round_trip_and_labels_exist() {
        for group in RespondentGroup::ALL {
            assert_eq!(RespondentGroup::from_code(group.code()), Some(group));
            for lang in Lang::ALL {
                assert!(!group.label(lang).is_empty());
            }
        }
        assert_eq!(
            RespondentGroup::from_code("  Management "),
            Some(RespondentGroup::Management)
        );
        assert_eq!(
            RespondentGroup::from_code("STAFF"),
            Some(RespondentGroup::Staff)
        );
        assert_eq!(RespondentGroup::from_code("citizen"), None);
        assert_eq!(RespondentGroup::from_code(""), None);
        assert_eq!(RespondentGroup::Mandatary.label(Lang::Nl), "mandatarissen");
        assert_eq!(
            Consensus::Divided.label(Lang::En),
            "strongly divided – a topic for dialogue"
        );
    }

    fn any_answer() -> impl Strategy<Value = AnswerValue> {
        prop::sample::select(AnswerValue::ALL.to_vec())
    }

    /// A respondent: an optional group and one answer per statement of a 3 × 4 model.
    fn any_respondent() -> impl Strategy<Value = (Option<usize>, Vec<AnswerValue>)> {
        (
            prop::option::of(0..RespondentGroup::ALL.len()),
            prop::collection::vec(any_answer(), 12),
        )
    }

    fn check_dimension(d: &DimensionAggregate) -> Result<(), TestCaseError> {
        let figures = [d.mean, d.median, d.min, d.max];
        if d.respondents == 0 {
            prop_assert!(figures.iter().all(Option::is_none));
        } else {
            let [mean, median, min, max] = figures.map(|f| f.expect("scored"));
            for value in [mean, median, min, max] {
                prop_assert!((0.0..=4.0).contains(&value), "{value} off the scale");
            }
            prop_assert!(min <= median && median <= max);
            prop_assert!(min <= mean && mean <= max);
        }
        if let Some(sd) = d.std_dev {
            prop_assert!(sd >= 0.0);
        }
        prop_assert_eq!(d.std_dev.is_some(), d.respondents >= 2);
        prop_assert_eq!(d.consensus.is_some(), d.respondents >= 2);
        Ok(())
    }

    proptest! {
        #[test]
        fn figures_stay_on_the_scale_and_in_order(
            raw in prop::collection::vec(any_respondent(), 0..30)
        ) {
            let model = model(3);
            let statements: Vec<&str> = model
                .dimensions
                .iter()
                .flat_map(|d| d.statements.iter().map(|s| s.id.as_str()))
                .collect();
            let inputs: Vec<RespondentInput> = raw
                .iter()
                .map(|(group, answers)| {
                    let answers: HashMap<String, AnswerValue> = statements
                        .iter()
                        .zip(answers)
                        .map(|(id, answer)| (id.to_string(), *answer))
                        .collect();
                    RespondentInput {
                        group: group.map(|g| RespondentGroup::ALL[g]),
                        scores: score_respondent(&model, &answers),
                    }
                })
                .collect();
            let result = aggregate(&model, &inputs);
            prop_assert_eq!(result.respondents, inputs.len());
            prop_assert_eq!(result.dimensions.len(), 3);
            for d in &result.dimensions {
                check_dimension(d)?;
                prop_assert!(d.respondents <= inputs.len());
            }
            for group in &result.groups {
                prop_assert!(group.respondents >= MIN_GROUP_SIZE);
                for d in &group.dimensions {
                    check_dimension(d)?;
                }
            }
            if let Some(overall) = result.overall {
                prop_assert!((0.0..=4.0).contains(&overall));
            } else {
                prop_assert!(result.dimensions.iter().all(|d| d.mean.is_none()));
            }
            let weakest = result.weakest(3);
            prop_assert!(weakest.windows(2).all(|w| w[0].mean <= w[1].mean));
        }
    }
}
