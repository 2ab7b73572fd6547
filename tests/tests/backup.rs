//! Backups: `server backup` copies a SQLite database consistently while the server writes to
//! it, and the copy restores; PostgreSQL's documented pg_dump / pg_restore round trip works.

use app::db::{organisation, round};
use app::paths;
use quickscan_tests::{postgres_admin_url, spawn_app, spawn_app_with, Backend, TEST_PASSWORD};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, Set, Statement,
};
use server::backup::{backup, BackupError};

/// Opens a round named `name` for the first organisation.
async fn open_round(db: &impl ConnectionTrait, organisation_id: i32, name: String) {
    round::ActiveModel {
        organisation_id: Set(organisation_id),
        model_version_id: Set("quickscan-2026".to_owned()),
        name: Set(name),
        year: Set(2026),
        status: Set(round::RoundStatus::Open),
        opened_at: Set(chrono::Utc::now()),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert a round");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_taken_while_writing_is_consistent_and_restores() {
    let app = spawn_app(Backend::Sqlite).await;
    app.staff_world().await;
    let db = app.ctx.db.clone();
    let organisation_id = organisation::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let before = round::Entity::find().count(&db).await.unwrap();
    // Writers keep adding rounds while the backup runs.
    let writer = {
        let db = db.clone();
        tokio::spawn(async move {
            for n in 0..200 {
                open_round(&db, organisation_id, format!("Tijdens de back-up {n}")).await;
            }
        })
    };
    let dir = std::env::temp_dir().join(format!("qs-backup-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("quickscan-backup.sqlite");
    backup(&app.database_url, &file).await.expect("the backup");
    writer.await.unwrap();
    assert!(matches!(
        backup(&app.database_url, &file).await,
        Err(BackupError::Exists(_))
    ));

    // The copy is one moment of the database: every round before it, some of those written
    // during it, none half-written, and no row pointing nowhere.
    let copy = Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .unwrap();
    let copied = round::Entity::find().count(&copy).await.unwrap();
    let after = round::Entity::find().count(&db).await.unwrap();
    assert!(
        (before..=after).contains(&copied),
        "{before} ≤ {copied} ≤ {after}"
    );
    let dangling = copy
        .query_all_raw(Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await
        .unwrap();
    assert!(dangling.is_empty(), "no row points nowhere");
    copy.close().await.unwrap();

    // Restore: a server started on the copy has the data and its accounts.
    let restored_url = format!("sqlite://{}?mode=rwc", file.display());
    let restored = spawn_app_with(Backend::Sqlite, |config| {
        config.database_url = restored_url.clone();
    })
    .await;
    assert_eq!(
        round::Entity::find().count(&restored.ctx.db).await.unwrap(),
        copied
    );
    let cookie = restored
        .login("admin@test.be", TEST_PASSWORD)
        .await
        .expect("the admin signs in on the restored database");
    assert_eq!(
        restored.get_as(&cookie, paths::DASHBOARD.pattern()).await.0,
        200
    );
    restored.cleanup().await;
    app.cleanup().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn backup_of_postgres_points_to_its_own_tools() {
    let answer = backup(
        "postgres://postgres@127.0.0.1:5432/test",
        std::path::Path::new("/tmp/never-written.sqlite"),
    )
    .await;
    assert!(matches!(answer, Err(BackupError::Postgres)));
    assert!(!std::path::Path::new("/tmp/never-written.sqlite").exists());
}

/// Runs a PostgreSQL client tool, failing the test with its output if it fails.
fn run(tool: &str, args: &[&str]) {
    let output = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (postgresql-client): {e}"));
    assert!(
        output.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_postgres_dump_and_restore_round_trip() {
    let app = spawn_app(Backend::Postgres).await;
    app.staff_world().await;
    let rounds = round::Entity::find().count(&app.ctx.db).await.unwrap();
    let dump = std::env::temp_dir().join(format!("qs-pg-{}.dump", rand::random::<u64>()));
    let dump_path = dump.display().to_string();
    // Exactly the README's commands.
    run("pg_dump", &["-Fc", "-f", &dump_path, &app.database_url]);
    let name = format!("qs_test_restored_{}", rand::random::<u32>());
    let admin_url = postgres_admin_url();
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    let restored_url = format!("{server}/{name}");
    let admin = Database::connect(&admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    run(
        "pg_restore",
        &[
            "--clean",
            "--if-exists",
            "--no-owner",
            "-d",
            &restored_url,
            &dump_path,
        ],
    );
    let restored = spawn_app_with(Backend::Sqlite, |config| {
        config.database_url = restored_url.clone();
    })
    .await;
    assert_eq!(
        round::Entity::find().count(&restored.ctx.db).await.unwrap(),
        rounds
    );
    let cookie = restored
        .login("admin@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        restored.get_as(&cookie, paths::DASHBOARD.pattern()).await.0,
        200
    );
    restored.cleanup().await;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
    app.cleanup().await;
    let _ = std::fs::remove_file(dump);
}
