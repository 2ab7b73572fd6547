//! The page for addresses that do not exist.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Msg;
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
        <Title text=Msg::NotFoundTitle.tr(lang)/>
        <h1>{Msg::NotFoundTitle.tr(lang)}</h1>
        <p>{Msg::NotFoundText.tr(lang)}</p>
        <p><a href="/">{Msg::BackHome.tr(lang)}</a></p>
    }
}
