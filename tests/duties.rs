//! Duties on a calendar: the boundaries of the encoded rules (cited), the report against a
//! recount in SQL, the import's refusals (stale, not begun, future, two-digit years, all or
//! nothing), encodings, xlsx, and the write's role and scope checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::Value;
use sgz::domain::duties::{status, Cadence, Duty, OwnerKind, Period, SetBy, Status};
use sgz::domain::policy::Profile;
use sgz::store::{Actor, DutyMark, Store, UserRole};

const TODAY: &str = "2026-11-22";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn profiles() -> Vec<Profile> {
    sgz::io::policy::embedded().unwrap()
}

fn duty<'a>(ps: &'a [Profile], policy: &str, id: &str) -> &'a Duty {
    ps.iter()
        .find(|p| p.id == policy)
        .and_then(|p| p.duties.iter().find(|d| d.id == id))
        .unwrap_or_else(|| panic!("{policy}/{id}"))
}

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").unwrap();
    c.arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

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

fn new_demo(dir: &Path) -> PathBuf {
    let p = dir.join("demo.db");
    std::fs::copy(demo_db(), &p).unwrap();
    p
}

// ---------------------------------------------------------------- the rules at their edges

/// 宁民发〔2021〕22号 §三(二)3 says "every month" and names no day; the profile's default (the
/// bureau's setting) is the 10th of the next month.
#[test]
fn ningxia_monthly_report_is_not_late_on_the_10th_and_late_on_the_11th() {
    let ps = profiles();
    let m = duty(&ps, "ningxia-2021", "contractor-monthly-report");
    assert_eq!(m.cite.clause, "§三(二)3");
    assert_eq!((m.cadence, m.owner), (Cadence::Monthly, OwnerKind::Station));
    assert_eq!(m.due_set_by, SetBy::Bureau, "the document names no day");
    assert!(m.due_note.as_deref().unwrap().contains("民政部门的设置"));
    let dec = Period::Month(2021, 12);
    assert_eq!(m.due_on(dec), d("2022-01-10"));
    assert_eq!(status(m, dec, None, d("2022-01-10")), Status::NotYetDue);
    assert_eq!(
        status(m, dec, None, d("2022-01-11")),
        Status::Missing { days: 1 }
    );
    assert_eq!(
        status(m, dec, Some(d("2022-01-10")), d("2022-01-11")),
        Status::Received(d("2022-01-10"))
    );
    assert_eq!(
        status(m, dec, Some(d("2022-01-11")), d("2022-01-11")),
        Status::Late {
            on: d("2022-01-11"),
            days: 1
        }
    );
}

/// §三(二)1: every half-year; the 2021-H2 report falls due in 2022 (the 15th of January,
/// the bureau's setting), and before 2021-H2 begins there is no such instance at all.
#[test]
fn ningxia_half_year_report_for_2021_h2_is_due_in_2022_and_not_before() {
    let ps = profiles();
    let h = duty(&ps, "ningxia-2021", "county-half-year-report");
    assert_eq!(h.cite.clause, "§三(二)1");
    assert_eq!(h.owner, OwnerKind::County);
    let h2 = Period::Half(2021, 2);
    assert_eq!(h.due_on(h2), d("2022-01-15"));
    assert!(!h.periods(None, d("2021-06-30")).contains(&h2));
    assert!(h.periods(None, d("2021-07-01")).contains(&h2));
    for day in ["2021-07-01", "2021-12-31", "2022-01-15"] {
        assert_eq!(status(h, h2, None, d(day)), Status::NotYetDue, "{day}");
    }
    assert_eq!(
        status(h, h2, None, d("2022-01-16")),
        Status::Missing { days: 1 }
    );
}

/// 武民政〔2021〕26号 §三(一): each district's plan by 2021-12-31, once.
#[test]
fn wuhan_district_plan_after_2021_12_31_with_no_record_is_missing() {
    let ps = profiles();
    let w = duty(&ps, "wuhan-2021", "district-plan-2021");
    assert_eq!(
        (w.cite.clause.as_str(), w.cadence, w.owner),
        ("§三(一)", Cadence::Once, OwnerKind::County)
    );
    let p = Period::Once(d("2021-12-31"));
    assert_eq!(w.periods(None, d("2022-03-01")), vec![p]);
    assert!(
        w.periods(None, d("2021-11-10")).is_empty(),
        "before the document"
    );
    assert_eq!(status(w, p, None, d("2021-12-31")), Status::NotYetDue);
    assert_eq!(
        status(w, p, None, d("2022-01-01")),
        Status::Missing { days: 1 }
    );
    assert_eq!(
        status(w, p, None, d("2026-11-22")),
        Status::Missing {
            days: (d("2026-11-22") - d("2021-12-31")).num_days()
        }
    );
}

