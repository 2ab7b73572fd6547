//! Downloads: a round's report and the association's comparison as csv and xlsx, and the
//! file responses every download shares.

use app::server_context::ServerContext;
use app::staff::comparison::comparison;
use app::staff::report::{report, round_comments, round_model};
use app::staff::rounds::readable_round;
use app::staff::view::ComparisonFilter;
use app::staff::StaffError;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::export::tables::{comparison_sheet, plan_sheets, report_sheets};
use crate::export::{to_csv, to_xlsx, Sheet};
use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, Staff};

/// The formats a download comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated, UTF-8 with a byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl FileFormat {
    fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A file name made only of safe characters.
fn file_name(stem: &str, format: FileFormat) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{}.{}", safe.trim_matches('-'), format.extension())
}

/// A download: the bytes, as an attachment named after `stem`.
pub fn attachment(bytes: Vec<u8>, stem: &str, format: FileFormat) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name(stem, format)),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Tables as one download.
fn sheets_attachment(
    sheets: &[Sheet],
    stem: &str,
    format: FileFormat,
) -> Result<Response, StaffError> {
    let bytes = match format {
        // Several tables in one csv: each with its header row, separated by a blank line.
        FileFormat::Csv if sheets.len() == 1 => to_csv(&sheets[0]),
        FileFormat::Csv => sheets
            .iter()
            .map(to_csv)
            .collect::<Vec<_>>()
            .join("\r\n")
            .replace("\r\n\u{feff}", "\r\n"),
        FileFormat::Xlsx => {
            let bytes = to_xlsx(sheets).map_err(|error| {
                tracing::error!(%error, "xlsx export failed");
                StaffError::Storage
            })?;
            return Ok(attachment(bytes, stem, format));
        }
    };
    Ok(attachment(bytes.into_bytes(), stem, format))
}

/// `GET /rounds/{id}/export.csv`.
pub async fn export_round_csv(
    state: State<ServerContext>,
    path: Path<i32>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_round(state, path, staff, FileFormat::Csv).await
}

/// `GET /rounds/{id}/export.xlsx`.
pub async fn export_round_xlsx(
    state: State<ServerContext>,
    path: Path<i32>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_round(state, path, staff, FileFormat::Xlsx).await
}

/// The organisation's report of a round.
async fn export_round(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    staff: Staff,
    format: FileFormat,
) -> Result<Response, Refusal> {
    let lang = staff.lang;
    let result = async {
        let (round, _) = readable_round(&ctx.db, &staff.user, round_id).await?;
        let model = round_model(&ctx, &round)?;
        let comments = round_comments(&ctx.db, model, &round, ctx.min_respondents).await?;
        let report = report(&ctx, staff.user.clone(), round_id, lang).await?;
        let stem = format!("quickscan-{}-{}", report.organisation, report.round.name);
        sheets_attachment(&report_sheets(&report, &comments, lang), &stem, format)
    }
    .await;
    let file = result.map_err(|error| staff.refuse_link(error))?;
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ExportDownloaded)
            .round(round_id)
            .detail(format!("report.{}", format.extension())),
    )
    .await;
    Ok(file)
}

/// `GET /rounds/{id}/plan.csv`.
pub async fn export_plan_csv(
    state: State<ServerContext>,
    path: Path<i32>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_plan(state, path, staff, FileFormat::Csv).await
}

/// `GET /rounds/{id}/plan.xlsx`.
pub async fn export_plan_xlsx(
    state: State<ServerContext>,
    path: Path<i32>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_plan(state, path, staff, FileFormat::Xlsx).await
}

/// The action plan drawn up from a round, for the council.
async fn export_plan(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    staff: Staff,
    format: FileFormat,
) -> Result<Response, Refusal> {
    let lang = staff.lang;
    let result = async {
        let plan = app::staff::plans::plan_page(&ctx, staff.user.clone(), round_id).await?;
        let stem = format!("quickscan-plan-{}-{}", plan.organisation, plan.round_label);
        sheets_attachment(&plan_sheets(&plan, lang), &stem, format)
    }
    .await;
    let file = result.map_err(|error| staff.refuse_link(error))?;
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ExportDownloaded)
            .round(round_id)
            .detail(format!("plan.{}", format.extension())),
    )
    .await;
    Ok(file)
}

/// The comparison export's query: the page's filter.
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    province: Option<String>,
    kind: Option<String>,
    size: Option<String>,
    sort: Option<String>,
    desc: Option<String>,
}

/// `GET /association/export.csv`.
pub async fn export_comparison_csv(
    state: State<ServerContext>,
    query: Query<ExportQuery>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_comparison(state, query, staff, FileFormat::Csv).await
}

/// `GET /association/export.xlsx`.
pub async fn export_comparison_xlsx(
    state: State<ServerContext>,
    query: Query<ExportQuery>,
    staff: Staff,
) -> Result<Response, Refusal> {
    export_comparison(state, query, staff, FileFormat::Xlsx).await
}

/// The comparison as filtered on the page.
async fn export_comparison(
    State(ctx): State<ServerContext>,
    Query(query): Query<ExportQuery>,
    staff: Staff,
    format: FileFormat,
) -> Result<Response, Refusal> {
    let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
    let filter = ComparisonFilter {
        province: non_empty(query.province),
        kind: non_empty(query.kind),
        size: non_empty(query.size),
        sort: non_empty(query.sort),
        descending: query.desc.as_deref() == Some("1"),
    };
    let lang = staff.lang;
    let result = async {
        let view = comparison(&ctx, staff.user.clone(), filter, lang).await?;
        sheets_attachment(
            &[comparison_sheet(&view, lang)],
            "quickscan-comparison",
            format,
        )
    }
    .await;
    let file = result.map_err(|error| staff.refuse_link(error))?;
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ExportDownloaded)
            .detail(format!("comparison.{}", format.extension())),
    )
    .await;
    Ok(file)
}
