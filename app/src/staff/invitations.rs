//! Personal invitations: issuing one, whose raw token only ever goes to its respondent.

use chrono::{DateTime, Utc};
use quickscan_domain::RespondentGroup;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, TransactionTrait};

use super::rounds::{manageable_open_round, round_detail};
use super::view::InvitationState;
use super::StaffError;
use crate::auth::StaffUser;
use crate::db::invitation;
use crate::server_context::ServerContext;

/// Inserts one personal invitation for `round_id` and returns its raw token.
///
/// Only the token's hash is stored, so the returned token is the one copy there is: hand it
/// to the respondent (their e-mail, or the page the open link redirects them to) and to
/// nobody else — never to a staff page, an export or a log. The caller has checked access
/// and that the round is open, and runs this inside its transaction.
pub async fn issue_personal(
    txn: &impl ConnectionTrait,
    round_id: i32,
    group: Option<RespondentGroup>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = invitation::new_token();
    invitation::Entity::insert(invitation::ActiveModel {
        round_id: Set(round_id),
        token_hash: Set(invitation::hash_token(&token)),
        respondent_group: Set(group.map(|g| g.code().to_owned())),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    Ok(token)
}

/// The most invitations created at once.
pub const MAX_INVITATIONS_AT_ONCE: u32 = 500;

/// Creates `count` invitation links, optionally for one respondent group.
pub async fn add_invitations(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    count: u32,
    group: Option<&str>,
) -> Result<(), StaffError> {
    let round = manageable_open_round(&ctx.db, user, round_id).await?;
    if !(1..=MAX_INVITATIONS_AT_ONCE).contains(&count) {
        return Err(StaffError::InvalidCount);
    }
    let group = match group.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(code) => Some(
            quickscan_domain::RespondentGroup::from_code(code)
                .ok_or(StaffError::InvalidGroup)?
                .code()
                .to_owned(),
        ),
    };
    let now = Utc::now();
    let txn = ctx.db.begin().await?;
    invitation::Entity::insert_many((0..count).map(|_| invitation::ActiveModel {
        round_id: Set(round.id),
        token_hash: Set(invitation::hash_token(&invitation::new_token())),
        respondent_group: Set(group.clone()),
        created_at: Set(now),
        ..Default::default()
    }))
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The invitation links of a round as CSV (link, group, state).
pub async fn invitations_csv(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
) -> Result<String, StaffError> {
    let detail = round_detail(ctx, user, round_id).await?;
    let mut csv = String::from("link,group,state\r\n");
    for row in detail.invitations {
        let state = match row.state {
            InvitationState::Invited => "invited",
            InvitationState::Started => "started",
            InvitationState::Submitted => "submitted",
        };
        csv.push_str(&format!(
            "{},{},{}\r\n",
            row.link,
            row.group.unwrap_or_default(),
            state
        ));
    }
    Ok(csv)
}
