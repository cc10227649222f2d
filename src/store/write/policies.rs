//! Policy profiles kept in the database: every version of an id as the TOML text imported.

use rusqlite::{params, OptionalExtension};

use super::{now_stamp, Actor, AuditEntry, Check};
use crate::error::Result;
use crate::store::Store;

/// One stored version of a policy profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    /// The profile's id (its `id` field).
    pub id: String,
    /// 1 for the first import of the id, one more for each later one.
    pub version: i64,
    /// The TOML text as imported.
    pub toml: String,
    /// When it was imported.
    pub imported_at: String,
    /// Who imported it.
    pub imported_by: String,
}

/// What `import_policy` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyImport {
    /// The version the text was stored as.
    pub version: i64,
    /// The version it supersedes: 0 for the built-in profile of that id, None for a new id.
    pub previous: Option<i64>,
    /// Evaluations moved to the previous version's template (`id@previous`).
    pub kept: usize,
}

impl Store {
    /// Every stored version of every policy, by id then version. A database of an older
    /// schema opened read-only (no migration) has none.
    pub fn stored_policies(&self) -> Result<Vec<StoredPolicy>> {
        let table: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'policies'",
            [],
            |r| r.get(0),
        )?;
        if table == 0 {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(
            "SELECT id, version, toml, imported_at, imported_by FROM policies ORDER BY id, version",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoredPolicy {
                id: r.get(0)?,
                version: r.get(1)?,
                toml: r.get(2)?,
                imported_at: r.get(3)?,
                imported_by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Store `toml` (already validated by the caller) as the next version of policy `id`
    /// (admin only, audited). `builtin` says a built-in profile has this id (version 0).
    /// With `keep_old` the evaluations made with the previous version (template `id`) are
    /// moved to the template `id@previous`, so that they keep the items they were scored on.
    pub fn import_policy(
        &mut self,
        actor: &Actor,
        id: &str,
        toml: &str,
        builtin: bool,
        keep_old: bool,
    ) -> Result<PolicyImport> {
        self.write(actor, Check::Admin, |tx| {
            let last: Option<i64> = tx
                .query_row(
                    "SELECT max(version) FROM policies WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let previous = last.or(builtin.then_some(0));
            let version = last.unwrap_or(0) + 1;
            tx.execute(
                "INSERT INTO policies (id, version, toml, imported_at, imported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, version, toml, now_stamp(), actor.name],
            )?;
            let mut audit = vec![AuditEntry::new("import_policy", "policy", id).change(
                "version",
                previous.map(|v| v.to_string()),
                Some(version.to_string()),
            )];
            let mut kept = 0;
            if let (true, Some(prev)) = (keep_old, previous) {
                let old = format!("{id}@{prev}");
                kept = tx.execute(
                    "UPDATE evaluations SET template = ?1 WHERE template = ?2",
                    params![old, id],
                )?;
                if kept > 0 {
                    audit.push(AuditEntry::new("import_policy", "policy", id).change(
                        "evaluations_template",
                        Some(format!("{id} ({kept})")),
                        Some(old),
                    ));
                }
            }
            Ok((
                PolicyImport {
                    version,
                    previous,
                    kept,
                },
                audit,
            ))
        })
    }
}
