//! The action plan drawn up from a round with results: reading it, setting targets, adopting
//! advice, own actions (edit, reorder, delete), advisors' comments, the follow-up the next
//! round's report shows, and the association's overview.
//!
//! Who may do what is the access rule's (`EditActionPlan`, `CommentOnActionPlan`,
//! `ViewSectorPlans`); every write checks it first and is one transaction. The plan belongs to
//! the round it starts from: a round without published results has none.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use quickscan_domain::action_plan::{
    self, default_target, is_overdue, parse_action, parse_comment, parse_target, ActionDraft,
    ActionStatus, AdviceRef, Horizon, OrganisationPlan, PlanProblem,
};
use quickscan_domain::{Lang, MaturityLevel, MaturityModel, OrganisationAggregate};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::plan_view::{
    AdoptedAdvice, FollowUpView, PlanAction, PlanAdvice, PlanComment, PlanDimension, PlanView,
    SectorPlansView,
};
use super::report::{model_for, published_results};
use super::rounds::readable_round;
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{organisation, plan_action, plan_comment, plan_target, round};
use crate::server_context::ServerContext;

/// Today's date for due dates and "overdue" (UTC).
fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A date as the pages show it.
pub fn shown_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The round a plan starts from, readable by the user, with its model and published results;
/// refused when it has none.
async fn plan_round<'c>(
    ctx: &'c ServerContext,
    user: &StaffUser,
    round_id: i32,
) -> Result<
    (
        round::Model,
        organisation::Model,
        &'c MaturityModel,
        OrganisationAggregate,
    ),
    StaffError,
> {
    let (round, organisation) = readable_round(&ctx.db, user, round_id).await?;
    let model = model_for(ctx, &round)?;
    let aggregate = published_results(&ctx.db, &round, ctx.min_respondents)
        .await?
        .ok_or(StaffError::PlanWithoutResults)?;
    Ok((round, organisation, model, aggregate))
}

/// The plan's stored targets by dimension id.
async fn targets_of(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<HashMap<String, plan_target::Model>, StaffError> {
    Ok(plan_target::Entity::find()
        .filter(plan_target::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.dimension_id.clone(), t))
        .collect())
}

