//! Invitations by e-mail: a coordinator pastes the addresses of one group, QuickScan writes an
//! invitation and a queued mail row per address in one transaction, and only then sends. Each
//! address's outcome is recorded (sent, refused by the mail server, or still waiting because the
//! server could not be reached), so nothing is held only in memory and no invitation is lost.
//!
//! The personal link exists only in the message: the raw token is never stored and never shown
//! to staff. A message that must go out again (a waiting invitation, a reminder) therefore
//! carries a newly issued token for the same invitation, in a transaction that is rolled back
//! when the message does not go out, so the link someone already holds keeps working unless a
//! new one has reached them. The responses belong to the invitation, so saved answers are kept.
//!
//! Staff see counts per group, never a person's state. Addresses are erased when the round
//! closes ([`erase_addresses`], inside the closing transaction).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use quickscan_domain::{parse_address_list, AddressListError, Lang, RespondentGroup};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use super::mail_view::{MailGroupCounts, MailPanel};
use super::rounds::{manageable_open_round, readable_round};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::invitation_mail::{self, MailState};
use crate::db::{invitation, invitation_mail_round, organisation, response, round};
use crate::mail::{MailSettings, SendFailure};
use crate::paths;
use crate::server_context::ServerContext;

pub use quickscan_domain::REMINDER_INTERVAL_DAYS;

/// The id of the invitation a raw token opens, looked up by its hash.
async fn invitation_id_for_token(txn: &DatabaseTransaction, token: &str) -> Result<i32, DbErr> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(invitation::hash_token(token)))
        .one(txn)
        .await?
        .map(|i| i.id)
        .ok_or_else(|| DbErr::RecordNotFound("the invitation just issued".to_owned()))
}

/// Gives an invitation a new raw token (the old one stops working) and returns it: a message
/// that goes out again needs a link, and only the hash of the first one was kept.
async fn reissue_personal_invitation(
    txn: &DatabaseTransaction,
    invitation_id: i32,
) -> Result<String, DbErr> {
    let token = invitation::new_token();
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::TokenHash,
            Expr::value(invitation::hash_token(&token)),
        )
        .filter(invitation::Column::Id.eq(invitation_id))
        .exec(txn)
        .await?;
    Ok(token)
}

