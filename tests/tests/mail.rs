//! Invitations and reminders by e-mail, against a real SMTP server (Python's aiosmtpd, started
//! by the test): the messages arrive in the chosen language with a link that works; reminders
//! reach only those who have not submitted, and not twice in a row; a refused address is
//! reported while the others go out; an unreachable mail server loses no invitation; the
//! addresses are erased when the round closes.

use app::db::invitation;
use app::db::invitation_mail::{self, MailState};
use app::mail::MailSettings;
use app::paths;
use quickscan_domain::Lang;
use quickscan_tests::smtp::{free_port, ReceivedMail, SmtpSink};
use quickscan_tests::{
    on_both_databases, spawn_app, spawn_app_with, Backend, Page, TestApp, TEST_PASSWORD,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    an_invitation_arrives_in_its_language_with_a_link_that_works,
    a_reminder_reaches_only_those_who_have_not_submitted_and_not_twice,
    a_refused_address_is_reported_and_the_others_still_go_out,
    an_unreachable_mail_server_loses_no_invitation,
    the_addresses_are_erased_when_the_round_closes,
    without_a_mail_server_the_page_says_e_mail_is_off,
);

const FROM: &str = "QuickScan <scan@test.be>";
/// The round page's e-mail panel (the participation table has rows per group too).
const MAIL_PANEL: &str = "section[aria-labelledby=mail-heading]";

/// The app sending to `smtp_url`, with the demo world; the coordinator's cookie and token.
async fn app_mailing_to(backend: Backend, smtp_url: &str) -> (TestApp, i32, String, String) {
    let settings = MailSettings::parse(smtp_url, FROM).expect("mail settings");
    let app = spawn_app_with(backend, |config| config.mail = Some(settings)).await;
    let world = app.staff_world().await;
    let cookie = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .expect("login");
    let csrf = app.csrf_token(&cookie).await;
    (app, world.round_a, cookie, csrf)
}

/// Posts the invite form; returns status and body.
async fn invite(
    app: &TestApp,
    cookie: &str,
    csrf: &str,
    round: i32,
    addresses: &str,
    group: &str,
    lang: &str,
) -> (u16, String) {
    let (status, location, body) = app
        .post_as(
            cookie,
            &paths::ROUND_INVITE_BY_MAIL.with(round),
            &[
                ("csrf", csrf),
                ("addresses", addresses),
                ("group", group),
                ("lang", lang),
            ],
        )
        .await;
    if status == 303 {
        assert_eq!(location, Some(paths::ROUND.with(round)));
    }
    (status, body)
}

async fn mail_rows(app: &TestApp, round: i32) -> Vec<invitation_mail::Model> {
    invitation_mail::Entity::find()
        .filter(invitation_mail::Column::RoundId.eq(round))
        .all(&app.ctx.db)
        .await
        .unwrap()
}

/// Submits a response through the respondent's own pages.
async fn submit(app: &TestApp, token: &str) {
    let (status, _, _) = app
        .post_form(
            &paths::scan_page(token, 1),
            &[("answer:policy-1", "3"), ("nav", "next")],
        )
        .await;
    assert_eq!(status, 303);
    let (status, location, _) = app.post_form(&paths::scan_page(token, "review"), &[]).await;
    assert_eq!((status, location), (303, Some(paths::SCAN.with(token))));
}

fn to(mail: &ReceivedMail) -> &str {
    mail.to.first().map(String::as_str).unwrap_or_default()
}

/// The welcome page of a working link.
async fn opens_the_welcome_page(app: &TestApp, token: &str) -> bool {
    let (status, page) = app.get(&paths::SCAN.with(token)).await;
    status == 200 && page.contains("Welkom bij de QuickScan")
}

