//! The help screen: scrolling and closing it.

use super::*;

pub(super) fn help(s: &mut State, a: Action) -> Outcome {
    let page = s.page as u16;
    let Overlay::Help { offset, .. } = &mut s.overlay else {
        return Outcome::Handled;
    };
    match a {
        Action::Cancel | Action::Help | Action::Quit => s.close_overlay(),
        Action::MoveDown => *offset = offset.saturating_add(1),
        Action::MoveUp => *offset = offset.saturating_sub(1),
        Action::PageDown => *offset = offset.saturating_add(page),
        Action::PageUp => *offset = offset.saturating_sub(page),
        _ => {}
    }
    Outcome::Handled
}
