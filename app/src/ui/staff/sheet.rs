//! `/rounds/:id/open-link/sheet`: the printable invitation sheet of a round's open link, with
//! its QR code. The open link is shared, never personal; the print styles keep only the sheet.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_open_link_sheet;
use crate::staff::view::OpenLinkSheet;

/// The invitation sheet page.
#[component]
pub fn SheetPage() -> impl IntoView {
    let lang = use_lang();
    let round_id = super::use_id_param();
    let data = super::page_data(round_id, get_open_link_sheet);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(sheet) => view! { <Sheet sheet/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sheet(sheet: OpenLinkSheet) -> impl IntoView {
    let lang = use_lang();
    let texts = lang.texts();
    view! {
        <Title text=format!("{} – {}", texts.invitation.sheet_title, sheet.organisation)/>
        <div class="screen-only">
            <p><a href=paths::ROUND.with(sheet.round_id)>{sheet.round.clone()}</a></p>
            <p class="notice">{texts.invitation.sheet_print_hint}</p>
        </div>
        <article class="invitation-sheet">
            <h1>{texts.invitation.sheet_title}</h1>
            <p class="lead">{(texts.invitation.sheet_intro)(&sheet.organisation)}</p>
            <p>{sheet.round.clone()}</p>
            <p>{texts.invitation.sheet_scan}</p>
            <div class="qr" role="img" aria-label=texts.invitation.qr_title inner_html=sheet.qr_svg.clone()></div>
            <p class="sheet-link"><code>{sheet.link.clone()}</code></p>
            <p>{texts.invitation.promise_anonymous}</p>
            <p>{texts.invitation.promise_link}</p>
        </article>
    }
}
