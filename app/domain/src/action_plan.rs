//! The action plan an organisation draws up from a round's report: a target level per
//! dimension, actions (adopted advice or its own) with an owner, a due date and a status, and
//! the follow-up the next round's report shows — did the plan move the needle.
//!
//! Everything here is plain data and pure functions: the form fields are parsed into
//! [`ActionDetails`] or refused with one [`PlanProblem`] naming its field; the clock is a
//! parameter (`today`), so "overdue" is tested against a fixed date.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Lang, MaturityLevel, MaturityModel, Text};

/// The longest action title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// The longest owner, time or budget text, in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 120;
/// The longest ambition sentence, in characters.
pub const MAX_AMBITION_CHARS: usize = 400;
/// The longest note or advisor's comment, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// How far a dimension's mean must move (on the 0–4 scale) before the follow-up calls it
/// improved or declined: a fifth of a level, so rounding noise between two rounds of
/// different respondents does not read as progress.
pub const MEANINGFUL_CHANGE: f64 = 0.2;
/// The earliest and latest years a due date may fall in (a typo such as 20226 is refused).
pub const DUE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// When an action is meant to be done: the model's two advice terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Horizon {
    /// Within a year.
    Short,
    /// Within one to three years.
    Medium,
}

impl Horizon {
    /// Both horizons, short first.
    pub const ALL: [Horizon; 2] = [Horizon::Short, Horizon::Medium];

    /// The code stored and posted.
    pub fn code(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Medium => "medium",
        }
    }

    /// The horizon with this code.
    pub fn from_code(code: &str) -> Option<Horizon> {
        Horizon::ALL.into_iter().find(|h| h.code() == code)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().plan;
        match self {
            Horizon::Short => texts.horizon_short,
            Horizon::Medium => texts.horizon_medium,
        }
    }

    /// The due date an adopted advice item gets: the end of its term counted from `today`
    /// (one year for the short term, three for the medium term).
    pub fn default_due(self, today: NaiveDate) -> NaiveDate {
        let months = match self {
            Horizon::Short => 12,
            Horizon::Medium => 36,
        };
        today
            .checked_add_months(Months::new(months))
            .unwrap_or(today)
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// Not started.
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Given up.
    Dropped,
}

impl ActionStatus {
    /// Every status, in the order a plan moves through them.
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The code stored and posted.
    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// The status with this code.
    pub fn from_code(code: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().plan;
        match self {
            ActionStatus::Planned => texts.status_planned,
            ActionStatus::InProgress => texts.status_in_progress,
            ActionStatus::Done => texts.status_done,
            ActionStatus::Dropped => texts.status_dropped,
        }
    }

    /// Whether the action still has to be done (planned or under way).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// Whether an action with this status and due date is overdue on `today`: still open and due
/// before today (an action due today is not late yet).
pub fn is_overdue(status: ActionStatus, due: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && due < today
}

/// The target a dimension gets unless the coordinator sets another: one level above today's,
/// never above the top of the scale; none for a dimension without a published level.
pub fn default_target(today: Option<MaturityLevel>) -> Option<MaturityLevel> {
    let level = today?;
    MaturityLevel::from_number(level.number() + 1).or(Some(MaturityLevel::Advanced))
}

/// One advice item of the model: the dimension, the level it is written for, its term and
/// its place in that term's list. Its code (`policy:2:short:0`) is what an adopted action
/// remembers, so the association can count the most adopted advice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AdviceRef {
    /// The dimension's id.
    pub dimension: String,
    /// The level the advice is written for.
    pub level: MaturityLevel,
    /// Short or medium term.
    pub horizon: Horizon,
    /// Its position in that term's list, from 0.
    pub index: usize,
}

