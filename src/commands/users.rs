//! `sgz users grant|revoke|list|service-account`: who may use this database.

use crate::cli::UsersCmd;
use crate::commands::Ctx;
use crate::domain::policy::ScorerRole;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;
use crate::io::width::pad;
use crate::store::UserRole;

pub fn users(ctx: &Ctx, cmd: &UsersCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        UsersCmd::List => {
            let _ = ctx.actor(&store)?;
            let service = store.meta("service_account")?;
            let scorers = store.scorer_roles()?;
            // Accounts named in Chinese in pinyin order, not by code point.
            let mut users = store.users()?;
            users.sort_by_cached_key(|(name, _, _)| crate::search::name_order(name));
            for (name, role, scope) in users {
                let scorer = scorers
                    .get(&name)
                    .map(|s| format!(" {}", s.as_str()))
                    .unwrap_or_default();
                crate::show!(
                    "{} {} {}{scorer}",
                    pad(&escape(&name), 16),
                    pad(role.as_str(), 8),
                    escape(scope.as_deref().unwrap_or("*"))
                );
            }
            if let Some(s) = service {
                let account = escape(&s);
                crate::show!(
                    "{}",
                    msg::SERVICE_ACCOUNT_LINE.fill(ctx.lang, &[("account", &account)])
                );
            }
        }
        UsersCmd::Grant {
            name,
            role,
            scope,
            scorer,
        } => {
            let actor = ctx.actor(&store)?;
            let scorer = match scorer {
                None => None,
                Some(s) => Some(ScorerRole::parse(s).ok_or_else(|| {
                    let role = format!("{s:?}");
                    Error::Invalid(
                        crate::i18n::policy::BAD_SCORER.fill(ctx.lang, &[("role", &role)]),
                    )
                })?),
            };
            let role = UserRole::parse(role).ok_or_else(|| {
                let role = format!("{role:?}");
                Error::Invalid(msg::BAD_ROLE.fill(ctx.lang, &[("role", &role)]))
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
            store.grant_with_scorer(&actor, name, role, scope.as_deref(), scorer)?;
            let role = role.as_str();
            let said = match scope {
                Some(scope) => msg::GRANTED.fill(
                    ctx.lang,
                    &[("name", name), ("role", &role), ("scope", scope)],
                ),
                None => msg::GRANTED_EVERYWHERE.fill(ctx.lang, &[("name", name), ("role", &role)]),
            };
            crate::say!("{said}");
        }
        UsersCmd::Revoke { name } => {
            let actor = ctx.actor(&store)?;
            if !store.revoke(&actor, name)? {
                return Err(Error::Invalid(
                    msg::NO_GRANT.fill(ctx.lang, &[("name", name)]),
                ));
            }
            crate::say!("{}", msg::REVOKED.fill(ctx.lang, &[("name", name)]));
        }
        UsersCmd::ServiceAccount { account } => {
            let actor = ctx.actor(&store)?;
            store.set_service_account(&actor, account)?;
            crate::say!(
                "{}",
                msg::SERVICE_ACCOUNT_SET.fill(ctx.lang, &[("account", account)])
            );
        }
    }
    Ok(())
}
