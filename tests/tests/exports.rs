//! Exports: a hostile organisation name or comment comes out neutralised in csv and xlsx,
//! and the xlsx opens with calamine. Runs on both databases.

use std::io::Cursor;

use app::auth::service::{create_user, NewUser};
use app::auth::Role;
use app::db::{organisation, round};
use app::paths;
use app::staff::rounds::close_and_aggregate;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use quickscan_tests::{on_both_databases, spawn_app, Backend, TestApp};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

on_both_databases!(hostile_text_is_neutralised_in_csv_and_xlsx);

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