impl AdviceRef {
    /// The code stored with an adopted action and posted by its button.
    pub fn code(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.dimension,
            self.level.number(),
            self.horizon.code(),
            self.index
        )
    }

    /// The reference a code names, if it is well formed (whether the model has it is
    /// [`AdviceRef::text`]'s question).
    pub fn parse(code: &str) -> Option<AdviceRef> {
        let mut parts = code.trim().split(':');
        let dimension = parts.next().filter(|d| !d.is_empty())?.to_owned();
        let level = MaturityLevel::from_number(parts.next()?.parse().ok()?)?;
        let horizon = Horizon::from_code(parts.next()?)?;
        let index = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(AdviceRef {
            dimension,
            level,
            horizon,
            index,
        })
    }

    /// The advice item's text in the model, if the model has it.
    pub fn text<'m>(&self, model: &'m MaturityModel) -> Option<&'m Text> {
        let dimension = model.dimensions.iter().find(|d| d.id == self.dimension)?;
        let advice = dimension.advice_for(self.level);
        match self.horizon {
            Horizon::Short => advice.short_term.get(self.index),
            Horizon::Medium => advice.medium_term.get(self.index),
        }
    }

    /// Every advice item the model gives a dimension at `level`, short term first.
    pub fn all_for(model: &MaturityModel, dimension: &str, level: MaturityLevel) -> Vec<AdviceRef> {
        let Some(found) = model.dimensions.iter().find(|d| d.id == dimension) else {
            return Vec::new();
        };
        let advice = found.advice_for(level);
        let terms = [
            (Horizon::Short, advice.short_term.len()),
            (Horizon::Medium, advice.medium_term.len()),
        ];
        terms
            .into_iter()
            .flat_map(|(horizon, count)| {
                (0..count).map(move |index| AdviceRef {
                    dimension: dimension.to_owned(),
                    level,
                    horizon,
                    index,
                })
            })
            .collect()
    }
}

/// A plan form's field, named as the form posts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanField {
    /// A dimension's target level.
    Target,
    /// A dimension's ambition sentence.
    Ambition,
    /// An action's title.
    Title,
    /// An action's dimension.
    Dimension,
    /// An action's horizon.
    Horizon,
    /// An action's owner.
    Owner,
    /// An action's due date.
    Due,
    /// An action's status.
    Status,
    /// The time an action needs.
    Time,
    /// The budget an action needs.
    Budget,
    /// An action's note.
    Note,
    /// The advice item being adopted.
    Advice,
    /// An advisor's comment.
    Comment,
}

impl PlanField {
    /// The form field's name.
    pub fn name(self) -> &'static str {
        match self {
            PlanField::Target => "target",
            PlanField::Ambition => "ambition",
            PlanField::Title => "title",
            PlanField::Dimension => "dimension",
            PlanField::Horizon => "horizon",
            PlanField::Owner => "owner",
            PlanField::Due => "due",
            PlanField::Status => "status",
            PlanField::Time => "time",
            PlanField::Budget => "budget",
            PlanField::Note => "note",
            PlanField::Advice => "advice",
            PlanField::Comment => "comment",
        }
    }
}

/// Why a plan form was refused; each names one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanProblem {
    /// A target that is not a level 0–4.
    TargetNotALevel,
    /// A target below the level the dimension has today.
    TargetBelowToday,
    /// An ambition longer than [`MAX_AMBITION_CHARS`].
    AmbitionTooLong,
    /// A title that is empty or longer than [`MAX_TITLE_CHARS`].
    TitleLength,
    /// A dimension the round's model does not have.
    UnknownDimension,
    /// A horizon other than short or medium.
    UnknownHorizon,
    /// An owner longer than [`MAX_SHORT_TEXT_CHARS`].
    OwnerTooLong,
    /// A due date that is missing, not a date, or outside [`DUE_YEARS`].
    DueNotADate,
    /// A status that is not one of the four.
    UnknownStatus,
    /// A time text longer than [`MAX_SHORT_TEXT_CHARS`].
    TimeTooLong,
    /// A budget text longer than [`MAX_SHORT_TEXT_CHARS`].
    BudgetTooLong,
    /// A note longer than [`MAX_NOTE_CHARS`].
    NoteTooLong,
    /// An advice item the round's model does not have.
    UnknownAdvice,
    /// The advice item is in the plan already.
    AdviceAdoptedAlready,
    /// A comment that is empty or longer than [`MAX_NOTE_CHARS`].
    CommentLength,
}

impl PlanProblem {
    /// The field the problem is about.
    pub fn field(self) -> PlanField {
        match self {
            PlanProblem::TargetNotALevel | PlanProblem::TargetBelowToday => PlanField::Target,
            PlanProblem::AmbitionTooLong => PlanField::Ambition,
            PlanProblem::TitleLength => PlanField::Title,
            PlanProblem::UnknownDimension => PlanField::Dimension,
            PlanProblem::UnknownHorizon => PlanField::Horizon,
            PlanProblem::OwnerTooLong => PlanField::Owner,
            PlanProblem::DueNotADate => PlanField::Due,
            PlanProblem::UnknownStatus => PlanField::Status,
            PlanProblem::TimeTooLong => PlanField::Time,
            PlanProblem::BudgetTooLong => PlanField::Budget,
            PlanProblem::NoteTooLong => PlanField::Note,
            PlanProblem::UnknownAdvice | PlanProblem::AdviceAdoptedAlready => PlanField::Advice,
            PlanProblem::CommentLength => PlanField::Comment,
        }
    }

