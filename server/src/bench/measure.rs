//! Measurements made inside the release binary on a seeded database: the full aggregation
//! with every benchmark, a round closing (its results and its groups' benchmarks), and a
//! 5,000-respondent round closing, with the memory it takes.

use std::time::Instant;

use app::db::{answer, organisation, round};
use app::server_context::ServerContext;
use app::staff::{benchmarks, rounds};
use quickscan_domain::DimensionCounts;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder, TransactionTrait};

use super::seed::seed_open_round;
use super::{memory_mb, reset_peak_memory, BenchError, Figure};

/// What to measure on.
#[derive(Debug, Clone, Copy)]
pub struct MeasurePlan {
    /// Respondents of the round whose close is measured as the everyday case.
    pub close_respondents: usize,
    /// Respondents of the large round whose close is measured with its memory.
    pub large_respondents: usize,
    /// Makes the added rounds deterministic.
    pub seed: u64,
}

fn millis(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// Runs every in-process measurement, printing each figure as it is made.
pub async fn measure_all(ctx: &ServerContext, plan: MeasurePlan) -> Result<(), BenchError> {
    let model = ctx.models.current();
    let answers = answer::Entity::find().count(&ctx.db).await?;
    let closed = round::Entity::find().count(&ctx.db).await?;

    let started = Instant::now();
    let with_results = rounds::recompute_all_results(ctx).await?;
    Figure::new(
        "full aggregation and every benchmark",
        millis(started),
        "ms",
        format!("{closed} rounds, {with_results} with results, {answers} answers"),
    )
    .print();

    let counts = DimensionCounts::of_models(ctx.models.all());
    let started = Instant::now();
    benchmarks::recompute_all(&ctx.db, &counts, ctx.anonymity_threshold).await?;
    Figure::new(
        "every peer-group benchmark recomputed",
        millis(started),
        "ms",
        "all cohorts",
    )
    .print();

    let organisations: Vec<organisation::Model> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&ctx.db)
        .await?;
    let [_, second, third, ..] = organisations.as_slice() else {
        return Err(BenchError::Setup(
            "the sector needs three organisations".to_owned(),
        ));
    };

    let everyday = seed_open_round(
        &ctx.db,
        model,
        &second.code,
        plan.close_respondents,
        plan.seed,
    )
    .await?;
    let started = Instant::now();
    rounds::close_and_aggregate(ctx, &everyday).await?;
    Figure::new(
        "closing a round (its results and its groups' benchmarks)",
        millis(started),
        "ms",
        format!("{} respondents", plan.close_respondents),
    )
    .print();
    let started = Instant::now();
    let txn = ctx.db.begin().await?;
    benchmarks::update_for_closed_round(
        &txn,
        &everyday,
        model.dimensions.len(),
        ctx.anonymity_threshold,
    )
    .await?;
    txn.commit().await?;
    Figure::new(
        "incremental benchmark recomputation after one round closes",
        millis(started),
        "ms",
        "the closing organisation's groups",
    )
    .print();

    let large = seed_open_round(
        &ctx.db,
        model,
        &third.code,
        plan.large_respondents,
        plan.seed + 1,
    )
    .await?;
    reset_peak_memory();
    let (before, _) = memory_mb();
    let started = Instant::now();
    rounds::close_and_aggregate(ctx, &large).await?;
    let elapsed = millis(started);
    let (_, peak) = memory_mb();
    Figure::new(
        "closing a large round",
        elapsed,
        "ms",
        format!("{} respondents", plan.large_respondents),
    )
    .print();
    Figure::new(
        "memory added while closing the large round",
        (peak - before).max(0.0),
        "MB",
        format!("{} respondents, peak over resident", plan.large_respondents),
    )
    .print();
    Ok(())
}
