//! The dashboard: the organisations a user may see, with their rounds and progress counts.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use quickscan_domain::{AnonymityThreshold, SizeClass};

use super::view::{
    DashboardFilter, DashboardView, OrganisationRow, RoundResults, RoundState, RoundSummary,
    ORGANISATIONS_PER_PAGE,
};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{invitation, organisation, response, round, round_result};

/// Progress counts of a set of rounds, by round id: (invited, started, submitted), counted
/// by the database (a round of thousands of respondents is three numbers, not rows).
pub(super) async fn progress(
    db: &impl ConnectionTrait,
    round_ids: &[i32],
) -> Result<HashMap<i32, (u64, u64, u64)>, StaffError> {
    use sea_orm::sea_query::{Expr, Func, Query};
    use sea_orm::ExprTrait;
    if round_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let query = Query::select()
        .column((invitation::Entity, invitation::Column::RoundId))
        .expr(Func::count(Expr::col((
            invitation::Entity,
            invitation::Column::Id,
        ))))
        .expr(Func::count(Expr::col((
            response::Entity,
            response::Column::Id,
        ))))
        .expr(Func::count(Expr::col((
            response::Entity,
            response::Column::SubmittedAt,
        ))))
        .from(invitation::Entity)
        .left_join(
            response::Entity,
            Expr::col((response::Entity, response::Column::InvitationId))
                .equals((invitation::Entity, invitation::Column::Id)),
        )
        .and_where(
            Expr::col((invitation::Entity, invitation::Column::RoundId))
                .is_in(round_ids.iter().copied()),
        )
        .group_by_col((invitation::Entity, invitation::Column::RoundId))
        .to_owned();
    let rows = db.query_all(&query).await?;
    let count = |row: &sea_orm::QueryResult, index: usize| -> Result<u64, StaffError> {
        let value: i64 = row.try_get_by_index(index)?;
        Ok(u64::try_from(value).unwrap_or(0))
    };
    rows.iter()
        .map(|row| {
            let round_id: i32 = row.try_get_by_index(0)?;
            Ok((round_id, (count(row, 1)?, count(row, 2)?, count(row, 3)?)))
        })
        .collect()
}

/// Which of these rounds have stored results.
pub(super) async fn with_results(
    db: &impl ConnectionTrait,
    round_ids: &[i32],
) -> Result<HashSet<i32>, StaffError> {
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

/// The dashboard of a user: the organisations they may read that pass `filter`, one page of
/// them; for a user who may read only one organisation, that organisation with its rounds.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    user: StaffUser,
    filter: DashboardFilter,
    threshold: AnonymityThreshold,
) -> Result<DashboardView, StaffError> {
    let organisations: Vec<organisation::Model> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| user.may(Action::ReadOrganisation, Some(o.id)))
        .collect();
    let single = match organisations.as_slice() {
        [only] => Some(super::organisations::panel(db, &user, only, threshold).await?),
        _ => None,
    };
    // The latest round per organisation, and who has an open one or one this year: one query
    // over the rounds' few columns, however many organisations there are.
    let rounds: Vec<(i32, String, i32, round::RoundStatus)> = round::Entity::find()
        .select_only()
        .column(round::Column::OrganisationId)
        .column(round::Column::Name)
        .column(round::Column::Year)
        .column(round::Column::Status)
        .filter(round::Column::OrganisationId.is_in(organisations.iter().map(|o| o.id)))
        .order_by_asc(round::Column::OpenedAt)
        .order_by_asc(round::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let this_year = Utc::now().year();
    let mut latest: HashMap<i32, (String, i32, bool)> = HashMap::new();
    let mut open: HashSet<i32> = HashSet::new();
    let mut round_this_year: HashSet<i32> = HashSet::new();
    for (organisation_id, name, year, status) in rounds {
        let is_open = status == round::RoundStatus::Open;
        if is_open {
            open.insert(organisation_id);
        }
        if year == this_year {
            round_this_year.insert(organisation_id);
        }
        latest.insert(organisation_id, (name, year, is_open));
    }
    let mut provinces: Vec<String> = organisations.iter().map(|o| o.province.clone()).collect();
    provinces.sort();
    provinces.dedup();
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .map(str::to_lowercase);
    let passing: Vec<organisation::Model> = organisations
        .into_iter()
        .filter(|o| {
            let size = SizeClass::from_population(i64::from(o.population));
            search
                .as_deref()
                .is_none_or(|s| o.name.to_lowercase().contains(s) || o.code.starts_with(s))
                && filter.province.as_deref().is_none_or(|p| p == o.province)
                && filter.kind.as_deref().is_none_or(|k| k == o.kind().code())
                && filter.size.as_deref().is_none_or(|c| c == size.code())
                && filter.state.is_none_or(|state| match state {
                    RoundState::Open => open.contains(&o.id),
                    RoundState::NoneThisYear => !round_this_year.contains(&o.id),
                })
        })
        .collect();
    let total = passing.len();
    let page_count = total.div_ceil(ORGANISATIONS_PER_PAGE).max(1);
    let page = filter.page.clamp(1, page_count);
    let rows = passing
        .into_iter()
        .skip((page - 1) * ORGANISATIONS_PER_PAGE)
        .take(ORGANISATIONS_PER_PAGE)
        .map(|o| OrganisationRow {
            size: SizeClass::from_population(i64::from(o.population)),
            kind: o.kind(),
            latest_round: latest.remove(&o.id),
            active: o.active,
            id: o.id,
            name: o.name,
            code: o.code,
            province: o.province,
        })
        .collect();
    Ok(DashboardView {
        can_compare: user.may(Action::CompareOrganisations, None),
        can_import: user.may(Action::ImportAnswers, None),
        can_manage_peer_groups: user.may(Action::ManagePeerGroups, None),
        can_view_model_versions: user.may(Action::ViewModelVersions, None),
        can_manage_organisations: user.may(Action::ManageOrganisations, None),
        can_manage_accounts: user.may(Action::ManageAccounts, None),
        can_view_audit_log: user.may(Action::ViewAuditLog, None),
        can_view_sector_plans: user.may(Action::ViewSectorPlans, None),
        user,
        filter: DashboardFilter { page, ..filter },
        rows,
        total,
        page_count,
        provinces,
        single,
        default_round_name: default_round_name(),
    })
}

/// The name a new round is offered ("QuickScan 2026").
pub(super) fn default_round_name() -> String {
    format!("QuickScan {}", Utc::now().year())
}
