//! The association's view: every readable organisation's latest closed round, side by side.

use quickscan_domain::{Lang, ResultSummary};

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
    let mut rows: Vec<ComparisonRow> = latest_results(&ctx.db, &model.id)
        .await?
        .into_iter()
        .filter(|(o, _, _)| user.may(Action::ReadOrganisation, Some(o.id)))
        .filter(|(o, _, _)| filter.matches(&o.province, o.kind().code(), i64::from(o.population)))
        .map(|(o, round, summary)| {
            // Only the rows shown are decoded.
            let summary: ResultSummary =
                super::stored::decode_for(&summary, "round_summaries.summary", &round.id)?;
            Ok(ComparisonRow {
                organisation_id: o.id,
                name: o.name,
                code: o.code,
                province: o.province,
                kind: o.kind.into(),
                population: o.population,
                round_id: round.id,
                round: round.name,
                year: round.year,
                respondents: summary.respondents,
                overall: summary.overall,
                dimensions: summary.dimension_means,
            })
        })
        .collect::<Result<_, StaffError>>()?;
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

/// Every organisation with a closed round of `model_id` with results, by name: the
/// organisation, its latest such round (by closing time, then id) and that round's stored
/// summary, undecoded. One query; the database leaves out the earlier rounds.
async fn latest_results(
    db: &impl sea_orm::ConnectionTrait,
    model_id: &str,
) -> Result<Vec<(organisation::Model, LatestRound, String)>, StaffError> {
    use sea_orm::sea_query::{Alias, Cond, Expr, JoinType, Query};
    use sea_orm::{ExprTrait, FromQueryResult, Iterable};
    let (later, later_summary) = (Alias::new("later"), Alias::new("later_summary"));
    let round_col = |column: round::Column| Expr::col((round::Entity, column));
    let later_col = |column: round::Column| Expr::col((later.clone(), column));
    let a_later_round = Query::select()
        .expr(Expr::val(1))
        .from_as(round::Entity, later.clone())
        .join_as(
            JoinType::InnerJoin,
            round_summary::Entity,
            later_summary.clone(),
            Expr::col((later_summary.clone(), round_summary::Column::RoundId))
                .equals((later.clone(), round::Column::Id)),
        )
        .and_where(
            later_col(round::Column::OrganisationId)
                .equals((round::Entity, round::Column::OrganisationId)),
        )
        .and_where(
            later_col(round::Column::ModelVersionId)
                .equals((round::Entity, round::Column::ModelVersionId)),
        )
        .and_where(later_col(round::Column::Status).eq(round::RoundStatus::Closed))
        .cond_where(
            Cond::any()
                .add(later_col(round::Column::ClosedAt).gt(round_col(round::Column::ClosedAt)))
                .add(
                    Cond::all()
                        .add(
                            later_col(round::Column::ClosedAt)
                                .eq(round_col(round::Column::ClosedAt)),
                        )
                        .add(later_col(round::Column::Id).gt(round_col(round::Column::Id))),
                ),
        )
        .to_owned();
    let query = Query::select()
        .columns(organisation::Column::iter().map(|c| (organisation::Entity, c)))
        .expr_as(round_col(round::Column::Id), Alias::new("round_id"))
        .expr_as(round_col(round::Column::Name), Alias::new("round_name"))
        .expr_as(round_col(round::Column::Year), Alias::new("round_year"))
        .column((round_summary::Entity, round_summary::Column::Summary))
        .from(organisation::Entity)
        .inner_join(
            round::Entity,
            round_col(round::Column::OrganisationId)
                .equals((organisation::Entity, organisation::Column::Id)),
        )
        .inner_join(
            round_summary::Entity,
            Expr::col((round_summary::Entity, round_summary::Column::RoundId))
                .equals((round::Entity, round::Column::Id)),
        )
        .and_where(round_col(round::Column::ModelVersionId).eq(model_id))
        .and_where(round_col(round::Column::Status).eq(round::RoundStatus::Closed))
        .and_where(Expr::exists(a_later_round).not())
        .order_by(
            (organisation::Entity, organisation::Column::Name),
            sea_orm::Order::Asc,
        )
        .to_owned();
    db.query_all(&query)
        .await?
        .iter()
        .map(|row| {
            let round = LatestRound {
                id: row.try_get("", "round_id")?,
                name: row.try_get("", "round_name")?,
                year: row.try_get("", "round_year")?,
            };
            Ok((
                organisation::Model::from_query_result(row, "")?,
                round,
                row.try_get("", "summary")?,
            ))
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
