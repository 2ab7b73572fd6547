//! Invitations: a round's open link, set up by its coordinator and used by respondents.
//!
//! No route here hands a personal link to staff: starting through the open link redirects
//! the respondent, and only them, to their own new link.

use app::paths;
use app::scan::service::{start_through_open_link, OpenLinkRefused};
use app::scan::ScanError;
use app::server_context::ServerContext;
use app::staff::invitations::set_open_link;
use app::staff::refusal::forms;
use app::staff::StaffError;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use quickscan_domain::RespondentGroup;

use super::error_page::{request_lang, scan_error_page};
use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// `POST /rounds/{id}/open-link`: creates the round's open link with the posted `cap`, or
/// changes the cap of the one it has.
pub async fn post_open_link(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let refuse =
        |error: StaffError| form.refuse(error, paths::ROUND.with(round_id), forms::OPEN_LINK);
    let cap = form
        .field("cap")
        .and_then(|c| c.trim().parse::<i32>().ok())
        .ok_or_else(|| refuse(StaffError::InvalidCap))?;
    set_open_link(&ctx, form.user(), round_id, cap)
        .await
        .map_err(refuse)?;
    record(
        &ctx.db,
        form.audit(AuditAction::OpenLinkChanged)
            .round(round_id)
            .detail(format!("cap {cap}")),
    )
    .await;
    Ok(Redirect::to(&paths::ROUND.with(round_id)))
}

/// `POST /j/{slug}`: starts a new response through the open link, in the group the
/// respondent chose (or none), and sends them to their own personal link. A link that is
/// unknown, full or whose round closed sends them back to its page, which says so.
pub async fn post_open_link_start(
    State(ctx): State<ServerContext>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let lang = request_lang(&headers);
    let page = paths::OPEN_LINK.with(&slug);
    let pairs = match form {
        Ok(Form(pairs)) => pairs,
        Err(rejection) => {
            return scan_error_page(
                lang,
                &ScanError::MalformedForm(rejection.body_text()),
                &page,
            )
        }
    };
    let group = match pairs
        .iter()
        .find(|(name, _)| name == "group")
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
    {
        None => None,
        Some(code) => match RespondentGroup::from_code(code) {
            Some(group) => Some(group),
            None => {
                return scan_error_page(
                    lang,
                    &ScanError::MalformedForm(format!("unknown group '{code}'")),
                    &page,
                )
            }
        },
    };
    match start_through_open_link(&ctx, &slug, group).await {
        Ok(token) => Redirect::to(&paths::SCAN.with(token)).into_response(),
        Err(OpenLinkRefused::Storage) => scan_error_page(lang, &ScanError::Storage, &page),
        Err(OpenLinkRefused::Unknown | OpenLinkRefused::Closed | OpenLinkRefused::Full) => {
            Redirect::to(&page).into_response()
        }
    }
}
