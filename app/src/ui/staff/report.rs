//! `/rounds/:id/report`: overall maturity, charts with their tables, the weakest dimensions,
//! where respondents disagree, groups, and advice for the short and medium term.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::{Lang, MaturityLevel, OrganisationAggregate};

use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::staff::api::get_report;
use crate::staff::view::ReportView;

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let round_id = super::use_id_param();
    let data = super::page_data(round_id, get_report);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
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
    value.map_or_else(|| "–".to_owned(), |v| lang.format_score(v))
}

/// A share (0–1) as a whole percentage, or a dash without one.
fn share_text(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

#[component]
fn Report(report: ReportView) -> impl IntoView {
    // Shared, not copied: the sections below each take the whole report (charts, the model's
    // texts); copying it per section cost the page about 9 % of its requests per second.
    let report = Arc::new(report);
    match report.aggregate.clone() {
        Some(aggregate) => view! { <Results report aggregate=Arc::new(aggregate)/> }.into_any(),
        None => view! { <NoResults report/> }.into_any(),
    }
}

/// The heading, the round and the export links, which every report shows.
#[component]
fn ReportHeading(report: Arc<ReportView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=format!("{} – {}", lang.texts().staff.report_title, report.organisation)/>
        <p class="no-print"><a href=crate::paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{lang.texts().staff.report_title} ": " {report.organisation.clone()}</h1>
        <p class="lead">{format!("{} ({}) – {}", report.round.name, report.round.year, report.model_title.get(lang))}</p>
        <p class="no-print">
            {lang.texts().compare.export} ": "
            <a href=crate::paths::ROUND_EXPORT_CSV.with(report.round.id) download="">"csv"</a>
            " · "
            <a href=crate::paths::ROUND_EXPORT_XLSX.with(report.round.id) download="">"Excel (xlsx)"</a>
        </p>
    }
}

/// A round without results (open, or closed below the threshold): why, and the
/// participation counts, nothing else.
#[component]
fn NoResults(report: Arc<ReportView>) -> impl IntoView {
    let lang = use_lang();
    let round = report.round.clone();
    view! {
        <ReportHeading report=report.clone()/>
        <p class="notice results-notice">{round.results_notice(lang).unwrap_or_default()}</p>
        <dl class="scan-meta key-figures">
            <dt>{lang.texts().staff.invited}</dt>
            <dd>{round.invited}</dd>
            <dt>{lang.texts().staff.started}</dt>
            <dd>{round.started}</dd>
            <dt>{lang.texts().staff.submitted}</dt>
            <dd>{round.submitted}</dd>
        </dl>
    }
}