async fn an_invitation_arrives_in_its_language_with_a_link_that_works(backend: Backend) {
    let sink = SmtpSink::start(&[]);
    let (app, round, cookie, csrf) = app_mailing_to(backend, &sink.url()).await;
    let invitations_before = invitation::Entity::find().count(&app.ctx.db).await.unwrap();
    let (status, body) = invite(
        &app,
        &cookie,
        &csrf,
        round,
        "an@geel.be\nBert@geel.be; bert@GEEL.be",
        "staff",
        "fr",
    )
    .await;
    assert_eq!(status, 303, "{body}");
    let messages = sink.wait_for(2);
    assert_eq!(messages.len(), 2, "one message per distinct address");
    let mut recipients: Vec<&str> = messages.iter().map(to).collect();
    recipients.sort();
    assert_eq!(recipients, ["Bert@geel.be", "an@geel.be"]);
    for mail in &messages {
        assert_eq!(mail.from, "scan@test.be");
        assert!(
            mail.subject.contains("Votre invitation"),
            "{}",
            mail.subject
        );
        assert!(mail.body.contains("Votre lien personnel"), "{}", mail.body);
        assert!(
            mail.body.contains("à partir de 5 répondants"),
            "{}",
            mail.body
        );
        let token = mail.token(&app.base).expect("a personal link");
        assert!(token.len() >= 22, "{token}");
        assert!(opens_the_welcome_page(&app, &token).await, "{token}");
    }
    assert_ne!(messages[0].token(&app.base), messages[1].token(&app.base));
    // Two invitations of the staff group, recorded as sent.
    assert_eq!(
        invitation::Entity::find().count(&app.ctx.db).await.unwrap(),
        invitations_before + 2
    );
    let rows = mail_rows(&app, round).await;
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.state == MailState::Sent
        && r.respondent_group.as_deref() == Some("staff")
        && r.lang == "fr"
        && r.last_sent_at.is_some()));
    // The round page counts them, per group.
    let (status, page) = app.get_as(&cookie, &paths::ROUND.with(round)).await;
    assert_eq!(status, 200);
    let page = quickscan_tests::Page::parse(&page);
    let staff_row = page
        .row_in(MAIL_PANEL, Lang::Nl.texts().labels.group_staff)
        .expect("a staff row");
    assert_eq!(
        staff_row,
        ["2", "2", "0", "0"],
        "invited, sent, undeliverable, waiting"
    );
    app.cleanup().await;
}

async fn a_reminder_reaches_only_those_who_have_not_submitted_and_not_twice(backend: Backend) {
    let sink = SmtpSink::start(&[]);
    let (app, round, cookie, csrf) = app_mailing_to(backend, &sink.url()).await;
    let (status, _) = invite(
        &app,
        &cookie,
        &csrf,
        round,
        "an@geel.be, bert@geel.be, carla@geel.be",
        "management",
        "nl",
    )
    .await;
    assert_eq!(status, 303);
    let invitations = sink.wait_for(3);
    assert_eq!(invitations.len(), 3);
    let token_of = |address: &str| {
        invitations
            .iter()
            .find(|m| to(m) == address)
            .and_then(|m| m.token(&app.base))
            .expect("an invitation")
    };
    submit(&app, &token_of("an@geel.be")).await;
    let bert_before = token_of("bert@geel.be");
    // Bert has started: his saved answer must survive the reminder's new link.
    let (status, _, _) = app
        .post_form(
            &paths::scan_page(&bert_before, 1),
            &[("answer:policy-1", "2"), ("nav", "save")],
        )
        .await;
    assert_eq!(status, 303);

    let remind = paths::ROUND_MAIL_REMIND.with(round);
    let (status, location, body) = app.post_as(&cookie, &remind, &[("csrf", &csrf)]).await;
    assert_eq!(
        (status, location),
        (303, Some(paths::ROUND.with(round))),
        "{body}"
    );
    let all = sink.wait_for(5);
    let reminders: Vec<&ReceivedMail> = all[3..].iter().collect();
    let mut reminded: Vec<&str> = reminders.iter().map(|m| to(m)).collect();
    reminded.sort();
    assert_eq!(
        reminded,
        ["bert@geel.be", "carla@geel.be"],
        "not the one who submitted"
    );
    for mail in &reminders {
        assert!(mail.subject.starts_with("Herinnering"), "{}", mail.subject);
        let token = mail.token(&app.base).expect("a link");
        assert!(
            opens_the_welcome_page(&app, &token).await || {
                // A started response shows "welcome back".
                let (status, page) = app.get(&paths::SCAN.with(&token)).await;
                status == 200 && page.contains(&format!("/s/{token}/"))
            }
        );
    }
    let bert_now = reminders
        .iter()
        .find(|m| to(m) == "bert@geel.be")
        .and_then(|m| m.token(&app.base))
        .unwrap();
    let (_, resumed) = app.get(&paths::scan_page(&bert_now, 1)).await;
    let resumed = quickscan_tests::Page::parse(&resumed);
    assert_eq!(
        resumed
            .attr("input[name='answer:policy-1'][checked]", "value")
            .as_deref(),
        Some("2"),
        "the saved answer is kept"
    );
    let rows = mail_rows(&app, round).await;
    let count = |address: &str| {
        rows.iter()
            .find(|r| r.address.as_deref() == Some(address))
            .unwrap()
            .reminder_count
    };
    assert_eq!((count("an@geel.be"), count("bert@geel.be")), (0, 1));

    // Once more right away: refused, naming when it is possible, and nothing goes out.
    let (status, _, page) = app.post_as(&cookie, &remind, &[("csrf", &csrf)]).await;
    assert_eq!(status, 409);
    assert!(
        page.contains(Lang::Nl.texts().mail.reminder_too_soon),
        "{page}"
    );
    let when = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    assert!(page.contains(&when), "says from when: {when}");
    assert_eq!(sink.messages().len(), 5);
    app.cleanup().await;
}

