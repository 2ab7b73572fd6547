//! `GET /open?invitation=…`: the start page's form; accepts a pasted link or a bare code.

use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;

/// The start page form.
#[derive(Deserialize)]
pub struct OpenQuery {
    invitation: Option<String>,
}

/// The token inside a pasted invitation link or code, if it looks like one.
pub fn token_from_input(input: &str) -> Option<String> {
    let input = input.trim();
    let after_s = input.rsplit_once("/s/").map_or(input, |(_, rest)| rest);
    let token: String = after_s
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned();
    (!token.is_empty() && token.len() <= 64 && token.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(token)
}

/// Redirects to the invitation's welcome page (an unknown token gets its own clear page).
pub async fn open_invitation(Query(query): Query<OpenQuery>) -> Redirect {
    match query.invitation.as_deref().and_then(token_from_input) {
        Some(token) => Redirect::to(&format!("/s/{token}")),
        None => Redirect::to("/s/invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::token_from_input;

    #[test]
    fn links_and_codes_give_the_token() {
        assert_eq!(token_from_input(" abc123 ").as_deref(), Some("abc123"));
        assert_eq!(
            token_from_input("http://127.0.0.1:3000/s/abc123/4?saved=1").as_deref(),
            Some("abc123")
        );
        assert_eq!(token_from_input("<script>"), None);
        assert_eq!(token_from_input(""), None);
    }
}
