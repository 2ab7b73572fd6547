//! Spreadsheet imports: each upload with its dry-run result and, once confirmed, what it
//! wrote; and a key on invitations so a re-import replaces the same respondent's answers.

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
enum Rounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    RoundId,
    ImportKey,
}

#[derive(DeriveIden)]
enum ImportUploads {
    Table,
    Id,
    OrganisationId,
    UploadedBy,
    FileName,
    ContentHash,
    ByteSize,
    Validated,
    CreatedAt,
    AppliedAt,
    RoundId,
    RespondentsWritten,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .add_column(string_null(Invitations::ImportKey))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("invitations_one_per_import_key")
                    .table(Invitations::Table)
                    .col(Invitations::RoundId)
                    .col(Invitations::ImportKey)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportUploads::Table)
                    .col(pk_auto(ImportUploads::Id))
                    .col(integer(ImportUploads::OrganisationId))
                    // The staff user who uploaded; empty for the command line.
                    .col(integer_null(ImportUploads::UploadedBy))
                    .col(string(ImportUploads::FileName))
                    .col(string(ImportUploads::ContentHash))
                    .col(big_integer(ImportUploads::ByteSize))
                    // The dry run's result as JSON: the preview renders from it and the
                    // confirmation writes exactly what the preview showed.
                    .col(text(ImportUploads::Validated))
                    .col(timestamp_with_time_zone(ImportUploads::CreatedAt))
                    .col(timestamp_with_time_zone_null(ImportUploads::AppliedAt))
                    .col(integer_null(ImportUploads::RoundId))
                    .col(integer_null(ImportUploads::RespondentsWritten))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(ImportUploads::Table, ImportUploads::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade)
                            .take(),
                    )
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(ImportUploads::Table, ImportUploads::RoundId)
                            .to(Rounds::Table, Rounds::Id)
                            .on_delete(ForeignKeyAction::SetNull)
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("import_uploads_by_hash")
                    .table(ImportUploads::Table)
                    .col(ImportUploads::OrganisationId)
                    .col(ImportUploads::ContentHash)
                    .take(),
            )
            .await
    }
}
