//! What the user is looking at. No I/O.

use chrono::NaiveDate;
use tui_input::Input;

use super::action::Table;
use crate::domain::division::Expansion;
use crate::domain::sheet::{Conflict, Sheet};
use crate::i18n::tui as msg;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Tree,
    Staff,
    Scores,
    Alerts,
    /// The duties owed under the scope, instance by instance.
    Duties,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Dashboard,
        View::Tree,
        View::Staff,
        View::Scores,
        View::Alerts,
        View::Duties,
    ];
    pub fn number(self) -> usize {
        match self {
            View::Dashboard => 1,
            View::Tree => 2,
            View::Staff => 3,
            View::Scores => 4,
            View::Alerts => 5,
            View::Duties => 6,
        }
    }
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            View::Dashboard => msg::VIEW_DASHBOARD,
            View::Tree => msg::VIEW_TREE,
            View::Scores => msg::VIEW_SCORES,
            View::Staff => msg::VIEW_STAFF,
            View::Alerts => msg::VIEW_ALERTS,
            View::Duties => crate::i18n::duties::VIEW_NAME,
        }
        .get(lang)
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
    /// The policy panel in place of the lagging list, scrolled by this many lines.
    pub policy: Option<u16>,
    /// The lagging list (and the meeting's) ranks children by missing duties instead of
    /// coverage.
    pub by_duties: bool,
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
    /// A departure typed in a form: y records it, n leaves the person as they are.
    Departure {
        staff_id: i64,
        on: NaiveDate,
        /// The person, by name.
        name: String,
    },
    /// Undoing a site's last status change: y removes it, n keeps it.
    UndoSiteStatus {
        site_id: i64,
        /// The change to remove, as shown.
        last: crate::domain::site::StatusChange,
        /// The site, by name.
        name: String,
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
    pub fn label(self, lang: Lang) -> String {
        match self {
            StaffFilter::All => msg::FILTER_ALL.get(lang).into(),
            StaffFilter::Overdue => msg::FILTER_OVERDUE.get(lang).into(),
            StaffFilter::Within(n) => msg::FILTER_WITHIN.fill(lang, &[("n", &n)]),
            StaffFilter::Uncertified => msg::FILTER_UNCERTIFIED.get(lang).into(),
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
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StaffSort::Deadline => msg::SORT_DEADLINE,
            StaffSort::Name => msg::SORT_NAME,
            StaffSort::Site => msg::SORT_SITE,
            StaffSort::Role => msg::SORT_ROLE,
            StaffSort::Cert => msg::SORT_CERT,
            StaffSort::Training => msg::SORT_TRAINING,
        }
        .get(lang)
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
    /// The list shows the people who have left instead of those working.
    pub departed: bool,
    /// The departures recorded in this session, last on top, for `u`.
    pub undo: Vec<StaffUndo>,
}

/// A departure the staff view can undo.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffUndo {
    pub staff_id: i64,
    /// The person, by name.
    pub name: String,
    /// Their site's division code (for the scope check where edits are dispatched).
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Certificate,
    Registration,
    /// Training hours added to the year's total (and the registration period's).
    Training,
    Departure,
    /// A contract renewed to a new end date.
    Renewal,
    /// A new person (at a site typed in the form).
    AddStaff,
    /// The site of a division (tree node) that has none.
    CreateSite {
        node: u32,
    },
    /// A site's details.
    EditSite {
        site_id: i64,
    },
    /// A site's status change.
    SiteStatus {
        site_id: i64,
    },
}

impl FormKind {
    /// The forms that act on one person (`Form::staff_id`).
    pub fn is_about_a_person(self) -> bool {
        matches!(
            self,
            FormKind::Certificate
                | FormKind::Registration
                | FormKind::Training
                | FormKind::Departure
                | FormKind::Renewal
        )
    }
}

/// A small keyboard form for an edit: labelled fields, one focused, errors per field.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    /// The person the form acts on (`FormKind::is_about_a_person`; 0 for the others, whose
    /// target the kind carries or a field names).
    pub staff_id: i64,
    /// Each field's label and what is typed in it.
    pub fields: Vec<(crate::i18n::Text, Input)>,
    pub focus: usize,
    pub errors: Vec<String>,
}

/// How the duties view orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DutySort {
    /// Missing first, most overdue first; then late, not yet due, received.
    #[default]
    Overdue,
    /// By due date, latest first.
    Due,
}

/// A mark the duties view can undo: the instance and what it held before.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyUndo {
    /// The write that puts the previous state back (its `seen_version` is the new one).
    pub mark: crate::domain::duties::DutyMark,
    /// What was marked, for the message.
    pub what: String,
}

#[derive(Debug, Clone, Default)]
pub struct DutiesState {
    pub selected: usize,
    pub sort: DutySort,
    /// The marks made in this session, last on top, for `u`.
    pub undo: Vec<DutyUndo>,
}

