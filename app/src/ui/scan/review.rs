//! The overview before submitting: what is answered, what is still open, and submit.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{still_open, Msg};
use crate::locale::use_lang;
use crate::scan::view::{ReviewRow, ScanContext};

/// The review page.
#[component]
pub fn Review(context: ScanContext, dimensions: Vec<ReviewRow>) -> impl IntoView {
    let lang = use_lang();
    let token = context.token.clone();
    let last_step = context.steps.len();
    view! {
        <Title text=Msg::ReviewTitle.tr(lang)/>
        <super::progress::Progress context=context.clone() current=None/>
        <h1>{Msg::ReviewTitle.tr(lang)}</h1>
        <p>{Msg::ReviewIntro.tr(lang)}</p>
        <ul class="review">
            {dimensions
                .into_iter()
                .map(|row| {
                    let href = format!("/s/{}/{}", token, row.number);
                    let open = row.unanswered.len();
                    view! {
                        <li>
                            <h2>{row.name.get(lang).to_owned()}</h2>
                            {if open == 0 {
                                view! { <p class="done">{Msg::ReviewComplete.tr(lang)}</p> }.into_any()
                            } else {
                                view! {
                                    <details>
                                        <summary>{still_open(lang, open)}</summary>
                                        <ul>
                                            {row
                                                .unanswered
                                                .iter()
                                                .map(|text| view! { <li>{text.get(lang).to_owned()}</li> })
                                                .collect_view()}
                                        </ul>
                                    </details>
                                }
                                    .into_any()
                            }}
                            <a href=href>
                                {Msg::ReviewEdit.tr(lang)}
                                <span class="visually-hidden">{format!(": {}", row.name.get(lang))}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <form method="post" action=format!("/s/{}/review", token) class="submit-form">
            <p class="notice">{Msg::ReviewSubmitWarning.tr(lang)}</p>
            <div class="nav-buttons">
                <button type="submit" class="primary">{Msg::Submit.tr(lang)}</button>
                <a class="button" href=format!("/s/{}/{}", token, last_step)>{Msg::Previous.tr(lang)}</a>
            </div>
        </form>
    }
}
