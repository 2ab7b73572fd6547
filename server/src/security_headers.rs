//! Response headers every answer carries: no framing, no content sniffing, referrers kept on
//! our own site (invitation tokens travel in URLs), HSTS behind https, and no caching of staff
//! pages, server-function answers and downloads.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether answers to this path may hold staff or respondent data that no cache may keep.
fn private(path: &str) -> bool {
    const PRIVATE: [&str; 10] = [
        "/dashboard",
        "/account/",
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

/// The Content-Security-Policy: everything from our own origin only, never framed; scripts
/// only with this response's nonce (the hydration scripts of a page; none elsewhere), and
/// WebAssembly compiled from them. No `unsafe-inline` for scripts: a stored `<script>` that
/// escaped escaping still would not run. Inline styles stay allowed (the charts' SVG).
fn content_security_policy(script_nonce: Option<&str>) -> String {
    let scripts = match script_nonce {
        Some(nonce) if is_nonce(nonce) => {
            format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'")
        }
        _ => "script-src 'none'".to_owned(),
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// A nonce as leptos makes them: URL-safe base64, nothing that could end the directive.
fn is_nonce(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
    let nonce = headers.remove(app::ui::SCRIPT_NONCE_HEADER);
    let policy = content_security_policy(nonce.as_ref().and_then(|n| n.to_str().ok()));
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let mut set = |name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // `same-origin`, not `no-referrer`: with no referrer at all, browsers send `Origin: null`
    // on form posts, which the origin check rightly refuses.
    set(header::REFERRER_POLICY, "same-origin");
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
    use super::{content_security_policy, private};

    #[test]
    fn scripts_run_only_with_the_pages_nonce() {
        let page = content_security_policy(Some("AbC-d_9"));
        assert!(page.contains("script-src 'self' 'nonce-AbC-d_9' 'wasm-unsafe-eval'"));
        let script_src = page
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .expect("a script-src directive");
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        for other in [None, Some(""), Some("x'; script-src *")] {
            let policy = content_security_policy(other);
            assert!(policy.contains("script-src 'none'"), "{other:?}: {policy}");
        }
        assert!(page.contains("frame-ancestors 'none'"));
    }

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
