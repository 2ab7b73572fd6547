//! What the import pages show, as plain serialisable data (rendered on server and client).

use serde::{Deserialize, Serialize};

use crate::auth::StaffUser;

/// An organisation an advisor may import for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportableOrganisation {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Its NIS code.
    pub code: String,
}

/// The import start page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportStartView {
    /// Organisations the user may import for.
    pub organisations: Vec<ImportableOrganisation>,
    /// The upload limit in MiB.
    pub limit_mib: u64,
    /// Who is logged in.
    pub user: StaffUser,
}

/// Where the answers go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportTargetView {
    /// An open round of the organisation.
    Existing {
        /// Its id.
        round_id: i32,
        /// Its name.
        name: String,
    },
    /// A round opened by the import.
    New {
        /// Its name.
        name: String,
    },
}

/// One respondent in the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRespondent {
    /// Key in the file.
    pub key: String,
    /// First row (1-based, as the spreadsheet shows).
    pub row: u32,
    /// Group label, if any.
    pub group: Option<String>,
    /// Date, if any.
    pub date: Option<String>,
    /// Answers given.
    pub answers: usize,
    /// Whether an earlier import of this respondent would be replaced.
    pub replaces: bool,
}

/// One problem in the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewProblem {
    /// Where (`blad 'Antwoorden', cel D7`), empty for the whole file.
    pub place: String,
    /// What is wrong.
    pub reason: String,
}

/// What was written, once confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedView {
    /// When.
    pub at: String,
    /// Into which round.
    pub round_id: Option<i32>,
    /// Respondents written (0 when the same file had been imported before).
    pub respondents: i32,
}

/// The dry-run preview of one upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The upload's id.
    pub upload_id: i32,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The organisation.
    pub organisation: ImportableOrganisation,
    /// The sheet read, if any.
    pub sheet: Option<String>,
    /// Where the answers go.
    pub target: ImportTargetView,
    /// The respondents (the first [`PREVIEW_ROWS`]).
    pub respondents: Vec<PreviewRespondent>,
    /// Respondents in all.
    pub respondent_total: usize,
    /// Answers in all.
    pub answer_total: usize,
    /// Respondents whose earlier import would be replaced.
    pub replaced_total: usize,
    /// What stops the import.
    pub problems: Vec<PreviewProblem>,
    /// Problems not listed.
    pub problems_omitted: usize,
    /// What does not stop it.
    pub notices: Vec<String>,
    /// When this very file was imported before, if it was.
    pub already_imported_at: Option<String>,
    /// What the confirmation wrote, once done.
    pub applied: Option<AppliedView>,
    /// Who is logged in (`None` on the command line).
    pub user: Option<StaffUser>,
}

/// Respondents listed in a preview; the totals count them all.
pub const PREVIEW_ROWS: usize = 200;

impl ImportPreview {
    /// Whether the confirm button is offered.
    pub fn can_confirm(&self) -> bool {
        self.applied.is_none() && self.problems.is_empty() && self.respondent_total > 0
    }
}
