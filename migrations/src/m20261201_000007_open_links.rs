//! A round's open invitation link: one shared address (for a printed sheet or a QR code)
//! that gives whoever opens it a new personal invitation of their own, up to a cap the
//! coordinator sets. `responses` counts the invitations it issued; it is raised with a
//! guarded `UPDATE … WHERE responses < response_cap`, so concurrent starts never pass the cap.
//!
//! The slug is stored as it is: it is printed for everyone to see and opens no answers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OpenLinks {
    Table,
    Id,
    RoundId,
    Slug,
    ResponseCap,
    Responses,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OpenLinks::Table)
                    .col(pk_auto(OpenLinks::Id))
                    .col(integer_uniq(OpenLinks::RoundId))
                    .col(string_uniq(OpenLinks::Slug))
                    .col(integer(OpenLinks::ResponseCap))
                    .col(integer(OpenLinks::Responses).default(0))
                    .col(timestamp_with_time_zone(OpenLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpenLinks::Table, OpenLinks::RoundId)
                            .to(Rounds::Table, Rounds::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OpenLinks::Table).take())
            .await
    }
}
