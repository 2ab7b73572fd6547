//! An organisation's details as the association types them (or a spreadsheet gives them),
//! parsed into typed values, with the one problem per field that refuses them.

use serde::{Deserialize, Serialize};

use crate::benchmark::FLEMISH_PROVINCES;
use crate::{Lang, OrganisationKind};

/// The longest organisation name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The largest population accepted (more than any Belgian organisation serves; it keeps the
/// value in the database's 32-bit column).
pub const MAX_POPULATION: u32 = 100_000_000;

/// An organisation's details, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    /// The five-digit NIS code (e.g. `12025` for Mechelen).
    pub code: String,
    /// Its name, trimmed.
    pub name: String,
    /// Its kind.
    pub kind: OrganisationKind,
    /// One of [`FLEMISH_PROVINCES`], as stored.
    pub province: String,
    /// Inhabitants served; the size class follows from it.
    pub population: u32,
}

/// A field of an organisation's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationField {
    /// The NIS code.
    Code,
    /// The name.
    Name,
    /// The kind.
    Kind,
    /// The province.
    Province,
    /// The population.
    Population,
}

impl OrganisationField {
    /// The field's name in forms and spreadsheet headers.
    pub fn name(self) -> &'static str {
        match self {
            OrganisationField::Code => "code",
            OrganisationField::Name => "name",
            OrganisationField::Kind => "kind",
            OrganisationField::Province => "province",
            OrganisationField::Population => "population",
        }
    }
}

/// Why an organisation's details are refused; each names one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationProblem {
    /// The NIS code is not five digits.
    CodeNotNis,
    /// The name is empty or longer than [`MAX_NAME_CHARS`].
    NameLength,
    /// The kind is none of [`OrganisationKind::ALL`].
    UnknownKind,
    /// The province is none of [`FLEMISH_PROVINCES`].
    UnknownProvince,
    /// The population is not a whole number up to [`MAX_POPULATION`].
    PopulationNotANumber,
}

impl OrganisationProblem {
    /// The field the problem is about.
    pub fn field(self) -> OrganisationField {
        match self {
            OrganisationProblem::CodeNotNis => OrganisationField::Code,
            OrganisationProblem::NameLength => OrganisationField::Name,
            OrganisationProblem::UnknownKind => OrganisationField::Kind,
            OrganisationProblem::UnknownProvince => OrganisationField::Province,
            OrganisationProblem::PopulationNotANumber => OrganisationField::Population,
        }
    }

    /// The message a clerk reads.
    pub fn message(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().organisations;
        match self {
            OrganisationProblem::CodeNotNis => texts.code_not_nis,
            OrganisationProblem::NameLength => texts.name_length,
            OrganisationProblem::UnknownKind => texts.unknown_kind,
            OrganisationProblem::UnknownProvince => texts.unknown_province,
            OrganisationProblem::PopulationNotANumber => texts.population_not_a_number,
        }
    }
}

/// A province as typed: one of [`FLEMISH_PROVINCES`] in any case, or its name in any of the
/// interface languages ("Antwerp", "Anvers"); the stored (Dutch) name.
pub fn parse_province(typed: &str) -> Option<&'static str> {
    let typed = typed.trim();
    FLEMISH_PROVINCES
        .iter()
        .enumerate()
        .find(|(index, stored)| {
            stored.eq_ignore_ascii_case(typed)
                || Lang::ALL.into_iter().any(|lang| {
                    lang.texts().labels.provinces[*index]
                        .0
                        .to_lowercase()
                        .eq(&typed.to_lowercase())
                })
        })
        .map(|(_, stored)| *stored)
}

/// A kind as typed: its code (`city`) or its label in any interface language ("stad").
pub fn parse_kind(typed: &str) -> Option<OrganisationKind> {
    let typed = typed.trim();
    OrganisationKind::from_code(typed).or_else(|| {
        let lowered = typed.to_lowercase();
        OrganisationKind::ALL.into_iter().find(|kind| {
            Lang::ALL
                .into_iter()
                .any(|lang| kind.label(lang).to_lowercase() == lowered)
        })
    })
}

/// A population as typed: digits, with spaces, dots or apostrophes as thousands separators
/// ("41 900", "41.900"); nothing else.
pub fn parse_population(typed: &str) -> Option<u32> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '\''))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    digits.parse().ok().filter(|n| *n <= MAX_POPULATION)
}

