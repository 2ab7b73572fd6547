//! Invitations by e-mail: inviting pasted addresses, sending waiting ones again, reminding.

use app::paths;
use app::server_context::ServerContext;
use app::staff::mail::{invite_by_mail, resend_waiting, send_reminders};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;
use quickscan_domain::Lang;

use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// `POST /rounds/{id}/mail`: `addresses` (pasted), `group`, `lang` of the messages.
pub async fn post_invite_by_mail(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let lang = form
        .field("lang")
        .and_then(Lang::from_code)
        .unwrap_or(form.staff.lang);
    let addresses = form.field("addresses").unwrap_or_default();
    invite_by_mail(
        &ctx,
        form.user(),
        round_id,
        form.field("group"),
        lang,
        addresses,
    )
    .await
    .map_err(|error| form.refuse(error, paths::ROUND.with(round_id), forms::INVITE_BY_MAIL))?;
    // A count, never the addresses.
    let count = quickscan_domain::mail_address::parse_address_list(addresses)
        .map(|list| list.len())
        .unwrap_or_default();
    record(
        &ctx.db,
        form.audit(AuditAction::InvitationsMailed)
            .round(round_id)
            .detail(format!("{count} addresses")),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}

/// `POST /rounds/{id}/mail/resend`.
pub async fn post_resend(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    resend_waiting(&ctx, form.user(), round_id)
        .await
        .map_err(|error| form.refuse(error, paths::ROUND.with(round_id), forms::RESEND_MAIL))?;
    record(
        &ctx.db,
        form.audit(AuditAction::InvitationsResent).round(round_id),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}

/// `POST /rounds/{id}/mail/remind`.
pub async fn post_remind(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    send_reminders(&ctx, form.user(), round_id, chrono::Utc::now())
        .await
        .map_err(|error| form.refuse(error, paths::ROUND.with(round_id), forms::REMIND_BY_MAIL))?;
    record(
        &ctx.db,
        form.audit(AuditAction::RemindersSent).round(round_id),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}
