//! Reading cookies, through the `cookie` crate (and axum-extra's jar on the server).

/// The value of cookie `name` in a `Cookie` header value or `document.cookie`.
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookie::Cookie::split_parse(cookies)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The value of cookie `name` among a request's `Cookie` headers.
#[cfg(feature = "ssr")]
pub fn request_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    axum_extra::extract::CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_owned())
}

#[cfg(test)]
mod tests {
    use super::cookie_value;

    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(
            cookie_value("a=1; qs_session=xyz; b=2", "qs_session").as_deref(),
            Some("xyz")
        );
        assert_eq!(cookie_value("xqs_session=1", "qs_session"), None);
        assert_eq!(cookie_value("", "qs_session"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_request_with_several_cookie_headers_is_read_whole() {
        let mut headers = axum::http::HeaderMap::new();
        headers.append(axum::http::header::COOKIE, "a=1".parse().unwrap());
        headers.append(
            axum::http::header::COOKIE,
            "qs_lang=fr; b=2".parse().unwrap(),
        );
        assert_eq!(
            super::request_cookie(&headers, "qs_lang").as_deref(),
            Some("fr")
        );
        assert_eq!(super::request_cookie(&headers, "c"), None);
    }
}