async fn a_refused_address_is_reported_and_the_others_still_go_out(backend: Backend) {
    let sink = SmtpSink::start(&["nobody@geel.be"]);
    let (app, round, cookie, csrf) = app_mailing_to(backend, &sink.url()).await;
    let (status, _) = invite(
        &app,
        &cookie,
        &csrf,
        round,
        "an@geel.be\nnobody@geel.be\ncarla@geel.be",
        "mandatary",
        "en",
    )
    .await;
    assert_eq!(status, 303);
    let messages = sink.wait_for(2);
    let mut recipients: Vec<&str> = messages.iter().map(to).collect();
    recipients.sort();
    assert_eq!(recipients, ["an@geel.be", "carla@geel.be"]);
    assert!(messages[0].subject.contains("Your invitation"));
    let rows = mail_rows(&app, round).await;
    let refused: Vec<_> = rows
        .iter()
        .filter(|r| r.state == MailState::Refused)
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].address.as_deref(), Some("nobody@geel.be"));
    assert!(refused[0]
        .failure
        .as_deref()
        .unwrap_or_default()
        .contains("550"));

    let (_, html) = app.get_as(&cookie, &paths::ROUND.with(round)).await;
    let page = quickscan_tests::Page::parse(&html);
    assert_eq!(page.texts(".mail-refused li"), ["nobody@geel.be"]);
    assert!(html.contains(&(Lang::Nl.texts().mail.refused_title)(1)));
    let row = page
        .row_in(MAIL_PANEL, Lang::Nl.texts().labels.group_mandatary)
        .unwrap();
    assert_eq!(row, ["3", "2", "1", "0"]);
    // The advisor reads the counts, but not the addresses.
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let (status, html) = app.get_as(&advisor, &paths::ROUND.with(round)).await;
    assert_eq!(status, 200);
    assert!(!html.contains("nobody@geel.be"));
    assert!(html.contains("mail-counts"));
    app.cleanup().await;
}

