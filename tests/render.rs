//! Screens on TestBackend, snapshotted with insta at a fixed date, 80x24 and 120x40, both
//! languages; and the dashboard agrees with `sgz report coverage`.

mod common;
use common::screen;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use sgz::tui::action::Action;
use sgz::tui::app::{App, Options};
use sgz::tui::keymap::Keymap;
use sgz::tui::theme::Theme;
use sgz::tui::update::Msg;

fn demo() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("demo.db");
        sgz::commands::init_demo(&p, &sgz::io::policy::embedded().unwrap()).unwrap();
        (dir, p)
    });
    p
}

fn app(scope: &str, today: &str, en: bool) -> App {
    app_as(Some(scope), today, en, sgz::store::Actor::system("督导员"))
}

/// The app as `actor` opens it, at `scope` or, with none, where it opens by itself.
fn app_as(scope: Option<&str>, today: &str, en: bool, actor: sgz::store::Actor) -> App {
    let store = sgz::store::Store::open_read_only(demo()).unwrap();
    let o = Options {
        today: NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(),
        lang: if en {
            sgz::i18n::Lang::En
        } else {
            sgz::i18n::Lang::Zh
        },
        scope: scope.map(String::from),
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor,
        export_dir: std::env::temp_dir(),
        stage_above: sgz::tui::app::STAGE_ABOVE,
    };
    let mut a = App::new(store, sgz::io::policy::embedded().unwrap(), o).unwrap();
    a.model.db = "demo.db".into();
    a.model.loaded_at = "2026-11-22 09:00:00".into();
    a.model.read_only = None;
    a
}

fn keys(a: &mut App, actions: &[Action]) {
    for &x in actions {
        a.handle(Msg::Act(x));
    }
}

#[test]
fn tree_80x24_and_120x40_both_languages() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("64", "2021-12-31", en);
        keys(
            &mut a,
            &[
                Action::View2,
                Action::MoveDown,
                Action::Expand,
                Action::Expand,
                Action::Expand,
                Action::Expand,
            ],
        );
        insta::assert_snapshot!(format!("tree_80x24_{lang}"), screen(&mut a, 80, 24));
        insta::assert_snapshot!(format!("tree_120x40_{lang}"), screen(&mut a, 120, 40));
    }
}

#[test]
fn help_80x24_and_120x40_both_languages() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("64", "2021-12-31", en);
        keys(&mut a, &[Action::Help]);
        insta::assert_snapshot!(format!("help_80x24_{lang}"), screen(&mut a, 80, 24));
        insta::assert_snapshot!(format!("help_120x40_{lang}"), screen(&mut a, 120, 40));
    }
}

#[test]
fn dashboard_before_at_and_after_each_seed_deadline() {
    let cases = [
        ("64", "ningxia", ["2021-09-29", "2021-12-31", "2022-06-30"]),
        ("4201", "wuhan", ["2022-12-31", "2023-12-31", "2024-06-30"]),
        (
            "3303",
            "wenzhou",
            ["2021-11-30", "2022-12-31", "2023-06-30"],
        ),
        (
            "320682",
            "nantong",
            ["2021-10-30", "2022-08-31", "2023-06-30"],
        ),
        (
            "500112",
            "yubei",
            ["2021-11-30", "2021-12-31", "2024-01-31"],
        ),
    ];
    for (scope, name, dates) in cases {
        for date in dates {
            let mut a = app(scope, date, false);
            insta::assert_snapshot!(
                format!("dashboard_{name}_{date}_80x24_zh"),
                screen(&mut a, 80, 24)
            );
        }
        let mut a = app(scope, dates[1], true);
        insta::assert_snapshot!(
            format!("dashboard_{name}_{}_120x40_en", dates[1]),
            screen(&mut a, 120, 40)
        );
    }
}

#[test]
fn meeting_view_80x24_and_200x50() {
    let mut a = app("64", "2021-12-31", false);
    keys(&mut a, &[Action::Meeting]);
    insta::assert_snapshot!("meeting_ningxia_80x24_zh", screen(&mut a, 80, 24));
    let mut a = app("64", "2021-12-31", true);
    keys(&mut a, &[Action::Meeting]);
    insta::assert_snapshot!("meeting_ningxia_200x50_en", screen(&mut a, 200, 50));
    insta::assert_snapshot!("meeting_ningxia_120x40_en", screen(&mut a, 120, 40));
}

#[test]
fn search_popup_lists_paths_best_first() {
    let mut a = app("64", "2021-12-31", false);
    a.handle(Msg::Act(Action::Search));
    for c in "xq".chars() {
        a.handle(Msg::Type(c));
    }
    assert!(a.wait_search(Duration::from_secs(30)));
    let s = screen(&mut a, 80, 24);
    let first = s
        .lines()
        .find(|l| l.contains("640104"))
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("宁夏回族自治区 › 银川市 › 兴庆区"), "{s}");
    a.handle(Msg::Act(Action::Confirm));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("兴庆区社会工作服务指导中") && s.contains("640104"),
        "{s}"
    );
}

