//! The action plan end to end through the forms: a coordinator sets a target, adopts advice
//! and adds an action of their own (refusals named at their field, nothing written), an
//! advisor comments, the plan exports neutralised, the next round's report follows it up, and
//! the association's overview stays hidden below the anonymity threshold. Runs on both
//! databases.

use std::io::Cursor;

use app::db::{plan_action, plan_comment, plan_target};
use app::paths;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use quickscan_domain::AnonymityThreshold;
use quickscan_tests::{on_both_databases, spawn_app, spawn_app_with, Backend, Page, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

on_both_databases!(
    a_plan_is_drawn_up_and_the_next_round_follows_it_up,
    refused_plan_forms_write_nothing_and_name_the_field,
    the_plan_exports_neutralised_with_the_adopted_advice,
    the_sector_overview_counts_plans_only_from_the_threshold,
    a_plan_form_posted_twice_at_once_lands_once,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;
const HOSTILE: &str = "=HYPERLINK(\"https://evil.example\",\"klik\")";

/// Signs in; answers the cookie and the form token.
async fn session(app: &TestApp, email: &str) -> (String, String) {
    let cookie = app.login(email, PASSWORD).await.expect("sign-in");
    let csrf = app.csrf_token(&cookie).await;
    (cookie, csrf)
}

/// An own action's fields, with `title` and `due` as given.
fn action_form<'a>(csrf: &'a str, title: &'a str, due: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("title", title),
        ("dimension", "reporting"),
        ("horizon", "short"),
        ("owner", "Integriteitscoördinator"),
        ("due", due),
        ("status", "planned"),
        ("time", "2 dagen"),
        ("budget", "€ 500"),
        ("note", "Eerst het intranet."),
    ]
}

