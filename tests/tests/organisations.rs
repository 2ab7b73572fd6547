//! The association's organisations: the dashboard's searchable, filterable, paged list; adding
//! an organisation and editing its details, with each refusal named at its field; and an
//! organisation taken out of use keeping its history but opening no rounds and leaving the
//! benchmarks.

use app::db::organisation;
use app::paths;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TestApp, TEST_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    the_dashboard_searches_filters_and_pages_the_organisations,
    the_admin_adds_an_organisation_and_each_bad_field_is_named,
    an_organisation_out_of_use_keeps_its_rounds_opens_none_and_leaves_the_benchmarks,
    deleting_an_organisation_needs_its_name_typed_and_removes_what_it_owns,
);

/// The organisation names the dashboard lists at `query`.
async fn listed(app: &TestApp, cookie: &str, query: &str) -> Vec<String> {
    let (status, body) = app
        .get_as(cookie, &format!("{}?{query}", paths::DASHBOARD))
        .await;
    assert_eq!(status, 200, "{query}");
    Page::parse(&body).texts("table.organisations tbody th a")
}

async fn the_dashboard_searches_filters_and_pages_the_organisations(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let total = organisation::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap() as usize;
    assert!(total > 25, "the demo fills more than one page");

    let first = listed(&app, &admin, "").await;
    let second = listed(&app, &admin, "page=2").await;
    assert_eq!(first.len(), 25);
    assert_eq!(first.len() + second.len(), total);
    assert!(
        first.iter().all(|name| !second.contains(name)),
        "pages do not overlap"
    );
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(first, sorted, "in name order");
    // A page past the end shows the last one; a page that is not a number the first.
    assert_eq!(listed(&app, &admin, "page=99").await, second);
    assert_eq!(listed(&app, &admin, "page=x").await, first);

    assert_eq!(listed(&app, &admin, "q=gee").await, ["Geel"]);
    assert_eq!(listed(&app, &admin, "q=12025").await, ["Mechelen"]);
    assert_eq!(
        listed(&app, &admin, "q=%20SINT-").await,
        ["Sint-Niklaas", "Sint-Truiden"]
    );
    let limburg = listed(&app, &admin, "province=Limburg").await;
    let in_limburg = organisation::Entity::find()
        .filter(organisation::Column::Province.eq("Limburg"))
        .count(&app.ctx.db)
        .await
        .unwrap() as usize;
    assert_eq!(limburg.len(), in_limburg);
    assert!(limburg.contains(&"Genk".to_owned()));
    let small_limburg = listed(&app, &admin, "province=Limburg&size=10k-25k").await;
    assert_eq!(small_limburg, ["Bocholt"]);
    assert_eq!(
        listed(&app, &admin, "kind=municipality&q=bo").await,
        ["Bocholt", "Boom"]
    );
    // Geel's round is the only open one; every other organisation has none this year.
    assert_eq!(listed(&app, &admin, "state=open").await, ["Geel"]);
    let without = listed(&app, &admin, "state=none-this-year&page=2").await;
    assert!(!without.contains(&"Geel".to_owned()));
    let (_, body) = app
        .get_as(&admin, &format!("{}?q=nergens", paths::DASHBOARD))
        .await;
    assert_eq!(
        Page::parse(&body).texts("main [role=status]"),
        ["Geen organisaties gevonden met deze filter."]
    );
    // The pager keeps the filter.
    let (_, body) = app
        .get_as(
            &admin,
            &format!("{}?state=none-this-year", paths::DASHBOARD),
        )
        .await;
    let next = Page::parse(&body).attr("nav.pager a[rel=next]", "href");
    assert_eq!(
        next.as_deref(),
        Some("/dashboard?state=none-this-year&page=2")
    );

    // A coordinator of one organisation sees it with its rounds at once, and only it.
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let (status, body) = app.get_as(&coordinator, paths::DASHBOARD.pattern()).await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    assert!(!page.has("table.organisations"));
    assert!(
        page.texts("main h2").iter().any(|h| h.starts_with("Geel")),
        "{:?}",
        page.texts("main h2")
    );
    assert!(page.has("form[action$=\"/rounds\"]"));
    // So does an advisor assigned to one.
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let (_, body) = app.get_as(&advisor, paths::DASHBOARD.pattern()).await;
    let page = Page::parse(&body);
    assert!(page.texts("main h2").iter().any(|h| h.starts_with("Geel")));
    assert!(!page.has("table.organisations"));
    app.cleanup().await;
}

/// Posts the new-organisation form as `cookie`.
async fn add(
    app: &TestApp,
    cookie: &str,
    fields: [(&str, &str); 5],
) -> (u16, Option<String>, String) {
    let csrf = app.csrf_token(cookie).await;
    let mut form = vec![("csrf", csrf.as_str()), ("active", "1")];
    form.extend(fields);
    app.post_as(cookie, paths::ORGANISATION_NEW.pattern(), &form)
        .await
}

