//! Who is running the program: the account of the real uid from the passwd database, never
//! $USER (which anyone can set), and the grant that account (or `--as NAME`, for the service
//! account) has in this database.

use crate::domain::access::{Actor, UserRole};
use crate::error::{Error, Result};
use crate::store::Store;

pub fn os_account() -> Result<String> {
    let uid = uzers::get_current_uid();
    uzers::get_user_by_uid(uid)
        .and_then(|u| u.name().to_str().map(String::from))
        .ok_or_else(|| Error::Invalid(format!("uid {uid} has no entry in the passwd database")))
}

/// The actor for this process: the OS account of the real uid, or `--as NAME` when the real
/// account is the service account recorded in the database. An account with no grant is
/// refused with the names of those who can grant access.
pub fn actor_for(store: &Store, as_user: Option<&str>) -> Result<Actor> {
    let real = crate::commands::os_account()?;
    let name = match as_user {
        None => real.clone(),
        Some(who) => {
            let service = store.meta("service_account")?;
            if service.as_deref() != Some(real.as_str()) {
                return Err(Error::Denied(format!(
                    "--as is honoured only for the service account ({}); you are {real}",
                    service.as_deref().unwrap_or("none recorded")
                )));
            }
            who.to_string()
        }
    };
    match store.user(&name)? {
        Some((role, scope)) => Ok(Actor { name, role, scope }),
        None => {
            let admins: Vec<String> = store
                .users()?
                .into_iter()
                .filter(|u| u.1 == UserRole::Admin)
                .map(|u| u.0)
                .collect();
            Err(Error::Denied(format!(
                "{name} has no access to this database; ask an admin ({}) to run `sgz users grant {name} viewer|editor CODE`",
                if admins.is_empty() { "none recorded".to_string() } else { admins.join(", ") }
            )))
        }
    }
}
