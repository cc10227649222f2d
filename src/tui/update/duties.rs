//! The duties view: moving through the instances, sorting, marking one received (a date
//! typed over the list, today to start with, never after today), undoing the last mark.

use super::*;
use crate::domain::duties::{DutyMark, Status};
use crate::i18n::duties as dm;
use crate::tui::state::{DutySort, DutyUndo, MarkDuty};

/// What a row is, in words: owner, duty, period.
pub(super) fn duty_what(s: &State, m: &Model, r: &crate::tui::duties::DutyRow) -> String {
    format!(
        "{} {} {}",
        m.net.tree.node(r.owner).name,
        s.lang.pick(&r.label_zh, &r.label_en),
        r.period
    )
}

pub(super) fn duties_nav(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let rows = crate::tui::duties::sorted(d.duty_rows(m), s.duties.sort);
    if list_move(&mut s.duties.selected, rows.len(), s.page, a) {
        return Outcome::Handled;
    }
    match a {
        Action::CycleSort => {
            s.duties.sort = match s.duties.sort {
                DutySort::Overdue => DutySort::Due,
                DutySort::Due => DutySort::Overdue,
            };
            s.duties.selected = 0;
            Outcome::Handled
        }
        Action::MarkReceived => {
            let Some(r) = rows.get(s.duties.selected) else {
                return Outcome::Handled;
            };
            let what = duty_what(s, m, r);
            if let Status::Received(on) | Status::Late { on, .. } = r.status {
                s.info(dm::ALREADY.fill(s.lang, &[("what", &what), ("date", &on)]));
                return Outcome::Handled;
            }
            let mut input = tui_input::Input::default();
            for c in s.today.to_string().chars() {
                input.handle(InputRequest::InsertChar(c));
            }
            s.overlay = Overlay::MarkDuty(MarkDuty {
                mark: DutyMark {
                    policy: r.policy.clone(),
                    duty: r.duty.clone(),
                    owner: r.owner_code.clone(),
                    period: r.period.clone(),
                    received: None,
                    note: r.note.clone(),
                    seen_version: r.version,
                },
                what,
                start: r.start,
                input,
                error: None,
            });
            Outcome::Handled
        }
        Action::Undo => match s.duties.undo.pop() {
            Some(u) => Outcome::Effect(Effect::MarkDuty {
                mark: u.mark,
                what: u.what,
                undo: true,
            }),
            None => {
                s.info(dm::NOTHING_TO_UNDO.get(s.lang));
                Outcome::Handled
            }
        },
        _ => Outcome::NotMine,
    }
}

/// The received-date line: edit, confirm (checked: a date, not after today, not before the
/// period began), cancel.
pub(super) fn mark_duty(s: &mut State, a: Action) -> Outcome {
    let (lang, today) = (s.lang, s.today);
    let Overlay::MarkDuty(f) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if edit_input(&mut f.input, a) {
        f.error = None;
        return Outcome::Handled;
    }
    match a {
        Action::Cancel => s.close_overlay(),
        Action::Confirm => {
            let typed = f.input.value().trim().to_string();
            let date = (typed.len() == 10)
                .then(|| chrono::NaiveDate::parse_from_str(&typed, "%Y-%m-%d").ok())
                .flatten();
            match date {
                None => f.error = Some(dm::MARK_BAD_DATE.fill(lang, &[("value", &typed)])),
                Some(d) if d > today => {
                    f.error = Some(dm::MARK_FUTURE.fill(lang, &[("today", &today)]))
                }
                Some(d) if d < f.start => {
                    f.error = Some(dm::MARK_BEFORE_START.fill(lang, &[("start", &f.start)]))
                }
                Some(d) => {
                    let mut mark = f.mark.clone();
                    mark.received = Some(d);
                    let what = f.what.clone();
                    s.close_overlay();
                    return Outcome::Effect(Effect::MarkDuty {
                        mark,
                        what,
                        undo: false,
                    });
                }
            }
        }
        _ => {}
    }
    Outcome::Handled
}

/// A mark was written (or undone): say so, and keep what undoes it.
pub(super) fn duty_marked(s: &mut State, done: DutyMarked) -> Outcome {
    match done.undo {
        Some(mark) => {
            let date = done.received.map(|d| d.to_string()).unwrap_or_default();
            s.info(dm::MARKED.fill(s.lang, &[("what", &done.what), ("date", &date)]));
            s.duties.undo.push(DutyUndo {
                mark,
                what: done.what,
            });
        }
        None => s.info(dm::UNMARKED.fill(s.lang, &[("what", &done.what)])),
    }
    Outcome::Handled
}

/// What the app reports after a duty write.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyMarked {
    pub what: String,
    pub received: Option<chrono::NaiveDate>,
    /// The write that undoes this one; None when this was itself an undo.
    pub undo: Option<DutyMark>,
}
