//! The staff side: dashboard, scan rounds (open, invite, follow, close), reports and
//! spreadsheet imports.

#[cfg(feature = "ssr")]
pub mod account;
pub mod api;
#[cfg(feature = "ssr")]
pub mod benchmarks;
#[cfg(feature = "ssr")]
pub mod comparison;
#[cfg(feature = "ssr")]
pub mod dashboard;
pub mod error;
#[cfg(feature = "ssr")]
pub mod import;
pub mod import_view;
#[cfg(feature = "ssr")]
pub mod invitations;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod mail_view;
#[cfg(feature = "ssr")]
pub mod models;
#[cfg(feature = "ssr")]
pub mod peer_groups;
pub mod refusal;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub mod rounds;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod stored;
pub mod view;

pub use error::StaffError;
