//! The duties view's rows: every instance owed under the scope as of the date, from the same
//! expansion `sgz report duties` prints, with what the view sorts and marks by.

use chrono::NaiveDate;

use crate::domain::duties::{self, Status};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::tui::state::DutySort;

/// One instance, owned (the view keeps it between frames).
#[derive(Debug, Clone, PartialEq)]
pub struct DutyRow {
    pub policy: String,
    pub doc_number: String,
    pub duty: String,
    pub label_zh: String,
    pub label_en: String,
    pub clause: String,
    pub rule_zh: String,
    pub rule_en: String,
    pub to_zh: String,
    pub to_en: String,
    pub owner: u32,
    pub owner_code: String,
    pub period: String,
    pub start: NaiveDate,
    pub due: NaiveDate,
    pub status: Status,
    pub recorded_by: Option<String>,
    pub note: Option<String>,
    /// The stored version (0: no record), for the write.
    pub version: i64,
    pub due_by_bureau: bool,
}

/// Every instance under `scope` as of `as_of`.
pub fn rows(net: &Network, profiles: &[Profile], scope: u32, as_of: NaiveDate) -> Vec<DutyRow> {
    let idx = duties::index(&net.duties);
    duties::expand(profiles, net, scope, &idx, as_of)
        .into_iter()
        .map(|i| DutyRow {
            policy: i.profile.id.clone(),
            doc_number: i.profile.doc_number.clone(),
            duty: i.duty.id.clone(),
            label_zh: i.duty.label_zh.clone(),
            label_en: i.duty.label_en.clone(),
            clause: i.duty.cite.clause.clone(),
            rule_zh: i.duty.cite.zh.clone(),
            rule_en: i.duty.cite.en.clone(),
            to_zh: i.duty.to_zh.clone(),
            to_en: i.duty.to_en.clone(),
            owner: i.owner,
            owner_code: net.tree.node(i.owner).code_str(),
            period: i.period.label(),
            start: i.period.start(i.duty),
            due: i.duty.deadline(i.period),
            status: i.status,
            recorded_by: i
                .receipt
                .filter(|_| i.status.is_received())
                .map(|r| r.recorded_by.clone()),
            note: i.receipt.and_then(|r| r.note.clone()),
            version: i.receipt.map_or(0, |r| r.version),
            due_by_bureau: i.duty.due_set_by == duties::SetBy::Bureau,
        })
        .collect()
}

fn rank(s: &Status) -> u8 {
    match s {
        Status::Missing { .. } => 0,
        Status::Late { .. } => 1,
        Status::NotYetDue => 2,
        Status::Received(_) => 3,
    }
}

/// The rows in the view's order: most overdue first (missing by days overdue, then late by
/// days late, then what is not yet due by its date, then what came), or latest due first.
pub fn sorted(rows: &[DutyRow], sort: DutySort) -> Vec<&DutyRow> {
    let mut v: Vec<&DutyRow> = rows.iter().collect();
    match sort {
        DutySort::Overdue => v.sort_by(|a, b| {
            (
                rank(&a.status),
                std::cmp::Reverse(a.status.days_late()),
                a.due,
                &a.owner_code,
            )
                .cmp(&(
                    rank(&b.status),
                    std::cmp::Reverse(b.status.days_late()),
                    b.due,
                    &b.owner_code,
                ))
        }),
        DutySort::Due => v.sort_by(|a, b| {
            (std::cmp::Reverse(a.due), &a.owner_code, &a.duty).cmp(&(
                std::cmp::Reverse(b.due),
                &b.owner_code,
                &b.duty,
            ))
        }),
    }
    v
}

/// The children of the scope ranked by missing duties (the 红黑榜 by duties).
pub fn ranking(
    d: &crate::tui::model::Derived,
    m: &crate::tui::model::Model,
) -> Vec<duties::ChildDuties> {
    duties::rank_children(
        &m.net.tree,
        d.scope,
        d.duty_rows(m).iter().map(|r| (r.owner, r.status)),
    )
}
