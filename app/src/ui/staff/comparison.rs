//! `/association`: organisations × dimensions as a heatmap over the page's full width (each
//! score's cell coloured by its level, the number in it, so the table is its own text
//! alternative), filterable and sortable without JavaScript, with the sector's median and
//! quartiles per dimension in its footer; the distribution chart, the sector's weakest
//! dimensions, and exports.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use quickscan_domain::{MaturityLevel, OrganisationKind, SizeClass};

use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::staff::api::get_comparison;
use crate::staff::view::{ComparisonFilter, ComparisonView};

/// The filter as the page's query string gives it.
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> ComparisonFilter {
    let non_empty = |key: &str| get(key).filter(|v| !v.is_empty());
    ComparisonFilter {
        province: non_empty("province"),
        kind: non_empty("kind"),
        size: non_empty("size"),
        sort: non_empty("sort"),
        descending: get("desc").is_some_and(|v| v == "1"),
    }
}

/// The query string of a filter (for sort links and exports).
pub fn filter_query(filter: &ComparisonFilter) -> String {
    let mut parts = Vec::new();
    for (key, value) in [
        ("province", &filter.province),
        ("kind", &filter.kind),
        ("size", &filter.size),
        ("sort", &filter.sort),
    ] {
        if let Some(value) = value {
            let encoded: String = value
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        char::from(b).to_string()
                    }
                    other => format!("%{other:02X}"),
                })
                .collect();
            parts.push(format!("{key}={encoded}"));
        }
    }
    if filter.descending {
        parts.push("desc=1".to_owned());
    }
    parts.join("&")
}

/// The heatmap class of a cell holding a score: its maturity level, or none without one.
fn heat_class(value: Option<f64>) -> &'static str {
    match value.map(MaturityLevel::from_score) {
        Some(MaturityLevel::Absent) => "number heat heat-0",
        Some(MaturityLevel::Initial) => "number heat heat-1",
        Some(MaturityLevel::Developing) => "number heat heat-2",
        Some(MaturityLevel::Established) => "number heat heat-3",
        Some(MaturityLevel::Advanced) => "number heat heat-4",
        None => "number",
    }
}

