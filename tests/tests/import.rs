//! Spreadsheet import through the real router on both databases: the template round trip,
//! files written by other tools, precise problems, access, and idempotent re-imports.

use std::collections::BTreeMap;
use std::io::Cursor;

use app::db::{answer, import_upload, invitation, organisation, response};
use app::paths;
use calamine::{Data, Reader, Xlsx};
use quickscan_tests::{fixture, on_both_databases, spawn_app, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    the_template_round_trips_through_preview_and_confirm,
    files_written_by_other_tools_import,
    a_file_with_problems_shows_them_and_writes_nothing,
    only_advisors_of_the_organisation_and_the_admin_import,
    a_large_import_writes_everyone_across_batches_and_replaces_earlier_keys,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

/// Every imported respondent of a round: key → (group, answers by statement).
async fn imported(
    app: &TestApp,
    round_id: i32,
) -> BTreeMap<String, (Option<String>, BTreeMap<String, String>)> {
    let mut out = BTreeMap::new();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round_id))
        .filter(invitation::Column::ImportKey.is_not_null())
        .all(&app.ctx.db)
        .await
        .unwrap();
    for inv in invitations {
        let resp = response::Entity::find()
            .filter(response::Column::InvitationId.eq(inv.id))
            .one(&app.ctx.db)
            .await
            .unwrap()
            .expect("every imported invitation has a response");
        assert!(
            resp.submitted_at.is_some(),
            "imported responses are submitted"
        );
        let answers = answer::Entity::find()
            .filter(answer::Column::ResponseId.eq(resp.id))
            .all(&app.ctx.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.statement_id, a.value))
            .collect();
        out.insert(inv.import_key.unwrap(), (inv.respondent_group, answers));
    }
    out
}

async fn response_count(app: &TestApp) -> u64 {
    response::Entity::find().count(&app.ctx.db).await.unwrap()
}

fn upload_id(location: Option<String>) -> i32 {
    let location = location.expect("an upload redirects to its preview");
    location
        .strip_prefix("/import/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location}"))
}

async fn confirm(app: &TestApp, cookie: &str, csrf: &str, id: i32) -> (u16, Option<String>) {
    let (status, location, _) = app
        .post_as(cookie, &paths::IMPORT_CONFIRM.with(id), &[("csrf", csrf)])
        .await;
    (status, location)
}

async fn template(app: &TestApp, cookie: &str, organisation: i32) -> (u16, Vec<u8>) {
    let response = app
        .client
        .get(app.url(&format!(
            "{}?organisation={organisation}",
            paths::IMPORT_TEMPLATE.pattern()
        )))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.bytes().await.unwrap().to_vec(),
    )
}

