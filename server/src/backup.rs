//! `server backup PATH`: a consistent copy of the SQLite database, taken while the server runs.
//!
//! SQLite's `VACUUM INTO` reads the database inside one read transaction, so the copy is the
//! database as it was at one moment, whatever writers do meanwhile, and it is compact and
//! self-contained (no `-wal` file beside it). The copy is checked with `PRAGMA
//! integrity_check` before the command reports success. To restore, stop the server, put
//! the copy where `DATABASE_URL` points (removing any `-wal` and `-shm` files there) and start
//! it again. PostgreSQL is backed up with its own tools (`pg_dump -Fc`, `pg_restore`; see the
//! README), which this command says rather than half-doing it.

use std::path::Path;

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use thiserror::Error;

/// Why a backup was not made.
#[derive(Debug, Error)]
pub enum BackupError {
    /// The target exists already; a backup never overwrites.
    #[error("{0} exists already; choose a new file name")]
    Exists(String),
    /// The database is PostgreSQL.
    #[error(
        "DATABASE_URL is PostgreSQL: back it up with `pg_dump -Fc -f FILE DATABASE_URL` and \
         restore into an empty database with `pg_restore --clean --if-exists --no-owner -d DATABASE_URL FILE`"
    )]
    Postgres,
    /// The copy was made but does not check out.
    #[error("the copy at {path} failed its integrity check: {answer}")]
    Corrupt {
        /// The copy.
        path: String,
        /// What `integrity_check` said.
        answer: String,
    },
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// Copies the SQLite database at `database_url` to `target` (a new file) and checks the copy.
pub async fn backup(database_url: &str, target: &Path) -> Result<(), BackupError> {
    if !database_url.starts_with("sqlite:") {
        return Err(BackupError::Postgres);
    }
    let shown = target.display().to_string();
    if target.exists() {
        return Err(BackupError::Exists(shown));
    }
    let db = Database::connect(database_url).await?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [shown.clone().into()],
    ))
    .await?;
    db.close().await?;
    let copy = Database::connect(format!("sqlite://{shown}?mode=ro")).await?;
    let answer: String = copy
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .map(|row| row.try_get_by_index(0))
        .transpose()?
        .unwrap_or_default();
    copy.close().await?;
    if answer != "ok" {
        return Err(BackupError::Corrupt {
            path: shown,
            answer,
        });
    }
    Ok(())
}
