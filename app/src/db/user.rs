//! A staff account: coordinator, advisor or association admin.

use sea_orm::entity::prelude::*;

use crate::auth::Role;

/// A staff user's role as stored; the application works with [`Role`].
///
/// The codes are [`Role::code`]'s; a stored value that is none of them is a database error
/// when the row is read (never a silent default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum StoredRole {
    /// [`Role::Coordinator`].
    #[sea_orm(string_value = "coordinator")]
    Coordinator,
    /// [`Role::Advisor`].
    #[sea_orm(string_value = "advisor")]
    Advisor,
    /// [`Role::Admin`].
    #[sea_orm(string_value = "admin")]
    Admin,
}

impl From<StoredRole> for Role {
    fn from(role: StoredRole) -> Self {
        match role {
            StoredRole::Coordinator => Role::Coordinator,
            StoredRole::Advisor => Role::Advisor,
            StoredRole::Admin => Role::Admin,
        }
    }
}

impl From<Role> for StoredRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Coordinator => StoredRole::Coordinator,
            Role::Advisor => StoredRole::Advisor,
            Role::Admin => StoredRole::Admin,
        }
    }
}

/// One staff user.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lowercased; unique.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Coordinator, advisor or admin; see [`Role`].
    pub role: StoredRole,
    /// The coordinator's organisation.
    pub organisation_id: Option<i32>,
    pub created_at: DateTimeUtc,
    /// False once deactivated: the account cannot sign in and has no sessions.
    pub active: bool,
    /// The last successful sign-in.
    pub last_login_at: Option<DateTimeUtc>,
}

impl Model {
    /// Whether the account has set its password (through its activation link).
    pub fn is_activated(&self) -> bool {
        !self.password_hash.is_empty()
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
    fn stored_roles_are_the_role_codes() {
        for role in Role::ALL {
            let stored = StoredRole::from(role);
            assert_eq!(stored.to_value(), role.code());
            assert_eq!(Role::from(stored), role);
        }
        assert_eq!(StoredRole::iter().count(), Role::ALL.len());
        assert!(StoredRole::try_from_value(&"root".to_owned()).is_err());
    }
}
