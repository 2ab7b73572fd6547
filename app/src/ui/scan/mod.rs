//! The respondent's pages: one route component that shows what the invitation's state calls for.

pub mod open_link;
mod progress;
mod promise;
mod review;
mod step;
mod submitted;
mod unavailable;
mod welcome;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::locale::use_lang;
use crate::scan::api::get_scan_page;
use crate::scan::{ScanError, ScanPage};

/// `/s/:token` and `/s/:token/:page`.
#[component]
pub fn ScanRoute() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let page_segment = move || params.read().get("page").unwrap_or_default();
    let saved_for_later = move || query.read().get("saved").is_some();
    let page = Resource::new(
        move || (token(), page_segment()),
        |(token, page)| get_scan_page(token, page),
    );
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(ScanPage::Welcome(context)) => {
                        view! { <welcome::Welcome context/> }.into_any()
                    }
                    Ok(ScanPage::Step { context, step }) => {
                        view! { <step::Step context step saved_for_later=saved_for_later()/> }
                            .into_any()
                    }
                    Ok(ScanPage::Review { context, dimensions }) => {
                        view! { <review::Review context dimensions/> }.into_any()
                    }
                    Ok(ScanPage::Submitted(submitted)) => {
                        view! { <submitted::Submitted submitted/> }.into_any()
                    }
                    Ok(ScanPage::Unavailable(reason)) => {
                        view! { <unavailable::UnavailablePage reason/> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A failure to load a page, in words.
#[component]
fn ErrorNotice(error: ScanError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    view! {
        <h1>{lang.texts().common.error_title}</h1>
        <p role="alert">{error.message(lang)}</p>
    }
}

/// The status code an unavailable invitation is answered with.
#[cfg(feature = "ssr")]
fn unavailable_status(reason: crate::scan::view::Unavailable) -> axum::http::StatusCode {
    use crate::scan::view::Unavailable;
    match reason {
        Unavailable::UnknownInvitation | Unavailable::UnknownStep => {
            axum::http::StatusCode::NOT_FOUND
        }
        Unavailable::RoundClosed => axum::http::StatusCode::GONE,
    }
}
