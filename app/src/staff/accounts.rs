//! Staff accounts the association (and a coordinator, for a colleague) creates: each gets a
//! one-time link to set its own password, e-mailed when e-mail is on and otherwise shown once
//! to whoever created it. Deactivating an account ends its sessions at once. A forgotten
//! password gets a reset link by e-mail; the answer is the same whether the address exists.

use super::account_view::{AccountLinkView, AccountRow, AccountState, AccountsView, Delivery};
use super::StaffError;
use crate::auth::links::{self, LinkState};
use crate::auth::service::{create_unactivated_user, hash_new_password, AuthError};
use crate::auth::{Action, Role, StaffUser};
use crate::db::account_link::{self, LinkPurpose};
use crate::db::{advisor_assignment, organisation, session, user};
use crate::paths;
use crate::server_context::ServerContext;
use chrono::{DateTime, Utc};
use quickscan_domain::password::check_new_password;
use quickscan_domain::Lang;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

/// The longest display name.
pub const MAX_DISPLAY_NAME_CHARS: usize = 100;

/// A new account's form as typed.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// Its e-mail address.
    pub email: &'a str,
    /// Its name.
    pub display_name: &'a str,
    /// `coordinator` or `advisor`.
    pub role: &'a str,
    /// NIS codes: one for a coordinator, one or more for an advisor.
    pub organisations: &'a str,
}

fn require(user: &StaffUser, action: Action, target: Option<i32>) -> Result<(), StaffError> {
    if user.may(action, target) {
        Ok(())
    } else {
        Err(StaffError::Forbidden)
    }
}

impl From<AuthError> for StaffError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::InvalidEmail(_) => StaffError::InvalidEmail,
            AuthError::EmailTaken(_) => StaffError::EmailTaken,
            AuthError::WeakPassword(problem) => StaffError::NewPassword(problem),
            AuthError::Database(error) => StaffError::from(error),
            AuthError::InvalidCredentials | AuthError::Throttled { .. } => StaffError::Forbidden,
        }
    }
}

/// The admin's list of accounts.
pub async fn accounts(ctx: &ServerContext, user: StaffUser) -> Result<AccountsView, StaffError> {
    require(&user, Action::ManageAccounts, None)?;
    let organisations: std::collections::HashMap<i32, (String, String)> =
        organisation::Entity::find()
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|o| (o.id, (o.name, o.code)))
            .collect();
    let mut assigned: std::collections::HashMap<i32, Vec<i32>> = Default::default();
    for assignment in advisor_assignment::Entity::find().all(&ctx.db).await? {
        assigned
            .entry(assignment.user_id)
            .or_default()
            .push(assignment.organisation_id);
    }
    let mut rows: Vec<AccountRow> = user::Entity::find()
        .order_by_asc(user::Column::Email)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|account| {
            let ids: Vec<i32> = match account.organisation_id {
                Some(id) => vec![id],
                None => assigned.remove(&account.id).unwrap_or_default(),
            };
            let known: Vec<&(String, String)> =
                ids.iter().filter_map(|id| organisations.get(id)).collect();
            AccountRow {
                id: account.id,
                state: if !account.active {
                    AccountState::Deactivated
                } else if account.is_activated() {
                    AccountState::Active
                } else {
                    AccountState::AwaitingActivation
                },
                organisations: known
                    .iter()
                    .map(|(name, code)| format!("{name} ({code})"))
                    .collect(),
                organisation_codes: known
                    .iter()
                    .map(|(_, code)| code.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                last_login: account
                    .last_login_at
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string()),
                role: account.role.into(),
                email: account.email,
                display_name: account.display_name,
            }
        })
        .collect();
    rows.sort_by_key(|row| row.role != Role::Admin);
    Ok(AccountsView {
        user,
        accounts: rows,
    })
}

/// The organisations named by NIS codes separated by spaces, commas or semicolons.
async fn organisations_by_code(
    db: &impl ConnectionTrait,
    typed: &str,
) -> Result<Vec<i32>, StaffError> {
    let mut codes: Vec<&str> = typed
        .split([' ', ',', ';', '\n', '\r', '\t'])
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.len() > 1000 || codes.iter().any(|c| c.len() != 5) {
        return Err(StaffError::UnknownOrganisationCodes);
    }
    let found: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Code.is_in(codes.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if found.len() == codes.len() {
        Ok(found)
    } else {
        Err(StaffError::UnknownOrganisationCodes)
    }
}

fn display_name(typed: &str) -> Result<&str, StaffError> {
    let name = typed.trim();
    if name.is_empty()
        || name.chars().count() > MAX_DISPLAY_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        Err(StaffError::InvalidDisplayName)
    } else {
        Ok(name)
    }
}

