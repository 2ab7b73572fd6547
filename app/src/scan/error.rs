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
        use ScanError::*;
        match (self, lang) {
            (UnknownInvitation, Lang::Nl) => "Deze uitnodigingslink bestaat niet. Controleer of u de volledige link uit uw uitnodiging gebruikt.".into(),
            (UnknownInvitation, Lang::En) => "This invitation link does not exist. Check that you used the complete link from your invitation.".into(),
            (UnknownInvitation, Lang::Fr) => "Ce lien d'invitation n'existe pas. Vérifiez que vous avez utilisé le lien complet de votre invitation.".into(),
            (RoundClosed, Lang::Nl) => "Deze bevraging is afgesloten: er kunnen geen antwoorden meer worden gegeven.".into(),
            (RoundClosed, Lang::En) => "This scan round is closed: answers can no longer be given.".into(),
            (RoundClosed, Lang::Fr) => "Cette enquête est clôturée : il n'est plus possible de répondre.".into(),
            (AlreadySubmitted, Lang::Nl) => "U hebt uw antwoorden al ingediend; ze kunnen niet meer worden gewijzigd.".into(),
            (AlreadySubmitted, Lang::En) => "You have already submitted your answers; they can no longer be changed.".into(),
            (AlreadySubmitted, Lang::Fr) => "Vous avez déjà envoyé vos réponses ; elles ne peuvent plus être modifiées.".into(),
            (UnknownStep(n), Lang::Nl) => format!("Stap {n} bestaat niet in deze vragenlijst."),
            (UnknownStep(n), Lang::En) => format!("Step {n} does not exist in this questionnaire."),
            (UnknownStep(n), Lang::Fr) => format!("L'étape {n} n'existe pas dans ce questionnaire."),
            (UnknownStatement(s), Lang::Nl) => format!("Stelling '{s}' bestaat niet in deze vragenlijst; er is niets opgeslagen."),
            (UnknownStatement(s), Lang::En) => format!("Statement '{s}' does not exist in this questionnaire; nothing was saved."),
            (UnknownStatement(s), Lang::Fr) => format!("L'affirmation « {s} » n'existe pas dans ce questionnaire ; rien n'a été enregistré."),
            (StatementNotOnStep { statement, step }, Lang::Nl) => format!("Stelling '{statement}' hoort niet bij stap {step}; er is niets opgeslagen."),
            (StatementNotOnStep { statement, step }, Lang::En) => format!("Statement '{statement}' does not belong to step {step}; nothing was saved."),
            (StatementNotOnStep { statement, step }, Lang::Fr) => format!("L'affirmation « {statement} » n'appartient pas à l'étape {step} ; rien n'a été enregistré."),
            (InvalidAnswer { statement, value }, Lang::Nl) => format!("'{value}' is geen antwoord op stelling '{statement}': kies 0 tot 4, 'weet niet' of 'niet van toepassing'. Er is niets opgeslagen."),
            (InvalidAnswer { statement, value }, Lang::En) => format!("'{value}' is not an answer to statement '{statement}': choose 0 to 4, 'don't know' or 'not applicable'. Nothing was saved."),
            (InvalidAnswer { statement, value }, Lang::Fr) => format!("« {value} » n'est pas une réponse à l'affirmation « {statement} » : choisissez 0 à 4, « ne sait pas » ou « sans objet ». Rien n'a été enregistré."),
            (CommentTooLong { max }, Lang::Nl) => format!("De opmerking is langer dan {max} tekens; kort ze in. Er is niets opgeslagen."),
            (CommentTooLong { max }, Lang::En) => format!("The comment is longer than {max} characters; please shorten it. Nothing was saved."),
            (CommentTooLong { max }, Lang::Fr) => format!("Le commentaire dépasse {max} caractères ; raccourcissez-le. Rien n'a été enregistré."),
            (MalformedForm(_), Lang::Nl) => "Het formulier kon niet worden gelezen; er is niets opgeslagen. Open de pagina opnieuw.".into(),
            (MalformedForm(_), Lang::En) => "The form could not be read; nothing was saved. Please reopen the page.".into(),
            (MalformedForm(_), Lang::Fr) => "Le formulaire n'a pas pu être lu ; rien n'a été enregistré. Rouvrez la page.".into(),
            (NothingAnswered, Lang::Nl) => "U hebt nog geen enkele stelling beantwoord. Beantwoord minstens één stelling voor u indient.".into(),
            (NothingAnswered, Lang::En) => "You have not answered any statement yet. Answer at least one statement before submitting.".into(),
            (NothingAnswered, Lang::Fr) => "Vous n'avez encore répondu à aucune affirmation. Répondez à au moins une avant d'envoyer.".into(),
            (Storage, Lang::Nl) => "Er ging iets mis bij het opslaan. Uw vorige antwoorden zijn bewaard; probeer het zo meteen opnieuw.".into(),
            (Storage, Lang::En) => "Something went wrong while saving. Your earlier answers are kept; please try again in a moment.".into(),
            (Storage, Lang::Fr) => "Un problème est survenu lors de l'enregistrement. Vos réponses précédentes sont conservées ; réessayez dans un instant.".into(),
            (Transport(_), Lang::Nl) => "De server is niet bereikbaar. Uw antwoorden op deze pagina worden bewaard zodra u op Volgende klikt.".into(),
            (Transport(_), Lang::En) => "The server cannot be reached. Your answers on this page are saved when you press Next.".into(),
            (Transport(_), Lang::Fr) => "Le serveur est injoignable. Vos réponses sur cette page seront enregistrées lorsque vous cliquerez sur Suivant.".into(),
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
