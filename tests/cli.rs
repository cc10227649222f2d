//! The real binary: demo, coverage report per seed region, recount from the export, bad input.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// One demo database shared by the read-only tests of this file.
fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("demo.db");
        sgz(&p).args(["init", "--demo"]).assert().success();
        (dir, p)
    });
    p
}

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").unwrap();
    c.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = sgz(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

struct SiteRow {
    division: String,
    tier: String,
    urbanity: String,
    established: Option<String>,
    suspended: Option<String>,
}

fn export_sites(db: &Path) -> Vec<SiteRow> {
    let out = sgz(db)
        .args(["export", "sites", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (cd, ct, cu, ce, cs) = (
        col("division_code"),
        col("tier"),
        col("urbanity"),
        col("established_on"),
        col("suspended_on"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let opt = |i: usize| Some(r[i].to_string()).filter(|s| !s.is_empty());
            SiteRow {
                division: r[cd].into(),
                tier: r[ct].into(),
                urbanity: r[cu].into(),
                established: opt(ce),
                suspended: opt(cs),
            }
        })
        .collect()
}

/// Covered on `date` by hand: established on or before, and not suspended by then.
fn recount(rows: &[SiteRow], scope: &str, tier: &str, urban_only: bool, date: &str) -> u64 {
    rows.iter()
        .filter(|r| r.division.starts_with(scope) && r.tier == tier)
        .filter(|r| !urban_only || r.urbanity == "urban")
        .filter(|r| r.established.as_deref().is_some_and(|e| e <= date))
        .filter(|r| r.suspended.as_deref().is_none_or(|s| s > date))
        .count() as u64
}

fn milestone<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap()
}

#[test]
fn ningxia_2021_12_31_shows_both_milestones_and_equals_a_recount() {
    let db = demo_db();
    let v = json(
        db,
        &[
            "report",
            "coverage",
            "--scope",
            "64",
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["as_of"], "2021-12-31");
    assert_eq!(v["scope"]["code"], "64");
    assert_eq!(v["policy"], "ningxia-2021");
    let rows = export_sites(db);
    let m1 = milestone(&v, "centers-urban-stations");
    assert_eq!(m1["deadline"], "2021-09-30");
    let streets = std::fs::read_to_string("data/divisions/streets.csv").unwrap();
    let urban_streets = streets
        .lines()
        .filter(|l| {
            l.starts_with("64")
                && l.split(',')
                    .nth(1)
                    .is_some_and(|n| n.trim_matches('"').ends_with("街道"))
        })
        .count();
    assert_eq!(m1["required"].as_u64().unwrap(), 22 + urban_streets as u64);
    assert_eq!(
        m1["covered"].as_u64().unwrap(),
        recount(&rows, "64", "center", false, "2021-12-31")
            + recount(&rows, "64", "station", true, "2021-12-31")
    );
    let m2 = milestone(&v, "stations-full");
    assert_eq!(
        (m2["deadline"].as_str(), m2["required"].as_u64()),
        (Some("2021-12-31"), Some(259))
    );
    assert_eq!(
        m2["covered"].as_u64().unwrap(),
        recount(&rows, "64", "station", false, "2021-12-31")
    );
    let kids: u64 = v["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["covered"].as_u64().unwrap())
        .sum();
    assert_eq!(kids, m2["covered"].as_u64().unwrap(), "the children add up");
}

#[test]
fn each_seed_region_reports_its_milestones_with_recounted_numbers() {
    let db = demo_db();
    let rows = export_sites(db);
    // (scope, policy, milestone, tier, townships in DOMAIN.md or None)
    let cases = [
        ("4201", "wuhan-2021", "stations-full", 193),
        ("3303", "wenzhou-2021", "stations-full", 191),
        ("320682", "nantong-2021", "stations-built", 21),
    ];
    for (scope, policy, mid, townships) in cases {
        for date in ["2021-12-31", "2023-12-31", "2026-11-22"] {
            let v = json(
                db,
                &[
                    "report", "coverage", "--scope", scope, "--as-of", date, "--format", "json",
                ],
            );
            assert_eq!(v["policy"], policy);
            let m = milestone(&v, mid);
            assert_eq!(m["required"].as_u64(), Some(townships), "{scope} {mid}");
            assert_eq!(
                m["covered"].as_u64().unwrap(),
                recount(&rows, scope, "station", false, date),
                "{scope} {date}"
            );
        }
    }
    let v = json(
        db,
        &[
            "report",
            "coverage",
            "--scope",
            "500112",
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ],
    );
    let m = &v["milestones"][0];
    assert_eq!(m["required"].as_u64(), Some(30 + 412));
    assert_eq!(
        m["covered"].as_u64().unwrap(),
        recount(&rows, "500112", "station", false, "2021-12-31")
            + recount(&rows, "500112", "room", false, "2021-12-31")
    );
    let v = json(
        db,
        &[
            "report",
            "coverage",
            "--scope",
            "温州市",
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ],
    );
    let m = milestone(&v, "stations-80");
    assert_eq!(m["required"].as_u64(), Some(80));
    assert_eq!(m["count_target"], true);
}

#[test]
fn a_province_above_a_bound_city_gives_a_block_for_it() {
    let db = demo_db();
    let v = json(
        db,
        &[
            "report",
            "coverage",
            "--scope",
            "42",
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ],
    );
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0]["jurisdiction"]["code"], "4201");
}

#[test]
fn table_csv_md_and_svg_formats_render() {
    let db = demo_db();
    for (fmt, needle) in [
        ("table", "乡镇（街道）社工站全覆盖"),
        ("csv", "stations-full"),
        ("md", "| 节点 |"),
        ("svg", "<svg"),
    ] {
        let out = sgz(db)
            .args([
                "report",
                "coverage",
                "--scope",
                "64",
                "--as-of",
                "2021-12-31",
                "--format",
                fmt,
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains(needle), "{fmt}: {s}");
        if fmt != "csv" {
            assert!(s.contains("合成"), "{fmt} labels the data synthetic");
        }
    }
    let out = sgz(db)
        .args([
            "--lang",
            "en",
            "report",
            "coverage",
            "--scope",
            "64",
            "--as-of",
            "2021-12-31",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Every township and street has a station") && s.contains("synthetic"),
        "{s}"
    );
}

#[test]
fn an_unknown_scope_fails_with_near_matches() {
    let out = sgz(demo_db())
        .args(["--lang", "en", "report", "coverage", "--scope", "江汉路"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("江汉路") && err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn an_impossible_date_is_named() {
    let out = sgz(demo_db())
        .args([
            "report",
            "coverage",
            "--scope",
            "64",
            "--as-of",
            "2021-02-30",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2021-02-30"));
}

#[test]
fn a_malformed_division_csv_names_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    sgz(&db).args(["init", "--demo"]).assert().success();
    let src = dir.path().join("div");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(
        src.join("provinces.csv"),
        "code,name\n11,\"北京市\"\n1x,\"坏行\"\n",
    )
    .unwrap();
    let out = sgz(&db)
        .args(["import", "divisions"])
        .arg(&src)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("provinces.csv:3:"), "{err}");
    let out = sgz(&db)
        .args(["find", "北京市", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        0,
        "nothing written"
    );
}

#[test]
fn importing_divisions_from_a_directory_adds_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    sgz(&db).args(["init", "--demo"]).assert().success();
    let src = dir.path().join("div");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("provinces.csv"), "code,name\n11,\"北京市\"\n").unwrap();
    std::fs::write(
        src.join("cities.csv"),
        "code,name,provinceCode\n1101,\"市辖区\",11\n",
    )
    .unwrap();
    sgz(&db)
        .args(["import", "divisions"])
        .arg(&src)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(
        &sgz(&db)
            .args(["find", "北京", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v[0]["code"], "11");
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Commands that fail, each in a directory of its own: what to set up, what to run, and a
/// word the message must hold (the path it is about, or the account refused).
fn failing_commands(dir: &Path) -> Vec<(PathBuf, Vec<String>, String)> {
    let me = sgz::commands::os_account().expect("account");
    let missing = dir.join("missing.db");
    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let text = dir.join("notes.db");
    std::fs::write(&text, "code,name\n64,Ningxia\n").unwrap();
    let db = dir.join("copy.db");
    std::fs::copy(demo_db(), &db).unwrap();
    for args in [
        vec!["users", "service-account", me.as_str()],
        vec!["users", "grant", "li", "viewer", "64"],
    ] {
        sgz(&db).args(&args).assert().success();
    }
    let taken = dir.join("taken.bak");
    std::fs::write(&taken, "x").unwrap();
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (
            missing.clone(),
            args(&["users", "list"]),
            "missing.db".into(),
        ),
        (empty.clone(), args(&["users", "list"]), "empty.db".into()),
        (empty.clone(), args(&["init", "--demo"]), "empty.db".into()),
        (
            text.clone(),
            args(&["report", "coverage"]),
            "notes.db".into(),
        ),
        (
            db.clone(),
            args(&["--as", "li", "users", "grant", "zhao", "viewer"]),
            "li".into(),
        ),
        (
            db.clone(),
            vec!["backup".into(), taken.display().to_string()],
            "taken.bak".into(),
        ),
        (
            db.clone(),
            args(&["import", "scores", "nowhere.csv"]),
            "nowhere.csv".into(),
        ),
    ]
}

#[test]
fn failing_commands_say_why_in_chinese_by_default_and_in_english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    for (db, args, names) in failing_commands(dir.path()) {
        let out = sgz(&db).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(err.starts_with("sgz: "), "{args:?}: {err}");
        assert!(err.contains(&names), "{args:?} names {names}: {err}");
        assert!(has_han(&err), "{args:?} in Chinese: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");

        let out = sgz(&db)
            .args(["--lang", "en"])
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(err.contains(&names), "{args:?} names {names}: {err}");
        assert!(!has_han(&err), "--lang en {args:?} in English: {err}");
    }
}

#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = sgz(demo_db())
        .args(["--lang", "en", "import", "scores"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.matches("directory").count(), 1, "{err}");
}

/// Every profile's duties (computed) and `[[other_rules]]` (for information: sgz does not
/// compute them) follow the table, each with its clause: Wuhan's 2021-12-31 district plans
/// (§三(一)) are a computed duty now.
#[test]
fn coverage_table_ends_with_the_other_rules_marked_as_information() {
    let db = demo_db();
    for (lang, duties, other) in [
        ("zh", "报送事项（已计算", "仅供参考，程序不计算"),
        ("en", "Duties (computed", "for information, not computed"),
    ] {
        let out = sgz(db)
            .args(["--lang", lang, "report", "coverage", "--scope", "4201"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        let rule = s
            .lines()
            .find(|l| l.trim_start().starts_with("§三(一)"))
            .unwrap_or_else(|| panic!("{lang}: no §三(一) duty:\n{s}"));
        let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("{needle}:\n{s}"));
        assert!(at(duties) < at(rule), "{s}");
        // Wuhan states no other rule: no empty "other rules" heading.
        assert!(!s.contains(other), "{s}");
        assert!(s.contains("武民政〔2021〕26号"), "{s}");
    }
    // Every rule of every profile, for all bound jurisdictions.
    let out = sgz(db).args(["report", "coverage"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for p in sgz::io::policy::embedded().unwrap() {
        for r in &p.other_rules {
            assert!(s.contains(&r.zh), "{}: {} missing", p.id, r.clause);
        }
    }
}

#[test]
fn a_two_digit_year_is_refused_in_the_interface_language() {
    let db = demo_db();
    for (lang, said) in [("zh", "年份须为四位"), ("en", "four-digit year")] {
        let as_of = || {
            let mut c = sgz(db);
            c.args(["report", "coverage", "--as-of", "21-9-30"]);
            c
        };
        let today = || {
            let mut c = Command::cargo_bin("sgz").unwrap();
            c.arg("--db").arg(db).args(["--today", "21-9-30", "check"]);
            c
        };
        for (args, mut cmd) in [("--as-of", as_of()), ("--today", today())] {
            let out = cmd.args(["--lang", lang]).output().unwrap();
            assert!(!out.status.success(), "{args:?} accepted");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("21-9-30") && err.contains(said),
                "{lang} {args:?}: {err}"
            );
        }
    }
}
