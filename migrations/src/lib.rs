//! QuickScan's database schema as sea-orm migrations, run at start-up on SQLite and PostgreSQL.
//!
//! Migrations never import entities: the schema of a past migration must not change when an
//! entity does. Foreign keys are declared inside `create_table` because SQLite cannot add
//! them afterwards.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_initial;
mod m20261123_000002_staff;
mod m20261123_000003_benchmarks;
mod m20261124_000004_imports;
mod m20261201_000005_stored_versions;
mod m20261201_000006_hashed_invitation_tokens;
mod m20261201_000007_open_links;
mod m20261201_000008_invitation_mails;
mod m20261201_000009_sign_in_limits;
mod m20261201_000010_organisation_active;
mod m20261201_000011_account_links;
mod m20261201_000012_audit_events;
mod m20261202_000013_action_plans;
mod m20261204_000014_result_summaries;

/// Runs QuickScan's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_initial::Migration),
            Box::new(m20261123_000002_staff::Migration),
            Box::new(m20261123_000003_benchmarks::Migration),
            Box::new(m20261124_000004_imports::Migration),
            Box::new(m20261201_000005_stored_versions::Migration),
            Box::new(m20261201_000006_hashed_invitation_tokens::Migration),
            Box::new(m20261201_000007_open_links::Migration),
            Box::new(m20261201_000008_invitation_mails::Migration),
            Box::new(m20261201_000009_sign_in_limits::Migration),
            Box::new(m20261201_000010_organisation_active::Migration),
            Box::new(m20261201_000011_account_links::Migration),
            Box::new(m20261201_000012_audit_events::Migration),
            Box::new(m20261202_000013_action_plans::Migration),
            Box::new(m20261204_000014_result_summaries::Migration),
        ]
    }
}
