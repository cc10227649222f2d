//! Writes. Each public function checks the actor's role and scope, runs one transaction and
//! writes an audit row per changed value before committing.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::domain::access::Denied;
use crate::domain::evaluation::EvalStatus;
use crate::domain::policy::{Profile, ScorerRole};
use crate::error::{Error, Result};

mod contracts;
mod duties;
mod parts;
mod policies;
mod scores;
mod site_edits;
mod sites;
mod staff;
mod staff_edits;
mod users;

pub(crate) use super::audit::{now_stamp, write_audit, AuditEntry};
pub use crate::domain::access::{Actor, UserRole};
pub use crate::domain::duties::DutyMark;
pub use policies::{PolicyImport, StoredPolicy};
pub use scores::{ImportSummary, ScoreImport};
pub use sites::{SiteImportSummary, SiteUpdate};
pub use staff::{StaffImportSummary, StaffUpdate};
pub use staff_edits::TrainingTotals;

/// Template -> item -> the scorer role that fills it, for the templates split among scorers.
pub(crate) type Parts =
    std::collections::HashMap<String, std::collections::BTreeMap<String, ScorerRole>>;

/// The scorer role of `actor`'s grant, if any.
fn scorer_of(tx: &Transaction, actor: &Actor) -> Result<Option<ScorerRole>> {
    let s: Option<Option<String>> = tx
        .query_row(
            "SELECT scorer FROM users WHERE name = ?1",
            [&actor.name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(s.flatten().as_deref().and_then(ScorerRole::parse))
}

/// The submitted parts of an evaluation.
fn submitted_parts(
    tx: &Transaction,
    eval_id: i64,
) -> Result<std::collections::BTreeSet<ScorerRole>> {
    let mut st =
        tx.prepare_cached("SELECT scorer FROM evaluation_parts WHERE evaluation_id = ?1")?;
    let rows = st.query_map([eval_id], |r| r.get::<_, String>(0))?;
    let mut out = std::collections::BTreeSet::new();
    for r in rows {
        out.extend(ScorerRole::parse(&r?));
    }
    Ok(out)
}

/// Whether `actor` may change `items` of sheet `eval_id` made on `template`: on a template
/// split among scorer roles, an account with a scorer role changes only the items of its
/// part, one without changes none (admins change any), and nobody changes a submitted part.
/// Returns the role that wrote, for the audit.
fn check_parts<'i>(
    tx: &Transaction,
    parts: Option<&Parts>,
    actor: &Actor,
    (eval_id, template): (i64, &str),
    items: impl IntoIterator<Item = &'i String>,
) -> Result<Option<ScorerRole>> {
    let scorer = scorer_of(tx, actor)?;
    let Some(parts) = parts else {
        // Not told the schemes: a scorer's write cannot be checked, so it is refused.
        return match scorer {
            Some(s) => Err(Error::Denied(Denied::NotYourPart {
                name: actor.name.clone(),
                item: String::new(),
                part: None,
                scorer: Some(s),
            })),
            None => Ok(None),
        };
    };
    let Some(split) = parts.get(template) else {
        return Ok(scorer);
    };
    let submitted = submitted_parts(tx, eval_id)?;
    for item in items {
        let part = split.get(item).copied();
        let allowed = match (scorer, part) {
            (_, None) => true,
            (Some(s), Some(p)) => s == p,
            (None, Some(_)) => actor.role == UserRole::Admin,
        };
        if !allowed {
            return Err(Error::Denied(Denied::NotYourPart {
                name: actor.name.clone(),
                item: item.clone(),
                part,
                scorer,
            }));
        }
        if let Some(p) = part.filter(|p| submitted.contains(p)) {
            return Err(Error::Refused(crate::error::Refusal::PartSubmitted(p)));
        }
    }
    Ok(scorer)
}

/// What a write must be allowed before it runs.
enum Check<'a> {
    Admin,
    Code(&'a str),
    Codes(Vec<String>),
    /// The very first grant on an empty users table.
    Bootstrap,
}

fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Scores and drafts change only on a draft: a submitted sheet is reopened first, a locked
/// one unlocked by an admin. `what` names the sheet in the refusal.
fn editable_status(status: &str, sheet: Option<(i32, String, String)>) -> Result<()> {
    match EvalStatus::parse(status) {
        Some(EvalStatus::Draft) => Ok(()),
        Some(s @ EvalStatus::Submitted) => {
            Err(Error::Denied(Denied::SheetNotDraft { status: s, sheet }))
        }
        _ => Err(Error::Denied(Denied::SheetNotDraft {
            status: EvalStatus::Locked,
            sheet,
        })),
    }
}

impl Store {
    /// Tell the store which items of which templates each scorer role fills (from the
    /// profiles in use), so that score writes keep every role to its part.
    pub fn with_schemes(mut self, profiles: &[Profile]) -> Store {
        let mut parts = Parts::new();
        for p in profiles {
            let split: std::collections::BTreeMap<String, ScorerRole> = p
                .evaluation
                .nodes()
                .into_iter()
                .filter(|n| n.item.is_leaf())
                .filter_map(|n| n.scorer.map(|s| (n.item.id.clone(), s)))
                .collect();
            if !split.is_empty() {
                parts.insert(p.id.clone(), split);
            }
        }
        self.parts = Some(parts);
        self
    }

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
            Err(Error::Denied(Denied::ReadOnlyDatabase))
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

    /// The one path for every write: check, transaction, work, audit, commit. Each write and
    /// each refusal goes to the log with the acting user and the store function that asked.
    #[track_caller]
    fn write<T>(
        &mut self,
        actor: &Actor,
        check: Check<'_>,
        f: impl FnOnce(&Transaction) -> Result<(T, Vec<AuditEntry>)>,
    ) -> Result<T> {
        let at = std::panic::Location::caller();
        let who = crate::domain::text::escape(&actor.name).into_owned();
        let mut actions = String::new();
        let r = self.write_checked(actor, check, |tx| {
            let (out, audit) = f(tx)?;
            actions = audit.first().map(|a| a.action.clone()).unwrap_or_default();
            let changes = audit.len();
            Ok(((out, changes), audit))
        });
        match &r {
            Ok((_, changes)) => {
                tracing::info!(actor = %who, action = %actions, changes, %at, "write")
            }
            Err(e) => {
                // The log is the admin's, in English (the error's Display).
                let error = crate::domain::text::escape(&e.to_string()).into_owned();
                tracing::warn!(actor = %who, %at, %error, "write refused")
            }
        }
        r.map(|(out, _)| out)
    }

    fn write_checked<T>(
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
}
