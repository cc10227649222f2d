//! The names of the domain's kinds (grades, phases, roles, levels, tiers, statuses, alert and
//! deadline kinds) in both languages. The domain keeps only the codes it stores (`as_str`);
//! the words are here. `Named` is implemented for each kind, so a view writes
//! `grade.name(lang)` (or `name_zh` / `name_en`) with `use crate::i18n::names::Named`.
//!
//! The parsers at the bottom accept a kind's code or its Chinese name, for what people type
//! into forms and files.

use super::{Lang, Text};
use crate::domain::rules::{DateField, FieldError, Problem, Quantity};

use crate::domain::division::Level;
use crate::domain::evaluation::EvalStatus;
use crate::domain::evaluation::Grade;
use crate::domain::evaluation::{fmt_score, ScoreError};
use crate::domain::policy::Phase;
use crate::domain::rules::AlertKind;
use crate::domain::rules::DeadlineKind;
use crate::domain::rules::DeadlineStatus;
use crate::domain::rules::Severity;
use crate::domain::sheet::{SheetError, StatusChange};
use crate::domain::site::SiteStatus;
use crate::domain::site::Tier;
use crate::domain::staff::CertLevel;
use crate::domain::staff::Role;

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
    /// Typing into another scorer role's part.
    SHEET_NOT_YOUR_PART = "此项由{part}评分，您的评分方为{mine}：只能填写本方部分"
        / "this item is scored by the {part}; you score as {mine}: fill only your own part";
    /// Typing into a submitted part.
    SHEET_PART_SUBMITTED = "{part}部分已提交，不能修改：先退回该部分"
        / "the {part}'s part is submitted and cannot be edited: reopen the part first";
    /// Submitting a part with items not saved.
    SHEET_PART_INCOMPLETE = "{part}部分还有 {empty} 项没有已保存的分数：填完并保存后再提交"
        / "the {part}'s part has {empty} item(s) without a saved score: fill them and save before submitting";
    /// Submitting a part with no scorer role for this sheet.
    SHEET_NO_PART = "您的评分方（{mine}）在此评估表中没有评分部分"
        / "your scorer role ({mine}) has no part on this sheet";
    /// Saving a resolution with items still undecided.
    SHEET_UNRESOLVED = "还有 {n} 项冲突未选择" / "{n} conflicting item(s) still need a choice";
    /// A conflict of another sheet.
    SHEET_WRONG_EVALUATION = "冲突不属于此评估表（评估 {theirs}，本表 {ours}）"
        / "the conflict is for evaluation {theirs}, not {ours}";
    /// The certificate's pass date, in a sentence.
    WHAT_PASSED = "取证日期" / "pass date";
    /// The registration date, in a sentence.
    WHAT_REGISTERED = "登记日期" / "registration date";
    /// The departure date, in a sentence.
    WHAT_DEPARTED = "离职日期" / "departure date";
    /// Training hours, in a sentence.
    WHAT_TRAINING = "培训学时" / "training hours";
    /// Continuing-education hours, in a sentence.
    WHAT_CE = "继续教育学时" / "continuing-education hours";
    /// Prior years of experience, in a sentence.
    WHAT_PRIOR = "此前工作年限" / "prior years of experience";
    /// A date in the future.
    F_FUTURE = "{what}{date}晚于今天（{today}），不能是将来的日期"
        / "the {what} {date} is after today ({today}); it cannot be in the future";
    /// No level chosen.
    F_NO_LEVEL = "请选择证书等级（助理社会工作师、社会工作师或高级社会工作师）"
        / "choose a certificate level (assistant, intermediate or senior)";
    /// Passed before the first exam.
    F_BEFORE_FIRST_EXAM = "取证日期{passed}早于{first}年全国首次社会工作者职业水平考试"
        / "the pass date {passed} is before the first national exam ({first})";
    /// Registration without a certificate.
    F_NO_CERT = "没有证书不能登记：先录入证书等级和取证日期"
        / "there is no certificate to register: record the level and pass date first";
    /// Registered before passing.
    F_REG_BEFORE_PASS = "登记日期{on}早于取证日期{passed}"
        / "the registration date {on} is before the pass date {passed}";
    /// Expiry not after the registration.
    F_EXPIRY_NOT_AFTER = "有效期至{expiry}须晚于登记日期{on}"
        / "the expiry {expiry} must be after the registration date {on}";
    /// Expiry too late.
    F_EXPIRY_TOO_LATE = "有效期至{expiry}超过登记有效期{years}年（最晚{latest}）"
        / "the expiry {expiry} is more than the {years}-year validity after the registration (at most {latest})";
    /// A number out of range.
    F_RANGE = "{what}须在0到{max}之间，收到{value}" / "{what} must be 0-{max}, got {value}";
    /// A year not begun.
    F_YEAR_AHEAD = "{year}年尚未到来" / "{year} has not begun";
    /// A year before the hire.
    F_YEAR_BEFORE_HIRE = "{year}年早于入职日期{hired}" / "{year} is before the hire date {hired}";
    /// Departure before hire.
    F_DEPARTURE_BEFORE_HIRE = "离职日期{on}早于入职日期{hired}"
        / "the departure {on} is before the hire date {hired}";
    /// Empty name.
    F_NAME_EMPTY = "姓名不能为空" / "the name is empty";
    /// Long name.
    F_NAME_LONG = "姓名超过40个字" / "the name is longer than 40 characters";
    /// Hire too far ahead.
    F_HIRE_TOO_FAR = "入职日期{hired}晚于一年以后（{horizon}）"
        / "the hire date {hired} is more than a year ahead ({horizon})";
    /// Age at hire.
    F_AGE_AT_HIRE = "按出生日期{birth}，入职时{age}岁，不在16到75岁之间"
        / "born {birth}, they would be {age} at hire: not within 16-75";
    /// Contract end before start.
    F_CONTRACT_END = "合同结束日期{end}须晚于开始日期{start}"
        / "the contract end {end} must be after its start {start}";
    /// Registration date without expiry.
    F_REG_NO_EXPIRY = "填写了登记日期但缺少有效期至" / "a registration date without its expiry";
    /// Expiry without registration date.
    F_EXPIRY_NO_REG = "填写了有效期至但缺少登记日期" / "a registration expiry without its date";
}

