//! Words of the forms that keep a bureau's sites and staff current (the tree view's site
//! forms, the staff view's hire, renewal, training and departure), of what the store says
//! when it refuses them, and of what the status line says once they are saved.

use super::Lang;
use crate::domain::rules::FieldError;
use crate::domain::site::{
    DetailField, DetailProblem, SiteStatus, StatusProblem, MAX_AREA_M2, MAX_NAME_CHARS,
};
use crate::i18n::names::Named;

crate::catalogue! {
    /// Form title: creating a division's site.
    FORM_CREATE_SITE = "新建站点 · {division}" / "New site · {division}";
    /// Form title: a site's details.
    FORM_EDIT_SITE = "站点信息 · {site}" / "Site details · {site}";
    /// Form title: a site's status change.
    FORM_SITE_STATUS = "登记状态变更 · {site}" / "Record a status change · {site}";
    /// Form title: a new person at a site.
    FORM_ADD_STAFF = "新增人员 · {site}" / "Add a person · {site}";
    /// Form title: a contract renewal.
    FORM_RENEWAL = "续签合同 · {name}" / "Renew the contract · {name}";
    /// Form title of a staff form: the form and the person it acts on.
    FORM_ABOUT = "{form} · 人员：{name}" / "{form} · {name}";
    /// Field: a site's name.
    F_SITE_NAME = "站点名称" / "Site name";
    /// Field: the operator.
    F_OPERATOR = "运营机构" / "Operator";
    /// Field: the floor area.
    F_AREA = "面积（平方米）" / "Area (m²)";
    /// Field: the civil registration date.
    F_CIVIL_REG = "民非登记日期" / "Civil reg. (民非) on";
    /// Field: the head.
    F_HEAD = "站长" / "Head";
    /// Field: the status entered.
    F_STATUS = "状态" / "Status";
    /// Field: the date a status was entered.
    F_STATUS_ON = "日期" / "On";
    /// Field: a person's name.
    F_PERSON = "姓名" / "Name";
    /// Field: a person's role.
    F_ROLE = "岗位" / "Role";
    /// Field: the site a person works at.
    F_SITE = "站点（名称或区划代码）" / "Site (name or code)";
    /// Field: hired on.
    F_HIRED = "入职日期" / "Hired";
    /// Field: the contract's end.
    F_CONTRACT_END = "合同到期日（可空）" / "Contract ends (optional)";
    /// Field: the certificate level.
    F_CERT = "证书等级" / "Certificate";
    /// Field: a renewed contract's end.
    F_NEW_END = "新的到期日" / "New end date";
    /// Field: training hours to add.
    F_HOURS_ADD = "本次学时（累加）" / "Hours to add";
    /// Below the status field: what may be typed.
    HINT_STATUS = "可填：规划 在建 挂牌 运营 暂停 恢复" / "Type: planned, building, established, operating, suspended, resumed";
    /// Below the role field: what may be typed.
    HINT_ROLE = "岗位可填：驻站社工 项目社工 督导 站长 社工助理" / "Roles: resident_worker, project_worker, supervisor, station_head, assistant";
    /// Below the certificate field: what may be typed.
    HINT_CERT = "证书可填：无 初级 中级 高级" / "Certificates: none, assistant, intermediate, senior";
    /// A new site's tier, decided by the division's level.
    NOTE_TIER = "层级：{tier}（由区划级别决定）" / "Tier: {tier} (from the division's level)";
    /// A site's status now.
    NOTE_STATUS_NOW = "当前状态：{status}" / "Status now: {status}";
    /// Before a site's status history.
    NOTE_HISTORY = "状态记录：" / "History:";
    /// A site without any status change.
    NOTE_NO_HISTORY = "尚无状态记录" / "No status recorded yet";
    /// A person's current contract.
    NOTE_CONTRACT = "现合同：{start} 至 {end}" / "Current contract: {start} to {end}";
    /// An open-ended contract or an unknown start.
    NOTE_OPEN = "（未填）" / "(none)";
    /// A person's training total of a year so far (`req`: " / 30" or empty).
    NOTE_TRAINING_YEAR = "{year} 年已有 {done}{req} 学时" / "{year}: {done}{req} hours so far";
    /// The registration period's continuing education so far.
    NOTE_CE = "注册周期继续教育已有 {done}{need} 学时，本次计入" / "Continuing education of the registration period: {done}{need} hours; these count";
    /// No registration the hours could count towards.
    NOTE_CE_NONE = "无有效注册：本次学时只计入年度培训" / "No registration in force: the hours count for the year only";
    /// A typed value that is not a number.
    E_NOT_NUMBER = "{field}：应为数字，现为“{got}”" / "{field}: expected a number, got {got}";
    /// A status not known.
    E_UNKNOWN_STATUS = "未知的状态“{got}”" / "unknown status {got}";
    /// A role not known.
    E_UNKNOWN_ROLE = "未知的岗位“{got}”" / "unknown role {got}";
    /// A certificate level not known.
    E_UNKNOWN_CERT = "未知的证书等级“{got}”" / "unknown certificate level {got}";
    /// A site name or code that matches no site of the scope.
    E_UNKNOWN_SITE = "当前范围内找不到站点“{got}”（按站点名称、区划名称或代码查找）" / "no site {got} in the scope (by site name, division name or code)";
    /// No division of this code.
    R_NO_DIVISION = "没有代码为 {code} 的区划" / "no division with code {code}";
    /// A division that has its site already.
    R_SITE_EXISTS = "区划 {code} 已有站点，未新建" / "division {code} has its site already; nothing created";
    /// A division of a level without sites.
    R_NO_SITE_TIER = "区划 {code} 是省级或市级，不设站点" / "division {code} is a province or city: it has no site";
    /// A person's name with a control character.
    R_NAME_UNSAFE = "姓名含有控制字符，未保存" / "the name holds a control character; not saved";
    /// An empty site name.
    R_NAME_EMPTY = "站点名称不能为空" / "the site name must not be empty";
    /// A text field too long.
    R_TOO_LONG = "{field}过长（最多 {max} 个字）" / "{field} is too long (at most {max} characters)";
    /// A text field with a control character.
    R_UNSAFE = "{field}含有控制字符，未保存" / "{field} holds a control character; not saved";
    /// An area out of range.
    R_AREA = "面积 {value} 须在 0 到 {max} 平方米之间" / "the area {value} must lie between 0 and {max} m²";
    /// A civil registration after today.
    R_CIVIL_REG_FUTURE = "民非登记日期 {date} 晚于今天（{today}）" / "the civil registration date {date} is after today ({today})";
    /// A status change after today.
    R_STATUS_FUTURE = "状态日期 {on} 晚于今天（{today}），不能预先登记" / "the date {on} is after today ({today}): a change is recorded once it happened";
    /// A status change before the last one.
    R_STATUS_BEFORE_LAST = "日期 {on} 不能早于上一次变更（{last_on} {last}）" / "the date {on} may not come before the last change ({last_on} {last})";
    /// A status change out of the lifecycle's order.
    R_STATUS_ORDER = "不能从“{from}”变为“{to}”：状态依次前进（规划→在建→挂牌→运营），已挂牌或运营的站点可暂停，暂停后可恢复为挂牌或运营" / "a site cannot go from {from} to {to}: the status moves forward (planned → under construction → established → operating); an open site may be suspended, and a suspended one resumes as established or operating";
    /// No status yet, in the order refusal.
    NO_STATUS = "无状态" / "no status";
    /// Undoing a status change of a site without any.
    R_NO_STATUS_TO_UNDO = "站点 {id} 没有可撤销的状态变更" / "site {id} has no status change to undo";
    /// Undoing a status change that is no longer the last one.
    R_NOT_LAST_STATUS = "最后一次变更已是 {on} {status}（他人刚登记），未撤销" / "the last change is now {on} {status} (someone just recorded it); nothing undone";
    /// Undoing the departure of someone who has not left.
    R_NOT_DEPARTED = "人员 {id} 并未离职" / "staff member {id} has not left";
    /// A renewal that does not extend the contract.
    R_RENEWAL = "新的到期日 {end} 须晚于原到期日 {old}" / "the new end {end} must be after the current end {old}";
    /// Field names in refusals.
    FIELD_NAME = "站点名称" / "the site name";
    /// Field names in refusals.
    FIELD_OPERATOR = "运营机构" / "the operator";
    /// Field names in refusals.
    FIELD_HEAD = "站长" / "the head";
    /// Field names in refusals.
    FIELD_AREA = "面积" / "the area";
    /// Field names in refusals.
    FIELD_CIVIL_REG = "民非登记日期" / "the civil registration date";
    /// A site created.
    DONE_SITE_CREATED = "已新建站点：{name}（{tier}）；E 填写信息，r 登记状态" / "Site created: {name} ({tier}); E edits its details, r records its status";
    /// A site's details saved.
    DONE_SITE_EDITED = "已保存站点信息：{name}" / "Site details saved: {name}";
    /// A status change recorded.
    DONE_STATUS = "已登记：{name} {on} {status}（u 可撤销）" / "Recorded: {name} {status} on {on} (u undoes it)";
    /// A status change undone.
    DONE_STATUS_UNDONE = "已撤销：{name} {on} {status}" / "Undone: {name} {status} on {on}";
    /// A person added.
    DONE_STAFF_ADDED = "已新增人员：{name}（{site}）" / "Added: {name} ({site})";
    /// A contract renewed.
    DONE_RENEWED = "已续签：{name} 合同至 {end}" / "Renewed: {name}'s contract runs to {end}";
    /// Training hours added.
    DONE_TRAINING = "已录入：{name} {year} 年 +{hours} 学时，共 {total} 学时" / "Recorded: {name} +{hours} hours in {year}, {total} in all";
    /// ... and the registration period's total.
    DONE_TRAINING_CE = "；注册周期继续教育共 {period} 学时" / "; {period} hours of continuing education in the registration period";
    /// A departure recorded.
    DONE_DEPARTED = "已登记离职：{name}（{on}）；u 撤销" / "Departure recorded: {name} ({on}); u undoes it";
    /// A departure undone.
    DONE_DEPARTURE_UNDONE = "已撤销离职：{name}" / "Departure undone: {name}";
    /// `u` in the staff view with nothing to undo.
    NOTHING_TO_UNDO = "本次没有可撤销的离职" / "No departure to undo in this session";
    /// Asking before a departure.
    Q_DEPARTURE = "确认 {name} 于 {on} 离职？y 确认  n 取消（之后可按 u 撤销）" / "Record that {name} left on {on}? y yes  n no (u undoes it afterwards)";
    /// Asking before a status change is undone.
    Q_UNDO_STATUS = "撤销 {name} 的最后一次状态变更（{on} {status}）？y 撤销  n 保留" / "Undo the last status change of {name} ({status} on {on})? y undo  n keep";
    /// `u` on a site without status changes.
    NO_STATUS_HERE = "此站点尚无状态变更可撤销" / "This site has no status change to undo";
    /// A site key on a division without a site.
    NO_SITE_HERE = "此区划尚无站点：按 a 新建" / "This division has no site yet: a creates it";
    /// `a` on a division with a site.
    SITE_EXISTS_HERE = "此区划已有站点：E 编辑信息，r 登记状态" / "This division has its site: E edits it, r records its status";
    /// The tree's detail panel: the keys of the site forms.
    TREE_KEYS_NO_SITE = "a 新建站点" / "a new site";
    /// The tree's detail panel: the keys of the site forms.
    TREE_KEYS_SITE = "E 信息  r 状态  u 撤销状态" / "E details  r status  u undo status";
    /// The staff view lists the departed instead of the active.
    DEPARTED_LIST = "已离职" / "departed";
    /// Column: the departure date, in the departed list.
    COL_LEFT = "离职" / "left";
}

