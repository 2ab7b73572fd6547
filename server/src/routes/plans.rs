//! The action plan's forms: a dimension's target, adopting advice, own actions (add, change,
//! move, delete) and the advisor's comments. Each refusal is shown on the plan's page next to
//! its field, with what was typed kept.

use app::paths;
use app::server_context::ServerContext;
use app::staff::audit::record;
use app::staff::plans::{
    action_round, add_comment, adopt_advice, create_action, delete_action, move_action,
    save_target, update_action,
};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;
use quickscan_domain::action_plan::ActionDraft;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// The plan page, at the part a form belongs to.
fn plan_at(round_id: i32, anchor: &str) -> Redirect {
    Redirect::to(&format!("{}#{anchor}", paths::PLAN.with(round_id)))
}

/// An action's fields as posted.
fn draft(form: &StaffForm) -> ActionDraft<'_> {
    let field = |name| form.field(name).unwrap_or_default();
    ActionDraft {
        title: field("title"),
        dimension: field("dimension"),
        horizon: field("horizon"),
        owner: field("owner"),
        due: field("due"),
        status: field("status"),
        time: field("time"),
        budget: field("budget"),
        note: field("note"),
    }
}

/// `POST /rounds/{id}/plan/targets`: one dimension's target and ambition.
pub async fn post_plan_target(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let dimension = form.field("dimension").unwrap_or_default();
    let target = form.field("target").unwrap_or_default();
    save_target(
        &ctx,
        form.user(),
        round_id,
        dimension,
        target,
        form.field("ambition").unwrap_or_default(),
    )
    .await
    .map_err(|error| {
        form.refuse(
            error,
            paths::PLAN.with(round_id),
            forms::plan_target(dimension),
        )
    })?;
    record(
        &ctx.db,
        form.audit(AuditAction::PlanTargetSet)
            .round(round_id)
            .detail(format!("{dimension}: {target}")),
    )
    .await;
    Ok(plan_at(round_id, &format!("plan-dimension-{dimension}")))
}

/// `POST /rounds/{id}/plan/adopt`: the advice item the pressed button names, as an action.
pub async fn post_plan_adopt(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let code = form.field("advice").unwrap_or_default();
    let dimension = code.split(':').next().unwrap_or_default();
    adopt_advice(&ctx, form.user(), round_id, code, form.lang())
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::PLAN.with(round_id),
                forms::plan_adopt(dimension),
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::PlanActionAdded)
            .round(round_id)
            .detail(format!("advice {code}")),
    )
    .await;
    Ok(plan_at(round_id, &format!("plan-dimension-{dimension}")))
}

/// `POST /rounds/{id}/plan/actions`: an action of the coordinator's own.
pub async fn post_plan_action(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let action_id = create_action(&ctx, form.user(), round_id, draft(&form))
        .await
        .map_err(|error| form.refuse(error, paths::PLAN.with(round_id), forms::NEW_PLAN_ACTION))?;
    record(
        &ctx.db,
        form.audit(AuditAction::PlanActionAdded)
            .round(round_id)
            .detail(format!("action {action_id}")),
    )
    .await;
    Ok(plan_at(round_id, "actions"))
}

/// A refused form of one action, shown on its plan's page (the dashboard when the action is
/// not the user's to read).
async fn refuse_action(
    ctx: &ServerContext,
    form: &StaffForm,
    action_id: i32,
    error: app::staff::StaffError,
) -> Refusal {
    let page = match action_round(ctx, form.user(), action_id).await {
        Some(round_id) => paths::PLAN.with(round_id),
        None => paths::DASHBOARD.pattern().to_owned(),
    };
    form.refuse(error, page, forms::plan_action(action_id))
}

/// `POST /plan-actions/{id}`: an action's every field.
pub async fn post_plan_action_update(
    State(ctx): State<ServerContext>,
    Path(action_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let round_id = match update_action(&ctx, form.user(), action_id, draft(&form)).await {
        Ok(round_id) => round_id,
        Err(error) => return Err(refuse_action(&ctx, &form, action_id, error).await),
    };
    record(
        &ctx.db,
        form.audit(AuditAction::PlanActionChanged)
            .round(round_id)
            .detail(format!(
                "action {action_id}: {}",
                form.field("status").unwrap_or_default()
            )),
    )
    .await;
    Ok(plan_at(round_id, "actions"))
}

/// `POST /plan-actions/{id}/move`: one place `up` or `down` (the `direction` field).
pub async fn post_plan_action_move(
    State(ctx): State<ServerContext>,
    Path(action_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let up = form.field("direction") == Some("up");
    let round_id = match move_action(&ctx, form.user(), action_id, up).await {
        Ok(round_id) => round_id,
        Err(error) => return Err(refuse_action(&ctx, &form, action_id, error).await),
    };
    record(
        &ctx.db,
        form.audit(AuditAction::PlanActionChanged)
            .round(round_id)
            .detail(format!(
                "action {action_id} moved {}",
                if up { "up" } else { "down" }
            )),
    )
    .await;
    Ok(plan_at(round_id, "actions"))
}

/// `POST /plan-actions/{id}/delete`.
pub async fn post_plan_action_delete(
    State(ctx): State<ServerContext>,
    Path(action_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let round_id = match delete_action(&ctx, form.user(), action_id).await {
        Ok(round_id) => round_id,
        Err(error) => return Err(refuse_action(&ctx, &form, action_id, error).await),
    };
    record(
        &ctx.db,
        form.audit(AuditAction::PlanActionDeleted)
            .round(round_id)
            .detail(format!("action {action_id}")),
    )
    .await;
    Ok(plan_at(round_id, "actions"))
}

/// `POST /rounds/{id}/plan/comments`: an advisor's comment.
pub async fn post_plan_comment(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    add_comment(
        &ctx,
        form.user(),
        round_id,
        form.field("comment").unwrap_or_default(),
    )
    .await
    .map_err(|error| form.refuse(error, paths::PLAN.with(round_id), forms::PLAN_COMMENT))?;
    record(
        &ctx.db,
        form.audit(AuditAction::PlanCommented).round(round_id),
    )
    .await;
    Ok(plan_at(round_id, "plan-comment"))
}
