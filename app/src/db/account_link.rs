//! A one-time link to set a staff account's password: its activation, or a reset. Only the
//! hash of the token is stored ([`crate::db::invitation::hash_token`]).

use sea_orm::entity::prelude::*;

/// What a link is for; the page it opens words itself after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum LinkPurpose {
    /// A new account sets its first password.
    #[sea_orm(string_value = "activation")]
    Activation,
    /// A forgotten password is replaced.
    #[sea_orm(string_value = "reset")]
    Reset,
}

/// One link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// SHA-256 (hex) of the link's token.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub purpose: LinkPurpose,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// When the link was used; a used link works no more.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
