//! Checks a form (or an imported row) runs before a staff record is written. Each problem
//! names the field and says what is wrong in Chinese and English. An empty list means valid.

use chrono::{Datelike, NaiveDate};

use super::{add_years, age_on};
use crate::domain::policy::RegistrationRule;
use crate::domain::staff::{CertLevel, Staff};

/// The national social-work exam was first held in 2008: no certificate passed earlier.
pub const FIRST_EXAM_YEAR: i32 = 2008;

/// One problem with one field of a staff record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field as named in the staff export's header (e.g. "cert_passed").
    pub field: &'static str,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// What is wrong, in English.
    pub en: String,
}

impl FieldError {
    fn new(field: &'static str, zh: String, en: String) -> FieldError {
        FieldError { field, zh, en }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.en)
    }
}

fn not_future(
    field: &'static str,
    what_zh: &str,
    what_en: &str,
    d: NaiveDate,
    today: NaiveDate,
) -> Option<FieldError> {
    (d > today).then(|| {
        FieldError::new(
            field,
            format!("{what_zh}{d}晚于今天（{today}），不能是将来的日期"),
            format!("the {what_en} {d} is after today ({today}); it cannot be in the future"),
        )
    })
}

/// A certificate passed on `passed`: a real level, not in the future, not before the first exam.
pub fn check_certificate(level: CertLevel, passed: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Vec::new();
    if level == CertLevel::None {
        v.push(FieldError::new(
            "cert_level",
            "请选择证书等级（助理社会工作师、社会工作师或高级社会工作师）".into(),
            "choose a certificate level (assistant, intermediate or senior)".into(),
        ));
    }
    v.extend(not_future(
        "cert_passed",
        "取证日期",
        "pass date",
        passed,
        today,
    ));
    if passed.year() < FIRST_EXAM_YEAR {
        v.push(FieldError::new(
            "cert_passed",
            format!("取证日期{passed}早于{FIRST_EXAM_YEAR}年全国首次社会工作者职业水平考试"),
            format!("the pass date {passed} is before the first national exam ({FIRST_EXAM_YEAR})"),
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
            "没有证书不能登记：先录入证书等级和取证日期".into(),
            "there is no certificate to register: record the level and pass date first".into(),
        ));
    }
    v.extend(not_future(
        "reg_date",
        "登记日期",
        "registration date",
        on,
        today,
    ));
    if let Some(p) = passed.filter(|p| on < *p) {
        v.push(FieldError::new(
            "reg_date",
            format!("登记日期{on}早于取证日期{p}"),
            format!("the registration date {on} is before the pass date {p}"),
        ));
    }
    if expiry <= on {
        v.push(FieldError::new(
            "reg_expiry",
            format!("有效期至{expiry}须晚于登记日期{on}"),
            format!("the expiry {expiry} must be after the registration date {on}"),
        ));
    } else {
        let latest = add_years(on, rule.valid_years)
            .checked_add_months(chrono::Months::new(rule.window_months))
            .unwrap_or(NaiveDate::MAX);
        if expiry > latest {
            v.push(FieldError::new(
                "reg_expiry",
                format!("有效期至{expiry}超过登记有效期{}年（最晚{latest}）", rule.valid_years),
                format!(
                    "the expiry {expiry} is more than the {}-year validity after the registration (at most {latest})",
                    rule.valid_years
                ),
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
            format!("培训学时须在0到2000之间，收到{hours}"),
            format!("training hours must be 0-2000, got {hours}"),
        ));
    }
    if year > today.year() {
        v.push(FieldError::new(
            "training_year",
            format!("{year}年尚未到来"),
            format!("{year} has not begun"),
        ));
    }
    if let Some(h) = hired.filter(|h| year < h.year()) {
        v.push(FieldError::new(
            "training_year",
            format!("{year}年早于入职日期{h}"),
            format!("{year} is before the hire date {h}"),
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
            format!("离职日期{on}早于入职日期{hired}"),
            format!("the departure {on} is before the hire date {hired}"),
        ));
    }
    v.extend(not_future(
        "departed",
        "离职日期",
        "departure date",
        on,
        today,
    ));
    v
}

fn range(field: &'static str, zh: &str, en: &str, x: f64, max: f64) -> Option<FieldError> {
    (!x.is_finite() || !(0.0..=max).contains(&x)).then(|| {
        FieldError::new(
            field,
            format!("{zh}须在0到{max}之间，收到{x}"),
            format!("{en} must be 0-{max}, got {x}"),
        )
    })
}

/// A whole staff record (a new hire typed in, or an imported row).
pub fn check_staff(p: &Staff, rule: &RegistrationRule, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Vec::new();
    let name = p.name.trim();
    if name.is_empty() {
        v.push(FieldError::new(
            "name",
            "姓名不能为空".into(),
            "the name is empty".into(),
        ));
    } else if name.chars().count() > 40 {
        v.push(FieldError::new(
            "name",
            "姓名超过40个字".into(),
            "the name is longer than 40 characters".into(),
        ));
    }
    // A hire may be entered ahead of the start date, but not further than a year.
    let horizon = add_years(today, 1);
    if p.hired > horizon {
        v.push(FieldError::new(
            "hired",
            format!("入职日期{}晚于一年以后（{horizon}）", p.hired),
            format!(
                "the hire date {} is more than a year ahead ({horizon})",
                p.hired
            ),
        ));
    }
    if let Some(b) = p.birth {
        let age = age_on(b, p.hired);
        if !(16..=75).contains(&age) {
            v.push(FieldError::new(
                "birth",
                format!("按出生日期{b}，入职时{age}岁，不在16到75岁之间"),
                format!("born {b}, they would be {age} at hire: not within 16-75"),
            ));
        }
    }
    if let (Some(s), Some(e)) = (p.contract_start, p.contract_end) {
        if e <= s {
            v.push(FieldError::new(
                "contract_end",
                format!("合同结束日期{e}须晚于开始日期{s}"),
                format!("the contract end {e} must be after its start {s}"),
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
            "填写了登记日期但缺少有效期至".into(),
            "a registration date without its expiry".into(),
        )),
        (None, Some(_)) => v.push(FieldError::new(
            "reg_date",
            "填写了有效期至但缺少登记日期".into(),
            "a registration expiry without its date".into(),
        )),
        (None, None) => {}
    }
    v.extend(range(
        "ce_hours",
        "继续教育学时",
        "continuing-education hours",
        p.ce_hours,
        1000.0,
    ));
    v.extend(range(
        "prior_years",
        "此前工作年限",
        "prior years of experience",
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
    fn a_pass_date_may_be_today_but_not_tomorrow() {
        let t = d(TODAY);
        assert!(check_certificate(CertLevel::Assistant, d("2026-11-22"), t).is_empty());
        let e = check_certificate(CertLevel::Assistant, d("2026-11-23"), t);
        assert_eq!(fields(&e), ["cert_passed"]);
        assert!(
            e[0].zh.contains("将来") && e[0].en.contains("future"),
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
        assert!(e.iter().all(|x| !x.zh.is_empty() && !x.en.is_empty()));
    }
}
