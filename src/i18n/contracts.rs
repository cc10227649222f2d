//! Service contracts of sites with their operators (承接机构): refusals of the forms and the
//! store, the report's columns, the verdict words and the alerts.

use super::Lang;
use crate::domain::contract::{ContractProblem, ContractState};
use crate::domain::renewal::Verdict;

crate::catalogue! {
    /// No contract of this id.
    NO_CONTRACT = "找不到服务合同#{id}" / "no service contract #{id}";
    /// Refusal: no operator.
    NO_OPERATOR = "请填写承接机构名称" / "name the operator";
    /// Refusal: an unsafe character in the operator's name.
    UNSAFE_OPERATOR = "承接机构名称含控制字符{cp}，未保存" / "the operator's name holds the control character {cp}; nothing was saved";
    /// Refusal: end before start.
    END_BEFORE_START = "结束日期{end}早于开始日期{start}" / "the end {end} is before the start {start}";
    /// Refusal: longer than the profile allows.
    TOO_LONG = "服务合同最长{years}年，自开始日期起最晚至{latest}（{clause}）" / "a service contract runs at most {years} years: from its start, until {latest} at the latest ({clause})";
    /// Refusal: longer than a year where contracts are signed yearly.
    SIGNED_YEARLY = "服务周期两年以上的项目一年一签，本合同最晚至{latest}（{clause}）" / "projects of two years or more are signed one year at a time: this contract ends by {latest} ({clause})";
    /// Refusal: overlaps another contract.
    OVERLAPS = "与{operator}的服务合同（{start}至{end}）重叠" / "overlaps the service contract with {operator} ({start} to {end})";
    /// Refusal: renewal starting before the renewed contract ended.
    RENEWAL_EARLY = "续签合同应在原合同结束（{end}）之后开始" / "a renewal starts after the renewed contract ends ({end})";
    /// Refusal: renewed already.
    ALREADY_RENEWED = "该合同已续签（续签合同自{start}起）" / "this contract was renewed already (the renewal starts {start})";
    /// Refusal: the evaluations refuse a renewal.
    RENEWAL_NOT_ALLOWED = "不可续签：{term}的评估不符合续签条件（{clause}）" / "no renewal: the evaluations of {term} do not meet the renewal rule ({clause})";
    /// Service years of a contract.
    TERM_YEARS = "{from}–{to}年" / "{from}–{to}";
    /// One service year.
    TERM_YEAR = "{from}年" / "{from}";

    /// Verdict words.
    VERDICT_ALLOWED = "可续签" / "allowed";
    VERDICT_NOT_ALLOWED = "不可续签" / "not allowed";
    VERDICT_PENDING = "待定" / "pending";

    /// Contract states.
    STATE_FUTURE = "未开始" / "not started";
    STATE_CURRENT = "履行中" / "in force";
    STATE_RENEWED = "已续签" / "renewed";
    STATE_ENDED = "已到期" / "ended";

    /// Report columns.
    COL_SITE = "站点" / "site";
    COL_CODE = "区划代码" / "division code";
    COL_OPERATOR = "承接机构" / "operator";
    COL_START = "开始" / "start";
    COL_END = "结束" / "end";
    COL_DAYS_LEFT = "剩余天数" / "days left";
    COL_STATE = "状态" / "state";
    COL_EVALUATIONS = "服务期评估" / "evaluations of the term";
    COL_VERDICT = "续签" / "renewal";
    COL_CLAUSE = "依据" / "clause";
    COL_RENEWS = "续签自" / "renews";
    /// Report title.
    REPORT_TITLE = "服务合同（承接机构）：{scope}，截至{date}" / "Service contracts (operators): {scope}, as of {date}";
    /// Report title with --within.
    REPORT_TITLE_WITHIN = "服务合同（承接机构）：{scope}，截至{date}，{days}天内到期" / "Service contracts (operators): {scope}, as of {date}, ending within {days} days";
    /// No contract in the scope.
    REPORT_EMPTY = "范围内没有服务合同记录" / "no service contract recorded in the scope";
    /// A site's profile is not known.
    NO_PROFILE = "无适用政策" / "no policy binds it";
    /// An evaluation of the term with its grade (2023年中期优秀).
    EVAL_GRADE = "{year}年{phase}{grade}" / "{year} {phase} {grade}";
    /// A sheet of the term not yet graded.
    EVAL_NONE = "{year}年{phase}无" / "{year} {phase} none";

    /// Alert: a contract ends soon.
    ALERT_ENDING = "服务合同（{operator}）{end}到期，剩{days}天；{verdict}" / "the service contract with {operator} ends {end}, {days} days left; {verdict}";
    /// Alert: a site's status has not moved for a long time.
    ALERT_STALLED = "{status}已{days}天未变（自{since}），超过{limit}天" / "{status} for {days} days (since {since}), more than {limit}";

    /// TUI: no contract yet.
    TUI_NONE = "尚无服务合同记录" / "No service contract recorded";
    /// TUI: form title, new contract.
    FORM_NEW = "录入服务合同：{site}" / "Record a service contract: {site}";
    /// TUI: form title, renewal.
    FORM_RENEW = "续签服务合同#{id}（▸）：{site}" / "Renew service contract #{id} (▸): {site}";
    /// TUI: field labels.
    FIELD_OPERATOR = "承接机构" / "Operator";
    FIELD_START = "开始日期" / "Start";
    FIELD_END = "结束日期" / "End";
    /// TUI: a date field that is not a date.
    FIELD_BAD_DATE = "{field}不是日期（YYYY-MM-DD）" / "{field} is not a date (YYYY-MM-DD)";
    /// TUI: saved.
    SAVED = "已保存服务合同：{site}，{operator}，{start}至{end}" / "Saved the service contract: {site}, {operator}, {start} to {end}";
    /// TUI: the limit of the site's profile, shown in the form.
    FORM_LIMIT = "本地规定：{rule}" / "Local rule: {rule}";
    /// TUI: no site on the selected node.
    NO_SITE_HERE = "所选区划没有站点" / "the selected division has no site";
}

