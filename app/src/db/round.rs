//! A scan round: one organisation answering one model version in one period.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::SimpleExpr;

/// Whether a round is open. This is the one source of truth for "closed": `closed_at` only
/// records when the round closed, and no reader decides openness from it.
///
/// The codes are the ones stored since the first migration; a stored value that is neither is
/// a database error when the row is read (never a silent default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum RoundStatus {
    /// Respondents may answer.
    #[sea_orm(string_value = "open")]
    Open,
    /// The round accepts no answers; its aggregate is stored.
    #[sea_orm(string_value = "closed")]
    Closed,
}

/// One scan round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub model_version_id: String,
    pub name: String,
    pub year: i32,
    /// Open or closed: the truth; see [`RoundStatus`].
    pub status: RoundStatus,
    pub opened_at: DateTimeUtc,
    /// When the round closed (set together with the status); not a state of its own.
    pub closed_at: Option<DateTimeUtc>,
}

impl Model {
    /// Whether respondents may still answer.
    pub fn is_open(&self) -> bool {
        self.status == RoundStatus::Open
    }
}

/// The filter for open rounds, the query-side twin of [`Model::is_open`].
pub fn is_open() -> SimpleExpr {
    Column::Status.eq(RoundStatus::Open)
}

/// Holds an open round open until the caller's transaction ends, or answers `false` when the
/// round is closed (or absent). Every write that belongs in an open round (a save, a submit,
/// an import) calls this inside its transaction, after its first write:
///
/// - On PostgreSQL the row is locked `FOR SHARE`. A close (`UPDATE … status`) waits for the
///   writes that hold it, and a write that comes after a close began waits for it to commit
///   and then finds the round closed. So a close reads every submit that was acknowledged, and
///   nothing is acknowledged once it has read.
/// - SQLite has one writer at a time and ignores row locks: after the caller's first write the
///   transaction holds the database's write lock, so the status read here cannot change before
///   it commits. (Called before any write, a deferred transaction could fail to upgrade.)
pub async fn hold_open(txn: &impl ConnectionTrait, round_id: i32) -> Result<bool, DbErr> {
    use sea_orm::QuerySelect;
    Ok(Entity::find_by_id(round_id)
        .filter(is_open())
        .lock_shared()
        .one(txn)
        .await?
        .is_some())
}

/// The filter for closed rounds.
pub fn is_closed() -> SimpleExpr {
    Column::Status.eq(RoundStatus::Closed)
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
