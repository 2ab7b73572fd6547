//! An organisation taking part: a municipality, city, public welfare centre, province or agency.

use quickscan_domain::OrganisationKind;
use sea_orm::entity::prelude::*;

/// An organisation's kind as stored; the application works with [`OrganisationKind`].
///
/// The codes are [`OrganisationKind::code`]'s; a stored value that is none of them is a
/// database error when the row is read (never a silent default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum StoredKind {
    /// [`OrganisationKind::Municipality`].
    #[sea_orm(string_value = "municipality")]
    Municipality,
    /// [`OrganisationKind::City`].
    #[sea_orm(string_value = "city")]
    City,
    /// [`OrganisationKind::WelfareCentre`].
    #[sea_orm(string_value = "welfare_centre")]
    WelfareCentre,
    /// [`OrganisationKind::Province`].
    #[sea_orm(string_value = "province")]
    Province,
    /// [`OrganisationKind::Agency`].
    #[sea_orm(string_value = "agency")]
    Agency,
}

impl From<StoredKind> for OrganisationKind {
    fn from(kind: StoredKind) -> Self {
        match kind {
            StoredKind::Municipality => OrganisationKind::Municipality,
            StoredKind::City => OrganisationKind::City,
            StoredKind::WelfareCentre => OrganisationKind::WelfareCentre,
            StoredKind::Province => OrganisationKind::Province,
            StoredKind::Agency => OrganisationKind::Agency,
        }
    }
}

impl From<OrganisationKind> for StoredKind {
    fn from(kind: OrganisationKind) -> Self {
        match kind {
            OrganisationKind::Municipality => StoredKind::Municipality,
            OrganisationKind::City => StoredKind::City,
            OrganisationKind::WelfareCentre => StoredKind::WelfareCentre,
            OrganisationKind::Province => StoredKind::Province,
            OrganisationKind::Agency => StoredKind::Agency,
        }
    }
}

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
    /// Municipality, city, welfare centre, province or agency; see [`OrganisationKind`].
    pub kind: StoredKind,
    pub province: String,
    pub population: i32,
    /// False once the organisation stopped taking part: its history stays, it opens no new
    /// rounds and counts in no benchmark computed from then on.
    pub active: bool,
}

impl Model {
    /// The organisation's kind.
    pub fn kind(&self) -> OrganisationKind {
        self.kind.into()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};

    #[test]
    fn stored_kinds_are_the_kind_codes() {
        for kind in OrganisationKind::ALL {
            let stored = StoredKind::from(kind);
            assert_eq!(stored.to_value(), kind.code());
            assert_eq!(OrganisationKind::from(stored), kind);
        }
        assert_eq!(StoredKind::iter().count(), OrganisationKind::ALL.len());
        assert!(StoredKind::try_from_value(&"club".to_owned()).is_err());
    }
}
