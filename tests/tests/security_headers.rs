//! Every answer carries the security headers; staff pages and downloads are never cached.

use app::paths;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TEST_PASSWORD};

on_both_databases!(
    pages_and_downloads_carry_the_security_headers,
    only_the_pages_own_scripts_may_run
);

/// The script nonce a Content-Security-Policy allows, if any.
fn allowed_nonce(csp: &str) -> Option<String> {
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))?;
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
    script_src
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .map(str::to_owned)
}

/// Pages allow exactly their own hydration scripts by a nonce that changes per answer;
/// downloads and hand-built pages allow no script at all; the nonce's carrier header never
/// leaves the server.
async fn only_the_pages_own_scripts_may_run(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let mut seen = Vec::new();
    // The start page and a scan page hydrate; staff pages are rendered by the server only
    // (what few inline scripts they carry run by the same nonce).
    let scan = paths::scan_page(&world.tokens[0], 1);
    for (path, hydrated) in [
        (paths::HOME.pattern().to_owned(), true),
        (paths::LOGIN.pattern().to_owned(), false),
        (paths::DASHBOARD.pattern().to_owned(), false),
        (scan, true),
        (paths::HOME.pattern().to_owned(), true),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert!(response
            .headers()
            .get(app::ui::SCRIPT_NONCE_HEADER)
            .is_none());
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let body = response.text().await.unwrap();
        let nonce = allowed_nonce(&csp).unwrap_or_else(|| panic!("{path}: {csp}"));
        let scripts = Page::parse(&body).attrs("script", "nonce");
        let script_count = Page::parse(&body).texts("script").len();
        assert_eq!(
            body.contains("/pkg/quickscan.js"),
            hydrated,
            "{path} has its hydration script when it hydrates"
        );
        assert!(script_count > 0, "{path} has its scripts");
        assert_eq!(
            scripts.len(),
            script_count,
            "{path}: every script has a nonce"
        );
        assert!(
            scripts.iter().all(|n| *n == nonce),
            "{path}: {scripts:?} vs {nonce}"
        );
        assert!(!seen.contains(&nonce), "a nonce is never reused");
        seen.push(nonce);
    }
    let export = app
        .client
        .get(app.url(&paths::ROUND_EXPORT_XLSX.with(world.round_a)))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    let csp = export.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'none'"), "{csp}");
    app.cleanup().await;
}

async fn pages_and_downloads_carry_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let cookie = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    for (path, private) in [
        (paths::HOME.pattern().to_owned(), false),
        (paths::LOGIN.pattern().to_owned(), true),
        (paths::DASHBOARD.pattern().to_owned(), true),
        (paths::ROUND_EXPORT_XLSX.with(world.round_a), true),
        (paths::ASSOCIATION_EXPORT_CSV.pattern().to_owned(), true),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(
            header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(header("x-frame-options").as_deref(), Some("DENY"), "{path}");
        assert_eq!(
            header("referrer-policy").as_deref(),
            Some("same-origin"),
            "{path}"
        );
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(
            header("cache-control").as_deref() == Some("no-store"),
            private,
            "{path}: {:?}",
            header("cache-control")
        );
        // Served over plain http here: no HSTS, which would break a local installation.
        assert_eq!(header("strict-transport-security"), None, "{path}");
    }
    app.cleanup().await;
}
