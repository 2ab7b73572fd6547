//! `/rounds/:id`: progress, invitation links, more links, and closing the round.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use quickscan_domain::RespondentGroup;

use super::{CsrfField, StaffErrorNotice, UserBar};
use crate::i18n::{Msg, StaffText};
use crate::locale::use_lang;
use crate::staff::api::get_round;
use crate::staff::view::{InvitationState, RoundDetail};

/// The round page.
#[component]
pub fn RoundPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let round_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(round_id, get_round);
    view! {
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
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
        <UserBar user=user.clone()/>
        <p><a href="/dashboard">{StaffText::BackToDashboard.tr(lang)}</a></p>
        <h1>{format!("{} – {}", round.name, detail.organisation)}</h1>
        <dl class="scan-meta">
            <dt>{StaffText::Status.tr(lang)}</dt>
            <dd>{if round.open { StaffText::Open.tr(lang) } else { StaffText::Closed.tr(lang) }}</dd>
            <dt>{StaffText::Invited.tr(lang)}</dt>
            <dd>{round.invited}</dd>
            <dt>{StaffText::Started.tr(lang)}</dt>
            <dd>{round.started}</dd>
            <dt>{StaffText::Submitted.tr(lang)}</dt>
            <dd>{round.submitted}</dd>
        </dl>
        <p><a class="button" href=format!("/rounds/{}/report", round.id)>{StaffText::Report.tr(lang)}</a></p>
        <h2 id="invitations-heading">{StaffText::InvitationsTitle.tr(lang)}</h2>
        <p>{StaffText::InvitationsHint.tr(lang)}</p>
        {manage_open.then(|| view! {
            <form method="post" action=format!("/rounds/{}/invitations", round.id) class="inline-form">
                <CsrfField user=user.clone()/>
                <label for="count">{StaffText::HowMany.tr(lang)}</label>
                <input id="count" name="count" type="number" min="1" max="500" value="10" required/>
                <label for="group">{StaffText::Group.tr(lang)}</label>
                <select id="group" name="group">
                    <option value="">{StaffText::NoGroup.tr(lang)}</option>
                    {RespondentGroup::ALL
                        .into_iter()
                        .map(|g| view! { <option value=g.code()>{g.label(lang)}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{StaffText::CreateInvitations.tr(lang)}</button>
            </form>
        })}
        <p><a href=format!("/rounds/{}/invitations.csv", round.id) download="">{StaffText::DownloadCsv.tr(lang)}</a></p>
        <table aria-labelledby="invitations-heading">
            <thead>
                <tr>
                    <th scope="col">{StaffText::Link.tr(lang)}</th>
                    <th scope="col">{StaffText::Group.tr(lang)}</th>
                    <th scope="col">{StaffText::State.tr(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {detail
                    .invitations
                    .into_iter()
                    .map(|row| {
                        let group = row
                            .group
                            .as_deref()
                            .and_then(RespondentGroup::from_code)
                            .map_or(StaffText::NoGroup.tr(lang), |g| g.label(lang));
                        let state = match row.state {
                            InvitationState::Invited => StaffText::Invited,
                            InvitationState::Started => StaffText::Started,
                            InvitationState::Submitted => StaffText::Submitted,
                        };
                        view! {
                            <tr>
                                <td class="link"><code>{row.link}</code></td>
                                <td>{group}</td>
                                <td>{state.tr(lang)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        {manage_open.then(|| view! {
            <form method="post" action=format!("/rounds/{}/close", round.id) class="card">
                <CsrfField user=user.clone()/>
                <p>{StaffText::CloseRoundHint.tr(lang)}</p>
                <button type="submit" class="primary">{StaffText::CloseRound.tr(lang)}</button>
            </form>
        })}
    }
}
