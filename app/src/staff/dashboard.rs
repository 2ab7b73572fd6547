//! The dashboard: the organisations a user may see, with their rounds and progress counts.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use quickscan_domain::AnonymityThreshold;

use super::view::{DashboardView, OrganisationRounds, RoundResults, RoundSummary};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{invitation, organisation, response, round, round_result};

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

/// Which of these rounds have stored results.
pub(super) async fn with_results(
    db: &impl ConnectionTrait,
    round_ids: &[i32],
) -> Result<HashSet<i32>, StaffError> {
    use sea_orm::QuerySelect;
    Ok(round_result::Entity::find()
        .select_only()
        .column(round_result::Column::RoundId)
        .filter(round_result::Column::RoundId.is_in(round_ids.iter().copied()))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A round's summary with its progress.
pub async fn round_summary(
    db: &impl ConnectionTrait,
    round: &round::Model,
    threshold: AnonymityThreshold,
) -> Result<RoundSummary, StaffError> {
    let counts = progress(db, &[round.id]).await?;
    let results = with_results(db, &[round.id]).await?;
    Ok(summary(
        round,
        counts.get(&round.id),
        results.contains(&round.id),
        threshold,
    ))
}

/// A round's summary from its counts and whether it has stored results.
pub(super) fn summary(
    round: &round::Model,
    counts: Option<&(u64, u64, u64)>,
    has_results: bool,
    threshold: AnonymityThreshold,
) -> RoundSummary {
    let (invited, started, submitted) = counts.copied().unwrap_or_default();
    let results = if round.is_open() {
        RoundResults::Pending {
            needed: (threshold.get() as u64).saturating_sub(submitted),
        }
    } else if has_results {
        RoundResults::Available
    } else {
        RoundResults::Withheld
    };
    RoundSummary {
        id: round.id,
        name: round.name.clone(),
        year: round.year,
        open: round.is_open(),
        invited,
        started,
        submitted,
        results,
        min_respondents: threshold.get(),
    }
}

/// The dashboard of a user.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    user: StaffUser,
    threshold: AnonymityThreshold,
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
    let ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let counts = progress(db, &ids).await?;
    let results = with_results(db, &ids).await?;
    let organisations = organisations
        .into_iter()
        .map(|o| OrganisationRounds {
            can_manage: user.may(Action::ManageRounds, Some(o.id)),
            rounds: rounds
                .iter()
                .filter(|r| r.organisation_id == o.id)
                .map(|r| summary(r, counts.get(&r.id), results.contains(&r.id), threshold))
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
        can_view_model_versions: user.may(Action::ViewModelVersions, None),
        user,
        organisations,
        default_round_name: format!("QuickScan {}", Utc::now().year()),
    })
}
