//! An organisation's result for one round: per dimension the spread of its respondents'
//! scores, per respondent group where that cannot single anyone out, and overall.
//!
//! Anonymity comes first: no figure rests on fewer respondents than the configured threshold
//! (an [`AnonymityThreshold`], at least 3), and no difference of two figures does either
//! (the organisation minus the shown groups). Minimum and maximum are not computed at all.
//!
//! "Don't know" never counts as 0 here either: a respondent without a score on a dimension is
//! left out of that dimension's figures, and a dimension nobody scored has no figures at all.

use serde::{Deserialize, Serialize};

use crate::{
    AnonymityThreshold, AnswerCounts, Lang, MaturityLevel, MaturityModel, RespondentScores,
};

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

/// From this share of "don't know" among a dimension's answers it is little known: at least
/// half of what respondents said about it is that they do not know.
pub const MOSTLY_UNKNOWN_FROM: f64 = 0.5;

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
///
/// No figure rests on fewer respondents than the threshold: a dimension fewer scored has
/// its count and nothing else. There is no minimum or maximum, since those are one person's
/// own score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionAggregate {
    /// The model dimension's id.
    pub dimension_id: String,
    /// How many respondents have a score on this dimension.
    pub respondents: usize,
    /// Mean of their scores, 0–4; `None` below the threshold.
    pub mean: Option<f64>,
    /// Median of their scores (the mean of the two middle ones for an even count).
    pub median: Option<f64>,
    /// Sample standard deviation (n − 1); `None` below the threshold.
    pub std_dev: Option<f64>,
    /// Consensus from `std_dev`; `None` below the threshold.
    pub consensus: Option<Consensus>,
    /// How many respondents gave any answer to its statements ("don't know" and "not
    /// applicable" included). Organisation-wide only; 0 in a group's figures.
    #[serde(default)]
    pub answered: usize,
    /// The share (0–1) of "don't know" among all answers its statements got; `None` when
    /// fewer than the threshold answered any. Organisation-wide only.
    #[serde(default)]
    pub dont_know_share: Option<f64>,
}

impl DimensionAggregate {
    /// A dimension with its count and no figures.
    fn withheld(dimension_id: &str, respondents: usize) -> DimensionAggregate {
        DimensionAggregate {
            dimension_id: dimension_id.to_owned(),
            respondents,
            mean: None,
            median: None,
            std_dev: None,
            consensus: None,
            answered: 0,
            dont_know_share: None,
        }
    }

    /// Computes the figures from the scores of the respondents who scored the dimension, or
    /// only their count when there are fewer than `threshold` of them.
    fn from_scores(
        dimension_id: &str,
        mut scores: Vec<f64>,
        threshold: AnonymityThreshold,
    ) -> DimensionAggregate {
        let n = scores.len();
        if n == 0 || n < threshold.get() {
            return DimensionAggregate::withheld(dimension_id, n);
        }
        scores.sort_by(f64::total_cmp);
        let mean = mean_within(&scores, scores[0], scores[n - 1]);
        let median = if n % 2 == 1 {
            scores[n / 2]
        } else {
            (scores[n / 2 - 1] + scores[n / 2]) / 2.0
        };
        // n ≥ threshold ≥ 3, so n − 1 ≥ 2. Two passes (deviations from the mean) rather
        // than sum of squares, which loses precision when scores are close together.
        let squares: f64 = scores.iter().map(|s| (s - mean).powi(2)).sum();
        let std_dev = (squares / (n - 1) as f64).sqrt();
        DimensionAggregate {
            dimension_id: dimension_id.to_owned(),
            respondents: n,
            mean: Some(mean),
            median: Some(median),
            std_dev: Some(std_dev),
            consensus: Some(Consensus::from_std_dev(std_dev)),
            answered: 0,
            dont_know_share: None,
        }
    }

    /// Adds how the respondents answered its statements: `answers` holds one entry per
    /// respondent who answered any. The share is shown only when at least `threshold` did.
    fn with_answers(mut self, answers: &[AnswerCounts], threshold: AnonymityThreshold) -> Self {
        self.answered = answers.len();
        let total: usize = answers.iter().map(|a| a.total()).sum();
        let dont_know: usize = answers.iter().map(|a| a.dont_know).sum();
        self.dont_know_share = (answers.len() >= threshold.get() && total > 0)
            .then(|| dont_know as f64 / total as f64);
        self
    }

    /// Whether most answers to its statements were "don't know": the practice is little
    /// known, which is a finding in itself.
    pub fn mostly_unknown(&self) -> bool {
        self.dont_know_share
            .is_some_and(|share| share >= MOSTLY_UNKNOWN_FROM - THRESHOLD_TOLERANCE)
    }

    /// Whether this dimension carries figures (it met the threshold).
    pub fn is_shown(&self) -> bool {
        self.mean.is_some()
    }

    /// The maturity level the mean falls in (rounded down); `None` when not shown.
    pub fn level(&self) -> Option<MaturityLevel> {
        self.mean.map(MaturityLevel::from_score)
    }
}

