//! `/rounds/:id/report`: overall maturity, charts with their tables, the weakest dimensions,
//! where respondents disagree, groups, and advice for the short and medium term.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use quickscan_domain::{Lang, MaturityLevel, MIN_GROUP_SIZE};

use super::{StaffErrorNotice, UserBar};
use crate::i18n::{format_score, Msg, StaffText};
use crate::locale::use_lang;
use crate::staff::api::get_report;
use crate::staff::view::ReportView;

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let round_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(round_id, move |id| get_report(id, lang.code().to_owned()));
    view! {
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(report) => view! { <Report report/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn score_text(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format_score(lang, v))
}

#[component]
fn Report(report: ReportView) -> impl IntoView {
    let lang = use_lang();
    let aggregate = report.aggregate.clone();
    let name_of = |id: &str| {
        report
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.get(lang).to_owned())
            .unwrap_or_default()
    };
    let weakest: Vec<String> = aggregate
        .weakest(3)
        .iter()
        .map(|d| name_of(&d.dimension_id))
        .collect();
    let divided: Vec<String> = aggregate
        .divided()
        .iter()
        .map(|d| name_of(&d.dimension_id))
        .collect();
    let overall = aggregate.overall;
    let overall_level = aggregate.overall_level();
    // Advice in order of need: weakest first, unscored dimensions last.
    let mut advice_order: Vec<usize> = (0..report.dimensions.len()).collect();
    advice_order.sort_by(|&a, &b| {
        let key = |i: usize| {
            aggregate
                .dimensions
                .get(i)
                .and_then(|d| d.mean)
                .unwrap_or(f64::INFINITY)
        };
        key(a).total_cmp(&key(b)).then(a.cmp(&b))
    });
    view! {
        <Title text=format!("{} – {}", StaffText::ReportTitle.tr(lang), report.organisation)/>
        <UserBar user=report.user.clone()/>
        <p class="no-print"><a href="/dashboard">{StaffText::BackToDashboard.tr(lang)}</a></p>
        <h1>{StaffText::ReportTitle.tr(lang)} ": " {report.organisation.clone()}</h1>
        <p class="lead">{format!("{} ({}) – {}", report.round.name, report.round.year, report.model_title.get(lang))}</p>
        {report.is_preview.then(|| view! { <p class="notice">{StaffText::PreviewNotice.tr(lang)}</p> })}
        <dl class="scan-meta key-figures">
            <dt>{StaffText::Overall.tr(lang)}</dt>
            <dd>
                <strong>{score_text(lang, overall)}</strong>
                {overall_level.map(|l| format!(" / 4 – {}", l.label(lang)))}
            </dd>
            <dt>{StaffText::Respondents.tr(lang)}</dt>
            <dd>{aggregate.respondents}</dd>
        </dl>
        <section aria-labelledby="weakest-heading">
            <h2 id="weakest-heading">{StaffText::WeakestTitle.tr(lang)}</h2>
            <ol>{weakest.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ol>
        </section>
        <section aria-labelledby="divided-heading">
            <h2 id="divided-heading">{StaffText::DividedTitle.tr(lang)}</h2>
            {if divided.is_empty() {
                view! { <p>{StaffText::NoneDivided.tr(lang)}</p> }.into_any()
            } else {
                view! { <ul>{divided.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <div class="charts">
            <figure class="chart" inner_html=report.radar_svg.clone()></figure>
            <figure class="chart" inner_html=report.bar_svg.clone()></figure>
        </div>
        <h2 id="figures-heading">{StaffText::ChartTable.tr(lang)}</h2>
        <div class="table-scroll">
            <table aria-labelledby="figures-heading">
                <thead>
                    <tr>
                        <th scope="col">{Msg::Dimension.tr(lang)}</th>
                        <th scope="col" class="number">{StaffText::Mean.tr(lang)}</th>
                        <th scope="col" class="number">{StaffText::Median.tr(lang)}</th>
                        <th scope="col" class="number">{StaffText::Range.tr(lang)}</th>
                        <th scope="col" class="number">{StaffText::StdDev.tr(lang)}</th>
                        <th scope="col">{StaffText::Consensus.tr(lang)}</th>
                        <th scope="col" class="number">"n"</th>
                    </tr>
                </thead>
                <tbody>
                    {report
                        .dimensions
                        .iter()
                        .zip(aggregate.dimensions.iter())
                        .map(|(dimension, figures)| view! {
                            <tr>
                                <th scope="row">{dimension.name.get(lang).to_owned()}</th>
                                <td class="number">{score_text(lang, figures.mean)}</td>
                                <td class="number">{score_text(lang, figures.median)}</td>
                                <td class="number">{format!("{}–{}", score_text(lang, figures.min), score_text(lang, figures.max))}</td>
                                <td class="number">{score_text(lang, figures.std_dev)}</td>
                                <td>{figures.consensus.map(|c| c.label(lang)).unwrap_or("–")}</td>
                                <td class="number">{figures.respondents}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(!aggregate.groups.is_empty()).then(|| view! {
            <h2 id="groups-heading">{StaffText::GroupsTitle.tr(lang)}</h2>
            <p class="hint">{StaffText::GroupsHint.tr(lang)}</p>
            <div class="table-scroll">
                <table aria-labelledby="groups-heading">
                    <thead>
                        <tr>
                            <th scope="col">{Msg::Dimension.tr(lang)}</th>
                            {aggregate.groups.iter().map(|g| view! {
                                <th scope="col" class="number">{format!("{} (n={})", g.group.label(lang), g.respondents)}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {report.dimensions.iter().enumerate().map(|(index, dimension)| view! {
                            <tr>
                                <th scope="row">{dimension.name.get(lang).to_owned()}</th>
                                {aggregate.groups.iter().map(|g| {
                                    let cell = g.dimensions.get(index).map_or_else(
                                        || "–".to_owned(),
                                        |d| if d.respondents >= MIN_GROUP_SIZE {
                                            score_text(lang, d.mean)
                                        } else {
                                            StaffText::NotEnoughAnswers.tr(lang).to_owned()
                                        },
                                    );
                                    view! { <td class="number">{cell}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h2>{StaffText::AdviceTitle.tr(lang)}</h2>
        {advice_order
            .into_iter()
            .filter_map(|index| {
                let dimension = report.dimensions.get(index)?.clone();
                let figures = aggregate.dimensions.get(index)?.clone();
                let advice = dimension.advice.clone()?;
                let level = figures.level().unwrap_or(MaturityLevel::Absent);
                Some(view! {
                    <section class="advice">
                        <h3>
                            {dimension.name.get(lang).to_owned()}
                            <span class="hint">{format!(" – {} {}: {}", Msg::Level.tr(lang), level.number(), level.label(lang))}</span>
                        </h3>
                        <div class="advice-terms">
                            <div>
                                <h4>{StaffText::ShortTerm.tr(lang)}</h4>
                                <ul>{advice.short_term.iter().map(|a| view! { <li>{a.get(lang).to_owned()}</li> }).collect_view()}</ul>
                            </div>
                            <div>
                                <h4>{StaffText::MediumTerm.tr(lang)}</h4>
                                <ul>{advice.medium_term.iter().map(|a| view! { <li>{a.get(lang).to_owned()}</li> }).collect_view()}</ul>
                            </div>
                        </div>
                    </section>
                })
            })
            .collect_view()}
    }
}
