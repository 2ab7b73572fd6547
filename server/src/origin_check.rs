//! Cross-site request protection: a state-changing request must come from our own pages.
//!
//! Leptos server functions and plain form posts have no CSRF token of their own, so every
//! request other than GET, HEAD and OPTIONS must carry an `Origin` (or, failing that, a
//! `Referer`) whose host is the `Host` it was sent to. Browsers always send `Origin` on
//! cross-site posts, so a forged form on another site is refused.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The `host[:port]` part of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    (!authority.is_empty()).then_some(authority)
}

/// Whether a request's `Origin` or `Referer` names the host it was sent to.
pub fn same_origin(origin: Option<&str>, referer: Option<&str>, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let claimed = match origin {
        Some("null") | None => referer.and_then(authority),
        Some(origin) => authority(origin),
    };
    claimed.is_some_and(|claimed| claimed.eq_ignore_ascii_case(host))
}

/// Refuses state-changing requests from other origins with 403.
pub async fn require_same_origin(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if same_origin(
        text(header::ORIGIN),
        text(header::REFERER),
        text(header::HOST),
    ) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "This request did not come from a QuickScan page and was refused. Open the page again and retry.",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_host_is_accepted_from_origin_or_referer() {
        let host = Some("127.0.0.1:3000");
        assert!(same_origin(Some("http://127.0.0.1:3000"), None, host));
        assert!(same_origin(
            None,
            Some("http://127.0.0.1:3000/s/abc/2"),
            host
        ));
        assert!(same_origin(
            Some("null"),
            Some("https://127.0.0.1:3000/"),
            host
        ));
    }

    #[test]
    fn other_hosts_and_missing_headers_are_refused() {
        let host = Some("quickscan.example");
        assert!(!same_origin(Some("https://evil.example"), None, host));
        assert!(!same_origin(
            Some("https://quickscan.example.evil.example"),
            None,
            host
        ));
        assert!(!same_origin(
            None,
            Some("https://evil.example/quickscan.example"),
            host
        ));
        assert!(!same_origin(None, None, host));
        assert!(!same_origin(Some("https://quickscan.example"), None, None));
        assert!(!same_origin(Some("null"), None, host));
    }
}
