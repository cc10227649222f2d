//! Messages of the library's errors (`Error::message`): what went wrong, in words a
//! supervisor can act on. Texts that the store or the domain built (a refusal's reason, a
//! SQLite message) are quoted inside a lead-in from here.

crate::catalogue! {
    /// A score outside the account's part of a sheet split among scorers.
    DENIED_PART = "{name}（评分方：{scorer}）不能修改指标 {item}：该项由{part}评分" / "{name} (scorer: {scorer}) may not change item {item}: it is scored by the {part}";
    /// Anything the database reported that has no message of its own.
    STORE = "数据库出错：{detail}" / "database error: {detail}";
    /// The schema is newer than this program.
    SCHEMA_TOO_NEW = "数据库 {path} 由较新版本的 sgz 写入（架构版本 {found}；本 sgz 最高支持 {known}）。请使用较新的 sgz；未做任何更改。"
        / "the database {path} was written by a newer sgz (schema version {found}; this sgz knows up to {known}). Use a newer sgz; nothing was changed.";
    /// The file at the database path is not one of sgz's databases.
    NOT_A_DATABASE = "{path} 不是 sgz 数据库：{reason}" / "{path} is not an sgz database: {reason}";
    /// ... because it is a directory.
    REASON_DIRECTORY = "这是一个目录" / "it is a directory";
    /// ... because it has no bytes at all (sgz refuses to give it a schema).
    REASON_EMPTY_FILE = "文件为空（0 字节）；sgz 只写入自己的数据库，请先删除或改名该文件"
        / "the file is empty (0 bytes); sgz writes only into its own databases: remove or rename it first";
    /// ... because it has no bytes (a file to restore from).
    REASON_EMPTY = "文件为空（0 字节）" / "the file is empty (0 bytes)";
    /// ... because it does not begin as SQLite files do.
    REASON_NOT_SQLITE = "文件开头不是 SQLite 文件头（SQLite：{detail}）"
        / "the file does not start with the SQLite header (SQLite: {detail})";
    /// ... because it is another program's SQLite database (one table).
    REASON_FOREIGN_ONE = "这是一个含有 1 张其他程序数据表的 SQLite 数据库，不是 sgz 的"
        / "a SQLite database with 1 table of its own, not sgz's";
    /// ... because it is another program's SQLite database (several tables).
    REASON_FOREIGN_MANY = "这是一个含有 {n} 张其他程序数据表的 SQLite 数据库，不是 sgz 的"
        / "a SQLite database with {n} tables of its own, not sgz's";
    /// ... because it is an empty SQLite database that was there before.
    REASON_FOREIGN_EMPTY = "这是一个并非由 sgz 创建的空 SQLite 数据库"
        / "an empty SQLite database that sgz did not create";
    /// ... because SQLite's integrity check found damage.
    REASON_INTEGRITY = "完整性检查未通过：{detail}" / "integrity check: {detail}";
    /// ... for a reason SQLite gave in its own words.
    REASON_OTHER = "文件已损坏或无法读取（SQLite：{detail}）" / "{detail}";
    /// Another process holds the database and did not let go.
    BUSY = "数据库正忙（被另一个进程锁定）且一直未释放；请稍后再试：{detail}"
        / "the database is busy (locked by another process) and stayed locked; try again: {detail}";
    /// A scope that names no division.
    UNKNOWN_SCOPE = "没有与 {query} 匹配的区划" / "no division matches {query}";
    /// ... with the nearest names.
    UNKNOWN_SCOPE_HINTS = "没有与 {query} 匹配的区划；您是否要找：{hints}"
        / "no division matches {query}; did you mean: {hints}";
    /// A date that is not a date.
    BAD_DATE = "不是有效日期：{date}（格式应为 YYYY-MM-DD，年份须为四位）"
        / "not a valid date: {date} (expected YYYY-MM-DD with a four-digit year)";
    /// A file could not be read or written: there is none.
    IO_NOT_FOUND = "{path}：没有这个文件或目录" / "{path}: no such file or directory";
    /// ... it may not be read or written by this account.
    IO_PERMISSION = "{path}：没有权限" / "{path}: permission denied";
    /// ... it is a directory where a file was expected.
    IO_IS_DIRECTORY = "{path}：这是一个目录，不是文件" / "{path}: it is a directory, not a file";
    /// ... for another reason, in the system's words.
    IO_OTHER = "{path}：读写失败（{detail}）" / "{path}: {detail}";
    /// A refusal by the access rules or the store; `detail` is their text.
    DENIED = "不允许：{detail}" / "not allowed: {detail}";
    /// The database was replaced under this session.
    REPLACED = "数据库 {path} 在本次会话打开后已被替换（sgz init --force 或 sgz restore）；未保存任何内容。请重新启动 sgz 以使用新数据库。"
        / "the database {path} was replaced (sgz init --force or sgz restore) after this session opened it; nothing was saved. Start sgz again to work on the new database.";
    /// Someone saved the same evaluation first.
    CONFLICT = "自您打开此评估以来，已有他人保存过（对方版本 {theirs}，您的版本 {ours}）"
        / "someone else saved this evaluation since you opened it (version {theirs}, yours {ours})";
    /// A file's cell holds a control or direction character.
    UNSAFE_CELL = "{column} 列第 {at} 个字符是 {cp}（控制符或方向符），文本中不允许"
        / "column {column}: character {at} is {cp}, a control or direction character that text may not hold";
    /// An account that only reads.
    DENIED_VIEWER = "{name} 是只读用户（viewer）" / "{name} is a viewer (read only)";
    /// An editor writing outside its jurisdiction.
    DENIED_SCOPE = "{name} 只能编辑 {scope} 以内的数据，不能编辑 {code}"
        / "{name} may edit only within {scope}, not {code}";
    /// An action for admins.
    DENIED_ADMIN = "{name} 不是管理员" / "{name} is not an admin";
    /// A status change for admins.
    DENIED_ADMIN_CHANGE = "{name} 不是管理员：只有管理员可以{change}评估表"
        / "{name} is not an admin: only an admin may {change} an evaluation";
    /// Scores on a submitted sheet.
    DENIED_SUBMITTED = "{sheet}已提交；请先重新打开（R）再修改分数"
        / "{sheet} is submitted; reopen it (R) before changing its scores";
    /// Scores on a locked sheet.
    DENIED_LOCKED = "{sheet}已锁定；须由管理员解锁后才能修改"
        / "{sheet} is locked; an admin must unlock it first";
    /// The sheet at hand, in the two refusals above.
    THE_SHEET = "该评估表" / "the evaluation";
    /// A sheet named by year, phase and division, in the two refusals above.
    THE_SHEET_OF = "{code} 的 {year} 年{phase}评估表" / "the {phase} evaluation {year} of {code}";
    /// A database that takes no writes.
    DENIED_READ_ONLY = "数据库以只读方式打开" / "the database is open read-only";
    /// --as from another account than the service account.
    DENIED_AS = "--as 仅对服务账户（{service}）有效；您是 {real}"
        / "--as is honoured only for the service account ({service}); you are {real}";
    /// Where the service account would be named, and none is recorded.
    NO_SERVICE = "未记录" / "none recorded";
    /// An account without a grant.
    DENIED_NO_ACCOUNT = "{name} 无权访问此数据库；请管理员（{admins}）运行 `sgz users grant {name} viewer|editor CODE`"
        / "{name} has no access to this database; ask an admin ({admins}) to run `sgz users grant {name} viewer|editor CODE`";
    /// No site of this id.
    NO_SITE = "没有编号为 {id} 的站点" / "no site with id {id}";
    /// No person of this id.
    NO_STAFF = "没有编号为 {id} 的人员" / "no staff member with id {id}";
    /// No evaluation of this id.
    NO_EVALUATION = "没有编号为 {id} 的评估表" / "no evaluation with id {id}";
    /// An evaluation that exists already.
    EVALUATION_EXISTS = "{year} 年{phase}评估表已存在" / "an evaluation for {year} {phase} already exists";
    /// A status change to the status the sheet has.
    ALREADY_STATUS = "评估表已是“{status}”状态" / "the evaluation is already {status}";
    /// A part submitted or reopened twice.
    PART_ALREADY_SUBMITTED = "{part}部分已提交" / "the {part}'s part is already submitted";
    /// A draft part reopened.
    PART_ALREADY_DRAFT = "{part}部分尚未提交，无需退回" / "the {part}'s part is not submitted: nothing to reopen";
    /// A whole split sheet submitted or reopened by a non-admin.
    SHEET_IN_PARTS = "此表由各评分方分别提交：请在评分表中提交或退回本方部分（整表仅限管理员）"
        / "scorers submit or reopen their own parts in the grid; the whole sheet: admins only";
    /// An editor granted without a jurisdiction.
    EDITOR_NEEDS_SCOPE = "编辑者（editor）须指定辖区（区划代码）" / "an editor needs a scope (a division code)";
    /// Training hours out of range.
    TRAINING_HOURS = "培训学时须在0到2000之间，收到{hours}" / "training hours must be 0-2000, got {hours}";
    /// A backup that would overwrite a file.
    BACKUP_EXISTS = "{path} 已存在；sgz 不会用备份覆盖已有文件"
        / "{path} already exists; sgz does not overwrite a file with a backup";
    /// A database without divisions.
    NO_DIVISIONS = "数据库中没有区划；请先用 `sgz import divisions DIR` 导入"
        / "the database holds no divisions; import some with `sgz import divisions DIR`";
    /// The TUI without a terminal.
    NEEDS_TERMINAL = "sgz 的交互界面需要终端；脚本请使用子命令（sgz report coverage、sgz check、sgz export …；见 sgz --help）"
        / "sgz's interactive view needs a terminal; for scripts use a subcommand (sgz report coverage, sgz check, sgz export ...; see sgz --help)";
    /// The terminal failed while opening.
    TERMINAL_OPEN = "无法打开终端：{detail}" / "cannot open the terminal: {detail}";
    /// ... while drawing.
    TERMINAL_DRAW = "终端绘制失败：{detail}" / "terminal: {detail}";
    /// ... while reading a key.
    TERMINAL_INPUT = "读取终端输入失败：{detail}" / "terminal input: {detail}";
    /// ... while installing signal handlers.
    TERMINAL_SIGNALS = "无法安装信号处理：{detail}" / "signal handler: {detail}";
    /// ... while starting a helper thread.
    TERMINAL_THREAD = "无法启动后台线程：{detail}" / "cannot start a thread: {detail}";
    /// An export before the data is in.
    STILL_LOADING = "本地区的数据仍在加载；请稍后再导出" / "this region's data is still loading; export again in a moment";
    /// Writing a file failed.
    WRITE_FAILED = "写入 {format} 失败：{detail}" / "writing {format}: {detail}";
    /// A text file in UTF-16 without its byte-order mark, which cannot be told from binary.
    UTF16_NO_BOM = "{file} 看起来是没有字节顺序标记（BOM）的 UTF-16 文本；请在 Excel 或 WPS 中另存为“CSV UTF-8”或“Unicode 文本”后再导入"
        / "{file} looks like UTF-16 text without a byte-order mark; save it from Excel or WPS as \"CSV UTF-8\" or \"Unicode text\" and import that";
    /// A workbook sgz cannot read.
    NOT_XLSX = "{file}：不是可读取的 xlsx 工作簿（{detail}）" / "{file}: not a readable xlsx workbook: {detail}";
}

