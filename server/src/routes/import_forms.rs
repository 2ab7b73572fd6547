//! `POST /import` (multipart upload → dry run → preview page), `POST /import/{id}/confirm` and
//! `GET /import/template.xlsx?organisation=ID`.

use std::collections::HashMap;

use app::auth::CSRF_FIELD;
use app::db::import_upload;
use app::server_context::ServerContext;
use app::staff::import::{
    apply_upload, importable_organisation, record_upload, ApplyError, NewUpload,
};
use app::staff::service::{check_csrf, user_from_headers};
use app::staff::StaffError;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use quickscan_domain::import::{validate_workbook, ImportProblem, ReadFailure, Validated};
use quickscan_domain::Lang;
use sea_orm::EntityTrait;
use serde::Deserialize;

use super::error_page::{error_page, request_lang};
use super::staff_forms::{authorised, staff_error};
use crate::import::template::template_xlsx;
use crate::import::{content_hash, ReaderSandbox};

/// What the upload form sent.
#[derive(Default)]
struct UploadForm {
    csrf: Option<String>,
    organisation: Option<String>,
    file_name: String,
    bytes: Vec<u8>,
}

/// Why an upload could not even be looked at.
enum UploadRefusal {
    TooLarge(u64),
    Malformed,
}

async fn read_upload(mut multipart: Multipart, limit: u64) -> Result<UploadForm, UploadRefusal> {
    let mut form = UploadForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(UploadRefusal::TooLarge(limit + 1))
            }
            Err(_) => return Err(UploadRefusal::Malformed),
        };
        match field.name().unwrap_or_default() {
            "file" => {
                form.file_name = field.file_name().unwrap_or("upload").to_owned();
                let mut field = field;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if (form.bytes.len() + chunk.len()) as u64 > limit {
                                return Err(UploadRefusal::TooLarge(
                                    (form.bytes.len() + chunk.len()) as u64,
                                ));
                            }
                            form.bytes.extend_from_slice(&chunk);
                        }
                        Ok(None) => break,
                        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            return Err(UploadRefusal::TooLarge(limit + 1))
                        }
                        Err(_) => return Err(UploadRefusal::Malformed),
                    }
                }
            }
            name @ (CSRF_FIELD | "organisation") => {
                let name = name.to_owned();
                let value = field.text().await.map_err(|_| UploadRefusal::Malformed)?;
                if value.len() > 200 {
                    return Err(UploadRefusal::Malformed);
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

fn back_to_import(lang: Lang, status: u16, message: &str) -> Response {
    let back = match lang {
        Lang::Nl => "Terug naar de import",
        Lang::En => "Back to the import",
        Lang::Fr => "Retour à l'import",
    };
    error_page(lang, status, message, "/import", back)
}

/// `POST /import`: reads the file in the sandbox, validates it, records the dry run and shows
/// the preview. Nothing is imported here.
pub async fn post_upload(
    State(ctx): State<ServerContext>,
    State(reader): State<ReaderSandbox>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let lang = request_lang(&headers);
    let user = match user_from_headers(&ctx.db, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return staff_error(lang, &StaffError::NotLoggedIn),
        Err(error) => return staff_error(lang, &error),
    };
    let form = match read_upload(multipart, ctx.upload_limit_bytes).await {
        Ok(form) => form,
        Err(UploadRefusal::TooLarge(bytes)) => {
            let failure = ReadFailure::TooLarge {
                bytes,
                limit: ctx.upload_limit_bytes,
            };
            return back_to_import(lang, 413, &failure.message(lang));
        }
        Err(UploadRefusal::Malformed) => {
            let message = match lang {
                Lang::Nl => {
                    "Het bestand kwam niet volledig aan. Kies het opnieuw en probeer nog eens."
                }
                Lang::En => "The file did not arrive whole. Choose it again and retry.",
                Lang::Fr => {
                    "Le fichier n'est pas arrivé en entier. Choisissez-le à nouveau et réessayez."
                }
            };
            return back_to_import(lang, 400, message);
        }
    };
    if let Err(error) = check_csrf(&user, form.csrf.as_deref()) {
        return staff_error(lang, &error);
    }
    let Some(organisation_id) = form
        .organisation
        .as_deref()
        .and_then(|v| v.trim().parse::<i32>().ok())
    else {
        return staff_error(lang, &StaffError::NotFound);
    };
    let organisation = match importable_organisation(&ctx.db, &user, organisation_id).await {
        Ok(organisation) => organisation,
        Err(error) => return staff_error(lang, &error),
    };
    let model = ctx.models.current();
    let validated = match reader.read(&form.bytes, &form.file_name).await {
        Ok(workbook) => validate_workbook(&workbook, model, &organisation.code),
        Err(failure) => Validated::failed(ImportProblem::unreadable(failure)),
    };
    let hash = content_hash(&form.bytes);
    let recorded = record_upload(
        &ctx.db,
        NewUpload {
            organisation_id,
            uploaded_by: Some(user.id),
            file_name: &form.file_name,
            content_hash: &hash,
            byte_size: form.bytes.len() as u64,
            validated: &validated,
        },
    )
    .await;
    match recorded {
        Ok(id) => Redirect::to(&format!("/import/{id}")).into_response(),
        Err(error) => staff_error(lang, &StaffError::from(error)),
    }
}

/// `POST /import/{id}/confirm`: writes the upload's answers in one transaction.
pub async fn post_confirm(
    State(ctx): State<ServerContext>,
    Path(upload_id): Path<i32>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Response {
    let lang = request_lang(&headers);
    let user = match authorised(&ctx, &headers, &fields).await {
        Ok(user) => user,
        Err(error) => return staff_error(lang, &error),
    };
    let upload = match import_upload::Entity::find_by_id(upload_id)
        .one(&ctx.db)
        .await
    {
        Ok(Some(upload)) => upload,
        Ok(None) => return staff_error(lang, &StaffError::NotFound),
        Err(error) => return staff_error(lang, &StaffError::from(error)),
    };
    if let Err(error) = importable_organisation(&ctx.db, &user, upload.organisation_id).await {
        return staff_error(lang, &error);
    }
    match apply_upload(&ctx.db, ctx.models.current(), upload_id, &mut |_, _| {}).await {
        Ok(_) => Redirect::to(&format!("/import/{upload_id}")).into_response(),
        Err(ApplyError::HasProblems) => {
            Redirect::to(&format!("/import/{upload_id}")).into_response()
        }
        Err(ApplyError::NotFound) => staff_error(lang, &StaffError::NotFound),
        Err(ApplyError::Database(error)) => staff_error(lang, &StaffError::from(error)),
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
    headers: HeaderMap,
    Query(query): Query<TemplateQuery>,
) -> Response {
    let lang = request_lang(&headers);
    let user = match user_from_headers(&ctx.db, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return staff_error(lang, &StaffError::NotLoggedIn),
        Err(error) => return staff_error(lang, &error),
    };
    let organisation = match importable_organisation(&ctx.db, &user, query.organisation).await {
        Ok(organisation) => organisation,
        Err(error) => return staff_error(lang, &error),
    };
    match template_xlsx(ctx.models.current(), &organisation.code, lang) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"quickscan-template-{}.xlsx\"",
                        safe_code(&organisation.code)
                    ),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "template could not be written");
            staff_error(lang, &StaffError::Storage)
        }
    }
}

fn safe_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}
