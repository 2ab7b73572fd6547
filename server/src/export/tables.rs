//! The tables behind the exports: an organisation's report (figures, what they conclude,
//! advice, peer groups, comments) and the association's comparison.

use app::staff::view::{ComparisonView, ReportView};
use quickscan_domain::Lang;

use super::{Cell, Sheet};

/// An organisation's report: figures per dimension, and the respondents' comments (which the
/// caller gives only for a round with results, shuffled; see `round_comments`). The comments
/// sheet starts with a line saying how comments are handed out.
pub fn report_sheets(report: &ReportView, comments: &[(String, String)], lang: Lang) -> Vec<Sheet> {
    let name_of = |id: &str| {
        report
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| d.name.get(lang).to_owned())
    };
    let leading = || {
        vec![
            Cell::from(report.organisation.as_str()),
            Cell::from(report.round.name.as_str()),
            Cell::Number(f64::from(report.round.year)),
        ]
    };
    // Only published figures: without results (open round, or closed below the threshold)
    // the sheet says why and holds no number but the submitted count.
    let rows: Vec<Vec<Cell>> = match &report.aggregate {
        None => {
            let mut row = leading();
            row.push(Cell::from(
                report.round.results_notice(lang).unwrap_or_default(),
            ));
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            row.push(Cell::Number(report.round.submitted as f64));
            row.push(Cell::Empty);
            vec![row]
        }
        Some(aggregate) => {
            let mut rows: Vec<Vec<Cell>> = report
                .dimensions
                .iter()
                .zip(&aggregate.dimensions)
                .map(|(dimension, figures)| {
                    let mut row = leading();
                    row.extend([
                        Cell::from(dimension.name.get(lang)),
                        figures.mean.into(),
                        figures.median.into(),
                        figures.std_dev.into(),
                        figures
                            .consensus
                            .map_or(Cell::Empty, |c| Cell::from(c.label(lang))),
                        Cell::Number(figures.respondents as f64),
                        figures.dont_know_share.into(),
                    ]);
                    row
                })
                .collect();
            let mut overall = leading();
            let covers = (lang.texts().staff.overall_covers)(
                aggregate.covered(),
                aggregate.dimensions.len(),
            );
            overall.extend([
                Cell::from(format!("{} ({covers})", lang.texts().staff.overall)),
                aggregate.overall.into(),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Number(aggregate.respondents as f64),
                Cell::Empty,
            ]);
            rows.push(overall);
            rows
        }
    };
    let figures = Sheet {
        name: lang.texts().staff.report.to_owned(),
        header: vec![
            lang.texts().compare.organisation.to_owned(),
            lang.texts().compare.round.to_owned(),
            lang.texts().compare.year.to_owned(),
            lang.texts().common.dimension.to_owned(),
            lang.texts().staff.mean.to_owned(),
            lang.texts().staff.median.to_owned(),
            lang.texts().staff.std_dev.to_owned(),
            lang.texts().staff.consensus.to_owned(),
            "n".to_owned(),
            lang.texts().staff.dont_know_share.to_owned(),
        ],
        rows,
    };
    let comments = Sheet {
        name: lang.texts().export.comments.to_owned(),
        header: vec![
            lang.texts().common.dimension.to_owned(),
            lang.texts().export.comments.to_owned(),
        ],
        rows: std::iter::once(vec![
            Cell::Empty,
            Cell::from((lang.texts().staff.comments_note)(
                report.round.min_respondents,
            )),
        ])
        .chain(comments.iter().map(|(dimension, comment)| {
            vec![Cell::from(name_of(dimension)), Cell::from(comment.as_str())]
        }))
        .collect(),
    };
    vec![
        figures,
        summary_sheet(report, lang),
        advice_sheet(report, lang),
        statements_sheet(report, lang),
        benchmark_sheet(report, lang),
        comments,
    ]
}