fn detail_field(f: DetailField, lang: Lang) -> &'static str {
    match f {
        DetailField::Name => FIELD_NAME,
        DetailField::Operator => FIELD_OPERATOR,
        DetailField::Area => FIELD_AREA,
        DetailField::CivilReg => FIELD_CIVIL_REG,
        DetailField::Head => FIELD_HEAD,
    }
    .get(lang)
}

/// Why a site's details were refused, in `lang`.
pub fn detail_problem(p: &DetailProblem, lang: Lang) -> String {
    match p {
        DetailProblem::NameEmpty => R_NAME_EMPTY.get(lang).into(),
        DetailProblem::TooLong(f) => R_TOO_LONG.fill(
            lang,
            &[("field", &detail_field(*f, lang)), ("max", &MAX_NAME_CHARS)],
        ),
        DetailProblem::Unsafe(f) => R_UNSAFE.fill(lang, &[("field", &detail_field(*f, lang))]),
        DetailProblem::Area(v) => R_AREA.fill(lang, &[("value", v), ("max", &MAX_AREA_M2)]),
        DetailProblem::CivilRegFuture { date, today } => {
            R_CIVIL_REG_FUTURE.fill(lang, &[("date", date), ("today", today)])
        }
    }
}

/// A status's name, or "no status".
fn status_name(s: Option<SiteStatus>, lang: Lang) -> &'static str {
    s.map_or(NO_STATUS.get(lang), |s| s.name(lang))
}

/// Why a status change was refused, in `lang`.
pub fn status_problem(p: &StatusProblem, lang: Lang) -> String {
    match p {
        StatusProblem::Future { on, today } => {
            R_STATUS_FUTURE.fill(lang, &[("on", on), ("today", today)])
        }
        StatusProblem::BeforeLast { on, last } => R_STATUS_BEFORE_LAST.fill(
            lang,
            &[
                ("on", on),
                ("last_on", &last.on),
                ("last", &last.status.name(lang)),
            ],
        ),
        StatusProblem::ImpossibleOrder { from, to } => R_STATUS_ORDER.fill(
            lang,
            &[("from", &status_name(*from, lang)), ("to", &to.name(lang))],
        ),
    }
}

/// Staff field problems, one sentence each, joined.
pub fn field_errors(v: &[FieldError], lang: Lang) -> String {
    v.iter()
        .map(|e| crate::i18n::names::field_error(e, lang))
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}
