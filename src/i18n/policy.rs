//! Words of `sgz policy` and of the clause list (`policy show`, the dashboard's policy panel):
//! what is wrong with a profile, the clause kinds, computed or information only.

use super::{Lang, Text};
use crate::domain::clauses::ClauseKind;

crate::catalogue! {
    /// A duty declared wrongly; `detail` is the check's words.
    DUTY = "报送事项有误：{detail}" / "duty: {detail}";
    /// The id of a profile is not a short word.
    BAD_ID = "id {id} 只能由小写字母、数字、- 和 _ 组成" / "id {id} may hold only a-z, 0-9, - and _";
    /// Two milestones share an id.
    DUPLICATE_MILESTONE = "里程碑 id {id} 重复" / "milestone id {id} appears twice";
    /// A milestone counts no tier.
    NO_PARTS = "里程碑 {id} 没有 parts" / "milestone {id} has no parts";
    /// `binds_to` names something else than a division code.
    BAD_CODE = "{code} 不是区划代码" / "{code} is not a division code";
    /// Two items of the sheet share an id.
    DUPLICATE_ITEM = "评估指标 id {id} 重复" / "evaluation item id {id} appears twice";
    /// An item's maximum is zero or less.
    ITEM_MAX = "评估指标 {id} 的满分须大于 0" / "evaluation item {id}: max must be positive";
    /// No evaluation phase.
    NO_PHASES = "evaluation.phases 为空" / "evaluation.phases is empty";
    /// Bands out of order or out of range.
    BANDS = "等级区间须从优秀到不合格排列，下限递减且在 0 到 1 之间" / "grade bands must run from excellent down, each lower bound no higher than the one before and within 0-1";
    /// A control or invisible character in the text.
    CONTROL = "含有不可见或控制字符 {char}" / "holds an invisible or control character {char}";
    /// A node's maximum is not the sum of its sub-indicators'.
    NODE_SUM = "{id} 的满分 {max} 不等于其下级指标满分之和 {sum}" / "{id}: max {max} is not the sum of its sub-indicators' maxima, {sum}";
    /// A scored item without a scorer in a scheme split among scorers.
    NO_SCORER = "指标 {id} 没有评分方（本方案其他部分已分给评分方）" / "item {id} has no scorer, while other parts of the scheme have one";
    /// One problem of `policy check`.
    CHECK_LINE = "{file}:{line}：字段 {field}：{problem}" / "{file}:{line}: field {field}: {problem}";
    /// `policy check` found nothing wrong.
    CHECK_OK = "{file}：没有问题（{id}，{clauses} 条条款，评估满分 {total}）" / "{file}: no problems ({id}, {clauses} clauses, evaluation out of {total})";
    /// `policy check` found problems.
    CHECK_FAILED = "{file}：{n} 个问题" / "{file}: {n} problems";
    /// `policy import` stored a new id.
    IMPORTED_NEW = "已导入 {id}，第 {version} 版（审计记录操作人：{actor}）" / "imported {id} as version {version} (audited as {actor})";
    /// `policy import` stored a new version of an id.
    IMPORTED_VERSION = "已导入 {id}，第 {version} 版，取代 {previous}；{kept} 份评估仍按 {template} 评分（审计记录操作人：{actor}）" / "imported {id} as version {version}, superseding {previous}; {kept} evaluations stay scored on {template} (audited as {actor})";
    /// No policy of that id.
    NO_POLICY = "没有策略 {id}；已知：{known}" / "no policy {id}; known: {known}";
    /// A stored policy that this program cannot read.
    STORED_BROKEN = "数据库中的策略 {id} 第 {version} 版无法读取：{problem}" / "the stored policy {id} version {version} cannot be read: {problem}";
    /// The version of a built-in profile.
    BUILT_IN = "内置" / "built in";
    /// Where a profile comes from: the database.
    STORED = "数据库" / "stored";
    /// Where a profile comes from: SGZ_POLICY_DIR.
    FROM_DIR = "SGZ_POLICY_DIR 目录" / "SGZ_POLICY_DIR";
    /// Column headers of `policy list`.
    LIST_HEADER = "id|文号|发文机关|适用区划|版本|来源" / "id|document|issuer|binds to|version|source";
    /// Clause column headers of `policy show`.
    SHOW_HEADER = "条款|类别|计算|原文" / "clause|kind|computed|source sentence";
    /// The head of `policy show`.
    SHOW_HEAD = "{title}\n文号：{doc}  发文机关：{issuer}  发布日期：{issued}\n适用区划：{binds}  版本：{version}\n评估：{phases}，满分 {total}，{items} 项指标" / "{title}\nDocument: {doc}  Issuer: {issuer}  Issued: {issued}\nBinds to: {binds}  Version: {version}\nEvaluation: {phases}, out of {total}, {items} items";
    /// A computed clause.
    COMPUTED = "✓ 计算" / "✓ computed";
    /// A clause shown as information only.
    INFORMATIONAL = "ℹ 仅提示" / "ℹ information";
    /// The first lines of `policy new --from ID`.
    NEW_HEAD = "# 以 {id}（{doc}）为起点的策略文件。请改写 id、标题、文号、发文机关、适用区划和各条款，\n# 保留每条的 clause（条款号）与 zh/en（原文），再运行 `sgz policy check FILE`，\n# 无误后由管理员运行 `sgz policy import FILE` 存入数据库。" / "# A policy file starting from {id} ({doc}). Rewrite the id, title, document number, issuer,\n# binding and each clause, keeping each clause's number (clause) and sentence (zh/en), then run\n# `sgz policy check FILE`; when it passes, an admin runs `sgz policy import FILE`.";
    /// The dashboard's policy panel: the heading of the clauses sgz computes.
    PANEL_COMPUTED = "✓ 程序计算的条款" / "✓ Clauses sgz computes";
    /// Scorer role: third party.
    SCORER_THIRD_PARTY = "第三方" / "third party";
    /// Scorer role: purchaser.
    SCORER_PURCHASER = "购买方" / "purchaser";
    /// Scorer role: supervising bureau.
    SCORER_BUREAU = "督导方" / "supervising bureau";
    /// No scorer role.
    NO_SCORER_ROLE = "无评分方" / "none";
    /// `users grant --scorer` with an unknown role.
    BAD_SCORER = "评分方须为 third_party、purchaser 或 bureau，而不是 {role}" / "the scorer must be third_party, purchaser or bureau, not {role}";
    /// Kind: milestone.
    KIND_MILESTONE = "覆盖里程碑" / "milestone";
    /// Kind: staffing.
    KIND_STAFFING = "人员配备" / "staffing";
    /// Kind: certification.
    KIND_CERTIFICATION = "持证期限" / "certificate";
    /// Kind: registration.
    KIND_REGISTRATION = "登记" / "registration";
    /// Kind: training.
    KIND_TRAINING = "培训" / "training";
    /// Kind: contract.
    KIND_CONTRACT = "合同" / "contract";
    /// Kind: the site's service contract with its operator.
    KIND_SERVICE_CONTRACT = "服务合同" / "service contract";
    /// Kind: age.
    KIND_AGE = "年龄" / "age";
    /// Kind: experience.
    KIND_EXPERIENCE = "资历" / "experience";
    /// Kind: space.
    KIND_SPACE = "场地" / "space";
    /// Kind: evaluation.
    KIND_EVALUATION = "评估" / "evaluation";
    /// Kind: renewal.
    KIND_RENEWAL = "续签" / "renewal";
    /// A duty owed on a calendar (view 6, `sgz report duties`).
    KIND_DUTY = "报送事项" / "duty";
    /// Kind: other rules.
    KIND_OTHER = "其他规定" / "other rule";
}

