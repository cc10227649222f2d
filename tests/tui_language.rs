//! The TUI's own messages follow the interface language picked from the locale, in a real
//! terminal (tmux): a failure reaches the status line in Chinese or English, and the log file
//! with its cause.

mod tmux_util;

use tmux_util::{last_line, tmux_or_skip, Sandbox, Tmux};

/// An export that cannot be written (a file where the exports folder goes): the message on
/// the screen in `env`'s language, and the failure in the log.
fn export_failure(env: &[(&str, &str)]) -> (String, String) {
    let sb = Sandbox::with_demo();
    std::fs::write(sb.path().join("exports"), "not a folder").expect("write");
    let t = Tmux::start("lang", &sb, 100, 30);
    t.launch(&sb, env, &["--today", "2021-12-31", "--scope", "64"]);
    t.wait_text("宁夏回族自治区");
    t.keys(&["e"]);
    let screen = t.wait_for("the export's failure", |s| {
        last_line(s).trim_start().starts_with("✘ ")
    });
    t.keys(&["q"]);
    t.wait_exit();
    let log = std::fs::read_to_string(sb.path().join(".local/state/sgz/sgz.log")).expect("log");
    (last_line(&screen).to_string(), log)
}

#[test]
fn a_tui_failure_is_said_in_the_locales_language_and_logged() {
    if !tmux_or_skip("a_tui_failure_is_said_in_the_locales_language_and_logged") {
        return;
    }
    // The sandbox's SGZ_LANG is emptied, so the locale decides.
    let (zh, log) = export_failure(&[("SGZ_LANG", ""), ("LANG", "zh_CN.UTF-8")]);
    assert!(zh.contains("exports/") && zh.contains("：读写失败"), "{zh}");
    assert!(log.contains("WARN failed what=\"effect\""), "{log}");
    assert!(
        log.contains("command=\"tui\"") && log.contains("lang=Zh"),
        "{log}"
    );
    let (en, _) = export_failure(&[("SGZ_LANG", ""), ("LANG", "en_US.UTF-8")]);
    assert!(
        en.contains("exports/") && en.contains(": Not a directory"),
        "{en}"
    );
    assert!(!en.contains("读写失败"), "{en}");
    let (none, _) = export_failure(&[("SGZ_LANG", ""), ("LANG", "")]);
    assert!(
        none.contains("读写失败"),
        "no locale at all is Chinese: {none}"
    );
}
