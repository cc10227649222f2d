//! update(&mut State, &Model, &Derived, Msg) -> Outcome: pure, no I/O.

use chrono::{Datelike, Days, Months};
use tui_input::InputRequest;

use super::action::Action;
use super::model::{Derived, Model};
use super::state::{
    Form, FormKind, Grid, Overlay, Pending, SearchPurpose, SearchState, State, View,
};
use crate::domain::access::UserRole;
use crate::domain::coverage::lagging;
use crate::domain::evaluation::EvalDetail;
use crate::domain::evaluation::{EvalStatus, Evaluation};
use crate::domain::renewal::SheetStatus;
use crate::domain::sheet::{DraftWrite, SaveRequest, Sheet, Side, StatusChange};

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
    /// A staff edit was saved (and audited).
    StaffSaved,
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
    /// The keymap file has problems: the first, and how many more.
    KeymapProblem {
        first: String,
        more: usize,
    },
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
    Training {
        staff_id: i64,
        year: i32,
        hours: f64,
    },
    Departure {
        staff_id: i64,
        on: chrono::NaiveDate,
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
    SetStatus {
        eval_id: i64,
        status: EvalStatus,
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

    /// The effect to run, if any.
    pub fn effect(self) -> Option<Effect> {
        match self {
            Outcome::Effect(e) => Some(e),
            Outcome::Handled | Outcome::NotMine => None,
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
            let Overlay::Search(st) = &mut s.overlay else {
                return Outcome::Handled;
            };
            if st.input.value().trim() == query {
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
            }
            Outcome::Handled
        }
        Msg::SheetLoaded(detail) => sheet_loaded(s, m, *detail),
        Msg::SheetSaved { version } => {
            if let Some(g) = s.overlay.grid_mut() {
                g.sheet.mark_saved(version);
                g.drafts_lost = false;
            }
            s.info(s.tr(
                "已保存（一个事务，逐项留痕）",
                "Saved (one transaction, every change audited)",
            ));
            Outcome::Handled
        }
        Msg::SaveConflict(theirs) => {
            if let Some(sh) = s.sheet() {
                s.open_conflict(sh.conflict_with(&theirs));
                s.warn(s.tr(
                    "他人已先保存此表：逐项选择 m 我的 / t 对方的，Enter 确认",
                    "Someone saved this sheet first: choose m mine / t theirs per item, Enter to confirm",
                ));
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
            s.error(format!(
                "{}{why}",
                s.tr(
                    "草稿未能写入，未保存的格子只在屏幕上（Ctrl-S 保存）：",
                    "Draft not kept; the unsaved cells are only on screen (Ctrl-S saves): "
                )
            ));
            Outcome::Handled
        }
        Msg::StatusReady { evaluation, change } => status_ready(s, m, &evaluation, change),
        Msg::StatusChanged(status) => {
            let what = if s.en {
                status.name_en()
            } else {
                status.name_zh()
            };
            s.info(format!("{}{what}", s.tr("状态已改为：", "Status now: ")));
            Outcome::Handled
        }
        Msg::StaffSaved => {
            s.info(s.tr("已保存并留痕", "Saved and audited"));
            Outcome::Handled
        }
        Msg::Exported(names) => {
            s.info(format!(
                "{}{}",
                s.tr("已导出：", "Exported: "),
                names.join("  ")
            ));
            Outcome::Handled
        }
        Msg::Failed(why) => {
            s.error(why);
            Outcome::Handled
        }
        Msg::BackgroundFailed { what, why } => {
            let head = match what {
                Background::Nation => s.tr("载入全国数据失败：", "Loading the nation failed: "),
                Background::People => s.tr("载入人员数据失败：", "Loading staff failed: "),
                Background::Alerts => s.tr(
                    "计算全国告警失败：",
                    "Counting the nation's alerts failed: ",
                ),
            };
            s.error(format!("{head}{why}"));
            Outcome::Handled
        }
        Msg::Replaced => {
            s.error(super::model::ReadOnly::Replaced.why(s.en));
            Outcome::Handled
        }
        Msg::KeymapProblem { first, more } => {
            let more = if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            };
            s.warn(format!(
                "{}{first}{more}",
                s.tr(
                    "键位表有误，该键沿用默认：",
                    "Keymap problem, default kept for that key: "
                )
            ));
            Outcome::Handled
        }
        Msg::ScopeFound { query, node, hints } => {
            match node {
                Some(n) => set_scope(s, m, n),
                None => s.error(if s.en {
                    format!("no division matches {query:?}{}", fmt_hints(&hints))
                } else {
                    format!("没有匹配“{query}”的区划{}", fmt_hints(&hints))
                }),
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
                field.2.handle(InputRequest::InsertChar(c));
            }
            f.errors.clear();
            Outcome::Handled
        }
        Overlay::Grid(g) => {
            // Typing into a cell is an edit: refused, with the reason, where nothing can be kept.
            if let Some(ro) = m.read_only {
                s.warn(ro.why(s.en));
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

fn search_effect(st: &SearchState) -> Outcome {
    Outcome::Effect(Effect::Search {
        query: st.input.value().trim().to_string(),
        purpose: SearchPurpose::Jump,
    })
}

fn act(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    // Read-only is enforced here, where every action is dispatched, not per view.
    if a.is_edit() {
        if s.meeting {
            s.warn(s.tr(
                "会议模式只读：按 m 或 Esc 退出会议模式后再编辑",
                "Meeting view is read-only: leave it with m or Esc to edit",
            ));
            return Outcome::Handled;
        }
        if let Some(ro) = m.read_only {
            s.warn(ro.why(s.en));
            return Outcome::Handled;
        }
    }
    if a.is_edit() {
        if let Err(why) = may_edit(s, m, d) {
            s.warn(why);
            return Outcome::Handled;
        }
    }
    match s.overlay {
        Overlay::Help { .. } => help(s, a),
        Overlay::Search(_) => search(s, m, a),
        Overlay::Command(_) => command(s, m, a),
        Overlay::None => match s.view {
            View::Scores => scores(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Staff => staff(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Alerts => alerts_nav(s, m, d, a).or_else(|| normal(s, m, d, a)),
            View::Dashboard | View::Tree => normal(s, m, d, a),
        },
        Overlay::Filter => filter(s, a),
        Overlay::Form(_) => form(s, m, a),
        Overlay::Grid(_) => grid(s, a),
        Overlay::Confirm { .. } => confirm(s, a),
        Overlay::Conflict { .. } => conflict(s, a),
    }
}

/// The division an edit would touch: the open sheet's site, or the selected scores row.
fn edit_target(s: &State, m: &Model, d: &Derived) -> Option<String> {
    if let Some(sh) = s.sheet() {
        return m.net.site(sh.site_id()).map(|x| x.division.to_string());
    }
    if s.view == View::Scores {
        return d
            .score_rows(m)
            .get(s.scores.selected)
            .map(|r| r.division.clone());
    }
    None
}

/// Role and jurisdiction, checked where every edit is dispatched (the store checks again).
fn may_edit(s: &State, m: &Model, d: &Derived) -> Result<(), String> {
    let actor = &m.actor;
    if actor.role == UserRole::Viewer {
        return Err(if s.en {
            format!("{} is a viewer: read only", actor.name)
        } else {
            format!("{} 是只读用户（viewer），不能修改", actor.name)
        });
    }
    match edit_target(s, m, d) {
        Some(code) if !actor.may_write(&code) => Err(if s.en {
            format!(
                "{} may edit only within {}, not {code}",
                actor.name,
                actor.scope.as_deref().unwrap_or("-")
            )
        } else {
            format!(
                "{} 只能修改 {} 辖区内的数据，{code} 不在其中",
                actor.name,
                actor.scope.as_deref().unwrap_or("-")
            )
        }),
        _ => Ok(()),
    }
}

fn sheet_loaded(s: &mut State, m: &Model, detail: EvalDetail) -> Outcome {
    let ev = &detail.evaluation;
    let Ok(p) = crate::io::policy::find(&m.profiles, &ev.template) else {
        s.error(format!(
            "{}{}",
            s.tr("找不到评估模板：", "No template: "),
            ev.template
        ));
        return Outcome::Handled;
    };
    let sheet = Sheet::resume(&p.evaluation, ev, &detail.drafts, detail.draft_base_version);
    let drafts = detail.drafts.len();
    s.overlay = Overlay::Grid(Box::new(Grid {
        sheet,
        drafts_lost: false,
    }));
    s.view = View::Scores;
    // What was said about the last sheet is not about this one.
    s.message = None;
    if drafts > 0 && ev.status == EvalStatus::Draft {
        s.ask(Pending::ResumeDrafts { count: drafts });
    } else {
        let said = match ev.status {
            EvalStatus::Draft => None,
            EvalStatus::Submitted => Some(s.tr(
                "此表已提交，只读；需修改请在列表中按 R 重新打开",
                "This sheet is submitted: read only; to correct it, reopen it with R in the list",
            )),
            EvalStatus::Locked => Some(s.tr(
                "此表已锁定，只读；管理员可在列表中按 U 解锁",
                "This sheet is locked: read only; an admin unlocks it with U in the list",
            )),
        };
        if let Some(said) = said {
            // Drafts typed before someone else submitted it stay in the store, unused, until
            // the sheet is a draft again.
            s.info(match (drafts, s.en) {
                (0, _) => said.to_string(),
                (n, false) => format!("{said}（你上次未保存的 {n} 项草稿暂不使用）"),
                (n, true) => format!("{said} ({n} unsaved cells of yours from last time wait)"),
            });
        }
    }
    Outcome::Handled
}

fn drafts_effect(s: &State, w: Option<DraftWrite>) -> Option<Effect> {
    let sh = s.sheet()?;
    w.map(|w| Effect::PutDrafts {
        eval_id: sh.evaluation_id(),
        base_version: sh.version(),
        writes: vec![w],
    })
}

fn sheet_error(s: &mut State, e: crate::domain::sheet::SheetError) {
    use crate::domain::sheet::SheetError;
    let hint = match &e {
        SheetError::ReadOnly(EvalStatus::Submitted) => s.tr(
            "（在列表中按 R 重新打开）",
            " (reopen it with R in the list)",
        ),
        SheetError::ReadOnly(EvalStatus::Locked) => s.tr(
            "（管理员在列表中按 U 解锁）",
            " (an admin unlocks it with U in the list)",
        ),
        _ => "",
    };
    let msg = if s.en { e.to_string() } else { e.message_zh() };
    s.warn(format!("{msg}{hint}"));
}

/// The status change asked for, checked against the stored sheet: refused with a reason,
/// asked about when it is easy to regret, or made.
fn status_ready(s: &mut State, m: &Model, ev: &Evaluation, change: StatusChange) -> Outcome {
    if StatusChange::between(ev.status, change.target()) != Some(change) {
        if ev.status == EvalStatus::Locked {
            s.warn(s.tr(
                "此表已锁定（管理员可在列表中按 U 解锁）",
                "This sheet is locked (an admin unlocks it with U in the list)",
            ));
            return Outcome::Handled;
        }
        let (st, ch) = if s.en {
            (ev.status.name_en(), change.name_en())
        } else {
            (ev.status.name_zh(), change.name_zh())
        };
        s.info(if s.en {
            format!("This sheet is {st}: nothing to {ch}")
        } else {
            format!("此表现为{st}，无需{ch}")
        });
        return Outcome::Handled;
    }
    let items: Vec<String> = crate::io::policy::find(&m.profiles, &ev.template)
        .map(|p| p.evaluation.items().map(|(_, i)| i.id.clone()).collect())
        .unwrap_or_default();
    let empty = items.iter().filter(|i| !ev.scores.contains_key(*i)).count();
    ask_status(s, ev.id, change, empty, items.len())
}

/// Ask before submitting or locking an incomplete sheet and before any unlock; else change.
fn ask_status(
    s: &mut State,
    eval_id: i64,
    change: StatusChange,
    empty: usize,
    items: usize,
) -> Outcome {
    let ask = match change {
        StatusChange::Submit | StatusChange::Lock => empty > 0,
        StatusChange::Unlock => true,
        StatusChange::Reopen => false,
    };
    if ask {
        s.ask(Pending::ChangeStatus {
            eval_id,
            change,
            empty,
            items,
        });
        return Outcome::Handled;
    }
    Outcome::Effect(Effect::SetStatus {
        eval_id,
        status: change.target(),
    })
}

fn scores(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let rows = d.score_rows(m);
    let n = rows.len();
    let last = n.saturating_sub(1);
    let row = rows.get(s.scores.selected.min(last));
    match a {
        Action::MoveDown => s.scores.selected = (s.scores.selected + 1).min(last),
        Action::MoveUp => s.scores.selected = s.scores.selected.saturating_sub(1),
        Action::PageDown => s.scores.selected = (s.scores.selected + s.page).min(last),
        Action::PageUp => s.scores.selected = s.scores.selected.saturating_sub(s.page),
        Action::Top => s.scores.selected = 0,
        Action::Bottom => s.scores.selected = last,
        Action::OpenSheet | Action::Expand | Action::Confirm => {
            match row.and_then(|r| r.sheet.evaluation_id) {
                Some(eval_id) => return Outcome::Effect(Effect::OpenSheet { eval_id }),
                None => s.info(s.tr(
                    "尚无此评估：按 n 新建",
                    "No such evaluation yet: press n to create it",
                )),
            }
        }
        Action::NewEvaluation => match row {
            Some(r) if r.sheet.status == SheetStatus::Missing => {
                return Outcome::Effect(Effect::CreateEvaluation {
                    site_id: r.site_id,
                    year: r.sheet.year,
                    phase: r.sheet.phase,
                    template: r.policy.clone(),
                })
            }
            Some(_) => s.info(s.tr(
                "此评估已存在：Enter 打开",
                "This evaluation exists: Enter opens it",
            )),
            None => {}
        },
        Action::ExportScores => return Outcome::Effect(Effect::ExportScores),
        Action::SubmitSheet | Action::LockSheet | Action::ReopenSheet | Action::UnlockSheet => {
            let change = match a {
                Action::SubmitSheet => StatusChange::Submit,
                Action::LockSheet => StatusChange::Lock,
                Action::ReopenSheet => StatusChange::Reopen,
                _ => StatusChange::Unlock,
            };
            if change.admin_only() && m.actor.role != UserRole::Admin {
                s.warn(admin_only(s, &m.actor.name, change));
                return Outcome::Handled;
            }
            match row.and_then(|r| r.sheet.evaluation_id) {
                Some(eval_id) => return Outcome::Effect(Effect::PrepareStatus { eval_id, change }),
                None => s.info(s.tr("尚无此评估", "No such evaluation yet")),
            }
        }
        _ => return Outcome::NotMine,
    }
    // Handled here; `None` above means "not a scores key".
    Outcome::Handled
}

fn admin_only(s: &State, name: &str, change: StatusChange) -> String {
    if s.en {
        format!(
            "only an admin may {} a sheet; {name} is not one",
            change.name_en()
        )
    } else {
        format!(
            "只有管理员可以{}评估表，{name} 不是管理员",
            change.name_zh()
        )
    }
}

/// Close the sheet (and whatever is open over it) back to the list.
fn close_sheet(s: &mut State) {
    s.overlay = Overlay::None;
}

fn grid(s: &mut State, a: Action) -> Outcome {
    let Overlay::Grid(g) = &mut s.overlay else {
        return Outcome::Handled;
    };
    let sh = &mut g.sheet;
    let res = match a {
        Action::GridNext => sh.enter(),
        Action::GridPrev => sh.move_up(),
        Action::MoveDown => sh.move_down(),
        Action::MoveUp => sh.move_up(),
        Action::DeleteBack => sh.backspace().map(|_| None),
        Action::Undo => Ok(sh.undo()),
        Action::Redo => Ok(sh.redo()),
        Action::Help => {
            s.open_help();
            return Outcome::Handled;
        }
        Action::Cancel => {
            if sh.is_editing() {
                sh.cancel_edit();
            } else if sh.is_dirty() {
                s.ask(Pending::LeaveSheet);
            } else {
                close_sheet(s);
            }
            return Outcome::Handled;
        }
        Action::SaveSheet => {
            if sh.is_editing() {
                if let Err(e) = sh.commit() {
                    sheet_error(s, e);
                    return Outcome::Handled;
                }
            }
            return Outcome::Effect(Effect::SaveSheet(sh.save_request()));
        }
        Action::SubmitSheet => {
            if sh.is_read_only() {
                let e = crate::domain::sheet::SheetError::ReadOnly(sh.status());
                sheet_error(s, e);
                return Outcome::Handled;
            }
            if sh.is_dirty() || sh.is_editing() {
                s.warn(s.tr(
                    "请先 Ctrl-S 保存再提交",
                    "Save with Ctrl-S before submitting",
                ));
                return Outcome::Handled;
            }
            let (id, empty, items) = (sh.evaluation_id(), sh.empty(), sh.rows().len());
            return ask_status(s, id, StatusChange::Submit, empty, items);
        }
        _ => return Outcome::NotMine,
    };
    match res {
        Ok(w) => drafts_effect(s, w).into(),
        Err(e) => {
            sheet_error(s, e);
            Outcome::Handled
        }
    }
}

fn confirm(s: &mut State, a: Action) -> Outcome {
    let Overlay::Confirm { question, under } = std::mem::take(&mut s.overlay) else {
        return Outcome::Handled;
    };
    match (question, a) {
        (Pending::LeaveSheet, Action::Yes) => {
            let req = under.grid().map(|g| g.sheet.save_request());
            close_sheet(s);
            req.map(Effect::SaveSheet).into()
        }
        (Pending::LeaveSheet, Action::No) => {
            let lost = under.grid().is_some_and(|g| g.drafts_lost);
            close_sheet(s);
            if lost {
                s.warn(s.tr(
                    "已离开；未能写入草稿的修改已丢弃",
                    "Left; the changes that could not be kept as drafts are gone",
                ));
            } else {
                s.info(s.tr(
                    "已离开；未保存的格子作为草稿保留",
                    "Left; unsaved cells stay as drafts",
                ));
            }
            Outcome::Handled
        }
        (
            Pending::ChangeStatus {
                eval_id, change, ..
            },
            Action::Yes,
        ) => {
            s.overlay = *under;
            Outcome::Effect(Effect::SetStatus {
                eval_id,
                status: change.target(),
            })
        }
        (Pending::ChangeStatus { .. }, Action::No | Action::Cancel) => {
            s.overlay = *under;
            s.info(s.tr("未更改", "Nothing changed"));
            Outcome::Handled
        }
        (Pending::ResumeDrafts { .. }, Action::Yes) => {
            s.overlay = *under;
            s.info(s.tr("已恢复草稿", "Drafts resumed"));
            Outcome::Handled
        }
        (Pending::ResumeDrafts { .. }, Action::No) => {
            let id = under.grid().map(|g| g.sheet.evaluation_id());
            close_sheet(s);
            id.map(|eval_id| Effect::DiscardDrafts { eval_id }).into()
        }
        (_, Action::Cancel) => {
            s.overlay = *under;
            Outcome::Handled
        }
        (question, _) => {
            s.overlay = Overlay::Confirm { question, under };
            Outcome::Handled
        }
    }
}

fn conflict(s: &mut State, a: Action) -> Outcome {
    let Overlay::Conflict {
        conflict: c,
        row,
        grid,
    } = &mut s.overlay
    else {
        return Outcome::Handled;
    };
    let n = c.items.len();
    match a {
        Action::MoveDown => *row = (*row + 1).min(n.saturating_sub(1)),
        Action::MoveUp => *row = row.saturating_sub(1),
        Action::TakeMine => c.choose(*row, Side::Mine),
        Action::TakeTheirs => c.choose(*row, Side::Theirs),
        Action::TakeAllMine => c.choose_all(Side::Mine),
        Action::TakeAllTheirs => c.choose_all(Side::Theirs),
        Action::Cancel => {
            s.close_overlay();
            s.info(s.tr(
                "未合并；保存前需处理冲突",
                "Not merged; the conflict must be settled before saving",
            ));
        }
        Action::Confirm => {
            if !c.is_resolved() {
                let left = c.unresolved();
                s.warn(if s.en {
                    format!("{left} items still to choose")
                } else {
                    format!("还有{left}项未选择")
                });
                return Outcome::Handled;
            }
            let sh = &mut grid.sheet;
            match sh.resolve(c) {
                Ok(writes) => {
                    let (eval_id, base_version) = (sh.evaluation_id(), sh.version());
                    s.close_overlay();
                    s.info(s.tr("已合并：Ctrl-S 保存", "Merged: Ctrl-S saves"));
                    return Outcome::Effect(Effect::PutDrafts {
                        eval_id,
                        base_version,
                        writes,
                    });
                }
                Err(e) => sheet_error(s, e),
            }
        }
        _ => {}
    }
    Outcome::Handled
}

fn help(s: &mut State, a: Action) -> Outcome {
    let page = s.page as u16;
    let Overlay::Help { offset, .. } = &mut s.overlay else {
        return Outcome::Handled;
    };
    match a {
        Action::Cancel | Action::Help | Action::Quit => s.close_overlay(),
        Action::MoveDown => *offset = offset.saturating_add(1),
        Action::MoveUp => *offset = offset.saturating_sub(1),
        Action::PageDown => *offset = offset.saturating_add(page),
        Action::PageUp => *offset = offset.saturating_sub(page),
        _ => {}
    }
    Outcome::Handled
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

fn search(s: &mut State, m: &Model, a: Action) -> Outcome {
    let page = s.page;
    let Overlay::Search(st) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if edit_input(&mut st.input, a) {
        return search_effect(st);
    }
    let n = st.hits.len();
    match a {
        Action::Cancel => s.overlay = Overlay::None,
        Action::MoveDown => st.selected = (st.selected + 1).min(n.saturating_sub(1)),
        Action::MoveUp => st.selected = st.selected.saturating_sub(1),
        Action::PageDown => st.selected = (st.selected + page).min(n.saturating_sub(1)),
        Action::PageUp => st.selected = st.selected.saturating_sub(page),
        Action::Confirm => {
            // The hits on screen may still be the previous query's (typing outran the search):
            // Enter then waits for the answer to what was typed and takes its first hit.
            if st.waiting() {
                st.confirm_pending = true;
                s.info(s.tr("搜索中…", "Searching…"));
            } else if let Some(&node) = st.hits.get(st.selected) {
                s.overlay = Overlay::None;
                jump_to(s, m, node);
            }
        }
        _ => {}
    }
    Outcome::Handled
}

/// Show `node` in the tree: widen the scope if it lies outside, open its ancestors.
pub fn jump_to(s: &mut State, m: &Model, node: u32) {
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(s.scope, node) {
        s.scope = tree.root_of(node);
    }
    s.tree.expansion.reveal(tree, s.scope, node);
    s.tree.cursor = node;
    s.view = View::Tree;
    s.info(tree.path_names(node, " › "));
}

fn set_scope(s: &mut State, m: &Model, node: u32) {
    s.scope = node;
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(node, s.tree.cursor) {
        s.tree.cursor = node;
    }
    s.tree.expansion.open(node);
    s.dash.child = 0;
    s.info(format!(
        "{}{}",
        s.tr("范围：", "Scope: "),
        tree.path_names(node, " › ")
    ));
}

fn command(s: &mut State, m: &Model, a: Action) -> Outcome {
    let Overlay::Command(input) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if edit_input(input, a) {
        return Outcome::Handled;
    }
    match a {
        Action::Cancel => s.overlay = Overlay::None,
        Action::Confirm => {
            let line = input.value().trim().to_string();
            s.overlay = Overlay::None;
            return run_command(s, m, &line);
        }
        _ => {}
    }
    Outcome::Handled
}

/// `:scope NAME|CODE`, `:asof YYYY-MM-DD`, `:today`, `:q`.
pub fn run_command(s: &mut State, m: &Model, line: &str) -> Outcome {
    let line = line.trim_start_matches(':').trim();
    let (cmd, arg) = line
        .split_once(char::is_whitespace)
        .map(|(c, a)| (c, a.trim()))
        .unwrap_or((line, ""));
    match cmd {
        "" => Outcome::Handled,
        "q" | "quit" | "wq" => {
            s.quit = true;
            Outcome::Effect(Effect::Quit)
        }
        "today" => {
            s.as_of = s.today;
            Outcome::Handled
        }
        "asof" | "as-of" | "date" => {
            match chrono::NaiveDate::parse_from_str(arg, "%Y-%m-%d") {
                Ok(d) => s.as_of = d,
                Err(_) => s.error(format!(
                    "{}{arg:?}",
                    s.tr("日期格式应为 YYYY-MM-DD：", "Expected YYYY-MM-DD: ")
                )),
            }
            Outcome::Handled
        }
        "scope" => {
            if arg.is_empty() {
                s.error(s.tr(
                    ":scope 后面写区划名称或代码",
                    ":scope needs a division name or code",
                ));
                return Outcome::Handled;
            }
            if let Some(n) = m.net.tree.find(arg) {
                set_scope(s, m, n);
                return Outcome::Handled;
            }
            Outcome::Effect(Effect::Search {
                query: arg.to_string(),
                purpose: SearchPurpose::Scope,
            })
        }
        "meeting" => {
            s.meeting = !s.meeting;
            Outcome::Handled
        }
        other => {
            s.error(format!(
                "{}{other} ({})",
                s.tr("未知命令：", "Unknown command: "),
                ":scope :asof :today :q"
            ));
            Outcome::Handled
        }
    }
}

/// One month on; a month's last day steps to the other month's last day, so deadlines at
/// month ends (2021-12-31, 2022-03-31) stay on them.
pub fn step_month(d: chrono::NaiveDate, forward: bool) -> chrono::NaiveDate {
    let next = if forward {
        d.checked_add_months(Months::new(1))
    } else {
        d.checked_sub_months(Months::new(1))
    };
    let Some(next) = next else { return d };
    let is_month_end = d.succ_opt().is_none_or(|t| t.month() != d.month());
    if is_month_end {
        last_of_month(next)
    } else {
        next
    }
}

fn last_of_month(d: chrono::NaiveDate) -> chrono::NaiveDate {
    let first_next = if d.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_next.and_then(|f| f.pred_opt()).unwrap_or(d)
}

fn visible(s: &State, m: &Model) -> Vec<(u32, u16)> {
    s.tree.expansion.visible(&m.net.tree, s.scope)
}

fn normal(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    match a {
        Action::Quit => {
            s.quit = true;
            return Outcome::Effect(Effect::Quit);
        }
        Action::Help => s.open_help(),
        Action::Search => s.overlay = Overlay::Search(SearchState::default()),
        Action::CommandLine => s.overlay = Overlay::Command(tui_input::Input::default()),
        Action::NextView | Action::PrevView => {
            let k = View::ALL.iter().position(|v| *v == s.view).unwrap_or(0);
            let n = View::ALL.len();
            let k = if a == Action::NextView {
                (k + 1) % n
            } else {
                (k + n - 1) % n
            };
            s.view = View::ALL[k];
        }
        Action::View1 => s.view = View::Dashboard,
        Action::View2 => s.view = View::Tree,
        Action::View3 => s.view = View::Staff,
        Action::View4 => s.view = View::Scores,
        Action::View5 => s.view = View::Alerts,
        Action::MonthBack => s.as_of = step_month(s.as_of, false),
        Action::MonthForward => s.as_of = step_month(s.as_of, true),
        Action::WeekBack => s.as_of = s.as_of.checked_sub_days(Days::new(7)).unwrap_or(s.as_of),
        Action::WeekForward => s.as_of = s.as_of.checked_add_days(Days::new(7)).unwrap_or(s.as_of),
        Action::Today => s.as_of = s.today,
        Action::Meeting => {
            s.meeting = !s.meeting;
            s.message = None;
            if s.meeting {
                s.view = View::Dashboard;
            }
        }
        Action::Cancel => {
            if s.meeting {
                s.meeting = false;
            } else {
                s.message = None;
            }
        }
        Action::ScopeUp => {
            if let Some(p) = m.net.tree.parent(s.scope) {
                set_scope(s, m, p);
            }
        }
        Action::Export => return Outcome::Effect(Effect::Export),
        Action::NextMilestone => {
            let n = d.milestones().len();
            if n > 0 {
                s.dash.milestone = (s.dash.milestone.min(n - 1) + 1) % n;
                s.dash.child = 0;
            }
        }
        Action::PrevMilestone => {
            let n = d.milestones().len();
            if n > 0 {
                s.dash.milestone = (s.dash.milestone.min(n - 1) + n - 1) % n;
                s.dash.child = 0;
            }
        }
        _ => match s.view {
            View::Tree => tree_nav(s, m, a),
            View::Dashboard => dash_nav(s, m, d, a),
            View::Scores | View::Staff | View::Alerts => {}
        },
    }
    Outcome::Handled
}

fn dash_nav(s: &mut State, m: &Model, d: &Derived, a: Action) {
    let rows = d
        .selected(s.dash.milestone)
        .map(|(_, ms)| lagging(&ms.children))
        .unwrap_or_default();
    let n = rows.len();
    let last = n.saturating_sub(1);
    match a {
        Action::MoveDown => s.dash.child = (s.dash.child + 1).min(last),
        Action::MoveUp => s.dash.child = s.dash.child.saturating_sub(1),
        Action::PageDown => s.dash.child = (s.dash.child + s.page).min(last),
        Action::PageUp => s.dash.child = s.dash.child.saturating_sub(s.page),
        Action::Top => s.dash.child = 0,
        Action::Bottom => s.dash.child = last,
        // Narrowing and widening the scope is reading, not editing: allowed in meetings too.
        Action::Expand | Action::ScopeHere | Action::Confirm => {
            if let Some(c) = rows.get(s.dash.child) {
                set_scope(s, m, c.node);
            }
        }
        Action::Collapse | Action::Parent => {
            if let Some(p) = m.net.tree.parent(s.scope) {
                set_scope(s, m, p);
            }
        }
        _ => {}
    }
}

fn tree_nav(s: &mut State, m: &Model, a: Action) {
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(s.scope, s.tree.cursor) {
        s.tree.cursor = s.scope;
    }
    let cur = s.tree.cursor;
    let rows = || visible(s, m);
    let pos = |rows: &[(u32, u16)]| rows.iter().position(|r| r.0 == cur).unwrap_or(0);
    match a {
        Action::MoveDown
        | Action::MoveUp
        | Action::PageDown
        | Action::PageUp
        | Action::Top
        | Action::Bottom => {
            let v = rows();
            let p = pos(&v);
            let last = v.len().saturating_sub(1);
            let q = match a {
                Action::MoveDown => (p + 1).min(last),
                Action::MoveUp => p.saturating_sub(1),
                Action::PageDown => (p + s.page.max(1)).min(last),
                Action::PageUp => p.saturating_sub(s.page.max(1)),
                Action::Top => 0,
                _ => last,
            };
            if let Some(r) = v.get(q) {
                s.tree.cursor = r.0;
            }
        }
        Action::Expand | Action::Confirm if tree.has_children(cur) => {
            if s.tree.expansion.is_open(cur) {
                if let Some(c) = tree.children(cur).next() {
                    s.tree.cursor = c;
                }
            } else {
                s.tree.expansion.open(cur);
            }
        }
        Action::Collapse => {
            if s.tree.expansion.is_open(cur) && tree.has_children(cur) {
                s.tree.expansion.close(cur);
            } else if cur != s.scope {
                if let Some(p) = tree.parent(cur) {
                    s.tree.cursor = p;
                }
            }
        }
        Action::Parent if cur != s.scope => {
            if let Some(p) = tree.parent(cur) {
                s.tree.cursor = p;
            }
        }
        Action::FirstChild | Action::LastChild => {
            let pick = if a == Action::FirstChild {
                tree.children(cur).next()
            } else {
                tree.children(cur).last()
            };
            if let Some(c) = pick {
                s.tree.expansion.open(cur);
                s.tree.cursor = c;
            }
        }
        Action::ScopeHere => set_scope(s, m, cur),
        _ => {}
    }
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

fn staff(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    use crate::domain::staff::{CertLevel, Role};
    let rows = super::model::filtered_staff(d, m, &s.staff);
    let n = rows.len();
    let current = rows
        .get(s.staff.selected.min(n.saturating_sub(1)))
        .map(|r| (r.staff_id, r.cert));
    if list_move(&mut s.staff.selected, n, s.page, a) {
        return Outcome::Handled;
    }
    let today = s.as_of.to_string();
    let year = s.as_of.year().to_string();
    match a {
        Action::CycleFilter => {
            s.staff.filter = s.staff.filter.next();
            s.staff.selected = 0;
        }
        Action::CycleRole => {
            let k = s
                .staff
                .role
                .and_then(|r| Role::ALL.iter().position(|x| *x == r));
            s.staff.role = match k {
                None => Some(Role::ALL[0]),
                Some(i) if i + 1 < Role::ALL.len() => Some(Role::ALL[i + 1]),
                Some(_) => None,
            };
            s.staff.selected = 0;
        }
        Action::CycleCert => {
            let k = s
                .staff
                .cert
                .and_then(|r| CertLevel::ALL.iter().position(|x| *x == r));
            s.staff.cert = match k {
                None => Some(CertLevel::ALL[0]),
                Some(i) if i + 1 < CertLevel::ALL.len() => Some(CertLevel::ALL[i + 1]),
                Some(_) => None,
            };
            s.staff.selected = 0;
        }
        Action::CycleSort => s.staff.sort = s.staff.sort.next(),
        Action::ReverseSort => s.staff.reverse = !s.staff.reverse,
        Action::NameFilter => s.overlay = Overlay::Filter,
        Action::Expand | Action::Confirm => s.staff.person = current.map(|c| c.0),
        Action::Cancel | Action::Collapse if s.staff.person.is_some() => s.staff.person = None,
        Action::RecordCertificate
        | Action::RecordRegistration
        | Action::RecordTraining
        | Action::RecordDeparture => {
            let Some((staff_id, cert)) = current else {
                return Outcome::Handled;
            };
            let (kind, fields): (FormKind, Vec<(&'static str, &'static str, String)>) = match a {
                Action::RecordCertificate => (
                    FormKind::Certificate,
                    vec![
                        (
                            "等级（初级/中级/高级）",
                            "Level (assistant/intermediate/senior)",
                            String::new(),
                        ),
                        ("通过日期", "Date passed", today),
                    ],
                ),
                Action::RecordRegistration => {
                    let exp = s
                        .as_of
                        .checked_add_months(Months::new(36))
                        .map(|x| x.to_string())
                        .unwrap_or_default();
                    let _ = cert;
                    (
                        FormKind::Registration,
                        vec![
                            ("注册日期", "Registered on", today),
                            ("有效期至", "Valid until", exp),
                        ],
                    )
                }
                Action::RecordTraining => (
                    FormKind::Training,
                    vec![("年度", "Year", year), ("学时", "Hours", String::new())],
                ),
                _ => (FormKind::Departure, vec![("离职日期", "Left on", today)]),
            };
            s.overlay = Overlay::Form(Form {
                kind,
                staff_id,
                fields: fields
                    .into_iter()
                    .map(|(z, e, v)| (z, e, tui_input::Input::new(v)))
                    .collect(),
                focus: 0,
                errors: vec![],
            });
        }
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}

fn filter(s: &mut State, a: Action) -> Outcome {
    if edit_input(&mut s.staff.name, a) {
        s.staff.selected = 0;
        return Outcome::Handled;
    }
    match a {
        Action::Cancel => {
            s.staff.name.reset();
            s.overlay = Overlay::None;
        }
        Action::Confirm => s.overlay = Overlay::None,
        _ => {}
    }
    Outcome::Handled
}

fn form(s: &mut State, m: &Model, a: Action) -> Outcome {
    use crate::domain::rules;
    let Overlay::Form(f) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if let Some(field) = f.fields.get_mut(f.focus) {
        if edit_input(&mut field.2, a) {
            f.errors.clear();
            return Outcome::Handled;
        }
    }
    match a {
        Action::NextField => f.focus = (f.focus + 1) % f.fields.len().max(1),
        Action::PrevField => {
            f.focus = (f.focus + f.fields.len().max(1) - 1) % f.fields.len().max(1)
        }
        Action::Cancel => {
            s.close_overlay();
        }
        Action::Confirm => {
            let en = s.en;
            let today = s.as_of;
            let val = |k: usize| {
                f.fields
                    .get(k)
                    .map(|x| x.2.value().trim().to_string())
                    .unwrap_or_default()
            };
            let date = |k: usize| chrono::NaiveDate::parse_from_str(&val(k), "%Y-%m-%d").ok();
            let bad_date = |k: usize| {
                if en {
                    format!("{}: expected YYYY-MM-DD, got {:?}", f.fields[k].1, val(k))
                } else {
                    format!("{}：日期应为 YYYY-MM-DD，现为“{}”", f.fields[k].0, val(k))
                }
            };
            let Some(p) = m.net.staff.iter().find(|p| p.id == f.staff_id) else {
                s.close_overlay();
                return Outcome::Handled;
            };
            let msg = |e: Vec<rules::FieldError>| {
                e.into_iter()
                    .map(|x| if en { x.en } else { x.zh })
                    .collect::<Vec<_>>()
            };
            let reg_rule = rules::profile_of_site(&m.net, &m.profiles, p.site_id)
                .map(|pr| pr.registration.clone())
                .unwrap_or_default();
            let edit = match f.kind {
                FormKind::Certificate => {
                    let level = crate::domain::staff::CertLevel::parse(match val(0).as_str() {
                        "初级" | "助理" => "assistant",
                        "中级" => "intermediate",
                        "高级" => "senior",
                        other => other,
                    });
                    match (level, date(1)) {
                        (None, _) => Err(vec![if en {
                            format!("unknown level {:?}", val(0))
                        } else {
                            format!("未知的等级“{}”", val(0))
                        }]),
                        (_, None) => Err(vec![bad_date(1)]),
                        (Some(l), Some(d)) => {
                            let e = rules::check_certificate(l, d, today);
                            if e.is_empty() {
                                Ok(StaffEdit::Certificate {
                                    staff_id: p.id,
                                    level: l,
                                    passed: d,
                                })
                            } else {
                                Err(msg(e))
                            }
                        }
                    }
                }
                FormKind::Registration => match (date(0), date(1)) {
                    (None, _) => Err(vec![bad_date(0)]),
                    (_, None) => Err(vec![bad_date(1)]),
                    (Some(on), Some(exp)) => {
                        let e = rules::check_registration(
                            p.cert_level,
                            p.cert_passed,
                            on,
                            exp,
                            &reg_rule,
                            today,
                        );
                        if e.is_empty() {
                            Ok(StaffEdit::Registration {
                                staff_id: p.id,
                                on,
                                expiry: exp,
                            })
                        } else {
                            Err(msg(e))
                        }
                    }
                },
                FormKind::Training => {
                    let year: Option<i32> = val(0).parse().ok();
                    let hours: Option<f64> = crate::domain::evaluation::normalise_digits(&val(1))
                        .parse()
                        .ok();
                    match (year, hours) {
                        (Some(y), Some(h)) => {
                            let e = rules::check_training(y, h, Some(p.hired), today);
                            if e.is_empty() {
                                Ok(StaffEdit::Training {
                                    staff_id: p.id,
                                    year: y,
                                    hours: h,
                                })
                            } else {
                                Err(msg(e))
                            }
                        }
                        _ => Err(vec![if en {
                            "year and hours must be numbers".to_string()
                        } else {
                            "年度和学时须为数字".to_string()
                        }]),
                    }
                }
                FormKind::Departure => match date(0) {
                    None => Err(vec![bad_date(0)]),
                    Some(on) => {
                        let e = rules::check_departure(on, p.hired, today);
                        if e.is_empty() {
                            Ok(StaffEdit::Departure { staff_id: p.id, on })
                        } else {
                            Err(msg(e))
                        }
                    }
                },
            };
            match edit {
                Ok(e) => {
                    s.close_overlay();
                    return Outcome::Effect(Effect::StaffEdit(e));
                }
                Err(errs) => f.errors = errs,
            }
        }
        _ => {}
    }
    Outcome::Handled
}

fn alerts_nav(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let alerts = d.alerts(m);
    if list_move(&mut s.alerts_selected, alerts.len(), s.page, a) {
        return Outcome::Handled;
    }
    match a {
        Action::Expand | Action::Confirm => {
            let Some(al) = alerts.get(s.alerts_selected) else {
                return Outcome::NotMine;
            };
            match al.staff_id {
                Some(id) => {
                    s.view = View::Staff;
                    s.staff = Default::default();
                    s.staff.person = Some(id);
                    if let Some(k) = super::model::filtered_staff(d, m, &s.staff)
                        .iter()
                        .position(|r| r.staff_id == id)
                    {
                        s.staff.selected = k;
                    }
                }
                None => jump_to(s, m, al.node),
            }
            Outcome::Handled
        }
        _ => Outcome::NotMine,
    }
}
