//! One dimension's page: its statements as radio groups, a comment, and navigation.
//!
//! The form posts to the server and works without JavaScript; once hydrated, every click on
//! an answer is saved at once as well, so nothing is lost if the browser closes.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::AnswerValue;

use crate::locale::use_lang;
use crate::scan::api::SaveAnswer;
use crate::scan::form::Navigation;
use crate::scan::view::{
    answer_field, ScanContext, StatementView, StepView, COMMENT_FIELD, MAX_COMMENT_CHARS, NAV_FIELD,
};

/// A step page.
#[component]
pub fn Step(context: ScanContext, step: StepView, saved_for_later: bool) -> impl IntoView {
    let lang = use_lang();
    let token = context.token.clone();
    let total = context.steps.len();
    let is_last = usize::try_from(step.number).is_ok_and(|n| n >= total);
    let save = ServerAction::<SaveAnswer>::new();
    let status = move || {
        if save.pending().get() {
            Some(lang.texts().common.saving.to_owned())
        } else {
            match save.value().get() {
                Some(Ok(())) => Some(lang.texts().common.saved.to_owned()),
                Some(Err(error)) => Some(error.message(lang)),
                None => None,
            }
        }
    };
    let link = format!("{}/s/{}", context.link_base, token);
    view! {
        <Title text=format!("{} – {}", step.name.get(lang), (lang.texts().common.step_of)(step.number, total))/>
        <super::progress::Progress context=context.clone() current=Some(step.number)/>
        {saved_for_later.then(|| view! {
            <div class="notice success" role="status">
                <p>{lang.texts().common.saved_for_later}</p>
                <p><a href=link.clone()>{link.clone()}</a></p>
            </div>
        })}
        <p class="step-of">{(lang.texts().common.step_of)(step.number, total)}</p>
        <h1>{step.name.get(lang).to_owned()}</h1>
        <p class="lead">{step.description.get(lang).to_owned()}</p>
        <form method="post" action=crate::paths::scan_page(&token, step.number) class="step-form">
            {step
                .statements
                .into_iter()
                .enumerate()
                .map(|(index, statement)| {
                    view! { <StatementQuestion statement index token=token.clone() save/> }
                })
                .collect_view()}
            <div class="comment">
                <label for="comment">{lang.texts().common.comment_label}</label>
                <p id="comment-hint" class="hint">{lang.texts().common.comment_hint}</p>
                <textarea
                    id="comment"
                    name=COMMENT_FIELD
                    rows="4"
                    maxlength=MAX_COMMENT_CHARS
                    aria-describedby="comment-hint"
                >
                    {crate::ui::escaped_on_the_server(step.comment.clone())}
                </textarea>
            </div>
            <p class="autosave" role="status" aria-live="polite">{status}</p>
            // The first submit button is what Enter presses: it must be "next".
            <div class="nav-buttons">
                <button type="submit" name=NAV_FIELD value=Navigation::Next.code() class="primary">
                    {if is_last { lang.texts().common.to_review } else { lang.texts().common.next }}
                </button>
                <button type="submit" name=NAV_FIELD value=Navigation::SaveAndLeave.code()>
                    {lang.texts().common.save_later}
                </button>
                <button type="submit" name=NAV_FIELD value=Navigation::Previous.code()>
                    {lang.texts().common.previous}
                </button>
            </div>
        </form>
    }
}

/// One statement as a group of radio buttons.
#[component]
fn StatementQuestion(
    statement: StatementView,
    index: usize,
    token: String,
    save: ServerAction<SaveAnswer>,
) -> impl IntoView {
    let lang = use_lang();
    let field = answer_field(&statement.id);
    view! {
        <fieldset class="statement">
            <legend>
                <span class="statement-number">{format!("{}. ", index + 1)}</span>
                {statement.text.get(lang).to_owned()}
            </legend>
            <div class="options">
                {AnswerValue::ALL
                    .into_iter()
                    .map(|value| {
                        let id = format!("{}-{}", statement.id, value.code());
                        let checked = statement.answer.as_deref() == Some(value.code());
                        let token = token.clone();
                        let statement_id = statement.id.clone();
                        let on_change = move |_| {
                            save.dispatch(SaveAnswer {
                                token: token.clone(),
                                statement: statement_id.clone(),
                                value: value.code().to_owned(),
                            });
                        };
                        view! {
                            <div class="option" class:off-scale=value.level().is_none()>
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name=field.clone()
                                    value=value.code()
                                    checked=checked
                                    on:change=on_change
                                />
                                <label for=id>
                                    {value.level().map(|l| view! { <span class="level-number">{l.number()}</span> })}
                                    <span class="level-label">{statement.answer_label(value, lang).to_owned()}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
