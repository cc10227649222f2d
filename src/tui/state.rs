//! What the user is looking at. No I/O.

use chrono::NaiveDate;
use tui_input::Input;

use super::action::Mode;
use crate::domain::division::Expansion;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Tree,
    Staff,
    Scores,
    Alerts,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Dashboard,
        View::Tree,
        View::Staff,
        View::Scores,
        View::Alerts,
    ];
    pub fn number(self) -> usize {
        match self {
            View::Dashboard => 1,
            View::Tree => 2,
            View::Staff => 3,
            View::Scores => 4,
            View::Alerts => 5,
        }
    }
    pub fn title(self, en: bool) -> &'static str {
        match (self, en) {
            (View::Dashboard, false) => "覆盖看板",
            (View::Dashboard, true) => "Coverage",
            (View::Tree, false) => "三级网络",
            (View::Tree, true) => "Network tree",
            (View::Scores, false) => "评估",
            (View::Scores, true) => "Evaluations",
            (View::Staff, false) => "人员",
            (View::Staff, true) => "Staff",
            (View::Alerts, false) => "告警",
            (View::Alerts, true) => "Alerts",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgKind {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MsgKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    /// `/`: jump to the division.
    Jump,
    /// `:scope NAME`: make the best match the scope.
    Scope,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    /// Node indices, best first, for the query in `for_query`.
    pub hits: Vec<u32>,
    pub for_query: String,
    pub selected: usize,
    /// Enter was pressed before the results for the current query arrived.
    pub confirm_pending: bool,
}

impl SearchState {
    pub fn waiting(&self) -> bool {
        self.input.value().trim() != self.for_query
    }
}

#[derive(Debug, Clone, Default)]
pub struct TreeState {
    pub expansion: Expansion,
    pub cursor: u32,
}

#[derive(Debug, Clone, Default)]
pub struct DashState {
    /// Index into the flattened milestones of all blocks.
    pub milestone: usize,
    /// Selected row of the lagging list.
    pub child: usize,
}

/// A question waiting for y/n, and what each answer does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Leaving a sheet with unsaved changes: y saves and leaves, n leaves (drafts stay).
    LeaveSheet,
    /// A sheet reopened with drafts from last time: y resumes them, n discards them.
    ResumeDrafts { count: usize },
    /// A status change that is easy to regret: submitting or locking a sheet with empty
    /// items, unlocking a locked one. y makes it, n leaves the sheet as it is.
    ChangeStatus {
        eval_id: i64,
        change: crate::domain::sheet::StatusChange,
        /// Template items without a score, of `items`.
        empty: usize,
        items: usize,
    },
}

/// The staff view's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StaffFilter {
    #[default]
    All,
    Overdue,
    Within(i64),
    Uncertified,
}

