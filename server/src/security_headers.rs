//! Response headers every answer carries: no framing, no content sniffing, referrers kept on
//! our own site (invitation tokens travel in URLs), HSTS behind https, and no caching of staff
//! pages, server-function answers and downloads.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether answers to this path may hold staff or respondent data that no cache may keep.
fn private(path: &str) -> bool {
    const PRIVATE: [&str; 9] = [
        "/dashboard",
        "/rounds/",
        "/organisations/",
        "/import",
        "/admin/",
        "/association",
        "/api/",
        "/s/",
        "/login",
    ];
    PRIVATE.iter().any(|prefix| path.starts_with(prefix))
}

/// Whether the configured public address is served over https.
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

/// Adds the security headers to every response.
pub async fn security_headers(
    State(Https(https)): State<Https>,
    request: Request,
    next: Next,
) -> Response {
    let private = private(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // `same-origin`, not `no-referrer`: with no referrer at all, browsers send `Origin: null`
    // on form posts, which the origin check rightly refuses.
    set(header::REFERRER_POLICY, "same-origin");
    set(
        header::CONTENT_SECURITY_POLICY,
        "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    if https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if private {
        set(header::CACHE_CONTROL, "no-store");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::private;

    #[test]
    fn staff_pages_downloads_and_scans_are_private_and_assets_are_not() {
        for path in [
            "/dashboard",
            "/rounds/3/export.xlsx",
            "/api/get_report1",
            "/s/abc/2",
        ] {
            assert!(private(path), "{path}");
        }
        for path in ["/", "/pkg/quickscan.css", "/favicon.svg"] {
            assert!(!private(path), "{path}");
        }
    }
}
