//! The welcome page: what to expect, the scale, and start (or continue where you were).

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::AnswerValue;

use crate::i18n::Msg;
use crate::locale::use_lang;
use crate::scan::view::ScanContext;

/// Welcome, or welcome back.
#[component]
pub fn Welcome(context: ScanContext) -> impl IntoView {
    let lang = use_lang();
    let resuming = context.resume_step > 0;
    let title = if resuming {
        Msg::WelcomeBackTitle
    } else {
        Msg::WelcomeTitle
    };
    let (target, label) = if resuming {
        (
            format!("/s/{}/{}", context.token, context.resume_step),
            Msg::WelcomeContinue,
        )
    } else {
        (format!("/s/{}/1", context.token), Msg::WelcomeStart)
    };
    view! {
        <Title text=title.tr(lang)/>
        <h1>{title.tr(lang)}</h1>
        <dl class="scan-meta">
            <dt>{Msg::Organisation.tr(lang)}</dt>
            <dd>{context.organisation.clone()}</dd>
            <dt>{Msg::Round.tr(lang)}</dt>
            <dd>{context.round.clone()}</dd>
        </dl>
        <p class="lead">{context.model_title.get(lang).to_owned()}</p>
        <p>{Msg::WelcomeIntro.tr(lang)}</p>
        <p>{Msg::WelcomeAnonymous.tr(lang)}</p>
        <p>{Msg::WelcomeResumeHint.tr(lang)}</p>
        <h2>{Msg::WelcomeScaleTitle.tr(lang)}</h2>
        <ul class="scale">
            {AnswerValue::ALL
                .into_iter()
                .map(|value| {
                    let number = value.level().map(|l| format!("{} – ", l.number()));
                    view! { <li>{number}{value.label(lang)}</li> }
                })
                .collect_view()}
        </ul>
        <p>
            <a class="button primary" href=target>{label.tr(lang)}</a>
        </p>
        {resuming.then(|| view! { <super::progress::Progress context=context.clone() current=None/> })}
    }
}
