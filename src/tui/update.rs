//! update(&mut State, &Model, &Derived, Msg) -> Option<Effect>: pure, no I/O.

use chrono::{Days, Months};
use tui_input::InputRequest;

use super::action::{Action, Mode};
use super::model::{Derived, Model};
use super::state::{SearchPurpose, State, View};
use crate::domain::coverage::lagging;

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
}

pub fn update(s: &mut State, m: &Model, d: &Derived, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Act(a) => act(s, m, d, a),
        Msg::Type(c) => type_char(s, c),
        Msg::SearchDone { query, hits } => {
            if s.mode == Mode::Search && s.search.input.value().trim() == query {
                s.search.hits = hits;
                s.search.for_query = query;
                s.search.selected = 0;
            }
            None
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
            None
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

fn type_char(s: &mut State, c: char) -> Option<Effect> {
    match s.mode {
        Mode::Search => {
            s.search.input.handle(InputRequest::InsertChar(c));
            search_effect(s)
        }
        Mode::Command => {
            s.command.handle(InputRequest::InsertChar(c));
            None
        }
        _ => None,
    }
}

fn search_effect(s: &State) -> Option<Effect> {
    Some(Effect::Search {
        query: s.search.input.value().trim().to_string(),
        purpose: SearchPurpose::Jump,
    })
}

fn act(s: &mut State, m: &Model, d: &Derived, a: Action) -> Option<Effect> {
    // Read-only is enforced here, where every action is dispatched, not per view.
    if a.is_edit() {
        if s.meeting {
            s.warn(s.tr(
                "会议模式只读：按 m 或 Esc 退出会议模式后再编辑",
                "Meeting view is read-only: leave it with m or Esc to edit",
            ));
            return None;
        }
        if let Some(why) = &m.read_only {
            s.warn(format!("{}{why}", s.tr("只读：", "Read-only: ")));
            return None;
        }
    }
    match s.mode {
        Mode::Help => help(s, a),
        Mode::Search => search(s, m, a),
        Mode::Command => command(s, m, a),
        Mode::Normal => normal(s, m, d, a),
    }
}

fn help(s: &mut State, a: Action) -> Option<Effect> {
    match a {
        Action::Cancel | Action::Help | Action::Quit => s.mode = Mode::Normal,
        Action::MoveDown => s.help_offset = s.help_offset.saturating_add(1),
        Action::MoveUp => s.help_offset = s.help_offset.saturating_sub(1),
        Action::PageDown => s.help_offset = s.help_offset.saturating_add(s.page as u16),
        Action::PageUp => s.help_offset = s.help_offset.saturating_sub(s.page as u16),
        _ => {}
    }
    None
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

fn search(s: &mut State, m: &Model, a: Action) -> Option<Effect> {
    if edit_input(&mut s.search.input, a) {
        return search_effect(s);
    }
    let n = s.search.hits.len();
    match a {
        Action::Cancel => s.mode = Mode::Normal,
        Action::MoveDown => s.search.selected = (s.search.selected + 1).min(n.saturating_sub(1)),
        Action::MoveUp => s.search.selected = s.search.selected.saturating_sub(1),
        Action::PageDown => {
            s.search.selected = (s.search.selected + s.page).min(n.saturating_sub(1))
        }
        Action::PageUp => s.search.selected = s.search.selected.saturating_sub(s.page),
        Action::Confirm => {
            if let Some(&node) = s.search.hits.get(s.search.selected) {
                s.mode = Mode::Normal;
                jump_to(s, m, node);
            } else if s.search.waiting() {
                s.info(s.tr("搜索中…", "Searching…"));
            }
        }
        _ => {}
    }
    None
}

/// Show `node` in the tree: widen the scope if it lies outside, open its ancestors.
pub fn jump_to(s: &mut State, m: &Model, node: u32) {
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(s.scope, node) {
        let root = tree.path(node).first().copied().unwrap_or(node);
        s.scope = root;
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

fn command(s: &mut State, m: &Model, a: Action) -> Option<Effect> {
    if edit_input(&mut s.command, a) {
        return None;
    }
    match a {
        Action::Cancel => s.mode = Mode::Normal,
        Action::Confirm => {
            let line = s.command.value().trim().to_string();
            s.command.reset();
            s.mode = Mode::Normal;
            return run_command(s, m, &line);
        }
        _ => {}
    }
    None
}

/// `:scope NAME|CODE`, `:asof YYYY-MM-DD`, `:today`, `:q`.
pub fn run_command(s: &mut State, m: &Model, line: &str) -> Option<Effect> {
    let line = line.trim_start_matches(':').trim();
    let (cmd, arg) = line
        .split_once(char::is_whitespace)
        .map(|(c, a)| (c, a.trim()))
        .unwrap_or((line, ""));
    match cmd {
        "" => None,
        "q" | "quit" | "wq" => {
            s.quit = true;
            Some(Effect::Quit)
        }
        "today" => {
            s.as_of = s.today;
            None
        }
        "asof" | "as-of" | "date" => {
            match chrono::NaiveDate::parse_from_str(arg, "%Y-%m-%d") {
                Ok(d) => s.as_of = d,
                Err(_) => s.error(format!(
                    "{}{arg:?}",
                    s.tr("日期格式应为 YYYY-MM-DD：", "Expected YYYY-MM-DD: ")
                )),
            }
            None
        }
        "scope" => {
            if arg.is_empty() {
                s.error(s.tr(
                    ":scope 后面写区划名称或代码",
                    ":scope needs a division name or code",
                ));
                return None;
            }
            if let Some(n) = m.net.tree.find(arg) {
                set_scope(s, m, n);
                return None;
            }
            Some(Effect::Search {
                query: arg.to_string(),
                purpose: SearchPurpose::Scope,
            })
        }
        "meeting" => {
            s.meeting = !s.meeting;
            None
        }
        other => {
            s.error(format!(
                "{}{other} ({})",
                s.tr("未知命令：", "Unknown command: "),
                ":scope :asof :today :q"
            ));
            None
        }
    }
}

fn visible(s: &State, m: &Model) -> Vec<(u32, u16)> {
    s.tree.expansion.visible(&m.net.tree, s.scope)
}

fn normal(s: &mut State, m: &Model, d: &Derived, a: Action) -> Option<Effect> {
    match a {
        Action::Quit => {
            s.quit = true;
            return Some(Effect::Quit);
        }
        Action::Help => {
            s.mode = Mode::Help;
            s.help_offset = 0;
        }
        Action::Search => {
            s.mode = Mode::Search;
            s.search.input.reset();
            s.search.hits.clear();
            s.search.for_query.clear();
            s.search.selected = 0;
        }
        Action::CommandLine => {
            s.mode = Mode::Command;
            s.command.reset();
        }
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
        Action::MonthBack => {
            s.as_of = s
                .as_of
                .checked_sub_months(Months::new(1))
                .unwrap_or(s.as_of)
        }
        Action::MonthForward => {
            s.as_of = s
                .as_of
                .checked_add_months(Months::new(1))
                .unwrap_or(s.as_of)
        }
        Action::WeekBack => s.as_of = s.as_of.checked_sub_days(Days::new(7)).unwrap_or(s.as_of),
        Action::WeekForward => s.as_of = s.as_of.checked_add_days(Days::new(7)).unwrap_or(s.as_of),
        Action::Today => s.as_of = s.today,
        Action::Meeting => {
            s.meeting = !s.meeting;
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
        Action::Export => return Some(Effect::Export),
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
        },
    }
    None
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
        Action::Expand | Action::ScopeHere | Action::Confirm => {
            if s.meeting {
                return;
            }
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
        Action::Expand | Action::Confirm => {
            if tree.has_children(cur) {
                if s.tree.expansion.is_open(cur) {
                    if let Some(c) = tree.children(cur).next() {
                        s.tree.cursor = c;
                    }
                } else {
                    s.tree.expansion.open(cur);
                }
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
        Action::Parent => {
            if cur != s.scope {
                if let Some(p) = tree.parent(cur) {
                    s.tree.cursor = p;
                }
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
