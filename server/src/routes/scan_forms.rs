//! The respondent's form posts: save a step (`POST /s/{token}/{n}`) and submit
//! (`POST /s/{token}/review`). Success redirects (303) to the next page; a refusal answers
//! with its status and message, and nothing is written.

use app::scan::form::{Navigation, StepSubmission};
use app::scan::{service, ScanError};
use app::server_context::ServerContext;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use super::error_page::{request_lang, scan_error_page};

/// Handles a posted scan page.
pub async fn post_scan_page(
    State(ctx): State<ServerContext>,
    Path((token, page)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let lang = request_lang(&headers);
    let welcome = format!("/s/{token}");
    if page == "review" {
        return match service::submit(&ctx, &token).await {
            // A second click on "submit" lands on the thank-you page like the first.
            Ok(()) | Err(ScanError::AlreadySubmitted) => Redirect::to(&welcome).into_response(),
            Err(error) => scan_error_page(lang, &error, &format!("{welcome}/review")),
        };
    }
    let Ok(step) = page.parse::<u32>() else {
        return scan_error_page(lang, &ScanError::UnknownStep(0), &welcome);
    };
    let back = format!("{welcome}/{step}");
    let pairs = match form {
        Ok(Form(pairs)) => pairs,
        Err(rejection) => {
            return scan_error_page(
                lang,
                &ScanError::MalformedForm(rejection.body_text()),
                &back,
            )
        }
    };
    let submission = match StepSubmission::from_pairs(&pairs) {
        Ok(submission) => submission,
        Err(error) => return scan_error_page(lang, &error, &back),
    };
    match service::save_step(&ctx, &token, step, &submission).await {
        Ok(total_steps) => {
            let target = match submission.navigation {
                Navigation::Next if step < total_steps => format!("{welcome}/{}", step + 1),
                Navigation::Next => format!("{welcome}/review"),
                Navigation::Previous if step > 1 => format!("{welcome}/{}", step - 1),
                Navigation::Previous => welcome,
                Navigation::SaveAndLeave => format!("{back}?saved=1"),
            };
            Redirect::to(&target).into_response()
        }
        Err(error) => scan_error_page(lang, &error, &back),
    }
}
