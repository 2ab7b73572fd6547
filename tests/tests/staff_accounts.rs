//! Staff accounts the association creates, against a real SMTP server where mail is on: the
//! activation e-mail arrives and its link works once; without e-mail the link is shown once;
//! deactivation ends the sessions at once; a forgotten password gets a reset link and an
//! unknown address gets nothing, with the same answer; a coordinator invites a colleague.

use app::db::{account_link, user};
use app::mail::MailSettings;
use app::paths;
use quickscan_tests::smtp::SmtpSink;
use quickscan_tests::{
    on_both_databases, spawn_app, spawn_app_with, Backend, Page, StaffWorld, TestApp, TEST_PASSWORD,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

on_both_databases!(
    a_new_coordinator_activates_from_the_mail_and_the_link_works_once,
    without_mail_the_link_is_shown_once_and_each_bad_field_is_named,
    deactivating_an_account_ends_its_sessions_at_once,
    a_forgotten_password_gets_a_link_and_an_unknown_address_gets_nothing,
    a_coordinator_invites_a_colleague_for_their_own_organisation_only,
    the_admin_assigns_an_advisor_to_organisations,
);

const NEW_PASSWORD: &str = "paard batterij nietje correct";
const FROM: &str = "QuickScan <scan@test.be>";

async fn mailing_app(backend: Backend, sink: &SmtpSink) -> (TestApp, StaffWorld) {
    let settings = MailSettings::parse(&sink.url(), FROM).expect("mail settings");
    let app = spawn_app_with(backend, |config| config.mail = Some(settings)).await;
    let world = app.staff_world().await;
    (app, world)
}

async fn new_account(
    app: &TestApp,
    admin: &str,
    email: &str,
    role: &str,
    organisations: &str,
) -> (u16, Option<String>, String) {
    let csrf = app.csrf_token(admin).await;
    app.post_as(
        admin,
        paths::ACCOUNTS.pattern(),
        &[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("display_name", "Nieuwe Collega"),
            ("role", role),
            ("organisations", organisations),
        ],
    )
    .await
}

/// The one-time link's token in a text (mail body or page), after `{base}/account/link/`.
fn link_token(text: &str, base: &str) -> Option<String> {
    let prefix = format!("{base}/account/link/");
    let start = text.find(&prefix)? + prefix.len();
    Some(
        text[start..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect(),
    )
}

async fn set_password(
    app: &TestApp,
    token: &str,
    new: &str,
    again: &str,
) -> (u16, Option<String>, String) {
    app.post_form(
        &paths::ACCOUNT_LINK.with(token),
        &[("new_password", new), ("new_password_again", again)],
    )
    .await
}

async fn a_new_coordinator_activates_from_the_mail_and_the_link_works_once(backend: Backend) {
    let sink = SmtpSink::start(&[]);
    let (app, _) = mailing_app(backend, &sink).await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let (status, location, _) =
        new_account(&app, &admin, "Nieuw@Geel.be", "coordinator", "13008").await;
    assert_eq!(status, 303);
    assert_eq!(location, Some(format!("{}?sent=1", paths::ACCOUNTS)));
    let mails = sink.wait_for(1);
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["nieuw@geel.be"]);
    let token = link_token(&mails[0].body, &app.base).expect("a link in the mail");
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    assert!(mails[0].body.contains("7 dagen"), "{}", mails[0].body);
    // Only the token's hash is stored.
    let stored = account_link::Entity::find().all(&app.ctx.db).await.unwrap();
    assert!(stored.iter().all(|l| l.token_hash != token));
    // Not signed in before activation, whatever the password.
    assert!(app.login("nieuw@geel.be", "").await.is_none());

    let (status, page) = app.get(&paths::ACCOUNT_LINK.with(&token)).await;
    assert_eq!(status, 200);
    assert!(page.contains("nieuw@geel.be"));
    // A refused password is named at its field and uses up nothing.
    let (status, _, body) = set_password(&app, &token, "kort", "kort").await;
    assert_eq!(status, 422);
    assert_eq!(Page::parse(&body).texts(".field-problem").len(), 1);
    let (status, _, _) = set_password(&app, &token, NEW_PASSWORD, "iets anders dan dat").await;
    assert_eq!(status, 422);
    // Two uses at once: one sets the password.
    let (first, second) = tokio::join!(
        set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD),
        set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD)
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [303, 410], "{:?} {:?}", first.1, second.1);
    let done = if first.0 == 303 { first } else { second };
    assert_eq!(done.1, Some(format!("{}?password-set=1", paths::LOGIN)));

    let cookie = app
        .login("nieuw@geel.be", NEW_PASSWORD)
        .await
        .expect("signs in");
    let (_, dashboard) = app.get_as(&cookie, paths::DASHBOARD.pattern()).await;
    assert!(Page::parse(&dashboard)
        .texts("main h2")
        .iter()
        .any(|h| h.starts_with("Geel")));
    // The link works once; it says so and shows the way forward.
    let (status, page) = app.get(&paths::ACCOUNT_LINK.with(&token)).await;
    assert_eq!(status, 410);
    assert!(page.contains("al gebruikt"), "{page}");
    assert!(page.contains(paths::ACCOUNT_FORGOT.pattern()));
    // The admin's list shows the account, active, with its last sign-in.
    let (_, list) = app.get_as(&admin, paths::ACCOUNTS.pattern()).await;
    let row = Page::parse(&list).row("nieuw@geel.be").expect("a row");
    assert_eq!(row[2], "Geel (13008)");
    assert_ne!(row[3], "nooit");
    assert_eq!(row[4], "actief");
    app.cleanup().await;
}

