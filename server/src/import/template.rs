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
    lang.texts().template.answer_sheet
}

fn meta_label(role: ColumnRole, lang: Lang) -> &'static str {
    let texts = &lang.texts().template;
    match role {
        ColumnRole::Organisation => texts.organisation_column,
        ColumnRole::Respondent => texts.respondent_column,
        ColumnRole::Group => texts.group_column,
        ColumnRole::Date => texts.date_column,
        _ => "",
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
    choices.push(lang.texts().template.not_applicable_choice.to_owned());
    choices
}

fn instructions(lang: Lang) -> [&'static str; 6] {
    let texts = &lang.texts().template;
    [
        texts.how_to_title,
        texts.how_rows,
        texts.how_answers,
        texts.how_group_date,
        texts.how_repeat,
        texts.scale,
    ]
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
    help.set_name(lang.texts().template.help_sheet)?;
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
            let mut line = format!("{}: {}", statement.id, statement.text.get(lang));
            if statement.scale.is_some() {
                // A statement with labels of its own says what its 0 and 4 mean.
                line.push(' ');
                line.push_str(&(lang.texts().report.scale_ends)(
                    statement.level_label(MaturityLevel::Absent, lang),
                    statement.level_label(MaturityLevel::Advanced, lang),
                ));
            }
            help.write_string(row, 0, line)?;
            row += 1;
        }
    }
    workbook.save_to_buffer()
}
