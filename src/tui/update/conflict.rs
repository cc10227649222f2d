//! Settling a save conflict item by item: my value or theirs.

use super::*;

pub(super) fn conflict(s: &mut State, a: Action) -> Outcome {
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
            s.info(s.lang.pick(
                "未合并；保存前需处理冲突",
                "Not merged; the conflict must be settled before saving",
            ));
        }
        Action::Confirm => {
            if !c.is_resolved() {
                let left = c.unresolved();
                s.warn(s.lang.pick(
                    format!("还有{left}项未选择"),
                    format!("{left} items still to choose"),
                ));
                return Outcome::Handled;
            }
            let sh = &mut grid.sheet;
            match sh.resolve(c) {
                Ok(writes) => {
                    let (eval_id, base_version) = (sh.evaluation_id(), sh.version());
                    s.close_overlay();
                    s.info(s.lang.pick("已合并：Ctrl-S 保存", "Merged: Ctrl-S saves"));
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
