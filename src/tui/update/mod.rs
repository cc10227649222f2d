//! update(&mut State, &Model, &Derived, Msg) -> Outcome: pure, no I/O. Here the messages and
//! the dispatch; each overlay (and the browsing views) handles its keys in its own file.

mod alerts;
mod browse;
mod command;
mod confirm;
mod conflict;
mod contracts;
mod duties;
mod form;
mod grid;
mod help;
mod overview;
mod records;
mod scores;
mod search;
mod staff;
mod tell;

use self::{
    alerts::*, browse::*, command::*, confirm::*, conflict::*, duties::*, form::*, grid::*,
    help::*, overview::*, records::*, scores::*, search::*, staff::*, tell::*,
};
pub use browse::{jump_to, step_month};
pub use command::run_command;
pub use duties::DutyMarked;
pub use records::{Record, Recorded};

use chrono::{Datelike, Days, Months};
use tui_input::InputRequest;

use crate::domain::access::UserRole;
use crate::domain::coverage::lagging;
use crate::domain::evaluation::EvalDetail;
use crate::domain::evaluation::{EvalStatus, Evaluation};
use crate::domain::renewal::SheetStatus;
use crate::domain::sheet::{DraftWrite, SaveRequest, Sheet, Side, StatusChange};
use crate::i18n::tui as msg;
use crate::tui::action::Action;
use crate::tui::model::{Derived, Model};
use crate::tui::state::{
    Form, FormKind, Grid, Overlay, Pending, SearchPurpose, SearchState, State, View,
};

/// What can happen to the state: a keymap action, typed text, or a result from a worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Act(Action),
    Type(char),
    SearchDone {
        query: String,
        hits: Vec<u32>,
    },
    ScopeFound {
        query: String,
        node: Option<u32>,
        hints: Vec<String>,
    },
    /// A sheet loaded from the store (with this user's drafts) for the entry grid.
    SheetLoaded(Box<EvalDetail>),
    SheetSaved {
        version: i64,
    },
    /// Someone else saved since the sheet was opened: their stored evaluation.
    SaveConflict(Box<Evaluation>),
    /// A store write failed; the input stays where it is.
    WriteFailed(String),
    /// A committed cell could not be kept as a draft: it lives only on screen until saved.
    DraftNotKept(String),
    /// The stored sheet a status change was asked for (its scores loaded), to check and ask.
    StatusReady {
        evaluation: Box<Evaluation>,
        change: StatusChange,
    },
    /// A sheet's status was changed in the store.
    StatusChanged(EvalStatus),
    /// A scorer role's part was submitted (or reopened); the sheet's status after it.
    PartChanged {
        part: crate::domain::policy::ScorerRole,
        submitted: bool,
        sheet: EvalStatus,
    },
    /// A staff edit was saved (and audited).
    StaffSaved,
    /// A record form's write was saved (and audited): what it did.
    Recorded(Recorded),
    /// A duty instance was marked received, or a mark undone (audited).
    DutyMarked(DutyMarked),
    /// A service contract was recorded (audited): what to say.
    ContractSaved(String),
    /// The store refused a contract: the form stays open with the reason.
    ContractRefused(String),
    /// Files written by an export, by name.
    Exported(Vec<String>),
    /// Something asked for failed (an export, a reload): say why.
    Failed(String),
    /// Background work failed.
    BackgroundFailed {
        what: Background,
        why: String,
    },
    /// The database was replaced under this session (a restore): it is read-only now.
    Replaced,
    /// The keymap file has problems: how many, the first, and the key that opens the help,
    /// which lists them all.
    KeymapProblem {
        count: usize,
        first: String,
        help_key: String,
    },
    /// A key that starts a two-key binding was pressed (shown as the keymap names it); the
    /// next key completes it.
    ChordStarted(String),
    /// The two keys pressed are bound to nothing.
    ChordUnbound(String),
}

/// Work done in the background for the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Loading the whole nation after the first frame.
    Nation,
    /// Loading a province's staff and evaluations.
    People,
    /// Counting the nation's alerts.
    Alerts,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StaffEdit {
    Certificate {
        staff_id: i64,
        level: crate::domain::staff::CertLevel,
        passed: chrono::NaiveDate,
    },
    Registration {
        staff_id: i64,
        on: chrono::NaiveDate,
        expiry: chrono::NaiveDate,
    },
}