/// Marking a duty instance received: the date typed (today to start with).
#[derive(Debug, Clone)]
pub struct MarkDuty {
    /// The write, its `received` filled in when confirmed.
    pub mark: crate::domain::duties::DutyMark,
    /// What is marked, in words (owner, duty, period).
    pub what: String,
    /// The period's first day: nothing is received before it.
    pub start: NaiveDate,
    pub input: Input,
    pub error: Option<String>,
}

/// Recording a service contract of a site, or its renewal (`renews`: the renewed contract's
/// id and the version the form saw), over the tree view; the site's contracts listed above.
#[derive(Debug, Clone)]
pub struct ContractForm {
    pub site_id: i64,
    pub renews: Option<(i64, i64)>,
    /// Operator, start, end.
    pub fields: [Input; 3],
    pub focus: usize,
    pub errors: Vec<String>,
}

impl ContractForm {
    /// The contract the form renews: the proposed one, while the operator is still its
    /// operator (a renewal continues with the same operator; another name is a new contract).
    pub fn renewal(&self, net: &crate::domain::network::Network) -> Option<(i64, i64)> {
        let (id, version) = self.renews?;
        let old = net.contracts_of(self.site_id).iter().find(|c| c.id == id)?;
        (old.operator.trim() == self.fields[0].value().trim()).then_some((id, version))
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScoresState {
    pub selected: usize,
}

/// A sheet open in the entry grid.
#[derive(Debug, Clone)]
pub struct Grid {
    pub sheet: Sheet,
    /// A draft could not be written: the sheet's unsaved cells live only on screen.
    pub drafts_lost: bool,
}

/// What is open over the views, owning its data: a grid always has its sheet, a conflict
/// the sheet it is about, a question the screen it returns to.
#[derive(Debug, Clone, Default)]
pub enum Overlay {
    /// Browsing the views.
    #[default]
    None,
    /// `/`: finding a division.
    Search(SearchState),
    /// `:`: the command line.
    Command(Input),
    /// Typing the staff view's name filter (the filter itself stays when this closes).
    Filter,
    /// The score-entry grid.
    Grid(Box<Grid>),
    /// Choosing between my values and someone else's saved ones, per item.
    Conflict {
        conflict: Conflict,
        row: usize,
        grid: Box<Grid>,
    },
    /// A staff edit form, over the staff view.
    Form(Form),
    /// The received date of a duty instance, over the duties view.
    MarkDuty(MarkDuty),
    /// A site's service contract (or renewal), over the tree view.
    ContractForm(Box<ContractForm>),
    /// The help screen, scrolled by `offset`, over what it returns to.
    Help { offset: u16, under: Box<Overlay> },
    /// A yes/no question, over what it returns to.
    Confirm {
        question: Pending,
        under: Box<Overlay>,
    },
}

impl Overlay {
    /// The keymap table its keys are looked up in.
    pub fn table(&self) -> Table {
        match self {
            Overlay::None => Table::Normal,
            Overlay::Search(_) => Table::Search,
            Overlay::Command(_) => Table::Command,
            Overlay::Filter => Table::Filter,
            Overlay::Grid(_) => Table::Grid,
            Overlay::Conflict { .. } => Table::Conflict,
            Overlay::Form(_) | Overlay::MarkDuty(_) | Overlay::ContractForm(_) => Table::Form,
            Overlay::Help { .. } => Table::Help,
            Overlay::Confirm { .. } => Table::Confirm,
        }
    }

    /// The open sheet, wherever it lies under help or a question.
    pub fn grid(&self) -> Option<&Grid> {
        match self {
            Overlay::Grid(g) | Overlay::Conflict { grid: g, .. } => Some(g),
            Overlay::Help { under, .. } | Overlay::Confirm { under, .. } => under.grid(),
            _ => None,
        }
    }

    pub fn grid_mut(&mut self) -> Option<&mut Grid> {
        match self {
            Overlay::Grid(g) | Overlay::Conflict { grid: g, .. } => Some(g),
            Overlay::Help { under, .. } | Overlay::Confirm { under, .. } => under.grid_mut(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct State {
    /// What is open over the views.
    pub overlay: Overlay,
    pub view: View,
    pub scope: u32,
    pub as_of: NaiveDate,
    pub today: NaiveDate,
    pub lang: Lang,
    pub tree: TreeState,
    pub dash: DashState,
    pub message: Option<Message>,
    /// The meeting view: full screen, read-only.
    pub meeting: bool,
    /// The overview of every bound jurisdiction, shown in place of the views; the row
    /// selected in it.
    pub overview: Option<usize>,
    pub quit: bool,
    /// Rows per page in the current list, set from the layout before each key.
    pub page: usize,
    pub scores: ScoresState,
    pub staff: StaffState,
    pub alerts_selected: usize,
    /// The alerts view shows only this severity (None: all).
    pub alerts_severity: Option<crate::domain::rules::Severity>,
    /// The alerts view shows only this kind (None: all).
    pub alerts_kind: Option<crate::domain::rules::AlertKind>,
    pub duties: DutiesState,
}

impl State {
    pub fn new(scope: u32, today: NaiveDate, lang: Lang) -> State {
        State {
            overlay: Overlay::None,
            view: View::Dashboard,
            scope,
            as_of: today,
            today,
            lang,
            tree: TreeState {
                expansion: Expansion::default(),
                cursor: scope,
            },
            dash: DashState::default(),
            message: None,
            meeting: false,
            overview: None,
            quit: false,
            page: 10,
            scores: ScoresState::default(),
            staff: StaffState::default(),
            alerts_selected: 0,
            alerts_severity: None,
            alerts_kind: None,
            duties: DutiesState::default(),
        }
    }

    /// The keymap table of what is on top.
    pub fn table(&self) -> Table {
        self.overlay.table()
    }

    /// Open help over what is on screen; closing it returns there.
    pub fn open_help(&mut self) {
        let under = Box::new(std::mem::take(&mut self.overlay));
        self.overlay = Overlay::Help { offset: 0, under };
    }

    /// Ask a yes/no question over what is on screen.
    pub fn ask(&mut self, question: Pending) {
        let under = Box::new(std::mem::take(&mut self.overlay));
        self.overlay = Overlay::Confirm { question, under };
    }

    /// Open the conflict chooser over the entry grid (nothing happens without a grid).
    pub fn open_conflict(&mut self, conflict: Conflict) {
        self.overlay = match std::mem::take(&mut self.overlay) {
            Overlay::Grid(grid) => Overlay::Conflict {
                conflict,
                row: 0,
                grid,
            },
            other => other,
        };
    }

    /// Back to what the overlay was opened over: help and questions to what lay under them,
    /// the conflict chooser to its grid, anything else to the views.
    pub fn close_overlay(&mut self) {
        self.overlay = match std::mem::take(&mut self.overlay) {
            Overlay::Help { under, .. } | Overlay::Confirm { under, .. } => *under,
            Overlay::Conflict { grid, .. } => Overlay::Grid(grid),
            _ => Overlay::None,
        };
    }

    /// The sheet open in the entry grid.
    pub fn sheet(&self) -> Option<&Sheet> {
        self.overlay.grid().map(|g| &g.sheet)
    }
    pub fn sheet_mut(&mut self) -> Option<&mut Sheet> {
        self.overlay.grid_mut().map(|g| &mut g.sheet)
    }
    /// Whether a draft of the open sheet could not be written.
    pub fn drafts_lost(&self) -> bool {
        self.overlay.grid().is_some_and(|g| g.drafts_lost)
    }
    pub fn conflict(&self) -> Option<&Conflict> {
        match &self.overlay {
            Overlay::Conflict { conflict, .. } => Some(conflict),
            _ => None,
        }
    }
    pub fn conflict_row(&self) -> usize {
        match &self.overlay {
            Overlay::Conflict { row, .. } => *row,
            _ => 0,
        }
    }
    /// The question waiting for y/n.
    pub fn pending(&self) -> Option<&Pending> {
        match &self.overlay {
            Overlay::Confirm { question, .. } => Some(question),
            _ => None,
        }
    }
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }
    pub fn help_offset(&self) -> u16 {
        match &self.overlay {
            Overlay::Help { offset, .. } => *offset,
            _ => 0,
        }
    }
    pub fn search(&self) -> Option<&SearchState> {
        match &self.overlay {
            Overlay::Search(st) => Some(st),
            _ => None,
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

    /// The keymap tables to try for a key, most specific first: a view's own table, then
    /// the browsing one.
    pub fn key_tables(&self) -> Vec<Table> {
        match (&self.overlay, self.view) {
            // In a meeting, edit keys still resolve so that they can be refused with a reason.
            (Overlay::None, _) if self.meeting => vec![Table::Normal, Table::Scores],
            // The overview is no view of its own keys: a view's table under it stays out.
            (Overlay::None, _) if self.overview.is_some() => vec![Table::Normal],
            (Overlay::None, View::Scores) => vec![Table::Scores, Table::Normal],
            (Overlay::None, View::Staff) => vec![Table::Staff, Table::Normal],
            (Overlay::None, View::Duties) => vec![Table::Duties, Table::Normal],
            (Overlay::None, View::Alerts) => vec![Table::Alerts, Table::Normal],
            (Overlay::None, View::Tree) => vec![Table::Tree, Table::Normal],
            (o, _) => vec![o.table()],
        }
    }
}
