//! Browsing the views (no overlay): switching views, the date, the scope, the tree and the
//! dashboard's lists.

use super::*;

pub(super) fn normal(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    match a {
        Action::Quit => {
            s.quit = true;
            return Outcome::Effect(Effect::Quit);
        }
        Action::Help => s.open_help(),
        Action::Search => s.overlay = Overlay::Search(SearchState::default()),
        Action::CommandLine => s.overlay = Overlay::Command(tui_input::Input::default()),
        // The meeting view hides the views: a view key leaves it (Tab back to the dashboard
        // it was opened from, a number to that view), never changes a view out of sight.
        Action::NextView | Action::PrevView if s.meeting => {
            s.meeting = false;
            s.view = View::Dashboard;
        }
        Action::View1 | Action::View2 | Action::View3 | Action::View4 | Action::View5
            if s.meeting =>
        {
            s.meeting = false;
            return normal(s, m, d, a);
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
        Action::View3 => s.view = View::Staff,
        Action::View4 => s.view = View::Scores,
        Action::View5 => s.view = View::Alerts,
        Action::View6 => s.view = View::Duties,
        Action::MonthBack => s.as_of = step_month(s.as_of, false),
        Action::MonthForward => s.as_of = step_month(s.as_of, true),
        Action::WeekBack => s.as_of = s.as_of.checked_sub_days(Days::new(7)).unwrap_or(s.as_of),
        Action::WeekForward => s.as_of = s.as_of.checked_add_days(Days::new(7)).unwrap_or(s.as_of),
        Action::Today => s.as_of = s.today,
        Action::RankByDuties => {
            s.dash.by_duties = !s.dash.by_duties;
            s.dash.child = 0;
        }
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
            } else if s.view == View::Dashboard && s.dash.policy.is_some() {
                s.dash.policy = None;
            } else {
                s.message = None;
            }
        }
        // Above a region's top: the overview of every bound jurisdiction, when there is one.
        Action::ScopeUp => match m.net.tree.parent(s.scope) {
            Some(p) => set_scope(s, m, p),
            None if !d.overview(m).is_empty() => {
                let here = d.overview(m).iter().position(|r| {
                    m.net.tree.is_ancestor_or_self(s.scope, r.node)
                        || m.net.tree.is_ancestor_or_self(r.node, s.scope)
                });
                s.overview = Some(here.unwrap_or(0));
                s.meeting = false;
                s.message = None;
            }
            None => {}
        },
        Action::SiteContracts if s.view == View::Tree => {
            return super::contracts::open(s, m);
        }
        Action::Export => return Outcome::Effect(Effect::Export),
        Action::NextMilestone => {
            let n = d.milestones().len();
            if n > 0 {
                s.dash.milestone = (s.dash.milestone.min(n - 1) + 1) % n;
                s.dash.child = 0;
            }
        }
        // The dashboard's policy panel; from another view, the dashboard with it open. The
        // meeting view has no such panel: nothing changes there.
        Action::PolicyPanel if s.meeting => {}
        Action::PolicyPanel if s.view != View::Dashboard => {
            s.view = View::Dashboard;
            s.dash.policy = Some(0);
        }
        Action::PolicyPanel => {
            s.dash.policy = match s.dash.policy {
                Some(_) => None,
                None => Some(0),
            };
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
            View::Scores | View::Staff | View::Alerts | View::Duties => {}
        },
    }
    Outcome::Handled
}

pub(super) fn dash_nav(s: &mut State, m: &Model, d: &Derived, a: Action) {
    // The policy panel scrolls; Esc closes it.
    if let Some(off) = s.dash.policy {
        let page = u16::try_from(s.page).unwrap_or(u16::MAX);
        s.dash.policy = match a {
            Action::MoveDown => Some(off.saturating_add(1)),
            Action::MoveUp => Some(off.saturating_sub(1)),
            Action::PageDown => Some(off.saturating_add(page)),
            Action::PageUp => Some(off.saturating_sub(page)),
            Action::Top => Some(0),
            _ => Some(off),
        };
        return;
    }
    let rows: Vec<u32> = if s.dash.by_duties {
        crate::tui::duties::ranking(d, m)
            .iter()
            .map(|c| c.node)
            .collect()
    } else {
        d.selected(s.dash.milestone)
            .map(|(_, ms)| lagging(&ms.children).iter().map(|c| c.node).collect())
            .unwrap_or_default()
    };
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
            if let Some(&node) = rows.get(s.dash.child) {
                set_scope(s, m, node);
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

pub(super) fn tree_nav(s: &mut State, m: &Model, a: Action) {
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

pub(super) fn visible(s: &State, m: &Model) -> Vec<(u32, u16)> {
    s.tree.expansion.visible(&m.net.tree, s.scope)
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

pub(super) fn last_of_month(d: chrono::NaiveDate) -> chrono::NaiveDate {
    let first_next = if d.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_next.and_then(|f| f.pred_opt()).unwrap_or(d)
}

/// Show `node` in the tree: widen the scope if it lies outside, open its ancestors.
pub fn jump_to(s: &mut State, m: &Model, node: u32) {
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(s.scope, node) {
        s.scope = tree.root_of(node);
    }
    s.tree.expansion.reveal(tree, s.scope, node);
    s.tree.cursor = node;
    // The tree is where the division is shown: a jump from the meeting view or the overview
    // leaves them.
    s.meeting = false;
    s.overview = None;
    s.view = View::Tree;
    s.info(tree.path_names(node, " › "));
}

pub(super) fn set_scope(s: &mut State, m: &Model, node: u32) {
    s.scope = node;
    // A scope is a place in one region: the overview of them all closes.
    s.overview = None;
    let tree = &m.net.tree;
    if !tree.is_ancestor_or_self(node, s.tree.cursor) {
        s.tree.cursor = node;
    }
    s.tree.expansion.open(node);
    s.dash.child = 0;
    s.info(format!(
        "{}{}",
        msg::SCOPE_PREFIX.get(s.lang),
        tree.path_names(node, " › ")
    ));
}
