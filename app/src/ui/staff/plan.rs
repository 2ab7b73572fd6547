//! `/rounds/:id/plan`: the action plan drawn up from a round's report — a target per
//! dimension, advice adopted in one click, own actions (edit, reorder, mark done, delete) and
//! the advisor's comments, every one a plain form that works without JavaScript.
//! `/rounds/:id/plan/print` is the version for the council, and `/association/plans` the
//! association's overview.

use leptos::prelude::*;
use leptos_meta::Title;
use quickscan_domain::action_plan::{ActionStatus, Horizon};
use quickscan_domain::{Lang, MaturityLevel, Text};

use super::refused::{described_by, is_refused, kept_value, FieldProblem, FormProblem};
use super::{CsrfField, StaffErrorNotice};
use crate::auth::StaffUser;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::{get_plan, get_sector_plans};
use crate::staff::plan_view::{PlanAction, PlanDimension, PlanView, SectorPlansView};
use crate::staff::refusal::forms;

fn score_text(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| lang.format_score(v))
}

/// A level as "3 – Established", or the "not assessed" words.
fn level_text(lang: Lang, level: Option<MaturityLevel>, none: &str) -> String {
    level.map_or_else(
        || none.to_owned(),
        |l| format!("{} – {}", l.number(), l.label(lang)),
    )
}

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let round_id = super::use_id_param();
    let data = super::page_data(round_id, get_plan);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(plan) => view! { <Plan plan/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plan(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let round_id = plan.round_id;
    let dimension_choices: Vec<(String, Text)> = plan
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    let user = plan.user.clone();
    let can_edit = plan.can_edit;
    view! {
        <Title text=format!("{} – {}", texts.title, plan.organisation)/>
        <p><a href=paths::ROUND_REPORT.with(round_id)>{texts.back_to_report}</a></p>
        <h1>{texts.title} ": " {plan.organisation.clone()}</h1>
        <p class="lead">{plan.round_label.clone()}</p>
        <p>{texts.intro}</p>
        <p>
            <a href=paths::PLAN_PRINT.with(round_id)>{texts.print_link}</a>
            " · " {lang.texts().compare.export} ": "
            <a href=paths::PLAN_EXPORT_CSV.with(round_id) download="">"csv"</a>
            " · "
            <a href=paths::PLAN_EXPORT_XLSX.with(round_id) download="">"Excel (xlsx)"</a>
        </p>
        {(!can_edit).then(|| view! { <p class="notice">{texts.read_only}</p> })}
        <h2>{texts.targets_heading}</h2>
        {plan.dimensions.iter().map(|dimension| view! {
            <PlanDimensionCard dimension=dimension.clone() round_id user=user.clone() can_edit/>
        }).collect_view()}
        <h2 id="actions">{texts.actions_heading}</h2>
        <ActionsTable actions=plan.actions.clone() user=user.clone() can_edit/>
        {can_edit.then(|| view! {
            <section class="card" aria-labelledby="new-action-heading">
                <h3 id="new-action-heading">{texts.new_action_heading}</h3>
                <form method="post" action=paths::PLAN_ACTIONS.with(round_id)>
                    <CsrfField user=user.clone()/>
                    <FormProblem form=forms::NEW_PLAN_ACTION/>
                    <ActionFields form=forms::NEW_PLAN_ACTION.to_owned() action=None dimensions=dimension_choices.clone()/>
                    <button type="submit" class="primary">{texts.add_action}</button>
                </form>
            </section>
        })}
        {can_edit.then(|| plan.actions.iter().map(|action| {
            let form = forms::plan_action(action.id);
            let legend = (texts.edit_legend)(&action.title);
            view! {
                <details class="plan-action-edit" open=is_any_refused(&form)>
                    <summary>{texts.edit_action} ": " {action.title.clone()}</summary>
                    <form method="post" action=paths::PLAN_ACTION.with(action.id)>
                        <CsrfField user=user.clone()/>
                        <FormProblem form=form.clone()/>
                        <fieldset>
                            <legend>{legend}</legend>
                            <ActionFields form=form.clone() action=Some(action.clone()) dimensions=dimension_choices.clone()/>
                        </fieldset>
                        <button type="submit" class="primary">{texts.save_action}</button>
                    </form>
                    <form method="post" action=paths::PLAN_ACTION_DELETE.with(action.id) class="inline-form">
                        <CsrfField user=user.clone()/>
                        <button type="submit" class="danger">{texts.delete_action}</button>
                    </form>
                </details>
            }
        }).collect_view())}
        <Comments plan=plan.clone()/>
    }
}

/// Whether the current page was refused for one of `form`'s fields or as a whole.
fn is_any_refused(form: &str) -> bool {
    crate::staff::refusal::use_form_refusal().is_some_and(|r| r.form == form)
}

/// One dimension: today's figure, its target form and the advice to adopt.
#[component]
fn PlanDimensionCard(
    dimension: PlanDimension,
    round_id: i32,
    user: StaffUser,
    can_edit: bool,
) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let heading = format!("plan-dimension-{}", dimension.id);
    let labelled = heading.clone();
    let target_form = forms::plan_target(&dimension.id);
    let adopt_form = forms::plan_adopt(&dimension.id);
    let target_id = format!("{target_form}-target");
    let ambition_id = format!("{target_form}-ambition");
    let kept_target = kept_value(
        &target_form,
        "target",
        &dimension
            .target
            .map(|t| t.number().to_string())
            .unwrap_or_default(),
    );
    let lowest = dimension.level.map_or(0, MaturityLevel::number);
    let today = format!(
        "{} ({})",
        score_text(lang, dimension.mean),
        level_text(lang, dimension.level, texts.not_assessed)
    );
    let target_shown = level_text(lang, dimension.target, texts.no_target);
    view! {
        <section class="card plan-dimension" aria-labelledby=labelled>
            <h3 id=heading>{dimension.name.get(lang).to_owned()}</h3>
            <p>{texts.today_label} ": " {today}</p>
            {if can_edit {
                view! {
                    <form method="post" action=paths::PLAN_TARGET.with(round_id) class="plan-target">
                        <CsrfField user=user.clone()/>
                        <input type="hidden" name="dimension" value=dimension.id.clone()/>
                        <FormProblem form=target_form.clone()/>
                        <label for=target_id.clone()>{texts.target_label}</label>
                        <select id=target_id name="target"
                            aria-invalid=is_refused(&target_form, "target").then_some("true")
                            aria-describedby=described_by(&target_form, "target")>
                            <option value="" selected=kept_target.is_empty()>{texts.no_target}</option>
                            {MaturityLevel::ALL.into_iter().filter(|l| l.number() >= lowest).map(|level| {
                                let value = level.number().to_string();
                                let selected = kept_target == value;
                                view! { <option value=value selected=selected>{level_text(lang, Some(level), "")}</option> }
                            }).collect_view()}
                        </select>
                        <FieldProblem form=target_form.clone() field="target"/>
                        <label for=ambition_id.clone()>{texts.ambition_label}</label>
                        <input id=ambition_id type="text" name="ambition" maxlength="400"
                            value=kept_value(&target_form, "ambition", &dimension.ambition)
                            aria-invalid=is_refused(&target_form, "ambition").then_some("true")
                            aria-describedby=described_by(&target_form, "ambition")/>
                        <FieldProblem form=target_form.clone() field="ambition"/>
                        <button type="submit">{texts.save_target}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p>{texts.target_label} ": " {target_shown}
                        {(!dimension.ambition.is_empty()).then(|| format!(" – {}", dimension.ambition))}</p>
                }.into_any()
            }}
            {(!dimension.advice.is_empty()).then(|| view! {
                <h4>{texts.advice_heading}</h4>
                <form method="post" action=paths::PLAN_ADOPT.with(round_id) class="plan-advice">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=adopt_form.clone()/>
                    <FieldProblem form=adopt_form.clone() field="advice"/>
                    <ul>
                        {dimension.advice.iter().map(|advice| view! {
                            <li>
                                <span class="horizon">{advice.horizon.label(lang)}</span> ": "
                                {advice.text.get(lang).to_owned()} " "
                                {if advice.adopted {
                                    view! { <strong class="adopted">{texts.adopted}</strong> }.into_any()
                                } else if can_edit {
                                    view! { <button type="submit" name="advice" value=advice.code.clone()>{texts.adopt}</button> }.into_any()
                                } else {
                                    ().into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                </form>
            })}
        </section>
    }
}

/// An action's fields, for adding one (`action` none) or changing one.
#[component]
fn ActionFields(
    form: String,
    action: Option<PlanAction>,
    dimensions: Vec<(String, Text)>,
) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let field_id = |field: &str| format!("{form}-{field}");
    let kept = |field: &str, default: &str| kept_value(&form, field, default);
    let current = action.clone();
    let title = kept("title", current.as_ref().map_or("", |a| a.title.as_str()));
    let dimension = kept(
        "dimension",
        current.as_ref().map_or("", |a| a.dimension_id.as_str()),
    );
    let horizon = kept(
        "horizon",
        current
            .as_ref()
            .map_or(Horizon::Short.code(), |a| a.horizon.code()),
    );
    let status = kept(
        "status",
        current
            .as_ref()
            .map_or(ActionStatus::Planned.code(), |a| a.status.code()),
    );
    let text_field = |field: &'static str,
                      label: &'static str,
                      value: String,
                      max: &'static str,
                      required: bool| {
        let id = format!("{form}-{field}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" name=field maxlength=max required=required value=value
                    aria-invalid=is_refused(&form, field).then_some("true")
                    aria-describedby=described_by(&form, field)/>
                <FieldProblem form=form.clone() field=field/>
            </div>
        }
    };
    let form_for_owner = form.clone();
    view! {
        {text_field("title", texts.action_title, title, "300", true)}
        <div class="field">
            <label for=field_id("dimension")>{texts.dimension}</label>
            <select id=field_id("dimension") name="dimension"
                aria-invalid=is_refused(&form, "dimension").then_some("true")
                aria-describedby=described_by(&form, "dimension")>
                {dimensions.iter().map(|(id, name)| view! {
                    <option value=id.clone() selected=*id == dimension>{name.get(lang).to_owned()}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form.clone() field="dimension"/>
        </div>
        <div class="field">
            <label for=field_id("horizon")>{texts.horizon}</label>
            <select id=field_id("horizon") name="horizon"
                aria-invalid=is_refused(&form, "horizon").then_some("true")
                aria-describedby=described_by(&form, "horizon")>
                {Horizon::ALL.into_iter().map(|h| view! {
                    <option value=h.code() selected=h.code() == horizon>{h.label(lang)}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form.clone() field="horizon"/>
        </div>
        <div class="field">
            <label for=field_id("owner")>{texts.owner}</label>
            <input id=field_id("owner") type="text" name="owner" maxlength="120"
                value=kept("owner", current.as_ref().map_or("", |a| a.owner.as_str()))
                aria-invalid=is_refused(&form, "owner").then_some("true")
                aria-describedby=described_by(&form_for_owner, "owner").unwrap_or_else(|| format!("{form_for_owner}-owner-hint"))/>
            <p class="hint" id=format!("{form_for_owner}-owner-hint")>{texts.owner_hint}</p>
            <FieldProblem form=form.clone() field="owner"/>
        </div>
        <div class="field">
            <label for=field_id("due")>{texts.due}</label>
            <input id=field_id("due") type="date" name="due" required
                value=kept("due", current.as_ref().map_or("", |a| a.due_value.as_str()))
                aria-invalid=is_refused(&form, "due").then_some("true")
                aria-describedby=described_by(&form, "due")/>
            <FieldProblem form=form.clone() field="due"/>
        </div>
        <div class="field">
            <label for=field_id("status")>{texts.status}</label>
            <select id=field_id("status") name="status"
                aria-invalid=is_refused(&form, "status").then_some("true")
                aria-describedby=described_by(&form, "status")>
                {ActionStatus::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=s.code() == status>{s.label(lang)}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form.clone() field="status"/>
        </div>
        {text_field("time", texts.time, kept("time", current.as_ref().map_or("", |a| a.time.as_str())), "120", false)}
        {text_field("budget", texts.budget, kept("budget", current.as_ref().map_or("", |a| a.budget.as_str())), "120", false)}
        <div class="field">
            <label for=field_id("note")>{texts.note}</label>
            <textarea id=field_id("note") name="note" rows="3" maxlength="2000"
                aria-invalid=is_refused(&form, "note").then_some("true")
                aria-describedby=described_by(&form, "note")>
                {crate::ui::escaped_on_the_server(kept("note", current.as_ref().map_or("", |a| a.note.as_str())))}
            </textarea>
            <FieldProblem form=form.clone() field="note"/>
        </div>
    }
}

/// The actions in the plan's order, with the buttons moving them.
#[component]
fn ActionsTable(actions: Vec<PlanAction>, user: StaffUser, can_edit: bool) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    if actions.is_empty() {
        return view! { <p class="empty">{texts.no_actions}</p> }.into_any();
    }
    let last = actions.len() - 1;
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
            <table class="plan-actions">
                <caption>{texts.actions_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{texts.action_title}</th>
                        <th scope="col">{texts.dimension}</th>
                        <th scope="col">{texts.horizon}</th>
                        <th scope="col">{texts.owner}</th>
                        <th scope="col">{texts.due}</th>
                        <th scope="col">{texts.status}</th>
                        <th scope="col">{texts.time} " / " {texts.budget}</th>
                        {can_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{texts.move_up} " / " {texts.move_down}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {actions.into_iter().enumerate().map(|(i, action)| {
                        let form = forms::plan_action(action.id);
                        view! {
                            <tr class:overdue=action.overdue>
                                <td>{i + 1}</td>
                                <th scope="row">{action.title.clone()}
                                    {action.overdue.then(|| view! { " " <strong class="badge overdue">{texts.overdue}</strong> })}
                                    {(!action.note.is_empty()).then(|| view! { <p class="note">{action.note.clone()}</p> })}
                                </th>
                                <td>{action.dimension.get(lang).to_owned()}</td>
                                <td>{action.horizon.label(lang)}</td>
                                <td>{if action.owner.is_empty() { texts.owner_unassigned.to_owned() } else { action.owner.clone() }}</td>
                                <td>{action.due_shown.clone()}</td>
                                <td>{action.status.label(lang)}</td>
                                <td>{[action.time.clone(), action.budget.clone()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" / ")}</td>
                                {can_edit.then(|| view! {
                                    <td>
                                        <form method="post" action=paths::PLAN_ACTION_MOVE.with(action.id) class="move">
                                            <CsrfField user=user.clone()/>
                                            <FormProblem form=form.clone()/>
                                            {(i > 0).then(|| view! {
                                                <button type="submit" name="direction" value="up"
                                                    aria-label=format!("{}: {}", texts.move_up, action.title)>{texts.move_up}</button>
                                            })}
                                            {(i < last).then(|| view! {
                                                <button type="submit" name="direction" value="down"
                                                    aria-label=format!("{}: {}", texts.move_down, action.title)>{texts.move_down}</button>
                                            })}
                                        </form>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The advisors' comments, and the form for one.
#[component]
fn Comments(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let form = forms::PLAN_COMMENT;
    view! {
        <h2>{texts.comments_heading}</h2>
        {if plan.comments.is_empty() {
            view! { <p class="empty">{texts.no_comments}</p> }.into_any()
        } else {
            view! {
                <ul class="plan-comments">
                    {plan.comments.iter().map(|c| view! {
                        <li><p class="meta">{c.author.clone()} " – " {c.at.clone()}</p><p class="body">{c.body.clone()}</p></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {plan.can_comment.then(|| view! {
            <form method="post" action=paths::PLAN_COMMENTS.with(plan.round_id)>
                <CsrfField user=plan.user.clone()/>
                <FormProblem form=form/>
                <label for="plan-comment">{texts.comment_label}</label>
                <textarea id="plan-comment" name="comment" rows="4" maxlength="2000" required
                    aria-invalid=is_refused(form, "comment").then_some("true")
                    aria-describedby=described_by(form, "comment")>
                    {crate::ui::escaped_on_the_server(kept_value(form, "comment", ""))}
                </textarea>
                <FieldProblem form=form field="comment"/>
                <button type="submit">{texts.add_comment}</button>
            </form>
        })}
    }
}

/// The plan's printable version.
#[component]
pub fn PlanPrintPage() -> impl IntoView {
    let lang = use_lang();
    let round_id = super::use_id_param();
    let data = super::page_data(round_id, get_plan);
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(plan) => view! { <PlanPrint plan/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanPrint(plan: PlanView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    view! {
        <Title text=format!("{} – {}", texts.print_title, plan.organisation)/>
        <div class="screen-only">
            <p><a href=paths::PLAN.with(plan.round_id)>{texts.title}</a></p>
            <p class="notice">{texts.print_hint}</p>
        </div>
        <article class="plan-print">
            <h1>{texts.print_title} ": " {plan.organisation.clone()}</h1>
            <p class="lead">{(texts.print_basis)(&plan.round_label, &plan.today)}</p>
            <h2>{texts.targets_heading}</h2>
            <table class="plan-targets">
                <caption>{texts.targets_heading}</caption>
                <thead><tr>
                    <th scope="col">{texts.dimension}</th>
                    <th scope="col">{texts.today_label}</th>
                    <th scope="col">{texts.target}</th>
                    <th scope="col">{texts.ambition_label}</th>
                </tr></thead>
                <tbody>
                    {plan.dimensions.iter().map(|d| view! {
                        <tr>
                            <th scope="row">{d.name.get(lang).to_owned()}</th>
                            <td>{format!("{} ({})", score_text(lang, d.mean), level_text(lang, d.level, texts.not_assessed))}</td>
                            <td>{level_text(lang, d.target, texts.no_target)}</td>
                            <td>{d.ambition.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{texts.actions_heading}</h2>
            <ActionsTable actions=plan.actions.clone() user=plan.user.clone() can_edit=false/>
        </article>
    }
}

/// The association's overview of plans.
#[component]
pub fn SectorPlansPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_sector_plans());
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <SectorPlans view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SectorPlans(view: SectorPlansView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().plan;
    let heading = view! {
        <Title text=texts.sector_title/>
        <p><a href=paths::ASSOCIATION.pattern()>{lang.texts().compare.title}</a></p>
        <h1>{texts.sector_title}</h1>
        <p class="lead">{view.model_title.get(lang).to_owned()}</p>
    };
    let Some(overview) = view.overview.clone() else {
        return view! {
            <article class="sector-plans">
                {heading}
                <p class="notice">{(texts.sector_hidden)(view.threshold)}</p>
            </article>
        }
        .into_any();
    };
    view! {
        <article class="sector-plans">
        {heading}
        <p>{(texts.sector_intro)(overview.with_plan, overview.organisations)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
            <table class="sector-plans-table">
                <caption>{texts.sector_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.dimension}</th>
                        <th scope="col">{texts.share_with_plan}</th>
                        {MaturityLevel::ALL.into_iter().map(|l| view! {
                            <th scope="col">{format!("{} {}", texts.targets_per_level, l.number())}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {overview.dimensions.iter().zip(&view.dimension_names).map(|(d, name)| view! {
                        <tr>
                            <th scope="row">{name.get(lang).to_owned()}</th>
                            <td>{format!("{:.0} %", d.share_with_plan * 100.0)}</td>
                            {match d.targets {
                                Some(counts) => counts.iter().map(|n| view! { <td>{*n}</td> }).collect_view().into_any(),
                                None => view! { <td colspan="5" class="hidden-figure">{texts.distribution_hidden}</td> }.into_any(),
                            }}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{texts.most_adopted_heading}</h2>
        <table class="most-adopted">
            <caption class="visually-hidden">{texts.most_adopted_heading}</caption>
            <thead><tr>
                <th scope="col">{texts.action_title}</th>
                <th scope="col">{texts.dimension}</th>
                <th scope="col">{texts.horizon}</th>
                <th scope="col">{texts.adopted_by}</th>
            </tr></thead>
            <tbody>
                {view.most_adopted.iter().map(|a| view! {
                    <tr>
                        <th scope="row">{a.text.get(lang).to_owned()}</th>
                        <td>{format!("{} ({})", a.dimension.get(lang), level_text(lang, Some(a.level), ""))}</td>
                        <td>{a.horizon.label(lang)}</td>
                        <td>{a.organisations}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </article>
    }
    .into_any()
}
