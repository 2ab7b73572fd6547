//! The association's organisations: adding one, saving one's details.

use app::paths;
use app::server_context::ServerContext;
use app::staff::organisations::{
    create_organisation, delete_organisation, update_organisation, OrganisationForm,
};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;

use app::staff::audit::record;
use quickscan_domain::audit::AuditAction;

use crate::staff_request::{Refusal, StaffForm};

/// The details form's fields as typed.
fn details(form: &StaffForm) -> OrganisationForm<'_> {
    OrganisationForm {
        code: form.field("code").unwrap_or_default(),
        name: form.field("name").unwrap_or_default(),
        kind: form.field("kind").unwrap_or_default(),
        province: form.field("province").unwrap_or_default(),
        population: form.field("population").unwrap_or_default(),
        active: form.field("active").is_some(),
    }
}

/// `POST /admin/organisations/new`: adds the organisation and shows its page.
pub async fn post_new_organisation(
    State(ctx): State<ServerContext>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let typed = details(&form);
    let id = create_organisation(&ctx, form.user(), typed)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION_NEW.pattern(),
                forms::NEW_ORGANISATION,
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::OrganisationCreated)
            .organisation(id)
            .detail(format!("{} {}", typed.code.trim(), typed.name.trim())),
    )
    .await;
    Ok(Redirect::to(&paths::ORGANISATION.with(id)))
}

/// `POST /organisations/{id}/details`: saves the organisation's details.
pub async fn post_organisation_details(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let typed = details(&form);
    update_organisation(&ctx, form.user(), organisation_id, typed)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION.with(organisation_id),
                forms::ORGANISATION_DETAILS,
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::OrganisationChanged)
            .organisation(organisation_id)
            .detail(format!(
                "{} {}{}",
                typed.code.trim(),
                typed.name.trim(),
                if typed.active {
                    ""
                } else {
                    " (not taking part)"
                }
            )),
    )
    .await;
    Ok(Redirect::to(&format!(
        "{}?saved=1",
        paths::ORGANISATION.with(organisation_id)
    )))
}

/// `POST /organisations/{id}/delete`: with `confirm_name` its name, deletes it with
/// everything it owns and shows the dashboard.
pub async fn post_delete_organisation(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    let typed = form.field("confirm_name").unwrap_or_default();
    let (code, name) = delete_organisation(&ctx, form.user(), organisation_id, typed)
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION.with(organisation_id),
                forms::DELETE_ORGANISATION,
            )
        })?;
    record(
        &ctx.db,
        form.audit(AuditAction::OrganisationDeleted)
            .detail(format!("{code} {name} (organisation {organisation_id})")),
    )
    .await;
    Ok(Redirect::to(&format!("{}?deleted=1", paths::DASHBOARD)))
}
