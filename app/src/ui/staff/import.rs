//! `/import` and `/import/:id`: an advisor uploads a spreadsheet, reads the dry run, confirms.
//!
//! Both are plain forms (multipart upload, then a confirm post), so they work without
//! JavaScript; the preview renders from what the server stored for the upload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{CsrfField, StaffErrorNotice, UserBar};
use crate::i18n::{Msg, StaffText};
use crate::locale::use_lang;
use crate::staff::api::{get_import_preview, get_import_start};
use crate::staff::import_view::{ImportPreview, ImportStartView, ImportTargetView};
use quickscan_domain::Lang;

/// The import pages' words.
struct Words {
    title: &'static str,
    intro: &'static str,
    organisation: &'static str,
    file: &'static str,
    file_hint: &'static str,
    upload: &'static str,
    template: &'static str,
    no_organisations: &'static str,
    preview_title: &'static str,
    into_round: &'static str,
    into_new_round: &'static str,
    respondents: &'static str,
    answers: &'static str,
    answers_heading: &'static str,
    replaced: &'static str,
    problems: &'static str,
    problems_intro: &'static str,
    omitted: &'static str,
    notices: &'static str,
    respondent: &'static str,
    row: &'static str,
    group: &'static str,
    date: &'static str,
    replaces: &'static str,
    confirm: &'static str,
    confirm_hint: &'static str,
    already: &'static str,
    done: &'static str,
    done_unchanged: &'static str,
    open_round: &'static str,
    again: &'static str,
    more_rows: &'static str,
    place_file: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            title: "Antwoorden importeren uit een rekenblad",
            intro: "Laad een ingevuld sjabloon op (xlsx, xlsm, xls, ods of csv). U ziet eerst wat er zou worden ingelezen; pas na uw bevestiging wordt er iets opgeslagen.",
            organisation: "Organisatie",
            file: "Bestand",
            file_hint: "Hoogstens {} MiB.",
            upload: "Controleer het bestand",
            template: "Download het sjabloon (xlsx)",
            no_organisations: "Er zijn u geen organisaties toegewezen.",
            preview_title: "Controle van het bestand",
            into_round: "De antwoorden komen in de lopende bevraging",
            into_new_round: "Er wordt een nieuwe bevraging geopend",
            respondents: "respondenten",
            answers: "antwoorden",
            answers_heading: "Antwoorden",
            replaced: "eerder geïmporteerde respondenten worden vervangen",
            problems: "Problemen",
            problems_intro: "Er wordt niets ingelezen zolang het bestand deze problemen heeft. Verbeter ze en laad het bestand opnieuw op.",
            omitted: "en nog {} problemen",
            notices: "Opmerkingen",
            respondent: "Respondent",
            row: "Rij",
            group: "Groep",
            date: "Datum",
            replaces: "vervangt",
            confirm: "Bevestig de import",
            confirm_hint: "Alles wordt in één keer opgeslagen, of niets.",
            already: "Dit bestand werd al geïmporteerd op {}; bevestigen verandert niets.",
            done: "Geïmporteerd op {}: {} respondenten.",
            done_unchanged: "Dit bestand was al geïmporteerd; er is niets veranderd.",
            open_round: "Naar de bevraging",
            again: "Een ander bestand importeren",
            more_rows: "De eerste {} respondenten worden getoond.",
            place_file: "het bestand",
        },
        Lang::En => Words {
            title: "Import answers from a spreadsheet",
            intro: "Upload a filled-in template (xlsx, xlsm, xls, ods or csv). You first see what would be imported; nothing is saved until you confirm.",
            organisation: "Organisation",
            file: "File",
            file_hint: "At most {} MiB.",
            upload: "Check the file",
            template: "Download the template (xlsx)",
            no_organisations: "No organisations are assigned to you.",
            preview_title: "File check",
            into_round: "The answers go into the open round",
            into_new_round: "A new round will be opened",
            respondents: "respondents",
            answers: "answers",
            answers_heading: "Answers",
            replaced: "previously imported respondents will be replaced",
            problems: "Problems",
            problems_intro: "Nothing is imported while the file has these problems. Fix them and upload the file again.",
            omitted: "and {} more problems",
            notices: "Notes",
            respondent: "Respondent",
            row: "Row",
            group: "Group",
            date: "Date",
            replaces: "replaces",
            confirm: "Confirm the import",
            confirm_hint: "Everything is saved at once, or nothing.",
            already: "This file was imported before, on {}; confirming changes nothing.",
            done: "Imported on {}: {} respondents.",
            done_unchanged: "This file had been imported already; nothing changed.",
            open_round: "Go to the round",
            again: "Import another file",
            more_rows: "The first {} respondents are shown.",
            place_file: "the file",
        },
        Lang::Fr => Words {
            title: "Importer des réponses depuis un tableur",
            intro: "Téléversez un modèle rempli (xlsx, xlsm, xls, ods ou csv). Vous voyez d'abord ce qui serait importé ; rien n'est enregistré avant votre confirmation.",
            organisation: "Organisation",
            file: "Fichier",
            file_hint: "Au maximum {} Mio.",
            upload: "Vérifier le fichier",
            template: "Télécharger le modèle (xlsx)",
            no_organisations: "Aucune organisation ne vous est attribuée.",
            preview_title: "Vérification du fichier",
            into_round: "Les réponses vont dans l'enquête en cours",
            into_new_round: "Une nouvelle enquête sera ouverte",
            respondents: "répondants",
            answers: "réponses",
            answers_heading: "Réponses",
            replaced: "répondants importés précédemment seront remplacés",
            problems: "Problèmes",
            problems_intro: "Rien n'est importé tant que le fichier présente ces problèmes. Corrigez-les et téléversez à nouveau le fichier.",
            omitted: "et {} autres problèmes",
            notices: "Remarques",
            respondent: "Répondant",
            row: "Ligne",
            group: "Groupe",
            date: "Date",
            replaces: "remplace",
            confirm: "Confirmer l'import",
            confirm_hint: "Tout est enregistré en une fois, ou rien.",
            already: "Ce fichier a déjà été importé le {} ; confirmer ne change rien.",
            done: "Importé le {} : {} répondants.",
            done_unchanged: "Ce fichier avait déjà été importé ; rien n'a changé.",
            open_round: "Vers l'enquête",
            again: "Importer un autre fichier",
            more_rows: "Les {} premiers répondants sont affichés.",
            place_file: "le fichier",
        },
    }
}

