//! `/j/:slug`: a round's open link. Its page welcomes whoever opens it; the start button
//! posts to the same address, which issues a personal invitation and redirects to it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use quickscan_domain::RespondentGroup;

use super::promise::Promise;
use crate::locale::use_lang;
use crate::paths;
use crate::scan::api::get_open_link;
use crate::scan::view::{OpenLinkPage, OpenLinkWelcome};

/// The open link's page: welcome, or why it starts no one.
#[component]
pub fn OpenLinkRoute() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_open_link);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(OpenLinkPage::Welcome(welcome)) => view! { <Welcome welcome/> }.into_any(),
                    Ok(refused) => view! { <Refused page=refused/> }.into_any(),
                    Err(error) => view! {
                        <h1>{lang.texts().common.error_title}</h1>
                        <p role="alert">{error.message(lang)}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome(welcome: OpenLinkWelcome) -> impl IntoView {
    let lang = use_lang();
    let title = lang.texts().invitation.open_title;
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <dl class="scan-meta">
            <dt>{lang.texts().common.organisation}</dt>
            <dd>{welcome.organisation.clone()}</dd>
            <dt>{lang.texts().common.round}</dt>
            <dd>{welcome.round.clone()}</dd>
        </dl>
        <p class="lead">{welcome.model_title.get(lang).to_owned()}</p>
        <p>{lang.texts().common.welcome_intro}</p>
        <p>{lang.texts().invitation.open_intro}</p>
        <Promise min_respondents=welcome.min_respondents/>
        <form method="post" action=paths::OPEN_LINK.with(&welcome.slug) class="card">
            <label for="group">{lang.texts().invitation.open_group}</label>
            <select id="group" name="group">
                <option value="">{lang.texts().invitation.open_group_none}</option>
                {RespondentGroup::ALL
                    .into_iter()
                    .map(|g| view! { <option value=g.code()>{g.label(lang)}</option> })
                    .collect_view()}
            </select>
            <p>
                <button type="submit" class="primary">{lang.texts().invitation.open_start}</button>
            </p>
        </form>
    }
}

#[component]
fn Refused(page: OpenLinkPage) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::StatusCode;
        response.set_status(match page {
            OpenLinkPage::Closed => StatusCode::GONE,
            OpenLinkPage::Full => StatusCode::CONFLICT,
            OpenLinkPage::Unknown | OpenLinkPage::Welcome(_) => StatusCode::NOT_FOUND,
        });
    }
    let texts = lang.texts();
    let (title, message) = match page {
        OpenLinkPage::Closed => (
            texts.common.round_closed_title,
            texts.invitation.open_closed,
        ),
        OpenLinkPage::Full => (texts.invitation.open_title, texts.invitation.open_full),
        OpenLinkPage::Unknown | OpenLinkPage::Welcome(_) => (
            texts.common.unknown_invitation_title,
            texts.invitation.open_unknown,
        ),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="notice" role="status">{message}</p>
        <p><a href=paths::HOME.pattern()>{texts.common.back_home}</a></p>
    }
}
