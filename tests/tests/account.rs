//! A staff member changes their own password: the rule, the refusals at their fields, and
//! every other session of the account ended at once.

use app::paths;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TestApp, TEST_PASSWORD};

on_both_databases!(
    changing_the_password_ends_the_other_sessions_and_keeps_this_one,
    a_refused_new_password_is_named_at_its_field_and_never_echoed,
    the_header_names_who_is_signed_in_on_every_page,
);

const NEW_PASSWORD: &str = "paard batterij nietje correct";

async fn change(
    app: &TestApp,
    cookie: &str,
    current: &str,
    new: &str,
    again: &str,
) -> (u16, Option<String>, String) {
    let csrf = app.csrf_token(cookie).await;
    app.post_as(
        cookie,
        paths::ACCOUNT_PASSWORD.pattern(),
        &[
            ("csrf", csrf.as_str()),
            ("current_password", current),
            ("new_password", new),
            ("new_password_again", again),
        ],
    )
    .await
}

/// Whether a session cookie is still signed in (the header names its user).
async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    let (status, page) = app.get_as(cookie, paths::DASHBOARD.pattern()).await;
    status == 200 && Page::parse(&page).texts(".user-bar strong").len() == 1
}

async fn changing_the_password_ends_the_other_sessions_and_keeps_this_one(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let email = "coordinator-a@test.be";
    let here = app.login(email, TEST_PASSWORD).await.unwrap();
    let elsewhere = app.login(email, TEST_PASSWORD).await.unwrap();
    let colleague = app
        .login("coordinator-b@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let (status, page) = app.get_as(&here, paths::ACCOUNT_PASSWORD.pattern()).await;
    assert_eq!(status, 200);
    assert_eq!(
        Page::parse(&page)
            .attrs("input[type=password]", "name")
            .len(),
        3
    );

    let (status, location, _) =
        change(&app, &here, TEST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 303);
    assert_eq!(
        location,
        Some(format!("{}?changed=1", paths::ACCOUNT_PASSWORD))
    );
    let (_, done) = app.get_as(&here, &location.unwrap()).await;
    assert_eq!(
        Page::parse(&done).texts("[role=status]"),
        ["Uw wachtwoord is gewijzigd. Uw andere sessies zijn afgemeld."]
    );
    assert!(
        signed_in(&app, &here).await,
        "the session that changed it stays"
    );
    assert!(
        !signed_in(&app, &elsewhere).await,
        "every other session ended at once"
    );
    assert!(
        signed_in(&app, &colleague).await,
        "other accounts keep theirs"
    );
    assert!(
        app.login(email, TEST_PASSWORD).await.is_none(),
        "the old password is gone"
    );
    assert!(
        app.login(email, NEW_PASSWORD).await.is_some(),
        "the new one signs in"
    );
    app.cleanup().await;
}

async fn a_refused_new_password_is_named_at_its_field_and_never_echoed(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let email = "coordinator-a@test.be";
    let cookie = app.login(email, TEST_PASSWORD).await.unwrap();
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        ("wrong-current-password", NEW_PASSWORD, NEW_PASSWORD, "current-password", "Dit is niet uw huidige wachtwoord."),
        (TEST_PASSWORD, "te-kort", "te-kort", "new-password", "Kies een wachtwoord van minstens 12 tekens."),
        (TEST_PASSWORD, email, email, "new-password", "Uw e-mailadres kan niet uw wachtwoord zijn."),
        (TEST_PASSWORD, "Wachtwoord2026!", "Wachtwoord2026!", "new-password", "Dit wachtwoord staat bij de meest gebruikte en wordt als eerste geraden. Kies een ander, bijvoorbeeld een zin van een paar woorden."),
        (TEST_PASSWORD, NEW_PASSWORD, "paard batterij nietje fout", "new-password-again", "De twee nieuwe wachtwoorden zijn niet gelijk."),
    ];
    for (current, new, again, field, message) in cases {
        let (status, _, body) = change(&app, &cookie, current, new, again).await;
        assert_eq!(status, 422, "{field}");
        let page = Page::parse(&body);
        assert_eq!(
            page.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
        let problem = page
            .attr(&format!("#{field}"), "aria-describedby")
            .expect("the field is described by its problem");
        assert_eq!(page.texts(&format!("#{problem}")), [message]);
        for typed in [current, new, again] {
            if typed != email {
                assert!(
                    !body.contains(typed),
                    "a typed password is never sent back: {typed}"
                );
            }
        }
    }
    // Nothing changed.
    assert!(app.login(email, TEST_PASSWORD).await.is_some());
    app.cleanup().await;
}

async fn the_header_names_who_is_signed_in_on_every_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let pages = [
        paths::HOME.pattern().to_owned(),
        paths::LOGIN.pattern().to_owned(),
        paths::DASHBOARD.pattern().to_owned(),
        paths::ROUND.with(world.round_a),
        paths::SCAN.with(&world.tokens[0]),
        "/no-such-page".to_owned(),
    ];
    for page in &pages {
        let (_, body) = app.get_as(&cookie, page).await;
        let parsed = Page::parse(&body);
        assert_eq!(
            parsed.texts("header .user-bar strong"),
            ["coordinator-a@test.be"],
            "{page}"
        );
        assert!(
            parsed.has("header .user-bar form[action=\"/logout\"] button"),
            "{page}"
        );
        assert_eq!(parsed.texts(".user-bar").len(), 1, "one user bar on {page}");
        let (_, anonymous) = app.get(page).await;
        let parsed = Page::parse(&anonymous);
        assert!(!parsed.has(".user-bar"), "{page}");
        assert!(parsed.has("header a[href=\"/dashboard\"]"), "{page}");
    }
    // A refused form's page keeps the header too.
    let (status, _, body) = change(
        &app,
        &cookie,
        "wrong current password",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        Page::parse(&body).texts("header .user-bar strong"),
        ["coordinator-a@test.be"]
    );
    app.cleanup().await;
}
