//! The search line: typing a division's name, choosing a hit.

use super::*;

pub(super) fn search(s: &mut State, m: &Model, a: Action) -> Outcome {
    let page = s.page;
    let Overlay::Search(st) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if edit_input(&mut st.input, a) {
        return search_effect(st);
    }
    let n = st.hits.len();
    match a {
        Action::Cancel => s.overlay = Overlay::None,
        Action::MoveDown => st.selected = (st.selected + 1).min(n.saturating_sub(1)),
        Action::MoveUp => st.selected = st.selected.saturating_sub(1),
        Action::PageDown => st.selected = (st.selected + page).min(n.saturating_sub(1)),
        Action::PageUp => st.selected = st.selected.saturating_sub(page),
        Action::Confirm => {
            // The hits on screen may still be the previous query's (typing outran the search):
            // Enter then waits for the answer to what was typed and takes its first hit.
            if st.waiting() {
                st.confirm_pending = true;
                s.info(msg::SEARCHING.get(s.lang));
            } else if let Some(&node) = st.hits.get(st.selected) {
                s.overlay = Overlay::None;
                jump_to(s, m, node);
            }
        }
        _ => {}
    }
    Outcome::Handled
}

pub(super) fn search_effect(st: &SearchState) -> Outcome {
    Outcome::Effect(Effect::Search {
        query: st.input.value().trim().to_string(),
        purpose: SearchPurpose::Jump,
    })
}
