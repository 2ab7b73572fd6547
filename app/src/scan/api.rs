//! Server functions of the respondent flow: thin wrappers around [`super::service`].

use leptos::prelude::*;

use super::view::OpenLinkPage;
use super::{ScanError, ScanPage};

#[cfg(feature = "ssr")]
fn context() -> Result<crate::server_context::ServerContext, ScanError> {
    crate::server_context::server_context().ok_or_else(|| {
        tracing::error!("server function called without a server context");
        ScanError::Storage
    })
}

/// Loads a page of the scan. `page` is the URL segment after the token.
#[server]
pub async fn get_scan_page(token: String, page: String) -> Result<ScanPage, ScanError> {
    let view = super::ScanView::from_segment(&page).unwrap_or(super::ScanView::Step(0));
    super::service::load_page(&context()?, &token, view).await
}

/// Saves one answer as it is clicked.
#[server]
pub async fn save_answer(token: String, statement: String, value: String) -> Result<(), ScanError> {
    super::service::save_answer(&context()?, &token, &statement, &value).await
}

/// Loads a round's open link page (the URL segment after `/j/`).
#[server]
pub async fn get_open_link(slug: String) -> Result<OpenLinkPage, ScanError> {
    super::service::open_link_page(&context()?, &slug).await
}
