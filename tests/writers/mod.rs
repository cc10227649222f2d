//! Score writers in their own processes, for the concurrency and crash tests: a small
//! Wenzhou database, a writer that saves whole sheets through the library in a loop (the test
//! binary runs itself as the child, see `spawn_library_writer`), and a writer that runs
//! `sgz import scores` on a whole-sheet CSV.
//!
//! Why the test binary and not an example: an example is not built by `cargo test --test X`,
//! and the library writer must use exactly what the TUI uses (`put_draft`, `save_scores`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sgz::domain::division::{Division, Level};
use sgz::domain::evaluation::{EvalStatus, Evaluation};
use sgz::domain::policy::Phase;
use sgz::domain::site::{Site, Tier};
use sgz::store::{Actor, Store, UserRole};

pub const SGZ: &str = env!("CARGO_BIN_EXE_sgz");
pub const TEMPLATE: &str = "wenzhou-2021";
pub const YEAR: i32 = 2025;

/// The items of the Wenzhou template: (id, max).
pub fn items() -> Vec<(String, f64)> {
    sgz::io::policy::embedded()
        .expect("profiles")
        .into_iter()
        .find(|p| p.id == TEMPLATE)
        .expect("the wenzhou profile")
        .evaluation
        .items()
        .map(|(_, i)| (i.id.clone(), i.max))
        .collect()
}

/// The township code of sheet `k` (1-based): 330302001, 330302002, ...
pub fn township(k: i64) -> String {
    format!("330302{k:03}")
}

/// A database with `n` stations in 鹿城区, each with one draft 2025 mid-term sheet (id = k)
/// scored 1 on every item at version 1, and the current OS account as admin.
pub fn build_db(path: &Path, n: i64) {
    let mut s = Store::open(path).expect("opens");
    let sys = Actor::system("setup");
    let d = |code: String, name: String, level| {
        let parent = sgz::domain::division::parse_code(&code)
            .and_then(|(_, l)| l.index().checked_sub(1))
            .and_then(Level::from_index)
            .map(|pl| code[..pl.digits()].to_string());
        Division {
            code,
            name,
            level,
            parent,
        }
    };
    let mut divisions = vec![
        d("33".into(), "浙江省".into(), Level::Province),
        d("3303".into(), "温州市".into(), Level::City),
        d("330302".into(), "鹿城区".into(), Level::County),
    ];
    let mut sites = Vec::new();
    let mut evals = Vec::new();
    let all = items();
    for k in 1..=n {
        divisions.push(d(township(k), format!("街道{k}"), Level::Township));
        sites.push(Site {
            id: k,
            division: township(k).into(),
            tier: Tier::Station,
            name: format!("街道{k}社会工作服务站").into(),
            operator: None,
            area_m2: None,
            civil_reg: None,
            head: None,
            history: vec![],
            synthetic: false,
        });
        evals.push(Evaluation {
            id: k,
            site_id: k,
            year: YEAR,
            phase: Phase::MidTerm,
            template: TEMPLATE.into(),
            status: EvalStatus::Draft,
            total: Some(all.len() as f64),
            grade: None,
            version: 1,
            scores: all.iter().map(|(id, _)| (id.clone(), 1.0)).collect(),
            synthetic: false,
        });
    }
    s.import_divisions(&sys, &divisions, "test")
        .expect("divisions");
    s.insert_bulk(&sys, &sites, &[], &evals, "test")
        .expect("bulk");
    let me = sgz::commands::os_account().expect("who am I");
    s.grant(&sys, &me, UserRole::Admin, None).expect("grant");
}

/// A sheet as stored: version and scores.
pub fn sheet(s: &Store, id: i64) -> (i64, BTreeMap<String, f64>) {
    let d = s.evaluation_detail(id, "checker").expect("detail");
    (d.evaluation.version, d.evaluation.scores)
}

