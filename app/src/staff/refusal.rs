//! A refused staff form, shown on the page the form lives on: the problem next to its field and
//! what the user typed filled back in.
//!
//! The server answers a refused post by rendering the form's page again (with the refusal's
//! status) for the same user. That page is served without the hydration scripts: its address is
//! the form's action, not the page's own route, so hydrating it would not match. It works
//! completely without JavaScript like every page, and the next successful post or link leads
//! back to hydrated pages. Because such a page is never hydrated, the refusal travels as
//! render-time context and is not part of any server-function payload.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::StaffError;

/// The forms of the staff pages, by the name a refusal finds them with.
pub mod forms {
    /// The dashboard's "open a round" form of one organisation (`new-round-{id}`).
    pub fn new_round(organisation_id: i32) -> String {
        format!("new-round-{organisation_id}")
    }
    /// The round page's open link form (create it, or change its cap).
    pub const OPEN_LINK: &str = "open-link";
    /// The round page's "close the round" form.
    pub const CLOSE_ROUND: &str = "close-round";
    /// The peer-group page's "new peer group" form.
    pub const NEW_PEER_GROUP: &str = "new-peer-group";
    /// The peer-group page's members form of one group (`members-{id}`).
    pub fn peer_group_members(group_id: i32) -> String {
        format!("members-{group_id}")
    }
    /// The import page's upload form.
    pub const UPLOAD: &str = "upload";
    /// The preview's "confirm the import" form.
    pub const CONFIRM_IMPORT: &str = "confirm-import";
    /// The round page's "invite by e-mail" form.
    pub const INVITE_BY_MAIL: &str = "invite-by-mail";
    /// The round page's "send the waiting invitations again" form.
    pub const RESEND_MAIL: &str = "resend-mail";
    /// The round page's "send a reminder" form.
    pub const REMIND_BY_MAIL: &str = "remind-by-mail";
    /// The form adding an organisation.
    pub const NEW_ORGANISATION: &str = "new-organisation";
    /// The organisation list's upload and confirmation.
    pub const ORGANISATION_LIST: &str = "organisation-list";
    /// An organisation's deletion form.
    pub const DELETE_ORGANISATION: &str = "delete-organisation";
    /// An organisation's details form.
    pub const ORGANISATION_DETAILS: &str = "organisation-details";
    /// The admin's form creating an account.
    pub const NEW_ACCOUNT: &str = "new-account";
    /// The admin's row actions on one account (`account-{id}`).
    pub fn account(account_id: i32) -> String {
        format!("account-{account_id}")
    }
    /// An organisation's form inviting another coordinator.
    pub const INVITE_COORDINATOR: &str = "invite-coordinator";
    /// The one-time link's password form.
    pub const SET_PASSWORD: &str = "set-password";
    /// The forgotten-password form.
    pub const FORGOT_PASSWORD: &str = "forgot-password";
    /// The password page's form.
    pub const CHANGE_PASSWORD: &str = "change-password";
    /// The plan page's target form of one dimension (`plan-target-{dimension}`).
    pub fn plan_target(dimension_id: &str) -> String {
        format!("plan-target-{dimension_id}")
    }
    /// The plan page's adopt buttons of one dimension (`plan-adopt-{dimension}`).
    pub fn plan_adopt(dimension_id: &str) -> String {
        format!("plan-adopt-{dimension_id}")
    }
    /// The plan page's form adding an own action.
    pub const NEW_PLAN_ACTION: &str = "new-plan-action";
    /// The plan page's form of one action (`plan-action-{id}`), its move and delete buttons
    /// included.
    pub fn plan_action(action_id: i32) -> String {
        format!("plan-action-{action_id}")
    }
    /// The plan page's comment form.
    pub const PLAN_COMMENT: &str = "plan-comment";
    /// Not a form: a refused link (an export, a download), shown at the top of the page.
    pub const PAGE: &str = "page";
}

/// A refused form: which form, why, and what was typed (never the CSRF token or a password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRefusal {
    /// The address of the page the form lives on.
    pub page: String,
    /// The form's name (see [`forms`]).
    pub form: String,
    /// Why it was refused.
    pub error: StaffError,
    /// The posted fields, in order.
    pub fields: Vec<(String, String)>,
}

impl FormRefusal {
    /// What was typed into `field` of `form`, if this refusal is that form's.
    pub fn value(&self, form: &str, field: &str) -> Option<String> {
        (self.form == form)
            .then(|| self.fields.iter().find(|(name, _)| name == field))
            .flatten()
            .map(|(_, value)| value.clone())
    }