#[test]
fn too_small_terminal_says_so() {
    let mut a = app("64", "2021-12-31", false);
    let s = screen(&mut a, 60, 20);
    assert!(s.contains("终端太小") && s.contains("80x24"), "{s}");
}

#[test]
fn chinese_names_never_break_borders_at_80x24() {
    // Every line of every screen is exactly 80 columns wide and the right border stays put.
    let mut a = app("4201", "2023-12-31", false);
    for view in [Action::View1, Action::View2] {
        keys(
            &mut a,
            &[
                view,
                Action::Expand,
                Action::MoveDown,
                Action::Expand,
                Action::MoveDown,
                Action::Expand,
            ],
        );
        let s = screen(&mut a, 80, 24);
        for line in s.lines() {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line), 80, "{line}");
        }
    }
    // The tables of the other views, where names are cut to their columns.
    for view in [Action::View3, Action::View4, Action::View5, Action::View1] {
        keys(&mut a, &[view]);
        let s = screen(&mut a, 80, 24);
        for line in s.lines() {
            assert_eq!(unicode_width::UnicodeWidthStr::width(line), 80, "{line}");
        }
    }
}

#[test]
fn dashboard_and_meeting_agree_with_the_report_for_each_region_at_three_dates() {
    let profiles = sgz::io::policy::embedded().unwrap();
    let store = sgz::store::Store::open_read_only(demo()).unwrap();
    let net = store.load_network().unwrap();
    for scope in ["64", "4201", "3303", "320682", "500112"] {
        for date in ["2021-12-31", "2022-12-31", "2026-11-22"] {
            let mut a = app(scope, date, false);
            let cli = assert_cmd::Command::cargo_bin("sgz")
                .unwrap()
                .args(["--db"])
                .arg(demo())
                .args([
                    "report", "coverage", "--scope", scope, "--as-of", date, "--format", "json",
                ])
                .output()
                .unwrap();
            let cli: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
            assert_eq!(
                sgz::io::coverage::coverage_json(&a.derived.report),
                cli,
                "{scope} {date}"
            );
            // The meeting view shows the same numbers.
            a.handle(Msg::Act(Action::Meeting));
            let s = screen(&mut a, 200, 50);
            for m in cli["milestones"].as_array().unwrap().iter().take(2) {
                let counts = format!("{}/{}", m["covered"], m["required"]);
                assert!(s.contains(&counts), "{scope} {date} {counts}\n{s}");
            }
            let node = net.tree.find(scope).unwrap();
            let direct = sgz::domain::coverage::coverage(
                &net,
                &profiles,
                node,
                None,
                NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            );
            assert_eq!(direct, a.derived.report);
        }
    }
}

#[test]
fn staff_person_alerts_scores_and_grid_screens() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("64", "2026-11-22", en);
        keys(&mut a, &[Action::View3]);
        insta::assert_snapshot!(format!("staff_80x24_{lang}"), screen(&mut a, 80, 24));
        keys(&mut a, &[Action::Expand]);
        insta::assert_snapshot!(format!("person_120x40_{lang}"), screen(&mut a, 120, 40));
        keys(&mut a, &[Action::View5]);
        insta::assert_snapshot!(format!("alerts_80x24_{lang}"), screen(&mut a, 80, 24));
        let mut a = app("3303", "2025-12-31", en);
        keys(&mut a, &[Action::View4]);
        insta::assert_snapshot!(format!("scores_80x24_{lang}"), screen(&mut a, 80, 24));
        // The third row is a submitted 2024 sheet: read only, typing into it is refused.
        keys(
            &mut a,
            &[Action::MoveDown, Action::MoveDown, Action::OpenSheet],
        );
        a.handle(Msg::Type('1'));
        insta::assert_snapshot!(
            format!("grid_submitted_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        // The sixteenth is the 2025 end-term draft of 滨江街道: type into a cell.
        keys(&mut a, &[Action::Cancel]);
        keys(&mut a, &[Action::MoveDown; 13]);
        keys(&mut a, &[Action::OpenSheet]);
        for ch in "１２".chars() {
            a.handle(Msg::Type(ch));
        }
        insta::assert_snapshot!(format!("grid_80x24_{lang}"), screen(&mut a, 80, 24));
        insta::assert_snapshot!(format!("grid_120x40_{lang}"), screen(&mut a, 120, 40));
    }
}

