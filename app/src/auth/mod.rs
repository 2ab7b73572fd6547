//! Staff accounts: roles, who may see and do what, and (with `ssr`) login and sessions.

#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "qs_session";
/// The hidden form field carrying the session's CSRF token.
pub const CSRF_FIELD: &str = "csrf";

/// What a staff user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The integrity coordinator of one organisation.
    Coordinator,
    /// An integrity advisor, for the organisations assigned to them.
    Advisor,
    /// The association's administrator: everything.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Coordinator, Role::Advisor, Role::Admin];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Advisor => "advisor",
            Role::Admin => "admin",
        }
    }
}

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
    /// May this user read an organisation's rounds and reports?
    pub fn can_read(&self, organisation_id: i32) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Coordinator => self.organisation_id == Some(organisation_id),
            Role::Advisor => self.assigned.contains(&organisation_id),
        }
    }

    /// May this user open, invite for and close an organisation's rounds?
    pub fn can_manage_rounds(&self, organisation_id: i32) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Coordinator => self.organisation_id == Some(organisation_id),
            Role::Advisor => false,
        }
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
    fn each_role_sees_what_the_design_allows() {
        let coordinator = user(Role::Coordinator, Some(7), vec![]);
        assert!(coordinator.can_read(7) && coordinator.can_manage_rounds(7));
        assert!(!coordinator.can_read(8) && !coordinator.can_manage_rounds(8));
        let advisor = user(Role::Advisor, None, vec![3, 4]);
        assert!(advisor.can_read(3) && advisor.can_read(4) && !advisor.can_read(7));
        assert!(!advisor.can_manage_rounds(3));
        let admin = user(Role::Admin, None, vec![]);
        assert!(admin.can_read(99) && admin.can_manage_rounds(99));
    }

    #[test]
    fn role_codes_are_distinct() {
        let mut codes: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Role::ALL.len());
    }
}
