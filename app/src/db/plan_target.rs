//! A dimension's target in the action plan drawn up from a round.

use sea_orm::entity::prelude::*;

/// One target; unique per round and dimension.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub dimension_id: String,
    /// The level 0–4 to reach; `None` when the coordinator set no target.
    pub target_level: Option<i32>,
    pub ambition: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