async fn without_mail_the_link_is_shown_once_and_each_bad_field_is_named(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let users = || async { user::Entity::find().count(&app.ctx.db).await.unwrap() };
    let before = users().await;
    let refusals = [
        ("geen-adres", "coordinator", "13008", "email", 422),
        ("advisor-a@test.be", "coordinator", "13008", "email", 409),
        ("nieuw@test.be", "admin", "13008", "role", 422),
        (
            "nieuw@test.be",
            "coordinator",
            "13008 12025",
            "organisations",
            422,
        ),
        ("nieuw@test.be", "advisor", "", "organisations", 422),
        (
            "nieuw@test.be",
            "advisor",
            "13008 99999",
            "organisations",
            422,
        ),
    ];
    for (email, role, organisations, field, expected) in refusals {
        let (status, _, body) = new_account(&app, &admin, email, role, organisations).await;
        assert_eq!(status, expected, "{email} {role} {organisations}");
        let page = Page::parse(&body);
        assert_eq!(page.texts(".field-problem").len(), 1, "{field}");
        assert_eq!(
            page.attr(&format!("#new-account-{field}"), "aria-invalid")
                .as_deref(),
            Some("true"),
            "{field}"
        );
        assert_eq!(
            page.attr("#new-account-email", "value").as_deref(),
            Some(email)
        );
    }
    assert_eq!(users().await, before, "a refused form writes nothing");

    let (status, _, body) =
        new_account(&app, &admin, "los@test.be", "advisor", "13008, 12025").await;
    assert_eq!(status, 200);
    let page = Page::parse(&body);
    let shown = page
        .attr("#one-time-link", "value")
        .expect("the link, shown once");
    // Shown only in this render: hydrating the page would wipe it.
    assert!(
        !body.contains("/pkg/quickscan.js"),
        "the page is not hydrated"
    );
    let token = link_token(&shown, &app.base).expect("a link");
    assert!(
        body.contains("geen mailserver"),
        "the page says why it shows the link"
    );
    // Shown once: the list afterwards does not carry it.
    let (_, list) = app.get_as(&admin, paths::ACCOUNTS.pattern()).await;
    assert!(!list.contains(&token));
    assert_eq!(
        Page::parse(&list).row("los@test.be").expect("a row")[4],
        "wacht op activering"
    );
    let (status, _, _) = set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    assert!(app.login("los@test.be", NEW_PASSWORD).await.is_some());

    // Nobody but the admin manages accounts.
    for email in ["coordinator-a@test.be", "advisor-a@test.be"] {
        let cookie = app.login(email, TEST_PASSWORD).await.unwrap();
        assert_eq!(app.get_as(&cookie, paths::ACCOUNTS.pattern()).await.0, 403);
        let (status, _, _) = new_account(&app, &cookie, "x@test.be", "advisor", "13008").await;
        assert_eq!(status, 403);
    }
    assert_eq!(users().await, before + 1);
    app.cleanup().await;
}

