//! Invitation links: creating them and downloading them as csv.

use app::paths;
use app::server_context::ServerContext;
use app::staff::invitations::{add_invitations, invitations_csv};
use app::staff::refusal::forms;
use app::staff::StaffError;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};

use super::exports::{attachment, FileFormat};
use crate::staff_request::{Refusal, Staff, StaffForm};

/// `POST /rounds/{id}/invitations`: `count` new links, optionally for one `group`.
pub async fn post_invitations(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let refuse =
        |error: StaffError| form.refuse(error, paths::ROUND.with(round_id), forms::INVITATIONS);
    let count = form
        .field("count")
        .and_then(|c| c.trim().parse::<u32>().ok())
        .ok_or_else(|| refuse(StaffError::InvalidCount))?;
    add_invitations(&ctx, form.user(), round_id, count, form.field("group"))
        .await
        .map_err(refuse)?;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}

/// `GET /rounds/{id}/invitations.csv`.
pub async fn get_invitations_csv(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    staff: Staff,
) -> Result<Response, Refusal> {
    let csv = invitations_csv(&ctx, staff.user.clone(), round_id)
        .await
        .map_err(|error| staff.refuse_link(error))?;
    Ok(attachment(
        csv.into_bytes(),
        &format!("quickscan-round-{round_id}-links"),
        FileFormat::Csv,
    ))
}