/// The words of one problem with a contract.
pub fn problem(p: &ContractProblem, lang: Lang) -> String {
    match p {
        ContractProblem::NoOperator => NO_OPERATOR.get(lang).into(),
        ContractProblem::UnsafeOperator(cp) => UNSAFE_OPERATOR.fill(lang, &[("cp", cp)]),
        ContractProblem::EndBeforeStart { start, end } => {
            END_BEFORE_START.fill(lang, &[("start", start), ("end", end)])
        }
        ContractProblem::TooLong {
            max_years,
            latest_end,
            cite,
        } => TOO_LONG.fill(
            lang,
            &[
                ("years", max_years),
                ("latest", latest_end),
                ("clause", &cite.clause),
            ],
        ),
        ContractProblem::SignedYearly { latest_end, cite } => {
            SIGNED_YEARLY.fill(lang, &[("latest", latest_end), ("clause", &cite.clause)])
        }
        ContractProblem::Overlaps {
            operator,
            start,
            end,
        } => {
            let operator = crate::domain::text::escape(operator);
            OVERLAPS.fill(
                lang,
                &[("operator", &operator), ("start", start), ("end", end)],
            )
        }
        ContractProblem::RenewalStartsEarly { renewed_end } => {
            RENEWAL_EARLY.fill(lang, &[("end", renewed_end)])
        }
        ContractProblem::AlreadyRenewed { start } => {
            ALREADY_RENEWED.fill(lang, &[("start", start)])
        }
        ContractProblem::RenewalNotAllowed { term, cite } => {
            let term = term_words(*term, lang);
            RENEWAL_NOT_ALLOWED.fill(lang, &[("term", &term), ("clause", &cite.clause)])
        }
    }
}

/// Every problem, one after the other.
pub fn problems(ps: &[ContractProblem], lang: Lang) -> String {
    ps.iter()
        .map(|p| problem(p, lang))
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// A contract's service years: "2022–2024年" / "2022–2024".
pub fn term_words(term: (i32, i32), lang: Lang) -> String {
    if term.0 == term.1 {
        TERM_YEAR.fill(lang, &[("from", &term.0)])
    } else {
        TERM_YEARS.fill(lang, &[("from", &term.0), ("to", &term.1)])
    }
}

/// The verdict in one word.
pub fn verdict(v: &Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Allowed { .. } => VERDICT_ALLOWED.get(lang),
        Verdict::NotAllowed { .. } => VERDICT_NOT_ALLOWED.get(lang),
        Verdict::Pending { .. } => VERDICT_PENDING.get(lang),
    }
}

/// The verdict as written in JSON and CSV.
pub fn verdict_id(v: &Verdict) -> &'static str {
    match v {
        Verdict::Allowed { .. } => "allowed",
        Verdict::NotAllowed { .. } => "not_allowed",
        Verdict::Pending { .. } => "pending",
    }
}

/// A contract's state in one word.
pub fn state(s: ContractState, lang: Lang) -> &'static str {
    match s {
        ContractState::Future => STATE_FUTURE,
        ContractState::Current => STATE_CURRENT,
        ContractState::Renewed => STATE_RENEWED,
        ContractState::Ended => STATE_ENDED,
    }
    .get(lang)
}
