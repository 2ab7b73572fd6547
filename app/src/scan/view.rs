//! What the respondent's pages show, as plain data sent from server to browser.
//!
//! Texts travel in all three languages so a language switch never needs a new request.

use quickscan_domain::Text;
use serde::{Deserialize, Serialize};

/// Which page of the scan is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScanView {
    /// The welcome (or welcome-back) page.
    Welcome,
    /// The page of the n-th dimension, 1-based.
    Step(u32),
    /// The overview before submitting.
    Review,
}

/// A page of the scan, as the server decided it from the invitation's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScanPage {
    /// The welcome page.
    Welcome(ScanContext),
    /// One dimension's statements.
    Step {
        /// Where the respondent is.
        context: ScanContext,
        /// The dimension shown.
        step: StepView,
    },
    /// Everything answered so far, before submitting.
    Review {
        /// Where the respondent is.
        context: ScanContext,
        /// Per dimension what is answered and what is not.
        dimensions: Vec<ReviewRow>,
    },
    /// The response was submitted: a thank-you saying when, and nothing of the answers.
    Submitted(SubmittedView),
    /// The invitation cannot be used.
    Unavailable(Unavailable),
}

/// Why an invitation link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unavailable {
    /// No invitation has this token.
    UnknownInvitation,
    /// The round was closed before the respondent submitted.
    RoundClosed,
    /// There is no such step.
    UnknownStep,
}

/// What every page of an open scan shows around its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanContext {
    /// The invitation token (it is in the URL already).
    pub token: String,
    /// The organisation's name.
    pub organisation: String,
    /// The round's name.
    pub round: String,
    /// The model's title.
    pub model_title: Text,
    /// One entry per dimension, in order.
    pub steps: Vec<StepSummary>,
    /// The step the respondent last saved on; 0 before they started.
    pub resume_step: u32,
    /// The server's public address, to show the invitation link in full.
    pub link_base: String,
    /// How many submitted respondents a round needs before any result appears.
    pub min_respondents: usize,
}

impl ScanContext {
    /// How many statements are answered, over all dimensions.
    pub fn answered(&self) -> usize {
        self.steps.iter().map(|s| s.answered).sum()
    }

    /// How many statements there are, over all dimensions.
    pub fn total(&self) -> usize {
        self.steps.iter().map(|s| s.total).sum()
    }
}

/// One dimension in the progress indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepSummary {
    /// 1-based step number.
    pub number: u32,
    /// The dimension's name.
    pub name: Text,
    /// Statements answered (any answer, including "don't know").
    pub answered: usize,
    /// Statements in the dimension.
    pub total: usize,
}

/// One dimension's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    /// 1-based step number.
    pub number: u32,
    /// The dimension's id.
    pub dimension_id: String,
    /// Its name.
    pub name: Text,
    /// What it covers.
    pub description: Text,
    /// Its statements with the answers saved so far.
    pub statements: Vec<StatementView>,
    /// The comment saved so far.
    pub comment: String,
}

/// One statement with its saved answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementView {
    /// The statement's id.
    pub id: String,
    /// Its text.
    pub text: Text,
    /// The labels of levels 0–4 when the statement has answer labels of its own (the
    /// model's `scale`); `None`: the maturity levels' names.
    pub level_labels: Option<Vec<Text>>,
    /// The saved answer's code, if any.
    pub answer: Option<String>,
}

impl StatementView {
    /// What an answer is called on this statement: a level by the statement's own labels
    /// where it has them, "don't know" and "not applicable" as everywhere.
    pub fn answer_label(
        &self,
        value: quickscan_domain::AnswerValue,
        lang: quickscan_domain::Lang,
    ) -> &str {
        value
            .level()
            .and_then(|level| self.level_labels.as_ref()?.get(usize::from(level.number())))
            .map_or_else(|| value.label(lang), |label| label.get(lang))
    }
}

/// One dimension on the review page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRow {
    /// 1-based step number, to link back.
    pub number: u32,
    /// The dimension's name.
    pub name: Text,
    /// Statements not answered yet.
    pub unanswered: Vec<Text>,
    /// Statements answered.
    pub answered: usize,
}

/// The thank-you page: that the link was submitted and when, never a score or an answer
/// (whoever opens a submitted link sees only this).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedView {
    /// The organisation's name.
    pub organisation: String,
    /// When it was submitted, as an ISO date.
    pub submitted_on: String,
}

/// What a round's open link shows, as the server decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpenLinkPage {
    /// Welcome, with a button that starts a new personal response.
    Welcome(OpenLinkWelcome),
    /// The link issued as many responses as its cap allows.
    Full,
    /// The round is closed.
    Closed,
    /// No open link has this address.
    Unknown,
}

/// The open link's welcome page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenLinkWelcome {
    /// The link's slug, to post back to.
    pub slug: String,
    /// The organisation's name.
    pub organisation: String,
    /// The round's name.
    pub round: String,
    /// The model's title.
    pub model_title: Text,
    /// How many submitted respondents a round needs before any result appears.
    pub min_respondents: usize,
}

/// The form field name of a statement's answer on a step page.
pub fn answer_field(statement_id: &str) -> String {
    format!("{ANSWER_FIELD_PREFIX}{statement_id}")
}

/// Prefix of answer field names; the rest is the statement id.
pub const ANSWER_FIELD_PREFIX: &str = "answer:";
/// The comment field's name.
pub const COMMENT_FIELD: &str = "comment";
/// The navigation button's name.
pub const NAV_FIELD: &str = "nav";
/// The longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 4000;

impl ScanView {
    /// The view a URL segment after the token names: empty, `review` or a step number.
    pub fn from_segment(segment: &str) -> Option<ScanView> {
        match segment {
            "" => Some(ScanView::Welcome),
            "review" => Some(ScanView::Review),
            number => number.parse().ok().map(ScanView::Step),
        }
    }
}
