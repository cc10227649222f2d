//! Who is running the program: the account of the real uid from the passwd database, never
//! $USER (which anyone can set).

use crate::error::{Error, Result};

pub fn os_account() -> Result<String> {
    let uid = uzers::get_current_uid();
    uzers::get_user_by_uid(uid)
        .and_then(|u| u.name().to_str().map(String::from))
        .ok_or_else(|| Error::Invalid(format!("uid {uid} has no entry in the passwd database")))
}