#[test]
fn the_alerts_view_lists_exactly_what_sgz_check_prints() {
    for scope in ["64", "4201", "3303", "320682", "500112"] {
        let a = app(scope, "2026-11-22", false);
        let view: Vec<(String, String, Option<i64>)> = a
            .derived
            .alerts(&a.model)
            .iter()
            .map(|x| (x.kind.as_str().to_string(), x.code.clone(), x.staff_id))
            .collect();
        let out = assert_cmd::Command::cargo_bin("sgz")
            .unwrap()
            .arg("--db")
            .arg(demo())
            .args([
                "--today",
                "2026-11-22",
                "--scope",
                scope,
                "check",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let list = v
            .get("alerts")
            .and_then(|x| x.as_array())
            .cloned()
            .or_else(|| v.as_array().cloned())
            .unwrap();
        let cli: Vec<(String, String, Option<i64>)> = list
            .iter()
            .map(|x| {
                (
                    x["kind"].as_str().unwrap().to_string(),
                    x["code"].as_str().unwrap().to_string(),
                    x["staff_id"].as_i64(),
                )
            })
            .collect();
        assert_eq!(view, cli, "{scope}");
    }
}

/// The alerts `sgz check --format json` prints for Ningxia on 2026-11-22.
fn check_json_64() -> Vec<serde_json::Value> {
    let out = assert_cmd::Command::cargo_bin("sgz")
        .unwrap()
        .arg("--db")
        .arg(demo())
        .args(["--today", "2026-11-22", "--scope", "64"])
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.get("alerts")
        .and_then(|x| x.as_array())
        .cloned()
        .or_else(|| v.as_array().cloned())
        .unwrap()
}

#[test]
fn staff_open_sorted_by_worst_alert_then_nearest_due_date() {
    // The oracle: each person's most serious alert as `sgz check` prints it.
    let list = check_json_64();
    let rank = |s: &str| ["critical", "warning", "info"].iter().position(|x| *x == s);
    let mut worst: std::collections::HashMap<i64, usize> = Default::default();
    for x in &list {
        if let (Some(id), Some(r)) = (
            x["staff_id"].as_i64(),
            x["severity"].as_str().and_then(rank),
        ) {
            let w = worst.entry(id).or_insert(r);
            *w = (*w).min(r);
        }
    }
    let a = app("64", "2026-11-22", false);
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    assert!(rows.len() > 100);
    let key = |r: &sgz::tui::model::StaffRow| {
        (
            worst.get(&r.staff_id).copied().unwrap_or(3),
            r.next
                .as_ref()
                .and_then(|n| n.days_left)
                .unwrap_or(i64::MAX),
        )
    };
    for w in rows.windows(2) {
        assert!(key(w[0]) <= key(w[1]), "{} before {}", w[0].name, w[1].name);
    }
    let ranks: std::collections::HashSet<usize> = rows.iter().map(|r| key(r).0).collect();
    assert!(
        ranks.len() >= 3,
        "the demo has several severities: {ranks:?}"
    );
}

#[test]
fn the_alerts_view_filters_by_severity_and_kind_as_sgz_check_counts() {
    // The oracle: (severity, kind) of every alert `sgz check` prints.
    let list = check_json_64();
    let cli: Vec<(String, String)> = list
        .iter()
        .map(|x| {
            (
                x["severity"].as_str().unwrap().to_string(),
                x["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let shown = |a: &App| -> Vec<(String, String)> {
        sgz::tui::model::filtered_alerts(&a.derived, &a.model, &a.state)
            .iter()
            .map(|x| (x.severity.as_str().to_string(), x.kind.as_str().to_string()))
            .collect()
    };
    let mut a = app("64", "2026-11-22", false);
    keys(&mut a, &[Action::View5]);
    assert_eq!(shown(&a).len(), cli.len());
    for sev in ["critical", "warning", "info"] {
        keys(&mut a, &[Action::CycleSeverity]);
        let want: Vec<_> = cli.iter().filter(|x| x.0 == sev).cloned().collect();
        assert!(!want.is_empty() || sev == "info", "{sev}");
        assert_eq!(shown(&a), want, "{sev}");
    }
    keys(&mut a, &[Action::CycleSeverity]);
    assert_eq!(
        shown(&a),
        cli,
        "the fourth press shows every severity again"
    );
    // Kinds cycle through those present, in `AlertKind::ALL` order, then back to all.
    let present: Vec<&str> = sgz::domain::rules::AlertKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| cli.iter().any(|x| x.1 == *k))
        .collect();
    assert!(present.len() > 2);
    for k in &present {
        keys(&mut a, &[Action::CycleKind]);
        let want: Vec<_> = cli.iter().filter(|x| x.1 == *k).cloned().collect();
        assert_eq!(shown(&a), want, "{k}");
    }
    keys(&mut a, &[Action::CycleKind]);
    assert_eq!(shown(&a), cli);
    // Both at once, named in the title.
    keys(&mut a, &[Action::CycleSeverity, Action::CycleKind]);
    // Among the kinds the critical alerts have.
    let k = present
        .iter()
        .copied()
        .find(|k| cli.iter().any(|x| x.0 == "critical" && x.1 == *k))
        .unwrap();
    let want: Vec<_> = cli
        .iter()
        .filter(|x| x.0 == "critical" && x.1 == k)
        .cloned()
        .collect();
    assert_eq!(shown(&a), want);
    insta::assert_snapshot!("alerts_filtered_80x24_zh", screen(&mut a, 80, 24));
    let mut a = app("64", "2026-11-22", true);
    keys(
        &mut a,
        &[Action::View5, Action::CycleSeverity, Action::CycleSeverity],
    );
    insta::assert_snapshot!("alerts_filtered_120x40_en", screen(&mut a, 120, 40));
}

/// The rows of a screen that are drawn in reverse video from edge to edge of `x0..x1`.
fn reversed_rows(a: &mut App, w: u16, h: u16, x0: u16, x1: u16) -> Vec<u16> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    a.draw(&mut t).unwrap();
    let buf = t.backend().buffer().clone();
    // The cell after a wide character is covered by it: only the character's cell counts.
    // The two status lines at the bottom are not part of any list.
    (0..h - 2)
        .filter(|&y| {
            let mut x = x0;
            while x < x1 {
                let cell = &buf[(x, y)];
                if !cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
                    return false;
                }
                x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            }
            true
        })
        .collect()
}

#[test]
fn the_selected_row_of_each_list_is_reversed_across_the_table() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (scope, view) in [
            ("64", Action::View3),
            ("64", Action::View5),
            ("3303", Action::View4),
        ] {
            let mut a = app(scope, "2026-11-22", false);
            keys(&mut a, &[view, Action::MoveDown, Action::MoveDown]);
            // Below the border and the header: the third row is the selected one.
            assert_eq!(
                reversed_rows(&mut a, w, h, 1, w - 1),
                vec![4],
                "{view:?} at {w}x{h}\n{}",
                screen(&mut a, w, h)
            );
        }
    }
}

