//! An action in the action plan drawn up from a round.

use sea_orm::entity::prelude::*;

/// One action. `horizon` and `status` hold the domain's codes (`Horizon::code`,
/// `ActionStatus::code`); `advice_code` the adopted advice item's code, unique in the plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    /// The plan's order, lowest first.
    pub position: i32,
    pub dimension_id: String,
    pub title: String,
    pub horizon: String,
    pub owner: String,
    pub due_on: Date,
    pub status: String,
    pub time_needed: String,
    pub budget: String,
    pub note: String,
    pub advice_code: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When it was marked done (cleared when it is reopened).
    pub done_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
