//! An organisation list from a spreadsheet (the association's onboarding): the first sheet,
//! a header row naming the columns in any interface language, then one organisation per row.
//! Every row is checked like the form checks it; problems name the row and the field, and a
//! NIS code twice in the file names the row it was first seen in.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::import::cells::{CellValue, Workbook};
use crate::organisation::{
    parse_organisation, OrganisationDetails, OrganisationField, OrganisationProblem,
};
use crate::Lang;

/// The most organisations one file may hold (Flanders has 300 municipalities; with welfare
/// centres, provinces and agencies a list stays far below this).
pub const MAX_ORGANISATIONS: usize = 5_000;

/// One organisation of the list and the spreadsheet row it came from (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedOrganisation {
    /// The row, as the spreadsheet numbers it.
    pub row: u32,
    /// Its details, checked.
    pub details: OrganisationDetails,
}

/// Why a list is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListProblem {
    /// The file holds no sheet with a header row.
    Empty,
    /// The header row lacks these columns.
    MissingColumns(Vec<OrganisationField>),
    /// A row's field does not parse.
    Field {
        /// The row, from 1.
        row: u32,
        /// What is wrong.
        problem: OrganisationProblem,
    },
    /// A NIS code seen in an earlier row.
    DuplicateCode {
        /// This row.
        row: u32,
        /// The code.
        code: String,
        /// The row it was first seen in.
        first_row: u32,
        /// The name it had there.
        first_name: String,
    },
    /// More rows than [`MAX_ORGANISATIONS`].
    TooMany,
}

