//! Words of the TUI's state and update: what the status line says after a key, a save or a
//! background load, and the labels of the staff filter and sort.

crate::catalogue! {
    /// A sheet opened that someone else submitted or locked; `said` is why it is read-only.
    DRAFTS_WAIT = "{said}（你上次未保存的 {n} 项草稿暂不使用）"
        / "{said} ({n} unsaved cells of yours from last time wait)";
    /// A status change only an admin may make.
    ADMIN_ONLY = "只有管理员可以{change}评估表，{name} 不是管理员"
        / "only an admin may {change} a sheet; {name} is not one";
    /// An edit by a viewer.
    VIEWER_READ_ONLY = "{name} 是只读用户（viewer），不能修改" / "{name} is a viewer: read only";
    /// An edit outside the user's jurisdiction.
    OUTSIDE_SCOPE = "{name} 只能修改 {scope} 辖区内的数据，{code} 不在其中"
        / "{name} may edit only within {scope}, not {code}";
}
