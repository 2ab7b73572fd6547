//! `/dashboard`: the organisations a staff user may see, with their rounds.

use leptos::prelude::*;
use leptos_meta::Title;

use super::refused::{described_by, is_refused, kept_value, FieldProblem, FormProblem};
use super::{CsrfField, StaffErrorNotice, UserBar};
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_dashboard;
use crate::staff::refusal::forms;
use crate::staff::view::{DashboardView, RoundResults, RoundSummary};

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_dashboard());
    view! {
        <Title text=lang.texts().staff.dashboard_title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
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
        <h1>{lang.texts().staff.dashboard_title}</h1>
        {view.can_compare.then(|| view! {
            <p><a class="button" href=paths::ASSOCIATION.pattern()>{lang.texts().compare.title}</a></p>
        })}
        {view.can_import.then(|| view! {
            <p><a class="button" href=paths::IMPORT.pattern()>{lang.texts().staff.import_answers}</a></p>
        })}
        {view.can_manage_peer_groups.then(|| view! {
            <p><a href=paths::PEER_GROUPS.pattern()>{lang.texts().compare.peer_group}</a></p>
        })}
        {view.can_view_model_versions.then(|| view! {
            <p><a href=paths::MODEL_VERSIONS.pattern()>{lang.texts().models.title}</a></p>
        })}
        {empty.then(|| view! { <p>{lang.texts().staff.no_organisations}</p> })}
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
                        {organisation.can_manage.then(|| {
                            let form = forms::new_round(organisation.id);
                            view! {
                                <form method="post" action=paths::ORGANISATION_NEW_ROUND.with(organisation.id) class="inline-form">
                                    <CsrfField user=user.clone()/>
                                    <FormProblem form=form.clone()/>
                                    <label for=input_id.clone()>{lang.texts().staff.round_name}</label>
                                    <input id=input_id type="text" name="name" required maxlength="100"
                                        value=kept_value(&form, "name", &default_name)
                                        aria-invalid=is_refused(&form, "name").then_some("true")
                                        aria-describedby=described_by(&form, "name")/>
                                    <FieldProblem form=form.clone() field="name"/>
                                    <button type="submit">{lang.texts().staff.open_round}</button>
                                </form>
                            }
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
        return view! { <p>{lang.texts().staff.no_rounds}</p> }.into_any();
    }
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{lang.texts().staff.round_name}</th>
                    <th scope="col">{lang.texts().staff.status}</th>
                    <th scope="col" class="number">{lang.texts().staff.invited}</th>
                    <th scope="col" class="number">{lang.texts().staff.started}</th>
                    <th scope="col" class="number">{lang.texts().staff.submitted}</th>
                    <th scope="col"><span class="visually-hidden">{lang.texts().staff.details}</span></th>
                </tr>
            </thead>
            <tbody>
                {rounds
                    .into_iter()
                    .map(|round| {
                        let withheld = (round.results == RoundResults::Withheld)
                            .then(|| round.results_notice(lang))
                            .flatten();
                        view! {
                        <tr>
                            <th scope="row">{format!("{} ({})", round.name, round.year)}</th>
                            <td>
                                {if round.open { lang.texts().staff.open } else { lang.texts().staff.closed }}
                                {withheld.map(|notice| view! { " " <span class="results-withheld">{notice}</span> })}
                            </td>
                            <td class="number">{round.invited}</td>
                            <td class="number">{round.started}</td>
                            <td class="number">{round.submitted}</td>
                            <td>
                                <a href=paths::ROUND.with(round.id)>{lang.texts().staff.details}</a>
                                " · "
                                <a href=paths::ROUND_REPORT.with(round.id)>{lang.texts().staff.report}</a>
                            </td>
                        </tr>
                    }})
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
