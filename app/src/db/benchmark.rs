//! Stored benchmark figures of one peer group in one cohort (model version and year).

use sea_orm::entity::prelude::*;

/// One group's benchmark in one cohort.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "benchmarks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub model_version_id: String,
    pub year: i32,
    /// `PeerGroup::key()`.
    pub group_key: String,
    /// `GroupBenchmark` as versioned JSON, written and read by `staff::stored` only
    /// (server-side only: it holds member values).
    pub figures: String,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