    /// What the user reads next to the field.
    pub fn message(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().plan;
        match self {
            PlanProblem::TargetNotALevel => texts.target_not_a_level,
            PlanProblem::TargetBelowToday => texts.target_below_today,
            PlanProblem::AmbitionTooLong => texts.ambition_too_long,
            PlanProblem::TitleLength => texts.title_length,
            PlanProblem::UnknownDimension => texts.unknown_dimension,
            PlanProblem::UnknownHorizon => texts.unknown_horizon,
            PlanProblem::OwnerTooLong => texts.owner_too_long,
            PlanProblem::DueNotADate => texts.due_not_a_date,
            PlanProblem::UnknownStatus => texts.unknown_status,
            PlanProblem::TimeTooLong => texts.time_too_long,
            PlanProblem::BudgetTooLong => texts.budget_too_long,
            PlanProblem::NoteTooLong => texts.note_too_long,
            PlanProblem::UnknownAdvice => texts.unknown_advice,
            PlanProblem::AdviceAdoptedAlready => texts.advice_adopted_already,
            PlanProblem::CommentLength => texts.comment_length,
        }
    }
}

/// A dimension's target as set: the level to reach in the next round and an ambition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The level to reach; `None` when the coordinator sets none.
    pub level: Option<MaturityLevel>,
    /// The ambition in one sentence, if any.
    pub ambition: Option<String>,
}

/// Parses a dimension's target form: `target` is empty (no target) or a level 0–4, never
/// below `today`'s level; `ambition` is optional.
pub fn parse_target(
    target: &str,
    ambition: &str,
    today: Option<MaturityLevel>,
) -> Result<Target, PlanProblem> {
    let target = target.trim();
    let level = if target.is_empty() {
        None
    } else {
        let number: u8 = target.parse().map_err(|_| PlanProblem::TargetNotALevel)?;
        let level = MaturityLevel::from_number(number).ok_or(PlanProblem::TargetNotALevel)?;
        if today.is_some_and(|today| level < today) {
            return Err(PlanProblem::TargetBelowToday);
        }
        Some(level)
    };
    let ambition = one_line(ambition, MAX_AMBITION_CHARS).ok_or(PlanProblem::AmbitionTooLong)?;
    Ok(Target {
        level,
        ambition: (!ambition.is_empty()).then_some(ambition),
    })
}

/// An action's form as posted, field by field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionDraft<'a> {
    /// The title.
    pub title: &'a str,
    /// The dimension's id.
    pub dimension: &'a str,
    /// `short` or `medium`.
    pub horizon: &'a str,
    /// Who is responsible (a role or a name).
    pub owner: &'a str,
    /// The due date (`2027-06-30`, or as people type it: `30/06/2027`, `30-6-2027`, `30.6.2027`).
    pub due: &'a str,
    /// The status code.
    pub status: &'a str,
    /// The time it needs.
    pub time: &'a str,
    /// The budget it needs.
    pub budget: &'a str,
    /// A note.
    pub note: &'a str,
}

/// An action as the plan keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDetails {
    /// The title, on one line.
    pub title: String,
    /// The dimension's id.
    pub dimension: String,
    /// Short or medium term.
    pub horizon: Horizon,
    /// Who is responsible; may be empty (not yet assigned).
    pub owner: String,
    /// When it is due.
    pub due: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
    /// The time it needs, as written.
    pub time: String,
    /// The budget it needs, as written.
    pub budget: String,
    /// A note (line breaks kept).
    pub note: String,
}

