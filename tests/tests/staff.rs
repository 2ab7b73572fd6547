//! Staff stories through the real router: login and sessions, CSRF, the access-control
//! matrix, and a coordinator opening, inviting for (by open link), closing and reading a round.

use app::auth::throttle::Counted;
use app::db::{open_link, round, round_result};
use app::staff::api::{GetDashboard, GetReport, GetRound};
use leptos::server_fn::ServerFn;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    login_logout_and_throttling,
    state_changing_posts_need_the_session_csrf_token,
    the_access_control_matrix_holds,
    a_coordinator_runs_a_round_and_reads_the_report,
    a_refused_form_shows_its_page_with_the_problem_and_what_was_typed,
    someone_elses_round_looks_like_an_absent_one,
    the_comparison_is_a_heatmap_with_the_sectors_distribution,
    a_little_known_dimension_is_named_and_gets_the_advice_to_make_it_known,
);

const PASSWORD: &str = quickscan_tests::TEST_PASSWORD;

/// The caps of every open link, summed.
async fn open_link_caps(app: &quickscan_tests::TestApp) -> i32 {
    open_link::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .iter()
        .map(|l| l.response_cap)
        .sum()
}

async fn login_logout_and_throttling(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;

    let (status, location, _) = app
        .post_form(
            app::paths::LOGIN.pattern(),
            &[("email", "admin@test.be"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some(
            format!(
                "{}?error=invalid&email=admin%40test.be",
                app::paths::LOGIN.pattern()
            )
            .as_str()
        )
    );
    let (_, page) = app
        .get(&format!(
            "{}?error=invalid&email=admin%40test.be",
            app::paths::LOGIN.pattern()
        ))
        .await;
    assert!(page.contains("Het e-mailadres of het wachtwoord klopt niet."));
    assert_eq!(
        Page::parse(&page).attr("#email", "value").as_deref(),
        Some("admin@test.be"),
        "what was typed is kept"
    );
    assert!(app.login("nobody@test.be", PASSWORD).await.is_none());

    // A good login sets an HttpOnly, SameSite session cookie.
    let response = app
        .client
        .post(app.url(app::paths::LOGIN.pattern()))
        .form(&[("email", " Admin@Test.be "), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let (status, dashboard) = app.get_as(&cookie, app::paths::DASHBOARD.pattern()).await;
    assert_eq!(status, 200);
    assert!(dashboard.contains("admin@test.be"));

    // Logout ends the session on the server, not only in the browser.
    let csrf = app.csrf_token(&cookie).await;
    let (status, location, _) = app
        .post_as(
            &cookie,
            app::paths::LOGOUT.pattern(),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(app::paths::HOME.pattern()))
    );
    let (status, _) = app.get_as(&cookie, app::paths::DASHBOARD.pattern()).await;
    assert_eq!(status, 401);

    // Repeated failures lock the address, even for the right password.
    for _ in 0..Counted::AccountFromAddress.limit() {
        assert!(app.login("coordinator-a@test.be", "guess").await.is_none());
    }
    let (status, location, _) = app
        .post_form(
            app::paths::LOGIN.pattern(),
            &[("email", "coordinator-a@test.be"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 303);
    assert!(location
        .unwrap()
        .starts_with(&format!("{}?error=throttled", app::paths::LOGIN.pattern())));
    // Other accounts are not affected.
    assert!(app.login("coordinator-b@test.be", PASSWORD).await.is_some());
    app.cleanup().await;
}

async fn state_changing_posts_need_the_session_csrf_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let other = app.login("coordinator-b@test.be", PASSWORD).await.unwrap();
    let foreign_token = app.csrf_token(&other).await;
    let before = round::Entity::find().count(&app.ctx.db).await.unwrap();
    let path = app::paths::ORGANISATION_NEW_ROUND.with(world.org_a);
    for form in [
        vec![("name", "Zonder token")],
        vec![("name", "Verkeerd token"), ("csrf", "not-the-token")],
        vec![
            ("name", "Token van een ander"),
            ("csrf", foreign_token.as_str()),
        ],
    ] {
        let (status, _, body) = app.post_as(&cookie, &path, &form).await;
        assert_eq!(status, 403, "{form:?}");
        assert!(body.contains("Het formulier is verlopen"));
    }
    let (status, _, _) = app
        .post_as(&cookie, &app::paths::ROUND_CLOSE.with(world.round_a), &[])
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        round::Entity::find().count(&app.ctx.db).await.unwrap(),
        before
    );
    assert!(round::Entity::find_by_id(world.round_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .is_open());
    app.cleanup().await;
}

/// Who may do what: for each role, each route and server function, allowed or not.
async fn the_access_control_matrix_holds(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let round = world.round_a;
    // (who, may read organisation A, may manage organisation A)
    let actors = [
        ("anonymous", None, false, false),
        (
            "coordinator of A",
            Some("coordinator-a@test.be"),
            true,
            true,
        ),
        (
            "coordinator of B",
            Some("coordinator-b@test.be"),
            false,
            false,
        ),
        ("advisor of A", Some("advisor-a@test.be"), true, false),
        ("advisor of B", Some("advisor-b@test.be"), false, false),
        ("admin", Some("admin@test.be"), true, true),
    ];
    for (who, email, may_read, may_manage) in actors {
        let cookie = match email {
            Some(email) => app.login(email, PASSWORD).await.expect("login"),
            None => "qs_session=none".to_owned(),
        };
        let csrf = match email {
            Some(_) => app.csrf_token(&cookie).await,
            None => String::new(),
        };
        let logged_in = email.is_some();
        // A page is granted with 200; a form post with a redirect that is not to the login.
        let granted = |status: u16, location: Option<&str>| {
            status == 200
                || (status == 303
                    && location.is_some_and(|l| !l.starts_with(app::paths::LOGIN.pattern())))
        };
        let expect = |allowed: bool, status: u16, location: Option<&str>, what: &str| {
            assert_eq!(
                granted(status, location),
                allowed,
                "{who}: {what} gave {status} {location:?}"
            );
        };
        // Pages.
        let (status, _) = app.get_as(&cookie, app::paths::DASHBOARD.pattern()).await;
        expect(logged_in, status, None, "dashboard");
        let (status, _) = app.get_as(&cookie, &app::paths::ROUND.with(round)).await;
        expect(may_read, status, None, "round page");
        let (status, _) = app
            .get_as(&cookie, &app::paths::ROUND_REPORT.with(round))
            .await;
        expect(may_read, status, None, "report page");
        // Server functions.
        for (name, path, form) in [
            ("get_dashboard", <GetDashboard as ServerFn>::PATH, vec![]),
            (
                "get_round",
                <GetRound as ServerFn>::PATH,
                vec![("round_id", round.to_string())],
            ),
            (
                "get_report",
                <GetReport as ServerFn>::PATH,
                vec![("round_id", round.to_string()), ("lang", "nl".to_owned())],
            ),
        ] {
            let response = app
                .client
                .post(app.url(path))
                .header("Cookie", &cookie)
                .form(&form)
                .send()
                .await
                .unwrap();
            let allowed = if name == "get_dashboard" {
                logged_in
            } else {
                may_read
            };
            assert_eq!(response.status().is_success(), allowed, "{who}: {name}");
        }
        // Mutations: the open link, a new round, closing (last, it changes the state).
        // The demo round has an open link (capped at 200): a granted post changes its cap.
        let before = open_link_caps(&app).await;
        let (status, _, _) = app
            .post_as(
                &cookie,
                &app::paths::ROUND_OPEN_LINK.with(round),
                &[("csrf", &csrf), ("cap", "20")],
            )
            .await;
        let after = open_link_caps(&app).await;
        assert_eq!(after != before, may_manage, "{who}: open link ({status})");
        if after != before {
            open_link::Entity::update_many()
                .col_expr(
                    open_link::Column::ResponseCap,
                    sea_orm::sea_query::Expr::value(before),
                )
                .exec(&app.ctx.db)
                .await
                .unwrap();
        }
        let (status, location, _) = app
            .post_as(
                &cookie,
                &app::paths::ORGANISATION_NEW_ROUND.with(world.org_a),
                &[("csrf", &csrf), ("name", "Nieuwe ronde")],
            )
            .await;
        expect(
            may_manage,
            status,
            location.as_deref(),
            "open a round for A",
        );
        let (status, location, _) = app
            .post_as(
                &cookie,
                &app::paths::ORGANISATION_NEW_ROUND.with(world.org_b),
                &[("csrf", &csrf), ("name", "Ronde B")],
            )
            .await;
        let may_manage_b = matches!(who, "coordinator of B" | "admin");
        expect(
            may_manage_b,
            status,
            location.as_deref(),
            "open a round for B",
        );
    }
    // Closing: refused for everyone but a manager of A; the round stays open until then.
    for (email, may_close) in [
        ("advisor-a@test.be", false),
        ("coordinator-b@test.be", false),
        ("coordinator-a@test.be", true),
    ] {
        let cookie = app.login(email, PASSWORD).await.unwrap();
        let csrf = app.csrf_token(&cookie).await;
        let (status, _, _) = app
            .post_as(
                &cookie,
                &app::paths::ROUND_CLOSE.with(round),
                // The demo round has fewer respondents than results need.
                &[("csrf", csrf.as_str()), ("confirm_without_results", "1")],
            )
            .await;
        let open = round::Entity::find_by_id(round)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap()
            .is_open();
        assert_eq!(open, !may_close, "{email}: close gave {status}");
    }
    app.cleanup().await;
}

async fn a_coordinator_runs_a_round_and_reads_the_report(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&cookie).await;

    let (status, location, _) = app
        .post_as(
            &cookie,
            &app::paths::ORGANISATION_NEW_ROUND.with(world.org_a),
            &[("csrf", &csrf), ("name", "QuickScan najaar")],
        )
        .await;
    assert_eq!(status, 303);
    let round_path = location.unwrap();
    let round_id: i32 = round_path.rsplit('/').next().unwrap().parse().unwrap();
    let (status, _, body) = app
        .post_as(
            &cookie,
            &app::paths::ROUND_OPEN_LINK.with(round_id),
            &[("csrf", &csrf), ("cap", "0")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("tussen 1 en 10 000"));
    // Five managers start through the open link, each receiving a personal link.
    let slug = app.create_open_link(&cookie, round_id, 10).await;
    let mut tokens = Vec::new();
    for _ in 0..5 {
        tokens.push(
            app.start_through_open_link(&slug, "management")
                .await
                .unwrap(),
        );
    }
    let (_, round_page) = app.get_as(&cookie, &app::paths::ROUND.with(round_id)).await;
    let parsed = Page::parse(&round_page);
    assert_eq!(
        parsed.row("leidinggevenden").as_deref(),
        Some(&["5".to_owned(), "0".to_owned(), "0".to_owned()][..]),
        "five managers invited, none started: {round_page}"
    );
    for token in &tokens {
        assert!(
            !round_page.contains(token.as_str()),
            "no personal link on the round page"
        );
    }

    // Five respondents answer the first dimension: all "1", "2", "4", "2" and "1".
    for (token, value) in tokens.iter().zip(["1", "2", "4"]) {
        answer_first_dimension(&app, token, value).await;
    }
    let (_, round_page) = app.get_as(&cookie, &app::paths::ROUND.with(round_id)).await;
    assert_eq!(
        Page::parse(&round_page).definition("ingediend").as_deref(),
        Some("3"),
        "{round_page}"
    );
    // An open round's report has participation counts only, and says how many more
    // responses results need; nothing is computed or stored.
    let (status, open_report) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(round_id))
        .await;
    assert_eq!(status, 200);
    assert!(open_report.contains("Nog 2 antwoorden nodig voor resultaten"));
    assert_eq!(open_report.matches("<svg").count(), 0);
    for (token, value) in tokens.iter().skip(3).zip(["2", "1"]) {
        answer_first_dimension(&app, token, value).await;
    }
    let (_, open_report) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(round_id))
        .await;
    assert!(
        open_report.contains("Er zijn genoeg antwoorden"),
        "{open_report}"
    );
    assert_eq!(open_report.matches("<svg").count(), 0);
    assert_eq!(
        round_result::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );

    let (status, location, _) = app
        .post_as(
            &cookie,
            &app::paths::ROUND_CLOSE.with(round_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        (status, location),
        (303, Some(app::paths::ROUND_REPORT.with(round_id)))
    );
    let stored = round_result::Entity::find()
        .filter(round_result::Column::RoundId.eq(round_id))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("closing stores the aggregate");
    let aggregate: quickscan_domain::OrganisationAggregate =
        app::staff::stored::decode(&stored.aggregate).unwrap();
    // Means 1, 2, 4, 2, 1: mean 2, median 2, sample sd sqrt(6/4) = 1.22 (strongly divided).
    let first = &aggregate.dimensions[0];
    assert_eq!(aggregate.respondents, 5);
    assert_eq!((first.mean, first.median), (Some(2.0), Some(2.0)));
    assert!((first.std_dev.unwrap() - 1.5f64.sqrt()).abs() < 1e-9);
    assert_eq!(first.consensus, Some(quickscan_domain::Consensus::Divided));
    assert_eq!(
        aggregate.dimensions[1].mean, None,
        "nobody answered the second dimension"
    );
    assert_eq!(aggregate.groups.len(), 1, "five managers form a group");

    let (status, report) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(round_id))
        .await;
    assert_eq!(status, 200);
    assert!(!report.contains("antwoorden nodig"));
    assert_eq!(report.matches("<svg").count(), 2, "radar and bar chart");
    let parsed = Page::parse(&report);
    assert_eq!(
        parsed.texts("svg > title").len(),
        2,
        "each chart has a title"
    );
    let first_name = &app.ctx.models.current().dimensions[0].name.nl;
    assert_eq!(
        parsed
            .row(first_name)
            .and_then(|cells| cells.first().cloned())
            .as_deref(),
        Some("2,0"),
        "{report}"
    );
    assert!(
        report.contains("Korte termijn (binnen een jaar)")
            && report.contains("Middellange termijn")
    );
    let level_2_advice = &app.ctx.models.current().dimensions[0].advice[2].short_term[0].nl;
    assert!(
        report.contains(level_2_advice.as_str()),
        "advice for level 2 is shown"
    );
    // The report is rendered by the server once: its data is not serialized into the page a
    // second time for hydration (staff pages are not hydrated).
    assert_eq!(
        report.matches(level_2_advice.as_str()).count(),
        1,
        "the advice travels once"
    );
    assert!(!report.contains("/pkg/quickscan.js"));
    // The pillars: only the first dimension (prevention alone) has figures, so prevention
    // stands at its 2.0 over one of the dimensions serving it, and detection has no figure.
    let serving = |pillar: quickscan_domain::Pillar| {
        let model = app.ctx.models.current();
        model
            .dimensions
            .iter()
            .filter(|d| d.pillars.contains(&pillar))
            .count()
    };
    assert_eq!(
        app.ctx.models.current().dimensions[0].pillars,
        vec![quickscan_domain::Pillar::Prevention]
    );
    assert_eq!(
        parsed.row_in("table.pillars", "preventie"),
        Some(vec![
            "2,0".to_owned(),
            "in ontwikkeling (op papier)".to_owned(),
            format!(
                "1 van {} dimensies",
                serving(quickscan_domain::Pillar::Prevention)
            ),
        ])
    );
    assert_eq!(
        parsed.row_in("table.pillars", "detectie"),
        Some(vec![
            "–".to_owned(),
            "–".to_owned(),
            format!(
                "0 van {} dimensies",
                serving(quickscan_domain::Pillar::Detection)
            ),
        ])
    );

    // A closed round takes no more answers and cannot be closed twice.
    let (status, _, _) = app
        .post_form(
            &app::paths::scan_page(&tokens[0], 1),
            &[("answer:policy-1", "0")],
        )
        .await;
    assert_eq!(status, 409, "submitted responses are never changed");
    let (status, _, _) = app
        .post_as(
            &cookie,
            &app::paths::ROUND_CLOSE.with(round_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(status, 409);
    app.cleanup().await;
}

/// A respondent answers every statement of the first dimension with `value` and submits.
async fn answer_first_dimension(app: &quickscan_tests::TestApp, token: &str, value: &str) {
    let statements: Vec<String> = app.ctx.models.current().dimensions[0]
        .statements
        .iter()
        .map(|s| format!("answer:{}", s.id))
        .collect();
    let form: Vec<(&str, &str)> = statements.iter().map(|s| (s.as_str(), value)).collect();
    app.post_form(&app::paths::scan_page(token, 1), &form).await;
    let (status, _, _) = app
        .post_form(&app::paths::scan_page(token, "review"), &[])
        .await;
    assert_eq!(status, 303);
}

async fn a_refused_form_shows_its_page_with_the_problem_and_what_was_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&cookie).await;

    // A cap out of range: the round page again, 422, the cap kept and the problem at it.
    let (status, _, body) = app
        .post_as(
            &cookie,
            &app::paths::ROUND_OPEN_LINK.with(world.round_a),
            &[("csrf", &csrf), ("cap", "99999")],
        )
        .await;
    assert_eq!(status, 422);
    let page = Page::parse(&body);
    assert_eq!(page.texts("h1").len(), 1, "one page, in the normal layout");
    assert!(
        page.texts("h1")[0].contains("Demo QuickScan"),
        "the round's own page"
    );
    assert_eq!(page.attr("#cap", "value").as_deref(), Some("99999"));
    assert_eq!(page.attr("#cap", "aria-invalid").as_deref(), Some("true"));
    let problem_id = page
        .attr("#cap", "aria-describedby")
        .expect("described by its problem");
    assert_eq!(
        page.texts(&format!("#{problem_id}")),
        ["Kies een maximum tussen 1 en 10 000 deelnemers."]
    );
    assert!(
        page.attrs("input[name=csrf]", "value").contains(&csrf),
        "the form can be sent again"
    );
    // A refused page is not hydrated (its address is the form's), nor is any staff page (the
    // server renders them whole); a respondent's page is. Its language switch leads back to
    // the page itself.
    let (_, staff_page) = app
        .get_as(&cookie, &app::paths::ROUND.with(world.round_a))
        .await;
    assert!(
        !staff_page.contains("/pkg/quickscan.js"),
        "a staff page is rendered by the server only"
    );
    let (_, scan_page) = app.get(&app::paths::scan_page(&world.tokens[0], 1)).await;
    assert!(
        scan_page.contains("/pkg/quickscan.js"),
        "a respondent's page hydrates"
    );
    assert!(
        !body.contains("/pkg/quickscan.js"),
        "a refused page does not"
    );
    let switch = page
        .attr("nav.language-switch a[hreflang=en]", "href")
        .unwrap();
    assert!(
        switch.ends_with(&format!("next=/rounds/{}", world.round_a)),
        "{switch}"
    );

    // A round name that is too long, on the dashboard's form of that organisation.
    let long = "x".repeat(101);
    let (status, _, body) = app
        .post_as(
            &cookie,
            &app::paths::ORGANISATION_NEW_ROUND.with(world.org_a),
            &[("csrf", &csrf), ("name", &long)],
        )
        .await;
    assert_eq!(status, 422);
    let page = Page::parse(&body);
    let input = format!("#round-name-{}", world.org_a);
    assert_eq!(page.attr(&input, "value"), Some(long));
    assert_eq!(
        page.texts(".field-problem"),
        ["Geef de bevraging een naam van 1 tot 100 tekens."]
    );

    // A peer group name taken already: its own message, not the round's.
    let admin = app.login("admin@test.be", PASSWORD).await.unwrap();
    let admin_csrf = app.csrf_token(&admin).await;
    for expected in [303, 409] {
        let (status, _, body) = app
            .post_as(
                &admin,
                app::paths::PEER_GROUPS.pattern(),
                &[("csrf", &admin_csrf), ("name", "Kempen")],
            )
            .await;
        assert_eq!(status, expected);
        if expected == 409 {
            let page = Page::parse(&body);
            assert_eq!(page.attr("#group-name", "value").as_deref(), Some("Kempen"));
            let problems = page.texts(".field-problem");
            assert_eq!(problems.len(), 1);
            assert!(!problems[0].contains("bevraging"), "{problems:?}");
        }
    }
    app.cleanup().await;
}

async fn someone_elses_round_looks_like_an_absent_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let other = app.login("coordinator-b@test.be", PASSWORD).await.unwrap();
    let mut answers = Vec::new();
    for round in [world.round_a, world.round_a + 1000] {
        for path in [
            app::paths::ROUND.with(round),
            app::paths::ROUND_REPORT.with(round),
            app::paths::ROUND_EXPORT_CSV.with(round),
        ] {
            let (status, body) = app.get_as(&other, &path).await;
            let message = Page::parse(&body).texts("[role=alert]");
            answers.push((path.replace(&round.to_string(), "ID"), status, message));
        }
    }
    let (theirs, absent) = answers.split_at(3);
    assert_eq!(
        theirs, absent,
        "the same answer for someone else's round and an absent one"
    );
    assert!(
        theirs.iter().all(|(_, status, _)| *status == 404),
        "{theirs:?}"
    );
    app.cleanup().await;
}

/// Five organisations, each with one closed round whose five respondents answer every
/// statement with the same level (0 to 4): the comparison colours every score by its level
/// and gives the median and quartiles of the organisations shown in its footer.
async fn the_comparison_is_a_heatmap_with_the_sectors_distribution(backend: Backend) {
    use app::db::organisation;
    use sea_orm::QueryOrder;
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap();
    for (level, organisation) in organisations.iter().take(5).enumerate() {
        let round = app.open_round(organisation.id, "QuickScan", 2026).await;
        app.submit_responses(round.id, 5, Some("staff"), &level.to_string(), None)
            .await;
        app::staff::rounds::close_and_aggregate(&app.ctx, &round)
            .await
            .unwrap();
    }
    let cookie = app.login("admin@test.be", PASSWORD).await.unwrap();
    let dimensions = app.ctx.models.current().dimensions.len();

    let (status, body) = app.get_as(&cookie, app::paths::ASSOCIATION.pattern()).await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    assert!(page.has("table.comparison.heatmap"), "{body}");
    assert_eq!(page.texts("table.heatmap tbody tr").len(), 5);
    for (level, organisation) in organisations.iter().take(5).enumerate() {
        let cells = page
            .row_in("table.heatmap tbody", &organisation.name)
            .unwrap();
        // Year, n, overall, then one cell per dimension.
        assert_eq!(cells.len(), 3 + dimensions, "{cells:?}");
        assert!(
            cells[2..].iter().all(|c| *c == format!("{level},0")),
            "{cells:?}"
        );
    }
    // Every score cell carries its level's class: five organisations × (overall and the
    // dimensions), one level each, and the legend shows each level once.
    for level in 0..5 {
        assert_eq!(
            page.texts(&format!("table.heatmap tbody td.heat-{level}"))
                .len(),
            1 + dimensions,
            "level {level}"
        );
        assert_eq!(page.texts(&format!(".heat-legend .heat-{level}")).len(), 1);
    }
    // Footer: the median of 0, 1, 2, 3, 4 is 2 (coloured as level 2); type-7 quartiles 1
    // and 3.
    let median = page
        .row_in("table.heatmap tfoot", "Mediaan van de getoonde besturen")
        .unwrap();
    assert_eq!(median[1], "5");
    assert!(median[2..].iter().all(|c| c == "2,0"), "{median:?}");
    assert_eq!(
        page.texts("table.heatmap tfoot td.heat-2").len(),
        1 + dimensions
    );
    let quartiles = page
        .row_in("table.heatmap tfoot", "1e–3e kwartiel")
        .unwrap();
    assert!(
        quartiles[2..].iter().all(|c| c == "1,0–3,0"),
        "{quartiles:?}"
    );

    // Filtered to Antwerp (the first two, levels 0 and 1): the footer follows the filter.
    let (_, body) = app
        .get_as(
            &cookie,
            &format!("{}?province=Antwerpen", app::paths::ASSOCIATION),
        )
        .await;
    let page = Page::parse(&body);
    let shown: Vec<String> = page.texts("table.heatmap tbody th");
    assert_eq!(
        shown,
        vec![organisations[0].name.clone(), organisations[1].name.clone()]
    );
    let median = page
        .row_in("table.heatmap tfoot", "Mediaan van de getoonde besturen")
        .unwrap();
    assert!(median[2..].iter().all(|c| c == "0,5"), "{median:?}");

    // A later round with results takes the organisation's row; a later one closed without
    // results (one respondent) does not.
    app.closed_round(organisations[0].id, "Later", 2027, 5, "4")
        .await;
    app.closed_round(organisations[0].id, "Te klein", 2027, 1, "0")
        .await;
    let (_, body) = app.get_as(&cookie, app::paths::ASSOCIATION.pattern()).await;
    let page = Page::parse(&body);
    assert_eq!(page.texts("table.heatmap tbody tr").len(), 5);
    let cells = page
        .row_in("table.heatmap tbody", &organisations[0].name)
        .unwrap();
    assert_eq!(cells[0], "2027", "{cells:?}");
    assert!(cells[2..].iter().all(|c| c == "4,0"), "{cells:?}");
    app.cleanup().await;
}

/// Five respondents answer 3 everywhere except on the first dimension, which they all
/// answer "don't know": it has no score, is named as little known with the advice to make
/// the practice known, and the overall score says it covers the other dimensions.
async fn a_little_known_dimension_is_named_and_gets_the_advice_to_make_it_known(backend: Backend) {
    use app::db::answer;
    use sea_orm::sea_query::Expr;
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    app.submit_responses(world.round_a, 5, Some("staff"), "3", None)
        .await;
    let model = app.ctx.models.current();
    let first = &model.dimensions[0];
    answer::Entity::update_many()
        .col_expr(answer::Column::Value, Expr::value("dont_know"))
        .filter(answer::Column::StatementId.is_in(first.statements.iter().map(|s| s.id.clone())))
        .exec(&app.ctx.db)
        .await
        .unwrap();
    let round = round::Entity::find_by_id(world.round_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    app::staff::rounds::close_and_aggregate(&app.ctx, &round)
        .await
        .unwrap();
    let cookie = app.login("coordinator-a@test.be", PASSWORD).await.unwrap();
    let (status, body) = app
        .get_as(&cookie, &app::paths::ROUND_REPORT.with(world.round_a))
        .await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    assert_eq!(page.texts("#unknown-heading"), vec!["Weinig gekend"]);
    assert_eq!(
        page.texts("ul.mostly-unknown li"),
        vec![format!("{} (100 % weet niet)", first.name.nl)]
    );
    let figures = |name: &str| {
        page.row_in("table[aria-labelledby=figures-heading]", name)
            .unwrap_or_else(|| panic!("a row for {name}"))
    };
    let unknown = figures(&first.name.nl);
    assert_eq!(
        unknown.first().map(String::as_str),
        Some("niet beoordeeld, grotendeels onbekend")
    );
    assert_eq!(unknown.last().map(String::as_str), Some("100 %"));
    let known = figures(&model.dimensions[1].name.nl);
    assert_eq!(known.first().map(String::as_str), Some("3,0"));
    assert_eq!(known.last().map(String::as_str), Some("0 %"));
    let total = model.dimensions.len();
    let overall = page.definition(quickscan_domain::Lang::Nl.texts().staff.overall);
    assert!(
        overall
            .as_deref()
            .is_some_and(|o| o.contains(&format!("over {} van {total} dimensies", total - 1))),
        "{overall:?}"
    );
    // The model's advice to make this practice known, for that dimension only.
    let advice = &first.make_known.as_ref().expect("the model says how").nl;
    assert_eq!(page.texts(".unknown-advice"), vec![advice.to_owned()]);
    // The export says the same: the summary names it, the figures give the share.
    let (status, csv) = app
        .get_as(&cookie, &app::paths::ROUND_EXPORT_CSV.with(world.round_a))
        .await;
    assert_eq!(status, 200);
    assert!(
        csv.contains(&format!(
            "\r\nWeinig gekend,{},,100 % weet niet\r\n",
            first.name.nl
        )),
        "{csv}"
    );
    assert!(
        csv.contains(&format!("over {} van {total} dimensies", total - 1)),
        "{csv}"
    );
    // The advice sheet gives the same advice to make it known.
    assert!(
        csv.lines().any(|line| line.starts_with(&first.name.nl)
            && line.contains("niet beoordeeld, grotendeels onbekend")
            && line.contains(advice.as_str())),
        "{csv}"
    );
    app.cleanup().await;
}
