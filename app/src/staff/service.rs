//! Staff work against the database: plain async functions, access checked first.

use std::collections::HashMap;

use axum::http::HeaderMap;
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use super::view::*;
use super::StaffError;
use crate::auth::service::session_user;
use crate::auth::{Action, StaffUser, SESSION_COOKIE};
use crate::cookies::request_cookie;
use crate::db::{invitation, organisation, response, round};
use crate::server_context::ServerContext;

/// The most invitations created at once.
pub const MAX_INVITATIONS_AT_ONCE: u32 = 500;

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

/// Progress counts of a set of rounds, by round id.
async fn progress(
    db: &impl ConnectionTrait,
    round_ids: &[i32],
) -> Result<HashMap<i32, (u64, u64, u64)>, StaffError> {
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::RoundId.is_in(round_ids.iter().copied()))
        .all(db)
        .await?;
    let invitation_round: HashMap<i32, i32> =
        invitations.iter().map(|i| (i.id, i.round_id)).collect();
    let responses = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitation_round.keys().copied()))
        .all(db)
        .await?;
    let mut counts: HashMap<i32, (u64, u64, u64)> = HashMap::new();
    for invitation in &invitations {
        counts.entry(invitation.round_id).or_default().0 += 1;
    }
    for response in &responses {
        if let Some(round_id) = invitation_round.get(&response.invitation_id) {
            let entry = counts.entry(*round_id).or_default();
            entry.1 += 1;
            if response.submitted_at.is_some() {
                entry.2 += 1;
            }
        }
    }
    Ok(counts)
}

/// A round's summary with its progress.
pub async fn round_summary(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<RoundSummary, StaffError> {
    let counts = progress(db, &[round.id]).await?;
    Ok(summary(round, counts.get(&round.id)))
}

fn summary(round: &round::Model, counts: Option<&(u64, u64, u64)>) -> RoundSummary {
    let (invited, started, submitted) = counts.copied().unwrap_or_default();
    RoundSummary {
        id: round.id,
        name: round.name.clone(),
        year: round.year,
        open: round.is_open(),
        invited,
        started,
        submitted,
    }
}

/// The dashboard of a user.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    user: StaffUser,
) -> Result<DashboardView, StaffError> {
    let organisations: Vec<organisation::Model> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| user.may(Action::ReadOrganisation, Some(o.id)))
        .collect();
    let rounds = round::Entity::find()
        .filter(round::Column::OrganisationId.is_in(organisations.iter().map(|o| o.id)))
        .order_by_desc(round::Column::OpenedAt)
        .all(db)
        .await?;
    let counts = progress(db, &rounds.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    let organisations = organisations
        .into_iter()
        .map(|o| OrganisationRounds {
            can_manage: user.may(Action::ManageRounds, Some(o.id)),
            rounds: rounds
                .iter()
                .filter(|r| r.organisation_id == o.id)
                .map(|r| summary(r, counts.get(&r.id)))
                .collect(),
            id: o.id,
            name: o.name,
            code: o.code,
        })
        .collect();
    Ok(DashboardView {
        can_compare: user.may(Action::CompareOrganisations, None),
        can_import: user.may(Action::ImportAnswers, None),
        can_manage_peer_groups: user.may(Action::ManagePeerGroups, None),
        user,
        organisations,
        default_round_name: format!("QuickScan {}", Utc::now().year()),
    })
}

/// A round the user may read, with its organisation.
pub async fn readable_round(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    round_id: i32,
) -> Result<(round::Model, organisation::Model), StaffError> {
    let round = round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    if !user.may(Action::ReadOrganisation, Some(round.organisation_id)) {
        // Not found and forbidden look alike to outsiders? No: a logged-in user of another
        // organisation learns only that the round exists, which ids reveal anyway.
        return Err(StaffError::Forbidden);
    }
    let organisation = organisation::Entity::find_by_id(round.organisation_id)
        .one(db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    Ok((round, organisation))
}

/// The round page.
pub async fn round_detail(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
) -> Result<RoundDetail, StaffError> {
    let (round, organisation) = readable_round(&ctx.db, &user, round_id).await?;
    let counts = progress(&ctx.db, &[round.id]).await?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round.id))
        .order_by_asc(invitation::Column::Id)
        .all(&ctx.db)
        .await?;
    let responses: HashMap<i32, bool> = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations.iter().map(|i| i.id)))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| (r.invitation_id, r.submitted_at.is_some()))
        .collect();
    Ok(RoundDetail {
        can_manage: user.may(Action::ManageRounds, Some(round.organisation_id)),
        organisation: organisation.name,
        round: summary(&round, counts.get(&round.id)),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationRow {
                link: format!("{}/s/{}", ctx.public_url, i.token),
                group: i.respondent_group,
                state: match responses.get(&i.id) {
                    None => InvitationState::Invited,
                    Some(false) => InvitationState::Started,
                    Some(true) => InvitationState::Submitted,
                },
            })
            .collect(),
        user,
    })
}

/// Opens a round for an organisation on the current model.
pub async fn create_round(
    ctx: &ServerContext,
    user: &StaffUser,
    organisation_id: i32,
    name: &str,
) -> Result<i32, StaffError> {
    if organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .is_none()
    {
        return Err(StaffError::OrganisationNotFound);
    }
    if !user.may(Action::ManageRounds, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StaffError::InvalidName);
    }
    let now = Utc::now();
    let created = round::ActiveModel {
        organisation_id: Set(organisation_id),
        model_version_id: Set(ctx.models.current().id.clone()),
        name: Set(name.to_owned()),
        year: Set(now.year()),
        status: Set(round::RoundStatus::Open),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(created.id)
}

/// A round the user may manage and that is still open.
async fn manageable_open_round(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    round_id: i32,
) -> Result<round::Model, StaffError> {
    let (round, _) = readable_round(db, user, round_id).await?;
    if !user.may(Action::ManageRounds, Some(round.organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    if !round.is_open() {
        return Err(StaffError::RoundClosed);
    }
    Ok(round)
}

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
        token: Set(invitation::new_token()),
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
