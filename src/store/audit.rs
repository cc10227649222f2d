//! The audit trail: what a write records (`AuditEntry`), how it is written (in the
//! transaction of the change), and how it is read back (`AuditRow`, `Store::audit`).

use chrono::Utc;
use rusqlite::{params, Transaction};

use super::Store;
use crate::error::Result;

/// One audited change.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// What was done: `grant`, `save_scores`, `set_status`, `import_staff`...
    pub action: String,
    /// The kind of thing changed: `user`, `staff`, `evaluation`, `meta`...
    pub entity: String,
    /// Which one, as text (an id, a name or a code).
    pub entity_id: String,
    /// The division code the change falls under.
    pub scope: Option<String>,
    /// The field changed, when the entry records one value.
    pub field: Option<String>,
    /// The value before.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
}

impl AuditEntry {
    /// An entry with no scope and no field change.
    pub fn new(action: &str, entity: &str, entity_id: impl ToString) -> AuditEntry {
        AuditEntry {
            action: action.into(),
            entity: entity.into(),
            entity_id: entity_id.to_string(),
            scope: None,
            field: None,
            old: None,
            new: None,
        }
    }
    /// Set the division code the change falls under.
    pub fn scope(mut self, s: &str) -> Self {
        self.scope = Some(s.to_string());
        self
    }
    /// Record one field's change from `old` to `new`.
    pub fn change(mut self, field: &str, old: Option<String>, new: Option<String>) -> Self {
        self.field = Some(field.into());
        self.old = old;
        self.new = new;
        self
    }
}

/// One row of the audit trail as stored: an `AuditEntry` with its id, time and user.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditRow {
    /// Row id; later changes have larger ids.
    pub id: i64,
    /// When, as UTC text (`2026-03-01T08:00:00.000Z`).
    pub at: String,
    /// The account that made the change.
    pub user: String,
    /// What was done: `grant`, `save_scores`, `set_status`, `import_staff`...
    pub action: String,
    /// The kind of thing changed: `user`, `staff`, `evaluation`, `meta`...
    pub entity: String,
    /// Which one, as text (an id, a name or a code).
    pub entity_id: String,
    /// The division code the change falls under, for filtering by scope.
    pub scope: Option<String>,
    /// The field changed, when the row records one value.
    pub field: Option<String>,
    /// The value before.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
}

/// Now, as the audit trail and the `updated_at` columns write it.
pub(crate) fn now_stamp() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Write a change's entries, all stamped with the same time and user.
pub(crate) fn write_audit(tx: &Transaction, user: &str, entries: &[AuditEntry]) -> Result<()> {
    let at = now_stamp();
    let mut st = tx.prepare_cached(
        "INSERT INTO audit (at, user, action, entity, entity_id, scope, field, old, new)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in entries {
        st.execute(params![
            at,
            user,
            e.action,
            e.entity,
            e.entity_id,
            e.scope,
            e.field,
            e.old,
            e.new
        ])?;
    }
    Ok(())
}

impl Store {
    /// The newest audit rows first, filtered by start time, user and scope prefix.
    pub fn audit(
        &self,
        since: Option<&str>,
        user: Option<&str>,
        scope: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AuditRow>> {
        let mut st = self.conn.prepare(
            "SELECT id, at, user, action, entity, entity_id, scope, field, old, new FROM audit
             WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR user = ?2)
               AND (?3 IS NULL OR scope LIKE ?3 || '%')
             ORDER BY id DESC LIMIT ?4",
        )?;
        let rows = st.query_map(params![since, user, scope, limit as i64], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                scope: r.get(6)?,
                field: r.get(7)?,
                old: r.get(8)?,
                new: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
