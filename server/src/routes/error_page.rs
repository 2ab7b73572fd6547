//! A small, complete HTML page for a refused respondent form post, in the user's language.
//! (Staff refusals are rendered on the form's own page: see `crate::staff_request`.)

use app::scan::ScanError;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use quickscan_domain::Lang;

/// The user's language from the request's cookies.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    app::locale::request_lang(headers).unwrap_or_default()
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A small page with a status, a message and one link onwards.
pub fn error_page(
    lang: Lang,
    status: u16,
    message: &str,
    back: &str,
    back_label: &str,
) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = escape(lang.texts().common.error_title);
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/quickscan.css\"></head>\
         <body><header class=\"site-header\"><a class=\"brand\" href=\"/\">{app}</a></header>\
         <main id=\"content\"><h1>{title}</h1><p role=\"alert\" class=\"notice error\">{message}</p>\
         <p><a class=\"button primary\" href=\"{back}\">{back_label}</a></p></main></body></html>",
        code = lang.code(),
        app = escape(lang.texts().common.app_name),
        message = escape(message),
        back = escape(back),
        back_label = escape(back_label),
    );
    (status, Html(body)).into_response()
}

/// Answers a refused scan request with its status and message, and a way back.
pub fn scan_error_page(lang: Lang, error: &ScanError, back: &str) -> Response {
    error_page(
        lang,
        error.status(),
        &error.message(lang),
        back,
        lang.texts().common.back_to_scan,
    )
}
