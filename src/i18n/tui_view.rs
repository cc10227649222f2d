//! Words of the TUI's views: titles, column heads, notes and hints.

crate::catalogue! {
    /// The staff list's title word.
    STAFF_TITLE = "人员" / "Staff";
    /// Before the staff filter in the title.
    STAFF_FILTER = "筛选" / "filter";
    /// Before the staff sort order in the title.
    STAFF_SORT = "排序" / "sort";
    /// The staff list's keys, in its title.
    STAFF_KEYS = "f筛选 o排序 /姓名 Enter详情 c证书 r注册 T培训 D离职 a新增 w续签 d已离职 u撤销离职"
        / "f filter o sort / name Enter open c cert r reg T training D left a add w renew d departed u undo left";
    /// Column: a person's name.
    COL_NAME = "姓名" / "name";
    /// Column: the site.
    COL_SITE = "站点" / "site";
    /// Column: the role.
    COL_ROLE = "岗位" / "role";
    /// Column: the certificate level.
    COL_CERT = "证书" / "cert";
    /// Column: the next deadline, its status and the days left.
    COL_NEXT = "下一到期" / "next deadline";
    /// Column: training hours (done/required).
    COL_TRAINING = "学时" / "hours";
    /// The staff filter left nobody.
    NOBODY_MATCHES = "没有符合条件的人员" / "Nobody matches";
    /// The prompt of the name filter.
    NAME_PROMPT = "姓名/拼音:" / "name/pinyin:";
    /// The as-of mark in a person's timeline.
    AS_OF_MARK = "（截至日）" / "(as of)";
    /// Timeline: hired.
    EVENT_HIRED = "入职" / "hired";
    /// Timeline: the end of probation.
    EVENT_PROBATION = "试用期满（最长6个月）" / "probation ends (6 months at most)";
    /// Timeline: the exam passed.
    EVENT_PASSED = "考试通过" / "passed the exam";
    /// Timeline: registered.
    EVENT_REGISTERED = "注册" / "registered";
    /// Timeline: the contract ends.
    EVENT_CONTRACT_ENDS = "合同到期" / "contract ends";
    /// Form title: a certificate.
    FORM_CERTIFICATE = "登记考试通过" / "Record a certificate";
    /// Form title: a registration.
    FORM_REGISTRATION = "登记注册" / "Record a registration";
    /// Form title: training hours.
    FORM_TRAINING = "录入培训学时" / "Record training hours";
    /// Form title: a departure.
    FORM_DEPARTURE = "登记离职" / "Record a departure";
    /// The form's keys.
    FORM_KEYS = "Tab 下一栏  Enter 保存  Esc 取消" / "Tab next  Enter save  Esc cancel";

    /// The alerts list's title word.
    ALERTS_TITLE = "告警" / "Alerts";
    /// Alerts view title: before the severity and kind it is filtered to.
    ALERTS_ONLY = "仅" / "only ";
    /// What Enter does in the alerts list.
    ALERTS_ENTER = "转到站点或人员" / "goes to the site or person";
    /// Column: the alert's kind.
    COL_ALERT = "告警" / "alert";
    /// Column: the person an alert is about.
    COL_PERSON = "人员" / "person";
    /// Column: the division or site an alert is about.
    COL_PLACE = "地区/站点" / "where";
    /// Column: the due date and the days left.
    COL_DUE = "到期" / "due";
    /// Column: the clause an alert rests on.
    COL_CLAUSE = "依据" / "clause";
    /// No alerts.
    NO_ALERTS = "此范围当日没有告警" / "No alerts in this scope on this date";
    /// No alerts of the severity and kind the view is filtered to.
    NO_ALERTS_FILTERED = "没有符合筛选条件的告警" / "No alerts match the filter";
    /// The title of the alert's advice.
    WHAT_TO_DO = "怎么办" / "What to do";

    /// The evaluations list's title word.
    SCORES_TITLE = "评估" / "Evaluations";
    /// The evaluations list's keys, in its title.
    SCORES_KEYS = "Enter 打开  n 新建  x 导出  S 提交  R 重开  L 锁定  U 解锁"
        / "Enter open  n new  x export  S submit  R reopen  L lock  U unlock";
    /// Column: the service year.
    COL_YEAR = "年度" / "year";
    /// Column: the phase of the evaluation.
    COL_PHASE = "阶段" / "phase";
    /// Column: a status.
    COL_STATUS = "状态" / "status";
    /// Column: the total score.
    COL_TOTAL = "总分" / "total";
    /// Column: the grade.
    COL_GRADE = "等级" / "grade";
    /// Column: whether the contract may be renewed.
    COL_RENEWAL = "续签" / "renewal";
    /// No evaluations to list.
    NO_EVALUATIONS = "此范围内没有已建社工站的评估" / "No station evaluations in this scope";
    /// Renewal verdicts.
    RENEWAL_OK = "可续签" / "renewal ok";
    RENEWAL_NO = "不可续签" / "no renewal";
    RENEWAL_PENDING = "待定" / "pending";

    /// The tree's title: the site glyphs and what they mean.
    TREE_TITLE = "三级网络 ◉运营 ✔挂牌 ◔在建 ⋯规划 ✘缺" / "Network ◉run ✔est ◔build ⋯plan ✘none";
    /// A tree row outside the region loaded so far.
    TREE_LOADING = "载入中" / "loading";

    /// The search popup's title.
    SEARCH_TITLE = "搜索：汉字 / 全拼 / 首字母，Enter 跳转，Esc 返回"
        / "Search: Hanzi / pinyin / initials, Enter jumps, Esc back";
    /// Before anything is typed.
    SEARCH_HINT = "输入以搜索，例如 xq、xingqing、兴庆" / "Type to search, e.g. xq, xingqing, 兴庆";
    /// While the search runs.
    SEARCH_WAITING = "搜索中…" / "searching…";
    /// Nothing matched.
    SEARCH_NONE = "没有匹配" / "no match";
    /// How many matched.
    SEARCH_COUNT = "{n} 个结果" / "{n} results";
    /// The help overlay's title.
    HELP_TITLE = "帮助：按键由当前键位表生成（Esc 关闭）" / "Help: from the active keymap (Esc closes)";
    /// Before the keymap files the help was built from.
    HELP_KEYMAPS = "键位表：" / "Keymaps:";

    /// The lagging list's title.
    LAGGING_TITLE = "红黑榜（最落后在前，Enter 进入，i 政策）" / "Lagging first (Enter narrows, i policy)";
    /// The overview of every bound jurisdiction: its title.
    OVERVIEW_TITLE = "全部辖区总览" / "All bound jurisdictions";
    /// The overview's keys, in its title.
    OVERVIEW_KEYS = "Enter 进入，S 返回此处" / "Enter opens one, S comes back here";
    /// The overview's column of jurisdictions.
    COL_JURISDICTION = "辖区" / "jurisdiction";
    /// The overview's column of document numbers.
    COL_DOC = "文号" / "document";
    /// The overview's column of each jurisdiction's worst milestone.
    COL_WORST = "最差节点" / "worst milestone";
    /// The overview's column of deadlines.
    COL_DEADLINE = "截止" / "deadline";
    /// The overview's column of covered / required.
    COL_COVERED = "覆盖" / "covered";
    /// The status bar's scope while the overview is shown.
    OVERVIEW_SCOPE = "全部辖区" / "all jurisdictions";
    /// The dashboard's policy panel (in place of the lagging list).
    POLICY_PANEL_TITLE = "政策（i 返回红黑榜，j/k 滚动）" / "Policy (i back to the list, j/k scroll)";
    /// Heading of the uncomputed rules in the policy panel.
    POLICY_OTHER_RULES = "ⓘ 其他条款（仅供参考，程序不计算）" / "ⓘ Other rules (for information, not computed)";
    /// A policy without other rules.
    POLICY_NO_OTHER_RULES = "（无）" / "(none)";
    /// The lagging list of a division without children.
    NO_CHILDREN = "（无下级）" / "(no children)";
    /// Reached the target, but after the deadline.
    LATE_REACHED = "迟{days}天" / "{days}d late";
    /// Short of the target and past the deadline.
    LATE_SHORT = "逾期{days}天" / "{days}d late";
    /// Division details, a label: Code
    DETAIL_CODE = "代码" / "Code";
    /// Division details, a label: Level
    DETAIL_LEVEL = "层级" / "Level";
    /// Division details, a label: Path
    DETAIL_PATH = "路径" / "Path";
    /// This region's data is loading…
    REGION_LOADING = "本地区数据载入中…" / "This region's data is loading…";
    /// Division details, a label: Rooms
    DETAIL_ROOMS = "社工室覆盖" / "Rooms";
    /// Division details, a label: Stations
    DETAIL_STATIONS = "社工站覆盖" / "Stations";
    /// Provinces and cities have no sites, only supervisors.
    NO_SITE_TIER = "省、市级不设站点，只有督导。" / "Provinces and cities have no sites, only supervisors.";
    /// No site recorded (missing)
    NO_SITE_RECORD = "尚无站点记录（缺失）" / "No site recorded (missing)";
    /// Division details, a label: Site
    DETAIL_SITE = "站点" / "Site";
    /// Division details, a label: Status
    DETAIL_STATUS = "状态" / "Status";
    /// Division details, a label: Changes
    DETAIL_CHANGES = "变更" / "Changes";
    /// Division details, a label: Operator
    DETAIL_OPERATOR = "承接机构" / "Operator";
    /// Division details, a label: Area
    DETAIL_AREA = "面积" / "Area";
    /// Division details, a label: Civil reg.
    DETAIL_CIVIL_REG = "民非登记" / "Civil reg.";
    /// Staff and evaluations loading…
    PEOPLE_LOADING = "人员与评估载入中…" / "Staff and evaluations loading…";
    /// Division details, a label: Staff
    DETAIL_STAFF = "人员" / "Staff";
    /// Division details: after the number of certified staff.
    DETAIL_CERTIFIED = "持证" / "certified";
    /// Division details, a label: Last eval.
    DETAIL_LAST_EVAL = "最近评估" / "Last eval.";
    /// Dashboard title: coverage
    DASH_TITLE = "覆盖看板" / "Coverage";
    /// Dashboard title: as of
    DASH_AS_OF = "截至" / "as of";
    /// No policy is bound to this scope or below it.
    NO_POLICY = "该范围及其下级未绑定任何政策。" / "No policy is bound to this scope or below it.";
    /// After a milestone whose target is a count, not a share.
    COUNT_TARGET = " 数量目标" / " count";
    /// The cumulative chart: cumulative
    CHART_TITLE = "累计覆盖" / "Cumulative";
    /// The cumulative chart: target
    CHART_TARGET = "目标" / "target";
    /// The cumulative chart: deadline
    CHART_DEADLINE = "截止" / "deadline";
    /// The cumulative chart: covered
    CHART_COVERED = "已覆盖" / "covered";
    /// Column: dimension
    COL_DIMENSION = "维度" / "dimension";
    /// Column: item
    COL_ITEM = "指标" / "item";
    /// Column: max
    COL_MAX = "满分" / "max";
    /// Column: score
    COL_SCORE = "得分" / "score";
    /// Grid hint, at its foot before the keys: digits are typed into the cell.
    GRID_DIGITS = "数字输入" / "digits type";
    /// Grid hint: the keys that move down a row.
    HINT_DOWN = "下移" / "down";
    /// Grid hint: the keys that move up a row.
    HINT_UP = "上移" / "up";
    /// Grid hint: the cancel key.
    HINT_CANCEL = "取消" / "cancel";
    /// Grid hint: the undo key.
    HINT_UNDO = "撤销" / "undo";
    /// Grid hint: the redo key.
    HINT_REDO = "重做" / "redo";
    /// Grid hint: the save key.
    HINT_SAVE = "保存" / "save";
    /// Grid hint: the submit key.
    HINT_SUBMIT = "提交" / "submit";
    /// Grid hint: the submit key on a sheet split among scorers.
    HINT_SUBMIT_PART = "提交本方" / "submit my part";
    /// Grid hint: the submit key once the account's part is submitted.
    HINT_REOPEN_PART = "退回本方" / "reopen my part";
    /// Column: whose part an item is.
    COL_PART = "评分方" / "scorer";
    /// Short scorer role names for the grid: third party.
    PART_THIRD_PARTY = "第三方" / "3rd party";
    /// Short scorer role names for the grid: purchaser.
    PART_PURCHASER = "购买方" / "purchaser";
    /// Short scorer role names for the grid: supervising bureau.
    PART_BUREAU = "督导方" / "bureau";
    /// Side panel: the account's scorer role.
    SIDE_MY_PART = "本方：{part}" / "You score as: {part}";
    /// Side panel: an admin without a scorer role fills any part.
    SIDE_ANY_PART = "管理员：可填各方" / "Admin: fills any part";
    /// Side panel: an account without a scorer role on a split sheet.
    SIDE_NO_PART = "无评分方：只读" / "No scorer role: read only";
    /// Side panel: a part submitted.
    PART_IN = "已提交" / "in";
    /// Side panel: a part still a draft.
    PART_DRAFT = "草稿" / "draft";
    /// Side panel: the account's own part.
    PART_YOURS = " 本方" / " (you)";
    /// After a grade worked out from a sheet not yet complete.
    GRADE_INCOMPLETE = "（未填完）" / " (incomplete)";
    /// Score sheet side panel: total
    SIDE_TOTAL = "总分" / "Total";
    /// Score sheet side panel: grade
    SIDE_GRADE = "等级" / "Grade";
    /// Score sheet side panel: filled
    SIDE_FILLED = "已填" / "Filled";
    /// The sheet has unsaved changes that could not be kept as drafts.
    UNSAVED_NOT_KEPT = "* 有未保存的修改（草稿未能写入）" / "* unsaved (NOT kept as draft)";
    /// The sheet has unsaved changes, kept as drafts.
    UNSAVED_KEPT = "* 有未保存的修改（已存草稿）" / "* unsaved (kept as draft)";
    /// The conflict popup's title and keys.
    CONFLICT_TITLE = "他人已保存：m 我的  t 对方的  M/T 全部  Enter 确认" / "Saved by someone else: m mine  t theirs  M/T all  Enter";
    /// Column: was
    COL_WAS = "原值" / "was";
    /// A conflict: my value.
    MINE = "我的" / "mine";
    /// A conflict: the other person's value.
    THEIRS = "对方" / "theirs";
    /// Column: which value a conflict resolution takes.
    COL_TAKE = "采用" / "take";
    /// The title of a yes/no question.
    CONFIRM_TITLE = " 确认 " / " Confirm ";
    /// Leaving a sheet with unsaved changes that are not kept as drafts.
    LEAVE_SHEET_LOST = "有未保存的修改，草稿未能写入。y 保存并离开 / n 离开（修改丢失）/ Esc 留下"
        / "Unsaved changes, not kept as drafts. y save and leave / n leave (they are lost) / Esc stay";
    /// Leaving a sheet with unsaved changes kept as drafts.
    LEAVE_SHEET = "有未保存的修改。y 保存并离开 / n 离开（草稿保留）/ Esc 留下"
        / "Unsaved changes. y save and leave / n leave (drafts kept) / Esc stay";
    /// Drafts left from an earlier session.
    RESUME_DRAFTS = "发现上次未保存的 {count} 项草稿。y 恢复 / n 丢弃"
        / "{count} unsaved cells from last time. y resume / n discard them";
    /// Before unlocking a sheet.
    UNLOCK_QUESTION = "解锁此评估表（已锁定→已提交）？解锁后可重新打开修改。y 解锁 / n 取消"
        / "Unlock this sheet (locked -> submitted)? It can then be reopened and changed. y unlock / n cancel";
    /// Before submitting, reopening or locking a sheet with empty items; `action` is the
    /// change as the sentence starts it, `change` as a key's label.
    STATUS_QUESTION = "此表还有 {empty} 项未填（共 {items} 项），仍要{action}？y {change} / n 取消"
        / "{empty} of {items} items are still empty. {action} anyway? y {change} / n cancel";
    /// The terminal is smaller than the least the views need.
    TOO_SMALL = "终端太小" / "Terminal too small";
    /// The terminal's size and the least needed.
    TOO_SMALL_SIZE = "当前 {now}，至少需要 {min}" / "now {now}, needs at least {min}";
    /// What to do about a small terminal.
    TOO_SMALL_HINT = "放大窗口或按 q 退出" / "Enlarge the window or press q to quit";
    /// Only the province's people are still loading.
    LOADING_PROVINCE = "本省人员与评估数据正在后台载入，片刻后自动显示。"
        / "This province's staff and evaluations are loading in the background; they appear in a moment.";
    /// The nation's data is still loading.
    LOADING_NATION = "全国数据正在后台载入，数秒后自动显示。"
        / "The nation's data is loading in the background; it appears in a few seconds.";
    /// What works while data loads.
    LOADING_MEANWHILE = "其间可继续浏览区划树和搜索。" / "Meanwhile the division tree and search work as usual.";
    /// After the as-of date in the status bar when it is not today.
    STATUS_TODAY = "今天" / "today";
    /// Before the status bar's alert count.
    STATUS_ALERTS = "告警:" / "alerts:";
    /// Before the acting user in the status bar.
    STATUS_USER = "用户:" / "user:";
    /// Hint line: the help key.
    HINT_HELP = "帮助" / "help";
    /// Hint line: the search key.
    HINT_SEARCH = "搜索" / "search";
    /// Hint line: the command-line key.
    HINT_COMMAND = "命令" / "command";
    /// Hint line: the next-view key.
    HINT_VIEWS = "切换视图" / "views";
    /// Hint line: the month keys.
    HINT_MONTH = "按月" / "month";
    /// Hint line: the quit key.
    HINT_QUIT = "退出" / "quit";
    /// The meeting view's title, before the date.
    MEETING_AS_OF = "截至" / "as of";
    /// Before when the data was loaded, in the meeting view.
    MEETING_LOADED = "数据更新于" / "data loaded";
    /// The meeting view of a scope without a policy.
    MEETING_NO_POLICY = "该范围未绑定政策" / "No policy bound here";
    /// Before a milestone's deadline in the meeting view.
    MEETING_DUE = "截止" / "due";
    /// The meeting view's list of children, worst first.
    MEETING_LAGGING = "红黑榜：最落后在前" / "Lagging first";
    /// Meeting view hint: the keys that leave it.
    HINT_LEAVE_MEETING = "退出会议模式" / "leaves";
    /// Meeting view hint: the next-milestone key.
    HINT_NEXT_MILESTONE = "下一节点" / "next milestone";
    /// The status bar's alert count while the alerts load.
    STATUS_ALERTS_LOADING = "告警:载入中…" / "alerts: loading…";
    /// Before the policy documents in the meeting view's header.
    MEETING_POLICY = "政策：" / "Policy: ";
    /// The meeting view's title.
    MEETING_TITLE = "会议模式（只读）" / "Meeting view (read-only)";
    /// After a child that reached its target `n` days late, in the meeting view.
    MEETING_REACHED_LATE = " ✓ 迟{n}天达成" / " ✓ reached {n}d late";
    /// After a child `n` days late and still short, in the meeting view.
    MEETING_LATE = " ✘ 逾期{n}天" / " ✘ {n}d late";
    /// The status bar's label before the scope.
    STATUS_SCOPE = "范围:" / "scope:";
    /// The status bar's label before the as-of date.
    STATUS_AS_OF = "截至:" / "as of:";
    /// The status bar's label before the policy.
    STATUS_POLICY = "政策:" / "policy:";
    /// A division's site status when it has no site.
    SITE_MISSING = "缺失" / "missing";
    /// Under a list of people, alerts or scores whose scope reaches beyond the user's grant.
    PERSONAL_LIMIT = "只列出您辖区（{grant}）内的人员和评分；其他地区只显示统计数字"
        / "people and scores listed within your jurisdiction ({grant}) only; other regions show counts";
}
