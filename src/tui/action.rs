//! The one Action enum. Keymaps name actions by their stable snake_case names.

use crate::i18n::tui as msg;
use crate::i18n::Lang;

/// The tables of a keymap file, one per overlay and two for views (`scores` and `staff`,
/// tried before `normal` while that view is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Normal,
    Search,
    Command,
    Help,
    /// The scores view (its table is tried before `normal`).
    Scores,
    /// The score-entry grid.
    Grid,
    /// The staff view (its table is tried before `normal`).
    Staff,
    /// Typing a name filter.
    Filter,
    /// A staff edit form.
    Form,
    /// A yes/no question.
    Confirm,
    /// Choosing between my values and someone else's saved ones.
    Conflict,
}

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Normal,
        Table::Staff,
        Table::Filter,
        Table::Form,
        Table::Scores,
        Table::Grid,
        Table::Confirm,
        Table::Conflict,
        Table::Search,
        Table::Command,
        Table::Help,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Normal => "normal",
            Table::Search => "search",
            Table::Command => "command",
            Table::Help => "help",
            Table::Scores => "scores",
            Table::Staff => "staff",
            Table::Filter => "filter",
            Table::Form => "form",
            Table::Grid => "grid",
            Table::Confirm => "confirm",
            Table::Conflict => "conflict",
        }
    }
    pub fn parse(s: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|m| m.as_str() == s)
    }
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Table::Normal => msg::TABLE_NORMAL,
            Table::Search => msg::TABLE_SEARCH,
            Table::Command => msg::TABLE_COMMAND,
            Table::Help => msg::TABLE_HELP,
            Table::Staff => msg::TABLE_STAFF,
            Table::Filter => msg::TABLE_FILTER,
            Table::Form => msg::TABLE_FORM,
            Table::Scores => msg::TABLE_SCORES,
            Table::Grid => msg::TABLE_GRID,
            Table::Confirm => msg::TABLE_CONFIRM,
            Table::Conflict => msg::TABLE_CONFLICT,
        }
        .get(lang)
    }
}

macro_rules! actions {
    ($($variant:ident $name:literal $edit:literal $zh:literal $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant,)* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }
            pub fn parse(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)* _ => None }
            }
            /// Whether the action changes data (refused in the read-only meeting view).
            pub fn is_edit(self) -> bool {
                match self { $(Action::$variant => $edit,)* }
            }
            pub fn describe(self, lang: Lang) -> &'static str {
                match self { $(Action::$variant => lang.pick($zh, $en),)* }
            }
        }
    };
}

