//! Policies kept in the database (`sgz policy`): a stored profile applies in every later
//! process with no environment variable, a broken file names its line and field, only an
//! admin imports, a new version keeps the old one for the evaluations made with it, and
//! scores of stored schemes go out and back in.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
    c.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        // The interface language follows the locale: these tests read the Chinese one.
        .env("SGZ_LANG", "zh")
        .env("SGZ_LOG", "off");
    c
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    sgz(&db).args(["init", "--demo"]).assert().success();
    (dir, db)
}

fn stdout(db: &Path, args: &[&str]) -> String {
    let out = sgz(db).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

const WUHAN: &str = include_str!("../data/policies/wuhan-2021.toml");

/// Wuhan's profile with its station deadline moved to 2022-06-30 and every 10-point item
/// worth 12: a bureau's revised document.
fn wuhan_revised() -> String {
    let t = WUHAN.replacen("deadline = \"2023-12-31\"", "deadline = \"2022-06-30\"", 1);
    assert_ne!(t, WUHAN);
    let t = t.replace("max = 10.0", "max = 12.0");
    assert!(t.contains("max = 12.0"));
    t
}

fn milestone_deadline(db: &Path, id: &str) -> String {
    let out = stdout(
        db,
        &["--scope", "4201", "report", "coverage", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).expect("json");
    v["blocks"][0]["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["id"] == id)
        .and_then(|m| m["deadline"].as_str())
        .expect("the milestone")
        .to_string()
}

/// The evaluations of `template` in the score export's CSV (the template column).
fn evaluations_of(db: &Path, template: &str) -> usize {
    let out = sgz(db)
        .args(["export", "scores", "--format", "csv"])
        .output()
        .expect("runs");
    let (text, _) = sgz::io::encoding::decode(&out.stdout);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(|r| r.ok())
        .filter(|r| r.len() > 4 && r[4] == *template)
        .count()
}

#[test]
fn a_profile_stored_in_the_database_is_used_by_a_later_process_with_no_environment() {
    let (dir, db) = demo();
    assert_eq!(milestone_deadline(&db, "stations-full"), "2023-12-31");
    let file = dir.path().join("wuhan-revised.toml");
    std::fs::write(&file, wuhan_revised()).expect("write");
    sgz(&db)
        .args(["policy", "import"])
        .arg(&file)
        .assert()
        .success();
    // A later process, no SGZ_POLICY_DIR: the stored version binds Wuhan.
    assert_eq!(milestone_deadline(&db, "stations-full"), "2022-06-30");
    let list = stdout(&db, &["--lang", "en", "policy", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&list).expect("json");
    let wuhan = rows
        .iter()
        .find(|r| r["id"] == "wuhan-2021")
        .expect("wuhan");
    assert_eq!(wuhan["version"], "1");
    assert_eq!(wuhan["source"], "stored");
    let ningxia = rows
        .iter()
        .find(|r| r["id"] == "ningxia-2021")
        .expect("ningxia");
    assert_eq!(ningxia["source"], "built in");
    assert_eq!(rows.len(), 5, "the built-in five, one of them replaced");
    // Exported, it is the text imported, and check accepts it.
    let exported = stdout(&db, &["policy", "export", "wuhan-2021"]);
    assert_eq!(exported, wuhan_revised());
    // The audit names the import and the versions.
    let audit = stdout(&db, &["--lang", "en", "audit", "--format", "json"]);
    assert!(audit.contains("import_policy"), "{audit}");
}

#[test]
fn a_broken_file_names_every_problem_with_its_line_and_field_in_the_interface_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("none.db");
    // A milestone id twice and a binding that is no division code: both reported.
    let twice = WUHAN.replacen(
        "id = \"centers-rooms-general\"",
        "id = \"stations-full\"",
        1,
    );
    let text = twice.replacen("binds_to = [\"4201\"]", "binds_to = [\"42x1\"]", 1);
    assert_ne!(text, twice);
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, &text).expect("write");
    let line_of = |needle: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
            .expect("line")
    };
    let dup = line_of("id = \"stations-full\"", 1);
    let bind = line_of("binds_to", 0);
    let name = file.display().to_string();
    for (lang, field, dup_words, bind_words) in [
        ("zh", "字段", "重复", "不是区划代码"),
        ("en", "field", "appears twice", "is not a division code"),
    ] {
        let out = sgz(&db)
            .args(["--lang", lang, "policy", "check"])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let said = String::from_utf8_lossy(&out.stdout);
        let problems: Vec<&str> = said.lines().collect();
        assert_eq!(problems.len(), 2, "{said}");
        assert!(
            problems
                .iter()
                .any(|l| l.starts_with(&format!("{name}:{dup}"))
                    && l.contains(field)
                    && l.contains(dup_words)),
            "{said}"
        );
        assert!(
            problems
                .iter()
                .any(|l| l.starts_with(&format!("{name}:{bind}"))
                    && l.contains("binds_to")
                    && l.contains(bind_words)),
            "{said}"
        );
    }
    // A date that is none: toml stops there, and the line and the field are named.
    let text = WUHAN.replacen("deadline = \"2023-12-31\"", "deadline = \"2023-02-31\"", 1);
    std::fs::write(&file, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains("2023-02-31"))
        .expect("line")
        + 1;
    let out = sgz(&db)
        .args(["policy", "check"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with(&format!("{name}:{line}：字段 deadline")),
        "{said}"
    );
    // A control character is refused at the door, on its line.
    let text = WUHAN.replacen("§一(二)", "§一(二)\u{1b}[2J", 1);
    std::fs::write(&file, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains('\u{1b}'))
        .expect("line")
        + 1;
    let out = sgz(&db)
        .args(["--lang", "en", "policy", "check"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!(":{line}: field clause")), "{said}");
    assert!(
        said.contains("U+001B") && !said.contains('\u{1b}'),
        "{said}"
    );
}

#[test]
fn every_shipped_profile_and_every_new_starting_point_passes_check() {
    let (dir, db) = demo();
    for (file, _) in sgz::io::policy::EMBEDDED {
        sgz(&db).args(["policy", "check", file]).assert().success();
        let id = sgz::io::policy::parse(file, &std::fs::read_to_string(file).expect("read"))
            .expect("parses")
            .id;
        let new = dir.path().join(format!("{id}-own.toml"));
        sgz(&db)
            .args(["policy", "new", "--from", &id, "-o"])
            .arg(&new)
            .assert()
            .success();
        let text = std::fs::read_to_string(&new).expect("read");
        assert!(text.starts_with("# "), "commented");
        let p = sgz::io::policy::parse("new", &text).expect("the starting point parses");
        assert_eq!(p.id, format!("{id}-own"));
        sgz(&db)
            .args(["policy", "check"])
            .arg(&new)
            .assert()
            .success();
    }
}

#[test]
fn an_editor_cannot_import_a_policy() {
    let (dir, db) = demo();
    let me = sgz::commands::os_account().expect("account");
    sgz(&db)
        .args(["users", "service-account", &me])
        .assert()
        .success();
    sgz(&db)
        .args(["users", "grant", "ma", "editor", "4201"])
        .assert()
        .success();
    let file = dir.path().join("wuhan-revised.toml");
    std::fs::write(&file, wuhan_revised()).expect("write");
    let out = sgz(&db)
        .args(["--as", "ma", "policy", "import"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ma"));
    assert_eq!(milestone_deadline(&db, "stations-full"), "2023-12-31");
    let audit = stdout(&db, &["audit", "--format", "json"]);
    assert!(!audit.contains("import_policy"), "{audit}");
}

#[test]
fn a_new_version_keeps_the_old_one_for_evaluations_already_made_and_scores_go_out_and_back() {
    let (dir, db) = demo();
    let before = evaluations_of(&db, "wuhan-2021");
    assert!(before > 0);
    let file = dir.path().join("wuhan-revised.toml");
    std::fs::write(&file, wuhan_revised()).expect("write");
    sgz(&db)
        .args(["policy", "import"])
        .arg(&file)
        .assert()
        .success();
    // Every sheet made before stays on the built-in scheme, under its own name.
    assert_eq!(evaluations_of(&db, "wuhan-2021@0"), before);
    assert_eq!(evaluations_of(&db, "wuhan-2021"), 0);
    let shown = stdout(&db, &["--lang", "en", "policy", "show", "wuhan-2021@0"]);
    assert!(shown.contains("out of 100"), "{shown}");
    let shown = stdout(&db, &["--lang", "en", "policy", "show", "wuhan-2021"]);
    let items = sgz::io::policy::parse("r", &wuhan_revised()).expect("parses");
    let total = items.evaluation.total_max();
    assert!(shown.contains(&format!("out of {total}")), "{shown}");
    assert!(total > 100.0);

    // A new sheet on the stored scheme: 12 points for an item worth 12 there (10 before).
    let export = stdout(
        &db,
        &[
            "--scope",
            "420102002",
            "export",
            "scores",
            "--format",
            "csv",
        ],
    );
    let text = export.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    let h = lines
        .iter()
        .position(|l| l.starts_with("区划代码"))
        .expect("header");
    let header: Vec<&str> = lines[h].split(',').collect();
    let item = header
        .iter()
        .position(|c| c.ends_with("(mgmt-contract)"))
        .expect("item column");
    let mut row: Vec<String> = lines[h + 1].split(',').map(String::from).collect();
    row[2] = "2027".into();
    row[3] = "mid_term".into();
    row[4] = "wuhan-2021".into();
    for c in &mut row[5..8] {
        c.clear();
    }
    row[item] = "12".into();
    let items_of_row: Vec<f64> = header
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.ends_with(')')
                && items
                    .evaluation
                    .items()
                    .any(|(_, i)| c.ends_with(&format!("({})", i.id)))
        })
        .map(|(i, _)| row[i].parse::<f64>().expect("a score"))
        .collect();
    let expected: f64 = items_of_row.iter().sum();
    let csv = format!("{}\n{}\n", lines[h], row.join(","));
    let new = dir.path().join("new.csv");
    std::fs::write(&new, &csv).expect("write");
    sgz(&db)
        .args(["import", "scores"])
        .arg(&new)
        .assert()
        .success();
    let again = stdout(
        &db,
        &[
            "--scope",
            "420102002",
            "export",
            "scores",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&again).expect("json");
    let sheet = v["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .filter(|t| t["template"] == "wuhan-2021")
        .flat_map(|t| t["evaluations"].as_array().cloned().unwrap_or_default())
        .find(|r| r["year"] == 2027)
        .expect("the new sheet");
    assert_eq!(sheet["scores"]["mgmt-contract"], 12.0, "{sheet}");
    let total_got = sheet["total"].as_f64().expect("total");
    assert!(
        (total_got - expected).abs() < 1e-9,
        "{total_got} vs {expected}"
    );

    // The same 12 on a sheet of the kept built-in scheme (max 10) is refused.
    let mut old: Vec<String> = lines[h + 1].split(',').map(String::from).collect();
    old[item] = "12".into();
    old[6].clear();
    let csv = format!("{}\n{}\n", lines[h], old.join(","));
    std::fs::write(&new, &csv).expect("write");
    let out = sgz(&db)
        .args(["import", "scores"])
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------- evaluation schemes

const GUANGZHOU: &str = include_str!("../data/policies-examples/guangzhou-style-1000.toml");
const FUJIAN: &str = include_str!("../data/policies-examples/fujian-style-six-modules.toml");

/// The leaves of the Guangzhou example read straight from the text (id, max): every table
/// `[[evaluation.dimensions.items.items]]`, the third level.
fn guangzhou_leaves() -> Vec<(String, f64)> {
    GUANGZHOU
        .split("[[evaluation.dimensions.items.items]]")
        .skip(1)
        .map(|b| {
            let field = |k: &str| {
                b.lines()
                    .find_map(|l| l.strip_prefix(&format!("{k} = ")))
                    .expect("field")
                    .trim_matches('"')
                    .to_string()
            };
            (field("id"), field("max").parse::<f64>().expect("max"))
        })
        .collect()
}

#[test]
fn the_example_schemes_pass_check_and_have_the_shape_they_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("none.db");
    for f in [
        "data/policies-examples/guangzhou-style-1000.toml",
        "data/policies-examples/fujian-style-six-modules.toml",
    ] {
        sgz(&db).args(["policy", "check", f]).assert().success();
    }
    for text in [GUANGZHOU, FUJIAN] {
        assert!(text.starts_with("# EXAMPLE, not any bureau's official text."));
    }
    // Guangzhou: 9 first-level, 25 second-level, 90 third-level; 700 + 200 + 100.
    let g = sgz::io::policy::parse("g", GUANGZHOU).expect("parses");
    assert_eq!(g.evaluation.dimensions.len(), 9);
    let nodes = g.evaluation.nodes();
    assert_eq!(nodes.iter().filter(|n| n.depth == 1).count(), 25);
    assert_eq!(nodes.iter().filter(|n| n.depth == 2).count(), 90);
    let leaves = guangzhou_leaves();
    assert_eq!(leaves.len(), 90);
    let total: f64 = leaves.iter().map(|(_, m)| m).sum();
    assert_eq!(total, 1000.0);
    assert_eq!(g.evaluation.total_max(), total);
    let part = |prefix: &str| -> f64 {
        leaves
            .iter()
            .filter(|(i, _)| i.starts_with(prefix))
            .map(|(_, m)| m)
            .sum()
    };
    assert_eq!(
        (part("tp-"), part("pu-"), part("su-")),
        (700.0, 200.0, 100.0)
    );
    use sgz::domain::policy::ScorerRole as R;
    for (id, _) in &leaves {
        let want = match &id[..3] {
            "tp-" => R::ThirdParty,
            "pu-" => R::Purchaser,
            _ => R::Bureau,
        };
        assert_eq!(g.evaluation.scorer_of(id), Some(want), "{id}");
    }
    // Fujian: the six modules, 1000 points.
    let f = sgz::io::policy::parse("f", FUJIAN).expect("parses");
    let modules: Vec<&str> = f
        .evaluation
        .dimensions
        .iter()
        .map(|d| d.zh.as_str())
        .collect();
    assert_eq!(
        modules,
        [
            "基础建设",
            "制度建设",
            "运营投入",
            "运营管理",
            "服务提供",
            "运营绩效"
        ]
    );
    assert_eq!(f.evaluation.total_max(), 1000.0);
}

#[test]
fn a_node_whose_max_is_not_the_sum_of_its_children_is_named_on_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = GUANGZHOU.replacen("max = 34.0", "max = 35.0", 1);
    assert_ne!(text, GUANGZHOU);
    let file = dir.path().join("g.toml");
    std::fs::write(&file, &text).expect("write");
    let line = text.lines().position(|l| l == "max = 35.0").expect("line") + 1;
    let out = sgz(&dir.path().join("none.db"))
        .args(["--lang", "en", "policy", "check"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    // The edited node is a leaf or a second-level node: either its parent's sum or its own
    // is off; every problem names a line at or above the edit.
    assert!(said.contains("is not the sum"), "{said}");
    assert!(
        said.lines().all(|l| l
            .split(':')
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n > 0 && n <= line)),
        "{said}"
    );
}

#[test]
fn a_1000_point_sheet_grades_by_its_own_bands() {
    use sgz::domain::evaluation::{grade_for, Grade};
    let g = sgz::io::policy::parse("g", GUANGZHOU).expect("parses");
    // The example's bands: 优秀 from 85 %, 良好 from 75 %, 合格 from 60 % of 1000.
    let default = sgz::io::policy::parse("d", &GUANGZHOU.replace("bands = [", "old_bands = ["));
    assert!(default.is_err(), "the example states its own bands");
    for (total, want) in [
        (870.0, Grade::Excellent),
        (850.0, Grade::Excellent),
        (849.5, Grade::Good),
        (750.0, Grade::Good),
        (600.0, Grade::Qualified),
        (599.5, Grade::Unqualified),
    ] {
        assert_eq!(grade_for(total, &g.evaluation), want, "{total}");
    }
    // The test scheme of the same total with the default bands (90 %) says good for 870.
    let t = std::fs::read_to_string("data/policies-test/thousand-point.toml").expect("read");
    let t = sgz::io::policy::parse("t", &t).expect("parses");
    assert_eq!(grade_for(870.0, &t.evaluation), Grade::Good);
}

/// A CSV of one sheet of `gz-test` at `code` for 2027: the given items at 88 % of their
/// maximum, to the half point (an independent figure: the test sums what it wrote).
fn part_csv(code: &str, items: &[(String, f64)], version: Option<i64>) -> (String, f64) {
    let values: Vec<f64> = items
        .iter()
        .map(|(_, m)| (m * 0.88 * 2.0).round() / 2.0)
        .collect();
    let mut header = "division_code,year,phase,template".to_string();
    let mut row = format!("{code},2027,annual,gz-test");
    for ((id, _), v) in items.iter().zip(&values) {
        header.push_str(&format!(",{id}"));
        row.push_str(&format!(",{v}"));
    }
    if let Some(v) = version {
        header.push_str(",version");
        row.push_str(&format!(",{v}"));
    }
    (format!("{header}\n{row}\n"), values.iter().sum())
}

#[test]
fn two_scorer_roles_fill_their_parts_of_one_sheet_and_neither_can_touch_the_others() {
    let (dir, db) = demo();
    // The Guangzhou example bound to a district of Wuhan, imported by the admin.
    let text = GUANGZHOU
        .replacen("id = \"example-guangzhou-1000\"", "id = \"gz-test\"", 1)
        .replacen("binds_to = []", "binds_to = [\"420102\"]", 1);
    let file = dir.path().join("gz.toml");
    std::fs::write(&file, &text).expect("write");
    sgz(&db)
        .args(["policy", "import"])
        .arg(&file)
        .assert()
        .success();
    let me = sgz::commands::os_account().expect("account");
    sgz(&db)
        .args(["users", "service-account", &me])
        .assert()
        .success();
    for (who, role) in [("tp", "third_party"), ("pu", "purchaser"), ("su", "bureau")] {
        sgz(&db)
            .args(["users", "grant", who, "editor", "420102", "--scorer", role])
            .assert()
            .success();
    }
    let sites = stdout(
        &db,
        &["--scope", "420102", "export", "sites", "--format", "json"],
    );
    let sites: Vec<Value> = serde_json::from_str(&sites).expect("json");
    let code = sites
        .iter()
        .find(|s| s["tier"] == "station")
        .and_then(|s| s["division_code"].as_str())
        .expect("a station under 420102")
        .to_string();
    let leaves = guangzhou_leaves();
    let part = |p: &str| -> Vec<(String, f64)> {
        leaves
            .iter()
            .filter(|(i, _)| i.starts_with(p))
            .cloned()
            .collect()
    };
    let import = |who: &str, csv: &str| {
        let f = dir.path().join(format!("{who}.csv"));
        std::fs::write(&f, csv).expect("write");
        sgz(&db)
            .args(["--lang", "en", "--as", who, "import", "scores"])
            .arg(&f)
            .output()
            .expect("runs")
    };
    // The third party makes the sheet with its part.
    let (csv, tp_sum) = part_csv(&code, &part("tp-"), None);
    let out = import("tp", &csv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The purchaser may not touch a third-party item, nor the third party a purchaser's.
    let first_tp = &part("tp-")[0].0;
    let csv = format!(
        "division_code,year,phase,template,{first_tp},version\n{code},2027,annual,gz-test,1,1\n"
    );
    let out = import("pu", &csv);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pu (scorer: purchaser) may not change item tp-"),
        "{err}"
    );
    let first_pu = &part("pu-")[0].0;
    let csv = format!(
        "division_code,year,phase,template,{first_pu},version\n{code},2027,annual,gz-test,1,1\n"
    );
    let out = import("tp", &csv);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scored by the purchaser"), "{err}");
    // Each fills its own part; the sheet totals the parts once all are in.
    let (csv, pu_sum) = part_csv(&code, &part("pu-"), Some(1));
    assert!(import("pu", &csv).status.success());
    let (csv, su_sum) = part_csv(&code, &part("su-"), Some(2));
    let out = import("su", &csv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = stdout(
        &db,
        &["--scope", &code, "export", "scores", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&export).expect("json");
    let sheet = v["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .filter(|t| t["template"] == "gz-test")
        .flat_map(|t| t["evaluations"].as_array().cloned().unwrap_or_default())
        .find(|r| r["year"] == 2027)
        .expect("the sheet");
    let total = tp_sum + pu_sum + su_sum;
    assert_eq!(sheet["total"].as_f64(), Some(total), "{sheet}");
    // Its own bands: 85 % of 1000 is excellent, where 90 % would be needed by default.
    let share = total / 1000.0;
    let want = if share >= 0.85 {
        "excellent"
    } else if share >= 0.75 {
        "good"
    } else {
        "qualified"
    };
    assert!((0.85..0.9).contains(&share), "{share}");
    assert_eq!(sheet["grade"], want);
    // The audit names the role of each part.
    let audit = stdout(&db, &["audit", "--format", "json", "--limit", "1000"]);
    let rows: Vec<Value> = serde_json::from_str(&audit).expect("json");
    for (who, role) in [("tp", "third_party"), ("pu", "purchaser"), ("su", "bureau")] {
        assert!(
            rows.iter()
                .any(|r| r["user"] == who && r["field"] == "scorer" && r["new"] == role),
            "{who} {role}"
        );
    }
}