/// Parses an action's form against the round's `dimensions` (their ids); the first problem
/// found, in the order of the form's fields, is the refusal.
pub fn parse_action(
    draft: ActionDraft<'_>,
    dimensions: &[&str],
) -> Result<ActionDetails, PlanProblem> {
    let title = one_line(draft.title, MAX_TITLE_CHARS)
        .filter(|t| !t.is_empty())
        .ok_or(PlanProblem::TitleLength)?;
    let dimension = draft.dimension.trim();
    if !dimensions.contains(&dimension) {
        return Err(PlanProblem::UnknownDimension);
    }
    let horizon = Horizon::from_code(draft.horizon.trim()).ok_or(PlanProblem::UnknownHorizon)?;
    let owner = one_line(draft.owner, MAX_SHORT_TEXT_CHARS).ok_or(PlanProblem::OwnerTooLong)?;
    let due = parse_due_date(draft.due).ok_or(PlanProblem::DueNotADate)?;
    let status = ActionStatus::from_code(draft.status.trim()).ok_or(PlanProblem::UnknownStatus)?;
    let time = one_line(draft.time, MAX_SHORT_TEXT_CHARS).ok_or(PlanProblem::TimeTooLong)?;
    let budget = one_line(draft.budget, MAX_SHORT_TEXT_CHARS).ok_or(PlanProblem::BudgetTooLong)?;
    let note = multi_line(draft.note, MAX_NOTE_CHARS).ok_or(PlanProblem::NoteTooLong)?;
    Ok(ActionDetails {
        title,
        dimension: dimension.to_owned(),
        horizon,
        owner,
        due,
        status,
        time,
        budget,
        note,
    })
}

/// Parses an advisor's comment: not empty, at most [`MAX_NOTE_CHARS`], line breaks kept.
pub fn parse_comment(text: &str) -> Result<String, PlanProblem> {
    multi_line(text, MAX_NOTE_CHARS)
        .filter(|c| !c.is_empty())
        .ok_or(PlanProblem::CommentLength)
}

/// A date as a date field sends it (`2027-06-30`) or as people type it in Flanders
/// (`30/06/2027`, `30-6-2027`, `30.6.2027`), in [`DUE_YEARS`].
pub fn parse_due_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let numbers: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = numbers.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    DUE_YEARS.contains(&date.year()).then_some(date)
}

/// `text` trimmed on one line (every run of whitespace, line breaks included, one space;
/// other control characters dropped), if it is at most `max` characters.
fn one_line(text: &str, max: usize) -> Option<String> {
    let cleaned: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    (cleaned.chars().count() <= max).then_some(cleaned)
}

/// `text` trimmed with its line breaks kept (as `\n`; other control characters dropped), if
/// it is at most `max` characters.
fn multi_line(text: &str, max: usize) -> Option<String> {
    let cleaned: String = text
        .trim()
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect();
    (cleaned.chars().count() <= max).then_some(cleaned)
}

/// What the follow-up concludes about one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// The new level reaches the target.
    TargetReached,
    /// Up by at least [`MEANINGFUL_CHANGE`], short of the target (or without one).
    Improved,
    /// Within [`MEANINGFUL_CHANGE`] of the previous round.
    Unchanged,
    /// Down by at least [`MEANINGFUL_CHANGE`].
    Declined,
    /// One of the two rounds has no published figure for it.
    NotComparable,
}

impl Verdict {
    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().plan;
        match self {
            Verdict::TargetReached => texts.verdict_target_reached,
            Verdict::Improved => texts.verdict_improved,
            Verdict::Unchanged => texts.verdict_unchanged,
            Verdict::Declined => texts.verdict_declined,
            Verdict::NotComparable => texts.verdict_not_comparable,
        }
    }

    /// A stable class name for the page (`verdict-improved`, …).
    pub fn code(self) -> &'static str {
        match self {
            Verdict::TargetReached => "target-reached",
            Verdict::Improved => "improved",
            Verdict::Unchanged => "unchanged",
            Verdict::Declined => "declined",
            Verdict::NotComparable => "not-comparable",
        }
    }
}

/// One dimension of the plan as the next round saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionFollowUp {
    /// The previous round's published mean.
    pub previous: Option<f64>,
    /// The target set for this round.
    pub target: Option<MaturityLevel>,
    /// This round's published mean.
    pub current: Option<f64>,
    /// What moved.
    pub verdict: Verdict,
    /// How many of the plan's actions for this dimension are done.
    pub actions_done: usize,
    /// How many it has in all.
    pub actions: usize,
}

