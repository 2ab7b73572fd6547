//! The welcome page: what to expect, the scale, and start (or continue where you were).

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::AnswerValue;

use crate::locale::use_lang;
use crate::scan::view::ScanContext;

/// Welcome, or welcome back.
#[component]
pub fn Welcome(context: ScanContext) -> impl IntoView {
    let lang = use_lang();
    let resuming = context.resume_step > 0;
    let title = if resuming {
        lang.texts().common.welcome_back_title
    } else {
        lang.texts().common.welcome_title
    };
    let (target, label) = if resuming {
        (
            crate::paths::scan_page(&context.token, context.resume_step),
            lang.texts().common.welcome_continue,
        )
    } else {
        (
            crate::paths::scan_page(&context.token, 1),
            lang.texts().common.welcome_start,
        )
    };
    let own_link = format!(
        "{}{}",
        context.link_base,
        crate::paths::SCAN.with(&context.token)
    );
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <dl class="scan-meta">
            <dt>{lang.texts().common.organisation}</dt>
            <dd>{context.organisation.clone()}</dd>
            <dt>{lang.texts().common.round}</dt>
            <dd>{context.round.clone()}</dd>
        </dl>
        <p class="lead">{context.model_title.get(lang).to_owned()}</p>
        <p>{lang.texts().common.welcome_intro}</p>
        <super::promise::Promise min_respondents=context.min_respondents/>
        <p>{lang.texts().common.welcome_resume_hint}</p>
        <p class="own-link">
            <strong>{lang.texts().invitation.own_link}</strong> " "
            <code>{own_link}</code>
        </p>
        <h2>{lang.texts().common.welcome_scale_title}</h2>
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
            <a class="button primary" href=target>{label}</a>
        </p>
        {resuming.then(|| view! { <super::progress::Progress context=context.clone() current=None/> })}
    }
}
