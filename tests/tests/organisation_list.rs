//! The association's organisation list: uploaded through the sandboxed reader, checked row by
//! row (nothing written), confirmed in one write keyed by NIS code, the same list twice
//! changing nothing; exported with the same columns so the export imports again; and the
//! same on the command line, with `create-user` printing an activation link that works.

use std::process::Command;

use app::db::organisation;
use app::paths;
use quickscan_tests::{
    on_both_databases, server_binary, spawn_app, Backend, Page, TestApp, TEST_PASSWORD,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    a_list_is_checked_then_written_once_by_nis_code,
    a_list_with_problems_names_each_row_and_writes_nothing,
    the_exported_list_imports_again_unchanged,
);

async fn upload(app: &TestApp, cookie: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let csrf = app.csrf_token(cookie).await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    let response = app
        .client
        .post(app.url(paths::ORGANISATIONS_IMPORT.pattern()))
        .header(reqwest::header::COOKIE, cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Posts the preview's confirm form as the page carries it.
async fn confirm(app: &TestApp, cookie: &str, preview: &str) -> (u16, Option<String>) {
    let page = Page::parse(preview);
    let csrf = app.csrf_token(cookie).await;
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf)];
    let field = |name: &str| {
        page.attrs(
            &format!(
                "form[action=\"{}\"] input[name={name}]",
                paths::ORGANISATIONS_IMPORT_CONFIRM
            ),
            "value",
        )
    };
    let columns = ["code", "name", "kind", "province", "population"].map(|n| (n, field(n)));
    for row in 0..columns[0].1.len() {
        for (name, values) in &columns {
            form.push(((*name).to_owned(), values[row].clone()));
        }
    }
    let response = app
        .client
        .post(app.url(paths::ORGANISATIONS_IMPORT_CONFIRM.pattern()))
        .header(reqwest::header::COOKIE, cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (response.status().as_u16(), location)
}

const LIST: &str = "NIS-code;Naam;Soort;Provincie;Inwoners\r\n\
44021;Gent;stad;Oost-Vlaanderen;265 000\r\n\
71022;Hasselt;stad;Limburg;80600\r\n\
13008;Geel;stad;Antwerpen;42 500\r\n";

async fn a_list_is_checked_then_written_once_by_nis_code(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let before = organisation::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap();
    let (status, preview) = upload(&app, &admin, "lijst.csv", LIST.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{preview}");
    // The preview exists only in this render: hydrating the page would wipe it (and its
    // confirm button with it).
    assert!(
        !preview.contains("/pkg/quickscan.js"),
        "the preview is not hydrated"
    );
    let page = Page::parse(&preview);
    assert!(
        page.texts("main [role=status]")
            .contains(&"2 nieuw, 1 bijgewerkt, 0 ongewijzigd.".to_owned()),
        "{:?}",
        page.texts("main [role=status]")
    );
    assert_eq!(page.row("44021").unwrap().last().unwrap(), "nieuw");
    assert_eq!(page.row("13008").unwrap().last().unwrap(), "bijgewerkt");
    assert_eq!(
        organisation::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        before,
        "checking writes nothing"
    );
    let (status, location) = confirm(&app, &admin, &preview).await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/admin/organisations/import?added=2&updated=1")
    );
    assert_eq!(
        organisation::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        before + 2
    );
    let geel = organisation::Entity::find()
        .filter(organisation::Column::Code.eq("13008"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((geel.population, geel.active), (42_500, true));
    // The same list again changes nothing.
    let (_, again) = upload(&app, &admin, "lijst.csv", LIST.as_bytes().to_vec()).await;
    assert!(again.contains("0 nieuw, 0 bijgewerkt, 3 ongewijzigd."));
    let (status, location) = confirm(&app, &admin, &again).await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some("/admin/organisations/import?added=0&updated=0")
    );
    assert_eq!(
        organisation::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        before + 2
    );
    // Only the admin.
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let (status, _) = upload(&app, &coordinator, "lijst.csv", LIST.as_bytes().to_vec()).await;
    assert_eq!(status, 403);
    assert_eq!(confirm(&app, &coordinator, &preview).await.0, 403);
    app.cleanup().await;
}

async fn a_list_with_problems_names_each_row_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let before = organisation::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap();
    let bad = "code,name,kind,province,population\r\n\
44021,Gent,city,Oost-Vlaanderen,265000\r\n\
4402,Fout,city,Limburg,1\r\n\
71022,Hasselt,club,Limburg,80600\r\n\
44021,Gent bis,city,Oost-Vlaanderen,1\r\n";
    let (status, body) = upload(&app, &admin, "fout.csv", bad.as_bytes().to_vec()).await;
    assert_eq!(status, 422);
    let problems = Page::parse(&body).texts("ul.problems li");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].starts_with("rij 3: "), "{problems:?}");
    assert!(problems[1].starts_with("rij 4: "), "{problems:?}");
    assert_eq!(
        problems[2],
        "rij 5: NIS-code 44021 staat er al in als Gent (rij 2)."
    );
    assert!(!Page::parse(&body).has(&format!(
        "form[action=\"{}\"]",
        paths::ORGANISATIONS_IMPORT_CONFIRM
    )));
    let (status, body) = upload(&app, &admin, "leeg.xlsx", b"PK\x03\x04 niet echt".to_vec()).await;
    assert_eq!(status, 422);
    assert_eq!(Page::parse(&body).texts("ul.problems li").len(), 1);
    let (status, body) = upload(&app, &admin, "kolommen.csv", b"naam\r\nGent\r\n".to_vec()).await;
    assert_eq!(status, 422);
    assert!(body.contains("NIS-code"), "the missing columns are named");
    assert_eq!(
        organisation::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        before
    );
    app.cleanup().await;
}

