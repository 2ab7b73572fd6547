//! `/association`: organisations × dimensions, filterable and sortable without JavaScript,
//! the distribution per dimension, the sector's weakest dimensions, and exports.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use quickscan_domain::{OrganisationKind, SizeClass};

use super::{StaffErrorNotice, UserBar};
use crate::i18n::{format_score, CompareText, Msg};
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

/// The comparison page.
#[component]
pub fn ComparisonPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || filter_from_query(|key| query.read().get(key));
    let data = Resource::new(filter, move |filter| {
        get_comparison(filter, lang.code().to_owned())
    });
    view! {
        <Title text=CompareText::Title.tr(lang)/>
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
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
            format!("/association?{}", filter_query(&next))
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
    let weakest = view.weakest_dimensions();
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <UserBar user=view.user.clone()/>
        <h1>{CompareText::Title.tr(lang)}</h1>
        <p>{CompareText::Intro.tr(lang)}</p>
        <form method="get" action="/association" class="inline-form filters">
            <label for="province">{CompareText::Province.tr(lang)}</label>
            <select id="province" name="province">
                <option value="">{CompareText::All.tr(lang)}</option>
                {view.provinces.iter().map(|p| view! {
                    <option value=p.clone() selected=selected(&filter.province, p)>{p.clone()}</option>
                }).collect_view()}
            </select>
            <label for="kind">{CompareText::Kind.tr(lang)}</label>
            <select id="kind" name="kind">
                <option value="">{CompareText::All.tr(lang)}</option>
                {OrganisationKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code() selected=selected(&filter.kind, k.code())>{k.label(lang)}</option>
                }).collect_view()}
            </select>
            <label for="size">{CompareText::Size.tr(lang)}</label>
            <select id="size" name="size">
                <option value="">{CompareText::All.tr(lang)}</option>
                {SizeClass::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=selected(&filter.size, s.code())>{s.label(lang)}</option>
                }).collect_view()}
            </select>
            <button type="submit">{CompareText::Apply.tr(lang)}</button>
        </form>
        <p>
            {CompareText::Export.tr(lang)} ": "
            <a href=format!("/association/export.csv?{export_query}") download="">{CompareText::ExportCsv.tr(lang)}</a>
            " · "
            <a href=format!("/association/export.xlsx?{export_query}") download="">{CompareText::ExportXlsx.tr(lang)}</a>
        </p>
        {if view.rows.is_empty() {
            view! { <p class="notice">{CompareText::NoRows.tr(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=crate::i18n::StaffText::ScrollableTable.tr(lang)>
                    <table class="comparison">
                        <caption class="visually-hidden">{CompareText::Title.tr(lang)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" aria-sort=sorted("name")><a href=sort_link("name")>{CompareText::Organisation.tr(lang)}</a></th>
                                <th scope="col">{CompareText::Year.tr(lang)}</th>
                                <th scope="col" class="number">"n"</th>
                                <th scope="col" class="number" aria-sort=sorted("overall")><a href=sort_link("overall")>{CompareText::Overall.tr(lang)}</a></th>
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
                                let score = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format_score(lang, v));
                                view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/rounds/{}/report", row.round_id)>{row.name.clone()}</a></th>
                                        <td>{row.year}</td>
                                        <td class="number">{row.respondents}</td>
                                        <td class="number">{score(row.overall)}</td>
                                        {row.dimensions.iter().map(|v| view! { <td class="number">{score(*v)}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2>{CompareText::SectorWeakest.tr(lang)}</h2>
        <ol>
            {weakest.iter().take(3).map(|&i| {
                let d = &view.sector[i];
                let median = d.quartiles.map(|q| format_score(lang, q.2)).unwrap_or_default();
                view! { <li>{format!("{} ({}: {median})", d.name, crate::i18n::StaffText::Median.tr(lang))}</li> }
            }).collect_view()}
        </ol>
        <h2>{CompareText::Distribution.tr(lang)}</h2>
        <figure class="chart" inner_html=view.distribution_svg.clone()></figure>
        <div class="table-scroll" tabindex="0" role="region" aria-label=crate::i18n::StaffText::ScrollableTable.tr(lang)>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{Msg::Dimension.tr(lang)}</th>
                        <th scope="col" class="number">"n"</th>
                        <th scope="col" class="number">"min"</th>
                        <th scope="col" class="number">{CompareText::Q1.tr(lang)}</th>
                        <th scope="col" class="number">{crate::i18n::StaffText::Median.tr(lang)}</th>
                        <th scope="col" class="number">{CompareText::Q3.tr(lang)}</th>
                        <th scope="col" class="number">"max"</th>
                    </tr>
                </thead>
                <tbody>
                    {view.sector.iter().map(|d| {
                        let cells = d.quartiles.map_or_else(
                            || vec!["–".to_owned(); 5],
                            |q| [q.0, q.1, q.2, q.3, q.4].iter().map(|v| format_score(lang, *v)).collect(),
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
