//! Everything that can be wrong with an uploaded file, named precisely enough that the person
//! who filled it in can find the cell and fix it. Messages are made here and nowhere else.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::cells::{column_letters, CellRef};
use crate::Lang;

/// Why a whole file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadFailure {
    /// Larger than the upload limit.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Zero bytes.
    Empty,
    /// Not xlsx, xlsm, xls, ods or csv (e.g. a picture or a PDF renamed).
    NotASpreadsheet,
    /// Encrypted with a password.
    PasswordProtected,
    /// An old format calamine does not read (Excel 95 and earlier, Works, Lotus).
    LegacyFormat,
    /// Damaged: truncated, broken XML, a broken zip. Carries the reader's explanation.
    Damaged(String),
    /// A zip whose contents unpack far beyond a spreadsheet's size.
    Inflates {
        /// Declared unpacked size in bytes.
        bytes: u64,
        /// The budget.
        limit: u64,
    },
    /// More cells than the budget.
    TooManyCells {
        /// The budget.
        limit: u64,
    },
    /// The reader ran out of its memory allowance or stopped abnormally.
    Unsafe,
    /// The reader did not finish in time.
    TimedOut {
        /// The time allowed.
        seconds: u64,
    },
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A whole sheet.
    Sheet {
        /// Sheet name.
        sheet: String,
    },
    /// A row of a sheet, from 0.
    Row {
        /// Sheet name.
        sheet: String,
        /// Row, from 0.
        row: u32,
    },
    /// One cell.
    Cell {
        /// Sheet name.
        sheet: String,
        /// The cell.
        cell: CellRef,
    },
}

/// A column's role in an import sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnRole {
    /// The organisation's code.
    Organisation,
    /// Who answered.
    Respondent,
    /// Mandatary, management or staff.
    Group,
    /// When they answered.
    Date,
    /// Long form: the statement id.
    Statement,
    /// Long form: the answer.
    Answer,
}

impl ColumnRole {
    /// The header names recognised for this role, lowercase, every language.
    pub fn header_names(self) -> &'static [&'static str] {
        match self {
            ColumnRole::Organisation => &[
                "organisation",
                "organisatie",
                "organization",
                "org",
                "nis",
                "nis-code",
                "nis code",
                "niscode",
                "code",
            ],
            ColumnRole::Respondent => &["respondent", "répondant", "repondant", "deelnemer"],
            ColumnRole::Group => &[
                "group",
                "groep",
                "groupe",
                "respondent group",
                "respondentgroep",
            ],
            ColumnRole::Date => &["date", "datum"],
            ColumnRole::Statement => &["statement", "stelling", "énoncé", "enonce", "affirmation"],
            ColumnRole::Answer => &["answer", "antwoord", "réponse", "reponse", "score"],
        }
    }

    /// The template's header for this role (also its first recognised name).
    pub fn key(self) -> &'static str {
        self.header_names()[0]
    }

    fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().problems;
        match self {
            ColumnRole::Organisation => texts.role_organisation,
            ColumnRole::Respondent => texts.role_respondent,
            ColumnRole::Group => texts.role_group,
            ColumnRole::Date => texts.role_date,
            ColumnRole::Statement => texts.role_statement,
            ColumnRole::Answer => texts.role_answer,
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The file could not be read at all.
    Unreadable(ReadFailure),
    /// No sheet has a header row with statement ids or the long form's columns.
    NoAnswerSheet {
        /// An example statement id of the model.
        example: String,
    },
    /// A header names a statement the model does not have.
    UnknownStatement(String),
    /// Two columns for the same statement or role.
    DuplicateColumn {
        /// The header.
        header: String,
        /// The column it first appeared in.
        first_col: u32,
    },
    /// The long form lacks a required column.
    MissingColumn(ColumnRole),
    /// A cell where an answer belongs holds words that are no answer.
    NotAnAnswer(String),
    /// A number that is not a whole number from 0 to 4.
    OffScale(String),
    /// A cell formatted as a date where an answer belongs.
    DateAsAnswer(String),
    /// TRUE/FALSE where an answer belongs.
    BoolAsAnswer,
    /// A formula that ended in an error such as `#N/A`.
    FormulaError(String),
    /// A row for another organisation than the one being imported.
    OtherOrganisation {
        /// What the cell says.
        found: String,
        /// The organisation being imported.
        expected: String,
    },
    /// A respondent group nobody knows.
    UnknownGroup(String),
    /// A date that cannot be read.
    BadDate(String),
    /// The same respondent twice in the wide form.
    DuplicateRespondent {
        /// The respondent.
        respondent: String,
        /// The row of the first occurrence, from 0.
        first_row: u32,
    },
    /// A second answer to the same statement by the same respondent (long form).
    DuplicateAnswer {
        /// The respondent.
        respondent: String,
        /// The statement.
        statement: String,
        /// The row of the first answer, from 0.
        first_row: u32,
    },
    /// One respondent with two different groups or dates (long form).
    Inconsistent {
        /// The respondent.
        respondent: String,
        /// Which column disagrees.
        role: ColumnRole,
        /// The row that set the first value, from 0.
        first_row: u32,
    },
    /// A required cell is empty (long form).
    MissingValue(ColumnRole),
    /// Merged cells in the answer area.
    Merged {
        /// The block's bottom-right cell.
        last: CellRef,
    },
    /// The sheet holds no answers at all.
    NoAnswers,
    /// More respondents than one import may hold.
    TooManyRespondents {
        /// The limit.
        limit: usize,
    },
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// Where.
    pub location: Location,
    /// What.
    pub kind: ProblemKind,
}

