//! Divisions and the bulk insert of generated sites, staff and evaluations.

use rusqlite::params;

use super::staff::insert_staff;
use super::{opt_date, Actor, AuditEntry, Check};
use crate::domain::division::Division;
use crate::domain::evaluation::{Evaluation, Grade};
use crate::domain::site::Site;
use crate::domain::staff::Staff;
use crate::error::Result;
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
                let mut s = tx.prepare_cached(
                    "INSERT INTO sites (id, division, tier, name, operator, area_m2, civil_reg, head, synthetic)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?;
                let mut h = tx.prepare_cached(
                    "INSERT OR IGNORE INTO site_status (site_id, status, on_date) VALUES (?1, ?2, ?3)",
                )?;
                for x in sites {
                    s.execute(params![
                        x.id,
                        x.division.as_str(),
                        x.tier.as_str(),
                        x.name.as_str(),
                        x.operator.as_deref(),
                        x.area_m2,
                        opt_date(x.civil_reg),
                        x.head.as_deref(),
                        x.synthetic
                    ])?;
                    for c in &x.history {
                        h.execute(params![x.id, c.status.as_str(), c.on.to_string()])?;
                    }
                }
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
}
