//! Invitations that staff never hold: personal tokens are stored only hashed and appear on no
//! staff page, export or server-function payload; the open link gives each start a fresh
//! personal link, up to its cap, and nothing once the round closed; the welcome pages state
//! the promise. Runs on both databases.

use std::io::Cursor;

use app::db::{invitation, open_link};
use app::paths;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use leptos::server_fn::ServerFn;
use migration::MigratorTrait;
use quickscan_domain::{AnonymityThreshold, RespondentGroup};
use quickscan_tests::{on_both_databases, spawn_app, spawn_app_with, Backend, Page, TestApp};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder};

on_both_databases!(
    no_staff_page_export_or_payload_holds_a_personal_token,
    tokens_are_stored_only_as_their_hash,
    the_migration_hashes_existing_tokens_and_their_links_keep_working,
    the_open_link_starts_a_fresh_response_each_time,
    the_cap_refuses_the_response_past_it,
    a_closed_round_refuses_the_open_link,
    the_welcome_pages_state_the_promise,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

/// Answers the first dimension of a token's scan (every statement at level 2); submits if asked.
async fn answer(app: &TestApp, token: &str, submit: bool) {
    let form: Vec<(String, String)> = app.ctx.models.current().dimensions[0]
        .statements
        .iter()
        .map(|s| (format!("answer:{}", s.id), "2".to_owned()))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, _, _) = app.post_form(&paths::scan_page(token, 1), &form).await;
    assert_eq!(status, 303);
    if submit {
        let (status, _, _) = app.post_form(&paths::scan_page(token, "review"), &[]).await;
        assert_eq!(status, 303);
    }
}

/// Everything a response carries, as text: the body, or an xlsx's cells.
async fn fetch(
    app: &TestApp,
    cookie: &str,
    method: &str,
    path: &str,
    form: &[(&str, String)],
) -> String {
    let request = match method {
        "GET" => app.client.get(app.url(path)),
        _ => app.client.post(app.url(path)).form(form),
    };
    let response = request.header("Cookie", cookie).send().await.unwrap();
    let xlsx = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("spreadsheetml"));
    let bytes = response.bytes().await.unwrap().to_vec();
    if !xlsx {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx");
    let mut texts = Vec::new();
    for name in workbook.sheet_names().to_owned() {
        let range = workbook.worksheet_range(&name).unwrap();
        for cell in range.rows().flatten() {
            if let Data::String(text) = cell {
                texts.push(text.clone());
            }
        }
    }
    texts.join("\n")
}

