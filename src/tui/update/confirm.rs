//! A yes/no question and what each answer does.

use super::*;

pub(super) fn confirm(s: &mut State, a: Action) -> Outcome {
    let Overlay::Confirm { question, under } = std::mem::take(&mut s.overlay) else {
        return Outcome::Handled;
    };
    if matches!(
        question,
        Pending::Departure { .. } | Pending::UndoSiteStatus { .. }
    ) {
        return match answer(s, question.clone(), a) {
            Some(out) => {
                s.overlay = *under;
                out
            }
            None => {
                s.overlay = Overlay::Confirm { question, under };
                Outcome::Handled
            }
        };
    }
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
                s.warn(msg::LEFT_DRAFTS_LOST.get(s.lang));
            } else {
                s.info(msg::LEFT_DRAFTS_KEPT.get(s.lang));
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
            s.info(msg::NOTHING_CHANGED.get(s.lang));
            Outcome::Handled
        }
        (Pending::ResumeDrafts { .. }, Action::Yes) => {
            s.overlay = *under;
            s.info(msg::DRAFTS_RESUMED.get(s.lang));
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
