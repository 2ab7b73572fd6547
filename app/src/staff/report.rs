//! Building a round's report: the stored figures of a round closed with at least the
//! respondent threshold (participation counts only for any other round), the charts, the
//! advice, benchmarks and the trend.

use std::collections::HashMap;

use chrono::Utc;
use quickscan_charts::{bar_chart_with, radar_chart, BarOptions, BarRow, Series};
use quickscan_domain::{
    score_respondent, AnswerValue, Lang, MaturityModel, OrganisationAggregate, RespondentGroup,
    RespondentInput, ResultSummary,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::drawn_charts::drawn;
use super::rounds::readable_round;
use super::stored;
use super::view::{ReportDimension, ReportView};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{answer, invitation, response, round, round_result, round_summary};
use crate::server_context::ServerContext;

/// The submitted responses of a round, scored (in response order).
///
/// The database hands each response over as one row, its answers joined into one text
/// (`policy-1=3,policy-2=dont_know,…`): a round of thousands is thousands of rows rather than
/// a row per answer, and no more than a response's answers is ever held as objects. Statement
/// ids and answer codes hold neither `=` nor `,` (the model and the answer codes say so).
pub async fn round_inputs(
    db: &impl ConnectionTrait,
    model: &MaturityModel,
    round_id: i32,
) -> Result<Vec<RespondentInput>, StaffError> {
    use sea_orm::sea_query::{Expr, Query};
    use sea_orm::ExprTrait;
    let joined = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            r#"string_agg("answers"."statement_id" || '=' || "answers"."value", ',')"#
        }
        _ => r#"group_concat("answers"."statement_id" || '=' || "answers"."value", ',')"#,
    };
    let query = Query::select()
        .column((response::Entity, response::Column::Id))
        .column((invitation::Entity, invitation::Column::RespondentGroup))
        .expr(Expr::cust(joined))
        .from(response::Entity)
        .inner_join(
            invitation::Entity,
            Expr::col((invitation::Entity, invitation::Column::Id))
                .equals((response::Entity, response::Column::InvitationId)),
        )
        .left_join(
            answer::Entity,
            Expr::col((answer::Entity, answer::Column::ResponseId))
                .equals((response::Entity, response::Column::Id)),
        )
        .and_where(Expr::col((invitation::Entity, invitation::Column::RoundId)).eq(round_id))
        .and_where(Expr::col((response::Entity, response::Column::SubmittedAt)).is_not_null())
        .group_by_col((response::Entity, response::Column::Id))
        .group_by_col((invitation::Entity, invitation::Column::RespondentGroup))
        .order_by(
            (response::Entity, response::Column::Id),
            sea_orm::Order::Asc,
        )
        .to_owned();
    let mut answers: HashMap<String, AnswerValue> = HashMap::new();
    db.query_all(&query)
        .await?
        .iter()
        .map(|row| {
            let group: Option<String> = row.try_get_by_index(1)?;
            let joined: Option<String> = row.try_get_by_index(2)?;
            answers.clear();
            for pair in joined.as_deref().unwrap_or_default().split(',') {
                if let Some((statement, value)) = pair.split_once('=') {
                    if let Ok(value) = AnswerValue::parse(value) {
                        answers.insert(statement.to_owned(), value);
                    }
                }
            }
            Ok(RespondentInput {
                group: group.as_deref().and_then(RespondentGroup::from_code),
                scores: score_respondent(model, &answers),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(StaffError::from)
}

pub(super) fn model_for<'a>(
    ctx: &'a ServerContext,
    round: &round::Model,
) -> Result<&'a MaturityModel, StaffError> {
    ctx.models.get(&round.model_version_id).ok_or_else(|| {
        tracing::error!(model = %round.model_version_id, "round refers to a model that is not loaded");
        StaffError::Storage
    })
}

/// The report of a round. Only a round closed with at least the respondent threshold has
/// results (stored when it closed); for any other round the report carries participation
/// counts only, so no figure reaches the page or the server function's payload.
pub async fn report(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
    lang: Lang,
) -> Result<ReportView, StaffError> {
    let (round, organisation) = readable_round(&ctx.db, &user, round_id).await?;
    let model = model_for(ctx, &round)?;
    // An open round shows participation only: its report reads no stored summary.
    let closed_rounds = if round.is_open() {
        Vec::new()
    } else {
        closed_rounds_of(&ctx.db, round.organisation_id).await?
    };
    let has_results = closed_rounds
        .iter()
        .any(|c| c.round.id == round.id && c.summary.is_some());
    let counts = super::dashboard::progress(&ctx.db, &[round.id]).await?;
    let summary = super::dashboard::summary(
        &round,
        counts.get(&round.id),
        has_results,
        ctx.min_respondents,
    );
    let aggregate = if has_results {
        published_results(&ctx.db, &round, ctx.min_respondents).await?
    } else {
        None
    };
    let can_manage = user.may(Action::ManageRounds, Some(round.organisation_id)) && round.is_open();
    let Some(aggregate) = aggregate else {
        return Ok(ReportView {
            benchmarks: Vec::new(),
            rank_sentences: Vec::new(),
            trend: Vec::new(),
            trend_svg: None,
            trend_without_results: Vec::new(),
            pillars: Vec::new(),
            follow_up: None,
            can_manage,
            user,
            organisation: organisation.name,
            round: summary,
            model_title: model.title.clone(),
            aggregate: None,
            dimensions: model
                .dimensions
                .iter()
                .map(|dimension| ReportDimension {
                    id: dimension.id.clone(),
                    name: dimension.name.clone(),
                    advice: None,
                    statements: dimension.statements.clone(),
                    make_known: dimension.make_known.clone(),
                })
                .collect(),
            radar_svg: None,
            bar_svg: None,
        });
    };
    let dimensions: Vec<ReportDimension> = model
        .dimensions
        .iter()
        .zip(&aggregate.dimensions)
        .map(|(dimension, figures)| ReportDimension {
            id: dimension.id.clone(),
            name: dimension.name.clone(),
            advice: figures
                .level()
                .map(|level| dimension.advice_for(level).clone()),
            statements: dimension.statements.clone(),
            make_known: dimension.make_known.clone(),
        })
        .collect();
    let comparisons = super::benchmarks::for_organisation(
        &ctx.db,
        &round,
        &organisation,
        &closed_rounds,
        model.dimensions.len(),
        ctx.anonymity_threshold,
    )
    .await?;
    let peers = peer_overlay(&comparisons);
    let (radar_svg, bar_svg) = charts(model, &aggregate, lang, &organisation.name, peers.as_ref())?;
    let rank_sentences = rank_sentences(&comparisons, model.dimensions.len(), lang);
    let benchmarks = comparisons
        .iter()
        .map(|c| benchmark_row(c, lang, ctx.anonymity_threshold))
        .collect();
    let (trend, trend_without_results) = trend(&round, &closed_rounds);
    let trend_svg = trend_chart(model, &trend, lang)?;
    let follow_up = super::plans::follow_up(ctx, &round, model, &aggregate, &closed_rounds).await?;
    Ok(ReportView {
        follow_up,
        pillars: quickscan_domain::pillar_balance(model, &aggregate),
        benchmarks,
        rank_sentences,
        trend,
        trend_svg,
        trend_without_results,
        can_manage,
        user,
        organisation: organisation.name,
        round: summary,
        model_title: model.title.clone(),
        aggregate: Some(aggregate),
        dimensions,
        radar_svg: Some(radar_svg),
        bar_svg: Some(bar_svg),
    })
}

/// A round's results as they may be published: only for a closed round whose stored result
/// rests on at least `threshold` respondents (start-up removes any that do not; this is the
/// last check before a figure leaves the server).
pub async fn published_results(
    db: &impl ConnectionTrait,
    round: &round::Model,
    threshold: quickscan_domain::AnonymityThreshold,
) -> Result<Option<OrganisationAggregate>, StaffError> {
    if round.is_open() {
        return Ok(None);
    }
    let Some(stored) = round_result::Entity::find_by_id(round.id).one(db).await? else {
        return Ok(None);
    };
    let aggregate: OrganisationAggregate =
        stored::decode_for(&stored.aggregate, "round_results.aggregate", &round.id)?;
    Ok((aggregate.respondents >= threshold.get()).then_some(aggregate))
}

/// The "all organisations" group's figures, drawn on the charts, when that group is shown.
struct PeerOverlay {
    quartiles: Vec<Option<(f64, f64, f64)>>,
}

fn quartiles(distribution: &Option<quickscan_domain::Distribution>) -> Option<(f64, f64, f64)> {
    distribution.as_ref().map(|d| (d.q1, d.median, d.q3))
}

fn peer_overlay(comparisons: &[super::benchmarks::GroupComparison]) -> Option<PeerOverlay> {
    comparisons
        .iter()
        .find_map(|c| match (&c.group, &c.benchmark) {
            (
                quickscan_domain::PeerGroup::All,
                quickscan_domain::GroupBenchmark::Shown(figures),
            ) => Some(PeerOverlay {
                quartiles: figures.dimensions.iter().map(quartiles).collect(),
            }),
            _ => None,
        })
}

fn benchmark_row(
    comparison: &super::benchmarks::GroupComparison,
    lang: Lang,
    threshold: quickscan_domain::AnonymityThreshold,
) -> super::view::BenchmarkRow {
    use quickscan_domain::GroupBenchmark;
    let label = comparison.group.label(lang);
    match &comparison.benchmark {
        GroupBenchmark::Shown(figures) => {
            let (ranks, overall_rank) = comparison.ranks.clone().unwrap_or_default();
            super::view::BenchmarkRow {
                label,
                shown: Some(super::view::ShownBenchmark {
                    organisations: figures.organisations,
                    dimensions: figures.dimensions.iter().map(quartiles).collect(),
                    overall: quartiles(&figures.overall),
                    ranks,
                    overall_rank,
                }),
                hidden_reason: None,
            }
        }
        hidden => super::view::BenchmarkRow {
            label,
            shown: None,
            hidden_reason: hidden.hidden_reason(lang, threshold),
        },
    }
}

/// Per dimension a rank sentence against the most specific shown group: size, then all.
fn rank_sentences(
    comparisons: &[super::benchmarks::GroupComparison],
    dimension_count: usize,
    lang: Lang,
) -> Vec<Option<String>> {
    use quickscan_domain::PeerGroup;
    let preferred = |c: &&super::benchmarks::GroupComparison| match c.group {
        PeerGroup::Size(_) => 0,
        PeerGroup::All => 1,
        _ => 2,
    };
    let mut ordered: Vec<&super::benchmarks::GroupComparison> =
        comparisons.iter().filter(|c| c.ranks.is_some()).collect();
    ordered.sort_by_key(preferred);
    (0..dimension_count)
        .map(|index| {
            ordered.iter().find_map(|c| {
                let standing = c.standings.get(index).copied().flatten()?;
                Some(quickscan_domain::rank_sentence(lang, standing, &c.group))
            })
        })
        .collect()
}

/// The stored summaries (respondents and published means) of those of `round_ids` that have
/// results, by round id: what cohorts and the comparison read for many rounds at once.
pub async fn stored_summaries(
    db: &impl ConnectionTrait,
    round_ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, ResultSummary>, StaffError> {
    round_summary::Entity::find()
        .filter(round_summary::Column::RoundId.is_in(round_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let summary =
                stored::decode_for(&row.summary, "round_summaries.summary", &row.round_id)?;
            Ok((row.round_id, summary))
        })
        .collect()
}

/// A closed round with its stored summary, when it has results.
pub struct ClosedRound {
    /// The round.
    pub round: round::Model,
    /// Its summary (respondents and published means), when it closed with results.
    pub summary: Option<ResultSummary>,
}

/// An organisation's closed rounds of every model, in closing order (then id), with their
/// summaries: what a report's status, trend, ranks and plan follow-up read, in one query.
pub async fn closed_rounds_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<ClosedRound>, StaffError> {
    use sea_orm::sea_query::{Expr, Query};
    use sea_orm::{ExprTrait, FromQueryResult, Iterable};
    let query = Query::select()
        .columns(round::Column::iter().map(|c| (round::Entity, c)))
        .column((round_summary::Entity, round_summary::Column::Summary))
        .from(round::Entity)
        .left_join(
            round_summary::Entity,
            Expr::col((round_summary::Entity, round_summary::Column::RoundId))
                .equals((round::Entity, round::Column::Id)),
        )
        .and_where(Expr::col((round::Entity, round::Column::OrganisationId)).eq(organisation_id))
        .and_where(round::is_closed())
        .order_by(
            (round::Entity, round::Column::ClosedAt),
            sea_orm::Order::Asc,
        )
        .order_by((round::Entity, round::Column::Id), sea_orm::Order::Asc)
        .to_owned();
    db.query_all(&query)
        .await?
        .iter()
        .map(|row| {
            let round = round::Model::from_query_result(row, "")?;
            let summary = row
                .try_get::<Option<String>>("", "summary")?
                .map(|text| stored::decode_for(&text, "round_summaries.summary", &round.id))
                .transpose()?;
            Ok(ClosedRound { round, summary })
        })
        .collect()
}

/// The organisation's closed rounds of the same model, oldest first, up to this one: those
/// with results as trend points, and the names of those closed without results.
fn trend(
    round: &round::Model,
    closed_rounds: &[ClosedRound],
) -> (Vec<super::view::TrendRound>, Vec<String>) {
    let until = round.closed_at.unwrap_or_else(Utc::now);
    let mut rounds: Vec<&ClosedRound> = closed_rounds
        .iter()
        .filter(|c| c.round.model_version_id == round.model_version_id)
        .filter(|c| c.round.closed_at <= Some(until))
        .collect();
    rounds.sort_by_key(|c| (c.round.year, c.round.closed_at));
    let mut points = Vec::new();
    let mut without = Vec::new();
    for closed in rounds {
        let label = format!("{} ({})", closed.round.name, closed.round.year);
        match &closed.summary {
            Some(summary) => points.push(super::view::TrendRound {
                label,
                dimensions: summary.dimension_means.clone(),
                overall: summary.overall,
            }),
            None => without.push(label),
        }
    }
    (points, without)
}

fn trend_chart(
    model: &MaturityModel,
    trend: &[super::view::TrendRound],
    lang: Lang,
) -> Result<Option<String>, StaffError> {
    if trend.len() < 2 {
        return Ok(None);
    }
    let texts = &lang.texts().report;
    let (title, description) = (texts.trend_chart_title, texts.trend_chart_description);
    let labels: Vec<String> = trend.iter().map(|t| t.label.clone()).collect();
    let series: Vec<Series> = model
        .dimensions
        .iter()
        .enumerate()
        .map(|(index, dimension)| Series {
            label: dimension.name.get(lang).to_owned(),
            values: trend
                .iter()
                .map(|t| t.dimensions.get(index).copied().flatten())
                .collect(),
        })
        .collect();
    drawn(
        format!("line {title:?} {description:?} {labels:?} {series:?}"),
        || quickscan_charts::line_chart(title, description, &labels, &series),
    )
    .map(Some)
    .map_err(|error| {
        tracing::error!(%error, "trend chart failed");
        StaffError::Storage
    })
}

fn charts(
    model: &MaturityModel,
    aggregate: &OrganisationAggregate,
    lang: Lang,
    organisation: &str,
    peers: Option<&PeerOverlay>,
) -> Result<(String, String), StaffError> {
    let names: Vec<String> = model
        .dimensions
        .iter()
        .map(|d| d.name.get(lang).to_owned())
        .collect();
    let means: Vec<Option<f64>> = aggregate.dimensions.iter().map(|d| d.mean).collect();
    let texts = &lang.texts().report;
    let (radar_title, bar_title, description) = (
        texts.radar_chart_title,
        texts.bar_chart_title,
        (texts.maturity_chart_description)(organisation),
    );
    let chart_error = |error: quickscan_charts::ChartError| {
        tracing::error!(%error, "chart rendering failed");
        StaffError::Storage
    };
    let peer_label = texts.peer_median_series;
    let mut series = vec![Series {
        label: organisation.to_owned(),
        values: means.clone(),
    }];
    if let Some(peers) = peers {
        series.push(Series {
            label: peer_label.to_owned(),
            values: peers.quartiles.iter().map(|q| q.map(|q| q.1)).collect(),
        });
    }
    let radar = drawn(
        format!("radar {radar_title:?} {description:?} {names:?} {series:?}"),
        || radar_chart(radar_title, &description, &names, &series),
    )
    .map_err(chart_error)?;
    let rows: Vec<BarRow> = names
        .iter()
        .zip(&aggregate.dimensions)
        .enumerate()
        .map(|(index, (name, figures))| {
            let peer = peers.and_then(|p| p.quartiles.get(index).copied().flatten());
            BarRow {
                label: name.clone(),
                value: figures.mean,
                band: peer.map(|q| (q.0, q.2)),
                marker: peer.map(|q| q.1),
            }
        })
        .collect();
    let (value_legend, band_legend, marker_legend) = (
        texts.bar_value_legend,
        texts.bar_band_legend,
        texts.bar_marker_legend,
    );
    let options = BarOptions {
        value_legend: value_legend.to_owned(),
        band_legend: band_legend.to_owned(),
        marker_legend: marker_legend.to_owned(),
        decimal_comma: lang.texts().common.decimal_comma,
    };
    let bar = drawn(
        format!("bar {bar_title:?} {description:?} {rows:?} {options:?}"),
        || bar_chart_with(bar_title, &description, &rows, &options),
    )
    .map_err(chart_error)?;
    Ok((radar, bar))
}

/// The comments of a round's submitted responses, (dimension id, comment), only when the
/// round has published results (closed with at least `threshold` respondents): per
/// dimension in model order, and within a dimension in random order, without group or date,
/// so that neither order nor position links comments to each other or to a person.
pub async fn round_comments(
    db: &impl ConnectionTrait,
    model: &MaturityModel,
    round: &round::Model,
    threshold: quickscan_domain::AnonymityThreshold,
) -> Result<Vec<(String, String)>, StaffError> {
    use crate::db::dimension_comment;
    use rand::seq::SliceRandom;
    if published_results(db, round, threshold).await?.is_none() {
        return Ok(Vec::new());
    }
    let invitations: Vec<i32> = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let responses: Vec<i32> = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations))
        .filter(response::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut comments: Vec<(String, String)> = dimension_comment::Entity::find()
        .filter(dimension_comment::Column::ResponseId.is_in(responses))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.dimension_id, c.comment))
        .collect();
    comments.shuffle(&mut rand::rng());
    let position = |id: &str| {
        model
            .dimensions
            .iter()
            .position(|d| d.id == id)
            .unwrap_or(usize::MAX)
    };
    // A stable sort keeps the shuffled order within each dimension.
    comments.sort_by_key(|c| position(&c.0));
    Ok(comments)
}

/// The model a round answers, for callers outside this module.
pub fn round_model<'a>(
    ctx: &'a ServerContext,
    round: &round::Model,
) -> Result<&'a MaturityModel, StaffError> {
    model_for(ctx, round)
}
