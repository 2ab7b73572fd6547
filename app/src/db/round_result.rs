//! A closed round's aggregated result, computed once when it closes.

use sea_orm::entity::prelude::*;

/// One round's stored aggregate.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i32,
    /// `OrganisationAggregate` as versioned JSON, written and read by `staff::stored` only.
    pub aggregate: String,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
