//! A person's deadlines under their profile: certificate, registration, hours, contract,
//! age, experience and level, each with its status on "today" and the facts behind it.

use chrono::{Datelike, NaiveDate};

use super::{
    add_days, add_years, age_on, ce_required, experience_years, profile_of_site, role_applies,
    sub_months, WINDOW_DAYS,
};
use crate::domain::network::Network;
use crate::domain::policy::{
    AgeRule, CertFrom, CertificationRule, Cite, ContractRule, ExperienceRule, Profile,
    RegistrationRule, TrainingRule,
};
use crate::domain::staff::{CertLevel, Staff};

/// Which rule a person's deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// Workers without a certificate pass within N years of starting.
    Certification,
    /// First registration within a year of passing.
    FirstRegistration,
    /// The registration's expiry (renewal window before it, lapsed after).
    Registration,
    /// Continuing-education hours of the registration period, due at its expiry.
    ContinuingEducation,
    /// Training hours of the calendar year, due 12-31.
    Training,
    /// End of the current contract, and whether it may be renewed.
    ContractEnd,
    /// The last day under the age limit.
    Age,
    /// Years of relevant experience.
    Experience,
    /// A certificate level the role requires (Ningxia's supervisor).
    Qualification,
}

impl DeadlineKind {
    /// Every kind, in the order a person's deadlines are listed.
    pub const ALL: [DeadlineKind; 9] = [
        DeadlineKind::Certification,
        DeadlineKind::FirstRegistration,
        DeadlineKind::Registration,
        DeadlineKind::ContinuingEducation,
        DeadlineKind::Training,
        DeadlineKind::ContractEnd,
        DeadlineKind::Age,
        DeadlineKind::Experience,
        DeadlineKind::Qualification,
    ];
    /// The kind as written in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Certification => "certification",
            DeadlineKind::FirstRegistration => "first_registration",
            DeadlineKind::Registration => "registration",
            DeadlineKind::ContinuingEducation => "continuing_education",
            DeadlineKind::Training => "training",
            DeadlineKind::ContractEnd => "contract_end",
            DeadlineKind::Age => "age",
            DeadlineKind::Experience => "experience",
            DeadlineKind::Qualification => "qualification",
        }
    }
    /// The kind named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a deadline stands on "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineStatus {
    /// Satisfied: nothing to do.
    Met,
    /// Ahead, outside its window.
    Open,
    /// Ahead (or today) and inside its window.
    DueSoon,
    /// Passed and not satisfied.
    Overdue,
    /// A standing requirement not satisfied now (experience, level); `due` says when it
    /// will be, if time alone can satisfy it.
    Unmet,
}

impl DeadlineStatus {
    /// The status as written in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "met",
            DeadlineStatus::Open => "open",
            DeadlineStatus::DueSoon => "due_soon",
            DeadlineStatus::Overdue => "overdue",
            DeadlineStatus::Unmet => "unmet",
        }
    }
    /// Whether the deadline still asks for something.
    pub fn matters(self) -> bool {
        self != DeadlineStatus::Met
    }
}

/// The facts behind a deadline, for the sentence that explains it.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// The certificate deadline.
    Certificate {
        /// The day the years count from (hire or contract start).
        start: NaiveDate,
        /// The level that satisfies the rule.
        min_level: CertLevel,
    },
    /// The first registration after passing.
    FirstRegistration {
        /// The day the exam was passed.
        passed: NaiveDate,
    },
    /// The registration's expiry and its renewal window.
    Registration {
        /// The day registered, if known.
        registered: Option<NaiveDate>,
        /// The first day re-registration may be applied for.
        window_opens: NaiveDate,
    },
    /// Hours of training or continuing education.
    Hours {
        /// Hours done so far.
        done: f64,
        /// Hours the rule asks for.
        required: f64,
        /// The calendar year for training; None for a registration period.
        year: Option<i32>,
    },
    /// The contract's end and renewal.
    Contract {
        /// The contract's first day, if known.
        start: Option<NaiveDate>,
        /// Longest term the profile allows.
        max_years: u32,
        /// Whether the term is longer than that.
        too_long: bool,
        /// The certificate renewal needs, if the profile sets one.
        renewal_min_level: Option<CertLevel>,
        /// Whether renewal is allowed on the person's certificate.
        renewal_allowed: bool,
    },
    /// The age limit.
    Age {
        /// Age in whole years on "today".
        age: i32,
        /// The limit: must be younger than this.
        under: u32,
    },
    /// Years of experience.
    Experience {
        /// Years so far, prior ones included.
        years: f64,
        /// Years the role needs.
        min_years: f64,
    },
    /// The certificate level a role needs.
    Level {
        /// The level held.
        level: CertLevel,
        /// The level needed.
        min_level: CertLevel,
    },
}

