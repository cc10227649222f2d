//! The words for what the domain finds: alert facts (`describe`) and days to a due date
//! (`days`). The domain returns facts; these functions turn them into sentences.
//!
//! Phrases that depend on a number (`{late}`, `{ago}`, `{days}`, `{left}`) are filled with
//! a phrase of this file rather than a bare number, so English can say "1 day" and
//! "2 days" while Chinese says 天 for both.

use crate::i18n::names::Named;
use chrono::NaiveDate;
use std::fmt::Display;

use super::{Lang, Text};
use crate::domain::rules::{Deadline, DeadlineStatus, Fact, Hours, Who};
use crate::domain::staff::{CertLevel, Role};

crate::catalogue! {
    /// A due date today.
    DUE_TODAY = "今天到期" / "due today";
    /// Days until a due date.
    DAYS_LEFT = "剩{n}天" / "{n} days left";
    /// One day until a due date.
    ONE_DAY_LEFT = "剩{n}天" / "{n} day left";
    /// Days past a due date.
    DAYS_OVERDUE = "逾期{n}天" / "{n} days overdue";
    /// One day past a due date.
    ONE_DAY_OVERDUE = "逾期{n}天" / "{n} day overdue";
    /// Days past a deadline, in a sentence that says it is still not met.
    LATE = "已逾期{n}天" / "{n} days overdue";
    /// One day past a deadline, likewise.
    ONE_DAY_LATE = "已逾期{n}天" / "{n} day overdue";
    /// How long ago a registration lapsed.
    AGO = "{n}天前" / "{n} days overdue";
    /// One day since a registration lapsed.
    ONE_DAY_AGO = "{n}天前" / "{n} day overdue";
    /// Whole years of a long delay (from 365 days up).
    YEARS = "{n}年" / "{n} years";
    /// One year of a long delay.
    ONE_YEAR = "{n}年" / "{n} year";
    /// The years of a long delay, then its whole months.
    YEARS_MONTHS = "{y}{n}个月" / "{y} {n} months";
    /// The years of a long delay, then one month.
    YEARS_ONE_MONTH = "{y}{n}个月" / "{y} {n} month";
    /// A long delay past a due date.
    SPAN_OVERDUE = "逾期{n}" / "{n} overdue";
    /// A long delay past a deadline, in a sentence that says it is still not met.
    SPAN_LATE = "已逾期{n}" / "{n} overdue";
    /// How long ago a registration lapsed, a year or more.
    SPAN_AGO = "{n}前" / "{n} overdue";
    /// Days until a birthday that ends eligibility.
    IN_DAYS = "剩{n}天" / "in {n} days";
    /// One day until that birthday.
    IN_ONE_DAY = "剩{n}天" / "in {n} day";

    /// The roles a staff count leaves out.
    EXCLUDED = "（不含{roles}）" / " (not counting the {roles})";
    /// The certificate people in a role must hold.
    HOLDING = "（持{level}及以上证书）" / " holding the {level} certificate or higher";
    /// Continuing-education hours short, after a registration alert.
    CE_SHORT = "；本期继续教育{done}/{required}学时，尚缺{short}学时"
        / "; continuing education {done}/{required} h, {short} short";
    /// Continuing-education hours done, after a registration alert.
    CE_ENOUGH = "；本期继续教育{done}/{required}学时，已达标"
        / "; continuing education {done}/{required} h, enough";
    /// After a contract-ending alert, when renewal needs a certificate they hold.
    HOLDS_RENEWAL_CERT = "，已具备续聘所需证书" / ", and they hold the certificate renewal needs";

    /// Too few counted staff.
    STAFFING_SHORT = "在岗{n}人{excluded}，少于规定的{min}人：需补充{short}人"
        / "{n} on post{excluded}, below the minimum of {min}: add {short}";
    /// Too many counted staff.
    STAFFING_OVER = "在岗{n}人{excluded}，超过规定的{max}人：核定人员配置"
        / "{n} on post{excluded}, above the maximum of {max}: review the staffing";
    /// Too few counted staff for the villages.
    VILLAGES_SHORT = "辖{villages}个村（社区），按每{per}村1人、不少于{floor}人应配{required}人，在岗{n}人{excluded}：需补充{short}人"
        / "{villages} villages: one worker per {per}, at least {floor}, makes {required}; {n} on post{excluded}: add {short}";
    /// Too few people in a role.
    ROLE_SHORT = "应配{role}{min}名{holding}，现有{have}名：需配备{short}名"
        / "needs {min} {role}{holding}, has {have}: appoint {short}";
    /// Office too small.
    AREA_SMALL = "办公用房{area}㎡，小于规定的{min}㎡：调整或扩充场所"
        / "office of {area} m², below the {min} m² minimum: find more space";
    /// Office too large.
    AREA_LARGE = "办公用房{area}㎡，超过规定的{max}㎡：核定用房面积"
        / "office of {area} m², above the {max} m² maximum: review the space";
    /// Civil registration overdue.
    CIVIL_LATE = "尚未完成民办非企业单位登记（期限{due}，{late}）：督促办理民非登记并明确站长（法人代表）"
        / "not registered as a civil non-enterprise unit (due {due}, {late}): have it registered and its head named legal representative";
    /// Civil registration due soon.
    CIVIL_SOON = "须在{due}前完成民办非企业单位登记（{days}）：督促办理"
        / "must be registered as a civil non-enterprise unit by {due} ({days})";

    /// No certificate past the deadline.
    CERTIFICATE_LATE = "{who}须在{due}前取得{level}及以上证书（自{start}起算），{late}仍未取得：按{clause}调整岗位、更换或不予续聘"
        / "{who} had to hold the {level} certificate or higher by {due} (counted from {start}), now {late}: act under {clause} (reassign, replace or do not renew)";
    /// No certificate, deadline near.
    CERTIFICATE_SOON = "{who}须在{due}前取得{level}及以上证书（{days}）：督促报考取证"
        / "{who} must hold the {level} certificate or higher by {due} ({days}): see that they sit the exam";
    /// Not registered after passing, past the deadline.
    FIRST_REGISTRATION_LATE = "{who}于{passed}取得{level}证书，应在{due}前首次登记，{late}：督促在全国社会工作信息系统办理登记"
        / "{who} passed the {level} exam on {passed} and had to register by {due}, now {late}: have them register in the national social work information system";
    /// Not registered after passing, deadline near.
    FIRST_REGISTRATION_SOON = "{who}于{passed}取得{level}证书，须在{due}前首次登记（{days}）：督促办理登记"
        / "{who} passed the {level} exam on {passed} and must register by {due} ({days})";
    /// Registration expiring, window open.
    REGISTRATION_WINDOW = "{who}的证书登记{due}到期（{days}），再登记窗口已于{opens}开放：督促申请再登记{ce}"
        / "{who}'s registration expires on {due} ({days}); the renewal window opened on {opens}: have them re-register{ce}";
    /// Registration expired.
    REGISTRATION_LAPSED = "{who}的证书登记已于{due}过期（{ago}）：督促补办再登记{ce}"
        / "{who}'s registration lapsed on {due} ({ago}): have them re-register{ce}";
    /// The contract ended without the certificate renewal needs.
    CONTRACT_ENDED_NO_RENEWAL = "{who}的合同已于{due}到期，未取得续聘所需的{level}及以上证书，不得续聘：核实是否仍在岗，按{clause}处理"
        / "{who}'s contract ended on {due} without the {level} certificate renewal needs, so it may not be renewed: check whether they still work there and act under {clause}";
    /// The contract ends soon without the certificate renewal needs.
    CONTRACT_ENDS_NO_RENEWAL = "{who}的合同{due}到期（{days}），尚未取得续聘所需的{level}及以上证书：到期不得续聘，督促尽快取证"
        / "{who}'s contract ends on {due} ({days}) without the {level} certificate renewal needs: without it the contract may not be renewed";
    /// The contract ends soon.
    CONTRACT_ENDING = "{who}的合同{due}到期（{days}）{holds}：安排考核，办理续聘或离职"
        / "{who}'s contract ends on {due} ({days}){holds}: arrange the assessment and the renewal or departure";
    /// The contract's term too long.
    CONTRACT_TOO_LONG = "{who}的合同期{start}至{due}超过{max}年上限：核对合同期限"
        / "{who}'s contract runs from {start} to {due}, longer than the {max}-year maximum: check the term";
    /// A year that closed short of its training hours.
    TRAINING_YEAR_SHORT = "{who}{year}年培训{done}/{required}学时，年度结束时仍缺{short}学时{now}：安排补训，本年度学时达标前此项保留"
        / "{who} closed {year} with {done}/{required} training hours, {short} short{now}: arrange make-up training; this stays until this year's hours are met";
    /// This year's training so far, after a year that closed short.
    TRAINING_NOW = "；{year}年已完成{done}/{required}学时" / "; {done}/{required} h so far in {year}";
    /// The contract ended and no renewal is recorded.
    CONTRACT_EXPIRED = "{who}的合同已于{due}到期（{late}），未记录续签：续签合同或办理离岗，并在系统中登记（{clause}）"
        / "{who}'s contract ended on {due} ({late}) and no renewal is recorded: renew it or record the departure ({clause})";
    /// A required evaluation of a service year that ended was not held.
    EVALUATION_MISSING = "{year}年度{phase}评估未见记录（服务年度已于{due}结束，{late}）：组织评估并录入评分"
        / "no {phase} evaluation is recorded for {year} (the service year ended on {due}, {late}): hold it and enter the scores";
    /// A required evaluation of this service year not held yet, the year's end near.
    EVALUATION_DUE = "{year}年度{phase}评估尚未建立，服务年度于{due}结束（{days}）：安排评估"
        / "the {phase} evaluation for {year} is not held yet; the service year ends on {due} ({days}): arrange it";
    /// Training hours short near the year's end.
    TRAINING_SHORT = "{who}{year}年培训{done}/{required}学时，尚缺{short}学时：年底（{due}）前补足"
        / "{who} has {done}/{required} training hours for {year}, {short} short: complete them by {due}";
    /// Past the age limit.
    OVER_AGE = "{who}现年{age}岁，不符合{role}{under}岁以下的要求：调整岗位"
        / "{who} is {age}, not under {under} as the rule asks of a {role}: reassign";
    /// The age limit near.
    AGE_LIMIT_SOON = "{who}将于{birthday}满{under}岁（{left}），届时不再符合{under}岁以下的要求：提前安排"
        / "{who} turns {under} on {birthday} ({left}), after which the under-{under} rule is not met: plan ahead";
    /// Less experience than the role needs.
    EXPERIENCE_SHORT = "{who}相关工作经验约{years}年，不足{min}年（{due}满{min}年）：核实工作经历"
        / "{who} has about {years} years of relevant experience, less than {min} (reaches it on {due}): check their record";
    /// A lower certificate than the role needs.
    QUALIFICATION_SHORT = "{who}持{level}，低于要求的{min}及以上：督促取得{min}证书或调整人选"
        / "{who} holds {level}, below the {min} level or higher required: have them qualify or appoint someone who is";
}

