//! Parts of a sheet split among scorer roles: each role submits and reopens its own part;
//! the sheet is submitted when every part is, and back to a draft when one is reopened.

use rusqlite::{params, Transaction};

use super::{now_stamp, scorer_of, submitted_parts, Actor, AuditEntry, Check, Parts, UserRole};
use crate::domain::access::Denied;
use crate::domain::evaluation::EvalStatus;
use crate::domain::policy::ScorerRole;
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

/// The roles that fill a part of `template`, and the items of `part` in it.
fn part_items<'p>(
    parts: Option<&'p Parts>,
    template: &str,
    part: ScorerRole,
) -> (std::collections::BTreeSet<ScorerRole>, Vec<&'p String>) {
    let Some(split) = parts.and_then(|p| p.get(template)) else {
        return (Default::default(), Vec::new());
    };
    let roles = split.values().copied().collect();
    let items = split
        .iter()
        .filter(|(_, r)| **r == part)
        .map(|(i, _)| i)
        .collect();
    (roles, items)
}

/// The part `actor` acts for: its own scorer role; an admin names any.
fn acting_part(tx: &Transaction, actor: &Actor, part: Option<ScorerRole>) -> Result<ScorerRole> {
    let mine = scorer_of(tx, actor)?;
    match (part, mine) {
        (Some(p), _) if actor.role == UserRole::Admin => Ok(p),
        (Some(p), Some(m)) if p != m => Err(Error::Denied(Denied::NotYourPart {
            name: actor.name.clone(),
            item: String::new(),
            part: Some(p),
            scorer: Some(m),
        })),
        (_, Some(m)) => Ok(m),
        (Some(p), None) => Err(Error::Denied(Denied::NotYourPart {
            name: actor.name.clone(),
            item: String::new(),
            part: Some(p),
            scorer: None,
        })),
        (None, None) => Err(Error::Refused(Refusal::NoPart(None))),
    }
}

impl Store {
    /// Submit (`submit` true) or reopen one scorer role's part of a sheet: the actor's own
    /// part (`part` None or its role), or any part for an admin. A part is submitted only
    /// when every item of it has a saved score; the sheet becomes submitted when its last
    /// part is, and a draft again when a part of a submitted sheet is reopened. Audited with
    /// the role and, when the sheet changes with it, the sheet's status. Returns the
    /// sheet's status after the change.
    pub fn set_part(
        &mut self,
        actor: &Actor,
        eval_id: i64,
        part: Option<ScorerRole>,
        submit: bool,
    ) -> Result<EvalStatus> {
        let code = self.division_of_evaluation(eval_id)?;
        let parts = self.parts.clone();
        self.write(actor, Check::Code(&code), |tx| {
            let (status, template): (String, String) = tx.query_row(
                "SELECT status, template FROM evaluations WHERE id = ?1",
                [eval_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let status = EvalStatus::parse(&status).ok_or_else(|| {
                Error::Store(format!("evaluation {eval_id} has an unknown status {status:?}"))
            })?;
            let role = acting_part(tx, actor, part)?;
            let (roles, items) = part_items(parts.as_ref(), &template, role);
            if items.is_empty() {
                return Err(Error::Refused(Refusal::NoPart(Some(role))));
            }
            let mut submitted = submitted_parts(tx, eval_id)?;
            if submitted.contains(&role) == submit {
                return Err(Error::Refused(Refusal::PartAlready { part: role, submitted: submit }));
            }
            let mut audit = Vec::new();
            let now = now_stamp();
            let new_status = if submit {
                super::editable_status(status.as_str(), None)?;
                let mut st = tx.prepare_cached(
                    "SELECT count(*) FROM scores WHERE evaluation_id = ?1 AND item = ?2",
                )?;
                let mut empty = 0;
                for i in &items {
                    let n: i64 = st.query_row(params![eval_id, i], |r| r.get(0))?;
                    empty += usize::from(n == 0);
                }
                if empty > 0 {
                    return Err(Error::Refused(Refusal::PartIncomplete { part: role, empty }));
                }
                tx.execute(
                    "INSERT INTO evaluation_parts (evaluation_id, scorer, submitted_at, submitted_by)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![eval_id, role.as_str(), now, actor.name],
                )?;
                submitted.insert(role);
                if roles.is_subset(&submitted) {
                    EvalStatus::Submitted
                } else {
                    EvalStatus::Draft
                }
            } else {
                if status == EvalStatus::Locked {
                    return Err(Error::Denied(Denied::SheetNotDraft { status, sheet: None }));
                }
                tx.execute(
                    "DELETE FROM evaluation_parts WHERE evaluation_id = ?1 AND scorer = ?2",
                    params![eval_id, role.as_str()],
                )?;
                EvalStatus::Draft
            };
            let (was, now_is) = if submit { ("draft", "submitted") } else { ("submitted", "draft") };
            let action = if submit { "submit_part" } else { "reopen_part" };
            audit.push(
                AuditEntry::new(action, "evaluation", eval_id)
                    .scope(&code)
                    .change("scorer", None, Some(role.as_str().into())),
            );
            audit.push(
                AuditEntry::new(action, "evaluation", eval_id)
                    .scope(&code)
                    .change(&format!("part:{}", role.as_str()), Some(was.into()), Some(now_is.into())),
            );
            if new_status != status {
                audit.push(
                    AuditEntry::new("set_status", "evaluation", eval_id)
                        .scope(&code)
                        .change("status", Some(status.as_str().into()), Some(new_status.as_str().into())),
                );
            }
            tx.execute(
                "UPDATE evaluations SET status = ?2, version = version + 1, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
                params![eval_id, new_status.as_str(), now, actor.name],
            )?;
            Ok((new_status, audit))
        })
    }
}
