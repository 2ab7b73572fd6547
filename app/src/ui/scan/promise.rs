//! The anonymity promise, said plainly on every welcome page.

use leptos::prelude::*;

use crate::locale::use_lang;

/// What is anonymous, from how many respondents results appear, and that staff never see
/// the respondent's link.
#[component]
pub fn Promise(min_respondents: usize) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card promise" aria-labelledby="promise-heading">
            <h2 id="promise-heading">{lang.texts().invitation.promise_title}</h2>
            <ul>
                <li>{lang.texts().invitation.promise_anonymous}</li>
                <li>{(lang.texts().invitation.promise_threshold)(min_respondents)}</li>
                <li>{lang.texts().invitation.promise_link}</li>
            </ul>
        </section>
    }
}