/// Every item of a stored sheet has the same value: that value.
pub fn uniform(scores: &BTreeMap<String, f64>) -> Option<f64> {
    let mut vals = scores.values();
    let first = *vals.next()?;
    vals.all(|v| *v == first).then_some(first)
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

// ---------------------------------------------------------------- the library writer

/// The settings a library writer child reads from its environment.
const ENV_DB: &str = "SGZ_WRITER_DB";
const ENV_NAME: &str = "SGZ_WRITER_NAME";
const ENV_SHEETS: &str = "SGZ_WRITER_SHEETS";
const ENV_UNTIL: &str = "SGZ_WRITER_UNTIL_MS";
const ENV_BASE: &str = "SGZ_WRITER_BASE";
const ENV_LOG: &str = "SGZ_WRITER_LOG";

/// Start this test binary again as a library writer: as `name` (an editor of 3303), saving
/// `sheets` in turn, every item of a sheet set to the next generation number (`base`,
/// `base + 1`, ...), until `run_for` has passed (or until killed). Each acknowledged save is
/// logged to `log` as "ack SHEET VERSION VALUE", a conflict as "conflict SHEET", any other
/// error as "error ...".
pub fn spawn_library_writer(
    child_test: &str,
    db: &Path,
    name: &str,
    sheets: &[i64],
    base: u64,
    run_for: Duration,
    log: &Path,
) -> Child {
    let sheets: Vec<String> = sheets.iter().map(|s| s.to_string()).collect();
    Command::new(std::env::current_exe().expect("the test binary"))
        .args([child_test, "--exact", "--ignored", "--nocapture", "-q"])
        .args(["--test-threads", "1"])
        .env(ENV_DB, db)
        .env(ENV_NAME, name)
        .env(ENV_SHEETS, sheets.join(","))
        .env(ENV_UNTIL, (now_ms() + run_for.as_millis()).to_string())
        .env(ENV_BASE, base.to_string())
        .env(ENV_LOG, log)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a writer")
}

/// The child's side: does nothing unless started by `spawn_library_writer`.
pub fn library_writer_main() {
    let Ok(db) = std::env::var(ENV_DB) else {
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
    let name = var(ENV_NAME);
    let sheets: Vec<i64> = var(ENV_SHEETS)
        .split(',')
        .map(|s| s.parse().expect("a sheet id"))
        .collect();
    let until: u128 = var(ENV_UNTIL).parse().expect("a time");
    let mut value: u64 = var(ENV_BASE).parse().expect("a number");
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(var(ENV_LOG))
        .expect("the writer's log");
    let actor = Actor {
        name,
        role: UserRole::Editor,
        scope: Some("3303".into()),
    };
    let item_ids: Vec<String> = items().into_iter().map(|(id, _)| id).collect();
    // Opening is part of the test: eight processes open the database at once.
    let mut store = match Store::open(Path::new(&db)) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(log, "error opening: {e}");
            return;
        }
    };
    let mut turn = 0;
    while now_ms() < until {
        let id = sheets[turn % sheets.len()];
        turn += 1;
        value += 1;
        let v = value as f64;
        // As the TUI does: read the sheet, keep a typed cell as a draft, then save it all.
        let t = std::time::Instant::now();
        let mut step = "evaluation_detail";
        let line = store.evaluation_detail(id, &actor.name).and_then(|d| {
            let base = d.evaluation.version;
            step = "put_draft";
            store.put_draft(&actor, id, &item_ids[0], v, base)?;
            let scores: BTreeMap<String, f64> = item_ids.iter().map(|k| (k.clone(), v)).collect();
            let total = v * item_ids.len() as f64;
            step = "save_scores";
            store.save_scores(&actor, id, base, &scores, Some(total), None)
        });
        // One write per line: a killed writer leaves whole lines.
        let text = match line {
            Ok(version) => format!("ack {id} {version} {value}\n"),
            Err(sgz::Error::Conflict { .. }) => format!("conflict {id}\n"),
            Err(e) => format!(
                "error {id} {step} after {} ms: {e}\n",
                t.elapsed().as_millis()
            ),
        };
        let _ = log.write_all(text.as_bytes());
    }
}

/// One line of a writer's log.
#[derive(Debug, Clone, PartialEq)]
pub enum Logged {
    Ack {
        sheet: i64,
        version: i64,
        value: u64,
    },
    Conflict {
        sheet: i64,
    },
    Error(String),
}

pub fn read_log(path: &Path) -> Vec<Logged> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let w: Vec<&str> = l.split(' ').collect();
            match w.as_slice() {
                ["ack", s, v, x] => Logged::Ack {
                    sheet: s.parse().expect("sheet"),
                    version: v.parse().expect("version"),
                    value: x.parse().expect("value"),
                },
                ["conflict", s] => Logged::Conflict {
                    sheet: s.parse().expect("sheet"),
                },
                _ => Logged::Error(l.to_string()),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- the CLI writer

/// A valid score for every Wenzhou item (all maxima are at least 5), differing from the one
/// before: 0.5, 1, ... 4.5, 0.5, ...
pub fn cli_value(generation: u64) -> f64 {
    ((generation % 9) + 1) as f64 * 0.5
}

/// A whole-sheet CSV as `sgz export scores` lays it out: every item of each sheet = `value`,
/// each sheet exported at `version` (an import refuses a sheet saved since).
pub fn sheets_csv(sheets: &[i64], value: f64, version: i64) -> String {
    let all = items();
    let mut s = String::from("区划代码(division_code),年度(year),阶段(phase)");
    for (id, _) in &all {
        s.push_str(&format!(",{id}({id})"));
    }
    s.push_str(",版本(version)\n");
    for k in sheets {
        s.push_str(&format!("{},{YEAR},中期", township(*k)));
        for _ in &all {
            s.push_str(&format!(",{}", sgz::domain::evaluation::fmt_score(value)));
        }
        s.push_str(&format!(",{version}\n"));
    }
    s
}

/// The stored version of a sheet (its evaluation id).
pub fn version_of(db: &Path, sheet: i64) -> i64 {
    sgz::store::Store::open(db)
        .expect("opens")
        .evaluation_detail(sheet, "checker")
        .expect("detail")
        .evaluation
        .version
}

/// `sgz --db DB import scores FILE` with a clean environment, not yet waited for.
pub fn cli_import(db: &Path, file: &Path) -> Command {
    let mut c = Command::new(SGZ);
    c.env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off")
        .env_remove("SGZ_DB")
        .arg("--db")
        .arg(db)
        .args(["import", "scores"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

pub fn write_file(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).expect("write");
    path.to_path_buf()
}