/// 温民社〔2021〕36号 §八(二): the counties' summary by 30 November, the document's own day.
#[test]
fn wenzhou_evaluation_summary_due_30_november_clause_8_2() {
    let ps = profiles();
    let s = duty(&ps, "wenzhou-2021", "county-evaluation-summary");
    assert_eq!(s.cite.clause, "§八(二)");
    assert_eq!(s.due_set_by, SetBy::Document);
    assert_eq!(s.due_on(Period::Year(2021)), d("2021-11-30"));
    assert_eq!(
        status(s, Period::Year(2022), None, d("2022-12-01")),
        Status::Missing { days: 1 }
    );
    // §八(一): a mid-term and an end-term each service year, per station.
    let mid = duty(&ps, "wenzhou-2021", "station-midterm-evaluation");
    let end = duty(&ps, "wenzhou-2021", "station-endterm-evaluation");
    assert_eq!(
        (mid.owner, end.owner),
        (OwnerKind::Station, OwnerKind::Station)
    );
    assert!(mid.due_on(Period::Year(2022)) < end.due_on(Period::Year(2022)));
    assert!(end.due_on(Period::Year(2022)) <= s.due_on(Period::Year(2022)));
}

/// Every duty of the issue and of DOMAIN.md's "Reporting cadence" is encoded with its clause.
#[test]
fn every_seed_duty_is_encoded_with_its_clause() {
    let ps = profiles();
    let want = [
        ("ningxia-2021", "§三(二)3", Cadence::Monthly),
        ("ningxia-2021", "§三(二)1", Cadence::HalfYearly),
        ("wenzhou-2021", "§八(二)", Cadence::Yearly),
        ("wenzhou-2021", "§八(一)", Cadence::Yearly),
        ("wuhan-2021", "§三(一)", Cadence::Once),
        ("nantong-2021", "§实施内容(一)", Cadence::HalfYearly),
        ("nantong-2021", "§实施内容(三)", Cadence::Once),
        ("nantong-2021", "§二", Cadence::Weekly),
    ];
    for (policy, clause, cadence) in want {
        let p = ps.iter().find(|p| p.id == policy).unwrap();
        assert!(
            p.duties
                .iter()
                .any(|d| d.cite.clause == clause && d.cadence == cadence),
            "{policy} {clause}"
        );
        assert!(
            !p.other_rules.iter().any(|r| r.clause == clause),
            "{policy} {clause} is a duty now, not text"
        );
    }
    let nt = duty(&ps, "nantong-2021", "station-civil-registration");
    assert_eq!(nt.due_date, Some(d("2022-08-31")));
    // Every due day the bureau set says so.
    for p in &ps {
        for x in &p.duties {
            if x.due_set_by == SetBy::Bureau {
                assert!(x.due_note.is_some(), "{}/{}", p.id, x.id);
            }
        }
    }
}

/// Period texts round-trip; two-digit years are not years.
#[test]
fn periods_are_read_with_four_digit_years_only() {
    assert_eq!(Period::parse("2021-H2"), Some(Period::Half(2021, 2)));
    assert_eq!(Period::parse("2021-12"), Some(Period::Month(2021, 12)));
    assert_eq!(Period::parse("21-12"), None);
    assert_eq!(Period::parse("0021-12"), None);
}

// ---------------------------------------------------------------- the report against SQL

