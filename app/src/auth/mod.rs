//! Staff accounts: roles, who may see and do what, and (with `ssr`) login and sessions.

#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod throttle;

use serde::{Deserialize, Serialize};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "qs_session";
/// The hidden form field carrying the session's CSRF token.
pub const CSRF_FIELD: &str = "csrf";

pub use quickscan_domain::access::{Action, Role};

/// Who is signed in, for the page header: the server resolves it from the session cookie
/// before a page renders and puts it in the request's extensions; the header reads it there
/// and hands it to the browser with the page (a `SharedValue`), so it needs no resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedInOnPage(pub Option<StaffUser>);

/// A logged-in staff user, with what access decisions need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    /// The user's id.
    pub id: i32,
    /// Their e-mail address.
    pub email: String,
    /// Their name.
    pub display_name: String,
    /// Their role.
    pub role: Role,
    /// A coordinator's organisation.
    pub organisation_id: Option<i32>,
    /// An advisor's assigned organisations.
    pub assigned: Vec<i32>,
    /// The session's CSRF token, for the forms on the page.
    pub csrf_token: String,
}

impl StaffUser {
    /// The organisations the user belongs to: a coordinator's own, an advisor's assigned ones.
    pub fn organisations(&self) -> Vec<i32> {
        match self.role {
            Role::Coordinator => self.organisation_id.into_iter().collect(),
            Role::Advisor => self.assigned.clone(),
            Role::Admin => Vec::new(),
        }
    }

    /// Whether the user may do `action` to the organisation `target` (see
    /// [`quickscan_domain::access::permits`], the one access rule).
    pub fn may(&self, action: Action, target: Option<i32>) -> bool {
        quickscan_domain::access::permits(self.role, &self.organisations(), action, target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, organisation_id: Option<i32>, assigned: Vec<i32>) -> StaffUser {
        StaffUser {
            id: 1,
            email: "x@example.org".into(),
            display_name: "X".into(),
            role,
            organisation_id,
            assigned,
            csrf_token: "t".into(),
        }
    }

    #[test]
    fn a_user_is_asked_through_the_one_access_rule() {
        let coordinator = user(Role::Coordinator, Some(7), vec![]);
        assert!(coordinator.may(Action::ManageRounds, Some(7)));
        assert!(!coordinator.may(Action::ReadOrganisation, Some(8)));
        let advisor = user(Role::Advisor, None, vec![3, 4]);
        assert!(advisor.may(Action::ReadOrganisation, Some(4)));
        assert!(!advisor.may(Action::ReadOrganisation, Some(7)));
        assert!(!advisor.may(Action::ManageRounds, Some(3)));
        // A coordinator's assigned list, were it ever filled, grants nothing.
        let odd = user(Role::Coordinator, Some(7), vec![9]);
        assert!(!odd.may(Action::ReadOrganisation, Some(9)));
    }

    #[test]
    fn the_admin_may_act_on_any_organisation() {
        let admin = user(Role::Admin, None, vec![]);
        assert!(admin.may(Action::ManageRounds, Some(99)));
    }
}
