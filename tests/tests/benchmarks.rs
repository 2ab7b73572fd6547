//! Benchmarks through the real application: groups below the anonymity threshold never
//! show, closing a round updates its groups, and the stored (incremental) figures equal a
//! full recomputation. Runs on both databases.

use app::auth::service::{create_user, NewUser};
use app::auth::Role;
use app::db::{benchmark, organisation, peer_group, round};
use app::paths;
use app::staff::api::GetReport;
use app::staff::benchmarks::load_cohort;
use app::staff::rounds::close_and_aggregate;
use chrono::{Datelike, Utc};
use leptos::server_fn::ServerFn;
use quickscan_domain::{full_recompute, AnonymityThreshold, GroupBenchmark};
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TestApp};
use sea_orm::{EntityTrait, QueryOrder};

on_both_databases!(
    groups_below_the_threshold_never_show_and_appear_when_large_enough,
    stored_benchmarks_equal_a_full_recomputation,
    an_admin_defined_group_is_benchmarked,
);

/// Respondents per round in these stories: the default respondent threshold.
const RESPONDENTS: usize = 5;

/// Opens, answers (every statement at `level`, by [`RESPONDENTS`] people) and closes a round
/// for an organisation.
async fn closed_round_for(app: &TestApp, organisation_id: i32, level: &str) -> round::Model {
    let model = app.ctx.models.current();
    let now = Utc::now();
    let round = app
        .open_round(organisation_id, "Benchmark", now.year())
        .await;
    // As many respondents as results need (the default threshold), so the round has results.
    for _ in 0..RESPONDENTS {
        let token = app.issue_invitation(round.id, None).await;
        for (step, dimension) in (1..).zip(&model.dimensions) {
            let fields: Vec<String> = dimension
                .statements
                .iter()
                .map(|s| format!("answer:{}", s.id))
                .collect();
            let form: Vec<(&str, &str)> = fields.iter().map(|f| (f.as_str(), level)).collect();
            assert_eq!(
                app.post_form(&paths::scan_page(&token, step), &form)
                    .await
                    .0,
                303
            );
        }
        assert_eq!(
            app.post_form(&paths::scan_page(&token, "review"), &[])
                .await
                .0,
            303
        );
    }
    close_and_aggregate(&app.ctx, &round).await.unwrap();
    round
}

async fn admin_cookie(app: &TestApp) -> String {
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
    app.login("admin@test.be", "a-long-test-password")
        .await
        .unwrap()
}

