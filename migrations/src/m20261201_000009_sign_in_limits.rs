//! Sign-in limits that hold under parallel requests, and an idle timeout for sessions.
//!
//! `login_throttles` keeps one counter per key (an account, a client address, or the pair),
//! bumped with one atomic upsert per attempt, so a burst cannot slip past the limit between a
//! count and an insert. It replaces `login_attempts`, which only counted per address and only
//! after the check. `sessions.last_seen_at` records when a session last made a request.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginThrottles {
    Table,
    /// SHA-256 (hex) of what is counted, e.g. an account and a client address.
    CounterKey,
    /// Seconds since the epoch when the current window began.
    WindowStart,
    /// Attempts in that window that have not (yet) succeeded.
    Attempts,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    AttemptedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    LastSeenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottles::Table)
                    .col(string(LoginThrottles::CounterKey).primary_key())
                    .col(big_integer(LoginThrottles::WindowStart))
                    .col(integer(LoginThrottles::Attempts))
                    .take(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(LoginAttempts::Table).take())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(timestamp_with_time_zone_null(Sessions::LastSeenAt))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::LastSeenAt)
                    .take(),
            )
            .await?;
        // The counters cannot become the old per-attempt rows; the old table starts empty.
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(pk_auto(LoginAttempts::Id))
                    .col(string(LoginAttempts::Email))
                    .col(timestamp_with_time_zone(LoginAttempts::AttemptedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("login_attempts_by_email")
                    .table(LoginAttempts::Table)
                    .col(LoginAttempts::Email)
                    .take(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(LoginThrottles::Table).take())
            .await
    }
}
