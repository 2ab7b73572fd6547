//! Exports: a hostile organisation name or comment comes out neutralised in csv and xlsx,
//! the xlsx opens with calamine, and the report's conclusions and advice travel with its
//! figures. Runs on both databases.

use std::io::Cursor;

use app::auth::service::{create_user, NewUser};
use app::auth::Role;
use app::db::{organisation, round};
use app::paths;
use app::staff::rounds::close_and_aggregate;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use quickscan_tests::{on_both_databases, spawn_app, Backend, TestApp};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

on_both_databases!(
    hostile_text_is_neutralised_in_csv_and_xlsx,
    the_report_export_carries_its_conclusions_and_advice
);

const HOSTILE_NAME: &str = "=HYPERLINK(\"http://evil.example\",\"klik\")";
const HOSTILE_COMMENTS: [&str; 3] = ["+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"];

async fn download(app: &TestApp, cookie: &str, path: &str) -> Vec<u8> {
    let response = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.bytes().await.unwrap().to_vec()
}

/// Every sheet of a workbook by name, its rows as text (numbers as they are written).
fn xlsx_sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the xlsx");
    workbook
        .sheet_names()
        .to_owned()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| row.iter().map(|cell| cell.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn xlsx_texts(bytes: Vec<u8>) -> Vec<String> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the xlsx");
    let mut texts = Vec::new();
    for name in workbook.sheet_names().to_owned() {
        let range = workbook.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if let Data::String(text) = cell {
                    texts.push(text.clone());
                }
            }
        }
    }
    texts
}

