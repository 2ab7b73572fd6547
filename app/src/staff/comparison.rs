//! The association's view: every readable organisation's latest closed round, side by side.

use std::collections::HashMap;

use quickscan_domain::{Lang, OrganisationAggregate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::view::{ComparisonFilter, ComparisonRow, ComparisonView, SectorDimension};
use super::StaffError;
use crate::auth::{Role, StaffUser};
use crate::db::{organisation, round};
use crate::server_context::ServerContext;

/// Whether a user may open the comparison at all (coordinators see only their own report).
pub fn may_compare(user: &StaffUser) -> bool {
    matches!(user.role, Role::Admin | Role::Advisor)
}

/// The comparison table, filtered and sorted as asked.
pub async fn comparison(
    ctx: &ServerContext,
    user: StaffUser,
    filter: ComparisonFilter,
    lang: Lang,
) -> Result<ComparisonView, StaffError> {
    if !may_compare(&user) {
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
    // The latest closed round per organisation (later rows overwrite earlier ones).
    let latest: HashMap<i32, round::Model> = closed_rounds
        .into_iter()
        .map(|r| (r.organisation_id, r))
        .collect();
    let results: HashMap<i32, OrganisationAggregate> =
        super::report::stored_aggregates(&ctx.db, latest.values().map(|r| r.id)).await?;
    let mut rows: Vec<ComparisonRow> = organisations
        .into_iter()
        .filter(|o| user.can_read(o.id))
        .filter(|o| filter.matches(&o.province, o.kind().code(), i64::from(o.population)))
        .filter_map(|o| {
            let round = latest.get(&o.id)?;
            let aggregate = results.get(&round.id)?;
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
                respondents: aggregate.respondents,
                overall: aggregate.overall,
                dimensions: aggregate.dimensions.iter().map(|d| d.mean).collect(),
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
    let distribution_svg = distribution_chart(&sector, lang)?;
    Ok(ComparisonView {
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
    let (title, description, value, band, marker) = match lang {
        Lang::Nl => ("Spreiding per dimensie over de besturen", "Per dimensie het gemiddelde van de getoonde besturen, de band van het eerste tot het derde kwartiel en de mediaan. De tabel geeft de cijfers.", "Gemiddelde", "Eerste tot derde kwartiel", "Mediaan"),
        Lang::En => ("Distribution per dimension across organisations", "Per dimension the mean of the organisations shown, the band from the first to the third quartile, and the median. The table gives the figures.", "Mean", "First to third quartile", "Median"),
        Lang::Fr => ("Dispersion par dimension entre administrations", "Par dimension, la moyenne des administrations affichées, la bande du premier au troisième quartile et la médiane. Le tableau donne les chiffres.", "Moyenne", "Premier au troisième quartile", "Médiane"),
    };
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
        decimal_comma: lang != Lang::En,
    };
    quickscan_charts::bar_chart_with(title, description, &rows, &options).map_err(|error| {
        tracing::error!(%error, "distribution chart failed");
        StaffError::Storage
    })
}