fn text_of(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn the_template_round_trips_through_preview_and_confirm(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let advisor = app.login("advisor-a@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&advisor).await;

    let (status, bytes) = template(&app, &advisor, w.org_a).await;
    assert_eq!(status, 200);
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).expect("the template opens with calamine");
    let sheet = book
        .worksheet_range("Antwoorden")
        .expect("the answer sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .take(3)
        .map(|r| r.iter().map(text_of).collect())
        .collect();
    let statement_ids: Vec<String> = app
        .ctx
        .models
        .current()
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(|s| s.id.clone()))
        .collect();
    assert_eq!(
        rows[0][..4],
        ["organisation", "respondent", "group", "date"]
    );
    assert_eq!(rows[0][4..], statement_ids[..]);
    assert_eq!(rows[2][..2], ["13008", "R001"]);

    // Filled in by code: the two header rows as the template has them, three respondents.
    let mut filled = rust_xlsxwriter::Workbook::new();
    let ws = filled.add_worksheet();
    ws.set_name("Antwoorden").unwrap();
    for (r, row) in rows[..2].iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    let mut expected = BTreeMap::new();
    let respondents: [(&str, &str, Option<&str>); 3] = [
        ("R001", "staff", Some("staff")),
        ("R002", "Leidinggevende", Some("management")),
        ("R003", "", None),
    ];
    for (index, (key, group, group_code)) in respondents.iter().enumerate() {
        let row = 2 + index as u32;
        ws.write_string(row, 0, "13008").unwrap();
        ws.write_string(row, 1, *key).unwrap();
        if !group.is_empty() {
            ws.write_string(row, 2, *group).unwrap();
        }
        let mut answers = BTreeMap::new();
        for (s, id) in statement_ids.iter().enumerate() {
            let col = 4 + s as u16;
            // Respondent 3 leaves every third statement open.
            if index == 2 && s % 3 == 0 {
                continue;
            }
            let code = match (s + index) % 7 {
                5 => {
                    ws.write_string(row, col, "weet niet").unwrap();
                    "dont_know".to_owned()
                }
                6 => {
                    ws.write_string(row, col, "N.V.T.").unwrap();
                    "not_applicable".to_owned()
                }
                level => {
                    ws.write_number(row, col, level as f64).unwrap();
                    level.to_string()
                }
            };
            answers.insert(id.clone(), code);
        }
        expected.insert(key.to_string(), (group_code.map(str::to_owned), answers));
    }
    let bytes = filled.save_to_buffer().unwrap();
    let answer_total: usize = expected.values().map(|(_, a)| a.len()).sum();

    let (status, location) = app
        .upload_as(&advisor, &csrf, w.org_a, "ingevuld.xlsx", bytes.clone())
        .await;
    assert_eq!(status, 303);
    let id = upload_id(location);
    let (status, page) = app.get_as(&advisor, &paths::IMPORT_PREVIEW.with(id)).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("3 respondenten · {answer_total} antwoorden")),
        "{page}"
    );
    assert!(
        page.contains("Demo QuickScan"),
        "the preview names the open round it writes into"
    );
    assert!(page.contains("Bevestig de import"));
    assert_eq!(
        response_count(&app).await,
        0,
        "the dry run writes no answers"
    );

    assert_eq!(
        confirm(&app, &advisor, &csrf, id).await,
        (303, Some(paths::IMPORT_PREVIEW.with(id)))
    );
    assert_eq!(imported(&app, w.round_a).await, expected);
    let (_, page) = app.get_as(&advisor, &paths::IMPORT_PREVIEW.with(id)).await;
    assert!(
        page.contains("Geïmporteerd op") && page.contains("3 respondenten."),
        "{page}"
    );
    assert!(
        !page.contains("Bevestig de import"),
        "an applied import cannot be confirmed again"
    );

    // The same file again: the preview says so, and confirming changes nothing.
    let (_, location) = app
        .upload_as(&advisor, &csrf, w.org_a, "ingevuld.xlsx", bytes)
        .await;
    let again = upload_id(location);
    let (_, page) = app
        .get_as(&advisor, &paths::IMPORT_PREVIEW.with(again))
        .await;
    assert!(
        page.contains("Dit bestand werd al geïmporteerd op"),
        "{page}"
    );
    assert!(page.contains("3 eerder geïmporteerde respondenten worden vervangen"));
    confirm(&app, &advisor, &csrf, again).await;
    assert_eq!(response_count(&app).await, 3);
    assert_eq!(imported(&app, w.round_a).await, expected);
    app.cleanup().await;
}

