//! Who may do what: the one access rule of the staff side.
//!
//! Every route, server function and page asks [`permits`]; nothing else decides access. The
//! rule is a function of the user's role, the organisations they belong to (a coordinator's
//! own, an advisor's assigned ones), the action and the organisation it concerns.

use serde::{Deserialize, Serialize};

/// What a staff user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// The role's name in `lang`.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let texts = &lang.texts().staff;
        match self {
            Role::Coordinator => texts.role_coordinator,
            Role::Advisor => texts.role_advisor,
            Role::Admin => texts.role_admin,
        }
    }

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Advisor => "advisor",
            Role::Admin => "admin",
        }
    }

    /// The role with this code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Something a staff user may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read an organisation's rounds, progress, reports and report exports.
    ReadOrganisation,
    /// Open, invite for and close an organisation's rounds.
    ManageRounds,
    /// Download the template for, upload and confirm spreadsheet answers of an organisation.
    ImportAnswers,
    /// Open the association's comparison (it lists only organisations the user may read).
    CompareOrganisations,
    /// Define peer groups and their members.
    ManagePeerGroups,
    /// See the loaded maturity model versions and which one new rounds use.
    ViewModelVersions,
    /// Add organisations, edit their details, take them out of use.
    ManageOrganisations,
    /// Create staff accounts, assign advisors, deactivate accounts, send new links.
    ManageAccounts,
    /// Invite another coordinator for an organisation.
    InviteCoordinator,
    /// Read and export the audit log.
    ViewAuditLog,
    /// Set an organisation's targets and change its action plan.
    EditActionPlan,
    /// Comment on an organisation's action plan (its advisor).
    CommentOnActionPlan,
    /// Read the association's overview of every organisation's plans.
    ViewSectorPlans,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 13] = [
        Action::ReadOrganisation,
        Action::ManageRounds,
        Action::ImportAnswers,
        Action::CompareOrganisations,
        Action::ManagePeerGroups,
        Action::ViewModelVersions,
        Action::ManageOrganisations,
        Action::ManageAccounts,
        Action::InviteCoordinator,
        Action::ViewAuditLog,
        Action::EditActionPlan,
        Action::CommentOnActionPlan,
        Action::ViewSectorPlans,
    ];

    /// Whether the action concerns one organisation (and so needs a target to be allowed).
    pub fn is_per_organisation(self) -> bool {
        matches!(
            self,
            Action::ReadOrganisation
                | Action::ManageRounds
                | Action::ImportAnswers
                | Action::InviteCoordinator
                | Action::EditActionPlan
                | Action::CommentOnActionPlan
        )
    }
}