/// Per statement, as on the page: its mean, the shares of the levels given and of "don't
/// know" and "not applicable" (empty where a figure would rest on fewer than the threshold;
/// no rows without results).
fn statements_sheet(report: &ReportView, lang: Lang) -> Sheet {
    let texts = &lang.texts().report;
    let mut header = vec![
        lang.texts().common.dimension.to_owned(),
        texts.statement.to_owned(),
        lang.texts().staff.mean.to_owned(),
    ];
    header.extend((0u8..5).map(texts.level_share));
    header.push(lang.texts().labels.dont_know.to_owned());
    header.push(lang.texts().labels.not_applicable.to_owned());
    let mut rows = Vec::new();
    if let Some(aggregate) = &report.aggregate {
        for dimension in &report.dimensions {
            for statement in &dimension.statements {
                let Some(figures) = aggregate
                    .statements
                    .iter()
                    .find(|s| s.statement_id == statement.id)
                else {
                    continue;
                };
                let mut row = vec![
                    Cell::from(dimension.name.get(lang)),
                    Cell::from(statement.text.get(lang)),
                    figures.mean.into(),
                ];
                match figures.level_shares {
                    Some(shares) => row.extend(shares.iter().map(|s| Cell::Number(*s))),
                    None => row.extend(std::iter::repeat_n(Cell::Empty, 5)),
                }
                row.push(figures.dont_know_share.into());
                row.push(figures.not_applicable_share.into());
                rows.push(row);
            }
        }
    }
    Sheet {
        name: texts.statements_sheet.to_owned(),
        header,
        rows,
    }
}

