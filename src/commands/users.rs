//! `sgz users grant|revoke|list|service-account`: who may use this database.

use crate::cli::UsersCmd;
use crate::commands::Ctx;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::io::width::pad;
use crate::store::UserRole;

pub fn users(ctx: &Ctx, cmd: &UsersCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        UsersCmd::List => {
            let _ = ctx.actor(&store)?;
            let service = store.meta("service_account")?;
            for (name, role, scope) in store.users()? {
                println!(
                    "{} {} {}",
                    pad(&escape(&name), 16),
                    pad(role.as_str(), 8),
                    escape(scope.as_deref().unwrap_or("*"))
                );
            }
            if let Some(s) = service {
                println!("# service account: {}", escape(&s));
            }
        }
        UsersCmd::Grant { name, role, scope } => {
            let actor = ctx.actor(&store)?;
            let role = UserRole::parse(role).ok_or_else(|| {
                Error::Invalid(format!(
                    "role must be viewer, editor or admin, not {role:?}"
                ))
            })?;
            if let Some(code) = scope {
                let net_tree = store.load_tree()?;
                if net_tree.find(code).is_none() {
                    return Err(Error::UnknownScope {
                        query: code.clone(),
                        hints: vec![],
                    });
                }
            }
            store.grant(&actor, name, role, scope.as_deref())?;
            eprintln!(
                "{name}: {} {}",
                role.as_str(),
                scope.as_deref().unwrap_or("*")
            );
        }
        UsersCmd::Revoke { name } => {
            let actor = ctx.actor(&store)?;
            if !store.revoke(&actor, name)? {
                return Err(Error::Invalid(format!("{name} had no grant")));
            }
            eprintln!("{name}: revoked");
        }
        UsersCmd::ServiceAccount { account } => {
            let actor = ctx.actor(&store)?;
            store.set_service_account(&actor, account)?;
            eprintln!("service account: {account}");
        }
    }
    Ok(())
}
