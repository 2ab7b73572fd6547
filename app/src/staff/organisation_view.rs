//! What the organisation list import's page shows after an upload: the problems, or what
//! confirming would change. Rendered in answer to the upload, never in a server-function
//! payload.

use quickscan_domain::organisation::OrganisationDetails;
use serde::{Deserialize, Serialize};

/// What happens to one listed organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListChange {
    /// Its NIS code is new: it is added (taking part).
    New,
    /// An organisation has its NIS code: its details are replaced.
    Updated,
    /// An organisation has exactly these details already.
    Unchanged,
}

/// A checked list and what confirming it would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPreview {
    /// The file's name.
    pub file_name: String,
    /// Every listed organisation with its change, in file order.
    pub rows: Vec<(OrganisationDetails, ListChange)>,
}

impl ListPreview {
    /// How many rows have `change`.
    pub fn count(&self, change: ListChange) -> usize {
        self.rows.iter().filter(|(_, c)| *c == change).count()
    }
}

/// The outcome of an uploaded list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListOutcome {
    /// Refused: every problem, as the uploader reads it.
    Problems(Vec<String>),
    /// Checked: what confirming would do.
    Preview(ListPreview),
}

/// The outcome the current page shows, if it is rendered for an upload.
#[cfg(feature = "ssr")]
pub fn use_list_outcome() -> Option<ListOutcome> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ListOutcome>().cloned())
}

/// In the browser there is none: such pages are not hydrated.
#[cfg(not(feature = "ssr"))]
pub fn use_list_outcome() -> Option<ListOutcome> {
    None
}
