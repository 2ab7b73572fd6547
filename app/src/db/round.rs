//! A scan round: one organisation answering one model version in one period.

use sea_orm::entity::prelude::*;

/// A round is open while respondents may answer.
pub const STATUS_OPEN: &str = "open";
/// A closed round accepts no answers.
pub const STATUS_CLOSED: &str = "closed";

/// One scan round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub model_version_id: String,
    pub name: String,
    pub year: i32,
    /// [`STATUS_OPEN`] or [`STATUS_CLOSED`].
    pub status: String,
    pub opened_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

impl Model {
    /// Whether respondents may still answer.
    pub fn is_open(&self) -> bool {
        self.status == STATUS_OPEN
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