/// The mean of `values`, which lie in `min..=max`.
///
/// The mean is mathematically within the range; the clamp only removes a last-bit rounding
/// error, so that a mean never leaves the scale.
fn mean_within(values: &[f64], min: f64, max: f64) -> f64 {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    mean.clamp(min, max)
}

/// Figures for one respondent group; only for groups that reach the threshold and whose
/// figures cannot be subtracted from the organisation's to isolate fewer people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupAggregate {
    /// The group.
    pub group: RespondentGroup,
    /// How many responses the group gave.
    pub respondents: usize,
    /// Per model dimension, in model order, over the group's respondents only; a dimension
    /// is withheld (count only) where showing it would single out fewer than the threshold.
    pub dimensions: Vec<DimensionAggregate>,
}

/// An organisation's result for one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationAggregate {
    /// The model version the responses answer.
    pub model_id: String,
    /// The respondent threshold the figures were suppressed under; `None` for results stored
    /// before it was recorded (which start-up recomputes).
    #[serde(default)]
    pub threshold: Option<AnonymityThreshold>,
    /// How many responses were given.
    pub respondents: usize,
    /// One per model dimension, in model order, also for dimensions nobody scored.
    pub dimensions: Vec<DimensionAggregate>,
    /// In [`RespondentGroup::ALL`] order, only groups shown (see [`aggregate`]).
    pub groups: Vec<GroupAggregate>,
    /// Mean of the dimension means shown; `None` when no dimension is shown.
    pub overall: Option<f64>,
    /// One per model statement, in model order (empty for results stored before statements
    /// were figured).
    #[serde(default)]
    pub statements: Vec<crate::statements::StatementAggregate>,
}

/// What cohorts, ranks and the association's comparison need of a round's results: how many
/// responded and the published means (nothing else). Stored beside the full aggregate, so
/// that reading a whole sector's worth stays cheap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultSummary {
    /// How many responses were given.
    pub respondents: usize,
    /// The overall mean, where shown.
    pub overall: Option<f64>,
    /// Per model dimension, in model order, its mean where shown.
    pub dimension_means: Vec<Option<f64>>,
}

impl OrganisationAggregate {
    /// The summary cohorts and the comparison read: the same published figures.
    pub fn summary(&self) -> ResultSummary {
        ResultSummary {
            respondents: self.respondents,
            overall: self.overall,
            dimension_means: self.dimensions.iter().map(|d| d.mean).collect(),
        }
    }

    /// The maturity level the overall score falls in (rounded down).
    pub fn overall_level(&self) -> Option<MaturityLevel> {
        self.overall.map(MaturityLevel::from_score)
    }

    /// The `count` weakest shown dimensions, lowest mean first (ties: model order).
    pub fn weakest(&self, count: usize) -> Vec<&DimensionAggregate> {
        crate::dimensions_by_need(self)
            .into_iter()
            .map(|index| &self.dimensions[index])
            .filter(|d| d.is_shown())
            .take(count)
            .collect()
    }

    /// How many dimensions carry figures (the overall score is their mean).
    pub fn covered(&self) -> usize {
        self.dimensions.iter().filter(|d| d.is_shown()).count()
    }

    /// Dimensions most answers to which were "don't know", in model order.
    pub fn mostly_unknown(&self) -> Vec<&DimensionAggregate> {
        self.dimensions
            .iter()
            .filter(|d| d.mostly_unknown())
            .collect()
    }

