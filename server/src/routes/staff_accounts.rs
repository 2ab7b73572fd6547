//! Staff accounts: the admin creates them, deactivates them, sends new links and sets an
//! advisor's organisations; a coordinator invites a colleague; anyone holding a one-time link
//! sets their password through it; "forgot my password" asks for one.

use app::locale::request_lang;
use app::paths;
use app::server_context::ServerContext;
use app::staff::accounts::{
    create_account, invite_coordinator, request_reset, send_new_link, set_account_active,
    set_assignments, set_password_through_link, NewAccount,
};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;

use app::staff::audit::{record, AuditEntry};
use quickscan_domain::audit::AuditAction;

use crate::client_address::ClientAddress;
use crate::staff_request::{link_delivered, Refusal, StaffForm};

/// `POST /admin/accounts`: a new coordinator or advisor account and its activation link.
pub async fn post_new_account(
    State(ctx): State<ServerContext>,
    form: StaffForm,
) -> Result<Response, Refusal> {
    let field = |name| form.field(name).unwrap_or_default();
    let new = NewAccount {
        email: field("email"),
        display_name: field("display_name"),
        role: field("role"),
        organisations: field("organisations"),
    };
    let delivery = create_account(&ctx, form.user(), new, form.staff.lang)
        .await
        .map_err(|error| form.refuse(error, paths::ACCOUNTS.pattern(), forms::NEW_ACCOUNT))?;
    record(
        &ctx.db,
        form.audit(AuditAction::AccountCreated).detail(format!(
            "{} {} {}",
            new.role.trim(),
            new.email.trim().to_lowercase(),
            new.organisations.trim()
        )),
    )
    .await;
    Ok(link_delivered(delivery, paths::ACCOUNTS.to_string()))
}

/// `POST /admin/accounts/{id}/active`: `active=0` deactivates (its sessions end), `1` undoes it.
pub async fn post_account_active(
    State(ctx): State<ServerContext>,
    Path(account_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let active = form.field("active") == Some("1");
    set_account_active(&ctx, form.user(), account_id, active)
        .await
        .map_err(|error| {
            form.refuse(error, paths::ACCOUNTS.pattern(), forms::account(account_id))
        })?;
    let action = if active {
        AuditAction::AccountReactivated
    } else {
        AuditAction::AccountDeactivated
    };
    record(
        &ctx.db,
        form.audit(action).detail(format!("account {account_id}")),
    )
    .await;
    Ok(Redirect::to(&format!("{}?saved=1", paths::ACCOUNTS)))
}

/// `POST /admin/accounts/{id}/link`: a new one-time link for the account.
pub async fn post_account_new_link(
    State(ctx): State<ServerContext>,
    Path(account_id): Path<i32>,
    form: StaffForm,
) -> Result<Response, Refusal> {
    let delivery = send_new_link(&ctx, form.user(), account_id, form.staff.lang)
        .await
        .map_err(|error| {
            form.refuse(error, paths::ACCOUNTS.pattern(), forms::account(account_id))
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::AccountLinkSent)
            .detail(format!("account {account_id}")),
    )
    .await;
    Ok(link_delivered(delivery, paths::ACCOUNTS.to_string()))
}

/// `POST /admin/accounts/{id}/organisations`: an advisor's organisations, as NIS codes.
pub async fn post_account_organisations(
    State(ctx): State<ServerContext>,
    Path(account_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let codes = form.field("organisations").unwrap_or_default();
    set_assignments(&ctx, form.user(), account_id, codes)
        .await
        .map_err(|error| {
            form.refuse(error, paths::ACCOUNTS.pattern(), forms::account(account_id))
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::AdvisorAssigned)
            .detail(format!("account {account_id}: {}", codes.trim())),
    )
    .await;
    Ok(Redirect::to(&format!("{}?saved=1", paths::ACCOUNTS)))
}

/// `POST /organisations/{id}/coordinators`: another coordinator for the organisation.
pub async fn post_invite_coordinator(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    form: StaffForm,
) -> Result<Response, Refusal> {
    let page = paths::ORGANISATION.with(organisation_id);
    let email = form.field("email").unwrap_or_default();
    let delivery = invite_coordinator(
        &ctx,
        form.user(),
        organisation_id,
        email,
        form.field("display_name").unwrap_or_default(),
        form.staff.lang,
    )
    .await
    .map_err(|error| form.refuse(error, page.clone(), forms::INVITE_COORDINATOR))?;
    record(
        &ctx.db,
        form.audit(AuditAction::CoordinatorInvited)
            .organisation(organisation_id)
            .detail(email.trim().to_lowercase()),
    )
    .await;
    Ok(link_delivered(delivery, page))
}

/// `POST /account/link/{token}`: sets the password; then the sign-in page.
pub async fn post_account_link(
    State(ctx): State<ServerContext>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Redirect, Refusal> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default()
    };
    let (account_id, email) = set_password_through_link(
        &ctx,
        &token,
        field("new_password"),
        field("new_password_again"),
        Utc::now(),
    )
    .await
    .map_err(|error| {
        Refusal::public(error, paths::ACCOUNT_LINK.with(&token), forms::SET_PASSWORD)
    })?;
    record(
        &ctx.db,
        AuditEntry {
            actor_id: Some(account_id),
            actor_email: &email,
            action: AuditAction::PasswordSetThroughLink,
            organisation_id: None,
            round_id: None,
            detail: String::new(),
            client: &client,
        },
    )
    .await;
    Ok(Redirect::to(&format!("{}?password-set=1", paths::LOGIN)))
}

/// `POST /account/forgot`: the same answer at once whether or not the address has an account;
/// the link is made and mailed afterwards, so the answer's timing tells nothing either.
pub async fn post_forgot_password(
    State(ctx): State<ServerContext>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let email = fields
        .into_iter()
        .find(|(key, _)| key == "email")
        .map(|(_, value)| value)
        .unwrap_or_default();
    let lang = request_lang(&headers).unwrap_or_default();
    if email.len() <= app::auth::service::MAX_EMAIL_LENGTH {
        // Recorded whether or not the address has an account, so the log tells nothing either.
        record(
            &ctx.db,
            AuditEntry {
                actor_id: None,
                actor_email: &email.trim().to_lowercase(),
                action: AuditAction::PasswordResetRequested,
                organisation_id: None,
                round_id: None,
                detail: String::new(),
                client: &client,
            },
        )
        .await;
        let background = ctx.background.clone();
        background.spawn(async move {
            if let Err(error) = request_reset(&ctx, &email, lang).await {
                tracing::error!(?error, "a password reset request failed");
            }
        });
    }
    Redirect::to(&format!("{}?sent=1", paths::ACCOUNT_FORGOT)).into_response()
}
