//! The audit log: every recorded staff action leaves a row with who, which organisation and
//! from where (one test walks them all); the admin filters and exports it; old rows go after
//! the retention period; no respondent's address is ever in it.

use std::collections::BTreeSet;

use app::db::{audit_event, import_upload, user};
use app::paths;
use quickscan_domain::audit::AuditAction;
use quickscan_tests::{on_both_databases, spawn_app_with, Backend, Page, TestApp, TEST_PASSWORD};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(
    every_recorded_action_leaves_a_row_and_no_respondent_address,
    the_admin_filters_and_exports_the_log_and_old_rows_go,
);

async fn events(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find().all(&app.ctx.db).await.unwrap()
}

async fn post(app: &TestApp, cookie: &str, path: &str, fields: &[(&str, &str)]) -> u16 {
    let csrf = app.csrf_token(cookie).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    app.post_as(cookie, path, &form).await.0
}

const RESPONDENT_ADDRESS: &str = "respondent.geheim@example.be";

async fn every_recorded_action_leaves_a_row_and_no_respondent_address(backend: Backend) {
    // E-mail on, to a port where nothing listens: mailed invitations are written and wait.
    let closed_port = quickscan_tests::smtp::free_port();
    let mail = app::mail::MailSettings::parse(
        &format!("smtp://127.0.0.1:{closed_port}"),
        "QuickScan <scan@test.be>",
    )
    .unwrap();
    let app = spawn_app_with(backend, |config| config.mail = Some(mail)).await;
    let world = app.staff_world().await;
    assert!(app
        .login("admin@test.be", "not the password")
        .await
        .is_none());
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();

    // Rounds and invitations, by the coordinator.
    let round = |path: paths::RoutePath| path.with(world.round_a);
    assert_eq!(
        post(
            &app,
            &coordinator,
            &paths::ORGANISATION_NEW_ROUND.with(world.org_a),
            &[("name", "Tweede ronde")]
        )
        .await,
        303
    );
    assert_eq!(
        post(
            &app,
            &coordinator,
            &round(paths::ROUND_OPEN_LINK),
            &[("cap", "20")]
        )
        .await,
        303
    );
    assert_eq!(
        post(
            &app,
            &coordinator,
            &round(paths::ROUND_INVITE_BY_MAIL),
            &[("addresses", RESPONDENT_ADDRESS), ("group", "staff")]
        )
        .await,
        303
    );
    post(&app, &coordinator, &round(paths::ROUND_MAIL_RESEND), &[]).await;
    post(&app, &coordinator, &round(paths::ROUND_MAIL_REMIND), &[]).await;
    assert_eq!(
        post(
            &app,
            &coordinator,
            &paths::ORGANISATION_COORDINATORS.with(world.org_a),
            &[("email", "collega@geel.be"), ("display_name", "Collega"),]
        )
        .await,
        200
    );
    let (status, _) = app
        .get_as(&coordinator, &round(paths::ROUND_EXPORT_CSV))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        post(
            &app,
            &coordinator,
            paths::ACCOUNT_PASSWORD.pattern(),
            &[
                ("current_password", TEST_PASSWORD),
                ("new_password", TEST_PASSWORD),
                ("new_password_again", TEST_PASSWORD),
            ]
        )
        .await,
        303
    );

    // Imports, exports and peer groups, by the admin.
    let csrf = app.csrf_token(&admin).await;
    let (status, _) = app
        .upload_as(
            &admin,
            &csrf,
            world.org_a,
            "antwoorden.csv",
            b"respondent,statement,answer\r\nr1,policy-1,3\r\n".to_vec(),
        )
        .await;
    assert_eq!(status, 303);
    let upload = import_upload::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        post(&app, &admin, &paths::IMPORT_CONFIRM.with(upload.id), &[]).await,
        303
    );
    assert_eq!(
        app.get_as(&admin, paths::ASSOCIATION_EXPORT_CSV.pattern())
            .await
            .0,
        200
    );
    assert_eq!(
        post(
            &app,
            &admin,
            paths::PEER_GROUPS.pattern(),
            &[("name", "Kempen")]
        )
        .await,
        303
    );
    let group = app::db::peer_group::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let org = world.org_a.to_string();
    post(
        &app,
        &admin,
        &paths::PEER_GROUP_MEMBERS.with(group.id),
        &[("organisation", org.as_str())],
    )
    .await;

    // Organisations and accounts.
    let hasselt = [
        ("code", "71022"),
        ("name", "Hasselt"),
        ("kind", "city"),
        ("province", "Limburg"),
        ("population", "80600"),
        ("active", "1"),
    ];
    assert_eq!(
        post(&app, &admin, paths::ORGANISATION_NEW.pattern(), &hasselt).await,
        303
    );
    let hasselt_id = app::db::organisation::Entity::find()
        .filter(app::db::organisation::Column::Code.eq("71022"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        post(
            &app,
            &admin,
            &paths::ORGANISATION_DETAILS.with(hasselt_id),
            &hasselt
        )
        .await,
        303
    );
    assert_eq!(
        post(
            &app,
            &admin,
            paths::ACCOUNTS.pattern(),
            &[
                ("email", "nieuw@hasselt.be"),
                ("display_name", "Nieuw"),
                ("role", "advisor"),
                ("organisations", "71022"),
            ]
        )
        .await,
        200
    );
    let advisor = user::Entity::find()
        .filter(user::Column::Email.eq("advisor-b@test.be"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    post(
        &app,
        &admin,
        &paths::ACCOUNT_ORGANISATIONS.with(advisor),
        &[("organisations", "71022")],
    )
    .await;
    post(
        &app,
        &admin,
        &paths::ACCOUNT_ACTIVE.with(advisor),
        &[("active", "0")],
    )
    .await;
    post(
        &app,
        &admin,
        &paths::ACCOUNT_ACTIVE.with(advisor),
        &[("active", "1")],
    )
    .await;
    let (status, _, body) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_NEW_LINK.with(advisor),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(status, 200);
    let link = Page::parse(&body).attr("#one-time-link", "value").unwrap();
    let token = link.rsplit('/').next().unwrap();
    let (status, _, _) = app
        .post_form(
            &paths::ACCOUNT_LINK.with(token),
            &[
                ("new_password", "paard batterij nietje correct"),
                ("new_password_again", "paard batterij nietje correct"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    app.post_form(
        paths::ACCOUNT_FORGOT.pattern(),
        &[("email", "niemand@test.be")],
    )
    .await;
    assert_eq!(
        app.get_as(&admin, paths::AUDIT_LOG_EXPORT.pattern())
            .await
            .0,
        200
    );
    // A list import, and a deletion.
    let proef = [
        ("code", "99003"),
        ("name", "Proefgemeente"),
        ("kind", "municipality"),
        ("province", "Limburg"),
        ("population", "1200"),
    ];
    assert_eq!(
        post(
            &app,
            &admin,
            paths::ORGANISATIONS_IMPORT_CONFIRM.pattern(),
            &proef
        )
        .await,
        303
    );
    let proef = app::db::organisation::Entity::find()
        .filter(app::db::organisation::Column::Code.eq("99003"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let deletion = paths::ORGANISATION_DELETE.with(proef);
    assert_eq!(
        post(
            &app,
            &admin,
            &deletion,
            &[("confirm_name", "Proefgemeente")]
        )
        .await,
        303
    );

    // An action plan on a round with results: a target, advice adopted, an own action
    // changed and deleted, and the advisor's comment.
    let planned = app
        .closed_round(world.org_a, "Planronde", 2025, 5, "2")
        .await
        .id;
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let plan = |path: paths::RoutePath| path.with(planned);
    for (cookie, path, fields) in [
        (
            &coordinator,
            plan(paths::PLAN_TARGET),
            vec![("dimension", "policy"), ("target", "3"), ("ambition", "")],
        ),
        (
            &coordinator,
            plan(paths::PLAN_ADOPT),
            vec![("advice", "policy:2:short:0")],
        ),
        (
            &advisor,
            plan(paths::PLAN_COMMENTS),
            vec![("comment", "Goed")],
        ),
    ] {
        assert_eq!(post(&app, cookie, &path, &fields).await, 303, "{path}");
    }
    let action = app::db::plan_action::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    for path in [
        paths::PLAN_ACTION.with(action),
        paths::PLAN_ACTION_DELETE.with(action),
    ] {
        let fields = [
            ("title", "Gewijzigd"),
            ("dimension", "policy"),
            ("horizon", "short"),
            ("owner", ""),
            ("due", "2027-01-31"),
            ("status", "in_progress"),
        ];
        assert_eq!(
            post(&app, &coordinator, &path, &fields).await,
            303,
            "{path}"
        );
    }

    // Closing, and signing out.
    assert_eq!(
        post(
            &app,
            &coordinator,
            &round(paths::ROUND_CLOSE),
            &[("confirm_without_results", "1")]
        )
        .await,
        303
    );
    assert_eq!(
        post(&app, &coordinator, paths::LOGOUT.pattern(), &[]).await,
        303
    );

    let recorded = events(&app).await;
    let codes: BTreeSet<&str> = recorded.iter().map(|e| e.action.as_str()).collect();
    let every: BTreeSet<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
    assert_eq!(codes, every, "each action recorded, nothing unknown");
    for event in &recorded {
        assert!(!event.detail.contains(RESPONDENT_ADDRESS), "{event:?}");
        assert!(!event.detail.contains("respondent.geheim"), "{event:?}");
        assert!(!event.client.is_empty(), "from where: {event:?}");
    }
    let closed = recorded
        .iter()
        .find(|e| e.action == "round-closed")
        .unwrap();
    assert_eq!(
        closed.organisation_id,
        Some(world.org_a),
        "a round's organisation is found"
    );
    assert_eq!(closed.actor_email, "coordinator-a@test.be");
    let mailed = recorded
        .iter()
        .find(|e| e.action == "invitations-mailed")
        .unwrap();
    assert!(mailed.detail.contains("1 addresses"), "{mailed:?}");
    let refused = recorded
        .iter()
        .find(|e| e.action == "sign-in-refused")
        .unwrap();
    assert_eq!(
        (refused.actor_id, refused.actor_email.as_str()),
        (None, "admin@test.be")
    );
    app.cleanup().await;
}

async fn the_admin_filters_and_exports_the_log_and_old_rows_go(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let world = app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    post(
        &app,
        &coordinator,
        &paths::ROUND_OPEN_LINK.with(world.round_a),
        &[("cap", "20")],
    )
    .await;
    // An event from long ago.
    audit_event::ActiveModel {
        at: Set(chrono::Utc::now() - chrono::Duration::days(800)),
        actor_id: Set(None),
        actor_email: Set("vroeger@test.be".into()),
        action: Set("sign-in".into()),
        organisation_id: Set(None),
        detail: Set(String::new()),
        client: Set("127.0.0.1".into()),
        ..Default::default()
    }
    .insert(&app.ctx.db)
    .await
    .unwrap();

    let listed = |query: String| {
        let (app, admin) = (&app, &admin);
        async move {
            let (status, body) = app
                .get_as(admin, &format!("{}?{query}", paths::AUDIT_LOG))
                .await;
            assert_eq!(status, 200, "{query}");
            let page = Page::parse(&body);
            (page.texts("table.audit-log tbody td:nth-child(2)"), body)
        }
    };
    let (who, _) = listed("person=coordinator".into()).await;
    assert!(
        !who.is_empty() && who.iter().all(|w| w == "coordinator-a@test.be"),
        "{who:?}"
    );
    let (who, _) = listed("action=open-link-changed".into()).await;
    assert_eq!(who, ["coordinator-a@test.be"]);
    let (who, _) = listed(format!("organisation={}", world.org_b)).await;
    assert!(who.is_empty());
    let (who, _) = listed(format!("organisation={}", world.org_a)).await;
    assert_eq!(who, ["coordinator-a@test.be"]);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let (who, _) = listed(format!("from={today}&until={today}")).await;
    assert!(!who.contains(&"vroeger@test.be".to_owned()));
    let (who, _) = listed("until=2000-01-01".into()).await;
    assert!(who.is_empty());
    let (who, body) = listed("from=gisteren".into()).await;
    assert!(body.contains("JJJJ-MM-DD"), "the bad date is named");
    assert!(
        who.contains(&"vroeger@test.be".to_owned()),
        "and left out of the filter"
    );

    let (status, csv) = app
        .get_as(
            &admin,
            &format!("{}?action=open-link-changed", paths::AUDIT_LOG_EXPORT),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 2, "a header and the one event: {csv}");
    assert!(csv.contains("coordinator-a@test.be") && csv.contains("cap 20"));

    // Retention: the old event goes, the recent ones stay.
    let purged = app::staff::audit::purge(&app.ctx.db, 730, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(purged, 1);
    let left = events(&app).await;
    assert!(left.iter().all(|e| e.actor_email != "vroeger@test.be"));
    assert!(left.iter().any(|e| e.action == "open-link-changed"));
    // Nobody else reads it.
    for cookie in [&coordinator] {
        assert_eq!(app.get_as(cookie, paths::AUDIT_LOG.pattern()).await.0, 403);
        assert_eq!(
            app.get_as(cookie, paths::AUDIT_LOG_EXPORT.pattern())
                .await
                .0,
            403
        );
    }
    app.cleanup().await;
}
