//! Staff records: certificates, registrations, training, departures, adds and imports.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{opt_date, Actor, AuditEntry, Check};
use crate::domain::staff::{CertLevel, Staff};
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

impl Store {
    /// Record a passed certificate for a person.
    pub fn record_certificate(
        &mut self,
        actor: &Actor,
        staff_id: i64,
        level: CertLevel,
        passed: NaiveDate,
    ) -> Result<()> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let (old_level, old_passed): (String, Option<String>) = tx.query_row(
                "SELECT cert_level, cert_passed FROM staff WHERE id = ?1",
                [staff_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            tx.execute(
                "UPDATE staff SET cert_level = ?2, cert_passed = ?3 WHERE id = ?1",
                params![staff_id, level.as_str(), passed.to_string()],
            )?;
            Ok((
                (),
                vec![
                    AuditEntry::new("record_certificate", "staff", staff_id)
                        .scope(&code)
                        .change("cert_level", Some(old_level), Some(level.as_str().into())),
                    AuditEntry::new("record_certificate", "staff", staff_id)
                        .scope(&code)
                        .change("cert_passed", old_passed, Some(passed.to_string())),
                ],
            ))
        })
    }

    /// Record a registration (first or renewal): registered on `on`, valid until `expiry`.
    pub fn record_registration(
        &mut self,
        actor: &Actor,
        staff_id: i64,
        on: NaiveDate,
        expiry: NaiveDate,
    ) -> Result<()> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let (od, oe): (Option<String>, Option<String>) = tx.query_row(
                "SELECT reg_date, reg_expiry FROM staff WHERE id = ?1",
                [staff_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            tx.execute(
                "UPDATE staff SET reg_date = ?2, reg_expiry = ?3, ce_hours = 0 WHERE id = ?1",
                params![staff_id, on.to_string(), expiry.to_string()],
            )?;
            Ok((
                (),
                vec![
                    AuditEntry::new("record_registration", "staff", staff_id)
                        .scope(&code)
                        .change("reg_date", od, Some(on.to_string())),
                    AuditEntry::new("record_registration", "staff", staff_id)
                        .scope(&code)
                        .change("reg_expiry", oe, Some(expiry.to_string())),
                ],
            ))
        })
    }

    /// Set training hours for a person and year.
    pub fn record_training(
        &mut self,
        actor: &Actor,
        staff_id: i64,
        year: i32,
        hours: f64,
    ) -> Result<()> {
        if !(0.0..=2000.0).contains(&hours) {
            return Err(Error::Refused(Refusal::TrainingHours(hours.to_string())));
        }
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let old: Option<f64> = tx
                .query_row(
                    "SELECT hours FROM training WHERE staff_id = ?1 AND year = ?2",
                    params![staff_id, year],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)
                 ON CONFLICT(staff_id, year) DO UPDATE SET hours = excluded.hours",
                params![staff_id, year, hours],
            )?;
            // Training hours are part of the person as a sheet shows them.
            tx.execute(
                "UPDATE staff SET version = version + 1 WHERE id = ?1",
                [staff_id],
            )?;
            Ok((
                (),
                vec![AuditEntry::new("record_training", "staff", staff_id)
                    .scope(&code)
                    .change(
                        &format!("training_{year}"),
                        old.map(|h| h.to_string()),
                        Some(hours.to_string()),
                    )],
            ))
        })
    }

    /// Record a departure.
    pub fn record_departure(&mut self, actor: &Actor, staff_id: i64, on: NaiveDate) -> Result<()> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let old: Option<String> = tx.query_row(
                "SELECT departed FROM staff WHERE id = ?1",
                [staff_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE staff SET departed = ?2 WHERE id = ?1",
                params![staff_id, on.to_string()],
            )?;
            Ok((
                (),
                vec![AuditEntry::new("record_departure", "staff", staff_id)
                    .scope(&code)
                    .change("departed", old, Some(on.to_string()))],
            ))
        })
    }

    /// Add a person (a new hire, or an imported row). Returns the new id.
    pub fn add_staff(&mut self, actor: &Actor, p: &Staff) -> Result<i64> {
        let code = self.division_of_site(p.site_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let id = insert_staff(tx, p, None)?;
            Ok((
                id,
                vec![AuditEntry::new("add_staff", "staff", id)
                    .scope(&code)
                    .change("name", None, Some(p.name.clone()))],
            ))
        })
    }

    /// Add many people in one transaction: all or nothing.
    pub fn add_staff_many(
        &mut self,
        actor: &Actor,
        people: &[Staff],
        source: &str,
    ) -> Result<usize> {
        self.import_staff(actor, people, &[], source)
            .map(|s| s.added)
    }

    /// A staff sheet in one transaction, all or nothing: add `adds` (each with its id when it
    /// has one, else a new one), and apply each update
    /// only if the person's version is still the one the sheet was exported at (`Conflict`
    /// otherwise), with an audit row per changed field. The actor must be allowed every site
    /// involved, a moved person's old one included.
    pub fn import_staff(
        &mut self,
        actor: &Actor,
        adds: &[Staff],
        updates: &[StaffUpdate],
        source: &str,
    ) -> Result<StaffImportSummary> {
        let mut codes = Vec::new();
        for p in adds {
            codes.push(self.division_of_site(p.site_id)?);
        }
        let mut scopes = Vec::new();
        for u in updates {
            codes.push(self.division_of_site(u.old.site_id)?);
            let to = self.division_of_site(u.new.site_id)?;
            codes.push(to.clone());
            scopes.push(to);
        }
        self.write(actor, Check::Codes(codes), |tx| {
            let mut audit = Vec::new();
            let mut sum = StaffImportSummary::default();
            for p in adds {
                // A person the list brings with an id keeps it (a list moved between databases).
                let id = insert_staff(tx, p, (p.id > 0).then_some(p.id))?;
                audit.push(AuditEntry::new("import_staff", "staff", id).change(
                    "source",
                    None,
                    Some(source.into()),
                ));
                sum.added += 1;
            }
            for (u, code) in updates.iter().zip(&scopes) {
                let id = u.old.id;
                let version: i64 = tx
                    .query_row("SELECT version FROM staff WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?
                    .ok_or(Error::Refused(Refusal::NoStaff(id)))?;
                if version != u.base_version {
                    return Err(Error::Conflict {
                        ours: u.base_version,
                        theirs: version,
                    });
                }
                let changes = u.old.changes(&u.new, u.year);
                if changes.is_empty() {
                    continue;
                }
                let p = &u.new;
                update_staff(tx, id, p)?;
                let hours = p.training_hours(u.year);
                if hours != u.old.training_hours(u.year) {
                    tx.execute(
                        "INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)
                         ON CONFLICT(staff_id, year) DO UPDATE SET hours = excluded.hours",
                        params![id, u.year, hours],
                    )?;
                }
                if changes.iter().any(|(f, _, _)| *f == "training_earlier") {
                    tx.execute(
                        "DELETE FROM training WHERE staff_id = ?1 AND year <> ?2",
                        params![id, u.year],
                    )?;
                    for (y, h) in p.training.iter().filter(|(y, _)| **y != u.year) {
                        tx.execute(
                            "INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)",
                            params![id, y, h],
                        )?;
                    }
                }
                for (field, old, new) in changes {
                    let field = if field == "training_hours_this_year" {
                        format!("training_{}", u.year)
                    } else {
                        field.to_string()
                    };
                    let opt = |s: String| (!s.is_empty()).then_some(s);
                    audit.push(
                        AuditEntry::new("import_staff", "staff", id)
                            .scope(code)
                            .change(&field, opt(old), opt(new)),
                    );
                    sum.fields += 1;
                }
                sum.updated += 1;
            }
            Ok((sum, audit))
        })
    }
}

