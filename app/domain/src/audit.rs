//! The staff actions the audit log records, each under a stable code (stored) and a name in
//! every interface language. The log records who, when, which organisation, from where and
//! counts; never an e-mail address of a respondent nor anything a respondent answered.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// How long audit events are kept by default (`QUICKSCAN_AUDIT_RETENTION_DAYS`): two years,
/// long enough to follow up a yearly round and the year after.
pub const DEFAULT_RETENTION_DAYS: u64 = 730;

macro_rules! audit_actions {
    ($($variant:ident => $code:literal, $text:ident;)*) => {
        /// A recorded staff action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction {
            $(
                #[doc = concat!("`", $code, "`.")]
                $variant,
            )*
        }

        impl AuditAction {
            /// Every action, in the filter's order.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant),*];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $code,)*
                }
            }

            /// The action of a stored code.
            pub fn from_code(code: &str) -> Option<AuditAction> {
                match code {
                    $($code => Some(AuditAction::$variant),)*
                    _ => None,
                }
            }

            /// Its name in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                let texts = &lang.texts().audit;
                match self {
                    $(AuditAction::$variant => texts.$text,)*
                }
            }
        }
    };
}

audit_actions! {
    SignedIn => "sign-in", signed_in;
    SignInRefused => "sign-in-refused", sign_in_refused;
    SignedOut => "sign-out", signed_out;
    PasswordChanged => "password-changed", password_changed;
    PasswordSetThroughLink => "password-set-through-link", password_set_through_link;
    PasswordResetRequested => "password-reset-requested", password_reset_requested;
    AccountCreated => "account-created", account_created;
    CoordinatorInvited => "coordinator-invited", coordinator_invited;
    AccountDeactivated => "account-deactivated", account_deactivated;
    AccountReactivated => "account-reactivated", account_reactivated;
    AccountLinkSent => "account-link-sent", account_link_sent;
    AdvisorAssigned => "advisor-assigned", advisor_assigned;
    OrganisationCreated => "organisation-created", organisation_created;
    OrganisationChanged => "organisation-changed", organisation_changed;
    OrganisationDeleted => "organisation-deleted", organisation_deleted;
    OrganisationsImported => "organisations-imported", organisations_imported;
    RoundOpened => "round-opened", round_opened;
    RoundClosed => "round-closed", round_closed;
    PlanTargetSet => "plan-target-set", plan_target_set;
    PlanActionAdded => "plan-action-added", plan_action_added;
    PlanActionChanged => "plan-action-changed", plan_action_changed;
    PlanActionDeleted => "plan-action-deleted", plan_action_deleted;
    PlanCommented => "plan-commented", plan_commented;
    OpenLinkChanged => "open-link-changed", open_link_changed;
    InvitationsMailed => "invitations-mailed", invitations_mailed;
    InvitationsResent => "invitations-resent", invitations_resent;
    RemindersSent => "reminders-sent", reminders_sent;
    ImportPreviewed => "import-previewed", import_previewed;
    ImportConfirmed => "import-confirmed", import_confirmed;
    ExportDownloaded => "export-downloaded", export_downloaded;
    PeerGroupCreated => "peer-group-created", peer_group_created;
    PeerGroupMembersSet => "peer-group-members-set", peer_group_members_set;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_unique_code_that_reads_back_and_a_name() {
        let mut codes = std::collections::HashSet::new();
        for action in AuditAction::ALL {
            assert!(codes.insert(action.code()), "{:?}", action);
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
            for lang in Lang::ALL {
                assert!(!action.label(lang).is_empty());
            }
        }
        assert_eq!(AuditAction::from_code("sign-in-again"), None);
    }
}