/// Checks an organisation's details as typed, field by field in form order; the first
/// problem refuses them.
pub fn parse_organisation(
    code: &str,
    name: &str,
    kind: &str,
    province: &str,
    population: &str,
) -> Result<OrganisationDetails, OrganisationProblem> {
    let code = code.trim();
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(OrganisationProblem::CodeNotNis);
    }
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(OrganisationProblem::NameLength);
    }
    let kind = parse_kind(kind).ok_or(OrganisationProblem::UnknownKind)?;
    let province = parse_province(province).ok_or(OrganisationProblem::UnknownProvince)?;
    let population =
        parse_population(population).ok_or(OrganisationProblem::PopulationNotANumber)?;
    Ok(OrganisationDetails {
        code: code.to_owned(),
        name: name.to_owned(),
        kind,
        province: province.to_owned(),
        population,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(code: &str, population: &str) -> Result<OrganisationDetails, OrganisationProblem> {
        parse_organisation(code, "Mechelen", "city", "Antwerpen", population)
    }

    #[test]
    fn details_as_a_clerk_types_them_are_accepted() {
        let details =
            parse_organisation(" 12025 ", "  Mechelen ", "stad", "antwerpen", "88 500").unwrap();
        assert_eq!(
            details,
            OrganisationDetails {
                code: "12025".into(),
                name: "Mechelen".into(),
                kind: OrganisationKind::City,
                province: "Antwerpen".into(),
                population: 88_500,
            }
        );
        assert_eq!(
            parse_province("Flandre-Occidentale"),
            Some("West-Vlaanderen")
        );
        assert_eq!(parse_province("East Flanders"), Some("Oost-Vlaanderen"));
        assert_eq!(
            parse_kind("welfare_centre"),
            Some(OrganisationKind::WelfareCentre)
        );
        assert_eq!(parse_population("41.900"), Some(41_900));
        assert_eq!(parse_population("0"), Some(0));
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(parse("1202", "1"), Err(OrganisationProblem::CodeNotNis));
        assert_eq!(parse("12O25", "1"), Err(OrganisationProblem::CodeNotNis));
        assert_eq!(parse("١٢٠٢٥", "1"), Err(OrganisationProblem::CodeNotNis));
        assert_eq!(
            parse("12025", "veel"),
            Err(OrganisationProblem::PopulationNotANumber)
        );
        assert_eq!(
            parse("12025", "-5"),
            Err(OrganisationProblem::PopulationNotANumber)
        );
        assert_eq!(
            parse("12025", "4,5"),
            Err(OrganisationProblem::PopulationNotANumber)
        );
        assert_eq!(
            parse("12025", "100000001"),
            Err(OrganisationProblem::PopulationNotANumber)
        );
        assert_eq!(
            parse_organisation("12025", " ", "city", "Antwerpen", "1"),
            Err(OrganisationProblem::NameLength)
        );
        assert_eq!(
            parse_organisation("12025", &"x".repeat(201), "city", "Antwerpen", "1"),
            Err(OrganisationProblem::NameLength)
        );
        assert_eq!(
            parse_organisation("12025", "Mechelen", "club", "Antwerpen", "1"),
            Err(OrganisationProblem::UnknownKind)
        );
        assert_eq!(
            parse_organisation("12025", "Mechelen", "city", "Henegouwen", "1"),
            Err(OrganisationProblem::UnknownProvince)
        );
        for problem in [
            OrganisationProblem::CodeNotNis,
            OrganisationProblem::NameLength,
            OrganisationProblem::UnknownKind,
            OrganisationProblem::UnknownProvince,
            OrganisationProblem::PopulationNotANumber,
        ] {
            for lang in Lang::ALL {
                assert!(!problem.message(lang).is_empty());
            }
        }
    }

    proptest! {
        #[test]
        fn accepted_details_are_in_range(
            code in "\\PC{0,8}",
            name in "\\PC{0,210}",
            population in "\\PC{0,12}",
        ) {
            if let Ok(details) = parse_organisation(&code, &name, "city", "Limburg", &population) {
                prop_assert_eq!(details.code.len(), 5);
                prop_assert!(details.code.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(!details.name.is_empty());
                prop_assert!(details.name.chars().count() <= MAX_NAME_CHARS);
                prop_assert!(details.population <= MAX_POPULATION);
            }
        }

        #[test]
        fn any_whole_number_in_range_is_read_back(n in 0u32..=MAX_POPULATION) {
            prop_assert_eq!(parse_population(&n.to_string()), Some(n));
        }
    }
}
