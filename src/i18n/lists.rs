//! Messages of the site list's import and export (`sgz import sites`, `sgz export sites`)
//! and of what every imported list shares.

crate::catalogue! {
    /// A site list without the columns it needs.
    SITE_MISSING_COLUMNS = "缺少列：{columns}（列名与 sgz export sites 的表头相同，中文表头亦可）"
        / "missing columns: {columns} (use the headers `sgz export sites` writes, or their Chinese ones)";
    /// A division code that is not in the division list.
    SITE_NO_DIVISION = "{column}：区划代码 {code} 不在区划列表中（先 `sgz import divisions DIR`，或检查代码）"
        / "{column}: the division code {code} is not in the division list (`sgz import divisions DIR` first, or check the code)";
    /// A division of a level that has no site.
    SITE_NO_TIER = "{column}：{code}（{level}）不设站点；站点只设在县级（指导中心）、乡镇街道（社工站）与村社区（社工室）"
        / "{column}: {code} ({level}) has no site; sites are at county (center), township (station) and village (room) level";
    /// A tier that is not the one of the division's level.
    SITE_TIER_MISMATCH = "{column}：{tier} 与区划层级不符（{code} 的站点为{site_tier}）"
        / "{column}: {tier} does not fit the division's level ({code} has a {site_tier})";
    /// A row that repeats a division of an earlier row.
    SITE_REPEATS = "{column}：{code} 已在第 {line} 行出现" / "{column}: {code} is on line {line} already";
    /// A site row outside `--scope`.
    SITE_OUT_OF_SCOPE = "{column}：{code} 不在范围 {scope} 内" / "{column}: {code} is outside the scope {scope}";
    /// A history entry that is not a status and a date.
    HISTORY_ENTRY = "{column}：{entry} 不是“状态 日期”（如 planned 2020-03-01; operating 2021-05-10）"
        / "{column}: {entry} is not \"status date\" (e.g. planned 2020-03-01; operating 2021-05-10)";
    /// A history entry with an unknown status.
    HISTORY_STATUS = "{column}：{status} 不是站点状态（可用：{names}）"
        / "{column}: {status} is not a site status (one of {names})";
    /// A history entry with a date that is none.
    HISTORY_DATE = "{column}：{date} 不是有效日期" / "{column}: {date} is not a valid date";
    /// A history with the same entry twice.
    HISTORY_REPEATED = "{column}：{status} {date} 出现两次" / "{column}: {status} {date} is there twice";
    /// A site id that belongs to another division's site.
    SITE_ID_ELSEWHERE = "{column}：站点编号 {id} 是 {other} 的站点，不是 {code} 的"
        / "{column}: site {id} is the site of {other}, not of {code}";
    /// A division whose stored site has another id than the row's.
    SITE_ID_OTHER = "{column}：{code} 的站点编号是 {stored}，不是 {id}"
        / "{column}: the site of {code} has the id {stored}, not {id}";
    /// A site id given twice in the list.
    SITE_ID_REPEATS = "{column}：站点编号 {id} 已在第 {line} 行出现" / "{column}: site id {id} is on line {line} already";
    /// A cell that should hold a whole number.
    CELL_NOT_WHOLE = "{column}：{value} 不是整数" / "{column}: {value} is not a whole number";
    /// A cell that should hold an area.
    CELL_NOT_AREA = "{column}：{value} 不是面积（平方米，非负数）" / "{column}: {value} is not an area (square metres, not negative)";
    /// A site row that changes a stored site without saying which version.
    SITE_NO_VERSION = "{who}：此行没有版本（version），无法确认该站点在导出后未被他人修改；请重新导出（sgz export sites），在新文件中修改后再导入"
        / "{who}: the row has no version, so nothing shows the site is unchanged since the file was made; export afresh (sgz export sites), make the change there and import that";
    /// A site row for a site changed since the export; `diffs` lists `SITE_DIFF`s.
    SITE_STALE = "{who} 在此文件导出后已被修改（文件版本 {v}，现为 {now}）：{diffs}；未导入，请重新导出后再修改"
        / "{who} was changed since this file was exported (file version {v}, now {now}): {diffs}; not imported: export afresh and make the change there";
    /// One field of a site that differs between the database and the file.
    SITE_DIFF = "{field} 数据库现为 {old}，文件为 {new}" / "{field} now {old}, file {new}";
    /// The last line after the bad rows of a list.
    LIST_BAD_ROWS = "共 {n} 行有误，未导入任何记录。" / "{n} bad rows; nothing was imported.";
    /// A list with a header only.
    LIST_NO_ROWS = "{file} 没有数据行" / "{file} has no data rows";
    /// A staff cell that should hold the training hours of earlier years.
    CELL_NOT_TRAINING = "{name} 应为“年份 学时”，以分号分隔（如 2024 30; 2025 24）：{value}"
        / "{name} should be \"year hours\" separated by semicolons (e.g. 2024 30; 2025 24): {value}";
    /// A line of `import sites --dry-run`: a site to add.
    SITE_PLAN_ADD = "新增 {code} {name}（{tier}）" / "add {code} {name} ({tier})";
    /// A line of `import sites --dry-run`: one field of a site that changes.
    SITE_PLAN_CHANGE = "更新 {code} {name}：{field} {old} → {new}" / "update {code} {name}: {field} {old} → {new}";
    /// `import sites --dry-run` done.
    SITES_DRY_RUN = "试运行 {file}（{encoding}）：将新增 {added} 个站点、更新 {updated} 个（{fields} 个字段），{unchanged} 行无变化；未写入任何数据"
        / "dry run of {file} ({encoding}): {added} sites would be added, {updated} updated ({fields} fields), {unchanged} rows unchanged; nothing was written";
    /// `import sites` done.
    SITES_IMPORTED = "已从 {file}（{encoding}）导入：新增 {added} 个站点，更新 {updated} 个（{fields} 个字段），{unchanged} 行无变化。"
        / "Imported {file} ({encoding}): {added} sites added, {updated} updated ({fields} fields), {unchanged} rows unchanged.";
}
