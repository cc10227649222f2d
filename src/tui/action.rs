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
    /// The duties view (its table is tried before `normal`).
    Duties,
    /// The alerts view (its table is tried before `normal`).
    Alerts,
    /// A yes/no question.
    Confirm,
    /// Choosing between my values and someone else's saved ones.
    Conflict,
    /// The tree view (its table is tried before `normal`): the site forms.
    Tree,
}

impl Table {
    pub const ALL: [Table; 14] = [
        Table::Normal,
        Table::Tree,
        Table::Staff,
        Table::Duties,
        Table::Alerts,
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
            Table::Duties => "duties",
            Table::Alerts => "alerts",
            Table::Grid => "grid",
            Table::Confirm => "confirm",
            Table::Conflict => "conflict",
            Table::Tree => "tree",
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
            Table::Duties => msg::TABLE_DUTIES,
            Table::Alerts => msg::TABLE_ALERTS,
            Table::Scores => msg::TABLE_SCORES,
            Table::Grid => msg::TABLE_GRID,
            Table::Confirm => msg::TABLE_CONFIRM,
            Table::Conflict => msg::TABLE_CONFLICT,
            Table::Tree => msg::TABLE_TREE,
        }
        .get(lang)
    }
}

/// Declares the actions: variant, keymap name, whether it edits, and its description in
/// the catalogue (`i18n::tui`).
macro_rules! actions {
    ($($variant:ident $name:literal $edit:literal $text:ident;)*) => {
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
                match self { $(Action::$variant => msg::$text,)* }.get(lang)
            }
        }
    };
}

actions! {
    Quit "quit" false ACTION_QUIT;
    Help "help" false ACTION_HELP;
    Search "search" false ACTION_SEARCH;
    CommandLine "command_line" false ACTION_COMMAND_LINE;
    MoveUp "move_up" false ACTION_MOVE_UP;
    MoveDown "move_down" false ACTION_MOVE_DOWN;
    PageUp "page_up" false ACTION_PAGE_UP;
    PageDown "page_down" false ACTION_PAGE_DOWN;
    Expand "expand" false ACTION_EXPAND;
    Collapse "collapse" false ACTION_COLLAPSE;
    Parent "parent" false ACTION_PARENT;
    FirstChild "first_child" false ACTION_FIRST_CHILD;
    LastChild "last_child" false ACTION_LAST_CHILD;
    Top "top" false ACTION_TOP;
    Bottom "bottom" false ACTION_BOTTOM;
    ScopeHere "scope_here" false ACTION_SCOPE_HERE;
    ScopeUp "scope_up" false ACTION_SCOPE_UP;
    NextView "next_view" false ACTION_NEXT_VIEW;
    PrevView "prev_view" false ACTION_PREV_VIEW;
    View1 "view_1" false ACTION_VIEW_1;
    View2 "view_2" false ACTION_VIEW_2;
    View3 "view_3" false ACTION_VIEW_3;
    View4 "view_4" false ACTION_VIEW_4;
    View5 "view_5" false ACTION_VIEW_5;
    View6 "view_6" false ACTION_VIEW_6;
    MarkReceived "mark_received" true ACTION_MARK_RECEIVED;
    CycleFilter "cycle_filter" false ACTION_CYCLE_FILTER;
    CycleRole "cycle_role" false ACTION_CYCLE_ROLE;
    CycleCert "cycle_cert" false ACTION_CYCLE_CERT;
    CycleSort "cycle_sort" false ACTION_CYCLE_SORT;
    ReverseSort "reverse_sort" false ACTION_REVERSE_SORT;
    NameFilter "name_filter" false ACTION_NAME_FILTER;
    CycleSeverity "cycle_severity" false ACTION_CYCLE_SEVERITY;
    CycleKind "cycle_kind" false ACTION_CYCLE_KIND;
    RecordCertificate "record_certificate" true ACTION_RECORD_CERTIFICATE;
    RecordRegistration "record_registration" true ACTION_RECORD_REGISTRATION;
    RecordTraining "record_training" true ACTION_RECORD_TRAINING;
    RecordDeparture "record_departure" true ACTION_RECORD_DEPARTURE;
    SiteContracts "site_contracts" true ACTION_SITE_CONTRACTS;
    NextField "next_field" false ACTION_NEXT_FIELD;
    PrevField "prev_field" false ACTION_PREV_FIELD;
    NewEvaluation "new_evaluation" true ACTION_NEW_EVALUATION;
    OpenSheet "open_sheet" false ACTION_OPEN_SHEET;
    ExportScores "export_scores" false ACTION_EXPORT_SCORES;
    SubmitSheet "submit_sheet" true ACTION_SUBMIT_SHEET;
    LockSheet "lock_sheet" true ACTION_LOCK_SHEET;
    ReopenSheet "reopen_sheet" true ACTION_REOPEN_SHEET;
    UnlockSheet "unlock_sheet" true ACTION_UNLOCK_SHEET;
    GridNext "grid_next" true ACTION_GRID_NEXT;
    GridPrev "grid_prev" true ACTION_GRID_PREV;
    SaveSheet "save_sheet" true ACTION_SAVE_SHEET;
    Undo "undo" true ACTION_UNDO;
    Redo "redo" true ACTION_REDO;
    Yes "yes" false ACTION_YES;
    No "no" false ACTION_NO;
    TakeMine "take_mine" true ACTION_TAKE_MINE;
    TakeTheirs "take_theirs" true ACTION_TAKE_THEIRS;
    TakeAllMine "take_all_mine" true ACTION_TAKE_ALL_MINE;
    TakeAllTheirs "take_all_theirs" true ACTION_TAKE_ALL_THEIRS;
    MonthBack "month_back" false ACTION_MONTH_BACK;
    MonthForward "month_forward" false ACTION_MONTH_FORWARD;
    WeekBack "week_back" false ACTION_WEEK_BACK;
    WeekForward "week_forward" false ACTION_WEEK_FORWARD;
    Today "today" false ACTION_TODAY;
    Meeting "meeting" false ACTION_MEETING;
    RankByDuties "rank_by_duties" false ACTION_RANK_BY_DUTIES;
    Export "export" false ACTION_EXPORT;
    NextMilestone "next_milestone" false ACTION_NEXT_MILESTONE;
    PrevMilestone "prev_milestone" false ACTION_PREV_MILESTONE;
    PolicyPanel "policy_panel" false ACTION_POLICY_PANEL;
    Confirm "confirm" false ACTION_CONFIRM;
    Cancel "cancel" false ACTION_CANCEL;
    DeleteBack "delete_back" false ACTION_DELETE_BACK;
    CursorLeft "cursor_left" false ACTION_CURSOR_LEFT;
    CursorRight "cursor_right" false ACTION_CURSOR_RIGHT;
    LineStart "line_start" false ACTION_LINE_START;
    LineEnd "line_end" false ACTION_LINE_END;
    ClearLine "clear_line" false ACTION_CLEAR_LINE;
    CreateSite "create_site" true ACTION_CREATE_SITE;
    EditSite "edit_site" true ACTION_EDIT_SITE;
    RecordSiteStatus "record_site_status" true ACTION_RECORD_SITE_STATUS;
    UndoSiteStatus "undo_site_status" true ACTION_UNDO_SITE_STATUS;
    AddStaff "add_staff" true ACTION_ADD_STAFF;
    RenewContract "renew_contract" true ACTION_RENEW_CONTRACT;
    UndoDeparture "undo_departure" true ACTION_UNDO_DEPARTURE;
    ToggleDeparted "toggle_departed" false ACTION_TOGGLE_DEPARTED;
}
