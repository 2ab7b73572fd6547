//! The synthetic sector for benchmarks: organisations spread over the provinces, kinds and
//! size classes, rounds of submitted responses with realistic answers, written in bulk.
//!
//! Deterministic for a seed, so two runs measure the same data. It writes only into a
//! database without organisations, never beside real data.

use chrono::{DateTime, Datelike, Duration, Utc};
use quickscan_domain::{
    AnswerValue, MaturityLevel, MaturityModel, OrganisationKind, RespondentGroup, FLEMISH_PROVINCES,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use app::auth::service::{create_user, NewUser};
use app::auth::Role;
use app::db::{answer, invitation, organisation, response, round};

use super::BenchError;

/// The benchmark's staff accounts, all with [`BENCH_PASSWORD`]: the admin, and the
/// coordinator of the first organisation.
pub const BENCH_ADMIN: &str = "admin@quickscan.bench";
/// The first organisation's coordinator.
pub const BENCH_COORDINATOR: &str = "coordinator@quickscan.bench";
/// Their password.
pub const BENCH_PASSWORD: &str = "bench-password-2026";

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct SeedPlan {
    /// Organisations.
    pub organisations: usize,
    /// Closed rounds per organisation, one a year, the latest this year.
    pub rounds: usize,
    /// Respondents in each organisation's latest round.
    pub respondents: usize,
    /// Respondents in each earlier round.
    pub earlier_respondents: usize,
    /// Makes everything deterministic.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seeded {
    /// Organisations written.
    pub organisations: usize,
    /// Rounds written (closed; their results are computed by the full aggregation).
    pub rounds: usize,
    /// Submitted responses.
    pub responses: usize,
    /// Answers.
    pub answers: usize,
}

/// Rows per multi-row INSERT: below SQLite's 32,766 bound variables at five columns.
const ROWS_PER_INSERT: usize = 5_000;

/// Writes the sector into an empty database: the organisations, two staff accounts and
/// `plan.rounds` closed rounds per organisation (results not yet computed: that is what the
/// full aggregation measures).
pub async fn seed_sector(
    db: &DatabaseConnection,
    model: &MaturityModel,
    plan: SeedPlan,
) -> Result<Seeded, BenchError> {
    if organisation::Entity::find().count(db).await? > 0 {
        return Err(BenchError::NotEmpty);
    }
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let mut seeded = Seeded::default();
    let this_year = Utc::now().year();
    let txn = db.begin().await?;
    let mut organisation_ids = Vec::with_capacity(plan.organisations);
    for index in 0..plan.organisations {
        let details = synthetic_organisation(index, &mut rng);
        let inserted = organisation::ActiveModel {
            code: Set(details.code),
            name: Set(details.name),
            kind: Set(details.kind.into()),
            province: Set(details.province.to_owned()),
            population: Set(details.population),
            active: Set(true),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        organisation_ids.push(inserted.id);
    }
    txn.commit().await?;
    seeded.organisations = organisation_ids.len();
    for (role, email) in [
        (Role::Admin, BENCH_ADMIN),
        (Role::Coordinator, BENCH_COORDINATOR),
    ] {
        create_user(
            db,
            NewUser {
                email,
                display_name: email,
                password: BENCH_PASSWORD,
                role,
                organisation_id: (role == Role::Coordinator).then(|| organisation_ids[0]),
            },
        )
        .await
        .map_err(|e| BenchError::Setup(format!("bench account {email}: {e}")))?;
    }
    for (index, &organisation_id) in organisation_ids.iter().enumerate() {
        let profile = Profile::new(model, plan.seed ^ (index as u64).wrapping_mul(0x9E37_79B9));
        let txn = db.begin().await?;
        for turn in 0..plan.rounds {
            let years_ago = (plan.rounds - 1 - turn) as i32;
            let year = this_year - years_ago;
            let latest = turn + 1 == plan.rounds;
            let respondents = if latest {
                plan.respondents
            } else {
                plan.earlier_respondents
            };
            let opened = Utc::now() - Duration::days(60 + 365 * i64::from(years_ago));
            let round = round::ActiveModel {
                organisation_id: Set(organisation_id),
                model_version_id: Set(model.id.clone()),
                name: Set(format!("QuickScan {year}")),
                year: Set(year),
                status: Set(round::RoundStatus::Closed),
                opened_at: Set(opened),
                closed_at: Set(Some(opened + Duration::days(30))),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            // Each round a little further along: trends show progress, not only noise.
            let progress = 0.25 * turn as f64;
            let written = write_responses(
                &txn,
                model,
                round.id,
                opened,
                respondents,
                &profile.moved(progress),
                &mut rng,
            )
            .await?;
            seeded.rounds += 1;
            seeded.responses += written.0;
            seeded.answers += written.1;
        }
        txn.commit().await?;
    }
    Ok(seeded)
}

/// Brings PostgreSQL's planner statistics up to date after the bulk writes, as its
/// autovacuum does within minutes on a database in use: measured without them, PostgreSQL
/// plans each round's read as a scan of every answer. (SQLite keeps no statistics unless
/// asked, and the server never asks, so it is measured as it runs.)
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), BenchError> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}

/// Adds an open round of `respondents` submitted responses to the organisation with `code`
/// (the round a close is measured on). Returns the round.
pub async fn seed_open_round(
    db: &DatabaseConnection,
    model: &MaturityModel,
    organisation_code: &str,
    respondents: usize,
    seed: u64,
) -> Result<round::Model, BenchError> {
    let organisation = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(organisation_code))
        .one(db)
        .await?
        .ok_or_else(|| BenchError::Setup(format!("no organisation {organisation_code}")))?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let round = insert_open_round(
        &txn,
        organisation.id,
        model,
        format!("Bench {respondents}"),
        now,
    )
    .await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let profile = Profile::new(model, seed);
    write_responses(&txn, model, round.id, now, respondents, &profile, &mut rng).await?;
    txn.commit().await?;
    Ok(round)
}

