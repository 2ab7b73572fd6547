//! Benchmarks against the database: cohorts, incremental recomputation when a round closes,
//! and the figures a report shows. The statistics themselves are in the domain.

use std::collections::HashMap;

use chrono::Utc;
use quickscan_domain::{
    benchmark_group, incremental_update, peer_groups_of, position, recompute_cohort,
    AnonymityThreshold, BenchmarkSet, CohortEntry, DimensionCounts, GroupBenchmark, PeerGroup,
    PeerOrganisation, ResultSummary, Standing,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::{stored, StaffError};
use crate::db::{benchmark, model_version, organisation, peer_group, peer_group_member, round};

/// Everyone in a cohort (model version and year): organisations and their latest results.
pub struct Cohort {
    /// Every organisation, with its peer-group attributes.
    pub organisations: Vec<PeerOrganisation>,
    /// The latest closed result of each organisation that has one in the cohort.
    pub entries: Vec<CohortEntry>,
}

/// Loads a cohort.
pub async fn load_cohort(
    db: &impl ConnectionTrait,
    model_id: &str,
    year: i32,
) -> Result<Cohort, StaffError> {
    let organisations = peer_organisations(db).await?;
    let rounds = round::Entity::find()
        .filter(round::Column::ModelVersionId.eq(model_id))
        .filter(round::Column::Year.eq(year))
        .filter(round::is_closed())
        .order_by_asc(round::Column::ClosedAt)
        .order_by_asc(round::Column::Id)
        .all(db)
        .await?;
    cohort_of(db, organisations, rounds).await
}

/// Every organisation with its peer-group attributes and custom groups, by id.
pub async fn peer_organisations(
    db: &impl ConnectionTrait,
) -> Result<Vec<PeerOrganisation>, StaffError> {
    let names: HashMap<i32, String> = peer_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut custom: HashMap<i32, Vec<(i32, String)>> = HashMap::new();
    // Custom groups in id order, as `peer_organisation` lists them.
    for member in peer_group_member::Entity::find()
        .order_by_asc(peer_group_member::Column::PeerGroupId)
        .all(db)
        .await?
    {
        if let Some(name) = names.get(&member.peer_group_id) {
            custom
                .entry(member.organisation_id)
                .or_default()
                .push((member.peer_group_id, name.clone()));
        }
    }
    // An organisation that no longer takes part counts in no benchmark computed from now on.
    let organisations: Vec<PeerOrganisation> = organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| PeerOrganisation {
            id: o.id,
            population: i64::from(o.population),
            province: o.province,
            kind: o.kind.into(),
            custom_groups: custom.remove(&o.id).unwrap_or_default(),
        })
        .collect();
    Ok(organisations)
}

/// The cohort of `rounds` (closed, oldest first) among `organisations`.
async fn cohort_of(
    db: &impl ConnectionTrait,
    organisations: Vec<PeerOrganisation>,
    rounds: Vec<round::Model>,
) -> Result<Cohort, StaffError> {
    // Only rounds with results (closed with at least the respondent threshold) join a
    // cohort. Later rounds overwrite earlier ones: the latest such round per organisation.
    let results: HashMap<i32, ResultSummary> =
        super::report::stored_summaries(db, rounds.iter().map(|r| r.id)).await?;
    let latest: HashMap<i32, i32> = rounds
        .iter()
        .filter(|r| results.contains_key(&r.id))
        .map(|r| (r.organisation_id, r.id))
        .collect();
    // Only organisations that take part (see `peer_organisations`) join.
    let taking_part: std::collections::HashSet<i32> = organisations.iter().map(|o| o.id).collect();
    let mut entries: Vec<CohortEntry> = latest
        .iter()
        .filter(|(organisation_id, _)| taking_part.contains(organisation_id))
        .filter_map(|(organisation_id, round_id)| {
            let summary = results.get(round_id)?;
            Some(CohortEntry {
                organisation_id: *organisation_id,
                dimension_means: summary.dimension_means.clone(),
                overall: summary.overall,
            })
        })
        .collect();
    entries.sort_by_key(|e| e.organisation_id);
    Ok(Cohort {
        organisations,
        entries,
    })
}

