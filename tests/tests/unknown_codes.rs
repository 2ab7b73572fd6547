//! A stored round status, staff role or organisation kind that the application does not
//! know is a storage error on the page that reads it: logged, answered with 500 and the
//! storage message, never read as some default. Runs on both databases.

use app::paths;
use app::scan::ScanError;
use app::staff::StaffError;
use quickscan_domain::Lang;
use quickscan_tests::{on_both_databases, spawn_app, Backend, TestApp};
use sea_orm::ConnectionTrait;

on_both_databases!(
    an_unknown_round_status_is_a_storage_error,
    an_unknown_role_is_a_storage_error,
    an_unknown_organisation_kind_is_a_storage_error,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

async fn raw(app: &TestApp, sql: &str) {
    app.ctx.db.execute_unprepared(sql).await.expect(sql);
}

fn assert_staff_storage_error(what: &str, (status, body): (u16, String)) {
    assert_eq!(status, 500, "{what}");
    assert!(
        body.contains(StaffError::Storage.message(Lang::Nl)),
        "{what} shows the storage message"
    );
}

async fn an_unknown_round_status_is_a_storage_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", PASSWORD).await.expect("login");
    let token = world.tokens[0].clone();
    assert_eq!(app.get(&paths::scan_page(&token, 1)).await.0, 200);
    assert_eq!(
        app.get_as(&admin, &paths::ROUND.with(world.round_a))
            .await
            .0,
        200
    );

    raw(
        &app,
        &format!(
            "UPDATE rounds SET status = 'paused' WHERE id = {}",
            world.round_a
        ),
    )
    .await;
    // Not open (a default "closed" would say 410), not closed: unreadable.
    let (status, page) = app.get(&paths::scan_page(&token, 1)).await;
    assert_eq!(status, 500, "the questionnaire");
    assert!(page.contains(&ScanError::Storage.message(Lang::Nl)));
    assert_staff_storage_error(
        "the round page",
        app.get_as(&admin, &paths::ROUND.with(world.round_a)).await,
    );
    assert_staff_storage_error(
        "the dashboard",
        app.get_as(&admin, paths::DASHBOARD.pattern()).await,
    );
    app.cleanup().await;
}

async fn an_unknown_role_is_a_storage_error(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let cookie = app
        .login("advisor-a@test.be", PASSWORD)
        .await
        .expect("login");
    assert_eq!(app.get_as(&cookie, paths::DASHBOARD.pattern()).await.0, 200);

    raw(
        &app,
        "UPDATE users SET role = 'root' WHERE email = 'advisor-a@test.be'",
    )
    .await;
    // Neither a coordinator (the old default) nor logged out: unreadable.
    assert_staff_storage_error(
        "the dashboard",
        app.get_as(&cookie, paths::DASHBOARD.pattern()).await,
    );
    assert_staff_storage_error(
        "the comparison",
        app.get_as(&cookie, paths::ASSOCIATION.pattern()).await,
    );
    app.cleanup().await;
}

async fn an_unknown_organisation_kind_is_a_storage_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", PASSWORD).await.expect("login");
    // The comparison reads the organisations that have results.
    let year = chrono::Datelike::year(&chrono::Utc::now());
    app.closed_round(world.org_b, "Ronde", year, 5, "3").await;
    let organisation_page = paths::ORGANISATION.with(world.org_b);
    for page in [paths::ASSOCIATION.pattern(), organisation_page.as_str()] {
        assert_eq!(app.get_as(&admin, page).await.0, 200, "{page}");
    }

    raw(
        &app,
        &format!(
            "UPDATE organisations SET kind = 'club' WHERE id = {}",
            world.org_b
        ),
    )
    .await;
    assert_staff_storage_error(
        "the organisation's page",
        app.get_as(&admin, &organisation_page).await,
    );
    // Not a municipality (the old default in benchmarks): unreadable.
    assert_staff_storage_error(
        "the comparison",
        app.get_as(&admin, paths::ASSOCIATION.pattern()).await,
    );
    assert_staff_storage_error(
        "the comparison export",
        app.get_as(&admin, paths::ASSOCIATION_EXPORT_CSV.pattern())
            .await,
    );
    app.cleanup().await;
}
