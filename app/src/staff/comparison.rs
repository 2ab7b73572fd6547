//! The association's view: every readable organisation's latest closed round, side by side.

use std::collections::HashMap;

use quickscan_domain::{Lang, ResultSummary};
use sea_orm::{EntityTrait, QueryOrder};

use super::view::{ComparisonFilter, ComparisonRow, ComparisonView, SectorDimension};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{organisation, round, round_summary};
use crate::server_context::ServerContext;

/// The comparison table, filtered and sorted as asked.
pub async fn comparison(
    ctx: &ServerContext,
    user: StaffUser,
    filter: ComparisonFilter,
    lang: Lang,
) -> Result<ComparisonView, StaffError> {
    if !user.may(Action::CompareOrganisations, None) {
        return Err(StaffError::Forbidden);
    }
    let model = ctx.models.current();
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(&ctx.db)
        .await?;
    let latest = latest_results(&ctx.db, &model.id).await?;
    let mut rows: Vec<ComparisonRow> = organisations
        .into_iter()
        .filter(|o| user.may(Action::ReadOrganisation, Some(o.id)))
        .filter(|o| filter.matches(&o.province, o.kind().code(), i64::from(o.population)))
        .filter_map(|o| {
            let (round, summary) = latest.get(&o.id)?;
            Some(ComparisonRow {
                organisation_id: o.id,
                name: o.name,
                code: o.code,
                province: o.province,
                kind: o.kind.into(),
                population: o.population,
                round_id: round.id,
                round: round.name.clone(),
                year: round.year,
                respondents: summary.respondents,
                overall: summary.overall,
                dimensions: summary.dimension_means.clone(),
            })
        })
        .collect();
    filter.sort(&mut rows);
    let dimension_names: Vec<String> = model
        .dimensions
        .iter()
        .map(|d| d.name.get(lang).to_owned())
        .collect();
    let sector: Vec<SectorDimension> = dimension_names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|r| r.dimensions.get(index).copied().flatten())
                .collect();
            SectorDimension::from_values(name.clone(), &values)
        })
        .collect();
    let overall_values: Vec<f64> = rows.iter().filter_map(|r| r.overall).collect();
    let sector_overall =
        SectorDimension::from_values(lang.texts().compare.overall.to_owned(), &overall_values);
    let distribution_svg = distribution_chart(&sector, lang)?;
    Ok(ComparisonView {
        sector_overall,
        distribution_svg,
        user,
        filter,
        dimension_names,
        rows,
        sector,
        provinces: crate::staff::view::PROVINCES
            .iter()
            .map(|p| (*p).to_owned())
            .collect(),
    })
}

/// The round an organisation is compared by: its latest closed round with results.
struct LatestRound {
    id: i32,
    name: String,
    year: i32,
}

/// Per organisation its latest closed round of `model_id` with results, and that round's
/// summary. One query over the closed rounds that have a summary, in closing order; only the
/// summaries that are shown are decoded.
async fn latest_results(
    db: &impl sea_orm::ConnectionTrait,
    model_id: &str,
) -> Result<HashMap<i32, (LatestRound, ResultSummary)>, StaffError> {
    use sea_orm::sea_query::{Expr, Query};
    use sea_orm::ExprTrait;
    let query = Query::select()
        .column((round::Entity, round::Column::OrganisationId))
        .column((round::Entity, round::Column::Id))
        .column((round::Entity, round::Column::Name))
        .column((round::Entity, round::Column::Year))
        .column((round_summary::Entity, round_summary::Column::Summary))
        .from(round::Entity)
        .inner_join(
            round_summary::Entity,
            Expr::col((round_summary::Entity, round_summary::Column::RoundId))
                .equals((round::Entity, round::Column::Id)),
        )
        .and_where(Expr::col((round::Entity, round::Column::ModelVersionId)).eq(model_id))
        .and_where(round::is_closed())
        .order_by(
            (round::Entity, round::Column::ClosedAt),
            sea_orm::Order::Asc,
        )
        .order_by((round::Entity, round::Column::Id), sea_orm::Order::Asc)
        .to_owned();
    // Later rows overwrite earlier ones: the latest round per organisation.
    let mut latest: HashMap<i32, (LatestRound, String)> = HashMap::new();
    for row in db.query_all(&query).await? {
        let organisation_id: i32 = row.try_get_by_index(0)?;
        let round = LatestRound {
            id: row.try_get_by_index(1)?,
            name: row.try_get_by_index(2)?,
            year: row.try_get_by_index(3)?,
        };
        latest.insert(organisation_id, (round, row.try_get_by_index(4)?));
    }
    latest
        .into_iter()
        .map(|(organisation_id, (round, text))| {
            let summary = super::stored::decode_for(&text, "round_summaries.summary", &round.id)?;
            Ok((organisation_id, (round, summary)))
        })
        .collect()
}

/// A bar per dimension: the sector mean, the band between the quartiles, the median.
fn distribution_chart(sector: &[SectorDimension], lang: Lang) -> Result<String, StaffError> {
    let texts = &lang.texts().compare;
    let (title, description, value, band, marker) = (
        texts.distribution_chart_title,
        texts.distribution_chart_description,
        texts.distribution_value_legend,
        texts.distribution_band_legend,
        texts.distribution_marker_legend,
    );
    let rows: Vec<quickscan_charts::BarRow> = sector
        .iter()
        .map(|d| quickscan_charts::BarRow {
            label: d.name.clone(),
            value: d.mean,
            band: d.quartiles.map(|q| (q.1, q.3)),
            marker: d.quartiles.map(|q| q.2),
        })
        .collect();
    let options = quickscan_charts::BarOptions {
        value_legend: value.to_owned(),
        band_legend: band.to_owned(),
        marker_legend: marker.to_owned(),
        decimal_comma: lang.texts().common.decimal_comma,
    };
    super::drawn_charts::drawn(
        format!("bar {title:?} {description:?} {rows:?} {options:?}"),
        || quickscan_charts::bar_chart_with(title, description, &rows, &options),
    )
    .map_err(|error| {
        tracing::error!(%error, "distribution chart failed");
        StaffError::Storage
    })
}