/// The plan's actions in its order.
async fn actions_of(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<Vec<plan_action::Model>, StaffError> {
    Ok(plan_action::Entity::find()
        .filter(plan_action::Column::RoundId.eq(round_id))
        .order_by_asc(plan_action::Column::Position)
        .order_by_asc(plan_action::Column::Id)
        .all(db)
        .await?)
}

/// A stored level as the domain's, or a logged storage error.
fn stored_level(level: i32, target_id: i32) -> Result<MaturityLevel, StaffError> {
    u8::try_from(level)
        .ok()
        .and_then(MaturityLevel::from_number)
        .ok_or_else(|| {
            tracing::error!(target_id, level, "stored plan target is not a level");
            StaffError::Storage
        })
}

/// A stored action's status and horizon as the domain's, or a logged storage error.
fn stored_codes(action: &plan_action::Model) -> Result<(ActionStatus, Horizon), StaffError> {
    match (
        ActionStatus::from_code(&action.status),
        Horizon::from_code(&action.horizon),
    ) {
        (Some(status), Some(horizon)) => Ok((status, horizon)),
        _ => {
            tracing::error!(action = action.id, status = %action.status, horizon = %action.horizon, "stored plan action has an unknown code");
            Err(StaffError::Storage)
        }
    }
}

/// An action as the pages show it.
fn action_view(
    action: &plan_action::Model,
    model: &MaturityModel,
    today: NaiveDate,
) -> Result<PlanAction, StaffError> {
    let (status, horizon) = stored_codes(action)?;
    let dimension = model
        .dimensions
        .iter()
        .find(|d| d.id == action.dimension_id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| quickscan_domain::Text::same(&action.dimension_id));
    Ok(PlanAction {
        id: action.id,
        title: action.title.clone(),
        dimension_id: action.dimension_id.clone(),
        dimension,
        horizon,
        owner: action.owner.clone(),
        due_value: action.due_on.format("%Y-%m-%d").to_string(),
        due_shown: shown_date(action.due_on),
        status,
        overdue: is_overdue(status, action.due_on, today),
        time: action.time_needed.clone(),
        budget: action.budget.clone(),
        note: action.note.clone(),
    })
}

/// A round's action plan page (and its printable version).
pub async fn plan_page(
    ctx: &ServerContext,
    user: StaffUser,
    round_id: i32,
) -> Result<PlanView, StaffError> {
    let (round, organisation, model, aggregate) = plan_round(ctx, &user, round_id).await?;
    let targets = targets_of(&ctx.db, round_id).await?;
    let actions = actions_of(&ctx.db, round_id).await?;
    let adopted: HashSet<&str> = actions
        .iter()
        .filter_map(|a| a.advice_code.as_deref())
        .collect();
    let mut dimensions = Vec::with_capacity(model.dimensions.len());
    for (dimension, figures) in model.dimensions.iter().zip(&aggregate.dimensions) {
        let level = figures.level();
        let (target, ambition) = match targets.get(&dimension.id) {
            Some(stored) => (
                stored
                    .target_level
                    .map(|l| stored_level(l, stored.id))
                    .transpose()?,
                stored.ambition.clone().unwrap_or_default(),
            ),
            None => (default_target(level), String::new()),
        };
        let advice = level
            .map(|level| AdviceRef::all_for(model, &dimension.id, level))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|reference| {
                let text = reference.text(model)?.clone();
                let code = reference.code();
                Some(PlanAdvice {
                    adopted: adopted.contains(code.as_str()),
                    code,
                    horizon: reference.horizon,
                    text,
                })
            })
            .collect();
        dimensions.push(PlanDimension {
            id: dimension.id.clone(),
            name: dimension.name.clone(),
            mean: figures.mean,
            level,
            target,
            ambition,
            advice,
        });
    }
    let today = today();
    let actions = actions
        .iter()
        .map(|a| action_view(a, model, today))
        .collect::<Result<_, _>>()?;
    let comments = plan_comment::Entity::find()
        .filter(plan_comment::Column::RoundId.eq(round_id))
        .order_by_asc(plan_comment::Column::CreatedAt)
        .order_by_asc(plan_comment::Column::Id)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| PlanComment {
            author: c.author_name,
            at: c.created_at.format("%d/%m/%Y %H:%M").to_string(),
            body: c.body,
        })
        .collect();
    Ok(PlanView {
        can_edit: user.may(Action::EditActionPlan, Some(round.organisation_id)),
        can_comment: user.may(Action::CommentOnActionPlan, Some(round.organisation_id)),
        user,
        organisation: organisation.name,
        round_id,
        round_label: format!("{} ({})", round.name, round.year),
        today: shown_date(today),
        dimensions,
        actions,
        comments,
    })
}

