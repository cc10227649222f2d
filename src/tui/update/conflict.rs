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
            s.info(msg::NOT_MERGED.get(s.lang));
        }
        Action::Confirm => {
            if !c.is_resolved() {
                let left = c.unresolved();
                s.warn(msg::ITEMS_LEFT.fill(s.lang, &[("left", &left)]));
                return Outcome::Handled;
            }
            let sh = &mut grid.sheet;
            match sh.resolve(c) {
                Ok(writes) => {
                    let (eval_id, base_version) = (sh.evaluation_id(), sh.version());
                    s.close_overlay();
                    s.info(msg::MERGED.get(s.lang));
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