#[test]
fn stored_control_characters_show_as_escapes_in_the_tables() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app("64", "2026-11-22", false);
        // The first person of the staff list and of the alerts, renamed as an import before
        // the refusals might have stored it.
        let first = a.derived.alerts(&a.model)[0].staff_id.unwrap();
        let net = std::sync::Arc::make_mut(&mut a.model.net);
        let p = net.staff.iter_mut().find(|p| p.id == first).unwrap();
        p.name = "杜\u{1b}]0;x\u{7}丽".into();
        for view in [Action::View3, Action::View5] {
            keys(&mut a, &[view]);
            let s = screen(&mut a, w, h);
            assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s}");
            assert!(s.contains("杜\\u{1b}"), "{view:?} at {w}x{h}\n{s}");
        }
    }
}

#[test]
fn several_regions_open_on_the_overview_80x24_and_120x40_both_languages() {
    for en in [false, true] {
        let lang = if en { "en" } else { "zh" };
        let mut a = app_as(None, "2026-11-22", en, sgz::store::Actor::system("督导员"));
        assert!(a.state.overview.is_some(), "the demo has five regions");
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("overview_2026-11-22_{w}x{h}_{lang}"),
                screen(&mut a, w, h)
            );
        }
    }
}

#[test]
fn a_one_region_grant_opens_on_that_region() {
    let actor = sgz::store::Actor {
        name: "wang".into(),
        role: sgz::domain::access::UserRole::Editor,
        scope: Some("4201".into()),
    };
    let mut a = app_as(None, "2026-11-22", false, actor);
    assert!(a.state.overview.is_none());
    let s = screen(&mut a, 80, 24);
    assert!(s.lines().next().unwrap().contains("覆盖看板 武汉市"), "{s}");
}

/// Each overview row against `sgz report coverage --format json` for that jurisdiction: its
/// milestone is the report's worst by the rule (short after the deadline before behind pace
/// before reached late before on pace before met; then the lower share), with the same
/// counts and status.
#[test]
fn overview_rows_are_each_regions_worst_milestone_as_the_report_states_it() {
    for date in ["2021-12-31", "2022-12-31", "2026-11-22"] {
        let a = app_as(None, date, false, sgz::store::Actor::system("督导员"));
        let rows = a.derived.overview(&a.model).to_vec();
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["320682", "3303", "4201", "500112", "64"], "{date}");
        for r in &rows {
            let out = assert_cmd::Command::cargo_bin("sgz")
                .unwrap()
                .arg("--db")
                .arg(demo())
                .args([
                    "report", "coverage", "--scope", &r.code, "--as-of", date, "--format", "json",
                ])
                .env_remove("SGZ_DB")
                .env_remove("SGZ_POLICY_DIR")
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let ms = v["blocks"][0]["milestones"].as_array().unwrap();
            // Rank from the report's own status keys.
            let rank = |m: &serde_json::Value| -> (u8, f64) {
                let on_pace = m["status_detail"]["on_pace"].as_bool();
                let lost_late = m["status_detail"]["days_late"].as_i64().is_some();
                let r = match (m["status"].as_str().unwrap(), on_pace) {
                    ("missed_short", _) => 0,
                    ("lost", _) if lost_late => 0,
                    ("lost", _) | ("in_progress", Some(false)) => 1,
                    ("missed_reached", _) => 2,
                    ("in_progress", _) => 3,
                    ("met", _) => 4,
                    _ => 5,
                };
                (r, m["ratio"].as_f64().unwrap())
            };
            let worst = ms
                .iter()
                .min_by(|a, b| {
                    let (ra, pa) = rank(a);
                    let (rb, pb) = rank(b);
                    ra.cmp(&rb).then(pa.total_cmp(&pb))
                })
                .unwrap();
            let w = r.worst.as_ref().unwrap();
            assert_eq!(w.id, worst["id"].as_str().unwrap(), "{} {date}", r.code);
            assert_eq!(
                (w.covered as u64, w.required as u64),
                (
                    worst["covered"].as_u64().unwrap(),
                    worst["required"].as_u64().unwrap()
                ),
                "{} {date}",
                r.code
            );
            assert_eq!(
                sgz::i18n::standing::status(&w.status, sgz::i18n::Lang::Zh),
                worst["status_text_zh"].as_str().unwrap(),
                "{} {date}",
                r.code
            );
        }
    }
}

