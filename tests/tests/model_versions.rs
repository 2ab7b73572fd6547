//! The admin's page of loaded model versions, and the setting that picks the one new rounds use.

use app::paths;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TEST_PASSWORD};

on_both_databases!(the_admin_sees_the_loaded_models_and_which_one_new_rounds_use);

async fn the_admin_sees_the_loaded_models_and_which_one_new_rounds_use(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let (status, dashboard) = app.get_as(&admin, paths::DASHBOARD.pattern()).await;
    assert_eq!(status, 200);
    assert!(Page::parse(&dashboard)
        .attrs("main a", "href")
        .contains(&paths::MODEL_VERSIONS.pattern().to_owned()));
    let (status, page) = app.get_as(&admin, paths::MODEL_VERSIONS.pattern()).await;
    assert_eq!(status, 200);
    let model = app.ctx.models.current();
    let row = Page::parse(&page)
        .row_in("table.model-versions", &model.id)
        .expect("a row for the loaded model");
    assert_eq!(
        row,
        [
            model.title.nl.clone(),
            model.dimensions.len().to_string(),
            model.statement_count().to_string(),
            "Nederlands, English, Français".to_owned(),
            "gebruikt voor nieuwe rondes".to_owned(),
        ]
    );
    for other in ["coordinator-a@test.be", "advisor-a@test.be"] {
        let cookie = app.login(other, TEST_PASSWORD).await.unwrap();
        let (status, page) = app.get_as(&cookie, paths::MODEL_VERSIONS.pattern()).await;
        assert_eq!(status, 403, "{other}");
        assert!(!page.contains(&model.id), "{other} sees no model list");
        let (_, dashboard) = app.get_as(&cookie, paths::DASHBOARD.pattern()).await;
        assert!(!dashboard.contains(paths::MODEL_VERSIONS.pattern()));
    }
    app.cleanup().await;
}
