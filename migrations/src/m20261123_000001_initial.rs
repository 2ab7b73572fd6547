//! Organisations, model versions, scan rounds, invitations, responses and answers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Province,
    Population,
}

#[derive(DeriveIden)]
enum ModelVersions {
    Table,
    Id,
    Title,
    ContentHash,
    LoadedAt,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
    OrganisationId,
    ModelVersionId,
    Name,
    Year,
    Status,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    RoundId,
    Token,
    RespondentGroup,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Id,
    InvitationId,
    ModelVersionId,
    CurrentStep,
    StartedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    Id,
    ResponseId,
    StatementId,
    Value,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum DimensionComments {
    Table,
    Id,
    ResponseId,
    DimensionId,
    Comment,
}

fn foreign_key(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(pk_auto(Organisations::Id))
                    .col(string_uniq(Organisations::Code))
                    .col(string(Organisations::Name))
                    .col(string(Organisations::Kind))
                    .col(string(Organisations::Province))
                    .col(integer(Organisations::Population))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModelVersions::Table)
                    .col(string(ModelVersions::Id).primary_key())
                    .col(string(ModelVersions::Title))
                    .col(string(ModelVersions::ContentHash))
                    .col(timestamp_with_time_zone(ModelVersions::LoadedAt))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rounds::Table)
                    .col(pk_auto(Rounds::Id))
                    .col(integer(Rounds::OrganisationId))
                    .col(string(Rounds::ModelVersionId))
                    .col(string(Rounds::Name))
                    .col(integer(Rounds::Year))
                    .col(string(Rounds::Status))
                    .col(timestamp_with_time_zone(Rounds::OpenedAt))
                    .col(timestamp_with_time_zone_null(Rounds::ClosedAt))
                    .foreign_key(&mut foreign_key(
                        (Rounds::Table, Rounds::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut foreign_key(
                        (Rounds::Table, Rounds::ModelVersionId),
                        (ModelVersions::Table, ModelVersions::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(pk_auto(Invitations::Id))
                    .col(integer(Invitations::RoundId))
                    .col(string_uniq(Invitations::Token))
                    .col(string_null(Invitations::RespondentGroup))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (Invitations::Table, Invitations::RoundId),
                        (Rounds::Table, Rounds::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Responses::Table)
                    .col(pk_auto(Responses::Id))
                    .col(integer_uniq(Responses::InvitationId))
                    .col(string(Responses::ModelVersionId))
                    .col(integer(Responses::CurrentStep))
                    .col(timestamp_with_time_zone(Responses::StartedAt))
                    .col(timestamp_with_time_zone(Responses::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Responses::SubmittedAt))
                    .foreign_key(&mut foreign_key(
                        (Responses::Table, Responses::InvitationId),
                        (Invitations::Table, Invitations::Id),
                    ))
                    .foreign_key(&mut foreign_key(
                        (Responses::Table, Responses::ModelVersionId),
                        (ModelVersions::Table, ModelVersions::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Answers::Table)
                    .col(pk_auto(Answers::Id))
                    .col(integer(Answers::ResponseId))
                    .col(string(Answers::StatementId))
                    .col(string(Answers::Value))
                    .col(timestamp_with_time_zone(Answers::AnsweredAt))
                    .foreign_key(&mut foreign_key(
                        (Answers::Table, Answers::ResponseId),
                        (Responses::Table, Responses::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("answers_one_per_statement")
                    .table(Answers::Table)
                    .col(Answers::ResponseId)
                    .col(Answers::StatementId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DimensionComments::Table)
                    .col(pk_auto(DimensionComments::Id))
                    .col(integer(DimensionComments::ResponseId))
                    .col(string(DimensionComments::DimensionId))
                    .col(text(DimensionComments::Comment))
                    .foreign_key(&mut foreign_key(
                        (DimensionComments::Table, DimensionComments::ResponseId),
                        (Responses::Table, Responses::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("dimension_comments_one_per_dimension")
                    .table(DimensionComments::Table)
                    .col(DimensionComments::ResponseId)
                    .col(DimensionComments::DimensionId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rounds_by_organisation")
                    .table(Rounds::Table)
                    .col(Rounds::OrganisationId)
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("invitations_by_round")
                    .table(Invitations::Table)
                    .col(Invitations::RoundId)
                    .take(),
            )
            .await
    }
}
