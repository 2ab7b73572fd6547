//! What the action plan's pages show, as plain data sent from server to browser: the plan
//! page and its printable version, the follow-up in the next round's report, and the
//! association's overview. Dates travel as text (`2027-06-30` for a date field, and as shown).

use quickscan_domain::action_plan::{ActionStatus, DimensionFollowUp, Horizon, SectorPlans};
use quickscan_domain::{MaturityLevel, Text};
use serde::{Deserialize, Serialize};

use crate::auth::StaffUser;

/// A round's action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    /// Who is signed in.
    pub user: StaffUser,
    /// The organisation's name.
    pub organisation: String,
    /// The round the plan starts from.
    pub round_id: i32,
    /// Its name and year.
    pub round_label: String,
    /// Today, as shown (the printable version's date).
    pub today: String,
    /// Whether the user may change the plan (its coordinator, the admin).
    pub can_edit: bool,
    /// Whether the user may comment on it (its advisor, the admin).
    pub can_comment: bool,
    /// Per dimension, in model order.
    pub dimensions: Vec<PlanDimension>,
    /// The actions, in the plan's order.
    pub actions: Vec<PlanAction>,
    /// The advisors' comments, oldest first.
    pub comments: Vec<PlanComment>,
}

/// One dimension in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDimension {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// The round's published mean.
    pub mean: Option<f64>,
    /// The level of that mean.
    pub level: Option<MaturityLevel>,
    /// The target: as set, or one level up from today when none was saved yet.
    pub target: Option<MaturityLevel>,
    /// The ambition as set.
    pub ambition: String,
    /// The advice the model gives at today's level, to adopt.
    pub advice: Vec<PlanAdvice>,
}

/// One advice item that can be adopted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAdvice {
    /// Its code (`AdviceRef::code`), posted by the adopt button.
    pub code: String,
    /// Short or medium term.
    pub horizon: Horizon,
    /// Its text.
    pub text: Text,
    /// Whether it is in the plan already.
    pub adopted: bool,
}

/// One action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    /// Its id.
    pub id: i32,
    /// The title.
    pub title: String,
    /// The dimension's id.
    pub dimension_id: String,
    /// The dimension's name.
    pub dimension: Text,
    /// Short or medium term.
    pub horizon: Horizon,
    /// Who is responsible (may be empty).
    pub owner: String,
    /// The due date for a date field (`2027-06-30`).
    pub due_value: String,
    /// The due date as shown (`30/06/2027`).
    pub due_shown: String,
    /// Where it stands.
    pub status: ActionStatus,
    /// Whether it is overdue today.
    pub overdue: bool,
    /// The time it needs.
    pub time: String,
    /// The budget it needs.
    pub budget: String,
    /// A note.
    pub note: String,
}

/// An advisor's comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanComment {
    /// Who wrote it, as they were named then.
    pub author: String,
    /// When (UTC, as shown).
    pub at: String,
    /// What they wrote.
    pub body: String,
}

/// The follow-up of the previous round's plan, in the next round's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpView {
    /// The round the plan started from, by name and year.
    pub previous_label: String,
    /// Its id, to link to its plan.
    pub previous_round_id: i32,
    /// Per dimension of this round's model: its name and what moved.
    pub rows: Vec<(Text, DimensionFollowUp)>,
    /// The plan's actions still open past their due date.
    pub overdue: Vec<PlanAction>,
    /// The plan's dropped actions.
    pub dropped: Vec<PlanAction>,
}

/// The association's overview of plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorPlansView {
    /// Who is signed in.
    pub user: StaffUser,
    /// The model version counted.
    pub model_title: Text,
    /// The anonymity threshold it is shown under.
    pub threshold: usize,
    /// The dimensions' names, in model order.
    pub dimension_names: Vec<Text>,
    /// The overview; `None` below the threshold.
    pub overview: Option<SectorPlans>,
    /// The most adopted advice items: dimension, level, horizon, text and how many adopted it.
    pub most_adopted: Vec<AdoptedAdvice>,
}

/// One of the most adopted advice items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdoptedAdvice {
    /// The dimension's name.
    pub dimension: Text,
    /// The level it is written for.
    pub level: MaturityLevel,
    /// Its term.
    pub horizon: Horizon,
    /// Its text.
    pub text: Text,
    /// How many organisations adopted it.
    pub organisations: usize,
}
