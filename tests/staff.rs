//! The real binary on the demo: `sgz check` against the library's count, staff import from
//! GBK and UTF-8-with-BOM sheets (all or nothing), and the export's deadline columns.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use chrono::NaiveDate;
use serde_json::Value;
use sgz::domain::rules::alerts_under;
use sgz::store::Store;

const TODAY: &str = "2026-11-22";

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

/// One demo database for the tests that only read.
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

/// A private copy of the demo for a test that writes (the closed database has no WAL left).
fn new_demo(dir: &Path) -> PathBuf {
    let p = dir.join("demo.db");
    std::fs::copy(demo_db(), &p).unwrap();
    p
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

/// Library-side alert counts on the demo: (scope or None for every root, count).
fn library_counts(db: &Path, scopes: &[Option<&str>]) -> Vec<usize> {
    let net = Store::open_read_only(db).unwrap().load_network().unwrap();
    let profiles = sgz::io::policy::embedded().unwrap();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    scopes
        .iter()
        .map(|scope| {
            let nodes: Vec<u32> = match scope {
                Some(s) => vec![net.tree.find(s).unwrap()],
                None => net.tree.roots().collect(),
            };
            nodes
                .into_iter()
                .map(|n| alerts_under(&net, &profiles, n, today).len())
                .sum()
        })
        .collect()
}

#[test]
fn check_json_on_the_demo_counts_what_alerts_under_counts() {
    let db = demo_db();
    let regions = ["64", "4201", "3303", "320682", "500112"];
    let scopes: Vec<Option<&str>> = std::iter::once(None)
        .chain(regions.iter().map(|r| Some(*r)))
        .collect();
    let expected = library_counts(db, &scopes);
    let v = json(db, &["check", "--format", "json"]);
    let n = v["count"].as_u64().unwrap() as usize;
    assert!(n > 0);
    assert_eq!(n, expected[0]);
    assert_eq!(v["alerts"].as_array().unwrap().len(), n);
    assert_eq!(v["synthetic"], true);
    let c = &v["counts"];
    assert_eq!(
        c["critical"].as_u64().unwrap()
            + c["warning"].as_u64().unwrap()
            + c["info"].as_u64().unwrap(),
        n as u64
    );
    for (scope, want) in regions.iter().zip(&expected[1..]) {
        let v = json(db, &["--scope", scope, "check", "--format", "json"]);
        assert_eq!(v["count"].as_u64().unwrap() as usize, *want, "{scope}");
        assert!(v["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["code"].as_str().unwrap().starts_with(scope)));
    }
}

#[test]
fn check_within_keeps_overdue_undated_and_due_in_time() {
    let db = demo_db();
    let all = json(db, &["--scope", "320682", "check", "--format", "json"]);
    let soon = json(
        db,
        &[
            "--scope", "320682", "check", "--within", "30", "--format", "json",
        ],
    );
    let expect = all["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["days_left"].as_i64().is_none_or(|d| d <= 30))
        .count();
    assert_eq!(soon["count"].as_u64().unwrap() as usize, expect);
    assert!(
        expect < all["count"].as_u64().unwrap() as usize,
        "training due in 39 days drops out"
    );
}

#[test]
fn check_table_and_csv_render_in_both_languages_and_say_synthetic() {
    let db = demo_db();
    let out = sgz(db).args(["--scope", "64", "check"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("合规提醒") && s.contains("合成") && s.contains("§三(一)3"),
        "{s}"
    );
    let out = sgz(db)
        .args(["--scope", "64", "--lang", "en", "check"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Compliance alerts") && s.contains("synthetic"),
        "{s}"
    );
    let out = sgz(db)
        .args(["--scope", "64", "check", "--format", "csv"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("\u{feff}severity,kind,"), "{s}");
    let out = sgz(db).args(["check", "--format", "svg"]).output().unwrap();
    assert!(!out.status.success());
}

/// The export as (header, rows).
fn export_staff(db: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let out = sgz(db)
        .args(["export", "staff", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = rdr.headers().unwrap().iter().map(String::from).collect();
    (
        h,
        rdr.records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect(),
    )
}

fn col(h: &[String], name: &str) -> usize {
    h.iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn export_staff_adds_next_deadline_kind_date_and_days_left() {
    let (h, rows) = export_staff(demo_db());
    let (k, due, left) = (
        col(&h, "next_deadline_kind"),
        col(&h, "next_deadline"),
        col(&h, "days_left"),
    );
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut with = 0;
    for r in &rows {
        if r[due].is_empty() {
            continue;
        }
        with += 1;
        assert!(
            sgz::domain::rules::DeadlineKind::parse(&r[k]).is_some(),
            "{}",
            r[k]
        );
        let d = NaiveDate::parse_from_str(&r[due], "%Y-%m-%d").unwrap();
        assert_eq!(r[left].parse::<i64>().unwrap(), (d - today).num_days());
    }
    assert!(with > rows.len() / 2, "{with} of {}", rows.len());
}

const SHEET: &str =
    "division_code,name,role,hired,cert_level,cert_passed,training_hours_this_year\n\
320682001,张三丰,驻站社工,2026/3/1,初级,2025/6/20,12\n\
640104001,李四,project_worker,2026-01-05,,,\n";

fn import(db: &Path, dir: &Path, file: &str, bytes: &[u8]) -> std::process::Output {
    let f = dir.join(file);
    std::fs::write(&f, bytes).unwrap();
    sgz(db).args(["import", "staff"]).arg(&f).output().unwrap()
}

fn row<'a>(h: &[String], rows: &'a [Vec<String>], name: &str) -> &'a Vec<String> {
    let n = col(h, "name");
    let found: Vec<_> = rows.iter().filter(|r| r[n] == name).collect();
    assert_eq!(found.len(), 1, "{name}");
    found[0]
}

fn check_imported(db: &Path, names: [&str; 2]) {
    let (h, rows) = export_staff(db);
    let r = row(&h, &rows, names[0]);
    assert_eq!(r[col(&h, "division_code")], "320682001");
    assert_eq!(r[col(&h, "role")], "resident_worker");
    assert_eq!(r[col(&h, "hired")], "2026-03-01");
    assert_eq!(r[col(&h, "cert_level")], "assistant");
    assert_eq!(r[col(&h, "training_hours_this_year")], "12");
    // Passed 2025-06-20 and never registered: the first registration was due 2026-06-20.
    assert_eq!(r[col(&h, "next_deadline_kind")], "first_registration");
    assert_eq!(r[col(&h, "next_deadline")], "2026-06-20");
    assert_eq!(r[col(&h, "days_left")], "-155");
    let r = row(&h, &rows, names[1]);
    assert_eq!(r[col(&h, "division_code")], "640104001");
    // §三(一)3: an uncertified project worker hired 2026-01-05 passes by 2029-01-05.
    assert_eq!(
        (
            r[col(&h, "next_deadline_kind")].as_str(),
            r[col(&h, "next_deadline")].as_str()
        ),
        ("certification", "2029-01-05")
    );
}

#[test]
fn import_staff_from_a_gbk_sheet_as_excel_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let before = export_staff(&db).1.len();
    let (gbk, _, bad) = encoding_rs::GBK.encode(SHEET);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err(), "really GBK, not UTF-8");
    let out = import(&db, dir.path(), "人员.csv", &gbk);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("GBK"));
    assert_eq!(export_staff(&db).1.len(), before + 2);
    check_imported(&db, ["张三丰", "李四"]);
    // Audited: one row per person, naming the file.
    let audit = Store::open_read_only(&db)
        .unwrap()
        .audit(None, None, None, 50)
        .unwrap();
    let rows: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "import_staff")
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|a| a.new.as_deref().is_some_and(|s| s.contains("人员.csv"))));
    // The same sheet again adds nobody.
    let out = import(&db, dir.path(), "人员.csv", &gbk);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("已在该站点的人员名单中"));
    assert_eq!(export_staff(&db).1.len(), before + 2);
}

#[test]
fn import_staff_from_a_utf8_sheet_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        SHEET
            .replace("张三丰", "王五")
            .replace("李四", "赵六")
            .as_bytes(),
    );
    let out = import(&db, dir.path(), "staff.csv", &bytes);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8 (BOM)"));
    check_imported(&db, ["王五", "赵六"]);
}

