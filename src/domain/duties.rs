//! Duties on a calendar: the reports, plans, summaries and payments a profile requires,
//! expanded into instances per owner and period as of a date (never into the future), each
//! received, received late, missing or not yet due. Pure: "as of" is an argument, the
//! received records come in as data.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::calendar::{add_days, add_months};
use super::division::{Level, Tree};
use super::network::Network;
use super::policy::{Cite, Profile};
use super::site::Tier;

/// Who owes a duty: one instance per owner and period.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    /// The operator (承接主体) of each station, named by the station's township code; a
    /// station owes the periods it existed in whose due day is not before it was established.
    Station,
    /// Each township (镇、街道) of the bound area.
    Township,
    /// Each county bureau (县、区、县级市) of the bound area; a bound county owes itself.
    County,
}

/// What is owed.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// A report (报告).
    Report,
    /// A plan (方案).
    Plan,
    /// A summary (汇总).
    Summary,
    /// A payment (拨付).
    Payment,
    /// A registration (登记).
    Registration,
    /// An evaluation held (评估).
    Evaluation,
}

/// How often a duty falls due.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every ISO week (Monday to Sunday).
    Weekly,
    /// Every calendar month.
    Monthly,
    /// Every half-year (H1 January-June, H2 July-December).
    HalfYearly,
    /// Every calendar year.
    Yearly,
    /// Once, on `due_date`.
    Once,
}

/// Who set a due day: the document, or the bureau where the document names none.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SetBy {
    /// The document names the day.
    #[default]
    Document,
    /// The document names none; the profile's default is the bureau's setting.
    Bureau,
}

/// The due day of a periodic duty: day `day` (the month's last day if shorter) of the month
/// `after_months` months after the period's first month. A monthly report due the 10th of
/// the next month is `{ after_months = 1, day = 10 }`; a yearly summary due 30 November of
/// the same year is `{ after_months = 10, day = 30 }`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    /// Months from the period's first month.
    pub after_months: u32,
    /// Day of that month (clamped to its last day).
    pub day: u32,
}

/// One duty of a profile.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// Id within the profile.
    pub id: String,
    /// What is owed, in Chinese.
    pub label_zh: String,
    /// The same in English.
    pub label_en: String,
    /// Report, plan, summary, payment...
    pub kind: DutyKind,
    /// Who owes it.
    pub owner: OwnerKind,
    /// To whom, in Chinese.
    pub to_zh: String,
    /// The same in English.
    pub to_en: String,
    /// How often.
    pub cadence: Cadence,
    /// The due day of each period (periodic duties).
    #[serde(default)]
    pub due: Option<DueRule>,
    /// The one date (once duties).
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// Whether the document or the bureau set the due day.
    #[serde(default)]
    pub due_set_by: SetBy,
    /// Why the due day is what it is, when the bureau set it.
    #[serde(default)]
    pub due_note: Option<String>,
    /// Days after the due day the document allows before an instance is late.
    #[serde(default)]
    pub grace_days: u32,
    /// The first period is the one holding this date (and a once duty begins on it).
    pub from: NaiveDate,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// One period of a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// An ISO week: its ISO year and number.
    Week(i32, u32),
    /// A calendar month.
    Month(i32, u32),
    /// A half-year, 1 or 2.
    Half(i32, u32),
    /// A calendar year.
    Year(i32),
    /// The one instance of a once duty, named by its due date.
    Once(NaiveDate),
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let first_next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    add_days(first_next, -1)
}

fn four_digit_year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| *y >= 1000)
}

impl Period {
    /// The period's text: `2022-W05`, `2021-12`, `2021-H2`, `2021`, or the due date of a
    /// once duty.
    pub fn label(&self) -> String {
        match self {
            Period::Week(y, w) => format!("{y:04}-W{w:02}"),
            Period::Month(y, m) => format!("{y:04}-{m:02}"),
            Period::Half(y, h) => format!("{y:04}-H{h}"),
            Period::Year(y) => format!("{y:04}"),
            Period::Once(d) => d.to_string(),
        }
    }