/// A time as the pages show it (UTC).
fn shown(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The round page's e-mail panel.
pub async fn mail_panel(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    now: DateTime<Utc>,
) -> Result<MailPanel, StaffError> {
    let (round, _) = readable_round(&ctx.db, user, round_id).await?;
    let can_manage = user.may(Action::ManageRounds, Some(round.organisation_id));
    let rows = invitation_mail::Entity::find()
        .filter(invitation_mail::Column::RoundId.eq(round.id))
        .order_by_asc(invitation_mail::Column::Id)
        .all(&ctx.db)
        .await?;
    let codes = RespondentGroup::ALL
        .iter()
        .map(|g| Some(g.code().to_owned()))
        .chain([None]);
    let groups = codes
        .map(|code| {
            let of_group = || rows.iter().filter(|r| r.respondent_group == code);
            let count = |state: MailState| of_group().filter(|r| r.state == state).count();
            MailGroupCounts {
                invited: of_group().count(),
                sent: count(MailState::Sent),
                undeliverable: count(MailState::Refused),
                waiting: count(MailState::Queued),
                group: code,
            }
        })
        .filter(|counts| counts.invited > 0)
        .collect();
    let queued = || rows.iter().filter(|r| r.state == MailState::Queued);
    let clock = invitation_mail_round::Entity::find_by_id(round.id)
        .one(&ctx.db)
        .await?
        .and_then(|c| c.last_reminder_at);
    let next = clock
        .map(|last| last + Duration::days(REMINDER_INTERVAL_DAYS))
        .filter(|next| *next > now);
    Ok(MailPanel {
        round_id: round.id,
        enabled: ctx.mail.is_some(),
        open: round.is_open(),
        can_manage,
        waiting: queued().count(),
        unreachable: queued().any(|r| {
            r.failure
                .as_deref()
                .is_some_and(|f| f.starts_with(UNREACHABLE))
        }),
        refused: if can_manage && round.is_open() {
            rows.iter()
                .filter(|r| r.state == MailState::Refused)
                .filter_map(|r| r.address.clone())
                .collect()
        } else {
            Vec::new()
        },
        last_reminder: clock.map(shown),
        next_reminder: next.map(shown),
        groups,
    })
}

/// How a failure that found the mail server unreachable starts, as recorded.
const UNREACHABLE: &str = "unreachable";

/// The settings, or the refusal saying that e-mail is off.
fn settings(ctx: &ServerContext) -> Result<&MailSettings, StaffError> {
    ctx.mail.as_ref().ok_or(StaffError::MailOff)
}

/// An open round the user may manage, with its organisation's name.
async fn open_round(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
) -> Result<(round::Model, String), StaffError> {
    let round = manageable_open_round(&ctx.db, user, round_id).await?;
    let organisation = organisation::Entity::find_by_id(round.organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    Ok((round, organisation.name))
}

/// Invites every address of a pasted list, in one group, with messages in `lang`: writes the
/// invitations and queued mails in one transaction, then sends.
pub async fn invite_by_mail(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    group: Option<&str>,
    lang: Lang,
    addresses: &str,
) -> Result<(), StaffError> {
    let (round, organisation) = open_round(ctx, user, round_id).await?;
    let settings = settings(ctx)?;
    let group = match group.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(code) => Some(RespondentGroup::from_code(code).ok_or(StaffError::InvalidGroup)?),
    };
    let addresses = parse_address_list(addresses).map_err(|error| match error {
        AddressListError::Empty => StaffError::NoAddresses,
        AddressListError::Invalid(entries) => StaffError::InvalidAddresses(entries),
        AddressListError::TooMany { .. } => StaffError::TooManyAddresses,
    })?;
    let now = Utc::now();
    let txn = ctx.db.begin().await?;
    // Checked again inside the transaction, so no address is stored for a round that closed
    // in the meantime (the close erases only what was there).
    manageable_open_round(&txn, user, round.id).await?;
    let mut batch = Vec::with_capacity(addresses.len());
    for address in addresses {
        let token = super::invitations::issue_personal(&txn, round.id, group, now).await?;
        let invitation_id = invitation_id_for_token(&txn, &token).await?;
        let row = invitation_mail::ActiveModel {
            round_id: Set(round.id),
            invitation_id: Set(invitation_id),
            address: Set(Some(address.to_string())),
            respondent_group: Set(group.map(|g| g.code().to_owned())),
            lang: Set(lang.code().to_owned()),
            state: Set(MailState::Queued),
            failure: Set(None),
            last_sent_at: Set(None),
            reminder_count: Set(0),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        batch.push((row, token));
    }
    invitation_mail_round::Entity::insert(invitation_mail_round::ActiveModel {
        round_id: Set(round.id),
        last_reminder_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(invitation_mail_round::Column::RoundId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;

    let sender = Sender::new(ctx, settings, &round, &organisation);
    for (row, token) in batch.iter() {
        if let Err(failure) = sender.send(row, token, Kind::Invitation).await {
            let unreachable = matches!(failure, SendFailure::Unreachable(_));
            record_failure(&ctx.db, row.id, &failure).await?;
            if unreachable {
                // The rest stay queued, marked, for the resend button.
                let rest: Vec<i32> = batch
                    .iter()
                    .map(|(r, _)| r.id)
                    .skip_while(|id| *id != row.id)
                    .collect();
                mark_unreachable(&ctx.db, &rest, &failure).await?;
                break;
            }
        }
    }
    Ok(())
}

/// Sends a round's waiting invitations again, each with a newly issued link.
pub async fn resend_waiting(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
) -> Result<(), StaffError> {
    let (round, organisation) = open_round(ctx, user, round_id).await?;
    let settings = settings(ctx)?;
    let waiting = invitation_mail::Entity::find()
        .filter(invitation_mail::Column::RoundId.eq(round.id))
        .filter(invitation_mail::Column::State.eq(MailState::Queued))
        .filter(invitation_mail::Column::Address.is_not_null())
        .order_by_asc(invitation_mail::Column::Id)
        .all(&ctx.db)
        .await?;
    let sender = Sender::new(ctx, settings, &round, &organisation);
    let ids: Vec<i32> = waiting.iter().map(|r| r.id).collect();
    for (index, row) in waiting.iter().enumerate() {
        match sender.send_again(row, Kind::Invitation).await? {
            Ok(()) => {}
            Err(failure @ SendFailure::Unreachable(_)) => {
                mark_unreachable(&ctx.db, &ids[index..], &failure).await?;
                break;
            }
            Err(failure) => record_failure(&ctx.db, row.id, &failure).await?,
        }
    }
    Ok(())
}

/// Reminds the mailed invitees of a round who have not submitted, at most once per
/// [`REMINDER_INTERVAL_DAYS`]; each reminder carries a newly issued link.
pub async fn send_reminders(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    now: DateTime<Utc>,
) -> Result<(), StaffError> {
    let (round, organisation) = open_round(ctx, user, round_id).await?;
    let settings = settings(ctx)?;
    let targets = not_submitted(&ctx.db, round.id).await?;
    if targets.is_empty() {
        // Nobody to remind: nothing happens, and the clock does not start.
        return Ok(());
    }
    // The guarded update orders concurrent clicks: only one moves the clock.
    let previous = invitation_mail_round::Entity::find_by_id(round.id)
        .one(&ctx.db)
        .await?
        .and_then(|c| c.last_reminder_at);
    let earliest = now - Duration::days(REMINDER_INTERVAL_DAYS);
    let moved = invitation_mail_round::Entity::update_many()
        .col_expr(
            invitation_mail_round::Column::LastReminderAt,
            Expr::value(Some(now)),
        )
        .filter(invitation_mail_round::Column::RoundId.eq(round.id))
        .filter(
            invitation_mail_round::Column::LastReminderAt
                .is_null()
                .or(invitation_mail_round::Column::LastReminderAt.lte(earliest)),
        )
        .exec(&ctx.db)
        .await?;
    if moved.rows_affected == 0 {
        let last = invitation_mail_round::Entity::find_by_id(round.id)
            .one(&ctx.db)
            .await?
            .and_then(|c| c.last_reminder_at)
            .unwrap_or(now);
        return Err(StaffError::ReminderTooSoon(shown(
            last + Duration::days(REMINDER_INTERVAL_DAYS),
        )));
    }
    let sender = Sender::new(ctx, settings, &round, &organisation);
    let mut delivered = 0;
    let mut unreachable = false;
    for row in &targets {
        match sender.send_again(row, Kind::Reminder).await? {
            Ok(()) => delivered += 1,
            Err(SendFailure::Unreachable(_)) => {
                unreachable = true;
                break;
            }
            Err(failure @ SendFailure::Refused(_)) => {
                record_failure(&ctx.db, row.id, &failure).await?
            }
            Err(SendFailure::Deferred(_)) => {}
        }
    }
    if delivered == 0 && unreachable {
        // Nothing went out: the clock goes back, so the reminder can be sent once the mail
        // server works again.
        invitation_mail_round::Entity::update_many()
            .col_expr(
                invitation_mail_round::Column::LastReminderAt,
                Expr::value(previous),
            )
            .filter(invitation_mail_round::Column::RoundId.eq(round.id))
            .filter(invitation_mail_round::Column::LastReminderAt.eq(now))
            .exec(&ctx.db)
            .await?;
        return Err(StaffError::MailUnreachable);
    }
    Ok(())
}

/// The sent mails of a round whose invitation has not been submitted.
async fn not_submitted(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<Vec<invitation_mail::Model>, DbErr> {
    let sent = invitation_mail::Entity::find()
        .filter(invitation_mail::Column::RoundId.eq(round_id))
        .filter(invitation_mail::Column::State.eq(MailState::Sent))
        .filter(invitation_mail::Column::Address.is_not_null())
        .order_by_asc(invitation_mail::Column::Id)
        .all(db)
        .await?;
    let submitted: HashSet<i32> = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(sent.iter().map(|r| r.invitation_id)))
        .filter(response::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.invitation_id)
        .collect();
    Ok(sent
        .into_iter()
        .filter(|r| !submitted.contains(&r.invitation_id))
        .collect())
}

/// Whether a message is the first invitation or a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invitation,
    Reminder,
}

/// Sends one round's messages and records each outcome.
struct Sender<'a> {
    ctx: &'a ServerContext,
    mailer: Result<crate::mail::Mailer, SendFailure>,
    round: &'a round::Model,
    organisation: &'a str,
}

impl<'a> Sender<'a> {
    fn new(
        ctx: &'a ServerContext,
        settings: &MailSettings,
        round: &'a round::Model,
        organisation: &'a str,
    ) -> Sender<'a> {
        Sender {
            ctx,
            mailer: settings.mailer(),
            round,
            organisation,
        }
    }

    /// Sends one message with this raw token; records "sent" when it went out.
    async fn send(
        &self,
        row: &invitation_mail::Model,
        token: &str,
        kind: Kind,
    ) -> Result<(), SendFailure> {
        self.deliver(row, token, kind).await?;
        record_sent(&self.ctx.db, row, kind)
            .await
            .map_err(|error| SendFailure::Unreachable(format!("recording failed: {error}")))
    }

    /// Sends one message with a newly issued token, in a transaction that keeps the new token
    /// only when the message went out (so the old link keeps working otherwise).
    async fn send_again(
        &self,
        row: &invitation_mail::Model,
        kind: Kind,
    ) -> Result<Result<(), SendFailure>, StaffError> {
        let txn = self.ctx.db.begin().await?;
        if kind == Kind::Reminder
            && response::Entity::find()
                .filter(response::Column::InvitationId.eq(row.invitation_id))
                .filter(response::Column::SubmittedAt.is_not_null())
                .one(&txn)
                .await?
                .is_some()
        {
            // Submitted since the list was read: no reminder.
            return Ok(Ok(()));
        }
        let token = reissue_personal_invitation(&txn, row.invitation_id).await?;
        match self.deliver(row, &token, kind).await {
            Ok(()) => {
                record_sent(&txn, row, kind).await?;
                txn.commit().await?;
                Ok(Ok(()))
            }
            Err(failure) => {
                txn.rollback().await?;
                Ok(Err(failure))
            }
        }
    }

    async fn deliver(
        &self,
        row: &invitation_mail::Model,
        token: &str,
        kind: Kind,
    ) -> Result<(), SendFailure> {
        let mailer = self.mailer.as_ref().map_err(Clone::clone)?;
        let Some(address) = row.address.as_deref() else {
            return Err(SendFailure::Refused("the address was erased".to_owned()));
        };
        let lang = Lang::from_code(&row.lang).unwrap_or_default();
        let texts = &lang.texts().mail;
        let link = format!("{}{}", self.ctx.public_url, paths::SCAN.with(token));
        let min = self.ctx.min_respondents.get();
        let (subject, body) = match kind {
            Kind::Invitation => (
                (texts.invitation_subject)(self.organisation),
                (texts.invitation_body)(self.organisation, &self.round.name, &link, min),
            ),
            Kind::Reminder => (
                (texts.reminder_subject)(self.organisation),
                (texts.reminder_body)(self.organisation, &self.round.name, &link, min),
            ),
        };
        mailer.send(address, &subject, body).await
    }
}

/// Records that a message went out.
async fn record_sent(
    db: &impl ConnectionTrait,
    row: &invitation_mail::Model,
    kind: Kind,
) -> Result<(), DbErr> {
    let mut update = invitation_mail::Entity::update_many()
        .col_expr(invitation_mail::Column::State, Expr::value(MailState::Sent))
        .col_expr(
            invitation_mail::Column::Failure,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            invitation_mail::Column::LastSentAt,
            Expr::value(Some(Utc::now())),
        );
    if kind == Kind::Reminder {
        update = update.col_expr(
            invitation_mail::Column::ReminderCount,
            Expr::col(invitation_mail::Column::ReminderCount).add(1),
        );
    }
    update
        .filter(invitation_mail::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records why a message did not go out: refused for good, or still waiting.
async fn record_failure(
    db: &impl ConnectionTrait,
    id: i32,
    failure: &SendFailure,
) -> Result<(), DbErr> {
    let mut update = invitation_mail::Entity::update_many().col_expr(
        invitation_mail::Column::Failure,
        Expr::value(Some(failure_text(failure))),
    );
    if matches!(failure, SendFailure::Refused(_)) {
        update = update.col_expr(
            invitation_mail::Column::State,
            Expr::value(MailState::Refused),
        );
    }
    update
        .filter(invitation_mail::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks waiting mails as waiting for an unreachable mail server.
async fn mark_unreachable(
    db: &impl ConnectionTrait,
    ids: &[i32],
    failure: &SendFailure,
) -> Result<(), DbErr> {
    invitation_mail::Entity::update_many()
        .col_expr(
            invitation_mail::Column::Failure,
            Expr::value(Some(failure_text(failure))),
        )
        .filter(invitation_mail::Column::Id.is_in(ids.iter().copied()))
        .filter(invitation_mail::Column::State.eq(MailState::Queued))
        .exec(db)
        .await?;
    Ok(())
}

/// A failure as recorded: its kind first (`unreachable: …`), shortened.
fn failure_text(failure: &SendFailure) -> String {
    let text = match failure {
        SendFailure::Refused(reason) => format!("refused: {reason}"),
        SendFailure::Deferred(reason) => format!("deferred: {reason}"),
        SendFailure::Unreachable(reason) => format!("{UNREACHABLE}: {reason}"),
    };
    text.chars().take(500).collect()
}

/// Erases the addresses (and delivery messages, which may quote them) of a round's mailed
/// invitations; the counts stay. Called inside the transaction that closes the round.
pub async fn erase_addresses(db: &impl ConnectionTrait, round_id: i32) -> Result<(), DbErr> {
    invitation_mail::Entity::update_many()
        .col_expr(
            invitation_mail::Column::Address,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            invitation_mail::Column::Failure,
            Expr::value(Option::<String>::None),
        )
        .filter(invitation_mail::Column::RoundId.eq(round_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Erases the addresses of every closed round, whichever way it closed: run at start-up, so a
/// closing path that forgot [`erase_addresses`] leaves no address behind for long.
pub async fn erase_addresses_of_closed_rounds(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let erased = invitation_mail::Entity::update_many()
        .col_expr(
            invitation_mail::Column::Address,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            invitation_mail::Column::Failure,
            Expr::value(Option::<String>::None),
        )
        .filter(invitation_mail::Column::Address.is_not_null())
        .filter(
            invitation_mail::Column::RoundId.in_subquery(
                Query::select()
                    .column(round::Column::Id)
                    .from(round::Entity)
                    .and_where(round::is_closed())
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(erased.rows_affected)
}