/// One deadline of one person under one rule, as of "today".
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// Which rule.
    pub kind: DeadlineKind,
    /// The last day on which the deadline is (or can still be) met.
    pub due: Option<NaiveDate>,
    /// `due - today` in days, negative once past.
    pub days_left: Option<i64>,
    /// Where it stands.
    pub status: DeadlineStatus,
    /// The rule: clause and what it says, in both languages.
    pub cite: Cite,
    /// The facts the sentence about it needs.
    pub detail: Detail,
}

impl Deadline {
    fn new(
        kind: DeadlineKind,
        due: Option<NaiveDate>,
        status: DeadlineStatus,
        cite: &Cite,
        detail: Detail,
        today: NaiveDate,
    ) -> Deadline {
        Deadline {
            kind,
            due,
            days_left: due.map(|d| (d - today).num_days()),
            status,
            cite: cite.clone(),
            detail,
        }
    }
}

fn timed(due: NaiveDate, opens: NaiveDate, today: NaiveDate) -> DeadlineStatus {
    if today > due {
        DeadlineStatus::Overdue
    } else if today >= opens {
        DeadlineStatus::DueSoon
    } else {
        DeadlineStatus::Open
    }
}

fn soon(due: NaiveDate, today: NaiveDate) -> DeadlineStatus {
    timed(due, add_days(due, -WINDOW_DAYS), today)
}

/// Every deadline of one person under `profile` (None: only the national registration
/// rules apply). Empty for anyone not active on `today`.
pub fn deadlines(profile: Option<&Profile>, p: &Staff, today: NaiveDate) -> Vec<Deadline> {
    let mut out = Vec::new();
    if !p.active_on(today) {
        return out;
    }
    let national;
    let reg = match profile {
        Some(pr) => &pr.registration,
        None => {
            national = RegistrationRule::default();
            &national
        }
    };
    if let Some(rule) = profile.and_then(|pr| pr.certification.as_ref()) {
        certification(&mut out, rule, p, today);
    }
    registration(&mut out, reg, p, today);
    if let Some(rule) = profile.and_then(|pr| pr.training.as_ref()) {
        training(&mut out, rule, p, today);
    }
    if let Some(rule) = profile.and_then(|pr| pr.contract.as_ref()) {
        contract(&mut out, rule, p, today);
    }
    if let Some(rule) = profile.and_then(|pr| pr.age.as_ref()) {
        age(&mut out, rule, p, today);
    }
    for rule in profile
        .map(|pr| pr.experience.as_slice())
        .unwrap_or_default()
    {
        experience(&mut out, rule, p, today);
    }
    out
}

/// The certificate deadline counted from hire or contract start.
fn certification(out: &mut Vec<Deadline>, rule: &CertificationRule, p: &Staff, today: NaiveDate) {
    if role_applies(&rule.roles, p.role) {
        let start = match rule.from {
            CertFrom::Hire => p.hired,
            // Renewal needs the certificate, so for anyone still uncertified the current
            // contract is the first one.
            CertFrom::ContractStart => p.contract_start.unwrap_or(p.hired),
        };
        let due = add_years(start, rule.years);
        let status = if p.certified_on(today, rule.min_level) {
            DeadlineStatus::Met
        } else {
            soon(due, today)
        };
        out.push(Deadline::new(
            DeadlineKind::Certification,
            Some(due),
            status,
            &rule.cite,
            Detail::Certificate {
                start,
                min_level: rule.min_level,
            },
            today,
        ));
    }
}

