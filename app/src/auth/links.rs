//! One-time links that set a staff account's password: a new account's activation (valid
//! [`ACTIVATION_LIFETIME`]) and a forgotten password's reset (valid [`RESET_LIFETIME`]).
//!
//! The token has about 155 bits of randomness and only its SHA-256 is stored. Using a link
//! claims it with one conditional `UPDATE` (unused and unexpired), so two requests with the
//! same link set the password once; the same transaction sets the password, ends every
//! session of the account and voids the account's other open links.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, TransactionTrait,
};

use crate::db::account_link::{self, LinkPurpose};
use crate::db::invitation::{hash_token, new_token};
use crate::db::{session, user};

/// How long a new account's activation link works.
pub const ACTIVATION_LIFETIME: Duration = Duration::days(7);
/// How long a password-reset link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);

/// Why a link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// No link has this token.
    Unknown,
    /// It was used already.
    Used,
    /// It is past its lifetime.
    Expired,
}

/// A link that opens: whose it is and what for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAccountLink {
    /// The account's address.
    pub email: String,
    /// Activation or reset.
    pub purpose: LinkPurpose,
}

/// Makes a new link for an account and voids its earlier open ones; answers the token (which
/// exists only in the answer: the database keeps its hash).
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    void_open_links(db, user_id, now).await?;
    let token = new_token();
    let lifetime = match purpose {
        LinkPurpose::Activation => ACTIVATION_LIFETIME,
        LinkPurpose::Reset => RESET_LIFETIME,
    };
    account_link::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        purpose: Set(purpose),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

async fn void_open_links(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .filter(account_link::Column::UserId.eq(user_id))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// What a link's token opens, or why it does not.
pub async fn open(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<OpenAccountLink, LinkState>, DbErr> {
    if token.is_empty() || token.len() > 64 {
        return Ok(Err(LinkState::Unknown));
    }
    let Some(link) = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(LinkState::Unknown));
    };
    if link.used_at.is_some() {
        return Ok(Err(LinkState::Used));
    }
    if link.expires_at <= now {
        return Ok(Err(LinkState::Expired));
    }
    let Some(account) = user::Entity::find_by_id(link.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(Err(LinkState::Unknown));
    };
    Ok(Ok(OpenAccountLink {
        email: account.email,
        purpose: link.purpose,
    }))
}

/// Uses a link: sets the password (hashed already by the caller), ends every session of the
/// account, voids its other links. `Err` when the link no longer opens (another request used
/// it a moment ago, or it expired): then nothing changed.
pub async fn use_link(
    db: &DatabaseConnection,
    token: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<Result<i32, LinkState>, DbErr> {
    let txn = db.begin().await?;
    let claimed = account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .filter(account_link::Column::TokenHash.eq(hash_token(token)))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(Err(open(db, token, now)
            .await?
            .err()
            .unwrap_or(LinkState::Used)));
    }
    let link = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the claimed link".into()))?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .filter(user::Column::Id.eq(link.user_id))
        .filter(user::Column::Active.eq(true))
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(link.user_id))
        .exec(&txn)
        .await?;
    void_open_links(&txn, link.user_id, now).await?;
    txn.commit().await?;
    Ok(Ok(link.user_id))
}