async fn report_json(app: &TestApp, cookie: &str, round_id: i32) -> String {
    app.client
        .post(app.url(<GetReport as ServerFn>::PATH))
        .header("Cookie", cookie)
        .form(&[
            ("round_id", round_id.to_string()),
            ("lang", "nl".to_owned()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn groups_below_the_threshold_never_show_and_appear_when_large_enough(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_open_round().await;
    let cookie = admin_cookie(&app).await;
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    let levels = ["1", "2", "3", "4"];
    let mut first = None;
    for (organisation, level) in organisations.iter().zip(levels) {
        let round = closed_round_for(&app, organisation.id, level).await;
        first.get_or_insert(round);
    }
    let first = first.unwrap();
    // Four organisations: every group is below the default threshold of five.
    let (status, page) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(first.id))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Vergelijking met andere besturen"));
    assert!(
        !page.contains("1e kwartiel"),
        "no figures of a hidden group"
    );
    assert!(page.contains("benchmark-hidden"));
    assert!(
        !page.contains("mediaan van alle besturen"),
        "no peer line on the radar"
    );
    let json = report_json(&app, &cookie, first.id).await;
    assert!(
        !json.contains("\"values\""),
        "member values never leave the server"
    );
    assert!(
        !json.contains("\"organisations\":4"),
        "a hidden group's size is not revealed"
    );
    let (_, csv) = app
        .get_as(&cookie, &paths::ROUND_EXPORT_CSV.with(first.id))
        .await;
    assert!(
        csv.contains("1e kwartiel"),
        "the export has a peer-group table"
    );
    assert!(
        !csv.lines()
            .any(|l| l.starts_with("alle besturen,") && l.contains(",4,")),
        "a hidden group's figures are not exported: {csv}"
    );

    // A fifth organisation closes: "all organisations" now has five and is shown for the
    // first one too, although its own round did not change.
    closed_round_for(&app, organisations[4].id, "2").await;
    let (_, page) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(first.id))
        .await;
    assert!(page.contains("alle besturen (5 besturen)"), "{page}");
    assert!(page.contains("1e kwartiel"));
    assert!(page.contains("mediaan van alle besturen"));
    // Means 1, 2, 3, 4, 2: the first (1.0) is the lowest: mid-rank (0 + 0.5) / 5 = 10 %.
    assert!(
        Page::parse(&page)
            .texts("td.number")
            .contains(&"10 %".to_owned()),
        "{page}"
    );
    let (_, csv) = app
        .get_as(&cookie, &paths::ROUND_EXPORT_CSV.with(first.id))
        .await;
    assert!(
        csv.lines()
            .any(|l| l.starts_with("alle besturen,") && l.contains(",5,")),
        "a shown group's figures are exported: {csv}"
    );
    let json = report_json(&app, &cookie, first.id).await;
    assert!(!json.contains("\"values\""));
    app.cleanup().await;
}

async fn stored_benchmarks_equal_a_full_recomputation(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_open_round().await;
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    for (index, organisation) in organisations.iter().take(12).enumerate() {
        closed_round_for(&app, organisation.id, ["0", "1", "2", "3", "4"][index % 5]).await;
    }
    let model = app.ctx.models.current();
    let year = Utc::now().year();
    let cohort = load_cohort(&app.ctx.db, &model.id, year).await.unwrap();
    let full = full_recompute(
        &cohort.organisations,
        &cohort.entries,
        model.dimensions.len(),
        AnonymityThreshold::DEFAULT,
    );
    let stored = benchmark::Entity::find().all(&app.ctx.db).await.unwrap();
    assert!(!stored.is_empty());
    let mut shown = 0;
    for row in stored {
        let figures: GroupBenchmark = app::staff::stored::decode(&row.figures).unwrap();
        assert_eq!(
            Some(&figures),
            full.get(&row.group_key),
            "group {}",
            row.group_key
        );
        shown += usize::from(matches!(figures, GroupBenchmark::Shown(_)));
    }
    assert!(
        shown >= 1,
        "with twelve organisations at least 'all' is shown"
    );
    app.cleanup().await;
}

async fn an_admin_defined_group_is_benchmarked(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_open_round().await;
    let cookie = admin_cookie(&app).await;
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    let mut first = None;
    for organisation in organisations.iter().take(5) {
        let round = closed_round_for(&app, organisation.id, "2").await;
        first.get_or_insert(round);
    }
    let csrf = app.csrf_token(&cookie).await;
    let (status, _, _) = app
        .post_as(
            &cookie,
            paths::PEER_GROUPS.pattern(),
            &[("csrf", csrf.as_str()), ("name", "Centrumsteden")],
        )
        .await;
    assert_eq!(status, 303);
    let group = peer_group::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<String> = organisations
        .iter()
        .take(5)
        .map(|o| o.id.to_string())
        .collect();
    let mut form: Vec<(&str, &str)> = ids.iter().map(|id| ("organisation", id.as_str())).collect();
    form.push(("csrf", csrf.as_str()));
    let (status, _, _) = app
        .post_as(&cookie, &paths::PEER_GROUP_MEMBERS.with(group.id), &form)
        .await;
    assert_eq!(status, 303);
    let (_, page) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(first.unwrap().id))
        .await;
    assert!(page.contains("Centrumsteden (5 besturen)"), "{page}");
    // Only the admin defines groups.
    let (status, _) = app
        .get_as("qs_session=none", paths::PEER_GROUPS.pattern())
        .await;
    assert_eq!(status, 401);
    let (status, _, _) = app
        .post_as(
            "qs_session=none",
            paths::PEER_GROUPS.pattern(),
            &[("name", "X")],
        )
        .await;
    assert_eq!(status, 303, "anonymous posts are sent to the login");
    assert_eq!(
        peer_group::Entity::find()
            .all(&app.ctx.db)
            .await
            .unwrap()
            .len(),
        1
    );
    app.cleanup().await;
}
