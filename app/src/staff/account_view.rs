//! What the staff-account pages show, as plain data sent from server to browser.

use serde::{Deserialize, Serialize};

use crate::auth::{Role, StaffUser};

/// How a new link reaches its account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// It went out by e-mail.
    Mailed,
    /// E-mail is off (or the mail server could not be reached): shown once to whoever made it,
    /// to pass on by hand.
    ShowOnce {
        /// The account's address.
        email: String,
        /// The full link.
        link: String,
        /// Whether e-mail was on but the message could not go out.
        mail_failed: bool,
    },
}

/// An account's state as the admin's list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountState {
    /// Signs in.
    Active,
    /// Created; its activation link was not used yet.
    AwaitingActivation,
    /// Deactivated: cannot sign in.
    Deactivated,
}

/// One account in the admin's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    /// Its id.
    pub id: i32,
    /// Its address.
    pub email: String,
    /// Its name.
    pub display_name: String,
    /// Its role.
    pub role: Role,
    /// Its organisations as "name (NIS)": a coordinator's own, an advisor's assigned ones.
    pub organisations: Vec<String>,
    /// Their NIS codes, space-separated (the assignment form's value).
    pub organisation_codes: String,
    /// The last sign-in, as `YYYY-MM-DD HH:MM` UTC.
    pub last_login: Option<String>,
    /// Its state.
    pub state: AccountState,
}

/// The admin's accounts page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountsView {
    /// Who is signed in.
    pub user: StaffUser,
    /// Every account, admins first, then by address.
    pub accounts: Vec<AccountRow>,
}

/// What a one-time link opens, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLinkView {
    /// The account's address (the page names it, and password managers store it).
    pub email: String,
    /// Whether this is a new account's activation (else a reset).
    pub activation: bool,
}
