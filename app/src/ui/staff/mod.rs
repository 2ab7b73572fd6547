//! The staff pages: login, dashboard, round management and the report.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod comparison;
pub mod dashboard;
pub mod import;
pub mod invite_by_mail;
pub mod login;
pub mod models;
pub mod organisation;
pub mod peer_groups;
pub mod plan;
pub mod refused;
pub mod report;
pub mod round;
pub mod sheet;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::{StaffUser, CSRF_FIELD};
use crate::locale::use_lang;
use crate::staff::StaffError;

/// The page's `{id}` route parameter, read reactively; 0 (which names nothing, so the server
/// answers "not found") when it is absent or not a number.
pub fn use_id_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

/// Sets the HTTP status of the page being rendered on the server (a no-op in the browser).
pub fn answer_with_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            axum::http::StatusCode::from_u16(status)
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// A staff page's data: awaited while the server renders the page and, unlike a
/// `Resource`, not serialized into it (staff pages are never hydrated, see
/// [`crate::paths::HYDRATED`]).
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> AsyncDerived<T>
where
    S: 'static,
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    AsyncDerived::new(move || fetch(source()))
}

/// A page the server renders (every page outside [`crate::paths::HYDRATED`]): the page
/// itself on the server; in the browser's build a stand-in that loads the page from the
/// server, for when the browser's router follows a link to it from a hydrated page. So none
/// of the staff pages' code is in the wasm bundle.
#[cfg(feature = "ssr")]
pub fn server_page<V: IntoView + 'static>(
    page: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || page().into_any()
}

/// See the server's [`server_page`]: here, the stand-in.
#[cfg(not(feature = "ssr"))]
pub fn server_page<V: IntoView + 'static>(
    _page: fn() -> V,
) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    || view! { <LoadFromServer/> }.into_any()
}

/// Loads the current address from the server (the browser's router rendered a page only
/// the server renders).
#[cfg(not(feature = "ssr"))]
#[component]
fn LoadFromServer() -> impl IntoView {
    let lang = use_lang();
    Effect::new(|_| {
        let _ = window().location().reload();
    });
    view! { <p>{lang.texts().common.loading}</p> }
}

/// A refused staff page: the message, the status, and a way on.
#[component]
pub fn StaffErrorNotice(error: StaffError) -> impl IntoView {
    let lang = use_lang();
    answer_with_status(error.status());
    let login = matches!(error, StaffError::NotLoggedIn);
    view! {
        <h1>{lang.texts().common.error_title}</h1>
        <p role="alert" class="notice error">{error.message(lang)}</p>
        {if login {
            view! { <p><a class="button primary" href=crate::paths::LOGIN.pattern()>{lang.texts().staff.log_in}</a></p> }.into_any()
        } else {
            view! { <p><a href=crate::paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p> }.into_any()
        }}
    }
}

/// The hidden CSRF field every staff form carries.
#[component]
pub fn CsrfField(user: StaffUser) -> impl IntoView {
    view! { <input type="hidden" name=CSRF_FIELD value=user.csrf_token/> }
}

/// Who is logged in, in which role, and a logout button (in the page header).
#[component]
pub fn UserBar(user: StaffUser) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="user-bar">
            <span>
                {lang.texts().staff.logged_in_as} " " <strong>{user.display_name.clone()}</strong>
                " (" {user.role.label(lang)} ")"
            </span>
            // Staff pages are loaded from the server, also from a hydrated page.
            <a href=crate::paths::ACCOUNT_PASSWORD.pattern() rel="external">{lang.texts().account.change_password_link}</a>
            <form method="post" action=crate::paths::LOGOUT.pattern()>
                <CsrfField user=user.clone()/>
                <button type="submit">{lang.texts().staff.log_out}</button>
            </form>
        </div>
    }
}
