//! Keymaps: defaults load, the user's file merges per key, bad entries come with file and line.

use crossterm::event::KeyCode;
use sgz::tui::action::{Action, Table};
use sgz::tui::keymap::{Key, Keymap};

fn key(s: &str) -> Key {
    Key::parse(s).unwrap()
}

#[test]
fn defaults_load_without_problems_and_bind_arrows_and_vim_keys() {
    let k = Keymap::defaults();
    assert!(k.problems.is_empty(), "{:?}", k.problems);
    for (keys, a) in [
        (&["j", "down"][..], Action::MoveDown),
        (&["k", "up"], Action::MoveUp),
        (&["l", "enter", "right"], Action::Expand),
        (&["h", "left"], Action::Collapse),
        (&["?"], Action::Help),
        (&["/"], Action::Search),
        (&[":"], Action::CommandLine),
        (&["q"], Action::Quit),
        (&["tab"], Action::NextView),
        (&["1"], Action::View1),
        (&["2"], Action::View2),
        (&["["], Action::MonthBack),
        (&["}"], Action::WeekForward),
        (&["m"], Action::Meeting),
    ] {
        for s in keys {
            assert_eq!(k.lookup(Table::Normal, &key(s)), Some(a), "{s}");
        }
    }
}

#[test]
fn emacs_keymap_loads_cleanly() {
    let mut k = Keymap::defaults();
    k.merge("keymaps/emacs.toml", sgz::tui::keymap::EMACS);
    assert!(k.problems.is_empty(), "{:?}", k.problems);
    assert_eq!(
        k.lookup(Table::Normal, &key("ctrl-n")),
        Some(Action::MoveDown)
    );
    assert_eq!(
        k.lookup(Table::Normal, &key("j")),
        Some(Action::MoveDown),
        "defaults stay for keys not named"
    );
}

#[test]
fn user_file_merges_per_key() {
    let mut k = Keymap::defaults();
    k.merge(
        "user.toml",
        "[normal]\n\"x\" = \"quit\"\n\"q\" = \"help\"\n",
    );
    assert!(k.problems.is_empty());
    assert_eq!(k.lookup(Table::Normal, &key("x")), Some(Action::Quit));
    assert_eq!(k.lookup(Table::Normal, &key("q")), Some(Action::Help));
    assert_eq!(k.lookup(Table::Normal, &key("j")), Some(Action::MoveDown));
}

#[test]
fn bad_entries_are_reported_with_file_and_line_and_defaults_kept() {
    let mut k = Keymap::defaults();
    let text = "[normal]\n\"x\" = \"quit\"\n\"j\" = \"fly_away\"\n\"ctrl-wibble\" = \"quit\"\n\"ctrl-r\" = \"help\"\n\"control-r\" = \"quit\"\n\n[nonsense]\n\"a\" = \"quit\"\n";
    k.merge("user.toml", text);
    let got: Vec<String> = k.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        got.iter()
            .any(|p| p.starts_with("user.toml:3:") && p.contains("fly_away")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|p| p.starts_with("user.toml:4:") && p.contains("ctrl-wibble")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|p| p.contains("control-r") && p.contains("same key")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|p| p.starts_with("user.toml:8:") && p.contains("nonsense")),
        "{got:?}"
    );
    assert_eq!(
        k.lookup(Table::Normal, &key("j")),
        Some(Action::MoveDown),
        "the default survives a bad entry"
    );
    assert_eq!(
        k.lookup(Table::Normal, &key("x")),
        Some(Action::Quit),
        "good entries still apply"
    );
}

#[test]
fn a_file_that_is_not_toml_is_one_problem_with_a_line() {
    let mut k = Keymap::defaults();
    k.merge("broken.toml", "[normal]\n\"x\" = \n");
    assert_eq!(k.problems.len(), 1);
    assert!(
        k.problems[0].to_string().starts_with("broken.toml:2:"),
        "{}",
        k.problems[0]
    );
    assert_eq!(k.lookup(Table::Normal, &key("q")), Some(Action::Quit));
}

#[test]
fn key_names_round_trip() {
    for s in [
        "j",
        "G",
        "?",
        "ctrl-r",
        "alt-x",
        "enter",
        "esc",
        "tab",
        "shift-tab",
        "pageup",
        "f1",
        "space",
    ] {
        let k = key(s);
        assert_eq!(Key::parse(&k.display().replace('↑', "up")), Some(k), "{s}");
    }
    assert_eq!(key("shift-tab").code, KeyCode::BackTab);
}

#[test]
fn every_action_has_a_description_in_both_languages() {
    for a in Action::ALL {
        assert!(
            !a.describe(sgz::i18n::Lang::Zh).is_empty()
                && !a.describe(sgz::i18n::Lang::En).is_empty()
        );
        assert_eq!(Action::parse(a.name()), Some(*a));
    }
}