async fn hostile_text_is_neutralised_in_csv_and_xlsx(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let open = round::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let mut organisation: organisation::ActiveModel =
        organisation::Entity::find_by_id(open.organisation_id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    organisation.name = Set(HOSTILE_NAME.to_owned());
    organisation.update(&app.ctx.db).await.unwrap();
    // One respondent answers three dimensions, each with a hostile comment, and submits.
    for (step, comment) in (1..).zip(HOSTILE_COMMENTS) {
        let dimension = &app.ctx.models.current().dimensions[step - 1];
        let field = format!("answer:{}", dimension.statements[0].id);
        let (status, _, _) = app
            .post_form(
                &paths::scan_page(&token, step),
                &[(field.as_str(), "3"), ("comment", comment)],
            )
            .await;
        assert_eq!(status, 303);
    }
    assert_eq!(
        app.post_form(&paths::scan_page(&token, "review"), &[])
            .await
            .0,
        303
    );
    // Four more, so that the round reaches the respondent threshold and has results (and
    // comments in its export).
    app.submit_responses(open.id, 4, None, "3", None).await;
    close_and_aggregate(&app.ctx, &open).await.unwrap();
    create_user(
        &app.ctx.db,
        NewUser {
            email: "admin@test.be",
            display_name: "Admin",
            password: "a-long-test-password",
            role: Role::Admin,
            organisation_id: None,
        },
    )
    .await
    .unwrap();
    let cookie = app
        .login("admin@test.be", "a-long-test-password")
        .await
        .unwrap();

    for path in [
        paths::ROUND_EXPORT_CSV.with(open.id),
        paths::ASSOCIATION_EXPORT_CSV.pattern().to_owned(),
    ] {
        let csv = String::from_utf8(download(&app, &cookie, &path).await).unwrap();
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\""),
            "{path}: {csv}"
        );
        for line in csv.lines() {
            for field in line.split(',') {
                let field = field.trim_start_matches('"');
                assert!(
                    !field.starts_with(['=', '+', '@']),
                    "{path}: a field starts with a formula character: {field:?}"
                );
            }
        }
        if path.starts_with("/rounds") {
            for comment in HOSTILE_COMMENTS {
                assert!(
                    csv.contains(&format!("'{comment}")),
                    "{path}: {comment} neutralised"
                );
            }
        }
    }
    for path in [
        paths::ROUND_EXPORT_XLSX.with(open.id),
        paths::ASSOCIATION_EXPORT_XLSX.pattern().to_owned(),
    ] {
        let texts = xlsx_texts(download(&app, &cookie, &path).await);
        assert!(
            texts.contains(&format!("'{HOSTILE_NAME}")),
            "{path}: {texts:?}"
        );
        assert!(
            texts
                .iter()
                .all(|t| !t.starts_with(['=', '+', '-', '@', '\t', '\r'])),
            "{path}: {texts:?}"
        );
        if path.starts_with("/rounds") {
            for comment in HOSTILE_COMMENTS {
                assert!(texts.contains(&format!("'{comment}")), "{path}: {comment}");
            }
        }
    }
    // Exports are for staff only.
    let response = app
        .client
        .get(app.url(&paths::ROUND_EXPORT_CSV.with(open.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        303,
        "anonymous users are sent to the login"
    );
    app.cleanup().await;
}

async fn the_report_export_carries_its_conclusions_and_advice(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    // Three staff answer every statement with 1 and two with 4: every dimension has mean
    // 2.2 (level 2) and sample sd sqrt(10.8 / 4) = 1.64, strongly divided. Equal means keep
    // model order, so the weakest three are the model's first three.
    app.submit_responses(world.round_a, 3, Some("staff"), "1", None)
        .await;
    app.submit_responses(world.round_a, 2, Some("staff"), "4", None)
        .await;
    let open = round::Entity::find_by_id(world.round_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    close_and_aggregate(&app.ctx, &open).await.unwrap();
    let cookie = app
        .login("coordinator-a@test.be", quickscan_tests::TEST_PASSWORD)
        .await
        .unwrap();
    let model = app.ctx.models.current();
    let names: Vec<&str> = model
        .dimensions
        .iter()
        .map(|d| d.name.nl.as_str())
        .collect();

    let sheets =
        xlsx_sheets(download(&app, &cookie, &paths::ROUND_EXPORT_XLSX.with(open.id)).await);
    let sheet = |name: &str| {
        sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_else(|| {
                panic!(
                    "a sheet {name}: {:?}",
                    sheets.iter().map(|s| &s.0).collect::<Vec<_>>()
                )
            })
    };
    let summary = sheet("Samenvatting");
    let part = |title: &str| -> Vec<Vec<String>> {
        summary
            .iter()
            .filter(|row| row[0] == title)
            .cloned()
            .collect()
    };
    let weakest = part("Eerst aan de slag met");
    assert_eq!(
        weakest
            .iter()
            .map(|row| row[1].as_str())
            .collect::<Vec<_>>(),
        names[..3].to_vec()
    );
    let about = |text: &str, expected: f64| {
        text.parse::<f64>()
            .is_ok_and(|v| (v - expected).abs() < 1e-9)
    };
    assert!(
        weakest
            .iter()
            .all(|row| about(&row[2], 2.2) && row[3] == "in ontwikkeling (op papier)"),
        "{weakest:?}"
    );
    let divided = part("Waar de meningen uiteenlopen");
    assert_eq!(
        divided
            .iter()
            .map(|row| row[1].as_str())
            .collect::<Vec<_>>(),
        names
    );
    let prevention = part("Pijler: preventie");
    let serving = model
        .dimensions
        .iter()
        .filter(|d| d.pillars.contains(&quickscan_domain::Pillar::Prevention))
        .count();
    assert_eq!(prevention.len(), 1, "{summary:?}");
    assert_eq!(
        prevention[0][1],
        format!("{serving} van {serving} dimensies")
    );
    assert!(about(&prevention[0][2], 2.2), "{prevention:?}");
    assert_eq!(prevention[0][3], "in ontwikkeling (op papier)");

    // The advice: for every dimension its level-2 items, short term before medium term,
    // one per row.
    let advice = sheet("Advies");
    let expected: Vec<Vec<String>> = model
        .dimensions
        .iter()
        .flat_map(|dimension| {
            let at_level = &dimension.advice[2];
            let terms = [
                ("Korte termijn (binnen een jaar)", &at_level.short_term),
                (
                    "Middellange termijn (één tot drie jaar)",
                    &at_level.medium_term,
                ),
            ];
            terms.into_iter().flat_map(move |(horizon, items)| {
                items.iter().map(move |item| {
                    vec![
                        dimension.name.nl.clone(),
                        "2 – in ontwikkeling (op papier)".to_owned(),
                        horizon.to_owned(),
                        item.nl.clone(),
                    ]
                })
            })
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(advice[0], vec!["Dimensie", "Niveau", "Termijn", "Advies"]);
    assert_eq!(advice[1..].to_vec(), expected);

    // The csv carries the same tables, one after the other, each with its header row.
    let csv =
        String::from_utf8(download(&app, &cookie, &paths::ROUND_EXPORT_CSV.with(open.id)).await)
            .unwrap();
    for line in [
        "Onderdeel,Dimensie,Gemiddelde,Niveau",
        "Dimensie,Niveau,Termijn,Advies",
    ] {
        assert!(csv.lines().any(|l| l == line), "{line}: {csv}");
    }
    assert_eq!(
        csv.matches("\r\nEerst aan de slag met,").count(),
        3,
        "{csv}"
    );
    for item in expected.iter().map(|row| &row[3]) {
        let quoted = format!("\"{}\"", item.replace('"', "\"\""));
        assert!(
            csv.contains(&quoted) || csv.contains(item.as_str()),
            "{item}"
        );
    }
    app.cleanup().await;
}
