//! The words for where a milestone stands (`coverage::Status`) and what a renewal verdict
//! decided (`renewal::RenewalConsequence`). The domain returns the facts; these functions say
//! them.

use super::{Lang, Text};
use crate::domain::coverage::Status;
use crate::domain::renewal::{RenewalConsequence, SheetRef, SheetStatus, Verdict};
use crate::i18n::names::Named;

crate::catalogue! {
    /// A milestone that requires nothing here.
    NOT_APPLICABLE = "不适用：此处无须计数的单位" / "not applicable: nothing to count here";
    /// The short form of the same, for a row.
    NOT_APPLICABLE_SHORT = "不适用" / "n/a";
    /// Met, and held without a break since on or before the deadline.
    MET = "已达成（{on}起）" / "met since {on}";
    /// Held now, since a day after the deadline.
    MET_LATE = "逾期{late}天后于{on}达成" / "reached on {on}, {late} days after the deadline";
    /// The same for one day.
    MET_LATE_ONE = "逾期{late}天后于{on}达成" / "reached on {on}, {late} day after the deadline";
    /// Reached once, short now, deadline ahead.
    LOST = "曾于{on}达成，现缺{short}个" / "reached on {on}, now short by {short}";
    /// Reached once, short now, past the deadline.
    LOST_LATE = "曾于{on}达成，现缺{short}个，已逾期{late}天"
        / "reached on {on}, now short by {short}, {late} days past the deadline";
    /// Never reached; on the deadline day.
    MISSED_TODAY = "截止日未达成，尚缺{short}个" / "missed on the deadline day, short by {short}";
    /// Never reached; past the deadline.
    MISSED = "已逾期{late}天，尚缺{short}个" / "missed {late} days ago, still short by {short}";
    /// The same, one day past.
    MISSED_ONE = "已逾期{late}天，尚缺{short}个" / "missed {late} day ago, still short by {short}";
    /// Deadline ahead, on pace.
    ON_PACE = "剩{left}天，按当前进度{on}可达成"
        / "{left} days left, current pace reaches it on {on}";
    /// Deadline ahead, behind pace.
    BEHIND_PACE = "剩{left}天，按当前进度{on}才达成，赶不上"
        / "{left} days left, current pace only reaches it on {on}: too slow";
    /// Deadline ahead, nothing counted yet.
    NOT_STARTED = "剩{left}天，尚未起步" / "{left} days left, nothing established yet";
    /// A row's status: reached late.
    ROW_REACHED_LATE = "迟{late}天达成" / "reached {late}d late";
    /// A row's status: met.
    ROW_MET = "已达成" / "met";
    /// A row's status: reached once, short now.
    ROW_LOST = "曾达成，缺{short}" / "was met, short {short}";
    /// A row's status: reached once, short now, past the deadline.
    ROW_LOST_LATE = "曾达成，缺{short}，逾期{late}天" / "was met, short {short}, {late}d late";
    /// A row's status: past the deadline and short.
    ROW_LATE = "逾期{late}天，缺{short}" / "{late}d late, short {short}";
    /// A row's status: short on the deadline day.
    ROW_DUE_TODAY = "今日截止，缺{short}" / "due today, short {short}";
    /// A row's status: deadline ahead.
    ROW_LEFT = "剩{left}天" / "{left}d left";

    /// `MET_LATE`, a year or more after the deadline ({late}: "1年3个月" / "1 year 3 months").
    MET_LATE_SPAN = "逾期{late}后于{on}达成" / "reached on {on}, {late} after the deadline";
    /// `LOST_LATE`, a year or more past the deadline.
    LOST_LATE_SPAN = "曾于{on}达成，现缺{short}个，已逾期{late}"
        / "reached on {on}, now short by {short}, {late} past the deadline";
    /// `MISSED`, a year or more past the deadline.
    MISSED_SPAN = "已逾期{late}，尚缺{short}个" / "missed {late} ago, still short by {short}";
    /// `ROW_REACHED_LATE`, a year or more late ({late}: "1年3个月" / "1y 3m").
    ROW_REACHED_LATE_SPAN = "迟{late}达成" / "reached {late} late";
    /// `ROW_LOST_LATE`, a year or more late.
    ROW_LOST_LATE_SPAN = "曾达成，缺{short}，逾期{late}" / "was met, short {short}, {late} late";
    /// `ROW_LATE`, a year or more late.
    ROW_LATE_SPAN = "逾期{late}，缺{short}" / "{late} late, short {short}";
    /// Years and months late, in a row.
    ROW_YEARS_MONTHS = "{y}年{m}个月" / "{y}y {m}m";
    /// Whole years late, in a row.
    ROW_YEARS = "{y}年" / "{y}y";

    /// Renewal allowed.
    RENEW_ALLOWED = "可续签：{rule}；依据{used}（{clause}）"
        / "renewal allowed: {rule}; from {used} ({clause})";
    /// Renewal refused.
    RENEW_REFUSED = "不可续签：{failing}，要求{rule}（{clause}）"
        / "no renewal: {failing}; the rule is {rule} ({clause})";
    /// Renewal pending with nothing in the term.
    RENEW_EMPTY = "待定：服务期内无评估，要求{rule}（{clause}）"
        / "renewal pending: no evaluation in the term; the rule is {rule} ({clause})";
    /// Renewal pending on some sheets.
    RENEW_PENDING = "待定：{waiting}（{clause}）" / "renewal pending: {waiting} ({clause})";
    /// The service term a verdict looked at.
    RENEW_TERM = "服务期{from}–{to}年" / "service term {from}–{to}";
    /// A service term of one year.
    RENEW_TERM_ONE = "服务期{from}年" / "service term {from}";
    /// A sheet named in a verdict.
    SHEET = "{year}年{phase}评估" / "{year} {phase} evaluation";
    /// A sheet with its stored evaluation's id.
    SHEET_ID = "{year}年{phase}评估#{id}" / "{year} {phase} evaluation #{id}";
    /// A sheet and the grade it had.
    SHEET_WAS = "{sheet}为{grade}" / "{sheet} was {grade}";
    /// A sheet still missing.
    SHEET_MISSING = "{sheet}缺" / "{sheet} missing";
    /// A sheet still a draft.
    SHEET_DRAFT = "{sheet}尚未提交" / "{sheet} not yet submitted";
    /// A final sheet without a grade.
    SHEET_UNGRADED = "{sheet}未评等级" / "{sheet} has no grade";
    /// Renewal rule: every evaluation of the term excellent.
    RULE_ALL_EXCELLENT = "服务期内各次评估均为优秀" / "every evaluation of the term excellent";
    /// Renewal rule: the annual evaluation qualified.
    RULE_ANNUAL_QUALIFIED = "年度评估合格" / "the annual evaluation at least qualified";
    /// Renewal rule: every evaluation qualified.
    RULE_ALL_QUALIFIED = "各次评估均合格" / "every evaluation at least qualified";
    /// Sheet status: missing.
    SHEET_STATUS_MISSING = "缺" / "missing";
    /// Sheet status: draft.
    SHEET_STATUS_DRAFT = "草稿" / "draft";
    /// Sheet status: submitted.
    SHEET_STATUS_SUBMITTED = "已提交" / "submitted";
    /// Sheet status: locked.
    SHEET_STATUS_LOCKED = "已锁定" / "locked";
}

