//! The one table: each figure the median [min–max] over runs, next to its anchor from the
//! same run, the target, and (unless a smoke run) pass or fail.

use std::collections::BTreeMap;

use crate::stats::{summary, Summary};

pub const FRAME_MS: f64 = 1000.0 / 60.0;

type Samples = BTreeMap<String, Vec<f64>>;

fn num(v: f64) -> String {
    if v >= 100.0 {
        let s = format!("{v:.0}");
        // Thousands separators for readability.
        let mut out = String::new();
        for (k, c) in s.chars().enumerate() {
            if k > 0 && (s.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn fmt(s: Option<Summary>, unit: &str) -> String {
    match s {
        None => "—".into(),
        Some(s) if s.n == 1 => format!("{} {unit}", num(s.median)),
        Some(s) => format!("{} {unit} [{}–{}]", num(s.median), num(s.min), num(s.max)),
    }
}

fn get(m: &Samples, k: &str) -> Option<Summary> {
    m.get(k).and_then(|v| summary(v))
}

/// A percentile row's cell: "p50 X [..] · p99 Y [..]".
fn pair(m: &Samples, k50: &str, k99: &str, unit: &str) -> String {
    match (get(m, k50), get(m, k99)) {
        (None, None) => "—".into(),
        (a, b) => format!("p50 {} · p99 {}", fmt(a, unit), fmt(b, unit)),
    }
}

struct Row {
    what: &'static str,
    sgz: String,
    anchor: String,
    target: String,
    /// None: cannot judge (a figure is missing).
    pass: Option<bool>,
}

fn le(a: Option<Summary>, b: Option<f64>) -> Option<bool> {
    Some(a?.median <= b?)
}
fn lt(a: Option<Summary>, b: Option<f64>) -> Option<bool> {
    Some(a?.median < b?)
}
fn med(s: Option<Summary>) -> Option<f64> {
    s.map(|s| s.median)
}

fn rows(m: &Samples) -> Vec<Row> {
    let report_sql = get(m, "report.sqlite");
    let half_sql = med(report_sql).map(|v| v / 2.0);
    let mut rows = vec![
        Row {
            what: "`sgz report coverage`, every province, whole process",
            sgz: fmt(get(m, "report.sgz"), "ms"),
            anchor: format!("sqlite3 GROUP BY prefixes: {}", fmt(report_sql, "ms")),
            target: "≤ ½ sqlite3".into(),
            pass: le(get(m, "report.sgz"), half_sql),
        },
        Row {
            what: "start to first complete frame, whole process",
            sgz: fmt(get(m, "frame.sgz"), "ms"),
            anchor: format!("the same sqlite3 query: {}", fmt(report_sql, "ms")),
            target: "≤ ½ sqlite3".into(),
            pass: le(get(m, "frame.sgz"), half_sql),
        },
    ];
    for (label, k) in [
        ("`sgz find 江汉` (Hanzi), whole process", "hanzi"),
        ("`sgz find xingqing` (pinyin), whole process", "pinyin"),
    ] {
        let s = get(m, &format!("find.{k}.sgz"));
        let f = get(m, &format!("find.{k}.fzf"));
        rows.push(Row {
            what: label,
            sgz: fmt(s, "ms"),
            anchor: format!("`fzf --filter`: {}", fmt(f, "ms")),
            target: "< fzf".into(),
            pass: lt(s, med(f)),
        });
    }
    rows.push(Row {
        what: "search keystroke to results drawn, in the TUI (j…乐清)",
        sgz: pair(m, "search.p50", "search.p99", "ms"),
        anchor: format!(
            "`fzf --filter`, final queries: {}",
            pair(m, "search.fzf.p50", "search.fzf.p99", "ms")
        ),
        target: format!("p99 < {} ms", num(FRAME_MS)),
        pass: lt(get(m, "search.p99"), Some(FRAME_MS)),
    });
    rows.push(Row {
        what: "navigation keystroke to rendered frame (move, expand, page, jump)",
        sgz: pair(m, "nav.p50", "nav.p99", "ms"),
        anchor: format!("one 60 Hz frame: {} ms", num(FRAME_MS)),
        target: format!("p99 < ¼ frame ({} ms)", num(FRAME_MS / 4.0)),
        pass: lt(get(m, "nav.p99"), Some(FRAME_MS / 4.0)),
    });
    let save_sql = get(m, "save.sqlite");
    rows.push(Row {
        what: "saving one evaluation sheet, durable",
        sgz: pair(m, "save.p50", "save.p99", "ms"),
        anchor: format!("sqlite3 CLI, one-row UPDATE, WAL: {}", fmt(save_sql, "ms")),
        target: "p50 < sqlite3".into(),
        pass: lt(get(m, "save.p50"), med(save_sql)),
    });
    let rss = get(m, "rss.sgz");
    rows.push(Row {
        what: "peak memory of the TUI (frame, searches, navigation)",
        sgz: fmt(rss, "MB"),
        anchor: format!(
            "fzf holding the same names: {}",
            fmt(get(m, "rss.fzf"), "MB")
        ),
        target: "< 250 MB".into(),
        pass: lt(rss, Some(250.0)),
    });
    for (n, label) in [
        (
            "1",
            "one province session on the national database (PSS once loaded)",
        ),
        ("8", "8 province sessions side by side (PSS, the largest)"),
        ("32", "32 province sessions side by side (PSS, the largest)"),
    ] {
        let k = if n == "1" { "pss" } else { "pss_max" };
        let pss = get(m, &format!("sessions.{n}.{k}"));
        rows.push(Row {
            what: label,
            sgz: fmt(pss, "MB"),
            anchor: format!(
                "idle CPU, busiest session: {}",
                fmt(get(m, &format!("sessions.{n}.idle_cpu")), "%")
            ),
            target: "≤ 25 MB".into(),
            pass: le(pss, Some(25.0)),
        });
    }
    let nation = get(m, "sessions.nation.pss");
    rows.push(Row {
        what: "a nationwide session (PSS once loaded)",
        sgz: fmt(nation, "MB"),
        anchor: format!("idle CPU: {}", fmt(get(m, "sessions.nation.idle_cpu"), "%")),
        target: "≤ 100 MB".into(),
        pass: le(nation, Some(100.0)),
    });
    for (n, label) in [
        (
            "1",
            "start to fully loaded, a province session (whole process)",
        ),
        (
            "nation",
            "start to fully loaded with its alerts, a nationwide session",
        ),
    ] {
        let loaded = get(m, &format!("sessions.{n}.loaded"));
        rows.push(Row {
            what: label,
            sgz: fmt(loaded, "ms"),
            anchor: format!(
                "its first frame: {}",
                fmt(get(m, &format!("sessions.{n}.frame")), "ms")
            ),
            target: "≤ 500 ms".into(),
            pass: le(loaded, Some(500.0)),
        });
    }
    let seen = get(m, "sessions.1.save_to_screen");
    rows.push(Row {
        what: "another process's save to an open province screen (commit to first byte drawn)",
        sgz: fmt(seen, "ms"),
        anchor: "—".into(),
        target: "≤ 50 ms".into(),
        pass: le(seen, Some(50.0)),
    });
    let full = get(m, "bytes.full.p50");
    rows.push(Row {
        what: "bytes to the terminal per navigation keystroke (p50)",
        sgz: fmt(get(m, "bytes.p50"), "B"),
        anchor: format!("full redraw of the same screen: {}", fmt(full, "B")),
        target: "< ⅒ full redraw".into(),
        pass: lt(get(m, "bytes.p50"), med(full).map(|v| v / 10.0)),
    });
    rows
}

/// The table as Markdown; `judge` adds the pass/fail column's verdicts.
pub fn render(m: &Samples, judge: bool) -> String {
    let mut s = String::from(
        "| measurement | sgz: median [min–max] | anchor, same run | target | result |\n\
         |---|---|---|---|---|\n",
    );
    let mut passed = 0;
    let mut judged = 0;
    for r in rows(m) {
        let result = match (judge, r.pass) {
            (false, _) => "not judged (smoke)".to_string(),
            (true, None) => "not measured".to_string(),
            (true, Some(p)) => {
                judged += 1;
                if p {
                    passed += 1;
                    "PASS".to_string()
                } else {
                    "FAIL".to_string()
                }
            }
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.what, r.sgz, r.anchor, r.target, result
        ));
    }
    if judge {
        s.push_str(&format!("\n{passed} of {judged} targets pass.\n"));
    }
    s
}

/// The phases `tui_bench breakdown` times, in the order it runs them.
const PHASES: [&str; 12] = [
    "open",
    "load_tree",
    "load_start_province",
    "load_nation_sites",
    "load_people_largest_province",
    "tree_counts",
    "coverage_all_provinces",
    "national_alerts",
    "index_read",
    "index_parse",
    "search_fresh",
    "search_narrowed",
];

/// The figures behind the table that explain it (not judged).
pub fn extras(m: &Samples) -> String {
    let mut s = String::new();
    let line = |s: &mut String, what: &str, v: String| {
        if v != "—" {
            s.push_str(&format!("- {what}: {v}\n"));
        }
    };
    line(
        &mut s,
        "first search keystroke after start (includes building the index; not in the p50/p99)",
        fmt(get(m, "search.first"), "ms"),
    );
    line(
        &mut s,
        "first frame inside the process (main() to frame drawn)",
        fmt(get(m, "frame.internal"), "ms"),
    );
    line(
        &mut s,
        "`sgz --version`, whole process (spawn overhead)",
        fmt(get(m, "version.sgz"), "ms"),
    );
    for k in ["move", "expand", "page", "jump"] {
        if let (Some(p50), Some(max)) = (
            get(m, &format!("nav.{k}.p50")),
            get(m, &format!("nav.{k}.max")),
        ) {
            line(
                &mut s,
                &format!("navigation, {k}: p50 / slowest"),
                format!("{} / {}", fmt(Some(p50), "ms"), fmt(Some(max), "ms")),
            );
        }
    }
    if let Some(n) = get(m, "save.items") {
        line(
            &mut s,
            "items changed per saved sheet",
            format!("{}", n.median),
        );
    }
    line(
        &mut s,
        "start to the whole nation loaded with its alerts, in the background after the first frame",
        fmt(get(m, "ready.internal"), "ms"),
    );
    line(
        &mut s,
        "the background load of the nation's sites (with the start province's staff and evaluations) alone",
        fmt(get(m, "load.full"), "ms"),
    );
    line(
        &mut s,
        "reloading the province after a save (the TUI does this after every save)",
        fmt(get(m, "reload"), "ms"),
    );
    line(
        &mut s,
        "reloading everything (after another process's write; in the background on the TUI)",
        fmt(get(m, "reload.all"), "ms"),
    );
    let mut phases = String::new();
    for p in PHASES {
        if let Some(t) = get(m, &format!("split.{p}")) {
            let mem = get(m, &format!("mem.{p}")).map_or(String::new(), |v| {
                format!(", +{} MB resident", num(v.median))
            });
            phases.push_str(&format!("  - {p}: {}{mem}\n", fmt(Some(t), "ms")));
        }
    }
    if !phases.is_empty() {
        s.push_str("- start-up and search, phase by phase (each timed alone):\n");
        s.push_str(&phases);
    }
    s
}
