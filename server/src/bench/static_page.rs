//! The stack's ceiling: a minimal axum server that answers every request with the same
//! static page of a given size, measured beside the real pages in the same run.

use std::net::SocketAddr;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

/// Serves a page of `bytes` bytes of HTML at every path until the process is stopped.
pub async fn serve_static_page(addr: SocketAddr, bytes: usize) -> std::io::Result<()> {
    let mut page = String::with_capacity(bytes);
    page.push_str("<!DOCTYPE html><html><head><title>ceiling</title></head><body>");
    while page.len() + "</body></html>".len() < bytes {
        page.push_str("<p>QuickScan</p>");
    }
    page.push_str("</body></html>");
    let page: &'static str = Box::leak(page.into_boxed_str());
    let app = Router::new().fallback(get(move || async move {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    }));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await
}
