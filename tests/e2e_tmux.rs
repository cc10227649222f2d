//! End to end: the real `sgz` binary in a real terminal (tmux), as a supervisor meets it.
//! Each test has its own sandbox (HOME, XDG_CONFIG_HOME, database) and its own tmux server.
//! Skipped, with a message, only where tmux is not installed.

mod tmux_util;

use tmux_util::{
    colours, last_line, reversed_text, sqlite3_installed, tmux_or_skip, Sandbox, Tmux,
};

const TODAY: &str = "2021-12-31";

/// A milestone as `sgz report coverage --format json` states it.
#[derive(Debug)]
struct Milestone {
    label: String,
    deadline: String,
    counts: String,
    status: String,
}

fn report_milestones(sb: &Sandbox, scope: &str, as_of: &str) -> Vec<Milestone> {
    let v = sb.cli_json(&[
        "report", "coverage", "--scope", scope, "--as-of", as_of, "--format", "json",
    ]);
    let s = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_string();
    let mut out = Vec::new();
    for b in v["blocks"].as_array().expect("blocks") {
        for m in b["milestones"].as_array().expect("milestones") {
            out.push(Milestone {
                label: s(&m["label_zh"]),
                deadline: s(&m["deadline"]),
                counts: format!("{}/{}", m["covered"], m["required"]),
                status: s(&m["status_text_zh"]),
            });
        }
    }
    assert!(!out.is_empty(), "the report for {scope} has no milestones");
    out
}

/// The first row: "┌ 覆盖看板 宁夏回族自治区 · 截至 2021-12-31 ─┐" or, in the meeting view,
/// "宁夏回族自治区 · 截至 2021-12-31 · 会议模式（只读）".
fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn title_scope(screen: &str) -> String {
    let t = title(screen).trim_start_matches(['┌', ' ']);
    let t = t.strip_prefix("覆盖看板 ").unwrap_or(t);
    t.split(" · ").next().unwrap_or("").to_string()
}

fn title_date(screen: &str) -> String {
    let t = title(screen);
    t.split_once("截至 ")
        .map(|(_, rest)| rest.chars().take(10).collect())
        .unwrap_or_default()
}

/// The "covered/required" figures of the milestone box, top to bottom.
fn milestone_counts(screen: &str) -> Vec<String> {
    screen
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .flat_map(|l| l.split([' ', '│']))
        .filter(|w| {
            w.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            })
        })
        .map(String::from)
        .collect()
}

fn launch_dashboard(t: &Tmux, sb: &Sandbox, env: &[(&str, &str)]) -> String {
    t.launch(sb, env, &["--today", TODAY, "--scope", "64"]);
    t.wait_text("覆盖看板")
}

