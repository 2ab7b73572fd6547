//! Rounds: reading one, opening one, and closing it (aggregated once, stored, benchmarks
//! updated, all in one transaction).

use std::collections::HashMap;

use chrono::{Datelike, Utc};
use quickscan_domain::{aggregate, OrganisationAggregate, RespondentGroup};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, TransactionTrait,
};

use super::dashboard::{progress, summary, with_results};
use super::report::{model_for, round_inputs};
use super::stored;
use super::view::{GroupParticipation, OpenLinkView, RoundDetail};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{
    invitation, open_link, organisation, response, round, round_result, round_summary,
};
use crate::server_context::ServerContext;

/// A round the user may read, with its organisation.
pub async fn readable_round(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    round_id: i32,
) -> Result<(round::Model, organisation::Model), StaffError> {
    let round = round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(StaffError::NotFound)?;
    if !user.may(Action::ReadOrganisation, Some(round.organisation_id)) {
        // Someone else's round answers exactly like an absent one, so that nobody learns
        // which round ids exist by trying them.
        return Err(StaffError::NotFound);
    }
    let organisation = organisation::Entity::find_by_id(round.organisation_id)
        .one(db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    Ok((round, organisation))
}

/// The round page.
pub async fn round_detail(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
) -> Result<RoundDetail, StaffError> {
    let (round, organisation) = readable_round(&ctx.db, &user, round_id).await?;
    let counts = progress(&ctx.db, &[round.id]).await?;
    let has_results = with_results(&ctx.db, &[round.id])
        .await?
        .contains(&round.id);
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round.id))
        .all(&ctx.db)
        .await?;
    let responses: HashMap<i32, bool> = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations.iter().map(|i| i.id)))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| (r.invitation_id, r.submitted_at.is_some()))
        .collect();
    // Counts per group only: no row, link or date of a single invitation leaves here.
    let mut participation: Vec<GroupParticipation> = RespondentGroup::ALL
        .iter()
        .map(|g| Some(g.code().to_owned()))
        .chain([None])
        .map(|group| GroupParticipation {
            group,
            invited: 0,
            started: 0,
            submitted: 0,
        })
        .collect();
    for invitation in &invitations {
        let known = invitation
            .respondent_group
            .as_deref()
            .and_then(RespondentGroup::from_code)
            .map(|g| g.code().to_owned());
        let Some(row) = participation.iter_mut().find(|row| row.group == known) else {
            continue;
        };
        row.invited += 1;
        match responses.get(&invitation.id) {
            Some(true) => {
                row.started += 1;
                row.submitted += 1;
            }
            Some(false) => row.started += 1,
            None => {}
        }
    }
    let open_link = open_link::Entity::find()
        .filter(open_link::Column::RoundId.eq(round.id))
        .one(&ctx.db)
        .await?
        .map(|link| OpenLinkView {
            link: super::invitations::open_link_address(ctx, &link.slug),
            cap: link.response_cap,
            used: link.responses,
        });
    Ok(RoundDetail {
        can_manage: user.may(Action::ManageRounds, Some(round.organisation_id)),
        organisation: organisation.name,
        round: summary(
            &round,
            counts.get(&round.id),
            has_results,
            ctx.min_respondents,
        ),
        participation,
        open_link,
        user,
    })
}

