//! The start page: what QuickScan is, and a door for respondents holding an invitation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Msg;
use crate::locale::use_lang;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=Msg::AppName.tr(lang)/>
        <h1>{Msg::HomeTitle.tr(lang)}</h1>
        <p class="lead">{Msg::HomeIntro.tr(lang)}</p>
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">{Msg::HomeHowItWorks.tr(lang)}</h2>
            <ol class="how-it-works">
                <li>{Msg::HomeStepInvite.tr(lang)}</li>
                <li>{Msg::HomeStepAnswer.tr(lang)}</li>
                <li>{Msg::HomeStepReport.tr(lang)}</li>
            </ol>
        </section>
        <section class="card" aria-labelledby="invitation-heading">
            <h2 id="invitation-heading">{Msg::HomeHaveInvitation.tr(lang)}</h2>
            <form method="get" action="/open" class="open-invitation">
                <label for="invitation">{Msg::HomeInvitationLabel.tr(lang)}</label>
                <p id="invitation-hint" class="hint">{Msg::HomeInvitationHint.tr(lang)}</p>
                <input
                    id="invitation"
                    name="invitation"
                    type="text"
                    required
                    autocomplete="off"
                    aria-describedby="invitation-hint"
                />
                <button type="submit" class="primary">{Msg::HomeOpen.tr(lang)}</button>
            </form>
        </section>
    }
}
