//! One recorded staff action (see [`quickscan_domain::audit`]).

use sea_orm::entity::prelude::*;

/// One event; rows are appended and, past the retention period, deleted, never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// The account that acted, when known.
    pub actor_id: Option<i32>,
    /// Its address as it was (for a refused sign-in: as typed, at most 254 characters).
    pub actor_email: String,
    /// [`quickscan_domain::audit::AuditAction::code`].
    pub action: String,
    pub organisation_id: Option<i32>,
    /// What else tells the action apart: ids, names, counts; never a respondent's address.
    pub detail: String,
    /// The client address.
    pub client: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
