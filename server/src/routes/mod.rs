//! Plain axum routes beside the Leptos pages: form posts that work without JavaScript.

pub mod error_page;
pub mod exports;
pub mod import_forms;
pub mod language;
pub mod open_invitation;
pub mod scan_forms;
pub mod staff_forms;
