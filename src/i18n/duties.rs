//! Duties on a calendar: statuses, cadences, the report, the alerts, the import and the TUI
//! view's words.

crate::catalogue! {
    /// Status: received on time.
    ST_RECEIVED = "已收" / "received";
    /// Status: received after the deadline.
    ST_LATE = "迟交" / "late";
    /// Status: past the deadline, nothing received.
    ST_MISSING = "缺交" / "missing";
    /// Status: not due yet.
    ST_NOT_YET_DUE = "未到期" / "not yet due";

    /// Cadence words.
    CAD_WEEKLY = "每周" / "weekly";
    CAD_MONTHLY = "每月" / "monthly";
    CAD_HALF_YEARLY = "每半年" / "half-yearly";
    CAD_YEARLY = "每年" / "yearly";
    CAD_ONCE = "一次性" / "once";

    /// Owner words.
    OWNER_STATION = "各社工站承接主体" / "each station's contractor";
    OWNER_TOWNSHIP = "各乡镇（街道）" / "each township (street)";
    OWNER_COUNTY = "各县（市、区）民政部门" / "each county (district) bureau";

    /// Kind words.
    KIND_REPORT = "报告" / "report";
    KIND_PLAN = "方案" / "plan";
    KIND_SUMMARY = "汇总" / "summary";
    KIND_PAYMENT = "拨付" / "payment";
    KIND_REGISTRATION = "登记" / "registration";
    KIND_EVALUATION = "评估" / "evaluation";

    /// `report duties` title.
    REPORT_TITLE = "报送事项：{scope}，截至 {as_of}{synthetic}"
        / "Duties: {scope}, as of {as_of}{synthetic}";
    /// One duty's heading.
    DUTY_HEAD = "{label}（{policy} {clause}）：{owner}报{to}，{cadence}，{due}"
        / "{label} ({policy} {clause}): {owner} → {to}, {cadence}, {due}";
    /// The due day of a periodic duty as the document states it.
    DUE_DOCUMENT = "报送日按文件" / "due day from the document";
    /// The due day a bureau set where the document names none.
    DUE_BUREAU = "报送日为民政部门设置（文件未规定）" / "due day set by the bureau (the document names none)";
    /// A once duty's date.
    DUE_ONCE = "限 {date} 前" / "by {date}";
    /// The grace a document allows.
    GRACE = "，宽限 {days} 天" / ", {days} days' grace";
    /// The summary line of a duty.
    SUMMARY = "已收 {received} / 应交 {due}（按时 {on_time}，迟交 {late}，缺交 {missing}）；未到期 {pending}"
        / "received {received} / due so far {due} (on time {on_time}, late {late}, missing {missing}); not yet due {pending}";
    /// No duty applies under the scope.
    NONE_UNDER = "此范围内没有政策规定的报送事项" / "no duty of any policy falls under this scope";
    /// Column names of the table and Markdown report.
    COL_OWNER = "承担者" / "owner";
    COL_CODE = "区划代码" / "code";
    COL_PERIOD = "期间" / "period";
    COL_DUE = "应交日" / "due";
    COL_STATUS = "状态" / "status";
    COL_DAYS_LATE = "迟/逾期天数" / "days late";
    COL_RECEIVED = "收到日期" / "received";
    COL_NOTE = "备注" / "note";
    COL_DUTY = "事项" / "duty";
    /// A days-late cell.
    DAYS = "{n} 天" / "{n} d";
    /// `--format` not offered by `report duties`.
    FORMATS = "report duties 支持 table、json、csv、md，不支持 {format}"
        / "report duties writes table, json, csv or md, not {format}";

    /// `sgz check`: the duties section's title.
    CHECK_TITLE = "报送事项提醒：缺交 {missing} 项，近一年迟交 {late} 项"
        / "Duty alerts: {missing} missing, {late} late in the past year";
    /// Alert: nothing received past the deadline.
    ALERT_MISSING = "{owner}的“{label}”（{period}）应于 {due} 前报{to}，逾期 {days} 天仍未收到：请督促报送，收到后在 sgz 中登记收到日期"
        / "{owner}'s \"{label}\" ({period}) was due to {to} by {due} and is {days} days overdue with nothing received: chase it, and record the date it arrives in sgz";
    /// Alert: received after the deadline.
    ALERT_LATE = "{owner}的“{label}”（{period}）应于 {due} 前报{to}，{received} 才收到，迟 {days} 天：请提醒其按期报送"
        / "{owner}'s \"{label}\" ({period}) was due to {to} by {due} and came on {received}, {days} days late: remind them of the deadline";
    /// Alert kind names.
    KIND_ALERT_MISSING = "报送缺交" / "duty missing";
    KIND_ALERT_LATE = "报送迟交" / "duty late";

    /// Import: a column the file needs is not there.
    IMPORT_NO_COLUMN = "{file}：缺少列 {column}（请用 `sgz report duties --format csv` 导出的文件）"
        / "{file}: no column {column} (use the file `sgz report duties --format csv` writes)";
    /// Import: the period is not a period.
    IMPORT_BAD_PERIOD = "{place}：列 period：{value} 不是期间（如 2021-12、2021-H2、2021、2022-W05 或一次性事项的日期，年份四位）"
        / "{place}: column period: {value} is not a period (such as 2021-12, 2021-H2, 2021, 2022-W05, or a once duty's date; four-digit years)";
    /// Import: the received date is not a date.
    IMPORT_BAD_DATE = "{place}：列 received：{value} 不是日期（YYYY-MM-DD，年份四位）"
        / "{place}: column received: {value} is not a date (YYYY-MM-DD, four-digit year)";
    /// Import: the version is not a number.
    IMPORT_BAD_VERSION = "{place}：列 version：{value} 不是整数" / "{place}: column version: {value} is not a whole number";
    /// Import: no such duty.
    IMPORT_UNKNOWN_DUTY = "{place}：政策 {policy} 没有报送事项 {duty}" / "{place}: policy {policy} has no duty {duty}";
    /// Import: the owner does not owe that instance.
    IMPORT_NOT_OWED = "{place}：{owner} 不承担 {duty} 的 {period} 期" / "{place}: {owner} does not owe {duty} for {period}";
    /// Import: the period has not begun.
    IMPORT_NOT_BEGUN = "{place}：期间 {period} 尚未开始（今天是 {today}），不能登记收到" / "{place}: the period {period} has not begun (today is {today}); nothing can be received for it yet";
    /// Import: a received date in the future.
    IMPORT_FUTURE = "{place}：收到日期 {date} 晚于今天 {today}" / "{place}: received date {date} is after today {today}";
    /// Import: received before the period began.
    IMPORT_BEFORE_START = "{place}：收到日期 {date} 早于期间开始 {start}" / "{place}: received date {date} is before the period began on {start}";
    /// Import: a clerk blanked a recorded date.
    IMPORT_CLEAR = "{place}：不能用导入清除已登记的收到日期（{db}）；请在界面中撤销登记"
        / "{place}: an import cannot clear a recorded received date ({db}); undo the mark in the TUI";
    /// Import: the instance changed since the export.
    IMPORT_STALE = "{place}：{owner} {duty} {period} 在此文件导出后已被修改（文件中：{file}，版本 {v}；数据库中：{db}，版本 {now}）；未导入，请重新导出后再填写"
        / "{place}: {owner} {duty} {period} changed since this file was exported (file: {file}, version {v}; database: {db}, version {now}); nothing imported, export again and fill that in";
    /// Import: the same instance twice in the file.
    IMPORT_TWICE = "{place}：{owner} {duty} {period} 在第 {first} 行已出现" / "{place}: {owner} {duty} {period} already appears at line {first}";
    /// An empty value in a message.
    EMPTY = "（空）" / "(empty)";
    /// Import: one change of the plan.
    IMPORT_LINE = "{owner} {duty} {period}：收到日期 {old} → {new}" / "{owner} {duty} {period}: received {old} -> {new}";
    /// Import dry run summary.
    IMPORT_DRY_RUN = "试运行：{file}（{encoding}）将登记 {n} 项，{same} 行未改动；未写入任何内容"
        / "dry run: {file} ({encoding}) would record {n} instances, {same} rows unchanged; nothing written";
    /// Import done.
    IMPORTED = "已导入 {file}（{encoding}）：登记 {n} 项，{same} 行未改动" / "imported {file} ({encoding}): {n} instances recorded, {same} rows unchanged";

    /// TUI: the view's name in the tab line.
    VIEW_NAME = "报送" / "Duties";
    /// TUI: the view's title.
    VIEW_TITLE = "报送事项 · {scope} · 截至 {as_of} · 缺交 {missing} · 迟交 {late} · 已收 {received}/{due}{sort}"
        / "Duties · {scope} · as of {as_of} · missing {missing} · late {late} · received {received}/{due}{sort}";
    /// TUI: sorted by most overdue.
    VIEW_SORT_OVERDUE = " · 按逾期排序" / " · most overdue first";
    /// TUI: no instance under the scope.
    VIEW_EMPTY = "此范围内没有报送事项" / "no duties under this scope";
    /// TUI: the prompt for the received date.
    MARK_PROMPT = "收到日期（默认今天，可改；回车登记，Esc 取消）：" / "Received on (default today; Enter records, Esc cancels):";
    /// TUI: a date after today.
    MARK_FUTURE = "收到日期不能晚于今天（{today}）" / "the received date cannot be after today ({today})";
    /// TUI: not a date.
    MARK_BAD_DATE = "不是日期：{value}（YYYY-MM-DD）" / "not a date: {value} (YYYY-MM-DD)";
    /// TUI: before the period began.
    MARK_BEFORE_START = "收到日期不能早于期间开始（{start}）" / "the received date cannot be before the period began ({start})";
    /// TUI: recorded.
    MARKED = "已登记：{what} {date} 收到（u 撤销）" / "recorded: {what} received {date} (u to undo)";
    /// TUI: the mark was undone.
    UNMARKED = "已撤销：{what}" / "undone: {what}";
    /// TUI: the detail box's title.
    DETAIL = "依据" / "Rule";
    /// TUI: key hints of the view.
    HINT_MARK = "登记收到" / "mark received";
    HINT_UNDO = "撤销" / "undo";
    HINT_SORT = "排序" / "sort";
    /// The 红黑榜 by duties: its title.
    LAGGING_TITLE = "红黑榜：缺交报送最多在前（Enter 进入）" / "Lagging first by missing duties (Enter narrows)";
    /// The meeting view's 红黑榜 by duties.
    MEETING_LAGGING = "红黑榜：缺交报送最多在前" / "Lagging first by missing duties";
    /// The 红黑榜 by duties: one child's figures.
    LAGGING_ROW = "缺交 {missing} · 迟交 {late} · 应交 {due}" / "missing {missing} · late {late} · due {due}";
    /// Someone else recorded the instance since it was read.
    CHANGED = "{what} 已被他人修改（版本 {ours} → {theirs}），未保存；已重新载入，请查看后再登记"
        / "{what} was changed by someone else (version {ours} -> {theirs}); nothing saved; reloaded, look again before marking";
    /// TUI: nothing to undo.
    NOTHING_TO_UNDO = "没有可撤销的登记" / "no mark to undo";
    /// TUI: the instance is already received.
    ALREADY = "{what} 已于 {date} 收到" / "{what} was received on {date}";
}
