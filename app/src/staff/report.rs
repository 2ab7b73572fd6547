//! Closing a round (aggregate once, store) and building its report.

use std::collections::HashMap;

use chrono::Utc;
use quickscan_charts::{bar_chart_with, radar_chart, BarOptions, BarRow, Series};
use quickscan_domain::{
    aggregate, score_respondent, AnswerValue, Lang, MaturityModel, OrganisationAggregate,
    RespondentGroup, RespondentInput,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait,
};

use super::service::readable_round;
use super::view::{ReportDimension, ReportView};
use super::StaffError;
use crate::auth::StaffUser;
use crate::db::{answer, invitation, response, round, round_result};
use crate::server_context::ServerContext;

/// The submitted responses of a round, scored.
pub async fn round_inputs(
    db: &impl ConnectionTrait,
    model: &MaturityModel,
    round_id: i32,
) -> Result<Vec<RespondentInput>, StaffError> {
    let invitations: HashMap<i32, Option<String>> = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.respondent_group))
        .collect();
    let responses = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations.keys().copied()))
        .filter(response::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let mut answers: HashMap<i32, HashMap<String, AnswerValue>> = HashMap::new();
    for row in answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.iter().map(|r| r.id)))
        .all(db)
        .await?
    {
        if let Ok(value) = AnswerValue::parse(&row.value) {
            answers
                .entry(row.response_id)
                .or_default()
                .insert(row.statement_id, value);
        }
    }
    Ok(responses
        .iter()
        .map(|r| RespondentInput {
            group: invitations
                .get(&r.invitation_id)
                .and_then(|g| g.as_deref())
                .and_then(RespondentGroup::from_code),
            scores: score_respondent(model, answers.get(&r.id).unwrap_or(&HashMap::new())),
        })
        .collect())
}

fn model_for<'a>(
    ctx: &'a ServerContext,
    round: &round::Model,
) -> Result<&'a MaturityModel, StaffError> {
    ctx.models.get(&round.model_version_id).ok_or_else(|| {
        tracing::error!(model = %round.model_version_id, "round refers to a model that is not loaded");
        StaffError::Storage
    })
}

/// Closes a round for a user who may manage it.
pub async fn close_round(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
) -> Result<(), StaffError> {
    let (round, _) = readable_round(&ctx.db, user, round_id).await?;
    if !user.can_manage_rounds(round.organisation_id) {
        return Err(StaffError::Forbidden);
    }
    close_and_aggregate(ctx, &round).await
}

/// Closes a round: aggregates its submitted responses once and stores the result.
pub async fn close_and_aggregate(
    ctx: &ServerContext,
    round: &round::Model,
) -> Result<(), StaffError> {
    let model = model_for(ctx, round)?;
    let txn = ctx.db.begin().await?;
    let now = Utc::now();
    let closed = round::Entity::update_many()
        .col_expr(round::Column::Status, Expr::value(round::STATUS_CLOSED))
        .col_expr(round::Column::ClosedAt, Expr::value(now))
        .filter(round::Column::Id.eq(round.id))
        .filter(round::Column::Status.eq(round::STATUS_OPEN))
        .exec(&txn)
        .await?;
    if closed.rows_affected == 0 {
        return Err(StaffError::RoundClosed);
    }
    // Read inside the transaction: no response can be submitted after the status changed.
    let inputs = round_inputs(&txn, model, round.id).await?;
    let result = aggregate(model, &inputs);
    round_result::ActiveModel {
        round_id: Set(round.id),
        aggregate: Set(serde_json::to_string(&result).map_err(|_| StaffError::Storage)?),
        computed_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The report of a round: stored for a closed round, computed as a preview for an open one.
pub async fn report(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
    lang: Lang,
) -> Result<ReportView, StaffError> {
    let (round, organisation) = readable_round(&ctx.db, &user, round_id).await?;
    let model = model_for(ctx, &round)?;
    let stored = round_result::Entity::find_by_id(round.id)
        .one(&ctx.db)
        .await?;
    let (aggregate, is_preview) = match stored {
        Some(stored) => (
            serde_json::from_str::<OrganisationAggregate>(&stored.aggregate).map_err(|error| {
                tracing::error!(%error, round = round.id, "stored aggregate is unreadable");
                StaffError::Storage
            })?,
            false,
        ),
        None => (
            aggregate(model, &round_inputs(&ctx.db, model, round.id).await?),
            true,
        ),
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
        })
        .collect();
    let (radar_svg, bar_svg) = charts(model, &aggregate, lang, &organisation.name)?;
    let summary = super::service::round_summary(&ctx.db, &round).await?;
    Ok(ReportView {
        can_manage: user.can_manage_rounds(round.organisation_id) && round.is_open(),
        user,
        organisation: organisation.name,
        round: summary,
        model_title: model.title.clone(),
        is_preview,
        aggregate,
        dimensions,
        radar_svg,
        bar_svg,
    })
}

fn charts(
    model: &MaturityModel,
    aggregate: &OrganisationAggregate,
    lang: Lang,
    organisation: &str,
) -> Result<(String, String), StaffError> {
    let names: Vec<String> = model
        .dimensions
        .iter()
        .map(|d| d.name.get(lang).to_owned())
        .collect();
    let means: Vec<Option<f64>> = aggregate.dimensions.iter().map(|d| d.mean).collect();
    let (radar_title, bar_title, description) = match lang {
        Lang::Nl => (
            "Maturiteit per dimensie (radar)",
            "Maturiteit per dimensie (staafdiagram)",
            format!("Gemiddelde score van {organisation} per dimensie op de schaal van 0 tot 4. De tabel eronder geeft dezelfde cijfers."),
        ),
        Lang::En => (
            "Maturity per dimension (radar)",
            "Maturity per dimension (bar chart)",
            format!("Mean score of {organisation} per dimension on the 0 to 4 scale. The table below gives the same figures."),
        ),
        Lang::Fr => (
            "Maturité par dimension (radar)",
            "Maturité par dimension (histogramme)",
            format!("Score moyen de {organisation} par dimension sur l'échelle de 0 à 4. Le tableau ci-dessous donne les mêmes chiffres."),
        ),
    };
    let chart_error = |error: quickscan_charts::ChartError| {
        tracing::error!(%error, "chart rendering failed");
        StaffError::Storage
    };
    let radar = radar_chart(
        radar_title,
        &description,
        &names,
        &[Series {
            label: organisation.to_owned(),
            values: means.clone(),
        }],
    )
    .map_err(chart_error)?;
    let rows: Vec<BarRow> = names
        .iter()
        .zip(&aggregate.dimensions)
        .map(|(name, figures)| BarRow {
            label: name.clone(),
            value: figures.mean,
            band: figures.min.zip(figures.max),
            marker: figures.median,
        })
        .collect();
    let (value_legend, band_legend, marker_legend) = match lang {
        Lang::Nl => (
            "Gemiddelde van uw bestuur",
            "Spreiding (laagste tot hoogste respondent)",
            "Mediaan",
        ),
        Lang::En => (
            "Your organisation's mean",
            "Spread (lowest to highest respondent)",
            "Median",
        ),
        Lang::Fr => (
            "Moyenne de votre administration",
            "Dispersion (du plus bas au plus haut répondant)",
            "Médiane",
        ),
    };
    let options = BarOptions {
        value_legend: value_legend.to_owned(),
        band_legend: band_legend.to_owned(),
        marker_legend: marker_legend.to_owned(),
        decimal_comma: lang != Lang::En,
    };
    let bar = bar_chart_with(bar_title, &description, &rows, &options).map_err(chart_error)?;
    Ok((radar, bar))
}
