//! The staff login page; the form posts to `/login`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::StaffText;
use crate::locale::use_lang;

/// `/login`, with `?error=invalid|throttled&email=…` after a refused attempt.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || match query.read().get("error").as_deref() {
        Some("invalid") => Some(StaffText::LoginInvalid.tr(lang)),
        Some("throttled") => Some(StaffText::LoginThrottled.tr(lang)),
        _ => None,
    };
    let email = move || query.read().get("email").unwrap_or_default();
    view! {
        <Title text=StaffText::StaffLogin.tr(lang)/>
        <h1>{StaffText::StaffLogin.tr(lang)}</h1>
        {move || error().map(|message| view! { <p role="alert" class="notice error">{message}</p> })}
        <form method="post" action="/login" class="card login-form">
            <label for="email">{StaffText::Email.tr(lang)}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=email/>
            <label for="password">{StaffText::Password.tr(lang)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="primary">{StaffText::LogIn.tr(lang)}</button>
        </form>
    }
}