/// Compares, dimension by dimension, the previous round's published mean with the target
/// and this round's published mean. All slices are in the same dimension order; only
/// published means go in, so the follow-up shows nothing the reports did not.
pub fn follow_up(
    previous: &[Option<f64>],
    current: &[Option<f64>],
    targets: &[Option<MaturityLevel>],
    actions: &[Vec<ActionStatus>],
) -> Vec<DimensionFollowUp> {
    (0..current.len())
        .map(|i| {
            let before = previous.get(i).copied().flatten();
            let now = current[i];
            let target = targets.get(i).copied().flatten();
            let statuses = actions.get(i).map(Vec::as_slice).unwrap_or_default();
            let verdict = match (before, now) {
                (Some(before), Some(now)) => {
                    if target.is_some_and(|t| MaturityLevel::from_score(now) >= t) {
                        Verdict::TargetReached
                    } else if now - before >= MEANINGFUL_CHANGE - 1e-9 {
                        Verdict::Improved
                    } else if before - now >= MEANINGFUL_CHANGE - 1e-9 {
                        Verdict::Declined
                    } else {
                        Verdict::Unchanged
                    }
                }
                _ => Verdict::NotComparable,
            };
            DimensionFollowUp {
                previous: before,
                target,
                current: now,
                verdict,
                actions_done: statuses
                    .iter()
                    .filter(|s| **s == ActionStatus::Done)
                    .count(),
                actions: statuses.len(),
            }
        })
        .collect()
}

/// One organisation's latest plan, as the association's overview counts it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationPlan {
    /// The dimensions (ids) with a target, and their target.
    pub targets: Vec<(String, MaturityLevel)>,
    /// The dimensions (ids) with at least one action.
    pub dimensions_with_actions: Vec<String>,
    /// The advice items it adopted.
    pub adopted: Vec<AdviceRef>,
}

impl OrganisationPlan {
    /// Whether it plans anything for `dimension` (a target or an action).
    pub fn covers(&self, dimension: &str) -> bool {
        self.targets.iter().any(|(d, _)| d == dimension)
            || self.dimensions_with_actions.iter().any(|d| d == dimension)
    }

    /// Whether it plans anything at all.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty() && self.dimensions_with_actions.is_empty()
    }
}

/// The sector's plans per dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorPlanDimension {
    /// The dimension's id.
    pub dimension: String,
    /// Of the organisations counted, the share planning something for it.
    pub share_with_plan: f64,
    /// How many organisations set each target level (index = level), shown only when at
    /// least the anonymity threshold of organisations set a target for the dimension.
    pub targets: Option<[usize; 5]>,
}

/// The association's overview of plans, or nothing when fewer organisations than the
/// anonymity threshold have one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorPlans {
    /// Organisations counted (those with a round with results in the model version).
    pub organisations: usize,
    /// Of those, how many have a plan.
    pub with_plan: usize,
    /// Per dimension, in model order.
    pub dimensions: Vec<SectorPlanDimension>,
    /// The most adopted advice items with how many organisations adopted each, most first
    /// (at most [`MOST_ADOPTED_SHOWN`]).
    pub most_adopted: Vec<(AdviceRef, usize)>,
}

/// How many advice items the overview lists.
pub const MOST_ADOPTED_SHOWN: usize = 10;

