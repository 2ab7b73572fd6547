//! Admin-defined peer groups and stored benchmark figures per cohort and group.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PeerGroups {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum PeerGroupMembers {
    Table,
    Id,
    PeerGroupId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Benchmarks {
    Table,
    Id,
    ModelVersionId,
    Year,
    GroupKey,
    Figures,
    ComputedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PeerGroups::Table)
                    .col(pk_auto(PeerGroups::Id))
                    .col(string_uniq(PeerGroups::Name))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PeerGroupMembers::Table)
                    .col(pk_auto(PeerGroupMembers::Id))
                    .col(integer(PeerGroupMembers::PeerGroupId))
                    .col(integer(PeerGroupMembers::OrganisationId))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(PeerGroupMembers::Table, PeerGroupMembers::PeerGroupId)
                            .to(PeerGroups::Table, PeerGroups::Id)
                            .on_delete(ForeignKeyAction::Cascade)
                            .take(),
                    )
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(PeerGroupMembers::Table, PeerGroupMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade)
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("peer_group_members_unique")
                    .table(PeerGroupMembers::Table)
                    .col(PeerGroupMembers::PeerGroupId)
                    .col(PeerGroupMembers::OrganisationId)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Benchmarks::Table)
                    .col(pk_auto(Benchmarks::Id))
                    .col(string(Benchmarks::ModelVersionId))
                    .col(integer(Benchmarks::Year))
                    .col(string(Benchmarks::GroupKey))
                    .col(text(Benchmarks::Figures))
                    .col(timestamp_with_time_zone(Benchmarks::ComputedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("benchmarks_one_per_cohort_group")
                    .table(Benchmarks::Table)
                    .col(Benchmarks::ModelVersionId)
                    .col(Benchmarks::Year)
                    .col(Benchmarks::GroupKey)
                    .unique()
                    .take(),
            )
            .await
    }
}
