//! Service contracts of sites with their operators: recording one, renewing one, and the
//! demo's history. One audited transaction per call; the profile's limits and the renewal
//! verdict of the renewed contract are checked inside it (`domain::contract::check_contract`).

use rusqlite::{params, Transaction};

use super::{now_stamp, Actor, AuditEntry, Check};
use crate::domain::contract::{check_contract, Contract, ContractDraft};
use crate::domain::policy::Profile;
use crate::domain::renewal::{renewal_consequence, required_sheets};
use crate::error::{Error, Refusal, Result};
use crate::store::read::{contracts_of, eval_from_row, to_eval, EVAL_COLS};
use crate::store::Store;

/// The site's contracts as stored, by start.
fn site_contracts(tx: &Transaction, site_id: i64) -> Result<Vec<Contract>> {
    contracts_of(tx, Some(site_id))
}

fn site_evaluations(
    tx: &Transaction,
    site_id: i64,
) -> Result<Vec<crate::domain::evaluation::Evaluation>> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {EVAL_COLS} FROM evaluations WHERE site_id = ?1"
    ))?;
    let rows = st.query_map([site_id], eval_from_row)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(to_eval(r?)?);
    }
    Ok(out)
}

impl Store {
    /// Record a service contract of a site, refused with every problem the site's `profile`
    /// (the one binding it) or its other contracts give. Returns the new contract's id.
    pub fn record_contract(
        &mut self,
        actor: &Actor,
        profile: Option<&Profile>,
        draft: &ContractDraft,
    ) -> Result<i64> {
        self.write_contract(actor, profile, draft, None)
    }

    /// Record the renewal of contract `renews`, which the writer saw at `seen_version`:
    /// refused when the renewed contract's evaluations refuse it (the renewal rule's clause),
    /// when it was renewed already, or as `record_contract` refuses. The renewed contract's
    /// version moves on. Returns the renewal's id.
    pub fn renew_contract(
        &mut self,
        actor: &Actor,
        profile: Option<&Profile>,
        renews: i64,
        seen_version: i64,
        draft: &ContractDraft,
    ) -> Result<i64> {
        self.write_contract(actor, profile, draft, Some((renews, seen_version)))
    }

    fn write_contract(
        &mut self,
        actor: &Actor,
        profile: Option<&Profile>,
        draft: &ContractDraft,
        renews: Option<(i64, i64)>,
    ) -> Result<i64> {
        let code = self.division_of_site(draft.site_id)?;
        let action = if renews.is_some() {
            "renew_contract"
        } else {
            "record_contract"
        };
        let by = actor.name.clone();
        self.write(actor, Check::Code(&code), |tx| {
            let existing = site_contracts(tx, draft.site_id)?;
            let old = match renews {
                None => None,
                Some((id, seen)) => {
                    let old = existing
                        .iter()
                        .find(|c| c.id == id)
                        .ok_or(Error::Refused(Refusal::NoContract(id)))?;
                    if old.version != seen {
                        return Err(Error::Conflict {
                            ours: seen,
                            theirs: old.version,
                        });
                    }
                    Some(old)
                }
            };
            let verdict = match (old, profile) {
                (Some(old), Some(p)) => {
                    let evals = site_evaluations(tx, draft.site_id)?;
                    let years = old.years();
                    let sheets = required_sheets(&p.evaluation, &evals, years.clone());
                    Some(renewal_consequence(&p.evaluation, &sheets, years))
                }
                _ => None,
            };
            let problems = check_contract(
                profile,
                draft,
                &existing,
                old.map(|o| (o, verdict.as_ref())),
            );
            if !problems.is_empty() {
                return Err(Error::Refused(Refusal::Contract(problems)));
            }
            let at = now_stamp();
            tx.execute(
                "INSERT INTO contracts (site_id, operator, start_on, end_on, renews, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    draft.site_id,
                    draft.operator.trim(),
                    draft.start.to_string(),
                    draft.end.to_string(),
                    old.map(|o| o.id),
                    by,
                    at
                ],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(o) = old {
                tx.execute(
                    "UPDATE contracts SET version = version + 1 WHERE id = ?1",
                    [o.id],
                )?;
            }
            let entry = |field: &str, new: String| {
                AuditEntry::new(action, "contract", id)
                    .scope(&code)
                    .change(field, None, Some(new))
            };
            let mut audit = vec![
                entry("site_id", draft.site_id.to_string()),
                entry("operator", draft.operator.trim().to_string()),
                entry("start", draft.start.to_string()),
                entry("end", draft.end.to_string()),
            ];
            if let Some(o) = old {
                audit.push(entry("renews", o.id.to_string()));
            }
            Ok((id, audit))
        })
    }

    /// The demo's contracts, ids as given (a renewal names an earlier one), in one
    /// transaction. Admin only; the demo builds them within its profiles' limits.
    pub fn insert_contract_history(
        &mut self,
        actor: &Actor,
        contracts: &[Contract],
        label: &str,
    ) -> Result<()> {
        self.write(actor, Check::Admin, |tx| {
            let at = now_stamp();
            let mut st = tx.prepare_cached(
                "INSERT INTO contracts
                   (id, site_id, operator, start_on, end_on, renews, version, synthetic, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for c in contracts {
                st.execute(params![
                    c.id,
                    c.site_id,
                    c.operator,
                    c.start.to_string(),
                    c.end.to_string(),
                    c.renews,
                    c.version,
                    c.synthetic,
                    actor.name,
                    at
                ])?;
            }
            let audit = AuditEntry::new("insert_contract_history", "dataset", label).change(
                "contracts",
                None,
                Some(contracts.len().to_string()),
            );
            Ok(((), vec![audit]))
        })
    }
}