/// A number of hours or square metres: whole numbers without decimals, else one.
pub fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// `n` in a phrase with a singular form for one.
fn count(n: i64, many: Text, one: Text, lang: Lang) -> String {
    let t = if n == 1 { one } else { many };
    t.fill(lang, &[("n", &n)])
}

/// A delay of `n` days as whole years and months, from 365 days up (None below), counted
/// from the day count alone: 365 days a year, 30 a month, both rounded down. Only for a
/// count whose dates are not at hand; with them, `years_months_between` is exact (the
/// count can overstate by the leap days it spans: 4382 days from 2014-11-23 is 12 "years"
/// but 11 years 11 months on the calendar).
pub fn years_months(n: i64) -> Option<(i64, i64)> {
    (n >= 365).then_some((n / 365, ((n % 365) / 30).min(11)))
}

/// Whole calendar years and months from `from` to `to`, once a full calendar year has
/// passed (None before: 365 or 366 days, a leap day between).
pub fn years_months_between(from: NaiveDate, to: NaiveDate) -> Option<(i64, i64)> {
    use chrono::Datelike;
    let mut m =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        m -= 1;
    }
    (m >= 12).then_some((m / 12, m % 12))
}

/// `n` days past `due` as "1年3个月" / "1 year 3 months" (no months when there are none):
/// from the calendar when the due date is known (today is `due + n`), else from the count.
pub fn span(due: Option<NaiveDate>, n: i64, lang: Lang) -> Option<String> {
    let (y, m) = match due.and_then(|d| d.checked_add_signed(chrono::Duration::days(n))) {
        Some(today) => years_months_between(due?, today)?,
        None => years_months(n)?,
    };
    let y = count(y, YEARS, ONE_YEAR, lang);
    Some(if m == 0 {
        y
    } else {
        let t = if m == 1 {
            YEARS_ONE_MONTH
        } else {
            YEARS_MONTHS
        };
        t.fill(lang, &[("y", &y), ("n", &m)])
    })
}

