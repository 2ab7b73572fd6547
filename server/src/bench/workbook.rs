//! The large workbook the import is measured on: the template's wide form (a row of keys,
//! then one row per respondent, one column per statement), filled as Excel would store it.

use quickscan_domain::import::ColumnRole;
use quickscan_domain::{Lang, MaturityModel, RespondentGroup};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_xlsxwriter::{Workbook, XlsxError};

/// `respondents` rows of answers to every statement for the organisation `code`: levels as
/// numbers, now and then "weet niet" or "n.v.t." as text, a cell left empty.
pub fn large_answer_workbook(
    model: &MaturityModel,
    code: &str,
    respondents: u32,
    seed: u64,
) -> Result<Vec<u8>, XlsxError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(Lang::Nl.texts().template.answer_sheet)?;
    let keys = [
        ColumnRole::Organisation,
        ColumnRole::Respondent,
        ColumnRole::Group,
        ColumnRole::Date,
    ];
    for (col, role) in keys.iter().enumerate() {
        sheet.write_string(0, col as u16, role.key())?;
    }
    let statements: Vec<&str> = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(|s| s.id.as_str()))
        .collect();
    for (index, id) in statements.iter().enumerate() {
        sheet.write_string(0, (keys.len() + index) as u16, *id)?;
    }
    for respondent in 0..respondents {
        let row = respondent + 1;
        sheet.write_string(row, 0, code)?;
        sheet.write_string(row, 1, format!("R{:05}", respondent + 1))?;
        let group = RespondentGroup::ALL[respondent as usize % RespondentGroup::ALL.len()];
        sheet.write_string(row, 2, group.label(Lang::Nl))?;
        sheet.write_string(row, 3, "2026-11-30")?;
        let leaning: f64 = rng.random_range(0.5..3.5);
        for index in 0..statements.len() {
            let col = (keys.len() + index) as u16;
            match rng.random_range(0..40) {
                0 => {}
                1 | 2 => {
                    sheet.write_string(row, col, "weet niet")?;
                }
                3 => {
                    sheet.write_string(row, col, "n.v.t.")?;
                }
                _ => {
                    let level = (leaning + rng.random_range(-1.0..1.0))
                        .round()
                        .clamp(0.0, 4.0);
                    sheet.write_number(row, col, level)?;
                }
            }
        }
    }
    workbook.save_to_buffer()
}
