//! The staff side: dashboard, scan rounds (open, invite, follow, close), reports and
//! spreadsheet imports.

pub mod api;
#[cfg(feature = "ssr")]
pub mod benchmarks;
#[cfg(feature = "ssr")]
pub mod comparison;
pub mod error;
#[cfg(feature = "ssr")]
pub mod import;
pub mod import_view;
#[cfg(feature = "ssr")]
pub mod peer_groups;
pub mod refusal;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod stored;
pub mod view;

pub use error::StaffError;
