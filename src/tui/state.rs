//! What the user is looking at. No I/O.

use chrono::NaiveDate;
use tui_input::Input;

use super::action::Mode;
use crate::domain::division::Expansion;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Tree,
    Scores,
}

impl View {
    pub const ALL: [View; 3] = [View::Dashboard, View::Tree, View::Scores];
    pub fn number(self) -> usize {
        match self {
            View::Dashboard => 1,
            View::Tree => 2,
            View::Scores => 4,
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
}

#[derive(Debug, Clone, Default)]
pub struct ScoresState {
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub struct State {
    pub mode: Mode,
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
}

impl State {
    pub fn new(scope: u32, today: NaiveDate, en: bool) -> State {
        State {
            mode: Mode::Normal,
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
        }
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
            (Mode::Normal, View::Scores) => vec![Mode::Scores, Mode::Normal],
            (m, _) => vec![m],
        }
    }
}
