//! E-mail addresses as a coordinator pastes them: one per line, or separated by commas or
//! semicolons, possibly as `Name <address>`. Parsed once at the edge into [`MailAddress`]es,
//! trimmed and without duplicates (compared case-insensitively), or refused naming every
//! address that is not one.

use std::collections::HashSet;

use thiserror::Error;

/// The most addresses invited at once.
pub const MAX_ADDRESSES_AT_ONCE: usize = 2000;

/// A round's reminders go out at most once per this many days.
pub const REMINDER_INTERVAL_DAYS: i64 = 3;

/// The longest address accepted (RFC 5321's path limit less the brackets).
pub const MAX_ADDRESS_LEN: usize = 254;

/// One e-mail address that looks deliverable: `local@domain.tld`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MailAddress(String);

impl MailAddress {
    /// Parses one address (surrounding spaces and `<…>` removed).
    pub fn parse(text: &str) -> Option<MailAddress> {
        let text = text.trim();
        // `Name <address>`: the part between the last angle brackets.
        let text = match (text.rfind('<'), text.ends_with('>')) {
            (Some(open), true) => text[open + 1..text.len() - 1].trim(),
            _ => text,
        };
        if text.is_empty() || text.len() > MAX_ADDRESS_LEN {
            return None;
        }
        let (local, domain) = text.rsplit_once('@')?;
        (valid_local(local) && valid_domain(domain)).then(|| MailAddress(text.to_owned()))
    }