    /// Read a period's text; four-digit years only.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y] => four_digit_year(y).map(Period::Year),
            [y, w] if (w.starts_with('W') || w.starts_with('w')) && w.len() == 3 => {
                let y = four_digit_year(y)?;
                let w: u32 = w.get(1..)?.parse().ok()?;
                NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).map(|_| Period::Week(y, w))
            }
            [y, h] if h.eq_ignore_ascii_case("h1") || h.eq_ignore_ascii_case("h2") => {
                let half = if h.eq_ignore_ascii_case("h1") { 1 } else { 2 };
                four_digit_year(y).map(|y| Period::Half(y, half))
            }
            [y, m] if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                let y = four_digit_year(y)?;
                let m: u32 = m.parse().ok()?;
                (1..=12).contains(&m).then_some(Period::Month(y, m))
            }
            [y, m, d] if m.len() == 2 && d.len() == 2 => {
                let y = four_digit_year(y)?;
                NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?).map(Period::Once)
            }
            _ => None,
        }
    }

    /// The first day of the period (a once duty: the duty's `from`).
    pub fn start(&self, duty: &Duty) -> NaiveDate {
        match *self {
            Period::Week(y, w) => {
                NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).unwrap_or(NaiveDate::MIN)
            }
            Period::Month(y, m) => ymd(y, m, 1),
            Period::Half(y, h) => ymd(y, if h == 1 { 1 } else { 7 }, 1),
            Period::Year(y) => ymd(y, 1, 1),
            Period::Once(_) => duty.from,
        }
    }

    /// The last day of the period (a once duty: its due date).
    pub fn end(&self) -> NaiveDate {
        match *self {
            Period::Week(y, w) => {
                NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Sun).unwrap_or(NaiveDate::MIN)
            }
            Period::Month(y, m) => month_end(y, m),
            Period::Half(y, h) => month_end(y, if h == 1 { 6 } else { 12 }),
            Period::Year(y) => ymd(y, 12, 31),
            Period::Once(d) => d,
        }
    }

    fn containing(cadence: Cadence, d: NaiveDate) -> Option<Period> {
        let (y, m) = (d.year(), d.month());
        match cadence {
            Cadence::Weekly => {
                let w = d.iso_week();
                Some(Period::Week(w.year(), w.week()))
            }
            Cadence::Monthly => Some(Period::Month(y, m)),
            Cadence::HalfYearly => Some(Period::Half(y, if m <= 6 { 1 } else { 2 })),
            Cadence::Yearly => Some(Period::Year(y)),
            Cadence::Once => None,
        }
    }

    fn next(&self) -> Period {
        match *self {
            Period::Week(..) => {
                let w = add_days(self.end(), 1).iso_week();
                Period::Week(w.year(), w.week())
            }
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Half(y, 1) => Period::Half(y, 2),
            Period::Half(y, _) => Period::Half(y + 1, 1),
            Period::Year(y) => Period::Year(y + 1),
            Period::Once(d) => Period::Once(d),
        }
    }
}

impl Duty {
    /// The day an instance is due (before any grace).
    pub fn due_on(&self, p: Period) -> NaiveDate {
        match (p, self.due) {
            (Period::Once(d), _) => d,
            (_, Some(r)) => {
                let first = add_months(p.start(self), r.after_months);
                let last = month_end(first.year(), first.month());
                ymd(first.year(), first.month(), r.day.clamp(1, last.day()))
            }
            // A weekly duty is due on its Sunday; a periodic duty without a rule (refused
            // when the profile loads, weekly aside) likewise on the period's last day.
            (_, None) => p.end(),
        }
    }

    /// The last day an instance counts as on time: the due day plus the grace.
    pub fn deadline(&self, p: Period) -> NaiveDate {
        add_days(self.due_on(p), i64::from(self.grace_days))
    }

    /// Whether `p` is one of this duty's periods (its cadence, from its first period on).
    pub fn has_period(&self, p: Period) -> bool {
        let shape_ok = matches!(
            (self.cadence, p),
            (Cadence::Weekly, Period::Week(..))
                | (Cadence::Monthly, Period::Month(..))
                | (Cadence::HalfYearly, Period::Half(..))
                | (Cadence::Yearly, Period::Year(_))
        ) || (self.cadence == Cadence::Once
            && Some(p) == self.due_date.map(Period::Once));
        shape_ok && p.end() >= self.from
    }

    /// The periods that have begun by `as_of` (never one in the future), from the later of
    /// the duty's first period and the owner's `since` (a station's establishment), oldest
    /// first.
    pub fn periods(&self, since: Option<NaiveDate>, as_of: NaiveDate) -> Vec<Period> {
        if self.cadence == Cadence::Once {
            return match self.due_date {
                Some(d) if self.from <= as_of && since.is_none_or(|s| s <= d) => {
                    vec![Period::Once(d)]
                }
                _ => vec![],
            };
        }
        let mut out = Vec::new();
        let Some(mut p) = Period::containing(self.cadence, self.from) else {
            return out;
        };
        while p.start(self) <= as_of {
            // A station owes the periods it existed in that fall due on or after the day it
            // was established (a station set up in November owes no June evaluation).
            if since.is_none_or(|s| s <= p.end().min(self.due_on(p))) {
                out.push(p);
            }
            p = p.next();
        }
        out
    }
}

