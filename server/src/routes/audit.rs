//! The audit log's export: the events the page's filter shows, as csv (admin only).

use app::server_context::ServerContext;
use app::staff::audit::{audit_export, record};
use app::staff::audit_view::AuditFilter;
use axum::extract::{Query, State};
use axum::response::Response;
use quickscan_domain::audit::AuditAction;
use serde::Deserialize;

use super::exports::{attachment, FileFormat};
use crate::export::{to_csv, Cell, Sheet};
use crate::staff_request::{Refusal, Staff};

/// The page's filter, as its query string gives it.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    person: Option<String>,
    organisation: Option<String>,
    action: Option<String>,
    from: Option<String>,
    until: Option<String>,
}

/// `GET /admin/audit/export.csv`.
pub async fn export_audit_log(
    State(ctx): State<ServerContext>,
    Query(query): Query<AuditQuery>,
    staff: Staff,
) -> Result<Response, Refusal> {
    let non_empty = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = AuditFilter {
        person: non_empty(query.person),
        organisation: non_empty(query.organisation).and_then(|v| v.parse().ok()),
        action: non_empty(query.action),
        from: non_empty(query.from),
        until: non_empty(query.until),
        page: 1,
    };
    let events = audit_export(&ctx, &staff.user, &filter)
        .await
        .map_err(|error| staff.refuse_link(error))?;
    let lang = staff.lang;
    let texts = &lang.texts().audit;
    let sheet = Sheet {
        name: texts.title.to_owned(),
        header: [
            texts.column_at,
            texts.column_who,
            texts.action,
            texts.organisation,
            texts.column_detail,
            texts.column_client,
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: events
            .into_iter()
            .map(|event| {
                let action = match &event.action {
                    Ok(action) => action.label(lang).to_owned(),
                    Err(code) => code.clone(),
                };
                [
                    event.at,
                    event.who,
                    action,
                    event.organisation.unwrap_or_default(),
                    event.detail,
                    event.client,
                ]
                .map(Cell::Text)
                .to_vec()
            })
            .collect(),
    };
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ExportDownloaded)
            .detail("audit-log.csv"),
    )
    .await;
    Ok(attachment(
        to_csv(&sheet).into_bytes(),
        "quickscan-audit-log",
        FileFormat::Csv,
    ))
}