async fn account_id(app: &TestApp, email: &str) -> i32 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("the account")
        .id
}

async fn deactivating_an_account_ends_its_sessions_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    let colleague = app
        .login("coordinator-b@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        app.get_as(&colleague, paths::DASHBOARD.pattern()).await.0,
        200
    );
    let id = account_id(&app, "coordinator-b@test.be").await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ACTIVE.with(id),
            &[("csrf", &csrf), ("active", "0")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        app.get_as(&colleague, paths::DASHBOARD.pattern()).await.0,
        401
    );
    assert!(app
        .login("coordinator-b@test.be", TEST_PASSWORD)
        .await
        .is_none());
    let (_, list) = app.get_as(&admin, paths::ACCOUNTS.pattern()).await;
    assert_eq!(
        Page::parse(&list).row("coordinator-b@test.be").unwrap()[4],
        "gedeactiveerd"
    );
    // No new link for a deactivated account.
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_NEW_LINK.with(id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(status, 409);
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ACTIVE.with(id),
            &[("csrf", &csrf), ("active", "1")],
        )
        .await;
    assert_eq!(status, 303);
    assert!(app
        .login("coordinator-b@test.be", TEST_PASSWORD)
        .await
        .is_some());
    // The admin cannot lock themselves out.
    let own = account_id(&app, "admin@test.be").await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ACTIVE.with(own),
            &[("csrf", &csrf), ("active", "0")],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(app.get_as(&admin, paths::DASHBOARD.pattern()).await.0, 200);
    app.cleanup().await;
}