    /// Dimensions where respondents disagree strongly (Consensus::Divided), in model order.
    pub fn divided(&self) -> Vec<&DimensionAggregate> {
        self.dimensions
            .iter()
            .filter(|d| d.consensus == Some(Consensus::Divided))
            .collect()
    }
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

/// Of `candidates` (each with its size, all at least the threshold), those that can be shown
/// next to a total of `total`: the part of the total outside the shown ones must be empty or
/// reach the threshold too, or subtracting them from the total would single it out. Hides
/// the smallest candidate (the last of equals) until that holds.
///
/// Hiding one candidate always suffices, since it moves at least the threshold into the
/// remainder; the loop states the rule rather than relying on that.
fn shown_beside<T: Copy>(
    mut candidates: Vec<(T, usize)>,
    total: usize,
    threshold: AnonymityThreshold,
) -> Vec<T> {
    candidates.retain(|(_, size)| *size >= threshold.get());
    loop {
        let inside: usize = candidates.iter().map(|(_, size)| size).sum();
        let remainder = total.saturating_sub(inside);
        if candidates.is_empty() || remainder == 0 || remainder >= threshold.get() {
            return candidates.into_iter().map(|(item, _)| item).collect();
        }
        let smallest = candidates
            .iter()
            .enumerate()
            .min_by_key(|(index, (_, size))| (*size, usize::MAX - index))
            .map_or(0, |(index, _)| index);
        candidates.remove(smallest);
    }
}

/// Aggregates an organisation's submitted responses for one round against its model, showing
/// nothing that rests on fewer than `threshold` respondents.
///
/// - A dimension fewer than `threshold` respondents scored has its count only.
/// - A respondent group is shown when it has at least `threshold` responses and the
///   organisation's respondents outside the shown groups (other groups, no group) are none
///   or at least `threshold`; otherwise the smallest group is hidden until that holds.
/// - Per dimension the same rule applies to the shown groups' scorers, so that neither a
///   group's figure nor the organisation's minus any shown groups' rests on fewer people.
///
/// Scores for dimensions the model does not have are ignored; dimensions are matched by id.
pub fn aggregate(
    model: &MaturityModel,
    respondents: &[RespondentInput],
    threshold: AnonymityThreshold,
) -> OrganisationAggregate {
    let sizes: Vec<(RespondentGroup, usize)> = RespondentGroup::ALL
        .into_iter()
        .map(|group| {
            let size = respondents
                .iter()
                .filter(|r| r.group == Some(group))
                .count();
            (group, size)
        })
        .collect();
    let shown_groups = shown_beside(sizes.clone(), respondents.len(), threshold);
    let mut dimensions = Vec::with_capacity(model.dimensions.len());
    let mut group_dimensions: Vec<Vec<DimensionAggregate>> =
        vec![Vec::with_capacity(model.dimensions.len()); shown_groups.len()];
    for dimension in &model.dimensions {
        let scores_of = |group: Option<RespondentGroup>| -> Vec<f64> {
            respondents
                .iter()
                .filter(|r| group.is_none() || r.group == group)
                .filter_map(|r| score_on(&r.scores, &dimension.id))
                .collect()
        };
        let all = scores_of(None);
        let per_group: Vec<Vec<f64>> = shown_groups.iter().map(|g| scores_of(Some(*g))).collect();
        let shown_here = if all.len() >= threshold.get() {
            shown_beside(
                per_group.iter().map(Vec::len).enumerate().collect(),
                all.len(),
                threshold,
            )
        } else {
            Vec::new()
        };
        for (index, scores) in per_group.into_iter().enumerate() {
            group_dimensions[index].push(if shown_here.contains(&index) {
                DimensionAggregate::from_scores(&dimension.id, scores, threshold)
            } else {
                DimensionAggregate::withheld(&dimension.id, scores.len())
            });
        }
        let answers: Vec<AnswerCounts> = respondents
            .iter()
            .map(|r| r.scores.answers_on(&dimension.id))
            .filter(|counts| counts.total() > 0)
            .collect();
        dimensions.push(
            DimensionAggregate::from_scores(&dimension.id, all, threshold)
                .with_answers(&answers, threshold),
        );
    }
    let groups = shown_groups
        .into_iter()
        .zip(group_dimensions)
        .map(|(group, dimensions)| GroupAggregate {
            group,
            respondents: sizes
                .iter()
                .find(|(g, _)| *g == group)
                .map_or(0, |(_, size)| *size),
            dimensions,
        })
        .collect();
    let means: Vec<f64> = dimensions.iter().filter_map(|d| d.mean).collect();
    let overall = (!means.is_empty()).then(|| {
        let min = means.iter().copied().fold(f64::INFINITY, f64::min);
        let max = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        mean_within(&means, min, max)
    });
    let given: Vec<&[(String, crate::AnswerValue)]> = respondents
        .iter()
        .map(|r| r.scores.statements.as_slice())
        .collect();
    OrganisationAggregate {
        model_id: model.id.clone(),
        threshold: Some(threshold),
        respondents: respondents.len(),
        dimensions,
        groups,
        overall,
        statements: crate::statements::statement_figures(model, &given, threshold),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

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

    fn t(n: usize) -> AnonymityThreshold {
        AnonymityThreshold::new(n).unwrap()
    }

    /// The lowest threshold, so that small hand-checked examples have figures.
    fn three() -> AnonymityThreshold {
        AnonymityThreshold::MINIMUM
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
                answers: Vec::new(),
                statements: Vec::new(),
            },
        }
    }

    fn one(mean: f64) -> RespondentInput {
        respondent(None, &[Some(mean)])
    }

    fn in_group(group: RespondentGroup, mean: f64) -> RespondentInput {
        respondent(Some(group), &[Some(mean)])
    }

    fn shown_groups(result: &OrganisationAggregate) -> Vec<RespondentGroup> {
        result.groups.iter().map(|g| g.group).collect()
    }

