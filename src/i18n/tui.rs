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
    /// Before the new scope's name.
    SCOPE_PREFIX = "范围：" / "Scope: ";
    /// :scope without an argument.
    SCOPE_NEEDS_ARG = ":scope 后面写区划名称或代码" / ":scope needs a division name or code";
    /// Before a command line that is not a command.
    UNKNOWN_COMMAND = "未知命令：" / "Unknown command: ";
    /// Leaving a sheet whose drafts could not be written.
    LEFT_DRAFTS_LOST = "已离开；未能写入草稿的修改已丢弃" / "Left; the changes that could not be kept as drafts are gone";
    /// Leaving a sheet with unsaved cells.
    LEFT_DRAFTS_KEPT = "已离开；未保存的格子作为草稿保留" / "Left; unsaved cells stay as drafts";
    /// A question answered no.
    NOTHING_CHANGED = "未更改" / "Nothing changed";
    /// Drafts taken back into a sheet.
    DRAFTS_RESUMED = "已恢复草稿" / "Drafts resumed";
    /// A conflict left without merging.
    NOT_MERGED = "未合并；保存前需处理冲突" / "Not merged; the conflict must be settled before saving";
    /// A conflict merged.
    MERGED = "已合并：Ctrl-S 保存" / "Merged: Ctrl-S saves";
    /// Submitting a sheet with unsaved cells.
    SAVE_BEFORE_SUBMIT = "请先 Ctrl-S 保存再提交" / "Save with Ctrl-S before submitting";
    /// Before a template name that is not known.
    NO_TEMPLATE = "找不到评估模板：" / "No template: ";
    /// A submitted sheet opened.
    SUBMITTED_READ_ONLY = "此表已提交，只读；需修改请在列表中按 R 重新打开" / "This sheet is submitted: read only; to correct it, reopen it with R in the list";
    /// A locked sheet opened.
    LOCKED_READ_ONLY = "此表已锁定，只读；管理员可在列表中按 U 解锁" / "This sheet is locked: read only; an admin unlocks it with U in the list";
    /// After a refusal on a submitted sheet.
    REOPEN_HINT = "（在列表中按 R 重新打开）" / " (reopen it with R in the list)";
    /// After a refusal on a locked sheet.
    UNLOCK_HINT = "（管理员在列表中按 U 解锁）" / " (an admin unlocks it with U in the list)";
    /// An edit key on a locked sheet.
    SHEET_LOCKED = "此表已锁定（管理员可在列表中按 U 解锁）" / "This sheet is locked (an admin unlocks it with U in the list)";
    /// A sheet saved.
    SAVED_ONE_TRANSACTION = "已保存（一个事务，逐项留痕）" / "Saved (one transaction, every change audited)";
    /// A save that met someone else's.
    SAVED_FIRST_BY_OTHER = "他人已先保存此表：逐项选择 m 我的 / t 对方的，Enter 确认" / "Someone saved this sheet first: choose m mine / t theirs per item, Enter to confirm";
    /// Before why a draft could not be written.
    DRAFT_NOT_KEPT = "草稿未能写入，未保存的格子只在屏幕上（Ctrl-S 保存）：" / "Draft not kept; the unsaved cells are only on screen (Ctrl-S saves): ";
    /// An edit key in the meeting view.
    MEETING_READ_ONLY = "会议模式只读：按 m 或 Esc 退出会议模式后再编辑" / "Meeting view is read-only: leave it with m or Esc to edit";
    /// Opening an evaluation that does not exist.
    NO_EVALUATION_CREATE = "尚无此评估：按 n 新建" / "No such evaluation yet: press n to create it";
    /// Creating an evaluation that exists.
    EVALUATION_EXISTS = "此评估已存在：Enter 打开" / "This evaluation exists: Enter opens it";
    /// A key on an evaluation that does not exist.
    NO_EVALUATION = "尚无此评估" / "No such evaluation yet";
    /// While a search runs.
    SEARCHING = "搜索中…" / "Searching…";
    /// Before a sheet's new status.
    STATUS_NOW = "状态已改为：" / "Status now: ";
    /// A part submitted, others still out.
    PART_SUBMITTED = "{part}部分已提交；其余各方提交后评估表即为已提交"
        / "the {part}'s part is submitted; the sheet is submitted once every other part is";
    /// The last part submitted.
    PART_SUBMITTED_SHEET_TOO = "{part}部分已提交；各方均已提交，评估表已提交"
        / "the {part}'s part is submitted; every part is in, so the sheet is submitted";
    /// A part reopened.
    PART_REOPENED = "{part}部分已退回为草稿，可再修改" / "the {part}'s part is a draft again and can be changed";
    /// An edit saved.
    SAVED_AUDITED = "已保存并留痕" / "Saved and audited";
    /// Before the path of an export.
    EXPORTED = "已导出：" / "Exported: ";
    /// Before why the staff did not load.
    PEOPLE_FAILED = "载入人员数据失败：" / "Loading staff failed: ";
    /// Before why the nation's alerts were not counted.
    ALERTS_FAILED = "计算全国告警失败：" / "Counting the nation's alerts failed: ";
    /// Before the first of a keymap file's problems: how many, and the key of the help,
    /// which lists them all.
    KEYMAP_PROBLEMS = "键位表{n}处有误，沿用默认（{key}看全部）：" / "Keymap, {n} problem(s), defaults kept ({key} lists all): ";
    /// Two keys pressed one after the other that are bound to nothing.
    CHORD_UNBOUND = "{keys} 未绑定任何操作" / "{keys} is not bound";
    /// Before why the nation did not load.
    NATION_FAILED = "载入全国数据失败：" / "Loading the nation failed: ";
    /// Before a date that does not parse.
    EXPECTED_DATE = "日期格式应为 YYYY-MM-DD（四位年份）：" / "Expected YYYY-MM-DD (four-digit year): ";
    /// Confirming a merge with items still unchosen.
    ITEMS_LEFT = "还有{left}项未选择" / "{left} items still to choose";
    /// A form's date that does not parse; `got` is quoted in English.
    FORM_BAD_DATE = "{field}：日期应为 YYYY-MM-DD（四位年份），现为“{got}”" / "{field}: expected YYYY-MM-DD with a four-digit year, got {got}";
    /// A form's certificate level that is not known; `got` is quoted in English.
    FORM_UNKNOWN_LEVEL = "未知的等级“{got}”" / "unknown level {got}";
    /// A training form whose year or hours are not numbers.
    FORM_NOT_NUMBERS = "年度和学时须为数字" / "year and hours must be numbers";
    /// A status change the sheet is already past.
    NOTHING_TO_CHANGE = "此表现为{status}，无需{change}" / "This sheet is {status}: nothing to {change}";
    /// `:scope` matched nothing; `query` is quoted in English, `hints` may be empty.
    NO_DIVISION_MATCHES = "没有匹配“{query}”的区划{hints}" / "no division matches {query}{hints}";
    /// Staff filter: everyone.
    FILTER_ALL = "全部" / "all";
    /// Staff filter: a deadline passed.
    FILTER_OVERDUE = "已逾期" / "overdue";
    /// Staff filter: a deadline within `n` days.
    FILTER_WITHIN = "{n}天内到期" / "due within {n} days";
    /// Staff filter: no certificate.
    FILTER_UNCERTIFIED = "无证" / "uncertified";
    /// Staff sort: by the most serious alert, then the nearest deadline.
    SORT_DEADLINE = "严重度、到期日" / "severity, due";
    /// Staff sort: by name.
    SORT_NAME = "姓名" / "name";
    /// Staff sort: by site.
    SORT_SITE = "站点" / "site";
    /// Staff sort: by role.
    SORT_ROLE = "岗位" / "role";
    /// Staff sort: by certificate.
    SORT_CERT = "证书" / "certificate";
    /// Staff sort: by training.
    SORT_TRAINING = "培训" / "training";
    /// The status bar's mark for a database opened read-only.
    READ_ONLY_MARK = "【只读】" / "[READ-ONLY]";
    /// The status bar's mark for a database replaced under the session.
    REPLACED_MARK = "【已替换·只读】" / "[REPLACED·READ-ONLY]";
    /// An edit key on a database opened read-only.
    READ_ONLY_WHY = "只读：不能修改，数据库以只读方式打开（本账户不能写该文件或其目录，或被其他程序占用）"
        / "Read-only: nothing can be changed; the database is open for reading only (this account cannot write the file or its folder, or another program holds it)";
    /// An edit key on a database replaced under the session.
    REPLACED_WHY = "数据库已被替换（sgz init --force 或 sgz restore）：本会话不再保存任何修改，请退出后重新启动 sgz"
        / "The database was replaced (sgz init --force or sgz restore): this session saves nothing more; quit and start sgz again";
    /// A keymap table's name: Browsing.
    TABLE_NORMAL = "浏览" / "Browsing";
    /// A keymap table's name: Search.
    TABLE_SEARCH = "搜索" / "Search";
    /// A keymap table's name: Command line.
    TABLE_COMMAND = "命令行" / "Command line";
    /// A keymap table's name: Help.
    TABLE_HELP = "帮助" / "Help";
    /// A keymap table's name: Staff view.
    TABLE_STAFF = "人员视图" / "Staff view";
    /// A keymap table's name: Name filter.
    TABLE_FILTER = "按姓名筛选" / "Name filter";
    /// A keymap table's name: Edit form.
    TABLE_FORM = "录入表单" / "Edit form";
    /// A keymap table's name: Scores view.
    TABLE_SCORES = "评估视图" / "Scores view";
    /// A keymap table's name: Score entry.
    TABLE_GRID = "评分录入" / "Score entry";
    /// A keymap table's name: Confirm.
    TABLE_CONFIRM = "确认" / "Confirm";
    /// A keymap table's name: Save conflict.
    TABLE_CONFLICT = "保存冲突" / "Save conflict";
    TABLE_DUTIES = "报送事项视图" / "Duties view";
    /// Keymap table: the alerts view.
    TABLE_ALERTS = "告警视图" / "Alerts view";
    /// A view's title: Coverage.
    VIEW_DASHBOARD = "覆盖看板" / "Coverage";
    /// A view's title: Network tree.
    VIEW_TREE = "三级网络" / "Network tree";
    /// A view's title: Evaluations.
    VIEW_SCORES = "评估" / "Evaluations";
    /// A view's title: Staff.
    VIEW_STAFF = "人员" / "Staff";
    /// A view's title: Alerts.
    VIEW_ALERTS = "告警" / "Alerts";
    /// Form field: the certificate level.
    FORM_LEVEL = "等级（初级/中级/高级）" / "Level (assistant/intermediate/senior)";
    /// Form field: the day the exam was passed.
    FORM_DATE_PASSED = "通过日期" / "Date passed";
    /// Form field: the day of registration.
    FORM_REGISTERED_ON = "注册日期" / "Registered on";
    /// Form field: the registration's end.
    FORM_VALID_UNTIL = "有效期至" / "Valid until";
    /// Form field: the training year.
    FORM_YEAR = "年度" / "Year";
    /// Form field: the training hours.
    FORM_HOURS = "学时" / "Hours";
    /// Form field: the day the person left.
    FORM_LEFT_ON = "离职日期" / "Left on";
    /// A key's action, in the help and `sgz keys`.
    ACTION_QUIT = "退出" / "Quit";
    /// A key's action, in the help and `sgz keys`.
    ACTION_HELP = "帮助（由当前键位表生成）" / "Help (generated from the active keymap)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_SEARCH = "搜索区划（汉字、全拼、首字母）" / "Search divisions (Hanzi, pinyin, initials)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_COMMAND_LINE = "命令行（:scope :asof :today :q）" / "Command line (:scope :asof :today :q)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_MOVE_UP = "上移" / "Move up";
    /// A key's action, in the help and `sgz keys`.
    ACTION_MOVE_DOWN = "下移" / "Move down";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PAGE_UP = "上翻一页" / "Page up";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PAGE_DOWN = "下翻一页" / "Page down";
    /// A key's action, in the help and `sgz keys`.
    ACTION_EXPAND = "展开 / 打开" / "Expand / open";
    /// A key's action, in the help and `sgz keys`.
    ACTION_COLLAPSE = "折叠 / 回到上级" / "Collapse / go to parent";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PARENT = "跳到上级" / "Jump to parent";
    /// A key's action, in the help and `sgz keys`.
    ACTION_FIRST_CHILD = "跳到第一个下级" / "Jump to first child";
    /// A key's action, in the help and `sgz keys`.
    ACTION_LAST_CHILD = "跳到最后一个下级" / "Jump to last child";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TOP = "到顶部" / "Go to top";
    /// A key's action, in the help and `sgz keys`.
    ACTION_BOTTOM = "到底部" / "Go to bottom";
    /// A key's action, in the help and `sgz keys`.
    ACTION_SCOPE_HERE = "以所选区划为范围" / "Make the selection the scope";
    /// A key's action, in the help and `sgz keys`.
    ACTION_SCOPE_UP = "范围扩大到上一级" / "Widen the scope one level";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NEXT_VIEW = "下一个视图" / "Next view";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PREV_VIEW = "上一个视图" / "Previous view";
    /// A key's action, in the help and `sgz keys`.
    ACTION_VIEW_1 = "视图1：覆盖看板" / "View 1: coverage dashboard";
    /// A key's action, in the help and `sgz keys`.
    ACTION_VIEW_2 = "视图2：三级网络树" / "View 2: three-tier tree";
    /// A key's action, in the help and `sgz keys`.
    ACTION_VIEW_3 = "视图3：人员与到期" / "View 3: staff and deadlines";
    /// A key's action, in the help and `sgz keys`.
    ACTION_VIEW_4 = "视图4：评估" / "View 4: evaluations";
    /// A key's action, in the help and `sgz keys`.
    ACTION_VIEW_5 = "视图5：合规告警" / "View 5: compliance alerts";
    ACTION_RANK_BY_DUTIES = "红黑榜按缺交报送排序 / 按覆盖排序（切换）" / "Rank the lagging list by missing duties / by coverage (toggle)";
    ACTION_VIEW_6 = "视图6：报送事项" / "View 6: duties (reports, plans, payments)";
    ACTION_MARK_RECEIVED = "登记收到（日期默认今天）" / "Mark received (today by default)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CYCLE_FILTER = "切换筛选：全部/逾期/30/90/180天/无证" / "Cycle filter: all/overdue/30/90/180 days/uncertified";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CYCLE_ROLE = "按岗位筛选" / "Filter by role";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CYCLE_CERT = "按证书等级筛选" / "Filter by certificate level";
    /// Action: cycle the alerts view's severity filter.
    ACTION_CYCLE_SEVERITY = "按严重程度筛选（全部/严重/预警/提示）" / "Filter by severity (all / critical / warning / info)";
    /// Action: cycle the alerts view's kind filter.
    ACTION_CYCLE_KIND = "按告警类型筛选" / "Filter by kind of alert";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CYCLE_SORT = "切换排序列" / "Sort by the next column";
    /// A key's action, in the help and `sgz keys`.
    ACTION_REVERSE_SORT = "倒序" / "Reverse the sort";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NAME_FILTER = "按姓名筛选（汉字或拼音）" / "Filter by name (Hanzi or pinyin)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_RECORD_CERTIFICATE = "登记考试通过（等级、日期）" / "Record a passed certificate (level, date)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_RECORD_REGISTRATION = "登记注册或再注册" / "Record a registration or renewal";
    /// A key's action, in the help and `sgz keys`.
    ACTION_RECORD_TRAINING = "录入本年培训学时" / "Record this year's training hours";
    /// A key's action, in the help and `sgz keys`.
    ACTION_RECORD_DEPARTURE = "登记离职" / "Record a departure";
    /// `site_contracts`.
    ACTION_SITE_CONTRACTS = "录入或续签站点的服务合同" / "Record or renew a site's service contract";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NEXT_FIELD = "下一栏" / "Next field";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PREV_FIELD = "上一栏" / "Previous field";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NEW_EVALUATION = "为所选站点、年度、阶段新建评估" / "New evaluation for the selected site, year and phase";
    /// A key's action, in the help and `sgz keys`.
    ACTION_OPEN_SHEET = "打开评估表" / "Open the score sheet";
    /// A key's action, in the help and `sgz keys`.
    ACTION_EXPORT_SCORES = "导出本范围评估（xlsx）" / "Export this scope's scores (xlsx)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_SUBMIT_SHEET = "提交评估表（草稿→已提交）" / "Submit the sheet (draft -> submitted)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_LOCK_SHEET = "锁定评估表（管理员）" / "Lock the sheet (admin)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_REOPEN_SHEET = "重新打开已提交的评估表（已提交→草稿）" / "Reopen a submitted sheet (submitted -> draft)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_UNLOCK_SHEET = "解锁评估表（管理员，已锁定→已提交）" / "Unlock the sheet (admin, locked -> submitted)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_GRID_NEXT = "确认本格并下移" / "Commit the cell and move down";
    /// A key's action, in the help and `sgz keys`.
    ACTION_GRID_PREV = "确认本格并上移" / "Commit the cell and move up";
    /// A key's action, in the help and `sgz keys`.
    ACTION_SAVE_SHEET = "保存评估表" / "Save the sheet";
    /// A key's action, in the help and `sgz keys`.
    ACTION_UNDO = "撤销" / "Undo";
    /// A key's action, in the help and `sgz keys`.
    ACTION_REDO = "重做" / "Redo";
    /// A key's action, in the help and `sgz keys`.
    ACTION_YES = "是" / "Yes";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NO = "否" / "No";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TAKE_MINE = "采用我的值" / "Take my value";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TAKE_THEIRS = "采用对方已保存的值" / "Take their saved value";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TAKE_ALL_MINE = "全部采用我的值" / "Take all my values";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TAKE_ALL_THEIRS = "全部采用对方的值" / "Take all their values";
    /// A key's action, in the help and `sgz keys`.
    ACTION_MONTH_BACK = "日期后退一个月" / "As-of date one month back";
    /// A key's action, in the help and `sgz keys`.
    ACTION_MONTH_FORWARD = "日期前进一个月" / "As-of date one month forward";
    /// A key's action, in the help and `sgz keys`.
    ACTION_WEEK_BACK = "日期后退一周" / "As-of date one week back";
    /// A key's action, in the help and `sgz keys`.
    ACTION_WEEK_FORWARD = "日期前进一周" / "As-of date one week forward";
    /// A key's action, in the help and `sgz keys`.
    ACTION_TODAY = "回到今天" / "Back to today";
    /// A key's action, in the help and `sgz keys`.
    ACTION_MEETING = "会议模式（只读、大字）" / "Meeting view (read-only, large)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_EXPORT = "导出当前视图（CSV、Markdown、SVG）" / "Export this view (CSV, Markdown, SVG)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_NEXT_MILESTONE = "下一个节点（图表）" / "Next milestone (chart)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_PREV_MILESTONE = "上一个节点（图表）" / "Previous milestone (chart)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_POLICY_PANEL = "政策面板：文号与其他条款（切换红黑榜）" / "Policy panel: document and other rules (toggles the lagging list)";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CONFIRM = "确定" / "Confirm";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CANCEL = "取消 / 返回" / "Cancel / back";
    /// A key's action, in the help and `sgz keys`.
    ACTION_DELETE_BACK = "删除前一个字符" / "Delete the previous character";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CURSOR_LEFT = "光标左移" / "Cursor left";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CURSOR_RIGHT = "光标右移" / "Cursor right";
    /// A key's action, in the help and `sgz keys`.
    ACTION_LINE_START = "光标到行首" / "Cursor to line start";
    /// A key's action, in the help and `sgz keys`.
    ACTION_LINE_END = "光标到行尾" / "Cursor to line end";
    /// A key's action, in the help and `sgz keys`.
    ACTION_CLEAR_LINE = "清空输入" / "Clear the input";
    /// A keymap file's [table] that is no mode, with the real modes.
    KEYMAP_UNKNOWN_MODE = "没有 [{mode}] 这种模式（模式有：{modes}）" / "unknown mode [{mode}] (modes: {modes})";
    /// A keymap file's key that cannot be read.
    KEYMAP_UNREADABLE_KEY = "无法识别按键 {key}" / "cannot read the key {key}";
    /// A keymap file's action that does not exist.
    KEYMAP_UNKNOWN_ACTION = "按键 {key} 的动作 {action} 不存在" / "unknown action {action} for key {key}";
    /// The same key twice in one mode of a keymap file.
    KEYMAP_SAME_KEY = "{key} 与第 {line} 行的 {other} 是同一个键；保留前者"
        / "{key} is the same key as {other} on line {line}; keeping the first";
    /// A key bound alone and as the start of a two-key binding.
    KEYMAP_PREFIX_ALONE = "{key} 在 [{mode}] 中是双键组合的第一键，不能再单独使用"
        / "{key} starts a two-key binding in [{mode}]; it cannot also act alone";
    /// A line of a keymap file TOML cannot read; `detail` is the TOML parser's own words.
    KEYMAP_TOML = "此行无法读取，已略去（{detail}）" / "{detail}; this line is left out";
    /// A line of a keymap file that repeats a key; `detail` is the TOML parser's own words.
    KEYMAP_TOML_DUPLICATE = "此行重复了一个键，已略去，保留第一处（{detail}）"
        / "{detail}; this line is left out, the first one kept";
    /// A keymap file that cannot be read at all.
    KEYMAP_UNREADABLE = "无法读取键位表文件（{detail}）" / "{detail}";
    /// The tree view's keymap table.
    TABLE_TREE = "三级网络视图" / "network tree view";
    /// Action: create the site of the division under the cursor.
    ACTION_CREATE_SITE = "为无站点的区划新建站点（层级由区划级别决定）" / "create the site of a division without one (tier from its level)";
    /// Action: edit a site's details.
    ACTION_EDIT_SITE = "编辑站点信息：名称、运营机构、面积、民非登记、站长" / "edit a site's name, operator, area, civil registration and head";
    /// Action: record a site's status change.
    ACTION_RECORD_SITE_STATUS = "登记站点状态变更及日期" / "record a site's status change with its date";
    /// Action: undo a site's last status change.
    ACTION_UNDO_SITE_STATUS = "撤销站点最后一次状态变更（先确认）" / "undo a site's last status change (asks first)";
    /// Action: add a person.
    ACTION_ADD_STAFF = "新增人员" / "add a person";
    /// Action: renew a person's contract.
    ACTION_RENEW_CONTRACT = "续签合同（新的到期日）" / "renew a contract (new end date)";
    /// Action: undo the last departure recorded.
    ACTION_UNDO_DEPARTURE = "撤销本次最后登记的离职" / "undo the last departure recorded";
    /// Action: list departed people instead of active ones.
    ACTION_TOGGLE_DEPARTED = "切换：在职人员 / 已离职人员" / "toggle: active people / departed people";
}
