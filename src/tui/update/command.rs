//! The command line: `:scope`, `:asof`, `:today`, `:q`.

use super::*;

pub(super) fn command(s: &mut State, m: &Model, a: Action) -> Outcome {
    let Overlay::Command(input) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if edit_input(input, a) {
        return Outcome::Handled;
    }
    match a {
        Action::Cancel => s.overlay = Overlay::None,
        Action::Confirm => {
            let line = input.value().trim().to_string();
            s.overlay = Overlay::None;
            return run_command(s, m, &line);
        }
        _ => {}
    }
    Outcome::Handled
}

/// `:scope NAME|CODE`, `:asof YYYY-MM-DD`, `:today`, `:q`.
pub fn run_command(s: &mut State, m: &Model, line: &str) -> Outcome {
    let line = line.trim_start_matches(':').trim();
    let (cmd, arg) = line
        .split_once(char::is_whitespace)
        .map(|(c, a)| (c, a.trim()))
        .unwrap_or((line, ""));
    match cmd {
        "" => Outcome::Handled,
        "q" | "quit" | "wq" => {
            s.quit = true;
            Outcome::Effect(Effect::Quit)
        }
        "today" => {
            s.as_of = s.today;
            Outcome::Handled
        }
        "asof" | "as-of" | "date" => {
            match crate::domain::calendar::parse_date(arg) {
                Some(d) => s.as_of = d,
                None => s.error(format!("{}{arg:?}", msg::EXPECTED_DATE.get(s.lang))),
            }
            Outcome::Handled
        }
        "scope" => {
            if arg.is_empty() {
                s.error(msg::SCOPE_NEEDS_ARG.get(s.lang));
                return Outcome::Handled;
            }
            if let Some(n) = m.net.tree.find(arg) {
                set_scope(s, m, n);
                return Outcome::Handled;
            }
            Outcome::Effect(Effect::Search {
                query: arg.to_string(),
                purpose: SearchPurpose::Scope,
            })
        }
        "meeting" => {
            s.meeting = !s.meeting;
            Outcome::Handled
        }
        other => {
            s.error(format!(
                "{}{other} ({})",
                msg::UNKNOWN_COMMAND.get(s.lang),
                ":scope :asof :today :q"
            ));
            Outcome::Handled
        }
    }
}
