//! An uploaded spreadsheet: its dry run, and what it wrote once confirmed.

use sea_orm::entity::prelude::*;

/// One upload.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_uploads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// The staff user who uploaded; `None` for the command line.
    pub uploaded_by: Option<i32>,
    pub file_name: String,
    /// SHA-256 of the file, hex: the same file imported twice changes nothing the second time.
    pub content_hash: String,
    pub byte_size: i64,
    /// The dry run (`quickscan_domain::import::Validated`) as JSON.
    pub validated: String,
    pub created_at: DateTimeUtc,
    pub applied_at: Option<DateTimeUtc>,
    pub round_id: Option<i32>,
    pub respondents_written: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
