//! The progress indicator: how much is answered, and a link to every dimension.

use leptos::prelude::*;

use crate::locale::use_lang;
use crate::scan::view::ScanContext;

/// Progress over the whole questionnaire; `current` is the step on screen, if any.
#[component]
pub fn Progress(context: ScanContext, current: Option<u32>) -> impl IntoView {
    let lang = use_lang();
    let answered = context.answered();
    let total = context.total();
    let token = context.token.clone();
    view! {
        <nav class="progress" aria-label=lang.texts().common.steps_nav>
            <p class="progress-summary">
                <label for="progress-bar">{lang.texts().common.progress}</label>
                " "
                <progress id="progress-bar" max=total value=answered>
                    {(lang.texts().common.answered_of)(answered, total)}
                </progress>
                " "
                <span>{(lang.texts().common.answered_of)(answered, total)}</span>
            </p>
            <ol class="steps">
                {context
                    .steps
                    .into_iter()
                    .map(|step| {
                        let here = current == Some(step.number);
                        let done = step.answered == step.total;
                        view! {
                            <li class:done=done class:current=here>
                                <a
                                    href=crate::paths::scan_page(&token, step.number)
                                    aria-current=here.then_some("step")
                                >
                                    {step.name.get(lang).to_owned()}
                                </a>
                                <span class="count">
                                    {format!(" {}/{}", step.answered, step.total)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
