//! A staff member's own account: changing the password.

use quickscan_domain::password::check_new_password;

use super::StaffError;
use crate::auth::service::{is_current_password, replace_password};
use crate::auth::StaffUser;
use crate::server_context::ServerContext;

/// What the password form posts.
pub struct PasswordChange<'a> {
    /// The password now.
    pub current: &'a str,
    /// The new one.
    pub new: &'a str,
    /// The new one again.
    pub again: &'a str,
}

/// Changes the signed-in user's password and ends every other session of the account (a
/// stolen session dies with the old password); `session_token` is the one making the change,
/// which stays signed in. Nothing changes unless the current password is right, the new one
/// meets the rule and both new ones are the same.
pub async fn change_password(
    ctx: &ServerContext,
    user: &StaffUser,
    session_token: &str,
    change: PasswordChange<'_>,
) -> Result<(), StaffError> {
    if !is_current_password(&ctx.db, user.id, change.current).await? {
        return Err(StaffError::WrongCurrentPassword);
    }
    check_new_password(change.new, &user.email).map_err(StaffError::NewPassword)?;
    if change.new != change.again {
        return Err(StaffError::PasswordsDiffer);
    }
    replace_password(&ctx.db, user.id, change.new, session_token).await?;
    Ok(())
}