/// Work for the app to do outside update: I/O, threads, the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Search {
        query: String,
        purpose: SearchPurpose,
    },
    Export,
    ExportScores,
    CreateEvaluation {
        site_id: i64,
        year: i32,
        phase: crate::domain::policy::Phase,
        template: String,
    },
    OpenSheet {
        eval_id: i64,
    },
    PutDrafts {
        eval_id: i64,
        base_version: i64,
        writes: Vec<DraftWrite>,
    },
    DiscardDrafts {
        eval_id: i64,
    },
    SaveSheet(SaveRequest),
    /// A staff edit from a form, already validated in the form.
    StaffEdit(StaffEdit),
    /// A site or staff record from a form, already checked in the form.
    Record(Record),
    /// Record a site's service contract, or renew `renews` (id, version seen), checked by
    /// the store against the actor, the site's profile and the version the form saw.
    RecordContract {
        draft: crate::domain::contract::ContractDraft,
        renews: Option<(i64, i64)>,
    },
    /// Mark a duty instance received (or put back what it held, `undo`), checked by the
    /// store against the actor and the version the view saw.
    MarkDuty {
        mark: crate::domain::duties::DutyMark,
        what: String,
        undo: bool,
    },
    SetStatus {
        eval_id: i64,
        status: EvalStatus,
    },
    /// Submit (or reopen) the account's own part of a sheet split among scorer roles.
    SetPart {
        eval_id: i64,
        submit: bool,
    },
    /// Load the sheet (with its scores) for a status change from the list: the list does
    /// not hold the scores that say whether the sheet is complete. Answered by `StatusReady`.
    PrepareStatus {
        eval_id: i64,
        change: StatusChange,
    },
}

/// What `update` made of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Done in the state; nothing to do outside.
    Handled,
    /// Not for this place: the caller may try elsewhere (a view's keys fall back to the
    /// browsing ones), else nothing changed.
    NotMine,
    /// Done in the state, and the app must do this outside.
    Effect(Effect),
}

impl Outcome {
    /// This outcome, or what `other` makes of the message when it was not mine.
    pub fn or_else(self, other: impl FnOnce() -> Outcome) -> Outcome {
        match self {
            Outcome::NotMine => other(),
            done => done,
        }
    }
}

impl From<Option<Effect>> for Outcome {
    fn from(e: Option<Effect>) -> Outcome {
        e.map_or(Outcome::Handled, Outcome::Effect)
    }
}

pub fn update(s: &mut State, m: &Model, d: &Derived, msg: Msg) -> Outcome {
    match msg {
        Msg::Act(a) => act(s, m, d, a),
        Msg::Type(c) => type_char(s, m, c),
        Msg::SearchDone { query, hits } => {
            // A reply to a query no longer on the search line changes nothing.
            let Overlay::Search(st) = &mut s.overlay else {
                return Outcome::NotMine;
            };
            if st.input.value().trim() != query {
                return Outcome::NotMine;
            }
            st.hits = hits;
            st.for_query = query;
            st.selected = 0;
            // Enter typed before the results came: act on it now.
            if std::mem::take(&mut st.confirm_pending) {
                if let Some(&node) = st.hits.first() {
                    s.overlay = Overlay::None;
                    jump_to(s, m, node);
                }
            }
            Outcome::Handled
        }
        Msg::SheetLoaded(detail) => sheet_loaded(s, m, *detail),
        Msg::SheetSaved { version } => {
            if let Some(g) = s.overlay.grid_mut() {
                g.sheet.mark_saved(version);
                g.drafts_lost = false;
            }
            s.info(msg::SAVED_ONE_TRANSACTION.get(s.lang));
            Outcome::Handled
        }
        Msg::SaveConflict(theirs) => {
            if let Some(sh) = s.sheet() {
                s.open_conflict(sh.conflict_with(&theirs));
                s.warn(msg::SAVED_FIRST_BY_OTHER.get(s.lang));
            }
            Outcome::Handled
        }
        Msg::WriteFailed(why) => {
            s.error(why);
            Outcome::Handled
        }
        Msg::DraftNotKept(why) => {
            if let Some(g) = s.overlay.grid_mut() {
                g.drafts_lost = true;
            }
            s.error(format!("{}{why}", msg::DRAFT_NOT_KEPT.get(s.lang)));
            Outcome::Handled
        }
        Msg::StatusReady { evaluation, change } => status_ready(s, m, &evaluation, change),
        Msg::DutyMarked(done) => duty_marked(s, done),
        Msg::Recorded(done) => recorded(s, done),
        Msg::ContractSaved(text) => contracts::saved(s, text),
        Msg::ContractRefused(why) => contracts::refused(s, why),
        Msg::StatusChanged(_)
        | Msg::PartChanged { .. }
        | Msg::StaffSaved
        | Msg::Exported(_)
        | Msg::Failed(_)
        | Msg::BackgroundFailed { .. }
        | Msg::Replaced
        | Msg::KeymapProblem { .. }
        | Msg::ChordStarted(_)
        | Msg::ChordUnbound(_) => tell(s, msg),
        Msg::ScopeFound { query, node, hints } => {
            match node {
                Some(n) => set_scope(s, m, n),
                None => {
                    let q = s.lang.pick(query.clone(), format!("{query:?}"));
                    let hints = fmt_hints(&hints);
                    s.error(
                        msg::NO_DIVISION_MATCHES.fill(s.lang, &[("query", &q), ("hints", &hints)]),
                    )
                }
            }
            Outcome::Handled
        }
    }
}

