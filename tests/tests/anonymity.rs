//! Each way a coordinator could read one person's answers from the figures, tried and shown
//! to yield nothing: refreshing an open round's report, the organisation minus a group, a
//! round of one or four respondents, comments below the threshold, two peer groups one
//! member apart, and a threshold raised after results were stored. Runs on both databases.

use std::io::Cursor;

use app::db::{benchmark, organisation, peer_group, peer_group_member, round, round_result};
use app::staff::api::GetReport;
use app::staff::benchmarks::load_cohort;
use app::staff::rounds::{close_and_aggregate, reapply_thresholds};
use app::staff::StaffError;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{Datelike, Utc};
use leptos::server_fn::ServerFn;
use quickscan_domain::{AnonymityThreshold, Lang, OrganisationAggregate};
use quickscan_tests::{on_both_databases, spawn_app, spawn_app_with, Backend, Page, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

on_both_databases!(
    refreshing_an_open_rounds_report_shows_no_figures,
    the_organisation_minus_a_group_isolates_nobody,
    rounds_of_one_and_four_respondents_have_no_figures_anywhere,
    comments_are_exported_only_once_a_round_has_results,
    peer_groups_one_member_apart_are_refused,
    a_raised_threshold_hides_stored_results_at_start_up,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

/// An open round of `organisation_id` this year, opened a day ago.
async fn open_round(app: &TestApp, organisation_id: i32, name: &str) -> round::Model {
    app.open_round(organisation_id, name, Utc::now().year())
        .await
}

/// The report's server function answer, as JSON.
async fn report_json(app: &TestApp, cookie: &str, round_id: i32) -> Value {
    let response = app
        .client
        .post(app.url(<GetReport as ServerFn>::PATH))
        .header("Cookie", cookie)
        .form(&[("round_id", round_id.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    serde_json::from_str(&response.text().await.unwrap()).expect("the report as JSON")
}

/// The server function's answer carries no figure: no aggregate, chart, benchmark or trend.
fn assert_no_figures_in(json: &Value) {
    assert_eq!(json["aggregate"], Value::Null, "{json}");
    assert_eq!(json["radar_svg"], Value::Null);
    assert_eq!(json["bar_svg"], Value::Null);
    assert_eq!(json["trend_svg"], Value::Null);
    assert_eq!(json["benchmarks"], Value::Array(Vec::new()));
    assert_eq!(json["trend"], Value::Array(Vec::new()));
    assert_eq!(json["rank_sentences"], Value::Array(Vec::new()));
    assert_eq!(json["pillars"], Value::Array(Vec::new()));
    let text = json.to_string();
    for key in [
        "\"mean\"",
        "\"median\"",
        "\"std_dev\"",
        "\"overall\"",
        "\"advice\":{",
        "\"dont_know_share\"",
    ] {
        assert!(!text.contains(key), "{key} in {text}");
    }
}

/// The report page shows no figure: no chart, no figures table.
fn assert_no_figures_on(page: &str) {
    assert_eq!(page.matches("<svg").count(), 0, "no chart");
    let parsed = Page::parse(page);
    assert!(parsed.texts("table").is_empty(), "no table of figures");
}

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

/// Every cell of every sheet: numbers and texts.
fn xlsx_cells(bytes: Vec<u8>) -> (Vec<f64>, Vec<String>) {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the xlsx");
    let (mut numbers, mut texts) = (Vec::new(), Vec::new());
    for name in workbook.sheet_names().to_owned() {
        for row in workbook.worksheet_range(&name).unwrap().rows() {
            for cell in row {
                match cell {
                    Data::String(text) => texts.push(text.clone()),
                    Data::Float(n) => numbers.push(*n),
                    Data::Int(n) => numbers.push(*n as f64),
                    _ => {}
                }
            }
        }
    }
    (numbers, texts)
}

async fn close_as(
    app: &TestApp,
    cookie: &str,
    round_id: i32,
    confirm: bool,
) -> (u16, Option<String>, String) {
    let csrf = app.csrf_token(cookie).await;
    let mut form = vec![("csrf", csrf.as_str())];
    if confirm {
        form.push(("confirm_without_results", "1"));
    }
    app.post_as(cookie, &app::paths::ROUND_CLOSE.with(round_id), &form)
        .await
}

async fn refreshing_an_open_rounds_report_shows_no_figures(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let round = world.round_a;
    let path = app::paths::ROUND_REPORT.with(round);
    // The attack: read the report, let one more person submit, read again, subtract.
    let mut seen = Vec::new();
    for (submitted, needed) in [
        (4, "Nog 1 antwoord nodig"),
        (1, "Er zijn genoeg antwoorden"),
    ] {
        app.submit_responses(round, submitted, Some("staff"), "3", None)
            .await;
        for _refresh in 0..2 {
            let (status, page) = app.get_as(&cookie, &path).await;
            assert_eq!(status, 200);
            assert!(page.contains(needed), "{page}");
            assert_no_figures_on(&page);
            let json = report_json(&app, &cookie, round).await;
            assert_no_figures_in(&json);
            seen.push(json["round"]["submitted"].clone());
        }
    }
    assert_eq!(seen, [4, 4, 5, 5].map(Value::from), "counts only");
    assert_eq!(
        round_result::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );
    app.cleanup().await;
}

async fn the_organisation_minus_a_group_isolates_nobody(backend: Backend) {
    // At the lowest threshold, 3 staff and 1 mandatary: the organisation's figures are shown
    // (4 respondents), the staff's would give the mandatary as 4·m_org − 3·m_staff.
    let app = spawn_app_with(backend, |config| {
        config.min_respondents = AnonymityThreshold::MINIMUM;
    })
    .await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let round = open_round(&app, world.org_a, "Drie plus één").await;
    app.submit_responses(round.id, 3, Some("staff"), "1", None)
        .await;
    app.submit_responses(round.id, 1, Some("mandatary"), "4", None)
        .await;
    let (status, _, _) = close_as(&app, &cookie, round.id, false).await;
    assert_eq!(status, 303, "four respondents reach a threshold of three");
    let json = report_json(&app, &cookie, round.id).await;
    assert!(
        json["aggregate"]["dimensions"][0]["mean"].is_number(),
        "{json}"
    );
    assert_eq!(json["aggregate"]["groups"], Value::Array(Vec::new()));
    let (_, page) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(round.id))
        .await;
    assert!(!page.contains("Per respondentengroep"), "no breakdown");
    app.cleanup().await;

    // At the default threshold: 5 staff and 1 mandatary give no breakdown either; with five
    // mandataries both groups are shown (nobody is left outside them).
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    for (mandataries, groups) in [(1, 0), (5, 2)] {
        let round = open_round(&app, world.org_a, &format!("Vijf plus {mandataries}")).await;
        app.submit_responses(round.id, 5, Some("staff"), "1", None)
            .await;
        app.submit_responses(round.id, mandataries, Some("mandatary"), "4", None)
            .await;
        assert_eq!(close_as(&app, &cookie, round.id, false).await.0, 303);
        let json = report_json(&app, &cookie, round.id).await;
        assert_eq!(
            json["aggregate"]["groups"].as_array().map(Vec::len),
            Some(groups),
            "{mandataries} mandataries"
        );
    }
    app.cleanup().await;
}

async fn rounds_of_one_and_four_respondents_have_no_figures_anywhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let admin = app.login("admin@test.be", PASSWORD).await.unwrap();
    let year = Utc::now().year();
    let mut small = Vec::new();
    for count in [1, 4] {
        let round = open_round(&app, world.org_a, &format!("Met {count}")).await;
        app.submit_responses(
            round.id,
            count,
            Some("staff"),
            "2",
            Some("Geheime opmerking"),
        )
        .await;
        // Closing below the threshold without confirming is refused at the checkbox.
        let (status, _, body) = close_as(&app, &cookie, round.id, false).await;
        assert_eq!(status, 422);
        let page = Page::parse(&body);
        let problem = page
            .attr("#confirm_without_results", "aria-describedby")
            .expect("the problem is at the checkbox");
        assert_eq!(
            page.texts(&format!("#{problem}")),
            [StaffError::ResultsNeedConfirmation.message(Lang::Nl)]
        );
        let still = round::Entity::find_by_id(round.id).one(&app.ctx.db).await;
        assert!(still.unwrap().unwrap().is_open(), "nothing written");
        // Confirmed: closed, without results.
        let (status, location, _) = close_as(&app, &cookie, round.id, true).await;
        assert_eq!(status, 303);
        assert_eq!(location, Some(app::paths::ROUND_REPORT.with(round.id)));
        small.push(round.id);
    }
    let withheld = "Afgesloten zonder resultaten: minder dan 5 respondenten.";
    assert_eq!(
        round_result::Entity::find()
            .filter(round_result::Column::RoundId.is_in(small.clone()))
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );
    // Benchmarks: this year's cohort has no entry and no stored group.
    let model = app.ctx.models.current().id.clone();
    assert!(load_cohort(&app.ctx.db, &model, year)
        .await
        .unwrap()
        .entries
        .is_empty());
    assert_eq!(
        benchmark::Entity::find()
            .filter(benchmark::Column::Year.eq(year))
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );
    for &round_id in &small {
        for who in [&cookie, &admin] {
            let (status, page) = app
                .get_as(who, &app::paths::ROUND_REPORT.with(round_id))
                .await;
            assert_eq!(status, 200);
            assert!(page.contains(withheld), "{page}");
            assert_no_figures_on(&page);
            assert_no_figures_in(&report_json(&app, who, round_id).await);
        }
        let (_, round_page) = app.get_as(&cookie, &app::paths::ROUND.with(round_id)).await;
        assert!(round_page.contains(withheld));
        let csv = String::from_utf8(
            download(&app, &cookie, &app::paths::ROUND_EXPORT_CSV.with(round_id)).await,
        )
        .unwrap();
        assert!(csv.contains(withheld), "{csv}");
        assert!(!csv.contains("Geheime opmerking"), "{csv}");
        let (numbers, texts) = xlsx_cells(
            download(&app, &cookie, &app::paths::ROUND_EXPORT_XLSX.with(round_id)).await,
        );
        assert!(texts.iter().any(|t| t == withheld));
        assert!(!texts.iter().any(|t| t.contains("Geheime opmerking")));
        // The year and the submitted count are the only numbers.
        assert!(
            numbers
                .iter()
                .all(|n| *n == f64::from(year) || *n == 1.0 || *n == 4.0),
            "{numbers:?}"
        );
    }
    let (_, dashboard) = app.get_as(&cookie, app::paths::DASHBOARD.pattern()).await;
    assert_eq!(
        dashboard.matches(withheld).count(),
        2,
        "both rounds on the dashboard"
    );

    // A later round with results: its trend leaves the two out and names them.
    let later = open_round(&app, world.org_a, "Met vijf").await;
    app.submit_responses(later.id, 5, Some("staff"), "3", None)
        .await;
    assert_eq!(close_as(&app, &cookie, later.id, false).await.0, 303);
    let json = report_json(&app, &cookie, later.id).await;
    assert!(json["aggregate"]["overall"].is_number());
    let trend_labels: Vec<&str> = json["trend"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["label"].as_str())
        .collect();
    assert!(!trend_labels
        .iter()
        .any(|l| l.starts_with("Met 1") || l.starts_with("Met 4")));
    assert_eq!(
        json["trend_without_results"],
        serde_json::json!([format!("Met 1 ({year})"), format!("Met 4 ({year})")])
    );
    let cohort = load_cohort(&app.ctx.db, &model, year).await.unwrap();
    assert_eq!(cohort.entries.len(), 1, "only the round with results joins");
    app.cleanup().await;
}

async fn comments_are_exported_only_once_a_round_has_results(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let round = open_round(&app, world.org_a, "Opmerkingen").await;
    app.submit_responses(
        round.id,
        5,
        Some("management"),
        "2",
        Some("Een eerlijke opmerking"),
    )
    .await;
    let csv_path = app::paths::ROUND_EXPORT_CSV.with(round.id);
    let xlsx_path = app::paths::ROUND_EXPORT_XLSX.with(round.id);
    // Open, with enough respondents: still no comments (and no figures).
    let csv = String::from_utf8(download(&app, &cookie, &csv_path).await).unwrap();
    assert!(!csv.contains("Een eerlijke opmerking"), "{csv}");
    let (_, texts) = xlsx_cells(download(&app, &cookie, &xlsx_path).await);
    assert!(!texts.iter().any(|t| t.contains("Een eerlijke opmerking")));
    // Closed with results: every comment, without group or date, and the report says how.
    close_and_aggregate(&app.ctx, &round).await.unwrap();
    let csv = String::from_utf8(download(&app, &cookie, &csv_path).await).unwrap();
    let dimensions = app.ctx.models.current().dimensions.len();
    assert_eq!(
        csv.matches("Een eerlijke opmerking").count(),
        5 * dimensions
    );
    let comments_part = csv.split("Opmerkingen").last().unwrap();
    assert!(!comments_part.contains("management") && !comments_part.contains("leidinggevenden"));
    let (_, page) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(round.id))
        .await;
    assert!(page.contains("in willekeurige volgorde en zonder groep of datum"));
    app.cleanup().await;
}

async fn peer_groups_one_member_apart_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    let id_of = |name: &'static str| {
        let db = app.ctx.db.clone();
        async move {
            organisation::Entity::find()
                .filter(organisation::Column::Name.eq(name))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string()
        }
    };
    let mut antwerpen = Vec::new();
    for name in [
        "Geel", "Mechelen", "Turnhout", "Lier", "Mol", "Boom", "Schilde",
    ] {
        antwerpen.push(id_of(name).await);
    }
    let genk = id_of("Genk").await;
    let mut groups = Vec::new();
    for name in ["Kempen en stad", "Kempen plus Genk"] {
        let (status, _, _) = app
            .post_as(
                &admin,
                app::paths::PEER_GROUPS.pattern(),
                &[("csrf", csrf.as_str()), ("name", name)],
            )
            .await;
        assert_eq!(status, 303);
        let group = peer_group::Entity::find()
            .filter(peer_group::Column::Name.eq(name))
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        groups.push(group.id);
    }
    let members = |ids: &[String]| -> Vec<(&'static str, String)> {
        ids.iter().map(|id| ("organisation", id.clone())).collect()
    };
    let post_members = |group: i32, ids: Vec<String>| {
        let app = &app;
        let admin = admin.clone();
        let csrf = csrf.clone();
        async move {
            let mut form = vec![("csrf", csrf)];
            form.extend(members(&ids));
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as(&admin, &app::paths::PEER_GROUP_MEMBERS.with(group), &form)
                .await
        }
    };
    // The seven organisations of Antwerpen: the same as the province, nothing to difference.
    let (status, _, _) = post_members(groups[0], antwerpen.clone()).await;
    assert_eq!(status, 303);
    // Six of them: one away from the province (and from the first group).
    let (status, _, body) = post_members(groups[1], antwerpen[..6].to_vec()).await;
    assert_eq!(status, 422);
    // The seven plus Genk: one away from the first group.
    let mut plus_genk = antwerpen.clone();
    plus_genk.push(genk);
    let (status, _, body_plus) = post_members(groups[1], plus_genk).await;
    assert_eq!(status, 422);
    for body in [body, body_plus] {
        let page = Page::parse(&body);
        let problem = page
            .attr("fieldset[aria-invalid=true]", "aria-describedby")
            .expect("the problem is at the members");
        assert_eq!(
            page.texts(&format!("#{problem}")),
            [StaffError::PeerGroupDifferencing.message(Lang::Nl)]
        );
    }
    assert_eq!(
        peer_group_member::Entity::find()
            .filter(peer_group_member::Column::PeerGroupId.eq(groups[1]))
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0,
        "a refused membership writes nothing"
    );
    app.cleanup().await;
}

