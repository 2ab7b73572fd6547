//! The page for addresses that do not exist.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::locale::use_lang;

/// "Page not found", with status 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <Title text=lang.texts().common.not_found_title/>
        <h1>{lang.texts().common.not_found_title}</h1>
        <p>{lang.texts().common.not_found_text}</p>
        <p><a href=crate::paths::HOME.pattern()>{lang.texts().common.back_home}</a></p>
    }
}