/// Ningxia stations established by a day, counted in SQL from the status history.
fn stations_established_by(db: &Path, prefix: &str, day: &str) -> BTreeSet<String> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c
        .prepare(
            "SELECT s.division FROM sites s JOIN site_status h ON h.site_id = s.id
             WHERE s.tier = 'station' AND s.division LIKE ?1 || '%'
               AND h.status IN ('established', 'operating')
             GROUP BY s.id HAVING min(h.on_date) <= ?2",
        )
        .unwrap();
    st.query_map([prefix, day], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn counties(db: &Path, prefix: &str) -> BTreeSet<String> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c
        .prepare("SELECT code FROM divisions WHERE level = 2 AND code LIKE ?1 || '%'")
        .unwrap();
    st.query_map([prefix], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Received dates in SQL: (owner, period) -> date.
fn received(db: &Path, duty: &str) -> BTreeMap<(String, String), String> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c
        .prepare(
            "SELECT owner, period, received FROM duty_records
             WHERE duty = ?1 AND received IS NOT NULL",
        )
        .unwrap();
    st.query_map([duty], |r| {
        Ok(((r.get(0)?, r.get(1)?), r.get::<_, String>(2)?))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

/// The status a person works out by hand: the deadline, the as-of day, the received date.
fn by_hand(deadline: &str, as_of: &str, got: Option<&String>) -> &'static str {
    match got.filter(|g| g.as_str() <= as_of) {
        Some(g) if g.as_str() <= deadline => "received",
        Some(_) => "late",
        None if as_of > deadline => "missing",
        None => "not_yet_due",
    }
}

fn instances<'a>(v: &'a Value, duty: &str) -> &'a Vec<Value> {
    v["duties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["duty"] == duty)
        .unwrap_or_else(|| panic!("{duty}"))["instances"]
        .as_array()
        .unwrap()
}

#[test]
fn report_duties_json_for_ningxia_as_of_2022_01_31_matches_a_recount() {
    let db = demo_db();
    let out = sgz(db)
        .args([
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2022-01-31");
    assert_eq!(v["synthetic"], true);

    // December 2021: one instance per station established by 31 December 2021.
    let monthly = instances(&v, "contractor-monthly-report");
    let dec: Vec<&Value> = monthly
        .iter()
        .filter(|i| i["period"] == "2021-12")
        .collect();
    let owners: BTreeSet<String> = dec
        .iter()
        .map(|i| i["owner_code"].as_str().unwrap().to_string())
        .collect();
    let want = stations_established_by(db, "64", "2021-12-31");
    assert!(want.len() > 100, "{}", want.len());
    assert_eq!(owners, want);
    assert_eq!(dec.len(), want.len());
    let got = received(db, "contractor-monthly-report");
    let mut seen = BTreeSet::new();
    for i in &dec {
        let code = i["owner_code"].as_str().unwrap().to_string();
        assert_eq!(i["due"], "2022-01-10");
        let want = by_hand(
            "2022-01-10",
            "2022-01-31",
            got.get(&(code, "2021-12".into())),
        );
        assert_eq!(i["status"], want, "{i}");
        seen.insert(want);
    }
    assert!(seen.contains("received") && seen.contains("late") && seen.contains("missing"));
    // No February report: never into the future.
    assert!(monthly
        .iter()
        .all(|i| i["period"].as_str().unwrap() <= "2022-01"));

    // The counties' 2021-H2 reports: one per county of Ningxia.
    let half = instances(&v, "county-half-year-report");
    let h2: Vec<&Value> = half.iter().filter(|i| i["period"] == "2021-H2").collect();
    let owners: BTreeSet<String> = h2
        .iter()
        .map(|i| i["owner_code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(owners, counties(db, "64"));
    let got = received(db, "county-half-year-report");
    for i in &h2 {
        let code = i["owner_code"].as_str().unwrap().to_string();
        let want = by_hand(
            "2022-01-15",
            "2022-01-31",
            got.get(&(code, "2021-H2".into())),
        );
        assert_eq!(i["status"], want, "{i}");
    }
    // The summary line counts what the instances say.
    let block = v["duties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["duty"] == "county-half-year-report")
        .unwrap();
    let n = |s: &str| half.iter().filter(|i| i["status"] == s).count() as u64;
    assert_eq!(block["summary"]["missing"].as_u64().unwrap(), n("missing"));
    assert_eq!(
        block["summary"]["due_so_far"].as_u64().unwrap(),
        n("received") + n("late") + n("missing")
    );
    assert_eq!(block["clause"], "§三(二)1");
}

#[test]
fn report_duties_shows_wuhan_and_wenzhou_with_their_clauses_in_both_languages() {
    let db = demo_db();
    let out = sgz(db)
        .args(["--scope", "4201", "report", "duties"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("§三(一)") && s.contains("2021-12-31") && s.contains("合成"),
        "{s}"
    );
    let out = sgz(db)
        .args([
            "--scope", "3303", "--lang", "en", "report", "duties", "--format", "md",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("§八(二)") && s.contains("§八(一)") && s.contains("received"),
        "{s}"
    );
    let out = sgz(db)
        .args(["report", "duties", "--format", "svg"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    // A scope no policy's duty binds to says so.
    let out = sgz(db)
        .args(["--scope", "500112", "report", "duties"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("没有政策规定的报送事项"));
}

#[test]
fn check_lists_missing_and_late_duties_with_clause_and_action() {
    let db = demo_db();
    let out = Command::cargo_bin("sgz")
        .unwrap()
        .arg("--db")
        .arg(db)
        .args([
            "--today",
            "2022-02-01",
            "--scope",
            "4201",
            "check",
            "--format",
            "json",
        ])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got = received(db, "district-plan-2021");
    let missing: BTreeSet<String> = counties(db, "4201")
        .into_iter()
        .filter(|c| !got.contains_key(&(c.clone(), "2021-12-31".into())))
        .collect();
    let listed: BTreeSet<String> = v["duty_alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "duty_missing")
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !missing.is_empty(),
        "the demo leaves some district plan missing"
    );
    assert_eq!(listed, missing);
    for a in v["duty_alerts"].as_array().unwrap() {
        assert_eq!(a["clause"], "§三(一)");
        assert!(a["message_zh"].as_str().unwrap().contains("请"));
    }
}

// ---------------------------------------------------------------- import

fn export_csv(db: &Path, scope: &str, as_of: &str) -> String {
    let out = sgz(db)
        .args([
            "--scope", scope, "report", "duties", "--as-of", as_of, "--format", "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The export with one cell of the first row matching `pick` replaced: (text, line number).
fn fill(csv: &str, pick: impl Fn(&[&str]) -> bool, col: usize, value: &str) -> (String, usize) {
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let k = lines
        .iter()
        .skip(1)
        .position(|l| pick(&l.split(',').collect::<Vec<_>>()))
        .expect("a row to fill")
        + 1;
    let mut cells: Vec<String> = lines[k].split(',').map(str::to_string).collect();
    cells[col] = value.to_string();
    lines[k] = cells.join(",");
    (lines.join("\n") + "\n", k + 1)
}

const RECEIVED: usize = 8;
const PERIOD: usize = 4;
const STATUS: usize = 6;

fn status_of(db: &Path, owner: &str, duty: &str, period: &str) -> Option<String> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.query_row(
        "SELECT received FROM duty_records WHERE owner = ?1 AND duty = ?2 AND period = ?3",
        [owner, duty, period],
        |r| r.get(0),
    )
    .ok()
    .flatten()
}

#[test]
fn import_records_a_filled_in_date_and_an_untouched_sheet_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let csv = export_csv(&db, "4201", TODAY);
    // Untouched: nothing recorded.
    let f = dir.path().join("same.csv");
    std::fs::write(&f, &csv).unwrap();
    let out = sgz(&db)
        .args(["import", "duties"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 项"));
    // A missing plan filled in.
    let (text, _) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2022-01-05");
    let owner = text
        .lines()
        .find(|l| l.contains("2022-01-05"))
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .to_string();
    let f = dir.path().join("one.csv");
    std::fs::write(&f, &text).unwrap();
    let dry = sgz(&db)
        .args(["import", "duties", "--dry-run"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("2022-01-05"));
    assert_eq!(
        status_of(&db, &owner, "district-plan-2021", "2021-12-31"),
        None,
        "dry run"
    );
    sgz(&db)
        .args(["import", "duties"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(
        status_of(&db, &owner, "district-plan-2021", "2021-12-31").as_deref(),
        Some("2022-01-05")
    );
    let audit = sgz(&db)
        .args(["audit", "--format", "json"])
        .output()
        .unwrap();
    let a = String::from_utf8_lossy(&audit.stdout);
    assert!(a.contains("import_duties") && a.contains(&owner), "{a}");
    // The same file again: its row now says what the database says, so nothing changes.
    let out = sgz(&db)
        .args(["import", "duties"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("登记 0 项"));
}

#[test]
fn import_refuses_a_stale_row_naming_its_line_and_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let csv = export_csv(&db, "4201", TODAY);
    let (mine, line) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2022-01-07");
    let (theirs, _) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2022-01-03");
    let f1 = dir.path().join("theirs.csv");
    std::fs::write(&f1, &theirs).unwrap();
    sgz(&db)
        .args(["import", "duties"])
        .arg(&f1)
        .assert()
        .success();
    let f2 = dir.path().join("mine.csv");
    std::fs::write(&f2, &mine).unwrap();
    let out = sgz(&db)
        .args(["--lang", "en", "import", "duties"])
        .arg(&f2)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains(&format!("mine.csv:{line}:"))
            && e.contains("2022-01-07")
            && e.contains("2022-01-03"),
        "{e}"
    );
}

#[test]
fn import_refuses_a_period_not_begun_a_future_date_and_two_digit_years_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let csv = export_csv(&db, "64", TODAY);
    // A good row and three bad ones: nothing is written.
    let (text, good) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2026-11-01");
    let owner = text
        .lines()
        .nth(good - 1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .to_string();
    let period = text
        .lines()
        .nth(good - 1)
        .unwrap()
        .split(',')
        .nth(PERIOD)
        .unwrap()
        .to_string();
    let duty = text
        .lines()
        .nth(good - 1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let (text, future) = fill(&text, |c| c[PERIOD] == "2026-11", PERIOD, "2026-12");
    let (text, tomorrow) = fill(
        &text,
        |c| c[PERIOD] == "2026-10" && c[RECEIVED].is_empty(),
        RECEIVED,
        "2026-11-23",
    );
    let (text, short) = fill(&text, |c| c[PERIOD] == "2026-09", PERIOD, "26-09");
    let f = dir.path().join("bad.csv");
    std::fs::write(&f, &text).unwrap();
    let out = sgz(&db)
        .args(["--lang", "en", "import", "duties"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains(&format!(
            "bad.csv:{future}: the period 2026-12 has not begun"
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "bad.csv:{tomorrow}: received date 2026-11-23 is after today"
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!("bad.csv:{short}: column period: 26-09")),
        "{e}"
    );
    assert_eq!(
        status_of(&db, &owner, &duty, &period),
        None,
        "all or nothing"
    );
}

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

#[test]
fn import_reads_gbk_bom_and_crlf_files_with_physical_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let csv = export_csv(&db, "4201", TODAY);
    let (text, line) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2022-13-01");
    let bare = text.trim_start_matches('\u{feff}');
    let crlf = bare.replace('\n', "\r\n");
    for (name, bytes) in [
        ("bom.csv", format!("\u{feff}{bare}").into_bytes()),
        ("crlf.csv", crlf.clone().into_bytes()),
        ("gbk.csv", gbk(&crlf)),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let out = sgz(&db)
            .args(["import", "duties"])
            .arg(&f)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.contains(&format!("{name}:{line}：列 received：2022-13-01")),
            "{name}: {e}"
        );
    }
    // The same fix in GBK with CRLF and trailing empty columns goes in.
    let (text, _) = fill(&csv, |c| c[STATUS] == "missing", RECEIVED, "2022/1/6");
    let crlf: String = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| format!("{l},,\r\n"))
        .collect();
    let f = dir.path().join("ok.csv");
    std::fs::write(&f, gbk(&crlf)).unwrap();
    let out = sgz(&db)
        .args(["import", "duties"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("GBK"));
}

#[test]
fn import_reads_an_xlsx_with_excel_date_cells() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let csv = export_csv(&db, "4201", TODAY);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let target = rows.iter().position(|r| r[STATUS] == "missing").unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r == target && c == RECEIVED {
                // 2022-01-04 as Excel stores it: days since 1899-12-30.
                let serial = (d("2022-01-04") - d("1899-12-30")).num_days() as f64;
                ws.write_number_with_format(r as u32, c as u16, serial, &date)
                    .unwrap();
            } else if c == 10 && r > 0 {
                ws.write_number(r as u32, c as u16, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let f = dir.path().join("filled.xlsx");
    wb.save(&f).unwrap();
    let out = sgz(&db)
        .args(["import", "duties"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let owner = &rows[target][2];
    assert_eq!(
        status_of(&db, owner, "district-plan-2021", "2021-12-31").as_deref(),
        Some("2022-01-04")
    );
}

// ---------------------------------------------------------------- the write

fn mark(owner: &str, seen: i64, day: Option<&str>) -> DutyMark {
    DutyMark {
        policy: "wuhan-2021".into(),
        duty: "district-plan-2021".into(),
        owner: owner.into(),
        period: "2021-12-31".into(),
        received: day.map(d),
        note: None,
        seen_version: seen,
    }
}

fn actor(name: &str, role: UserRole, scope: Option<&str>) -> Actor {
    Actor {
        name: name.into(),
        role,
        scope: scope.map(str::to_string),
    }
}

#[test]
fn marking_is_checked_for_role_scope_and_version_and_undo_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let mut s = Store::open(&db).unwrap();
    let before = s.duty_records(&["420102".into()]).unwrap();
    let seen = before
        .iter()
        .find(|r| r.duty == "district-plan-2021")
        .map_or(0, |r| r.version);
    let viewer = actor("wang", UserRole::Viewer, None);
    assert!(s
        .mark_duties(
            &viewer,
            &[mark("420102", seen, Some("2022-01-02"))],
            "mark_duty"
        )
        .is_err());
    let other = actor("ma", UserRole::Editor, Some("64"));
    assert!(s
        .mark_duties(
            &other,
            &[mark("420102", seen, Some("2022-01-02"))],
            "mark_duty"
        )
        .is_err());
    let ed = actor("li", UserRole::Editor, Some("4201"));
    // A version someone else moved on is refused.
    assert!(s
        .mark_duties(
            &ed,
            &[mark("420102", seen + 1, Some("2022-01-02"))],
            "mark_duty"
        )
        .is_err());
    let v = s
        .mark_duties(
            &ed,
            &[mark("420102", seen, Some("2022-01-02"))],
            "mark_duty",
        )
        .unwrap();
    assert_eq!(v, vec![seen + 1]);
    // Undo: the old state back, through the same write.
    let old = before
        .iter()
        .find(|r| r.duty == "district-plan-2021")
        .and_then(|r| r.received)
        .map(|x| x.to_string());
    s.mark_duties(
        &ed,
        &[mark("420102", seen + 1, old.as_deref())],
        "undo_mark_duty",
    )
    .unwrap();
    let after = s.duty_records(&["420102".into()]).unwrap();
    let r = after
        .iter()
        .find(|r| r.duty == "district-plan-2021")
        .unwrap();
    assert_eq!(r.received.map(|x| x.to_string()), old);
    assert_eq!(r.version, seen + 2);
    let audit = s.audit(None, Some("li"), None, 100).unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit
        .iter()
        .any(|a| a.action == "undo_mark_duty" && a.old.as_deref() == Some("2022-01-02")));
}

/// The 红黑榜 by duties: each city of Ningxia's missing, late and due counts, recounted from
/// the report's instances by code prefix, and the order worst first.
#[test]
fn ranking_children_by_missing_duties_matches_a_recount_by_code_prefix() {
    let db = demo_db();
    let out = sgz(db)
        .args([
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
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut by_city: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for d in v["duties"].as_array().unwrap() {
        for i in d["instances"].as_array().unwrap() {
            let city = i["owner_code"].as_str().unwrap()[..4].to_string();
            let e = by_city.entry(city).or_default();
            match i["status"].as_str().unwrap() {
                "missing" => {
                    e.0 += 1;
                    e.2 += 1
                }
                "late" => {
                    e.1 += 1;
                    e.2 += 1
                }
                "received" => e.2 += 1,
                _ => {}
            }
        }
    }
    let s = Store::open_read_only(db).unwrap();
    let net = s.load_network().unwrap();
    let ps = profiles();
    let idx = sgz::domain::duties::index(&net.duties);
    let scope = net.tree.find("64").unwrap();
    let inst = sgz::domain::duties::expand(&ps, &net, scope, &idx, d("2022-01-31"));
    let ranked = sgz::domain::duties::rank_children(
        &net.tree,
        scope,
        inst.iter().map(|i| (i.owner, i.status)),
    );
    assert_eq!(ranked.len(), 5);
    for r in &ranked {
        let code = net.tree.node(r.node).code_str();
        assert_eq!(
            (r.missing, r.late, r.due),
            by_city.get(&code).copied().unwrap_or_default(),
            "{code}"
        );
    }
    assert!(ranked.windows(2).all(|w| w[0].missing >= w[1].missing));
}