/// A received record as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The profile's id.
    pub policy: String,
    /// The duty's id within the profile.
    pub duty: String,
    /// The owner's division code.
    pub owner: String,
    /// The period's text (`Period::label`).
    pub period: String,
    /// The day it came; None when a mark was undone (the row stays for its version).
    pub received: Option<NaiveDate>,
    /// Who recorded it.
    pub recorded_by: String,
    /// An optional note or file name.
    pub note: Option<String>,
    /// Raised by every change, for stale imports.
    pub version: i64,
    /// Made up by the demo.
    pub synthetic: bool,
}

/// One instance's new state: received on a day (or not, to undo a mark), with a note.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyMark {
    /// The profile's id.
    pub policy: String,
    /// The duty's id.
    pub duty: String,
    /// The owner's division code.
    pub owner: String,
    /// The period's text.
    pub period: String,
    /// The day received; None clears the mark.
    pub received: Option<NaiveDate>,
    /// A note or file name.
    pub note: Option<String>,
    /// The version the writer saw (0: no record); a different stored version refuses the
    /// whole write as someone else's change.
    pub seen_version: i64,
}

impl DutyMark {
    /// The instance as the audit names it: `policy/duty/owner/period`.
    pub fn entity_id(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.policy, self.duty, self.owner, self.period
        )
    }
}

/// Where an instance stands as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Received on or before its deadline.
    Received(NaiveDate),
    /// Received after its deadline, `days` days late.
    Late {
        /// The day it came.
        on: NaiveDate,
        /// Days past the deadline.
        days: i64,
    },
    /// Past its deadline with nothing received, `days` days overdue as of the date.
    Missing {
        /// Days past the deadline.
        days: i64,
    },
    /// Its deadline has not passed and nothing is received yet.
    NotYetDue,
}

impl Status {
    /// Days late (received late) or overdue (missing); 0 otherwise.
    pub fn days_late(&self) -> i64 {
        match *self {
            Status::Late { days, .. } | Status::Missing { days } => days,
            _ => 0,
        }
    }
    /// The status's stable key for files: received, late, missing, not_yet_due.
    pub fn key(&self) -> &'static str {
        match self {
            Status::Received(_) => "received",
            Status::Late { .. } => "late",
            Status::Missing { .. } => "missing",
            Status::NotYetDue => "not_yet_due",
        }
    }
    /// Whether it counts as received (on time or late).
    pub fn is_received(&self) -> bool {
        matches!(self, Status::Received(_) | Status::Late { .. })
    }
}

/// The status of one instance as of `as_of`. A record received after `as_of` is not yet
/// received then, so the same history answers for any date.
pub fn status(duty: &Duty, p: Period, received: Option<NaiveDate>, as_of: NaiveDate) -> Status {
    let deadline = duty.deadline(p);
    match received.filter(|r| *r <= as_of) {
        Some(r) if r <= deadline => Status::Received(r),
        Some(r) => Status::Late {
            on: r,
            days: (r - deadline).num_days(),
        },
        None if as_of > deadline => Status::Missing {
            days: (as_of - deadline).num_days(),
        },
        None => Status::NotYetDue,
    }
}

/// One owner of a duty: a division node, and from when it owes (a station's establishment).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Owner {
    /// The tree node.
    pub node: u32,
    /// The owner owes periods ending on or after this day.
    pub since: Option<NaiveDate>,
}