fn f(t: Text, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    t.fill(lang, args)
}

/// A year or more late, in words ("1年3个月" / "1 year 3 months"). From the day count:
/// a status carries the days late, not the deadline, and both forms of a status (sentence
/// and row) must agree.
fn late_long(n: i64, lang: Lang) -> Option<String> {
    super::domain::span(None, n, lang)
}

/// The same in a row's few characters ("1年3个月" / "1y 3m").
fn late_short(n: i64, lang: Lang) -> Option<String> {
    let (y, m) = super::domain::years_months(n)?;
    Some(if m == 0 {
        f(ROW_YEARS, lang, &[("y", &y)])
    } else {
        f(ROW_YEARS_MONTHS, lang, &[("y", &y), ("m", &m)])
    })
}

/// The milestone's status as a sentence.
pub fn status(st: &Status, lang: Lang) -> String {
    match st {
        Status::NotApplicable => NOT_APPLICABLE.get(lang).to_string(),
        Status::Met { on } => f(MET, lang, &[("on", on)]),
        Status::MissedReached { on, days_late } if late_long(*days_late, lang).is_some() => {
            let sp = late_long(*days_late, lang).unwrap_or_default();
            f(MET_LATE_SPAN, lang, &[("on", on), ("late", &sp)])
        }
        Status::MissedReached { on, days_late } => {
            let t = if *days_late == 1 {
                MET_LATE_ONE
            } else {
                MET_LATE
            };
            f(t, lang, &[("on", on), ("late", days_late)])
        }
        Status::Lost {
            reached_on,
            short_by,
            days_late: None,
        } => f(LOST, lang, &[("on", reached_on), ("short", short_by)]),
        Status::Lost {
            reached_on,
            short_by,
            days_late: Some(n),
        } if late_long(*n, lang).is_some() => f(
            LOST_LATE_SPAN,
            lang,
            &[
                ("on", reached_on),
                ("short", short_by),
                ("late", &late_long(*n, lang).unwrap_or_default()),
            ],
        ),
        Status::Lost {
            reached_on,
            short_by,
            days_late: Some(n),
        } => f(
            LOST_LATE,
            lang,
            &[("on", reached_on), ("short", short_by), ("late", n)],
        ),
        Status::MissedShort {
            short_by,
            days_late: 0,
        } => f(MISSED_TODAY, lang, &[("short", short_by)]),
        Status::MissedShort {
            short_by,
            days_late,
        } if late_long(*days_late, lang).is_some() => f(
            MISSED_SPAN,
            lang,
            &[
                ("late", &late_long(*days_late, lang).unwrap_or_default()),
                ("short", short_by),
            ],
        ),
        Status::MissedShort {
            short_by,
            days_late,
        } => {
            let t = if *days_late == 1 { MISSED_ONE } else { MISSED };
            f(t, lang, &[("late", days_late), ("short", short_by)])
        }
        Status::InProgress {
            days_left,
            projected,
            on_pace,
        } => match (projected, on_pace) {
            (Some(p), true) => f(ON_PACE, lang, &[("left", days_left), ("on", p)]),
            (Some(p), false) => f(BEHIND_PACE, lang, &[("left", days_left), ("on", p)]),
            (None, _) => f(NOT_STARTED, lang, &[("left", days_left)]),
        },
    }
}

