//! Invitations by e-mail: inviting pasted addresses, sending waiting ones again, reminding.

use app::paths;
use app::server_context::ServerContext;
use app::staff::mail::{invite_by_mail, resend_waiting, send_reminders};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;
use quickscan_domain::Lang;

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
    invite_by_mail(
        &ctx,
        form.user(),
        round_id,
        form.field("group"),
        lang,
        form.field("addresses").unwrap_or_default(),
    )
    .await
    .map_err(|error| form.refuse(error, paths::ROUND.with(round_id), forms::INVITE_BY_MAIL))?;
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
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}
