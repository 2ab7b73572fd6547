//! The demo shows every feature with content: breakdowns per respondent group at the default
//! threshold, a little-known dimension, a round that closed without results, an open round
//! waiting for responses, its open group link, and action plans: Geel's latest report follows
//! up the plan of its first round, and the association's overview of plans is shown.

use app::db::round;
use chrono::Datelike;
use quickscan_tests::{spawn_app, Backend, Page};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::demo::{demo_open_link, seed_full_demo, DEMO_ROUND, DEMO_USERS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_shows_every_state_at_the_default_threshold() {
    let app = spawn_app(Backend::Sqlite).await;
    assert!(seed_full_demo(&app.ctx).await.expect("the demo seeds"));
    let db = &app.ctx.db;
    let (_, coordinator, coordinator_password) = DEMO_USERS
        .iter()
        .map(|(role, email, _, password)| (*role, *email, *password))
        .find(|(role, _, _)| *role == app::auth::Role::Coordinator)
        .unwrap();
    let cookie = app.login(coordinator, coordinator_password).await.unwrap();

    // A closed Geel round: organisation figures and all three groups.
    let closed = round::Entity::find()
        .filter(round::is_closed())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (status, report) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(closed.id))
        .await;
    assert_eq!(status, 200);
    let report = Page::parse(&report);
    assert_eq!(
        report
            .texts("table[aria-labelledby=groups-heading] thead th.number")
            .len(),
        3,
        "every respondent group is broken down"
    );
    // Geel's latest closed round: reporting is little known.
    let latest = round::Entity::find()
        .filter(round::is_closed())
        .filter(round::Column::OrganisationId.eq(closed.organisation_id))
        .filter(round::Column::Year.eq(chrono::Utc::now().year() - 1))
        .one(db)
        .await
        .unwrap()
        .expect("Geel's round of last year");
    let (_, latest_report) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(latest.id))
        .await;
    let reporting = app.ctx.models.current().dimension("reporting").unwrap();
    let little_known = Page::parse(&latest_report).texts("ul.mostly-unknown li");
    assert_eq!(little_known.len(), 1, "{little_known:?}");
    assert!(
        little_known[0].starts_with(&reporting.name.nl),
        "{little_known:?}"
    );

    // Its report follows up the plan of Geel's first round: something done, something
    // overdue, something dropped, and the advisor's comment on that plan.
    let follow_up = Page::parse(&latest_report);
    assert!(
        follow_up.has("section.follow-up"),
        "the plan is followed up"
    );
    assert_eq!(follow_up.texts(".overdue-actions li").len(), 1);
    assert_eq!(follow_up.texts(".dropped-actions li").len(), 1);
    assert!(
        follow_up
            .texts(".follow-up-table td")
            .iter()
            .any(|cell| cell.starts_with("1 van")),
        "one action done"
    );
    let (status, plan) = app.get_as(&cookie, &app::paths::PLAN.with(closed.id)).await;
    assert_eq!(status, 200);
    let plan = Page::parse(&plan);
    assert_eq!(plan.texts("table.plan-actions tbody tr").len(), 5);
    assert_eq!(plan.texts(".plan-comments li").len(), 1);

    // The open demo round: responses so far, and how many more results need.
    let open = round::Entity::find()
        .filter(round::Column::Name.eq(DEMO_ROUND))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (_, round_page) = app.get_as(&cookie, &app::paths::ROUND.with(open.id)).await;
    assert!(
        round_page.contains("Nog 3 antwoorden nodig voor resultaten"),
        "{round_page}"
    );
    // Its open group link starts a response.
    let slug = demo_open_link(db)
        .await
        .unwrap()
        .expect("the demo has an open link");
    let token = app.start_through_open_link(&slug, "staff").await.unwrap();
    assert_eq!(app.get(&app::paths::SCAN.with(&token)).await.0, 200);

    // Mechelen's short round closed below the threshold: said as such to the admin.
    let admin = app.login(DEMO_USERS[0].1, DEMO_USERS[0].3).await.unwrap();
    let short = round::Entity::find()
        .filter(round::Column::Name.starts_with("Korte bevraging"))
        .one(db)
        .await
        .unwrap()
        .expect("a round below the threshold");
    let (_, page) = app.get_as(&admin, &app::paths::ROUND.with(short.id)).await;
    assert!(
        page.contains("Afgesloten zonder resultaten: minder dan 5 respondenten."),
        "{page}"
    );
    // Six organisations have a plan: the overview of plans is shown at the threshold of five.
    let (_, overview) = app.get_as(&admin, app::paths::SECTOR_PLANS.pattern()).await;
    let overview = Page::parse(&overview);
    assert!(overview.has("table.sector-plans-table"), "shown");
    assert!(!overview.texts("table.most-adopted tbody tr").is_empty());
    app.cleanup().await;
}
