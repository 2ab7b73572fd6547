//! The staff login page; the form posts to `/login`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::locale::use_lang;

/// `/login`, with `?error=invalid|throttled&email=…` after a refused attempt and
/// `?password-set=1` after a one-time link set the password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let error = move || match query.read().get("error").as_deref() {
        Some("invalid") => Some(lang.texts().staff.login_invalid),
        Some("throttled") => Some(lang.texts().staff.login_throttled),
        _ => None,
    };
    let email = move || query.read().get("email").unwrap_or_default();
    let password_set = move || query.read().get("password-set").is_some();
    view! {
        <Title text=lang.texts().staff.staff_login/>
        <h1>{lang.texts().staff.staff_login}</h1>
        {move || password_set().then(|| view! { <p role="status" class="notice">{lang.texts().accounts.password_set}</p> })}
        {move || error().map(|message| view! { <p role="alert" class="notice error">{message}</p> })}
        <form method="post" action=crate::paths::LOGIN.pattern() class="card login-form">
            <label for="email">{lang.texts().staff.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=email/>
            <label for="password">{lang.texts().staff.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit" class="primary">{lang.texts().staff.log_in}</button>
        </form>
        <p><a href=crate::paths::ACCOUNT_FORGOT.pattern()>{lang.texts().accounts.forgot_link}</a></p>
    }
}
