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
        "up",
        "down",
        "left",
        "right",
        "ctrl-alt-x",
        "-",
        "\"",
    ] {
        let k = key(s);
        assert_eq!(Key::parse(&k.spec()), Some(k), "{s}");
    }
    assert_eq!(key("shift-tab").code, KeyCode::BackTab);
    // A binding is a key or two keys; " " is the space bar.
    use sgz::tui::keymap::Chord;
    assert_eq!(Chord::parse(" ").map(|c| c.first), Some(key("space")));
    let two = Chord::parse("ctrl-x ctrl-c").unwrap();
    assert_eq!((two.first, two.then), (key("ctrl-x"), Some(key("ctrl-c"))));
    assert_eq!(Chord::parse(&two.spec()), Some(two));
    assert_eq!(Chord::parse("a b c"), None);
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

const SGZ: &str = env!("CARGO_BIN_EXE_sgz");

/// `sgz keys` (with `--keymap FILE` if given) in an empty home: (stdout, stderr).
fn sgz_keys(
    home: &std::path::Path,
    keymap: Option<&std::path::Path>,
    lang: &str,
) -> (String, String) {
    let mut cmd = std::process::Command::new(SGZ);
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .args(["--lang", lang]);
    if let Some(k) = keymap {
        cmd.arg("--keymap").arg(k);
    }
    let out = cmd.arg("keys").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn sgz_keys_prints_a_keymap_that_keymap_reads_back_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, map) in [("zh", None), ("en", Some("keymaps/emacs.toml"))] {
        let map = map.map(std::path::PathBuf::from);
        let (printed, err) = sgz_keys(dir.path(), map.as_deref(), lang);
        assert!(err.is_empty(), "{err}");
        assert!(
            !printed.contains('…') && !printed.contains('↑'),
            "{printed}"
        );
        // The printed file alone, merged over the defaults, gives the same map.
        let file = dir.path().join(format!("printed-{lang}.toml"));
        std::fs::write(&file, &printed).unwrap();
        let mut k = Keymap::defaults();
        k.merge("printed.toml", &printed);
        assert!(k.problems.is_empty(), "{:?}", k.problems);
        let mut want = Keymap::defaults();
        if let Some(m) = &map {
            want.merge("m", &std::fs::read_to_string(m).unwrap());
        }
        for t in Table::ALL {
            let (a, b): (Vec<_>, Vec<_>) = (k.bindings(t), want.bindings(t));
            assert_eq!(a, b, "{t:?}");
        }
        // And `--keymap` takes it without a word; printing it again gives the same bindings.
        let (again, err) = sgz_keys(dir.path(), Some(&file), lang);
        assert!(err.is_empty(), "{err}");
        let body = |s: &str| s.lines().skip(1).map(String::from).collect::<Vec<_>>();
        assert_eq!(body(&again), body(&printed));
    }
}

#[test]
fn a_key_given_twice_drops_only_that_line_and_says_which() {
    let mut k = Keymap::defaults();
    let text = "[normal]\n\"x\" = \"quit\"\n\"x\" = \"help\"\n\"y\" = \"help\"\n\n[search]\n\"ctrl-y\" = \"confirm\"\n";
    k.merge("user.toml", text);
    assert_eq!(k.problems.len(), 1, "{:?}", k.problems);
    let p = k.problems[0].to_string();
    assert!(
        p.starts_with("user.toml:3:") && p.contains("duplicate"),
        "{p}"
    );
    assert_eq!(k.lookup(Table::Normal, &key("x")), Some(Action::Quit));
    assert_eq!(k.lookup(Table::Normal, &key("y")), Some(Action::Help));
    assert_eq!(
        k.lookup(Table::Search, &key("ctrl-y")),
        Some(Action::Confirm)
    );
    // Later lines keep their numbers.
    let mut k = Keymap::defaults();
    k.merge(
        "user.toml",
        "[normal]\n\"x\" = \"quit\"\n\"x\" = \"help\"\n\"z\" = \"fly\"\n[wibble]\n",
    );
    let got: Vec<String> = k.problems.iter().map(|p| p.to_string()).collect();
    assert!(got[0].starts_with("user.toml:3:"), "{got:?}");
    assert!(
        got.iter()
            .any(|p| p.starts_with("user.toml:4:") && p.contains("fly")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|p| p.starts_with("user.toml:5:") && p.contains("wibble")),
        "{got:?}"
    );
    // A line TOML cannot read at all is dropped the same way, the rest kept.
    let mut k = Keymap::defaults();
    k.merge("user.toml", "[normal]\n\"x\" = \n\"y\" = \"help\"\n");
    assert_eq!(k.problems.len(), 1, "{:?}", k.problems);
    assert!(k.problems[0].to_string().starts_with("user.toml:2:"));
    assert_eq!(k.lookup(Table::Normal, &key("y")), Some(Action::Help));
}