/// The stored benchmarks of a cohort; only the groups `keys` names when given.
async fn stored_set(
    db: &impl ConnectionTrait,
    model_id: &str,
    year: i32,
    keys: Option<&[String]>,
) -> Result<BenchmarkSet, StaffError> {
    let mut query = benchmark::Entity::find()
        .filter(benchmark::Column::ModelVersionId.eq(model_id))
        .filter(benchmark::Column::Year.eq(year));
    if let Some(keys) = keys {
        query = query.filter(benchmark::Column::GroupKey.is_in(keys.iter().cloned()));
    }
    // One unreadable row fails the whole read (see `stored` for why).
    query
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let figures: GroupBenchmark =
                stored::decode_for(&row.figures, "benchmarks.figures", &row.id)?;
            Ok((row.group_key, figures))
        })
        .collect()
}

/// Recomputes the benchmarks of the groups a round's organisation belongs to (the round has
/// just closed) and stores them; other groups are untouched.
pub async fn update_for_closed_round(
    db: &impl ConnectionTrait,
    round: &round::Model,
    dimension_count: usize,
    threshold: AnonymityThreshold,
) -> Result<(), StaffError> {
    model_version::serialise_benchmark_writers(db, Some(&round.model_version_id)).await?;
    let cohort = load_cohort(db, &round.model_version_id, round.year).await?;
    let Some(changed) = cohort
        .organisations
        .iter()
        .find(|o| o.id == round.organisation_id)
    else {
        return Ok(());
    };
    let mut set = stored_set(db, &round.model_version_id, round.year, None).await?;
    incremental_update(
        &mut set,
        changed,
        &cohort.organisations,
        &cohort.entries,
        dimension_count,
        threshold,
    );
    let now = Utc::now();
    for group in peer_groups_of(changed) {
        let key = group.key();
        let Some(figures) = set.get(&key) else {
            continue;
        };
        benchmark::Entity::insert(benchmark::ActiveModel {
            model_version_id: Set(round.model_version_id.clone()),
            year: Set(round.year),
            group_key: Set(key),
            figures: Set(stored::encode_for(figures, "benchmarks.figures")?),
            computed_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                benchmark::Column::ModelVersionId,
                benchmark::Column::Year,
                benchmark::Column::GroupKey,
            ])
            .update_columns([benchmark::Column::Figures, benchmark::Column::ComputedAt])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// One peer group as a report shows it: figures and the organisation's rank, or why hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupComparison {
    /// The group.
    pub group: PeerGroup,
    /// The stored benchmark (figures or hidden).
    pub benchmark: GroupBenchmark,
    /// The organisation's percentile rank per dimension and overall, when shown.
    pub ranks: Option<(Vec<Option<f64>>, Option<f64>)>,
    /// Per dimension the counts behind the rank, for its sentence; empty when not shown.
    pub standings: Vec<Option<Standing>>,
}

/// The stored benchmarks of an organisation's groups in a cohort, with its ranks. Reads only
/// what one report needs: its groups' stored figures and its custom groups; its own latest
/// result in the cohort comes from `closed_rounds` (its closed rounds, as
/// [`super::report::closed_rounds_of`] reads them), never from the whole sector.
pub async fn for_organisation(
    db: &impl ConnectionTrait,
    round: &round::Model,
    organisation: &organisation::Model,
    closed_rounds: &[super::report::ClosedRound],
    dimension_count: usize,
    threshold: AnonymityThreshold,
) -> Result<Vec<GroupComparison>, StaffError> {
    let Some(organisation) = peer_organisation(db, organisation).await? else {
        return Ok(Vec::new());
    };
    let groups = peer_groups_of(&organisation);
    let keys: Vec<String> = groups.iter().map(PeerGroup::key).collect();
    let stored = stored_set(db, &round.model_version_id, round.year, Some(&keys)).await?;
    let entry = latest_entry(
        organisation.id,
        &round.model_version_id,
        round.year,
        closed_rounds,
    );
    Ok(groups
        .into_iter()
        .map(|group| {
            // A group never stored (no closed round yet in it) counts as hidden.
            let benchmark = stored
                .get(&group.key())
                .cloned()
                .unwrap_or_else(|| benchmark_group(group.clone(), &[], dimension_count, threshold));
            let (ranks, standings) = match (&benchmark, &entry) {
                (GroupBenchmark::Shown(figures), Some(entry)) => {
                    let p = position(figures, entry);
                    (Some((p.dimensions, p.overall)), p.dimension_standings)
                }
                _ => (None, Vec::new()),
            };
            GroupComparison {
                group,
                benchmark,
                ranks,
                standings,
            }
        })
        .collect())
}

/// An organisation with its peer-group attributes and custom groups, if it takes part
/// (see [`peer_organisations`]).
async fn peer_organisation(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
) -> Result<Option<PeerOrganisation>, StaffError> {
    use sea_orm::sea_query::Query;
    use sea_orm::QuerySelect;
    if !organisation.active {
        return Ok(None);
    }
    let custom_groups = peer_group::Entity::find()
        .select_only()
        .column(peer_group::Column::Id)
        .column(peer_group::Column::Name)
        .filter(
            peer_group::Column::Id.in_subquery(
                Query::select()
                    .column(peer_group_member::Column::PeerGroupId)
                    .from(peer_group_member::Entity)
                    .and_where(peer_group_member::Column::OrganisationId.eq(organisation.id))
                    .to_owned(),
            ),
        )
        .order_by_asc(peer_group::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Some(PeerOrganisation {
        id: organisation.id,
        population: i64::from(organisation.population),
        province: organisation.province.clone(),
        kind: organisation.kind.into(),
        custom_groups,
    }))
}

/// An organisation's entry in a cohort: its latest closed round with results in that model
/// version and year (as [`load_cohort`] picks it: by closing time, then id).
fn latest_entry(
    organisation_id: i32,
    model_id: &str,
    year: i32,
    closed_rounds: &[super::report::ClosedRound],
) -> Option<CohortEntry> {
    closed_rounds
        .iter()
        .filter(|c| c.round.model_version_id == model_id && c.round.year == year)
        .filter_map(|c| Some((&c.round, c.summary.as_ref()?)))
        .max_by_key(|(round, _)| (round.closed_at, round.id))
        .map(|(_, summary)| CohortEntry {
            organisation_id,
            dimension_means: summary.dimension_means.clone(),
            overall: summary.overall,
        })
}

/// Recomputes and replaces the stored benchmarks of every cohort, in one transaction.
///
/// Needed when organisations' attributes or custom peer groups change: incremental updates
/// assume they did not. Each cohort is computed with the dimension count of its own model
/// version from `dimension_counts`; a cohort of a version that is not loaded is left out.
pub async fn recompute_all(
    db: &sea_orm::DatabaseConnection,
    dimension_counts: &DimensionCounts,
    threshold: AnonymityThreshold,
) -> Result<(), StaffError> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    model_version::serialise_benchmark_writers(&txn, None).await?;
    benchmark::Entity::delete_many().exec(&txn).await?;
    let mut cohorts: Vec<(String, i32)> = round::Entity::find()
        .filter(round::is_closed())
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| (r.model_version_id, r.year))
        .collect();
    cohorts.sort();
    cohorts.dedup();
    let now = Utc::now();
    for (model_id, year) in cohorts {
        let cohort = load_cohort(&txn, &model_id, year).await?;
        let Some(set) = recompute_cohort(
            &model_id,
            dimension_counts,
            &cohort.organisations,
            &cohort.entries,
            threshold,
        ) else {
            tracing::error!(model = %model_id, year, "closed rounds refer to a model that is not loaded; their benchmarks are not recomputed");
            continue;
        };
        for (key, figures) in set {
            benchmark::Entity::insert(benchmark::ActiveModel {
                model_version_id: Set(model_id.clone()),
                year: Set(year),
                group_key: Set(key),
                figures: Set(stored::encode_for(&figures, "benchmarks.figures")?),
                computed_at: Set(now),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
