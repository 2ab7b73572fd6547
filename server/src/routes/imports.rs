//! Spreadsheet imports: the template, the upload (read in the sandbox, validated, recorded as a
//! dry run) and the confirmation that writes it.

use app::auth::CSRF_FIELD;
use app::paths;
use app::server_context::ServerContext;
use app::staff::audit::record;
use app::staff::import::{
    apply_upload, confirmable_upload, importable_organisation, record_upload, ApplyError, NewUpload,
};
use app::staff::refusal::forms;
use app::staff::session::check_csrf;
use app::staff::StaffError;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use quickscan_domain::audit::AuditAction;
use quickscan_domain::import::{validate_workbook, ImportProblem, Validated};
use serde::Deserialize;

use super::exports::{attachment, FileFormat};
use crate::import::template::template_xlsx;
use crate::import::{content_hash, ReaderSandbox};
use crate::staff_request::{Refusal, Staff, StaffForm};

/// What the upload form sent.
#[derive(Default)]
pub(crate) struct UploadForm {
    pub(crate) csrf: Option<String>,
    organisation: Option<String>,
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
}

impl UploadForm {
    /// The fields to fill back in on a refusal (never the token or the file).
    fn kept_fields(&self) -> Vec<(String, String)> {
        self.organisation
            .iter()
            .map(|o| ("organisation".to_owned(), o.clone()))
            .collect()
    }
}

/// Reads an upload form (the file, the CSRF token, an organisation) up to `limit` bytes.
pub(crate) async fn read_upload(
    mut multipart: Multipart,
    limit: u64,
) -> Result<UploadForm, StaffError> {
    let too_large = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            StaffError::UploadTooLarge
        } else {
            StaffError::UploadIncomplete
        }
    };
    let mut form = UploadForm::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|error| too_large(error.status()))?
    {
        match field.name().unwrap_or_default() {
            "file" => {
                form.file_name = field.file_name().unwrap_or("upload").to_owned();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|error| too_large(error.status()))?
                {
                    if (form.bytes.len() + chunk.len()) as u64 > limit {
                        return Err(StaffError::UploadTooLarge);
                    }
                    form.bytes.extend_from_slice(&chunk);
                }
            }
            name @ (CSRF_FIELD | "organisation") => {
                let name = name.to_owned();
                let value = field
                    .text()
                    .await
                    .map_err(|_| StaffError::UploadIncomplete)?;
                if value.len() > 200 {
                    return Err(StaffError::UploadIncomplete);
                }
                if name == CSRF_FIELD {
                    form.csrf = Some(value);
                } else {
                    form.organisation = Some(value);
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /import`: reads the file in the sandbox, validates it, records the dry run and shows
/// the preview. Nothing is imported here.
pub async fn post_upload(
    State(ctx): State<ServerContext>,
    State(reader): State<ReaderSandbox>,
    staff: Staff,
    multipart: Multipart,
) -> Result<Redirect, Refusal> {
    let refuse = |error: StaffError, kept: Vec<(String, String)>| {
        let mut refusal = staff.refuse(error, paths::IMPORT.pattern(), forms::UPLOAD);
        refusal.keep(kept);
        refusal
    };
    let form = read_upload(multipart, ctx.upload_limit_bytes)
        .await
        .map_err(|error| refuse(error, Vec::new()))?;
    check_csrf(&staff.user, form.csrf.as_deref()).map_err(|error| staff.refuse_link(error))?;
    let organisation_id = form
        .organisation
        .as_deref()
        .and_then(|v| v.trim().parse::<i32>().ok())
        .ok_or_else(|| refuse(StaffError::OrganisationNotFound, form.kept_fields()))?;
    let organisation = importable_organisation(&ctx.db, &staff.user, organisation_id)
        .await
        .map_err(|error| refuse(error, form.kept_fields()))?;
    let model = ctx.models.current();
    // The turn is held until the dry run is recorded: the workbook and its validation are
    // tens of megabytes for a large file, and twelve uploads at once must not hold twelve.
    let turn = reader.turn().await;
    let read = match &turn {
        Ok(turn) => reader.read_in(turn, &form.bytes, &form.file_name).await,
        Err(failure) => Err(failure.clone()),
    };
    let validated = match read {
        Ok(workbook) => validate_workbook(&workbook, model, &organisation.code),
        Err(failure) => Validated::failed(ImportProblem::unreadable(failure)),
    };
    let upload_id = record_upload(
        &ctx.db,
        NewUpload {
            organisation_id,
            uploaded_by: Some(staff.user.id),
            file_name: &form.file_name,
            content_hash: &content_hash(&form.bytes),
            byte_size: form.bytes.len() as u64,
            validated: &validated,
        },
    )
    .await
    .map_err(|error| refuse(StaffError::from(error), form.kept_fields()))?;
    drop(validated);
    drop(turn);
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ImportPreviewed)
            .organisation(organisation_id)
            .detail(format!("upload {upload_id}")),
    )
    .await;
    Ok(Redirect::to(&paths::IMPORT_PREVIEW.with(upload_id)))
}

/// `POST /import/{id}/confirm`: writes the upload's answers in one transaction.
pub async fn post_confirm(
    State(ctx): State<ServerContext>,
    Path(upload_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let preview = paths::IMPORT_PREVIEW.with(upload_id);
    let refuse = |error: StaffError| form.refuse(error, preview.clone(), forms::CONFIRM_IMPORT);
    let upload = confirmable_upload(&ctx.db, form.user(), upload_id)
        .await
        .map_err(refuse)?;
    match apply_upload(&ctx.db, ctx.models.current(), upload_id, &mut |_, _| {}).await {
        Ok(applied) => {
            record(
                &ctx.db,
                form.audit(AuditAction::ImportConfirmed)
                    .organisation(upload.organisation_id)
                    .detail(format!(
                        "upload {upload_id}: {} respondents",
                        applied.respondents
                    )),
            )
            .await;
            Ok(Redirect::to(&preview))
        }
        // An upload with problems has nothing to write; its preview says why.
        Err(ApplyError::HasProblems) => Ok(Redirect::to(&preview)),
        Err(ApplyError::NotFound) => Err(refuse(StaffError::UploadNotFound)),
        Err(ApplyError::Database(error)) => Err(refuse(StaffError::from(error))),
    }
}

/// The template's query.
#[derive(Debug, Deserialize)]
pub struct TemplateQuery {
    organisation: i32,
}

/// `GET /import/template.xlsx?organisation=ID`.
pub async fn get_template(
    State(ctx): State<ServerContext>,
    staff: Staff,
    Query(query): Query<TemplateQuery>,
) -> Result<Response, Refusal> {
    let organisation = importable_organisation(&ctx.db, &staff.user, query.organisation)
        .await
        .map_err(|error| staff.refuse_link(error))?;
    let bytes =
        template_xlsx(ctx.models.current(), &organisation.code, staff.lang).map_err(|error| {
            tracing::error!(%error, "template could not be written");
            staff.refuse_link(StaffError::Storage)
        })?;
    let code: String = organisation
        .code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    Ok(attachment(
        bytes,
        &format!("quickscan-template-{code}"),
        FileFormat::Xlsx,
    ))
}
