//! The audit log: recording staff actions, keeping them for the retention period, and the
//! admin's filtered view and export.

use chrono::{DateTime, NaiveDate, Utc};
use quickscan_domain::audit::AuditAction;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::audit_view::{AuditFilter, AuditRow, AuditView, EVENTS_PER_PAGE};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{audit_event, organisation, round};
use crate::server_context::ServerContext;

/// The most events one export holds (newest first).
pub const MAX_EXPORTED_EVENTS: u64 = 100_000;

/// One action to record.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// The account that acted, if known.
    pub actor_id: Option<i32>,
    /// Its address (or what was typed, for a refused sign-in).
    pub actor_email: &'a str,
    /// What happened.
    pub action: AuditAction,
    /// The organisation concerned, if known.
    pub organisation_id: Option<i32>,
    /// A round concerned: its organisation is looked up when `organisation_id` is `None`.
    pub round_id: Option<i32>,
    /// Ids, names, counts; never a respondent's address.
    pub detail: String,
    /// The client address.
    pub client: &'a str,
}

impl<'a> AuditEntry<'a> {
    /// An action of `user` from `client`.
    pub fn by(user: &'a StaffUser, client: &'a str, action: AuditAction) -> AuditEntry<'a> {
        AuditEntry {
            actor_id: Some(user.id),
            actor_email: &user.email,
            action,
            organisation_id: None,
            round_id: None,
            detail: String::new(),
            client,
        }
    }

    /// About this organisation.
    pub fn organisation(mut self, id: i32) -> Self {
        self.organisation_id = Some(id);
        self
    }

    /// About this round (and so its organisation).
    pub fn round(mut self, id: i32) -> Self {
        self.round_id = Some(id);
        self
    }

    /// With these details.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// Records an action. A failure to record is logged and does not undo or refuse the action
/// it records (it happened); the log line carries what the row would have.
pub async fn record(db: &impl ConnectionTrait, entry: AuditEntry<'_>) {
    let result = async {
        let organisation_id = match (entry.organisation_id, entry.round_id) {
            (Some(id), _) => Some(id),
            (None, Some(round_id)) => round::Entity::find_by_id(round_id)
                .one(db)
                .await?
                .map(|r| r.organisation_id),
            (None, None) => None,
        };
        let detail = match entry.round_id {
            Some(round_id) if entry.detail.is_empty() => format!("round {round_id}"),
            Some(round_id) => format!("round {round_id}: {}", entry.detail),
            None => entry.detail.clone(),
        };
        audit_event::ActiveModel {
            at: Set(Utc::now()),
            actor_id: Set(entry.actor_id),
            actor_email: Set(entry.actor_email.chars().take(254).collect()),
            action: Set(entry.action.code().to_owned()),
            organisation_id: Set(organisation_id),
            detail: Set(detail.chars().take(1000).collect()),
            client: Set(entry.client.chars().take(64).collect()),
            ..Default::default()
        }
        .insert(db)
        .await
    }
    .await;
    if let Err(error) = result {
        tracing::error!(
            %error,
            action = entry.action.code(),
            actor = entry.actor_email,
            "an audit event could not be recorded"
        );
    }
}

/// Deletes events older than the retention period; answers how many.
pub async fn purge(
    db: &impl ConnectionTrait,
    retention_days: u64,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    let days = i64::try_from(retention_days).unwrap_or(i64::MAX / 86_400_000);
    let cutoff = now - chrono::Duration::days(days);
    Ok(audit_event::Entity::delete_many()
        .filter(audit_event::Column::At.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}

fn require(user: &StaffUser) -> Result<(), StaffError> {
    if user.may(Action::ViewAuditLog, None) {
        Ok(())
    } else {
        Err(StaffError::Forbidden)
    }
}

/// A day as typed; `Err` when it is not `YYYY-MM-DD`.
fn day(typed: Option<&str>) -> Result<Option<NaiveDate>, ()> {
    match typed.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

/// The condition of a filter, and whether one of its dates did not parse (left out).
fn condition(filter: &AuditFilter) -> (Condition, bool) {
    let mut condition = Condition::all();
    if let Some(person) = filter
        .person
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        condition = condition.add(audit_event::Column::ActorEmail.contains(person.to_lowercase()));
    }
    if let Some(id) = filter.organisation {
        condition = condition.add(audit_event::Column::OrganisationId.eq(id));
    }
    if let Some(action) = filter.action.as_deref().and_then(AuditAction::from_code) {
        condition = condition.add(audit_event::Column::Action.eq(action.code()));
    }
    let mut bad_date = false;
    match day(filter.from.as_deref()) {
        Ok(Some(from)) => {
            condition = condition
                .add(audit_event::Column::At.gte(from.and_time(Default::default()).and_utc()));
        }
        Ok(None) => {}
        Err(()) => bad_date = true,
    }
    match day(filter.until.as_deref()) {
        Ok(Some(until)) => {
            let next = until.succ_opt().unwrap_or(until);
            condition = condition
                .add(audit_event::Column::At.lt(next.and_time(Default::default()).and_utc()));
        }
        Ok(None) => {}
        Err(()) => bad_date = true,
    }
    (condition, bad_date)
}

async fn rows(
    db: &impl ConnectionTrait,
    events: Vec<audit_event::Model>,
) -> Result<Vec<AuditRow>, StaffError> {
    let names: std::collections::HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(events.iter().filter_map(|e| e.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(events
        .into_iter()
        .map(|event| AuditRow {
            at: event.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            action: AuditAction::from_code(&event.action).ok_or(event.action),
            organisation: event
                .organisation_id
                .map(|id| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
            who: event.actor_email,
            detail: event.detail,
            client: event.client,
        })
        .collect())
}

/// The admin's view of the log: one page of the filtered events, newest first.
pub async fn audit_page(
    ctx: &ServerContext,
    user: StaffUser,
    filter: AuditFilter,
) -> Result<AuditView, StaffError> {
    require(&user)?;
    let (condition, bad_date) = condition(&filter);
    let total = audit_event::Entity::find()
        .filter(condition.clone())
        .count(&ctx.db)
        .await?;
    let page_count = (total as usize).div_ceil(EVENTS_PER_PAGE).max(1);
    let page = filter.page.clamp(1, page_count);
    let events = audit_event::Entity::find()
        .filter(condition)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .offset(((page - 1) * EVENTS_PER_PAGE) as u64)
        .limit(EVENTS_PER_PAGE as u64)
        .all(&ctx.db)
        .await?;
    Ok(AuditView {
        events: rows(&ctx.db, events).await?,
        organisations: organisation::Entity::find()
            .order_by_asc(organisation::Column::Name)
            .all(&ctx.db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
        retention_days: ctx.audit_retention_days,
        user,
        filter: AuditFilter { page, ..filter },
        bad_date,
        total,
        page_count,
    })
}

/// The filtered events for an export, newest first, at most [`MAX_EXPORTED_EVENTS`].
pub async fn audit_export(
    ctx: &ServerContext,
    user: &StaffUser,
    filter: &AuditFilter,
) -> Result<Vec<AuditRow>, StaffError> {
    require(user)?;
    let (condition, _) = condition(filter);
    let events = audit_event::Entity::find()
        .filter(condition)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(MAX_EXPORTED_EVENTS)
        .all(&ctx.db)
        .await?;
    rows(&ctx.db, events).await
}
