//! The alerts view: moving through the list, going to what an alert is about.

use super::*;

pub(super) fn alerts_nav(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let alerts = crate::tui::model::filtered_alerts(d, m, s);
    if list_move(&mut s.alerts_selected, alerts.len(), s.page, a) {
        return Outcome::Handled;
    }
    match a {
        Action::CycleSeverity => {
            use crate::domain::rules::Severity;
            s.alerts_severity = match s.alerts_severity {
                None => Some(Severity::Critical),
                Some(Severity::Critical) => Some(Severity::Warning),
                Some(Severity::Warning) => Some(Severity::Info),
                Some(Severity::Info) => None,
            };
            s.alerts_selected = 0;
            Outcome::Handled
        }
        Action::CycleKind => {
            s.alerts_kind =
                crate::tui::model::next_alert_kind(d, m, s.alerts_severity, s.alerts_kind);
            s.alerts_selected = 0;
            Outcome::Handled
        }
        Action::Expand | Action::Confirm => {
            let Some(al) = alerts.get(s.alerts_selected) else {
                return Outcome::NotMine;
            };
            match al.staff_id {
                Some(id) => {
                    s.view = View::Staff;
                    s.staff = Default::default();
                    s.staff.person = Some(id);
                    if let Some(k) = crate::tui::model::filtered_staff(d, m, &s.staff)
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
