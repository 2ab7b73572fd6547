//! Stored text that people typed (organisation and round names, comments, peer-group names)
//! is inert everywhere it is shown: every GET route the router has, pages and downloads.

use app::db::{open_link, organisation};
use app::paths;
use chrono::{Datelike, Utc};
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TestApp, TEST_PASSWORD};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

on_both_databases!(stored_text_is_inert_on_every_page_and_download);

/// Markup that runs script if a page inserted it unescaped.
const PAYLOADS: [&str; 3] = [
    "<script>alert('qs')</script>",
    "\"><img src=x onerror=alert('qs')>",
    "'></title><svg onload=alert('qs')>",
];

/// Every GET route of the router and the Leptos pages, with its placeholders filled.
fn every_get_path(
    round_id: i32,
    upload_id: i32,
    token: &str,
    slug: &str,
    organisation_id: i32,
) -> Vec<String> {
    let mut patterns: Vec<String> = server::routes::axum_routes()
        .into_iter()
        .filter(|r| r.method == axum::http::Method::GET)
        .map(|r| r.path.pattern().to_owned())
        .collect();
    patterns.extend(paths::PAGES.iter().map(|p| p.pattern().to_owned()));
    let mut out = Vec::new();
    for pattern in patterns {
        let filled = pattern
            .replace("{token}", token)
            .replace("{slug}", slug)
            .replace("{code}", "nl");
        let filled = if filled.starts_with("/import/{id}") {
            filled.replace("{id}", &upload_id.to_string())
        } else {
            filled.replace("{id}", &round_id.to_string())
        };
        let pages: Vec<String> = if filled.contains("{page}") {
            ["1", "review"]
                .iter()
                .map(|p| filled.replace("{page}", p))
                .collect()
        } else if pattern == paths::IMPORT_TEMPLATE.pattern() {
            vec![format!("{filled}?organisation={organisation_id}")]
        } else {
            vec![filled]
        };
        assert!(
            pages.iter().all(|p| !p.contains('{')),
            "a placeholder this test does not fill: {pattern}"
        );
        out.extend(pages);
    }
    out.sort();
    out.dedup();
    out
}

/// No element of the page can run script: no script holds the payloads, no attribute is an
/// event handler, no element came from the payloads' markup.
fn assert_inert(path: &str, html: &str) {
    let page = Page::parse(html);
    // The hydration data carries the payloads as JSON strings inside a script; that is inert
    // as long as no raw `<` can close the script or open an element (leptos writes `\u003c`).
    for script in page.texts("script") {
        for markup in ["</script", "<script", "<img", "<svg"] {
            assert!(
                !script.contains(markup),
                "{path}: a payload escapes its script: {script}"
            );
        }
    }
    for css in ["img[src=x]", "svg[onload]", "[onerror]", "[onload]"] {
        assert!(
            page.attrs(css, "src").is_empty() && page.texts(css).is_empty(),
            "{path}: {css}"
        );
    }
    assert!(
        !html.contains("<img src=x") && !html.contains("<svg onload"),
        "{path}: payload markup in the page (a title, an attribute, text): {html}"
    );
}

async fn get(app: &TestApp, cookie: &str, path: &str) -> (u16, String, String, Vec<u8>) {
    let response = app
        .client
        .get(app.url(path))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("GET");
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let content_type = header(reqwest::header::CONTENT_TYPE);
    let disposition = header(reqwest::header::CONTENT_DISPOSITION);
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("body").to_vec();
    (status, content_type, disposition, body)
}

