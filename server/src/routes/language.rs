//! `GET /language/{code}?next=/path`: remember the language and go back to the page.

use app::locale::LANG_COOKIE;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use quickscan_domain::Lang;
use serde::Deserialize;

/// The query of a language switch.
#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// Only a path on this site may be returned to; anything else goes home.
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

/// Sets the language cookie for a year and redirects back.
pub async fn switch_language(
    Path(code): Path<String>,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let target = local_path(query.next.as_deref()).to_owned();
    match Lang::from_code(&code) {
        Some(lang) => {
            let cookie = Cookie::build((LANG_COOKIE, lang.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(cookie::time::Duration::days(365))
                .build();
            (CookieJar::new().add(cookie), Redirect::to(&target)).into_response()
        }
        None => Redirect::to(&target).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/s/abc/2?saved=1")), "/s/abc/2?saved=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