/// The overview over `plans` (one per organisation counted; an empty one for an organisation
/// without a plan), for the `dimensions` (ids) of the model; `None` when fewer than
/// `threshold` organisations have a plan, as a benchmark group below it shows nothing.
pub fn sector_plans(
    dimensions: &[&str],
    plans: &[OrganisationPlan],
    threshold: usize,
) -> Option<SectorPlans> {
    let with_plan = plans.iter().filter(|p| !p.is_empty()).count();
    if with_plan < threshold.max(1) {
        return None;
    }
    let counted = plans.len();
    let dimensions = dimensions
        .iter()
        .map(|&dimension| {
            let covering = plans.iter().filter(|p| p.covers(dimension)).count();
            let mut targets = [0usize; 5];
            let mut setting = 0;
            for plan in plans {
                if let Some((_, level)) = plan.targets.iter().find(|(d, _)| d == dimension) {
                    targets[usize::from(level.number())] += 1;
                    setting += 1;
                }
            }
            SectorPlanDimension {
                dimension: dimension.to_owned(),
                share_with_plan: covering as f64 / counted as f64,
                targets: (setting >= threshold).then_some(targets),
            }
        })
        .collect();
    let mut adopted: std::collections::BTreeMap<&AdviceRef, usize> = Default::default();
    for plan in plans {
        let mut own: Vec<&AdviceRef> = plan.adopted.iter().collect();
        own.sort();
        own.dedup();
        for advice in own {
            *adopted.entry(advice).or_default() += 1;
        }
    }
    let mut most_adopted: Vec<(AdviceRef, usize)> =
        adopted.into_iter().map(|(a, n)| (a.clone(), n)).collect();
    most_adopted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    most_adopted.truncate(MOST_ADOPTED_SHOWN);
    Some(SectorPlans {
        organisations: counted,
        with_plan,
        dimensions,
        most_adopted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use MaturityLevel::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_default_target_is_one_level_up_and_never_above_the_top() {
        assert_eq!(default_target(Some(Absent)), Some(Initial));
        assert_eq!(default_target(Some(Developing)), Some(Established));
        assert_eq!(default_target(Some(Established)), Some(Advanced));
        assert_eq!(default_target(Some(Advanced)), Some(Advanced));
        assert_eq!(default_target(None), None);
    }

    #[test]
    fn a_target_is_a_level_not_below_today() {
        let parsed = parse_target(" 3 ", "  Alle  diensten\nkennen de code ", Some(Developing));
        assert_eq!(
            parsed,
            Ok(Target {
                level: Some(Established),
                ambition: Some("Alle diensten kennen de code".into()),
            })
        );
        assert_eq!(
            parse_target("", "", Some(Developing)),
            Ok(Target {
                level: None,
                ambition: None
            })
        );
        assert_eq!(
            parse_target("2", "", Some(Developing)).unwrap().level,
            Some(Developing)
        );
        assert_eq!(
            parse_target("1", "", Some(Developing)),
            Err(PlanProblem::TargetBelowToday)
        );
        for bad in ["5", "-1", "3.5", "drie", "٣", "256"] {
            assert_eq!(
                parse_target(bad, "", None),
                Err(PlanProblem::TargetNotALevel),
                "{bad}"
            );
        }
        assert_eq!(
            parse_target("4", &"x".repeat(MAX_AMBITION_CHARS + 1), None),
            Err(PlanProblem::AmbitionTooLong)
        );
        assert!(parse_target("4", &"é".repeat(MAX_AMBITION_CHARS), None).is_ok());
    }

    fn draft() -> ActionDraft<'static> {
        ActionDraft {
            title: "  Meldpunt\tbekendmaken ",
            dimension: "reporting",
            horizon: "short",
            owner: "Integriteitscoördinator",
            due: "30/06/2027",
            status: "planned",
            time: "2 dagen",
            budget: "€ 500",
            note: " Eerst\r\nhet intranet. ",
        }
    }

    #[test]
    fn an_action_parses_with_its_fields_cleaned() {
        let action = parse_action(draft(), &["policy", "reporting"]).unwrap();
        assert_eq!(action.title, "Meldpunt bekendmaken");
        assert_eq!(action.dimension, "reporting");
        assert_eq!(action.horizon, Horizon::Short);
        assert_eq!(action.due, date(2027, 6, 30));
        assert_eq!(action.status, ActionStatus::Planned);
        assert_eq!(action.note, "Eerst\nhet intranet.");
        assert_eq!(action.budget, "€ 500");
    }

    #[test]
    fn each_bad_field_is_refused_with_its_own_problem() {
        let dims = ["policy", "reporting"];
        let cases: [(ActionDraft<'static>, PlanProblem); 10] = [
            (
                ActionDraft {
                    title: " \n ",
                    ..draft()
                },
                PlanProblem::TitleLength,
            ),
            (
                ActionDraft {
                    dimension: "Reporting",
                    ..draft()
                },
                PlanProblem::UnknownDimension,
            ),
            (
                ActionDraft {
                    horizon: "long",
                    ..draft()
                },
                PlanProblem::UnknownHorizon,
            ),
            (ActionDraft { due: "", ..draft() }, PlanProblem::DueNotADate),
            (
                ActionDraft {
                    due: "31/02/2027",
                    ..draft()
                },
                PlanProblem::DueNotADate,
            ),
            (
                ActionDraft {
                    due: "2027-13-01",
                    ..draft()
                },
                PlanProblem::DueNotADate,
            ),
            (
                ActionDraft {
                    due: "01/01/20227",
                    ..draft()
                },
                PlanProblem::DueNotADate,
            ),
            (
                ActionDraft {
                    due: "1/1/1999",
                    ..draft()
                },
                PlanProblem::DueNotADate,
            ),
            (
                ActionDraft {
                    status: "finished",
                    ..draft()
                },
                PlanProblem::UnknownStatus,
            ),
            (
                ActionDraft {
                    status: "",
                    ..draft()
                },
                PlanProblem::UnknownStatus,
            ),
        ];
        for (case, problem) in cases {
            assert_eq!(parse_action(case, &dims), Err(problem), "{case:?}");
            assert!(!problem.message(Lang::Fr).is_empty());
        }
        let long = "x".repeat(MAX_SHORT_TEXT_CHARS + 1);
        let long_title = "x".repeat(MAX_TITLE_CHARS + 1);
        let long_note = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            parse_action(
                ActionDraft {
                    title: &long_title,
                    ..draft()
                },
                &dims
            ),
            Err(PlanProblem::TitleLength)
        );
        assert_eq!(
            parse_action(
                ActionDraft {
                    owner: &long,
                    ..draft()
                },
                &dims
            ),
            Err(PlanProblem::OwnerTooLong)
        );
        assert_eq!(
            parse_action(
                ActionDraft {
                    time: &long,
                    ..draft()
                },
                &dims
            ),
            Err(PlanProblem::TimeTooLong)
        );
        assert_eq!(
            parse_action(
                ActionDraft {
                    budget: &long,
                    ..draft()
                },
                &dims
            ),
            Err(PlanProblem::BudgetTooLong)
        );
        assert_eq!(
            parse_action(
                ActionDraft {
                    note: &long_note,
                    ..draft()
                },
                &dims
            ),
            Err(PlanProblem::NoteTooLong)
        );
    }

    #[test]
    fn due_dates_are_read_as_typed_in_flanders() {
        assert_eq!(parse_due_date("2027-06-30"), Some(date(2027, 6, 30)));
        assert_eq!(parse_due_date("30-6-2027"), Some(date(2027, 6, 30)));
        assert_eq!(parse_due_date("1.2.2028"), Some(date(2028, 2, 1)));
        assert_eq!(parse_due_date(" 29/02/2028 "), Some(date(2028, 2, 29)));
        for bad in [
            "29/02/2027",
            "2027/6",
            "30-06-27",
            "+2027-06-30",
            "2027-06-30-1",
            "x",
        ] {
            assert_eq!(parse_due_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_action_is_overdue_only_while_open_and_after_its_due_date() {
        let today = date(2027, 3, 15);
        let due = date(2027, 3, 14);
        assert!(is_overdue(ActionStatus::Planned, due, today));
        assert!(is_overdue(ActionStatus::InProgress, due, today));
        assert!(!is_overdue(ActionStatus::Done, due, today));
        assert!(!is_overdue(ActionStatus::Dropped, due, today));
        assert!(!is_overdue(ActionStatus::Planned, today, today));
    }

    #[test]
    fn adopted_advice_is_due_at_the_end_of_its_term() {
        let today = date(2026, 12, 2);
        assert_eq!(Horizon::Short.default_due(today), date(2027, 12, 2));
        assert_eq!(Horizon::Medium.default_due(today), date(2029, 12, 2));
        assert_eq!(
            Horizon::Short.default_due(date(2028, 2, 29)),
            date(2029, 2, 28)
        );
    }

    #[test]
    fn advice_codes_round_trip_and_malformed_ones_are_refused() {
        let advice = AdviceRef {
            dimension: "reporting".into(),
            level: Developing,
            horizon: Horizon::Medium,
            index: 1,
        };
        assert_eq!(advice.code(), "reporting:2:medium:1");
        assert_eq!(AdviceRef::parse(&advice.code()), Some(advice));
        for bad in [
            "",
            ":2:short:0",
            "policy:5:short:0",
            "policy:2:long:0",
            "policy:2:short",
            "policy:2:short:0:1",
            "policy:2:short:-1",
        ] {
            assert_eq!(AdviceRef::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_needle_moved_where_the_new_level_reaches_the_target() {
        // Hand-checked: policy 1.8 → 3.1 with target 3 (reached: level 3);
        // code 2.0 → 2.5 with target 4 (improved by 0.5, short of the target);
        // reporting 2.4 → 2.5 (unchanged: 0.1 < 0.2); hr 3.0 → 2.7 (declined by 0.3);
        // leadership without a previous figure (not comparable).
        let previous = [Some(1.8), Some(2.0), Some(2.4), Some(3.0), None];
        let current = [Some(3.1), Some(2.5), Some(2.5), Some(2.7), Some(2.0)];
        let targets = [
            Some(Established),
            Some(Advanced),
            None,
            Some(Established),
            Some(Established),
        ];
        let actions = vec![
            vec![
                ActionStatus::Done,
                ActionStatus::Done,
                ActionStatus::Dropped,
            ],
            vec![ActionStatus::InProgress],
            vec![],
            vec![ActionStatus::Done],
            vec![],
        ];
        let follow = follow_up(&previous, &current, &targets, &actions);
        let verdicts: Vec<Verdict> = follow.iter().map(|f| f.verdict).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::TargetReached,
                Verdict::Improved,
                Verdict::Unchanged,
                Verdict::Declined,
                Verdict::NotComparable
            ]
        );
        assert_eq!((follow[0].actions_done, follow[0].actions), (2, 3));
        assert_eq!((follow[1].actions_done, follow[1].actions), (0, 1));
        // A change of exactly the threshold counts, despite floating point (2.1 − 1.9).
        let edge = follow_up(&[Some(1.9)], &[Some(2.1)], &[None], &[]);
        assert_eq!(edge[0].verdict, Verdict::Improved);
    }

    fn plan(targets: &[(&str, MaturityLevel)], adopted: &[&str]) -> OrganisationPlan {
        OrganisationPlan {
            targets: targets.iter().map(|(d, l)| ((*d).to_owned(), *l)).collect(),
            dimensions_with_actions: adopted
                .iter()
                .map(|a| AdviceRef::parse(a).unwrap().dimension)
                .collect(),
            adopted: adopted
                .iter()
                .map(|a| AdviceRef::parse(a).unwrap())
                .collect(),
        }
    }

    #[test]
    fn the_sector_overview_counts_plans_and_hides_below_the_threshold() {
        let dims = ["policy", "reporting"];
        let plans = vec![
            plan(&[("policy", Established)], &["policy:2:short:0"]),
            plan(
                &[("policy", Established)],
                &["policy:2:short:0", "reporting:1:medium:1"],
            ),
            plan(&[("policy", Advanced)], &["policy:2:short:0"]),
            plan(&[], &[]),
        ];
        // Three organisations have a plan: not enough under a threshold of four.
        assert_eq!(sector_plans(&dims, &plans, 4), None);
        let overview = sector_plans(&dims, &plans, 3).unwrap();
        assert_eq!((overview.organisations, overview.with_plan), (4, 3));
        assert_eq!(overview.dimensions[0].share_with_plan, 0.75);
        assert_eq!(overview.dimensions[0].targets, Some([0, 0, 0, 2, 1]));
        // Reporting: one of four plans something, nobody set a target: no distribution.
        assert_eq!(overview.dimensions[1].share_with_plan, 0.25);
        assert_eq!(overview.dimensions[1].targets, None);
        assert_eq!(
            overview.most_adopted,
            vec![
                (AdviceRef::parse("policy:2:short:0").unwrap(), 3),
                (AdviceRef::parse("reporting:1:medium:1").unwrap(), 1),
            ]
        );
    }

    proptest! {
        #[test]
        fn a_default_target_is_never_below_today_nor_above_the_top(n in 0u8..5) {
            let today = MaturityLevel::from_number(n).unwrap();
            let target = default_target(Some(today)).unwrap();
            prop_assert!(target >= today);
            prop_assert!(target.number() <= 4);
            prop_assert!(parse_target(&target.number().to_string(), "", Some(today)).is_ok());
        }

        #[test]
        fn any_typed_text_parses_or_is_refused_without_panicking(
            title in ".{0,400}", due in ".{0,20}", note in ".{0,50}"
        ) {
            let result = parse_action(ActionDraft { title: &title, due: &due, note: &note, ..draft() }, &["reporting"]);
            if let Ok(action) = result {
                prop_assert!(!action.title.is_empty());
                prop_assert!(action.title.chars().count() <= MAX_TITLE_CHARS);
                prop_assert!(!action.title.chars().any(char::is_control));
                prop_assert!(DUE_YEARS.contains(&action.due.year()));
            }
        }

        #[test]
        fn the_overview_never_shows_a_distribution_of_fewer_than_the_threshold(
            levels in proptest::collection::vec(proptest::option::of(0u8..5), 0..12),
            threshold in 1usize..6,
        ) {
            let plans: Vec<OrganisationPlan> = levels.iter().map(|l| match l {
                Some(n) => plan(&[("policy", MaturityLevel::from_number(*n).unwrap())], &[]),
                None => plan(&[], &[]),
            }).collect();
            if let Some(overview) = sector_plans(&["policy"], &plans, threshold) {
                prop_assert!(overview.with_plan >= threshold);
                if let Some(targets) = overview.dimensions[0].targets {
                    prop_assert!(targets.iter().sum::<usize>() >= threshold);
                }
            }
        }
    }
}
