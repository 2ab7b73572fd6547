//! A round's results summarised: what cohorts, ranks and the comparison read of many rounds.

use sea_orm::entity::prelude::*;

/// One round's stored summary (beside its `round_results` row, deleted with it).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_summaries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    /// `ResultSummary` as versioned JSON, written and read by `staff::stored` only.
    pub summary: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
