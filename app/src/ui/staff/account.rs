//! `/account/password`: a staff member changes their own password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::refused::{described_by, is_refused, FieldProblem, FormProblem};
use super::{CsrfField, StaffErrorNotice};
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_signed_in;
use crate::staff::refusal::forms;
use crate::staff::StaffError;

/// The password page (signed-in staff only).
#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let user = super::page_data(|| (), |()| get_signed_in());
    view! {
        <Title text=lang.texts().account.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => view! { <PasswordForm user/> }.into_any(),
                    Ok(None) => view! { <StaffErrorNotice error=StaffError::NotLoggedIn/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PasswordForm(user: crate::auth::StaffUser) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().account;
    let query = use_query_map();
    let changed = move || query.read().get("changed").is_some();
    let form = forms::CHANGE_PASSWORD;
    // Each field: its name, label and the browser's autocomplete hint.
    let fields = [
        (
            "current_password",
            texts.current_password,
            "current-password",
        ),
        ("new_password", texts.new_password, "new-password"),
        (
            "new_password_again",
            texts.new_password_again,
            "new-password",
        ),
    ];
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.title}</h1>
        {move || changed().then(|| view! { <p role="status" class="notice">{texts.changed}</p> })}
        <form method="post" action=paths::ACCOUNT_PASSWORD.pattern() class="card login-form">
            <CsrfField user=user.clone()/>
            <FormProblem form=form/>
            <input type="hidden" name="email" autocomplete="username" value=user.email.clone()/>
            {fields.into_iter().map(|(name, label, autocomplete)| {
                let id = name.replace('_', "-");
                view! {
                    <label for=id.clone()>{label}</label>
                    <input id=id name=name type="password" required autocomplete=autocomplete
                        aria-invalid=is_refused(form, name).then_some("true")
                        aria-describedby=described_by(form, name)/>
                    <FieldProblem form=form field=name/>
                }
            }).collect_view()}
            <p class="hint">{texts.rule}</p>
            <button type="submit" class="primary">{texts.change}</button>
        </form>
    }
}