/// First registration after passing, or the registration's expiry and its hours.
fn registration(out: &mut Vec<Deadline>, reg: &RegistrationRule, p: &Staff, today: NaiveDate) {
    let holds = p.cert_level != CertLevel::None && p.cert_passed.is_none_or(|d| d <= today);
    if holds {
        let registered = p.reg_date.is_some() || p.reg_expiry.is_some();
        if !registered {
            if let Some(passed) = p.cert_passed {
                let due = add_years(passed, reg.first_within_years);
                out.push(Deadline::new(
                    DeadlineKind::FirstRegistration,
                    Some(due),
                    soon(due, today),
                    &reg.cite,
                    Detail::FirstRegistration { passed },
                    today,
                ));
            }
        } else if let Some(expiry) = p
            .reg_expiry
            .or_else(|| p.reg_date.map(|d| add_years(d, reg.valid_years)))
        {
            let opens = sub_months(expiry, reg.window_months);
            out.push(Deadline::new(
                DeadlineKind::Registration,
                Some(expiry),
                timed(expiry, opens, today),
                &reg.cite,
                Detail::Registration {
                    registered: p.reg_date,
                    window_opens: opens,
                },
                today,
            ));
            if let Some(need) = ce_required(reg, p.cert_level) {
                let need = need as f64;
                let status = if p.ce_hours >= need {
                    DeadlineStatus::Met
                } else {
                    timed(expiry, opens, today)
                };
                out.push(Deadline::new(
                    DeadlineKind::ContinuingEducation,
                    Some(expiry),
                    status,
                    &reg.cite,
                    Detail::Hours {
                        done: p.ce_hours,
                        required: need,
                        year: None,
                    },
                    today,
                ));
            }
        }
    }
}

/// Training hours `rule` asks of `p` for `year`, pro rata for someone hired in it; None if
/// they were not employed that year or the year has no dates.
fn training_required(rule: &TrainingRule, p: &Staff, year: i32) -> Option<(NaiveDate, f64)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let due = NaiveDate::from_ymd_opt(year, 12, 31)?;
    if p.hired > due {
        return None;
    }
    // Someone hired during the year owes the share of the year they are employed.
    let days_in_year = (due - start).num_days() + 1;
    let employed = (due - p.hired.max(start)).num_days() + 1;
    let required = (rule.hours_per_year as f64 * employed as f64 / days_in_year as f64).ceil();
    Some((due, required))
}

/// The training hours of the current calendar year, and a year that closed short: that stays
/// overdue until the current year's hours are met (Nantong §四(二), Wenzhou §六(三)2).
fn training(out: &mut Vec<Deadline>, rule: &TrainingRule, p: &Staff, today: NaiveDate) {
    if !role_applies(&rule.roles, p.role) {
        return;
    }
    let year = today.year();
    let Some((due, required)) = training_required(rule, p, year) else {
        return;
    };
    let done = p.training_hours(year);
    let this_year_met = done >= required;
    if !this_year_met {
        if let Some((last_due, last_required)) = training_required(rule, p, year - 1) {
            let last_done = p.training_hours(year - 1);
            if last_done < last_required {
                out.push(Deadline::new(
                    DeadlineKind::Training,
                    Some(last_due),
                    DeadlineStatus::Overdue,
                    &rule.cite,
                    Detail::Hours {
                        done: last_done,
                        required: last_required,
                        year: Some(year - 1),
                    },
                    today,
                ));
            }
        }
    }
    let status = if this_year_met {
        DeadlineStatus::Met
    } else {
        soon(due, today)
    };
    out.push(Deadline::new(
        DeadlineKind::Training,
        Some(due),
        status,
        &rule.cite,
        Detail::Hours {
            done,
            required,
            year: Some(year),
        },
        today,
    ));
}

/// The contract's end, whether its term is too long and whether it may be renewed.
fn contract(out: &mut Vec<Deadline>, rule: &ContractRule, p: &Staff, today: NaiveDate) {
    let Some(end) = p.contract_end else {
        return;
    };
    let renewal_allowed = rule
        .renewal_min_level
        .is_none_or(|m| p.certified_on(today, m));
    let too_long = p
        .contract_start
        .is_some_and(|s| end > add_years(s, rule.max_years));
    out.push(Deadline::new(
        DeadlineKind::ContractEnd,
        Some(end),
        soon(end, today),
        &rule.cite,
        Detail::Contract {
            start: p.contract_start,
            max_years: rule.max_years,
            too_long,
            renewal_min_level: rule.renewal_min_level,
            renewal_allowed,
        },
        today,
    ));
}

/// The last day under the age limit.
fn age(out: &mut Vec<Deadline>, rule: &AgeRule, p: &Staff, today: NaiveDate) {
    let Some(birth) = p.birth else {
        return;
    };
    if rule.roles.contains(&p.role) {
        let due = add_days(add_years(birth, rule.under), -1);
        out.push(Deadline::new(
            DeadlineKind::Age,
            Some(due),
            soon(due, today),
            &rule.cite,
            Detail::Age {
                age: age_on(birth, today),
                under: rule.under,
            },
            today,
        ));
    }
}