    /// The address as typed (without a display name).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: the address in lowercase.
    fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl std::fmt::Display for MailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn valid_local(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-.";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Why a pasted list was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressListError {
    /// Nothing but separators and spaces.
    #[error("no address")]
    Empty,
    /// Some entries are not addresses; all of them, as typed, in order.
    #[error("not addresses: {0:?}")]
    Invalid(Vec<String>),
    /// More distinct addresses than [`MAX_ADDRESSES_AT_ONCE`].
    #[error("{count} addresses, more than {max}")]
    TooMany {
        /// How many distinct addresses were given.
        count: usize,
        /// The most accepted.
        max: usize,
    },
}

/// Parses a pasted (or uploaded) list: entries separated by new lines, commas, semicolons or
/// tabs; blank entries skipped; duplicates (ignoring case) kept once, in first-seen order.
pub fn parse_address_list(text: &str) -> Result<Vec<MailAddress>, AddressListError> {
    let mut seen = HashSet::new();
    let mut addresses = Vec::new();
    let mut invalid: Vec<String> = Vec::new();
    for entry in text.split(['\n', '\r', ',', ';', '\t']) {
        let entry = entry.trim().trim_matches('"').trim();
        if entry.is_empty() {
            continue;
        }
        match MailAddress::parse(entry) {
            Some(address) => {
                if seen.insert(address.key()) {
                    addresses.push(address);
                }
            }
            None => {
                if !invalid.iter().any(|i| i == entry) {
                    invalid.push(entry.to_owned());
                }
            }
        }
    }
    if !invalid.is_empty() {
        return Err(AddressListError::Invalid(invalid));
    }
    if addresses.is_empty() {
        return Err(AddressListError::Empty);
    }
    if addresses.len() > MAX_ADDRESSES_AT_ONCE {
        return Err(AddressListError::TooMany {
            count: addresses.len(),
            max: MAX_ADDRESSES_AT_ONCE,
        });
    }
    Ok(addresses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn strings(list: &[MailAddress]) -> Vec<&str> {
        list.iter().map(MailAddress::as_str).collect()
    }

    #[test]
    fn lines_commas_and_semicolons_separate_and_spaces_are_trimmed() {
        let list = parse_address_list(" an@geel.be\r\nbert@geel.be, carla@mol.be;\n\n dirk@x.org ")
            .unwrap();
        assert_eq!(
            strings(&list),
            ["an@geel.be", "bert@geel.be", "carla@mol.be", "dirk@x.org"]
        );
    }

    #[test]
    fn duplicates_are_kept_once_ignoring_case() {
        let list = parse_address_list("An@Geel.be\nan@geel.BE\nbert@geel.be").unwrap();
        assert_eq!(strings(&list), ["An@Geel.be", "bert@geel.be"]);
    }

    #[test]
    fn a_display_name_is_dropped() {
        let list = parse_address_list("An Peeters <an@geel.be>").unwrap();
        assert_eq!(strings(&list), ["an@geel.be"]);
    }

    #[test]
    fn every_invalid_entry_is_named_once_in_order() {
        let refused =
            parse_address_list("an@geel.be\nnot-an-address\nx@y\nnot-an-address\na@@b.be");
        assert_eq!(
            refused,
            Err(AddressListError::Invalid(vec![
                "not-an-address".into(),
                "x@y".into(),
                "a@@b.be".into()
            ]))
        );
    }

    #[test]
    fn odd_but_invalid_addresses_are_refused() {
        for bad in [
            "@geel.be",
            "an@",
            "an@geel",
            "an@geel.b",
            "an@-geel.be",
            "an@geel-.be",
            ".an@geel.be",
            "an.@geel.be",
            "a..n@geel.be",
            "an @geel.be",
            "an@ge el.be",
            "an@geel..be",
            "an@geel.123",
        ] {
            assert_eq!(MailAddress::parse(bad), None, "{bad}");
        }
        for good in ["a@b.be", "an.peeters+scan@geel.be", "o'brien@mail.co.uk"] {
            assert!(MailAddress::parse(good).is_some(), "{good}");
        }
    }

    #[test]
    fn an_empty_list_and_too_many_are_refused() {
        assert_eq!(parse_address_list(" ,;\n "), Err(AddressListError::Empty));
        let many: String = (0..=MAX_ADDRESSES_AT_ONCE)
            .map(|i| format!("p{i}@geel.be\n"))
            .collect();
        assert_eq!(
            parse_address_list(&many),
            Err(AddressListError::TooMany {
                count: MAX_ADDRESSES_AT_ONCE + 1,
                max: MAX_ADDRESSES_AT_ONCE
            })
        );
        let exactly: String = (0..MAX_ADDRESSES_AT_ONCE)
            .map(|i| format!("p{i}@geel.be\n"))
            .collect();
        assert_eq!(
            parse_address_list(&exactly).unwrap().len(),
            MAX_ADDRESSES_AT_ONCE
        );
    }

    fn address() -> impl Strategy<Value = String> {
        ("[a-zA-Z0-9]{1,10}", "[a-zA-Z0-9]{1,10}", "[a-zA-Z]{2,4}")
            .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
    }

    proptest! {
        #[test]
        fn valid_lists_parse_to_their_distinct_addresses(
            addresses in proptest::collection::vec(address(), 1..40),
            separators in proptest::collection::vec(prop_oneof![
                Just("\n"), Just(","), Just(";"), Just(" ; "), Just("\r\n"), Just("\t")
            ], 40),
        ) {
            let text: String = addresses
                .iter()
                .zip(&separators)
                .map(|(a, s)| format!("{a}{s}"))
                .collect();
            let list = parse_address_list(&text).unwrap();
            let keys: HashSet<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
            prop_assert_eq!(list.len(), keys.len());
            let parsed: HashSet<String> = list.iter().map(|a| a.as_str().to_lowercase()).collect();
            prop_assert_eq!(parsed, keys);
        }

        #[test]
        fn an_entry_without_at_sign_is_always_named(
            addresses in proptest::collection::vec(address(), 0..10),
            junk in "[a-z]{1,12}",
        ) {
            let text = addresses.iter().cloned().chain([junk.clone()]).collect::<Vec<_>>().join("\n");
            prop_assert_eq!(parse_address_list(&text), Err(AddressListError::Invalid(vec![junk])));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = parse_address_list(&text);
        }
    }
}
