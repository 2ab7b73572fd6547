//! The loaded maturity model versions, for the admin.

use quickscan_domain::{Lang, MaturityModel};

use super::view::{ModelVersionRow, ModelVersionsView};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::server_context::ServerContext;

/// The model versions page (admin only).
pub fn model_versions(
    ctx: &ServerContext,
    user: StaffUser,
) -> Result<ModelVersionsView, StaffError> {
    if !user.may(Action::ViewModelVersions, None) {
        return Err(StaffError::Forbidden);
    }
    let current = ctx.models.current().id.clone();
    let models = ctx
        .models
        .all()
        .iter()
        .map(|model| ModelVersionRow {
            id: model.id.clone(),
            title: model.title.clone(),
            dimensions: model.dimensions.len(),
            statements: model.statement_count(),
            languages: Lang::ALL
                .into_iter()
                .filter(|lang| written_in(model, *lang))
                .collect(),
            for_new_rounds: model.id == current,
        })
        .collect();
    Ok(ModelVersionsView { user, models })
}

/// Whether every dimension name and statement of the model has text in `lang`.
fn written_in(model: &MaturityModel, lang: Lang) -> bool {
    let filled = |text: &quickscan_domain::Text| !text.get(lang).trim().is_empty();
    filled(&model.title)
        && model.dimensions.iter().all(|dimension| {
            filled(&dimension.name) && dimension.statements.iter().all(|s| filled(&s.text))
        })
}