/// Insert one person with their training hours; `id` None lets SQLite choose it.
/// The statement's values: the id (?1), then a person's stored columns in the order both
/// statements below name them (?2 to ?17).
fn with_values(id: Option<i64>, p: &Staff) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let date = |d: Option<chrono::NaiveDate>| opt_date(d).map_or(Value::Null, Value::Text);
    vec![
        id.map_or(Value::Null, Value::Integer),
        Value::Integer(p.site_id),
        Value::Text(p.name.to_string()),
        Value::Text(p.role.as_str().into()),
        date(p.birth),
        Value::Text(p.hired.to_string()),
        date(p.contract_start),
        date(p.contract_end),
        Value::Text(p.cert_level.as_str().into()),
        date(p.cert_passed),
        date(p.reg_date),
        date(p.reg_expiry),
        Value::Real(p.ce_hours),
        Value::Integer(i64::from(p.sw_degree)),
        Value::Real(p.prior_years),
        date(p.departed),
        Value::Integer(i64::from(p.synthetic)),
    ]
}

pub(super) fn insert_staff(tx: &Transaction, p: &Staff, id: Option<i64>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO staff (id, site_id, name, role, birth, hired, contract_start, contract_end, cert_level,
           cert_passed, reg_date, reg_expiry, ce_hours, sw_degree, prior_years, departed, synthetic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(rusqlite::params_from_iter(with_values(id, p)))?;
    let id = tx.last_insert_rowid();
    let mut t =
        tx.prepare_cached("INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)")?;
    for (y, h) in &p.training {
        t.execute(params![id, y, h])?;
    }
    Ok(id)
}

/// Overwrite one person's fields (not their training hours) and bump their version.
fn update_staff(tx: &Transaction, id: i64, p: &Staff) -> Result<()> {
    tx.prepare_cached(
        "UPDATE staff SET site_id = ?2, name = ?3, role = ?4, birth = ?5, hired = ?6,
           contract_start = ?7, contract_end = ?8, cert_level = ?9, cert_passed = ?10,
           reg_date = ?11, reg_expiry = ?12, ce_hours = ?13, sw_degree = ?14,
           prior_years = ?15, departed = ?16, synthetic = ?17, version = version + 1
         WHERE id = ?1",
    )?
    .execute(rusqlite::params_from_iter(with_values(Some(id), p)))?;
    Ok(())
}

/// One person of a staff import that changes someone already stored: the person as read
/// when the sheet was checked (at `base_version`, the version the sheet was exported at)
/// and as the sheet has them.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffUpdate {
    /// The person as stored when the sheet was checked.
    pub old: Staff,
    /// The person as the sheet has them.
    pub new: Staff,
    /// The stored version the sheet was exported at; a later save is a conflict.
    pub base_version: i64,
    /// The year the sheet's training hours are for.
    pub year: i32,
}

/// What a staff import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StaffImportSummary {
    /// People added.
    pub added: usize,
    /// People changed.
    pub updated: usize,
    /// Fields changed over all updated people.
    pub fields: usize,
}