/// Creates a coordinator or advisor account with its activation link (admin only).
pub async fn create_account(
    ctx: &ServerContext,
    user: &StaffUser,
    new: NewAccount<'_>,
    lang: Lang,
) -> Result<Delivery, StaffError> {
    require(user, Action::ManageAccounts, None)?;
    let (account, token) = create_account_with_link(&ctx.db, new).await?;
    Ok(deliver(ctx, &account, &token, LinkPurpose::Activation, lang).await)
}

/// Checks a new account's form and writes the account, an advisor's organisations and an
/// activation link in one transaction; answers the account and the link's token. The caller
/// has checked who may (the admin's page, or the operator's command line).
pub async fn create_account_with_link(
    db: &sea_orm::DatabaseConnection,
    new: NewAccount<'_>,
) -> Result<(user::Model, String), StaffError> {
    crate::auth::service::account_email(new.email)?;
    let name = display_name(new.display_name)?;
    let role = match new.role.trim() {
        "coordinator" => Role::Coordinator,
        "advisor" => Role::Advisor,
        _ => return Err(StaffError::InvalidRole),
    };
    let organisations = organisations_by_code(db, new.organisations).await?;
    let organisation_id = match (role, organisations.as_slice()) {
        (Role::Coordinator, [one]) => Some(*one),
        (Role::Advisor, [_, ..]) => None,
        _ => return Err(StaffError::OrganisationsForRole),
    };
    let txn = db.begin().await?;
    let account = create_unactivated_user(&txn, new.email, name, role, organisation_id).await?;
    if role == Role::Advisor {
        for organisation_id in organisations {
            crate::auth::service::assign_advisor(&txn, account.id, organisation_id).await?;
        }
    }
    let token = links::issue(&txn, account.id, LinkPurpose::Activation, Utc::now()).await?;
    txn.commit().await?;
    Ok((account, token))
}

/// A coordinator (or the admin) brings in another coordinator for the organisation.
pub async fn invite_coordinator(
    ctx: &ServerContext,
    user: &StaffUser,
    organisation_id: i32,
    email: &str,
    typed_name: &str,
    lang: Lang,
) -> Result<Delivery, StaffError> {
    require(user, Action::InviteCoordinator, Some(organisation_id))?;
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    let name = display_name(typed_name)?;
    let txn = ctx.db.begin().await?;
    let account =
        create_unactivated_user(&txn, email, name, Role::Coordinator, Some(organisation.id))
            .await?;
    let token = links::issue(&txn, account.id, LinkPurpose::Activation, Utc::now()).await?;
    txn.commit().await?;
    Ok(deliver(ctx, &account, &token, LinkPurpose::Activation, lang).await)
}

/// The full address of a link's page.
fn link_url(ctx: &ServerContext, token: &str) -> String {
    format!(
        "{}{}",
        ctx.public_url.trim_end_matches('/'),
        paths::ACCOUNT_LINK.with(token)
    )
}

/// Sends a link by e-mail, or hands it back to be shown once.
async fn deliver(
    ctx: &ServerContext,
    account: &user::Model,
    token: &str,
    purpose: LinkPurpose,
    lang: Lang,
) -> Delivery {
    let link = link_url(ctx, token);
    let Some(settings) = ctx.mail.as_ref() else {
        return Delivery::ShowOnce {
            email: account.email.clone(),
            link,
            mail_failed: false,
        };
    };
    match send_link(settings, account, &link, purpose, lang).await {
        Ok(()) => Delivery::Mailed,
        Err(error) => {
            tracing::warn!(%error, "an account link could not be mailed; shown once instead");
            Delivery::ShowOnce {
                email: account.email.clone(),
                link,
                mail_failed: true,
            }
        }
    }
}

async fn send_link(
    settings: &crate::mail::MailSettings,
    account: &user::Model,
    link: &str,
    purpose: LinkPurpose,
    lang: Lang,
) -> Result<(), crate::mail::SendFailure> {
    let texts = &lang.texts().accounts;
    let (subject, body) = match purpose {
        LinkPurpose::Activation => (
            texts.activation_subject,
            (texts.activation_body)(
                &account.display_name,
                link,
                links::ACTIVATION_LIFETIME.num_days(),
            ),
        ),
        LinkPurpose::Reset => (
            texts.reset_subject,
            (texts.reset_body)(link, links::RESET_LIFETIME.num_minutes()),
        ),
    };
    settings.mailer()?.send(&account.email, subject, body).await
}

/// The account the admin acts on, never their own (they would lock themselves out).
async fn other_account(
    ctx: &ServerContext,
    user: &StaffUser,
    account_id: i32,
) -> Result<user::Model, StaffError> {
    require(user, Action::ManageAccounts, None)?;
    if account_id == user.id {
        return Err(StaffError::OwnAccount);
    }
    user::Entity::find_by_id(account_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::AccountNotFound)
}