async fn no_staff_page_export_or_payload_holds_a_personal_token(backend: Backend) {
    use app::staff::api::*;
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    // Personal tokens made both ways: as the e-mail makes them, and through the open link.
    let mut tokens = world.tokens.clone();
    tokens.push(
        app.issue_invitation(world.round_a, Some(RespondentGroup::Staff))
            .await,
    );
    let slug = app.create_open_link(&coordinator, world.round_a, 50).await;
    for group in ["mandatary", "management", "staff", ""] {
        tokens.push(app.start_through_open_link(&slug, group).await.unwrap());
    }
    // Some submitted, one only started: every state a coordinator might want to look into.
    for token in &tokens[..5] {
        answer(&app, token, true).await;
    }
    answer(&app, &tokens[5], false).await;
    let hashes: Vec<String> = invitation::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.token_hash)
        .collect();

    let round = world.round_a.to_string();
    let gets = [
        paths::DASHBOARD.pattern().to_owned(),
        paths::ROUND.with(world.round_a),
        paths::ROUND_REPORT.with(world.round_a),
        paths::ROUND_OPEN_LINK_SHEET.with(world.round_a),
        paths::ROUND_EXPORT_CSV.with(world.round_a),
        paths::ROUND_EXPORT_XLSX.with(world.round_a),
        paths::ASSOCIATION.pattern().to_owned(),
        paths::ASSOCIATION_EXPORT_CSV.pattern().to_owned(),
        paths::ASSOCIATION_EXPORT_XLSX.pattern().to_owned(),
        paths::IMPORT.pattern().to_owned(),
        paths::PEER_GROUPS.pattern().to_owned(),
    ];
    let server_fns: [(&str, Vec<(&str, String)>); 5] = [
        (<GetDashboard as ServerFn>::PATH, vec![]),
        (
            <GetRound as ServerFn>::PATH,
            vec![("round_id", round.clone())],
        ),
        (
            <GetReport as ServerFn>::PATH,
            vec![("round_id", round.clone()), ("lang", "nl".to_owned())],
        ),
        (
            <GetOpenLinkSheet as ServerFn>::PATH,
            vec![("round_id", round.clone())],
        ),
        (<GetComparison as ServerFn>::PATH, vec![]),
    ];
    // Before and after closing: a closed round's pages show no more than an open one's.
    for closed in [false, true] {
        if closed {
            let csrf = app.csrf_token(&coordinator).await;
            let (status, _, _) = app
                .post_as(
                    &coordinator,
                    &paths::ROUND_CLOSE.with(world.round_a),
                    &[("csrf", &csrf)],
                )
                .await;
            assert_eq!(status, 303);
        }
        for email in [
            "coordinator-a@test.be",
            "advisor-a@test.be",
            "admin@test.be",
        ] {
            let cookie = app.login(email, PASSWORD).await.unwrap();
            let mut seen = Vec::new();
            for path in &gets {
                seen.push((path.clone(), fetch(&app, &cookie, "GET", path, &[]).await));
            }
            for (path, form) in &server_fns {
                seen.push((
                    path.to_string(),
                    fetch(&app, &cookie, "POST", path, form).await,
                ));
            }
            let (_, round_page) = &seen[1];
            assert!(
                round_page.contains(&slug),
                "{email}: the open link is shown, it is shared"
            );
            for (path, body) in &seen {
                for token in &tokens {
                    assert!(
                        !body.contains(token.as_str()),
                        "{email} (closed: {closed}): {path} holds a personal token"
                    );
                }
                for hash in &hashes {
                    assert!(
                        !body.contains(hash.as_str()),
                        "{email}: {path} holds a token hash"
                    );
                }
            }
        }
    }
    // The respondents themselves still reach their own links.
    assert_eq!(app.get(&paths::SCAN.with(&tokens[0])).await.0, 200);
    app.cleanup().await;
}

async fn tokens_are_stored_only_as_their_hash(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let slug = app.create_open_link(&coordinator, world.round_a, 5).await;
    let mut tokens = world.tokens.clone();
    tokens.push(app.start_through_open_link(&slug, "staff").await.unwrap());
    for token in &tokens {
        // At least 128 bits: 26 characters out of 62.
        assert!(
            token.len() >= 22 && token.chars().all(|c| c.is_ascii_alphanumeric()),
            "{token}"
        );
    }
    let rows = invitation::Entity::find()
        .order_by_asc(invitation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), tokens.len());
    let dump = format!("{rows:?}");
    for token in &tokens {
        assert!(
            !dump.contains(token.as_str()),
            "the raw token is not stored"
        );
        assert!(
            rows.iter()
                .any(|r| r.token_hash == invitation::hash_token(token)),
            "its hash is"
        );
    }
    // The same through a plain SELECT of every column, not only the entity's view of them.
    let raw = app
        .ctx
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.ctx.db.get_database_backend(),
            "SELECT * FROM invitations",
        ))
        .await
        .unwrap();
    let raw = format!("{raw:?}");
    for token in &tokens {
        assert!(!raw.contains(token.as_str()));
    }
    // A hash is no key: it opens nothing.
    let (status, _) = app
        .get(&paths::SCAN.with(invitation::hash_token(&tokens[0])))
        .await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn the_migration_hashes_existing_tokens_and_their_links_keep_working(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let db = &app.ctx.db;
    // Back to the schema before hashing, where a link's token was stored as it is.
    // (Down through every migration since the hashing one, which is no longer the last.)
    let migrations = migration::Migrator::migrations();
    let hashing = migrations
        .iter()
        .position(|m| m.name() == "m20261201_000006_hashed_invitation_tokens")
        .expect("the hashing migration");
    let since = u32::try_from(migrations.len() - hashing).unwrap();
    migration::Migrator::down(db, Some(since)).await.unwrap();
    let old_token = "OldStyleToken0123456789abc";
    db.execute_unprepared(&format!(
        "UPDATE invitations SET token = '{old_token}' WHERE id = (SELECT MIN(id) FROM invitations)"
    ))
    .await
    .unwrap();
    migration::Migrator::up(db, None).await.unwrap();
    let stored = invitation::Entity::find()
        .order_by_asc(invitation::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.token_hash, invitation::hash_token(old_token));
    let (status, welcome) = app.get(&paths::SCAN.with(old_token)).await;
    assert_eq!(status, 200, "the old link still opens");
    assert!(welcome.contains(&format!("/s/{old_token}/1")));
    // Links issued before the round trip were hashed once, not twice.
    let (status, _) = app.get(&paths::SCAN.with(&world.tokens[1])).await;
    assert_eq!(status, 200);
    app.cleanup().await;
}

