//! Stored aggregates (`round_results`, their `round_summaries`, `benchmarks`) are versioned
//! JSON, and every reader treats a row it cannot read the same way: a corrupt row and an
//! unknown version both fail the page with 500 and the storage message, in the report, its
//! trend, the benchmarks, the comparison and the exports. The migration wraps rows written
//! before the version existed. Runs on both databases.

use app::db::{benchmark, round, round_result, round_summary};
use app::paths;
use app::staff::rounds::close_and_aggregate;
use app::staff::{stored, StaffError};
use chrono::{Datelike, Utc};
use migration::{Migrator, MigratorTrait};
use quickscan_domain::{GroupBenchmark, Lang, OrganisationAggregate};
use quickscan_tests::{on_both_databases, spawn_app, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(
    every_reader_refuses_an_unreadable_row_alike,
    the_migration_wraps_unversioned_rows,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

/// A round of an organisation in a year, closed with results (five respondents, the default
/// threshold) through the app.
async fn closed_round(app: &TestApp, organisation_id: i32, year: i32) -> round::Model {
    let round = open_round(app, organisation_id, year).await;
    app.submit_responses(round.id, 5, None, "2", None).await;
    close_and_aggregate(&app.ctx, &round).await.expect("close");
    round
}

async fn open_round(app: &TestApp, organisation_id: i32, year: i32) -> round::Model {
    app.open_round(organisation_id, &format!("Ronde {year}"), year)
        .await
}

async fn aggregate_text(app: &TestApp, round_id: i32) -> String {
    round_result::Entity::find_by_id(round_id)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("a stored aggregate")
        .aggregate
}

async fn set_aggregate(app: &TestApp, round_id: i32, text: &str) {
    round_result::Entity::update_many()
        .col_expr(round_result::Column::Aggregate, Expr::value(text))
        .filter(round_result::Column::RoundId.eq(round_id))
        .exec(&app.ctx.db)
        .await
        .unwrap();
}

async fn summary_text(app: &TestApp, round_id: i32) -> String {
    round_summary::Entity::find_by_id(round_id)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("a stored summary")
        .summary
}

async fn set_summary(app: &TestApp, round_id: i32, text: &str) {
    round_summary::Entity::update_many()
        .col_expr(round_summary::Column::Summary, Expr::value(text))
        .filter(round_summary::Column::RoundId.eq(round_id))
        .exec(&app.ctx.db)
        .await
        .unwrap();
}

async fn set_figures(app: &TestApp, id: i32, text: &str) {
    benchmark::Entity::update_many()
        .col_expr(benchmark::Column::Figures, Expr::value(text))
        .filter(benchmark::Column::Id.eq(id))
        .exec(&app.ctx.db)
        .await
        .unwrap();
}

/// The two kinds of unreadable row made from a readable one: not JSON, and the same data
/// under a version this build does not know.
fn unreadable_versions_of(text: &str) -> [(&'static str, String); 2] {
    let newer = text.replacen(r#"{"version":1,"#, r#"{"version":2,"#, 1);
    assert_ne!(newer, text, "the stored row is an envelope");
    [
        ("a corrupt row", "{\"not json".to_owned()),
        ("an unknown version", newer),
    ]
}

async fn every_reader_refuses_an_unreadable_row_alike(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", PASSWORD).await.expect("login");
    let year = Utc::now().year();
    // Last year's round is read by this year's trend and the comparison; this year's by its
    // own report, the cohort (benchmarks) and the comparison.
    let old = closed_round(&app, world.org_a, year - 1).await;
    let new = closed_round(&app, world.org_a, year).await;
    let report = paths::ROUND_REPORT.with(new.id);
    let export = paths::ROUND_EXPORT_CSV.with(new.id);
    let pages = [
        report.as_str(),
        export.as_str(),
        paths::ASSOCIATION.pattern(),
        paths::ASSOCIATION_EXPORT_CSV.pattern(),
    ];
    for page in pages {
        assert_eq!(app.get_as(&admin, page).await.0, 200, "{page} before");
    }
    let expect = |page: &str, what: &str, (status, body): (u16, String), fails: bool| {
        if fails {
            assert_eq!(status, 500, "{page} with {what}");
            assert!(
                body.contains(StaffError::Storage.message(Lang::Nl)),
                "{page} with {what} shows the storage message"
            );
        } else {
            assert_eq!(status, 200, "{page} with {what}");
        }
    };

    // Last year's round: its summary is read by this year's report and export (the trend);
    // the comparison decodes only each organisation's latest round with results (this
    // year's), so it never reads it. Its full aggregate is read only by its own report, so
    // none of these pages fails on that.
    let good = summary_text(&app, old.id).await;
    for (what, bad) in unreadable_versions_of(&good) {
        set_summary(&app, old.id, &bad).await;
        for page in pages {
            let fails = !page.starts_with(paths::ASSOCIATION.pattern());
            expect(page, what, app.get_as(&admin, page).await, fails);
        }
        set_summary(&app, old.id, &good).await;
    }
    let good = aggregate_text(&app, old.id).await;
    for (what, bad) in unreadable_versions_of(&good) {
        set_aggregate(&app, old.id, &bad).await;
        for page in pages {
            expect(page, what, app.get_as(&admin, page).await, false);
        }
        set_aggregate(&app, old.id, &good).await;
    }

    // This year's round: its report and export read the full aggregate; the report, the
    // cohort and the comparison read its summary.
    let good = aggregate_text(&app, new.id).await;
    for (what, bad) in unreadable_versions_of(&good) {
        set_aggregate(&app, new.id, &bad).await;
        for page in pages {
            let fails = !page.starts_with(paths::ASSOCIATION.pattern());
            expect(page, what, app.get_as(&admin, page).await, fails);
        }
        set_aggregate(&app, new.id, &good).await;
    }
    let good = summary_text(&app, new.id).await;
    for (what, bad) in unreadable_versions_of(&good) {
        set_summary(&app, new.id, &bad).await;
        for page in pages {
            expect(page, what, app.get_as(&admin, page).await, true);
        }
        set_summary(&app, new.id, &good).await;
    }

    // A stored benchmark: the report and its export read it, the comparison does not; and
    // closing another round of the cohort refuses to build on it (nothing changes).
    let row = benchmark::Entity::find()
        .filter(benchmark::Column::Year.eq(year))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("this year's benchmarks");
    let pending = open_round(&app, world.org_b, year).await;
    app.submit_responses(pending.id, 5, None, "3", None).await;
    for (what, bad) in unreadable_versions_of(&row.figures) {
        set_figures(&app, row.id, &bad).await;
        for page in pages {
            let fails = !page.starts_with(paths::ASSOCIATION.pattern());
            expect(page, what, app.get_as(&admin, page).await, fails);
        }
        assert_eq!(
            close_and_aggregate(&app.ctx, &pending).await,
            Err(StaffError::Storage),
            "closing on {what}"
        );
        let still = round::Entity::find_by_id(pending.id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        assert!(still.is_open(), "the close was rolled back");
        set_figures(&app, row.id, &row.figures).await;
    }
    for page in pages {
        assert_eq!(app.get_as(&admin, page).await.0, 200, "{page} after");
    }
    app.cleanup().await;
}

async fn the_migration_wraps_unversioned_rows(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let year = Utc::now().year();
    let closed = closed_round(&app, world.org_a, year).await;
    let aggregate: OrganisationAggregate =
        stored::decode(&aggregate_text(&app, closed.id).await).unwrap();
    let benchmarks: Vec<(i32, GroupBenchmark)> = benchmark::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| (b.id, stored::decode(&b.figures).unwrap()))
        .collect();
    assert!(!benchmarks.is_empty());
    // Back to before the version: rows are bare JSON again, as the old code wrote them. (Later
    // migrations are undone first.)
    let migrations = Migrator::migrations();
    let versioned = migrations
        .iter()
        .position(|m| m.name() == "m20261201_000005_stored_versions")
        .expect("the stored-versions migration");
    let steps = u32::try_from(migrations.len() - versioned).unwrap();
    Migrator::down(&app.ctx.db, Some(steps)).await.unwrap();
    let bare = aggregate_text(&app, closed.id).await;
    assert_eq!(
        serde_json::from_str::<OrganisationAggregate>(&bare).unwrap(),
        aggregate
    );
    assert!(stored::decode::<OrganisationAggregate>(&bare).is_err());
    // A row the old code wrote while the version was not there yet.
    let legacy = open_round(&app, world.org_b, year).await;
    round_result::ActiveModel {
        round_id: Set(legacy.id),
        aggregate: Set(serde_json::to_string(&aggregate).unwrap()),
        computed_at: Set(Utc::now()),
    }
    .insert(&app.ctx.db)
    .await
    .unwrap();
    Migrator::up(&app.ctx.db, None).await.unwrap();
    for round_id in [closed.id, legacy.id] {
        let text = aggregate_text(&app, round_id).await;
        assert_eq!(
            stored::decode::<OrganisationAggregate>(&text).unwrap(),
            aggregate
        );
    }
    for (id, figures) in benchmarks {
        let row = benchmark::Entity::find_by_id(id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored::decode::<GroupBenchmark>(&row.figures).unwrap(),
            figures
        );
    }
    app.cleanup().await;
}
