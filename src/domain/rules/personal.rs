//! The alert each deadline of a person raises, if any, with what to do.

use chrono::NaiveDate;

use super::alerts::{num, Alert, AlertKind, At, Severity};
use super::{days_en, days_zh, Deadline, DeadlineKind, DeadlineStatus, Detail};
use crate::domain::staff::{CertLevel, Staff};

fn who(p: &Staff) -> (String, String) {
    (
        format!("{}（{}）", p.name, p.role.name_zh()),
        format!("{} ({})", p.name, p.role.name_en()),
    )
}

fn ce_note(all: &[Deadline]) -> (String, String) {
    let ce = all
        .iter()
        .find(|d| d.kind == DeadlineKind::ContinuingEducation);
    match ce.map(|d| &d.detail) {
        Some(Detail::Hours { done, required, .. }) if done < required => (
            format!(
                "；本期继续教育{}/{}学时，尚缺{}学时",
                num(*done),
                num(*required),
                num(required - done)
            ),
            format!(
                "; continuing education {}/{} h, {} short",
                num(*done),
                num(*required),
                num(required - done)
            ),
        ),
        Some(Detail::Hours { done, required, .. }) => (
            format!(
                "；本期继续教育{}/{}学时，已达标",
                num(*done),
                num(*required)
            ),
            format!(
                "; continuing education {}/{} h, enough",
                num(*done),
                num(*required)
            ),
        ),
        _ => (String::new(), String::new()),
    }
}