/// What is wrong with a field of a staff record, in `lang`.
pub fn field_error(e: &FieldError, lang: Lang) -> String {
    let f = |t: Text, args: &[(&str, &dyn std::fmt::Display)]| t.fill(lang, args);
    match &e.problem {
        Problem::Future { what, date, today } => {
            let what = match what {
                DateField::Passed => WHAT_PASSED,
                DateField::Registered => WHAT_REGISTERED,
                DateField::Departed => WHAT_DEPARTED,
            }
            .get(lang);
            f(
                F_FUTURE,
                &[("what", &what), ("date", date), ("today", today)],
            )
        }
        Problem::NoLevel => F_NO_LEVEL.get(lang).into(),
        Problem::BeforeFirstExam { passed, first } => {
            f(F_BEFORE_FIRST_EXAM, &[("passed", passed), ("first", first)])
        }
        Problem::NoCertificateToRegister => F_NO_CERT.get(lang).into(),
        Problem::RegisteredBeforePassing { on, passed } => {
            f(F_REG_BEFORE_PASS, &[("on", on), ("passed", passed)])
        }
        Problem::ExpiryNotAfter { expiry, on } => {
            f(F_EXPIRY_NOT_AFTER, &[("expiry", expiry), ("on", on)])
        }
        Problem::ExpiryTooLate {
            expiry,
            valid_years,
            latest,
        } => f(
            F_EXPIRY_TOO_LATE,
            &[
                ("expiry", expiry),
                ("years", valid_years),
                ("latest", latest),
            ],
        ),
        Problem::OutOfRange { what, value, max } => {
            let what = match what {
                Quantity::TrainingHours => WHAT_TRAINING,
                Quantity::CeHours => WHAT_CE,
                Quantity::PriorYears => WHAT_PRIOR,
            }
            .get(lang);
            f(F_RANGE, &[("what", &what), ("max", max), ("value", value)])
        }
        Problem::YearAhead { year } => f(F_YEAR_AHEAD, &[("year", year)]),
        Problem::YearBeforeHire { year, hired } => {
            f(F_YEAR_BEFORE_HIRE, &[("year", year), ("hired", hired)])
        }
        Problem::DepartureBeforeHire { on, hired } => {
            f(F_DEPARTURE_BEFORE_HIRE, &[("on", on), ("hired", hired)])
        }
        Problem::NameEmpty => F_NAME_EMPTY.get(lang).into(),
        Problem::NameTooLong => F_NAME_LONG.get(lang).into(),
        Problem::NameUnsafe => super::records::R_NAME_UNSAFE.get(lang).into(),
        Problem::HireTooFar { hired, horizon } => {
            f(F_HIRE_TOO_FAR, &[("hired", hired), ("horizon", horizon)])
        }
        Problem::AgeAtHire { birth, age } => f(F_AGE_AT_HIRE, &[("birth", birth), ("age", age)]),
        Problem::ContractEndNotAfterStart { start, end } => {
            f(F_CONTRACT_END, &[("start", start), ("end", end)])
        }
        Problem::RegistrationWithoutExpiry => F_REG_NO_EXPIRY.get(lang).into(),
        Problem::ExpiryWithoutRegistration => F_EXPIRY_NO_REG.get(lang).into(),
        Problem::RenewalNotAfter { end, old } => {
            f(super::records::R_RENEWAL, &[("end", end), ("old", old)])
        }
    }
}

