//! Every answer carries the security headers; staff pages and downloads are never cached.

use app::paths;
use quickscan_tests::{on_both_databases, spawn_app, Backend, TEST_PASSWORD};

on_both_databases!(pages_and_downloads_carry_the_security_headers);

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
