//! Messages of the command line: errors, summaries, refusals.

crate::catalogue! {
    /// The database path names no file.
    NO_DATABASE = "{path} 处没有数据库；可用 `sgz --db {path} init --demo` 创建，或不带 --db 运行 `sgz` 使用默认数据库"
        / "no database at {path}; create one with `sgz --db {path} init --demo`, or run `sgz` without --db to use the default one";
    /// `init` was given nothing to build.
    INIT_WHAT = "请说明要创建什么：`sgz init --demo` 或 `sgz init --national DIR`"
        / "say what to build: `sgz init --demo` or `sgz init --national DIR`";
    /// A new database was made.
    INIT_CREATED = "已创建数据库：{path}\n  {divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估 {synthetic}"
        / "Created the database at {path}\n  {divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations {synthetic}";
    /// `init --force` replaced an existing database.
    INIT_REPLACED = "已替换数据库内容：{path}\n  {divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估 {synthetic}\n  原有内容已备份到 {backup}；账户与授权不变；仍在使用旧数据的会话将拒绝保存（审计记录操作人：{actor}）"
        / "Replaced the contents of {path}\n  {divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations {synthetic}\n  the previous contents are kept in {backup}; accounts are unchanged; sessions still open on it will refuse to save (audited as {actor})";
    /// The TUI created the demo at the default path.
    DEMO_CREATED = "尚无数据库，已创建演示数据库：{path}（{divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估）{synthetic}"
        / "No database yet: created the demo at {path} ({divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations) {synthetic}";
    /// `init` without --force over a file that is there.
    INIT_EXISTS = "{path} 已存在；如要替换其中的 sgz 数据库，请加 --force"
        / "{path} already exists; pass --force to replace the sgz database in it";
    /// `init` over a zero-byte file, which --force refuses too.
    INIT_EXISTS_EMPTY = "{path} 已存在，是一个空文件（0 字节）；sgz 不会写入它，--force 也不会：请先删除或改名该文件"
        / "{path} already exists as an empty file (0 bytes); sgz will not write into it, not even with --force: remove or rename it first";
    /// `backup` to a file that is there.
    BACKUP_EXISTS = "{path} 已存在；请另选一个新文件名" / "{path} exists; choose a new file";
    /// `backup` done.
    BACKUP_WRITTEN = "备份已写入 {path}" / "backup written to {path}";
    /// `restore` done.
    RESTORED = "已将 {file}（{n} 个区划）恢复到 {path}" / "restored {file} ({n} divisions) into {path}";
    /// The real uid has no account name.
    NO_ACCOUNT = "uid {uid} 在 passwd 数据库中没有条目" / "uid {uid} has no entry in the passwd database";
    /// `--as` by someone who is not the service account.
    AS_NOT_SERVICE = "--as 仅对服务账户（{service}）有效；您是 {real}"
        / "--as is honoured only for the service account ({service}); you are {real}";
    /// The account has no grant in this database.
    NO_ACCESS = "{name} 无权访问此数据库；请管理员（{admins}）运行 `sgz users grant {name} viewer|editor CODE`"
        / "{name} has no access to this database; ask an admin ({admins}) to run `sgz users grant {name} viewer|editor CODE`";
    /// Where a list of names would be, and there is none.
    NONE_RECORDED = "未记录" / "none recorded";
    /// `users grant` with a role that is none.
    BAD_ROLE = "角色须为 viewer、editor 或 admin，而不是 {role}" / "role must be viewer, editor or admin, not {role}";
    /// `users grant` done; `scope` is a division code or `*` for everywhere.
    GRANTED = "{name}：{role}，范围 {scope}" / "{name}: {role} {scope}";
    /// `users grant` without a scope: everywhere.
    GRANTED_EVERYWHERE = "{name}：{role}，全部范围" / "{name}: {role} *";
    /// `users revoke` of someone without a grant.
    NO_GRANT = "{name} 没有授权" / "{name} had no grant";
    /// `users revoke` done.
    REVOKED = "{name}：已撤销授权" / "{name}: revoked";
    /// `users service-account` done.
    SERVICE_ACCOUNT_SET = "服务账户：{account}" / "service account: {account}";
    /// The last line of `users list`.
    SERVICE_ACCOUNT_LINE = "# 服务账户：{account}" / "# service account: {account}";
    /// A format a table export does not come in.
    TABLE_FORMATS = "此导出仅支持 csv 或 json，不支持 {format}" / "this export comes as csv or json, not {format}";
    /// A format `check` does not write.
    CHECK_FORMATS = "sgz check 输出 table、json 或 csv，不支持 {format}" / "sgz check writes table, json or csv, not {format}";
    /// A format the coverage report does not come in.
    COVERAGE_FORMATS = "覆盖率报告支持 table、json、csv、md 或 svg" / "coverage reports come as table, json, csv, md or svg";
    /// An svg report of a scope with nothing in it.
    NOTHING_TO_DRAW = "没有可绘制的内容" / "nothing to draw";
    /// A format the score export does not come in.
    SCORE_FORMATS = "评分导出支持 csv、xlsx 或 json，不支持 {format}" / "scores export as csv, xlsx or json, not {format}";
    /// An xlsx score export to standard output.
    XLSX_NEEDS_FILE = "xlsx 导出需要指定文件：-o FILE.xlsx" / "an xlsx export needs a file: -o FILE.xlsx";
    /// `find` found nothing.
    NO_MATCH = "没有匹配" / "no match";
    /// `import divisions` done; `levels` counts by level.
    DIVISIONS_IMPORTED = "已导入 {n} 个区划到 {path}（{levels}）" / "{n} divisions imported into {path} ({levels})";
    /// `import staff --dry-run` done.
    STAFF_DRY_RUN = "试运行 {file}（{encoding}）：将新增 {added} 名、更新 {updated} 名（{fields} 个字段），{unchanged} 行无变化；未写入任何数据"
        / "dry run of {file} ({encoding}): {added} staff would be added, {updated} updated ({fields} fields), {unchanged} rows unchanged; nothing was written";
    /// `import staff` done.
    STAFF_IMPORTED = "已从 {file}（{encoding}）导入：新增 {added} 名工作人员，更新 {updated} 名（{fields} 个字段），{unchanged} 行无变化。"
        / "Imported {file} ({encoding}): {added} staff added, {updated} updated ({fields} fields), {unchanged} rows unchanged.";
    /// A line of `import staff --dry-run`: a person to add.
    PLAN_ADD = "新增 {name}（{role}，{site}）" / "add {name} ({role}, {site})";
    /// `import scores --dry-run` done.
    SCORES_DRY_RUN = "试运行 {file}：将变更 {values} 个分值，涉及 {evaluations} 份评估（新建 {created} 份），{unchanged} 行无变化；未写入任何数据"
        / "dry run of {file}: {values} values would change in {evaluations} evaluations ({created} created), {unchanged} rows unchanged; nothing was written";
    /// `import scores` done.
    SCORES_IMPORTED = "已导入 {file}：{values} 个分值变更，涉及 {evaluations} 份评估（新建 {created} 份），{unchanged} 行无变化"
        / "imported {file}: {values} values changed in {evaluations} evaluations ({created} created), {unchanged} rows unchanged";
    /// After the bad rows of a score import (the English words kept in the Chinese one:
    /// scripts match them).
    NOTHING_IMPORTED = "未导入任何数据 (nothing was imported)" / "nothing was imported";
    /// A line of `import scores --dry-run` for an evaluation that does not exist yet.
    PLAN_NEW_EVALUATION = "（新建评估）" / " (new evaluation)";
    /// `check`'s title: where, as of when, how far ahead, and the synthetic note if any.
    CHECK_TITLE = "合规提醒 {scope}  截至 {as_of}{within}{synthetic}"
        / "Compliance alerts {scope}  as of {as_of}{within}{synthetic}";
    /// ... with `--within DAYS`.
    CHECK_WITHIN = "（{days}天内到期）" / "  (due within {days} days)";
    /// `check` over no single scope.
    ALL_DIVISIONS = "全部区划" / "all divisions";
    /// `check`'s count of all alerts.
    CHECK_TOTAL = "共{n}条" / "total {n}";
    /// `check` found nothing.
    NO_ALERTS = "没有提醒。" / "No alerts.";
    /// The coverage report over every jurisdiction the account is bound to.
    ALL_BOUND = "全部已绑定辖区" / "all bound jurisdictions";
    /// An audit value of a bulk insert (the store records it as "N sites, N staff, N
    /// evaluations"), in the table `sgz audit` prints.
    AUDIT_BULK_ROWS = "{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估"
        / "{sites} sites, {staff} staff, {evaluations} evaluations";
    /// A division list row the CSV reader could not read (`place` is `file:line`, followed by
    /// an ASCII colon in both languages so editors and scripts find it).
    DIVISION_UNREADABLE = "{place}: 无法读取的行：{detail}" / "{place}: unreadable row: {detail}";
    /// A division code of the wrong length for its file's level.
    DIVISION_BAD_CODE = "{place}: 代码 {code} 不是 {digits} 位的{level}代码"
        / "{place}: code {code} is not a {digits}-digit {level} code";
    /// A division without a name.
    DIVISION_NO_NAME = "{place}: 代码 {code} 的名称为空" / "{place}: empty name for code {code}";
    /// A directory with none of the division files.
    DIVISION_NO_FILES = "{dir} 中没有 provinces.csv、cities.csv、areas.csv、streets.csv、villages.csv（或 .csv.gz）中的任何一个"
        / "{dir} holds none of provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv (.csv.gz)";
    /// A division whose parent is in none of the files.
    DIVISION_NO_PARENT = "{code} {name}：缺少上级区划 {parent}" / "{code} {name}: parent {parent} is missing";
    /// The keymap file `keys` read.
    KEYMAP_FROM = "sgz：键位表：{path}" / "sgz: keymap: {path}";
    /// `export scores -o FILE` done.
    SCORES_EXPORTED = "{n} 份评估（{templates} 个模板）→ {path}{synthetic}"
        / "{n} evaluations ({templates} templates) → {path}{synthetic}";
}