impl ListProblem {
    /// The message a clerk reads ("rij 14: NIS-code 44021 staat er al in als Gent (rij 3)").
    pub fn message(&self, lang: Lang) -> String {
        let texts = &lang.texts().organisations;
        match self {
            ListProblem::Empty => texts.list_empty.to_owned(),
            ListProblem::MissingColumns(fields) => (texts.list_missing_columns)(
                &fields
                    .iter()
                    .map(|f| column_label(*f, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ListProblem::Field { row, problem } => (texts.list_row)(*row, problem.message(lang)),
            ListProblem::DuplicateCode {
                row,
                code,
                first_row,
                first_name,
            } => (texts.list_row)(*row, &(texts.list_duplicate)(code, first_name, *first_row)),
            ListProblem::TooMany => (texts.list_too_many)(MAX_ORGANISATIONS),
        }
    }
}

/// A column's name in `lang`.
pub fn column_label(field: OrganisationField, lang: Lang) -> &'static str {
    let texts = &lang.texts().organisations;
    match field {
        OrganisationField::Code => texts.column_code,
        OrganisationField::Name => texts.name,
        OrganisationField::Kind => texts.column_kind,
        OrganisationField::Province => texts.column_province,
        OrganisationField::Population => texts.population,
    }
}

const FIELDS: [OrganisationField; 5] = [
    OrganisationField::Code,
    OrganisationField::Name,
    OrganisationField::Kind,
    OrganisationField::Province,
    OrganisationField::Population,
];

/// Lowercase, without spaces, dots, dashes and underscores: "NIS-code" and "nis code" match.
fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '_' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names: its form name, its column name in any language, or a common
/// other name.
fn field_of(header: &str) -> Option<OrganisationField> {
    let key = header_key(header);
    FIELDS.into_iter().find(|field| {
        let others: &[&str] = match field {
            OrganisationField::Code => &["nis", "niscode", "codeins", "ins", "code"],
            OrganisationField::Name => &["naam", "name", "nom", "organisatie", "organisation"],
            OrganisationField::Kind => &["soort", "kind", "type"],
            OrganisationField::Province => &["provincie", "province"],
            OrganisationField::Population => &["inwoners", "population", "bevolking", "habitants"],
        };
        key == header_key(field.name())
            || others.contains(&key.as_str())
            || Lang::ALL
                .into_iter()
                .any(|lang| key == header_key(column_label(*field, lang)))
    })
}

fn text_of(value: &CellValue) -> String {
    match value {
        CellValue::Text(text) => text.clone(),
        // A NIS code or a population typed as a number: whole numbers without a decimal part.
        CellValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        CellValue::Number(n) => n.to_string(),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Date(d) => d.clone(),
        CellValue::Error(e) => e.clone(),
    }
}

/// Reads the list from the workbook's first sheet: every organisation, or every problem.
pub fn read_organisation_list(
    workbook: &Workbook,
) -> Result<Vec<ListedOrganisation>, Vec<ListProblem>> {
    let Some(sheet) = workbook.sheets.first() else {
        return Err(vec![ListProblem::Empty]);
    };
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    for cell in &sheet.cells {
        let text = text_of(&cell.value);
        if !text.trim().is_empty() {
            rows.entry(cell.row).or_default().insert(cell.col, text);
        }
    }
    let Some((&header_row, header)) = rows.iter().next() else {
        return Err(vec![ListProblem::Empty]);
    };
    let mut columns: HashMap<OrganisationField, u32> = HashMap::new();
    for (col, text) in header {
        if let Some(field) = field_of(text) {
            columns.entry(field).or_insert(*col);
        }
    }
    let missing: Vec<OrganisationField> = FIELDS
        .into_iter()
        .filter(|f| !columns.contains_key(f))
        .collect();
    if !missing.is_empty() {
        return Err(vec![ListProblem::MissingColumns(missing)]);
    }
    if rows.len() - 1 > MAX_ORGANISATIONS {
        return Err(vec![ListProblem::TooMany]);
    }
    let mut problems = Vec::new();
    let mut listed = Vec::new();
    let mut seen: HashMap<String, (u32, String)> = HashMap::new();
    for (&index, cells) in rows.iter().filter(|(row, _)| **row != header_row) {
        let row = index + 1;
        let field = |field: OrganisationField| {
            cells
                .get(&columns[&field])
                .map(String::as_str)
                .unwrap_or_default()
        };
        match parse_organisation(
            field(OrganisationField::Code),
            field(OrganisationField::Name),
            field(OrganisationField::Kind),
            field(OrganisationField::Province),
            field(OrganisationField::Population),
        ) {
            Err(problem) => problems.push(ListProblem::Field { row, problem }),
            Ok(details) => match seen.get(&details.code) {
                Some((first_row, first_name)) => problems.push(ListProblem::DuplicateCode {
                    row,
                    code: details.code.clone(),
                    first_row: *first_row,
                    first_name: first_name.clone(),
                }),
                None => {
                    seen.insert(details.code.clone(), (row, details.name.clone()));
                    listed.push(ListedOrganisation { row, details });
                }
            },
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if listed.is_empty() {
        return Err(vec![ListProblem::Empty]);
    }
    Ok(listed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cells::{Cell, Sheet};

    fn workbook(rows: &[&[&str]]) -> Workbook {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(row, values)| {
                values.iter().enumerate().map(move |(col, value)| Cell {
                    row: row as u32,
                    col: col as u32,
                    value: CellValue::Text((*value).to_owned()),
                })
            })
            .collect();
        Workbook {
            sheets: vec![Sheet {
                name: "lijst".into(),
                cells,
                merged: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_list_with_headers_in_any_language_and_order_is_read() {
        let list = read_organisation_list(&workbook(&[
            &["Naam", "NIS-code", "Provincie", "Soort", "Inwoners"],
            &["Gent", "44021", "Oost-Vlaanderen", "stad", "265 000"],
            &["Hasselt", "71022", "Limburg", "city", "80600"],
        ]))
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].row, 2);
        assert_eq!(list[0].details.code, "44021");
        assert_eq!(list[1].details.population, 80_600);
        let english = read_organisation_list(&workbook(&[
            &["NIS code", "Name", "Kind", "Province", "Population"],
            &["44021", "Gent", "city", "East Flanders", "265000"],
        ]))
        .unwrap();
        assert_eq!(english[0].details.province, "Oost-Vlaanderen");
    }

    #[test]
    fn every_bad_row_and_a_repeated_code_are_named_by_row() {
        let problems = read_organisation_list(&workbook(&[
            &["code", "name", "kind", "province", "population"],
            &["44021", "Gent", "city", "Oost-Vlaanderen", "265000"],
            &["4402", "Fout", "city", "Limburg", "1"],
            &["44021", "Gent bis", "city", "Oost-Vlaanderen", "1"],
            &["71022", "Hasselt", "city", "Limburg", "veel"],
        ]))
        .unwrap_err();
        assert_eq!(
            problems,
            [
                ListProblem::Field {
                    row: 3,
                    problem: OrganisationProblem::CodeNotNis
                },
                ListProblem::DuplicateCode {
                    row: 4,
                    code: "44021".into(),
                    first_row: 2,
                    first_name: "Gent".into()
                },
                ListProblem::Field {
                    row: 5,
                    problem: OrganisationProblem::PopulationNotANumber
                },
            ]
        );
        assert_eq!(
            problems[1].message(Lang::Nl),
            "rij 4: NIS-code 44021 staat er al in als Gent (rij 2)."
        );
        let missing = read_organisation_list(&workbook(&[&["naam", "code"], &["Gent", "44021"]]))
            .unwrap_err();
        assert_eq!(
            missing,
            [ListProblem::MissingColumns(vec![
                OrganisationField::Kind,
                OrganisationField::Province,
                OrganisationField::Population
            ])]
        );
        assert!(missing[0].message(Lang::En).contains("Province"));
        assert_eq!(
            read_organisation_list(&Workbook::default()),
            Err(vec![ListProblem::Empty])
        );
        assert_eq!(
            read_organisation_list(&workbook(&[&[
                "code",
                "name",
                "kind",
                "province",
                "population"
            ]])),
            Err(vec![ListProblem::Empty])
        );
    }
}