/// The status in a few words, for a row of the lagging list (红黑榜).
pub fn status_short(st: &Status, lang: Lang) -> String {
    match st {
        Status::NotApplicable => NOT_APPLICABLE_SHORT.get(lang).to_string(),
        Status::Met { .. } => ROW_MET.get(lang).to_string(),
        Status::MissedReached { days_late, .. } => match late_short(*days_late, lang) {
            Some(sp) => f(ROW_REACHED_LATE_SPAN, lang, &[("late", &sp)]),
            None => f(ROW_REACHED_LATE, lang, &[("late", days_late)]),
        },
        Status::Lost {
            short_by,
            days_late: Some(n),
            ..
        } => match late_short(*n, lang) {
            Some(sp) => f(
                ROW_LOST_LATE_SPAN,
                lang,
                &[("short", short_by), ("late", &sp)],
            ),
            None => f(ROW_LOST_LATE, lang, &[("short", short_by), ("late", n)]),
        },
        Status::Lost { short_by, .. } => f(ROW_LOST, lang, &[("short", short_by)]),
        Status::MissedShort {
            short_by,
            days_late: 0,
        } => f(ROW_DUE_TODAY, lang, &[("short", short_by)]),
        Status::MissedShort {
            short_by,
            days_late,
        } => match late_short(*days_late, lang) {
            Some(sp) => f(ROW_LATE_SPAN, lang, &[("late", &sp), ("short", short_by)]),
            None => f(ROW_LATE, lang, &[("late", days_late), ("short", short_by)]),
        },
        Status::InProgress { days_left, .. } => f(ROW_LEFT, lang, &[("left", days_left)]),
    }
}

/// A sheet's status in words.
pub fn sheet_status(s: SheetStatus, lang: Lang) -> &'static str {
    match s {
        SheetStatus::Missing => SHEET_STATUS_MISSING.get(lang),
        SheetStatus::Draft => SHEET_STATUS_DRAFT.get(lang),
        SheetStatus::Submitted => SHEET_STATUS_SUBMITTED.get(lang),
        SheetStatus::Locked => SHEET_STATUS_LOCKED.get(lang),
    }
}

/// The renewal rule in words.
pub fn renewal_rule(r: crate::domain::policy::RenewalRule, lang: Lang) -> &'static str {
    use crate::domain::policy::RenewalRule as R;
    match r {
        R::AllExcellent => RULE_ALL_EXCELLENT.get(lang),
        R::AnnualQualified => RULE_ANNUAL_QUALIFIED.get(lang),
        R::AllQualified => RULE_ALL_QUALIFIED.get(lang),
    }
}