    /// Every value posted for `field` of `form` (checkboxes), if this refusal is that form's.
    pub fn values(&self, form: &str, field: &str) -> Option<Vec<String>> {
        (self.form == form).then(|| {
            self.fields
                .iter()
                .filter(|(name, _)| name == field)
                .map(|(_, value)| value.clone())
                .collect()
        })
    }

    /// The problem with `field` of `form`, if that is what was refused.
    pub fn field_problem(&self, form: &str, field: &str) -> Option<&StaffError> {
        (self.form == form && self.error.field() == Some(field)).then_some(&self.error)
    }

    /// The problem with `form` as a whole (not tied to one of its fields).
    pub fn form_problem(&self, form: &str) -> Option<&StaffError> {
        (self.form == form && self.error.field().is_none()).then_some(&self.error)
    }
}

/// The refusal the current page is rendered for, as context.
#[derive(Debug, Clone)]
struct CurrentRefusal(Option<FormRefusal>);

/// Makes the refusal of the current request (if any) available to [`use_form_refusal`].
pub fn provide_form_refusal() {
    provide_context(CurrentRefusal(request_refusal()));
}

/// The refusal the current page shows, if it is shown because a form was refused.
pub fn use_form_refusal() -> Option<FormRefusal> {
    use_context::<CurrentRefusal>().and_then(|c| c.0)
}

/// A new account's one-time link the server shows this once, on the page it renders in answer
/// to the post that made it (never stored, never in a server-function payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeLink(pub super::account_view::Delivery);

/// The one-time link the current page shows, if it is rendered for one.
#[cfg(feature = "ssr")]
pub fn use_one_time_link() -> Option<super::account_view::Delivery> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<OneTimeLink>().map(|l| l.0.clone()))
}

/// In the browser there is never one: such pages are not hydrated.
#[cfg(not(feature = "ssr"))]
pub fn use_one_time_link() -> Option<super::account_view::Delivery> {
    None
}

/// Marks a page the server renders in answer to a post (a refused form, a checked list, a
/// one-time link): its address is the form's action, and what it shows exists only in this
/// render, so it is served without the hydration scripts (hydrating would match another
/// route, or wipe what only the server had).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedForPost;

/// Whether the current page is rendered in answer to a post.
#[cfg(feature = "ssr")]
pub fn rendered_for_post() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.extensions.get::<RenderedForPost>().is_some())
}

/// In the browser never: such pages are not hydrated.
#[cfg(not(feature = "ssr"))]
pub fn rendered_for_post() -> bool {
    false
}

/// The refusal the server attached to the request it renders.
#[cfg(feature = "ssr")]
pub fn request_refusal() -> Option<FormRefusal> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<FormRefusal>().cloned())
}

/// In the browser there is never a refusal: refused pages are not hydrated.
#[cfg(not(feature = "ssr"))]
pub fn request_refusal() -> Option<FormRefusal> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(error: StaffError) -> FormRefusal {
        FormRefusal {
            page: "/rounds/1".to_owned(),
            form: forms::OPEN_LINK.to_owned(),
            error,
            fields: vec![
                ("cap".into(), "99999".into()),
                ("note".into(), "kept".into()),
            ],
        }
    }

    #[test]
    fn the_problem_is_found_at_its_field_of_its_form_only() {
        let refused = refusal(StaffError::InvalidCap);
        assert_eq!(
            refused.field_problem(forms::OPEN_LINK, "cap"),
            Some(&StaffError::InvalidCap)
        );
        assert_eq!(refused.field_problem(forms::OPEN_LINK, "note"), None);
        assert_eq!(refused.field_problem(forms::CLOSE_ROUND, "cap"), None);
        assert_eq!(refused.form_problem(forms::OPEN_LINK), None);
        assert_eq!(
            refused.value(forms::OPEN_LINK, "cap").as_deref(),
            Some("99999")
        );
        assert_eq!(refused.value(forms::CLOSE_ROUND, "cap"), None);
    }

    #[test]
    fn a_problem_without_a_field_belongs_to_the_form() {
        let refused = refusal(StaffError::RoundClosed);
        assert_eq!(
            refused.form_problem(forms::OPEN_LINK),
            Some(&StaffError::RoundClosed)
        );
        assert_eq!(refused.field_problem(forms::OPEN_LINK, "cap"), None);
    }
}
