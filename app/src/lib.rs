//! QuickScan's web application: the Leptos UI, its server functions and, behind the `ssr`
//! feature, the database services they call. The pure domain is the `quickscan-domain` crate.
#![recursion_limit = "256"]

pub mod auth;
pub mod cookies;
pub mod locale;
pub mod paths;
pub mod scan;
pub mod staff;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod server_context;

pub use ui::{shell, App};

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // A mark for the end-to-end tests (and anyone debugging): the page is interactive now.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
