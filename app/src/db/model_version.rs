//! A maturity model version that answers refer to.

use sea_orm::entity::prelude::*;

/// One model version, as loaded from its file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_versions")]
pub struct Model {
    /// The model's id (e.g. `quickscan-2026`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub title: String,
    /// SHA-256 of the model file, to notice a published model being edited in place.
    pub content_hash: String,
    pub loaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
