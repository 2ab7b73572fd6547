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
    /// No such round.
    #[error("not found")]
    NotFound,
    /// No such organisation.
    #[error("organisation not found")]
    OrganisationNotFound,
    /// No such upload (or it was removed).
    #[error("upload not found")]
    UploadNotFound,
    /// No such peer group.
    #[error("peer group not found")]
    PeerGroupNotFound,
    /// The form's CSRF token is missing or wrong.
    #[error("invalid form token")]
    BadCsrf,
    /// The round is closed already.
    #[error("round closed")]
    RoundClosed,
    /// An open link's response cap is outside 1–10 000.
    #[error("invalid response cap")]
    InvalidCap,
    /// A round name that is empty or too long.
    #[error("invalid round name")]
    InvalidName,
    /// A peer-group name that is empty or too long.
    #[error("invalid peer group name")]
    InvalidPeerGroupName,
    /// A peer-group name another group has already.
    #[error("peer group name taken")]
    PeerGroupNameTaken,
    /// An unknown respondent group.
    #[error("invalid group")]
    InvalidGroup,
    /// Closing a round below the respondent threshold without confirming it will have no
    /// results.
    #[error("closing without results needs confirmation")]
    ResultsNeedConfirmation,
    /// Peer-group members that differ from another shown group by fewer organisations than
    /// the anonymity threshold, so comparing the two would single those organisations out.
    #[error("peer group could be differenced against another group")]
    PeerGroupDifferencing,
    /// An uploaded file is larger than the upload limit.
    #[error("upload too large")]
    UploadTooLarge,
    /// An upload arrived broken (the multipart body ended early or was malformed).
    #[error("upload incomplete")]
    UploadIncomplete,
    /// Pasted entries that are not e-mail addresses, as typed.
    #[error("invalid addresses: {0:?}")]
    InvalidAddresses(Vec<String>),
    /// No e-mail address was given.
    #[error("no addresses")]
    NoAddresses,
    /// More addresses than may be invited at once.
    #[error("too many addresses")]
    TooManyAddresses,
    /// This server has no mail server configured.
    #[error("e-mail is off")]
    MailOff,
    /// A reminder went out less than the interval ago; the next is possible from this moment
    /// (as shown, UTC).
    #[error("reminder too soon, possible from {0}")]
    ReminderTooSoon(String),
    /// The mail server could not be reached; nothing went out.
    #[error("mail server unreachable")]
    MailUnreachable,
    /// The current password given to change it is wrong.
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// A new password the password rule refuses.
    #[error("new password refused: {0:?}")]
    NewPassword(quickscan_domain::password::PasswordProblem),
    /// The new password and its repetition differ.
    #[error("new passwords differ")]
    PasswordsDiffer,
    /// An organisation's details that do not parse; the problem names the field.
    #[error("organisation refused: {0:?}")]
    InvalidOrganisation(quickscan_domain::organisation::OrganisationProblem),
    /// Another organisation has this NIS code.
    #[error("NIS code taken")]
    OrganisationCodeTaken,
    /// An organisation's change (of size, province, kind or use) after which a custom peer
    /// group could be differenced against another group.
    #[error("organisation change would allow differencing")]
    OrganisationChangeDifferencing,
    /// Deleting an organisation without typing its name.
    #[error("deletion not confirmed")]
    DeletionNotConfirmed,
    /// The organisation no longer takes part: it opens no new round.
    #[error("organisation inactive")]
    OrganisationInactive,
    /// An e-mail address that is not one.
    #[error("invalid e-mail address")]
    InvalidEmail,
    /// An account for this address exists already.
    #[error("e-mail address taken")]
    EmailTaken,
    /// A display name that is empty or too long.
    #[error("invalid display name")]
    InvalidDisplayName,
    /// A role a new account cannot have (only coordinator or advisor).
    #[error("invalid role")]
    InvalidRole,
    /// NIS codes that name no organisation.
    #[error("unknown organisation codes")]
    UnknownOrganisationCodes,
    /// Organisations that do not fit the role (a coordinator has one, an advisor one or more).
    #[error("organisations do not fit the role")]
    OrganisationsForRole,
    /// No such staff account.
    #[error("account not found")]
    AccountNotFound,
    /// The admin acting on their own account in the list.
    #[error("own account")]
    OwnAccount,
    /// The account is deactivated.
    #[error("account deactivated")]
    AccountDeactivated,
    /// No one-time link has this token.
    #[error("unknown link")]
    LinkUnknown,
    /// The one-time link was used already.
    #[error("link used")]
    LinkUsed,
    /// The one-time link expired.
    #[error("link expired")]
    LinkExpired,
    /// An action plan form that does not parse; the problem names the field.
    #[error("action plan refused: {0:?}")]
    InvalidPlan(quickscan_domain::action_plan::PlanProblem),
    /// An action plan asked for a round without results.
    #[error("no plan without results")]
    PlanWithoutResults,
    /// No such action (or it is not the user's to see).
    #[error("action not found")]
    PlanActionNotFound,
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
            | StaffError::UploadNotFound
            | StaffError::PeerGroupNotFound => 404,
            StaffError::RoundClosed | StaffError::PeerGroupNameTaken => 409,
            StaffError::OrganisationCodeTaken | StaffError::OrganisationInactive => 409,
            StaffError::OrganisationChangeDifferencing | StaffError::DeletionNotConfirmed => 422,
            StaffError::InvalidEmail
            | StaffError::InvalidDisplayName
            | StaffError::InvalidRole
            | StaffError::UnknownOrganisationCodes
            | StaffError::OrganisationsForRole => 422,
            StaffError::EmailTaken | StaffError::OwnAccount | StaffError::AccountDeactivated => 409,
            StaffError::AccountNotFound | StaffError::LinkUnknown => 404,
            StaffError::LinkUsed | StaffError::LinkExpired => 410,
            StaffError::InvalidOrganisation(_) => 422,
            StaffError::MailOff | StaffError::ReminderTooSoon(_) => 409,
            StaffError::MailUnreachable => 503,
            StaffError::InvalidAddresses(_)
            | StaffError::NoAddresses
            | StaffError::TooManyAddresses => 422,
            StaffError::InvalidCap
            | StaffError::InvalidName
            | StaffError::InvalidPeerGroupName
            | StaffError::InvalidGroup
            | StaffError::ResultsNeedConfirmation
            | StaffError::PeerGroupDifferencing => 422,
            StaffError::WrongCurrentPassword
            | StaffError::NewPassword(_)
            | StaffError::PasswordsDiffer => 422,
            StaffError::InvalidPlan(
                quickscan_domain::action_plan::PlanProblem::AdviceAdoptedAlready,
            ) => 409,
            StaffError::InvalidPlan(_) => 422,
            StaffError::PlanWithoutResults => 409,
            StaffError::PlanActionNotFound => 404,
            StaffError::UploadTooLarge => 413,
            StaffError::UploadIncomplete => 400,
            StaffError::Storage | StaffError::Transport(_) => 500,
        }
    }

    /// The message a staff user reads.
    pub fn message(&self, lang: Lang) -> &'static str {
        let texts = &lang.texts().staff_error;
        match self {
            StaffError::NotLoggedIn => texts.not_logged_in,
            StaffError::Forbidden => texts.forbidden,
            StaffError::NotFound => texts.round_not_found,
            StaffError::OrganisationNotFound => texts.organisation_not_found,
            StaffError::UploadNotFound => texts.upload_not_found,
            StaffError::PeerGroupNotFound => texts.peer_group_not_found,
            StaffError::BadCsrf => texts.bad_csrf,
            StaffError::RoundClosed => texts.round_closed,
            StaffError::InvalidCap => texts.invalid_cap,
            StaffError::InvalidName => texts.invalid_round_name,
            StaffError::InvalidPeerGroupName => texts.invalid_peer_group_name,
            StaffError::PeerGroupNameTaken => texts.peer_group_name_taken,
            StaffError::InvalidGroup => texts.invalid_group,
            StaffError::ResultsNeedConfirmation => texts.results_need_confirmation,
            StaffError::PeerGroupDifferencing => texts.peer_group_differencing,
            StaffError::UploadTooLarge => texts.upload_too_large,
            StaffError::UploadIncomplete => texts.upload_incomplete,
            StaffError::InvalidAddresses(_) => lang.texts().mail.invalid_addresses,
            StaffError::NoAddresses => lang.texts().mail.no_addresses,
            StaffError::TooManyAddresses => lang.texts().mail.too_many_addresses,
            StaffError::MailOff => lang.texts().mail.mail_off,
            StaffError::ReminderTooSoon(_) => lang.texts().mail.reminder_too_soon,
            StaffError::MailUnreachable => lang.texts().mail.unreachable,
            StaffError::WrongCurrentPassword => texts.wrong_current_password,
            StaffError::NewPassword(problem) => {
                use quickscan_domain::password::PasswordProblem;
                match problem {
                    PasswordProblem::TooShort => texts.password_too_short,
                    PasswordProblem::TooLong => texts.password_too_long,
                    PasswordProblem::IsTheEmail => texts.password_is_email,
                    PasswordProblem::TooCommon => texts.password_too_common,
                }
            }
            StaffError::PasswordsDiffer => texts.passwords_differ,
            StaffError::InvalidOrganisation(problem) => problem.message(lang),
            StaffError::OrganisationCodeTaken => lang.texts().organisations.code_taken,
            StaffError::OrganisationInactive => lang.texts().organisations.inactive_no_rounds,
            StaffError::DeletionNotConfirmed => lang.texts().organisations.delete_not_confirmed,
            StaffError::OrganisationChangeDifferencing => {
                lang.texts().organisations.change_differencing
            }
            StaffError::InvalidEmail => lang.texts().accounts.invalid_email,
            StaffError::EmailTaken => lang.texts().accounts.email_taken,
            StaffError::InvalidDisplayName => lang.texts().accounts.invalid_display_name,
            StaffError::InvalidRole => lang.texts().accounts.invalid_role,
            StaffError::UnknownOrganisationCodes => {
                lang.texts().accounts.unknown_organisation_codes
            }
            StaffError::OrganisationsForRole => lang.texts().accounts.organisations_for_role,
            StaffError::AccountNotFound => lang.texts().accounts.account_not_found,
            StaffError::OwnAccount => lang.texts().accounts.own_account,
            StaffError::AccountDeactivated => lang.texts().accounts.account_deactivated,
            StaffError::LinkUnknown => lang.texts().accounts.link_unknown,
            StaffError::LinkUsed => lang.texts().accounts.link_used,
            StaffError::LinkExpired => lang.texts().accounts.link_expired,
            StaffError::InvalidPlan(problem) => problem.message(lang),
            StaffError::PlanWithoutResults => lang.texts().plan.no_results,
            StaffError::PlanActionNotFound => lang.texts().plan.action_not_found,
            StaffError::Storage => texts.storage,
            StaffError::Transport(_) => texts.transport,
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
            StaffError::InvalidCap => Some("cap"),
            StaffError::InvalidName => Some("name"),
            StaffError::InvalidGroup => Some("group"),
            StaffError::ResultsNeedConfirmation => Some("confirm_without_results"),
            StaffError::PeerGroupDifferencing => Some("organisation"),
            StaffError::InvalidPeerGroupName | StaffError::PeerGroupNameTaken => Some("name"),
            StaffError::UploadTooLarge | StaffError::UploadIncomplete => Some("file"),
            StaffError::WrongCurrentPassword => Some("current_password"),
            StaffError::NewPassword(_) => Some("new_password"),
            StaffError::PasswordsDiffer => Some("new_password_again"),
            StaffError::InvalidOrganisation(problem) => Some(problem.field().name()),
            StaffError::OrganisationCodeTaken => Some("code"),
            StaffError::InvalidPlan(problem) => Some(problem.field().name()),
            StaffError::DeletionNotConfirmed => Some("confirm_name"),
            StaffError::InvalidEmail => Some("email"),
            StaffError::EmailTaken => Some("email"),
            StaffError::InvalidDisplayName => Some("display_name"),
            StaffError::InvalidRole => Some("role"),
            StaffError::UnknownOrganisationCodes => Some("organisations"),
            StaffError::OrganisationsForRole => Some("organisations"),
            StaffError::InvalidAddresses(_)
            | StaffError::NoAddresses
            | StaffError::TooManyAddresses => Some("addresses"),
            StaffError::NotLoggedIn
            | StaffError::Forbidden
            | StaffError::NotFound
            | StaffError::OrganisationNotFound
            | StaffError::UploadNotFound
            | StaffError::PeerGroupNotFound
            | StaffError::BadCsrf
            | StaffError::RoundClosed
            | StaffError::OrganisationInactive
            | StaffError::OrganisationChangeDifferencing
            | StaffError::AccountNotFound
            | StaffError::OwnAccount
            | StaffError::AccountDeactivated
            | StaffError::LinkUnknown
            | StaffError::LinkUsed
            | StaffError::LinkExpired
            | StaffError::MailOff
            | StaffError::ReminderTooSoon(_)
            | StaffError::MailUnreachable
            | StaffError::PlanWithoutResults
            | StaffError::PlanActionNotFound
            | StaffError::Storage
            | StaffError::Transport(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_group_name_errors_have_their_own_message_and_status() {
        for lang in Lang::ALL {
            let round = StaffError::InvalidName.message(lang);
            assert_ne!(StaffError::PeerGroupNameTaken.message(lang), round);
            assert_ne!(StaffError::InvalidPeerGroupName.message(lang), round);
            assert_ne!(
                StaffError::OrganisationNotFound.message(lang),
                StaffError::NotFound.message(lang)
            );
            assert_ne!(
                StaffError::UploadNotFound.message(lang),
                StaffError::NotFound.message(lang)
            );
        }
        assert_eq!(StaffError::PeerGroupNameTaken.status(), 409);
        assert_eq!(StaffError::InvalidPeerGroupName.status(), 422);
        assert_eq!(StaffError::OrganisationNotFound.status(), 404);
        assert_eq!(StaffError::UploadNotFound.status(), 404);
        assert_eq!(StaffError::PeerGroupNotFound.status(), 404);
    }

    #[test]
    fn password_messages_name_the_limits_the_rule_applies() {
        use quickscan_domain::password::{PasswordProblem, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
        for lang in Lang::ALL {
            let short = StaffError::NewPassword(PasswordProblem::TooShort).message(lang);
            assert!(short.contains(&MIN_PASSWORD_CHARS.to_string()), "{short}");
            let rule = lang.texts().account.rule;
            assert!(rule.contains(&MIN_PASSWORD_CHARS.to_string()), "{rule}");
            let long = StaffError::NewPassword(PasswordProblem::TooLong).message(lang);
            assert!(long.contains(&MAX_PASSWORD_CHARS.to_string()), "{long}");
        }
    }
}
