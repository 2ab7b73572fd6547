//! The dashboard: the organisations a user may see, with their rounds and progress counts.

use std::collections::HashMap;

use chrono::{Datelike, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::view::{DashboardView, OrganisationRounds, RoundSummary};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{invitation, organisation, response, round};

/// Progress counts of a set of rounds, by round id.
pub(super) async fn progress(
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

pub(super) fn summary(round: &round::Model, counts: Option<&(u64, u64, u64)>) -> RoundSummary {
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