/// `n` days past `due`: in days under a year, else in years and months inside `long`.
fn overdue(
    due: Option<NaiveDate>,
    n: i64,
    many: Text,
    one: Text,
    long: Text,
    lang: Lang,
) -> String {
    match span(due, n, lang) {
        Some(s) => long.fill(lang, &[("n", &s)]),
        None => count(n, many, one, lang),
    }
}

/// Like `days`, a year or more past `due` counted on the calendar.
pub fn days_to(due: Option<NaiveDate>, n: i64, lang: Lang) -> String {
    match n {
        0 => DUE_TODAY.get(lang).to_string(),
        n if n < 0 => overdue(due, -n, DAYS_OVERDUE, ONE_DAY_OVERDUE, SPAN_OVERDUE, lang),
        n => count(n, DAYS_LEFT, ONE_DAY_LEFT, lang),
    }
}

/// Days until a due date (negative: past): "剩12天", "今天到期", "逾期3天" / "12 days left",
/// "due today", "1 day overdue".
pub fn days(n: i64, lang: Lang) -> String {
    match n {
        0 => DUE_TODAY.get(lang).to_string(),
        n if n < 0 => overdue(None, -n, DAYS_OVERDUE, ONE_DAY_OVERDUE, SPAN_OVERDUE, lang),
        n => count(n, DAYS_LEFT, ONE_DAY_LEFT, lang),
    }
}