actions! {
    Quit "quit" false "退出" "Quit";
    Help "help" false "帮助（由当前键位表生成）" "Help (generated from the active keymap)";
    Search "search" false "搜索区划（汉字、全拼、首字母）" "Search divisions (Hanzi, pinyin, initials)";
    CommandLine "command_line" false "命令行（:scope :asof :today :q）" "Command line (:scope :asof :today :q)";
    MoveUp "move_up" false "上移" "Move up";
    MoveDown "move_down" false "下移" "Move down";
    PageUp "page_up" false "上翻一页" "Page up";
    PageDown "page_down" false "下翻一页" "Page down";
    Expand "expand" false "展开 / 打开" "Expand / open";
    Collapse "collapse" false "折叠 / 回到上级" "Collapse / go to parent";
    Parent "parent" false "跳到上级" "Jump to parent";
    FirstChild "first_child" false "跳到第一个下级" "Jump to first child";
    LastChild "last_child" false "跳到最后一个下级" "Jump to last child";
    Top "top" false "到顶部" "Go to top";
    Bottom "bottom" false "到底部" "Go to bottom";
    ScopeHere "scope_here" false "以所选区划为范围" "Make the selection the scope";
    ScopeUp "scope_up" false "范围扩大到上一级" "Widen the scope one level";
    NextView "next_view" false "下一个视图" "Next view";
    PrevView "prev_view" false "上一个视图" "Previous view";
    View1 "view_1" false "视图1：覆盖看板" "View 1: coverage dashboard";
    View2 "view_2" false "视图2：三级网络树" "View 2: three-tier tree";
    View3 "view_3" false "视图3：人员与到期" "View 3: staff and deadlines";
    View4 "view_4" false "视图4：评估" "View 4: evaluations";
    View5 "view_5" false "视图5：合规告警" "View 5: compliance alerts";
    CycleFilter "cycle_filter" false "切换筛选：全部/逾期/30/90/180天/无证" "Cycle filter: all/overdue/30/90/180 days/uncertified";
    CycleRole "cycle_role" false "按岗位筛选" "Filter by role";
    CycleCert "cycle_cert" false "按证书等级筛选" "Filter by certificate level";
    CycleSort "cycle_sort" false "切换排序列" "Sort by the next column";
    ReverseSort "reverse_sort" false "倒序" "Reverse the sort";
    NameFilter "name_filter" false "按姓名筛选（汉字或拼音）" "Filter by name (Hanzi or pinyin)";
    RecordCertificate "record_certificate" true "登记考试通过（等级、日期）" "Record a passed certificate (level, date)";
    RecordRegistration "record_registration" true "登记注册或再注册" "Record a registration or renewal";
    RecordTraining "record_training" true "录入本年培训学时" "Record this year's training hours";
    RecordDeparture "record_departure" true "登记离职" "Record a departure";
    NextField "next_field" false "下一栏" "Next field";
    PrevField "prev_field" false "上一栏" "Previous field";
    NewEvaluation "new_evaluation" true "为所选站点、年度、阶段新建评估" "New evaluation for the selected site, year and phase";
    OpenSheet "open_sheet" false "打开评估表" "Open the score sheet";
    ExportScores "export_scores" false "导出本范围评估（xlsx）" "Export this scope's scores (xlsx)";
    SubmitSheet "submit_sheet" true "提交评估表（草稿→已提交）" "Submit the sheet (draft -> submitted)";
    LockSheet "lock_sheet" true "锁定评估表（管理员）" "Lock the sheet (admin)";
    ReopenSheet "reopen_sheet" true "重新打开已提交的评估表（已提交→草稿）" "Reopen a submitted sheet (submitted -> draft)";
    UnlockSheet "unlock_sheet" true "解锁评估表（管理员，已锁定→已提交）" "Unlock the sheet (admin, locked -> submitted)";
    GridNext "grid_next" true "确认本格并下移" "Commit the cell and move down";
    GridPrev "grid_prev" true "确认本格并上移" "Commit the cell and move up";
    SaveSheet "save_sheet" true "保存评估表" "Save the sheet";
    Undo "undo" true "撤销" "Undo";
    Redo "redo" true "重做" "Redo";
    Yes "yes" false "是" "Yes";
    No "no" false "否" "No";
    TakeMine "take_mine" true "采用我的值" "Take my value";
    TakeTheirs "take_theirs" true "采用对方已保存的值" "Take their saved value";
    TakeAllMine "take_all_mine" true "全部采用我的值" "Take all my values";
    TakeAllTheirs "take_all_theirs" true "全部采用对方的值" "Take all their values";
    MonthBack "month_back" false "日期后退一个月" "As-of date one month back";
    MonthForward "month_forward" false "日期前进一个月" "As-of date one month forward";
    WeekBack "week_back" false "日期后退一周" "As-of date one week back";
    WeekForward "week_forward" false "日期前进一周" "As-of date one week forward";
    Today "today" false "回到今天" "Back to today";
    Meeting "meeting" false "会议模式（只读、大字）" "Meeting view (read-only, large)";
    Export "export" false "导出当前视图（CSV、Markdown、SVG）" "Export this view (CSV, Markdown, SVG)";
    NextMilestone "next_milestone" false "下一个节点（图表）" "Next milestone (chart)";
    PrevMilestone "prev_milestone" false "上一个节点（图表）" "Previous milestone (chart)";
    Confirm "confirm" false "确定" "Confirm";
    Cancel "cancel" false "取消 / 返回" "Cancel / back";
    DeleteBack "delete_back" false "删除前一个字符" "Delete the previous character";
    CursorLeft "cursor_left" false "光标左移" "Cursor left";
    CursorRight "cursor_right" false "光标右移" "Cursor right";
    LineStart "line_start" false "光标到行首" "Cursor to line start";
    LineEnd "line_end" false "光标到行尾" "Cursor to line end";
    ClearLine "clear_line" false "清空输入" "Clear the input";
}
