//! From cells to respondents: find the answer sheet and its header row, read the wide form
//! (one row per respondent) or the long form (one row per answer), and name every problem by
//! sheet, cell and reason. Nothing here is written anywhere: this is the dry run.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::answer_text::{
    format_number, level_by_scale, level_from_number, normalise, parse_answer_text, NotAnAnswer,
};
use super::cells::{date_from_excel_serial, Cell, CellRef, CellValue, Sheet, Workbook};
use super::problem::{ColumnRole, ImportNotice, ImportProblem, Location, ProblemKind};
use crate::{AnswerValue, Lang, MaturityModel, RespondentGroup, Statement};

/// The most respondents one import may hold.
pub const MAX_RESPONDENTS: usize = 5_000;
/// The most problems listed; a file with more is summarised by a count.
pub const MAX_PROBLEMS: usize = 500;
/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 20;

/// How the answers are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// One row per respondent, one column per statement (the template).
    Wide,
    /// One row per answer: respondent, statement, answer.
    Long,
}

/// One respondent as the file describes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedRespondent {
    /// Their key in the file: the respondent cell, or `row N` when it is empty. Importing a
    /// file again replaces the answers of the respondents with the same key.
    pub key: String,
    /// The first row they appear on, from 0.
    pub row: u32,
    /// Their group, when given.
    pub group: Option<RespondentGroup>,
    /// When they answered (`YYYY-MM-DD`), when given.
    pub date: Option<String>,
    /// Their answers by statement id.
    pub answers: BTreeMap<String, AnswerValue>,
}

/// The result of a dry run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Validated {
    /// The sheet the answers were read from.
    pub sheet: Option<String>,
    /// Its layout.
    pub layout: Option<Layout>,
    /// The respondents that would be written.
    pub respondents: Vec<ImportedRespondent>,
    /// What stops the import (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<ImportProblem>,
    /// Problems beyond [`MAX_PROBLEMS`], counted but not listed.
    pub problems_omitted: usize,
    /// What does not stop it.
    pub notices: Vec<ImportNotice>,
}

impl Validated {
    /// A file that failed before any sheet was read.
    pub fn failed(problem: ImportProblem) -> Validated {
        Validated {
            problems: vec![problem],
            ..Validated::default()
        }
    }

    /// Whether the import may be confirmed.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && !self.respondents.is_empty()
    }

    /// Answers in all.
    pub fn answer_count(&self) -> usize {
        self.respondents.iter().map(|r| r.answers.len()).sum()
    }

    fn problem(&mut self, location: Location, kind: ProblemKind) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(ImportProblem::new(location, kind));
        } else {
            self.problems_omitted += 1;
        }
    }
}