/// Opens a round for an organisation on the current model.
pub async fn create_round(
    ctx: &ServerContext,
    user: &StaffUser,
    organisation_id: i32,
    name: &str,
) -> Result<i32, StaffError> {
    let Some(organisation) = organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
    else {
        return Err(StaffError::OrganisationNotFound);
    };
    if !user.may(Action::ManageRounds, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    if !organisation.active {
        return Err(StaffError::OrganisationInactive);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StaffError::InvalidName);
    }
    let now = Utc::now();
    let created = round::ActiveModel {
        organisation_id: Set(organisation_id),
        model_version_id: Set(ctx.models.current().id.clone()),
        name: Set(name.to_owned()),
        year: Set(now.year()),
        status: Set(round::RoundStatus::Open),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(created.id)
}

/// A round the user may manage and that is still open.
pub async fn manageable_open_round(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    round_id: i32,
) -> Result<round::Model, StaffError> {
    let (round, _) = readable_round(db, user, round_id).await?;
    if !user.may(Action::ManageRounds, Some(round.organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    if !round.is_open() {
        return Err(StaffError::RoundClosed);
    }
    Ok(round)
}

/// Closes a round for a user who may manage it.
///
/// A round with fewer submitted responses than the respondent threshold closes only with
/// `confirm_without_results`, and then has no results at all.
pub async fn close_round(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    confirm_without_results: bool,
) -> Result<(), StaffError> {
    let (round, _) = readable_round(&ctx.db, user, round_id).await?;
    if !user.may(Action::ManageRounds, Some(round.organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    if !round.is_open() {
        return Err(StaffError::RoundClosed);
    }
    let submitted = progress(&ctx.db, &[round.id])
        .await?
        .get(&round.id)
        .map_or(0, |counts| counts.2);
    if submitted < ctx.min_respondents.get() as u64 && !confirm_without_results {
        return Err(StaffError::ResultsNeedConfirmation);
    }
    close_and_aggregate(ctx, &round).await
}

/// Closes a round: aggregates its submitted responses once and stores the result, and
/// updates the benchmarks, when at least the respondent threshold submitted; below it the
/// round closes without results (nothing stored, no benchmark membership).
pub async fn close_and_aggregate(
    ctx: &ServerContext,
    round: &round::Model,
) -> Result<(), StaffError> {
    let model = model_for(ctx, round)?;
    let txn = ctx.db.begin().await?;
    let now = Utc::now();
    let closed = round::Entity::update_many()
        .col_expr(
            round::Column::Status,
            Expr::value(round::RoundStatus::Closed),
        )
        .col_expr(round::Column::ClosedAt, Expr::value(now))
        .filter(round::Column::Id.eq(round.id))
        .filter(round::is_open())
        .exec(&txn)
        .await?;
    if closed.rows_affected == 0 {
        return Err(StaffError::RoundClosed);
    }
    // Read inside the transaction: no response can be submitted after the status changed.
    let inputs = round_inputs(&txn, model, round.id).await?;
    if inputs.len() >= ctx.min_respondents.get() {
        let result = aggregate(model, &inputs, ctx.min_respondents);
        write_results(&txn, round.id, &result).await?;
        super::benchmarks::update_for_closed_round(
            &txn,
            round,
            model.dimensions.len(),
            ctx.anonymity_threshold,
        )
        .await?;
    }
    super::mail::erase_addresses(&txn, round.id).await?;
    txn.commit().await?;
    Ok(())
}

/// What [`store_results`] did with one round's stored results.
enum Stored {
    /// Computed from the responses and stored (replacing what was there).
    Computed,
    /// Removed, or none stored: the round does not reach the threshold, or its model is not
    /// loaded.
    Removed,
}

/// Computes a closed round's results from its submitted responses under the configured
/// threshold and stores them in place of what was stored, or removes them when the round
/// does not reach the threshold (or is gone, or its model is not loaded).
async fn store_results(
    ctx: &ServerContext,
    txn: &impl ConnectionTrait,
    round_id: i32,
    round: Option<&round::Model>,
) -> Result<Stored, StaffError> {
    let threshold = ctx.min_respondents;
    let model = round.and_then(|r| ctx.models.get(&r.model_version_id));
    let (Some(round), Some(model)) = (round, model) else {
        tracing::warn!(round = round_id, "stored results whose model is not loaded cannot be recomputed under the configured threshold; removed");
        round_result::Entity::delete_by_id(round_id)
            .exec(txn)
            .await?;
        return Ok(Stored::Removed);
    };
    let inputs = round_inputs(txn, model, round.id).await?;
    if inputs.len() < threshold.get() {
        round_result::Entity::delete_by_id(round_id)
            .exec(txn)
            .await?;
        return Ok(Stored::Removed);
    }
    let result = aggregate(model, &inputs, threshold);
    write_results(txn, round.id, &result).await?;
    Ok(Stored::Computed)
}

/// Stores a round's results, with their summary, in place of any stored before.
async fn write_results(
    txn: &impl ConnectionTrait,
    round_id: i32,
    result: &OrganisationAggregate,
) -> Result<(), StaffError> {
    round_result::Entity::insert(round_result::ActiveModel {
        round_id: Set(round_id),
        aggregate: Set(stored::encode_for(result, "round_results.aggregate")?),
        computed_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(round_result::Column::RoundId)
            .update_columns([
                round_result::Column::Aggregate,
                round_result::Column::ComputedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    write_summary(txn, round_id, result).await
}

/// Stores the summary of a round's stored results.
async fn write_summary(
    txn: &impl ConnectionTrait,
    round_id: i32,
    result: &OrganisationAggregate,
) -> Result<(), StaffError> {
    round_summary::Entity::insert(round_summary::ActiveModel {
        round_id: Set(round_id),
        summary: Set(stored::encode_for(
            &result.summary(),
            "round_summaries.summary",
        )?),
    })
    .on_conflict(
        OnConflict::column(round_summary::Column::RoundId)
            .update_column(round_summary::Column::Summary)
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Recomputes the results of every closed round from its submitted responses, in one
/// transaction, then every benchmark: the full aggregation, for a repaired database and for
/// the benchmark that measures it. Returns how many rounds have results.
pub async fn recompute_all_results(ctx: &ServerContext) -> Result<usize, StaffError> {
    let txn = ctx.db.begin().await?;
    let mut with_results = 0;
    for round in round::Entity::find()
        .filter(round::is_closed())
        .all(&txn)
        .await?
    {
        if let Stored::Computed = store_results(ctx, &txn, round.id, Some(&round)).await? {
            with_results += 1;
        }
    }
    txn.commit().await?;
    let counts = quickscan_domain::DimensionCounts::of_models(ctx.models.all());
    super::benchmarks::recompute_all(&ctx.db, &counts, ctx.anonymity_threshold).await?;
    Ok(with_results)
}

/// What [`reapply_thresholds`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reapplied {
    /// Stored results recomputed under the configured threshold.
    pub recomputed: usize,
    /// Stored results removed: their round no longer reaches the threshold (or its model is
    /// not loaded, so they cannot be recomputed).
    pub removed: usize,
}

/// Brings stored figures under the configured thresholds (at start-up): every stored round
/// result records the respondent threshold it was suppressed under, and one stored under
/// another threshold (or before thresholds were recorded) is recomputed from the submitted
/// responses, or removed when the round no longer reaches it. Then every benchmark is
/// recomputed under the configured anonymity threshold; should that fail, the stored
/// benchmarks are removed rather than left as they were, so nothing stays shown that the
/// threshold would hide.
pub async fn reapply_thresholds(ctx: &ServerContext) -> Result<Reapplied, StaffError> {
    let threshold = ctx.min_respondents;
    let mut reapplied = Reapplied::default();
    let txn = ctx.db.begin().await?;
    let summarised: std::collections::HashSet<i32> = round_summary::Entity::find()
        .select_only()
        .column(round_summary::Column::RoundId)
        .into_tuple()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    for row in round_result::Entity::find().all(&txn).await? {
        let current = stored::decode::<OrganisationAggregate>(&row.aggregate)
            .ok()
            .filter(|a| a.threshold == Some(threshold));
        // An unreadable row fails every page that needs it (see `stored`); recomputing it
        // from the responses repairs it.
        if let Some(current) = current {
            if !summarised.contains(&row.round_id) {
                // Stored before summaries were: the same figures, summarised.
                write_summary(&txn, row.round_id, &current).await?;
            }
            continue;
        }
        let round = round::Entity::find_by_id(row.round_id).one(&txn).await?;
        match store_results(ctx, &txn, row.round_id, round.as_ref()).await? {
            Stored::Computed => reapplied.recomputed += 1,
            Stored::Removed => reapplied.removed += 1,
        }
    }
    txn.commit().await?;
    let counts = quickscan_domain::DimensionCounts::of_models(ctx.models.all());
    if let Err(error) =
        super::benchmarks::recompute_all(&ctx.db, &counts, ctx.anonymity_threshold).await
    {
        tracing::error!(%error, "benchmarks could not be recomputed at start-up; they are removed until the next recomputation");
        crate::db::benchmark::Entity::delete_many()
            .exec(&ctx.db)
            .await?;
    }
    Ok(reapplied)
}