async fn an_unreachable_mail_server_loses_no_invitation(backend: Backend) {
    let port = free_port();
    let (app, round, cookie, csrf) =
        app_mailing_to(backend, &format!("smtp://127.0.0.1:{port}")).await;
    let (status, _) = invite(
        &app,
        &cookie,
        &csrf,
        round,
        "an@geel.be\nbert@geel.be",
        "",
        "nl",
    )
    .await;
    assert_eq!(status, 303);
    let rows = mail_rows(&app, round).await;
    assert_eq!(rows.len(), 2, "written before sending");
    assert!(rows.iter().all(|r| r.state == MailState::Queued));
    let (_, html) = app.get_as(&cookie, &paths::ROUND.with(round)).await;
    assert!(
        html.contains(&(Lang::Nl.texts().mail.waiting_unreachable)(2)),
        "the page says they wait: {html}"
    );
    // Nothing was sent yet, so a reminder has nobody to remind: it does nothing.
    let remind = paths::ROUND_MAIL_REMIND.with(round);
    let (status, _, _) = app.post_as(&cookie, &remind, &[("csrf", &csrf)]).await;
    assert_eq!(status, 303);

    // The mail server comes up; sending again delivers both, with links that work.
    let sink = SmtpSink::start_on(port, &[]);
    let (status, location, _) = app
        .post_as(
            &cookie,
            &paths::ROUND_MAIL_RESEND.with(round),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!((status, location), (303, Some(paths::ROUND.with(round))));
    let messages = sink.wait_for(2);
    let mut recipients: Vec<&str> = messages.iter().map(to).collect();
    recipients.sort();
    assert_eq!(recipients, ["an@geel.be", "bert@geel.be"]);
    for mail in &messages {
        let token = mail.token(&app.base).unwrap();
        assert!(opens_the_welcome_page(&app, &token).await);
    }
    assert!(mail_rows(&app, round)
        .await
        .iter()
        .all(|r| r.state == MailState::Sent && r.failure.is_none()));
    let (_, html) = app.get_as(&cookie, &paths::ROUND.with(round)).await;
    assert!(!html.contains("mail-waiting"));

    // The mail server goes away again: a reminder says so, and can be sent later.
    drop(sink);
    let (status, _, page) = app.post_as(&cookie, &remind, &[("csrf", &csrf)]).await;
    assert_eq!(status, 503);
    assert!(page.contains(Lang::Nl.texts().mail.unreachable));
    let sink = SmtpSink::start_on(port, &[]);
    let (status, _, _) = app.post_as(&cookie, &remind, &[("csrf", &csrf)]).await;
    assert_eq!(status, 303);
    assert_eq!(sink.wait_for(2).len(), 2);
    app.cleanup().await;
}

async fn the_addresses_are_erased_when_the_round_closes(backend: Backend) {
    let sink = SmtpSink::start(&["nobody@geel.be"]);
    let (app, round, cookie, csrf) = app_mailing_to(backend, &sink.url()).await;
    let (status, _) = invite(
        &app,
        &cookie,
        &csrf,
        round,
        "an@geel.be\nnobody@geel.be",
        "",
        "nl",
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(sink.wait_for(1).len(), 1);
    assert!(mail_rows(&app, round)
        .await
        .iter()
        .all(|r| r.address.is_some()));
    let (status, _, _) = app
        .post_as(
            &cookie,
            &paths::ROUND_CLOSE.with(round),
            &[("csrf", &csrf), ("confirm_without_results", "1")],
        )
        .await;
    assert_eq!(status, 303);
    let rows = mail_rows(&app, round).await;
    assert_eq!(rows.len(), 2, "the counts stay");
    assert!(rows
        .iter()
        .all(|r| r.address.is_none() && r.failure.is_none()));
    let (_, html) = app.get_as(&cookie, &paths::ROUND.with(round)).await;
    assert!(!html.contains("geel.be"));
    assert!(html.contains(Lang::Nl.texts().mail.erased));
    // Nothing can be sent for a closed round.
    let (status, _) = invite(&app, &cookie, &csrf, round, "x@geel.be", "", "nl").await;
    assert_eq!(status, 409);
    app.cleanup().await;
}

async fn without_a_mail_server_the_page_says_e_mail_is_off(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let csrf = app.csrf_token(&cookie).await;
    let (status, html) = app.get_as(&cookie, &paths::ROUND.with(world.round_a)).await;
    assert_eq!(status, 200);
    assert!(html.contains("mail-off"), "{html}");
    assert!(
        !Page::parse(&html).has("[name=addresses]"),
        "no address field"
    );
    let (status, body) = invite(&app, &cookie, &csrf, world.round_a, "an@geel.be", "", "nl").await;
    assert_eq!(status, 409);
    assert!(body.contains(Lang::Nl.texts().mail.mail_off));
    assert_eq!(mail_rows(&app, world.round_a).await.len(), 0);
    app.cleanup().await;
}

/// A list with entries that are not addresses is refused naming them, keeping what was typed,
/// and writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_addresses_are_named_and_nothing_is_written() {
    let sink = SmtpSink::start(&[]);
    let (app, round, cookie, csrf) = app_mailing_to(Backend::Sqlite, &sink.url()).await;
    let typed = "an@geel.be\nnot-an-address\nbert@geel";
    let (status, html) = invite(&app, &cookie, &csrf, round, typed, "staff", "nl").await;
    assert_eq!(status, 422);
    let page = quickscan_tests::Page::parse(&html);
    assert_eq!(
        page.texts(".refused-addresses li"),
        ["not-an-address", "bert@geel"]
    );
    assert_eq!(
        page.texts("textarea[name=addresses]"),
        [typed.split_whitespace().collect::<Vec<_>>().join(" ")]
    );
    assert_eq!(mail_rows(&app, round).await.len(), 0);
    assert!(sink.messages().is_empty());
    app.cleanup().await;
}

/// Unusable mail settings stop the server at start-up, naming the variable.
#[test]
fn unusable_mail_settings_are_refused_at_start_up() {
    let cases = [
        (
            Some("http://mail.example.be"),
            Some(FROM),
            "QUICKSCAN_SMTP_URL",
        ),
        (Some("smtp://127.0.0.1:2525"), None, "QUICKSCAN_MAIL_FROM"),
        (
            Some("smtp://127.0.0.1:2525"),
            Some("not an address"),
            "QUICKSCAN_MAIL_FROM",
        ),
    ];
    for (url, from, named) in cases {
        let mut command = std::process::Command::new(quickscan_tests::server_binary());
        command
            .arg("serve")
            .env("DATABASE_URL", "sqlite::memory:")
            .env("QUICKSCAN_ADDR", "127.0.0.1:0")
            .env_remove("QUICKSCAN_SMTP_URL")
            .env_remove("QUICKSCAN_MAIL_FROM");
        if let Some(url) = url {
            command.env("QUICKSCAN_SMTP_URL", url);
        }
        if let Some(from) = from {
            command.env("QUICKSCAN_MAIL_FROM", from);
        }
        let output = command.output().expect("the server runs");
        assert_eq!(output.status.code(), Some(1), "{url:?} {from:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("cannot start") && stderr.contains(named),
            "{stderr}"
        );
    }
}
