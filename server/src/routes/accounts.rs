//! Signing in and out.

use std::collections::HashMap;

use app::auth::service::{login, logout, AuthError, SESSION_LIFETIME};
use app::paths;
use app::server_context::ServerContext;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::CookieJar;
use chrono::Utc;

use app::staff::audit::{record, AuditEntry};
use quickscan_domain::audit::AuditAction;

use crate::client_address::ClientAddress;
use crate::staff_request::{session_cookie, Refusal, StaffForm};
use app::staff::account::{change_password, PasswordChange};
use app::staff::refusal::forms;

/// The sign-in page again, with the problem and the address typed (never the password).
fn back_to_login(problem: &str, email: &str) -> Redirect {
    // An address longer than any real one is not worth keeping (nor a megabyte-long URL).
    let email = if email.len() > app::auth::service::MAX_EMAIL_LENGTH {
        ""
    } else {
        email
    };
    let query: String = url_query(&[("error", problem), ("email", email)]);
    Redirect::to(&format!("{}?{query}", paths::LOGIN))
}

fn url_query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| {
            let value: String = value
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        char::from(b).to_string()
                    }
                    other => format!("%{other:02X}"),
                })
                .collect();
            format!("{key}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `POST /login`: a session cookie and the dashboard, or the sign-in page with the reason.
pub async fn post_login(
    State(ctx): State<ServerContext>,
    ClientAddress(client): ClientAddress,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let email = fields.get("email").map(String::as_str).unwrap_or_default();
    let password = fields
        .get("password")
        .map(String::as_str)
        .unwrap_or_default();
    let refused = |detail: &'static str| AuditEntry {
        actor_id: None,
        actor_email: email,
        action: AuditAction::SignInRefused,
        organisation_id: None,
        round_id: None,
        detail: detail.to_owned(),
        client: &client,
    };
    match login(&ctx.db, email, password, &client, Utc::now()).await {
        Ok(logged_in) => {
            record(
                &ctx.db,
                AuditEntry::by(&logged_in.user, &client, AuditAction::SignedIn),
            )
            .await;
            (
                jar.add(session_cookie(
                    &ctx.public_url,
                    logged_in.cookie_token,
                    SESSION_LIFETIME,
                )),
                Redirect::to(paths::DASHBOARD.pattern()),
            )
                .into_response()
        }
        Err(AuthError::Throttled { .. }) => {
            record(&ctx.db, refused("throttled")).await;
            back_to_login("throttled", email).into_response()
        }
        Err(AuthError::Database(error)) => {
            tracing::error!(%error, "login failed on the database");
            let lang = app::locale::request_lang(&headers).unwrap_or_default();
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                lang.texts().staff_error.storage,
            )
                .into_response()
        }
        Err(_) => {
            record(&ctx.db, refused("")).await;
            back_to_login("invalid", email).into_response()
        }
    }
}

/// `POST /account/password`: a new password, and every other session of the account ended.
pub async fn post_password(
    State(ctx): State<ServerContext>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let field = |name| form.field(name).unwrap_or_default();
    let change = PasswordChange {
        current: field("current_password"),
        new: field("new_password"),
        again: field("new_password_again"),
    };
    change_password(&ctx, form.user(), &form.staff.session_token, change)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ACCOUNT_PASSWORD.pattern(),
                forms::CHANGE_PASSWORD,
            )
        })?;
    record(&ctx.db, form.audit(AuditAction::PasswordChanged)).await;
    Ok(Redirect::to(&format!(
        "{}?changed=1",
        paths::ACCOUNT_PASSWORD
    )))
}

/// `POST /logout`: ends the session and clears its cookie.
pub async fn post_logout(
    State(ctx): State<ServerContext>,
    jar: CookieJar,
    form: StaffForm,
) -> Response {
    if let Err(error) = logout(&ctx.db, &form.staff.session_token).await {
        tracing::error!(%error, "logout failed on the database");
    }
    record(&ctx.db, form.audit(AuditAction::SignedOut)).await;
    (
        jar.add(session_cookie(
            &ctx.public_url,
            String::new(),
            chrono::Duration::zero(),
        )),
        Redirect::to(paths::HOME.pattern()),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::url_query;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            url_query(&[("error", "invalid"), ("email", "a b&c@x.be")]),
            "error=invalid&email=a%20b%26c%40x.be"
        );
    }
}
