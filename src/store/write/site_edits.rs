//! A bureau's own sites, kept current from the TUI's forms: a site created for a division,
//! its details edited, its status changes recorded and the last one undone. Each is one
//! store function (one transaction, audited).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{opt_date, Actor, AuditEntry, Check};
use crate::domain::division::Level;
use crate::domain::site::{
    check_details, check_status_change, SiteDetails, SiteStatus, StatusChange, Tier,
};
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

/// The site's status changes, in the order the store reads them back (date, then lifecycle).
fn history(tx: &Transaction, site_id: i64) -> Result<Vec<StatusChange>> {
    let mut st = tx.prepare_cached("SELECT status, on_date FROM site_status WHERE site_id = ?1")?;
    let mut v = Vec::new();
    let mut rows = st.query([site_id])?;
    while let Some(r) = rows.next()? {
        let s: String = r.get(0)?;
        let on: String = r.get(1)?;
        let (Some(status), Some(on)) = (
            SiteStatus::parse(&s),
            crate::domain::calendar::parse_date(&on),
        ) else {
            return Err(Error::Invalid(format!(
                "site {site_id}: status {s} on {on}"
            )));
        };
        v.push(StatusChange { status, on });
    }
    v.sort_by_key(|c| (c.on, c.status));
    Ok(v)
}

fn some_text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
}

impl Store {
    /// Create the site of a division that has none: its tier from the division's level,
    /// `name` as typed (checked like any site name). Returns the new site's id.
    pub fn create_site(&mut self, actor: &Actor, division: &str, name: &str) -> Result<i64> {
        let level: Option<u8> = self
            .conn
            .query_row(
                "SELECT level FROM divisions WHERE code = ?1",
                [division],
                |r| r.get(0),
            )
            .optional()?;
        let level = level.ok_or_else(|| Error::Refused(Refusal::NoDivision(division.into())))?;
        let tier = Level::from_index(level)
            .and_then(Tier::for_level)
            .ok_or_else(|| Error::Refused(Refusal::NoSiteTier(division.into())))?;
        let details = SiteDetails {
            name: name.trim().to_string(),
            operator: None,
            area_m2: None,
            civil_reg: None,
            head: None,
        };
        // No date in a bare name: any day will do for the check.
        let problems = check_details(&details, NaiveDate::MAX);
        if !problems.is_empty() {
            return Err(Error::Refused(Refusal::SiteDetails(problems)));
        }
        self.write(actor, Check::Code(division), |tx| {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT id FROM sites WHERE division = ?1",
                    [division],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(Error::Refused(Refusal::SiteExists(division.into())));
            }
            tx.execute(
                "INSERT INTO sites (division, tier, name, synthetic) VALUES (?1, ?2, ?3, 0)",
                params![division, tier.as_str(), details.name],
            )?;
            let id = tx.last_insert_rowid();
            let audit = vec![
                AuditEntry::new("create_site", "site", id)
                    .scope(division)
                    .change("tier", None, Some(tier.as_str().into())),
                AuditEntry::new("create_site", "site", id)
                    .scope(division)
                    .change("name", None, Some(details.name.clone())),
            ];
            Ok((id, audit))
        })
    }

    /// Overwrite a site's details (name, operator, area, civil registration, head), with
    /// an audit row per changed field. `today` bounds the civil registration date.
    pub fn edit_site(
        &mut self,
        actor: &Actor,
        site_id: i64,
        details: &SiteDetails,
        today: NaiveDate,
    ) -> Result<()> {
        let d = SiteDetails {
            name: details.name.trim().to_string(),
            operator: some_text(&details.operator),
            head: some_text(&details.head),
            ..details.clone()
        };
        let problems = check_details(&d, today);
        if !problems.is_empty() {
            return Err(Error::Refused(Refusal::SiteDetails(problems)));
        }
        let code = self.division_of_site(site_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            type Row = (
                String,
                Option<String>,
                Option<f64>,
                Option<String>,
                Option<String>,
            );
            let old: Row = tx.query_row(
                "SELECT name, operator, area_m2, civil_reg, head FROM sites WHERE id = ?1",
                [site_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
            let new: Row = (
                d.name.clone(),
                d.operator.clone(),
                d.area_m2,
                opt_date(d.civil_reg),
                d.head.clone(),
            );
            tx.execute(
                "UPDATE sites SET name = ?2, operator = ?3, area_m2 = ?4, civil_reg = ?5, head = ?6
                 WHERE id = ?1",
                params![site_id, new.0, new.1, new.2, new.3, new.4],
            )?;
            let area = |a: Option<f64>| a.map(|x| x.to_string());
            let pairs = [
                ("name", Some(old.0), Some(new.0)),
                ("operator", old.1, new.1),
                ("area_m2", area(old.2), area(new.2)),
                ("civil_reg", old.3, new.3),
                ("head", old.4, new.4),
            ];
            let mut audit: Vec<AuditEntry> = pairs
                .into_iter()
                .filter(|(_, a, b)| a != b)
                .map(|(field, a, b)| {
                    AuditEntry::new("edit_site", "site", site_id)
                        .scope(&code)
                        .change(field, a, b)
                })
                .collect();
            if audit.is_empty() {
                // Saved unchanged: still on the record that someone looked and kept it.
                audit.push(AuditEntry::new("edit_site", "site", site_id).scope(&code));
            }
            Ok(((), audit))
        })
    }

    /// Record that a site entered `status` on `on`: refused in the future, before the last
    /// change, or out of the lifecycle's order (`domain::site::check_status_change`).
    pub fn record_site_status(
        &mut self,
        actor: &Actor,
        site_id: i64,
        status: SiteStatus,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<()> {
        let code = self.division_of_site(site_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let h = history(tx, site_id)?;
            check_status_change(&h, status, on, today)
                .map_err(|p| Error::Refused(Refusal::SiteStatus(p)))?;
            tx.execute(
                "INSERT INTO site_status (site_id, status, on_date) VALUES (?1, ?2, ?3)",
                params![site_id, status.as_str(), on.to_string()],
            )?;
            Ok((
                (),
                vec![AuditEntry::new("record_site_status", "site", site_id)
                    .scope(&code)
                    .change(
                        "status",
                        h.last().map(|c| format!("{} {}", c.on, c.status.as_str())),
                        Some(format!("{on} {}", status.as_str())),
                    )],
            ))
        })
    }

    /// Remove a site's last status change, `last` as the person undoing it saw it: refused
    /// when the site's last change is another by now.
    pub fn undo_site_status(
        &mut self,
        actor: &Actor,
        site_id: i64,
        last: StatusChange,
    ) -> Result<()> {
        let code = self.division_of_site(site_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let h = history(tx, site_id)?;
            match h.last() {
                None => return Err(Error::Refused(Refusal::NoStatusToUndo(site_id))),
                Some(l) if *l != last => return Err(Error::Refused(Refusal::NotLastStatus(*l))),
                Some(_) => {}
            }
            tx.execute(
                "DELETE FROM site_status WHERE site_id = ?1 AND status = ?2 AND on_date = ?3",
                params![site_id, last.status.as_str(), last.on.to_string()],
            )?;
            let before = h.len().checked_sub(2).and_then(|k| h.get(k));
            Ok((
                (),
                vec![AuditEntry::new("undo_site_status", "site", site_id)
                    .scope(&code)
                    .change(
                        "status",
                        Some(format!("{} {}", last.on, last.status.as_str())),
                        before.map(|c| format!("{} {}", c.on, c.status.as_str())),
                    )],
            ))
        })
    }
}