/// The alert (if any) one deadline of one person raises.
pub(super) fn personal(at: &At, p: &Staff, d: &Deadline, all: &[Deadline], out: &mut Vec<Alert>) {
    use DeadlineStatus::{DueSoon, Overdue, Unmet};
    let (wz, we) = who(p);
    let due = d.due.map(|x| x.to_string()).unwrap_or_default();
    let n = d.days_left.unwrap_or(0).abs();
    let (lz, le) = (
        days_zh(d.days_left.unwrap_or(0)),
        days_en(d.days_left.unwrap_or(0)),
    );
    let mut push = |severity, kind, due_date: Option<NaiveDate>, zh: String, en: String| {
        out.push(at.alert(severity, kind, Some(p.id), due_date, &d.cite, zh, en));
    };
    match (&d.detail, d.status) {
        (Detail::Certificate { start, min_level }, Overdue) => push(
            Severity::Critical,
            AlertKind::Uncertified,
            d.due,
            format!(
                "{wz}须在{due}前取得{}及以上证书（自{start}起算），已逾期{n}天仍未取得：按{}调整岗位、更换或不予续聘",
                min_level.name_zh(),
                d.cite.clause
            ),
            format!(
                "{we} had to hold the {} certificate or higher by {due} (counted from {start}), now {le}: act under {} (reassign, replace or do not renew)",
                min_level.name_en(),
                d.cite.clause
            ),
        ),
        (Detail::Certificate { min_level, .. }, DueSoon) => push(
            Severity::Warning,
            AlertKind::Uncertified,
            d.due,
            format!("{wz}须在{due}前取得{}及以上证书（{lz}）：督促报考取证", min_level.name_zh()),
            format!("{we} must hold the {} certificate or higher by {due} ({le}): see that they sit the exam", min_level.name_en()),
        ),
        (Detail::FirstRegistration { passed }, Overdue) => push(
            Severity::Critical,
            AlertKind::FirstRegistration,
            d.due,
            format!("{wz}于{passed}取得{}证书，应在{due}前首次登记，已逾期{n}天：督促在全国社会工作信息系统办理登记", p.cert_level.name_zh()),
            format!(
                "{we} passed the {} exam on {passed} and had to register by {due}, now {le}: have them register in the national social work information system",
                p.cert_level.name_en()
            ),
        ),
        (Detail::FirstRegistration { passed }, DueSoon) => push(
            Severity::Warning,
            AlertKind::FirstRegistration,
            d.due,
            format!("{wz}于{passed}取得{}证书，须在{due}前首次登记（{lz}）：督促办理登记", p.cert_level.name_zh()),
            format!("{we} passed the {} exam on {passed} and must register by {due} ({le})", p.cert_level.name_en()),
        ),
        (Detail::Registration { window_opens, .. }, DueSoon) => {
            let (cz, ce) = ce_note(all);
            push(
                Severity::Warning,
                AlertKind::RegistrationWindow,
                d.due,
                format!("{wz}的证书登记{due}到期（{lz}），再登记窗口已于{window_opens}开放：督促申请再登记{cz}"),
                format!("{we}'s registration expires on {due} ({le}); the renewal window opened on {window_opens}: have them re-register{ce}"),
            )
        }
        (Detail::Registration { .. }, Overdue) => {
            let (cz, ce) = ce_note(all);
            push(
                Severity::Critical,
                AlertKind::RegistrationLapsed,
                d.due,
                format!("{wz}的证书登记已于{due}过期（{n}天前）：督促补办再登记{cz}"),
                format!("{we}'s registration lapsed on {due} ({le}): have them re-register{ce}"),
            )
        }
        (Detail::Contract { start, max_years, too_long, renewal_min_level, renewal_allowed }, status) => {
            let level = renewal_min_level.unwrap_or(CertLevel::Assistant);
            match (status, renewal_allowed) {
                (Overdue, false) => push(
                    Severity::Critical,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    format!("{wz}的合同已于{due}到期，未取得续聘所需的{}及以上证书，不得续聘：核实是否仍在岗，按{}处理", level.name_zh(), d.cite.clause),
                    format!(
                        "{we}'s contract ended on {due} without the {} certificate renewal needs, so it may not be renewed: check whether they still work there and act under {}",
                        level.name_en(),
                        d.cite.clause
                    ),
                ),
                (DueSoon, false) => push(
                    Severity::Warning,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    format!("{wz}的合同{due}到期（{lz}），尚未取得续聘所需的{}及以上证书：到期不得续聘，督促尽快取证", level.name_zh()),
                    format!(
                        "{we}'s contract ends on {due} ({le}) without the {} certificate renewal needs: without it the contract may not be renewed",
                        level.name_en()
                    ),
                ),
                (DueSoon, true) => {
                    let (cz, ce) = if renewal_min_level.is_some() {
                        ("，已具备续聘所需证书", ", and they hold the certificate renewal needs")
                    } else {
                        ("", "")
                    };
                    push(
                        Severity::Info,
                        AlertKind::ContractEnding,
                        d.due,
                        format!("{wz}的合同{due}到期（{lz}）{cz}：安排考核，办理续聘或离职"),
                        format!("{we}'s contract ends on {due} ({le}){ce}: arrange the assessment and the renewal or departure"),
                    )
                }
                _ => {}
            }
            if *too_long {
                let s = start.map(|x| x.to_string()).unwrap_or_default();
                push(
                    Severity::Warning,
                    AlertKind::ContractTooLong,
                    d.due,
                    format!("{wz}的合同期{s}至{due}超过{max_years}年上限：核对合同期限"),
                    format!("{we}'s contract runs from {s} to {due}, longer than the {max_years}-year maximum: check the term"),
                );
            }
        }
        (Detail::Hours { done, required, year: Some(year) }, DueSoon) if d.kind == DeadlineKind::Training => {
            let short = required - done;
            push(
                Severity::Warning,
                AlertKind::TrainingShort,
                d.due,
                format!("{wz}{year}年培训{}/{}学时，尚缺{}学时：年底（{due}）前补足", num(*done), num(*required), num(short)),
                format!("{we} has {}/{} training hours for {year}, {} short: complete them by {due}", num(*done), num(*required), num(short)),
            )
        }
        (Detail::Age { age, under }, Overdue) => push(
            Severity::Warning,
            AlertKind::AgeLimit,
            d.due,
            format!("{wz}现年{age}岁，不符合{}{under}岁以下的要求：调整岗位", p.role.name_zh()),
            format!("{we} is {age}, not under {under} as the rule asks of a {}: reassign", p.role.name_en()),
        ),
        (Detail::Age { under, .. }, DueSoon) => {
            let birthday = d.due.and_then(|x| x.succ_opt()).map(|x| x.to_string()).unwrap_or_default();
            push(
                Severity::Info,
                AlertKind::AgeLimit,
                d.due,
                format!("{wz}将于{birthday}满{under}岁（剩{}天），届时不再符合{under}岁以下的要求：提前安排", n + 1),
                format!("{we} turns {under} on {birthday} (in {}), after which the under-{under} rule is not met: plan ahead", days_en(n + 1).trim_end_matches(" left")),
            )
        }
        (Detail::Experience { years, min_years }, Unmet) => push(
            Severity::Warning,
            AlertKind::ExperienceShort,
            None,
            format!("{wz}相关工作经验约{years:.1}年，不足{}年（{due}满{}年）：核实工作经历", num(*min_years), num(*min_years)),
            format!(
                "{we} has about {years:.1} years of relevant experience, less than {} (reaches it on {due}): check their record",
                num(*min_years)
            ),
        ),
        (Detail::Level { level, min_level }, Unmet) => push(
            Severity::Warning,
            AlertKind::QualificationShort,
            None,
            format!("{wz}持{}，低于要求的{}及以上：督促取得{}证书或调整人选", level.name_zh(), min_level.name_zh(), min_level.name_zh()),
            format!(
                "{we} holds {}, below the {} level or higher required: have them qualify or appoint someone who is",
                level.name_en(),
                min_level.name_en()
            ),
        ),
        _ => {}
    }
}