/// A deadline's status with its days ("逾期30天", "剩12天", "今天到期") or, without a date or
/// once met, the status's name ("已满足" / "met").
pub fn deadline_status(d: &Deadline, lang: Lang) -> String {
    match (d.status, d.days_left) {
        (DeadlineStatus::Overdue | DeadlineStatus::DueSoon | DeadlineStatus::Open, Some(n)) => {
            days_to(d.due, n, lang)
        }
        (s, _) => lang.pick(s.name_zh(), s.name_en()).to_string(),
    }
}

fn level(l: CertLevel, lang: Lang) -> &'static str {
    lang.pick(l.name_zh(), l.name_en())
}

fn role(r: Role, lang: Lang) -> &'static str {
    lang.pick(r.name_zh(), r.name_en())
}

/// A person: name and post, "王芳（督导）" / "Wang Fang (supervisor)".
fn who(w: &Who, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", w.name, role(w.role, lang)),
        Lang::En => format!("{} ({})", w.name, role(w.role, lang)),
    }
}

fn excluded(roles: &[Role], lang: Lang) -> String {
    if roles.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = roles.iter().map(|&r| role(r, lang)).collect();
    EXCLUDED.fill(lang, &[("roles", &names.join(lang.pick("、", " or ")))])
}

fn ce_note(ce: Option<Hours>, lang: Lang) -> String {
    let Some(Hours { done, required }) = ce else {
        return String::new();
    };
    let (d, r) = (num(done), num(required));
    if done < required {
        let short = num(required - done);
        CE_SHORT.fill(lang, &[("done", &d), ("required", &r), ("short", &short)])
    } else {
        CE_ENOUGH.fill(lang, &[("done", &d), ("required", &r)])
    }
}

