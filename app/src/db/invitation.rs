//! An invitation: a random, unguessable token that lets one anonymous respondent answer.

use sea_orm::entity::prelude::*;

/// One invitation link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    #[sea_orm(unique)]
    pub token: String,
    /// mandatary, management or staff, when the coordinator chose one.
    pub respondent_group: Option<String>,
    pub created_at: DateTimeUtc,
    /// For a respondent imported from a spreadsheet: their key in the file, so a re-import
    /// replaces their answers instead of adding a second respondent.
    pub import_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Length of an invitation token: 26 alphanumerics, about 155 bits.
pub const TOKEN_LEN: usize = 26;

/// A new random, unguessable invitation token (from the OS-seeded CSPRNG).
pub fn new_token() -> String {
    use rand::Rng;
    rand::rng()
        .sample_iter(&rand::distr::Alphanumeric)
        .take(TOKEN_LEN)
        .map(char::from)
        .collect()
}