    #[test]
    fn three_respondents_hand_checked() {
        // Scores 1, 2, 4: mean 7/3 = 2.333…, median 2.
        // Sample sd = sqrt(((1 − 7/3)² + (2 − 7/3)² + (4 − 7/3)²) / 2)
        //           = sqrt((16/9 + 1/9 + 25/9) / 2) = sqrt(42/18) = sqrt(7/3) = 1.5275…
        // 1.5275 ≥ 1.0, so Divided; level: floor(2.333) = 2.
        let result = aggregate(&model(1), &[one(1.0), one(2.0), one(4.0)], three());
        let d = &result.dimensions[0];
        assert_eq!(d.dimension_id, "d1");
        assert_eq!(d.respondents, 3);
        assert!(close(d.mean, 7.0 / 3.0));
        assert_eq!(d.median, Some(2.0));
        assert!(close(d.std_dev, (7.0f64 / 3.0).sqrt()));
        assert!((d.std_dev.unwrap() - 1.5275).abs() < 1e-4);
        assert_eq!(d.consensus, Some(Consensus::Divided));
        assert_eq!(d.level(), Some(MaturityLevel::Developing));
        assert_eq!(result.respondents, 3);
        assert_eq!(result.model_id, "test-model");
        assert_eq!(result.threshold, Some(three()));
        assert!(close(result.overall, 7.0 / 3.0));
        assert_eq!(result.overall_level(), Some(MaturityLevel::Developing));
        assert_eq!(result.divided().len(), 1);
    }

    /// Respondents of `model` from their answers to d1's four statements, in order.
    fn answering_d1(model: &MaturityModel, rows: &[[AnswerValue; 4]]) -> Vec<RespondentInput> {
        rows.iter()
            .map(|row| {
                let answers: HashMap<String, AnswerValue> = (1..=4)
                    .zip(row)
                    .map(|(s, answer)| (format!("d1-{s}"), *answer))
                    .collect();
                RespondentInput {
                    group: Some(RespondentGroup::Staff),
                    scores: score_respondent(model, &answers),
                }
            })
            .collect()
    }

    #[test]
    fn the_share_of_dont_know_hand_checked() {
        use AnswerValue::{DontKnow as Dk, NotApplicable as Na};
        let l = |n| AnswerValue::Level(MaturityLevel::from_number(n).unwrap());
        // 20 answers, 4 + 3 + 2 + 3 + 4 = 16 of them "don't know": a share of 0.8. Only two
        // respondents rated anything, fewer than the threshold: no mean, but the share rests
        // on all five who answered.
        let inputs = answering_d1(
            &model(2),
            &[
                [Dk, Dk, Dk, Dk],
                [Dk, Dk, Dk, l(2)],
                [Dk, Dk, l(1), l(3)],
                [Dk, Na, Dk, Dk],
                [Dk, Dk, Dk, Dk],
            ],
        );
        let result = aggregate(&model(2), &inputs, three());
        let d1 = &result.dimensions[0];
        assert_eq!((d1.respondents, d1.answered), (2, 5));
        assert!(!d1.is_shown());
        assert!(close(d1.dont_know_share, 0.8));
        assert!(d1.mostly_unknown());
        // Nobody answered d2: nothing to say about it.
        assert_eq!(
            (
                result.dimensions[1].answered,
                result.dimensions[1].dont_know_share
            ),
            (0, None)
        );
        assert!(!result.dimensions[1].mostly_unknown());
        assert_eq!(result.mostly_unknown().len(), 1);
        assert_eq!(result.covered(), 0);
        // Groups never carry the share, even one shown with figures.
        assert!(result
            .groups
            .iter()
            .flat_map(|g| &g.dimensions)
            .all(|d| d.dont_know_share.is_none()));
    }

    #[test]
    fn a_dimension_answered_only_with_dont_know_is_not_assessed_and_mostly_unknown() {
        use AnswerValue::DontKnow as Dk;
        let l = |n| AnswerValue::Level(MaturityLevel::from_number(n).unwrap());
        let mut rows = vec![[Dk, Dk, Dk, Dk]; 4];
        let inputs = answering_d1(&model(1), &rows);
        let result = aggregate(&model(1), &inputs, three());
        let d1 = &result.dimensions[0];
        assert_eq!(
            (d1.respondents, d1.mean, d1.dont_know_share),
            (0, None, Some(1.0))
        );
        assert!(d1.mostly_unknown());
        assert_eq!((result.overall, result.covered()), (None, 0));
        // Half "don't know" is mostly unknown; just under half is not.
        rows = vec![[Dk, Dk, l(2), l(3)]; 3];
        let half = aggregate(&model(1), &answering_d1(&model(1), &rows), three());
        assert!(half.dimensions[0].mostly_unknown());
        assert_eq!(half.covered(), 1);
        rows.push([Dk, l(1), l(2), l(3)]);
        // 7 of 16.
        let under = aggregate(&model(1), &answering_d1(&model(1), &rows), three());
        assert!(close(under.dimensions[0].dont_know_share, 7.0 / 16.0));
        assert!(!under.dimensions[0].mostly_unknown());
    }

    #[test]
    fn fewer_answering_than_the_threshold_give_no_share() {
        use AnswerValue::DontKnow as Dk;
        let inputs = answering_d1(&model(1), &[[Dk, Dk, Dk, Dk], [Dk, Dk, Dk, Dk]]);
        let result = aggregate(&model(1), &inputs, three());
        assert_eq!(
            (
                result.dimensions[0].answered,
                result.dimensions[0].dont_know_share
            ),
            (2, None)
        );
        assert!(!result.dimensions[0].mostly_unknown());
    }

