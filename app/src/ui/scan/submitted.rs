//! The thank-you page after submitting, with the respondent's own positioning.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::MaturityLevel;

use crate::i18n::{format_score, Msg};
use crate::locale::use_lang;
use crate::scan::view::SubmittedView;

/// Thank you, and your own scores.
#[component]
pub fn Submitted(submitted: SubmittedView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=Msg::SubmittedTitle.tr(lang)/>
        <h1>{Msg::SubmittedTitle.tr(lang)}</h1>
        <p class="notice success">
            {Msg::SubmittedThanks.tr(lang)} " " <strong>{submitted.organisation.clone()}</strong> "."
        </p>
        <p>{Msg::SubmittedOn.tr(lang)} " " <time>{submitted.submitted_on.clone()}</time></p>
        <h2 id="own-heading">{Msg::OwnPositioning.tr(lang)}</h2>
        <p id="own-hint">{Msg::OwnPositioningHint.tr(lang)}</p>
        <table aria-labelledby="own-heading" aria-describedby="own-hint">
            <thead>
                <tr>
                    <th scope="col">{Msg::Dimension.tr(lang)}</th>
                    <th scope="col">{Msg::Score.tr(lang)}</th>
                    <th scope="col">{Msg::Level.tr(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {submitted
                    .scores
                    .into_iter()
                    .map(|score| {
                        let (value, level) = match score.mean {
                            Some(mean) => (
                                format_score(lang, mean),
                                MaturityLevel::from_score(mean).label(lang).to_owned(),
                            ),
                            None => (Msg::NotRated.tr(lang).to_owned(), String::new()),
                        };
                        view! {
                            <tr>
                                <th scope="row">{score.name.get(lang).to_owned()}</th>
                                <td class="number">{value}</td>
                                <td>{level}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
