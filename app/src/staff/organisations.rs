//! Organisations: an organisation's page with its rounds, and the association adding
//! organisations and editing their details (admin only).

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use quickscan_domain::organisation::{parse_organisation, OrganisationDetails};
use quickscan_domain::AnonymityThreshold;

use super::view::{OrganisationInfo, OrganisationPanel};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{organisation, peer_group_member, round};
use crate::server_context::ServerContext;

/// An organisation's details as typed into its form.
#[derive(Debug, Clone, Copy)]
pub struct OrganisationForm<'a> {
    /// The NIS code.
    pub code: &'a str,
    /// The name.
    pub name: &'a str,
    /// The kind (a code or a label).
    pub kind: &'a str,
    /// The province.
    pub province: &'a str,
    /// The population.
    pub population: &'a str,
    /// Whether it takes part.
    pub active: bool,
}

impl OrganisationForm<'_> {
    fn parse(&self) -> Result<OrganisationDetails, StaffError> {
        parse_organisation(
            self.code,
            self.name,
            self.kind,
            self.province,
            self.population,
        )
        .map_err(StaffError::InvalidOrganisation)
    }
}

/// The details of a stored organisation.
fn info(organisation: &organisation::Model) -> OrganisationInfo {
    OrganisationInfo {
        id: organisation.id,
        details: OrganisationDetails {
            code: organisation.code.clone(),
            name: organisation.name.clone(),
            kind: organisation.kind(),
            province: organisation.province.clone(),
            population: u32::try_from(organisation.population).unwrap_or_default(),
        },
        active: organisation.active,
    }
}

/// An organisation with its rounds, as `user` may see it (the caller checked they may read it).
pub(super) async fn panel(
    db: &impl ConnectionTrait,
    user: &StaffUser,
    organisation: &organisation::Model,
    threshold: AnonymityThreshold,
) -> Result<OrganisationPanel, StaffError> {
    let rounds = round::Entity::find()
        .filter(round::Column::OrganisationId.eq(organisation.id))
        .order_by_desc(round::Column::OpenedAt)
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let counts = super::dashboard::progress(db, &ids).await?;
    let results = super::dashboard::with_results(db, &ids).await?;
    Ok(OrganisationPanel {
        user: user.clone(),
        organisation: info(organisation),
        rounds: rounds
            .iter()
            .map(|r| {
                super::dashboard::summary(r, counts.get(&r.id), results.contains(&r.id), threshold)
            })
            .collect(),
        can_open_round: organisation.active
            && user.may(Action::ManageRounds, Some(organisation.id)),
        can_edit: user.may(Action::ManageOrganisations, Some(organisation.id)),
        can_invite_coordinator: organisation.active
            && user.may(Action::InviteCoordinator, Some(organisation.id)),
        default_round_name: super::dashboard::default_round_name(),
    })
}

/// An organisation's page. Whether it exists is told only to those who may read it.
pub async fn organisation_page(
    ctx: &ServerContext,
    user: StaffUser,
    organisation_id: i32,
) -> Result<OrganisationPanel, StaffError> {
    if !user.may(Action::ReadOrganisation, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    panel(&ctx.db, &user, &organisation, ctx.min_respondents).await
}

/// Whether `user` may add organisations (the "add an organisation" page).
pub fn may_add_organisations(user: &StaffUser) -> Result<(), StaffError> {
    if user.may(Action::ManageOrganisations, None) {
        Ok(())
    } else {
        Err(StaffError::Forbidden)
    }
}

/// A unique violation on the NIS code (a concurrent request won the race) as its refusal.
fn code_taken_or(error: sea_orm::DbErr) -> StaffError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => StaffError::OrganisationCodeTaken,
        _ => StaffError::from(error),
    }
}

/// Whether another organisation than `except` has `code`.
async fn code_taken(
    db: &impl ConnectionTrait,
    code: &str,
    except: Option<i32>,
) -> Result<bool, StaffError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some_and(|o| Some(o.id) != except))
}

