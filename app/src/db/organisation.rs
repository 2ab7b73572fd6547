//! An organisation taking part: a municipality, city, public welfare centre, province or agency.

use sea_orm::entity::prelude::*;

/// One organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The NIS code (e.g. `12025` for Mechelen); unique.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// municipality, city, welfare_centre, province or agency.
    pub kind: String,
    pub province: String,
    pub population: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
