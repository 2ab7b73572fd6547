//! The texts of invitations by e-mail: the round page's panel, its refusals, and the messages
//! themselves. One value per language lives in `nl.rs`, `en.rs` and `fr.rs`, like every text.

/// Invitations and reminders by e-mail.
#[derive(Debug, Clone, Copy)]
pub struct MailTexts {
    /// The panel's heading.
    pub title: &'static str,
    /// What inviting by e-mail does, and what staff never see.
    pub hint: &'static str,
    /// Shown instead of the form when the server has no mail server configured.
    pub off: &'static str,
    /// The address field's label.
    pub addresses_label: &'static str,
    /// Under the address field: how to separate addresses, and the limit.
    pub addresses_hint: fn(max: usize) -> String,
    /// The message language's label.
    pub language_label: &'static str,
    /// The send button.
    pub send: &'static str,
    /// The counts table's caption.
    pub counts_caption: &'static str,
    /// Column: invited by e-mail.
    pub invited_by_mail: &'static str,
    /// Column: sent.
    pub sent: &'static str,
    /// Column: could not be delivered.
    pub undeliverable: &'static str,
    /// Column: waiting to be sent.
    pub waiting: &'static str,
    /// Row: all groups together.
    pub total: &'static str,
    /// Invitations waiting because the mail server could not be reached.
    pub waiting_unreachable: fn(count: usize) -> String,
    /// The button sending the waiting invitations again.
    pub resend: &'static str,
    /// Above the list of refused addresses.
    pub refused_title: fn(count: usize) -> String,
    /// The reminder button.
    pub remind: &'static str,
    /// What a reminder does, and how often it may go out.
    pub remind_hint: fn(days: i64) -> String,
    /// When the last reminder went out.
    pub last_reminder: fn(when: &str) -> String,
    /// A refused reminder: from when the next one is possible.
    pub next_reminder_from: fn(when: &str) -> String,
    /// A closed round: the addresses are gone.
    pub erased: &'static str,
    /// Refused: addresses that are not addresses (followed by the list).
    pub invalid_addresses: &'static str,
    /// Refused: no address at all.
    pub no_addresses: &'static str,
    /// Refused: more addresses than the limit.
    pub too_many_addresses: &'static str,
    /// Refused: no mail server configured.
    pub mail_off: &'static str,
    /// Refused: a reminder went out less than the interval ago.
    pub reminder_too_soon: &'static str,
    /// Refused: the mail server could not be reached, nothing went out.
    pub unreachable: &'static str,
    /// The invitation's subject.
    pub invitation_subject: fn(organisation: &str) -> String,
    /// The invitation's plain-text body.
    pub invitation_body: fn(organisation: &str, round: &str, link: &str, min: usize) -> String,
    /// The reminder's subject.
    pub reminder_subject: fn(organisation: &str) -> String,
    /// The reminder's plain-text body.
    pub reminder_body: fn(organisation: &str, round: &str, link: &str, min: usize) -> String,
}
