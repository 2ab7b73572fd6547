//! The clear page for an unknown invitation, a closed round or a step that does not exist.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Msg;
use crate::locale::use_lang;
use crate::scan::view::Unavailable;
use crate::scan::ScanError;

/// Why the scan cannot be answered here.
#[component]
pub fn UnavailablePage(reason: Unavailable) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(super::unavailable_status(reason));
    }
    let lang = use_lang();
    let (title, error) = match reason {
        Unavailable::UnknownInvitation => {
            (Msg::UnknownInvitationTitle, ScanError::UnknownInvitation)
        }
        Unavailable::RoundClosed => (Msg::RoundClosedTitle, ScanError::RoundClosed),
        Unavailable::UnknownStep => (Msg::UnknownStepTitle, ScanError::UnknownStep(0)),
    };
    let message = match reason {
        Unavailable::UnknownStep => Msg::NotFoundText.tr(lang).to_owned(),
        _ => error.message(lang),
    };
    view! {
        <Title text=title.tr(lang)/>
        <h1>{title.tr(lang)}</h1>
        <p class="notice">{message}</p>
        <p><a href="/">{Msg::BackHome.tr(lang)}</a></p>
    }
}
