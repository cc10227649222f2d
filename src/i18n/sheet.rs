//! Refusals of a typed score, of an action on an evaluation sheet, and of a field of a staff
//! record (a form or an imported row): the domain decides them as structured facts, these
//! words say them.

use super::Lang;
use crate::domain::evaluation::{fmt_score, EvalStatus, ScoreError};
use crate::domain::rules::{DateKind, FieldError, Problem, Quantity, FIRST_EXAM_YEAR};
use crate::domain::sheet::SheetError;

crate::catalogue! {
    /// A score cell left empty.
    SCORE_EMPTY = "未填写" / "empty";
    /// A score that is not a number.
    SCORE_NOT_A_NUMBER = "不是数字：{text}" / "not a number: {text}";
    /// A score below zero.
    SCORE_NEGATIVE = "不能为负数" / "negative";
    /// A score above the item's maximum.
    SCORE_OVER_MAX = "超过满分 {max}" / "over the maximum {max}";
    /// A score with two decimals.
    SCORE_DECIMALS = "最多一位小数" / "at most one decimal";
    /// A comma typed into a score.
    SCORE_COMMA = "不接受逗号：小数点请用“.”（如 22.5），也不要千位分隔符"
        / "a comma is not accepted: use . for decimals (22.5), and no thousands separator";
    /// A letter or symbol typed into a score.
    SCORE_CHAR = "“{c}”不能输入分值：只能输入数字和小数点" / "{c} cannot be typed into a score: digits and . only";
    /// A score longer than any score.
    SCORE_TOO_LONG = "最多 {max} 个字符" / "at most {max} characters";
    /// Typing into a submitted sheet.
    SHEET_SUBMITTED = "评估表已提交，不能修改" / "the sheet is submitted and cannot be edited";
    /// Typing into a locked sheet.
    SHEET_LOCKED = "评估表已锁定，不能修改" / "the sheet is locked and cannot be edited";
    /// Saving a resolution with items still undecided.
    SHEET_UNRESOLVED = "还有 {n} 项冲突未选择" / "{n} conflicting item(s) still need a choice";
    /// A conflict of another sheet.
    SHEET_WRONG_EVALUATION = "冲突不属于此评估表（评估 {theirs}，本表 {ours}）"
        / "the conflict is for evaluation {theirs}, not {ours}";
    /// A pass date in the future.
    FUTURE_PASSED = "取证日期{date}晚于今天（{today}），不能是将来的日期"
        / "the pass date {date} is after today ({today}); it cannot be in the future";
    /// A registration date in the future.
    FUTURE_REGISTERED = "登记日期{date}晚于今天（{today}），不能是将来的日期"
        / "the registration date {date} is after today ({today}); it cannot be in the future";
    /// A departure in the future.
    FUTURE_DEPARTED = "离职日期{date}晚于今天（{today}），不能是将来的日期"
        / "the departure date {date} is after today ({today}); it cannot be in the future";
    /// No certificate level.
    NO_LEVEL = "请选择证书等级（助理社会工作师、社会工作师或高级社会工作师）"
        / "choose a certificate level (assistant, intermediate or senior)";
    /// A pass date before 2008.
    BEFORE_FIRST_EXAM = "取证日期{passed}早于{year}年全国首次社会工作者职业水平考试"
        / "the pass date {passed} is before the first national exam ({year})";
    /// A registration without a certificate.
    REGISTRATION_WITHOUT_CERTIFICATE = "没有证书不能登记：先录入证书等级和取证日期"
        / "there is no certificate to register: record the level and pass date first";
    /// A registration before the pass date.
    REGISTERED_BEFORE_PASSING = "登记日期{on}早于取证日期{passed}"
        / "the registration date {on} is before the pass date {passed}";
    /// An expiry not after the registration.
    EXPIRY_NOT_AFTER = "有效期至{expiry}须晚于登记日期{on}"
        / "the expiry {expiry} must be after the registration date {on}";
    /// An expiry past the validity and window.
    EXPIRY_TOO_LATE = "有效期至{expiry}超过登记有效期{years}年（最晚{latest}）"
        / "the expiry {expiry} is more than the {years}-year validity after the registration (at most {latest})";
    /// Training hours out of range.
    RANGE_TRAINING = "培训学时须在0到{max}之间，收到{value}" / "training hours must be 0-{max}, got {value}";
    /// Continuing-education hours out of range.
    RANGE_CE = "继续教育学时须在0到{max}之间，收到{value}"
        / "continuing-education hours must be 0-{max}, got {value}";
    /// Prior years out of range.
    RANGE_PRIOR = "此前工作年限须在0到{max}之间，收到{value}"
        / "prior years of experience must be 0-{max}, got {value}";
    /// Training for a year to come.
    YEAR_NOT_BEGUN = "{year}年尚未到来" / "{year} has not begun";
    /// Training for a year before the hire.
    YEAR_BEFORE_HIRE = "{year}年早于入职日期{hired}" / "{year} is before the hire date {hired}";
    /// A departure before the hire.
    DEPARTED_BEFORE_HIRE = "离职日期{on}早于入职日期{hired}"
        / "the departure {on} is before the hire date {hired}";
    /// An empty name.
    NAME_EMPTY = "姓名不能为空" / "the name is empty";
    /// A name too long.
    NAME_TOO_LONG = "姓名超过40个字" / "the name is longer than 40 characters";
    /// A hire far ahead.
    HIRE_TOO_FAR = "入职日期{hired}晚于一年以后（{horizon}）"
        / "the hire date {hired} is more than a year ahead ({horizon})";
    /// An age at hire outside 16-75.
    AGE_AT_HIRE = "按出生日期{birth}，入职时{age}岁，不在16到75岁之间"
        / "born {birth}, they would be {age} at hire: not within 16-75";
    /// A contract ending before it starts.
    CONTRACT_ENDS_BEFORE_START = "合同结束日期{end}须晚于开始日期{start}"
        / "the contract end {end} must be after its start {start}";
    /// A registration date alone.
    REGISTRATION_WITHOUT_EXPIRY = "填写了登记日期但缺少有效期至"
        / "a registration date without its expiry";
    /// An expiry alone.
    EXPIRY_WITHOUT_REGISTRATION = "填写了有效期至但缺少登记日期"
        / "a registration expiry without its date";
}

