//! Evaluations: creating, drafts, saving scores, status changes and score imports.

use std::collections::BTreeMap;

use rusqlite::params;

use super::{check_parts, editable_status, now_stamp, Actor, AuditEntry, Check, UserRole};
use crate::domain::access::Denied;
use crate::domain::evaluation::{EvalStatus, Grade};
use crate::domain::sheet::StatusChange;
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

impl Store {
    /// The status of a sheet, for the checks before a draft is kept.
    fn evaluation_status(&self, eval_id: i64) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT status FROM evaluations WHERE id = ?1",
            [eval_id],
            |r| r.get(0),
        )?)
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
                    Error::Refused(Refusal::EvaluationExists { year, phase: phase.as_str().to_string() })
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
        editable_status(&self.evaluation_status(eval_id)?, None)?;
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
        editable_status(&self.evaluation_status(eval_id)?, None)?;
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
        let parts = self.parts.clone();
        self.write(actor, Check::Code(&code), |tx| {
            let (version, status, template): (i64, String, String) = tx.query_row(
                "SELECT version, status, template FROM evaluations WHERE id = ?1",
                [eval_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            editable_status(&status, None)?;
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
            let changed = scores.iter().filter(|(k, v)| old.get(*k) != Some(*v)).map(|(k, _)| k);
            let scorer = check_parts(tx, parts.as_ref(), actor, (eval_id, &template), changed)?;
            let mut audit = Vec::new();
            if let (Some(role), true) = (scorer, scores.iter().any(|(k, v)| old.get(k) != Some(v))) {
                audit.push(
                    AuditEntry::new("save_scores", "evaluation", eval_id)
                        .scope(&code)
                        .change("scorer", None, Some(role.as_str().into())),
                );
            }
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
        let parts = self.parts.clone();
        self.write(actor, Check::Code(&code), |tx| {
            let (old, template): (String, String) =
                tx.query_row("SELECT status, template FROM evaluations WHERE id = ?1", [eval_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let from = EvalStatus::parse(&old)
                .ok_or_else(|| Error::Store(format!("evaluation {eval_id} has an unknown status {old:?}")))?;
            let Some(change) = StatusChange::between(from, status) else {
                return Err(Error::Refused(Refusal::AlreadyStatus(status)));
            };
            if change.admin_only() && actor.role != UserRole::Admin {
                return Err(Error::Denied(Denied::AdminOnlyChange {
                    name: actor.name.clone(),
                    change,
                }));
            }
            let mut audit = Vec::new();
            // A sheet split among scorer roles is submitted and reopened part by part; an
            // admin's whole-sheet change takes every part with it.
            let roles: std::collections::BTreeSet<_> =
                parts.as_ref().and_then(|p| p.get(&template)).map(|s| s.values().copied().collect()).unwrap_or_default();
            if !roles.is_empty() && matches!(change, StatusChange::Submit | StatusChange::Reopen) && actor.role != UserRole::Admin {
                return Err(Error::Refused(Refusal::SheetInParts));
            }
            // The parts follow the sheet: every part in when it is submitted (an unlock
            // too), none when it is a draft again; a lock leaves them as they are.
            if !roles.is_empty() && status != EvalStatus::Locked {
                let submitted = super::submitted_parts(tx, eval_id)?;
                for r in &roles {
                    let (was, now) = match (status, submitted.contains(r)) {
                        (EvalStatus::Submitted, false) => {
                            tx.execute(
                                "INSERT INTO evaluation_parts (evaluation_id, scorer, submitted_at, submitted_by)
                                 VALUES (?1, ?2, ?3, ?4)",
                                params![eval_id, r.as_str(), now_stamp(), actor.name],
                            )?;
                            ("draft", "submitted")
                        }
                        (EvalStatus::Draft, true) => {
                            tx.execute(
                                "DELETE FROM evaluation_parts WHERE evaluation_id = ?1 AND scorer = ?2",
                                params![eval_id, r.as_str()],
                            )?;
                            ("submitted", "draft")
                        }
                        _ => continue,
                    };
                    audit.push(AuditEntry::new("set_status", "evaluation", eval_id).scope(&code).change(
                        &format!("part:{}", r.as_str()),
                        Some(was.into()),
                        Some(now.into()),
                    ));
                }
            }
            tx.execute(
                "UPDATE evaluations SET status = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![eval_id, status.as_str(), now_stamp(), actor.name],
            )?;
            audit.insert(
                0,
                AuditEntry::new("set_status", "evaluation", eval_id)
                    .scope(&code)
                    .change("status", Some(old), Some(status.as_str().into())),
            );
            Ok(((), audit))
        })
    }
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
        let parts = self.parts.clone();
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
                            editable_status(&status, Some((s.year, s.phase.as_str().to_string(), code.to_string())))?;
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
                let changes = s.scores.iter().filter(|(k, v)| old.get(*k) != Some(*v)).map(|(k, _)| k);
                let template: String = tx.query_row("SELECT template FROM evaluations WHERE id = ?1", [eval_id], |r| r.get(0))?;
                let scorer = check_parts(tx, parts.as_ref(), actor, (eval_id, &template), changes)?;
                if let (Some(role), true) = (scorer, s.scores.iter().any(|(k, v)| old.get(k) != Some(v))) {
                    audit.push(AuditEntry::new("import_scores", "evaluation", eval_id).scope(code).change(
                        "scorer",
                        None,
                        Some(role.as_str().into()),
                    ));
                }
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
