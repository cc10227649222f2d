//! Grants, revocations and the service account.

use rusqlite::{params, OptionalExtension};

use super::{now_stamp, Actor, AuditEntry, Check, UserRole};
use crate::domain::policy::ScorerRole;
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

impl Store {
    /// Grant a role. The first grant on an empty users table needs no admin (bootstrap).
    pub fn grant(
        &mut self,
        actor: &Actor,
        name: &str,
        role: UserRole,
        scope: Option<&str>,
    ) -> Result<()> {
        self.grant_with_scorer(actor, name, role, scope, None)
    }

    /// Grant a role that carries a scorer role (or none): on a scheme split among scorers the
    /// account fills only its part. A grant without one clears it.
    pub fn grant_with_scorer(
        &mut self,
        actor: &Actor,
        name: &str,
        role: UserRole,
        scope: Option<&str>,
        scorer: Option<ScorerRole>,
    ) -> Result<()> {
        self.ensure_writable()?;
        let any: i64 = self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        if role == UserRole::Editor && scope.is_none() {
            return Err(Error::Refused(Refusal::EditorNeedsScope));
        }
        let check = if any > 0 {
            Check::Admin
        } else {
            Check::Bootstrap
        };
        self.write(actor, check, |tx| {
            let old: Option<(String, Option<String>, Option<String>)> = tx
                .query_row("SELECT role, scope, scorer FROM users WHERE name = ?1", [name], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let scorer = scorer.map(|s| s.as_str().to_string());
            tx.execute(
                "INSERT INTO users (name, role, scope, granted_by, granted_at, scorer) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(name) DO UPDATE SET role = excluded.role, scope = excluded.scope,
                 granted_by = excluded.granted_by, granted_at = excluded.granted_at, scorer = excluded.scorer",
                params![name, role.as_str(), scope, actor.name, now_stamp(), scorer],
            )?;
            let old_scorer = old.as_ref().and_then(|o| o.2.clone());
            let old = old.map(|(r, s, _)| (r, s));
            let fmt = |r: &str, s: &Option<String>| format!("{r} {}", s.as_deref().unwrap_or("*"));
            let audit = AuditEntry::new("grant", "user", name).change(
                "role",
                old.map(|(r, s)| fmt(&r, &s)),
                Some(fmt(role.as_str(), &scope.map(String::from))),
            );
            let mut entries = vec![audit];
            if old_scorer != scorer {
                entries.push(AuditEntry::new("grant", "user", name).change("scorer", old_scorer, scorer));
            }
            Ok(((), entries))
        })
    }

    /// The scorer role of each account that has one.
    pub fn scorer_roles(&self) -> Result<std::collections::BTreeMap<String, ScorerRole>> {
        let mut st = self
            .conn
            .prepare("SELECT name, scorer FROM users WHERE scorer IS NOT NULL")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::BTreeMap::new();
        for r in rows {
            let (n, s) = r?;
            if let Some(s) = ScorerRole::parse(&s) {
                out.insert(n, s);
            }
        }
        Ok(out)
    }

    /// Remove a user's grant (admin only); false when there was none.
    pub fn revoke(&mut self, actor: &Actor, name: &str) -> Result<bool> {
        self.write(actor, Check::Admin, |tx| {
            let n = tx.execute("DELETE FROM users WHERE name = ?1", [name])?;
            Ok((
                n > 0,
                vec![AuditEntry::new("revoke", "user", name).change("role", None, None)],
            ))
        })
    }

    /// Name the service account whose `--as` is honoured (admin only).
    pub fn set_service_account(&mut self, actor: &Actor, account: &str) -> Result<()> {
        self.write(actor, Check::Admin, |tx| {
            let old: Option<String> = tx
                .query_row(
                    "SELECT value FROM meta WHERE key = 'service_account'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('service_account', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [account],
            )?;
            Ok((
                (),
                vec![
                    AuditEntry::new("service_account", "meta", "service_account").change(
                        "value",
                        old,
                        Some(account.into()),
                    ),
                ],
            ))
        })
    }
}
