//! Membership of an organisation in an admin-defined peer group.

use sea_orm::entity::prelude::*;

/// One membership.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "peer_group_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub peer_group_id: i32,
    pub organisation_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