impl StaffFilter {
    pub fn next(self) -> StaffFilter {
        match self {
            StaffFilter::All => StaffFilter::Overdue,
            StaffFilter::Overdue => StaffFilter::Within(30),
            StaffFilter::Within(30) => StaffFilter::Within(90),
            StaffFilter::Within(90) => StaffFilter::Within(180),
            StaffFilter::Within(_) => StaffFilter::Uncertified,
            StaffFilter::Uncertified => StaffFilter::All,
        }
    }
    pub fn label(self, en: bool) -> String {
        match (self, en) {
            (StaffFilter::All, false) => "全部".into(),
            (StaffFilter::All, true) => "all".into(),
            (StaffFilter::Overdue, false) => "已逾期".into(),
            (StaffFilter::Overdue, true) => "overdue".into(),
            (StaffFilter::Within(n), false) => format!("{n}天内到期"),
            (StaffFilter::Within(n), true) => format!("due within {n} days"),
            (StaffFilter::Uncertified, false) => "无证".into(),
            (StaffFilter::Uncertified, true) => "uncertified".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StaffSort {
    #[default]
    Deadline,
    Name,
    Site,
    Role,
    Cert,
    Training,
}

impl StaffSort {
    pub fn next(self) -> StaffSort {
        match self {
            StaffSort::Deadline => StaffSort::Name,
            StaffSort::Name => StaffSort::Site,
            StaffSort::Site => StaffSort::Role,
            StaffSort::Role => StaffSort::Cert,
            StaffSort::Cert => StaffSort::Training,
            StaffSort::Training => StaffSort::Deadline,
        }
    }
    pub fn label(self, en: bool) -> &'static str {
        match (self, en) {
            (StaffSort::Deadline, false) => "到期日",
            (StaffSort::Deadline, true) => "deadline",
            (StaffSort::Name, false) => "姓名",
            (StaffSort::Name, true) => "name",
            (StaffSort::Site, false) => "站点",
            (StaffSort::Site, true) => "site",
            (StaffSort::Role, false) => "岗位",
            (StaffSort::Role, true) => "role",
            (StaffSort::Cert, false) => "证书",
            (StaffSort::Cert, true) => "certificate",
            (StaffSort::Training, false) => "培训",
            (StaffSort::Training, true) => "training",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct StaffState {
    pub selected: usize,
    pub filter: StaffFilter,
    pub role: Option<crate::domain::staff::Role>,
    pub cert: Option<crate::domain::staff::CertLevel>,
    pub sort: StaffSort,
    pub reverse: bool,
    /// Name filter (Chinese, pinyin or initials).
    pub name: Input,
    /// The person whose timeline is open.
    pub person: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Certificate,
    Registration,
    Training,
    Departure,
}

/// A small keyboard form for a staff edit: labelled fields, one focused, errors per field.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub staff_id: i64,
    pub fields: Vec<(&'static str, &'static str, Input)>,
    pub focus: usize,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ScoresState {
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub struct State {
    pub mode: Mode,
    /// The mode an overlay (help, a question, the conflict chooser, a form) returns to.
    pub back: Mode,
    pub view: View,
    pub scope: u32,
    pub as_of: NaiveDate,
    pub today: NaiveDate,
    pub en: bool,
    pub tree: TreeState,
    pub dash: DashState,
    pub search: SearchState,
    pub command: Input,
    pub help_offset: u16,
    pub message: Option<Message>,
    /// The meeting view: full screen, read-only.
    pub meeting: bool,
    pub quit: bool,
    /// Rows per page in the current list, set from the layout before each key.
    pub page: usize,
    pub scores: ScoresState,
    /// The sheet open in the entry grid.
    pub sheet: Option<crate::domain::sheet::Sheet>,
    pub conflict: Option<crate::domain::sheet::Conflict>,
    pub conflict_row: usize,
    pub pending: Option<Pending>,
    pub staff: StaffState,
    pub alerts_selected: usize,
    pub form: Option<Form>,
    /// A draft of the open sheet could not be written: its unsaved cells live only on screen.
    pub drafts_lost: bool,
}

impl State {
    pub fn new(scope: u32, today: NaiveDate, en: bool) -> State {
        State {
            mode: Mode::Normal,
            back: Mode::Normal,
            view: View::Dashboard,
            scope,
            as_of: today,
            today,
            en,
            tree: TreeState {
                expansion: Expansion::default(),
                cursor: scope,
            },
            dash: DashState::default(),
            search: SearchState::default(),
            command: Input::default(),
            help_offset: 0,
            message: None,
            meeting: false,
            quit: false,
            page: 10,
            scores: ScoresState::default(),
            sheet: None,
            conflict: None,
            conflict_row: 0,
            pending: None,
            staff: StaffState::default(),
            alerts_selected: 0,
            form: None,
            drafts_lost: false,
        }
    }

    /// Open an overlay over the current mode; `close_overlay` returns to that mode.
    pub fn open_overlay(&mut self, overlay: Mode) {
        if !is_overlay(self.mode) {
            self.back = self.mode;
        }
        self.mode = overlay;
    }

    /// Back to the mode the overlay was opened from (the grid only while a sheet is open).
    pub fn close_overlay(&mut self) {
        self.mode = match self.back {
            Mode::Grid if self.sheet.is_none() => Mode::Normal,
            m if is_overlay(m) => Mode::Normal,
            m => m,
        };
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            kind: MsgKind::Info,
            text: text.into(),
        });
    }
    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            kind: MsgKind::Warn,
            text: text.into(),
        });
    }
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            kind: MsgKind::Error,
            text: text.into(),
        });
    }
    pub fn tr(&self, zh: &'static str, en: &'static str) -> &'static str {
        if self.en {
            en
        } else {
            zh
        }
    }
}

impl State {
    /// The keymap tables to try for a key, most specific first.
    pub fn key_modes(&self) -> Vec<Mode> {
        match (self.mode, self.view) {
            // In a meeting, edit keys still resolve so that they can be refused with a reason.
            (Mode::Normal, _) if self.meeting => vec![Mode::Normal, Mode::Scores],
            (Mode::Normal, View::Scores) => vec![Mode::Scores, Mode::Normal],
            (Mode::Normal, View::Staff) => vec![Mode::Staff, Mode::Normal],
            (m, _) => vec![m],
        }
    }
}

/// Modes drawn over another one, which they return to.
pub fn is_overlay(m: Mode) -> bool {
    matches!(m, Mode::Help | Mode::Confirm | Mode::Conflict | Mode::Form)
}