#[test]
fn s_at_the_top_goes_to_the_overview_and_enter_goes_into_a_region() {
    let mut a = app("3303", "2026-11-22", false);
    assert!(a.state.overview.is_none());
    // 温州市 -> 浙江省 -> the overview, on Wenzhou's row.
    keys(&mut a, &[Action::ScopeUp]);
    assert!(a.state.overview.is_none());
    keys(&mut a, &[Action::ScopeUp]);
    assert_eq!(a.state.overview, Some(1));
    let s = screen(&mut a, 80, 24);
    assert!(s.lines().next().unwrap().contains("全部辖区总览"), "{s}");
    // Nothing above the overview; the keys of the dashboard change nothing out of sight.
    let scope = a.state.scope;
    keys(
        &mut a,
        &[Action::ScopeUp, Action::NextMilestone, Action::PolicyPanel],
    );
    assert_eq!(a.state.overview, Some(1));
    assert_eq!(
        (a.state.scope, a.state.dash.milestone, a.state.dash.policy),
        (scope, 0, None)
    );
    // Down to Wuhan, Enter: Wuhan's dashboard.
    keys(&mut a, &[Action::MoveDown, Action::Confirm]);
    assert!(a.state.overview.is_none());
    let s = screen(&mut a, 80, 24);
    assert!(s.lines().next().unwrap().contains("覆盖看板 武汉市"), "{s}");
    // Backspace is the same key as S: up to Hubei, then the overview on Wuhan's row.
    keys(&mut a, &[Action::ScopeUp, Action::ScopeUp]);
    assert_eq!(a.state.overview, Some(2));
    // A view key leaves it for that view.
    keys(&mut a, &[Action::View3]);
    assert!(a.state.overview.is_none());
    assert_eq!(a.state.view, sgz::tui::state::View::Staff);
}

#[test]
fn policy_panel_shows_every_clause_marking_computed_and_information() {
    for en in [false, true] {
        let lang = if en { "en" } else { "zh" };
        let mut a = app("4201", "2021-12-31", en);
        keys(&mut a, &[Action::PolicyPanel]);
        for (w, h) in [(80, 24), (120, 40)] {
            let s = screen(&mut a, w, h);
            // The informational rules come first (Wuhan states none); the computed clauses
            // follow when scrolled.
            assert!(
                s.contains(if en {
                    "Other rules (for information"
                } else {
                    "程序不计算"
                }),
                "{s}"
            );
            insta::assert_snapshot!(format!("policy_panel_wuhan_{w}x{h}_{lang}"), s);
        }
        // Scrolled down (j): the clauses sgz computes, each marked ✓ with its clause, down to
        // the renewal rule (§三(四): every evaluation excellent).
        let computed = if en {
            "Clauses sgz computes"
        } else {
            "程序计算的条款"
        };
        let mut seen = screen(&mut a, 120, 40);
        for _ in 0..40 {
            keys(&mut a, &[Action::MoveDown]);
            seen.push_str(&screen(&mut a, 120, 40));
        }
        assert!(seen.contains(computed), "{seen}");
        assert!(seen.contains("✓ §一(二)"), "{seen}");
        assert!(seen.contains("✓ §三(四)"), "{seen}");
        // Wuhan's district plans (§三(一)), due by the end of 2021: a computed duty.
        assert!(seen.contains("✓ §三(一)"), "{seen}");
        keys(&mut a, &[Action::Top]);
        // i again: the lagging list is back.
        keys(&mut a, &[Action::PolicyPanel]);
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(if en { "Lagging" } else { "红黑榜" }), "{s}");
    }
}