/// The owners of `duty` under the profile's bound areas, within the subtree of `scope`.
pub fn owners(duty: &Duty, profile: &Profile, net: &Network, scope: u32) -> Vec<Owner> {
    let tree: &Tree = &net.tree;
    let mut out = Vec::new();
    for b in &profile.binds_to {
        let Some(root) = tree.find(b) else { continue };
        // The intersection of the bound area and the scope: one holds the other, or nothing.
        let top = if tree.is_ancestor_or_self(root, scope) {
            scope
        } else if tree.is_ancestor_or_self(scope, root) {
            root
        } else {
            continue;
        };
        for i in tree.subtree(top) {
            let n = tree.node(i);
            match duty.owner {
                OwnerKind::County if n.level == Level::County => out.push(Owner {
                    node: i,
                    since: None,
                }),
                OwnerKind::Township if n.level == Level::Township => out.push(Owner {
                    node: i,
                    since: None,
                }),
                OwnerKind::Station if n.level == Level::Township => {
                    if let Some(est) = net
                        .site_at(i)
                        .filter(|s| s.tier == Tier::Station)
                        .and_then(|s| s.established_on())
                    {
                        out.push(Owner {
                            node: i,
                            since: Some(est),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|o| o.node);
    out.dedup_by_key(|o| o.node);
    out
}

/// The periods an owner owes as of a date.
pub fn owner_periods(duty: &Duty, owner: &Owner, as_of: NaiveDate) -> Vec<Period> {
    duty.periods(owner.since, as_of)
}

/// One instance: a duty owed by an owner for a period, with its status as of the date.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance<'a> {
    /// The profile the duty belongs to.
    pub profile: &'a Profile,
    /// The duty.
    pub duty: &'a Duty,
    /// The owner's tree node.
    pub owner: u32,
    /// The period.
    pub period: Period,
    /// Due day (before grace).
    pub due: NaiveDate,
    /// Where it stands.
    pub status: Status,
    /// The stored record, if any (received or undone).
    pub receipt: Option<&'a Receipt>,
}

/// Records by (policy, duty, owner code, period text), for lookup during expansion.
pub type Receipts<'a> = HashMap<(&'a str, &'a str, &'a str, &'a str), &'a Receipt>;

/// Index records for `expand`.
pub fn index(records: &[Receipt]) -> Receipts<'_> {
    records
        .iter()
        .map(|r| {
            (
                (
                    r.policy.as_str(),
                    r.duty.as_str(),
                    r.owner.as_str(),
                    r.period.as_str(),
                ),
                r,
            )
        })
        .collect()
}

/// Every instance of every duty of `profiles` under `scope` as of `as_of`, in profile, duty,
/// owner and period order.
pub fn expand<'a>(
    profiles: &'a [Profile],
    net: &Network,
    scope: u32,
    records: &Receipts<'a>,
    as_of: NaiveDate,
) -> Vec<Instance<'a>> {
    let mut out = Vec::new();
    for profile in profiles {
        for duty in &profile.duties {
            for owner in owners(duty, profile, net, scope) {
                let code = net.tree.node(owner.node).code_str();
                for p in owner_periods(duty, &owner, as_of) {
                    let label = p.label();
                    let receipt = records
                        .get(&(
                            profile.id.as_str(),
                            duty.id.as_str(),
                            code.as_str(),
                            label.as_str(),
                        ))
                        .copied();
                    let received = receipt.and_then(|r| r.received);
                    out.push(Instance {
                        profile,
                        duty,
                        owner: owner.node,
                        period: p,
                        due: duty.due_on(p),
                        status: status(duty, p, received, as_of),
                        receipt,
                    });
                }
            }
        }
    }
    out
}

/// Received and due-so-far counts of one duty (a summary line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Received on time.
    pub on_time: usize,
    /// Received late.
    pub late: usize,
    /// Past deadline with nothing received.
    pub missing: usize,
    /// Not due yet (and not received).
    pub not_yet_due: usize,
}

impl Tally {
    /// Count one status.
    pub fn add(&mut self, s: &Status) {
        match s {
            Status::Received(_) => self.on_time += 1,
            Status::Late { .. } => self.late += 1,
            Status::Missing { .. } => self.missing += 1,
            Status::NotYetDue => self.not_yet_due += 1,
        }
    }
    /// Received, on time or late.
    pub fn received(&self) -> usize {
        self.on_time + self.late
    }
    /// Instances whose deadline has passed, plus any received early.
    pub fn due_so_far(&self) -> usize {
        self.on_time + self.late + self.missing
    }
}

/// How far back a duty received late still raises an alert: its deadline within this many
/// days of the date. Missing instances raise one however old.
pub const LATE_ALERT_DAYS: i64 = 365;

/// The instances `sgz check` raises: every missing one (most overdue first), then those
/// received late whose deadline falls within `LATE_ALERT_DAYS` of `as_of`.
pub fn alerts<'a>(instances: &[Instance<'a>], as_of: NaiveDate) -> Vec<Instance<'a>> {
    let mut missing: Vec<Instance> = instances
        .iter()
        .filter(|i| matches!(i.status, Status::Missing { .. }))
        .cloned()
        .collect();
    missing.sort_by_key(|i| std::cmp::Reverse(i.status.days_late()));
    let since = add_days(as_of, -LATE_ALERT_DAYS);
    let mut late: Vec<Instance> = instances
        .iter()
        .filter(|i| matches!(i.status, Status::Late { .. }) && i.duty.deadline(i.period) >= since)
        .cloned()
        .collect();
    late.sort_by_key(|i| std::cmp::Reverse(i.due));
    missing.extend(late);
    missing
}

