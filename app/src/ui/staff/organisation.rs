//! `/organisations/:id`: an organisation's details and rounds, with the form opening a round
//! and (for the association) its details form; `/admin/organisations/new` adds one.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::benchmark::FLEMISH_PROVINCES;
use quickscan_domain::organisation::OrganisationDetails;
use quickscan_domain::{OrganisationKind, SizeClass};

use super::dashboard::RoundTable;
use super::refused::{
    described_by, is_refused, kept_checked, kept_value, FieldProblem, FormProblem,
};
use super::{CsrfField, StaffErrorNotice};
use crate::auth::StaffUser;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::{get_new_organisation, get_organisation};
use crate::staff::refusal::forms;
use crate::staff::view::OrganisationPanel;

/// An organisation's page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let lang = use_lang();
    let organisation_id = super::use_id_param();
    let data = super::page_data(organisation_id, get_organisation);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(panel) => view! {
                        <Title text=panel.organisation.details.name.clone()/>
                        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
                        <OrganisationPanelView panel heading_level=1/>
                    }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An organisation with its rounds: a heading of `heading_level` (1 on its own page, 2 on a
/// coordinator's dashboard), its rounds, the form opening one, and its details form.
#[component]
pub fn OrganisationPanelView(panel: OrganisationPanel, heading_level: u8) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().organisations;
    let organisation = panel.organisation.clone();
    let id = organisation.id;
    let heading_id = format!("organisation-{id}");
    let title = view! {
        {organisation.details.name.clone()} " "
        <span class="hint">{format!("(NIS {})", organisation.details.code)}</span>
    };
    let heading = if heading_level <= 1 {
        view! { <h1 id=heading_id.clone()>{title}</h1> }.into_any()
    } else {
        view! { <h2 id=heading_id.clone()>{title}</h2> }.into_any()
    };
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let user = panel.user.clone();
    let form = forms::new_round(id);
    let input_id = format!("round-name-{id}");
    view! {
        <section class="organisation" aria-labelledby=heading_id>
            {heading}
            {move || saved().then(|| view! { <p role="status" class="notice">{texts.saved}</p> })}
            {(!organisation.active).then(|| view! { <p class="notice">{texts.inactive_notice}</p> })}
            <p class="hint">
                {organisation.details.kind.label(lang)} " · "
                {quickscan_domain::province_label(&organisation.details.province, lang)} " · "
                {SizeClass::from_population(i64::from(organisation.details.population)).label(lang)}
            </p>
            <RoundTable rounds=panel.rounds.clone()/>
            {panel.can_open_round.then(|| view! {
                <form method="post" action=paths::ORGANISATION_NEW_ROUND.with(id) class="inline-form">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=form.clone()/>
                    <label for=input_id.clone()>{lang.texts().staff.round_name}</label>
                    <input id=input_id.clone() type="text" name="name" required maxlength="100"
                        value=kept_value(&form, "name", &panel.default_round_name)
                        aria-invalid=is_refused(&form, "name").then_some("true")
                        aria-describedby=described_by(&form, "name")/>
                    <FieldProblem form=form.clone() field="name"/>
                    <button type="submit">{lang.texts().staff.open_round}</button>
                </form>
            })}
            {panel.can_invite_coordinator.then(|| view! {
                <super::accounts::InviteCoordinatorForm user=user.clone() organisation_id=id/>
            })}
            {panel.can_edit.then(|| view! {
                <h2>{texts.details}</h2>
                <OrganisationDetailsForm
                    user=user.clone()
                    action=paths::ORGANISATION_DETAILS.with(id)
                    form=forms::ORGANISATION_DETAILS
                    details=Some(organisation.details.clone())
                    active=organisation.active
                    button=texts.save/>
                <h2>{texts.delete_title}</h2>
                <form method="post" action=paths::ORGANISATION_DELETE.with(id) class="card details-form danger">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=forms::DELETE_ORGANISATION/>
                    <p id="delete-warning">{(texts.delete_warning)(&organisation.details.name)}</p>
                    <label for="delete-organisation-confirm_name">{texts.delete_confirm_label}</label>
                    <input id="delete-organisation-confirm_name" name="confirm_name" type="text" required
                        autocomplete="off" maxlength="200"
                        aria-invalid=is_refused(forms::DELETE_ORGANISATION, "confirm_name").then_some("true")
                        aria-describedby=match described_by(forms::DELETE_ORGANISATION, "confirm_name") {
                            Some(problem) => format!("delete-warning {problem}"),
                            None => "delete-warning".to_owned(),
                        }/>
                    <FieldProblem form=forms::DELETE_ORGANISATION field="confirm_name"/>
                    <button type="submit">{texts.delete}</button>
                </form>
            })}
        </section>
    }
}

