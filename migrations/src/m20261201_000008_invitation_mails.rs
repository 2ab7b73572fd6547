//! E-mailed invitations: one row per address a coordinator invited, written together with its
//! invitation before anything is sent, so no invitation is lost when the mail server is down.
//! The address is kept only to send and remind, and erased (set to NULL, with any delivery
//! message) when the round closes; the counts stay.
//!
//! `invitation_mail_rounds` holds, per round, when the last reminder went out: reminders are
//! guarded by an `UPDATE … WHERE last_reminder_at <= …`, so two clicks cannot both send.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InvitationMails {
    Table,
    Id,
    RoundId,
    InvitationId,
    Address,
    RespondentGroup,
    Lang,
    State,
    Failure,
    LastSentAt,
    ReminderCount,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InvitationMailRounds {
    Table,
    RoundId,
    LastReminderAt,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
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
                    .table(InvitationMails::Table)
                    .col(pk_auto(InvitationMails::Id))
                    .col(integer(InvitationMails::RoundId))
                    .col(integer_uniq(InvitationMails::InvitationId))
                    .col(string_null(InvitationMails::Address))
                    .col(string_null(InvitationMails::RespondentGroup))
                    .col(string(InvitationMails::Lang))
                    .col(string(InvitationMails::State))
                    .col(string_null(InvitationMails::Failure))
                    .col(timestamp_with_time_zone_null(InvitationMails::LastSentAt))
                    .col(integer(InvitationMails::ReminderCount).default(0))
                    .col(timestamp_with_time_zone(InvitationMails::CreatedAt))
                    .foreign_key(&mut cascade(
                        (InvitationMails::Table, InvitationMails::RoundId),
                        (Rounds::Table, Rounds::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (InvitationMails::Table, InvitationMails::InvitationId),
                        (Invitations::Table, Invitations::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invitation_mails_round")
                    .table(InvitationMails::Table)
                    .col(InvitationMails::RoundId)
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InvitationMailRounds::Table)
                    .col(integer(InvitationMailRounds::RoundId).primary_key().take())
                    .col(timestamp_with_time_zone_null(
                        InvitationMailRounds::LastReminderAt,
                    ))
                    .foreign_key(&mut cascade(
                        (InvitationMailRounds::Table, InvitationMailRounds::RoundId),
                        (Rounds::Table, Rounds::Id),
                    ))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InvitationMailRounds::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(InvitationMails::Table).take())
            .await
    }
}