use crate::domain::access::Denied;
use crate::error::{Refusal, TerminalStep};
use crate::i18n::names::Named;
use crate::i18n::Lang;

/// A refusal of the access rules or the store, in `lang`.
pub fn denied(d: &Denied, lang: Lang) -> String {
    match d {
        Denied::Viewer { name } => DENIED_VIEWER.fill(lang, &[("name", name)]),
        Denied::OutOfScope { name, scope, code } => {
            DENIED_SCOPE.fill(lang, &[("name", name), ("scope", scope), ("code", code)])
        }
        Denied::NotAdmin { name } => DENIED_ADMIN.fill(lang, &[("name", name)]),
        Denied::AdminOnlyChange { name, change } => {
            let change = change.name(lang);
            DENIED_ADMIN_CHANGE.fill(lang, &[("name", name), ("change", &change)])
        }
        Denied::SheetNotDraft { status, sheet } => {
            let sheet = match sheet {
                Some((year, phase, code)) => {
                    let phase = crate::domain::policy::Phase::parse(phase)
                        .map(|p| p.name(lang))
                        .unwrap_or(phase.as_str());
                    THE_SHEET_OF.fill(lang, &[("year", year), ("phase", &phase), ("code", code)])
                }
                None => THE_SHEET.get(lang).to_string(),
            };
            let t = match status {
                crate::domain::evaluation::EvalStatus::Submitted => DENIED_SUBMITTED,
                _ => DENIED_LOCKED,
            };
            t.fill(lang, &[("sheet", &sheet)])
        }
        Denied::ReadOnlyDatabase => DENIED_READ_ONLY.get(lang).into(),
        Denied::AsNotService { service, real } => {
            let service = service.as_deref().unwrap_or(NO_SERVICE.get(lang));
            DENIED_AS.fill(lang, &[("service", &service), ("real", real)])
        }
        Denied::NotYourPart {
            name,
            item,
            part,
            scorer,
        } => {
            let none = super::policy::NO_SCORER_ROLE.get(lang);
            let role = |r: &Option<crate::domain::policy::ScorerRole>| {
                r.map_or(none, |r| super::policy::scorer(r, lang))
            };
            DENIED_PART.fill(
                lang,
                &[
                    ("name", name),
                    ("item", item),
                    ("part", &role(part)),
                    ("scorer", &role(scorer)),
                ],
            )
        }
        Denied::NoAccount { name, admins } => {
            let admins = if admins.is_empty() {
                NO_SERVICE.get(lang).to_string()
            } else {
                admins.join(lang.pick("、", ", "))
            };
            DENIED_NO_ACCOUNT.fill(lang, &[("name", name), ("admins", &admins)])
        }
    }
}

