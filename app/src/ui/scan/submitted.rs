//! The thank-you page after submitting, with the respondent's own positioning.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::MaturityLevel;

use crate::locale::use_lang;
use crate::scan::view::SubmittedView;

/// Thank you, and your own scores.
#[component]
pub fn Submitted(submitted: SubmittedView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.texts().common.submitted_title/>
        <h1>{lang.texts().common.submitted_title}</h1>
        <p class="notice success">
            {lang.texts().common.submitted_thanks} " " <strong>{submitted.organisation.clone()}</strong> "."
        </p>
        <p>{lang.texts().common.submitted_on} " " <time>{submitted.submitted_on.clone()}</time></p>
        <h2 id="own-heading">{lang.texts().common.own_positioning}</h2>
        <p id="own-hint">{lang.texts().common.own_positioning_hint}</p>
        <table aria-labelledby="own-heading" aria-describedby="own-hint">
            <thead>
                <tr>
                    <th scope="col">{lang.texts().common.dimension}</th>
                    <th scope="col">{lang.texts().common.score}</th>
                    <th scope="col">{lang.texts().common.level}</th>
                </tr>
            </thead>
            <tbody>
                {submitted
                    .scores
                    .into_iter()
                    .map(|score| {
                        let (value, level) = match score.mean {
                            Some(mean) => (
                                lang.format_score(mean),
                                MaturityLevel::from_score(mean).label(lang).to_owned(),
                            ),
                            None => (lang.texts().common.not_rated.to_owned(), String::new()),
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