async fn files_written_by_other_tools_import(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let geel = organisation::Entity::find_by_id(w.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(geel.code, "13008", "the fixtures are written for Geel");
    let advisor = app.login("advisor-a@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&advisor).await;
    let cases = [
        ("openpyxl-answers.xlsx", vec!["R1", "R2", "R3"]),
        ("handwritten-answers.ods", vec!["R1", "R2", "R3"]),
        ("semicolon-windows-1252.csv", vec!["José", "Renée"]),
        ("xlwt-long-form.xls", vec!["X1", "X2"]),
        ("macro-enabled.xlsm", vec!["R1", "R2", "R3"]),
    ];
    for (file, keys) in cases {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let (status, location) = app.upload_as(&advisor, &csrf, w.org_a, file, bytes).await;
        assert_eq!(status, 303, "{file}");
        let id = upload_id(location);
        let (_, page) = app.get_as(&advisor, &paths::IMPORT_PREVIEW.with(id)).await;
        assert!(!page.contains("Problemen"), "{file}: {page}");
        confirm(&app, &advisor, &csrf, id).await;
        let upload = import_upload::Entity::find_by_id(id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            upload.respondents_written,
            Some(keys.len() as i32),
            "{file}"
        );
        let written = imported(&app, w.round_a).await;
        for key in keys {
            assert!(written.contains_key(key), "{file}: {key} in {written:?}");
        }
    }
    // The same respondent keys in later files replace, never add: R1–R3, two CSV names and
    // the two long-form respondents of the xls file.
    let written = imported(&app, w.round_a).await;
    assert_eq!(written.len(), 7);
    assert_eq!(written["X1"].1["policy-1"], "4");
    assert_eq!(written["X1"].1["policy-2"], "dont_know");
    assert_eq!(written["X2"].0.as_deref(), Some("management"));
    assert_eq!(written["X2"].1["code-2"], "not_applicable");
    let (group, answers) = &written["R2"];
    assert_eq!(group.as_deref(), Some("management"));
    assert_eq!(answers["policy-1"], "3");
    assert_eq!(answers["policy-2"], "not_applicable");
    assert_eq!(written["José"].1["policy-3"], "dont_know");
    assert_eq!(written["R3"].0.as_deref(), Some("mandatary"));
    app.cleanup().await;
}

async fn a_file_with_problems_shows_them_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let advisor = app.login("advisor-a@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&advisor).await;
    let csv = "organisation;respondent;policy-1;policy-2\n13008;A;3;vijf\n44021;B;2;1\n";
    let (_, location) = app
        .upload_as(
            &advisor,
            &csrf,
            w.org_a,
            "fouten.csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    let id = upload_id(location);
    let (_, page) = app.get_as(&advisor, &paths::IMPORT_PREVIEW.with(id)).await;
    assert!(
        page.contains("blad &#x27;fouten.csv&#x27;, cel D2")
            || page.contains("blad 'fouten.csv', cel D2"),
        "{page}"
    );
    assert!(page.contains("vijf"));
    assert!(page.contains("is geen antwoord; gebruik 0–4"));
    assert!(
        page.contains("cel A3"),
        "the other organisation's row is named"
    );
    assert!(!page.contains("Bevestig de import"));
    confirm(&app, &advisor, &csrf, id).await;
    assert_eq!(response_count(&app).await, 0);

    // A file that is no spreadsheet at all: a plain explanation, not an error page.
    let (_, location) = app
        .upload_as(
            &advisor,
            &csrf,
            w.org_a,
            "foto.xlsx",
            std::fs::read(fixture("hostile/picture-renamed.xlsx")).unwrap(),
        )
        .await;
    let (status, page) = app
        .get_as(&advisor, &paths::IMPORT_PREVIEW.with(upload_id(location)))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("dit is geen rekenblad"), "{page}");
    app.cleanup().await;
}

async fn only_advisors_of_the_organisation_and_the_admin_import(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let advisor_a = app.login("advisor-a@test.be", PASSWORD).await.unwrap();
    let advisor_b = app.login("advisor-b@test.be", PASSWORD).await.unwrap();
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let admin = app.login("admin@test.be", PASSWORD).await.unwrap();
    let csrf_a = app.csrf_token(&advisor_a).await;
    let csrf_b = app.csrf_token(&advisor_b).await;
    let csrf_c = app.csrf_token(&coordinator).await;
    let csrf_admin = app.csrf_token(&admin).await;
    let good = std::fs::read(fixture("openpyxl-answers.xlsx")).unwrap();

    let (_, page) = app.get_as(&advisor_a, paths::IMPORT.pattern()).await;
    assert!(
        page.contains("Geel (13008)") && !page.contains("Mechelen"),
        "an advisor sees only assigned organisations"
    );
    assert_eq!(
        app.get_as(&coordinator, paths::IMPORT.pattern()).await.0,
        403
    );
    assert_eq!(app.get(paths::IMPORT.pattern()).await.0, 401);
    assert_eq!(template(&app, &advisor_b, w.org_a).await.0, 403);
    assert_eq!(template(&app, &coordinator, w.org_a).await.0, 403);
    assert_eq!(
        app.upload_as(&advisor_b, &csrf_b, w.org_a, "a.xlsx", good.clone())
            .await
            .0,
        403
    );
    assert_eq!(
        app.upload_as(&coordinator, &csrf_c, w.org_a, "a.xlsx", good.clone())
            .await
            .0,
        403
    );
    assert_eq!(
        app.upload_as(&advisor_a, "forged", w.org_a, "a.xlsx", good.clone())
            .await
            .0,
        403
    );
    let (_, location) = app
        .upload_as(&advisor_a, &csrf_a, w.org_a, "a.xlsx", good.clone())
        .await;
    let id = upload_id(location);
    assert_eq!(
        app.get_as(&advisor_b, &paths::IMPORT_PREVIEW.with(id))
            .await
            .0,
        403
    );
    assert_eq!(confirm(&app, &advisor_b, &csrf_b, id).await.0, 403);
    assert_eq!(confirm(&app, &advisor_a, "forged", id).await.0, 403);
    assert_eq!(response_count(&app).await, 0);
    // The admin may import for any organisation.
    let (status, location) = app
        .upload_as(&admin, &csrf_admin, w.org_b, "a.xlsx", good)
        .await;
    assert_eq!(status, 303);
    let id = upload_id(location);
    let (_, page) = app.get_as(&admin, &paths::IMPORT_PREVIEW.with(id)).await;
    assert!(
        page.contains("organisatie &#x27;13008&#x27;") || page.contains("organisatie '13008'"),
        "Geel's file is refused for Mechelen: {page}"
    );
    app.cleanup().await;
}

/// A dry run of `keys`, each answering the model's first statements with `value` (and the
/// first `extra` statements after those with "don't know"), in group `group`.
fn dry_run(
    model: &quickscan_domain::MaturityModel,
    keys: std::ops::Range<usize>,
    value: &str,
    extra: usize,
    group: quickscan_domain::RespondentGroup,
) -> quickscan_domain::import::Validated {
    use quickscan_domain::import::{ImportedRespondent, Validated};
    use quickscan_domain::AnswerValue;
    let statements: Vec<&str> = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(|s| s.id.as_str()))
        .collect();
    let respondents = keys
        .map(|n| ImportedRespondent {
            key: format!("P{n:04}"),
            row: n as u32,
            group: Some(group),
            date: Some("2026-11-30".to_owned()),
            answers: statements[..3]
                .iter()
                .map(|s| (s.to_string(), AnswerValue::parse(value).unwrap()))
                .chain(
                    statements[3..3 + extra]
                        .iter()
                        .map(|s| (s.to_string(), AnswerValue::DontKnow)),
                )
                .collect(),
        })
        .collect();
    Validated {
        respondents,
        ..Validated::default()
    }
}

/// More respondents than one multi-row insert carries, then a file with some of the same keys
/// and new ones: everyone is written once, the same keys' answers and groups are replaced.
async fn a_large_import_writes_everyone_across_batches_and_replaces_earlier_keys(backend: Backend) {
    use app::staff::import::{apply_upload, record_upload, NewUpload};
    use quickscan_domain::RespondentGroup;
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let model = app.ctx.models.current();
    let responses_before = response_count(&app).await;
    let upload = |validated, hash| {
        let db = app.ctx.db.clone();
        async move {
            record_upload(
                &db,
                NewUpload {
                    organisation_id: w.org_a,
                    uploaded_by: None,
                    file_name: "large.xlsx",
                    content_hash: hash,
                    byte_size: 1,
                    validated: &validated,
                },
            )
            .await
            .unwrap()
        }
    };

    let first = upload(
        dry_run(model, 0..2_500, "2", 1, RespondentGroup::Staff),
        "first",
    )
    .await;
    let mut heard = Vec::new();
    let applied = apply_upload(&app.ctx.db, model, first, &mut |done, total| {
        heard.push((done, total))
    })
    .await
    .unwrap();
    assert_eq!(applied.respondents, 2_500);
    assert_eq!(heard.last(), Some(&(2_500, 2_500)));
    assert!(heard.windows(2).all(|w| w[0].0 < w[1].0), "{heard:?}");
    let round = applied.round_id.expect("written into a round");

    let second = upload(
        dry_run(model, 2_000..3_200, "4", 0, RespondentGroup::Management),
        "second",
    )
    .await;
    let applied = apply_upload(&app.ctx.db, model, second, &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(applied.respondents, 1_200);
    assert_eq!(applied.round_id, Some(round));

    let written = imported(&app, round).await;
    assert_eq!(written.len(), 3_200, "each key once");
    let (group, answers) = &written["P0000"];
    assert_eq!(group.as_deref(), Some("staff"));
    assert_eq!(answers.len(), 4);
    assert_eq!(answers.values().filter(|v| *v == "2").count(), 3);
    for key in ["P2000", "P2499", "P2500", "P3199"] {
        let (group, answers) = &written[key];
        assert_eq!(group.as_deref(), Some("management"), "{key}");
        assert_eq!(
            answers.len(),
            3,
            "{key}: the earlier file's fourth answer is gone"
        );
        assert!(answers.values().all(|v| v == "4"), "{key}: {answers:?}");
    }
    let answers_in_all: usize = written.values().map(|(_, answers)| answers.len()).sum();
    assert_eq!(answers_in_all, 2_000 * 4 + 1_200 * 3);
    assert_eq!(response_count(&app).await, responses_before + 3_200);
    app.cleanup().await;
}