/// A group as a person writes it: its code or its name in any language, singular or plural.
pub fn parse_group(text: &str) -> Option<RespondentGroup> {
    let norm = normalise(text);
    if let Some(group) = RespondentGroup::from_code(&norm) {
        return Some(group);
    }
    const EXTRA: &[(&str, RespondentGroup)] = &[
        ("mandataris", RespondentGroup::Mandatary),
        ("mandataire", RespondentGroup::Mandatary),
        ("mandatarissen", RespondentGroup::Mandatary),
        ("elected representative", RespondentGroup::Mandatary),
        ("leidinggevende", RespondentGroup::Management),
        ("manager", RespondentGroup::Management),
        ("medewerker", RespondentGroup::Staff),
        ("personeel", RespondentGroup::Staff),
        ("personeelslid", RespondentGroup::Staff),
    ];
    RespondentGroup::ALL
        .into_iter()
        .find(|g| {
            Lang::ALL
                .into_iter()
                .any(|lang| normalise(g.label(lang)) == norm)
        })
        .or_else(|| {
            EXTRA
                .iter()
                .find(|(name, _)| *name == norm)
                .map(|(_, g)| *g)
        })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date typed as text: `2026-03-04`, `04/03/2026`, `4-3-2026` or `04.03.2026` (day first, as
/// in Belgium); a time after it is ignored.
pub fn parse_date_text(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let first = first.split('T').next()?;
    let parts: Vec<&str> = first.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (year, month, day) = if parts[0].len() == 4 {
        (numbers[0], numbers[1], numbers[2])
    } else if parts[2].len() == 4 {
        (numbers[2], numbers[1], numbers[0])
    } else {
        return None;
    };
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn cell_text(value: &CellValue) -> String {
    match value {
        CellValue::Text(text) => text.trim().to_owned(),
        CellValue::Number(number) => format_number(*number),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Date(date) => date.clone(),
        CellValue::Error(code) => code.clone(),
    }
}

fn is_blank(value: &CellValue) -> bool {
    matches!(value, CellValue::Text(t) if normalise(t).is_empty())
}

/// The answer in a cell to `statement`, or why it is none: a statement with answer labels
/// of its own also takes those. Blank cells are filtered out before.
fn answer_in(value: &CellValue, statement: Option<&Statement>) -> Result<AnswerValue, ProblemKind> {
    let not_an_answer = |error| match error {
        NotAnAnswer::OffScale(text) => ProblemKind::OffScale(text),
        NotAnAnswer::Unknown(text) => ProblemKind::NotAnAnswer(text),
    };
    match value {
        CellValue::Text(text) => parse_answer_text(text).or_else(|error| {
            statement
                .and_then(|s| s.scale.as_ref())
                .and_then(|scale| level_by_scale(scale, text))
                .map(AnswerValue::Level)
                .ok_or_else(|| not_an_answer(error))
        }),
        CellValue::Number(number) => level_from_number(*number).map_err(not_an_answer),
        CellValue::Date(date) => Err(ProblemKind::DateAsAnswer(date.clone())),
        CellValue::Bool(_) => Err(ProblemKind::BoolAsAnswer),
        CellValue::Error(code) => Err(ProblemKind::FormulaError(code.clone())),
    }
}

/// A date cell's date: a real date, text in a Belgian notation, or an Excel serial number.
fn date_in(value: &CellValue) -> Result<String, ProblemKind> {
    let bad = || ProblemKind::BadDate(cell_text(value));
    match value {
        CellValue::Date(date) => Ok(date.clone()),
        CellValue::Text(text) => parse_date_text(text).ok_or_else(bad),
        // A date whose cell format was lost is its serial number (36526 is 2000-01-01).
        CellValue::Number(n) if (36_526.0..73_051.0).contains(n) => {
            date_from_excel_serial(*n).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// What a header cell announces.
#[derive(Debug, Clone, PartialEq)]
enum Header {
    Statement(String),
    Role(ColumnRole),
    /// Looks like a statement id of a known dimension, but the model has no such statement.
    UnknownStatement(String),
    Other(String),
}

const ROLES: [ColumnRole; 6] = [
    ColumnRole::Organisation,
    ColumnRole::Respondent,
    ColumnRole::Group,
    ColumnRole::Date,
    ColumnRole::Statement,
    ColumnRole::Answer,
];

fn classify_header(
    text: &str,
    model: &MaturityModel,
    statement_ids: &HashMap<String, String>,
) -> Header {
    let norm = normalise(text);
    if let Some(id) = statement_ids.get(&norm) {
        return Header::Statement(id.clone());
    }
    let bare = norm.split(" (").next().unwrap_or(&norm).trim();
    if let Some(role) = ROLES.into_iter().find(|r| r.header_names().contains(&bare)) {
        return Header::Role(role);
    }
    if let Some((dimension, number)) = norm.rsplit_once('-') {
        if model.dimension(dimension).is_some() && number.bytes().all(|b| b.is_ascii_digit()) {
            return Header::UnknownStatement(text.trim().to_owned());
        }
    }
    Header::Other(text.trim().to_owned())
}

/// A sheet's cells by row, each row's cells by column.
type Rows<'a> = BTreeMap<u32, BTreeMap<u32, &'a CellValue>>;

fn rows_of(sheet: &Sheet) -> Rows<'_> {
    let mut rows: Rows<'_> = BTreeMap::new();
    for Cell { row, col, value } in &sheet.cells {
        if !is_blank(value) {
            rows.entry(*row).or_default().insert(*col, value);
        }
    }
    rows
}

/// The header row of a sheet, with what each of its columns holds.
struct HeaderRow {
    row: u32,
    layout: Layout,
    columns: BTreeMap<u32, Header>,
}

fn find_header(
    rows: &Rows<'_>,
    model: &MaturityModel,
    ids: &HashMap<String, String>,
) -> Option<HeaderRow> {
    for (&row, cells) in rows.range(..HEADER_SEARCH_ROWS) {
        let columns: BTreeMap<u32, Header> = cells
            .iter()
            .filter_map(|(&col, value)| match value {
                CellValue::Text(text) => Some((col, classify_header(text, model, ids))),
                _ => None,
            })
            .collect();
        let has = |wanted: &Header| columns.values().any(|h| h == wanted);
        if columns.values().any(|h| matches!(h, Header::Statement(_))) {
            return Some(HeaderRow {
                row,
                layout: Layout::Wide,
                columns,
            });
        }
        if has(&Header::Role(ColumnRole::Statement)) && has(&Header::Role(ColumnRole::Answer)) {
            return Some(HeaderRow {
                row,
                layout: Layout::Long,
                columns,
            });
        }
    }
    None
}

/// Validates a workbook against a model for the organisation with code `organisation_code`.
pub fn validate_workbook(
    workbook: &Workbook,
    model: &MaturityModel,
    organisation_code: &str,
) -> Validated {
    let ids: HashMap<String, String> = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter())
        .map(|s| (normalise(&s.id), s.id.clone()))
        .collect();
    for sheet in &workbook.sheets {
        let rows = rows_of(sheet);
        if let Some(header) = find_header(&rows, model, &ids) {
            let mut reader = SheetReader {
                sheet,
                model,
                organisation_code: organisation_code.trim(),
                out: Validated {
                    sheet: Some(sheet.name.clone()),
                    layout: Some(header.layout),
                    ..Validated::default()
                },
            };
            reader.check_header(&header);
            reader.check_merged(header.row);
            match header.layout {
                Layout::Wide => reader.read_wide(&rows, &header),
                Layout::Long => reader.read_long(&rows, &header),
            }
            if reader.out.respondents.len() > MAX_RESPONDENTS {
                reader.out.respondents.truncate(MAX_RESPONDENTS);
                reader.out.problem(
                    Location::Sheet {
                        sheet: sheet.name.clone(),
                    },
                    ProblemKind::TooManyRespondents {
                        limit: MAX_RESPONDENTS,
                    },
                );
            }
            if reader.out.respondents.is_empty() && reader.out.problems.is_empty() {
                reader.out.problem(
                    Location::Sheet {
                        sheet: sheet.name.clone(),
                    },
                    ProblemKind::NoAnswers,
                );
            }
            return reader.out;
        }
    }
    let example = model
        .dimensions
        .first()
        .and_then(|d| d.statements.first())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    Validated::failed(ImportProblem::new(
        Location::File,
        ProblemKind::NoAnswerSheet { example },
    ))
}

struct SheetReader<'a> {
    sheet: &'a Sheet,
    model: &'a MaturityModel,
    organisation_code: &'a str,
    out: Validated,
}

impl SheetReader<'_> {
    fn at(&self, row: u32, col: u32) -> Location {
        Location::Cell {
            sheet: self.sheet.name.clone(),
            cell: CellRef::new(row, col),
        }
    }

    fn check_header(&mut self, header: &HeaderRow) {
        let mut first_seen: HashMap<String, u32> = HashMap::new();
        for (&col, kind) in &header.columns {
            let name = match kind {
                Header::Statement(id) => id.clone(),
                Header::Role(role) => role.key().to_owned(),
                Header::UnknownStatement(text) => {
                    let location = self.at(header.row, col);
                    self.out
                        .problem(location, ProblemKind::UnknownStatement(text.clone()));
                    continue;
                }
                Header::Other(text) => {
                    self.out.notices.push(ImportNotice::IgnoredColumn {
                        sheet: self.sheet.name.clone(),
                        col,
                        header: text.clone(),
                    });
                    continue;
                }
            };
            if let Some(&first_col) = first_seen.get(&name) {
                let location = self.at(header.row, col);
                self.out.problem(
                    location,
                    ProblemKind::DuplicateColumn {
                        header: name,
                        first_col,
                    },
                );
            } else {
                first_seen.insert(name, col);
            }
        }
        if header.layout == Layout::Long {
            for role in [
                ColumnRole::Respondent,
                ColumnRole::Statement,
                ColumnRole::Answer,
            ] {
                if !header.columns.values().any(|h| *h == Header::Role(role)) {
                    let location = Location::Row {
                        sheet: self.sheet.name.clone(),
                        row: header.row,
                    };
                    self.out.problem(location, ProblemKind::MissingColumn(role));
                }
            }
        }
    }

    fn check_merged(&mut self, header_row: u32) {
        for merged in &self.sheet.merged {
            let covers_more_than_one = merged.first != merged.last;
            if covers_more_than_one && merged.last.row >= header_row {
                let location = Location::Cell {
                    sheet: self.sheet.name.clone(),
                    cell: merged.first,
                };
                self.out
                    .problem(location, ProblemKind::Merged { last: merged.last });
            }
        }
    }

    fn role_column(header: &HeaderRow, role: ColumnRole) -> Option<u32> {
        header
            .columns
            .iter()
            .find(|(_, h)| **h == Header::Role(role))
            .map(|(&col, _)| col)
    }

    fn check_organisation(&mut self, row: u32, col: u32, value: &CellValue) {
        let found = cell_text(value);
        if !found.eq_ignore_ascii_case(self.organisation_code) {
            let kind = ProblemKind::OtherOrganisation {
                found,
                expected: self.organisation_code.to_owned(),
            };
            let location = self.at(row, col);
            self.out.problem(location, kind);
        }
    }

    fn group_at(&mut self, row: u32, col: u32, value: &CellValue) -> Option<RespondentGroup> {
        let text = cell_text(value);
        let group = parse_group(&text);
        if group.is_none() {
            let location = self.at(row, col);
            self.out.problem(location, ProblemKind::UnknownGroup(text));
        }
        group
    }

    fn date_at(&mut self, row: u32, col: u32, value: &CellValue) -> Option<String> {
        match date_in(value) {
            Ok(date) => Some(date),
            Err(kind) => {
                let location = self.at(row, col);
                self.out.problem(location, kind);
                None
            }
        }
    }

    fn is_label_row(&self, cells: &BTreeMap<u32, &CellValue>, header: &HeaderRow) -> bool {
        header
            .columns
            .iter()
            .any(|(col, kind)| match (kind, cells.get(col)) {
                (Header::Statement(id), Some(CellValue::Text(text))) => {
                    self.model.statement(id).is_some_and(|(_, s)| {
                        Lang::ALL
                            .into_iter()
                            .any(|l| normalise(s.text.get(l)) == normalise(text))
                    })
                }
                _ => false,
            })
    }

    fn read_wide(&mut self, rows: &Rows<'_>, header: &HeaderRow) {
        let organisation = Self::role_column(header, ColumnRole::Organisation);
        let respondent = Self::role_column(header, ColumnRole::Respondent);
        let group = Self::role_column(header, ColumnRole::Group);
        let date = Self::role_column(header, ColumnRole::Date);
        let statements: Vec<(u32, String)> = header
            .columns
            .iter()
            .filter_map(|(&col, h)| match h {
                Header::Statement(id) => Some((col, id.clone())),
                _ => None,
            })
            .collect();
        let mut first_row_of: HashMap<String, u32> = HashMap::new();
        let mut skipped = 0;
        for (index, (&row, cells)) in rows.range(header.row + 1..).enumerate() {
            if index == 0 && self.is_label_row(cells, header) {
                continue;
            }
            if !statements.iter().any(|(col, _)| cells.contains_key(col)) {
                skipped += 1;
                continue;
            }
            let mut answers = BTreeMap::new();
            for (col, id) in &statements {
                if let Some(value) = cells.get(col) {
                    match answer_in(value, self.model.statement(id).map(|(_, s)| s)) {
                        Ok(answer) => {
                            answers.insert(id.clone(), answer);
                        }
                        Err(kind) => {
                            let location = self.at(row, *col);
                            self.out.problem(location, kind);
                        }
                    }
                }
            }
            if let Some((col, value)) = organisation.and_then(|c| cells.get(&c).map(|v| (c, *v))) {
                self.check_organisation(row, col, value);
            }
            let key = respondent
                .and_then(|c| cells.get(&c))
                .map(|v| cell_text(v))
                .unwrap_or_else(|| format!("row {}", row + 1));
            if let Some(&first_row) = first_row_of.get(&key) {
                let location = self.at(row, respondent.unwrap_or(0));
                self.out.problem(
                    location,
                    ProblemKind::DuplicateRespondent {
                        respondent: key,
                        first_row,
                    },
                );
                continue;
            }
            first_row_of.insert(key.clone(), row);
            let group = group
                .and_then(|c| cells.get(&c).map(|v| (c, *v)))
                .and_then(|(c, v)| self.group_at(row, c, v));
            let date = date
                .and_then(|c| cells.get(&c).map(|v| (c, *v)))
                .and_then(|(c, v)| self.date_at(row, c, v));
            self.out.respondents.push(ImportedRespondent {
                key,
                row,
                group,
                date,
                answers,
            });
            if self.out.respondents.len() > MAX_RESPONDENTS {
                return;
            }
        }
        if skipped > 0 {
            self.out
                .notices
                .push(ImportNotice::SkippedEmptyRows { count: skipped });
        }
    }

    fn read_long(&mut self, rows: &Rows<'_>, header: &HeaderRow) {
        let column = |role| Self::role_column(header, role);
        let (Some(respondent_col), Some(statement_col), Some(answer_col)) = (
            column(ColumnRole::Respondent),
            column(ColumnRole::Statement),
            column(ColumnRole::Answer),
        ) else {
            return; // the missing column is already named
        };
        let organisation = column(ColumnRole::Organisation);
        let group_col = column(ColumnRole::Group);
        let date_col = column(ColumnRole::Date);
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut first_answer_row: HashMap<(String, String), u32> = HashMap::new();
        let mut skipped = 0;
        for (&row, cells) in rows.range(header.row + 1..) {
            let statement_cell = cells.get(&statement_col);
            let answer_cell = cells.get(&answer_col);
            if statement_cell.is_none() && answer_cell.is_none() {
                skipped += 1;
                continue;
            }
            if let Some((col, value)) = organisation.and_then(|c| cells.get(&c).map(|v| (c, *v))) {
                self.check_organisation(row, col, value);
            }
            let Some(key) = cells.get(&respondent_col).map(|v| cell_text(v)) else {
                let location = self.at(row, respondent_col);
                self.out
                    .problem(location, ProblemKind::MissingValue(ColumnRole::Respondent));
                continue;
            };
            let statement = match statement_cell.map(|v| cell_text(v)) {
                None => {
                    let location = self.at(row, statement_col);
                    self.out
                        .problem(location, ProblemKind::MissingValue(ColumnRole::Statement));
                    None
                }
                Some(text) => match self.model.statement(&normalise(&text)) {
                    Some((_, s)) => Some(s.id.clone()),
                    None => {
                        let location = self.at(row, statement_col);
                        self.out
                            .problem(location, ProblemKind::UnknownStatement(text));
                        None
                    }
                },
            };
            let answer = match answer_cell {
                None => {
                    let location = self.at(row, answer_col);
                    self.out
                        .problem(location, ProblemKind::MissingValue(ColumnRole::Answer));
                    None
                }
                Some(value) => match answer_in(
                    value,
                    statement
                        .as_deref()
                        .and_then(|id| self.model.statement(id))
                        .map(|(_, s)| s),
                ) {
                    Ok(answer) => Some(answer),
                    Err(kind) => {
                        let location = self.at(row, answer_col);
                        self.out.problem(location, kind);
                        None
                    }
                },
            };
            let group = group_col
                .and_then(|c| cells.get(&c).map(|v| (c, *v)))
                .and_then(|(c, v)| self.group_at(row, c, v));
            let date = date_col
                .and_then(|c| cells.get(&c).map(|v| (c, *v)))
                .and_then(|(c, v)| self.date_at(row, c, v));
            let index = *index_of.entry(key.clone()).or_insert_with(|| {
                self.out.respondents.push(ImportedRespondent {
                    key: key.clone(),
                    row,
                    group,
                    date: date.clone(),
                    answers: BTreeMap::new(),
                });
                self.out.respondents.len() - 1
            });
            if self.out.respondents.len() > MAX_RESPONDENTS {
                return;
            }
            let first_row = self.out.respondents[index].row;
            let known = self.out.respondents[index].clone();
            if group.is_some() && known.group.is_some() && group != known.group {
                let location = self.at(row, group_col.unwrap_or(0));
                self.out.problem(
                    location,
                    ProblemKind::Inconsistent {
                        respondent: key.clone(),
                        role: ColumnRole::Group,
                        first_row,
                    },
                );
            }
            if date.is_some() && known.date.is_some() && date != known.date {
                let location = self.at(row, date_col.unwrap_or(0));
                self.out.problem(
                    location,
                    ProblemKind::Inconsistent {
                        respondent: key.clone(),
                        role: ColumnRole::Date,
                        first_row,
                    },
                );
            }
            let respondent = &mut self.out.respondents[index];
            respondent.group = respondent.group.or(group);
            respondent.date = respondent.date.take().or(date);
            if let (Some(statement), Some(answer)) = (statement, answer) {
                let pair = (key.clone(), statement.clone());
                if let Some(&earlier) = first_answer_row.get(&pair) {
                    let location = self.at(row, statement_col);
                    self.out.problem(
                        location,
                        ProblemKind::DuplicateAnswer {
                            respondent: key,
                            statement,
                            first_row: earlier,
                        },
                    );
                } else {
                    first_answer_row.insert(pair, row);
                    self.out.respondents[index]
                        .answers
                        .insert(statement, answer);
                }
            }
        }
        if skipped > 0 {
            self.out
                .notices
                .push(ImportNotice::SkippedEmptyRows { count: skipped });
        }
    }
}
