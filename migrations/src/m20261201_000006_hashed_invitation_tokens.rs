//! Invitation tokens are stored only as their SHA-256 (hex): the column `token` becomes
//! `token_hash`, and every existing token is replaced by its hash, so existing links keep
//! working (they are looked up by hash) while the database no longer holds a usable link.
//!
//! Renaming keeps the column's unique constraint on both backends (SQLite cannot drop a
//! unique column). The hashing is done here in Rust, row by row, because SQLite has no
//! SHA-256 function; it must stay equal to the application's `invitation::hash_token`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    Token,
    TokenHash,
}

/// SHA-256 of a token as lowercase hex, as the application stores it.
fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A SHA-256 hex digest is 64 characters; tokens were at most 26 before this migration.
const HASH_LEN: usize = 64;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .rename_column(Invitations::Token, Invitations::TokenHash)
                    .take(),
            )
            .await?;
        let db = manager.get_connection();
        let rows = db
            .query_all(
                &Query::select()
                    .columns([Invitations::Id, Invitations::TokenHash])
                    .from(Invitations::Table)
                    .take(),
            )
            .await?;
        for row in rows {
            // By position: the columns are the two selected above, in that order.
            let id: i32 = row.try_get_by_index(0)?;
            let token: String = row.try_get_by_index(1)?;
            // Never hash twice: a row already holding a digest stays as it is.
            let is_hash = token.len() == HASH_LEN
                && token
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
            if is_hash {
                continue;
            }
            db.execute(
                &Query::update()
                    .table(Invitations::Table)
                    .value(Invitations::TokenHash, hash_token(&token))
                    .and_where(Expr::col(Invitations::Id).eq(id))
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    /// Only the name comes back: a hash cannot be turned into its token again, so links
    /// issued before going down no longer open.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .rename_column(Invitations::TokenHash, Invitations::Token)
                    .take(),
            )
            .await
    }
}
