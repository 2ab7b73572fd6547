//! The start page: what QuickScan is, and a door for respondents holding an invitation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::locale::use_lang;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.texts().common.app_name/>
        <h1>{lang.texts().common.home_title}</h1>
        <p class="lead">{lang.texts().common.home_intro}</p>
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">{lang.texts().common.home_how_it_works}</h2>
            <ol class="how-it-works">
                <li>{lang.texts().common.home_step_invite}</li>
                <li>{lang.texts().common.home_step_answer}</li>
                <li>{lang.texts().common.home_step_report}</li>
            </ol>
        </section>
        <section class="card" aria-labelledby="invitation-heading">
            <h2 id="invitation-heading">{lang.texts().common.home_have_invitation}</h2>
            <form method="get" action=crate::paths::OPEN_INVITATION.pattern() class="open-invitation">
                <label for="invitation">{lang.texts().common.home_invitation_label}</label>
                <p id="invitation-hint" class="hint">{lang.texts().common.home_invitation_hint}</p>
                <input
                    id="invitation"
                    name="invitation"
                    type="text"
                    required
                    autocomplete="off"
                    aria-describedby="invitation-hint"
                />
                <button type="submit" class="primary">{lang.texts().common.home_open}</button>
            </form>
        </section>
    }
}
