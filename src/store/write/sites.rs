//! Divisions and the bulk insert of generated sites, staff and evaluations.

use rusqlite::{params, OptionalExtension};

use super::staff::insert_staff;
use super::{opt_date, Actor, AuditEntry, Check};
use crate::domain::division::Division;
use crate::domain::evaluation::{Evaluation, Grade};
use crate::domain::site::Site;
use crate::domain::staff::Staff;
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

impl Store {
    /// Replace or add divisions, all in one transaction. Admin only.
    pub fn import_divisions(
        &mut self,
        actor: &Actor,
        divisions: &[Division],
        source: &str,
    ) -> Result<usize> {
        self.write(actor, Check::Admin, |tx| {
            let mut st = tx.prepare_cached(
                "INSERT INTO divisions (code, name, level, parent) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
                 parent = excluded.parent",
            )?;
            for d in divisions {
                st.execute(params![d.code, d.name, d.level.index(), d.parent])?;
            }
            // The caches derived from the divisions no longer hold; they are saved again by
            // whoever rebuilds them (`commands::rebuild_search_index`).
            tx.execute("DELETE FROM tree_cache", [])?;
            tx.execute("DELETE FROM search_index", [])?;
            let n = divisions.len();
            let audit = AuditEntry::new("import_divisions", "divisions", source).change(
                "count",
                None,
                Some(n.to_string()),
            );
            Ok((n, vec![audit]))
        })
    }

