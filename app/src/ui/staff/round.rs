//! `/rounds/:id`: participation counts per group, the open link, and closing the round.
//!
//! No personal link appears here: staff see counts, never a person or their link.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::RespondentGroup;

use super::refused::{
    described_by, is_refused, kept_checked, kept_value, FieldProblem, FormProblem,
};
use super::{CsrfField, StaffErrorNotice};
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_round;
use crate::staff::refusal::forms;
use crate::staff::view::{RoundDetail, RoundResults};

/// The round page.
#[component]
pub fn RoundPage() -> impl IntoView {
    let lang = use_lang();
    let round_id = super::use_id_param();
    let data = super::page_data(round_id, get_round);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <Round detail/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Round(detail: RoundDetail) -> impl IntoView {
    let lang = use_lang();
    let round = detail.round.clone();
    let user = detail.user.clone();
    let manage_open = detail.can_manage && round.open;
    view! {
        <Title text=format!("{} – {}", round.name, detail.organisation)/>
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{format!("{} – {}", round.name, detail.organisation)}</h1>
        <dl class="scan-meta">
            <dt>{lang.texts().staff.status}</dt>
            <dd>{if round.open { lang.texts().staff.open } else { lang.texts().staff.closed }}</dd>
            <dt>{lang.texts().staff.invited}</dt>
            <dd>{round.invited}</dd>
            <dt>{lang.texts().staff.started}</dt>
            <dd>{round.started}</dd>
            <dt>{lang.texts().staff.submitted}</dt>
            <dd>{round.submitted}</dd>
        </dl>
        {round.results_notice(lang).map(|notice| view! { <p class="notice results-notice">{notice}</p> })}
        <p><a class="button" href=paths::ROUND_REPORT.with(round.id)>{lang.texts().staff.report}</a></p>
        <Participation detail=detail.clone()/>
        <OpenLink detail=detail.clone() manage_open=manage_open/>
        <super::invite_by_mail::InviteByMail round_id=round.id user=user.clone()/>
        {manage_open.then(|| {
            let form = forms::CLOSE_ROUND;
            // Below the threshold closing leaves the round without results: it must be said
            // and confirmed, not discovered afterwards.
            let below = matches!(round.results, RoundResults::Pending { needed } if needed > 0);
            view! {
            <form method="post" action=paths::ROUND_CLOSE.with(round.id) class="card">
                <CsrfField user=user.clone()/>
                <FormProblem form=form/>
                <p>{lang.texts().staff.close_round_hint}</p>
                {below.then(|| view! {
                    <p class="field-check">
                        <input type="checkbox" id="confirm_without_results" name="confirm_without_results" value="1"
                            checked=kept_checked(form, "confirm_without_results", "1").unwrap_or(false)
                            aria-invalid=is_refused(form, "confirm_without_results").then_some("true")
                            aria-describedby=described_by(form, "confirm_without_results")/>
                        <label for="confirm_without_results">{(lang.texts().staff.confirm_without_results)(round.min_respondents)}</label>
                    </p>
                    <FieldProblem form=form field="confirm_without_results"/>
                })}
                <button type="submit" class="primary">{lang.texts().staff.close_round}</button>
            </form>
        }})}
    }
}

/// Participation per respondent group: counts only.
#[component]
fn Participation(detail: RoundDetail) -> impl IntoView {
    let lang = use_lang();
    let texts = lang.texts();
    let round = detail.round.clone();
    view! {
        <h2 id="participation-heading">{texts.invitation.participation_title}</h2>
        <p id="participation-hint">{texts.invitation.participation_hint}</p>
        <table aria-labelledby="participation-heading" aria-describedby="participation-hint">
            <thead>
                <tr>
                    <th scope="col">{texts.staff.group}</th>
                    <th scope="col">{texts.staff.invited}</th>
                    <th scope="col">{texts.staff.started}</th>
                    <th scope="col">{texts.staff.submitted}</th>
                </tr>
            </thead>
            <tbody>
                {detail
                    .participation
                    .into_iter()
                    .map(|row| {
                        let group = row
                            .group
                            .as_deref()
                            .and_then(RespondentGroup::from_code)
                            .map_or(texts.staff.no_group, |g| g.label(lang));
                        view! {
                            <tr>
                                <th scope="row">{group}</th>
                                <td class="number">{row.invited}</td>
                                <td class="number">{row.started}</td>
                                <td class="number">{row.submitted}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr class="total">
                    <th scope="row">{texts.invitation.total}</th>
                    <td class="number">{round.invited}</td>
                    <td class="number">{round.started}</td>
                    <td class="number">{round.submitted}</td>
                </tr>
            </tbody>
        </table>
    }
}

/// The round's open link: its address, its cap and the printable sheet, and for whoever
/// manages an open round the form that creates it or changes the cap.
#[component]
fn OpenLink(detail: RoundDetail, manage_open: bool) -> impl IntoView {
    let lang = use_lang();
    let texts = lang.texts();
    let round_id = detail.round.id;
    let user = detail.user.clone();
    let exists = detail.open_link.is_some();
    let current_cap = detail
        .open_link
        .as_ref()
        .map_or_else(|| "30".to_owned(), |link| link.cap.to_string());
    view! {
        <h2 id="open-link-heading">{texts.invitation.open_link_title}</h2>
        <p>{texts.invitation.open_link_hint}</p>
        {match detail.open_link.clone() {
            Some(link) => view! {
                <p class="open-link"><code>{link.link.clone()}</code></p>
                <p>{(texts.invitation.open_link_used)(link.used, link.cap)}</p>
                <p><a class="button" href=paths::ROUND_OPEN_LINK_SHEET.with(round_id)>{texts.invitation.sheet_link}</a></p>
            }
            .into_any(),
            None => view! { <p>{texts.invitation.open_link_none}</p> }.into_any(),
        }}
        {manage_open.then(|| {
            let form = forms::OPEN_LINK;
            view! {
                <form method="post" action=paths::ROUND_OPEN_LINK.with(round_id) class="inline-form">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=form/>
                    <label for="cap">{texts.invitation.cap}</label>
                    <input id="cap" name="cap" type="number" min="1" max="10000"
                        value=kept_value(form, "cap", &current_cap) required
                        aria-invalid=is_refused(form, "cap").then_some("true")
                        aria-describedby=described_by(form, "cap")/>
                    <FieldProblem form=form field="cap"/>
                    <button type="submit">
                        {if exists { texts.invitation.open_link_update } else { texts.invitation.open_link_create }}
                    </button>
                </form>
            }
        })}
    }
}
