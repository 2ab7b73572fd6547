//! Why a staff request was refused, and the one place that becomes a message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use quickscan_domain::Lang;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A refused staff request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
pub enum StaffError {
    /// No valid session.
    #[error("not logged in")]
    NotLoggedIn,
    /// Logged in, but this is not theirs to see or do.
    #[error("forbidden")]
    Forbidden,
    /// No such round or organisation.
    #[error("not found")]
    NotFound,
    /// The form's CSRF token is missing or wrong.
    #[error("invalid form token")]
    BadCsrf,
    /// The round is closed already.
    #[error("round closed")]
    RoundClosed,
    /// The number of invitations is outside 1–500.
    #[error("invalid invitation count")]
    InvalidCount,
    /// A round name that is empty or too long.
    #[error("invalid round name")]
    InvalidName,
    /// An unknown respondent group.
    #[error("invalid group")]
    InvalidGroup,
    /// An uploaded file is larger than the upload limit.
    #[error("upload too large")]
    UploadTooLarge,
    /// An upload arrived broken (the multipart body ended early or was malformed).
    #[error("upload incomplete")]
    UploadIncomplete,
    /// No such organisation.
    #[error("organisation not found")]
    OrganisationNotFound,
    /// No such upload.
    #[error("upload not found")]
    UploadNotFound,
    /// The database failed; details are logged.
    #[error("storage failure")]
    Storage,
    /// The request did not reach the server.
    #[error("connection problem: {0}")]
    Transport(String),
}

impl FromServerFnError for StaffError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        StaffError::Transport(value.to_string())
    }
}

impl StaffError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            StaffError::NotLoggedIn => 401,
            StaffError::Forbidden | StaffError::BadCsrf => 403,
            StaffError::NotFound
            | StaffError::OrganisationNotFound
            | StaffError::UploadNotFound => 404,
            StaffError::RoundClosed => 409,
            StaffError::InvalidCount | StaffError::InvalidName | StaffError::InvalidGroup => 422,
            StaffError::UploadTooLarge => 413,
            StaffError::UploadIncomplete => 400,
            StaffError::Storage | StaffError::Transport(_) => 500,
        }
    }

    /// The message a staff user reads.
    pub fn message(&self, lang: Lang) -> &'static str {
        use StaffError::*;
        match (self, lang) {
            (NotLoggedIn, Lang::Nl) => "Meld u aan om deze pagina te zien.",
            (NotLoggedIn, Lang::En) => "Please log in to see this page.",
            (NotLoggedIn, Lang::Fr) => "Connectez-vous pour voir cette page.",
            (Forbidden, Lang::Nl) => "U hebt geen toegang tot deze gegevens.",
            (Forbidden, Lang::En) => "You do not have access to this information.",
            (Forbidden, Lang::Fr) => "Vous n'avez pas accès à ces informations.",
            (NotFound, Lang::Nl) => "Deze bevraging bestaat niet.",
            (NotFound, Lang::En) => "This round does not exist.",
            (NotFound, Lang::Fr) => "Cette enquête n'existe pas.",
            (BadCsrf, Lang::Nl) => "Het formulier is verlopen of kwam niet van QuickScan. Open de pagina opnieuw en probeer nog eens.",
            (BadCsrf, Lang::En) => "The form has expired or did not come from QuickScan. Reopen the page and try again.",
            (BadCsrf, Lang::Fr) => "Le formulaire a expiré ou ne provient pas de QuickScan. Rouvrez la page et réessayez.",
            (RoundClosed, Lang::Nl) => "Deze bevraging is al afgesloten.",
            (RoundClosed, Lang::En) => "This round is closed already.",
            (RoundClosed, Lang::Fr) => "Cette enquête est déjà clôturée.",
            (InvalidCount, Lang::Nl) => "Kies een aantal uitnodigingen tussen 1 en 500.",
            (InvalidCount, Lang::En) => "Choose a number of invitations between 1 and 500.",
            (InvalidCount, Lang::Fr) => "Choisissez un nombre d'invitations entre 1 et 500.",
            (InvalidName, Lang::Nl) => "Geef de bevraging een naam van 1 tot 100 tekens.",
            (InvalidName, Lang::En) => "Give the round a name of 1 to 100 characters.",
            (InvalidName, Lang::Fr) => "Donnez à l'enquête un nom de 1 à 100 caractères.",
            (InvalidGroup, Lang::Nl) => "Kies mandatarissen, leidinggevenden, medewerkers of geen groep.",
            (InvalidGroup, Lang::En) => "Choose elected representatives, management, staff or no group.",
            (InvalidGroup, Lang::Fr) => "Choisissez mandataires, direction, personnel ou aucun groupe.",
            (UploadTooLarge, Lang::Nl) => "Het bestand is groter dan de grens voor een upload.",
            (UploadTooLarge, Lang::En) => "The file is larger than the upload limit.",
            (UploadTooLarge, Lang::Fr) => "Le fichier dépasse la taille maximale d'un envoi.",
            (UploadIncomplete, Lang::Nl) => "Het bestand kwam niet volledig aan. Kies het opnieuw en probeer nog eens.",
            (UploadIncomplete, Lang::En) => "The file did not arrive whole. Choose it again and retry.",
            (UploadIncomplete, Lang::Fr) => "Le fichier n'est pas arrivé en entier. Choisissez-le à nouveau et réessayez.",
            (OrganisationNotFound, Lang::Nl) => "Deze organisatie bestaat niet.",
            (OrganisationNotFound, Lang::En) => "This organisation does not exist.",
            (OrganisationNotFound, Lang::Fr) => "Cette organisation n'existe pas.",
            (UploadNotFound, Lang::Nl) => "Dit opgeladen bestand bestaat niet (meer).",
            (UploadNotFound, Lang::En) => "This uploaded file does not exist (any more).",
            (UploadNotFound, Lang::Fr) => "Ce fichier envoyé n'existe pas (ou plus).",
            (Storage, Lang::Nl) => "Er ging iets mis bij het opslaan; probeer het zo meteen opnieuw.",
            (Storage, Lang::En) => "Something went wrong while saving; please try again in a moment.",
            (Storage, Lang::Fr) => "Un problème est survenu lors de l'enregistrement ; réessayez dans un instant.",
            (Transport(_), Lang::Nl) => "De server is niet bereikbaar.",
            (Transport(_), Lang::En) => "The server cannot be reached.",
            (Transport(_), Lang::Fr) => "Le serveur est injoignable.",
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for StaffError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error on a staff page");
        StaffError::Storage
    }
}

impl StaffError {
    /// The form field a refusal is about, so the page shows it next to that field; `None` for
    /// a problem with the form or the request as a whole.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            StaffError::InvalidCount => Some("count"),
            StaffError::InvalidName => Some("name"),
            StaffError::InvalidGroup => Some("group"),
            StaffError::UploadTooLarge | StaffError::UploadIncomplete => Some("file"),
            StaffError::NotLoggedIn
            | StaffError::Forbidden
            | StaffError::NotFound
            | StaffError::OrganisationNotFound
            | StaffError::UploadNotFound
            | StaffError::BadCsrf
            | StaffError::RoundClosed
            | StaffError::Storage
            | StaffError::Transport(_) => None,
        }
    }
}
