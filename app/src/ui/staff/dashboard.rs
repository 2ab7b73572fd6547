//! `/dashboard`: the organisations a staff user may see, searched, filtered and paged; a
//! coordinator of one organisation sees its rounds at once.

use leptos::prelude::*;
use leptos_meta::Title;

use leptos_router::hooks::use_query_map;
use quickscan_domain::{OrganisationKind, SizeClass};

use super::organisation::OrganisationPanelView;
use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_dashboard;
use crate::staff::view::{
    DashboardFilter, DashboardView, RoundResults, RoundState, RoundSummary, ORGANISATIONS_PER_PAGE,
};

/// The filter as the page's query string gives it.
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> DashboardFilter {
    let non_empty = |key: &str| {
        get(key)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    DashboardFilter {
        search: non_empty("q"),
        province: non_empty("province"),
        kind: non_empty("kind"),
        size: non_empty("size"),
        state: non_empty("state").and_then(|s| RoundState::from_code(&s)),
        page: non_empty("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || filter_from_query(|key| query.read().get(key));
    let data = super::page_data(filter, get_dashboard);
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
    let texts = &lang.texts().organisations;
    let single = view.single.clone();
    let query = use_query_map();
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <h1>{lang.texts().staff.dashboard_title}</h1>
        {move || deleted().then(|| view! { <p role="status" class="notice">{texts.deleted}</p> })}
        <ul class="actions">
            {view.can_compare.then(|| view! {
                <li><a class="button" href=paths::ASSOCIATION.pattern()>{lang.texts().compare.title}</a></li>
            })}
            {view.can_view_sector_plans.then(|| view! {
                <li><a class="button" href=paths::SECTOR_PLANS.pattern()>{lang.texts().plan.sector_link}</a></li>
            })}
            {view.can_import.then(|| view! {
                <li><a class="button" href=paths::IMPORT.pattern()>{lang.texts().staff.import_answers}</a></li>
            })}
            {view.can_manage_organisations.then(|| view! {
                <li><a class="button" href=paths::ORGANISATION_NEW.pattern()>{texts.new_organisation}</a></li>
                <li><a class="button" href=paths::ORGANISATIONS_IMPORT.pattern()>{texts.import_title}</a></li>
            })}
            {view.can_manage_accounts.then(|| view! {
                <li><a class="button" href=paths::ACCOUNTS.pattern()>{lang.texts().accounts.title}</a></li>
            })}
            {view.can_view_audit_log.then(|| view! {
                <li><a href=paths::AUDIT_LOG.pattern()>{lang.texts().audit.title}</a></li>
            })}
            {view.can_manage_peer_groups.then(|| view! {
                <li><a href=paths::PEER_GROUPS.pattern()>{lang.texts().compare.peer_group}</a></li>
            })}
            {view.can_view_model_versions.then(|| view! {
                <li><a href=paths::MODEL_VERSIONS.pattern()>{lang.texts().models.title}</a></li>
            })}
        </ul>
        {match single {
            Some(panel) => view! { <OrganisationPanelView panel heading_level=2/> }.into_any(),
            None => view! { <OrganisationList view/> }.into_any(),
        }}
    }
}

/// The searchable, filterable, paged list of organisations.
#[component]
fn OrganisationList(view: DashboardView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().organisations;
    let filter = view.filter.clone();
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    let first = (filter.page - 1) * ORGANISATIONS_PER_PAGE + 1;
    let last = first + view.rows.len().saturating_sub(1);
    let page_link = {
        let filter = filter.clone();
        move |page: usize| {
            let query = filter.query_for_page(page);
            if query.is_empty() {
                paths::DASHBOARD.to_string()
            } else {
                format!("{}?{query}", paths::DASHBOARD)
            }
        }
    };
    view! {
        <form method="get" action=paths::DASHBOARD.pattern() class="inline-form filters" role="search">
            <label for="search">{texts.search}</label>
            <input id="search" name="q" type="search" maxlength="100" value=filter.search.clone().unwrap_or_default()/>
            <label for="province">{lang.texts().compare.province}</label>
            <select id="province" name="province">
                <option value="">{lang.texts().compare.all}</option>
                {view.provinces.iter().map(|p| view! {
                    <option value=p.clone() selected=selected(&filter.province, p)>
                        {quickscan_domain::province_label(p, lang)}
                    </option>
                }).collect_view()}
            </select>
            <label for="kind">{lang.texts().compare.kind}</label>
            <select id="kind" name="kind">
                <option value="">{lang.texts().compare.all}</option>
                {OrganisationKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code() selected=selected(&filter.kind, k.code())>{k.label(lang)}</option>
                }).collect_view()}
            </select>
            <label for="size">{lang.texts().compare.size}</label>
            <select id="size" name="size">
                <option value="">{lang.texts().compare.all}</option>
                {SizeClass::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=selected(&filter.size, s.code())>{s.label(lang)}</option>
                }).collect_view()}
            </select>
            <label for="state">{texts.state}</label>
            <select id="state" name="state">
                <option value="">{texts.state_any}</option>
                {RoundState::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected={filter.state == Some(s)}>{s.label(lang)}</option>
                }).collect_view()}
            </select>
            <button type="submit">{texts.filter}</button>
        </form>
        {if view.rows.is_empty() {
            view! { <p role="status">{texts.none_found}</p> }.into_any()
        } else {
            view! {
                <p role="status">{(texts.shown)(first, last, view.total)}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.dashboard_title>
                <table class="organisations">
                    <thead>
                        <tr>
                            <th scope="col">{texts.column_name}</th>
                            <th scope="col">{texts.column_code}</th>
                            <th scope="col">{texts.column_kind}</th>
                            <th scope="col">{texts.column_province}</th>
                            <th scope="col">{texts.column_size}</th>
                            <th scope="col">{texts.column_latest}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view.rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">
                                    <a href=paths::ORGANISATION.with(row.id)>{row.name.clone()}</a>
                                    {(!row.active).then(|| view! { " " <span class="hint">{format!("({})", texts.inactive)}</span> })}
                                </th>
                                <td>{row.code.clone()}</td>
                                <td>{row.kind.label(lang)}</td>
                                <td>{quickscan_domain::province_label(&row.province, lang)}</td>
                                <td>{row.size.label(lang)}</td>
                                <td>{match row.latest_round.clone() {
                                    Some((name, year, open)) => format!(
                                        "{name} ({year}), {}",
                                        if open { texts.round_open } else { texts.round_closed }
                                    ),
                                    None => texts.no_rounds.to_owned(),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        {(view.page_count > 1).then(|| view! {
            <nav class="pager" aria-label=texts.pages>
                {(filter.page > 1).then(|| view! {
                    <a rel="prev" href=page_link(filter.page - 1)>{texts.previous}</a>
                })}
                " "
                <span>{format!("{} / {}", filter.page, view.page_count)}</span>
                " "
                {(filter.page < view.page_count).then(|| view! {
                    <a rel="next" href=page_link(filter.page + 1)>{texts.next}</a>
                })}
            </nav>
        })}
    }
}

/// A list of rounds with their progress and links.
#[component]
pub fn RoundTable(rounds: Vec<RoundSummary>) -> impl IntoView {
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
