//! `/import` and `/import/:id`: an advisor uploads a spreadsheet, reads the dry run, confirms.
//!
//! Both are plain forms (multipart upload, then a confirm post), so they work without
//! JavaScript; the preview renders from what the server stored for the upload.

use super::refused::{described_by, is_refused, kept_value, FieldProblem, FormProblem};
use crate::staff::refusal::forms;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{CsrfField, StaffErrorNotice};
use crate::locale::use_lang;
use crate::staff::api::{get_import_preview, get_import_start};
use crate::staff::import_view::{ImportPreview, ImportStartView, ImportTargetView};

/// The upload page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_import_start());
    view! {
        <Title text=lang.texts().import.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <ImportStart view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportStart(view: ImportStartView) -> impl IntoView {
    let lang = use_lang();
    let w = &lang.texts().import;
    let user = view.user.clone();
    let has_organisations = !view.organisations.is_empty();
    let options = move || {
        view.organisations
            .iter()
            .map(|o| {
                let selected = kept_value(forms::UPLOAD, "organisation", "") == o.id.to_string();
                view! { <option value=o.id.to_string() selected=selected>{format!("{} ({})", o.name, o.code)}</option> }
            })
            .collect_view()
    };
    let options_again = options.clone();
    view! {
        <p><a href=crate::paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{w.title}</h1>
        <p>{w.intro}</p>
        {if has_organisations {
            view! {
                <form method="post" action=crate::paths::IMPORT.pattern() enctype="multipart/form-data" class="card stacked-form">
                    <CsrfField user=user.clone()/>
                    <FormProblem form=forms::UPLOAD/>
                    <label for="import-organisation">{w.organisation}</label>
                    <select id="import-organisation" name="organisation" required>{options()}</select>
                    <label for="import-file">{w.file}</label>
                    <input id="import-file" name="file" type="file" required
                        aria-describedby=described_by(forms::UPLOAD, "file").map_or_else(
                            || "import-file-hint".to_owned(),
                            |problem| format!("{problem} import-file-hint"),
                        )
                        aria-invalid=is_refused(forms::UPLOAD, "file").then_some("true")
                        accept=".xlsx,.xlsm,.xls,.ods,.csv,.txt"/>
                    <FieldProblem form=forms::UPLOAD field="file"/>
                    <p id="import-file-hint" class="hint">{(w.file_hint)(view.limit_mib)}</p>
                    <button type="submit" class="primary">{w.upload}</button>
                </form>
                <form method="get" action=crate::paths::IMPORT_TEMPLATE.pattern() class="inline-form">
                    <label for="template-organisation">{w.organisation}</label>
                    <select id="template-organisation" name="organisation">{options_again()}</select>
                    <button type="submit">{w.template}</button>
                </form>
            }.into_any()
        } else {
            view! { <p class="notice">{w.no_organisations}</p> }.into_any()
        }}
    }
}

/// The dry-run preview of one upload, with the confirm button.
#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(super::use_id_param(), get_import_preview);
    view! {
        <Title text=lang.texts().import.preview_title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => view! { <Preview preview/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Preview(preview: ImportPreview) -> impl IntoView {
    let lang = use_lang();
    let w = &lang.texts().import;
    let can_confirm = preview.can_confirm();
    let user = preview.user.clone();
    let target = match &preview.target {
        ImportTargetView::Existing { round_id, name } => view! {
            <p>{w.into_round} " " <a href=crate::paths::ROUND.with(round_id)>{name.clone()}</a> "."</p>
        }
        .into_any(),
        ImportTargetView::New { name } => {
            view! { <p>{w.into_new_round} ": " <strong>{name.clone()}</strong> "."</p> }.into_any()
        }
    };
    let summary = format!(
        "{} {} · {} {}",
        preview.respondent_total, w.respondents, preview.answer_total, w.answers
    );
    let replaced = (preview.replaced_total > 0).then(
        || view! { <p class="notice">{format!("{} {}", preview.replaced_total, w.replaced)}</p> },
    );
    let problems = (!preview.problems.is_empty()).then(|| {
        let omitted = (preview.problems_omitted > 0)
            .then(|| view! { <li>{(w.omitted)(preview.problems_omitted)}</li> });
        view! {
            <section class="card problems" aria-labelledby="problems-title">
                <h2 id="problems-title">{w.problems}</h2>
                <p role="alert" class="notice error">{w.problems_intro}</p>
                <ul>
                    {preview.problems.iter().map(|p| {
                        let place = if p.place.is_empty() { w.place_file.to_owned() } else { p.place.clone() };
                        view! { <li><strong>{place}</strong> ": " {p.reason.clone()}</li> }
                    }).collect_view()}
                    {omitted}
                </ul>
            </section>
        }
    });
    let notices = (!preview.notices.is_empty()).then(|| view! {
        <section aria-labelledby="notices-title">
            <h2 id="notices-title">{w.notices}</h2>
            <ul>{preview.notices.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        </section>
    });
    let already = preview
        .already_imported_at
        .as_ref()
        .filter(|_| preview.applied.is_none())
        .map(|at| view! { <p class="notice">{(w.already)(at)}</p> });
    let applied = preview.applied.as_ref().map(|done| {
        let text = if done.respondents == 0 {
            w.done_unchanged.to_owned()
        } else {
            (w.done)(&done.at, done.respondents)
        };
        let round_link = done.round_id.map(
            |id| view! { <a class="button" href=crate::paths::ROUND.with(id)>{w.open_round}</a> " " },
        );
        view! {
            <p role="status" class="notice success">{text}</p>
            <p>{round_link}<a href=crate::paths::IMPORT.pattern()>{w.again}</a></p>
        }
    });
    let confirm = (can_confirm).then(|| {
        let user = user.clone();
        view! {
            <form method="post" action=crate::paths::IMPORT_CONFIRM.with(preview.upload_id) class="card">
                {user.map(|user| view! { <CsrfField user/> })}
                <FormProblem form=forms::CONFIRM_IMPORT/>
                <p>{w.confirm_hint}</p>
                <button type="submit" class="primary">{w.confirm}</button>
            </form>
        }
    });
    let more = (preview.respondent_total > preview.respondents.len())
        .then(|| view! { <p class="hint">{(w.more_rows)(preview.respondents.len())}</p> });
    let table = (!preview.respondents.is_empty()).then(|| {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.texts().staff.scrollable_table>
                <table>
                    <caption>{summary.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{w.row}</th>
                        <th scope="col">{w.respondent}</th>
                        <th scope="col">{w.group}</th>
                        <th scope="col">{w.date}</th>
                        <th scope="col">{w.answers_heading}</th>
                        <th scope="col"><span class="visually-hidden">{w.replaces}</span></th>
                    </tr></thead>
                    <tbody>
                        {preview.respondents.iter().map(|r| view! {
                            <tr>
                                <td>{r.row}</td>
                                <th scope="row">{r.key.clone()}</th>
                                <td>{r.group.clone().unwrap_or_default()}</td>
                                <td>{r.date.clone().unwrap_or_default()}</td>
                                <td>{r.answers}</td>
                                <td>{if r.replaces { w.replaces } else { "" }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {more}
        }
    });
    view! {
        <p><a href=crate::paths::IMPORT.pattern()>{w.title}</a></p>
        <h1>{w.preview_title}</h1>
        <p><strong>{preview.file_name.clone()}</strong> " — " {format!("{} ({})", preview.organisation.name, preview.organisation.code)}
            {preview.sheet.clone().map(|s| format!(" — {s}"))}</p>
        {applied}
        {problems}
        {preview.applied.is_none().then_some(target)}
        <p>{summary.clone()}</p>
        {replaced}
        {already}
        {confirm}
        {notices}
        {table}
    }
}