/// Why a typed score was refused, in `lang`.
pub fn score_error(e: &ScoreError, lang: Lang) -> String {
    match e {
        ScoreError::Empty => SCORE_EMPTY.get(lang).into(),
        ScoreError::NotANumber(text) => SCORE_NOT_A_NUMBER.fill(lang, &[("text", text)]),
        ScoreError::Negative => SCORE_NEGATIVE.get(lang).into(),
        ScoreError::OverMax { max } => SCORE_OVER_MAX.fill(lang, &[("max", &fmt_score(*max))]),
        ScoreError::TooManyDecimals => SCORE_DECIMALS.get(lang).into(),
        ScoreError::Comma => SCORE_COMMA.get(lang).into(),
        ScoreError::NotAScoreChar(c) => {
            let c = lang.pick(c.to_string(), format!("{c:?}"));
            SCORE_CHAR.fill(lang, &[("c", &c)])
        }
        ScoreError::TooLong { max } => SCORE_TOO_LONG.fill(lang, &[("max", max)]),
    }
}

/// Why an action on a sheet was refused, in `lang`.
pub fn sheet_error(e: &SheetError, lang: Lang) -> String {
    match e {
        SheetError::ReadOnly(EvalStatus::Submitted) => SHEET_SUBMITTED.get(lang).into(),
        SheetError::ReadOnly(_) => SHEET_LOCKED.get(lang).into(),
        SheetError::Score(e) => score_error(e, lang),
        SheetError::Unresolved(n) => SHEET_UNRESOLVED.fill(lang, &[("n", n)]),
        SheetError::WrongEvaluation { ours, theirs } => {
            SHEET_WRONG_EVALUATION.fill(lang, &[("ours", ours), ("theirs", theirs)])
        }
    }
}

