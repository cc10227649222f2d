//! The overview of every bound jurisdiction: moving over its rows, entering one; the view
//! keys leave it. Everything else (quit, help, search, the command line, the date) is the
//! browsing keys'.

use super::*;

pub(super) fn overview(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let Some(sel) = s.overview else {
        return Outcome::NotMine;
    };
    let rows = d.overview(m);
    let mut sel = sel.min(rows.len().saturating_sub(1));
    if list_move(&mut sel, rows.len(), s.page, a) {
        s.overview = Some(sel);
        return Outcome::Handled;
    }
    match a {
        Action::Expand | Action::Confirm | Action::ScopeHere => {
            if let Some(r) = rows.get(sel) {
                let node = r.node;
                set_scope(s, m, node);
                s.view = View::Dashboard;
                s.dash = Default::default();
            }
        }
        // The meeting view of the selected jurisdiction.
        Action::Meeting => {
            if let Some(r) = rows.get(sel) {
                let node = r.node;
                set_scope(s, m, node);
                s.dash = Default::default();
                s.view = View::Dashboard;
                s.meeting = true;
                s.message = None;
            }
        }
        // A view key leaves the overview for that view of the scope last shown.
        Action::NextView | Action::PrevView => {
            s.overview = None;
            s.view = View::Dashboard;
        }
        Action::View1 | Action::View2 | Action::View3 | Action::View4 | Action::View5 => {
            s.overview = None;
            return Outcome::NotMine;
        }
        // Nothing above the top, and nothing of the dashboard's here: no change out of sight.
        Action::ScopeUp
        | Action::Collapse
        | Action::Parent
        | Action::FirstChild
        | Action::LastChild
        | Action::NextMilestone
        | Action::PrevMilestone
        | Action::PolicyPanel
        | Action::Export => {}
        Action::Cancel => s.message = None,
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}
