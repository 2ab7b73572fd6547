//! Sending e-mail by SMTP (lettre), only with `ssr`. The settings are read and checked at
//! start-up ([`MailSettings::parse`]); without them e-mail is off and nothing tries to send.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{Address, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

/// How long one SMTP exchange may take before the server counts as unreachable.
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

/// Where and as whom QuickScan sends e-mail.
#[derive(Debug, Clone)]
pub struct MailSettings {
    url: String,
    from: Mailbox,
}

/// A mail setting that cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MailSettingsError {
    /// The SMTP URL does not parse (lettre's form: `smtp://host:port`, `smtps://user:pass@host`).
    #[error("QUICKSCAN_SMTP_URL is not an SMTP URL like smtp://127.0.0.1:2525 or smtps://user:password@host: {0}")]
    BadUrl(String),
    /// The from-address does not parse.
    #[error("QUICKSCAN_MAIL_FROM is not an e-mail address like \"QuickScan <quickscan@example.be>\": {0}")]
    BadFrom(String),
    /// A URL without a from-address.
    #[error("QUICKSCAN_MAIL_FROM is required when QUICKSCAN_SMTP_URL is set")]
    MissingFrom,
}

impl MailSettings {
    /// Checks an SMTP URL and a from-address (`Name <address>` or a bare address).
    pub fn parse(url: &str, from: &str) -> Result<MailSettings, MailSettingsError> {
        let url = url.trim();
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| MailSettingsError::BadUrl(format!("{url} ({error})")))?;
        let from = from
            .trim()
            .parse::<Mailbox>()
            .map_err(|_| MailSettingsError::BadFrom(from.to_owned()))?;
        Ok(MailSettings {
            url: url.to_owned(),
            from,
        })
    }

    /// The settings from the two variables' values: `None` when no URL is set (e-mail off).
    pub fn from_values(
        url: Option<&str>,
        from: Option<&str>,
    ) -> Result<Option<MailSettings>, MailSettingsError> {
        match (url, from) {
            (None, _) => Ok(None),
            (Some(_), None) => Err(MailSettingsError::MissingFrom),
            (Some(url), Some(from)) => MailSettings::parse(url, from).map(Some),
        }
    }

    /// A connection (pool) to the mail server, for one batch of messages.
    pub fn mailer(&self) -> Result<Mailer, SendFailure> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.url)
            .map_err(|error| SendFailure::Unreachable(error.to_string()))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Mailer {
            transport,
            from: self.from.clone(),
        })
    }
}

/// Why one message did not go out.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SendFailure {
    /// The server refused this recipient or message for good (an SMTP 5xx answer), or the
    /// address cannot be written as one; the others can still go.
    #[error("refused: {0}")]
    Refused(String),
    /// The server answered "try again later" (4xx): this message waits.
    #[error("deferred: {0}")]
    Deferred(String),
    /// The server could not be reached (connection, TLS, timeout): nothing more can go now.
    #[error("unreachable: {0}")]
    Unreachable(String),
}

/// A plain-text message as HTML for the message's second part: the text escaped, blank lines
/// as paragraphs, line breaks kept, and each http(s) address a link (mail clients that show
/// HTML then show the link clickable, with nothing the text does not say).
pub fn html_of(text: &str) -> String {
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    fn linked(line: &str) -> String {
        line.split(' ')
            .map(|word| {
                if word.starts_with("https://") || word.starts_with("http://") {
                    let href = escape(word);
                    format!("<a href=\"{href}\">{href}</a>")
                } else {
                    escape(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    let paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(linked).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

/// Sends messages (a plain-text part and the same as HTML) through one SMTP server.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// Sends one message to one address: `body` as the plain-text part, and as HTML.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), SendFailure> {
        let address = to
            .parse::<Address>()
            .map_err(|error| SendFailure::Refused(error.to_string()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, address))
            .subject(subject)
            .multipart(MultiPart::alternative_plain_html(
                body.clone(),
                html_of(&body),
            ))
            .map_err(|error| SendFailure::Refused(error.to_string()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(SendFailure::Refused(error.to_string())),
            Err(error) if error.is_transient() => Err(SendFailure::Deferred(error.to_string())),
            Err(error) => Err(SendFailure::Unreachable(error.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_says_what_the_text_says_with_links_and_nothing_unescaped() {
        let html = html_of("Beste <An> & co,\n\nOpen https://q.example/s/abc?x=1&y=\"2\"\nnu.\n");
        assert!(html.contains("<p>Beste &lt;An&gt; &amp; co,</p>"), "{html}");
        assert!(
            html.contains("<a href=\"https://q.example/s/abc?x=1&amp;y=&quot;2&quot;\">"),
            "{html}"
        );
        assert!(html.contains("<br>\nnu.</p>"), "{html}");
        assert!(!html.contains("<An>"));
    }

    #[test]
    fn settings_need_a_url_and_a_from_address_that_parse() {
        assert!(MailSettings::from_values(None, None).unwrap().is_none());
        assert!(MailSettings::from_values(None, Some("x@y.be"))
            .unwrap()
            .is_none());
        assert_eq!(
            MailSettings::from_values(Some("smtp://127.0.0.1:2525"), None).unwrap_err(),
            MailSettingsError::MissingFrom
        );
        assert!(matches!(
            MailSettings::parse("http://example.be", "x@y.be"),
            Err(MailSettingsError::BadUrl(_))
        ));
        assert!(matches!(
            MailSettings::parse("smtp://127.0.0.1:2525", "not an address"),
            Err(MailSettingsError::BadFrom(_))
        ));
        for url in ["smtp://127.0.0.1:2525", "smtps://user:pass@mail.example.be"] {
            assert!(
                MailSettings::parse(url, "QuickScan <scan@example.be>").is_ok(),
                "{url}"
            );
        }
    }
}
