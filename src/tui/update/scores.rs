//! The evaluations view: the list of sheets, opening, creating, exporting, status changes.

use super::*;
use crate::i18n::names::Named;

pub(super) fn scores(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
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
                None => s.info(msg::NO_EVALUATION_CREATE.get(s.lang)),
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
            Some(_) => s.info(msg::EVALUATION_EXISTS.get(s.lang)),
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
                None => s.info(msg::NO_EVALUATION.get(s.lang)),
            }
        }
        _ => return Outcome::NotMine,
    }
    // Handled here; `None` above means "not a scores key".
    Outcome::Handled
}

pub(super) fn admin_only(s: &State, name: &str, change: StatusChange) -> String {
    let word = s.lang.pick(change.name_zh(), change.name_en());
    msg::ADMIN_ONLY.fill(s.lang, &[("change", &word), ("name", &name)])
}