/// The comparison page.
#[component]
pub fn ComparisonPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || filter_from_query(|key| query.read().get(key));
    let data = super::page_data(filter, get_comparison);
    view! {
        <Title text=lang.texts().compare.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Comparison view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Comparison(view: ComparisonView) -> impl IntoView {
    let lang = use_lang();
    let filter = view.filter.clone();
    let sort_link = {
        let filter = filter.clone();
        move |column: &str| {
            let mut next = filter.clone();
            let same = next.sort.as_deref() == Some(column);
            next.descending = same && !filter.descending;
            next.sort = Some(column.to_owned());
            format!("{}?{}", crate::paths::ASSOCIATION, filter_query(&next))
        }
    };
    let sorted = |column: &str| -> Option<&'static str> {
        (filter.sort.as_deref() == Some(column)).then_some(if filter.descending {
            "descending"
        } else {
            "ascending"
        })
    };
    let export_query = filter_query(&filter);
    let score = move |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| lang.format_score(v));
    let weakest = view.weakest_dimensions();
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <h1>{lang.texts().compare.title}</h1>
        <p>{lang.texts().compare.intro}</p>
        <form method="get" action=crate::paths::ASSOCIATION.pattern() class="inline-form filters">
            <label for="province">{lang.texts().compare.province}</label>
            <select id="province" name="province">
                <option value="">{lang.texts().compare.all}</option>
                {view.provinces.iter().map(|p| view! {
                    <option value=p.clone() selected=selected(&filter.province, p)>{p.clone()}</option>
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
            <button type="submit">{lang.texts().compare.apply}</button>
        </form>
        <p>
            {lang.texts().compare.export} ": "
            <a href=format!("{}?{export_query}", crate::paths::ASSOCIATION_EXPORT_CSV) download="">{lang.texts().compare.export_csv}</a>
            " · "
            <a href=format!("{}?{export_query}", crate::paths::ASSOCIATION_EXPORT_XLSX) download="">{lang.texts().compare.export_xlsx}</a>
        </p>
        {if view.rows.is_empty() {
            view! { <p class="notice">{lang.texts().compare.no_rows}</p> }.into_any()
        } else {
            view! {
                <p class="heat-legend">
                    {lang.texts().compare.heatmap_legend} " "
                    {MaturityLevel::ALL.into_iter().map(|level| view! {
                        <span class=heat_class(Some(f64::from(level.number())))>
                            {format!("{} {}", level.number(), level.label(lang))}
                        </span>
                        " "
                    }).collect_view()}
                </p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                    <table class="comparison heatmap">
                        <caption class="visually-hidden">{lang.texts().compare.title}</caption>
                        <thead>
                            <tr>
                                <th scope="col" aria-sort=sorted("name")><a href=sort_link("name")>{lang.texts().compare.organisation}</a></th>
                                <th scope="col">{lang.texts().compare.year}</th>
                                <th scope="col" class="number">"n"</th>
                                <th scope="col" class="number" aria-sort=sorted("overall")><a href=sort_link("overall")>{lang.texts().compare.overall}</a></th>
                                {view.dimension_names.iter().enumerate().map(|(i, name)| {
                                    let column = format!("d{i}");
                                    view! {
                                        <th scope="col" class="number" aria-sort=sorted(&column)>
                                            <a href=sort_link(&column)>{name.clone()}</a>
                                        </th>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {view.rows.iter().map(|row| {
                                view! {
                                    <tr>
                                        <th scope="row"><a href=crate::paths::ROUND_REPORT.with(row.round_id)>{row.name.clone()}</a></th>
                                        <td>{row.year}</td>
                                        <td class="number">{row.respondents}</td>
                                        <td class=heat_class(row.overall)>{score(row.overall)}</td>
                                        {row.dimensions.iter().map(|v| view! { <td class=heat_class(*v)>{score(*v)}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr class="sector-median">
                                <th scope="row">{lang.texts().compare.sector_median_row}</th>
                                <td></td>
                                <td class="number">{view.sector_overall.count}</td>
                                {std::iter::once(&view.sector_overall).chain(&view.sector).map(|d| {
                                    let median = d.quartiles.map(|q| q.2);
                                    view! { <td class=heat_class(median)>{score(median)}</td> }
                                }).collect_view()}
                            </tr>
                            <tr class="sector-quartiles">
                                <th scope="row">{lang.texts().compare.sector_quartiles_row}</th>
                                <td></td>
                                <td></td>
                                {std::iter::once(&view.sector_overall).chain(&view.sector).map(|d| {
                                    let band = d.quartiles.map_or_else(
                                        || "–".to_owned(),
                                        |q| format!("{}–{}", lang.format_score(q.1), lang.format_score(q.3)),
                                    );
                                    view! { <td class="number">{band}</td> }
                                }).collect_view()}
                            </tr>
                        </tfoot>
                    </table>
                </div>
            }.into_any()
        }}
        <h2>{lang.texts().compare.sector_weakest}</h2>
        <ol>
            {weakest.iter().take(3).map(|&i| {
                let d = &view.sector[i];
                let median = d.quartiles.map(|q| lang.format_score(q.2)).unwrap_or_default();
                view! { <li>{format!("{} ({}: {median})", d.name, lang.texts().staff.median)}</li> }
            }).collect_view()}
        </ol>
        <h2>{lang.texts().compare.distribution}</h2>
        <figure class="chart" inner_html=view.distribution_svg.clone()></figure>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{lang.texts().common.dimension}</th>
                        <th scope="col" class="number">"n"</th>
                        <th scope="col" class="number">"min"</th>
                        <th scope="col" class="number">{lang.texts().compare.q1}</th>
                        <th scope="col" class="number">{lang.texts().staff.median}</th>
                        <th scope="col" class="number">{lang.texts().compare.q3}</th>
                        <th scope="col" class="number">"max"</th>
                    </tr>
                </thead>
                <tbody>
                    {view.sector.iter().map(|d| {
                        let cells = d.quartiles.map_or_else(
                            || vec!["–".to_owned(); 5],
                            |q| [q.0, q.1, q.2, q.3, q.4].iter().map(|v| lang.format_score(*v)).collect(),
                        );
                        view! {
                            <tr>
                                <th scope="row">{d.name.clone()}</th>
                                <td class="number">{d.count}</td>
                                {cells.into_iter().map(|c| view! { <td class="number">{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