async fn actions(app: &TestApp) -> Vec<plan_action::Model> {
    plan_action::Entity::find()
        .order_by_asc(plan_action::Column::Position)
        .order_by_asc(plan_action::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap()
}

async fn a_plan_is_drawn_up_and_the_next_round_follows_it_up(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    // Everyone rated every statement 2 ("developing"): every dimension is at level 2.
    let first = app
        .closed_round(world.org_a, "Nulmeting", 2025, 5, "2")
        .await;
    let (cookie, csrf) = session(&app, "coordinator-a@test.be").await;
    let plan_path = paths::PLAN.with(first.id);

    // The report leads to the plan; the plan offers a default target one level up.
    let (_, report) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(first.id))
        .await;
    assert!(Page::parse(&report).has(&format!("a[href=\"{plan_path}\"]")));
    let (status, page) = app.get_as(&cookie, &plan_path).await;
    assert_eq!(status, 200);
    let page = Page::parse(&page);
    assert_eq!(
        page.attr("#plan-target-policy-target option[selected]", "value")
            .as_deref(),
        Some("3"),
        "one level up from 2"
    );
    assert!(
        !page.has("#plan-target-policy-target option[value=\"1\"]"),
        "no target below today is offered"
    );

    // Policy: target 4 with an ambition; the first two advice items of reporting adopted.
    let (status, location, _) = app
        .post_as(
            &cookie,
            &paths::PLAN_TARGET.with(first.id),
            &[
                ("csrf", &csrf),
                ("dimension", "policy"),
                ("target", "4"),
                ("ambition", "Een goedgekeurd integriteitsbeleidsplan"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location.unwrap().starts_with(&plan_path));
    for code in ["reporting:2:short:0", "reporting:2:medium:1"] {
        let (status, _, _) = app
            .post_as(
                &cookie,
                &paths::PLAN_ADOPT.with(first.id),
                &[("csrf", &csrf), ("advice", code)],
            )
            .await;
        assert_eq!(status, 303, "{code}");
    }
    // An own action, already late.
    let form = action_form(&csrf, "Meldpunt bekendmaken", "01/02/2020");
    let (status, _, _) = app
        .post_as(&cookie, &paths::PLAN_ACTIONS.with(first.id), &form)
        .await;
    assert_eq!(status, 303);
    let stored = actions(&app).await;
    assert_eq!(stored.len(), 3);
    let model = app.ctx.models.current();
    let reporting = model
        .dimensions
        .iter()
        .find(|d| d.id == "reporting")
        .unwrap();
    let advice = reporting.advice_for(quickscan_domain::MaturityLevel::Developing);
    assert_eq!(stored[0].title, advice.short_term[0].nl, "adopted in Dutch");
    assert_eq!(stored[1].title, advice.medium_term[1].nl);
    assert_eq!(stored[1].horizon, "medium");
    assert_eq!(
        stored[0].due_on,
        chrono::Utc::now().date_naive() + chrono::Months::new(12),
        "short term: due in a year"
    );

    // The first adopted action is done; the own one moves to the top.
    let done = [
        ("csrf", csrf.as_str()),
        ("title", stored[0].title.as_str()),
        ("dimension", "reporting"),
        ("horizon", "short"),
        ("owner", "Algemeen directeur"),
        ("due", "2027-06-30"),
        ("status", "done"),
        ("time", ""),
        ("budget", ""),
        ("note", ""),
    ];
    let (status, _, _) = app
        .post_as(&cookie, &paths::PLAN_ACTION.with(stored[0].id), &done)
        .await;
    assert_eq!(status, 303);
    for _ in 0..2 {
        let (status, _, _) = app
            .post_as(
                &cookie,
                &paths::PLAN_ACTION_MOVE.with(stored[2].id),
                &[("csrf", &csrf), ("direction", "up")],
            )
            .await;
        assert_eq!(status, 303);
    }
    let ordered: Vec<String> = actions(&app).await.into_iter().map(|a| a.title).collect();
    assert_eq!(ordered[0], "Meldpunt bekendmaken");
    let after = actions(&app).await;
    assert!(after
        .iter()
        .find(|a| a.id == stored[0].id)
        .unwrap()
        .done_at
        .is_some());

    // The advisor comments; the coordinator cannot, and the advisor cannot change the plan.
    let (advisor, advisor_csrf) = session(&app, "advisor-a@test.be").await;
    let (status, _, _) = app
        .post_as(
            &advisor,
            &paths::PLAN_COMMENTS.with(first.id),
            &[
                ("csrf", &advisor_csrf),
                ("comment", "Sterk begin.\nDenk aan het budget."),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _, _) = app
        .post_as(
            &cookie,
            &paths::PLAN_COMMENTS.with(first.id),
            &[("csrf", &csrf), ("comment", "Zelf")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = app
        .post_as(
            &advisor,
            &paths::PLAN_ACTION_DELETE.with(stored[1].id),
            &[("csrf", &advisor_csrf)],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        plan_comment::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        1
    );
    let (_, advisor_page) = app.get_as(&advisor, &plan_path).await;
    let advisor_page = Page::parse(&advisor_page);
    assert!(advisor_page.texts(".plan-comments .body")[0].contains("Denk aan het budget."));
    assert!(
        !advisor_page.has("form[action$=\"/plan/targets\"]"),
        "read-only for the advisor"
    );
    let (_, page) = app.get_as(&cookie, &plan_path).await;
    let page = Page::parse(&page);
    assert!(page.has("tr.overdue"), "the late action is marked");
    assert_eq!(page.texts(".plan-advice .adopted").len(), 2);

    // The next round: everyone now rates 3, except nothing else changed.
    let second = app
        .closed_round(world.org_a, "Eerste opvolging", 2026, 5, "3")
        .await;
    let (_, report) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(second.id))
        .await;
    let report = Page::parse(&report);
    assert!(report.has("section.follow-up"), "the follow-up is there");
    let policy = report
        .row_in(".follow-up-table", &model.dimensions[0].name.nl)
        .expect("policy's row");
    // 2.0 → 3.0 against target 4: improved, not reached; reporting's default target 3 is.
    assert_eq!(policy[0], "2,0");
    assert!(policy[1].starts_with('4'), "{policy:?}");
    assert_eq!(policy[2], "3,0");
    assert_eq!(policy[3], "vooruit, doel nog niet bereikt");
    let reporting_row = report
        .row_in(".follow-up-table", &reporting.name.nl)
        .expect("reporting's row");
    assert_eq!(reporting_row[3], "doel bereikt");
    assert_eq!(reporting_row[4], "1 van 3");
    let overdue = report.texts(".overdue-actions li");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert!(overdue[0].contains("Meldpunt bekendmaken"));
    // The first round's own report has no follow-up: nothing came before it.
    let (_, first_report) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(first.id))
        .await;
    assert!(!Page::parse(&first_report).has("section.follow-up"));
    app.cleanup().await;
}

async fn refused_plan_forms_write_nothing_and_name_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let round = app
        .closed_round(world.org_a, "Nulmeting", 2025, 5, "2")
        .await;
    let (cookie, csrf) = session(&app, "coordinator-a@test.be").await;
    // A due date that is no date: refused at the field, the title kept, nothing written.
    let form = action_form(&csrf, "Vertrouwenspersoon aanstellen", "31/02/2027");
    let (status, _, page) = app
        .post_as(&cookie, &paths::PLAN_ACTIONS.with(round.id), &form)
        .await;
    assert_eq!(status, 422);
    let page = Page::parse(&page);
    assert!(page.texts("#new-plan-action-due-problem")[0].contains("30/06/2027"));
    assert_eq!(
        page.attr("#new-plan-action-title", "value").as_deref(),
        Some("Vertrouwenspersoon aanstellen")
    );
    // A target below today's level, and an unknown one.
    for (target, status_expected) in [("1", 422), ("9", 422)] {
        let (status, _, page) = app
            .post_as(
                &cookie,
                &paths::PLAN_TARGET.with(round.id),
                &[
                    ("csrf", &csrf),
                    ("dimension", "policy"),
                    ("target", target),
                    ("ambition", ""),
                ],
            )
            .await;
        assert_eq!(status, status_expected, "{target}");
        assert!(Page::parse(&page).has("#plan-target-policy-target-problem"));
    }
    // Advice that is not the model's at today's level; adopting one twice.
    let (status, _, _) = app
        .post_as(
            &cookie,
            &paths::PLAN_ADOPT.with(round.id),
            &[("csrf", &csrf), ("advice", "reporting:0:short:0")],
        )
        .await;
    assert_eq!(status, 422);
    for expected in [303, 409] {
        let (status, _, _) = app
            .post_as(
                &cookie,
                &paths::PLAN_ADOPT.with(round.id),
                &[("csrf", &csrf), ("advice", "code:2:short:1")],
            )
            .await;
        assert_eq!(status, expected);
    }
    assert_eq!(actions(&app).await.len(), 1, "only the one adoption");
    assert_eq!(
        plan_target::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );
    // An open round (A's demo round) and a round closed below the threshold have no plan.
    let thin = app
        .closed_round(world.org_a, "Te weinig", 2026, 2, "2")
        .await;
    for round_id in [world.round_a, thin.id] {
        let (status, page) = app.get_as(&cookie, &paths::PLAN.with(round_id)).await;
        assert_eq!(status, 409, "{page}");
        let (status, _, _) = app
            .post_as(
                &cookie,
                &paths::PLAN_ACTIONS.with(round_id),
                &action_form(&csrf, "Niets", "2027-01-01"),
            )
            .await;
        assert_eq!(status, 409);
    }
    // Another organisation's coordinator: the plan and its actions are as if absent.
    let (other, other_csrf) = session(&app, "coordinator-b@test.be").await;
    let (status, _) = app.get_as(&other, &paths::PLAN.with(round.id)).await;
    assert_eq!(status, 404);
    let action = actions(&app).await[0].id;
    let (status, _, _) = app
        .post_as(
            &other,
            &paths::PLAN_ACTION_MOVE.with(action),
            &[("csrf", &other_csrf), ("direction", "up")],
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(actions(&app).await.len(), 1);
    app.cleanup().await;
}

async fn the_plan_exports_neutralised_with_the_adopted_advice(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let round = app
        .closed_round(world.org_a, "Nulmeting", 2025, 5, "2")
        .await;
    let (cookie, csrf) = session(&app, "coordinator-a@test.be").await;
    let (status, _, _) = app
        .post_as(
            &cookie,
            &paths::PLAN_ADOPT.with(round.id),
            &[("csrf", &csrf), ("advice", "policy:2:short:0")],
        )
        .await;
    assert_eq!(status, 303);
    let form = action_form(&csrf, HOSTILE, "2027-06-30");
    let (status, _, _) = app
        .post_as(&cookie, &paths::PLAN_ACTIONS.with(round.id), &form)
        .await;
    assert_eq!(status, 303);
    let advice = &app.ctx.models.current().dimensions[0]
        .advice_for(quickscan_domain::MaturityLevel::Developing)
        .short_term[0]
        .nl;

    let (status, csv) = app
        .get_as(&cookie, &paths::PLAN_EXPORT_CSV.with(round.id))
        .await;
    assert_eq!(status, 200);
    assert!(
        csv.contains(&format!("'{}", HOSTILE.replace('"', "\"\""))),
        "{csv}"
    );
    assert!(!csv.contains(&format!(",{}", HOSTILE.replace('"', "\"\""))));
    assert!(csv.contains(advice.as_str()));

    let response = app
        .client
        .get(app.url(&paths::PLAN_EXPORT_XLSX.with(round.id)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names, ["Doelen", "Acties"]);
    let actions = workbook.worksheet_range("Acties").unwrap();
    let titles: Vec<String> = actions
        .rows()
        .skip(1)
        .map(|row| match &row[3] {
            Data::String(s) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(titles, [advice.clone(), format!("'{HOSTILE}")]);
    let targets = workbook.worksheet_range("Doelen").unwrap();
    assert_eq!(
        targets.rows().count(),
        1 + app.ctx.models.current().dimensions.len()
    );
    app.cleanup().await;
}

async fn the_sector_overview_counts_plans_only_from_the_threshold(backend: Backend) {
    // Three organisations with results under the lowest threshold, three: the overview shows
    // once all three have a plan.
    let app = spawn_app_with(backend, |config| {
        config.anonymity_threshold = AnonymityThreshold::new(3).unwrap();
    })
    .await;
    let world = app.staff_world().await;
    let org_c = {
        use sea_orm::{ActiveModelTrait, Set};
        app::db::organisation::ActiveModel {
            code: Set("99003".into()),
            name: Set("Derde gemeente".into()),
            kind: Set(app::db::organisation::StoredKind::Municipality),
            province: Set("Limburg".into()),
            population: Set(12000),
            ..Default::default()
        }
        .insert(&app.ctx.db)
        .await
        .unwrap()
        .id
    };
    let round_a = app.closed_round(world.org_a, "A", 2025, 5, "2").await;
    let round_b = app.closed_round(world.org_b, "B", 2025, 5, "1").await;
    let round_c = app.closed_round(org_c, "C", 2025, 5, "2").await;
    let (admin, admin_csrf) = session(&app, "admin@test.be").await;
    let adopt = |round: i32, code: &'static str| {
        let admin = admin.clone();
        let csrf = admin_csrf.clone();
        let app = &app;
        async move {
            let (status, _, _) = app
                .post_as(
                    &admin,
                    &paths::PLAN_ADOPT.with(round),
                    &[("csrf", csrf.as_str()), ("advice", code)],
                )
                .await;
            assert_eq!(status, 303, "{code}");
        }
    };
    adopt(round_a.id, "policy:2:short:0").await;
    adopt(round_b.id, "policy:1:short:0").await;
    let (_, page) = app.get_as(&admin, paths::SECTOR_PLANS.pattern()).await;
    let page = Page::parse(&page);
    assert!(
        page.has("article.sector-plans .notice"),
        "two plans are below three"
    );
    assert!(!page.has("table.sector-plans-table"));
    adopt(round_c.id, "policy:2:short:0").await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::PLAN_TARGET.with(round_b.id),
            &[
                ("csrf", &admin_csrf),
                ("dimension", "policy"),
                ("target", "3"),
                ("ambition", ""),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = app.get_as(&admin, paths::SECTOR_PLANS.pattern()).await;
    let page = Page::parse(&page);
    let model = app.ctx.models.current();
    let policy = page
        .row_in("table.sector-plans-table", &model.dimensions[0].name.nl)
        .expect("policy's row");
    // All three plan something for policy; one target (below three) shows no distribution.
    assert_eq!(policy[0], "100 %");
    assert_eq!(policy[1], "te weinig doelen om te tonen");
    let code = page
        .row_in("table.sector-plans-table", &model.dimensions[1].name.nl)
        .expect("the code's row");
    assert_eq!(code[0], "0 %");
    let adopted = page.texts("table.most-adopted tbody tr td:last-child");
    assert_eq!(adopted, ["2", "1"], "most adopted first");
    // Not for coordinators or advisors.
    for email in ["coordinator-a@test.be", "advisor-a@test.be"] {
        let (cookie, _) = session(&app, email).await;
        let (status, _) = app.get_as(&cookie, paths::SECTOR_PLANS.pattern()).await;
        assert_eq!(status, 403, "{email}");
    }
    app.cleanup().await;
}

async fn a_plan_form_posted_twice_at_once_lands_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let round = app
        .closed_round(world.org_a, "Nulmeting", 2025, 5, "2")
        .await;
    let (cookie, csrf) = session(&app, "coordinator-a@test.be").await;
    let target = paths::PLAN_TARGET.with(round.id);
    let adopt = paths::PLAN_ADOPT.with(round.id);
    // A double click without JavaScript: the same target twice, the same advice twice.
    let target_form = [
        ("csrf", csrf.as_str()),
        ("dimension", "policy"),
        ("target", "3"),
        ("ambition", "Twee keer"),
    ];
    let adopt_form = [("csrf", csrf.as_str()), ("advice", "policy:2:short:0")];
    let (first, second, third, fourth) = tokio::join!(
        app.post_as(&cookie, &target, &target_form),
        app.post_as(&cookie, &target, &target_form),
        app.post_as(&cookie, &adopt, &adopt_form),
        app.post_as(&cookie, &adopt, &adopt_form),
    );
    assert_eq!((first.0, second.0), (303, 303), "both saves land");
    let mut adopted = [third.0, fourth.0];
    adopted.sort();
    assert_eq!(
        adopted,
        [303, 409],
        "one adoption, the other refused as adopted already"
    );
    assert_eq!(
        plan_target::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(actions(&app).await.len(), 1);
    app.cleanup().await;
}