/// Something worth knowing that does not stop the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportNotice {
    /// A column that is neither a statement nor a known role; its cells are not imported.
    IgnoredColumn {
        /// Sheet name.
        sheet: String,
        /// Column, from 0.
        col: u32,
        /// Its header.
        header: String,
    },
    /// Rows without any answer, skipped (e.g. the template's unused rows).
    SkippedEmptyRows {
        /// How many.
        count: usize,
    },
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

impl ReadFailure {
    /// The explanation for the person who uploaded the file.
    pub fn message(&self, lang: Lang) -> String {
        let texts = &lang.texts().problems;
        match self {
            ReadFailure::TooLarge { bytes, limit } => (texts.too_large)(&mb(*bytes), &mb(*limit)),
            ReadFailure::Empty => texts.empty.to_owned(),
            ReadFailure::NotASpreadsheet => texts.not_a_spreadsheet.to_owned(),
            ReadFailure::PasswordProtected => texts.password_protected.to_owned(),
            ReadFailure::LegacyFormat => texts.legacy_format.to_owned(),
            ReadFailure::Damaged(detail) => (texts.damaged)(detail),
            ReadFailure::Inflates { bytes, limit } => (texts.inflates)(&mb(*bytes), &mb(*limit)),
            ReadFailure::TooManyCells { limit } => (texts.too_many_cells)(*limit),
            ReadFailure::Unsafe => texts.unsafe_file.to_owned(),
            ReadFailure::TimedOut { seconds } => (texts.timed_out)(*seconds),
        }
    }
}

impl Location {
    fn describe(&self, lang: Lang) -> String {
        let texts = &lang.texts().problems;
        match self {
            Location::File => String::new(),
            Location::Sheet { sheet } => (texts.in_sheet)(sheet),
            Location::Row { sheet, row } => (texts.in_row)(sheet, row + 1),
            Location::Cell { sheet, cell } => (texts.in_cell)(sheet, &cell.to_string()),
        }
    }
}

impl ProblemKind {
    fn reason(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let texts = &lang.texts().problems;
        match self {
            Unreadable(failure) => failure.message(lang),
            NoAnswerSheet { example } => (texts.no_answer_sheet)(example),
            UnknownStatement(id) => (texts.unknown_statement)(id),
            DuplicateColumn { header, first_col } => {
                (texts.duplicate_column)(header, &column_letters(*first_col))
            }
            MissingColumn(role) => (texts.missing_column)(role.label(lang)),
            NotAnAnswer(text) => (texts.not_an_answer)(text),
            OffScale(text) => (texts.off_scale)(text),
            DateAsAnswer(date) => (texts.date_as_answer)(date),
            BoolAsAnswer => (texts.bool_as_answer)(),
            FormulaError(code) => (texts.formula_error)(code),
            OtherOrganisation { found, expected } => (texts.other_organisation)(found, expected),
            UnknownGroup(text) => (texts.unknown_group)(text),
            BadDate(text) => (texts.bad_date)(text),
            DuplicateRespondent {
                respondent,
                first_row,
            } => (texts.duplicate_respondent)(respondent, first_row + 1),
            DuplicateAnswer {
                respondent,
                statement,
                first_row,
            } => (texts.duplicate_answer)(respondent, statement, first_row + 1),
            Inconsistent {
                respondent,
                role,
                first_row,
            } => (texts.inconsistent)(respondent, role.label(lang), first_row + 1),
            MissingValue(role) => (texts.missing_value)(role.label(lang)),
            Merged { last } => (texts.merged)(&last.to_string()),
            NoAnswers => texts.no_answers.to_owned(),
            TooManyRespondents { limit } => (texts.too_many_respondents)(*limit),
        }
    }
}

impl ImportProblem {
    /// A problem at a place.
    pub fn new(location: Location, kind: ProblemKind) -> ImportProblem {
        ImportProblem { location, kind }
    }

    /// A problem with the file as a whole.
    pub fn unreadable(failure: ReadFailure) -> ImportProblem {
        ImportProblem::new(Location::File, ProblemKind::Unreadable(failure))
    }

    /// Where, in words (`blad 'Antwoorden', cel D7`); empty for the whole file.
    pub fn place(&self, lang: Lang) -> String {
        self.location.describe(lang)
    }

    /// What is wrong, in words.
    pub fn reason(&self, lang: Lang) -> String {
        self.kind.reason(lang)
    }

    /// Place and reason in one line, as the CLI prints it.
    pub fn message(&self, lang: Lang) -> String {
        let mut line = self.place(lang);
        if !line.is_empty() {
            line.push_str(": ");
        }
        let _ = write!(line, "{}", self.reason(lang));
        line
    }
}

impl ImportNotice {
    /// The notice in words.
    pub fn message(&self, lang: Lang) -> String {
        let texts = &lang.texts().problems;
        match self {
            ImportNotice::IgnoredColumn { sheet, col, header } => {
                (texts.ignored_column)(sheet, &column_letters(*col), header)
            }
            ImportNotice::SkippedEmptyRows { count } => (texts.skipped_empty_rows)(*count),
        }
    }
}
