//! Showing a refused form on its own page: the problem next to its field (or above the form)
//! and what was typed filled back in. See [`crate::staff::refusal`].

use leptos::prelude::*;

use crate::locale::use_lang;
use crate::staff::refusal::{forms, use_form_refusal};

/// The id of a field's problem text, for `aria-describedby`.
pub fn problem_id(form: &str, field: &str) -> String {
    format!("{form}-{field}-problem")
}

/// What to put in a field: what the user typed when this form was refused, else `default`.
pub fn kept_value(form: &str, field: &str, default: &str) -> String {
    use_form_refusal()
        .and_then(|refusal| refusal.value(form, field))
        .unwrap_or_else(|| default.to_owned())
}

/// Whether `value` was among the ticked boxes of `field` when this form was refused; `None`
/// when the form was not refused (then the stored state decides).
pub fn kept_checked(form: &str, field: &str, value: &str) -> Option<bool> {
    use_form_refusal()
        .and_then(|refusal| refusal.values(form, field))
        .map(|values| values.iter().any(|v| v == value))
}

/// Whether `field` of `form` was refused (for `aria-invalid`).
pub fn is_refused(form: &str, field: &str) -> bool {
    use_form_refusal().is_some_and(|refusal| refusal.field_problem(form, field).is_some())
}

/// The `aria-describedby` of a field: its problem's id when it was refused.
pub fn described_by(form: &str, field: &str) -> Option<String> {
    is_refused(form, field).then(|| problem_id(form, field))
}

/// The problem with one field, right after it.
#[component]
pub fn FieldProblem(
    /// The form's name.
    #[prop(into)]
    form: String,
    /// The field's name.
    field: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    use_form_refusal().and_then(|refusal| {
        refusal.field_problem(&form, field).map(|error| {
            view! {
                <p id=problem_id(&form, field) class="field-problem" role="alert">
                    {error.message(lang)}
                </p>
            }
        })
    })
}

/// A problem with a form as a whole, at the top of the form.
#[component]
pub fn FormProblem(
    /// The form's name.
    #[prop(into)]
    form: String,
) -> impl IntoView {
    let lang = use_lang();
    use_form_refusal().and_then(|refusal| {
        refusal.form_problem(&form).map(|error| {
            view! { <p class="notice error" role="alert">{error.message(lang)}</p> }
        })
    })
}

/// A refused link or a problem no form on the page owns, at the top of the page.
#[component]
pub fn PageProblem() -> impl IntoView {
    view! { <FormProblem form=forms::PAGE/> }
}
