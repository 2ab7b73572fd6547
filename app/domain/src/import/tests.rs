//! Golden tests: every problem class with its exact message and cell reference.

use super::*;
use crate::{parse_model, AnswerValue, Lang, MaturityLevel, MaturityModel, RespondentGroup};

fn model() -> MaturityModel {
    parse_model(
        "quickscan-2026.toml",
        include_str!("../../../models/quickscan-2026.toml"),
    )
    .unwrap()
}

fn text(row: u32, col: u32, text: &str) -> Cell {
    Cell {
        row,
        col,
        value: CellValue::Text(text.into()),
    }
}

/// A sheet from rows of text; empty strings leave the cell out.
fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                cells.push(text(r as u32, c as u32, value));
            }
        }
    }
    Sheet {
        name: name.into(),
        cells,
        merged: vec![],
    }
}

fn book(sheets: Vec<Sheet>) -> Workbook {
    Workbook { sheets }
}

const HEADER: &[&str] = &[
    "organisation",
    "respondent",
    "group",
    "date",
    "policy-1",
    "policy-2",
];

fn messages(validated: &Validated, lang: Lang) -> Vec<String> {
    validated.problems.iter().map(|p| p.message(lang)).collect()
}

fn only_message(rows: &[&[&str]], lang: Lang) -> String {
    let validated = validate_workbook(&book(vec![sheet("Antwoorden", rows)]), &model(), "13008");
    let found = messages(&validated, lang);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn the_template_layout_reads_with_its_label_row_and_empty_rows_skipped() {
    let m = model();
    let label = m.statement("policy-1").unwrap().1.text.nl.clone();
    let rows: &[&[&str]] = &[
        HEADER,
        &["NIS-code", "Respondent", "Groep", "Datum", &label, ""],
        &["13008", "R1", "staff", "2026-03-04", "3", "weet niet"],
        &["13008", "R2", "", ""],
        &["", "R3", "Mandataris", "04/03/2026", "ingebed", "n.v.t."],
    ];
    let validated = validate_workbook(&book(vec![sheet("Antwoorden", rows)]), &m, "13008");
    assert_eq!(validated.problems, vec![]);
    assert!(validated.is_clean());
    assert_eq!(validated.layout, Some(Layout::Wide));
    assert_eq!(validated.respondents.len(), 2);
    let first = &validated.respondents[0];
    assert_eq!(
        (first.key.as_str(), first.row, first.group),
        ("R1", 2, Some(RespondentGroup::Staff))
    );
    assert_eq!(first.date.as_deref(), Some("2026-03-04"));
    assert_eq!(
        first.answers["policy-1"],
        AnswerValue::Level(MaturityLevel::Established)
    );
    assert_eq!(first.answers["policy-2"], AnswerValue::DontKnow);
    let third = &validated.respondents[1];
    assert_eq!(
        (third.key.as_str(), third.group),
        ("R3", Some(RespondentGroup::Mandatary))
    );
    assert_eq!(third.date.as_deref(), Some("2026-03-04"));
    assert_eq!(third.answers["policy-2"], AnswerValue::NotApplicable);
    assert_eq!(
        validated.notices,
        vec![ImportNotice::SkippedEmptyRows { count: 1 }]
    );
    assert_eq!(validated.answer_count(), 4);
}

#[test]
fn typed_cells_numbers_dates_and_a_missing_respondent_column() {
    let cells = vec![
        text(0, 0, "policy-1"),
        text(0, 1, "Date"),
        text(0, 2, "Opmerking"),
        Cell {
            row: 1,
            col: 0,
            value: CellValue::Number(2.0),
        },
        Cell {
            row: 1,
            col: 1,
            value: CellValue::Number(46_111.0),
        },
        text(1, 2, "vrij commentaar"),
    ];
    let sheets = vec![Sheet {
        name: "Blad1".into(),
        cells,
        merged: vec![],
    }];
    let validated = validate_workbook(&book(sheets), &model(), "13008");
    assert_eq!(validated.problems, vec![]);
    let only = &validated.respondents[0];
    assert_eq!(only.key, "row 2");
    assert_eq!(only.date.as_deref(), Some("2026-03-30"));
    assert_eq!(
        validated.notices[0].message(Lang::En),
        "sheet 'Blad1', column C ('Opmerking') is not a statement and is not imported"
    );
}

#[test]
fn the_long_form_collects_answers_per_respondent() {
    let rows: &[&[&str]] = &[
        &["Organisatie", "Respondent", "Stelling", "Antwoord", "Groep"],
        &["13008", "A", "policy-1", "2", "staff"],
        &["13008", "A", "POLICY-2 ", " Don't Know", ""],
        &["13008", "B", "code-1", "4", "management"],
    ];
    let validated = validate_workbook(&book(vec![sheet("Lang", rows)]), &model(), "13008");
    assert_eq!(validated.problems, vec![]);
    assert_eq!(validated.layout, Some(Layout::Long));
    assert_eq!(validated.respondents.len(), 2);
    assert_eq!(validated.respondents[0].answers.len(), 2);
    assert_eq!(validated.respondents[0].group, Some(RespondentGroup::Staff));
    assert_eq!(
        validated.respondents[1].answers["code-1"],
        AnswerValue::Level(MaturityLevel::Advanced)
    );
}

#[test]
fn golden_answer_problems() {
    let row =
        |answer: &'static str| -> Vec<&'static str> { vec!["13008", "R1", "", "", "3", answer] };
    let cases: [(&str, &str); 2] = [
        ("vijf", "blad 'Antwoorden', cel F2: 'vijf' is geen antwoord; gebruik 0–4, 'weet niet' of 'n.v.t.'"),
        ("5", "blad 'Antwoorden', cel F2: 5 ligt niet op de schaal; gebruik 0–4, 'weet niet' of 'n.v.t.'"),
    ];
    for (answer, expected) in cases {
        assert_eq!(only_message(&[HEADER, &row(answer)], Lang::Nl), expected);
    }
    assert_eq!(
        only_message(&[HEADER, &row("2,5")], Lang::En),
        "sheet 'Antwoorden', cell F2: 2,5 is not on the scale; use 0–4, 'don't know' or 'n/a'"
    );
}

fn typed_answer_message(value: CellValue, lang: Lang) -> String {
    let mut s = sheet("Antwoorden", &[HEADER, &["13008", "R1", "", "", "3"]]);
    s.cells.push(Cell {
        row: 1,
        col: 5,
        value,
    });
    let validated = validate_workbook(&book(vec![s]), &model(), "13008");
    assert_eq!(validated.problems.len(), 1, "{:?}", validated.problems);
    validated.problems[0].message(lang)
}

#[test]
fn golden_typed_cell_problems() {
    assert_eq!(
        typed_answer_message(CellValue::Date("1900-01-03".into()), Lang::En),
        "sheet 'Antwoorden', cell F2: the cell is formatted as a date (1900-01-03); format it as a number or text and use 0–4, 'don't know' or 'n/a'"
    );
    assert_eq!(
        typed_answer_message(CellValue::Bool(true), Lang::Nl),
        "blad 'Antwoorden', cel F2: WAAR/ONWAAR is geen antwoord; gebruik 0–4, 'weet niet' of 'n.v.t.'"
    );
    assert_eq!(
        typed_answer_message(CellValue::Error("#N/A".into()), Lang::En),
        "sheet 'Antwoorden', cell F2: the formula in this cell gives the error #N/A; type the value instead"
    );
    assert_eq!(
        typed_answer_message(CellValue::Number(3.5), Lang::Fr),
        "feuille 'Antwoorden', cellule F2: 3.5 n'est pas sur l'échelle ; utilisez 0–4, 'ne sait pas' ou 'sans objet'"
    );
}

#[test]
fn golden_header_problems() {
    assert_eq!(
        only_message(
            &[&["respondent", "policy-1", "policy-9"], &["A", "1", "2"]],
            Lang::En
        ),
        "sheet 'Antwoorden', cell C1: 'policy-9' is not a statement of this model"
    );
    assert_eq!(
        only_message(
            &[&["respondent", "policy-1", "POLICY-1"], &["A", "1", "2"]],
            Lang::Nl
        ),
        "blad 'Antwoorden', cel C1: de kolom 'policy-1' staat er al in kolom B"
    );
    let none = validate_workbook(
        &book(vec![sheet("Blad1", &[&["naam", "score"], &["x", "3"]])]),
        &model(),
        "13008",
    );
    assert_eq!(
        messages(&none, Lang::En),
        vec!["no sheet has a header row of statement ids (such as 'policy-1') or the columns respondent, statement and answer; start from the template"]
    );
}

#[test]
fn golden_row_problems() {
    assert_eq!(
        only_message(&[HEADER, &["44021", "R1", "", "", "3"]], Lang::En),
        "sheet 'Antwoorden', cell A2: organisation '44021' is not the organisation you are importing for (13008)"
    );
    assert_eq!(
        only_message(&[HEADER, &["13008", "R1", "raadslid", "", "3"]], Lang::Nl),
        "blad 'Antwoorden', cel C2: 'raadslid' is geen groep; gebruik mandatary, management of staff (of mandataris, leidinggevende, medewerker)"
    );
    assert_eq!(
        only_message(&[HEADER, &["13008", "R1", "", "31/02/2026", "3"]], Lang::En),
        "sheet 'Antwoorden', cell D2: '31/02/2026' is not a date; write YYYY-MM-DD or DD/MM/YYYY"
    );
    assert_eq!(
        only_message(
            &[
                HEADER,
                &["13008", "R1", "", "", "3"],
                &["13008", "R1", "", "", "2"]
            ],
            Lang::En
        ),
        "sheet 'Antwoorden', cell B3: respondent 'R1' also appears on row 2"
    );
}

#[test]
fn golden_long_form_problems() {
    let header: &[&str] = &["respondent", "statement", "answer", "group"];
    assert_eq!(
        only_message(&[&["statement", "answer"], &["policy-1", "3"]], Lang::En),
        "sheet 'Antwoorden', row 1: the column 'respondent' is missing"
    );
    assert_eq!(
        only_message(&[header, &["", "policy-1", "3"]], Lang::En),
        "sheet 'Antwoorden', cell A2: the 'respondent' cell is empty"
    );
    assert_eq!(
        only_message(&[header, &["A", "policy-1", ""]], Lang::Nl),
        "blad 'Antwoorden', cel C2: de cel 'antwoord' is leeg"
    );
    assert_eq!(
        only_message(
            &[header, &["A", "policy-1", "3"], &["A", "policy-1", "2"]],
            Lang::En
        ),
        "sheet 'Antwoorden', cell B3: respondent 'A' already answered 'policy-1' on row 2"
    );
    assert_eq!(
        only_message(
            &[
                header,
                &["A", "policy-1", "3", "staff"],
                &["A", "policy-2", "2", "management"]
            ],
            Lang::En
        ),
        "sheet 'Antwoorden', cell D3: respondent 'A' has a different group here than on row 2"
    );
    assert_eq!(
        only_message(&[header, &["A", "policy-77", "3"]], Lang::En),
        "sheet 'Antwoorden', cell B2: 'policy-77' is not a statement of this model"
    );
}

#[test]
fn golden_sheet_problems() {
    let mut merged = sheet("Antwoorden", &[HEADER, &["13008", "R1", "", "", "3", "2"]]);
    merged.merged.push(MergedRange {
        first: CellRef::new(1, 4),
        last: CellRef::new(2, 4),
    });
    let validated = validate_workbook(&book(vec![merged]), &model(), "13008");
    assert_eq!(
        messages(&validated, Lang::En),
        vec!["sheet 'Antwoorden', cell E2: cells merged up to E3; unmerge them and fill in each cell"]
    );
    assert_eq!(
        only_message(&[HEADER, &["13008", "R1"]], Lang::En),
        "sheet 'Antwoorden': the sheet holds no answers"
    );
    assert_eq!(
        ImportProblem::unreadable(ReadFailure::Unsafe).message(Lang::En),
        "this file could not be read safely; save it again as xlsx or ods with only the answers"
    );
}

#[test]
fn the_first_sheet_with_a_header_row_is_the_answer_sheet() {
    let intro = sheet("Uitleg", &[&["Vul het tweede blad in."]]);
    let answers = sheet("Antwoorden", &[&["", "policy-1"], &["", "4"]]);
    let validated = validate_workbook(&book(vec![intro, answers]), &model(), "13008");
    assert_eq!(validated.sheet.as_deref(), Some("Antwoorden"));
    assert_eq!(validated.respondents.len(), 1);
}

#[test]
fn a_flood_of_problems_is_listed_up_to_the_limit_and_counted() {
    let mut rows: Vec<Vec<&str>> = vec![HEADER.to_vec()];
    for _ in 0..(MAX_PROBLEMS + 20) {
        rows.push(vec!["13008", "", "", "", "x"]);
    }
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let validated = validate_workbook(&book(vec![sheet("S", &refs)]), &model(), "13008");
    assert_eq!(validated.problems.len(), MAX_PROBLEMS);
    assert_eq!(validated.problems_omitted, 20);
    assert!(!validated.is_clean());
}

#[test]
fn csv_dry_run_reads_a_semicolon_windows_1252_file() {
    let bytes = b"organisation;respondent;policy-1;policy-2\r\n13008;Jos\xE9;3;n.v.t.\r\n";
    let validated = dry_run_csv(bytes, "antwoorden.csv", &model(), "13008");
    assert_eq!(validated.problems, vec![]);
    assert_eq!(validated.respondents[0].key, "José");
}

#[test]
fn dates_in_belgian_notations() {
    use super::validate::parse_date_text;
    assert_eq!(parse_date_text("2026-03-04").as_deref(), Some("2026-03-04"));
    assert_eq!(parse_date_text("4/3/2026").as_deref(), Some("2026-03-04"));
    assert_eq!(
        parse_date_text("04.03.2026 10:12").as_deref(),
        Some("2026-03-04")
    );
    assert_eq!(parse_date_text("29/02/2024").as_deref(), Some("2024-02-29"));
    assert_eq!(parse_date_text("29/02/2026"), None);
    assert_eq!(parse_date_text("03/04/26"), None);
    assert_eq!(parse_date_text("gisteren"), None);
}

#[test]
fn a_statement_with_labels_of_its_own_takes_them_as_answers_and_others_do_not() {
    let m = parse_model(
        "quickscan-2027.toml",
        include_str!("../../../models/quickscan-2027.toml"),
    )
    .unwrap();
    let (_, own) = m.statement("leadership-3").unwrap();
    let scale = own
        .scale
        .as_ref()
        .expect("leadership-3 is answered how often");
    let (often_nl, always_fr) = (scale.levels[3].nl.clone(), scale.levels[4].fr.clone());
    let header: &[&str] = &["organisation", "respondent", "leadership-3", "policy-2"];
    let rows: &[&[&str]] = &[
        header,
        &["13008", "R1", &often_nl, "2"],
        &["13008", "R2", &always_fr.to_uppercase(), "1"],
        &["13008", "R3", "2", &often_nl],
    ];
    let validated = validate_workbook(&book(vec![sheet("Antwoorden", rows)]), &m, "13008");
    let answer =
        |respondent: usize, id: &str| validated.respondents[respondent].answers.get(id).copied();
    assert_eq!(
        answer(0, "leadership-3"),
        Some(AnswerValue::Level(MaturityLevel::Established))
    );
    assert_eq!(
        answer(1, "leadership-3"),
        Some(AnswerValue::Level(MaturityLevel::Advanced))
    );
    // policy-2 is answered on the maturity levels: "usually" is no answer there.
    assert_eq!(
        messages(&validated, Lang::En),
        vec![format!(
            "sheet 'Antwoorden', cell D4: '{often_nl}' is not an answer; use 0–4, 'don't know' or 'n/a'"
        )]
    );
}