    #[test]
    fn scores_from_score_respondent_aggregate_by_dimension() {
        // Respondents A, B, C: d1 = (1 + 3) / 2 = 2, 3 and 4; d2 = 4, "don't know", 2.
        // d1: 2, 3, 4 → mean 3, sd = sqrt((1 + 0 + 1) / 2) = 1 → Divided.
        // d2: only A and C scored it: 2 < 3 respondents, so no figures, count 2.
        // Overall = 3 (d1 only).
        let model = model(2);
        let level = |n| AnswerValue::Level(MaturityLevel::from_number(n).unwrap());
        let answers = |pairs: &[(&str, AnswerValue)]| -> HashMap<String, AnswerValue> {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        let a = answers(&[("d1-1", level(1)), ("d1-2", level(3)), ("d2-1", level(4))]);
        let b = answers(&[("d1-1", level(3)), ("d2-1", AnswerValue::DontKnow)]);
        let c = answers(&[("d1-1", level(4)), ("d2-1", level(2))]);
        let inputs: Vec<RespondentInput> = [a, b, c]
            .iter()
            .map(|answers| RespondentInput {
                group: None,
                scores: score_respondent(&model, answers),
            })
            .collect();
        let result = aggregate(&model, &inputs, three());
        let d1 = &result.dimensions[0];
        assert_eq!(d1.respondents, 3);
        assert_eq!(d1.mean, Some(3.0));
        assert_eq!(d1.std_dev, Some(1.0));
        assert_eq!(d1.consensus, Some(Consensus::Divided));
        let d2 = &result.dimensions[1];
        assert_eq!(d2.respondents, 2);
        assert!(!d2.is_shown());
        assert_eq!(
            (d2.mean, d2.median, d2.std_dev, d2.consensus),
            (None, None, None, None)
        );
        assert_eq!(result.overall, Some(3.0));
    }

    #[test]
    fn below_the_threshold_nothing_is_shown_but_the_counts() {
        // One, two and four respondents under a threshold of 5 (and 1, 2 under 3).
        for (count, threshold) in [(1, 3), (2, 3), (1, 5), (4, 5)] {
            let inputs: Vec<RespondentInput> = (0..count)
                .map(|i| in_group(RespondentGroup::Staff, i as f64))
                .collect();
            let result = aggregate(&model(2), &inputs, t(threshold));
            assert_eq!(result.respondents, count);
            assert_eq!(result.overall, None);
            assert!(result.groups.is_empty());
            assert!(result.dimensions.iter().all(|d| !d.is_shown()
                && d.median.is_none()
                && d.std_dev.is_none()
                && d.consensus.is_none()));
            assert_eq!(result.dimensions[0].respondents, count);
            assert!(result.weakest(3).is_empty() && result.divided().is_empty());
        }
        // Five under a threshold of 5: shown.
        let five: Vec<RespondentInput> = (0..5).map(|i| one(i as f64)).collect();
        let result = aggregate(&model(1), &five, t(5));
        assert_eq!(result.dimensions[0].mean, Some(2.0));
        assert_eq!(result.dimensions[0].median, Some(2.0));
    }

    #[test]
    fn a_dimension_everyone_answered_dont_know_has_no_figures_and_is_left_out_overall() {
        // d1: 1, 3, 2 → mean 2. d2: all "don't know" (None) → no figures.
        // Overall = 2 (mean over d1 only), not (2 + 0) / 2 = 1.
        let result = aggregate(
            &model(2),
            &[
                respondent(None, &[Some(1.0), None]),
                respondent(None, &[Some(3.0), None]),
                respondent(None, &[Some(2.0), None]),
            ],
            three(),
        );
        let d2 = &result.dimensions[1];
        assert_eq!(d2.dimension_id, "d2");
        assert_eq!(d2.respondents, 0);
        assert_eq!(
            (d2.mean, d2.median, d2.std_dev, d2.consensus),
            (None, None, None, None)
        );
        assert_eq!(d2.level(), None);
        assert_eq!(result.overall, Some(2.0));
        assert_eq!(result.weakest(5).len(), 1);
    }

    #[test]
    fn a_dimension_nobody_answered_is_still_listed() {
        // Respondents only carry a score for d1; d2 and d3 are absent from their scores.
        let result = aggregate(&model(3), &[one(3.0), one(3.0), one(3.0)], three());
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

        // No responses at all: every dimension listed, nothing scored, no overall.
        let empty = aggregate(&model(2), &[], three());
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
                answers: Vec::new(),
                statements: Vec::new(),
            },
        };
        let inputs = [input.clone(), input.clone(), input];
        let result = aggregate(&model(2), &inputs, three());
        assert_eq!(result.dimensions[0].mean, Some(1.0));
        assert_eq!(result.dimensions[1].mean, Some(4.0));
        // Overall = (1 + 4) / 2 = 2.5; the unknown dimension's 0 does not count.
        assert_eq!(result.overall, Some(2.5));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        // Sorted 0, 1, 3, 4: median (1 + 3) / 2 = 2. Mean 8/4 = 2.
        // Sample sd = sqrt((4 + 1 + 1 + 4) / 3) = sqrt(10/3) = 1.8257… → Divided.
        let result = aggregate(
            &model(1),
            &[one(4.0), one(0.0), one(3.0), one(1.0)],
            three(),
        );
        let d = &result.dimensions[0];
        assert_eq!(d.median, Some(2.0));
        assert_eq!(d.mean, Some(2.0));
        assert!(close(d.std_dev, (10.0f64 / 3.0).sqrt()));
    }

    #[test]
    fn group_figures_appear_only_for_groups_that_reach_the_threshold() {
        use RespondentGroup::*;
        // Staff: 3 respondents (1, 2, 3 → mean 2). Management: 3 (4, 4, 1 → mean 3).
        // Mandatary: 0. Three respondents without a group count only towards the organisation.
        // Organisation: 1, 2, 3, 4, 4, 1, 0, 0, 0 → mean 15/9, 9 respondents.
        let inputs = [
            in_group(Staff, 1.0),
            in_group(Staff, 2.0),
            in_group(Staff, 3.0),
            in_group(Management, 4.0),
            in_group(Management, 4.0),
            in_group(Management, 1.0),
            one(0.0),
            one(0.0),
            one(0.0),
        ];
        let result = aggregate(&model(1), &inputs, three());
        assert_eq!(result.respondents, 9);
        assert!(close(result.dimensions[0].mean, 15.0 / 9.0));
        assert_eq!(shown_groups(&result), [Management, Staff]);
        let staff = &result.groups[1];
        assert_eq!(staff.respondents, 3);
        assert_eq!(staff.dimensions.len(), 1);
        assert_eq!(staff.dimensions[0].mean, Some(2.0));
        // sd of 1, 2, 3 = sqrt((1 + 0 + 1) / 2) = 1 → Divided.
        assert_eq!(staff.dimensions[0].std_dev, Some(1.0));
        assert_eq!(result.groups[0].dimensions[0].mean, Some(3.0));

        // Under a threshold of 4 neither group is large enough.
        assert!(aggregate(&model(1), &inputs, t(4)).groups.is_empty());
    }

    #[test]
    fn organisation_minus_a_group_never_isolates_fewer_than_the_threshold() {
        use RespondentGroup::*;
        // 3 staff + 1 mandatary under a threshold of 3: staff reach it, but showing them
        // would give the mandatary as 4·m_org − 3·m_staff. No breakdown.
        let inputs = [
            in_group(Staff, 1.0),
            in_group(Staff, 2.0),
            in_group(Staff, 3.0),
            in_group(Mandatary, 4.0),
        ];
        let result = aggregate(&model(1), &inputs, three());
        assert!(result.dimensions[0].is_shown());
        assert!(result.groups.is_empty());

        // Three staff, three managers and two without a group: the remainder (2) is too
        // small beside both groups, so the smaller one (the later of equals: staff) is
        // hidden, after which the remainder (5) is large enough and management is shown.
        let mut inputs = vec![
            in_group(Staff, 1.0),
            in_group(Staff, 2.0),
            in_group(Staff, 3.0),
            in_group(Management, 1.0),
            in_group(Management, 1.0),
            in_group(Management, 1.0),
            one(4.0),
            one(4.0),
        ];
        assert_eq!(
            shown_groups(&aggregate(&model(1), &inputs, three())),
            [Management]
        );
        // A fourth manager: staff is still the smaller and hidden.
        inputs.push(in_group(Management, 2.0));
        assert_eq!(
            shown_groups(&aggregate(&model(1), &inputs, three())),
            [Management]
        );
        // Two more staff make management the smaller: staff is shown instead.
        inputs.push(in_group(Staff, 2.0));
        inputs.push(in_group(Staff, 2.0));
        assert_eq!(
            shown_groups(&aggregate(&model(1), &inputs, three())),
            [Staff]
        );
        // Without the ungrouped respondents the remainder is empty: both are shown.
        inputs.retain(|r| r.group.is_some());
        assert_eq!(
            shown_groups(&aggregate(&model(1), &inputs, three())),
            [Management, Staff]
        );
    }

    #[test]
    fn a_shown_group_withholds_a_dimension_too_few_members_scored() {
        use RespondentGroup::*;
        // Three staff scored d1, but on d2 only one of them did: staff's d2 is withheld,
        // and so is management's d2, since otherwise org d2 minus management d2 would be
        // that one staff member.
        let inputs = [
            respondent(Some(Staff), &[Some(3.0), Some(1.0)]),
            respondent(Some(Staff), &[Some(2.0), None]),
            respondent(Some(Staff), &[Some(2.0), None]),
            respondent(Some(Management), &[Some(1.0), Some(4.0)]),
            respondent(Some(Management), &[Some(1.0), Some(4.0)]),
            respondent(Some(Management), &[Some(1.0), Some(4.0)]),
        ];
        let result = aggregate(&model(2), &inputs, three());
        assert_eq!(shown_groups(&result), [Management, Staff]);
        let (management, staff) = (&result.groups[0], &result.groups[1]);
        assert!(management.dimensions[0].is_shown() && staff.dimensions[0].is_shown());
        assert_eq!(staff.dimensions[1].respondents, 1);
        assert!(!staff.dimensions[1].is_shown());
        assert!(!management.dimensions[1].is_shown());
        // The organisation's d2 rests on four respondents and is shown: (1 + 4·3) / 4.
        assert!(close(result.dimensions[1].mean, 13.0 / 4.0));
    }

    #[test]
    fn weakest_puts_the_lowest_mean_first_and_keeps_model_order_on_ties() {
        // Means per dimension: d1 3, d2 1, d3 unscored, d4 1, d5 2.
        // Weakest: d2 (1), d4 (1, after d2 by model order), d5 (2), d1 (3); d3 never.
        let r = || respondent(None, &[Some(3.0), Some(1.0), None, Some(1.0), Some(2.0)]);
        let result = aggregate(&model(5), &[r(), r(), r()], three());
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
        let d = &aggregate(&model(1), &inputs, three()).dimensions[0];
        assert_eq!(d.std_dev, Some(0.5));
        assert_eq!(d.consensus, Some(Consensus::Mixed));
        // 1, 2, 3: sample sd = sqrt((1 + 0 + 1) / 2) = 1 exactly → Divided.
        let d = &aggregate(&model(1), &[one(1.0), one(2.0), one(3.0)], three()).dimensions[0];
        assert_eq!(d.std_dev, Some(1.0));
        assert_eq!(d.consensus, Some(Consensus::Divided));
        // 0.1 three times sums to 0.30000000000000004: sd stays ~0, Shared, mean on 0.1.
        let d = &aggregate(&model(1), &[one(0.1), one(0.1), one(0.1)], three()).dimensions[0];
        assert_eq!(d.consensus, Some(Consensus::Shared));
        assert_eq!(d.mean, Some(0.1));
    }

    #[test]
    fn results_stored_before_the_threshold_was_recorded_read_as_unknown() {
        // An old row: no threshold, and min/max that are no longer read.
        let old = r#"{"model_id":"m","respondents":1,"dimensions":[{"dimension_id":"d1",
            "respondents":1,"mean":2.0,"median":2.0,"min":2.0,"max":2.0,"std_dev":null,
            "consensus":null}],"groups":[],"overall":2.0}"#;
        let read: OrganisationAggregate = serde_json::from_str(old).unwrap();
        assert_eq!(read.threshold, None);
        let written = serde_json::to_string(&aggregate(&model(1), &[one(1.0)], three())).unwrap();
        assert!(!written.contains("min") && !written.contains("max"));
        assert!(written.contains(r#""threshold":3"#));
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

    /// Respondents of a 3 × 4 model, scored.
    fn scored(
        model: &MaturityModel,
        raw: &[(Option<usize>, Vec<AnswerValue>)],
    ) -> Vec<RespondentInput> {
        let statements: Vec<&str> = model
            .dimensions
            .iter()
            .flat_map(|d| d.statements.iter().map(|s| s.id.as_str()))
            .collect();
        raw.iter()
            .map(|(group, answers)| {
                let answers: HashMap<String, AnswerValue> = statements
                    .iter()
                    .zip(answers)
                    .map(|(id, answer)| (id.to_string(), *answer))
                    .collect();
                RespondentInput {
                    group: group.map(|g| RespondentGroup::ALL[g]),
                    scores: score_respondent(model, &answers),
                }
            })
            .collect()
    }

    fn check_dimension(d: &DimensionAggregate) -> Result<(), TestCaseError> {
        let figures = [d.mean, d.median, d.std_dev];
        if d.is_shown() {
            prop_assert!(figures.iter().all(Option::is_some) && d.consensus.is_some());
            let mean = d.mean.expect("shown");
            let median = d.median.expect("shown");
            prop_assert!((0.0..=4.0).contains(&mean), "{mean} off the scale");
            prop_assert!((0.0..=4.0).contains(&median), "{median} off the scale");
            prop_assert!(d.std_dev.expect("shown") >= 0.0);
        } else {
            prop_assert!(figures.iter().all(Option::is_none) && d.consensus.is_none());
        }
        Ok(())
    }

    /// The mean and median of a set of scores, computed independently of the code under test.
    fn mean_and_median(mut scores: Vec<f64>) -> (f64, f64) {
        scores.sort_by(f64::total_cmp);
        let n = scores.len();
        let mean = scores.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 {
            scores[n / 2]
        } else {
            (scores[n / 2 - 1] + scores[n / 2]) / 2.0
        };
        (mean, median)
    }

    proptest! {
        #[test]
        fn figures_stay_on_the_scale(
            raw in prop::collection::vec(any_respondent(), 0..30),
            threshold in 3usize..8,
        ) {
            let model = model(3);
            let inputs = scored(&model, &raw);
            let result = aggregate(&model, &inputs, t(threshold));
            prop_assert_eq!(result.respondents, inputs.len());
            prop_assert_eq!(result.dimensions.len(), 3);
            for d in result.dimensions.iter().chain(result.groups.iter().flat_map(|g| &g.dimensions)) {
                check_dimension(d)?;
                prop_assert!(d.respondents <= inputs.len());
            }
            if let Some(overall) = result.overall {
                prop_assert!((0.0..=4.0).contains(&overall));
            } else {
                prop_assert!(result.dimensions.iter().all(|d| d.mean.is_none()));
            }
            let weakest = result.weakest(3);
            prop_assert!(weakest.windows(2).all(|w| w[0].mean <= w[1].mean));
        }

        /// The anonymity property: every published figure is a function of a set of at least
        /// `threshold` respondents (it equals the figure recomputed over exactly that set), and
        /// so is every difference of published figures: the organisation's set minus any
        /// union of shown groups' sets is empty or at least `threshold` people.
        #[test]
        fn no_published_figure_or_difference_rests_on_fewer_than_the_threshold(
            raw in prop::collection::vec(any_respondent(), 0..40),
            threshold in 3usize..8,
        ) {
            let model = model(3);
            let inputs = scored(&model, &raw);
            let threshold = t(threshold);
            let n = threshold.get();
            let result = aggregate(&model, &inputs, threshold);
            // Respondent indices scoring dimension `d` within group `group` (None: everyone).
            let scorers = |d: &str, group: Option<RespondentGroup>| -> BTreeSet<usize> {
                inputs
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| group.is_none() || r.group == group)
                    .filter(|(_, r)| score_on(&r.scores, d).is_some())
                    .map(|(i, _)| i)
                    .collect()
            };
            let check_figure = |figures: &DimensionAggregate, set: &BTreeSet<usize>| -> Result<(), TestCaseError> {
                prop_assert_eq!(figures.respondents, set.len());
                if figures.is_shown() {
                    prop_assert!(set.len() >= n, "a figure on {} < {n} respondents", set.len());
                    let scores: Vec<f64> = set
                        .iter()
                        .filter_map(|&i| score_on(&inputs[i].scores, &figures.dimension_id))
                        .collect();
                    let (mean, median) = mean_and_median(scores);
                    prop_assert!(close(figures.mean, mean));
                    prop_assert!(close(figures.median, median));
                }
                Ok(())
            };
            // Shown groups and the remainder of respondents outside them.
            let mut grouped = 0;
            for group in &result.groups {
                let size = inputs.iter().filter(|r| r.group == Some(group.group)).count();
                prop_assert_eq!(group.respondents, size);
                prop_assert!(size >= n);
                grouped += size;
            }
            let remainder = inputs.len() - grouped;
            prop_assert!(
                result.groups.is_empty() || remainder == 0 || remainder >= n,
                "remainder {remainder} beside shown groups"
            );
            for (index, dimension) in model.dimensions.iter().enumerate() {
                let all = scorers(&dimension.id, None);
                let org = &result.dimensions[index];
                check_figure(org, &all)?;
                // The share of "don't know" rests on everyone who answered the dimension.
                let answering = inputs.iter().filter(|r| r.scores.answers_on(&dimension.id).total() > 0).count();
                prop_assert_eq!(org.answered, answering);
                prop_assert_eq!(org.dont_know_share.is_some(), answering >= n);
                prop_assert!(org.dont_know_share.is_none_or(|share| (0.0..=1.0).contains(&share)));
                prop_assert_eq!(org.is_shown(), all.len() >= n);
                // The sets of the shown groups' figures on this dimension.
                let mut published: Vec<BTreeSet<usize>> = Vec::new();
                for group in &result.groups {
                    let set = scorers(&dimension.id, Some(group.group));
                    check_figure(&group.dimensions[index], &set)?;
                    if group.dimensions[index].is_shown() {
                        prop_assert!(org.is_shown());
                        published.push(set);
                    }
                }
                // Every difference: the organisation minus any union of shown groups.
                if org.is_shown() {
                    for mask in 0u32..(1 << published.len()) {
                        let mut rest = all.clone();
                        for (bit, set) in published.iter().enumerate() {
                            if mask & (1 << bit) != 0 {
                                rest.retain(|i| !set.contains(i));
                            }
                        }
                        prop_assert!(
                            rest.is_empty() || rest.len() >= n,
                            "organisation minus groups {mask:b} isolates {} < {n}", rest.len()
                        );
                    }
                }
            }
            // The overall is the mean of the shown dimension means, so it rests on them.
            let means: Vec<f64> = result.dimensions.iter().filter_map(|d| d.mean).collect();
            prop_assert_eq!(result.overall.is_some(), !means.is_empty());
            if !means.is_empty() {
                prop_assert!(close(result.overall, means.iter().sum::<f64>() / means.len() as f64));
            }
        }
    }
}