/// Years of experience and the certificate level a role needs.
fn experience(out: &mut Vec<Deadline>, rule: &ExperienceRule, p: &Staff, today: NaiveDate) {
    if !rule.roles.contains(&p.role) {
        return;
    }
    if let Some(min) = rule.min_years {
        let years = experience_years(p, today);
        let missing = (min - p.prior_years).max(0.0);
        let reached = add_days(p.hired, (missing * 365.25).ceil() as i64);
        let status = if years >= min {
            DeadlineStatus::Met
        } else {
            DeadlineStatus::Unmet
        };
        out.push(Deadline::new(
            DeadlineKind::Experience,
            Some(reached),
            status,
            &rule.cite,
            Detail::Experience {
                years,
                min_years: min,
            },
            today,
        ));
    }
    if let Some(min_level) = rule.min_level {
        let status = if p.certified_on(today, min_level) {
            DeadlineStatus::Met
        } else {
            DeadlineStatus::Unmet
        };
        out.push(Deadline::new(
            DeadlineKind::Qualification,
            None,
            status,
            &rule.cite,
            Detail::Level {
                level: p.cert_level,
                min_level,
            },
            today,
        ));
    }
}

/// The deadlines of a person at their site's bound profile.
pub fn person_deadlines(
    net: &Network,
    profiles: &[Profile],
    p: &Staff,
    today: NaiveDate,
) -> Vec<Deadline> {
    deadlines(profile_of_site(net, profiles, p.site_id), p, today)
}

