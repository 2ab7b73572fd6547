//! The xlsx template advisors hand out: one row per respondent, one column per statement, with
//! drop-down lists for the answers. Its first row holds the machine keys the importer reads
//! (organisation, respondent, group, date, statement ids); the second row says the same in
//! words, and the importer recognises and skips it.

use quickscan_domain::import::ColumnRole;
use quickscan_domain::{AnswerValue, Lang, MaturityLevel, MaturityModel, RespondentGroup};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Workbook, XlsxError,
};

/// Rows prepared for respondents (numbered R001…).
pub const TEMPLATE_ROWS: u32 = 200;
const FIRST_DATA_ROW: u32 = 2;
const META_COLUMNS: [ColumnRole; 4] = [
    ColumnRole::Organisation,
    ColumnRole::Respondent,
    ColumnRole::Group,
    ColumnRole::Date,
];

/// The answer sheet's name.
pub fn answer_sheet_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Antwoorden",
        Lang::En => "Answers",
        Lang::Fr => "Réponses",
    }
}

fn meta_label(role: ColumnRole, lang: Lang) -> &'static str {
    match (role, lang) {
        (ColumnRole::Organisation, Lang::Nl) => "Organisatie (NIS-code)",
        (ColumnRole::Organisation, Lang::En) => "Organisation (NIS code)",
        (ColumnRole::Organisation, Lang::Fr) => "Organisation (code INS)",
        (ColumnRole::Respondent, Lang::Nl) => "Respondent (nummer of naam)",
        (ColumnRole::Respondent, Lang::En) => "Respondent (number or name)",
        (ColumnRole::Respondent, Lang::Fr) => "Répondant (numéro ou nom)",
        (ColumnRole::Group, Lang::Nl) => "Groep",
        (ColumnRole::Group, Lang::En) => "Group",
        (ColumnRole::Group, Lang::Fr) => "Groupe",
        (ColumnRole::Date, _) => "Datum / Date (JJJJ-MM-DD)",
        (_, _) => "",
    }
}

fn group_choices(lang: Lang) -> Vec<&'static str> {
    RespondentGroup::ALL
        .iter()
        .map(|g| match lang {
            Lang::En => g.code(),
            _ => g.label(lang),
        })
        .collect()
}

fn answer_choices(lang: Lang) -> Vec<String> {
    let mut choices: Vec<String> = MaturityLevel::ALL
        .iter()
        .map(|l| l.number().to_string())
        .collect();
    choices.push(AnswerValue::DontKnow.label(lang).to_owned());
    choices.push(match lang {
        Lang::Nl => "n.v.t.".to_owned(),
        Lang::En => "n/a".to_owned(),
        Lang::Fr => "sans objet".to_owned(),
    });
    choices
}

fn instructions(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Nl => [
            "Zo vult u dit sjabloon in",
            "Eén rij per respondent op het blad 'Antwoorden'. Laat de eerste twee rijen staan: QuickScan leest de kolomcodes in rij 1.",
            "Antwoord per stelling met 0 tot 4 (zie de schaal hieronder), 'weet niet' of 'n.v.t.'. Lege cellen tellen als niet beantwoord.",
            "Groep: mandataris, leidinggevende of medewerker (mag leeg). Datum: JJJJ-MM-DD (mag leeg).",
            "Rijen zonder antwoorden worden overgeslagen. Importeert u hetzelfde bestand opnieuw, dan vervangen de antwoorden die van dezelfde respondent.",
            "Schaal:",
        ],
        Lang::En => [
            "How to fill in this template",
            "One row per respondent on the 'Answers' sheet. Keep the first two rows: QuickScan reads the column codes in row 1.",
            "Answer each statement with 0 to 4 (see the scale below), 'don't know' or 'n/a'. Empty cells count as not answered.",
            "Group: mandatary, management or staff (may be empty). Date: YYYY-MM-DD (may be empty).",
            "Rows without answers are skipped. Importing the same file again replaces the answers of the same respondent.",
            "Scale:",
        ],
        Lang::Fr => [
            "Comment remplir ce modèle",
            "Une ligne par répondant sur la feuille 'Réponses'. Gardez les deux premières lignes : QuickScan lit les codes de colonne en ligne 1.",
            "Répondez à chaque énoncé par 0 à 4 (voir l'échelle ci-dessous), 'ne sait pas' ou 'sans objet'. Une cellule vide compte comme sans réponse.",
            "Groupe : mandataire, direction ou personnel (facultatif). Date : AAAA-MM-JJ (facultatif).",
            "Les lignes sans réponse sont ignorées. Importer à nouveau le même fichier remplace les réponses du même répondant.",
            "Échelle :",
        ],
    }
}