fn fill(template: &str, values: &[&str]) -> String {
    let mut out = template.to_owned();
    for value in values {
        out = out.replacen("{}", value, 1);
    }
    out
}

/// The upload page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_import_start());
    view! {
        <Title text=words(lang).title/>
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
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
    let w = words(lang);
    let user = view.user.clone();
    let has_organisations = !view.organisations.is_empty();
    let options = move || {
        view.organisations
            .iter()
            .map(|o| view! { <option value=o.id.to_string()>{format!("{} ({})", o.name, o.code)}</option> })
            .collect_view()
    };
    let options_again = options.clone();
    view! {
        <UserBar user=user.clone()/>
        <p><a href="/dashboard">{StaffText::BackToDashboard.tr(lang)}</a></p>
        <h1>{w.title}</h1>
        <p>{w.intro}</p>
        {if has_organisations {
            view! {
                <form method="post" action="/import" enctype="multipart/form-data" class="card stacked-form">
                    <CsrfField user=user.clone()/>
                    <label for="import-organisation">{w.organisation}</label>
                    <select id="import-organisation" name="organisation" required>{options()}</select>
                    <label for="import-file">{w.file}</label>
                    <input id="import-file" name="file" type="file" required aria-describedby="import-file-hint"
                        accept=".xlsx,.xlsm,.xls,.ods,.csv,.txt"/>
                    <p id="import-file-hint" class="hint">{fill(w.file_hint, &[&view.limit_mib.to_string()])}</p>
                    <button type="submit" class="primary">{w.upload}</button>
                </form>
                <form method="get" action="/import/template.xlsx" class="inline-form">
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
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                p.get("id")
                    .and_then(|id| id.parse::<i32>().ok())
                    .unwrap_or(0)
            })
        },
        move |id| get_import_preview(id, lang.code().to_owned()),
    );
    view! {
        <Title text=words(lang).preview_title/>
        <Suspense fallback=move || view! { <p>{Msg::Loading.tr(lang)}</p> }>
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
    let w = words(lang);
    let can_confirm = preview.can_confirm();
    let user = preview.user.clone();
    let target = match &preview.target {
        ImportTargetView::Existing { round_id, name } => view! {
            <p>{w.into_round} " " <a href=format!("/rounds/{round_id}")>{name.clone()}</a> "."</p>
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
            .then(|| view! { <li>{fill(w.omitted, &[&preview.problems_omitted.to_string()])}</li> });
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
        .map(|at| view! { <p class="notice">{fill(w.already, &[at])}</p> });
    let applied = preview.applied.as_ref().map(|done| {
        let text = if done.respondents == 0 {
            w.done_unchanged.to_owned()
        } else {
            fill(w.done, &[&done.at, &done.respondents.to_string()])
        };
        let round_link = done.round_id.map(
            |id| view! { <a class="button" href=format!("/rounds/{id}")>{w.open_round}</a> " " },
        );
        view! {
            <p role="status" class="notice success">{text}</p>
            <p>{round_link}<a href="/import">{w.again}</a></p>
        }
    });
    let confirm = (can_confirm).then(|| {
        let user = user.clone();
        view! {
            <form method="post" action=format!("/import/{}/confirm", preview.upload_id) class="card">
                {user.map(|user| view! { <CsrfField user/> })}
                <p>{w.confirm_hint}</p>
                <button type="submit" class="primary">{w.confirm}</button>
            </form>
        }
    });
    let more = (preview.respondent_total > preview.respondents.len())
        .then(|| view! { <p class="hint">{fill(w.more_rows, &[&preview.respondents.len().to_string()])}</p> });
    let table = (!preview.respondents.is_empty()).then(|| {
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=crate::i18n::StaffText::ScrollableTable.tr(lang)>
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
        {user.clone().map(|user| view! { <UserBar user/> })}
        <p><a href="/import">{w.title}</a></p>
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