/// The name of a clause kind.
pub fn kind(k: ClauseKind, lang: Lang) -> &'static str {
    let t: Text = match k {
        ClauseKind::Milestone => KIND_MILESTONE,
        ClauseKind::Staffing => KIND_STAFFING,
        ClauseKind::Certification => KIND_CERTIFICATION,
        ClauseKind::Registration => KIND_REGISTRATION,
        ClauseKind::Training => KIND_TRAINING,
        ClauseKind::Contract => KIND_CONTRACT,
        ClauseKind::ServiceContract => KIND_SERVICE_CONTRACT,
        ClauseKind::Age => KIND_AGE,
        ClauseKind::Experience => KIND_EXPERIENCE,
        ClauseKind::Space => KIND_SPACE,
        ClauseKind::Evaluation => KIND_EVALUATION,
        ClauseKind::Renewal => KIND_RENEWAL,
        ClauseKind::Duty => KIND_DUTY,
        ClauseKind::Other => KIND_OTHER,
    };
    t.get(lang)
}

/// Computed or information only.
pub fn computed(c: bool, lang: Lang) -> &'static str {
    if c { COMPUTED } else { INFORMATIONAL }.get(lang)
}

/// The name of a scorer role.
pub fn scorer(r: crate::domain::policy::ScorerRole, lang: Lang) -> &'static str {
    use crate::domain::policy::ScorerRole as S;
    match r {
        S::ThirdParty => SCORER_THIRD_PARTY,
        S::Purchaser => SCORER_PURCHASER,
        S::Bureau => SCORER_BUREAU,
    }
    .get(lang)
}