/// A sheet named: "2024年中期评估#12" / "2024 mid-term evaluation #12".
pub fn sheet(s: &SheetRef, lang: Lang) -> String {
    let phase = lang.pick(s.phase.name_zh(), s.phase.name_en());
    match s.evaluation_id {
        Some(id) => f(
            SHEET_ID,
            lang,
            &[("year", &s.year), ("phase", &phase), ("id", &id)],
        ),
        None => f(SHEET, lang, &[("year", &s.year), ("phase", &phase)]),
    }
}

/// A sheet with its grade: "2024年中期评估#12为良好".
fn sheet_was(s: &SheetRef, lang: Lang) -> String {
    let grade = s
        .grade
        .map(|g| lang.pick(g.name_zh(), g.name_en()))
        .unwrap_or("-");
    f(
        SHEET_WAS,
        lang,
        &[("sheet", &sheet(s, lang)), ("grade", &grade)],
    )
}

/// One line: the verdict, the evaluations it used and why, and the clause
/// ("不可续签：2023年中期评估#4为良好，要求服务期内各次评估均为优秀（§三(四)）").
pub fn renewal(r: &RenewalConsequence, lang: Lang) -> String {
    let sep = lang.pick("；", "; ");
    let clause = &r.cite.clause;
    let rule = renewal_rule(r.rule, lang);
    let list = |xs: &[SheetRef], one: &dyn Fn(&SheetRef) -> String| {
        xs.iter().map(one).collect::<Vec<_>>().join(sep)
    };
    match &r.verdict {
        Verdict::Allowed { used } => {
            let t = if r.term.0 == r.term.1 {
                RENEW_TERM_ONE
            } else {
                RENEW_TERM
            };
            let term = f(t, lang, &[("from", &r.term.0), ("to", &r.term.1)]);
            let used =
                format!("{term}{}", lang.pick("：", ": ")) + &list(used, &|s| sheet_was(s, lang));
            f(
                RENEW_ALLOWED,
                lang,
                &[("rule", &rule), ("used", &used), ("clause", clause)],
            )
        }
        Verdict::NotAllowed { failing } => f(
            RENEW_REFUSED,
            lang,
            &[
                ("failing", &list(failing, &|s| sheet_was(s, lang))),
                ("rule", &rule),
                ("clause", clause),
            ],
        ),
        Verdict::Pending { waiting } if waiting.is_empty() => {
            f(RENEW_EMPTY, lang, &[("rule", &rule), ("clause", clause)])
        }
        Verdict::Pending { waiting } => {
            let one = |s: &SheetRef| {
                let t = match s.status {
                    SheetStatus::Missing => SHEET_MISSING,
                    SheetStatus::Draft => SHEET_DRAFT,
                    _ => SHEET_UNGRADED,
                };
                f(t, lang, &[("sheet", &sheet(s, lang))])
            };
            f(
                RENEW_PENDING,
                lang,
                &[("waiting", &list(waiting, &one)), ("clause", clause)],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_a_year_or_more_late_reads_in_years_and_months() {
        let missed = |n| Status::MissedShort {
            short_by: 6,
            days_late: n,
        };
        assert_eq!(status(&missed(364), Lang::Zh), "已逾期364天，尚缺6个");
        assert_eq!(status(&missed(365), Lang::Zh), "已逾期1年，尚缺6个");
        assert_eq!(
            status(&missed(1544), Lang::En),
            "missed 4 years 2 months ago, still short by 6"
        );
        assert_eq!(status_short(&missed(364), Lang::En), "364d late, short 6");
        assert_eq!(status_short(&missed(1544), Lang::En), "4y 2m late, short 6");
        assert_eq!(status_short(&missed(1544), Lang::Zh), "逾期4年2个月，缺6");
        let on = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
        let reached = Status::MissedReached { on, days_late: 730 };
        assert_eq!(status(&reached, Lang::Zh), "逾期2年后于2026-01-05达成");
        assert_eq!(status_short(&reached, Lang::En), "reached 2y late");
        let lost = Status::Lost {
            reached_on: on,
            short_by: 1,
            days_late: Some(400),
        };
        assert_eq!(
            status(&lost, Lang::En),
            "reached on 2026-01-05, now short by 1, 1 year 1 month past the deadline"
        );
        assert_eq!(status_short(&lost, Lang::Zh), "曾达成，缺1，逾期1年1个月");
    }
}
