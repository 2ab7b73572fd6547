//! Passwords (argon2id), login with throttling, and database-backed sessions.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::throttle::{self, Attempt};
use super::{Role, StaffUser};
use crate::db::{advisor_assignment, invitation::new_token, session, user};

/// How long a session lasts at most.
pub const SESSION_LIFETIME: Duration = Duration::hours(8);
/// A session without a request for this long has ended.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(60);
/// How stale a session's `last_seen_at` may be before a request writes it again: a page view
/// should not cost a write each time.
const LAST_SEEN_PRECISION: Duration = Duration::minutes(1);

/// Why a login or account change was refused.
#[derive(Debug, Error)]
pub enum AuthError {
    /// Unknown address or wrong password (never says which).
    #[error("the e-mail address or password is not correct")]
    InvalidCredentials,
    /// Too many failed attempts.
    #[error("too many failed attempts; try again in {minutes} minutes")]
    Throttled {
        /// Minutes until the next try is accepted.
        minutes: i64,
    },
    /// A new password the password rule refuses.
    #[error("the password is refused: {0:?} (at least {min} characters, not the e-mail address, not a common password)", min = quickscan_domain::password::MIN_PASSWORD_CHARS)]
    WeakPassword(quickscan_domain::password::PasswordProblem),
    /// An address that is not an address.
    #[error("'{0}' is not an e-mail address")]
    InvalidEmail(String),
    /// The address has an account already.
    #[error("an account for {0} exists already")]
    EmailTaken(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

/// Whether a password matches a stored hash.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The longest e-mail address accepted at sign-in.
pub const MAX_EMAIL_LENGTH: usize = 254;

/// Deletes throttle counters whose window ended and sessions that have expired or idled out:
/// they decide nothing any more.
async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DbErr> {
    throttle::purge(db, now).await?;
    session::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(now - IDLE_TIMEOUT))
                .add(
                    sea_orm::Condition::all()
                        .add(session::Column::LastSeenAt.is_null())
                        .add(session::Column::CreatedAt.lte(now - IDLE_TIMEOUT)),
                ),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A hash of no account's password, made once: checking a password against it costs what a
/// real check costs, so the time of a failed sign-in does not tell whether the address exists.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no account has this password"));

/// At most this many password checks run at once; the rest wait their turn.
const CONCURRENT_PASSWORD_CHECKS: usize = 2;

/// Runs argon2 work on tokio's blocking threads, a few at a time: it takes tens of
/// milliseconds of CPU, which on the async workers would stall every other request.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static RUNNING: tokio::sync::Semaphore =
        tokio::sync::Semaphore::const_new(CONCURRENT_PASSWORD_CHECKS);
    let _permit = RUNNING.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

/// Checks a password against a stored hash, or against the dummy hash for an unknown address
/// (same cost, and never a match).
async fn check_password(hash: Option<String>, password: &str) -> bool {
    let password = password.to_owned();
    let (hash, real) = match hash {
        Some(hash) => (hash, true),
        None => (DUMMY_HASH.clone(), false),
    };
    hashing(move || verify_password(&hash, &password) && real)
        .await
        .unwrap_or(false)
}

/// Whether `password` is the account's current password.
pub async fn is_current_password(
    db: &impl ConnectionTrait,
    user_id: i32,
    password: &str,
) -> Result<bool, DbErr> {
    let hash = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|u| u.password_hash);
    Ok(check_password(hash, password).await)
}

/// Hashes a new password (already checked against the rule) off the async threads.
pub async fn hash_new_password(password: &str) -> Result<String, DbErr> {
    let password = password.to_owned();
    hashing(move || hash_password(&password))
        .await
        .ok_or_else(|| DbErr::Custom("the password could not be hashed".into()))
}

/// Sets an account's password (already checked against the rule) and ends every other
/// session of the account at once, in one transaction; the session `keep_session_token`
/// (the one changing it) stays signed in.
pub async fn replace_password(
    db: &sea_orm::DatabaseConnection,
    user_id: i32,
    new_password: &str,
    keep_session_token: &str,
) -> Result<(), DbErr> {
    let hash = hash_new_password(new_password).await?;
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::TokenHash.ne(sha256_hex(keep_session_token)))
        .exec(&txn)
        .await?;
    txn.commit().await
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A new staff account.
pub struct NewUser<'a> {
    /// E-mail address (login name).
    pub email: &'a str,
    /// Display name.
    pub display_name: &'a str,
    /// Password in clear, hashed here.
    pub password: &'a str,
    /// Role.
    pub role: Role,
    /// A coordinator's organisation.
    pub organisation_id: Option<i32>,
}

/// An e-mail address as an account's login name: trimmed, lowercased and plausible.
pub fn account_email(typed: &str) -> Result<String, AuthError> {
    let email = normalise_email(typed);
    let plausible = email.len() <= MAX_EMAIL_LENGTH
        && quickscan_domain::mail_address::MailAddress::parse(&email)
            .is_some_and(|address| address.as_str() == email);
    if plausible {
        Ok(email)
    } else {
        Err(AuthError::InvalidEmail(typed.chars().take(80).collect()))
    }
}

/// Creates a staff account that still has to set its password through an activation link
/// (see [`super::links`]): until then no password signs it in.
pub async fn create_unactivated_user(
    db: &impl ConnectionTrait,
    email: &str,
    display_name: &str,
    role: Role,
    organisation_id: Option<i32>,
) -> Result<user::Model, AuthError> {
    let email = account_email(email)?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AuthError::EmailTaken(email));
    }
    user::ActiveModel {
        email: Set(email),
        display_name: Set(display_name.trim().to_owned()),
        password_hash: Set(String::new()),
        role: Set(role.into()),
        organisation_id: Set(organisation_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|error| match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AuthError::EmailTaken(String::new()),
        _ => AuthError::Database(error),
    })
}

