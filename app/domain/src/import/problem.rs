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
        use ColumnRole::*;
        match (self, lang) {
            (Organisation, Lang::Nl) => "organisatie",
            (Respondent, Lang::Nl) => "respondent",
            (Group, Lang::Nl) => "groep",
            (Date, Lang::Nl) => "datum",
            (Statement, Lang::Nl) => "stelling",
            (Answer, Lang::Nl) => "antwoord",
            (Organisation, Lang::En) => "organisation",
            (Respondent, Lang::En) => "respondent",
            (Group, Lang::En) => "group",
            (Date, Lang::En) => "date",
            (Statement, Lang::En) => "statement",
            (Answer, Lang::En) => "answer",
            (Organisation, Lang::Fr) => "organisation",
            (Respondent, Lang::Fr) => "répondant",
            (Group, Lang::Fr) => "groupe",
            (Date, Lang::Fr) => "date",
            (Statement, Lang::Fr) => "énoncé",
            (Answer, Lang::Fr) => "réponse",
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
        use ReadFailure::*;
        match (self, lang) {
            (TooLarge { bytes, limit }, Lang::Nl) => format!("het bestand is {} MiB; de grens is {} MiB", mb(*bytes), mb(*limit)),
            (TooLarge { bytes, limit }, Lang::En) => format!("the file is {} MiB; the limit is {} MiB", mb(*bytes), mb(*limit)),
            (TooLarge { bytes, limit }, Lang::Fr) => format!("le fichier fait {} Mio ; la limite est de {} Mio", mb(*bytes), mb(*limit)),
            (Empty, Lang::Nl) => "het bestand is leeg".into(),
            (Empty, Lang::En) => "the file is empty".into(),
            (Empty, Lang::Fr) => "le fichier est vide".into(),
            (NotASpreadsheet, Lang::Nl) => "dit is geen rekenblad; gebruik xlsx, xlsm, xls, ods of csv".into(),
            (NotASpreadsheet, Lang::En) => "this is not a spreadsheet; use xlsx, xlsm, xls, ods or csv".into(),
            (NotASpreadsheet, Lang::Fr) => "ce n'est pas un tableur ; utilisez xlsx, xlsm, xls, ods ou csv".into(),
            (PasswordProtected, Lang::Nl) => "het bestand is met een wachtwoord beveiligd; sla het op zonder wachtwoord en laad het opnieuw op".into(),
            (PasswordProtected, Lang::En) => "the file is protected with a password; save it without a password and upload it again".into(),
            (PasswordProtected, Lang::Fr) => "le fichier est protégé par un mot de passe ; enregistrez-le sans mot de passe et téléversez-le à nouveau".into(),
            (LegacyFormat, Lang::Nl) => "dit is een verouderd formaat; sla het op als xlsx of ods en laad het opnieuw op".into(),
            (LegacyFormat, Lang::En) => "this is an outdated format; save it as xlsx or ods and upload it again".into(),
            (LegacyFormat, Lang::Fr) => "ce format est obsolète ; enregistrez-le en xlsx ou ods et téléversez-le à nouveau".into(),
            (Damaged(detail), Lang::Nl) => format!("het bestand is beschadigd of onvolledig ({detail})"),
            (Damaged(detail), Lang::En) => format!("the file is damaged or incomplete ({detail})"),
            (Damaged(detail), Lang::Fr) => format!("le fichier est endommagé ou incomplet ({detail})"),
            (Inflates { bytes, limit }, Lang::Nl) => format!("het bestand pakt uit tot {} MiB, meer dan de {} MiB die een rekenblad mag innemen", mb(*bytes), mb(*limit)),
            (Inflates { bytes, limit }, Lang::En) => format!("the file unpacks to {} MiB, more than the {} MiB a spreadsheet may take", mb(*bytes), mb(*limit)),
            (Inflates { bytes, limit }, Lang::Fr) => format!("le fichier se décompresse en {} Mio, plus que les {} Mio permis pour un tableur", mb(*bytes), mb(*limit)),
            (TooManyCells { limit }, Lang::Nl) => format!("het rekenblad heeft meer dan {limit} cellen"),
            (TooManyCells { limit }, Lang::En) => format!("the spreadsheet has more than {limit} cells"),
            (TooManyCells { limit }, Lang::Fr) => format!("le tableur compte plus de {limit} cellules"),
            (Unsafe, Lang::Nl) => "dit bestand kon niet veilig gelezen worden; sla het opnieuw op als xlsx of ods, met enkel de antwoorden".into(),
            (Unsafe, Lang::En) => "this file could not be read safely; save it again as xlsx or ods with only the answers".into(),
            (Unsafe, Lang::Fr) => "ce fichier n'a pas pu être lu en toute sécurité ; enregistrez-le à nouveau en xlsx ou ods avec uniquement les réponses".into(),
            (TimedOut { seconds }, Lang::Nl) => format!("het lezen duurde langer dan {seconds} seconden en werd gestopt"),
            (TimedOut { seconds }, Lang::En) => format!("reading took longer than {seconds} seconds and was stopped"),
            (TimedOut { seconds }, Lang::Fr) => format!("la lecture a pris plus de {seconds} secondes et a été arrêtée"),
        }
    }
}

