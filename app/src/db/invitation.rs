//! An invitation: a random, unguessable token that lets one anonymous respondent answer.
//!
//! Only the token's SHA-256 is stored: the raw token exists in the respondent's link (and
//! in the e-mail or page that handed it to them), never in the database, so nobody who can
//! read the database or a staff page can open someone's answers.

use sea_orm::entity::prelude::*;

/// One invitation link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    /// [`hash_token`] of the raw token, which is not stored.
    #[sea_orm(unique)]
    pub token_hash: String,
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

/// The stored form of a token: its SHA-256 as lowercase hex. Tokens carry about 155 bits of
/// randomness, so a fast unsalted hash is enough (nothing to brute-force).
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_alphanumeric_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), TOKEN_LEN);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        // 62^26 > 2^128: at least 128 bits of randomness.
        assert!((TOKEN_LEN as f64) * 62f64.log2() >= 128.0);
    }

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
