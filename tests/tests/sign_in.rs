//! Sign-in under pressure: throttling counted atomically per account, per client address and
//! per both; overlong addresses; purging; idle sessions.

use app::auth::throttle::{Counted, WINDOW};
use app::db::{login_throttle, session};
use app::paths;
use chrono::{Duration, Utc};
use quickscan_tests::{on_both_databases, spawn_app, spawn_app_with, Backend, TestApp};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

on_both_databases!(
    six_parallel_guesses_get_five_checks_and_one_refusal,
    a_guesser_elsewhere_does_not_lock_the_real_user_out,
    one_address_cannot_spray_many_accounts,
    overlong_addresses_are_refused_and_old_counters_purged,
    an_idle_session_ends,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;
const FROM: &str = "x-real-ip";

/// The app behind a proxy that names the client in `X-Real-IP`, so a test can play several
/// clients.
async fn behind_proxy(backend: Backend) -> TestApp {
    spawn_app_with(backend, |config| {
        config.client_address_header = Some(axum::http::HeaderName::from_static(FROM));
    })
    .await
}

/// A sign-in from `client`: the `error` the sign-in page is sent back with, or "" on success.
async fn sign_in(app: &TestApp, client: &str, email: &str, password: &str) -> String {
    let response = app
        .client
        .post(app.url(paths::LOGIN.pattern()))
        .header(FROM, client)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("POST /login");
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    location
        .strip_prefix(&format!("{}?error=", paths::LOGIN.pattern()))
        .map(|rest| rest.split('&').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

async fn six_parallel_guesses_get_five_checks_and_one_refusal(backend: Backend) {
    let app = behind_proxy(backend).await;
    app.staff_world().await;
    let limit = Counted::AccountFromAddress.limit() as usize;
    let tries = (0..=limit).map(|_| sign_in(&app, "203.0.113.9", "admin@test.be", "guess"));
    let mut answers = futures::future::join_all(tries).await;
    answers.sort();
    let mut expected = vec!["invalid".to_owned(); limit];
    expected.push("throttled".to_owned());
    expected.sort();
    assert_eq!(answers, expected, "each parallel try got its own count");
    // The right password from the same address is refused too, until the window ends.
    assert_eq!(
        sign_in(&app, "203.0.113.9", "admin@test.be", PASSWORD).await,
        "throttled"
    );
    app.cleanup().await;
}

async fn a_guesser_elsewhere_does_not_lock_the_real_user_out(backend: Backend) {
    let app = behind_proxy(backend).await;
    app.staff_world().await;
    for _ in 0..Counted::AccountFromAddress.limit() + 3 {
        sign_in(&app, "203.0.113.9", "admin@test.be", "guess").await;
    }
    assert_eq!(
        sign_in(&app, "198.51.100.7", "admin@test.be", PASSWORD).await,
        "",
        "the admin signs in from their own address"
    );
    app.cleanup().await;
}

async fn one_address_cannot_spray_many_accounts(backend: Backend) {
    let app = behind_proxy(backend).await;
    app.staff_world().await;
    let limit = Counted::Address.limit();
    // A different (unknown) account each time: the pair limit never bites, the address does.
    for n in 0..limit {
        let answer = sign_in(&app, "203.0.113.9", &format!("user{n}@test.be"), "guess").await;
        assert_eq!(answer, "invalid", "try {n}");
    }
    assert_eq!(
        sign_in(&app, "203.0.113.9", "nobody@test.be", "guess").await,
        "throttled"
    );
    // Elsewhere, the same accounts can still be tried (and the real ones sign in).
    assert_eq!(
        sign_in(&app, "198.51.100.7", "admin@test.be", PASSWORD).await,
        ""
    );
    app.cleanup().await;
}

async fn overlong_addresses_are_refused_and_old_counters_purged(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let db = &app.ctx.db;
    let huge = format!("{}@test.be", "a".repeat(1024 * 1024));
    let (status, location, _) = app
        .post_form(
            paths::LOGIN.pattern(),
            &[("email", &huge), ("password", "x")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location
        .unwrap()
        .starts_with(&format!("{}?error=invalid", paths::LOGIN.pattern())));
    assert_eq!(
        login_throttle::Entity::find().count(db).await.unwrap(),
        0,
        "an overlong address is not counted (nor stored)"
    );
    // A counter whose window ended is purged by the next sign-in.
    login_throttle::ActiveModel {
        counter_key: Set("old".to_owned()),
        window_start: Set((Utc::now() - WINDOW - Duration::minutes(1)).timestamp()),
        attempts: Set(3),
    }
    .insert(db)
    .await
    .unwrap();
    assert!(app.login("admin@test.be", "wrong").await.is_none());
    let keys: Vec<String> = login_throttle::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.counter_key)
        .collect();
    assert_eq!(
        keys.len(),
        3,
        "the pair, the address and the account: {keys:?}"
    );
    assert!(!keys.contains(&"old".to_owned()));
    // No counter holds the address in clear.
    assert!(keys.iter().all(|k| !k.contains('@')));
    app.cleanup().await;
}

async fn an_idle_session_ends(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let db = &app.ctx.db;
    let cookie = app.login("admin@test.be", PASSWORD).await.unwrap();
    assert_eq!(app.get_as(&cookie, paths::DASHBOARD.pattern()).await.0, 200);
    // Ten minutes idle: still signed in, and the request moves `last_seen_at` on.
    let ten_minutes_ago = Utc::now() - Duration::minutes(10);
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(ten_minutes_ago),
        )
        .exec(db)
        .await
        .unwrap();
    assert_eq!(app.get_as(&cookie, paths::DASHBOARD.pattern()).await.0, 200);
    let seen = session::Entity::find().one(db).await.unwrap().unwrap();
    assert!(seen.last_seen_at.unwrap() > ten_minutes_ago + Duration::minutes(5));
    // Past the idle timeout the session is over, though its absolute lifetime is not.
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(
                Utc::now() - app::auth::service::IDLE_TIMEOUT - Duration::minutes(1),
            ),
        )
        .exec(db)
        .await
        .unwrap();
    assert_eq!(app.get_as(&cookie, paths::DASHBOARD.pattern()).await.0, 401);
    // And the next sign-in purges it.
    let _ = app.login("admin@test.be", PASSWORD).await.unwrap();
    let idle = session::Entity::find()
        .filter(session::Column::Id.eq(seen.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(idle, 0);
    app.cleanup().await;
}
