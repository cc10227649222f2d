//! Who is running the program: the account of the real uid from the passwd database, never
//! $USER (which anyone can set), and the grant that account (or `--as NAME`, for the service
//! account) has in this database.

use crate::domain::access::{Actor, Denied, UserRole};
use crate::error::{Error, Result};
use crate::i18n::{cli as msg, Lang};
use crate::store::Store;

pub fn os_account() -> Result<String> {
    os_account_in(Lang::default())
}

/// The OS account, a failure worded in `lang`.
pub fn os_account_in(lang: Lang) -> Result<String> {
    let uid = uzers::get_current_uid();
    uzers::get_user_by_uid(uid)
        .and_then(|u| u.name().to_str().map(String::from))
        .ok_or_else(|| Error::Invalid(msg::NO_ACCOUNT.fill(lang, &[("uid", &uid)])))
}

/// The actor for this process: the OS account of the real uid, or `--as NAME` when the real
/// account is the service account recorded in the database. An account with no grant is
/// refused with the names of those who can grant access.
pub fn actor_for(store: &Store, as_user: Option<&str>) -> Result<Actor> {
    actor_for_in(store, as_user, Lang::default())
}

/// `actor_for`, the account lookup's failure worded in `lang` (refusals are structured and
/// worded where they are shown).
pub fn actor_for_in(store: &Store, as_user: Option<&str>, lang: Lang) -> Result<Actor> {
    let real = os_account_in(lang)?;
    let name = match as_user {
        None => real.clone(),
        Some(who) => {
            let service = store.meta("service_account")?;
            if service.as_deref() != Some(real.as_str()) {
                return Err(Error::Denied(Denied::AsNotService { service, real }));
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
            Err(Error::Denied(Denied::NoAccount { name, admins }))
        }
    }
}
