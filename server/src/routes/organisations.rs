//! The association's organisations: adding one, saving one's details.

use app::paths;
use app::server_context::ServerContext;
use app::staff::organisations::{create_organisation, update_organisation, OrganisationForm};
use app::staff::refusal::forms;
use axum::extract::{Path, State};
use axum::response::Redirect;

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
    let id = create_organisation(&ctx, form.user(), details(&form))
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION_NEW.pattern(),
                forms::NEW_ORGANISATION,
            )
        })?;
    Ok(Redirect::to(&paths::ORGANISATION.with(id)))
}

/// `POST /organisations/{id}/details`: saves the organisation's details.
pub async fn post_organisation_details(
    State(ctx): State<ServerContext>,
    Path(organisation_id): Path<i32>,
    form: StaffForm,
) -> Result<Redirect, Refusal> {
    update_organisation(&ctx, form.user(), organisation_id, details(&form))
        .await
        .map_err(|error| {
            form.refuse(
                error,
                paths::ORGANISATION.with(organisation_id),
                forms::ORGANISATION_DETAILS,
            )
        })?;
    Ok(Redirect::to(&format!(
        "{}?saved=1",
        paths::ORGANISATION.with(organisation_id)
    )))
}