#[test]
fn fresh_start_search_help_and_clean_quit() {
    if !tmux_or_skip("fresh_start_search_help_and_clean_quit") {
        return;
    }
    let sb = Sandbox::empty();
    let t = Tmux::start("fresh", &sb, 80, 24);
    // Only the default path is created without being asked, owner-only (staff names and
    // birth dates are personal data).
    t.launch_default_db(&sb, &[], &["--today", TODAY]);
    // Five bound regions and no jurisdiction of one's own: the overview of them all first.
    let screen = t.wait_text("全部辖区总览");
    for code in ["320682", "3303", "4201", "500112", "64"] {
        assert!(
            screen.lines().any(|l| l.contains(&format!(" {code} "))),
            "the overview has no row for {code}:\n{screen}"
        );
    }
    let db = sb.default_db();
    assert!(
        db.exists(),
        "sgz did not create the demo database at its default path"
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&db), 0o600, "the new database is for its owner only");
        assert_eq!(
            mode(db.parent().unwrap()),
            0o700,
            "the new data directory is the owner's only"
        );
        let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
        if wal.exists() {
            assert_eq!(
                mode(&wal),
                0o600,
                "the WAL holds the same data as the database"
            );
        }
    }

    // Search by pinyin initials. Wait for the hits before Enter: today an Enter typed before
    // the search worker answers is dropped with "搜索中…" rather than kept for the answer.
    t.keys(&["/"]);
    t.wait_text("搜索：");
    t.type_text("xq");
    t.wait_for("兴庆区 among the hits", |s| {
        s.lines()
            .any(|l| l.contains("640104 ") && l.contains("兴庆区"))
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("the details of 兴庆区", |s| {
        s.lines()
            .any(|l| l.contains("代码") && l.contains("640104"))
    });
    assert!(
        title(&screen).contains("┌ 兴庆区 "),
        "the details pane is not titled 兴庆区:\n{screen}"
    );
    let selected: Vec<String> = reversed_text(&t.screen_escaped())
        .into_iter()
        .filter(|r| !r.trim().is_empty())
        .collect();
    assert!(
        selected.len() == 1 && selected[0].contains("兴庆区"),
        "the tree should show exactly 兴庆区 selected, reversed rows: {selected:?}\n{screen}"
    );

    // Help is generated from the keymap.
    t.keys(&["?"]);
    t.wait_text("搜索区划");
    t.keys(&["Escape"]);
    t.wait_for("the help to close", |s| {
        !s.contains("搜索区划") && s.contains("代码")
    });

    t.keys(&["q"]);
    let screen = t.assert_clean_shell();
    assert!(
        screen.contains("已创建演示数据库"),
        "sgz did not say on stderr that it created the demo:\n{screen}"
    );
}

fn dashboard_shows_milestones_as_text(
    label: &str,
    width: u16,
    height: u16,
    env: &[(&str, &str)],
) -> String {
    let sb = Sandbox::with_demo();
    let t = Tmux::start(label, &sb, width, height);
    let screen = launch_dashboard(&t, &sb, env);
    for m in report_milestones(&sb, "64", TODAY) {
        let head = screen
            .lines()
            .find(|l| l.contains(&m.deadline) && !l.contains("覆盖看板"));
        let head =
            head.unwrap_or_else(|| panic!("no milestone line for {}:\n{screen}", m.deadline));
        let short: String = m.label.chars().take(6).collect();
        assert!(
            head.contains(&short),
            "the {} line does not name {:?}:\n{screen}",
            m.deadline,
            m.label
        );
        // The status in words, not colour alone.
        let words = m.status.split('，').next().unwrap_or_default();
        let figures = screen
            .lines()
            .find(|l| l.contains(&format!(" {} ", m.counts)));
        let figures = figures
            .unwrap_or_else(|| panic!("no line with {} for {}:\n{screen}", m.counts, m.deadline));
        assert!(
            figures.contains(words),
            "status {words:?} of {} not shown beside {}:\n{screen}",
            m.deadline,
            m.counts
        );
    }
    let escaped = t.screen_escaped();
    t.keys(&["q"]);
    t.assert_clean_shell();
    escaped
}

#[test]
fn dashboard_at_120x40() {
    if !tmux_or_skip("dashboard_at_120x40") {
        return;
    }
    let escaped = dashboard_shows_milestones_as_text("big", 120, 40, &[]);
    assert!(
        !colours(&escaped).is_empty(),
        "expected colour in tmux's default terminal"
    );
}

#[test]
fn dashboard_with_no_color() {
    if !tmux_or_skip("dashboard_with_no_color") {
        return;
    }
    let escaped = dashboard_shows_milestones_as_text("nocolor", 80, 24, &[("NO_COLOR", "1")]);
    let c = colours(&escaped);
    assert!(c.is_empty(), "NO_COLOR=1 but the screen sets colours {c:?}");
}

#[test]
fn dashboard_on_xterm_uses_16_colours() {
    if !tmux_or_skip("dashboard_on_xterm_uses_16_colours") {
        return;
    }
    let escaped = dashboard_shows_milestones_as_text("xterm", 80, 24, &[("TERM", "xterm")]);
    let c = colours(&escaped);
    assert!(!c.is_empty(), "no colour at all on TERM=xterm");
    assert!(
        c.iter().all(|i| i.is_some_and(|i| i < 16)),
        "TERM=xterm but colours beyond the basic 16: {c:?}"
    );
}

#[test]
fn dashboard_on_screen_256color() {
    if !tmux_or_skip("dashboard_on_screen_256color") {
        return;
    }
    let escaped =
        dashboard_shows_milestones_as_text("screen256", 80, 24, &[("TERM", "screen-256color")]);
    let c = colours(&escaped);
    assert!(
        c.iter().any(|i| i.is_some_and(|i| i >= 16)),
        "TERM=screen-256color but no 256-colour palette used: {c:?}"
    );
}

/// Press `]` once and wait for the as-of date to move; returns the new screen.
fn month_forward(t: &Tmux, from: &str) -> String {
    t.keys(&["]"]);
    t.wait_for("the as-of date to move", |s| {
        let d = title_date(s);
        d.len() == 10 && d.as_str() != from
    })
}

#[test]
fn month_steps_show_the_same_counts_as_the_cli_report() {
    if !tmux_or_skip("month_steps_show_the_same_counts_as_the_cli_report") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("months", &sb, 80, 24);
    let mut screen = launch_dashboard(&t, &sb, &[]);
    let first = milestone_counts(&screen);
    assert!(
        first.first().is_some_and(|c| c.ends_with("/72")),
        "the first milestone should read N/72: {first:?}\n{screen}"
    );
    for step in 0..=3 {
        if step > 0 {
            screen = month_forward(&t, &title_date(&screen));
        }
        let date = title_date(&screen);
        let want: Vec<String> = report_milestones(&sb, "64", &date)
            .into_iter()
            .map(|m| m.counts)
            .collect();
        assert_eq!(
            milestone_counts(&screen),
            want,
            "as of {date} the dashboard and `sgz report coverage` differ:\n{screen}"
        );
    }
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn three_months_forward_from_year_end_is_march_31() {
    if !tmux_or_skip("three_months_forward_from_year_end_is_march_31") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("march31", &sb, 80, 24);
    let mut screen = launch_dashboard(&t, &sb, &[]);
    for _ in 0..3 {
        screen = month_forward(&t, &title_date(&screen));
    }
    assert_eq!(title_date(&screen), "2022-03-31", "{screen}");
    let want: Vec<String> = report_milestones(&sb, "64", "2022-03-31")
        .into_iter()
        .map(|m| m.counts)
        .collect();
    assert_eq!(milestone_counts(&screen), want, "{screen}");
    t.keys(&["q"]);
    t.assert_clean_shell();
}

/// In the meeting view, press `key` and check it changed nothing: still the meeting view,
/// same scope, and, when `says` is given, that text on the bottom line. `]` after the key
/// is the proof that sgz has handled it; `t` then puts the date back.
fn assert_meeting_refuses(t: &Tmux, key: &str, says: Option<&str>) {
    let before = t.screen();
    let (scope, date) = (title_scope(&before), title_date(&before));
    t.keys(&[key, "]"]);
    let after = t.wait_for("the meeting view to move a month", |s| {
        title_date(s) != date && s.contains("会议模式")
    });
    assert_eq!(
        title_scope(&after),
        scope,
        "{key} changed the scope in the meeting view:\n{after}"
    );
    if let Some(text) = says {
        let bottom = tmux_util::last_line(&after);
        assert!(
            bottom.contains(text),
            "after {key} the bottom line should say {text:?}:\n{after}"
        );
    }
    t.keys(&["t"]);
    t.wait_for("the date back at today", |s| title_date(s) == date);
}

#[test]
fn meeting_view_is_large_and_read_only() {
    if !tmux_or_skip("meeting_view_is_large_and_read_only") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("meeting", &sb, 80, 24);
    launch_dashboard(&t, &sb, &[]);
    t.keys(&["m"]);
    let screen = t.wait_text("会议模式");
    assert!(
        screen.contains("███"),
        "no large figures in the meeting view:\n{screen}"
    );
    assert_eq!(title_scope(&screen), "宁夏回族自治区");

    // An edit key (L locks a sheet) does nothing in the meeting view and says why.
    assert_meeting_refuses(&t, "L", Some("会议模式只读"));

    t.keys(&["m"]);
    let screen = t.wait_text("覆盖看板");
    assert_eq!(title_scope(&screen), "宁夏回族自治区");
    // The control: on the dashboard the same key does narrow.
    t.keys(&["Enter"]);
    t.wait_for("Enter to narrow the scope on the dashboard", |s| {
        s.contains("覆盖看板") && !title_scope(s).is_empty() && title_scope(s) != "宁夏回族自治区"
    });
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn meeting_view_shows_its_prompts_and_its_policy_and_view_keys_leave_it() {
    if !tmux_or_skip("meeting_view_shows_its_prompts_and_its_policy_and_view_keys_leave_it") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("meeting-prompts", &sb, 80, 24);
    t.launch(
        &sb,
        &[("NO_COLOR", "1")],
        &["--today", TODAY, "--scope", "64"],
    );
    t.wait_text("覆盖看板");
    t.keys(&["m"]);
    let screen = t.wait_text("会议模式");
    // The header names the policy by its document number.
    assert!(
        screen
            .lines()
            .take(3)
            .any(|l| l.contains("宁民发〔2021〕22号")),
        "the meeting header does not name the policy:\n{screen}"
    );
    // The command line is typed where it can be seen, and runs what was seen.
    t.keys(&[":"]);
    t.type_text("scope 4201");
    t.wait_for("the typed command on the bottom line", |s| {
        tmux_util::last_line(s).contains(":scope 4201")
    });
    t.keys(&["Enter"]);
    let screen = t.wait_for("the meeting view of Wuhan", |s| {
        title_scope(s) == "武汉市" && s.contains("会议模式")
    });
    assert!(
        screen
            .lines()
            .take(3)
            .any(|l| l.contains("武民政〔2021〕26号")),
        "the meeting header does not name Wuhan's policy:\n{screen}"
    );
    // `m` after the command leaves the meeting (it is not swallowed as text).
    t.keys(&["m"]);
    t.wait_text("覆盖看板");
    t.keys(&["m"]);
    t.wait_text("会议模式");
    // Search opens visibly over the meeting view and closes with Esc.
    t.keys(&["/"]);
    t.wait_text("搜索：");
    t.keys(&["Escape"]);
    t.wait_for("the search to close", |s| {
        !s.contains("搜索：") && s.contains("会议模式")
    });
    // A view key leaves the meeting for that view; nothing changes out of sight.
    t.keys(&["3"]);
    t.wait_for("the staff view, out of the meeting", |s| {
        !s.contains("会议模式") && s.lines().next().is_some_and(|l| l.contains("人员"))
    });
    t.keys(&["m"]);
    t.wait_text("会议模式");
    t.keys(&["Tab"]);
    t.wait_for("Tab to leave the meeting for the dashboard", |s| {
        !s.contains("会议模式") && s.contains("覆盖看板")
    });
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn export_key_draws_the_milestone_on_screen() {
    if !tmux_or_skip("export_key_draws_the_milestone_on_screen") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("export-shown", &sb, 120, 40);
    t.launch(
        &sb,
        &[("NO_COLOR", "1")],
        &["--today", "2026-11-22", "--scope", "3303"],
    );
    t.wait_text("覆盖看板");
    // The second milestone (full coverage, 191 towns) is the one charted after `n`.
    t.keys(&["n"]);
    t.wait_for("the chart of full coverage", |s| {
        s.contains("累计覆盖 · 乡镇（街道）社会工作站全覆盖")
    });
    t.keys(&["e"]);
    t.wait_text("已导出");
    let svg = sb
        .db()
        .parent()
        .unwrap()
        .join("exports")
        // Each account exports into its own folder.
        .join(sgz::commands::os_account().expect("who am I"))
        .join("coverage-3303-2026-11-22.svg");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("乡镇（街道）社会工作站全覆盖") && text.contains("目标 191"),
        "the export does not draw the milestone on screen"
    );
    assert!(
        !text.contains("目标 80"),
        "the export draws the milestone that is not on screen"
    );
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn overview_opens_a_region_and_s_at_its_top_comes_back() {
    if !tmux_or_skip("overview_opens_a_region_and_s_at_its_top_comes_back") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("overview", &sb, 80, 24);
    t.launch(&sb, &[("NO_COLOR", "1")], &["--today", TODAY]);
    let screen = t.wait_text("全部辖区总览");
    // Every row says its status in a glyph, not only in colour.
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| {
            ["320682", "3303", "4201", "500112", " 64 "]
                .iter()
                .any(|c| l.contains(c))
        })
        .collect();
    assert_eq!(rows.len(), 5, "{screen}");
    for r in &rows {
        assert!(
            ["✔", "✓", "✘", "⚠", "⇢"].iter().any(|g| r.contains(g)),
            "a row without a status glyph: {r}"
        );
    }
    // The third row is Wuhan: Enter opens its dashboard.
    t.keys(&["j", "j", "Enter"]);
    let screen = t.wait_for("Wuhan's dashboard", |s| title_scope(s) == "武汉市");
    assert!(screen.contains("覆盖看板"), "{screen}");
    // S goes up to Hubei, Backspace from the top back to the overview.
    t.keys(&["S"]);
    t.wait_for("Hubei's dashboard", |s| title_scope(s) == "湖北省");
    t.keys(&["BSpace"]);
    t.wait_text("全部辖区总览");
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn user_keymap_rebinds_and_reports_its_bad_line() {
    if !tmux_or_skip("user_keymap_rebinds_and_reports_its_bad_line") {
        return;
    }
    let sb = Sandbox::with_demo();
    let file = sb.path().join("sgz").join("keymap.toml");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &file,
        "[normal]\n\"x\" = \"quit\"\n\"z\" = \"no_such_action\"\n",
    )
    .expect("write keymap");
    let t = Tmux::start("keymap", &sb, 80, 24);
    let screen = launch_dashboard(&t, &sb, &[]);
    let bottom = tmux_util::last_line(&screen);
    let at = format!("{}:3", file.display());
    assert!(
        bottom.starts_with('⚠') && bottom.contains(&at),
        "the bottom line should warn about {at}:\n{screen}"
    );
    t.keys(&["x"]);
    let (code, screen) = t.wait_exit();
    assert_eq!(code, 0, "{screen}");
    t.assert_clean_shell();
}

#[test]
fn too_small_terminal_says_so_and_quits() {
    if !tmux_or_skip("too_small_terminal_says_so_and_quits") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("small", &sb, 60, 20);
    t.launch(&sb, &[], &["--today", TODAY, "--scope", "64"]);
    let screen = t.wait_text("终端太小");
    assert!(screen.contains("60x20"), "{screen}");
    t.keys(&["q"]);
    t.assert_clean_shell();
}

fn signal_restores_the_terminal(label: &str, signal: &str) {
    let sb = Sandbox::with_demo();
    let t = Tmux::start(label, &sb, 80, 24);
    launch_dashboard(&t, &sb, &[]);
    assert_eq!(
        t.display("#{alternate_on}"),
        "1",
        "the TUI should be on the alternate screen"
    );
    let pid = t.sgz_pid(&sb).to_string();
    let st = std::process::Command::new("kill")
        .args(["-s", signal, &pid])
        .status()
        .expect("run kill");
    assert!(st.success(), "kill -s {signal} {pid} failed");
    t.assert_clean_shell();
    if sqlite3_installed() {
        let out = std::process::Command::new("sqlite3")
            .arg(sb.db())
            .arg("PRAGMA integrity_check")
            .output()
            .expect("run sqlite3");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "ok",
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        println!("{label}: sqlite3 is not installed, integrity check skipped");
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    if tmux_or_skip("sigterm_restores_the_terminal") {
        signal_restores_the_terminal("sigterm", "TERM");
    }
}

#[test]
fn sighup_restores_the_terminal() {
    if tmux_or_skip("sighup_restores_the_terminal") {
        signal_restores_the_terminal("sighup", "HUP");
    }
}

#[test]
fn terminal_hangup_ends_sgz() {
    if !tmux_or_skip("terminal_hangup_ends_sgz") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("hangup", &sb, 80, 24);
    launch_dashboard(&t, &sb, &[]);
    let pid = t.sgz_pid(&sb);
    // Replace the pane: tmux closes the pty, as sshd does when the link drops.
    t.tmux(&["respawn-pane", "-k", "-t", "e2e", "sh"]);
    let start = std::time::Instant::now();
    while tmux_util::process_alive(pid) && start.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        !tmux_util::process_alive(pid),
        "sgz (pid {pid}) still runs 5 s after its terminal hung up"
    );
}

/// The status bar's alert count ("告警:N").
fn alert_count(screen: &str) -> Option<usize> {
    let at = screen.find("告警:")?;
    screen[at + "告警:".len()..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()
}

#[test]
fn staff_filter_overdue_open_person_record_certificate_and_check_agrees() {
    if !tmux_or_skip("staff_filter_overdue_open_person_record_certificate_and_check_agrees") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("staff", &sb, 100, 30);
    t.launch(&sb, &[], &["--today", "2026-11-22", "--scope", "64"]);
    let before =
        alert_count(&t.wait_text("覆盖看板")).expect("the status bar shows the alert count");
    t.keys(&["3"]);
    t.wait_text("下一到期");
    t.keys(&["f"]);
    t.wait_text("筛选:已逾期");
    t.keys(&["Enter"]);
    t.wait_text("（截至日）");
    t.keys(&["c"]);
    t.wait_text("登记考试通过");
    t.type_text("中级");
    t.keys(&["Tab", "C-u"]);
    t.type_text("2026-10-01");
    t.keys(&["Enter"]);
    let after = t.wait_for("the save and a fresh alert count", |s| {
        s.contains("已保存并留痕") && alert_count(s).is_some_and(|n| n < before)
    });
    let n = alert_count(&after).unwrap();
    let v = sb.cli_json(&[
        "--today",
        "2026-11-22",
        "--scope",
        "64",
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(
        v["alerts"].as_array().map(|a| a.len()),
        Some(n),
        "sgz check agrees with the TUI"
    );
    t.keys(&["q"]);
    t.assert_clean_shell();
}

#[test]
fn score_sheet_typed_saved_exported_and_audited() {
    if !tmux_or_skip("score_sheet_typed_saved_exported_and_audited") {
        return;
    }
    let sb = Sandbox::with_demo();
    let t = Tmux::start("scores", &sb, 100, 30);
    t.launch(&sb, &[], &["--today", "2026-11-22", "--scope", "330302"]);
    t.wait_text("覆盖看板");
    t.keys(&["4"]);
    let list = t.wait_text("续签");
    // The first row: create it if missing (which opens it), else open it.
    let first = list.lines().nth(2).unwrap_or_default().to_string();
    let year = first
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    t.keys(&[if first.contains("✘") { "n" } else { "Enter" }]);
    let s = t.wait_for("the grid or the draft question", |s| {
        s.contains("维度") || s.contains("草稿")
    });
    if s.contains("发现上次未保存") {
        t.keys(&["n", "Enter"]);
        t.wait_text("维度");
    }
    for _ in 0..12 {
        t.type_text("5");
        t.keys(&["Enter"]);
    }
    t.wait_text("已填 12/12");
    t.keys(&["C-s"]);
    t.wait_text("已保存");
    t.keys(&["Escape"]);
    t.wait_text("续签");
    t.keys(&["q"]);
    t.assert_clean_shell();

    let v = sb.cli_json(&["--scope", "330302", "export", "scores", "--format", "json"]);
    let text = v.to_string();
    assert!(text.contains(&year), "the export has the year {year}");
    let rows: Vec<&serde_json::Value> = v
        .pointer("/templates")
        .and_then(|s| s.as_array())
        .into_iter()
        .flatten()
        .flat_map(|sec| sec["evaluations"].as_array().into_iter().flatten())
        .collect();
    assert!(
        rows.iter().any(|r| r["total"].as_f64() == Some(60.0)),
        "a sheet of twelve 5s totals 60 in the export: {text:.400}"
    );
    let audit = String::from_utf8(sb.cli(&["audit", "--limit", "50"]).stdout).unwrap();
    let me = String::from_utf8(
        std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        audit
            .lines()
            .any(|l| l.contains("save_scores") && l.contains(me.trim())),
        "the audit shows the save by {}:\n{audit}",
        me.trim()
    );
}

/// Who runs sgz against a file this account may not write: root ignores file modes, so as
/// root it runs as `nobody` (granted an editor's role first); otherwise as this account.
/// Returns the command to put in front of sgz and the sgz binary that account may run.
fn as_an_account_that_cannot_write(sb: &Sandbox) -> Option<(Vec<&'static str>, String)> {
    use std::os::unix::fs::PermissionsExt;
    let chmod = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut prefix = vec![];
    let mut sgz = tmux_util::SGZ.to_string();
    if root {
        prefix = vec![
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ];
        let works = |args: &[&str]| {
            std::process::Command::new(prefix[0])
                .args(&prefix[1..])
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !works(&["true"]) {
            println!("skipping: running as root, and setpriv cannot switch to uid 65534");
            return None;
        }
        sb.cli(&["users", "grant", "nobody", "editor", "3303"]);
        // The binary under test may sit where nobody cannot reach it: then a copy.
        if !works(&["test", "-x", &sgz]) {
            let copy = sb.path().join("sgz-bin");
            std::fs::copy(&sgz, &copy).expect("copy sgz");
            chmod(&copy, 0o755);
            sgz = copy.to_string_lossy().into_owned();
        }
    }
    // No journal left by the grant; the file read-only; its folder writable, so SQLite can
    // open the file for reading without a word, as it does for a copy an account was handed.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", sb.db().display()));
    }
    chmod(&sb.db(), 0o444);
    chmod(sb.path(), 0o777);
    Some((prefix, sgz))
}

#[test]
fn a_read_only_database_is_marked_and_edit_keys_say_so() {
    if !tmux_or_skip("a_read_only_database_is_marked_and_edit_keys_say_so") {
        return;
    }
    let sb = Sandbox::with_demo();
    let Some((prefix, sgz)) = as_an_account_that_cannot_write(&sb) else {
        return;
    };
    let before = std::fs::read(sb.db()).expect("read the database");
    let t = Tmux::start("readonly", &sb, 80, 24);
    t.launch_with(
        &sb,
        &prefix,
        &sgz,
        &[("NO_COLOR", "1")],
        &["--today", "2025-12-31", "--scope", "3303"],
    );
    let screen = t.wait_text("覆盖看板");
    let bar = screen.lines().nth(22).unwrap_or_default();
    assert!(
        bar.starts_with("【只读】"),
        "the status bar says read-only:\n{screen}"
    );
    // The list: n (new evaluation) is answered, not tried.
    t.keys(&["4"]);
    t.wait_text("续签");
    t.keys(&["n"]);
    t.wait_text("只读：不能修改");
    // The 2025 end-term draft of 滨江街道 is the sixteenth row (as in the render tests).
    for _ in 0..15 {
        t.keys(&["j"]);
    }
    t.wait_for("the draft row selected", |_| {
        reversed_text(&t.screen_escaped())
            .iter()
            .any(|r| r.contains("滨江街道") && r.contains("草稿"))
    });
    t.keys(&["Enter"]);
    t.wait_for("the grid", |s| s.contains("维度") && s.contains("草稿"));
    // Typing and saving are each answered with the reason; no draft is claimed kept.
    t.type_text("5");
    let typed = t.wait_text("只读：不能修改");
    t.keys(&["C-s"]);
    let saved = t.wait_text("只读：不能修改");
    for s in [&typed, &saved] {
        assert!(!s.contains("已存草稿"), "no draft is claimed kept:\n{s}");
        assert!(
            !s.contains("readonly database"),
            "no raw SQLite error:\n{s}"
        );
    }
    t.keys(&["Escape"]);
    // Back on the list (the grid's side panel says 续签 too: its 维度 column tells them apart).
    t.wait_for("the list", |s| s.contains("续签") && !s.contains("维度"));
    t.keys(&["q"]);
    t.assert_clean_shell();
    assert!(
        std::fs::read(sb.db()).expect("read the database") == before,
        "the database file is unchanged"
    );
}

/// Ctrl-Z gives the terminal back to the shell (main screen, cursor shown, cooked mode) and
/// stops sgz; `fg` takes the terminal again and draws the whole screen afresh, at the size the
/// terminal has by then. Under each TERM the house supports, with and without colour.
#[test]
fn ctrl_z_suspends_and_fg_resumes_with_the_screen_redrawn() {
    if !tmux_or_skip("ctrl_z_suspends_and_fg_resumes_with_the_screen_redrawn") {
        return;
    }
    let sb = Sandbox::with_demo();
    for (k, env) in [
        &[("NO_COLOR", "1"), ("TERM", "xterm")][..],
        &[("TERM", "screen-256color")],
        &[("TERM", "linux")],
    ]
    .into_iter()
    .enumerate()
    {
        let t = Tmux::start(&format!("suspend{k}"), &sb, 80, 24);
        let before = launch_dashboard(&t, &sb, env);
        t.keys(&["C-z"]);
        let shell = t.wait_for("the shell after ctrl-z", |s| {
            tmux_util::last_line(s).starts_with(tmux_util::PROMPT)
        });
        assert_eq!(t.display("#{alternate_on}"), "0", "{env:?}\n{shell}");
        assert_eq!(t.display("#{cursor_flag}"), "1", "{env:?}\n{shell}");
        // The shell reads lines again (cooked mode), and sgz is a stopped job.
        t.type_text("jobs; echo COOKED-$((6*7))");
        t.keys(&["Enter"]);
        let jobs = t.wait_text("COOKED-42");
        assert!(jobs.to_lowercase().contains("stopped"), "{env:?}\n{jobs}");
        // Resumed at a bigger size: the whole screen drawn for it, nothing of the shell left.
        t.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"]);
        t.type_text("fg");
        t.keys(&["Enter"]);
        let after = t.wait_for("the dashboard again", |s| {
            s.contains("覆盖看板") && s.lines().count() >= 40 && !s.contains("COOKED")
        });
        assert_eq!(t.display("#{alternate_on}"), "1", "{env:?}\n{after}");
        assert_eq!(title_scope(&after), title_scope(&before), "{env:?}");
        assert!(
            title(&after).ends_with('┐')
                && title(&after).chars().count() > title(&before).chars().count(),
            "the frame should span the wider terminal: {env:?}\n{after}"
        );
        // And it still answers keys.
        t.keys(&["q"]);
        t.wait_for("the prompt after quitting", |s| {
            tmux_util::last_line(s).starts_with(tmux_util::PROMPT)
        });
        assert_eq!(t.display("#{alternate_on}"), "0");
    }
}

/// A bureau's own database before its sites are in: the TUI opens on its divisions and its
/// first status line says what to import next, at 80x24 and in English at 120x40.
#[test]
fn a_database_without_sites_says_what_to_import_next() {
    if !tmux_or_skip("a_database_without_sites_says_what_to_import_next") {
        return;
    }
    let sb = Sandbox::empty();
    let divisions = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/divisions");
    sb.cli(&["init", "--divisions", divisions.to_str().expect("utf-8")]);
    let t = Tmux::start("own", &sb, 80, 24);
    t.launch(&sb, &[], &["--today", TODAY]);
    let screen = t.wait_text("尚无站点");
    assert!(screen.contains("全部辖区总览"), "{screen}");
    assert!(
        last_line(&screen).contains("下一步：`sgz import sites FILE`"),
        "{screen}"
    );
    t.keys(&["q"]);
    t.wait_exit();
    let t = Tmux::start("own-en", &sb, 120, 40);
    t.launch(&sb, &[("SGZ_LANG", "en")], &["--today", TODAY]);
    let screen = t.wait_text("no sites yet");
    assert!(
        last_line(&screen).contains("next: `sgz import sites FILE` for the sites"),
        "{screen}"
    );
    t.keys(&["q"]);
    t.wait_exit();
}