/// A kind with a name in each language.
pub trait Named: Copy {
    /// The name in Chinese.
    fn name_zh(self) -> &'static str;
    /// The name in English.
    fn name_en(self) -> &'static str;
    /// The name in `lang`.
    fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }
}

impl Named for StatusChange {
    /// The change's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            StatusChange::Submit => "提交",
            StatusChange::Reopen => "重新打开",
            StatusChange::Lock => "锁定",
            StatusChange::Unlock => "解锁",
        }
    }
    /// The change's name in English.
    fn name_en(self) -> &'static str {
        match self {
            StatusChange::Submit => "submit",
            StatusChange::Reopen => "reopen",
            StatusChange::Lock => "lock",
            StatusChange::Unlock => "unlock",
        }
    }
}

impl Named for Level {
    /// The level's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "地级",
            Level::County => "县级",
            Level::Township => "乡级",
            Level::Village => "村级",
        }
    }
    /// The level's name in English.
    fn name_en(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Village => "village",
        }
    }
}

impl Named for Grade {
    /// The grade's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Qualified => "合格",
            Grade::Unqualified => "不合格",
        }
    }
    /// The grade's name in English.
    fn name_en(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Qualified => "qualified",
            Grade::Unqualified => "unqualified",
        }
    }
}

impl Named for Phase {
    /// The phase's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Phase::MidTerm => "中期",
            Phase::EndTerm => "末期",
            Phase::Annual => "年度",
        }
    }
    /// The phase's name in English.
    fn name_en(self) -> &'static str {
        match self {
            Phase::MidTerm => "mid-term",
            Phase::EndTerm => "end-term",
            Phase::Annual => "annual",
        }
    }
}

impl Named for EvalStatus {
    /// The status's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            EvalStatus::Draft => "草稿",
            EvalStatus::Submitted => "已提交",
            EvalStatus::Locked => "已锁定",
        }
    }
    /// The status's name in English.
    fn name_en(self) -> &'static str {
        match self {
            EvalStatus::Draft => "draft",
            EvalStatus::Submitted => "submitted",
            EvalStatus::Locked => "locked",
        }
    }
}

impl Named for Tier {
    /// The tier's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Tier::Center => "指导中心",
            Tier::Station => "社工站",
            Tier::Room => "社工室",
        }
    }
    /// The tier's name in English.
    fn name_en(self) -> &'static str {
        match self {
            Tier::Center => "guidance center",
            Tier::Station => "station",
            Tier::Room => "room",
        }
    }
}

impl Named for SiteStatus {
    /// The status's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            SiteStatus::Planned => "规划",
            SiteStatus::UnderConstruction => "建设中",
            SiteStatus::Established => "已挂牌",
            SiteStatus::Operating => "运营中",
            SiteStatus::Suspended => "暂停",
        }
    }
    /// The status's name in English.
    fn name_en(self) -> &'static str {
        match self {
            SiteStatus::Planned => "planned",
            SiteStatus::UnderConstruction => "under construction",
            SiteStatus::Established => "established",
            SiteStatus::Operating => "operating",
            SiteStatus::Suspended => "suspended",
        }
    }
}

