//! Compatibility names for the few texts `server/src/routes` still asks for the old way.
//!
//! All interface text lives in [`quickscan_domain::texts`]; read it with `lang.texts()`.
//! These two enums only forward to it and go once the routes read the texts directly.

use quickscan_domain::Lang;

/// A fixed piece of interface text (forwards to `lang.texts().common`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// `common.app_name`.
    AppName,
    /// `common.error_title`.
    ErrorTitle,
    /// `common.back_to_scan`.
    BackToScan,
}

impl Msg {
    /// The text in a language.
    pub fn tr(self, lang: Lang) -> &'static str {
        let common = &lang.texts().common;
        match self {
            Msg::AppName => common.app_name,
            Msg::ErrorTitle => common.error_title,
            Msg::BackToScan => common.back_to_scan,
        }
    }
}

/// Interface text of the staff pages (forwards to `lang.texts().staff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffText {
    /// `staff.back_to_dashboard`.
    BackToDashboard,
}

impl StaffText {
    /// The text in a language.
    pub fn tr(self, lang: Lang) -> &'static str {
        match self {
            StaffText::BackToDashboard => lang.texts().staff.back_to_dashboard,
        }
    }
}
