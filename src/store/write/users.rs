//! Grants, revocations and the service account.

use rusqlite::{params, OptionalExtension};

use super::{now_stamp, Actor, AuditEntry, Check, UserRole};
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
            let old: Option<(String, Option<String>)> = tx
                .query_row("SELECT role, scope FROM users WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            tx.execute(
                "INSERT INTO users (name, role, scope, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(name) DO UPDATE SET role = excluded.role, scope = excluded.scope,
                 granted_by = excluded.granted_by, granted_at = excluded.granted_at",
                params![name, role.as_str(), scope, actor.name, now_stamp()],
            )?;
            let fmt = |r: &str, s: &Option<String>| format!("{r} {}", s.as_deref().unwrap_or("*"));
            let audit = AuditEntry::new("grant", "user", name).change(
                "role",
                old.map(|(r, s)| fmt(&r, &s)),
                Some(fmt(role.as_str(), &scope.map(String::from))),
            );
            Ok(((), vec![audit]))
        })
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
