//! Who may do what: the acting account and its grant.

use crate::error::{Error, Result};
use crate::store::{Actor, Store, UserRole};

/// The actor for this process: the OS account of the real uid, or `--as NAME` when the real
/// account is the service account recorded in the database. An account with no grant is
/// refused with the names of those who can grant access.
pub fn actor_for(store: &Store, as_user: Option<&str>) -> Result<Actor> {
    let real = crate::identity::os_account()?;
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