impl Location {
    fn describe(&self, lang: Lang) -> String {
        let (sheet_word, row_word, cell_word) = match lang {
            Lang::Nl => ("blad", "rij", "cel"),
            Lang::En => ("sheet", "row", "cell"),
            Lang::Fr => ("feuille", "ligne", "cellule"),
        };
        match self {
            Location::File => String::new(),
            Location::Sheet { sheet } => format!("{sheet_word} '{sheet}'"),
            Location::Row { sheet, row } => {
                format!("{sheet_word} '{sheet}', {row_word} {}", row + 1)
            }
            Location::Cell { sheet, cell } => format!("{sheet_word} '{sheet}', {cell_word} {cell}"),
        }
    }
}

impl ProblemKind {
    fn reason(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let use_scale = match lang {
            Lang::Nl => "gebruik 0–4, 'weet niet' of 'n.v.t.'",
            Lang::En => "use 0–4, 'don't know' or 'n/a'",
            Lang::Fr => "utilisez 0–4, 'ne sait pas' ou 'sans objet'",
        };
        match (self, lang) {
            (Unreadable(failure), _) => failure.message(lang),
            (NoAnswerSheet { example }, Lang::Nl) => format!("geen blad met een kopregel van stelling-id's (zoals '{example}') of met de kolommen respondent, stelling en antwoord; vertrek van het sjabloon"),
            (NoAnswerSheet { example }, Lang::En) => format!("no sheet has a header row of statement ids (such as '{example}') or the columns respondent, statement and answer; start from the template"),
            (NoAnswerSheet { example }, Lang::Fr) => format!("aucune feuille n'a de ligne d'en-tête avec des identifiants d'énoncés (comme '{example}') ou les colonnes répondant, énoncé et réponse ; partez du modèle"),
            (UnknownStatement(id), Lang::Nl) => format!("'{id}' is geen stelling van dit model"),
            (UnknownStatement(id), Lang::En) => format!("'{id}' is not a statement of this model"),
            (UnknownStatement(id), Lang::Fr) => format!("'{id}' n'est pas un énoncé de ce modèle"),
            (DuplicateColumn { header, first_col }, Lang::Nl) => format!("de kolom '{header}' staat er al in kolom {}", column_letters(*first_col)),
            (DuplicateColumn { header, first_col }, Lang::En) => format!("the column '{header}' already appears in column {}", column_letters(*first_col)),
            (DuplicateColumn { header, first_col }, Lang::Fr) => format!("la colonne '{header}' figure déjà en colonne {}", column_letters(*first_col)),
            (MissingColumn(role), Lang::Nl) => format!("de kolom '{}' ontbreekt", role.label(lang)),
            (MissingColumn(role), Lang::En) => format!("the column '{}' is missing", role.label(lang)),
            (MissingColumn(role), Lang::Fr) => format!("la colonne '{}' manque", role.label(lang)),
            (NotAnAnswer(text), Lang::Nl) => format!("'{text}' is geen antwoord; {use_scale}"),
            (NotAnAnswer(text), Lang::En) => format!("'{text}' is not an answer; {use_scale}"),
            (NotAnAnswer(text), Lang::Fr) => format!("'{text}' n'est pas une réponse ; {use_scale}"),
            (OffScale(text), Lang::Nl) => format!("{text} ligt niet op de schaal; {use_scale}"),
            (OffScale(text), Lang::En) => format!("{text} is not on the scale; {use_scale}"),
            (OffScale(text), Lang::Fr) => format!("{text} n'est pas sur l'échelle ; {use_scale}"),
            (DateAsAnswer(date), Lang::Nl) => format!("de cel is als datum opgemaakt ({date}); maak ze op als getal of tekst en {use_scale}"),
            (DateAsAnswer(date), Lang::En) => format!("the cell is formatted as a date ({date}); format it as a number or text and {use_scale}"),
            (DateAsAnswer(date), Lang::Fr) => format!("la cellule est au format date ({date}) ; mettez-la au format nombre ou texte et {use_scale}"),
            (BoolAsAnswer, Lang::Nl) => format!("WAAR/ONWAAR is geen antwoord; {use_scale}"),
            (BoolAsAnswer, Lang::En) => format!("TRUE/FALSE is not an answer; {use_scale}"),
            (BoolAsAnswer, Lang::Fr) => format!("VRAI/FAUX n'est pas une réponse ; {use_scale}"),
            (FormulaError(code), Lang::Nl) => format!("de formule in deze cel geeft de fout {code}; vul de waarde zelf in"),
            (FormulaError(code), Lang::En) => format!("the formula in this cell gives the error {code}; type the value instead"),
            (FormulaError(code), Lang::Fr) => format!("la formule de cette cellule donne l'erreur {code} ; saisissez la valeur"),
            (OtherOrganisation { found, expected }, Lang::Nl) => format!("organisatie '{found}' is niet de organisatie waarvoor u importeert ({expected})"),
            (OtherOrganisation { found, expected }, Lang::En) => format!("organisation '{found}' is not the organisation you are importing for ({expected})"),
            (OtherOrganisation { found, expected }, Lang::Fr) => format!("l'organisation '{found}' n'est pas celle pour laquelle vous importez ({expected})"),
            (UnknownGroup(text), Lang::Nl) => format!("'{text}' is geen groep; gebruik mandatary, management of staff (of mandataris, leidinggevende, medewerker)"),
            (UnknownGroup(text), Lang::En) => format!("'{text}' is not a group; use mandatary, management or staff"),
            (UnknownGroup(text), Lang::Fr) => format!("'{text}' n'est pas un groupe ; utilisez mandatary, management ou staff (ou mandataire, direction, personnel)"),
            (BadDate(text), Lang::Nl) => format!("'{text}' is geen datum; schrijf JJJJ-MM-DD of DD/MM/JJJJ"),
            (BadDate(text), Lang::En) => format!("'{text}' is not a date; write YYYY-MM-DD or DD/MM/YYYY"),
            (BadDate(text), Lang::Fr) => format!("'{text}' n'est pas une date ; écrivez AAAA-MM-JJ ou JJ/MM/AAAA"),
            (DuplicateRespondent { respondent, first_row }, Lang::Nl) => format!("respondent '{respondent}' staat ook al op rij {}", first_row + 1),
            (DuplicateRespondent { respondent, first_row }, Lang::En) => format!("respondent '{respondent}' also appears on row {}", first_row + 1),
            (DuplicateRespondent { respondent, first_row }, Lang::Fr) => format!("le répondant '{respondent}' figure déjà à la ligne {}", first_row + 1),
            (DuplicateAnswer { respondent, statement, first_row }, Lang::Nl) => format!("respondent '{respondent}' beantwoordde '{statement}' al op rij {}", first_row + 1),
            (DuplicateAnswer { respondent, statement, first_row }, Lang::En) => format!("respondent '{respondent}' already answered '{statement}' on row {}", first_row + 1),
            (DuplicateAnswer { respondent, statement, first_row }, Lang::Fr) => format!("le répondant '{respondent}' a déjà répondu à '{statement}' à la ligne {}", first_row + 1),
            (Inconsistent { respondent, role, first_row }, Lang::Nl) => format!("respondent '{respondent}' heeft hier een andere {} dan op rij {}", role.label(lang), first_row + 1),
            (Inconsistent { respondent, role, first_row }, Lang::En) => format!("respondent '{respondent}' has a different {} here than on row {}", role.label(lang), first_row + 1),
            (Inconsistent { respondent, role, first_row }, Lang::Fr) => format!("le répondant '{respondent}' a ici un(e) {} différent(e) de la ligne {}", role.label(lang), first_row + 1),
            (MissingValue(role), Lang::Nl) => format!("de cel '{}' is leeg", role.label(lang)),
            (MissingValue(role), Lang::En) => format!("the '{}' cell is empty", role.label(lang)),
            (MissingValue(role), Lang::Fr) => format!("la cellule '{}' est vide", role.label(lang)),
            (Merged { last }, Lang::Nl) => format!("samengevoegde cellen tot {last}; maak de samenvoeging ongedaan en vul elke cel in"),
            (Merged { last }, Lang::En) => format!("cells merged up to {last}; unmerge them and fill in each cell"),
            (Merged { last }, Lang::Fr) => format!("cellules fusionnées jusqu'à {last} ; annulez la fusion et remplissez chaque cellule"),
            (NoAnswers, Lang::Nl) => "het blad bevat geen enkel antwoord".into(),
            (NoAnswers, Lang::En) => "the sheet holds no answers".into(),
            (NoAnswers, Lang::Fr) => "la feuille ne contient aucune réponse".into(),
            (TooManyRespondents { limit }, Lang::Nl) => format!("meer dan {limit} respondenten in één import; verdeel het bestand"),
            (TooManyRespondents { limit }, Lang::En) => format!("more than {limit} respondents in one import; split the file"),
            (TooManyRespondents { limit }, Lang::Fr) => format!("plus de {limit} répondants dans un import ; divisez le fichier"),
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
        match (self, lang) {
            (ImportNotice::IgnoredColumn { sheet, col, header }, Lang::Nl) => format!("blad '{sheet}', kolom {} ('{header}') is geen stelling en wordt niet ingelezen", column_letters(*col)),
            (ImportNotice::IgnoredColumn { sheet, col, header }, Lang::En) => format!("sheet '{sheet}', column {} ('{header}') is not a statement and is not imported", column_letters(*col)),
            (ImportNotice::IgnoredColumn { sheet, col, header }, Lang::Fr) => format!("feuille '{sheet}', colonne {} ('{header}') n'est pas un énoncé et n'est pas importée", column_letters(*col)),
            (ImportNotice::SkippedEmptyRows { count: 1 }, Lang::Nl) => "1 rij zonder antwoorden overgeslagen".into(),
            (ImportNotice::SkippedEmptyRows { count: 1 }, Lang::En) => "1 row without answers skipped".into(),
            (ImportNotice::SkippedEmptyRows { count: 1 }, Lang::Fr) => "1 ligne sans réponse ignorée".into(),
            (ImportNotice::SkippedEmptyRows { count }, Lang::Nl) => format!("{count} rijen zonder antwoorden overgeslagen"),
            (ImportNotice::SkippedEmptyRows { count }, Lang::En) => format!("{count} rows without answers skipped"),
            (ImportNotice::SkippedEmptyRows { count }, Lang::Fr) => format!("{count} lignes sans réponse ignorées"),
        }
    }
}
