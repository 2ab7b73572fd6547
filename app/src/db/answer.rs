//! One answer to one statement.

use sea_orm::entity::prelude::*;

/// One answer; unique per response and statement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub response_id: i32,
    pub statement_id: String,
    /// The answer's code (`0`–`4`, `dont_know`, `not_applicable`), see `AnswerValue::code`.
    pub value: String,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