const HASSELT: [(&str, &str); 5] = [
    ("code", "71022"),
    ("name", "Hasselt"),
    ("kind", "city"),
    ("province", "Limburg"),
    ("population", "80 600"),
];

fn with(field: &'static str, value: &'static str) -> [(&'static str, &'static str); 5] {
    HASSELT.map(|(name, old)| (name, if name == field { value } else { old }))
}

async fn the_admin_adds_an_organisation_and_each_bad_field_is_named(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let before = organisation::Entity::find()
        .count(&app.ctx.db)
        .await
        .unwrap();
    let (status, body) = app.get_as(&admin, paths::ORGANISATION_NEW.pattern()).await;
    assert_eq!(status, 200);
    assert!(Page::parse(&body).has("form[action=\"/admin/organisations/new\"] input[name=code]"));

    let refusals = [
        (
            with("code", "7102"),
            "code",
            "Een NIS-code bestaat uit vijf cijfers, zoals 12025.",
            422,
        ),
        (
            with("code", "13008"),
            "code",
            "Een andere organisatie heeft deze NIS-code al.",
            409,
        ),
        (
            with("name", "  "),
            "name",
            "Geef een naam van 1 tot 200 tekens.",
            422,
        ),
        (
            with("kind", "club"),
            "kind",
            "Kies een van de soorten: gemeente, stad, OCMW, provincie of agentschap.",
            422,
        ),
        (
            with("province", "Henegouwen"),
            "province",
            "Kies een van de vijf Vlaamse provincies.",
            422,
        ),
        (
            with("population", "veel"),
            "population",
            "Geef het aantal inwoners als geheel getal, zoals 41900.",
            422,
        ),
    ];
    for (fields, field, message, expected_status) in refusals {
        let (status, _, body) = add(&app, &admin, fields).await;
        assert_eq!(status, expected_status, "{field}");
        let page = Page::parse(&body);
        assert_eq!(page.texts(".field-problem"), [message], "{field}");
        let input = format!("#new-organisation-{field}");
        assert_eq!(
            page.attr(&input, "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
        // What was typed is filled back in.
        let typed = fields.iter().find(|(name, _)| *name == "name").unwrap().1;
        assert_eq!(
            page.attr("#new-organisation-name", "value").as_deref(),
            Some(typed)
        );
        assert_eq!(
            page.attr("#new-organisation-population", "value")
                .as_deref(),
            Some(fields[4].1)
        );
    }
    assert_eq!(
        organisation::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        before,
        "a refused form writes nothing"
    );

    // Nobody else may add one.
    for email in ["coordinator-a@test.be", "advisor-a@test.be"] {
        let cookie = app.login(email, TEST_PASSWORD).await.unwrap();
        assert_eq!(
            app.get_as(&cookie, paths::ORGANISATION_NEW.pattern())
                .await
                .0,
            403
        );
        assert_eq!(add(&app, &cookie, HASSELT).await.0, 403, "{email}");
    }

    let (status, location, _) = add(&app, &admin, HASSELT).await;
    assert_eq!(status, 303);
    let stored = organisation::Entity::find()
        .filter(organisation::Column::Code.eq("71022"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("Hasselt is stored");
    assert_eq!(location, Some(paths::ORGANISATION.with(stored.id)));
    assert_eq!(
        (
            stored.name.as_str(),
            stored.province.as_str(),
            stored.population,
            stored.active
        ),
        ("Hasselt", "Limburg", 80_600, true)
    );
    let (status, body) = app
        .get_as(&admin, &paths::ORGANISATION.with(stored.id))
        .await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    assert!(page
        .texts("main h1")
        .iter()
        .any(|h| h.starts_with("Hasselt")));
    assert_eq!(
        page.attr("#organisation-details-code", "value").as_deref(),
        Some("71022")
    );
    // The same NIS code twice at once: one is stored, the other is told why not.
    let (a, b) = tokio::join!(
        add(&app, &admin, with("code", "71069")),
        add(&app, &admin, with("code", "71069"))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [303, 409]);
    app.cleanup().await;
}

async fn an_organisation_out_of_use_keeps_its_rounds_opens_none_and_leaves_the_benchmarks(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    let details_of_geel = [
        ("csrf", csrf.as_str()),
        ("code", "13008"),
        ("name", "Geel"),
        ("kind", "city"),
        ("province", "Antwerpen"),
        ("population", "41900"),
    ];
    // Saved without the "takes part" box: out of use.
    let (status, location, _) = app
        .post_as(
            &admin,
            &paths::ORGANISATION_DETAILS.with(world.org_a),
            &details_of_geel,
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location,
        Some(format!("{}?saved=1", paths::ORGANISATION.with(world.org_a)))
    );
    let peers = app::staff::benchmarks::peer_organisations(&app.ctx.db)
        .await
        .unwrap();
    assert!(
        peers.iter().all(|o| o.id != world.org_a),
        "out of the benchmarks"
    );
    assert!(peers.iter().any(|o| o.id == world.org_b));

    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let (status, body) = app
        .get_as(&coordinator, &paths::ORGANISATION.with(world.org_a))
        .await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    assert!(
        page.has(&format!("a[href=\"{}\"]", paths::ROUND.with(world.round_a))),
        "its round stays"
    );
    assert!(
        !page.has("form[action$=\"/rounds\"]"),
        "no form opening a round"
    );
    assert!(
        !page.has("#organisation-details-code"),
        "a coordinator does not edit details"
    );
    let coordinator_csrf = app.csrf_token(&coordinator).await;
    let (status, _, body) = app
        .post_as(
            &coordinator,
            &paths::ORGANISATION_NEW_ROUND.with(world.org_a),
            &[("csrf", coordinator_csrf.as_str()), ("name", "Nog een")],
        )
        .await;
    assert_eq!(status, 409, "{body}");
    // A coordinator may not edit the details either.
    let mut theirs = details_of_geel;
    theirs[0].1 = coordinator_csrf.as_str();
    let (status, _, _) = app
        .post_as(
            &coordinator,
            &paths::ORGANISATION_DETAILS.with(world.org_a),
            &theirs,
        )
        .await;
    assert_eq!(status, 403);
    // Another organisation's page is not theirs to see.
    assert_eq!(
        app.get_as(&coordinator, &paths::ORGANISATION.with(world.org_b))
            .await
            .0,
        403
    );

    // Back in use: counted again, rounds open again.
    let mut back = details_of_geel.to_vec();
    back.push(("active", "1"));
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ORGANISATION_DETAILS.with(world.org_a),
            &back,
        )
        .await;
    assert_eq!(status, 303);
    let peers = app::staff::benchmarks::peer_organisations(&app.ctx.db)
        .await
        .unwrap();
    assert!(peers.iter().any(|o| o.id == world.org_a));
    // Taking another's NIS code is refused, and the details stay as they were.
    let mut taken = back.clone();
    taken[1].1 = "12025";
    let (status, _, body) = app
        .post_as(
            &admin,
            &paths::ORGANISATION_DETAILS.with(world.org_a),
            &taken,
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        Page::parse(&body)
            .attr("#organisation-details-code", "value")
            .as_deref(),
        Some("12025")
    );
    let geel = organisation::Entity::find_by_id(world.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(geel.code, "13008");
    app.cleanup().await;
}

async fn deleting_an_organisation_needs_its_name_typed_and_removes_what_it_owns(backend: Backend) {
    use app::db::{round, user};
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    let delete = |name: &'static str| {
        let (app, admin, csrf) = (&app, &admin, &csrf);
        async move {
            app.post_as(
                admin,
                &paths::ORGANISATION_DELETE.with(world.org_a),
                &[("csrf", csrf.as_str()), ("confirm_name", name)],
            )
            .await
        }
    };
    let (status, _, body) = delete("Gee").await;
    assert_eq!(status, 422);
    assert_eq!(
        Page::parse(&body)
            .attr("#delete-organisation-confirm_name", "aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(organisation::Entity::find_by_id(world.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .is_some());
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let coordinator_csrf = app.csrf_token(&coordinator).await;
    let (status, _, _) = app
        .post_as(
            &coordinator,
            &paths::ORGANISATION_DELETE.with(world.org_a),
            &[
                ("csrf", coordinator_csrf.as_str()),
                ("confirm_name", "Geel"),
            ],
        )
        .await;
    assert_eq!(status, 403);

    let (status, location, _) = delete(" geel ").await;
    assert_eq!(status, 303);
    assert_eq!(location, Some(format!("{}?deleted=1", paths::DASHBOARD)));
    assert!(organisation::Entity::find_by_id(world.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        round::Entity::find()
            .filter(round::Column::OrganisationId.eq(world.org_a))
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0,
        "its rounds went with it"
    );
    let accounts: Vec<String> = user::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert!(
        !accounts.contains(&"coordinator-a@test.be".to_owned()),
        "its coordinator went"
    );
    assert!(
        accounts.contains(&"advisor-a@test.be".to_owned()),
        "an advisor stays"
    );
    assert_eq!(
        app.get_as(&coordinator, paths::DASHBOARD.pattern()).await.0,
        401
    );
    let recorded = app::db::audit_event::Entity::find()
        .filter(app::db::audit_event::Column::Action.eq("organisation-deleted"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("the deletion is recorded");
    assert!(recorded.detail.contains("13008 Geel"), "{recorded:?}");
    app.cleanup().await;
}
