//! Staff records kept current from the TUI's forms: a contract renewed, training hours
//! added to the year's total (and to the registration period's continuing education), a
//! departure undone. Each is one store function (one transaction, audited).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{opt_date, Actor, AuditEntry, Check};
use crate::domain::rules::{check_renewal, check_training};
use crate::error::{Error, Refusal, Result};
use crate::store::Store;

/// A person's training totals after hours were added.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingTotals {
    /// The year's training hours, now.
    pub year: f64,
    /// The registration period's continuing-education hours, now.
    pub period: f64,
    /// Whether the hours added counted towards the period.
    pub counted_for_period: bool,
}

fn parse_opt(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(crate::domain::calendar::parse_date)
}

impl Store {
    /// Renew a person's contract to end on `end`: never on or before the current end. The
    /// new contract starts the day after the old one ended (an open-ended one keeps its
    /// start).
    pub fn renew_staff_contract(
        &mut self,
        actor: &Actor,
        staff_id: i64,
        end: NaiveDate,
    ) -> Result<()> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let (start, old_end): (Option<String>, Option<String>) = tx.query_row(
                "SELECT contract_start, contract_end FROM staff WHERE id = ?1",
                [staff_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let (start_d, old_d) = (parse_opt(start.clone()), parse_opt(old_end.clone()));
            let problems = check_renewal(start_d, old_d, end);
            if !problems.is_empty() {
                return Err(Error::Refused(Refusal::StaffFields(problems)));
            }
            let new_start = old_d.and_then(|d| d.succ_opt()).or(start_d);
            tx.execute(
                "UPDATE staff SET contract_start = ?2, contract_end = ?3 WHERE id = ?1",
                params![staff_id, opt_date(new_start), end.to_string()],
            )?;
            let mut audit = vec![AuditEntry::new("renew_contract", "staff", staff_id)
                .scope(&code)
                .change("contract_end", old_end, Some(end.to_string()))];
            if opt_date(new_start) != start {
                audit.push(
                    AuditEntry::new("renew_contract", "staff", staff_id)
                        .scope(&code)
                        .change("contract_start", start, opt_date(new_start)),
                );
            }
            Ok(((), audit))
        })
    }

    /// Add `hours` of training in `year` to the person's total of that year, and to the
    /// continuing education of their registration period when the year falls in the
    /// registration in force on `today` (`Staff::in_registration_period`). Returns the
    /// totals after the addition.
    pub fn add_training(
        &mut self,
        actor: &Actor,
        staff_id: i64,
        year: i32,
        hours: f64,
        today: NaiveDate,
    ) -> Result<TrainingTotals> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let (hired, reg, exp, ce): (String, Option<String>, Option<String>, f64) = tx
                .query_row(
                    "SELECT hired, reg_date, reg_expiry, ce_hours FROM staff WHERE id = ?1",
                    [staff_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
            let old: f64 = tx
                .query_row(
                    "SELECT hours FROM training WHERE staff_id = ?1 AND year = ?2",
                    params![staff_id, year],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0.0);
            let total = old + hours;
            // The hours typed must be a sane amount, and so must the year's total.
            let mut problems = check_training(year, hours, parse_opt(Some(hired)), today);
            if problems.is_empty() {
                problems = check_training(year, total, None, today);
            }
            if !problems.is_empty() {
                return Err(Error::Refused(Refusal::StaffFields(problems)));
            }
            let counted = crate::domain::staff::in_registration_period(
                parse_opt(reg),
                parse_opt(exp),
                year,
                today,
            );
            tx.execute(
                "INSERT INTO training (staff_id, year, hours) VALUES (?1, ?2, ?3)
                 ON CONFLICT(staff_id, year) DO UPDATE SET hours = excluded.hours",
                params![staff_id, year, total],
            )?;
            let period = if counted { ce + hours } else { ce };
            // The version rises with the training row too: it is part of the person as a
            // sheet shows them (the trigger raises it when ce_hours changes).
            if counted {
                tx.execute(
                    "UPDATE staff SET ce_hours = ?2 WHERE id = ?1",
                    params![staff_id, period],
                )?;
            } else {
                tx.execute(
                    "UPDATE staff SET version = version + 1 WHERE id = ?1",
                    [staff_id],
                )?;
            }
            let mut audit = vec![AuditEntry::new("add_training", "staff", staff_id)
                .scope(&code)
                .change(
                    &format!("training_{year}"),
                    (old != 0.0).then(|| old.to_string()),
                    Some(total.to_string()),
                )];
            if counted {
                audit.push(
                    AuditEntry::new("add_training", "staff", staff_id)
                        .scope(&code)
                        .change("ce_hours", Some(ce.to_string()), Some(period.to_string())),
                );
            }
            Ok((
                TrainingTotals {
                    year: total,
                    period,
                    counted_for_period: counted,
                },
                audit,
            ))
        })
    }

    /// Undo a departure: the person works at their site again.
    pub fn undo_departure(&mut self, actor: &Actor, staff_id: i64) -> Result<()> {
        let code = self.division_of_staff(staff_id)?;
        self.write(actor, Check::Code(&code), |tx| {
            let old: Option<String> = tx.query_row(
                "SELECT departed FROM staff WHERE id = ?1",
                [staff_id],
                |r| r.get(0),
            )?;
            if old.is_none() {
                return Err(Error::Refused(Refusal::NotDeparted(staff_id)));
            }
            tx.execute("UPDATE staff SET departed = NULL WHERE id = ?1", [staff_id])?;
            Ok((
                (),
                vec![AuditEntry::new("undo_departure", "staff", staff_id)
                    .scope(&code)
                    .change("departed", old, None)],
            ))
        })
    }
}
