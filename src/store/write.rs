//! Writes. Each public function checks the actor's role and scope, runs one transaction and
//! writes an audit row per changed value before committing.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::domain::division::Division;
use crate::domain::evaluation::{EvalStatus, Evaluation, Grade};
use crate::domain::sheet::StatusChange;
use crate::domain::site::Site;
use crate::domain::staff::{CertLevel, Staff};
use crate::error::{Error, Result};

pub use crate::domain::access::{Actor, UserRole};

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

/// What a write must be allowed before it runs.
enum Check<'a> {
    Admin,
    Code(&'a str),
    Codes(Vec<String>),
    /// The very first grant on an empty users table.
    Bootstrap,
}

pub(crate) fn now_stamp() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn write_audit(tx: &Transaction, user: &str, entries: &[AuditEntry]) -> Result<()> {
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

fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Scores and drafts change only on a draft: a submitted sheet is reopened first, a locked
/// one unlocked by an admin. `what` names the sheet in the refusal.
fn editable_status(status: &str, what: &str) -> Result<()> {
    match EvalStatus::parse(status) {
        Some(EvalStatus::Draft) => Ok(()),
        Some(EvalStatus::Submitted) => Err(Error::Denied(format!(
            "{what} is submitted (已提交); reopen it before changing its scores"
        ))),
        _ => Err(Error::Denied(format!(
            "{what} is locked (已锁定); an admin must unlock it first"
        ))),
    }
}

impl Store {
    /// Whether a write can succeed: the store was not opened read-only, and SQLite did not
    /// have to open the file for reading only (a file or folder this account may not write,
    /// which SQLite opens without a word and which then fails at the first write).
    pub fn accepts_writes(&self) -> bool {
        !self.read_only && !self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    pub(super) fn ensure_writable(&self) -> Result<()> {
        if self.accepts_writes() {
            Ok(())
        } else {
            Err(Error::Denied("the database is open read-only".into()))
        }
    }

    /// A transaction for a write: writable, holding the write lock, and still on the
    /// database this store opened (not one that `init --force` or `restore` put in its place).
    fn begin_write(&mut self) -> Result<Transaction<'_>> {
        self.ensure_writable()?;
        let path = self.path_display();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'db_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if now != self.db_id {
            return Err(Error::Replaced { path });
        }
        Ok(tx)
    }

    /// The status of a sheet, for the checks before a draft is kept.
    fn evaluation_status(&self, eval_id: i64) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT status FROM evaluations WHERE id = ?1",
            [eval_id],
            |r| r.get(0),
        )?)
    }

    /// The one path for every write: check, transaction, work, audit, commit.
    fn write<T>(
        &mut self,
        actor: &Actor,
        check: Check<'_>,
        f: impl FnOnce(&Transaction) -> Result<(T, Vec<AuditEntry>)>,
    ) -> Result<T> {
        self.ensure_writable()?;
        match check {
            Check::Admin => actor.check_admin()?,
            Check::Code(c) => actor.check_write(c)?,
            Check::Codes(cs) => cs.iter().try_for_each(|c| actor.check_write(c))?,
            Check::Bootstrap => {}
        }
        let tx = self.begin_write()?;
        let (out, audit) = f(&tx)?;
        write_audit(&tx, &actor.name, &audit)?;
        tx.commit()?;
        Ok(out)
    }

    /// Set a value in the meta table (what the database holds: synthetic, demo date). Admin only.
    pub fn set_meta(&mut self, actor: &Actor, key: &str, value: &str) -> Result<()> {
        self.write(actor, Check::Admin, |tx| {
            let old: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok((
                (),
                vec![AuditEntry::new("set_meta", "meta", key).change(
                    "value",
                    old,
                    Some(value.into()),
                )],
            ))
        })
    }

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
            return Err(Error::Invalid(
                "an editor needs a scope (a division code)".into(),
            ));
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
            return Err(Error::Invalid(format!(
                "training hours must be 0-2000, got {hours}"
            )));
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

    /// A staff sheet in one transaction, all or nothing: add `adds`, and apply each update
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
                let id = insert_staff(tx, p, None)?;
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
                    .ok_or_else(|| Error::Invalid(format!("no staff member with id {id}")))?;
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
                tx.prepare_cached(
                    "UPDATE staff SET site_id = ?2, name = ?3, role = ?4, birth = ?5, hired = ?6,
                       contract_start = ?7, contract_end = ?8, cert_level = ?9, cert_passed = ?10,
                       reg_date = ?11, reg_expiry = ?12, ce_hours = ?13, sw_degree = ?14,
                       prior_years = ?15, departed = ?16, synthetic = ?17, version = version + 1
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    p.site_id,
                    p.name,
                    p.role.as_str(),
                    opt_date(p.birth),
                    p.hired.to_string(),
                    opt_date(p.contract_start),
                    opt_date(p.contract_end),
                    p.cert_level.as_str(),
                    opt_date(p.cert_passed),
                    opt_date(p.reg_date),
                    opt_date(p.reg_expiry),
                    p.ce_hours,
                    p.sw_degree,
                    p.prior_years,
                    opt_date(p.departed),
                    p.synthetic
                ])?;
                let hours = p.training_hours(u.year);
                if hours != u.old.training_hours(u.year) {
                    tx.execute(
                        "INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)
                         ON CONFLICT(staff_id, year) DO UPDATE SET hours = excluded.hours",
                        params![id, u.year, hours],
                    )?;
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

    /// Create an empty evaluation sheet (status draft). Returns its id.
    pub fn create_evaluation(
        &mut self,
        actor: &Actor,
        site_id: i64,
        year: i32,
        phase: crate::domain::policy::Phase,
        template: &str,
    ) -> Result<i64> {
        let code = self.division_of_site(site_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            tx.execute(
                "INSERT INTO evaluations (site_id, year, phase, template, status, version, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, 'draft', 1, ?5, ?6)",
                params![site_id, year, phase.as_str(), template, now_stamp(), actor.name],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::Invalid(format!("an evaluation for {year} {} already exists", phase.as_str()))
                }
                _ => e.into(),
            })?;
            let id = tx.last_insert_rowid();
            Ok((id, vec![AuditEntry::new("create_evaluation", "evaluation", id)
                .scope(&code)
                .change("phase", None, Some(format!("{year} {}", phase.as_str())))]))
        })
    }

    /// Keep one committed cell as a draft, at once, so nothing typed is lost.
    pub fn put_draft(
        &mut self,
        actor: &Actor,
        eval_id: i64,
        item: &str,
        score: f64,
        base_version: i64,
    ) -> Result<()> {
        let code = self.division_of_evaluation(eval_id)?;
        actor.check_write(&code)?;
        editable_status(&self.evaluation_status(eval_id)?, "the evaluation")?;
        let tx = self.begin_write()?;
        tx.execute(
            "INSERT INTO drafts (evaluation_id, user, item, score, base_version) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(evaluation_id, user, item) DO UPDATE SET score = excluded.score,
             base_version = excluded.base_version",
            params![eval_id, actor.name, item, score, base_version],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Drop the actor's draft of one item of an evaluation.
    pub fn clear_draft_item(&mut self, actor: &Actor, eval_id: i64, item: &str) -> Result<()> {
        let code = self.division_of_evaluation(eval_id)?;
        actor.check_write(&code)?;
        editable_status(&self.evaluation_status(eval_id)?, "the evaluation")?;
        let tx = self.begin_write()?;
        tx.execute(
            "DELETE FROM drafts WHERE evaluation_id = ?1 AND user = ?2 AND item = ?3",
            params![eval_id, actor.name, item],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Drop all of the actor's drafts of an evaluation.
    pub fn discard_drafts(&mut self, actor: &Actor, eval_id: i64) -> Result<()> {
        let code = self.division_of_evaluation(eval_id)?;
        actor.check_write(&code)?;
        let tx = self.begin_write()?;
        tx.execute(
            "DELETE FROM drafts WHERE evaluation_id = ?1 AND user = ?2",
            params![eval_id, actor.name],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Save a sheet: the given scores replace the stored ones, with an audit row per changed
    /// value. Fails with `Conflict` if someone saved since `base_version`.
    pub fn save_scores(
        &mut self,
        actor: &Actor,
        eval_id: i64,
        base_version: i64,
        scores: &BTreeMap<String, f64>,
        total: Option<f64>,
        grade: Option<Grade>,
    ) -> Result<i64> {
        let code = self.division_of_evaluation(eval_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let (version, status): (i64, String) = tx.query_row(
                "SELECT version, status FROM evaluations WHERE id = ?1",
                [eval_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            editable_status(&status, "the evaluation")?;
            if version != base_version {
                return Err(Error::Conflict { ours: base_version, theirs: version });
            }
            let mut old: BTreeMap<String, f64> = BTreeMap::new();
            {
                let mut st = tx.prepare_cached("SELECT item, score FROM scores WHERE evaluation_id = ?1")?;
                let rows = st.query_map([eval_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
                for r in rows {
                    let (k, v) = r?;
                    old.insert(k, v);
                }
            }
            let mut audit = Vec::new();
            let mut up = tx.prepare_cached(
                "INSERT INTO scores (evaluation_id, item, score) VALUES (?1, ?2, ?3)
                 ON CONFLICT(evaluation_id, item) DO UPDATE SET score = excluded.score",
            )?;
            for (item, &v) in scores {
                let o = old.get(item).copied();
                if o != Some(v) {
                    up.execute(params![eval_id, item, v])?;
                    audit.push(
                        AuditEntry::new("save_scores", "evaluation", eval_id)
                            .scope(&code)
                            .change(item, o.map(|x| x.to_string()), Some(v.to_string())),
                    );
                }
            }
            let new_version = version + 1;
            tx.execute(
                "UPDATE evaluations SET total = ?2, grade = ?3, version = ?4, updated_at = ?5, updated_by = ?6
                 WHERE id = ?1",
                params![eval_id, total, grade.map(Grade::as_str), new_version, now_stamp(), actor.name],
            )?;
            tx.execute("DELETE FROM drafts WHERE evaluation_id = ?1 AND user = ?2", params![eval_id, actor.name])?;
            Ok((new_version, audit))
        })
    }

    /// Change a sheet's status (see `StatusChange`): an editor of the jurisdiction or an
    /// admin submits a draft and reopens a submitted sheet; only an admin locks and unlocks.
    /// Audited with the old and the new status (a reopen is submitted -> draft).
    pub fn set_evaluation_status(
        &mut self,
        actor: &Actor,
        eval_id: i64,
        status: EvalStatus,
    ) -> Result<()> {
        if status == EvalStatus::Locked {
            actor.check_admin()?;
        }
        let code = self.division_of_evaluation(eval_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let old: String = tx.query_row("SELECT status FROM evaluations WHERE id = ?1", [eval_id], |r| r.get(0))?;
            let from = EvalStatus::parse(&old)
                .ok_or_else(|| Error::Store(format!("evaluation {eval_id} has an unknown status {old:?}")))?;
            let Some(change) = StatusChange::between(from, status) else {
                return Err(Error::Invalid(format!("the evaluation is already {}", status.as_str())));
            };
            if change.admin_only() && actor.role != UserRole::Admin {
                return Err(Error::Denied(format!(
                    "{} is not an admin: only an admin may {} an evaluation",
                    actor.name,
                    change.name_en()
                )));
            }
            tx.execute(
                "UPDATE evaluations SET status = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![eval_id, status.as_str(), now_stamp(), actor.name],
            )?;
            Ok(((), vec![AuditEntry::new("set_status", "evaluation", eval_id)
                .scope(&code)
                .change("status", Some(old), Some(status.as_str().into()))]))
        })
    }
}

/// Insert one person with their training hours; `id` None lets SQLite choose it.
fn insert_staff(tx: &Transaction, p: &Staff, id: Option<i64>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO staff (id, site_id, name, role, birth, hired, contract_start, contract_end, cert_level,
           cert_passed, reg_date, reg_expiry, ce_hours, sw_degree, prior_years, departed, synthetic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        id,
        p.site_id,
        p.name,
        p.role.as_str(),
        opt_date(p.birth),
        p.hired.to_string(),
        opt_date(p.contract_start),
        opt_date(p.contract_end),
        p.cert_level.as_str(),
        opt_date(p.cert_passed),
        opt_date(p.reg_date),
        opt_date(p.reg_expiry),
        p.ce_hours,
        p.sw_degree,
        p.prior_years,
        opt_date(p.departed),
        p.synthetic
    ])?;
    let id = tx.last_insert_rowid();
    let mut t =
        tx.prepare_cached("INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)")?;
    for (y, h) in &p.training {
        t.execute(params![id, y, h])?;
    }
    Ok(id)
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

/// One sheet of a score import: an existing evaluation (with the version the file was
/// checked against) or a new one to create.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreImport {
    /// The site evaluated.
    pub site_id: i64,
    /// The evaluation year.
    pub year: i32,
    /// The evaluation phase.
    pub phase: crate::domain::policy::Phase,
    /// The template (scoring sheet) name.
    pub template: String,
    /// (evaluation id, version seen when the file was checked); None creates the evaluation.
    pub existing: Option<(i64, i64)>,
    /// Values to write; items not named keep their stored value.
    pub scores: BTreeMap<String, f64>,
    /// Total and grade of the whole sheet after the import (None while incomplete).
    pub total: Option<f64>,
    /// The grade that total earns.
    pub grade: Option<Grade>,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Evaluations created.
    pub created: usize,
    /// Evaluations changed.
    pub updated: usize,
    /// Item values written.
    pub values: usize,
}

impl Store {
    /// Write many sheets' scores in one transaction: all or nothing. Creates missing
    /// evaluations (status draft), refuses locked sheets whose values would change and sheets
    /// saved by someone else since `existing`'s version (`Conflict`), and writes an audit row
    /// per changed value.
    pub fn import_scores(
        &mut self,
        actor: &Actor,
        sheets: &[ScoreImport],
        source: &str,
    ) -> Result<ImportSummary> {
        let mut code_of: BTreeMap<i64, String> = BTreeMap::new();
        for s in sheets {
            if let std::collections::btree_map::Entry::Vacant(v) = code_of.entry(s.site_id) {
                v.insert(self.division_of_site(s.site_id)?);
            }
        }
        let codes: Vec<String> = code_of.values().cloned().collect();
        self.write(actor, Check::Codes(codes), |tx| {
            let mut sum = ImportSummary::default();
            let mut audit = Vec::new();
            let now = now_stamp();
            for s in sheets {
                let code = code_of.get(&s.site_id).map(String::as_str).unwrap_or("");
                let (eval_id, version, old) = match s.existing {
                    Some((id, base)) => {
                        let (version, status): (i64, String) = tx.query_row(
                            "SELECT version, status FROM evaluations WHERE id = ?1",
                            [id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )?;
                        if version != base {
                            return Err(Error::Conflict { ours: base, theirs: version });
                        }
                        let mut old: BTreeMap<String, f64> = BTreeMap::new();
                        let mut st = tx.prepare_cached("SELECT item, score FROM scores WHERE evaluation_id = ?1")?;
                        for r in st.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))? {
                            let (k, v) = r?;
                            old.insert(k, v);
                        }
                        let changes = s.scores.iter().any(|(k, v)| old.get(k) != Some(v));
                        if changes {
                            editable_status(
                                &status,
                                &format!("the evaluation {} {} of {code}", s.year, s.phase.as_str()),
                            )?;
                        }
                        (id, version, old)
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO evaluations (site_id, year, phase, template, status, version, updated_at, updated_by)
                             VALUES (?1, ?2, ?3, ?4, 'draft', 1, ?5, ?6)",
                            params![s.site_id, s.year, s.phase.as_str(), s.template, now, actor.name],
                        )?;
                        let id = tx.last_insert_rowid();
                        sum.created += 1;
                        audit.push(AuditEntry::new("import_scores", "evaluation", id).scope(code).change(
                            "phase",
                            None,
                            Some(format!("{} {}", s.year, s.phase.as_str())),
                        ));
                        (id, 0, BTreeMap::new())
                    }
                };
                let mut changed = 0;
                let mut up = tx.prepare_cached(
                    "INSERT INTO scores (evaluation_id, item, score) VALUES (?1, ?2, ?3)
                     ON CONFLICT(evaluation_id, item) DO UPDATE SET score = excluded.score",
                )?;
                for (item, &v) in &s.scores {
                    let o = old.get(item).copied();
                    if o != Some(v) {
                        up.execute(params![eval_id, item, v])?;
                        changed += 1;
                        audit.push(AuditEntry::new("import_scores", "evaluation", eval_id).scope(code).change(
                            item,
                            o.map(|x| x.to_string()),
                            Some(v.to_string()),
                        ));
                    }
                }
                if changed > 0 || s.existing.is_none() {
                    tx.execute(
                        "UPDATE evaluations SET total = ?2, grade = ?3, version = ?4, updated_at = ?5, updated_by = ?6
                         WHERE id = ?1",
                        params![eval_id, s.total, s.grade.map(Grade::as_str), version + 1, now, actor.name],
                    )?;
                }
                if changed > 0 && s.existing.is_some() {
                    sum.updated += 1;
                }
                sum.values += changed;
            }
            audit.push(AuditEntry::new("import_scores", "evaluations", source).change(
                "values",
                None,
                Some(sum.values.to_string()),
            ));
            Ok((sum, audit))
        })
    }
}