/// Something the library refused or could not do, in `lang`.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    use crate::domain::sheet::SheetError;
    let sheet = super::names::sheet_error;
    match r {
        Refusal::NoSite(id) => NO_SITE.fill(lang, &[("id", id)]),
        Refusal::NoStaff(id) => NO_STAFF.fill(lang, &[("id", id)]),
        Refusal::NoContract(id) => super::contracts::NO_CONTRACT.fill(lang, &[("id", id)]),
        Refusal::Contract(ps) => super::contracts::problems(ps, lang),
        Refusal::NoEvaluation(id) => NO_EVALUATION.fill(lang, &[("id", id)]),
        Refusal::EvaluationExists { year, phase } => {
            let phase = crate::domain::policy::Phase::parse(phase)
                .map(|p| p.name(lang))
                .unwrap_or(phase.as_str());
            EVALUATION_EXISTS.fill(lang, &[("year", year), ("phase", &phase)])
        }
        Refusal::AlreadyStatus(s) => {
            let status = s.name(lang);
            ALREADY_STATUS.fill(lang, &[("status", &status)])
        }
        Refusal::PartSubmitted(p) => sheet(&SheetError::PartSubmitted(*p), lang),
        Refusal::PartIncomplete { part, empty } => sheet(
            &SheetError::PartIncomplete {
                part: *part,
                empty: *empty,
            },
            lang,
        ),
        Refusal::NoPart(mine) => sheet(&SheetError::NoPart(*mine), lang),
        Refusal::PartAlready { part, submitted } => {
            let t = if *submitted {
                PART_ALREADY_SUBMITTED
            } else {
                PART_ALREADY_DRAFT
            };
            t.fill(lang, &[("part", &super::policy::scorer(*part, lang))])
        }
        Refusal::SheetInParts => SHEET_IN_PARTS.get(lang).into(),
        Refusal::EditorNeedsScope => EDITOR_NEEDS_SCOPE.get(lang).into(),
        Refusal::TrainingHours(h) => TRAINING_HOURS.fill(lang, &[("hours", h)]),
        Refusal::BackupExists(p) => BACKUP_EXISTS.fill(lang, &[("path", &p.display())]),
        Refusal::NoDivisions => NO_DIVISIONS.get(lang).into(),
        Refusal::NeedsTerminal => NEEDS_TERMINAL.get(lang).into(),
        Refusal::Terminal { step, detail } => {
            let t = match step {
                TerminalStep::Open => TERMINAL_OPEN,
                TerminalStep::Draw => TERMINAL_DRAW,
                TerminalStep::Input => TERMINAL_INPUT,
                TerminalStep::Signals => TERMINAL_SIGNALS,
                TerminalStep::Thread => TERMINAL_THREAD,
            };
            t.fill(lang, &[("detail", detail)])
        }
        Refusal::StillLoading => STILL_LOADING.get(lang).into(),
        Refusal::Write { format, detail } => {
            WRITE_FAILED.fill(lang, &[("format", format), ("detail", detail)])
        }
        Refusal::NoDivision(code) => super::records::R_NO_DIVISION.fill(lang, &[("code", code)]),
        Refusal::SiteExists(code) => super::records::R_SITE_EXISTS.fill(lang, &[("code", code)]),
        Refusal::NoSiteTier(code) => super::records::R_NO_SITE_TIER.fill(lang, &[("code", code)]),
        Refusal::SiteDetails(v) => v
            .iter()
            .map(|p| super::records::detail_problem(p, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; ")),
        Refusal::SiteStatus(p) => super::records::status_problem(p, lang),
        Refusal::NoStatusToUndo(id) => {
            super::records::R_NO_STATUS_TO_UNDO.fill(lang, &[("id", id)])
        }
        Refusal::NotLastStatus(c) => super::records::R_NOT_LAST_STATUS
            .fill(lang, &[("on", &c.on), ("status", &c.status.name(lang))]),
        Refusal::StaffFields(v) => super::records::field_errors(v, lang),
        Refusal::NotDeparted(id) => super::records::R_NOT_DEPARTED.fill(lang, &[("id", id)]),
        Refusal::NotXlsx { file, detail } => {
            NOT_XLSX.fill(lang, &[("file", file), ("detail", detail)])
        }
    }
}