#[test]
fn an_unknown_mode_is_told_with_every_real_mode() {
    let mut k = Keymap::defaults();
    k.merge("user.toml", "[nonsense]\n\"a\" = \"quit\"\n");
    let p = k.problems[0].to_string();
    for t in Table::ALL {
        assert!(p.contains(t.as_str()), "{t:?} missing from {p}");
    }
}

#[test]
fn emacs_ctrl_x_waits_for_ctrl_c() {
    let mut k = Keymap::defaults();
    k.merge("keymaps/emacs.toml", sgz::tui::keymap::EMACS);
    assert_eq!(k.lookup(Table::Normal, &key("ctrl-x")), None);
    assert!(k.is_prefix(Table::Normal, &key("ctrl-x")));
    let chord = sgz::tui::keymap::Chord::parse("ctrl-x ctrl-c").unwrap();
    assert_eq!(k.lookup_chord(Table::Normal, &chord), Some(Action::Quit));
    // A file that binds a key alone and as the start of two is told so.
    let mut k = Keymap::defaults();
    k.merge(
        "user.toml",
        "[normal]\n\"ctrl-x ctrl-c\" = \"quit\"\n\"ctrl-x\" = \"help\"\n",
    );
    assert_eq!(k.problems.len(), 1, "{:?}", k.problems);
    assert!(
        k.problems[0].to_string().contains("two-key"),
        "{:?}",
        k.problems
    );
}

#[test]
fn keymap_problems_read_in_the_interface_language() {
    let mut k = Keymap::defaults();
    let text = "[normal]\n\"j\" = \"fly_away\"\n\"ctrl-wibble\" = \"quit\"\n\"ctrl-r\" = \"help\"\n\"control-r\" = \"quit\"\n[nonsense]\n\"a\" = \"quit\"\n";
    k.merge("键位.toml", text);
    let zh: Vec<String> = k
        .problems
        .iter()
        .map(|p| p.text(sgz::i18n::Lang::Zh))
        .collect();
    let en: Vec<String> = k
        .problems
        .iter()
        .map(|p| p.text(sgz::i18n::Lang::En))
        .collect();
    assert_eq!(zh.len(), 4, "{zh:?}");
    for (z, e) in zh.iter().zip(&en) {
        // Same place, Chinese words, and no English sentence left in the Chinese one.
        assert_eq!(z.split(": ").next(), e.split(": ").next());
        assert!(
            !z.contains("unknown") && !z.contains("cannot") && !z.contains("same key"),
            "{z}"
        );
    }
    assert!(
        zh.iter().any(|z| z.contains("动作 \"fly_away\" 不存在")),
        "{zh:?}"
    );
    assert!(
        zh.iter()
            .any(|z| z.contains("无法识别按键 \"ctrl-wibble\"")),
        "{zh:?}"
    );
    assert!(
        zh.iter()
            .any(|z| z.contains("是同一个键") && z.contains("第 4 行")),
        "{zh:?}"
    );
    assert!(
        zh.iter().any(|z| z.contains("没有 [nonsense] 这种模式")),
        "{zh:?}"
    );
}
