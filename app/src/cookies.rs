//! Reading one cookie out of a `Cookie` header value.

/// The value of cookie `name` in a `Cookie` header value.
pub fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::cookie_value;

    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(
            cookie_value("a=1; qs_session=xyz; b=2", "qs_session"),
            Some("xyz")
        );
        assert_eq!(cookie_value("xqs_session=1", "qs_session"), None);
        assert_eq!(cookie_value("", "qs_session"), None);
    }
}