async fn the_open_link_starts_a_fresh_response_each_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let slug = app.create_open_link(&coordinator, world.round_a, 10).await;
    let (status, page) = app.get(&paths::OPEN_LINK.with(&slug)).await;
    assert_eq!(status, 200);
    let parsed = Page::parse(&page);
    assert_eq!(
        parsed.attrs("form[method=post]", "action"),
        [paths::OPEN_LINK.with(&slug)],
        "one start button, posting to the open link"
    );
    let before = invitation::Entity::find().count(&app.ctx.db).await.unwrap();
    let first = app
        .start_through_open_link(&slug, "mandatary")
        .await
        .unwrap();
    let second = app.start_through_open_link(&slug, "").await.unwrap();
    assert_ne!(first, second, "each start is a new personal link");
    assert_eq!(
        invitation::Entity::find().count(&app.ctx.db).await.unwrap(),
        before + 2
    );
    let newest = invitation::Entity::find()
        .order_by_desc(invitation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    assert_eq!(newest[0].respondent_group, None);
    assert_eq!(newest[1].respondent_group.as_deref(), Some("mandatary"));
    // The respondent is shown their own link to keep, and only there.
    let (status, welcome) = app.get(&paths::SCAN.with(&first)).await;
    assert_eq!(status, 200);
    assert!(
        welcome.contains(&app.url(&paths::SCAN.with(&first))),
        "{welcome}"
    );
    assert!(welcome.contains("bewaar hem om later verder te gaan"));
    // Answers saved through one link are not in the other.
    answer(&app, &first, false).await;
    let (_, other) = app.get(&paths::scan_page(&second, 1)).await;
    assert!(!Page::parse(&other)
        .attrs("input[checked]", "value")
        .contains(&"2".to_owned()));
    // An unknown group is refused and starts nothing.
    let (status, _, _) = app
        .post_form(&paths::OPEN_LINK.with(&slug), &[("group", "directors")])
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        invitation::Entity::find().count(&app.ctx.db).await.unwrap(),
        before + 2
    );
    // An unknown open link says so.
    assert_eq!(app.get(&paths::OPEN_LINK.with("NoSuchLink")).await.0, 404);
    assert!(app.start_through_open_link("NoSuchLink", "").await.is_err());
    app.cleanup().await;
}