/// Adds an organisation; answers its id.
pub async fn create_organisation(
    ctx: &ServerContext,
    user: &StaffUser,
    form: OrganisationForm<'_>,
) -> Result<i32, StaffError> {
    may_add_organisations(user)?;
    let details = form.parse()?;
    if code_taken(&ctx.db, &details.code, None).await? {
        return Err(StaffError::OrganisationCodeTaken);
    }
    // The check above answers the common case kindly; the unique index decides a race.
    let created = organisation::ActiveModel {
        code: Set(details.code),
        name: Set(details.name),
        kind: Set(details.kind.into()),
        province: Set(details.province),
        population: Set(population_column(details.population)),
        active: Set(form.active),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await
    .map_err(code_taken_or)?;
    // A new organisation has no results yet: no benchmark changes.
    Ok(created.id)
}

fn population_column(population: u32) -> i32 {
    // `parse_population` caps the value well inside an i32.
    i32::try_from(population).unwrap_or(i32::MAX)
}

/// Replaces an organisation's details. A change that moves it between peer groups (province,
/// kind, size) or in or out of use recomputes every benchmark; one that would let a custom
/// peer group be differenced against another is refused, and nothing is written.
pub async fn update_organisation(
    ctx: &ServerContext,
    user: &StaffUser,
    organisation_id: i32,
    form: OrganisationForm<'_>,
) -> Result<(), StaffError> {
    if !user.may(Action::ManageOrganisations, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    let details = form.parse()?;
    let txn = ctx.db.begin().await?;
    let Some(stored) = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
    else {
        return Err(StaffError::OrganisationNotFound);
    };
    if code_taken(&txn, &details.code, Some(organisation_id)).await? {
        return Err(StaffError::OrganisationCodeTaken);
    }
    let regroups = stored.active != form.active
        || stored.province != details.province
        || stored.kind() != details.kind
        || quickscan_domain::SizeClass::from_population(i64::from(stored.population))
            != quickscan_domain::SizeClass::from_population(i64::from(details.population));
    let mut changed: organisation::ActiveModel = stored.into();
    changed.code = Set(details.code);
    changed.name = Set(details.name);
    changed.kind = Set(details.kind.into());
    changed.province = Set(details.province);
    changed.population = Set(population_column(details.population));
    changed.active = Set(form.active);
    changed.update(&txn).await.map_err(code_taken_or)?;
    if regroups {
        refuse_differencing(&txn, ctx.anonymity_threshold).await?;
    }
    txn.commit().await?;
    if regroups {
        super::benchmarks::recompute_all(
            &ctx.db,
            &quickscan_domain::DimensionCounts::of_models(ctx.models.all()),
            ctx.anonymity_threshold,
        )
        .await?;
    }
    Ok(())
}

/// Refuses the organisations as they now stand (inside the caller's transaction) when a custom
/// peer group could be differenced against another group: an organisation moving out of a
/// size class or out of use changes the automatic groups a custom one is compared with.
async fn refuse_differencing(
    db: &impl ConnectionTrait,
    threshold: AnonymityThreshold,
) -> Result<(), StaffError> {
    let organisations = super::benchmarks::peer_organisations(db).await?;
    let mut members: std::collections::BTreeMap<i32, Vec<i32>> = Default::default();
    for member in peer_group_member::Entity::find().all(db).await? {
        members
            .entry(member.peer_group_id)
            .or_default()
            .push(member.organisation_id);
    }
    for (group_id, members) in members {
        let taking_part: Vec<i32> = members
            .into_iter()
            .filter(|id| organisations.iter().any(|o| o.id == *id))
            .collect();
        if quickscan_domain::differencing_group(group_id, &taking_part, &organisations, threshold)
            .is_some()
        {
            return Err(StaffError::OrganisationChangeDifferencing);
        }
    }
    Ok(())
}

/// Deletes an organisation with everything it owns (rounds, invitations, answers, results,
/// uploads, its coordinators' accounts) once `typed` is its name; then every benchmark is
/// recomputed without it. Answers the deleted organisation's NIS code and name.
pub async fn delete_organisation(
    ctx: &ServerContext,
    user: &StaffUser,
    organisation_id: i32,
    typed: &str,
) -> Result<(String, String), StaffError> {
    if !user.may(Action::ManageOrganisations, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    if typed.trim().to_lowercase() != organisation.name.trim().to_lowercase() {
        return Err(StaffError::DeletionNotConfirmed);
    }
    let txn = ctx.db.begin().await?;
    // Its coordinators belong to it; advisors keep their other organisations.
    crate::db::user::Entity::delete_many()
        .filter(crate::db::user::Column::OrganisationId.eq(organisation_id))
        .exec(&txn)
        .await?;
    // Everything else it owns goes with it (foreign keys cascade).
    organisation::Entity::delete_by_id(organisation_id)
        .exec(&txn)
        .await?;
    refuse_differencing(&txn, ctx.anonymity_threshold).await?;
    txn.commit().await?;
    super::benchmarks::recompute_all(
        &ctx.db,
        &quickscan_domain::DimensionCounts::of_models(ctx.models.all()),
        ctx.anonymity_threshold,
    )
    .await?;
    Ok((organisation.code, organisation.name))
}

/// What confirming `list` would change, organisation by organisation (admin only).
pub async fn preview_list(
    ctx: &ServerContext,
    user: &StaffUser,
    file_name: &str,
    list: Vec<OrganisationDetails>,
) -> Result<super::organisation_view::ListPreview, StaffError> {
    may_add_organisations(user)?;
    list_changes(&ctx.db, file_name, list).await
}

/// What writing `list` would change (the caller checked who may).
pub async fn list_changes(
    db: &impl ConnectionTrait,
    file_name: &str,
    list: Vec<OrganisationDetails>,
) -> Result<super::organisation_view::ListPreview, StaffError> {
    use super::organisation_view::{ListChange, ListPreview};
    let stored: std::collections::HashMap<String, OrganisationDetails> =
        organisation::Entity::find()
            .all(db)
            .await?
            .iter()
            .map(|o| (o.code.clone(), info(o).details))
            .collect();
    Ok(ListPreview {
        file_name: file_name.to_owned(),
        rows: list
            .into_iter()
            .map(|details| {
                let change = match stored.get(&details.code) {
                    None => ListChange::New,
                    Some(same) if *same == details => ListChange::Unchanged,
                    Some(_) => ListChange::Updated,
                };
                (details, change)
            })
            .collect(),
    })
}

/// Writes a checked list in one transaction, keyed by NIS code: new codes are added (taking
/// part), known ones get these details (keeping whether they take part); the same list twice
/// changes nothing. Answers (added, updated). Like a single edit, a list after which a custom
/// peer group could be differenced is refused whole.
pub async fn import_list(
    ctx: &ServerContext,
    user: &StaffUser,
    list: &[OrganisationDetails],
) -> Result<(usize, usize), StaffError> {
    may_add_organisations(user)?;
    write_list(ctx, list).await
}

/// Writes a checked list (the caller checked who may): see [`import_list`].
pub async fn write_list(
    ctx: &ServerContext,
    list: &[OrganisationDetails],
) -> Result<(usize, usize), StaffError> {
    let mut codes = std::collections::HashSet::new();
    if list.iter().any(|d| !codes.insert(d.code.as_str())) {
        return Err(StaffError::OrganisationCodeTaken);
    }
    let txn = ctx.db.begin().await?;
    let stored: std::collections::HashMap<String, organisation::Model> =
        organisation::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|o| (o.code.clone(), o))
            .collect();
    let (mut added, mut updated) = (0, 0);
    for details in list {
        match stored.get(&details.code) {
            Some(existing) if info(existing).details == *details => {}
            Some(existing) => {
                let mut changed: organisation::ActiveModel = existing.clone().into();
                changed.name = Set(details.name.clone());
                changed.kind = Set(details.kind.into());
                changed.province = Set(details.province.clone());
                changed.population = Set(population_column(details.population));
                changed.update(&txn).await?;
                updated += 1;
            }
            None => {
                organisation::ActiveModel {
                    code: Set(details.code.clone()),
                    name: Set(details.name.clone()),
                    kind: Set(details.kind.into()),
                    province: Set(details.province.clone()),
                    population: Set(population_column(details.population)),
                    active: Set(true),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(code_taken_or)?;
                added += 1;
            }
        }
    }
    if updated > 0 {
        refuse_differencing(&txn, ctx.anonymity_threshold).await?;
    }
    txn.commit().await?;
    if updated > 0 {
        super::benchmarks::recompute_all(
            &ctx.db,
            &quickscan_domain::DimensionCounts::of_models(ctx.models.all()),
            ctx.anonymity_threshold,
        )
        .await?;
    }
    Ok((added, updated))
}

/// Every organisation, for the list's export (admin only): details and whether it takes part.
pub async fn organisation_list(
    ctx: &ServerContext,
    user: &StaffUser,
) -> Result<Vec<(OrganisationDetails, bool)>, StaffError> {
    may_add_organisations(user)?;
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(&ctx.db)
        .await?
        .iter()
        .map(|o| (info(o).details, o.active))
        .collect())
}
