//! Which language a page is shown in: the `qs_lang` cookie, else Dutch.
//!
//! The server reads the cookie from the request and the browser from `document.cookie`, so
//! both render the same language and hydration matches.

use leptos::prelude::*;
use quickscan_domain::Lang;

/// The cookie remembering the user's language.
pub const LANG_COOKIE: &str = "qs_lang";

/// The language of the current page, as context.
#[derive(Debug, Clone, Copy)]
struct CurrentLang(Lang);

/// The language named by the `qs_lang` cookie in a `Cookie` header value.
pub fn lang_from_cookies(cookies: &str) -> Option<Lang> {
    crate::cookies::cookie_value(cookies, LANG_COOKIE).and_then(|code| Lang::from_code(&code))
}

/// The language named by a request's `qs_lang` cookie.
#[cfg(feature = "ssr")]
pub fn request_lang(headers: &axum::http::HeaderMap) -> Option<Lang> {
    crate::cookies::request_cookie(headers, LANG_COOKIE).and_then(|code| Lang::from_code(&code))
}

#[cfg(feature = "ssr")]
fn detect() -> Lang {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| request_lang(&parts.headers))
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn detect() -> Lang {
    use wasm_bindgen::JsCast;
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|doc| doc.cookie().ok())
        .and_then(|cookies| lang_from_cookies(&cookies))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn detect() -> Lang {
    Lang::default()
}

/// Detects the page's language and makes it available to [`use_lang`].
pub fn provide_lang() -> Lang {
    let lang = detect();
    provide_context(CurrentLang(lang));
    lang
}

/// The current page's language.
pub fn use_lang() -> Lang {
    use_context::<CurrentLang>()
        .map(|c| c.0)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_others() {
        assert_eq!(lang_from_cookies("a=1; qs_lang=fr; b=2"), Some(Lang::Fr));
        assert_eq!(lang_from_cookies("qs_lang=en"), Some(Lang::En));
        assert_eq!(lang_from_cookies("qs_lang=de"), None);
        assert_eq!(lang_from_cookies("other=nl"), None);
        assert_eq!(lang_from_cookies(""), None);
    }
}
