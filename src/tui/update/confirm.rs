//! A yes/no question and what each answer does.

use super::*;

pub(super) fn confirm(s: &mut State, a: Action) -> Outcome {
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
                s.warn(s.lang.pick(
                    "已离开；未能写入草稿的修改已丢弃",
                    "Left; the changes that could not be kept as drafts are gone",
                ));
            } else {
                s.info(s.lang.pick(
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
            s.info(s.lang.pick("未更改", "Nothing changed"));
            Outcome::Handled
        }
        (Pending::ResumeDrafts { .. }, Action::Yes) => {
            s.overlay = *under;
            s.info(s.lang.pick("已恢复草稿", "Drafts resumed"));
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
