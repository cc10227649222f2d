//! Checks a form (or an imported row) runs before a staff record is written. Each problem
//! names the field and what is wrong, as facts (`i18n::names::field_error` words them). An
//! empty list means valid.

use chrono::{Datelike, NaiveDate};

use super::{add_years, age_on};
use crate::domain::policy::RegistrationRule;
use crate::domain::staff::{CertLevel, Staff};

/// The national social-work exam was first held in 2008: no certificate passed earlier.
pub const FIRST_EXAM_YEAR: i32 = 2008;

/// One problem with one field of a staff record; `i18n::names::field_error` words it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The field as named in the staff export's header (e.g. "cert_passed").
    pub field: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

/// The date a "not in the future" check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// The certificate's pass date.
    Passed,
    /// The registration date.
    Registered,
    /// The departure date.
    Departed,
}

/// A number that must lie between 0 and a maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Training hours of a year.
    TrainingHours,
    /// Continuing-education hours of the registration period.
    CeHours,
    /// Years of experience before this post.
    PriorYears,
}

/// What is wrong with a field, as facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A date after today.
    Future {
        /// Which date.
        what: DateField,
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// No certificate level chosen.
    NoLevel,
    /// Passed before the first national exam.
    BeforeFirstExam {
        /// The pass date given.
        passed: NaiveDate,
        /// The first exam's year.
        first: i32,
    },
    /// A registration without a certificate.
    NoCertificateToRegister,
    /// Registered before passing.
    RegisteredBeforePassing {
        /// The registration date.
        on: NaiveDate,
        /// The pass date.
        passed: NaiveDate,
    },
    /// An expiry on or before the registration.
    ExpiryNotAfter {
        /// The expiry.
        expiry: NaiveDate,
        /// The registration date.
        on: NaiveDate,
    },
    /// An expiry later than the validity plus the renewal window allows.
    ExpiryTooLate {
        /// The expiry.
        expiry: NaiveDate,
        /// Years a registration is valid.
        valid_years: u32,
        /// The latest expiry allowed.
        latest: NaiveDate,
    },
    /// A number outside 0..=max.
    OutOfRange {
        /// Which number.
        what: Quantity,
        /// The number given.
        value: f64,
        /// The largest allowed.
        max: f64,
    },
    /// Training for a year that has not begun.
    YearAhead {
        /// The year.
        year: i32,
    },
    /// Training for a year before the hire.
    YearBeforeHire {
        /// The year.
        year: i32,
        /// The hire date.
        hired: NaiveDate,
    },
    /// A departure before the hire.
    DepartureBeforeHire {
        /// The departure.
        on: NaiveDate,
        /// The hire date.
        hired: NaiveDate,
    },
    /// An empty name.
    NameEmpty,
    /// A name longer than 40 characters.
    NameTooLong,
    /// A name holding a control or other unsafe character.
    NameUnsafe,
    /// A hire more than a year ahead.
    HireTooFar {
        /// The hire date.
        hired: NaiveDate,
        /// A year from today.
        horizon: NaiveDate,
    },
    /// An age at hire outside 16-75.
    AgeAtHire {
        /// The birth date.
        birth: NaiveDate,
        /// The age at hire.
        age: i32,
    },
    /// A contract that ends on or before it starts.
    ContractEndNotAfterStart {
        /// The start.
        start: NaiveDate,
        /// The end.
        end: NaiveDate,
    },
    /// A registration date without its expiry.
    RegistrationWithoutExpiry,
    /// A registration expiry without its date.
    ExpiryWithoutRegistration,
    /// A renewed contract that would end on or before the current contract's end.
    RenewalNotAfter {
        /// The new end.
        end: NaiveDate,
        /// The current end.
        old: NaiveDate,
    },
}

