//! A round's open invitation link: a shared address that issues a personal invitation to
//! whoever starts through it, up to the coordinator's cap.

use sea_orm::entity::prelude::*;

/// One round's open link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "open_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub round_id: i32,
    /// The random part of the shared address (`/j/{slug}`); not secret, not personal.
    #[sea_orm(unique)]
    pub slug: String,
    /// The most personal invitations this link may issue.
    pub response_cap: i32,
    /// The personal invitations it issued so far.
    pub responses: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
