//! The association's view: every readable organisation's latest closed round, side by side.

use std::collections::HashMap;

use quickscan_domain::{Lang, ResultSummary};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::view::{ComparisonFilter, ComparisonRow, ComparisonView, SectorDimension};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{organisation, round};
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
    let closed_rounds = round::Entity::find()
        .filter(round::is_closed())
        .filter(round::Column::ModelVersionId.eq(model.id.clone()))
        .order_by_asc(round::Column::ClosedAt)
        .all(&ctx.db)
        .await?;
    // The latest round with results per organisation (later rows overwrite earlier ones);
    // a round closed without results has nothing to compare.
    let results: HashMap<i32, ResultSummary> =
        super::report::stored_summaries(&ctx.db, closed_rounds.iter().map(|r| r.id)).await?;
    let latest: HashMap<i32, round::Model> = closed_rounds
        .into_iter()
        .filter(|r| results.contains_key(&r.id))
        .map(|r| (r.organisation_id, r))
        .collect();
    let mut rows: Vec<ComparisonRow> = organisations
        .into_iter()
        .filter(|o| user.may(Action::ReadOrganisation, Some(o.id)))
        .filter(|o| filter.matches(&o.province, o.kind().code(), i64::from(o.population)))
        .filter_map(|o| {
            let round = latest.get(&o.id)?;
            let summary = results.get(&round.id)?;
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
    quickscan_charts::bar_chart_with(title, description, &rows, &options).map_err(|error| {
        tracing::error!(%error, "distribution chart failed");
        StaffError::Storage
    })
}
