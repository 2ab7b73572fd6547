//! A respondent's optional free-text comment on one dimension.

use sea_orm::entity::prelude::*;

/// One comment; unique per response and dimension.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dimension_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub response_id: i32,
    pub dimension_id: String,
    pub comment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