async fn a_raised_threshold_hides_stored_results_at_start_up(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let five = open_round(&app, world.org_a, "Vijf").await;
    app.submit_responses(five.id, 5, Some("staff"), "2", None)
        .await;
    close_and_aggregate(&app.ctx, &five).await.unwrap();
    let eight = open_round(&app, world.org_b, "Tien").await;
    app.submit_responses(eight.id, 5, Some("staff"), "2", None)
        .await;
    app.submit_responses(eight.id, 5, Some("management"), "3", None)
        .await;
    close_and_aggregate(&app.ctx, &eight).await.unwrap();
    let stored = |round_id: i32| {
        let db = app.ctx.db.clone();
        async move {
            round_result::Entity::find_by_id(round_id)
                .one(&db)
                .await
                .unwrap()
                .map(|r| app::staff::stored::decode::<OrganisationAggregate>(&r.aggregate).unwrap())
        }
    };
    assert_eq!(
        stored(eight.id).await.unwrap().groups.len(),
        2,
        "two groups of five"
    );
    // Under the same thresholds start-up changes nothing.
    let before = (stored(five.id).await, stored(eight.id).await);
    reapply_thresholds(&app.ctx).await.unwrap();
    assert_eq!((stored(five.id).await, stored(eight.id).await), before);
    // Raised to 6 (what build_app does at start-up with the new configuration): the round of
    // five loses its results; the round of ten keeps them, recomputed under 6 (as do the
    // demo's rounds of nine).
    let mut raised = app.ctx.clone();
    raised.min_respondents = AnonymityThreshold::new(6).unwrap();
    let reapplied = reapply_thresholds(&raised).await.unwrap();
    assert_eq!(reapplied.removed, 1);
    assert!(reapplied.recomputed >= 1);
    assert_eq!(stored(five.id).await, None);
    let eight_now = stored(eight.id)
        .await
        .expect("ten respondents keep results");
    assert_eq!(
        eight_now.threshold,
        Some(AnonymityThreshold::new(6).unwrap())
    );
    assert!(eight_now.groups.is_empty(), "groups of five hide under six");
    // Raising the peer-group threshold re-hides benchmarks: no cohort has 40 organisations,
    // so every stored group is hidden.
    raised.anonymity_threshold = AnonymityThreshold::new(40).unwrap();
    reapply_thresholds(&raised).await.unwrap();
    for row in benchmark::Entity::find().all(&app.ctx.db).await.unwrap() {
        let figures: quickscan_domain::GroupBenchmark =
            app::staff::stored::decode(&row.figures).unwrap();
        assert!(
            figures.figures().is_none(),
            "{} hidden under 40",
            row.group_key
        );
    }
    app.cleanup().await;
}
