//! `/rounds/:id`: progress, invitation links, more links, and closing the round.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use quickscan_domain::RespondentGroup;

use super::refused::{
    described_by, is_refused, kept_checked, kept_value, FieldProblem, FormProblem,
};
use super::{CsrfField, StaffErrorNotice, UserBar};
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_round;
use crate::staff::refusal::forms;
use crate::staff::view::{InvitationState, RoundDetail, RoundResults};

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
        <UserBar user=user.clone()/>
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
        <h2 id="invitations-heading">{lang.texts().staff.invitations_title}</h2>
        <p>{lang.texts().staff.invitations_hint}</p>
        {manage_open.then(|| {
            let form = forms::INVITATIONS;
            let kept_group = kept_value(form, "group", "");
            view! {
                <form method="post" action=paths::ROUND_INVITATIONS.with(round.id) class="inline-form">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=form/>
                    <label for="count">{lang.texts().staff.how_many}</label>
                    <input id="count" name="count" type="number" min="1" max="500"
                        value=kept_value(form, "count", "10") required
                        aria-invalid=is_refused(form, "count").then_some("true")
                        aria-describedby=described_by(form, "count")/>
                    <FieldProblem form=form field="count"/>
                    <label for="group">{lang.texts().staff.group}</label>
                    <select id="group" name="group"
                        aria-invalid=is_refused(form, "group").then_some("true")
                        aria-describedby=described_by(form, "group")>
                        <option value="">{lang.texts().staff.no_group}</option>
                        {RespondentGroup::ALL
                            .into_iter()
                            .map(|g| {
                                let selected = kept_group == g.code();
                                view! { <option value=g.code() selected=selected>{g.label(lang)}</option> }
                            })
                            .collect_view()}
                    </select>
                    <FieldProblem form=form field="group"/>
                    <button type="submit">{lang.texts().staff.create_invitations}</button>
                </form>
            }
        })}
        <p><a href=paths::ROUND_INVITATIONS_CSV.with(round.id) download="">{lang.texts().staff.download_csv}</a></p>
        <table aria-labelledby="invitations-heading">
            <thead>
                <tr>
                    <th scope="col">{lang.texts().staff.link}</th>
                    <th scope="col">{lang.texts().staff.group}</th>
                    <th scope="col">{lang.texts().staff.state}</th>
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
                            .map_or(lang.texts().staff.no_group, |g| g.label(lang));
                        let state = match row.state {
                            InvitationState::Invited => lang.texts().staff.invited,
                            InvitationState::Started => lang.texts().staff.started,
                            InvitationState::Submitted => lang.texts().staff.submitted,
                        };
                        view! {
                            <tr>
                                <td class="link"><code>{row.link}</code></td>
                                <td>{group}</td>
                                <td>{state}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
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