/// One child of a scope with the duties owed under it, for the 红黑榜 by duties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildDuties {
    /// The child's tree node.
    pub node: u32,
    /// Instances past their deadline with nothing received.
    pub missing: usize,
    /// Instances received after their deadline.
    pub late: usize,
    /// Instances whose deadline has passed (received, late or missing).
    pub due: usize,
}

/// The children of `scope` ranked worst first by duties: most missing, then the largest
/// share missing, then most late, then code order. `statuses` are (owner node, status) of
/// the instances under the scope; an instance the scope itself owes belongs to no child.
pub fn rank_children(
    tree: &Tree,
    scope: u32,
    statuses: impl IntoIterator<Item = (u32, Status)>,
) -> Vec<ChildDuties> {
    let mut out: Vec<ChildDuties> = tree
        .children(scope)
        .map(|node| ChildDuties {
            node,
            missing: 0,
            late: 0,
            due: 0,
        })
        .collect();
    for (owner, st) in statuses {
        // Children are in preorder: the last one starting at or before the owner holds it.
        let k = out.partition_point(|c| c.node <= owner);
        let Some(c) = k.checked_sub(1).and_then(|k| out.get_mut(k)) else {
            continue;
        };
        if !tree.is_ancestor_or_self(c.node, owner) {
            continue;
        }
        match st {
            Status::Missing { .. } => c.missing += 1,
            Status::Late { .. } => c.late += 1,
            _ => {}
        }
        if !matches!(st, Status::NotYetDue) {
            c.due += 1;
        }
    }
    out.sort_by(|a, b| {
        let share = |c: &ChildDuties| c.missing as f64 / c.due.max(1) as f64;
        b.missing
            .cmp(&a.missing)
            .then(share(b).total_cmp(&share(a)))
            .then(b.late.cmp(&a.late))
            .then(a.node.cmp(&b.node))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn monthly() -> Duty {
        Duty {
            id: "m".into(),
            label_zh: "月报".into(),
            label_en: "monthly".into(),
            kind: DutyKind::Report,
            owner: OwnerKind::Station,
            to_zh: "县".into(),
            to_en: "county".into(),
            cadence: Cadence::Monthly,
            due: Some(DueRule {
                after_months: 1,
                day: 10,
            }),
            due_date: None,
            due_set_by: SetBy::Bureau,
            due_note: None,
            grace_days: 0,
            from: d("2021-05-01"),
            cite: Cite::default(),
        }
    }

    #[test]
    fn period_labels_read_back_and_need_four_digit_years() {
        for s in [
            "2021-12",
            "2021-H2",
            "2021",
            "2021-12-31",
            "2022-H1",
            "2022-W05",
            "2020-W53",
        ] {
            let p = Period::parse(s).expect(s);
            assert_eq!(p.label(), s);
        }
        for s in [
            "21-12", "21", "2021-13", "2021-H3", "202-01", "2021-1", "12021", "", "2021-W53",
            "2021-W00",
        ] {
            assert_eq!(Period::parse(s), None, "{s}");
        }
    }

    #[test]
    fn due_day_is_clamped_to_the_month() {
        let mut m = monthly();
        m.due = Some(DueRule {
            after_months: 1,
            day: 31,
        });
        assert_eq!(m.due_on(Period::Month(2022, 1)), d("2022-02-28"));
        assert_eq!(m.due_on(Period::Month(2021, 12)), d("2022-01-31"));
    }

    #[test]
    fn a_received_date_after_as_of_is_not_yet_received() {
        let m = monthly();
        let p = Period::Month(2021, 12);
        assert_eq!(
            status(&m, p, Some(d("2022-01-20")), d("2022-01-15")),
            Status::Missing { days: 5 }
        );
        assert_eq!(
            status(&m, p, Some(d("2022-01-20")), d("2022-01-20")),
            Status::Late {
                on: d("2022-01-20"),
                days: 10
            }
        );
    }

    #[test]
    fn grace_moves_the_deadline() {
        let mut m = monthly();
        m.grace_days = 5;
        let p = Period::Month(2021, 12);
        assert_eq!(status(&m, p, None, d("2022-01-15")), Status::NotYetDue);
        assert_eq!(
            status(&m, p, None, d("2022-01-16")),
            Status::Missing { days: 1 }
        );
    }

    #[test]
    fn periods_never_run_into_the_future() {
        let m = monthly();
        let ps = m.periods(None, d("2021-07-01"));
        assert_eq!(
            ps,
            vec![
                Period::Month(2021, 5),
                Period::Month(2021, 6),
                Period::Month(2021, 7)
            ]
        );
        assert!(m.periods(None, d("2021-04-30")).is_empty());
    }
}
