//! A round's results also stored as a summary (respondents and the published means) in a
//! table of its own, which cohorts, ranks and the association's comparison read for every
//! organisation at once. The full aggregate, with its groups and statements, is many times
//! larger, and a column beside it would be read through it: SQLite reaches a row's later
//! columns only by walking the overflow pages of the earlier ones. Existing results get their
//! summary at start-up (`rounds::reapply_thresholds`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RoundSummaries {
    Table,
    RoundId,
    Summary,
}

#[derive(DeriveIden)]
enum RoundResults {
    Table,
    RoundId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RoundSummaries::Table)
                    .col(integer(RoundSummaries::RoundId).primary_key())
                    .col(text(RoundSummaries::Summary))
                    // The summary goes with the results it summarises.
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoundSummaries::Table, RoundSummaries::RoundId)
                            .to(RoundResults::Table, RoundResults::RoundId)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RoundSummaries::Table).take())
            .await
    }
}
