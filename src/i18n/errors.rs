//! Messages of the library's errors (`Error::message`): what went wrong, in words a
//! supervisor can act on. Texts that the store or the domain built (a refusal's reason, a
//! SQLite message) are quoted inside a lead-in from here.

crate::catalogue! {
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
}
