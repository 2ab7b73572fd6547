//! What the staff pages show, as plain data sent from server to browser.

use serde::{Deserialize, Serialize};

use crate::auth::StaffUser;

/// The dashboard: every organisation the user may see, with its rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    /// Who is logged in.
    pub user: StaffUser,
    /// Organisations in name order.
    pub organisations: Vec<OrganisationRounds>,
    /// A suggested name for a new round (e.g. "QuickScan 2026").
    pub default_round_name: String,
}

/// One organisation and its rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRounds {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Its NIS code.
    pub code: String,
    /// Whether the user may open rounds here.
    pub can_manage: bool,
    /// Its rounds, newest first.
    pub rounds: Vec<RoundSummary>,
}

/// A round with its progress (never who answered what).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Its year.
    pub year: i32,
    /// Still open?
    pub open: bool,
    /// Invitations created.
    pub invited: u64,
    /// Invitations with saved answers.
    pub started: u64,
    /// Responses submitted.
    pub submitted: u64,
}

/// A round's page for its coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundDetail {
    /// Who is logged in.
    pub user: StaffUser,
    /// The organisation's name.
    pub organisation: String,
    /// The round and its progress.
    pub round: RoundSummary,
    /// Whether the user may invite and close.
    pub can_manage: bool,
    /// The invitation links, oldest first.
    pub invitations: Vec<InvitationRow>,
}

/// One invitation link and its state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationRow {
    /// The full link.
    pub link: String,
    /// The respondent group code, if chosen.
    pub group: Option<String>,
    /// `invited`, `started` or `submitted`.
    pub state: InvitationState,
}

/// Where one invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    /// Not opened or nothing saved.
    Invited,
    /// Answers saved, not submitted.
    Started,
    /// Submitted.
    Submitted,
}

/// An organisation's report for one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// Who is logged in.
    pub user: StaffUser,
    /// The organisation's name.
    pub organisation: String,
    /// The round.
    pub round: RoundSummary,
    /// The model's title.
    pub model_title: quickscan_domain::Text,
    /// Computed now for an open round, not stored.
    pub is_preview: bool,
    /// The aggregate.
    pub aggregate: quickscan_domain::OrganisationAggregate,
    /// Per dimension, in model order: its name and the advice for its level.
    pub dimensions: Vec<ReportDimension>,
    /// Radar chart (SVG), rendered on the server.
    pub radar_svg: String,
    /// Bar chart (SVG), rendered on the server.
    pub bar_svg: String,
    /// Whether the user may close the round.
    pub can_manage: bool,
}

/// One dimension in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDimension {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: quickscan_domain::Text,
    /// The advice for the organisation's level, if scored.
    pub advice: Option<quickscan_domain::Advice>,
}
