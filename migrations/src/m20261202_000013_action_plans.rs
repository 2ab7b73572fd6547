//! The action plan an organisation draws up from a round's report: a target per dimension
//! (`plan_targets`), actions (`plan_actions`, in the plan's order by `position`; an adopted
//! advice item keeps its code, unique within the plan) and the advisors' comments
//! (`plan_comments`, keeping the author's name as it was). Everything belongs to the round the
//! plan starts from and goes with it.

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
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PlanTargets {
    Table,
    Id,
    RoundId,
    DimensionId,
    TargetLevel,
    Ambition,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanActions {
    Table,
    Id,
    RoundId,
    Position,
    DimensionId,
    Title,
    Horizon,
    Owner,
    DueOn,
    Status,
    TimeNeeded,
    Budget,
    Note,
    AdviceCode,
    CreatedAt,
    UpdatedAt,
    DoneAt,
}

#[derive(DeriveIden)]
enum PlanComments {
    Table,
    Id,
    RoundId,
    AuthorId,
    AuthorName,
    Body,
    CreatedAt,
}

fn round_key(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Rounds::Table, Rounds::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanTargets::Table)
                    .col(pk_auto(PlanTargets::Id))
                    .col(integer(PlanTargets::RoundId))
                    .col(string(PlanTargets::DimensionId))
                    .col(integer_null(PlanTargets::TargetLevel))
                    .col(string_null(PlanTargets::Ambition))
                    .col(timestamp_with_time_zone(PlanTargets::UpdatedAt))
                    .foreign_key(&mut round_key(PlanTargets::Table, PlanTargets::RoundId))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("plan_targets_round_dimension")
                    .table(PlanTargets::Table)
                    .col(PlanTargets::RoundId)
                    .col(PlanTargets::DimensionId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanActions::Table)
                    .col(pk_auto(PlanActions::Id))
                    .col(integer(PlanActions::RoundId))
                    .col(integer(PlanActions::Position))
                    .col(string(PlanActions::DimensionId))
                    .col(text(PlanActions::Title))
                    .col(string(PlanActions::Horizon))
                    .col(string(PlanActions::Owner))
                    .col(date(PlanActions::DueOn))
                    .col(string(PlanActions::Status))
                    .col(string(PlanActions::TimeNeeded))
                    .col(string(PlanActions::Budget))
                    .col(text(PlanActions::Note))
                    .col(string_null(PlanActions::AdviceCode))
                    .col(timestamp_with_time_zone(PlanActions::CreatedAt))
                    .col(timestamp_with_time_zone(PlanActions::UpdatedAt))
                    .col(timestamp_with_time_zone_null(PlanActions::DoneAt))
                    .foreign_key(&mut round_key(PlanActions::Table, PlanActions::RoundId))
                    .take(),
            )
            .await?;
        // One adopted action per advice item and plan (own actions have no code; NULLs
        // never collide), so a double click adopts once.
        manager
            .create_index(
                Index::create()
                    .name("plan_actions_round_advice")
                    .table(PlanActions::Table)
                    .col(PlanActions::RoundId)
                    .col(PlanActions::AdviceCode)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanComments::Table)
                    .col(pk_auto(PlanComments::Id))
                    .col(integer(PlanComments::RoundId))
                    .col(integer_null(PlanComments::AuthorId))
                    .col(string(PlanComments::AuthorName))
                    .col(text(PlanComments::Body))
                    .col(timestamp_with_time_zone(PlanComments::CreatedAt))
                    .foreign_key(&mut round_key(PlanComments::Table, PlanComments::RoundId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlanComments::Table, PlanComments::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PlanComments::Table.into_iden(),
            PlanActions::Table.into_iden(),
            PlanTargets::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        Ok(())
    }
}
