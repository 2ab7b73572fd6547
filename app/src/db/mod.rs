//! Database entities (sea-orm), compiled only with the `ssr` feature.
//!
//! One module per table; the schema itself lives in the `migration` crate.

pub mod account_link;
pub mod advisor_assignment;
pub mod answer;
pub mod audit_event;
pub mod benchmark;
pub mod dimension_comment;
pub mod import_upload;
pub mod invitation;
pub mod invitation_mail;
pub mod invitation_mail_round;
pub mod login_throttle;
pub mod model_version;
pub mod open_link;
pub mod organisation;
pub mod peer_group;
pub mod peer_group_member;
pub mod plan_action;
pub mod plan_comment;
pub mod plan_target;
pub mod response;
pub mod round;
pub mod round_result;
pub mod round_summary;
pub mod session;
pub mod user;
