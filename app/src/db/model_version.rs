//! A maturity model version that answers refer to.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;

/// One model version, as loaded from its file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_versions")]
pub struct Model {
    /// The model's id (e.g. `quickscan-2026`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub title: String,
    /// SHA-256 of the model file, to notice a published model being edited in place.
    pub content_hash: String,
    pub loaded_at: DateTimeUtc,
}

/// Serialises the writers of stored benchmarks: a round closing in a model version's cohort,
/// or every cohort recomputed (`model` `None`). Two closers at once would each read the cohort
/// without the other's result, and the later write would drop the earlier one.
///
/// It is a no-op write on the model version's row, which holds it until the transaction ends:
/// on PostgreSQL a row lock (the second writer's reads, made after the wait, see the first
/// one's result under read committed); on SQLite the database's one write lock, taken by the
/// first statement so that a deferred transaction never has to upgrade from reading.
pub async fn serialise_benchmark_writers(
    txn: &impl ConnectionTrait,
    model: Option<&str>,
) -> Result<(), DbErr> {
    let mut update = Entity::update_many().col_expr(Column::Title, Expr::col(Column::Title));
    if let Some(model) = model {
        update = update.filter(Column::Id.eq(model));
    }
    update.exec(txn).await?;
    Ok(())
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
