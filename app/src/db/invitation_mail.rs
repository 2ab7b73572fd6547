//! An invitation sent (or to be sent) by e-mail: the address, kept only until the round closes,
//! and what became of the message. The token is never here: it exists only in the mail body.

use sea_orm::entity::prelude::*;

/// Where one mailed invitation stands. An unknown stored value is an error when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MailState {
    /// Written, not (yet) accepted by the mail server: sent when it can be reached.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Accepted by the mail server.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Refused for good by the mail server (the reason is in `failure`).
    #[sea_orm(string_value = "refused")]
    Refused,
}

/// One mailed invitation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation_mails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    #[sea_orm(unique)]
    pub invitation_id: i32,
    /// The address as the coordinator typed it; `None` once the round closed.
    pub address: Option<String>,
    /// mandatary, management or staff, when the coordinator chose one.
    pub respondent_group: Option<String>,
    /// The language of the messages (`nl`, `en`, `fr`).
    pub lang: String,
    pub state: MailState,
    /// Why the last attempt failed (the server's refusal, or that it could not be reached).
    pub failure: Option<String>,
    pub last_sent_at: Option<DateTimeUtc>,
    pub reminder_count: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