#[test]
fn import_staff_reports_every_bad_row_with_its_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let before = export_staff(&db).1.len();
    let sheet = "site_id,division_code,name,role,hired,cert_level,cert_passed\n\
,320682001,好人,驻站社工,2026-03-01,,\n\
,320682001,坏岗位,厨师,2026-03-01,,\n\
,999999999,坏区划,驻站社工,2026-03-01,,\n\
,320682001,将来取证,驻站社工,2026-03-01,初级,2027-01-01\n\
,320682001,坏日期,驻站社工,2026-02-30,,\n\
1,320682001,两个站点,驻站社工,2026-03-01,,\n";
    let out = import(&db, dir.path(), "bad.csv", sheet.as_bytes());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for (line, needle) in [
        (3, "厨师"),
        (4, "999999999"),
        (5, "cert_passed"),
        (6, "2026-02-30"),
        (7, "不同站点"),
    ] {
        let l = err
            .lines()
            .find(|l| l.contains(&format!("bad.csv:{line}:")))
            .unwrap_or_else(|| panic!("line {line}: {err}"));
        assert!(l.contains(needle), "line {line}: {l}");
    }
    assert!(
        !err.contains("bad.csv:2:"),
        "the good row is not blamed: {err}"
    );
    assert!(err.contains("共5行有误，未导入任何记录"), "{err}");
    assert_eq!(export_staff(&db).1.len(), before, "nothing written");
    // English on request; a missing column is named.
    let out = sgz(&db)
        .args(["--lang", "en", "import", "staff"])
        .arg(dir.path().join("bad.csv"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 bad rows; nothing was imported"));
    let out = import(
        &db,
        dir.path(),
        "cols.csv",
        "name,hired\n张三,2026-01-01\n".as_bytes(),
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("role"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_exported_sheet_imported_over_itself_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    let out = sgz(&db)
        .args(["--scope", "500112", "export", "staff", "--format", "csv"])
        .output()
        .unwrap();
    let f = dir.path().join("yubei.csv");
    std::fs::write(&f, &out.stdout).unwrap();
    let before = Store::open_read_only(&db)
        .unwrap()
        .audit(None, None, None, 10)
        .unwrap();
    let out = sgz(&db).args(["import", "staff"]).arg(&f).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("新增 0 名工作人员，更新 0 名（0 个字段）"),
        "{err}"
    );
    let after = Store::open_read_only(&db)
        .unwrap()
        .audit(None, None, None, 10)
        .unwrap();
    assert_eq!(before, after, "nothing written");
}

#[test]
fn import_staff_names_the_physical_line_in_crlf_bom_and_gbk_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_demo(dir.path());
    // A blank line (3) and a repeated person (5 repeats 2), as a clerk's sheet has them.
    let sheet = "division_code,name,role,hired\n\
                 320682001,甲乙,驻站社工,2026-03-01\n\
                 \n\
                 320682001,丙丁,厨师,2026-03-01\n\
                 320682001,甲乙,驻站社工,2026-03-01\n";
    let crlf = sheet.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    let (gbk, _, bad) = encoding_rs::GBK.encode(&crlf);
    assert!(!bad);
    for (name, bytes) in [
        ("lf.csv", sheet.as_bytes().to_vec()),
        ("crlf.csv", crlf.as_bytes().to_vec()),
        ("bom.csv", bom),
        ("gbk.csv", gbk.into_owned()),
    ] {
        let out = import(&db, dir.path(), name, &bytes);
        assert!(!out.status.success(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        let at = |line: usize| {
            err.lines()
                .find(|l| l.contains(&format!("{name}:{line}:")))
                .unwrap_or_else(|| panic!("{name}: nothing at line {line}: {err}"))
        };
        assert!(at(4).contains("厨师"), "{name}: {err}");
        assert!(at(5).contains("与第2行重复"), "{name}: {err}");
        assert_eq!(err.matches(&format!("{name}:")).count(), 2, "{name}: {err}");
    }
}