async fn stored_text_is_inert_on_every_page_and_download(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let [name_payload, round_payload, comment_payload] = PAYLOADS;
    let mut geel = organisation::Entity::find_by_id(world.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    geel.name = Set(format!("Geel {name_payload}"));
    geel.update(&app.ctx.db).await.unwrap();
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    // A closed round with results and comments, and an open one with an open link.
    let closed = app
        .open_round(
            world.org_a,
            &format!("Ronde {round_payload}"),
            Utc::now().year(),
        )
        .await;
    app.submit_responses(
        closed.id,
        5,
        None,
        "3",
        Some(&format!("Opmerking {comment_payload}")),
    )
    .await;
    let (status, _, _) = app
        .post_as(
            &admin,
            &paths::ROUND_CLOSE.with(closed.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(status, 303, "the round closes");
    // The plan drawn up from it: an action, its note and an advisor's comment, all payloads.
    let action_title = format!("Actie {name_payload}");
    // A textarea's content ends only at `</textarea>`: the note tries to leave it.
    let note = format!("Notitie </textarea>{round_payload}");
    let (status, _, body) = app
        .post_as(
            &admin,
            &paths::PLAN_ACTIONS.with(closed.id),
            &[
                ("csrf", csrf.as_str()),
                ("title", action_title.as_str()),
                ("dimension", "policy"),
                ("horizon", "short"),
                ("owner", comment_payload),
                ("due", "2027-06-30"),
                ("status", "planned"),
                ("note", note.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    for payload in PAYLOADS {
        let name = format!("Groep {payload}");
        let (status, _, body) = app
            .post_as(
                &admin,
                paths::PEER_GROUPS.pattern(),
                &[("csrf", csrf.as_str()), ("name", name.as_str())],
            )
            .await;
        assert_eq!(status, 303, "{body}");
    }
    let slug = app.create_open_link(&admin, world.round_a, 50).await;
    assert!(open_link::Entity::find()
        .filter(open_link::Column::Slug.eq(&slug))
        .one(&app.ctx.db)
        .await
        .unwrap()
        .is_some());
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let advisor_csrf = app.csrf_token(&advisor).await;
    let csv = format!(
        "organisation;respondent;groep;datum;policy-1\n13008;{};medewerker;02/03/2026;3\n",
        PAYLOADS[0]
    );
    let plan_comment = format!("Advies {comment_payload}");
    let (status, _, body) = app
        .post_as(
            &advisor,
            &paths::PLAN_COMMENTS.with(closed.id),
            &[
                ("csrf", advisor_csrf.as_str()),
                ("comment", plan_comment.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let (status, location) = app
        .upload_as(
            &advisor,
            &advisor_csrf,
            world.org_a,
            "x.csv",
            csv.into_bytes(),
        )
        .await;
    assert_eq!(status, 303);
    let upload_id: i32 = location
        .as_deref()
        .and_then(|l| l.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .expect("an upload id");

    // A respondent's own comment, shown back in its textarea on their step page.
    let respondent_comment = format!("Mijn opmerking </textarea>{round_payload}");
    let (status, _, body) = app
        .post_form(
            &paths::scan_page(&world.tokens[0], 1),
            &[("nav", "save"), ("comment", respondent_comment.as_str())],
        )
        .await;
    assert!(status == 303, "{status} {body}");
    let mut shown = String::new();
    let mut downloaded = String::new();
    let token = &world.tokens[0];
    for path in every_get_path(closed.id, upload_id, token, &slug, world.org_a) {
        for cookie in [&admin, &advisor] {
            let (status, content_type, disposition, body) = get(&app, cookie, &path).await;
            if status >= 300 {
                continue;
            }
            if content_type.starts_with("text/html") {
                let html = String::from_utf8(body).expect("utf-8 html");
                assert_inert(&path, &html);
                shown.push_str(&Page::parse(&html).texts("body").join("\n"));
            } else {
                if content_type.starts_with("text/csv") {
                    downloaded.push_str(&String::from_utf8_lossy(&body));
                }
                // A download is never rendered as a page.
                assert!(!content_type.contains("html"), "{path}: {content_type}");
                assert!(
                    disposition.starts_with("attachment") || content_type.starts_with("image/"),
                    "{path}: {content_type} {disposition}"
                );
            }
        }
    }
    // The sweep saw the payloads, shown as the text they are: names on the pages, the
    // comments (which no page shows) in the round's export.
    for expected in [
        format!("Geel {name_payload}"),
        format!("Ronde {round_payload}"),
        format!("Groep {}", PAYLOADS[2]),
        action_title.clone(),
        note.clone(),
        respondent_comment.clone(),
        plan_comment.clone(),
    ] {
        assert!(
            shown.contains(&expected),
            "{expected} is shown as text somewhere"
        );
    }
    assert!(
        downloaded.contains(&format!("Opmerking {comment_payload}")),
        "the comments are in the export"
    );
    app.cleanup().await;
}
