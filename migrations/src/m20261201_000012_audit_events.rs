//! The audit log: one row per recorded staff action, appended and never changed; rows older
//! than the retention period are deleted. `actor_email` keeps the address as it was (a typed
//! one for a refused sign-in), so the history reads the same after an account is gone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    ActorEmail,
    Action,
    OrganisationId,
    Detail,
    Client,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .col(pk_auto(AuditEvents::Id))
                    .col(timestamp_with_time_zone(AuditEvents::At))
                    .col(integer_null(AuditEvents::ActorId))
                    .col(string(AuditEvents::ActorEmail))
                    .col(string(AuditEvents::Action))
                    .col(integer_null(AuditEvents::OrganisationId))
                    .col(string(AuditEvents::Detail))
                    .col(string(AuditEvents::Client))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_events_at")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::At)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEvents::Table).take())
            .await
    }
}
