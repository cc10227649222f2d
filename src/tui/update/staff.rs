//! The staff view: filters, sorting, a person's timeline, the name filter, opening forms.

use super::*;

pub(super) fn staff(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    use crate::domain::staff::{CertLevel, Role};
    let rows = crate::tui::model::filtered_staff(d, m, &s.staff);
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
            let (kind, fields): (FormKind, Vec<(crate::i18n::Text, String)>) = match a {
                Action::RecordCertificate => (
                    FormKind::Certificate,
                    vec![
                        (msg::FORM_LEVEL, String::new()),
                        (msg::FORM_DATE_PASSED, today),
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
                            (msg::FORM_REGISTERED_ON, today),
                            (msg::FORM_VALID_UNTIL, exp),
                        ],
                    )
                }
                Action::RecordTraining => (
                    FormKind::Training,
                    vec![(msg::FORM_YEAR, year), (msg::FORM_HOURS, String::new())],
                ),
                _ => (FormKind::Departure, vec![(msg::FORM_LEFT_ON, today)]),
            };
            s.overlay = open_form(kind, staff_id, fields);
        }
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}

pub(super) fn filter(s: &mut State, a: Action) -> Outcome {
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