#[component]
fn Results(report: Arc<ReportView>, aggregate: Arc<OrganisationAggregate>) -> impl IntoView {
    let lang = use_lang();
    let threshold = report.round.min_respondents;
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
    let covers =
        (lang.texts().staff.overall_covers)(aggregate.covered(), aggregate.dimensions.len());
    let unknown: Vec<(String, Option<f64>)> = aggregate
        .mostly_unknown()
        .iter()
        .map(|d| (name_of(&d.dimension_id), d.dont_know_share))
        .collect();
    // Advice in order of need: weakest first, unscored dimensions last.
    let advice_order = quickscan_domain::dimensions_by_need(&aggregate);
    view! {
        <ReportHeading report=report.clone()/>
        <p class="hint">{(lang.texts().staff.comments_note)(threshold)}</p>
        <dl class="scan-meta key-figures">
            <dt>{lang.texts().staff.overall}</dt>
            <dd>
                <strong>{score_text(lang, overall)}</strong>
                {overall_level.map(|l| format!(" / 4 – {}", l.label(lang)))}
                " " <span class="hint">{covers}</span>
            </dd>
            <dt>{lang.texts().staff.respondents}</dt>
            <dd>{aggregate.respondents}</dd>
        </dl>
        <section aria-labelledby="weakest-heading">
            <h2 id="weakest-heading">{lang.texts().staff.weakest_title}</h2>
            <ol>{weakest.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ol>
        </section>
        <section aria-labelledby="divided-heading">
            <h2 id="divided-heading">{lang.texts().staff.divided_title}</h2>
            {if divided.is_empty() {
                view! { <p>{lang.texts().staff.none_divided}</p> }.into_any()
            } else {
                view! { <ul>{divided.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        {(!unknown.is_empty()).then(|| view! {
            <section aria-labelledby="unknown-heading">
                <h2 id="unknown-heading">{lang.texts().staff.mostly_unknown_title}</h2>
                <p>{lang.texts().staff.mostly_unknown_intro}</p>
                <ul class="mostly-unknown">
                    {unknown.into_iter().map(|(name, share)| view! {
                        <li>{format!("{name} ({} {})", share_text(share), lang.texts().staff.dont_know_share.to_lowercase())}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <Pillars pillars=report.pillars.clone()/>
        <div class="charts">
            <figure class="chart" inner_html=report.radar_svg.clone().unwrap_or_default()></figure>
            <figure class="chart" inner_html=report.bar_svg.clone().unwrap_or_default()></figure>
        </div>
        <h2 id="figures-heading">{lang.texts().staff.chart_table}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
            <table aria-labelledby="figures-heading">
                <thead>
                    <tr>
                        <th scope="col">{lang.texts().common.dimension}</th>
                        <th scope="col" class="number">{lang.texts().staff.mean}</th>
                        <th scope="col" class="number">{lang.texts().staff.median}</th>
                        <th scope="col" class="number">{lang.texts().staff.std_dev}</th>
                        <th scope="col">{lang.texts().staff.consensus}</th>
                        <th scope="col" class="number">"n"</th>
                        <th scope="col" class="number">{lang.texts().staff.dont_know_share}</th>
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
                                {if !figures.is_shown() && figures.mostly_unknown() {
                                    view! { <td class="not-assessed">{lang.texts().staff.not_assessed_unknown}</td> }.into_any()
                                } else {
                                    view! { <td class="number">{score_text(lang, figures.mean)}</td> }.into_any()
                                }}
                                <td class="number">{score_text(lang, figures.median)}</td>
                                <td class="number">{score_text(lang, figures.std_dev)}</td>
                                <td>{figures.consensus.map(|c| c.label(lang)).unwrap_or("–")}</td>
                                <td class="number">{figures.respondents}</td>
                                <td class="number">{share_text(figures.dont_know_share)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <StatementFigures report=report.clone() aggregate=aggregate.clone()/>
        {(!aggregate.groups.is_empty()).then(|| view! {
            <h2 id="groups-heading">{lang.texts().staff.groups_title}</h2>
            <p class="hint">{(lang.texts().staff.groups_hint)(threshold)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                <table aria-labelledby="groups-heading">
                    <thead>
                        <tr>
                            <th scope="col">{lang.texts().common.dimension}</th>
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
                                        |d| if d.is_shown() {
                                            score_text(lang, d.mean)
                                        } else {
                                            lang.texts().staff.not_enough_answers.to_owned()
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
        <Benchmarks report=report.clone()/>
        <Trend report=report.clone()/>
        {report.follow_up.clone().map(|follow_up| view! { <FollowUp follow_up/> })}
        <p class="no-print"><a class="button" href=crate::paths::PLAN.with(report.round.id)>{lang.texts().plan.open_plan}</a></p>
        <h2>{lang.texts().staff.advice_title}</h2>
        {advice_order
            .into_iter()
            .filter_map(|index| {
                let dimension = report.dimensions.get(index)?.clone();
                let figures = aggregate.dimensions.get(index)?.clone();
                let unknown = figures.mostly_unknown();
                // The model's words for making this practice known, or general ones.
                let make_known = dimension
                    .make_known
                    .as_ref()
                    .map_or(lang.texts().staff.unknown_advice, |t| t.get(lang))
                    .to_owned();
                let make_known_too = make_known.clone();
                let Some(advice) = dimension.advice.clone() else {
                    // Not assessed: only the advice to make the practice known.
                    return unknown.then(|| view! {
                        <section class="advice">
                            <h3>
                                {dimension.name.get(lang).to_owned()}
                                <span class="hint">{format!(" – {}", lang.texts().staff.not_assessed_unknown)}</span>
                            </h3>
                            <p class="unknown-advice">{make_known}</p>
                        </section>
                    }.into_any());
                };
                let level = figures.level().unwrap_or(MaturityLevel::Absent);
                Some(view! {
                    <section class="advice">
                        <h3>
                            {dimension.name.get(lang).to_owned()}
                            <span class="hint">{format!(" – {} {}: {}", lang.texts().common.level, level.number(), level.label(lang))}</span>
                        </h3>
                        {report.rank_sentences.get(index).cloned().flatten().map(|s| view! { <p class="rank">{s}</p> })}
                        {unknown.then(|| view! { <p class="unknown-advice">{make_known_too}</p> })}
                        <div class="advice-terms">
                            <div>
                                <h4>{lang.texts().staff.short_term}</h4>
                                <ul>{advice.short_term.iter().map(|a| view! { <li>{a.get(lang).to_owned()}</li> }).collect_view()}</ul>
                            </div>
                            <div>
                                <h4>{lang.texts().staff.medium_term}</h4>
                                <ul>{advice.medium_term.iter().map(|a| view! { <li>{a.get(lang).to_owned()}</li> }).collect_view()}</ul>
                            </div>
                        </div>
                    </section>
                }.into_any())
            })
            .collect_view()}
    }
}

/// The balance over prevention, detection and reaction, with what each figure covers.
#[component]
fn Pillars(pillars: Vec<quickscan_domain::PillarBalance>) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().staff;
    view! {
        <section aria-labelledby="pillars-heading">
            <h2 id="pillars-heading">{texts.pillars_title}</h2>
            <p class="hint">{texts.pillars_intro}</p>
            <table class="pillars">
                <thead>
                    <tr>
                        <th scope="col">{texts.pillar}</th>
                        <th scope="col" class="number">{texts.mean}</th>
                        <th scope="col">{lang.texts().common.level}</th>
                        <th scope="col">{lang.texts().common.dimension}</th>
                    </tr>
                </thead>
                <tbody>
                    {pillars.into_iter().map(|balance| view! {
                        <tr>
                            <th scope="row">{balance.pillar.label(lang)}</th>
                            <td class="number">{score_text(lang, balance.mean)}</td>
                            <td>{balance.mean.map(|m| MaturityLevel::from_score(m).label(lang)).unwrap_or("–")}</td>
                            <td>{(texts.pillar_counted)(balance.counted, balance.serving)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The organisation against its peer groups; hidden groups say why.
#[component]
fn Benchmarks(report: Arc<ReportView>) -> impl IntoView {
    let lang = use_lang();
    if report.benchmarks.is_empty() {
        return ().into_any();
    }
    let names: Vec<String> = report
        .dimensions
        .iter()
        .map(|d| d.name.get(lang).to_owned())
        .collect();
    let percent =
        |rank: Option<f64>| rank.map_or_else(|| "–".to_owned(), |r| format!("{:.0} %", r));
    view! {
        <section aria-labelledby="benchmarks-heading">
            <h2 id="benchmarks-heading">{lang.texts().compare.benchmarks_title}</h2>
            <p class="hint">{lang.texts().compare.benchmarks_intro}</p>
            {report.benchmarks.iter().enumerate().map(|(g, row)| {
                let heading = format!("benchmark-{g}");
                match &row.shown {
                    None => view! {
                        <h3 id=heading>{row.label.clone()}</h3>
                        <p class="benchmark-hidden">{row.hidden_reason.clone().unwrap_or_default()}</p>
                    }.into_any(),
                    Some(shown) => {
                        let labelled = heading.clone();
                        view! {
                            <h3 id=heading>{format!("{} ({} {})", row.label, shown.organisations, lang.texts().compare.organisations)}</h3>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                                <table aria-labelledby=labelled>
                                    <thead>
                                        <tr>
                                            <th scope="col">{lang.texts().common.dimension}</th>
                                            <th scope="col" class="number">{lang.texts().compare.q1}</th>
                                            <th scope="col" class="number">{lang.texts().staff.median}</th>
                                            <th scope="col" class="number">{lang.texts().compare.q3}</th>
                                            <th scope="col" class="number">{lang.texts().compare.your_rank}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {names.iter().enumerate().map(|(i, name)| {
                                            let q = shown.dimensions.get(i).copied().flatten();
                                            let cell = |v: Option<f64>| score_text(lang, v);
                                            view! {
                                                <tr>
                                                    <th scope="row">{name.clone()}</th>
                                                    <td class="number">{cell(q.map(|q| q.0))}</td>
                                                    <td class="number">{cell(q.map(|q| q.1))}</td>
                                                    <td class="number">{cell(q.map(|q| q.2))}</td>
                                                    <td class="number">{percent(shown.ranks.get(i).copied().flatten())}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                        <tr>
                                            <th scope="row">{lang.texts().staff.overall}</th>
                                            <td class="number">{score_text(lang, shown.overall.map(|q| q.0))}</td>
                                            <td class="number">{score_text(lang, shown.overall.map(|q| q.1))}</td>
                                            <td class="number">{score_text(lang, shown.overall.map(|q| q.2))}</td>
                                            <td class="number">{percent(shown.overall_rank)}</td>
                                        </tr>
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }
            }).collect_view()}
        </section>
    }.into_any()
}

/// Scores across the organisation's closed rounds, with the change since the previous one.
#[component]
fn Trend(report: Arc<ReportView>) -> impl IntoView {
    let lang = use_lang();
    let without = (!report.trend_without_results.is_empty()).then(|| {
        let threshold = report.round.min_respondents;
        view! {
            <p class="results-withheld">{lang.texts().staff.trend_without_results}</p>
            <ul>
                {report.trend_without_results.iter().map(|label| view! {
                    <li>{format!("{label}: {}", (lang.texts().staff.closed_without_results)(threshold))}</li>
                }).collect_view()}
            </ul>
        }
    });
    let Some(svg) = report.trend_svg.clone() else {
        return without.into_any();
    };
    let names: Vec<String> = report
        .dimensions
        .iter()
        .map(|d| d.name.get(lang).to_owned())
        .collect();
    let trend = report.trend.clone();
    let change = |now: Option<f64>, before: Option<f64>| match (now, before) {
        (Some(now), Some(before)) => {
            let delta = now - before;
            let text = lang.format_score(delta.abs());
            if delta >= 0.05 {
                format!("+{text}")
            } else if delta <= -0.05 {
                format!("−{text}")
            } else {
                "=".to_owned()
            }
        }
        _ => "–".to_owned(),
    };
    let last = trend.len().saturating_sub(1);
    view! {
        <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">{lang.texts().compare.trends_title}</h2>
            <figure class="chart" inner_html=svg></figure>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                <table aria-labelledby="trend-heading">
                    <thead>
                        <tr>
                            <th scope="col">{lang.texts().common.dimension}</th>
                            {trend.iter().map(|t| view! { <th scope="col" class="number">{t.label.clone()}</th> }).collect_view()}
                            <th scope="col" class="number">{lang.texts().compare.change}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {names.iter().enumerate().map(|(i, name)| {
                            let value = |t: usize| trend.get(t).and_then(|t| t.dimensions.get(i).copied().flatten());
                            view! {
                                <tr>
                                    <th scope="row">{name.clone()}</th>
                                    {(0..trend.len()).map(|t| view! { <td class="number">{score_text(lang, value(t))}</td> }).collect_view()}
                                    <td class="number">{change(value(last), last.checked_sub(1).and_then(value))}</td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr>
                            <th scope="row">{lang.texts().staff.overall}</th>
                            {trend.iter().map(|t| view! { <td class="number">{score_text(lang, t.overall)}</td> }).collect_view()}
                            <td class="number">{change(trend.get(last).and_then(|t| t.overall), last.checked_sub(1).and_then(|p| trend.get(p)).and_then(|t| t.overall))}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            {without}
        </section>
    }.into_any()
}

/// The follow-up of the previous round's action plan: per dimension the previous score, the
/// target, this round's score and the actions done; then the overdue and dropped actions.
#[component]
fn FollowUp(follow_up: crate::staff::plan_view::FollowUpView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let action_list = |actions: &[crate::staff::plan_view::PlanAction]| {
        actions
            .iter()
            .map(|a| {
                let owner = if a.owner.is_empty() { texts.owner_unassigned } else { a.owner.as_str() };
                view! {
                    <li>{a.title.clone()} " – " {a.dimension.get(lang).to_owned()} ", " {owner.to_owned()} ", " {a.due_shown.clone()}</li>
                }
            })
            .collect_view()
    };
    let overdue = action_list(&follow_up.overdue);
    let dropped = action_list(&follow_up.dropped);
    view! {
        <section class="follow-up" aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{texts.follow_up_heading}</h2>
            <p>
                {(texts.follow_up_intro)(&follow_up.previous_label)} " "
                <a class="no-print" href=crate::paths::PLAN.with(follow_up.previous_round_id)>{texts.title}</a>
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                <table class="follow-up-table">
                    <caption>{texts.follow_up_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.texts().common.dimension}</th>
                            <th scope="col" class="number">{texts.previous_score}</th>
                            <th scope="col">{texts.target}</th>
                            <th scope="col" class="number">{texts.current_score}</th>
                            <th scope="col">{texts.verdict}</th>
                            <th scope="col">{texts.actions_done}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {follow_up.rows.iter().map(|(name, row)| view! {
                            <tr class=format!("verdict-{}", row.verdict.code())>
                                <th scope="row">{name.get(lang).to_owned()}</th>
                                <td class="number">{score_text(lang, row.previous)}</td>
                                <td>{row.target.map_or_else(|| texts.no_target.to_owned(), |t| format!("{} – {}", t.number(), t.label(lang)))}</td>
                                <td class="number">{score_text(lang, row.current)}</td>
                                <td>{row.verdict.label(lang)}</td>
                                <td>{(texts.done_of)(row.actions_done, row.actions)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{texts.overdue_heading}</h3>
            {if follow_up.overdue.is_empty() {
                view! { <p>{texts.none_overdue}</p> }.into_any()
            } else {
                view! { <ul class="overdue-actions">{overdue}</ul> }.into_any()
            }}
            {(!follow_up.dropped.is_empty()).then(|| view! {
                <h3>{texts.dropped_heading}</h3>
                <ul class="dropped-actions">{dropped}</ul>
            })}
        </section>
    }
}

/// Per dimension, each statement's mean, its spread over the levels and the shares of "don't
/// know" and "not applicable" (each only where it rests on the threshold; a dash otherwise).
#[component]
fn StatementFigures(
    report: Arc<ReportView>,
    aggregate: Arc<OrganisationAggregate>,
) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().report;
    if aggregate.statements.is_empty() {
        return ().into_any();
    }
    let figures_of = |id: &str| {
        aggregate
            .statements
            .iter()
            .find(|s| s.statement_id == id)
            .cloned()
    };
    view! {
        <section class="statements" aria-labelledby="statements-heading">
            <h2 id="statements-heading">{texts.statements_title}</h2>
            <p class="hint">{(texts.statements_hint)(report.round.min_respondents)}</p>
            {report.dimensions.iter().map(|dimension| {
                let rows: Vec<_> = dimension.statements.iter().map(|statement| (statement.clone(), figures_of(&statement.id))).collect();
                view! {
                    <details class="statement-figures">
                        <summary>{dimension.name.get(lang).to_owned()}</summary>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                            <table>
                                <caption class="visually-hidden">{dimension.name.get(lang).to_owned()}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{texts.statement}</th>
                                        <th scope="col" class="number">{lang.texts().staff.mean}</th>
                                        {(0u8..5).map(|level| view! { <th scope="col" class="number">{(texts.level_share)(level)}</th> }).collect_view()}
                                        <th scope="col" class="number">{lang.texts().labels.dont_know}</th>
                                        <th scope="col" class="number">{lang.texts().labels.not_applicable}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|(statement, figures)| {
                                        let figures = figures.unwrap_or_else(|| quickscan_domain::StatementAggregate::of("", &[], quickscan_domain::AnonymityThreshold::DEFAULT));
                                        let shares: Vec<Option<f64>> = match figures.level_shares {
                                            Some(shares) => shares.iter().map(|s| Some(*s)).collect(),
                                            None => vec![None; 5],
                                        };
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    {statement.text.get(lang).to_owned()}
                                                    {statement.scale.as_ref().map(|_| view! {
                                                        <span class="hint scale-ends">{(texts.scale_ends)(
                                                            statement.level_label(quickscan_domain::MaturityLevel::Absent, lang),
                                                            statement.level_label(quickscan_domain::MaturityLevel::Advanced, lang),
                                                        )}</span>
                                                    })}
                                                </th>
                                                <td class="number">{score_text(lang, figures.mean)}</td>
                                                {shares.into_iter().map(|s| view! { <td class="number">{share_text(s)}</td> }).collect_view()}
                                                <td class="number">{share_text(figures.dont_know_share)}</td>
                                                <td class="number">{share_text(figures.not_applicable_share)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </details>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}