impl Named for Role {
    /// The role's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Role::ResidentWorker => "驻站社工",
            Role::ProjectWorker => "项目社工",
            Role::Supervisor => "督导",
            Role::StationHead => "站长",
            Role::Assistant => "社工助理",
        }
    }
    /// The role's name in English.
    fn name_en(self) -> &'static str {
        match self {
            Role::ResidentWorker => "resident worker",
            Role::ProjectWorker => "project worker",
            Role::Supervisor => "supervisor",
            Role::StationHead => "station head",
            Role::Assistant => "assistant",
        }
    }
}

impl Named for CertLevel {
    /// The certificate's full title in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            CertLevel::None => "无证",
            CertLevel::Assistant => "助理社会工作师",
            CertLevel::Intermediate => "社会工作师",
            CertLevel::Senior => "高级社会工作师",
        }
    }
    /// The level's name in English.
    fn name_en(self) -> &'static str {
        match self {
            CertLevel::None => "none",
            CertLevel::Assistant => "assistant",
            CertLevel::Intermediate => "intermediate",
            CertLevel::Senior => "senior",
        }
    }
}

/// The certificate level in one Chinese word, for narrow columns.
pub trait ShortName: Copy {
    /// The level in one Chinese word (初级, 中级...).
    fn short_zh(self) -> &'static str;
}

impl ShortName for CertLevel {
    fn short_zh(self) -> &'static str {
        match self {
            CertLevel::None => "无",
            CertLevel::Assistant => "初级",
            CertLevel::Intermediate => "中级",
            CertLevel::Senior => "高级",
        }
    }
}

impl Named for Severity {
    /// The severity's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            Severity::Critical => "严重",
            Severity::Warning => "预警",
            Severity::Info => "提示",
        }
    }
    /// The severity's name in English.
    fn name_en(self) -> &'static str {
        self.as_str()
    }
}

impl Named for AlertKind {
    /// The kind's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "人员不足",
            AlertKind::StaffingOver => "人员超编",
            AlertKind::AreaSmall => "面积不足",
            AlertKind::AreaLarge => "面积超标",
            AlertKind::CivilRegistration => "未民非登记",
            AlertKind::Uncertified => "逾期未取证",
            AlertKind::FirstRegistration => "证书未登记",
            AlertKind::RegistrationWindow => "登记待续",
            AlertKind::RegistrationLapsed => "登记过期",
            AlertKind::ContractNoRenewal => "不得续聘",
            AlertKind::ContractEnding => "合同将到期",
            AlertKind::ContractExpired => "合同已到期",
            AlertKind::ServiceNoRenewal => "项目不得续签",
            AlertKind::ContractTooLong => "合同期过长",
            AlertKind::EvaluationMissing => "评估缺失",
            AlertKind::ServiceContractEnding => "服务合同将到期",
            AlertKind::StatusStalled => "进度停滞",
            AlertKind::TrainingShort => "培训学时不足",
            AlertKind::AgeLimit => "年龄上限",
            AlertKind::ExperienceShort => "经验不足",
            AlertKind::QualificationShort => "资质不足",
        }
    }
    /// The kind's name in English.
    fn name_en(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "understaffed",
            AlertKind::StaffingOver => "overstaffed",
            AlertKind::AreaSmall => "office too small",
            AlertKind::AreaLarge => "office too large",
            AlertKind::CivilRegistration => "not registered (民非)",
            AlertKind::Uncertified => "uncertified",
            AlertKind::FirstRegistration => "never registered",
            AlertKind::RegistrationWindow => "re-registration due",
            AlertKind::RegistrationLapsed => "registration lapsed",
            AlertKind::ContractNoRenewal => "renewal barred",
            AlertKind::ContractEnding => "contract ending",
            AlertKind::ContractExpired => "contract expired",
            AlertKind::ServiceNoRenewal => "no service renewal",
            AlertKind::ContractTooLong => "contract too long",
            AlertKind::EvaluationMissing => "evaluation missing",
            AlertKind::ServiceContractEnding => "service contract ending",
            AlertKind::StatusStalled => "status stalled",
            AlertKind::TrainingShort => "training short",
            AlertKind::AgeLimit => "age limit",
            AlertKind::ExperienceShort => "experience short",
            AlertKind::QualificationShort => "level too low",
        }
    }
}