/// Creates a staff account.
pub async fn create_user(
    db: &impl ConnectionTrait,
    new: NewUser<'_>,
) -> Result<user::Model, AuthError> {
    let email = account_email(new.email)?;
    quickscan_domain::password::check_new_password(new.password, &email)
        .map_err(AuthError::WeakPassword)?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AuthError::EmailTaken(email));
    }
    Ok(user::ActiveModel {
        email: Set(email),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(hash_password(new.password)),
        role: Set(new.role.into()),
        organisation_id: Set(new.organisation_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Gives an advisor access to an organisation.
pub async fn assign_advisor(
    db: &impl ConnectionTrait,
    user_id: i32,
    organisation_id: i32,
) -> Result<(), DbErr> {
    advisor_assignment::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A successful login: the cookie value to set and who logged in.
pub struct LoggedIn {
    /// The session cookie's value (only its hash is stored).
    pub cookie_token: String,
    /// The user.
    pub user: StaffUser,
}

/// Checks a login from the client address `client` ("" when unknown), throttled per account,
/// per address and per both (see [`throttle`]), and opens a session.
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<LoggedIn, AuthError> {
    // No address is longer (RFC 5321); a longer one is refused before it touches the database,
    // so nobody can grow the attempt table with megabyte-long "addresses".
    if email.len() > MAX_EMAIL_LENGTH {
        let _ = check_password(None, password).await;
        return Err(AuthError::InvalidCredentials);
    }
    let email = normalise_email(email);
    purge_expired(db, now).await?;
    let attempt = Attempt::new(&email, client);
    if let Err(minutes) = attempt.claim(db, now).await? {
        return Err(AuthError::Throttled { minutes });
    }
    // A deactivated account, or one not activated yet, signs in as an unknown address does:
    // checked against the dummy hash, at the same cost, and refused with the same words.
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?
        .filter(user::Model::is_activated);
    let valid = check_password(found.as_ref().map(|u| u.password_hash.clone()), password).await;
    let (Some(user), true) = (found, valid) else {
        return Err(AuthError::InvalidCredentials);
    };
    attempt.succeeded(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(now))
        .filter(user::Column::Id.eq(user.id))
        .exec(db)
        .await?;
    let cookie_token = format!("{}{}", new_token(), new_token());
    let csrf_token = new_token();
    session::ActiveModel {
        token_hash: Set(sha256_hex(&cookie_token)),
        user_id: Set(user.id),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        expires_at: Set(now + SESSION_LIFETIME),
        last_seen_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let user = staff_user(db, user, csrf_token).await?;
    Ok(LoggedIn { cookie_token, user })
}

/// The staff user an account acts as, with the form token of its session (the demo seeds with
/// an empty one: it posts no form).
pub async fn staff_user(
    db: &impl ConnectionTrait,
    user: user::Model,
    csrf_token: String,
) -> Result<StaffUser, DbErr> {
    let role: Role = user.role.into();
    // Only an advisor's assignments grant anything (see `StaffUser::organisations`); everyone
    // else is spared the query on every request.
    let assigned = if role == Role::Advisor {
        advisor_assignment::Entity::find()
            .filter(advisor_assignment::Column::UserId.eq(user.id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.organisation_id)
            .collect()
    } else {
        Vec::new()
    };
    Ok(StaffUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
        organisation_id: user.organisation_id,
        assigned,
        csrf_token,
    })
}

/// The user of a live session, if the cookie names one.
pub async fn session_user(
    db: &impl ConnectionTrait,
    cookie_token: &str,
    now: DateTime<Utc>,
) -> Result<Option<StaffUser>, DbErr> {
    if cookie_token.is_empty() || cookie_token.len() > 128 {
        return Ok(None);
    }
    let Some(session) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(sha256_hex(cookie_token)))
        .filter(session::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let last_seen = session.last_seen_at.unwrap_or(session.created_at);
    if last_seen <= now - IDLE_TIMEOUT {
        return Ok(None);
    }
    if last_seen <= now - LAST_SEEN_PRECISION {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.id))
            .exec(db)
            .await?;
    }
    let Some(user) = user::Entity::find_by_id(session.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    staff_user(db, user, session.csrf_token).await.map(Some)
}

/// Ends a session.
pub async fn logout(db: &impl ConnectionTrait, cookie_token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(sha256_hex(cookie_token)))
        .exec(db)
        .await?;
    Ok(())
}

/// How many staff accounts exist.
pub async fn user_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    user::Entity::find().count(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse battery "));
        assert!(!verify_password("not a hash", "anything"));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs() {
        // Same algorithm and parameters (memory, iterations, lanes) as every account's hash.
        let parameters = |hash: &str| {
            let parsed = PasswordHash::new(hash).unwrap();
            (parsed.algorithm.to_string(), parsed.params.to_string())
        };
        assert_eq!(parameters(&DUMMY_HASH), parameters(&hash_password("x")));
    }

    #[test]
    fn an_unknown_address_never_signs_in_even_with_the_dummy_password() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        assert!(!runtime.block_on(check_password(None, "no account has this password")));
        let hash = hash_password("right");
        assert!(runtime.block_on(check_password(Some(hash.clone()), "right")));
        assert!(!runtime.block_on(check_password(Some(hash), "wrong")));
    }
}