/// What is wrong with a field, in `lang` (without the field's name).
pub fn field_error(e: &FieldError, lang: Lang) -> String {
    match &e.problem {
        Problem::Future { what, date, today } => {
            let t = match what {
                DateKind::Passed => FUTURE_PASSED,
                DateKind::Registered => FUTURE_REGISTERED,
                DateKind::Departed => FUTURE_DEPARTED,
            };
            t.fill(lang, &[("date", date), ("today", today)])
        }
        Problem::NoLevel => NO_LEVEL.get(lang).into(),
        Problem::BeforeFirstExam { passed } => {
            BEFORE_FIRST_EXAM.fill(lang, &[("passed", passed), ("year", &FIRST_EXAM_YEAR)])
        }
        Problem::RegistrationWithoutCertificate => {
            REGISTRATION_WITHOUT_CERTIFICATE.get(lang).into()
        }
        Problem::RegisteredBeforePassing { on, passed } => {
            REGISTERED_BEFORE_PASSING.fill(lang, &[("on", on), ("passed", passed)])
        }
        Problem::ExpiryNotAfterRegistration { expiry, on } => {
            EXPIRY_NOT_AFTER.fill(lang, &[("expiry", expiry), ("on", on)])
        }
        Problem::ExpiryTooLate {
            expiry,
            years,
            latest,
        } => EXPIRY_TOO_LATE.fill(
            lang,
            &[("expiry", expiry), ("years", years), ("latest", latest)],
        ),
        Problem::OutOfRange { what, value, max } => {
            let t = match what {
                Quantity::TrainingHours => RANGE_TRAINING,
                Quantity::CeHours => RANGE_CE,
                Quantity::PriorYears => RANGE_PRIOR,
            };
            t.fill(lang, &[("value", value), ("max", max)])
        }
        Problem::YearNotBegun { year } => YEAR_NOT_BEGUN.fill(lang, &[("year", year)]),
        Problem::YearBeforeHire { year, hired } => {
            YEAR_BEFORE_HIRE.fill(lang, &[("year", year), ("hired", hired)])
        }
        Problem::DepartedBeforeHire { on, hired } => {
            DEPARTED_BEFORE_HIRE.fill(lang, &[("on", on), ("hired", hired)])
        }
        Problem::NameEmpty => NAME_EMPTY.get(lang).into(),
        Problem::NameTooLong => NAME_TOO_LONG.get(lang).into(),
        Problem::HireTooFarAhead { hired, horizon } => {
            HIRE_TOO_FAR.fill(lang, &[("hired", hired), ("horizon", horizon)])
        }
        Problem::AgeAtHire { birth, age } => {
            AGE_AT_HIRE.fill(lang, &[("birth", birth), ("age", age)])
        }
        Problem::ContractEndsBeforeStart { end, start } => {
            CONTRACT_ENDS_BEFORE_START.fill(lang, &[("end", end), ("start", start)])
        }
        Problem::RegistrationWithoutExpiry => REGISTRATION_WITHOUT_EXPIRY.get(lang).into(),
        Problem::ExpiryWithoutRegistration => EXPIRY_WITHOUT_REGISTRATION.get(lang).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_comma_is_refused_with_the_point_to_use_instead() {
        assert!(score_error(&ScoreError::Comma, Lang::Zh).contains("“.”"));
        assert!(score_error(&ScoreError::Comma, Lang::En).contains("use ."));
    }

    #[test]
    fn a_read_only_sheet_says_whether_it_is_submitted_or_locked() {
        let zh = |s| sheet_error(&SheetError::ReadOnly(s), Lang::Zh);
        assert!(zh(EvalStatus::Submitted).contains("已提交"));
        assert!(zh(EvalStatus::Locked).contains("已锁定"));
    }

    #[test]
    fn a_future_date_names_which_date_and_today() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let e = FieldError {
            field: "cert_passed",
            problem: Problem::Future {
                what: DateKind::Passed,
                date: d("2026-11-23"),
                today: d("2026-11-22"),
            },
        };
        assert_eq!(
            field_error(&e, Lang::Zh),
            "取证日期2026-11-23晚于今天（2026-11-22），不能是将来的日期"
        );
        assert!(field_error(&e, Lang::En).contains("future"));
    }
}