/// The template for one organisation, as xlsx bytes.
pub fn template_xlsx(
    model: &MaturityModel,
    organisation_code: &str,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let key = Format::new()
        .set_bold()
        .set_font_color("#1F3864")
        .set_background_color("#D9E1F2");
    let label = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_font_size(9);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let last_row = FIRST_DATA_ROW + TEMPLATE_ROWS - 1;

    let sheet = workbook.add_worksheet();
    sheet.set_name(answer_sheet_name(lang))?;
    for (col, role) in META_COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, role.key(), &key)?;
        sheet.write_string_with_format(1, col, meta_label(*role, lang), &label)?;
        sheet.set_column_width(col, 16)?;
    }
    let statements: Vec<_> = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter())
        .collect();
    for (index, statement) in statements.iter().enumerate() {
        let col = (META_COLUMNS.len() + index) as u16;
        sheet.write_string_with_format(0, col, &statement.id, &key)?;
        sheet.write_string_with_format(1, col, statement.text.get(lang), &label)?;
        sheet.set_column_width(col, 24)?;
    }
    sheet.set_row_height(1, 150)?;
    for offset in 0..TEMPLATE_ROWS {
        let row = FIRST_DATA_ROW + offset;
        sheet.write_string(row, 0, organisation_code)?;
        sheet.write_string(row, 1, format!("R{:03}", offset + 1))?;
        sheet.write_blank(row, 3, &date)?;
    }
    let answers = DataValidation::new()
        .allow_list_strings(&answer_choices(lang))?
        .set_error_style(DataValidationErrorStyle::Warning);
    let first_statement_col = META_COLUMNS.len() as u16;
    let last_statement_col = first_statement_col + statements.len().saturating_sub(1) as u16;
    sheet.add_data_validation(
        FIRST_DATA_ROW,
        first_statement_col,
        last_row,
        last_statement_col,
        &answers,
    )?;
    let groups = DataValidation::new()
        .allow_list_strings(&group_choices(lang))?
        .set_error_style(DataValidationErrorStyle::Warning);
    sheet.add_data_validation(FIRST_DATA_ROW, 2, last_row, 2, &groups)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;

    let help = workbook.add_worksheet();
    help.set_name(match lang {
        Lang::Nl => "Toelichting",
        Lang::En => "Instructions",
        Lang::Fr => "Mode d'emploi",
    })?;
    help.set_column_width(0, 110)?;
    let lines = instructions(lang);
    help.write_string_with_format(0, 0, lines[0], &bold)?;
    for (row, line) in lines[1..].iter().enumerate() {
        help.write_string(row as u32 + 1, 0, *line)?;
    }
    for (index, level) in MaturityLevel::ALL.iter().enumerate() {
        help.write_string(
            7 + index as u32,
            0,
            format!("{} = {}", level.number(), level.label(lang)),
        )?;
    }
    help.write_string_with_format(13, 0, model.title.get(lang), &bold)?;
    let mut row = 14;
    for dimension in &model.dimensions {
        help.write_string_with_format(row, 0, dimension.name.get(lang), &bold)?;
        row += 1;
        for statement in &dimension.statements {
            help.write_string(
                row,
                0,
                format!("{}: {}", statement.id, statement.text.get(lang)),
            )?;
            row += 1;
        }
    }
    workbook.save_to_buffer()
}