/// `/admin/organisations/new`: the form adding an organisation.
#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_new_organisation());
    let texts = &lang.texts().organisations;
    view! {
        <Title text=texts.new_organisation/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(user) => view! {
                        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
                        <h1>{texts.new_organisation}</h1>
                        <OrganisationDetailsForm
                            user
                            action=paths::ORGANISATION_NEW.to_string()
                            form=forms::NEW_ORGANISATION
                            details=None
                            active=true
                            button=texts.create/>
                    }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An organisation's details as a form: what a refused post kept, else `details`.
#[component]
fn OrganisationDetailsForm(
    user: StaffUser,
    action: String,
    form: &'static str,
    details: Option<OrganisationDetails>,
    active: bool,
    button: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().organisations;
    let stored =
        |pick: fn(&OrganisationDetails) -> String| details.as_ref().map(pick).unwrap_or_default();
    let code = kept_value(form, "code", &stored(|d| d.code.clone()));
    let name = kept_value(form, "name", &stored(|d| d.name.clone()));
    let kind = kept_value(form, "kind", &stored(|d| d.kind.code().to_owned()));
    let province = kept_value(form, "province", &stored(|d| d.province.clone()));
    let population = kept_value(form, "population", &stored(|d| d.population.to_string()));
    let active = kept_checked(form, "active", "1").unwrap_or(active);
    let field = move |name: &'static str| {
        (
            format!("{form}-{name}"),
            is_refused(form, name).then_some("true"),
            described_by(form, name),
        )
    };
    let (code_id, code_invalid, code_described) = field("code");
    let (name_id, name_invalid, name_described) = field("name");
    let (kind_id, kind_invalid, kind_described) = field("kind");
    let (province_id, province_invalid, province_described) = field("province");
    let (population_id, population_invalid, population_described) = field("population");
    let active_id = format!("{form}-active");
    let code_hint_id = format!("{form}-code-hint");
    let population_hint_id = format!("{form}-population-hint");
    let with_hint = |hint: &str, problem: Option<String>| match problem {
        Some(problem) => format!("{hint} {problem}"),
        None => hint.to_owned(),
    };
    view! {
        <form method="post" action=action class="card details-form">
            <CsrfField user/>
            <FormProblem form=form/>
            <label for=code_id.clone()>{texts.column_code}</label>
            <input id=code_id name="code" type="text" inputmode="numeric" required maxlength="5"
                autocomplete="off" value=code aria-invalid=code_invalid
                aria-describedby=with_hint(&code_hint_id, code_described)/>
            <p class="hint" id=code_hint_id>{texts.code_hint}</p>
            <FieldProblem form=form field="code"/>
            <label for=name_id.clone()>{texts.name}</label>
            <input id=name_id name="name" type="text" required maxlength="200" value=name
                aria-invalid=name_invalid aria-describedby=name_described/>
            <FieldProblem form=form field="name"/>
            <label for=kind_id.clone()>{texts.column_kind}</label>
            <select id=kind_id name="kind" required aria-invalid=kind_invalid aria-describedby=kind_described>
                <option value="">{texts.choose}</option>
                {OrganisationKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code() selected={kind == k.code()}>{k.label(lang)}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form field="kind"/>
            <label for=province_id.clone()>{texts.column_province}</label>
            <select id=province_id name="province" required aria-invalid=province_invalid
                aria-describedby=province_described>
                <option value="">{texts.choose}</option>
                {FLEMISH_PROVINCES.into_iter().map(|p| view! {
                    <option value=p selected={province == p}>{quickscan_domain::province_label(p, lang)}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form field="province"/>
            <label for=population_id.clone()>{texts.population}</label>
            <input id=population_id name="population" type="text" inputmode="numeric" required
                maxlength="12" value=population aria-invalid=population_invalid
                aria-describedby=with_hint(&population_hint_id, population_described)/>
            <p class="hint" id=population_hint_id>{texts.population_hint}</p>
            <FieldProblem form=form field="population"/>
            <div class="member">
                <input id=active_id.clone() name="active" type="checkbox" value="1" checked=active/>
                <label for=active_id>{texts.active}</label>
            </div>
            <button type="submit" class="primary">{button}</button>
        </form>
    }
}

/// `/admin/organisations/import`: an organisation list is uploaded, checked, then confirmed.
#[component]
pub fn OrganisationsImportPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_new_organisation());
    let texts = &lang.texts().organisations;
    view! {
        <Title text=texts.import_title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(user) => view! { <OrganisationsImport user/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationsImport(user: StaffUser) -> impl IntoView {
    use crate::staff::organisation_view::{use_list_outcome, ListChange, ListOutcome};
    let lang = use_lang();
    let texts = &lang.texts().organisations;
    let query = leptos_router::hooks::use_query_map();
    let imported = move || {
        let query = query.read();
        let count = |key: &str| query.get(key).and_then(|v| v.parse::<usize>().ok());
        count("added").zip(count("updated"))
    };
    let outcome = use_list_outcome();
    let change_label = move |change: ListChange| match change {
        ListChange::New => texts.change_new,
        ListChange::Updated => texts.change_updated,
        ListChange::Unchanged => texts.change_none,
    };
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.import_title}</h1>
        {move || imported().map(|(added, updated)| view! {
            <p role="status" class="notice">{(texts.imported)(added, updated)}</p>
        })}
        <p>{texts.import_intro}</p>
        <form method="post" action=paths::ORGANISATIONS_IMPORT.pattern() enctype="multipart/form-data" class="card details-form">
            <CsrfField user=user.clone()/>
            <FormProblem form=forms::ORGANISATION_LIST/>
            <label for="organisation-list-file">{texts.file}</label>
            <input id="organisation-list-file" name="file" type="file" required
                accept=".xlsx,.xlsm,.xls,.ods,.csv,text/csv"/>
            <button type="submit" class="primary">{texts.check}</button>
        </form>
        <p><a href=paths::ORGANISATIONS_EXPORT.pattern()>{texts.export_list}</a></p>
        {outcome.map(|outcome| match outcome {
            ListOutcome::Problems(problems) => view! {
                <section class="card" role="alert" aria-labelledby="list-problems">
                    <h2 id="list-problems">{texts.refused_list}</h2>
                    <ul class="problems">
                        {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                </section>
            }.into_any(),
            ListOutcome::Preview(preview) => {
                use crate::staff::organisation_view::ListChange::{New, Unchanged, Updated};
                let summary = (texts.preview)(preview.count(New), preview.count(Updated), preview.count(Unchanged));
                view! {
                    <section class="card" aria-labelledby="list-preview">
                        <h2 id="list-preview">{preview.file_name.clone()}</h2>
                        <p role="status">{summary}</p>
                        <form method="post" action=paths::ORGANISATIONS_IMPORT_CONFIRM.pattern()>
                            <CsrfField user=user.clone()/>
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="list-preview">
                            <table class="organisation-list">
                                <thead>
                                    <tr>
                                        <th scope="col">{texts.column_code}</th>
                                        <th scope="col">{texts.name}</th>
                                        <th scope="col">{texts.column_kind}</th>
                                        <th scope="col">{texts.column_province}</th>
                                        <th scope="col" class="number">{texts.population}</th>
                                        <th scope="col">{texts.column_change}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {preview.rows.into_iter().map(|(details, change)| view! {
                                        <tr>
                                            <th scope="row">
                                                {details.code.clone()}
                                                <input type="hidden" name="code" value=details.code.clone()/>
                                                <input type="hidden" name="name" value=details.name.clone()/>
                                                <input type="hidden" name="kind" value=details.kind.code()/>
                                                <input type="hidden" name="province" value=details.province.clone()/>
                                                <input type="hidden" name="population" value=details.population.to_string()/>
                                            </th>
                                            <td>{details.name.clone()}</td>
                                            <td>{details.kind.label(lang)}</td>
                                            <td>{quickscan_domain::province_label(&details.province, lang)}</td>
                                            <td class="number">{details.population}</td>
                                            <td>{change_label(change)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                            <button type="submit" class="primary">{texts.confirm_import}</button>
                        </form>
                    </section>
                }.into_any()
            }
        })}
    }
}