#[test]
fn duties_80x24_and_120x40_both_languages() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("64", "2022-01-31", en);
        keys(&mut a, &[Action::View6]);
        insta::assert_snapshot!(format!("duties_80x24_{lang}"), screen(&mut a, 80, 24));
        insta::assert_snapshot!(format!("duties_120x40_{lang}"), screen(&mut a, 120, 40));
        // The received-date line over the list, today filled in.
        keys(&mut a, &[Action::MarkReceived]);
        insta::assert_snapshot!(format!("duties_mark_80x24_{lang}"), screen(&mut a, 80, 24));
    }
}

#[test]
fn the_duties_view_lists_what_sgz_report_duties_lists() {
    let a = app("64", "2022-01-31", false);
    let mut view: Vec<(String, String, String, String)> = a
        .derived
        .duty_rows(&a.model)
        .iter()
        .map(|r| {
            (
                r.duty.clone(),
                r.owner_code.clone(),
                r.period.clone(),
                r.status.key().to_string(),
            )
        })
        .collect();
    let out = assert_cmd::Command::cargo_bin("sgz")
        .unwrap()
        .arg("--db")
        .arg(demo())
        .args([
            "--today",
            "2026-11-22",
            "--scope",
            "64",
            "report",
            "duties",
            "--as-of",
            "2022-01-31",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut cli: Vec<(String, String, String, String)> = v["duties"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let duty = d["duty"].as_str().unwrap().to_string();
            d["instances"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |i| {
                    (
                        duty.clone(),
                        i["owner_code"].as_str().unwrap().to_string(),
                        i["period"].as_str().unwrap().to_string(),
                        i["status"].as_str().unwrap().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    view.sort();
    cli.sort();
    assert!(view.len() > 400, "{}", view.len());
    assert_eq!(view, cli);
}

fn press(a: &mut App, code: crossterm::event::KeyCode, ctrl: bool) {
    let m = if ctrl {
        crossterm::event::KeyModifiers::CONTROL
    } else {
        crossterm::event::KeyModifiers::NONE
    };
    a.handle_key(crossterm::event::KeyEvent::new(code, m));
}

#[test]
fn emacs_ctrl_x_waits_for_ctrl_c_and_ctrl_z_asks_to_suspend() {
    use crossterm::event::KeyCode::Char;
    let mut a = app("64", "2026-11-22", false);
    a.keys.merge("keymaps/emacs.toml", sgz::tui::keymap::EMACS);
    press(&mut a, Char('x'), true);
    assert!(!a.state.quit, "ctrl-x alone does not quit");
    let s = screen(&mut a, 80, 24);
    assert!(s.lines().last().unwrap().contains("ctrl-x -"), "{s}");
    press(&mut a, Char('j'), false);
    assert!(!a.state.quit);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("ctrl-x j 未绑定任何操作"), "{s}");
    press(&mut a, Char('x'), true);
    press(&mut a, Char('c'), true);
    assert!(a.state.quit, "ctrl-x ctrl-c quits");

    let mut a = app("64", "2026-11-22", false);
    press(&mut a, Char('z'), true);
    assert!(a.suspend, "ctrl-z asks the loop to suspend");
    assert!(!a.state.quit);
}

#[test]
fn every_keymap_problem_is_in_the_help_whole() {
    let mut a = app("64", "2026-11-22", true);
    a.keys.merge(
        "user.toml",
        "[normal]\n\"x\" = \"quit\"\n\"x\" = \"help\"\n\"z\" = \"no_such_action_with_a_rather_long_name_that_would_not_fit\"\n[wibble]\n\"a\" = \"quit\"\n",
    );
    assert_eq!(a.keys.problems.len(), 3);
    a.handle(Msg::Act(Action::Help));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut a, w, h);
        insta::assert_snapshot!(format!("help_keymap_problems_{w}x{h}_en"), s);
        // Each problem's words are all there, across as many lines as it takes.
        // The help's own column of each line: the widest piece between borders.
        let flat: String = s
            .lines()
            .filter_map(|l| l.split('│').max_by_key(|p| p.chars().count()))
            .collect::<Vec<_>>()
            .join("");
        for p in &a.keys.problems {
            let words: String = p.to_string().split_whitespace().collect();
            let seen: String = flat.split_whitespace().collect();
            assert!(seen.contains(&words), "{p} not whole in\n{s}");
        }
    }
}

#[test]
fn staff_sorted_by_name_or_site_are_in_pinyin_order() {
    use pinyin::ToPinyin;
    use sgz::tui::state::StaffSort;
    // The oracle: each character's dictionary reading (the pinyin crate, no place-name
    // overrides), syllables separated so that xi an comes before xian.
    let reading = |s: &str| -> Option<String> {
        let syl: Option<Vec<&str>> = s
            .chars()
            .map(|c| c.to_pinyin().map(|p| p.plain()))
            .collect();
        syl.map(|v| v.join(" ").replace('ü', "v"))
    };
    // Names with a character the overrides name anywhere (曾 is zeng as a surname, 长 chang
    // in place names): left out of the check.
    let overrides: std::collections::HashSet<char> = sgz::search::OVERRIDES
        .lines()
        .filter_map(|l| l.split_once('=').map(|(key, _)| key))
        .flat_map(|k| k.chars())
        .filter(|c| !c.is_ascii())
        .collect();
    let overridden = |s: &str| s.chars().any(|c| overrides.contains(&c));
    let mut a = app("64", "2026-11-22", false);
    for sort in [StaffSort::Name, StaffSort::Site] {
        a.state.staff.sort = sort;
        let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
        assert!(rows.len() > 1000);
        let key = |r: &sgz::tui::model::StaffRow| match sort {
            StaffSort::Site => r.site.clone(),
            _ => r.name.clone(),
        };
        let mut checked = 0;
        let mut code_point_order = true;
        for w in rows.windows(2) {
            let (x, y) = (key(w[0]), key(w[1]));
            code_point_order &= x <= y;
            if overridden(&x) || overridden(&y) {
                continue;
            }
            if let (Some(rx), Some(ry)) = (reading(&x), reading(&y)) {
                assert!(rx <= ry, "{sort:?}: {x} ({rx}) before {y} ({ry})");
                checked += 1;
            }
        }
        assert!(checked > 100, "{sort:?}: only {checked} pairs checked");
        assert!(!code_point_order, "{sort:?}: still in code-point order");
    }
}

/// The score grid of a sheet split among scorer roles (the Guangzhou-style example bound to
/// 江岸区), as the purchaser's scorer sees it after the third party submitted its part: other
/// roles' items greyed and marked ⊘, subtotals per role beside the sheet's total, and typing
/// into a third-party item refused with its reason.
#[test]
fn the_grid_of_a_scorer_marks_other_parts_and_totals_each_part() {
    use sgz::domain::evaluation::{EvalDetail, EvalStatus, Evaluation, SheetParts};
    use sgz::domain::policy::{Phase, Profile, ScorerRole};
    let text = include_str!("../data/policies-examples/guangzhou-style-1000.toml").replacen(
        "binds_to = []",
        "binds_to = [\"420102\"]",
        1,
    );
    let gz: Profile = toml::from_str(&text).unwrap();
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let store = sgz::store::Store::open_read_only(demo()).unwrap();
        let mut profiles = sgz::io::policy::embedded().unwrap();
        profiles.push(gz.clone());
        let o = Options {
            today: NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(),
            lang: if en {
                sgz::i18n::Lang::En
            } else {
                sgz::i18n::Lang::Zh
            },
            scope: Some("420102".into()),
            keymap: Keymap::defaults(),
            theme: Theme::plain(),
            actor: sgz::store::Actor {
                name: "购买方乙".into(),
                role: sgz::store::UserRole::Editor,
                scope: Some("420102".into()),
            },
            export_dir: std::env::temp_dir(),
            stage_above: sgz::tui::app::STAGE_ABOVE,
        };
        let mut a = App::new(store, profiles, o).unwrap();
        a.model.db = "demo.db".into();
        a.model.loaded_at = "2026-11-22 09:00:00".into();
        a.model.read_only = None;
        let node = a.model.net.tree.find("420102").unwrap();
        let site = a
            .model
            .net
            .sites_under(node)
            .map(|(_, s)| s)
            .find(|s| s.tier == sgz::domain::site::Tier::Station)
            .unwrap()
            .id;
        // The third party's part scored at 90 % and submitted; the purchaser's first two.
        let mut scores = std::collections::BTreeMap::new();
        let mut pu = 0;
        for n in gz
            .evaluation
            .nodes()
            .into_iter()
            .filter(|n| n.item.is_leaf())
        {
            match n.scorer {
                Some(ScorerRole::ThirdParty) => {
                    scores.insert(n.item.id.clone(), (n.item.max * 0.9 * 2.0).round() / 2.0);
                }
                Some(ScorerRole::Purchaser) if pu < 2 => {
                    pu += 1;
                    scores.insert(n.item.id.clone(), n.item.max - 1.0);
                }
                _ => {}
            }
        }
        let detail = EvalDetail {
            evaluation: Evaluation {
                id: 9001,
                site_id: site,
                year: 2027,
                phase: Phase::Annual,
                template: gz.id.clone(),
                status: EvalStatus::Draft,
                total: None,
                grade: None,
                version: 3,
                scores,
                synthetic: true,
            },
            drafts: std::collections::BTreeMap::new(),
            draft_base_version: None,
            updated_by: None,
            updated_at: None,
            parts: SheetParts {
                mine: Some(ScorerRole::Purchaser),
                submitted: [ScorerRole::ThirdParty].into_iter().collect(),
            },
        };
        a.handle(Msg::SheetLoaded(Box::new(detail)));
        let sheet = a.state.sheet().unwrap();
        assert_eq!(sheet.part_totals().len(), 3);
        // The grid opens on the purchaser's first item; the row above it is the third
        // party's: typing into it is refused with the reason.
        let k = sheet.cursor();
        assert_eq!(sheet.rows()[k].scorer, Some(ScorerRole::Purchaser));
        assert_eq!(sheet.rows()[k - 1].scorer, Some(ScorerRole::ThirdParty));
        keys(&mut a, &[Action::MoveUp]);
        a.handle(Msg::Type('5'));
        insta::assert_snapshot!(format!("grid_scorer_80x24_{lang}"), screen(&mut a, 80, 24));
        insta::assert_snapshot!(
            format!("grid_scorer_120x40_{lang}"),
            screen(&mut a, 120, 40)
        );
    }
}

/// The first division of `scope` (in tree order) at `level` with a site, or without one.
fn division_at(a: &App, scope: &str, level: sgz::domain::division::Level, with_site: bool) -> u32 {
    let net = &a.model.net;
    let top = net.tree.find(scope).unwrap();
    net.tree
        .subtree(top)
        .find(|&i| net.tree.node(i).level == level && net.site_at(i).is_some() == with_site)
        .expect("a division")
}

#[test]
fn site_and_staff_forms_80x24_and_120x40_both_languages() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("64", "2026-11-22", en);
        keys(&mut a, &[Action::View2]);
        use sgz::domain::division::Level;
        // Every township of the demo has its station: a village without its room.
        let bare = division_at(&a, "64", Level::Village, false);
        sgz::tui::update::jump_to(&mut a.state, &a.model, bare);
        keys(&mut a, &[Action::CreateSite]);
        insta::assert_snapshot!(
            format!("form_create_site_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::Cancel]);
        let built = division_at(&a, "64", Level::Township, true);
        sgz::tui::update::jump_to(&mut a.state, &a.model, built);
        keys(&mut a, &[Action::EditSite]);
        insta::assert_snapshot!(
            format!("form_edit_site_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::Cancel, Action::RecordSiteStatus]);
        insta::assert_snapshot!(
            format!("form_site_status_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        insta::assert_snapshot!(
            format!("form_site_status_120x40_{lang}"),
            screen(&mut a, 120, 40)
        );
        // An impossible order, refused with the reason under the fields.
        a.handle(Msg::Act(Action::ClearLine));
        for ch in if en { "planned" } else { "规划" }.chars() {
            a.handle(Msg::Type(ch));
        }
        keys(&mut a, &[Action::Confirm]);
        insta::assert_snapshot!(
            format!("form_site_status_refused_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::Cancel, Action::UndoSiteStatus]);
        insta::assert_snapshot!(
            format!("confirm_undo_status_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::No, Action::View3]);
        keys(&mut a, &[Action::AddStaff]);
        insta::assert_snapshot!(
            format!("form_add_staff_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::Cancel, Action::RecordTraining]);
        insta::assert_snapshot!(
            format!("form_training_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        insta::assert_snapshot!(
            format!("form_training_120x40_{lang}"),
            screen(&mut a, 120, 40)
        );
        keys(&mut a, &[Action::Cancel, Action::RenewContract]);
        insta::assert_snapshot!(format!("form_renewal_80x24_{lang}"), screen(&mut a, 80, 24));
        keys(&mut a, &[Action::Cancel, Action::RecordDeparture]);
        insta::assert_snapshot!(
            format!("form_departure_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::Confirm]);
        insta::assert_snapshot!(
            format!("confirm_departure_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        keys(&mut a, &[Action::No, Action::ToggleDeparted]);
        insta::assert_snapshot!(
            format!("staff_departed_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
    }
}

#[test]
fn contract_form_80x24_and_120x40_both_languages() {
    for (en, lang) in [(false, "zh"), (true, "en")] {
        let mut a = app("420102", "2026-11-22", en);
        // 大智街道: a refused renewal ended, the re-procured contract in force.
        keys(
            &mut a,
            &[Action::View2, Action::MoveDown, Action::SiteContracts],
        );
        insta::assert_snapshot!(
            format!("contract_form_80x24_{lang}"),
            screen(&mut a, 80, 24)
        );
        insta::assert_snapshot!(
            format!("contract_form_120x40_{lang}"),
            screen(&mut a, 120, 40)
        );
        // One day past Wuhan's 3 years (§三(四)): refused in the form, with the clause.
        keys(
            &mut a,
            &[Action::NextField, Action::NextField, Action::ClearLine],
        );
        for ch in "2032-02-26".chars() {
            a.handle(Msg::Type(ch));
        }
        keys(&mut a, &[Action::Confirm]);
        let s = screen(&mut a, 80, 24);
        assert!(s.contains("§三(四)"), "{s}");
        insta::assert_snapshot!(format!("contract_form_too_long_80x24_{lang}"), s);
    }
}