/// An open round of the organisation, named `name`, opened `now`.
async fn insert_open_round(
    txn: &impl ConnectionTrait,
    organisation_id: i32,
    model: &MaturityModel,
    name: String,
    now: DateTime<Utc>,
) -> Result<round::Model, BenchError> {
    Ok(round::ActiveModel {
        organisation_id: Set(organisation_id),
        model_version_id: Set(model.id.clone()),
        name: Set(name),
        year: Set(now.year()),
        status: Set(round::RoundStatus::Open),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// An open round of the first organisation with `count` personal invitations nobody has
/// answered yet, and their raw tokens, for the load run's answer saves. Only a benchmark
/// makes tokens this way: they are fake respondents on a synthetic database.
pub async fn seed_invitations(
    db: &DatabaseConnection,
    model: &MaturityModel,
    count: usize,
) -> Result<Vec<String>, BenchError> {
    let first = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| BenchError::Setup("no organisation".to_owned()))?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let round = insert_open_round(&txn, first.id, model, "Bench answers".to_owned(), now).await?;
    let tokens: Vec<String> = (0..count).map(|_| invitation::new_token()).collect();
    for chunk in tokens.chunks(ROWS_PER_INSERT) {
        invitation::Entity::insert_many(chunk.iter().map(|token| invitation::ActiveModel {
            round_id: Set(round.id),
            token_hash: Set(invitation::hash_token(token)),
            respondent_group: Set(None),
            created_at: Set(now),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(tokens)
}

/// Writes `respondents` submitted responses to a round; returns (responses, answers).
async fn write_responses(
    txn: &impl ConnectionTrait,
    model: &MaturityModel,
    round_id: i32,
    opened: DateTime<Utc>,
    respondents: usize,
    profile: &Profile,
    rng: &mut StdRng,
) -> Result<(usize, usize), BenchError> {
    let groups: Vec<Option<RespondentGroup>> =
        (0..respondents).map(|_| synthetic_group(rng)).collect();
    for chunk in groups.chunks(ROWS_PER_INSERT) {
        invitation::Entity::insert_many(chunk.iter().map(|group| invitation::ActiveModel {
            round_id: Set(round_id),
            // A hash of nothing anyone holds: these respondents never open a link.
            token_hash: Set(invitation::hash_token(&invitation::new_token())),
            respondent_group: Set(group.map(|g| g.code().to_owned())),
            created_at: Set(opened),
            ..Default::default()
        }))
        .exec_without_returning(txn)
        .await?;
    }
    let invitation_ids: Vec<i32> = invitation::Entity::find()
        .select_only()
        .column(invitation::Column::Id)
        .filter(invitation::Column::RoundId.eq(round_id))
        .order_by_asc(invitation::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let submitted = opened + Duration::days(3);
    let steps = i32::try_from(model.dimensions.len()).unwrap_or(1);
    for chunk in invitation_ids.chunks(ROWS_PER_INSERT) {
        response::Entity::insert_many(chunk.iter().map(|&invitation_id| response::ActiveModel {
            invitation_id: Set(invitation_id),
            model_version_id: Set(model.id.clone()),
            current_step: Set(steps),
            started_at: Set(opened),
            updated_at: Set(submitted),
            submitted_at: Set(Some(submitted)),
            ..Default::default()
        }))
        .exec_without_returning(txn)
        .await?;
    }
    let response_ids: Vec<i32> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .filter(response::Column::InvitationId.is_in(invitation_ids.iter().copied()))
        .order_by_asc(response::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut answers = Vec::with_capacity(ROWS_PER_INSERT);
    let mut written = 0;
    for &response_id in &response_ids {
        let respondent = profile.respondent(rng);
        for (index, dimension) in model.dimensions.iter().enumerate() {
            for statement in &dimension.statements {
                let Some(value) = respondent.answer(rng, index) else {
                    continue;
                };
                answers.push(answer::ActiveModel {
                    response_id: Set(response_id),
                    statement_id: Set(statement.id.clone()),
                    value: Set(value.code().to_owned()),
                    answered_at: Set(submitted),
                    ..Default::default()
                });
                if answers.len() == ROWS_PER_INSERT {
                    written += answers.len();
                    answer::Entity::insert_many(std::mem::take(&mut answers))
                        .exec_without_returning(txn)
                        .await?;
                }
            }
        }
    }
    if !answers.is_empty() {
        written += answers.len();
        answer::Entity::insert_many(answers)
            .exec_without_returning(txn)
            .await?;
    }
    Ok((response_ids.len(), written))
}

/// An organisation as generated.
struct SyntheticOrganisation {
    code: String,
    name: String,
    kind: OrganisationKind,
    province: &'static str,
    population: i32,
}

/// The `index`-th organisation: provinces in turn, mostly municipalities and cities (as in
/// Flanders), a few welfare centres and agencies, populations from 2,000 to 500,000 spread
/// over every size class (log-uniform).
fn synthetic_organisation(index: usize, rng: &mut StdRng) -> SyntheticOrganisation {
    let province = FLEMISH_PROVINCES[index % FLEMISH_PROVINCES.len()];
    let kind = match rng.random_range(0..20) {
        0 => OrganisationKind::WelfareCentre,
        1 => OrganisationKind::Agency,
        2..=6 => OrganisationKind::City,
        _ => OrganisationKind::Municipality,
    };
    let population = 2_000f64 * 250f64.powf(rng.random_range(0.0..1.0));
    SyntheticOrganisation {
        // Five digits, unique, never a real NIS code (those start 1–7).
        code: format!("9{index:04}"),
        name: format!("Bestuur {:03} ({province})", index + 1),
        kind,
        province,
        population: population as i32,
    }
}

/// About one respondent in five is a mandatary, three in ten management, the rest staff; a
/// few did not say.
fn synthetic_group(rng: &mut StdRng) -> Option<RespondentGroup> {
    match rng.random_range(0..20) {
        0..=3 => Some(RespondentGroup::Mandatary),
        4..=9 => Some(RespondentGroup::Management),
        10..=18 => Some(RespondentGroup::Staff),
        _ => None,
    }
}

/// An organisation's maturity per dimension, around which its respondents answer.
#[derive(Clone)]
struct Profile {
    levels: Vec<f64>,
    /// Per dimension the chance of "don't know": most practices are known, one now and then
    /// is not (a reporting channel nobody has heard of).
    dont_know: Vec<f64>,
}

impl Profile {
    fn new(model: &MaturityModel, seed: u64) -> Profile {
        let mut rng = StdRng::seed_from_u64(seed);
        let base: f64 = rng.random_range(0.6..3.0);
        let levels = model
            .dimensions
            .iter()
            .map(|_| (base + rng.random_range(-0.8..0.8)).clamp(0.2, 3.8))
            .collect();
        let dont_know = model
            .dimensions
            .iter()
            .map(|_| {
                if rng.random_range(0..12) == 0 {
                    0.55
                } else {
                    0.05
                }
            })
            .collect();
        Profile { levels, dont_know }
    }

    fn moved(&self, progress: f64) -> Profile {
        Profile {
            levels: self
                .levels
                .iter()
                .map(|l| (l + progress).min(3.9))
                .collect(),
            dont_know: self.dont_know.clone(),
        }
    }

    /// One respondent: their own view of each dimension (people differ by about half a
    /// level), and whether they answer everything.
    fn respondent(&self, rng: &mut StdRng) -> Respondent {
        let leaning = rng.random_range(-0.5..0.5);
        Respondent {
            levels: self
                .levels
                .iter()
                .map(|l| l + leaning + rng.random_range(-0.4..0.4))
                .collect(),
            dont_know: self.dont_know.clone(),
            // One respondent in ten leaves some statements open.
            skips: if rng.random_range(0..10) == 0 {
                0.2
            } else {
                0.0
            },
        }
    }
}

struct Respondent {
    levels: Vec<f64>,
    dont_know: Vec<f64>,
    skips: f64,
}

impl Respondent {
    /// One answer to a statement of the `dimension`-th dimension, or none (left open).
    fn answer(&self, rng: &mut StdRng, dimension: usize) -> Option<AnswerValue> {
        if rng.random_bool(self.skips) {
            return None;
        }
        if rng.random_bool(self.dont_know[dimension]) {
            return Some(AnswerValue::DontKnow);
        }
        if rng.random_range(0..40) == 0 {
            return Some(AnswerValue::NotApplicable);
        }
        let value = (self.levels[dimension] + rng.random_range(-0.9..0.9))
            .round()
            .clamp(0.0, 4.0) as u8;
        Some(AnswerValue::Level(
            MaturityLevel::from_number(value).unwrap_or(MaturityLevel::Absent),
        ))
    }
}