/// Deactivates an account (its sessions end in the same transaction) or activates it again.
pub async fn set_account_active(
    ctx: &ServerContext,
    user: &StaffUser,
    account_id: i32,
    active: bool,
) -> Result<(), StaffError> {
    let account = other_account(ctx, user, account_id).await?;
    let txn = ctx.db.begin().await?;
    let mut changed: user::ActiveModel = account.into();
    changed.active = Set(active);
    changed.update(&txn).await?;
    if !active {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(account_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A new link for an account: an activation link while it was never activated, else a reset
/// link; earlier open links stop working.
pub async fn send_new_link(
    ctx: &ServerContext,
    user: &StaffUser,
    account_id: i32,
    lang: Lang,
) -> Result<Delivery, StaffError> {
    let account = other_account(ctx, user, account_id).await?;
    if !account.active {
        return Err(StaffError::AccountDeactivated);
    }
    let purpose = if account.is_activated() {
        LinkPurpose::Reset
    } else {
        LinkPurpose::Activation
    };
    let token = links::issue(&ctx.db, account.id, purpose, Utc::now()).await?;
    Ok(deliver(ctx, &account, &token, purpose, lang).await)
}

/// Replaces an advisor's assigned organisations.
pub async fn set_assignments(
    ctx: &ServerContext,
    user: &StaffUser,
    account_id: i32,
    codes: &str,
) -> Result<(), StaffError> {
    let account = other_account(ctx, user, account_id).await?;
    if Role::from(account.role) != Role::Advisor {
        return Err(StaffError::OrganisationsForRole);
    }
    let organisations = organisations_by_code(&ctx.db, codes).await?;
    if organisations.is_empty() {
        return Err(StaffError::OrganisationsForRole);
    }
    let txn = ctx.db.begin().await?;
    advisor_assignment::Entity::delete_many()
        .filter(advisor_assignment::Column::UserId.eq(account_id))
        .exec(&txn)
        .await?;
    for organisation_id in organisations {
        crate::auth::service::assign_advisor(&txn, account_id, organisation_id).await?;
    }
    txn.commit().await?;
    Ok(())
}

fn link_error(state: LinkState) -> StaffError {
    match state {
        LinkState::Unknown => StaffError::LinkUnknown,
        LinkState::Used => StaffError::LinkUsed,
        LinkState::Expired => StaffError::LinkExpired,
    }
}

/// What a one-time link opens (anyone holding the link may ask).
pub async fn account_link(
    ctx: &ServerContext,
    token: &str,
    now: DateTime<Utc>,
) -> Result<AccountLinkView, StaffError> {
    let open = links::open(&ctx.db, token, now)
        .await?
        .map_err(link_error)?;
    Ok(AccountLinkView {
        email: open.email,
        activation: open.purpose == LinkPurpose::Activation,
    })
}

/// Sets the password through a one-time link; the link works once. Answers whose account it
/// was (id and address).
pub async fn set_password_through_link(
    ctx: &ServerContext,
    token: &str,
    new: &str,
    again: &str,
    now: DateTime<Utc>,
) -> Result<(i32, String), StaffError> {
    let open = links::open(&ctx.db, token, now)
        .await?
        .map_err(link_error)?;
    check_new_password(new, &open.email).map_err(StaffError::NewPassword)?;
    if new != again {
        return Err(StaffError::PasswordsDiffer);
    }
    let hash = hash_new_password(new).await?;
    let account_id = links::use_link(&ctx.db, token, hash, now)
        .await?
        .map_err(link_error)?;
    Ok((account_id, open.email))
}

/// A reset request at most this often per account: nobody can flood a mailbox.
const RESET_REQUEST_INTERVAL: chrono::Duration = chrono::Duration::minutes(5);

/// "Forgot my password": for an active account at `email`, a reset link by e-mail. The caller
/// answers the same either way and does not wait for this (see the route), so neither the
/// answer nor its timing tells whether the address has an account.
pub async fn request_reset(ctx: &ServerContext, email: &str, lang: Lang) -> Result<(), StaffError> {
    let Some(settings) = ctx.mail.as_ref() else {
        return Ok(());
    };
    let Ok(email) = crate::auth::service::account_email(email) else {
        return Ok(());
    };
    let now = Utc::now();
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::Active.eq(true))
        .one(&ctx.db)
        .await?
    else {
        return Ok(());
    };
    let recent = account_link::Entity::find()
        .filter(account_link::Column::UserId.eq(account.id))
        .filter(account_link::Column::CreatedAt.gt(now - RESET_REQUEST_INTERVAL))
        .one(&ctx.db)
        .await?;
    if recent.is_some() {
        return Ok(());
    }
    let purpose = if account.is_activated() {
        LinkPurpose::Reset
    } else {
        LinkPurpose::Activation
    };
    let token = links::issue(&ctx.db, account.id, purpose, now).await?;
    let link = link_url(ctx, &token);
    if let Err(error) = send_link(settings, &account, &link, purpose, lang).await {
        tracing::warn!(%error, "a password-reset link could not be mailed");
    }
    Ok(())
}