async fn the_cap_refuses_the_response_past_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let slug = app.create_open_link(&coordinator, world.round_a, 2).await;
    app.start_through_open_link(&slug, "").await.unwrap();
    app.start_through_open_link(&slug, "").await.unwrap();
    let before = invitation::Entity::find().count(&app.ctx.db).await.unwrap();
    let refused = app.start_through_open_link(&slug, "").await;
    assert_eq!(refused, Err((303, Some(paths::OPEN_LINK.with(&slug)))));
    assert_eq!(
        invitation::Entity::find().count(&app.ctx.db).await.unwrap(),
        before
    );
    let (status, page) = app.get(&paths::OPEN_LINK.with(&slug)).await;
    assert_eq!(status, 409);
    assert!(
        page.contains("zoveel vragenlijsten gestart als de coördinator toeliet"),
        "{page}"
    );
    assert!(
        Page::parse(&page)
            .attrs("form[method=post]", "action")
            .is_empty(),
        "no start button"
    );
    let stored = open_link::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.responses, stored.response_cap), (2, 2));
    // The round page says how much of the cap is used; raising it lets the next one in.
    let (_, round_page) = app
        .get_as(&coordinator, &paths::ROUND.with(world.round_a))
        .await;
    assert!(round_page.contains("2 van 2 vragenlijsten gestart via deze link."));
    app.create_open_link(&coordinator, world.round_a, 3).await;
    assert!(app.start_through_open_link(&slug, "").await.is_ok());
    assert!(app.start_through_open_link(&slug, "").await.is_err());
    app.cleanup().await;
}

async fn a_closed_round_refuses_the_open_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let slug = app.create_open_link(&coordinator, world.round_a, 10).await;
    let started = app.start_through_open_link(&slug, "").await.unwrap();
    let csrf = app.csrf_token(&coordinator).await;
    let (status, _, _) = app
        .post_as(
            &coordinator,
            &paths::ROUND_CLOSE.with(world.round_a),
            &[("csrf", &csrf), ("confirm_without_results", "1")],
        )
        .await;
    assert_eq!(status, 303);
    let before = invitation::Entity::find().count(&app.ctx.db).await.unwrap();
    let refused = app.start_through_open_link(&slug, "").await;
    assert_eq!(refused, Err((303, Some(paths::OPEN_LINK.with(&slug)))));
    assert_eq!(
        invitation::Entity::find().count(&app.ctx.db).await.unwrap(),
        before
    );
    let (status, page) = app.get(&paths::OPEN_LINK.with(&slug)).await;
    assert_eq!(status, 410);
    assert!(page.contains("Deze bevraging is afgesloten"), "{page}");
    // The cap cannot be changed on a closed round either.
    let (status, _, _) = app
        .post_as(
            &coordinator,
            &paths::ROUND_OPEN_LINK.with(world.round_a),
            &[("csrf", &csrf), ("cap", "20")],
        )
        .await;
    assert_eq!(status, 409);
    // A link started before closing shows the closed page, not its answers.
    assert_eq!(app.get(&paths::SCAN.with(&started)).await.0, 410);
    app.cleanup().await;
}

async fn the_welcome_pages_state_the_promise(backend: Backend) {
    let app = spawn_app_with(backend, |config| {
        config.min_respondents = AnonymityThreshold::new(7).unwrap();
    })
    .await;
    let world = app.staff_world().await;
    let coordinator = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let slug = app.create_open_link(&coordinator, world.round_a, 10).await;
    let (_, personal) = app.get(&paths::SCAN.with(&world.tokens[0])).await;
    let (_, open) = app.get(&paths::OPEN_LINK.with(&slug)).await;
    for page in [personal, open] {
        let promise = Page::parse(&page).texts("section.promise li");
        assert_eq!(promise.len(), 3, "{page}");
        assert!(promise[0].contains("kan zien wat u hebt geantwoord"));
        assert!(promise[1].contains("minstens 7 deelnemers"), "{promise:?}");
        assert!(promise[2].contains("ziet uw persoonlijke link nooit"));
    }
    app.cleanup().await;
}
