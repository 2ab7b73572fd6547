//! Who is asking: the signed-in staff user of a request, and the check of a form's CSRF token.

use axum::http::HeaderMap;
use chrono::Utc;
use sea_orm::ConnectionTrait;

use super::StaffError;
use crate::auth::service::session_user;
use crate::auth::{StaffUser, SESSION_COOKIE};
use crate::cookies::request_cookie;
use crate::server_context::ServerContext;

/// The logged-in user of a request, if any.
pub async fn user_from_headers(
    db: &impl ConnectionTrait,
    headers: &HeaderMap,
) -> Result<Option<StaffUser>, StaffError> {
    match request_cookie(headers, SESSION_COOKIE) {
        Some(token) => Ok(session_user(db, &token, Utc::now()).await?),
        None => Ok(None),
    }
}

/// The logged-in user of the current server function or render, or `NotLoggedIn`.
pub async fn require_user(ctx: &ServerContext) -> Result<StaffUser, StaffError> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()
        .ok_or(StaffError::NotLoggedIn)?;
    user_from_headers(&ctx.db, &parts.headers)
        .await?
        .ok_or(StaffError::NotLoggedIn)
}

/// Refuses a state-changing form whose CSRF token is not the session's.
pub fn check_csrf(user: &StaffUser, submitted: Option<&str>) -> Result<(), StaffError> {
    use subtle::ConstantTimeEq;
    match submitted {
        // Compared in constant time, so response timing tells nothing about the token.
        Some(token)
            if !user.csrf_token.is_empty()
                && bool::from(token.as_bytes().ct_eq(user.csrf_token.as_bytes())) =>
        {
            Ok(())
        }
        _ => Err(StaffError::BadCsrf),
    }
}
