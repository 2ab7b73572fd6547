//! Cross-site request protection: a state-changing request must come from our own pages.
//!
//! Leptos server functions and plain form posts have no CSRF token of their own, so every
//! request other than GET, HEAD and OPTIONS must carry an `Origin` (or, failing that, a
//! `Referer`) naming the configured public address (`QUICKSCAN_PUBLIC_URL`): scheme, host and
//! port. The request's own `Host` header is not trusted, since whoever sends the request
//! chooses it. Browsers always send `Origin` on cross-site posts, so a forged form on another
//! site is refused.
//!
//! On a public address on this machine (`127.0.0.1`, `localhost`, `[::1]`), the other loopback
//! names with the same scheme and port are accepted too: a developer may open either.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An origin: lowercased scheme, host and port (the default port filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl Origin {
    /// The origin of an absolute URL; `None` for anything else (also `null`).
    pub fn of(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        // A bracketed IPv6 host may itself contain colons; the port follows the bracket.
        let (host, port) = match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => {
                (&authority[..colon], authority[colon + 1..].parse().ok()?)
            }
            _ => (authority, default_port),
        };
        (!host.is_empty()).then(|| Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// Whether a request claiming `claimed` comes from this public origin.
    pub fn accepts(&self, claimed: &Origin) -> bool {
        if self == claimed {
            return true;
        }
        LOOPBACK.contains(&self.host.as_str())
            && LOOPBACK.contains(&claimed.host.as_str())
            && self.scheme == claimed.scheme
            && self.port == claimed.port
    }
}

/// Whether a request's `Origin` (or, without it, its `Referer`) names the public origin.
pub fn from_public_origin(public: &Origin, origin: Option<&str>, referer: Option<&str>) -> bool {
    let claimed = match origin {
        Some("null") | None => referer.and_then(Origin::of),
        Some(origin) => Origin::of(origin),
    };
    claimed.is_some_and(|claimed| public.accepts(&claimed))
}

/// Refuses state-changing requests from other origins with 403.
pub async fn require_same_origin(
    State(public): State<Option<Origin>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let accepted = public.as_ref().is_some_and(|public| {
        from_public_origin(public, text(header::ORIGIN), text(header::REFERER))
    });
    if accepted {
        next.run(request).await
    } else {
        let lang = app::locale::request_lang(request.headers()).unwrap_or_default();
        (StatusCode::FORBIDDEN, lang.texts().common.foreign_origin).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(url: &str) -> Origin {
        Origin::of(url).unwrap()
    }

    #[test]
    fn the_public_origin_is_accepted_from_origin_or_referer() {
        let ours = public("https://quickscan.example");
        assert!(from_public_origin(
            &ours,
            Some("https://quickscan.example"),
            None
        ));
        assert!(from_public_origin(
            &ours,
            Some("https://QuickScan.example:443"),
            None
        ));
        assert!(from_public_origin(
            &ours,
            None,
            Some("https://quickscan.example/s/abc/2")
        ));
        assert!(from_public_origin(
            &ours,
            Some("null"),
            Some("https://quickscan.example/")
        ));
    }

    #[test]
    fn other_origins_and_missing_headers_are_refused() {
        let ours = public("https://quickscan.example");
        for origin in [
            "https://evil.example",
            "https://quickscan.example.evil.example",
            "http://quickscan.example",
            "https://quickscan.example:8443",
            "https://user@quickscan.example",
            "javascript://quickscan.example",
        ] {
            assert!(!from_public_origin(&ours, Some(origin), None), "{origin}");
        }
        assert!(!from_public_origin(
            &ours,
            None,
            Some("https://evil.example/quickscan.example")
        ));
        assert!(!from_public_origin(&ours, None, None));
        assert!(!from_public_origin(&ours, Some("null"), None));
    }

    #[test]
    fn on_this_machine_every_loopback_name_with_the_port_is_ours() {
        let ours = public("http://127.0.0.1:3000");
        assert!(from_public_origin(
            &ours,
            Some("http://localhost:3000"),
            None
        ));
        assert!(from_public_origin(&ours, Some("http://[::1]:3000"), None));
        assert!(!from_public_origin(
            &ours,
            Some("http://localhost:3001"),
            None
        ));
        assert!(!from_public_origin(
            &ours,
            Some("https://localhost:3000"),
            None
        ));
        // Not for a public address: there, only itself.
        let public_host = public("https://quickscan.example");
        assert!(!from_public_origin(
            &public_host,
            Some("http://localhost:443"),
            None
        ));
    }
}
