//! What the audit log's page shows, as plain data sent from server to browser.

use quickscan_domain::audit::AuditAction;
use serde::{Deserialize, Serialize};

use crate::auth::StaffUser;

/// Events per page.
pub const EVENTS_PER_PAGE: usize = 50;

/// Which events the page shows (its query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of the actor's e-mail address.
    pub person: Option<String>,
    /// Only this organisation.
    pub organisation: Option<i32>,
    /// Only this action (its code).
    pub action: Option<String>,
    /// From this day (`YYYY-MM-DD`, UTC).
    pub from: Option<String>,
    /// Until this day, inclusive.
    pub until: Option<String>,
    /// The page, from 1 (newest first).
    pub page: usize,
}

impl AuditFilter {
    /// The query string of this filter on `page` (page 1 left out), percent-encoded.
    pub fn query_for_page(&self, page: usize) -> String {
        let organisation = self.organisation.map(|id| id.to_string());
        let page = (page > 1).then(|| page.to_string());
        [
            ("person", self.person.as_deref()),
            ("organisation", organisation.as_deref()),
            ("action", self.action.as_deref()),
            ("from", self.from.as_deref()),
            ("until", self.until.as_deref()),
            ("page", page.as_deref()),
        ]
        .into_iter()
        .filter_map(|(key, value)| {
            value.map(|v| {
                let encoded: String = v
                    .bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                            char::from(b).to_string()
                        }
                        other => format!("%{other:02X}"),
                    })
                    .collect();
                format!("{key}={encoded}")
            })
        })
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// One event as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// When, `YYYY-MM-DD HH:MM:SS` UTC.
    pub at: String,
    /// Who (their address as it was).
    pub who: String,
    /// What (an unknown stored code shows as stored).
    pub action: Result<AuditAction, String>,
    /// For which organisation, by name.
    pub organisation: Option<String>,
    /// Details.
    pub detail: String,
    /// From which client address.
    pub client: String,
}

/// The audit log's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    /// Who is signed in.
    pub user: StaffUser,
    /// The filter (a date that does not parse left out, see `bad_date`).
    pub filter: AuditFilter,
    /// A date in the filter did not parse.
    pub bad_date: bool,
    /// This page's events, newest first.
    pub events: Vec<AuditRow>,
    /// How many events pass the filter.
    pub total: u64,
    /// How many pages they fill.
    pub page_count: usize,
    /// The organisations, for the filter: id and name.
    pub organisations: Vec<(i32, String)>,
    /// How many days events are kept.
    pub retention_days: u64,
}