    /// Insert generated sites, staff and evaluations (the demo and national datasets) in one
    /// transaction. Ids in the input are used as given.
    pub fn insert_bulk(
        &mut self,
        actor: &Actor,
        sites: &[Site],
        staff: &[Staff],
        evaluations: &[Evaluation],
        label: &str,
    ) -> Result<()> {
        self.write(actor, Check::Admin, |tx| {
            {
                let mut h = tx.prepare_cached(
                    "INSERT OR IGNORE INTO site_status (site_id, status, on_date) VALUES (?1, ?2, ?3)",
                )?;
                for x in sites {
                    insert_site(tx, x, Some(x.id))?;
                    for c in &x.history {
                        h.execute(params![x.id, c.status.as_str(), c.on.to_string()])?;
                    }
                }
                // A new site starts at version 1: its first history is not a change to it
                // (the triggers of `008_site_version.sql` counted each row).
                let lo = sites.iter().map(|x| x.id).min();
                let hi = sites.iter().map(|x| x.id).max();
                tx.execute(
                    "UPDATE sites SET version = 1 WHERE id BETWEEN ?1 AND ?2 AND version <> 1",
                    params![lo, hi],
                )?;
            }
            for p in staff {
                insert_staff(tx, p, Some(p.id))?;
            }
            {
                let mut s = tx.prepare_cached(
                    "INSERT INTO evaluations (id, site_id, year, phase, template, status, total, grade, version,
                       updated_at, updated_by, synthetic)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, NULL, ?10)",
                )?;
                let mut sc =
                    tx.prepare_cached("INSERT INTO scores (evaluation_id, item, score) VALUES (?1, ?2, ?3)")?;
                for e in evaluations {
                    s.execute(params![
                        e.id,
                        e.site_id,
                        e.year,
                        e.phase.as_str(),
                        e.template,
                        e.status.as_str(),
                        e.total,
                        e.grade.map(Grade::as_str),
                        e.version,
                        e.synthetic
                    ])?;
                    for (item, v) in &e.scores {
                        sc.execute(params![e.id, item, v])?;
                    }
                }
            }
            let audit = AuditEntry::new("insert_bulk", "dataset", label).change(
                "rows",
                None,
                Some(format!("{} sites, {} staff, {} evaluations", sites.len(), staff.len(), evaluations.len())),
            );
            Ok(((), vec![audit]))
        })
    }

    /// A site list in one transaction, all or nothing: add `adds` (each with its id when it
    /// has one, else a new one), and apply each update only if the site's version is still
    /// the one the list was exported at (`Conflict` otherwise), with an audit row per
    /// changed field. The actor must be allowed every division involved.
    pub fn import_sites(
        &mut self,
        actor: &Actor,
        adds: &[Site],
        updates: &[SiteUpdate],
        source: &str,
    ) -> Result<SiteImportSummary> {
        let codes = adds
            .iter()
            .map(|x| x.division.to_string())
            .chain(updates.iter().map(|u| u.old.division.to_string()))
            .collect();
        self.write(actor, Check::Codes(codes), |tx| {
            let mut audit = Vec::new();
            let mut sum = SiteImportSummary::default();
            for x in adds {
                let id = insert_site(tx, x, (x.id > 0).then_some(x.id))?;
                insert_history(tx, id, x)?;
                // A new site starts at version 1 (its first history is not a change to it).
                tx.execute(
                    "UPDATE sites SET version = 1 WHERE id = ?1 AND version <> 1",
                    [id],
                )?;
                audit.push(
                    AuditEntry::new("import_sites", "site", id)
                        .scope(&x.division)
                        .change("source", None, Some(source.into())),
                );
                sum.added += 1;
            }
            for u in updates {
                let id = u.old.id;
                let version: i64 = tx
                    .query_row("SELECT version FROM sites WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?
                    .ok_or(Error::Refused(Refusal::NoSite(id)))?;
                if version != u.base_version {
                    return Err(Error::Conflict {
                        ours: u.base_version,
                        theirs: version,
                    });
                }
                let changes = u.old.changes(&u.new);
                if changes.is_empty() {
                    continue;
                }
                let x = &u.new;
                if changes.iter().any(|(f, _, _)| *f != "history") {
                    tx.execute(
                        "UPDATE sites SET name = ?2, operator = ?3, area_m2 = ?4, civil_reg = ?5,
                           head = ?6, synthetic = ?7 WHERE id = ?1",
                        params![
                            id,
                            x.name.as_str(),
                            x.operator.as_deref(),
                            x.area_m2,
                            opt_date(x.civil_reg),
                            x.head.as_deref(),
                            x.synthetic
                        ],
                    )?;
                }
                if changes.iter().any(|(f, _, _)| *f == "history") {
                    tx.execute("DELETE FROM site_status WHERE site_id = ?1", [id])?;
                    insert_history(tx, id, x)?;
                }
                for (field, old, new) in changes {
                    let opt = |s: String| (!s.is_empty()).then_some(s);
                    audit.push(
                        AuditEntry::new("import_sites", "site", id)
                            .scope(&u.old.division)
                            .change(field, opt(old), opt(new)),
                    );
                    sum.fields += 1;
                }
                sum.updated += 1;
            }
            Ok((sum, audit))
        })
    }

    /// Each site's version (sites not listed are at 1).
    pub fn site_versions(&self) -> Result<std::collections::HashMap<i64, i64>> {
        let mut st = self.conn.prepare_cached("SELECT id, version FROM sites")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Insert one site's row (not its history); `id` None lets SQLite choose it. Returns the id.
fn insert_site(tx: &rusqlite::Transaction, x: &Site, id: Option<i64>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO sites (id, division, tier, name, operator, area_m2, civil_reg, head, synthetic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        x.division.as_str(),
        x.tier.as_str(),
        x.name.as_str(),
        x.operator.as_deref(),
        x.area_m2,
        opt_date(x.civil_reg),
        x.head.as_deref(),
        x.synthetic
    ])?;
    Ok(tx.last_insert_rowid())
}

fn insert_history(tx: &rusqlite::Transaction, id: i64, x: &Site) -> Result<()> {
    let mut h = tx
        .prepare_cached("INSERT INTO site_status (site_id, status, on_date) VALUES (?1, ?2, ?3)")?;
    for c in &x.history {
        h.execute(params![id, c.status.as_str(), c.on.to_string()])?;
    }
    Ok(())
}

/// One site of an import that changes a stored one: the site as read when the list was
/// checked (at `base_version`, the version the list was exported at) and as the list has it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteUpdate {
    /// The site as stored when the list was checked.
    pub old: Site,
    /// The site as the list has it.
    pub new: Site,
    /// The stored version the list was exported at; a later change is a conflict.
    pub base_version: i64,
}

/// What a site import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SiteImportSummary {
    /// Sites added.
    pub added: usize,
    /// Sites changed.
    pub updated: usize,
    /// Fields changed over all updated sites.
    pub fields: usize,
}
