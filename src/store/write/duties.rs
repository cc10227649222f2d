//! Duties on a calendar: marking an instance received (or undoing the mark), from the TUI,
//! an imported sheet or the demo's history. One audited transaction per call.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{now_stamp, opt_date, Actor, AuditEntry, Check};
use crate::domain::duties::{DutyMark, Receipt};
use crate::error::{Error, Result};
use crate::store::Store;

/// The stored (received, note, version) of an instance; version 0 when there is no row.
fn current(tx: &Transaction, m: &DutyMark) -> Result<(Option<String>, Option<String>, i64)> {
    Ok(tx
        .query_row(
            "SELECT received, note, version FROM duty_records
             WHERE policy = ?1 AND duty = ?2 AND owner = ?3 AND period = ?4",
            params![m.policy, m.duty, m.owner, m.period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or((None, None, 0)))
}

impl Store {
    /// Record instances received (or undo marks), all or none: the actor may write every
    /// owner, and every instance is still at the version its writer saw. Returns the new
    /// versions in order. `action` names the door in the audit (`mark_duty`, `import_duties`).
    pub fn mark_duties(
        &mut self,
        actor: &Actor,
        marks: &[DutyMark],
        action: &str,
    ) -> Result<Vec<i64>> {
        let owners: Vec<String> = marks.iter().map(|m| m.owner.clone()).collect();
        let by = actor.name.clone();
        self.write(actor, Check::Codes(owners), |tx| {
            let at = now_stamp();
            let mut audit = Vec::new();
            let mut versions = Vec::with_capacity(marks.len());
            for m in marks {
                let (old, old_note, version) = current(tx, m)?;
                if version != m.seen_version {
                    return Err(Error::Conflict {
                        ours: m.seen_version,
                        theirs: version,
                    });
                }
                let new = opt_date(m.received);
                tx.execute(
                    "INSERT INTO duty_records
                       (policy, duty, owner, period, received, note, recorded_by, recorded_at, version)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)
                     ON CONFLICT(policy, duty, owner, period) DO UPDATE SET
                       received = excluded.received, note = excluded.note,
                       recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                       version = duty_records.version + 1, synthetic = 0",
                    params![m.policy, m.duty, m.owner, m.period, new, m.note, by, at],
                )?;
                versions.push(version + 1);
                let id = m.entity_id();
                audit.push(
                    AuditEntry::new(action, "duty", &id)
                        .scope(&m.owner)
                        .change("received", old, new),
                );
                if old_note != m.note {
                    audit.push(
                        AuditEntry::new(action, "duty", &id)
                            .scope(&m.owner)
                            .change("note", old_note, m.note.clone()),
                    );
                }
            }
            Ok((versions, audit))
        })
    }

    /// The demo's history of received duties, in one transaction. Admin only.
    pub fn insert_duty_history(
        &mut self,
        actor: &Actor,
        records: &[Receipt],
        label: &str,
    ) -> Result<()> {
        self.write(actor, Check::Admin, |tx| {
            let at = now_stamp();
            let mut st = tx.prepare_cached(
                "INSERT INTO duty_records
                   (policy, duty, owner, period, received, note, recorded_by, recorded_at, version, synthetic)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for r in records {
                st.execute(params![
                    r.policy,
                    r.duty,
                    r.owner,
                    r.period,
                    opt_date(r.received),
                    r.note,
                    r.recorded_by,
                    at,
                    r.version,
                    r.synthetic
                ])?;
            }
            let audit = AuditEntry::new("insert_duty_history", "dataset", label).change(
                "duty_records",
                None,
                Some(records.len().to_string()),
            );
            Ok(((), vec![audit]))
        })
    }
}