impl FieldError {
    fn new(field: &'static str, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }
}

fn not_future(
    field: &'static str,
    what: DateField,
    d: NaiveDate,
    today: NaiveDate,
) -> Option<FieldError> {
    (d > today).then(|| {
        FieldError::new(
            field,
            Problem::Future {
                what,
                date: d,
                today,
            },
        )
    })
}

/// A certificate passed on `passed`: a real level, not in the future, not before the first exam.
pub fn check_certificate(level: CertLevel, passed: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Vec::new();
    if level == CertLevel::None {
        v.push(FieldError::new("cert_level", Problem::NoLevel));
    }
    v.extend(not_future("cert_passed", DateField::Passed, passed, today));
    if passed.year() < FIRST_EXAM_YEAR {
        v.push(FieldError::new(
            "cert_passed",
            Problem::BeforeFirstExam {
                passed,
                first: FIRST_EXAM_YEAR,
            },
        ));
    }
    v
}

/// A registration on `on` valid until `expiry`: needs a certificate, is not in the future,
/// not before the pass date, and expires after it is made but no later than the validity
/// plus the renewal window (a renewal made early in the window runs from the old expiry).
pub fn check_registration(
    level: CertLevel,
    passed: Option<NaiveDate>,
    on: NaiveDate,
    expiry: NaiveDate,
    rule: &RegistrationRule,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut v = Vec::new();
    if level == CertLevel::None {
        v.push(FieldError::new(
            "reg_date",
            Problem::NoCertificateToRegister,
        ));
    }
    v.extend(not_future("reg_date", DateField::Registered, on, today));
    if let Some(p) = passed.filter(|p| on < *p) {
        v.push(FieldError::new(
            "reg_date",
            Problem::RegisteredBeforePassing { on, passed: p },
        ));
    }
    if expiry <= on {
        v.push(FieldError::new(
            "reg_expiry",
            Problem::ExpiryNotAfter { expiry, on },
        ));
    } else {
        let latest = add_years(on, rule.valid_years)
            .checked_add_months(chrono::Months::new(rule.window_months))
            .unwrap_or(NaiveDate::MAX);
        if expiry > latest {
            v.push(FieldError::new(
                "reg_expiry",
                Problem::ExpiryTooLate {
                    expiry,
                    valid_years: rule.valid_years,
                    latest,
                },
            ));
        }
    }
    v
}

/// Training hours for `year`: 0-2000 hours, not for a future year nor a year before hire.
pub fn check_training(
    year: i32,
    hours: f64,
    hired: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut v = Vec::new();
    if !hours.is_finite() || !(0.0..=2000.0).contains(&hours) {
        v.push(FieldError::new(
            "training_hours",
            Problem::OutOfRange {
                what: Quantity::TrainingHours,
                value: hours,
                max: 2000.0,
            },
        ));
    }
    if year > today.year() {
        v.push(FieldError::new(
            "training_year",
            Problem::YearAhead { year },
        ));
    }
    if let Some(h) = hired.filter(|h| year < h.year()) {
        v.push(FieldError::new(
            "training_year",
            Problem::YearBeforeHire { year, hired: h },
        ));
    }
    v
}

/// A departure on `on`: not before the hire date and not in the future.
pub fn check_departure(on: NaiveDate, hired: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Vec::new();
    if on < hired {
        v.push(FieldError::new(
            "departed",
            Problem::DepartureBeforeHire { on, hired },
        ));
    }
    v.extend(not_future("departed", DateField::Departed, on, today));
    v
}

/// A contract renewal to `end`: after the current contract's end (a renewal never shortens
/// a contract), and after its start.
pub fn check_renewal(
    start: Option<NaiveDate>,
    old_end: Option<NaiveDate>,
    end: NaiveDate,
) -> Vec<FieldError> {
    let mut v = Vec::new();
    if let Some(old) = old_end.filter(|o| end <= *o) {
        v.push(FieldError::new(
            "contract_end",
            Problem::RenewalNotAfter { end, old },
        ));
    } else if let Some(start) = start.filter(|s| end <= *s) {
        v.push(FieldError::new(
            "contract_end",
            Problem::ContractEndNotAfterStart { start, end },
        ));
    }
    v
}

fn range(field: &'static str, what: Quantity, x: f64, max: f64) -> Option<FieldError> {
    (!x.is_finite() || !(0.0..=max).contains(&x)).then(|| {
        FieldError::new(
            field,
            Problem::OutOfRange {
                what,
                value: x,
                max,
            },
        )
    })
}

/// A whole staff record (a new hire typed in, or an imported row).
pub fn check_staff(p: &Staff, rule: &RegistrationRule, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Vec::new();
    let name = p.name.trim();
    if name.is_empty() {
        v.push(FieldError::new("name", Problem::NameEmpty));
    } else if name.chars().count() > 40 {
        v.push(FieldError::new("name", Problem::NameTooLong));
    } else if crate::domain::text::first_unsafe(name).is_some() {
        v.push(FieldError::new("name", Problem::NameUnsafe));
    }
    // A hire may be entered ahead of the start date, but not further than a year.
    let horizon = add_years(today, 1);
    if p.hired > horizon {
        v.push(FieldError::new(
            "hired",
            Problem::HireTooFar {
                hired: p.hired,
                horizon,
            },
        ));
    }
    if let Some(b) = p.birth {
        let age = age_on(b, p.hired);
        if !(16..=75).contains(&age) {
            v.push(FieldError::new(
                "birth",
                Problem::AgeAtHire { birth: b, age },
            ));
        }
    }
    if let (Some(s), Some(e)) = (p.contract_start, p.contract_end) {
        if e <= s {
            v.push(FieldError::new(
                "contract_end",
                Problem::ContractEndNotAfterStart { start: s, end: e },
            ));
        }
    }
    if let Some(d) = p.cert_passed {
        v.extend(check_certificate(p.cert_level, d, today));
    }
    match (p.reg_date, p.reg_expiry) {
        (Some(on), Some(exp)) => v.extend(check_registration(
            p.cert_level,
            p.cert_passed,
            on,
            exp,
            rule,
            today,
        )),
        (Some(_), None) => v.push(FieldError::new(
            "reg_expiry",
            Problem::RegistrationWithoutExpiry,
        )),
        (None, Some(_)) => v.push(FieldError::new(
            "reg_date",
            Problem::ExpiryWithoutRegistration,
        )),
        (None, None) => {}
    }
    v.extend(range("ce_hours", Quantity::CeHours, p.ce_hours, 1000.0));
    v.extend(range(
        "prior_years",
        Quantity::PriorYears,
        p.prior_years,
        60.0,
    ));
    for (&year, &hours) in &p.training {
        v.extend(check_training(year, hours, Some(p.hired), today));
    }
    if let Some(d) = p.departed {
        v.extend(check_departure(d, p.hired, today));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn fields(v: &[FieldError]) -> Vec<&str> {
        v.iter().map(|e| e.field).collect()
    }
    const TODAY: &str = "2026-11-22";

    #[test]
    fn a_renewal_ends_after_the_old_end() {
        let e = check_renewal(
            Some(d("2021-01-01")),
            Some(d("2023-12-31")),
            d("2023-12-30"),
        );
        assert!(
            matches!(e[0].problem, Problem::RenewalNotAfter { .. }),
            "{e:?}"
        );
        assert_eq!(
            check_renewal(None, Some(d("2023-12-31")), d("2023-12-31")).len(),
            1
        );
        assert!(check_renewal(
            Some(d("2021-01-01")),
            Some(d("2023-12-31")),
            d("2026-12-31")
        )
        .is_empty());
        // An open-ended contract given an end: after its start.
        assert_eq!(
            check_renewal(Some(d("2021-01-01")), None, d("2020-12-31")).len(),
            1
        );
    }

    #[test]
    fn a_pass_date_may_be_today_but_not_tomorrow() {
        let t = d(TODAY);
        assert!(check_certificate(CertLevel::Assistant, d("2026-11-22"), t).is_empty());
        let e = check_certificate(CertLevel::Assistant, d("2026-11-23"), t);
        assert_eq!(fields(&e), ["cert_passed"]);
        assert!(
            matches!(
                e[0].problem,
                Problem::Future {
                    what: DateField::Passed,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            fields(&check_certificate(CertLevel::None, d("2020-01-01"), t)),
            ["cert_level"]
        );
        assert_eq!(
            fields(&check_certificate(CertLevel::Senior, d("2007-12-31"), t)),
            ["cert_passed"]
        );
    }

    #[test]
    fn a_registration_expires_after_its_date_and_within_validity_plus_window() {
        let t = d(TODAY);
        let r = RegistrationRule::default();
        let ok = |on: &str, exp: &str| {
            check_registration(
                CertLevel::Assistant,
                Some(d("2020-06-01")),
                d(on),
                d(exp),
                &r,
                t,
            )
        };
        assert!(ok("2023-06-01", "2026-06-01").is_empty());
        // A renewal made at the start of the window runs 3 years from the old expiry.
        assert!(ok("2026-03-01", "2029-06-01").is_empty());
        assert_eq!(fields(&ok("2026-03-01", "2029-06-02")), ["reg_expiry"]);
        assert_eq!(fields(&ok("2023-06-01", "2023-06-01")), ["reg_expiry"]);
        assert_eq!(
            fields(&ok("2020-05-31", "2023-05-31")),
            ["reg_date"],
            "before the pass date"
        );
        assert_eq!(
            fields(&ok("2026-11-23", "2029-11-23")),
            ["reg_date"],
            "in the future"
        );
        let none = check_registration(
            CertLevel::None,
            None,
            d("2023-06-01"),
            d("2026-06-01"),
            &r,
            t,
        );
        assert_eq!(fields(&none), ["reg_date"]);
    }

    #[test]
    fn training_hours_and_year_are_bounded() {
        let t = d(TODAY);
        assert!(check_training(2026, 40.0, Some(d("2021-05-01")), t).is_empty());
        assert_eq!(
            fields(&check_training(2027, 40.0, None, t)),
            ["training_year"]
        );
        assert_eq!(
            fields(&check_training(2020, 40.0, Some(d("2021-05-01")), t)),
            ["training_year"]
        );
        assert_eq!(
            fields(&check_training(2026, -1.0, None, t)),
            ["training_hours"]
        );
        assert_eq!(
            fields(&check_training(2026, f64::NAN, None, t)),
            ["training_hours"]
        );
    }

    #[test]
    fn a_departure_lies_between_hire_and_today() {
        let t = d(TODAY);
        assert!(check_departure(d("2026-11-22"), d("2021-05-01"), t).is_empty());
        assert_eq!(
            fields(&check_departure(d("2021-04-30"), d("2021-05-01"), t)),
            ["departed"]
        );
        assert_eq!(
            fields(&check_departure(d("2026-11-23"), d("2021-05-01"), t)),
            ["departed"]
        );
    }

    #[test]
    fn a_staff_record_reports_every_problem() {
        let t = d(TODAY);
        let p = Staff {
            id: 0,
            site_id: 1,
            name: " ".into(),
            role: crate::domain::staff::Role::ResidentWorker,
            birth: Some(d("2015-01-01")),
            hired: d("2021-05-01"),
            contract_start: Some(d("2021-05-01")),
            contract_end: Some(d("2021-04-30")),
            cert_level: CertLevel::None,
            cert_passed: Some(d("2027-01-01")),
            reg_date: Some(d("2022-01-01")),
            reg_expiry: None,
            ce_hours: -5.0,
            training: Default::default(),
            sw_degree: false,
            prior_years: 0.0,
            departed: Some(d("2020-01-01")),
            synthetic: false,
        };
        let e = check_staff(&p, &RegistrationRule::default(), t);
        assert_eq!(
            fields(&e),
            [
                "name",
                "birth",
                "contract_end",
                "cert_level",
                "cert_passed",
                "reg_expiry",
                "ce_hours",
                "departed"
            ]
        );
    }
}
