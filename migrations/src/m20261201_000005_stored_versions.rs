//! Stored aggregates carry a version: the JSON in `round_results.aggregate` and
//! `benchmarks.figures` is wrapped into the envelope `{"version":1,"data":…}` that the
//! application writes from now on, so only one format exists.
//!
//! Plain string concatenation, which SQLite and PostgreSQL both do with `||`. A row that is
//! already an envelope is left alone; a row that was never valid JSON stays invalid, and the
//! application reports it as unreadable like any other.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The envelope's opening, exactly as the application's encoder writes it.
const PREFIX: &str = r#"{"version":1,"data":"#;

/// (table, JSON column) of every stored aggregate.
const STORED: [(&str, &str); 2] = [("round_results", "aggregate"), ("benchmarks", "figures")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column) in STORED {
            db.execute_unprepared(&format!(
                "UPDATE {table} SET {column} = '{PREFIX}' || {column} || '}}' \
                 WHERE {column} NOT LIKE '{PREFIX}%'"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let start = PREFIX.len() + 1;
        let overhead = PREFIX.len() + 1;
        for (table, column) in STORED {
            db.execute_unprepared(&format!(
                "UPDATE {table} SET {column} = \
                 SUBSTR({column}, {start}, LENGTH({column}) - {overhead}) \
                 WHERE {column} LIKE '{PREFIX}%'"
            ))
            .await?;
        }
        Ok(())
    }
}
