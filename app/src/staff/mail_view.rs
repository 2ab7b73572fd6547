//! What the round page's e-mail panel shows: counts per group, never a person's state, and the
//! addresses the mail server refused (the coordinator typed them; they say nothing more than
//! "could not be delivered").

use serde::{Deserialize, Serialize};

/// The e-mail panel of one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailPanel {
    /// The round.
    pub round_id: i32,
    /// Whether this server has a mail server configured.
    pub enabled: bool,
    /// Whether the round is open.
    pub open: bool,
    /// Whether the user may invite, resend and remind.
    pub can_manage: bool,
    /// Counts per respondent group (code, or `None` for no group), in the groups' order.
    pub groups: Vec<MailGroupCounts>,
    /// Invitations written but not accepted by the mail server.
    pub waiting: usize,
    /// Whether the last attempt for a waiting invitation found the mail server unreachable.
    pub unreachable: bool,
    /// The addresses the mail server refused (only for those who may manage; empty once the
    /// round closed).
    pub refused: Vec<String>,
    /// When the last reminder went out (UTC, as shown).
    pub last_reminder: Option<String>,
    /// When the next reminder is possible, if not now (UTC, as shown).
    pub next_reminder: Option<String>,
}

/// The counts of one respondent group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailGroupCounts {
    /// The group's code, `None` for invitations without a group.
    pub group: Option<String>,
    /// Invited by e-mail.
    pub invited: usize,
    /// Accepted by the mail server.
    pub sent: usize,
    /// Refused by the mail server.
    pub undeliverable: usize,
    /// Waiting to be sent.
    pub waiting: usize,
}
