//! Staff accounts, advisor assignments, sessions, login attempts and stored round results.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    OrganisationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AdvisorAssignments {
    Table,
    Id,
    UserId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CsrfToken,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    AttemptedAt,
}

#[derive(DeriveIden)]
enum RoundResults {
    Table,
    RoundId,
    Aggregate,
    ComputedAt,
}

fn cascade(
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
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::DisplayName))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::Role))
                    .col(integer_null(Users::OrganisationId))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(Users::Table, Users::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::SetNull)
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AdvisorAssignments::Table)
                    .col(pk_auto(AdvisorAssignments::Id))
                    .col(integer(AdvisorAssignments::UserId))
                    .col(integer(AdvisorAssignments::OrganisationId))
                    .foreign_key(&mut cascade(
                        (AdvisorAssignments::Table, AdvisorAssignments::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (
                            AdvisorAssignments::Table,
                            AdvisorAssignments::OrganisationId,
                        ),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("advisor_assignments_unique")
                    .table(AdvisorAssignments::Table)
                    .col(AdvisorAssignments::UserId)
                    .col(AdvisorAssignments::OrganisationId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(pk_auto(Sessions::Id))
                    .col(string_uniq(Sessions::TokenHash))
                    .col(integer(Sessions::UserId))
                    .col(string(Sessions::CsrfToken))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(&mut cascade(
                        (Sessions::Table, Sessions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .take(),
            )
            .await?;
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
            .create_table(
                Table::create()
                    .table(RoundResults::Table)
                    .col(integer(RoundResults::RoundId).primary_key())
                    .col(text(RoundResults::Aggregate))
                    .col(timestamp_with_time_zone(RoundResults::ComputedAt))
                    .foreign_key(&mut cascade(
                        (RoundResults::Table, RoundResults::RoundId),
                        (Rounds::Table, Rounds::Id),
                    ))
                    .take(),
            )
            .await
    }
}
