//! The admin's peer groups: creating one, setting its members.

use app::paths;
use app::server_context::ServerContext;
use app::staff::peer_groups::{create_peer_group, set_members};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;

use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// `POST /admin/peer-groups`: a new, empty peer group named as typed.
pub async fn post_peer_group(
    State(ctx): State<ServerContext>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let name = form.field("name").unwrap_or_default();
    create_peer_group(&ctx, form.user(), name)
        .await
        .map_err(|error| form.refuse(error, paths::PEER_GROUPS.pattern(), forms::NEW_PEER_GROUP))?;
    record(
        &ctx.db,
        form.audit(AuditAction::PeerGroupCreated)
            .detail(name.trim()),
    )
    .await;
    Ok(Redirect::to(paths::PEER_GROUPS.pattern()))
}

/// `POST /admin/peer-groups/{id}/members`: the group's members (checkboxes `organisation`).
pub async fn post_peer_group_members(
    State(ctx): State<ServerContext>,
    Path(group_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let members: Vec<i32> = form
        .all("organisation")
        .filter_map(|value| value.parse().ok())
        .collect();
    set_members(&ctx, form.user(), group_id, &members)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::PEER_GROUPS.pattern(),
                forms::peer_group_members(group_id),
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::PeerGroupMembersSet)
            .detail(format!("group {group_id}: {} members", members.len())),
    )
    .await;
    Ok(Redirect::to(paths::PEER_GROUPS.pattern()))
}
