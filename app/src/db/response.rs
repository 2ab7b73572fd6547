//! A response: what one invitation's respondent has answered so far.

use sea_orm::entity::prelude::*;

/// One response; created when the respondent first saves.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub invitation_id: i32,
    /// The model version answered; answers keep their meaning when a new model arrives.
    pub model_version_id: String,
    /// The questionnaire step (1-based dimension number) the respondent was last on.
    pub current_step: i32,
    pub started_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Set once, on submission; a submitted response cannot change.
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