/// Whether a user with `role`, belonging to `organisations`, may do `action` to `target`.
///
/// `target` is the organisation the action concerns; an organisation-scoped action without a
/// target asks "may they do this to some organisation at all" (to show a menu entry), and is
/// allowed when the role could do it for one of its organisations.
pub fn permits(role: Role, organisations: &[i32], action: Action, target: Option<i32>) -> bool {
    let own = |target: Option<i32>| match target {
        Some(id) => organisations.contains(&id),
        None => !organisations.is_empty(),
    };
    match (role, action) {
        (Role::Admin, _) => true,
        // A coordinator may bring in a second coordinator for their own organisation.
        // The coordinator draws up their organisation's action plan.
        (
            Role::Coordinator,
            Action::ReadOrganisation
            | Action::ManageRounds
            | Action::InviteCoordinator
            | Action::EditActionPlan,
        ) => own(target),
        (Role::Coordinator, _) => false,
        // An advisor reads and comments on the plans of their organisations, but does not
        // change them: the plan is the organisation's own.
        (
            Role::Advisor,
            Action::ReadOrganisation | Action::ImportAnswers | Action::CommentOnActionPlan,
        ) => own(target),
        // Advisors compare the organisations assigned to them; the page lists only those.
        (Role::Advisor, Action::CompareOrganisations) => true,
        (
            Role::Advisor,
            Action::ManageRounds
            | Action::ManagePeerGroups
            | Action::ViewModelVersions
            | Action::ManageOrganisations
            | Action::ManageAccounts
            | Action::InviteCoordinator
            | Action::ViewAuditLog
            | Action::EditActionPlan
            | Action::ViewSectorPlans,
        ) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinator_reads_and_manages_only_their_own_organisation() {
        let own = [7];
        assert!(permits(
            Role::Coordinator,
            &own,
            Action::ReadOrganisation,
            Some(7)
        ));
        assert!(permits(
            Role::Coordinator,
            &own,
            Action::ManageRounds,
            Some(7)
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::ReadOrganisation,
            Some(8)
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::ManageRounds,
            Some(8)
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::ImportAnswers,
            Some(7)
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::CompareOrganisations,
            None
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::ManagePeerGroups,
            None
        ));
    }

    #[test]
    fn an_advisor_reads_and_imports_for_assigned_organisations_but_manages_no_round() {
        let assigned = [3, 4];
        for target in [3, 4] {
            assert!(permits(
                Role::Advisor,
                &assigned,
                Action::ReadOrganisation,
                Some(target)
            ));
            assert!(permits(
                Role::Advisor,
                &assigned,
                Action::ImportAnswers,
                Some(target)
            ));
            assert!(!permits(
                Role::Advisor,
                &assigned,
                Action::ManageRounds,
                Some(target)
            ));
        }
        assert!(!permits(
            Role::Advisor,
            &assigned,
            Action::ReadOrganisation,
            Some(7)
        ));
        assert!(!permits(
            Role::Advisor,
            &assigned,
            Action::ImportAnswers,
            Some(7)
        ));
        assert!(permits(
            Role::Advisor,
            &assigned,
            Action::CompareOrganisations,
            None
        ));
        assert!(!permits(
            Role::Advisor,
            &assigned,
            Action::ManagePeerGroups,
            None
        ));
        for role in [Role::Advisor, Role::Coordinator] {
            assert!(!permits(role, &assigned, Action::ViewModelVersions, None));
            assert!(!permits(role, &assigned, Action::ManageOrganisations, None));
            assert!(!permits(
                role,
                &assigned,
                Action::ManageOrganisations,
                Some(1)
            ));
            assert!(!permits(role, &assigned, Action::ManageAccounts, None));
            assert!(!permits(role, &assigned, Action::ViewAuditLog, None));
        }
        let own = [7];
        assert!(permits(
            Role::Coordinator,
            &own,
            Action::InviteCoordinator,
            Some(7)
        ));
        assert!(!permits(
            Role::Coordinator,
            &own,
            Action::InviteCoordinator,
            Some(8)
        ));
        assert!(!permits(
            Role::Advisor,
            &own,
            Action::InviteCoordinator,
            Some(7)
        ));
    }

    #[test]
    fn the_coordinator_edits_the_plan_and_the_advisor_comments_on_it() {
        assert!(permits(
            Role::Coordinator,
            &[7],
            Action::EditActionPlan,
            Some(7)
        ));
        assert!(!permits(
            Role::Coordinator,
            &[7],
            Action::EditActionPlan,
            Some(8)
        ));
        assert!(!permits(
            Role::Coordinator,
            &[7],
            Action::CommentOnActionPlan,
            Some(7)
        ));
        assert!(permits(
            Role::Advisor,
            &[3, 4],
            Action::CommentOnActionPlan,
            Some(4)
        ));
        assert!(!permits(
            Role::Advisor,
            &[3, 4],
            Action::CommentOnActionPlan,
            Some(7)
        ));
        assert!(!permits(
            Role::Advisor,
            &[3, 4],
            Action::EditActionPlan,
            Some(3)
        ));
        for role in [Role::Coordinator, Role::Advisor] {
            assert!(!permits(role, &[3], Action::ViewSectorPlans, None));
        }
    }

    #[test]
    fn the_admin_may_do_everything_everywhere() {
        for action in Action::ALL {
            assert!(permits(Role::Admin, &[], action, Some(99)));
            assert!(permits(Role::Admin, &[], action, None));
        }
    }

    #[test]
    fn without_a_target_an_organisation_action_asks_whether_any_organisation_is_theirs() {
        assert!(permits(Role::Advisor, &[3], Action::ImportAnswers, None));
        assert!(!permits(Role::Advisor, &[], Action::ImportAnswers, None));
        assert!(!permits(Role::Coordinator, &[], Action::ManageRounds, None));
    }

    #[test]
    fn nobody_but_the_admin_acts_on_an_organisation_outside_their_own() {
        for role in [Role::Coordinator, Role::Advisor] {
            for action in Action::ALL.into_iter().filter(|a| a.is_per_organisation()) {
                assert!(
                    !permits(role, &[1, 2], action, Some(3)),
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }
}
