//! The report says where exactly: per statement the mean, the spread over the levels and the
//! shares of "don't know" and "not applicable", on the page and in the exports, each only
//! where it rests on the respondent threshold. Runs on both databases.

use std::io::Cursor;

use app::paths;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page};

on_both_databases!(statement_figures_are_on_the_report_and_in_its_export);

async fn statement_figures_are_on_the_report_and_in_its_export(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    // Five rate every statement 3, one 1, and four do not know: each statement has six
    // levels (mean (5 × 3 + 1) / 6 = 2,7) and four "don't know" of ten answers (40 %).
    let round = app.open_round(world.org_a, "Per stelling", 2026).await;
    app.submit_responses(round.id, 5, Some("staff"), "3", None)
        .await;
    app.submit_responses(round.id, 1, Some("staff"), "1", None)
        .await;
    app.submit_responses(round.id, 4, Some("staff"), "dont_know", None)
        .await;
    app::staff::rounds::close_and_aggregate(&app.ctx, &round)
        .await
        .unwrap();
    let cookie = app
        .login("coordinator-a@test.be", quickscan_tests::TEST_PASSWORD)
        .await
        .unwrap();
    let (status, page) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(round.id))
        .await;
    assert_eq!(status, 200);
    let page = Page::parse(&page);
    let model = app.ctx.models.current();
    let first = &model.dimensions[0].statements[0];
    let row = page
        .row_in("section.statements", &first.text.nl)
        .expect("the first statement's row");
    // Mean, levels 0–4, don't know, not applicable.
    assert_eq!(
        row,
        ["2,7", "0 %", "17 %", "0 %", "83 %", "0 %", "40 %", "0 %"],
        "{row:?}"
    );
    let statements: usize = model.dimensions.iter().map(|d| d.statements.len()).sum();
    assert_eq!(page.texts("section.statements tbody tr").len(), statements);
    // A statement answered with labels of its own says what its ends were called.
    let (_, scaled) = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .find(|(_, s)| s.scale.is_some())
        .expect("a statement with labels of its own");
    let scale = scaled.scale.as_ref().unwrap();
    let hint = format!(
        "(beantwoord van 0 = {} tot 4 = {})",
        scale.levels[0].nl, scale.levels[4].nl
    );
    assert!(
        page.texts("section.statements tbody th")
            .iter()
            .any(|th| th.starts_with(&scaled.text.nl) && th.ends_with(&hint)),
        "{hint}"
    );

    let response = app
        .client
        .get(app.url(&paths::ROUND_EXPORT_XLSX.with(round.id)))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let bytes = response.bytes().await.unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let sheet = workbook.worksheet_range("Per stelling").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 1 + statements);
    assert_eq!(rows[1][1], Data::String(first.text.nl.clone()));
    let number = |cell: &Data| match cell {
        Data::Float(f) => *f,
        other => panic!("not a number: {other:?}"),
    };
    assert!((number(&rows[1][2]) - 16.0 / 6.0).abs() < 1e-9);
    assert!((number(&rows[1][8]) - 0.4).abs() < 1e-9);
    app.cleanup().await;
}

/// Fewer than five levels on a statement: no mean and no spread, on the page or in the
/// server function; the share of "don't know" still shows from five answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_most_do_not_know_has_no_mean() {
    let app = spawn_app(Backend::Sqlite).await;
    let world = app.staff_world().await;
    let round = app.open_round(world.org_a, "Weinig gekend", 2026).await;
    app.submit_responses(round.id, 4, Some("staff"), "2", None)
        .await;
    app.submit_responses(round.id, 3, Some("staff"), "dont_know", None)
        .await;
    app::staff::rounds::close_and_aggregate(&app.ctx, &round)
        .await
        .unwrap();
    let cookie = app
        .login("coordinator-a@test.be", quickscan_tests::TEST_PASSWORD)
        .await
        .unwrap();
    let (_, page) = app
        .get_as(&cookie, &paths::ROUND_REPORT.with(round.id))
        .await;
    let page = Page::parse(&page);
    let first = &app.ctx.models.current().dimensions[0].statements[0];
    let row = page
        .row_in("section.statements", &first.text.nl)
        .expect("the first statement's row");
    assert_eq!(
        row,
        ["–", "–", "–", "–", "–", "–", "43 %", "0 %"],
        "{row:?}"
    );
    app.cleanup().await;
}
