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
}