/// What the report concludes, as on its page: the weakest dimensions (in order of need),
/// those where respondents disagree, and the balance over the pillars. Without results the
/// sheet says why, and nothing more.
fn summary_sheet(report: &ReportView, lang: Lang) -> Sheet {
    let staff = &lang.texts().staff;
    let header = vec![
        lang.texts().export.part.to_owned(),
        lang.texts().common.dimension.to_owned(),
        staff.mean.to_owned(),
        lang.texts().common.level.to_owned(),
    ];
    let name = lang.texts().export.summary.to_owned();
    let Some(aggregate) = &report.aggregate else {
        let notice = report.round.results_notice(lang).unwrap_or_default();
        return Sheet {
            name,
            header,
            rows: vec![vec![Cell::from(notice)]],
        };
    };
    let dimension_row = |part: &str, figures: &quickscan_domain::DimensionAggregate| {
        let dimension = report
            .dimensions
            .iter()
            .find(|d| d.id == figures.dimension_id);
        vec![
            Cell::from(part),
            dimension.map_or(Cell::Empty, |d| Cell::from(d.name.get(lang))),
            figures.mean.into(),
            figures
                .level()
                .map_or(Cell::Empty, |l| Cell::from(l.label(lang))),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = aggregate
        .weakest(3)
        .into_iter()
        .map(|figures| dimension_row(staff.weakest_title, figures))
        .collect();
    let divided = aggregate.divided();
    if divided.is_empty() {
        rows.push(vec![
            Cell::from(staff.divided_title),
            Cell::from(staff.none_divided),
        ]);
    }
    rows.extend(
        divided
            .into_iter()
            .map(|figures| dimension_row(staff.divided_title, figures)),
    );
    rows.extend(aggregate.mostly_unknown().into_iter().map(|figures| {
        let mut row = dimension_row(staff.mostly_unknown_title, figures);
        let share = figures.dont_know_share.unwrap_or_default() * 100.0;
        row[3] = Cell::from(format!(
            "{share:.0} % {}",
            staff.dont_know_share.to_lowercase()
        ));
        row
    }));
    rows.extend(report.pillars.iter().map(|balance| {
        vec![
            Cell::from(format!("{}: {}", staff.pillar, balance.pillar.label(lang))),
            Cell::from((staff.pillar_counted)(balance.counted, balance.serving)),
            balance.mean.into(),
            balance.mean.map_or(Cell::Empty, |m| {
                Cell::from(quickscan_domain::MaturityLevel::from_score(m).label(lang))
            }),
        ]
    }));
    Sheet { name, header, rows }
}

/// The advice for the short and the medium term per dimension at its level, in order of
/// need (weakest first), one item per row so a plan can be drawn up from it.
fn advice_sheet(report: &ReportView, lang: Lang) -> Sheet {
    let staff = &lang.texts().staff;
    let mut rows = Vec::new();
    if let Some(aggregate) = &report.aggregate {
        for index in quickscan_domain::dimensions_by_need(aggregate) {
            let (Some(dimension), Some(figures)) = (
                report.dimensions.get(index),
                aggregate.dimensions.get(index),
            ) else {
                continue;
            };
            // A little-known practice gets the advice to make it known first (and only that,
            // when it is not assessed at all).
            if figures.mostly_unknown() {
                let make_known = dimension
                    .make_known
                    .as_ref()
                    .map_or(staff.unknown_advice, |t| t.get(lang));
                rows.push(vec![
                    Cell::from(dimension.name.get(lang)),
                    figures.level().map_or_else(
                        || Cell::from(staff.not_assessed_unknown),
                        |level| Cell::from(format!("{} – {}", level.number(), level.label(lang))),
                    ),
                    Cell::from(staff.short_term),
                    Cell::from(make_known),
                ]);
            }
            let (Some(advice), Some(level)) = (&dimension.advice, figures.level()) else {
                continue;
            };
            let terms = [
                (staff.short_term, &advice.short_term),
                (staff.medium_term, &advice.medium_term),
            ];
            for (horizon, items) in terms {
                for item in items {
                    rows.push(vec![
                        Cell::from(dimension.name.get(lang)),
                        Cell::from(format!("{} – {}", level.number(), level.label(lang))),
                        Cell::from(horizon),
                        Cell::from(item.get(lang)),
                    ]);
                }
            }
        }
    } else {
        rows.push(vec![Cell::from(
            report.round.results_notice(lang).unwrap_or_default(),
        )]);
    }
    Sheet {
        name: lang.texts().export.advice.to_owned(),
        header: vec![
            lang.texts().common.dimension.to_owned(),
            lang.texts().common.level.to_owned(),
            lang.texts().export.horizon.to_owned(),
            lang.texts().export.advice_item.to_owned(),
        ],
        rows,
    }
}

/// The report's peer groups: quartiles and the organisation's percentile rank per dimension
/// for groups large enough to show; a hidden group is listed with its reason and no figures.
fn benchmark_sheet(report: &ReportView, lang: Lang) -> Sheet {
    let mut rows = Vec::new();
    for group in &report.benchmarks {
        let Some(shown) = &group.shown else {
            let reason = group.hidden_reason.clone().unwrap_or_default();
            rows.push(vec![Cell::from(group.label.as_str()), Cell::from(reason)]);
            continue;
        };
        let per_dimension = report
            .dimensions
            .iter()
            .zip(shown.dimensions.iter().zip(&shown.ranks))
            .map(|(d, (quartiles, rank))| (d.name.get(lang).to_owned(), *quartiles, *rank));
        let overall = std::iter::once((
            lang.texts().staff.overall.to_owned(),
            shown.overall,
            shown.overall_rank,
        ));
        for (name, quartiles, rank) in per_dimension.chain(overall) {
            let (q1, median, q3) =
                quartiles.map_or((None, None, None), |(a, b, c)| (Some(a), Some(b), Some(c)));
            rows.push(vec![
                Cell::from(group.label.as_str()),
                Cell::from(name),
                Cell::Number(shown.organisations as f64),
                q1.into(),
                median.into(),
                q3.into(),
                rank.into(),
            ]);
        }
    }
    Sheet {
        name: lang.texts().compare.benchmarks_title.to_owned(),
        header: vec![
            lang.texts().compare.peer_group.to_owned(),
            lang.texts().common.dimension.to_owned(),
            lang.texts().compare.organisations.to_owned(),
            lang.texts().compare.q1.to_owned(),
            lang.texts().staff.median.to_owned(),
            lang.texts().compare.q3.to_owned(),
            lang.texts().compare.your_rank.to_owned(),
        ],
        rows,
    }
}

/// The association's comparison: one row per organisation shown.
pub fn comparison_sheet(view: &ComparisonView, lang: Lang) -> Sheet {
    let mut header: Vec<String> = [
        lang.texts().compare.organisation,
        "NIS",
        lang.texts().compare.province,
        lang.texts().compare.kind,
        "population",
        lang.texts().compare.round,
        lang.texts().compare.year,
        lang.texts().compare.respondents,
        lang.texts().compare.overall,
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    header.extend(view.dimension_names.iter().cloned());
    Sheet {
        name: lang.texts().compare.title.to_owned(),
        header,
        rows: view
            .rows
            .iter()
            .map(|row| {
                let kind = row.kind.label(lang);
                let mut cells = vec![
                    Cell::from(row.name.as_str()),
                    Cell::from(row.code.as_str()),
                    Cell::from(row.province.as_str()),
                    Cell::from(kind),
                    Cell::Number(f64::from(row.population)),
                    Cell::from(row.round.as_str()),
                    Cell::Number(f64::from(row.year)),
                    Cell::Number(row.respondents as f64),
                    row.overall.into(),
                ];
                cells.extend(row.dimensions.iter().map(|v| Cell::from(*v)));
                cells
            })
            .collect(),
    }
}

/// The action plan for the council: its targets per dimension (today's mean and level, the
/// target and the ambition) and its actions in the plan's order with everything they carry.
pub fn plan_sheets(plan: &app::staff::plan_view::PlanView, lang: Lang) -> Vec<Sheet> {
    let texts = &lang.texts().plan;
    let leading = || {
        vec![
            Cell::from(plan.organisation.as_str()),
            Cell::from(plan.round_label.as_str()),
        ]
    };
    let level_cell = |level: Option<quickscan_domain::MaturityLevel>| {
        level.map_or(Cell::Empty, |l| {
            Cell::from(format!("{} – {}", l.number(), l.label(lang)))
        })
    };
    let organisation = lang.texts().common.organisation.to_owned();
    let round = lang.texts().common.round.to_owned();
    let targets = Sheet {
        name: texts.sheet_targets.to_owned(),
        header: vec![
            organisation.clone(),
            round.clone(),
            texts.dimension.to_owned(),
            lang.texts().staff.mean.to_owned(),
            texts.today_label.to_owned(),
            texts.target.to_owned(),
            texts.ambition_label.to_owned(),
        ],
        rows: plan
            .dimensions
            .iter()
            .map(|d| {
                let mut row = leading();
                row.extend([
                    Cell::from(d.name.get(lang)),
                    d.mean.into(),
                    level_cell(d.level),
                    level_cell(d.target),
                    Cell::from(d.ambition.as_str()),
                ]);
                row
            })
            .collect(),
    };
    let actions = Sheet {
        name: texts.sheet_actions.to_owned(),
        header: vec![
            organisation,
            round,
            "#".to_owned(),
            texts.action_title.to_owned(),
            texts.dimension.to_owned(),
            texts.horizon.to_owned(),
            texts.owner.to_owned(),
            texts.due.to_owned(),
            texts.status.to_owned(),
            texts.overdue.to_owned(),
            texts.time.to_owned(),
            texts.budget.to_owned(),
            texts.note.to_owned(),
        ],
        rows: plan
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut row = leading();
                row.extend([
                    Cell::Number((i + 1) as f64),
                    Cell::from(a.title.as_str()),
                    Cell::from(a.dimension.get(lang)),
                    Cell::from(a.horizon.label(lang)),
                    Cell::from(a.owner.as_str()),
                    Cell::from(a.due_value.as_str()),
                    Cell::from(a.status.label(lang)),
                    if a.overdue {
                        Cell::from(texts.overdue)
                    } else {
                        Cell::Empty
                    },
                    Cell::from(a.time.as_str()),
                    Cell::from(a.budget.as_str()),
                    Cell::from(a.note.as_str()),
                ]);
                row
            })
            .collect(),
    };
    vec![targets, actions]
}
