//! Requests that race each other end in a clear answer, never a storage error.

use app::db::peer_group;
use quickscan_tests::{on_both_databases, spawn_app, Backend, TEST_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(one_peer_group_name_created_at_once_gives_one_group_and_clear_refusals);

async fn one_peer_group_name_created_at_once_gives_one_group_and_clear_refusals(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    // Several tries, each with eight requests at once, so the check-then-insert window is hit.
    for attempt in 0..5 {
        let name = format!("Kempen {attempt}");
        let form = [("csrf", csrf.as_str()), ("name", name.as_str())];
        let posts = (0..8).map(|_| app.post_as(&admin, app::paths::PEER_GROUPS.pattern(), &form));
        let mut statuses: Vec<u16> = futures::future::join_all(posts)
            .await
            .into_iter()
            .map(|(status, _, _)| status)
            .collect();
        statuses.sort();
        assert_eq!(statuses, [303, 409, 409, 409, 409, 409, 409, 409], "{name}");
        let groups = peer_group::Entity::find()
            .filter(peer_group::Column::Name.eq(&name))
            .count(&app.ctx.db)
            .await
            .unwrap();
        assert_eq!(groups, 1);
    }
    app.cleanup().await;
}
