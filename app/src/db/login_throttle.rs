//! A sign-in counter: attempts in the current window for one account, one client address, or
//! the pair. Only [`crate::auth::throttle`] reads and writes it, with atomic upserts.

use sea_orm::entity::prelude::*;

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttles")]
pub struct Model {
    /// SHA-256 (hex) of what is counted.
    #[sea_orm(primary_key, auto_increment = false)]
    pub counter_key: String,
    /// Seconds since the epoch when the window began.
    pub window_start: i64,
    /// Attempts in the window that have not succeeded.
    pub attempts: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
