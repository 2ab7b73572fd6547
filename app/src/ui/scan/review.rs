//! The overview before submitting: what is answered, what is still open, and submit.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::locale::use_lang;
use crate::scan::view::{ReviewRow, ScanContext};

/// The review page.
#[component]
pub fn Review(context: ScanContext, dimensions: Vec<ReviewRow>) -> impl IntoView {
    let lang = use_lang();
    let token = context.token.clone();
    let last_step = context.steps.len();
    view! {
        <Title text=lang.texts().common.review_title/>
        <super::progress::Progress context=context.clone() current=None/>
        <h1>{lang.texts().common.review_title}</h1>
        <p>{lang.texts().common.review_intro}</p>
        <ul class="review">
            {dimensions
                .into_iter()
                .map(|row| {
                    let href = crate::paths::scan_page(&token, row.number);
                    let open = row.unanswered.len();
                    view! {
                        <li>
                            <h2>{row.name.get(lang).to_owned()}</h2>
                            {if open == 0 {
                                view! { <p class="done">{lang.texts().common.review_complete}</p> }.into_any()
                            } else {
                                view! {
                                    <details>
                                        <summary>{(lang.texts().common.still_open)(open)}</summary>
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
                                {lang.texts().common.review_edit}
                                <span class="visually-hidden">{format!(": {}", row.name.get(lang))}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <form method="post" action=crate::paths::scan_page(&token, "review") class="submit-form">
            <p class="notice">{lang.texts().common.review_submit_warning}</p>
            <div class="nav-buttons">
                <button type="submit" class="primary">{lang.texts().common.submit}</button>
                <a class="button" href=crate::paths::scan_page(&token, last_step)>{lang.texts().common.previous}</a>
            </div>
        </form>
    }
}