fn fmt_hints(h: &[String]) -> String {
    if h.is_empty() {
        String::new()
    } else {
        format!(": {}", h.join(", "))
    }
}

fn type_char(s: &mut State, m: &Model, c: char) -> Outcome {
    match &mut s.overlay {
        Overlay::Search(st) => {
            st.input.handle(InputRequest::InsertChar(c));
            search_effect(st)
        }
        Overlay::Filter => {
            s.staff.name.handle(InputRequest::InsertChar(c));
            s.staff.selected = 0;
            Outcome::Handled
        }
        Overlay::Form(f) => {
            if let Some(field) = f.fields.get_mut(f.focus) {
                field.1.handle(InputRequest::InsertChar(c));
            }
            f.errors.clear();
            Outcome::Handled
        }
        Overlay::MarkDuty(f) => {
            f.input.handle(InputRequest::InsertChar(c));
            f.error = None;
            Outcome::Handled
        }
        Overlay::ContractForm(f) => {
            if let Some(input) = f.fields.get_mut(f.focus) {
                input.handle(InputRequest::InsertChar(c));
            }
            f.errors.clear();
            Outcome::Handled
        }
        Overlay::Grid(g) => {
            // Typing into a cell is an edit: refused, with the reason, where nothing can be kept.
            if let Some(ro) = m.read_only {
                s.warn(ro.why(s.lang));
                return Outcome::Handled;
            }
            if let Err(e) = g.sheet.type_char(c) {
                sheet_error(s, e);
            }
            Outcome::Handled
        }
        Overlay::Command(input) => {
            input.handle(InputRequest::InsertChar(c));
            Outcome::Handled
        }
        Overlay::None
        | Overlay::Conflict { .. }
        | Overlay::Help { .. }
        | Overlay::Confirm { .. } => Outcome::NotMine,
    }
}

