//! The clear page for an unknown invitation, a closed round or a step that does not exist.

use leptos::prelude::*;
use leptos_meta::Title;

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
        Unavailable::UnknownInvitation => (
            lang.texts().common.unknown_invitation_title,
            ScanError::UnknownInvitation,
        ),
        Unavailable::RoundClosed => (
            lang.texts().common.round_closed_title,
            ScanError::RoundClosed,
        ),
        Unavailable::UnknownStep => (
            lang.texts().common.unknown_step_title,
            ScanError::UnknownStep(0),
        ),
    };
    let message = match reason {
        Unavailable::UnknownStep => lang.texts().common.not_found_text.to_owned(),
        _ => error.message(lang),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="notice">{message}</p>
        <p><a href=crate::paths::HOME.pattern()>{lang.texts().common.back_home}</a></p>
    }
}