/// What an alert found and what to do, in `lang`.
// One arm per kind of fact; splitting it would only scatter the sentences.
pub fn describe(fact: &Fact, lang: Lang) -> String {
    let late =
        |due: &NaiveDate, n: i64| overdue(Some(*due), n, LATE, ONE_DAY_LATE, SPAN_LATE, lang);
    let fill = |t: Text, args: &[(&str, &dyn Display)]| t.fill(lang, args);
    match fact {
        Fact::StaffingShort {
            on_post,
            min,
            excluded: ex,
        } => fill(
            STAFFING_SHORT,
            &[
                ("n", on_post),
                ("excluded", &excluded(ex, lang)),
                ("min", min),
                ("short", &(min - on_post)),
            ],
        ),
        Fact::StaffingOver {
            on_post,
            max,
            excluded: ex,
        } => fill(
            STAFFING_OVER,
            &[
                ("n", on_post),
                ("excluded", &excluded(ex, lang)),
                ("max", max),
            ],
        ),
        Fact::VillagesShort {
            villages,
            per,
            floor,
            required,
            on_post,
            excluded: ex,
        } => fill(
            VILLAGES_SHORT,
            &[
                ("villages", villages),
                ("per", per),
                ("floor", floor),
                ("required", required),
                ("n", on_post),
                ("excluded", &excluded(ex, lang)),
                ("short", &(required - on_post)),
            ],
        ),
        Fact::RoleShort {
            role: r,
            min,
            min_level,
            have,
        } => {
            let holding = min_level
                .map(|l| HOLDING.fill(lang, &[("level", &level(l, lang))]))
                .unwrap_or_default();
            fill(
                ROLE_SHORT,
                &[
                    ("role", &role(*r, lang)),
                    ("min", min),
                    ("holding", &holding),
                    ("have", have),
                    ("short", &(min - have)),
                ],
            )
        }
        Fact::AreaSmall { area, min } => {
            fill(AREA_SMALL, &[("area", &num(*area)), ("min", &num(*min))])
        }
        Fact::AreaLarge { area, max } => {
            fill(AREA_LARGE, &[("area", &num(*area)), ("max", &num(*max))])
        }
        Fact::CivilRegistrationLate { due, days_late } => fill(
            CIVIL_LATE,
            &[("due", due), ("late", &late(due, *days_late))],
        ),
        Fact::CivilRegistrationSoon { due, days_left } => fill(
            CIVIL_SOON,
            &[("due", due), ("days", &days(*days_left, lang))],
        ),
        Fact::CertificateLate {
            who: w,
            level: l,
            start,
            due,
            days_late,
            clause,
        } => fill(
            CERTIFICATE_LATE,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("level", &level(*l, lang)),
                ("start", start),
                ("late", &late(due, *days_late)),
                ("clause", clause),
            ],
        ),
        Fact::CertificateSoon {
            who: w,
            level: l,
            due,
            days_left,
        } => fill(
            CERTIFICATE_SOON,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("level", &level(*l, lang)),
                ("days", &days(*days_left, lang)),
            ],
        ),
        Fact::FirstRegistrationLate {
            who: w,
            level: l,
            passed,
            due,
            days_late,
        } => fill(
            FIRST_REGISTRATION_LATE,
            &[
                ("who", &who(w, lang)),
                ("passed", passed),
                ("level", &level(*l, lang)),
                ("due", due),
                ("late", &late(due, *days_late)),
            ],
        ),
        Fact::FirstRegistrationSoon {
            who: w,
            level: l,
            passed,
            due,
            days_left,
        } => fill(
            FIRST_REGISTRATION_SOON,
            &[
                ("who", &who(w, lang)),
                ("passed", passed),
                ("level", &level(*l, lang)),
                ("due", due),
                ("days", &days(*days_left, lang)),
            ],
        ),
        Fact::RegistrationWindow {
            who: w,
            due,
            days_left,
            opens,
            ce,
        } => fill(
            REGISTRATION_WINDOW,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("days", &days(*days_left, lang)),
                ("opens", opens),
                ("ce", &ce_note(*ce, lang)),
            ],
        ),
        Fact::RegistrationLapsed {
            who: w,
            due,
            days_late,
            ce,
        } => fill(
            REGISTRATION_LAPSED,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                (
                    "ago",
                    &overdue(Some(*due), *days_late, AGO, ONE_DAY_AGO, SPAN_AGO, lang),
                ),
                ("ce", &ce_note(*ce, lang)),
            ],
        ),
        Fact::ContractEndedNoRenewal {
            who: w,
            due,
            level: l,
            clause,
        } => fill(
            CONTRACT_ENDED_NO_RENEWAL,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("level", &level(*l, lang)),
                ("clause", clause),
            ],
        ),
        Fact::ContractEndsNoRenewal {
            who: w,
            due,
            days_left,
            level: l,
        } => fill(
            CONTRACT_ENDS_NO_RENEWAL,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("days", &days(*days_left, lang)),
                ("level", &level(*l, lang)),
            ],
        ),
        Fact::ContractEnding {
            who: w,
            due,
            days_left,
            holds_needed,
        } => {
            let holds = if *holds_needed {
                HOLDS_RENEWAL_CERT.get(lang)
            } else {
                ""
            };
            fill(
                CONTRACT_ENDING,
                &[
                    ("who", &who(w, lang)),
                    ("due", due),
                    ("days", &days(*days_left, lang)),
                    ("holds", &holds),
                ],
            )
        }
        Fact::ContractTooLong {
            who: w,
            start,
            due,
            max_years,
        } => fill(
            CONTRACT_TOO_LONG,
            &[
                ("who", &who(w, lang)),
                ("start", &start.map(|s| s.to_string()).unwrap_or_default()),
                ("due", due),
                ("max", max_years),
            ],
        ),
        Fact::TrainingYearShort {
            who: w,
            year,
            hours,
            now,
        } => {
            let now = now
                .map(|h| {
                    TRAINING_NOW.fill(
                        lang,
                        &[
                            ("year", &(year + 1)),
                            ("done", &num(h.done)),
                            ("required", &num(h.required)),
                        ],
                    )
                })
                .unwrap_or_default();
            fill(
                TRAINING_YEAR_SHORT,
                &[
                    ("who", &who(w, lang)),
                    ("year", year),
                    ("done", &num(hours.done)),
                    ("required", &num(hours.required)),
                    ("short", &num(hours.required - hours.done)),
                    ("now", &now),
                ],
            )
        }
        Fact::ContractExpired {
            who: w,
            due,
            days_late,
            clause,
        } => fill(
            CONTRACT_EXPIRED,
            &[
                ("who", &who(w, lang)),
                ("due", due),
                ("late", &days_to(Some(*due), -days_late, lang)),
                ("clause", clause),
            ],
        ),
        Fact::ServiceNoRenewal { renewal } => super::standing::renewal(renewal, lang),
        Fact::EvaluationMissing {
            year,
            phase,
            due,
            days_late,
        } => fill(
            EVALUATION_MISSING,
            &[
                ("year", year),
                ("phase", &lang.pick(phase.name_zh(), phase.name_en())),
                ("due", due),
                ("late", &days_to(Some(*due), -days_late, lang)),
            ],
        ),
        Fact::EvaluationDue {
            year,
            phase,
            due,
            days_left,
        } => fill(
            EVALUATION_DUE,
            &[
                ("year", year),
                ("phase", &lang.pick(phase.name_zh(), phase.name_en())),
                ("due", due),
                ("days", &days(*days_left, lang)),
            ],
        ),
        Fact::ServiceContractEnding {
            operator,
            end,
            days,
            renewal,
        } => {
            let operator = crate::domain::text::escape(operator);
            let verdict = super::standing::renewal(renewal, lang);
            super::contracts::ALERT_ENDING.fill(
                lang,
                &[
                    ("operator", &operator),
                    ("end", end),
                    ("days", days),
                    ("verdict", &verdict),
                ],
            )
        }
        Fact::StatusStalled {
            status,
            since,
            days,
            limit,
        } => {
            use super::names::Named;
            let status = lang.pick(status.name_zh(), status.name_en());
            super::contracts::ALERT_STALLED.fill(
                lang,
                &[
                    ("status", &status),
                    ("days", days),
                    ("since", since),
                    ("limit", limit),
                ],
            )
        }
        Fact::TrainingShort {
            who: w,
            year,
            hours,
            due,
        } => fill(
            TRAINING_SHORT,
            &[
                ("who", &who(w, lang)),
                ("year", year),
                ("done", &num(hours.done)),
                ("required", &num(hours.required)),
                ("short", &num(hours.required - hours.done)),
                ("due", due),
            ],
        ),
        Fact::OverAge { who: w, age, under } => fill(
            OVER_AGE,
            &[
                ("who", &who(w, lang)),
                ("age", age),
                ("role", &role(w.role, lang)),
                ("under", under),
            ],
        ),
        Fact::AgeLimitSoon {
            who: w,
            under,
            due,
            days_left,
        } => {
            let birthday = due.succ_opt().map(|x| x.to_string()).unwrap_or_default();
            let left = count(days_left.abs() + 1, IN_DAYS, IN_ONE_DAY, lang);
            fill(
                AGE_LIMIT_SOON,
                &[
                    ("who", &who(w, lang)),
                    ("birthday", &birthday),
                    ("under", under),
                    ("left", &left),
                ],
            )
        }
        Fact::ExperienceShort {
            who: w,
            years,
            min_years,
            reaches,
        } => fill(
            EXPERIENCE_SHORT,
            &[
                ("who", &who(w, lang)),
                ("years", &format!("{years:.1}")),
                ("min", &num(*min_years)),
                ("due", reaches),
            ],
        ),
        Fact::QualificationShort {
            who: w,
            level: l,
            min_level,
        } => fill(
            QUALIFICATION_SHORT,
            &[
                ("who", &who(w, lang)),
                ("level", &level(*l, lang)),
                ("min", &level(*min_level, lang)),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn days_say_day_for_one_and_days_for_more() {
        assert_eq!(days(1, Lang::En), "1 day left");
        assert_eq!(days(-1, Lang::En), "1 day overdue");
        assert_eq!(days(-3, Lang::Zh), "逾期3天");
        assert_eq!(days(0, Lang::Zh), "今天到期");
        assert_eq!(days(12, Lang::En), "12 days left");
    }

    #[test]
    fn long_delays_read_in_years_and_months_from_365_days() {
        assert_eq!(years_months(364), None);
        assert_eq!(years_months(365), Some((1, 0)));
        assert_eq!(years_months(394), Some((1, 0)));
        assert_eq!(years_months(395), Some((1, 1)));
        assert_eq!(years_months(729), Some((1, 11)));
        assert_eq!(years_months(730), Some((2, 0)));
        assert_eq!(days(-364, Lang::Zh), "逾期364天");
        assert_eq!(days(-364, Lang::En), "364 days overdue");
        assert_eq!(days(-365, Lang::Zh), "逾期1年");
        assert_eq!(days(-365, Lang::En), "1 year overdue");
        assert_eq!(days(-(365 + 90), Lang::Zh), "逾期1年3个月");
        assert_eq!(days(-(365 + 90), Lang::En), "1 year 3 months overdue");
        assert_eq!(days(-(365 + 30), Lang::En), "1 year 1 month overdue");
        assert_eq!(days(-4900, Lang::Zh), "逾期13年5个月");
        assert_eq!(days(-4900, Lang::En), "13 years 5 months overdue");
        // Days left are never turned into years: the view shows the date as well.
        assert_eq!(days(400, Lang::En), "400 days left");
    }

    #[test]
    fn long_delays_with_a_due_date_count_calendar_years_and_months() {
        assert_eq!(years_months_between(d("2025-11-23"), d("2026-11-22")), None);
        assert_eq!(
            years_months_between(d("2025-11-22"), d("2026-11-22")),
            Some((1, 0))
        );
        // A leap day between: 366 days before a full year.
        assert_eq!(years_months_between(d("2023-11-23"), d("2024-11-22")), None);
        assert_eq!(
            years_months_between(d("2023-11-22"), d("2024-11-22")),
            Some((1, 0))
        );
        assert_eq!(
            years_months_between(d("2025-08-22"), d("2026-11-21")),
            Some((1, 2))
        );
        assert_eq!(
            years_months_between(d("2025-08-22"), d("2026-11-22")),
            Some((1, 3))
        );
        // The end of a short month does not count as a whole month.
        assert_eq!(
            years_months_between(d("2025-01-31"), d("2026-02-28")),
            Some((1, 0))
        );
        assert_eq!(
            years_months_between(d("2025-01-31"), d("2026-03-01")),
            Some((1, 1))
        );
        // 4382 days from 2014-11-23 is 12 "years" by the count, 11 years 11 months here.
        assert_eq!(
            days_to(Some(d("2014-11-23")), -4382, Lang::Zh),
            "逾期11年11个月"
        );
        assert_eq!(days(-4382, Lang::Zh), "逾期12年");
        let due = d("2025-08-22");
        let n = (d("2026-11-22") - due).num_days();
        assert_eq!(days_to(Some(due), -n, Lang::Zh), "逾期1年3个月");
        assert_eq!(days_to(Some(due), -n, Lang::En), "1 year 3 months overdue");
        assert_eq!(days_to(Some(d("2025-11-23")), -364, Lang::Zh), "逾期364天");
        assert_eq!(
            days_to(Some(d("2025-11-22")), -365, Lang::En),
            "1 year overdue"
        );
        assert_eq!(
            days_to(Some(d("2025-10-22")), -396, Lang::En),
            "1 year 1 month overdue"
        );
        assert_eq!(days_to(Some(d("2027-01-01")), 40, Lang::En), "40 days left");
    }

    #[test]
    fn staffing_over_names_the_roles_not_counted() {
        let f = Fact::StaffingOver {
            on_post: 9,
            max: 8,
            excluded: vec![Role::Supervisor, Role::StationHead],
        };
        assert_eq!(
            describe(&f, Lang::Zh),
            "在岗9人（不含督导、站长），超过规定的8人：核定人员配置"
        );
        assert_eq!(
            describe(&f, Lang::En),
            "9 on post (not counting the supervisor or station head), above the maximum of 8: review the staffing"
        );
    }

    #[test]
    fn a_contract_too_long_and_a_registration_lapsed_one_day_ago() {
        let who = Who {
            name: "王芳".into(),
            role: Role::ResidentWorker,
        };
        let f = Fact::ContractTooLong {
            who: who.clone(),
            start: Some(d("2024-01-01")),
            due: d("2028-12-31"),
            max_years: 3,
        };
        assert_eq!(
            describe(&f, Lang::Zh),
            "王芳（驻站社工）的合同期2024-01-01至2028-12-31超过3年上限：核对合同期限"
        );
        let f = Fact::RegistrationLapsed {
            who,
            due: d("2026-11-21"),
            days_late: 1,
            ce: Some(Hours {
                done: 70.5,
                required: 72.0,
            }),
        };
        assert_eq!(
            describe(&f, Lang::En),
            "王芳 (resident worker)'s registration lapsed on 2026-11-21 (1 day overdue): have them re-register; continuing education 70.5/72 h, 1.5 short"
        );
        assert_eq!(
            describe(&f, Lang::Zh),
            "王芳（驻站社工）的证书登记已于2026-11-21过期（1天前）：督促补办再登记；本期继续教育70.5/72学时，尚缺1.5学时"
        );
    }
}