/// The nearest deadline that still matters: the earliest due date among those not met
/// (so anything overdue comes first), then standing requirements without a date.
pub fn next_deadline(ds: &[Deadline]) -> Option<&Deadline> {
    ds.iter()
        .filter(|d| d.status.matters())
        .min_by_key(|d| (d.due.is_none(), d.due))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Role;
    use std::collections::BTreeMap;
    use DeadlineStatus::{DueSoon, Met, Open, Overdue, Unmet};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn profile(id: &str) -> Profile {
        crate::io::policy::embedded()
            .unwrap()
            .into_iter()
            .find(|p| p.id == id)
            .unwrap()
    }

    /// Someone who meets every rule on 2026-11-22 under every seed profile.
    fn clean(role: Role) -> Staff {
        Staff {
            id: 1,
            site_id: 1,
            name: "张三".into(),
            role,
            birth: Some(d("1990-03-01")),
            hired: d("2020-01-01"),
            contract_start: None,
            contract_end: None,
            cert_level: CertLevel::Intermediate,
            cert_passed: Some(d("2019-06-20")),
            reg_date: Some(d("2024-06-01")),
            reg_expiry: Some(d("2027-06-01")),
            ce_hours: 100.0,
            training: BTreeMap::from([(2024, 100.0), (2025, 100.0), (2026, 100.0), (2027, 100.0)]),
            sw_degree: true,
            prior_years: 10.0,
            departed: None,
            synthetic: false,
        }
    }

    fn uncertified(mut p: Staff) -> Staff {
        p.cert_level = CertLevel::None;
        p.cert_passed = None;
        p.reg_date = None;
        p.reg_expiry = None;
        p
    }

    fn find(pr: Option<&Profile>, p: &Staff, kind: DeadlineKind, on: &str) -> Option<Deadline> {
        deadlines(pr, p, d(on)).into_iter().find(|x| x.kind == kind)
    }

    /// (status, days_left) of the deadline of `kind` on each date; None when there is none.
    fn walk(
        pr: Option<&Profile>,
        p: &Staff,
        kind: DeadlineKind,
        dates: &[&str],
    ) -> Vec<Option<(DeadlineStatus, Option<i64>)>> {
        dates
            .iter()
            .map(|on| find(pr, p, kind, on).map(|x| (x.status, x.days_left)))
            .collect()
    }

    #[test]
    fn a_clean_person_has_nothing_due_under_any_seed_profile() {
        for pr in crate::io::policy::embedded().unwrap() {
            for role in Role::ALL {
                let p = clean(role);
                let due: Vec<_> = deadlines(Some(&pr), &p, d("2026-11-22"))
                    .into_iter()
                    .filter(|x| x.status.matters() && x.status != Open)
                    .collect();
                assert!(due.is_empty(), "{} {role:?}: {due:?}", pr.id);
            }
        }
    }

    #[test]
    fn ningxia_three_year_certificate_deadline_boundary() {
        // §三(一)3: a project worker without the certificate passes within 3 years of hire.
        let nx = profile("ningxia-2021");
        let mut p = uncertified(clean(Role::ProjectWorker));
        p.hired = d("2021-05-01");
        let k = DeadlineKind::Certification;
        assert_eq!(
            walk(
                Some(&nx),
                &p,
                k,
                &["2024-04-30", "2024-05-01", "2024-05-02"]
            ),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "§三(一)3: hired 2021-05-01, due 2024-05-01"
        );
        // Due soon from 90 days ahead (2024 is a leap year: 2024-02-01).
        assert_eq!(
            walk(Some(&nx), &p, k, &["2024-01-31", "2024-02-01"]),
            [Some((Open, Some(91))), Some((DueSoon, Some(90)))]
        );
        let x = find(Some(&nx), &p, k, "2024-05-02").unwrap();
        assert_eq!(
            (x.cite.clause.as_str(), x.due),
            ("§三(一)3", Some(d("2024-05-01")))
        );
        // Passing on the due date meets it; resident workers are not under this rule.
        p.cert_level = CertLevel::Assistant;
        p.cert_passed = Some(d("2024-05-01"));
        assert_eq!(
            walk(Some(&nx), &p, k, &["2024-04-30", "2024-05-01"]),
            [Some((DueSoon, Some(1))), Some((Met, Some(0)))]
        );
        let r = uncertified(clean(Role::ResidentWorker));
        assert_eq!(
            find(Some(&nx), &r, k, "2026-11-22"),
            None,
            "§三(一)3 names project workers only"
        );
    }

    #[test]
    fn nantong_certificate_within_first_contract_boundary() {
        // §四(二): every worker but the station head, from the first contract's start.
        let nt = profile("nantong-2021");
        let mut p = uncertified(clean(Role::Assistant));
        p.hired = d("2021-03-01");
        p.contract_start = Some(d("2021-04-01"));
        let k = DeadlineKind::Certification;
        assert_eq!(
            walk(
                Some(&nt),
                &p,
                k,
                &["2024-03-31", "2024-04-01", "2024-04-02"]
            ),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "§四(二): contract from 2021-04-01, due 2024-04-01"
        );
        let head = uncertified(clean(Role::StationHead));
        assert_eq!(
            find(Some(&nt), &head, k, "2026-11-22"),
            None,
            "§四(二): the station head is not counted"
        );
    }

    #[test]
    fn first_registration_within_one_year_of_passing_boundary() {
        // 民发〔2009〕44号 art. 3: register within a year of passing.
        let mut p = clean(Role::ResidentWorker);
        p.cert_passed = Some(d("2025-06-10"));
        p.reg_date = None;
        p.reg_expiry = None;
        let k = DeadlineKind::FirstRegistration;
        assert_eq!(
            walk(None, &p, k, &["2026-06-09", "2026-06-10", "2026-06-11"]),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "民发〔2009〕44号: passed 2025-06-10, register by 2026-06-10"
        );
        assert_eq!(
            find(None, &p, k, "2026-06-11").unwrap().cite.clause,
            "民发〔2009〕44号 第三、四条"
        );
        // Once registered, the expiry takes over.
        p.reg_date = Some(d("2026-01-05"));
        p.reg_expiry = Some(d("2029-01-05"));
        assert_eq!(find(None, &p, k, "2026-06-11"), None);
        assert!(find(None, &p, DeadlineKind::Registration, "2026-06-11").is_some());
    }

    #[test]
    fn registration_window_opens_three_months_before_expiry_boundary() {
        // 民发〔2009〕44号 art. 4: valid 3 years, re-register in the 3 months before expiry.
        let mut p = clean(Role::ResidentWorker);
        p.reg_date = Some(d("2023-12-15"));
        p.reg_expiry = Some(d("2026-12-15"));
        let k = DeadlineKind::Registration;
        assert_eq!(
            walk(None, &p, k, &["2026-09-14", "2026-09-15", "2026-09-16"]),
            [
                Some((Open, Some(92))),
                Some((DueSoon, Some(91))),
                Some((DueSoon, Some(90)))
            ],
            "the window opens 2026-09-15"
        );
        assert_eq!(
            walk(None, &p, k, &["2026-12-14", "2026-12-15", "2026-12-16"]),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "valid through 2026-12-15, lapsed after"
        );
        // No expiry recorded: three years from the registration date.
        p.reg_expiry = None;
        assert_eq!(
            find(None, &p, k, "2026-11-22").unwrap().due,
            Some(d("2026-12-15"))
        );
    }

    #[test]
    fn continuing_education_72_hours_assistant_90_intermediate() {
        // 民发〔2009〕123号 (as reported): 72 h per period for assistant, 90 h above.
        let mut p = clean(Role::ResidentWorker);
        let k = DeadlineKind::ContinuingEducation;
        for (level, need) in [
            (CertLevel::Assistant, 72.0),
            (CertLevel::Intermediate, 90.0),
            (CertLevel::Senior, 90.0),
        ] {
            p.cert_level = level;
            for (hours, met) in [(need - 1.0, false), (need, true), (need + 1.0, true)] {
                p.ce_hours = hours;
                let x = find(None, &p, k, "2026-11-22").unwrap();
                assert_eq!(x.status == Met, met, "{level:?} {hours} h of {need}");
                assert_eq!(x.due, p.reg_expiry, "due with the registration");
            }
        }
        // A profile can override the figures.
        let mut nx = profile("ningxia-2021");
        nx.registration.ce_hours_intermediate = 120;
        p.cert_level = CertLevel::Intermediate;
        p.ce_hours = 100.0;
        assert_ne!(find(Some(&nx), &p, k, "2026-11-22").unwrap().status, Met);
    }

    #[test]
    fn nantong_training_30_hours_a_year_boundary() {
        // §四(二): at least 30 hours a year; due soon from 90 days before 12-31 (10-02).
        let nt = profile("nantong-2021");
        let mut p = clean(Role::ResidentWorker);
        p.training.insert(2026, 29.0);
        let k = DeadlineKind::Training;
        assert_eq!(
            walk(
                Some(&nt),
                &p,
                k,
                &["2026-10-01", "2026-10-02", "2026-12-31", "2027-01-01"]
            ),
            [
                Some((Open, Some(91))),
                Some((DueSoon, Some(90))),
                Some((DueSoon, Some(0))),
                Some((Met, Some(364)))
            ],
            "§四(二): 29 of 30 hours is short until the year ends"
        );
        p.training.insert(2026, 30.0);
        assert_eq!(
            walk(Some(&nt), &p, k, &["2026-12-31"]),
            [Some((Met, Some(0)))]
        );
        // Hired 2026-07-02: 183 of 365 days, so ceil(30 * 183 / 365) = 16 hours.
        p.hired = d("2026-07-02");
        p.training = BTreeMap::from([(2026, 15.0)]);
        let x = find(Some(&nt), &p, k, "2026-11-22").unwrap();
        assert_eq!(
            x.detail,
            Detail::Hours {
                done: 15.0,
                required: 16.0,
                year: Some(2026)
            }
        );
        assert_eq!(x.status, DueSoon);
    }

    #[test]
    fn a_year_closed_short_of_training_stays_overdue_until_the_next_year_is_met() {
        // Nantong §四(二) 30 h, Wenzhou §六(三)2 40 h: 2026 closes short; on 1 January the
        // shortfall does not vanish, it stays overdue until 2027's hours are met.
        for (id, hours) in [("nantong-2021", 30.0), ("wenzhou-2021", 40.0)] {
            let pr = profile(id);
            let mut p = clean(Role::ResidentWorker);
            p.training = BTreeMap::from([(2025, hours), (2026, hours - 1.0)]);
            let year_short = |p: &Staff, on: &str| -> Vec<(i32, DeadlineStatus)> {
                deadlines(Some(&pr), p, d(on))
                    .into_iter()
                    .filter(|x| x.kind == DeadlineKind::Training)
                    .filter_map(|x| match x.detail {
                        Detail::Hours { year: Some(y), .. } => Some((y, x.status)),
                        _ => None,
                    })
                    .collect()
            };
            assert_eq!(year_short(&p, "2026-12-31"), [(2026, DueSoon)], "{id}");
            assert_eq!(
                year_short(&p, "2027-01-01"),
                [(2026, Overdue), (2027, Open)],
                "{id}: the year closed short"
            );
            let x = deadlines(Some(&pr), &p, d("2027-06-30"))
                .into_iter()
                .find(|x| x.kind == DeadlineKind::Training)
                .unwrap();
            assert_eq!(
                x.detail,
                Detail::Hours {
                    done: hours - 1.0,
                    required: hours,
                    year: Some(2026)
                }
            );
            assert_eq!(x.due, Some(d("2026-12-31")));
            p.training.insert(2027, hours - 1.0);
            assert_eq!(year_short(&p, "2027-06-30")[0], (2026, Overdue), "{id}");
            // 2027 met: the 2026 shortfall is no longer asked about.
            p.training.insert(2027, hours);
            assert_eq!(year_short(&p, "2027-06-30"), [(2027, Met)], "{id}");
            // A year that closed with enough hours raises nothing on 1 January.
            p.training = BTreeMap::from([(2026, hours)]);
            assert_eq!(year_short(&p, "2027-01-01"), [(2027, Open)], "{id}");
        }
    }

    #[test]
    fn wenzhou_training_40_hours_resident_workers_only() {
        // §六(三)2: 40 class hours a year for each resident worker.
        let wz = profile("wenzhou-2021");
        let mut r = clean(Role::ResidentWorker);
        r.training.insert(2026, 39.0);
        let x = find(Some(&wz), &r, DeadlineKind::Training, "2026-11-22").unwrap();
        assert_eq!((x.status, x.cite.clause.as_str()), (DueSoon, "§六(三)2"));
        let mut w = clean(Role::ProjectWorker);
        w.training.insert(2026, 0.0);
        assert_eq!(
            find(Some(&wz), &w, DeadlineKind::Training, "2026-11-22"),
            None
        );
    }

    #[test]
    fn nantong_contract_renewal_needs_assistant_certificate_boundary() {
        // §实施内容(七): first contract 3 years; renewal needs the assistant certificate.
        let nt = profile("nantong-2021");
        let mut p = uncertified(clean(Role::ResidentWorker));
        p.contract_start = Some(d("2021-05-01"));
        p.contract_end = Some(d("2024-04-30"));
        let k = DeadlineKind::ContractEnd;
        assert_eq!(
            walk(
                Some(&nt),
                &p,
                k,
                &["2024-04-29", "2024-04-30", "2024-05-01"]
            ),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "§实施内容(七): contract ends 2024-04-30"
        );
        let renewal = |p: &Staff| match find(Some(&nt), p, k, "2024-04-30").unwrap().detail {
            Detail::Contract {
                renewal_allowed,
                too_long,
                ..
            } => (renewal_allowed, too_long),
            other => panic!("{other:?}"),
        };
        assert_eq!(renewal(&p), (false, false), "uncertified: no renewal");
        p.cert_level = CertLevel::Assistant;
        p.cert_passed = Some(d("2024-04-30"));
        assert_eq!(
            renewal(&p),
            (true, false),
            "passed on the last day: renewal allowed"
        );
        p.cert_passed = Some(d("2024-05-01"));
        assert_eq!(
            renewal(&p),
            (false, false),
            "passed after the date asked about"
        );
    }

    #[test]
    fn wuhan_service_contract_at_most_three_years_boundary() {
        // §三(四): service contracts run at most 3 years.
        let wh = profile("wuhan-2021");
        let mut p = uncertified(clean(Role::ResidentWorker));
        p.contract_start = Some(d("2022-01-01"));
        let too_long = |p: &Staff| match find(Some(&wh), p, DeadlineKind::ContractEnd, "2024-06-01")
            .unwrap()
            .detail
        {
            Detail::Contract {
                too_long,
                renewal_allowed,
                ..
            } => {
                assert!(renewal_allowed, "Wuhan names no certificate for renewal");
                too_long
            }
            other => panic!("{other:?}"),
        };
        for (end, long) in [
            ("2024-12-31", false),
            ("2025-01-01", false),
            ("2025-01-02", true),
        ] {
            p.contract_end = Some(d(end));
            assert_eq!(too_long(&p), long, "§三(四): 2022-01-01 to {end}");
        }
    }

    #[test]
    fn wenzhou_resident_worker_under_45_boundary() {
        // §六(三)2: resident workers under 45. Born 1981-11-23: 45 on 2026-11-23.
        let wz = profile("wenzhou-2021");
        let mut p = clean(Role::ResidentWorker);
        p.birth = Some(d("1981-11-23"));
        let k = DeadlineKind::Age;
        assert_eq!(
            walk(
                Some(&wz),
                &p,
                k,
                &["2026-11-21", "2026-11-22", "2026-11-23"]
            ),
            [
                Some((DueSoon, Some(1))),
                Some((DueSoon, Some(0))),
                Some((Overdue, Some(-1)))
            ],
            "§六(三)2: the last day under 45 is 2026-11-22"
        );
        assert_eq!(age_on(d("1981-11-23"), d("2026-11-22")), 44);
        assert_eq!(age_on(d("1981-11-23"), d("2026-11-23")), 45);
        let s = clean(Role::Supervisor);
        assert_eq!(
            find(Some(&wz), &s, k, "2026-11-22"),
            None,
            "resident workers only"
        );
    }

    #[test]
    fn wuhan_three_years_experience_boundary() {
        // §二(二) resident workers, §三(五) supervisors: 3+ years of experience.
        let wh = profile("wuhan-2021");
        for role in [Role::ResidentWorker, Role::Supervisor] {
            let mut p = clean(role);
            p.prior_years = 0.0;
            p.hired = d("2023-11-22");
            let k = DeadlineKind::Experience;
            // ceil(3 * 365.25) = 1096 days after hire: 2026-11-22.
            assert_eq!(
                walk(
                    Some(&wh),
                    &p,
                    k,
                    &["2026-11-21", "2026-11-22", "2026-11-23"]
                ),
                [
                    Some((Unmet, Some(1))),
                    Some((Met, Some(0))),
                    Some((Met, Some(-1)))
                ],
                "{role:?}: 3 years reached on 2026-11-22"
            );
            p.prior_years = 1.0;
            assert_eq!(
                find(Some(&wh), &p, k, "2025-11-22").unwrap().status,
                Met,
                "{role:?}: prior years count"
            );
        }
        let w = clean(Role::ProjectWorker);
        assert_eq!(
            find(Some(&wh), &w, DeadlineKind::Experience, "2026-11-22"),
            None
        );
    }

    #[test]
    fn ningxia_supervisor_holds_intermediate_or_higher() {
        // §三(一)3: the project supervisor holds 社会工作师 or higher.
        let nx = profile("ningxia-2021");
        let mut p = clean(Role::Supervisor);
        let k = DeadlineKind::Qualification;
        for (level, status) in [
            (CertLevel::None, Unmet),
            (CertLevel::Assistant, Unmet),
            (CertLevel::Intermediate, Met),
            (CertLevel::Senior, Met),
        ] {
            p.cert_level = level;
            assert_eq!(
                find(Some(&nx), &p, k, "2026-11-22").unwrap().status,
                status,
                "§三(一)3 {level:?}"
            );
        }
        p.cert_passed = Some(d("2026-11-23"));
        assert_eq!(
            find(Some(&nx), &p, k, "2026-11-22").unwrap().status,
            Unmet,
            "not yet passed"
        );
    }

    #[test]
    fn only_active_staff_have_deadlines() {
        let nx = profile("ningxia-2021");
        let mut p = uncertified(clean(Role::ProjectWorker));
        p.departed = Some(d("2026-11-22"));
        assert!(!deadlines(Some(&nx), &p, d("2026-11-21")).is_empty());
        assert!(
            deadlines(Some(&nx), &p, d("2026-11-22")).is_empty(),
            "gone on the day they leave"
        );
        p.departed = None;
        p.hired = d("2026-12-01");
        assert!(
            deadlines(Some(&nx), &p, d("2026-11-22")).is_empty(),
            "not started yet"
        );
    }

    #[test]
    fn next_deadline_is_the_earliest_that_still_matters() {
        let nt = profile("nantong-2021");
        let mut p = clean(Role::ResidentWorker);
        p.contract_start = Some(d("2025-01-01"));
        p.contract_end = Some(d("2027-12-31"));
        p.training.insert(2026, 0.0);
        let ds = deadlines(Some(&nt), &p, d("2026-11-22"));
        let n = next_deadline(&ds).unwrap();
        assert_eq!(
            (n.kind, n.due),
            (DeadlineKind::Training, Some(d("2026-12-31")))
        );
        p.reg_expiry = Some(d("2026-10-01"));
        let ds = deadlines(Some(&nt), &p, d("2026-11-22"));
        assert_eq!(
            next_deadline(&ds).unwrap().kind,
            DeadlineKind::Registration,
            "overdue comes first"
        );
        let all_met = [Deadline::new(
            DeadlineKind::Age,
            None,
            Met,
            &Cite::default(),
            Detail::Age { age: 30, under: 45 },
            d("2026-11-22"),
        )];
        assert!(next_deadline(&all_met).is_none());
    }

    #[test]
    fn kinds_parse_back_from_their_codes() {
        for k in DeadlineKind::ALL {
            assert_eq!(DeadlineKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn leap_day_plus_three_years_is_28_february() {
        assert_eq!(add_years(d("2024-02-29"), 3), d("2027-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
    }
}
