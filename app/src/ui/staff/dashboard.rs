//! `/dashboard`: the organisations a staff user may see, with their rounds.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{CsrfField, StaffErrorNotice, UserBar};
use crate::i18n::{Msg, StaffText};
use crate::locale::use_lang;
use crate::staff::api::get_dashboard;
use crate::staff::view::{DashboardView, RoundSummary};

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_dashboard());
    view! {
        <Title text=StaffText::DashboardTitle.tr(lang)/>
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Dashboard view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(view: DashboardView) -> impl IntoView {
    let lang = use_lang();
    let user = view.user.clone();
    let empty = view.organisations.is_empty();
    let default_name = view.default_round_name.clone();
    view! {
        <UserBar user=user.clone()/>
        <h1>{StaffText::DashboardTitle.tr(lang)}</h1>
        {view.can_compare.then(|| view! {
            <p><a class="button" href="/association">{crate::i18n::CompareText::Title.tr(lang)}</a></p>
        })}
        {(user.role != crate::auth::Role::Coordinator).then(|| view! {
            <p><a class="button" href="/import">{StaffText::ImportAnswers.tr(lang)}</a></p>
        })}
        {(user.role == crate::auth::Role::Admin).then(|| view! {
            <p><a href="/admin/peer-groups">{crate::i18n::CompareText::PeerGroup.tr(lang)}</a></p>
        })}
        {empty.then(|| view! { <p>{StaffText::NoOrganisations.tr(lang)}</p> })}
        {view
            .organisations
            .into_iter()
            .map(|organisation| {
                let heading_id = format!("organisation-{}", organisation.id);
                let labelled_by = heading_id.clone();
                let input_id = format!("round-name-{}", organisation.id);
                let user = user.clone();
                let default_name = default_name.clone();
                view! {
                    <section class="organisation" aria-labelledby=labelled_by>
                        <h2 id=heading_id>{organisation.name.clone()} " " <span class="hint">{format!("(NIS {})", organisation.code)}</span></h2>
                        <RoundTable rounds=organisation.rounds/>
                        {organisation.can_manage.then(|| view! {
                            <form method="post" action=format!("/organisations/{}/rounds", organisation.id) class="inline-form">
                                <CsrfField user=user.clone()/>
                                <label for=input_id.clone()>{StaffText::RoundName.tr(lang)}</label>
                                <input id=input_id type="text" name="name" required maxlength="100"
                                    value=default_name.clone()/>
                                <button type="submit">{StaffText::OpenRound.tr(lang)}</button>
                            </form>
                        })}
                    </section>
                }
            })
            .collect_view()}
    }
}

#[component]
fn RoundTable(rounds: Vec<RoundSummary>) -> impl IntoView {
    let lang = use_lang();
    if rounds.is_empty() {
        return view! { <p>{StaffText::NoRounds.tr(lang)}</p> }.into_any();
    }
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{StaffText::RoundName.tr(lang)}</th>
                    <th scope="col">{StaffText::Status.tr(lang)}</th>
                    <th scope="col" class="number">{StaffText::Invited.tr(lang)}</th>
                    <th scope="col" class="number">{StaffText::Started.tr(lang)}</th>
                    <th scope="col" class="number">{StaffText::Submitted.tr(lang)}</th>
                    <th scope="col"><span class="visually-hidden">{StaffText::Details.tr(lang)}</span></th>
                </tr>
            </thead>
            <tbody>
                {rounds
                    .into_iter()
                    .map(|round| view! {
                        <tr>
                            <th scope="row">{format!("{} ({})", round.name, round.year)}</th>
                            <td>{if round.open { StaffText::Open.tr(lang) } else { StaffText::Closed.tr(lang) }}</td>
                            <td class="number">{round.invited}</td>
                            <td class="number">{round.started}</td>
                            <td class="number">{round.submitted}</td>
                            <td>
                                <a href=format!("/rounds/{}", round.id)>{StaffText::Details.tr(lang)}</a>
                                " · "
                                <a href=format!("/rounds/{}/report", round.id)>{StaffText::Report.tr(lang)}</a>
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