impl Named for DeadlineKind {
    /// The kind's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            DeadlineKind::Certification => "三年取证期限",
            DeadlineKind::FirstRegistration => "证书首次登记",
            DeadlineKind::Registration => "证书登记有效期",
            DeadlineKind::ContinuingEducation => "继续教育学时",
            DeadlineKind::Training => "年度培训学时",
            DeadlineKind::ContractEnd => "合同到期",
            DeadlineKind::Age => "年龄上限",
            DeadlineKind::Experience => "工作经验",
            DeadlineKind::Qualification => "资质等级",
        }
    }
    /// The kind's name in English.
    fn name_en(self) -> &'static str {
        match self {
            DeadlineKind::Certification => "three-year certificate deadline",
            DeadlineKind::FirstRegistration => "first registration",
            DeadlineKind::Registration => "registration expiry",
            DeadlineKind::ContinuingEducation => "continuing education",
            DeadlineKind::Training => "training hours this year",
            DeadlineKind::ContractEnd => "contract end",
            DeadlineKind::Age => "age limit",
            DeadlineKind::Experience => "experience",
            DeadlineKind::Qualification => "certificate level",
        }
    }
}

impl Named for DeadlineStatus {
    /// The status's name in Chinese.
    fn name_zh(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "已满足",
            DeadlineStatus::Open => "未到期",
            DeadlineStatus::DueSoon => "即将到期",
            DeadlineStatus::Overdue => "已逾期",
            DeadlineStatus::Unmet => "未满足",
        }
    }
    /// The status's name in English.
    fn name_en(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "met",
            DeadlineStatus::Open => "open",
            DeadlineStatus::DueSoon => "due soon",
            DeadlineStatus::Overdue => "overdue",
            DeadlineStatus::Unmet => "not met",
        }
    }
}

/// A grade by its code or its Chinese name (优秀, 良好, 合格, 不合格).
pub fn parse_grade(s: &str) -> Option<Grade> {
    let s = s.trim();
    Grade::parse(s).or_else(|| Grade::ALL.into_iter().find(|g| g.name_zh() == s))
}

/// A phase by its code or its Chinese name (中期, 末期, 年度).
pub fn parse_phase(s: &str) -> Option<Phase> {
    let s = s.trim();
    Phase::parse(s).or_else(|| Phase::ALL.into_iter().find(|p| p.name_zh() == s))
}

/// A role by its code or its Chinese name (驻站社工, 督导...).
pub fn parse_role(s: &str) -> Option<Role> {
    let s = s.trim();
    Role::parse(s).or_else(|| Role::ALL.into_iter().find(|r| r.name_zh() == s))
}

/// A certificate level by its code, its Chinese title or its one-word name; empty and 无 are
/// none.
pub fn parse_level(s: &str) -> Option<CertLevel> {
    let s = s.trim();
    if s == "无" {
        return Some(CertLevel::None);
    }
    CertLevel::parse(s)
        .or_else(|| {
            CertLevel::ALL
                .into_iter()
                .find(|l| l.name_zh() == s || l.short_zh() == s)
        })
        // What office sheets write for short: 助理社工师, (中级)社工师, 高级社工师.
        .or(match s {
            "助理社工师" | "初级社工师" => Some(CertLevel::Assistant),
            "社工师" | "中级社工师" | "中级社会工作师" => {
                Some(CertLevel::Intermediate)
            }
            "高级社工师" => Some(CertLevel::Senior),
            _ => None,
        })
}

/// A site status by its code, its Chinese name or the short words a clerk types (在建, 挂牌,
/// 运营, 恢复 for operating again, building).
pub fn parse_site_status(s: &str) -> Option<SiteStatus> {
    let s = s.trim();
    SiteStatus::parse(s)
        .or_else(|| {
            SiteStatus::ALL
                .into_iter()
                .find(|x| x.name_zh() == s || x.name_en() == s)
        })
        .or(match s {
            "在建" | "建设" | "building" => Some(SiteStatus::UnderConstruction),
            "挂牌" | "建成" => Some(SiteStatus::Established),
            "运营" | "恢复" | "resumed" => Some(SiteStatus::Operating),
            _ => None,
        })
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

/// A scorer role's name, or "none".
fn scorer(r: Option<crate::domain::policy::ScorerRole>, lang: Lang) -> &'static str {
    r.map_or(super::policy::NO_SCORER_ROLE.get(lang), |r| {
        super::policy::scorer(r, lang)
    })
}

