//! The association's organisation list: uploaded (checked first, then written keyed by NIS
//! code) and exported with the same columns, so an exported list imports again.

use app::paths;
use app::server_context::ServerContext;
use app::staff::audit::record;
use app::staff::organisation_view::ListOutcome;
use app::staff::organisations::{import_list, organisation_list, preview_list};
use app::staff::refusal::forms;
use app::staff::session::check_csrf;
use app::staff::StaffError;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use quickscan_domain::audit::AuditAction;
use quickscan_domain::import::ImportProblem;
use quickscan_domain::organisation::{parse_organisation, OrganisationField};
use quickscan_domain::organisation_list::{column_label, read_organisation_list};

use super::exports::{attachment, FileFormat};
use super::imports::read_upload;
use crate::export::{to_csv, Cell, Sheet};
use crate::import::ReaderSandbox;
use crate::staff_request::{render_with, Refusal, Staff, StaffForm};

/// `POST /admin/organisations/import`: reads the file in the sandbox and shows its problems,
/// or what confirming it would change. Nothing is written here.
pub async fn post_list_upload(
    State(ctx): State<ServerContext>,
    State(reader): State<ReaderSandbox>,
    staff: Staff,
    multipart: Multipart,
) -> Result<Response, Refusal> {
    let page = paths::ORGANISATIONS_IMPORT.to_string();
    let form = read_upload(multipart, ctx.upload_limit_bytes)
        .await
        .map_err(|error| staff.refuse(error, page.clone(), forms::ORGANISATION_LIST))?;
    check_csrf(&staff.user, form.csrf.as_deref()).map_err(|error| staff.refuse_link(error))?;
    app::staff::organisations::may_add_organisations(&staff.user)
        .map_err(|error| staff.refuse_link(error))?;
    let lang = staff.lang;
    let list = match reader.read(&form.bytes, &form.file_name).await {
        Err(failure) => Err(vec![ImportProblem::unreadable(failure).message(lang)]),
        Ok(workbook) => read_organisation_list(&workbook)
            .map_err(|problems| problems.iter().map(|p| p.message(lang)).collect()),
    };
    let outcome = match list {
        Err(problems) => {
            return Ok(render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                page,
                ListOutcome::Problems(problems),
            ))
        }
        Ok(list) => preview_list(
            &ctx,
            &staff.user,
            &form.file_name,
            list.into_iter().map(|l| l.details).collect(),
        )
        .await
        .map_err(|error| staff.refuse(error, page.clone(), forms::ORGANISATION_LIST))?,
    };
    Ok(render_with(
        StatusCode::OK,
        page,
        ListOutcome::Preview(outcome),
    ))
}

/// `POST /admin/organisations/import/confirm`: the checked rows (as the preview carried them,
/// checked again here), written in one transaction.
pub async fn post_list_confirm(
    State(ctx): State<ServerContext>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let page = paths::ORGANISATIONS_IMPORT.pattern();
    let refuse = |error| form.refuse(error, page, forms::ORGANISATION_LIST);
    let column = |name| form.all(name).collect::<Vec<_>>();
    let (codes, names, kinds, provinces, populations) = (
        column("code"),
        column("name"),
        column("kind"),
        column("province"),
        column("population"),
    );
    let same_length = [&names, &kinds, &provinces, &populations]
        .iter()
        .all(|c| c.len() == codes.len());
    if !same_length || codes.is_empty() {
        return Err(refuse(StaffError::UploadIncomplete));
    }
    let list = (0..codes.len())
        .map(|i| parse_organisation(codes[i], names[i], kinds[i], provinces[i], populations[i]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|problem| refuse(StaffError::InvalidOrganisation(problem)))?;
    let (added, updated) = import_list(&ctx, form.user(), &list)
        .await
        .map_err(refuse)?;
    record(
        &ctx.db,
        form.audit(AuditAction::OrganisationsImported)
            .detail(format!("{added} added, {updated} updated")),
    )
    .await;
    Ok(Redirect::to(&format!(
        "{page}?added={added}&updated={updated}"
    )))
}

/// `GET /admin/organisations/export.csv`: every organisation with the import's columns (and
/// whether it takes part, which the import leaves alone).
pub async fn export_list(
    State(ctx): State<ServerContext>,
    staff: Staff,
) -> Result<Response, Refusal> {
    let list = organisation_list(&ctx, &staff.user)
        .await
        .map_err(|error| staff.refuse_link(error))?;
    let lang = staff.lang;
    let texts = &lang.texts().organisations;
    let mut header: Vec<String> = [
        OrganisationField::Code,
        OrganisationField::Name,
        OrganisationField::Kind,
        OrganisationField::Province,
        OrganisationField::Population,
    ]
    .into_iter()
    .map(|field| column_label(field, lang).to_owned())
    .collect();
    header.push(texts.active.to_owned());
    let sheet = Sheet {
        name: texts.column_name.to_owned(),
        header,
        rows: list
            .into_iter()
            .map(|(details, active)| {
                vec![
                    Cell::Text(details.code),
                    Cell::Text(details.name),
                    Cell::Text(details.kind.label(lang).to_owned()),
                    Cell::Text(details.province),
                    Cell::Number(f64::from(details.population)),
                    Cell::Text(if active { "1" } else { "0" }.to_owned()),
                ]
            })
            .collect(),
    };
    record(
        &ctx.db,
        staff
            .audit(AuditAction::ExportDownloaded)
            .detail("organisations.csv"),
    )
    .await;
    Ok(attachment(
        to_csv(&sheet).into_bytes(),
        "quickscan-organisations",
        FileFormat::Csv,
    ))
}
