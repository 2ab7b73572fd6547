//! The respondent's scan: one invitation, one page per dimension, review, submit.

pub mod api;
pub mod error;
pub mod form;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;

pub use error::ScanError;
pub use view::{ScanPage, ScanView};
