//! The page of a submitted link: that it was submitted and when, and nothing of the answers.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::locale::use_lang;
use crate::scan::view::SubmittedView;

/// Thank you; submitted on this date.
#[component]
pub fn Submitted(submitted: SubmittedView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.texts().common.submitted_title/>
        <h1>{lang.texts().common.submitted_title}</h1>
        <p class="notice success">
            {lang.texts().common.submitted_thanks} " " <strong>{submitted.organisation.clone()}</strong> "."
        </p>
        <p>{lang.texts().common.submitted_on} " " <time datetime=submitted.submitted_on.clone()>{submitted.submitted_on.clone()}</time></p>
        <p>{lang.texts().invitation.submitted_only}</p>
    }
}