/// Why an action on a sheet was refused, in `lang`.
pub fn sheet_error(e: &SheetError, lang: Lang) -> String {
    match e {
        SheetError::ReadOnly(EvalStatus::Submitted) => SHEET_SUBMITTED.get(lang).into(),
        SheetError::ReadOnly(_) => SHEET_LOCKED.get(lang).into(),
        SheetError::Score(e) => score_error(e, lang),
        SheetError::Unresolved(n) => SHEET_UNRESOLVED.fill(lang, &[("n", n)]),
        SheetError::NotYourPart { part, mine } => SHEET_NOT_YOUR_PART.fill(
            lang,
            &[
                ("part", &scorer(Some(*part), lang)),
                ("mine", &scorer(*mine, lang)),
            ],
        ),
        SheetError::PartSubmitted(part) => {
            SHEET_PART_SUBMITTED.fill(lang, &[("part", &scorer(Some(*part), lang))])
        }
        SheetError::PartIncomplete { part, empty } => SHEET_PART_INCOMPLETE.fill(
            lang,
            &[("part", &scorer(Some(*part), lang)), ("empty", empty)],
        ),
        SheetError::NoPart(mine) => SHEET_NO_PART.fill(lang, &[("mine", &scorer(*mine, lang))]),
        SheetError::WrongEvaluation { ours, theirs } => {
            SHEET_WRONG_EVALUATION.fill(lang, &[("ours", ours), ("theirs", theirs)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluation::ScoreError;
    use crate::domain::sheet::SheetError;

    #[test]
    fn field_problems_in_both_languages() {
        use crate::domain::staff::CertLevel;
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let e = crate::domain::rules::check_certificate(
            CertLevel::Assistant,
            d("2026-11-23"),
            d("2026-11-22"),
        );
        assert_eq!(
            field_error(&e[0], Lang::Zh),
            "取证日期2026-11-23晚于今天（2026-11-22），不能是将来的日期"
        );
        assert_eq!(
            field_error(&e[0], Lang::En),
            "the pass date 2026-11-23 is after today (2026-11-22); it cannot be in the future"
        );
        let e = crate::domain::rules::check_training(2026, 2500.0, None, d("2026-11-22"));
        assert_eq!(
            field_error(&e[0], Lang::Zh),
            "培训学时须在0到2000之间，收到2500"
        );
    }

    #[test]
    fn sheet_refusals_in_both_languages() {
        let locked = SheetError::ReadOnly(EvalStatus::Locked);
        assert_eq!(sheet_error(&locked, Lang::Zh), "评估表已锁定，不能修改");
        assert_eq!(
            sheet_error(&locked, Lang::En),
            "the sheet is locked and cannot be edited"
        );
        let submitted = SheetError::ReadOnly(EvalStatus::Submitted);
        assert!(sheet_error(&submitted, Lang::Zh).contains("已提交"));
        assert!(score_error(&ScoreError::Comma, Lang::Zh).contains("“.”"));
        assert!(score_error(&ScoreError::Comma, Lang::En).contains("use ."));
    }

    #[test]
    fn every_kind_has_both_names_and_the_chinese_ones_parse_back() {
        for g in Grade::ALL {
            assert_eq!(parse_grade(g.name_zh()), Some(g));
            assert_eq!(parse_grade(g.as_str()), Some(g));
        }
        for p in Phase::ALL {
            assert_eq!(parse_phase(p.name_zh()), Some(p));
        }
        for r in Role::ALL {
            assert_eq!(parse_role(r.name_zh()), Some(r));
            assert!(!r.name_en().is_empty());
        }
        for l in CertLevel::ALL {
            assert_eq!(parse_level(l.name_zh()), Some(l));
            assert_eq!(parse_level(l.short_zh()), Some(l));
        }
        assert_eq!(parse_level(""), Some(CertLevel::None));
        for k in AlertKind::ALL {
            assert!(!k.name_zh().is_empty() && !k.name_en().is_empty());
        }
        for k in DeadlineKind::ALL {
            assert!(!k.name_zh().is_empty() && !k.name_en().is_empty());
        }
        for s in SiteStatus::ALL {
            assert!(!s.name_zh().is_empty() && !s.name_en().is_empty());
        }
        for s in [
            DeadlineStatus::Met,
            DeadlineStatus::Overdue,
            DeadlineStatus::Unmet,
        ] {
            assert!(!s.name_zh().is_empty() && !s.name_en().is_empty());
        }
        for t in Tier::ALL {
            assert!(!t.name(Lang::Zh).is_empty() && !t.name(Lang::En).is_empty());
        }
    }
}