async fn a_forgotten_password_gets_a_link_and_an_unknown_address_gets_nothing(backend: Backend) {
    let sink = SmtpSink::start(&[]);
    let (app, _) = mailing_app(backend, &sink).await;
    let (status, page) = app.get(paths::ACCOUNT_FORGOT.pattern()).await;
    assert_eq!(status, 200);
    assert!(Page::parse(&page).has("form[action=\"/account/forgot\"] input[name=email]"));
    let unknown = app
        .post_form(
            paths::ACCOUNT_FORGOT.pattern(),
            &[("email", "niemand@test.be")],
        )
        .await;
    let known = app
        .post_form(
            paths::ACCOUNT_FORGOT.pattern(),
            &[("email", " Coordinator-A@test.be ")],
        )
        .await;
    assert_eq!(
        (unknown.0, &unknown.1),
        (known.0, &known.1),
        "the same answer either way"
    );
    assert_eq!(known.1, Some(format!("{}?sent=1", paths::ACCOUNT_FORGOT)));
    let mails = sink.wait_for(1);
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["coordinator-a@test.be"]);
    // A second request at once sends no second mail.
    app.post_form(
        paths::ACCOUNT_FORGOT.pattern(),
        &[("email", "coordinator-a@test.be")],
    )
    .await;
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(
        sink.messages().len(),
        1,
        "no mail for the unknown address, none twice"
    );

    let session = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let token = link_token(&mails[0].body, &app.base).expect("a link");
    let (status, _, _) = set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    assert!(app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .is_none());
    assert!(app
        .login("coordinator-a@test.be", NEW_PASSWORD)
        .await
        .is_some());
    assert_eq!(
        app.get_as(&session, paths::DASHBOARD.pattern()).await.0,
        401,
        "the sessions from before the reset ended"
    );

    // An expired link says so.
    let id = account_id(&app, "coordinator-b@test.be").await;
    let expired = app::auth::links::issue(
        &app.ctx.db,
        id,
        account_link::LinkPurpose::Reset,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let link = account_link::Entity::find()
        .filter(account_link::Column::UserId.eq(id))
        .filter(account_link::Column::UsedAt.is_null())
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let mut past: account_link::ActiveModel = link.into();
    past.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    past.update(&app.ctx.db).await.unwrap();
    let (status, page) = app.get(&paths::ACCOUNT_LINK.with(&expired)).await;
    assert_eq!(status, 410);
    assert!(page.contains("verlopen"), "{page}");
    let (status, _, _) = set_password(&app, &expired, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 410);
    let (status, _) = app.get(&paths::ACCOUNT_LINK.with("nietbestaand")).await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn a_coordinator_invites_a_colleague_for_their_own_organisation_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let coordinator = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let csrf = app.csrf_token(&coordinator).await;
    let (_, page) = app.get_as(&coordinator, paths::DASHBOARD.pattern()).await;
    assert!(Page::parse(&page).has(&format!(
        "form[action=\"{}\"]",
        paths::ORGANISATION_COORDINATORS.with(world.org_a)
    )));
    let invite = |organisation: i32, email: &'static str| {
        let (app, coordinator, csrf) = (&app, &coordinator, &csrf);
        async move {
            app.post_as(
                coordinator,
                &paths::ORGANISATION_COORDINATORS.with(organisation),
                &[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("display_name", "Collega"),
                ],
            )
            .await
        }
    };
    let (status, _, body) = invite(world.org_a, "collega@geel.be").await;
    assert_eq!(status, 200);
    assert!(Page::parse(&body).attr("#one-time-link", "value").is_some());
    let colleague = user::Entity::find()
        .filter(user::Column::Email.eq("collega@geel.be"))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(colleague.organisation_id, Some(world.org_a));
    assert_eq!(
        app::auth::Role::from(colleague.role),
        app::auth::Role::Coordinator
    );
    let (status, _, _) = invite(world.org_b, "indringer@test.be").await;
    assert_eq!(status, 403);
    let (status, _, body) = invite(world.org_a, "collega@geel.be").await;
    assert_eq!(status, 409, "the address has an account already");
    assert_eq!(
        Page::parse(&body)
            .attr("#invite-coordinator-email", "value")
            .as_deref(),
        Some("collega@geel.be")
    );
    app.cleanup().await;
}

async fn the_admin_assigns_an_advisor_to_organisations(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    let id = account_id(&app, "advisor-a@test.be").await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ORGANISATIONS.with(id),
            &[("csrf", &csrf), ("organisations", "13008 12025")],
        )
        .await;
    assert_eq!(status, 303);
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let (_, dashboard) = app.get_as(&advisor, paths::DASHBOARD.pattern()).await;
    assert_eq!(
        Page::parse(&dashboard).texts("table.organisations tbody th a"),
        ["Geel", "Mechelen"]
    );
    let (status, _, body) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ORGANISATIONS.with(id),
            &[("csrf", &csrf), ("organisations", "13008 00000")],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        Page::parse(&body)
            .attr(&format!("#account-{id}-organisations"), "value")
            .as_deref(),
        Some("13008 00000")
    );
    // A coordinator has no assignments to set.
    let coordinator = account_id(&app, "coordinator-a@test.be").await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ACCOUNT_ORGANISATIONS.with(coordinator),
            &[("csrf", &csrf), ("organisations", "13008")],
        )
        .await;
    assert_eq!(status, 422);
    app.cleanup().await;
}
