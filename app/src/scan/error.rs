//! Everything that can go wrong in a respondent's scan, and the one place it becomes a message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use quickscan_domain::Lang;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a scan request was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
pub enum ScanError {
    /// No invitation has this token.
    #[error("unknown invitation")]
    UnknownInvitation,
    /// The round is closed.
    #[error("the round is closed")]
    RoundClosed,
    /// The response was submitted already.
    #[error("the response was already submitted")]
    AlreadySubmitted,
    /// There is no such step.
    #[error("there is no step {0}")]
    UnknownStep(u32),
    /// The statement id is not in the model.
    #[error("unknown statement {0}")]
    UnknownStatement(String),
    /// The statement is in another dimension than the page posted.
    #[error("statement {statement} is not part of step {step}")]
    StatementNotOnStep {
        /// The statement posted.
        statement: String,
        /// The step it was posted to.
        step: u32,
    },
    /// The answer is not 0–4, "don't know" or "not applicable".
    #[error("'{value}' is not an answer to {statement}")]
    InvalidAnswer {
        /// The statement.
        statement: String,
        /// What was posted (shortened).
        value: String,
    },
    /// The comment is too long.
    #[error("the comment is longer than {max} characters")]
    CommentTooLong {
        /// The limit.
        max: usize,
    },
    /// The form is not what the page sends.
    #[error("the form could not be read: {0}")]
    MalformedForm(String),
    /// Submitting with no answer at all.
    #[error("nothing was answered")]
    NothingAnswered,
    /// The database failed; details are logged, not shown.
    #[error("storage failure")]
    Storage,
    /// The request did not reach the server or its answer could not be read.
    #[error("connection problem: {0}")]
    Transport(String),
}

impl FromServerFnError for ScanError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ScanError::Transport(value.to_string())
    }
}

impl ScanError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            ScanError::UnknownInvitation | ScanError::UnknownStep(_) => 404,
            ScanError::RoundClosed => 410,
            ScanError::AlreadySubmitted => 409,
            ScanError::UnknownStatement(_)
            | ScanError::StatementNotOnStep { .. }
            | ScanError::InvalidAnswer { .. }
            | ScanError::CommentTooLong { .. }
            | ScanError::MalformedForm(_)
            | ScanError::NothingAnswered => 422,
            ScanError::Storage | ScanError::Transport(_) => 500,
        }
    }

    /// The message a respondent reads.
    pub fn message(&self, lang: Lang) -> String {
        let texts = &lang.texts().scan_error;
        match self {
            ScanError::UnknownInvitation => texts.unknown_invitation.to_owned(),
            ScanError::RoundClosed => texts.round_closed.to_owned(),
            ScanError::AlreadySubmitted => texts.already_submitted.to_owned(),
            ScanError::UnknownStep(step) => (texts.unknown_step)(*step),
            ScanError::UnknownStatement(statement) => (texts.unknown_statement)(statement),
            ScanError::StatementNotOnStep { statement, step } => {
                (texts.statement_not_on_step)(statement, *step)
            }
            ScanError::InvalidAnswer { statement, value } => {
                (texts.invalid_answer)(statement, value)
            }
            ScanError::CommentTooLong { max } => (texts.comment_too_long)(*max),
            ScanError::MalformedForm(_) => texts.malformed_form.to_owned(),
            ScanError::NothingAnswered => texts.nothing_answered.to_owned(),
            ScanError::Storage => texts.storage.to_owned(),
            ScanError::Transport(_) => texts.transport.to_owned(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for ScanError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error in the respondent flow");
        ScanError::Storage
    }
}
