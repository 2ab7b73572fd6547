//! `GET /rounds/{id}/export.{csv,xlsx}` and `GET /association/export.{csv,xlsx}`.

use app::server_context::ServerContext;
use app::staff::comparison::comparison;
use app::staff::report::{report, round_comments, round_model};
use app::staff::service::{readable_round, user_from_headers};
use app::staff::view::ComparisonFilter;
use app::staff::StaffError;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use quickscan_domain::Lang;
use serde::Deserialize;

use super::error_page::{error_page, request_lang};
use crate::export::tables::{comparison_sheet, report_sheets};
use crate::export::{to_csv, to_xlsx, Sheet};

/// The formats an export comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

/// A file name made only of safe characters.
fn file_name(stem: &str, format: Format) -> String {
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
    let extension = match format {
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    };
    format!("{}.{extension}", safe.trim_matches('-'))
}

fn respond(sheets: &[Sheet], stem: &str, format: Format) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file_name(stem, format));
    match format {
        Format::Csv => {
            // Several tables in one csv: each after a line naming it, separated by a blank line.
            let body = if sheets.len() == 1 {
                to_csv(&sheets[0])
            } else {
                sheets
                    .iter()
                    .map(to_csv)
                    .collect::<Vec<_>>()
                    .join("\r\n")
                    .replace("\r\n\u{feff}", "\r\n")
            };
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                body,
            )
                .into_response()
        }
        Format::Xlsx => match to_xlsx(sheets) {
            Ok(bytes) => (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_owned(),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response(),
            Err(error) => {
                tracing::error!(%error, "xlsx export failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
    }
}

fn refuse(lang: Lang, error: &StaffError) -> Response {
    if matches!(error, StaffError::NotLoggedIn) {
        return Redirect::to("/login").into_response();
    }
    error_page(
        lang,
        error.status(),
        error.message(lang),
        "/dashboard",
        app::i18n::StaffText::BackToDashboard.tr(lang),
    )
}

/// `GET /rounds/{id}/export.csv`.
pub async fn export_round_csv(
    state: State<ServerContext>,
    path: Path<i32>,
    headers: HeaderMap,
) -> Response {
    export_round(state, path, headers, Format::Csv).await
}

/// `GET /rounds/{id}/export.xlsx`.
pub async fn export_round_xlsx(
    state: State<ServerContext>,
    path: Path<i32>,
    headers: HeaderMap,
) -> Response {
    export_round(state, path, headers, Format::Xlsx).await
}

/// The organisation's report of a round.
async fn export_round(
    State(ctx): State<ServerContext>,
    Path(round_id): Path<i32>,
    headers: HeaderMap,
    format: Format,
) -> Response {
    let lang = request_lang(&headers);
    let result = async {
        let user = user_from_headers(&ctx.db, &headers)
            .await?
            .ok_or(StaffError::NotLoggedIn)?;
        let (round, _) = readable_round(&ctx.db, &user, round_id).await?;
        let model = round_model(&ctx, &round)?;
        let comments = round_comments(&ctx.db, model, round.id).await?;
        let report = report(&ctx, user, round_id, lang).await?;
        Ok::<_, StaffError>((
            report_sheets(&report, &comments, lang),
            format!("quickscan-{}-{}", report.organisation, report.round.name),
        ))
    }
    .await;
    match result {
        Ok((sheets, stem)) => respond(&sheets, &stem, format),
        Err(error) => refuse(lang, &error),
    }
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
    headers: HeaderMap,
) -> Response {
    export_comparison(state, query, headers, Format::Csv).await
}

/// `GET /association/export.xlsx`.
pub async fn export_comparison_xlsx(
    state: State<ServerContext>,
    query: Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    export_comparison(state, query, headers, Format::Xlsx).await
}

/// The comparison as filtered on the page.
async fn export_comparison(
    State(ctx): State<ServerContext>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
    format: Format,
) -> Response {
    let lang = request_lang(&headers);
    let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
    let filter = ComparisonFilter {
        province: non_empty(query.province),
        kind: non_empty(query.kind),
        size: non_empty(query.size),
        sort: non_empty(query.sort),
        descending: query.desc.as_deref() == Some("1"),
    };
    let result = async {
        let user = user_from_headers(&ctx.db, &headers)
            .await?
            .ok_or(StaffError::NotLoggedIn)?;
        comparison(&ctx, user, filter, lang).await
    }
    .await;
    match result {
        Ok(view) => respond(
            &[comparison_sheet(&view, lang)],
            "quickscan-comparison",
            format,
        ),
        Err(error) => refuse(lang, &error),
    }
}
