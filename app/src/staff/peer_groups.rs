//! Peer groups the association defines: create one, set its members.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use super::view::{PeerGroupRow, PeerGroupsView};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{organisation, peer_group, peer_group_member};
use crate::server_context::ServerContext;

fn require_access(user: &StaffUser) -> Result<(), StaffError> {
    if user.may(Action::ManagePeerGroups, None) {
        Ok(())
    } else {
        Err(StaffError::Forbidden)
    }
}

/// The peer groups page.
pub async fn peer_groups(
    ctx: &ServerContext,
    user: StaffUser,
) -> Result<PeerGroupsView, StaffError> {
    require_access(&user)?;
    let mut members: HashMap<i32, Vec<i32>> = HashMap::new();
    for member in peer_group_member::Entity::find().all(&ctx.db).await? {
        members
            .entry(member.peer_group_id)
            .or_default()
            .push(member.organisation_id);
    }
    Ok(PeerGroupsView {
        groups: peer_group::Entity::find()
            .order_by_asc(peer_group::Column::Name)
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|g| PeerGroupRow {
                members: members.remove(&g.id).unwrap_or_default(),
                id: g.id,
                name: g.name,
            })
            .collect(),
        organisations: organisation::Entity::find()
            .order_by_asc(organisation::Column::Name)
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
        user,
    })
}

/// Creates an empty peer group.
pub async fn create_peer_group(
    ctx: &ServerContext,
    user: &StaffUser,
    name: &str,
) -> Result<i32, StaffError> {
    require_access(user)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StaffError::InvalidPeerGroupName);
    }
    if peer_group::Entity::find()
        .filter(peer_group::Column::Name.eq(name))
        .one(&ctx.db)
        .await?
        .is_some()
    {
        return Err(StaffError::PeerGroupNameTaken);
    }
    // The check above answers the common case kindly; the unique index decides a race, and a
    // request that loses it gets the same answer instead of a storage error.
    peer_group::ActiveModel {
        name: Set(name.to_owned()),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await
    .map(|group| group.id)
    .map_err(|error| match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => StaffError::PeerGroupNameTaken,
        _ => StaffError::from(error),
    })
}

/// Replaces a peer group's members, then recomputes every benchmark (membership changed).
/// Refused when the new membership could be differenced against another group (see
/// [`quickscan_domain::differencing_group`]).
pub async fn set_members(
    ctx: &ServerContext,
    user: &StaffUser,
    group_id: i32,
    organisation_ids: &[i32],
) -> Result<(), StaffError> {
    require_access(user)?;
    if peer_group::Entity::find_by_id(group_id)
        .one(&ctx.db)
        .await?
        .is_none()
    {
        return Err(StaffError::PeerGroupNotFound);
    }
    let known: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(organisation_ids.iter().copied()))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    // A membership one could difference against another shown group (automatic or custom)
    // would single out the organisations that make the difference: refused, nothing written.
    let organisations = super::benchmarks::peer_organisations(&ctx.db).await?;
    if quickscan_domain::differencing_group(
        group_id,
        &known,
        &organisations,
        ctx.anonymity_threshold,
    )
    .is_some()
    {
        return Err(StaffError::PeerGroupDifferencing);
    }
    let txn = ctx.db.begin().await?;
    peer_group_member::Entity::delete_many()
        .filter(peer_group_member::Column::PeerGroupId.eq(group_id))
        .exec(&txn)
        .await?;
    for organisation_id in known {
        peer_group_member::ActiveModel {
            peer_group_id: Set(group_id),
            organisation_id: Set(organisation_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    super::benchmarks::recompute_all(
        &ctx.db,
        &quickscan_domain::DimensionCounts::of_models(ctx.models.all()),
        ctx.anonymity_threshold,
    )
    .await
}