fn act(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    // Read-only is enforced here, where every action is dispatched, not per view.
    if a.is_edit() {
        if s.meeting {
            s.warn(msg::MEETING_READ_ONLY.get(s.lang));
            return Outcome::Handled;
        }
        if let Some(ro) = m.read_only {
            s.warn(ro.why(s.lang));
            return Outcome::Handled;
        }
    }
    if a.is_edit() {
        if let Err(why) = may_edit(s, m, d, a) {
            s.warn(why);
            return Outcome::Handled;
        }
    }
    match s.overlay {
        Overlay::Help { .. } => help(s, a),
        Overlay::Search(_) => search(s, m, a),
        Overlay::Command(_) => command(s, m, a),
        Overlay::None if s.overview.is_some() => {
            overview(s, m, d, a).or_else(|| normal(s, m, d, a))
        }
        Overlay::None => match s.view {
            View::Scores => scores(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Staff => staff(s, m, d, a)
                .or_else(|| staff_keys(s, m, d, a))
                .or_else(|| normal(s, m, d, a)),
            View::Alerts => alerts_nav(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Duties => duties_nav(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Tree => tree_keys(s, m, a).or_else(|| normal(s, m, d, a)),
            View::Dashboard => normal(s, m, d, a),
        },
        Overlay::Filter => filter(s, a),
        Overlay::Form(_) => form(s, m, a),
        Overlay::MarkDuty(_) => mark_duty(s, a),
        Overlay::ContractForm(_) => contracts::form(s, m, a),
        Overlay::Grid(_) => grid(s, a),
        Overlay::Confirm { .. } => confirm(s, a),
        Overlay::Conflict { .. } => conflict(s, a),
    }
}

/// The division an edit would touch: the open sheet's site, or the selected scores row.
fn edit_target(s: &State, m: &Model, d: &Derived, a: Action) -> Option<String> {
    if let Some(sh) = s.sheet() {
        return m.net.site(sh.site_id()).map(|x| x.division.to_string());
    }
    if s.view == View::Scores {
        // No row (none here, or none this account may read): the scope itself.
        return Some(
            d.score_rows(m)
                .get(s.scores.selected)
                .map(|r| r.division.clone())
                .unwrap_or_else(|| m.net.tree.node(s.scope).code_str()),
        );
    }
    if s.view == View::Tree {
        return Some(m.net.tree.node(s.tree.cursor).code_str());
    }
    if s.view == View::Staff {
        // Undo writes back the person it took off the list, wherever the cursor is now.
        if a == Action::UndoDeparture {
            return s.staff.undo.last().map(|u| u.code.clone());
        }
        let rows = crate::tui::model::filtered_staff(d, m, &s.staff);
        return Some(
            rows.get(s.staff.selected.min(rows.len().saturating_sub(1)))
                .and_then(|r| m.net.site(r.site_id))
                .map(|x| x.division.to_string())
                .unwrap_or_else(|| m.net.tree.node(s.scope).code_str()),
        );
    }
    if s.view == View::Duties {
        // Undo writes back the instance it marked, wherever the cursor is now.
        if a == Action::Undo {
            return s.duties.undo.last().map(|u| u.mark.owner.clone());
        }
        return crate::tui::duties::sorted(d.duty_rows(m), s.duties.sort)
            .get(s.duties.selected)
            .map(|r| r.owner_code.clone());
    }
    None
}

/// The site a contract form is for: the one open, or the one on the tree's cursor.
fn contract_target(s: &State, m: &Model, a: Action) -> Option<String> {
    let site = match &s.overlay {
        Overlay::ContractForm(f) => m.net.site(f.site_id),
        _ if a == Action::SiteContracts => m.net.site_at(s.tree.cursor),
        _ => None,
    };
    site.map(|x| x.division.to_string())
}

/// Role and jurisdiction, checked where every edit is dispatched (the store checks again).
fn may_edit(s: &State, m: &Model, d: &Derived, a: Action) -> Result<(), String> {
    let actor = &m.actor;
    if actor.role == UserRole::Viewer {
        return Err(msg::VIEWER_READ_ONLY.fill(s.lang, &[("name", &actor.name)]));
    }
    match contract_target(s, m, a).or_else(|| edit_target(s, m, d, a)) {
        Some(code) if !actor.may_write(&code) => Err(msg::OUTSIDE_SCOPE.fill(
            s.lang,
            &[
                ("name", &actor.name),
                ("scope", &actor.scope.as_deref().unwrap_or("-")),
                ("code", &code),
            ],
        )),
        _ => Ok(()),
    }
}

fn edit_input(input: &mut tui_input::Input, a: Action) -> bool {
    let req = match a {
        Action::DeleteBack => InputRequest::DeletePrevChar,
        Action::CursorLeft => InputRequest::GoToPrevChar,
        Action::CursorRight => InputRequest::GoToNextChar,
        Action::LineStart => InputRequest::GoToStart,
        Action::LineEnd => InputRequest::GoToEnd,
        Action::ClearLine => InputRequest::DeleteLine,
        _ => return false,
    };
    input.handle(req);
    true
}

fn list_move(sel: &mut usize, n: usize, page: usize, a: Action) -> bool {
    let last = n.saturating_sub(1);
    match a {
        Action::MoveDown => *sel = (*sel + 1).min(last),
        Action::MoveUp => *sel = sel.saturating_sub(1),
        Action::PageDown => *sel = (*sel + page.max(1)).min(last),
        Action::PageUp => *sel = sel.saturating_sub(page.max(1)),
        Action::Top => *sel = 0,
        Action::Bottom => *sel = last,
        _ => return false,
    }
    true
}
