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

/// The filter for closed rounds.
pub fn is_closed() -> SimpleExpr {
    Column::Status.eq(RoundStatus::Closed)
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
