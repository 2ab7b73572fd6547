//! Opening and closing rounds.

use app::paths;
use app::server_context::ServerContext;
use app::staff::refusal::forms;
use app::staff::rounds::{close_round, create_round};
use axum::extract::{Path, State};
use axum::response::Redirect;

use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// `POST /organisations/{id}/rounds`: opens a round named as typed.
pub async fn post_new_round(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let name = form.field("name").unwrap_or_default();
    let round_id = create_round(&ctx, form.user(), organisation_id, name)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION.with(organisation_id),
                forms::new_round(organisation_id),
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::RoundOpened)
            .organisation(organisation_id)
            .round(round_id)
            .detail(name.trim()),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}

/// `POST /rounds/{id}/close`: closes the round and shows its report; below the respondent
/// threshold only with the `confirm_without_results` box ticked.
pub async fn post_close_round(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    // The box says "close without results anyway"; only its presence counts.
    let confirm_without_results = form.field("confirm_without_results").is_some();
    close_round(&ctx, form.user(), round_id, confirm_without_results)
        .await
        .map_err(|error| form.refuse(error, paths::ROUND.with(round_id), forms::CLOSE_ROUND))?;
    record(
        &ctx.db,
        form.audit(AuditAction::RoundClosed).round(round_id),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND_REPORT.with(round_id)))
}
