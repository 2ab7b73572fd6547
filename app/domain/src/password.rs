//! The rule a new staff password must meet: long enough, not the account's own address, and
//! not one of the passwords every guesser tries first.

use serde::{Deserialize, Serialize};

/// The fewest characters a new password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The most: argon2 hashes any length, but a megabyte "password" is only a way to spend our
/// CPU.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_CHARS`] characters.
    TooLong,
    /// The account's e-mail address (or its part before the `@`).
    IsTheEmail,
    /// One of the most common passwords, or one character repeated.
    TooCommon,
}

/// Passwords of at least [`MIN_PASSWORD_CHARS`] characters that appear at the top of public
/// leaked-password lists, in English and Dutch; compared without case and without a trailing
/// `!` or digits run that people add to meet rules.
const COMMON: [&str; 40] = [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "123123123123",
    "111111111111",
    "000000000000",
    "qwertyuiopas",
    "qwertyuiop",
    "qwertyqwerty",
    "qwerty123456",
    "azertyuiop",
    "azertyazerty",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "password",
    "passwordpassword",
    "password1234",
    "passw0rd",
    "iloveyou",
    "letmeinletmein",
    "welcome",
    "welkom",
    "wachtwoord",
    "wachtwoordwachtwoord",
    "geheimgeheim",
    "motdepasse",
    "administrator",
    "administrateur",
    "beheerder",
    "changeme",
    "quickscan",
    "integriteit",
    "gemeente",
    "stadsbestuur",
    "monkeymonkey",
    "dragondragon",
    "sunshine",
    "football",
    "baseball",
];

/// Checks a new password for the account with address `email`.
pub fn check_new_password(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.trim().to_lowercase();
    let email = email.trim().to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default();
    if lowered == email || (!local_part.is_empty() && lowered == local_part) {
        return Err(PasswordProblem::IsTheEmail);
    }
    let stem = lowered.trim_end_matches(|c: char| c == '!' || c.is_ascii_digit());
    let one_character = lowered.chars().all(|c| lowered.starts_with(c));
    if one_character || COMMON.contains(&lowered.as_str()) || COMMON.contains(&stem) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_long_own_address_and_common_passwords_are_refused() {
        let email = "an.coordinator@geel.be";
        assert_eq!(
            check_new_password("kort-maar", email),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_CHARS + 1), email),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check_new_password("An.Coordinator@geel.be", email),
            Err(PasswordProblem::IsTheEmail)
        );
        assert_eq!(
            check_new_password("an.coordinator", email),
            Err(PasswordProblem::IsTheEmail)
        );
        for common in [
            "Wachtwoord123!",
            "PASSWORD12345",
            "123456789012",
            "aaaaaaaaaaaaaaa",
        ] {
            assert_eq!(
                check_new_password(common, email),
                Err(PasswordProblem::TooCommon),
                "{common}"
            );
        }
        assert_eq!(check_new_password("paard batterij nietje", email), Ok(()));
        // Characters, not bytes: twelve accented letters are twelve.
        assert_eq!(check_new_password("éèêëàâäôöûüç", email), Ok(()));
    }

    proptest! {
        #[test]
        fn a_password_is_refused_when_shorter_than_the_minimum(password in "\\PC{0,11}") {
            prop_assert_eq!(check_new_password(&password, "x@y.be"), Err(PasswordProblem::TooShort));
        }

        #[test]
        fn random_long_passwords_pass(password in "[a-z]{6}-[a-z]{6}-[0-9]{3}") {
            prop_assert_eq!(check_new_password(&password, "x@y.be"), Ok(()));
        }
    }
}