async fn the_exported_list_imports_again_unchanged(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let response = app
        .client
        .get(app.url(paths::ORGANISATIONS_EXPORT.pattern()))
        .header(reqwest::header::COOKIE, &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.bytes().await.unwrap().to_vec();
    let count = organisation::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap() as usize;
    assert_eq!(String::from_utf8_lossy(&csv).lines().count(), count + 1);
    let (status, preview) = upload(&app, &admin, "export.csv", csv).await;
    assert_eq!(status, 200, "{preview}");
    assert!(preview.contains(&format!("0 nieuw, 0 bijgewerkt, {count} ongewijzigd.")));
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        app.get_as(&coordinator, paths::ORGANISATIONS_EXPORT.pattern())
            .await
            .0,
        403
    );
    app.cleanup().await;
}

/// The command line on a fresh SQLite file: `--help`, `organisations import`, `create-user`.
#[tokio::test]
async fn the_command_line_imports_a_list_and_creates_a_user_with_a_link() {
    let dir = std::env::temp_dir().join(format!("qs-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
    let list = dir.join("lijst.csv");
    std::fs::write(&list, LIST).unwrap();
    let run = |args: &[&str]| {
        let output = Command::new(server_binary())
            .args(args)
            .env("DATABASE_URL", &url)
            .env(
                "QUICKSCAN_MODELS_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models"),
            )
            .env("QUICKSCAN_PUBLIC_URL", "https://quickscan.example")
            .env("RUST_LOG", "warn")
            .env_remove("QUICKSCAN_DEMO")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    for help in [
        &["--help"][..],
        &["import", "--help"],
        &["organisations", "import", "--help"],
    ] {
        let (code, out, _) = run(help);
        assert_eq!(code, Some(0), "{help:?}");
        assert!(out.contains("Usage"), "{out}");
    }
    let (code, _, err) = run(&["import", "--nonsense"]);
    assert_eq!(code, Some(2), "{err}");
    let path = list.to_str().unwrap();
    let (code, out, err) = run(&["organisations", "import", path, "--dry-run", "--lang", "nl"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("3 nieuw, 0 bijgewerkt, 0 ongewijzigd."),
        "{out}"
    );
    assert!(out.contains("dry run"));
    let (code, out, err) = run(&["organisations", "import", path]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("3 new"), "{out}");
    let (code, out, _) = run(&["organisations", "import", path]);
    assert_eq!(code, Some(0));
    assert!(out.contains("0 new, 0 updated"), "{out}");
    let bad = dir.join("fout.csv");
    std::fs::write(&bad, "code,name\r\n1,x\r\n").unwrap();
    let (code, _, err) = run(&["organisations", "import", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(err.contains("Kind"), "{err}");

    let (code, out, err) = run(&[
        "create-user",
        "--role",
        "coordinator",
        "nieuw@hasselt.be",
        "--org",
        "71022",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let link = out
        .split_whitespace()
        .find(|w| w.starts_with("https://quickscan.example/account/link/"))
        .expect("the activation link is printed");
    let (code, _, err) = run(&[
        "create-user",
        "--role",
        "coordinator",
        "nieuw@hasselt.be",
        "--org",
        "71022",
    ]);
    assert_eq!(code, Some(1), "the address has an account: {err}");
    let (code, _, err) = run(&[
        "create-user",
        "--role",
        "advisor",
        "ander@hasselt.be",
        "--org",
        "99999",
    ]);
    assert_eq!(code, Some(1), "{err}");
    // The printed link opens the account's activation.
    let db = server::database::connect_and_migrate(&url).await.unwrap();
    let token = link.rsplit('/').next().unwrap();
    let opened = app::auth::links::open(&db, token, chrono::Utc::now())
        .await
        .unwrap()
        .expect("the link opens");
    assert_eq!(opened.email, "nieuw@hasselt.be");
    db.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