/// The round of a plan the user may change, with its model and results.
async fn editable_plan<'c>(
    ctx: &'c ServerContext,
    user: &StaffUser,
    round_id: i32,
) -> Result<(round::Model, &'c MaturityModel, OrganisationAggregate), StaffError> {
    let (round, _, model, aggregate) = plan_round(ctx, user, round_id).await?;
    if !user.may(Action::EditActionPlan, Some(round.organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    Ok((round, model, aggregate))
}

/// Sets one dimension's target and ambition (an empty target: none).
pub async fn save_target(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    dimension_id: &str,
    target: &str,
    ambition: &str,
) -> Result<(), StaffError> {
    let (_, model, aggregate) = editable_plan(ctx, user, round_id).await?;
    let index = model
        .dimensions
        .iter()
        .position(|d| d.id == dimension_id)
        .ok_or(StaffError::InvalidPlan(PlanProblem::UnknownDimension))?;
    let parsed = parse_target(target, ambition, aggregate.dimensions[index].level())
        .map_err(StaffError::InvalidPlan)?;
    // One upsert: a form posted twice at once (a double click without JavaScript) sets the
    // target once, the later post's value winning.
    plan_target::Entity::insert(plan_target::ActiveModel {
        round_id: Set(round_id),
        dimension_id: Set(dimension_id.to_owned()),
        target_level: Set(parsed.level.map(|l| i32::from(l.number()))),
        ambition: Set(parsed.ambition),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            plan_target::Column::RoundId,
            plan_target::Column::DimensionId,
        ])
        .update_columns([
            plan_target::Column::TargetLevel,
            plan_target::Column::Ambition,
            plan_target::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(&ctx.db)
    .await?;
    Ok(())
}

/// The position after the plan's last action.
async fn next_position(db: &impl ConnectionTrait, round_id: i32) -> Result<i32, StaffError> {
    Ok(plan_action::Entity::find()
        .filter(plan_action::Column::RoundId.eq(round_id))
        .order_by_desc(plan_action::Column::Position)
        .one(db)
        .await?
        .map_or(1, |a| a.position + 1))
}

/// Adopts an advice item of the round's model as a planned action, in `lang` (the title can
/// be edited afterwards), due at the end of its term. Answers the new action's id.
pub async fn adopt_advice(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    code: &str,
    lang: Lang,
) -> Result<i32, StaffError> {
    let (_, model, aggregate) = editable_plan(ctx, user, round_id).await?;
    let unknown = StaffError::InvalidPlan(PlanProblem::UnknownAdvice);
    let reference = AdviceRef::parse(code).ok_or(unknown.clone())?;
    let text = reference.text(model).ok_or(unknown.clone())?;
    // Only the advice the page offers: the model's advice at the dimension's level today.
    let index = model
        .dimensions
        .iter()
        .position(|d| d.id == reference.dimension)
        .ok_or(unknown.clone())?;
    if aggregate.dimensions[index].level() != Some(reference.level) {
        return Err(unknown);
    }
    let today = today();
    // One statement, no transaction around a read: two adoptions at once must meet at the
    // unique index (SQLite refuses a transaction that read before another wrote). Two actions
    // added at once may share a position; the plan orders ties by id.
    let position = next_position(&ctx.db, round_id).await?;
    let inserted = plan_action::ActiveModel {
        round_id: Set(round_id),
        position: Set(position),
        dimension_id: Set(reference.dimension.clone()),
        title: Set(text.get(lang).to_owned()),
        horizon: Set(reference.horizon.code().to_owned()),
        owner: Set(String::new()),
        due_on: Set(reference.horizon.default_due(today)),
        status: Set(ActionStatus::Planned.code().to_owned()),
        time_needed: Set(String::new()),
        budget: Set(String::new()),
        note: Set(String::new()),
        advice_code: Set(Some(reference.code())),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        done_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await
    .map_err(|error| match error.sql_err() {
        // A second click (or a second tab) adopting the same item: the unique index decides.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            StaffError::InvalidPlan(PlanProblem::AdviceAdoptedAlready)
        }
        _ => StaffError::from(error),
    })?;
    Ok(inserted.id)
}

/// The model's dimension ids, for parsing an action.
fn dimension_ids(model: &MaturityModel) -> Vec<&str> {
    model.dimensions.iter().map(|d| d.id.as_str()).collect()
}

/// Adds an action of the coordinator's own. Answers its id.
pub async fn create_action(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    draft: ActionDraft<'_>,
) -> Result<i32, StaffError> {
    let (_, model, _) = editable_plan(ctx, user, round_id).await?;
    let details = parse_action(draft, &dimension_ids(model)).map_err(StaffError::InvalidPlan)?;
    let now = Utc::now();
    // One statement, as for adopting (see there).
    let position = next_position(&ctx.db, round_id).await?;
    let inserted = plan_action::ActiveModel {
        round_id: Set(round_id),
        position: Set(position),
        dimension_id: Set(details.dimension),
        title: Set(details.title),
        horizon: Set(details.horizon.code().to_owned()),
        owner: Set(details.owner),
        due_on: Set(details.due),
        status: Set(details.status.code().to_owned()),
        time_needed: Set(details.time),
        budget: Set(details.budget),
        note: Set(details.note),
        advice_code: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        done_at: Set((details.status == ActionStatus::Done).then_some(now)),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(inserted.id)
}

/// An action the user may change, with the round it belongs to. Someone else's action
/// answers like an absent one.
async fn editable_action<'c>(
    ctx: &'c ServerContext,
    user: &StaffUser,
    action_id: i32,
) -> Result<(plan_action::Model, &'c MaturityModel), StaffError> {
    let action = plan_action::Entity::find_by_id(action_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::PlanActionNotFound)?;
    let (_, model, _) = match editable_plan(ctx, user, action.round_id).await {
        Err(StaffError::NotFound) => return Err(StaffError::PlanActionNotFound),
        other => other?,
    };
    Ok((action, model))
}

/// The round an action belongs to, if the user may read it (to show a refused action form on
/// its plan's page).
pub async fn action_round(ctx: &ServerContext, user: &StaffUser, action_id: i32) -> Option<i32> {
    let action = plan_action::Entity::find_by_id(action_id)
        .one(&ctx.db)
        .await
        .ok()??;
    readable_round(&ctx.db, user, action.round_id).await.ok()?;
    Some(action.round_id)
}

/// Changes an action's every field. Answers the round it belongs to.
pub async fn update_action(
    ctx: &ServerContext,
    user: &StaffUser,
    action_id: i32,
    draft: ActionDraft<'_>,
) -> Result<i32, StaffError> {
    let (action, model) = editable_action(ctx, user, action_id).await?;
    let details = parse_action(draft, &dimension_ids(model)).map_err(StaffError::InvalidPlan)?;
    let now = Utc::now();
    let was_done = action.status == ActionStatus::Done.code();
    let done_at = match (details.status == ActionStatus::Done, was_done) {
        (true, true) => action.done_at,
        (true, false) => Some(now),
        (false, _) => None,
    };
    let round_id = action.round_id;
    let mut active: plan_action::ActiveModel = action.into();
    active.dimension_id = Set(details.dimension);
    active.title = Set(details.title);
    active.horizon = Set(details.horizon.code().to_owned());
    active.owner = Set(details.owner);
    active.due_on = Set(details.due);
    active.status = Set(details.status.code().to_owned());
    active.time_needed = Set(details.time);
    active.budget = Set(details.budget);
    active.note = Set(details.note);
    active.updated_at = Set(now);
    active.done_at = Set(done_at);
    active.update(&ctx.db).await?;
    Ok(round_id)
}

/// Moves an action one place up or down in its plan (at the top or bottom it stays). The two
/// positions are swapped in one transaction. Answers the round it belongs to.
pub async fn move_action(
    ctx: &ServerContext,
    user: &StaffUser,
    action_id: i32,
    up: bool,
) -> Result<i32, StaffError> {
    let (action, _) = editable_action(ctx, user, action_id).await?;
    let txn = ctx.db.begin().await?;
    // Write first, so that on SQLite this transaction holds the write lock before it reads
    // the order (a transaction that read before another wrote is refused there), and on
    // PostgreSQL two moves in one plan take their turns.
    plan_action::Entity::update_many()
        .col_expr(
            plan_action::Column::RoundId,
            sea_orm::sea_query::Expr::col(plan_action::Column::RoundId),
        )
        .filter(plan_action::Column::RoundId.eq(action.round_id))
        .exec(&txn)
        .await?;
    let actions = actions_of(&txn, action.round_id).await?;
    let Some(at) = actions.iter().position(|a| a.id == action_id) else {
        return Err(StaffError::PlanActionNotFound);
    };
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    if let Some(other) = other.and_then(|i| actions.get(i)) {
        // Positions may tie (two adopted at once); renumber the whole plan in its order, with
        // the two swapped, so the order is the same for every reader afterwards.
        let mut order: Vec<i32> = actions.iter().map(|a| a.id).collect();
        let other_at = order.iter().position(|id| *id == other.id).unwrap_or(at);
        order.swap(at, other_at);
        for (position, id) in order.iter().enumerate() {
            plan_action::Entity::update_many()
                .col_expr(
                    plan_action::Column::Position,
                    sea_orm::sea_query::Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
                )
                .filter(plan_action::Column::Id.eq(*id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(action.round_id)
}

/// Deletes an action. Answers the round it belonged to.
pub async fn delete_action(
    ctx: &ServerContext,
    user: &StaffUser,
    action_id: i32,
) -> Result<i32, StaffError> {
    let (action, _) = editable_action(ctx, user, action_id).await?;
    plan_action::Entity::delete_by_id(action.id)
        .exec(&ctx.db)
        .await?;
    Ok(action.round_id)
}

/// Adds an advisor's comment to a plan.
pub async fn add_comment(
    ctx: &ServerContext,
    user: &StaffUser,
    round_id: i32,
    text: &str,
) -> Result<(), StaffError> {
    let (round, _, _, _) = plan_round(ctx, user, round_id).await?;
    if !user.may(Action::CommentOnActionPlan, Some(round.organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    let body = parse_comment(text).map_err(StaffError::InvalidPlan)?;
    plan_comment::ActiveModel {
        round_id: Set(round_id),
        author_id: Set(Some(user.id)),
        author_name: Set(user.display_name.clone()),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok(())
}

/// The follow-up of the latest earlier round's plan, for the report of `round` (closed with
/// published `aggregate`): the organisation's most recent round closed before it that has
/// published results and a plan (a target or an action). Both rounds' means are the published
/// ones, matched by dimension id, so nothing below the threshold comes out. `closed_rounds`
/// are the organisation's (see [`super::report::closed_rounds_of`]).
pub async fn follow_up(
    ctx: &ServerContext,
    round: &round::Model,
    model: &MaturityModel,
    aggregate: &OrganisationAggregate,
    closed_rounds: &[super::report::ClosedRound],
) -> Result<Option<FollowUpView>, StaffError> {
    let Some(closed_at) = round.closed_at else {
        return Ok(None);
    };
    // Latest first; one without results has no figures to follow up from, so its plan is
    // not looked up.
    let earlier = closed_rounds
        .iter()
        .rev()
        .filter(|c| c.round.closed_at.is_some_and(|at| at < closed_at))
        .filter(|c| c.summary.is_some())
        .map(|c| &c.round);
    for previous in earlier {
        let targets = targets_of(&ctx.db, previous.id).await?;
        let actions = actions_of(&ctx.db, previous.id).await?;
        if targets.is_empty() && actions.is_empty() {
            continue;
        }
        let Some(before) = published_results(&ctx.db, previous, ctx.min_respondents).await? else {
            continue;
        };
        let previous_model = model_for(ctx, previous)?;
        let figures_before = |id: &str| before.dimensions.iter().find(|d| d.dimension_id == id);
        let ids: Vec<&str> = model.dimensions.iter().map(|d| d.id.as_str()).collect();
        let previous_means: Vec<Option<f64>> = ids
            .iter()
            .map(|id| figures_before(id).and_then(|d| d.mean))
            .collect();
        let current_means: Vec<Option<f64>> = aggregate.dimensions.iter().map(|d| d.mean).collect();
        // A dimension whose target was never saved has the default the plan page showed (one
        // level up); a saved "no target" has none.
        let target_levels = ids
            .iter()
            .map(|id| match targets.get(*id) {
                Some(stored) => stored
                    .target_level
                    .map(|l| stored_level(l, stored.id))
                    .transpose(),
                None => Ok(default_target(figures_before(id).and_then(|d| d.level()))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut statuses: Vec<Vec<ActionStatus>> = vec![Vec::new(); ids.len()];
        for action in &actions {
            let (status, _) = stored_codes(action)?;
            if let Some(i) = ids.iter().position(|id| *id == action.dimension_id) {
                statuses[i].push(status);
            }
        }
        let rows =
            action_plan::follow_up(&previous_means, &current_means, &target_levels, &statuses);
        let today = today();
        let views = actions
            .iter()
            .map(|a| action_view(a, previous_model, today))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Some(FollowUpView {
            previous_label: format!("{} ({})", previous.name, previous.year),
            previous_round_id: previous.id,
            rows: model
                .dimensions
                .iter()
                .map(|d| d.name.clone())
                .zip(rows)
                .collect(),
            overdue: views.iter().filter(|a| a.overdue).cloned().collect(),
            dropped: views
                .into_iter()
                .filter(|a| a.status == ActionStatus::Dropped)
                .collect(),
        }));
    }
    Ok(None)
}

/// The association's overview of plans for the model new rounds use: every active
/// organisation's latest round with published results in that model counts, with the plan
/// drawn up from it (or none).
pub async fn sector_plans(
    ctx: &ServerContext,
    user: StaffUser,
) -> Result<SectorPlansView, StaffError> {
    if !user.may(Action::ViewSectorPlans, None) {
        return Err(StaffError::Forbidden);
    }
    let model = ctx.models.current();
    let active: HashSet<i32> = organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let rounds = round::Entity::find()
        .filter(round::Column::ModelVersionId.eq(model.id.clone()))
        .filter(round::is_closed())
        .order_by_desc(round::Column::ClosedAt)
        .all(&ctx.db)
        .await?;
    let mut latest: HashMap<i32, round::Model> = HashMap::new();
    for candidate in rounds {
        if !active.contains(&candidate.organisation_id)
            || latest.contains_key(&candidate.organisation_id)
        {
            continue;
        }
        if published_results(&ctx.db, &candidate, ctx.min_respondents)
            .await?
            .is_some()
        {
            latest.insert(candidate.organisation_id, candidate);
        }
    }
    let mut plans = Vec::with_capacity(latest.len());
    for round in latest.values() {
        let mut plan = OrganisationPlan::default();
        for target in targets_of(&ctx.db, round.id).await?.into_values() {
            if let Some(level) = target.target_level {
                plan.targets
                    .push((target.dimension_id.clone(), stored_level(level, target.id)?));
            }
        }
        for action in actions_of(&ctx.db, round.id).await? {
            plan.dimensions_with_actions
                .push(action.dimension_id.clone());
            if let Some(reference) = action.advice_code.as_deref().and_then(AdviceRef::parse) {
                plan.adopted.push(reference);
            }
        }
        plans.push(plan);
    }
    let threshold = ctx.anonymity_threshold.get();
    let overview = action_plan::sector_plans(&dimension_ids(model), &plans, threshold);
    let name_of = |id: &str| {
        model
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
    };
    let most_adopted = overview
        .iter()
        .flat_map(|o| o.most_adopted.iter())
        .filter_map(|(reference, organisations)| {
            Some(AdoptedAdvice {
                dimension: name_of(&reference.dimension)?,
                level: reference.level,
                horizon: reference.horizon,
                text: reference.text(model)?.clone(),
                organisations: *organisations,
            })
        })
        .collect();
    Ok(SectorPlansView {
        user,
        model_title: model.title.clone(),
        threshold,
        dimension_names: model.dimensions.iter().map(|d| d.name.clone()).collect(),
        overview,
        most_adopted,
    })
}
