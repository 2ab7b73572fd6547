//! The staff side's form posts: login, logout, open a round, create invitations, close a round,
//! and the invitation links as CSV. Every post but login carries the session's CSRF token.

use std::collections::HashMap;

use app::auth::service::{login, logout, AuthError};
use app::auth::{StaffUser, CSRF_FIELD, SESSION_COOKIE};
use app::cookies::cookie_value;
use app::i18n::StaffText;
use app::server_context::ServerContext;
use app::staff::service::{
    add_invitations, check_csrf, create_round, invitations_csv, user_from_headers,
};
use app::staff::{report, StaffError};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use quickscan_domain::Lang;

use super::error_page::{error_page, request_lang};

type FormFields = Form<HashMap<String, String>>;

/// A refused staff request: to the login page, or a small page with its status.
pub(crate) fn staff_error(lang: Lang, error: &StaffError) -> Response {
    if matches!(error, StaffError::NotLoggedIn) {
        return Redirect::to("/login").into_response();
    }
    error_page(
        lang,
        error.status(),
        error.message(lang),
        "/dashboard",
        StaffText::BackToDashboard.tr(lang),
    )
}

/// The logged-in user of a form post whose CSRF token matches.
pub(crate) async fn authorised(
    ctx: &ServerContext,
    headers: &HeaderMap,
    fields: &HashMap<String, String>,
) -> Result<StaffUser, StaffError> {
    let user = user_from_headers(&ctx.db, headers)
        .await?
        .ok_or(StaffError::NotLoggedIn)?;
    check_csrf(&user, fields.get(CSRF_FIELD).map(String::as_str))?;
    Ok(user)
}

fn session_cookie(ctx: &ServerContext, value: &str, max_age_seconds: i64) -> String {
    let secure = if ctx.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// `POST /login`.
pub async fn post_login(State(ctx): State<ServerContext>, Form(fields): FormFields) -> Response {
    let email = fields.get("email").map(String::as_str).unwrap_or_default();
    let password = fields
        .get("password")
        .map(String::as_str)
        .unwrap_or_default();
    match login(&ctx.db, email, password, Utc::now()).await {
        Ok(logged_in) => (
            [(
                header::SET_COOKIE,
                session_cookie(
                    &ctx,
                    &logged_in.cookie_token,
                    app::auth::service::SESSION_LIFETIME.num_seconds(),
                ),
            )],
            Redirect::to("/dashboard"),
        )
            .into_response(),
        Err(AuthError::Throttled { .. }) => Redirect::to(&format!(
            "/login?error=throttled&email={}",
            query_value(email)
        ))
        .into_response(),
        Err(AuthError::Database(error)) => {
            tracing::error!(%error, "login failed on the database");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "QuickScan cannot reach its database; try again in a moment.",
            )
                .into_response()
        }
        Err(_) => Redirect::to(&format!(
            "/login?error=invalid&email={}",
            query_value(email)
        ))
        .into_response(),
    }
}

/// `POST /logout`.
pub async fn post_logout(
    State(ctx): State<ServerContext>,
    headers: HeaderMap,
    Form(fields): FormFields,
) -> Response {
    let lang = request_lang(&headers);
    if let Err(error) = authorised(&ctx, &headers, &fields).await {
        return staff_error(lang, &error);
    }
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| cookie_value(c, SESSION_COOKIE))
        .unwrap_or_default();
    if let Err(error) = logout(&ctx.db, token).await {
        tracing::error!(%error, "logout failed on the database");
    }
    (
        [(header::SET_COOKIE, session_cookie(&ctx, "", 0))],
        Redirect::to("/"),
    )
        .into_response()
}

/// `POST /organisations/{id}/rounds`.
pub async fn post_new_round(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    headers: HeaderMap,
    Form(fields): FormFields,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = authorised(&ctx, &headers, &fields).await?;
        let name = fields.get("name").map(String::as_str).unwrap_or_default();
        create_round(&ctx, &user, organisation_id, name).await
    }
    .await;
    match result {
        Ok(round_id) => Redirect::to(&format!("/rounds/{round_id}")).into_response(),
        Err(error) => staff_error(lang, &error),
    }
}

/// `POST /rounds/{id}/invitations`.
pub async fn post_invitations(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    headers: HeaderMap,
    Form(fields): FormFields,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = authorised(&ctx, &headers, &fields).await?;
        let count = fields
            .get("count")
            .and_then(|c| c.trim().parse::<u32>().ok())
            .ok_or(StaffError::InvalidCount)?;
        add_invitations(
            &ctx,
            &user,
            round_id,
            count,
            fields.get("group").map(String::as_str),
        )
        .await
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/rounds/{round_id}")).into_response(),
        Err(error) => staff_error(lang, &error),
    }
}

/// `POST /rounds/{id}/close`.
pub async fn post_close_round(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    headers: HeaderMap,
    Form(fields): FormFields,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = authorised(&ctx, &headers, &fields).await?;
        report::close_round(&ctx, &user, round_id).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/rounds/{round_id}/report")).into_response(),
        Err(error) => staff_error(lang, &error),
    }
}

/// `GET /rounds/{id}/invitations.csv`.
pub async fn get_invitations_csv(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = user_from_headers(&ctx.db, &headers)
            .await?
            .ok_or(StaffError::NotLoggedIn)?;
        invitations_csv(&ctx, user, round_id).await
    }
    .await;
    match result {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"quickscan-round-{round_id}-links.csv\""),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => staff_error(lang, &error),
    }
}

/// `POST /admin/peer-groups`: a new, empty peer group.
pub async fn post_peer_group(
    State(ctx): State<ServerContext>,
    headers: HeaderMap,
    Form(fields): FormFields,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = authorised(&ctx, &headers, &fields).await?;
        let name = fields.get("name").map(String::as_str).unwrap_or_default();
        app::staff::peer_groups::create_peer_group(&ctx, &user, name).await
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/admin/peer-groups").into_response(),
        Err(error) => staff_error(lang, &error),
    }
}

/// `POST /admin/peer-groups/{id}/members`: the group's members (checkboxes `organisation`).
pub async fn post_peer_group_members(
    State(ctx): State<ServerContext>,
    Path(group_id): Path<i32>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let lang = request_lang(&headers);
    let fields: HashMap<String, String> = pairs.iter().cloned().collect();
    let members: Vec<i32> = pairs
        .iter()
        .filter(|(name, _)| name == "organisation")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    let result = async {
        let user = authorised(&ctx, &headers, &fields).await?;
        app::staff::peer_groups::set_members(&ctx, &user, group_id, &members).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/admin/peer-groups").into_response(),
        Err(error) => staff_error(lang, &error),
    }
}
