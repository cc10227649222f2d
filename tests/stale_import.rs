//! A spreadsheet exported before someone else's save must not silently undo that save. Each
//! export carries the version of every sheet and person; an import refuses a row whose
//! record changed since (naming the file line, the record and both values), refuses a row
//! with no version that would change a record, lets through rows equal to what is stored,
//! and `--dry-run` shows what would change without writing. Through the binary, on the demo.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use sgz::domain::evaluation::fmt_score;
use sgz::store::{Actor, Store};

const TODAY: &str = "2026-11-22";

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
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

/// A private copy of the demo (built once per test process).
fn demo(dir: &Path) -> PathBuf {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, built) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("demo.db");
        sgz(&p).args(["init", "--demo"]).assert().success();
        (dir, p)
    });
    let p = dir.join("demo.db");
    std::fs::copy(built, &p).expect("copies");
    p
}

fn run(db: &Path, args: &[&str], file: &Path) -> (bool, String, String) {
    let out = sgz(db).args(args).arg(file).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read_records(bytes: &[u8], headers: bool) -> Vec<Vec<String>> {
    let (text, _) = sgz::io::encoding::decode(bytes);
    csv::ReaderBuilder::new()
        .has_headers(headers)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(String::from).collect())
        .collect()
}

/// Records as a CRLF CSV with a BOM, as Excel saves it; record k is on line k + 1.
fn write_crlf(path: &Path, recs: &[Vec<String>]) {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for r in recs {
        w.write_record(r).expect("writes");
    }
    std::fs::write(path, w.into_inner().expect("flush")).expect("writes");
}

fn audit_len(db: &Path) -> usize {
    Store::open_read_only(db)
        .expect("opens")
        .audit(None, None, None, 1_000_000)
        .expect("audit")
        .len()
}

// ---------------------------------------------------------------- scores

fn export_scores(db: &Path) -> Vec<Vec<String>> {
    let out = sgz(db)
        .args(["export", "scores", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    read_records(&out.stdout, false)
}

/// A sheet row of an export that can be edited: its index, the item column headers of its
/// section (by record index), and the first two items' column indices with values ≥ 1.
struct Row {
    k: usize,
    header: Vec<String>,
    a: usize,
    b: usize,
}

fn editable_row(recs: &[Vec<String>], skip: usize) -> Row {
    let mut header = Vec::new();
    let mut found = 0;
    for (k, r) in recs.iter().enumerate() {
        if r.first().is_some_and(|c| c.starts_with("区划代码")) {
            header = r.clone();
            continue;
        }
        let data = r.len() > 10 && r[0].bytes().all(|b| b.is_ascii_digit());
        if !data || r[5] != "草稿" {
            continue;
        }
        let big = |i: usize| r[i].parse::<f64>().is_ok_and(|v| v >= 1.0);
        if big(8) && big(9) {
            if found == skip {
                return Row {
                    k,
                    header,
                    a: 8,
                    b: 9,
                };
            }
            found += 1;
        }
    }
    panic!("no editable row");
}

/// The item id a header names: "…(mgmt-plan)" gives "mgmt-plan".
fn item_id(header: &str) -> String {
    sgz::io::scores::header_id(header)
}

/// Save one item of the sheet a row shows, as someone in the TUI would: returns the value.
fn someone_saves(db: &Path, row: &[String], item: &str, delta: f64) -> f64 {
    let mut s = Store::open(db).expect("opens");
    let net = s.load_network().expect("loads");
    let site = net
        .sites
        .iter()
        .find(|x| x.division.as_str() == row[0])
        .expect("site");
    let phase = sgz::i18n::names::parse_phase(&row[3]).expect("phase");
    let year: i32 = row[2].parse().expect("year");
    let e = net
        .evaluations
        .iter()
        .find(|e| e.site_id == site.id && e.year == year && e.phase == phase)
        .expect("evaluation");
    let d = s.evaluation_detail(e.id, "alice").expect("detail");
    let mut scores = d.evaluation.scores.clone();
    let v = scores.get(item).copied().expect("scored") + delta;
    scores.insert(item.to_string(), v);
    s.save_scores(
        &Actor::system("alice"),
        e.id,
        d.evaluation.version,
        &scores,
        None,
        None,
    )
    .expect("saves");
    v
}

fn stored_score(db: &Path, row: &[String], item: &str) -> Option<f64> {
    let s = Store::open_read_only(db).expect("opens");
    let net = s.load_network().expect("loads");
    let site = net
        .sites
        .iter()
        .find(|x| x.division.as_str() == row[0])
        .expect("site");
    let phase = sgz::i18n::names::parse_phase(&row[3]).expect("phase");
    let e = net
        .evaluations
        .iter()
        .find(|e| e.site_id == site.id && e.year.to_string() == row[2] && e.phase == phase)
        .expect("evaluation");
    s.evaluation_detail(e.id, "x")
        .expect("detail")
        .evaluation
        .scores
        .get(item)
        .copied()
}

fn lower(recs: &mut [Vec<String>], k: usize, col: usize) -> (f64, f64) {
    let old: f64 = recs[k][col].parse().expect("number");
    let new = old - 0.5;
    recs[k][col] = fmt_score(new);
    // The total is left empty: only the items are compared.
    recs[k][6] = String::new();
    (old, new)
}

#[test]
fn a_score_sheet_saved_since_the_export_is_refused_with_its_line_and_both_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut recs = export_scores(&db);
    let row = editable_row(&recs, 0);
    let (item_a, item_b) = (item_id(&row.header[row.a]), item_id(&row.header[row.b]));
    let old_a: f64 = recs[row.k][row.a].parse().expect("number");

    // After the export, someone saves item a of the sheet in the TUI.
    let saved_a = someone_saves(&db, &recs[row.k], &item_a, -1.0);
    // The clerk changes item b in the old export and imports it.
    let (old_b, _) = lower(&mut recs, row.k, row.b);
    let file = dir.path().join("stale.csv");
    write_crlf(&file, &recs);
    let before = audit_len(&db);

    let (ok, _, err) = run(&db, &["--lang", "en", "import", "scores"], &file);
    assert!(!ok, "refused: {err}");
    let line = format!("stale.csv:{}:", row.k + 1);
    let said = err
        .lines()
        .find(|l| l.contains(&line))
        .unwrap_or_else(|| panic!("no {line} in {err}"));
    let (code, year) = (&recs[row.k][0], &recs[row.k][2]);
    assert!(
        said.contains(code.as_str()) && said.contains(year.as_str()),
        "{said}"
    );
    assert!(
        said.contains("was saved since this file was exported"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "{} now {}, file {}",
            row.header[row.a],
            fmt_score(saved_a),
            fmt_score(old_a)
        )),
        "the database's value and the file's: {said}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(audit_len(&db), before, "nothing written");
    assert_eq!(stored_score(&db, &recs[row.k], &item_a), Some(saved_a));
    assert_eq!(stored_score(&db, &recs[row.k], &item_b), Some(old_b));

    // The same refusal in Chinese.
    let (ok, _, err) = run(&db, &["import", "scores"], &file);
    assert!(!ok);
    assert!(
        err.contains(&line) && err.contains("在此文件导出后已被保存") && err.contains("数据库现为"),
        "{err}"
    );
}

#[test]
fn a_score_row_without_a_version_that_would_change_a_sheet_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut recs = export_scores(&db);
    let row = editable_row(&recs, 0);
    lower(&mut recs, row.k, row.a);
    // A sheet made before exports carried versions: no version column.
    for r in recs.iter_mut() {
        if r.len() > 8 {
            r.pop();
        }
    }
    let file = dir.path().join("old.csv");
    write_crlf(&file, &recs);
    let before = audit_len(&db);
    let (ok, _, err) = run(&db, &["--lang", "en", "import", "scores"], &file);
    assert!(!ok);
    assert!(
        err.contains(&format!("old.csv:{}:", row.k + 1)) && err.contains("export afresh"),
        "{err}"
    );
    let (ok, _, err) = run(&db, &["import", "scores"], &file);
    assert!(!ok && err.contains("请重新导出"), "{err}");
    assert_eq!(audit_len(&db), before, "nothing written");
}

#[test]
fn a_stale_score_row_equal_to_the_database_is_not_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut recs = export_scores(&db);
    let first = editable_row(&recs, 0);
    let second = editable_row(&recs, 1);
    let item = item_id(&first.header[first.a]);
    // Someone saves the first sheet with a value the clerk then types too.
    let saved = someone_saves(&db, &recs[first.k], &item, -0.5);
    lower(&mut recs, first.k, first.a);
    // ... and the clerk also changes another sheet nobody touched.
    let (_, new) = lower(&mut recs, second.k, second.a);
    let file = dir.path().join("same.csv");
    write_crlf(&file, &recs);
    let (ok, out, err) = run(
        &db,
        &["--lang", "en", "import", "scores", "--dry-run"],
        &file,
    );
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().count(),
        1,
        "only the other sheet changes: {out}"
    );
    assert!(out.starts_with(recs[second.k][0].as_str()), "{out}");
    let (ok, _, err) = run(&db, &["--lang", "en", "import", "scores"], &file);
    assert!(ok, "{err}");
    assert!(err.contains("1 values changed"), "{err}");
    assert_eq!(stored_score(&db, &recs[first.k], &item), Some(saved));
    let item2 = item_id(&second.header[second.a]);
    assert_eq!(stored_score(&db, &recs[second.k], &item2), Some(new));
}

#[test]
fn dry_run_of_a_score_import_lists_each_change_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut recs = export_scores(&db);
    let row = editable_row(&recs, 0);
    let (old, new) = lower(&mut recs, row.k, row.a);
    let file = dir.path().join("edit.csv");
    write_crlf(&file, &recs);
    let before = audit_len(&db);
    let (ok, out, err) = run(
        &db,
        &["--lang", "en", "import", "scores", "--dry-run"],
        &file,
    );
    assert!(ok, "{err}");
    let item = item_id(&row.header[row.a]);
    let want = format!("{item} {} -> {}", fmt_score(old), fmt_score(new));
    let line = out
        .lines()
        .find(|l| l.contains(&want))
        .unwrap_or_else(|| panic!("no {want:?} in {out}"));
    assert!(line.starts_with(recs[row.k][0].as_str()), "{line}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(audit_len(&db), before, "nothing written");
    assert_eq!(export_scores(&db)[row.k][row.a], fmt_score(old));
    let (ok, _, err) = run(&db, &["import", "scores", "--dry-run"], &file);
    assert!(ok && err.contains("未写入任何数据"), "{err}");
}

// ---------------------------------------------------------------- staff

fn export_staff(db: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let out = sgz(db)
        .args(["--scope", "500112", "export", "staff", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let (text, _) = sgz::io::encoding::decode(&out.stdout);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    (
        h,
        rdr.records()
            .map(|r| r.expect("csv").iter().map(String::from).collect())
            .collect(),
    )
}

fn col(h: &[String], name: &str) -> usize {
    h.iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The header and rows as a CRLF file: data row k is on line k + 2.
fn write_staff(path: &Path, h: &[String], rows: &[Vec<String>]) {
    let mut all = vec![h.to_vec()];
    all.extend(rows.iter().cloned());
    write_crlf(path, &all);
}

#[test]
fn a_person_changed_since_the_staff_export_is_refused_with_its_line_and_both_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (h, mut rows) = export_staff(&db);
    let k = 2;
    let id: i64 = rows[k][col(&h, "staff_id")].parse().expect("id");
    let hours: f64 = rows[k][col(&h, "training_hours_this_year")]
        .parse()
        .expect("hours");
    assert_eq!(rows[k][col(&h, "version")], "1");

    // After the export, someone records training hours for the person in the TUI.
    Store::open(&db)
        .expect("opens")
        .record_training(&Actor::system("alice"), id, 2026, hours + 8.0)
        .expect("records");
    // The clerk corrects the person's name in the old export.
    let name = rows[k][col(&h, "name")].clone();
    rows[k][col(&h, "name")] = format!("{name}甲");
    let file = dir.path().join("staff.csv");
    write_staff(&file, &h, &rows);
    let before = audit_len(&db);

    let (ok, _, err) = run(&db, &["--lang", "en", "import", "staff"], &file);
    assert!(!ok, "{err}");
    let line = format!("staff.csv:{}:", k + 2);
    let said = err
        .lines()
        .find(|l| l.contains(&line))
        .unwrap_or_else(|| panic!("no {line} in {err}"));
    assert!(said.contains(&format!("staff_id {id} {name}")), "{said}");
    assert!(said.contains("file version 1, now 2"), "{said}");
    assert!(
        said.contains(&format!("name now {name:?}, file \"{name}甲\"")),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "training_hours_this_year now \"{}\", file \"{hours}\"",
            hours + 8.0
        )),
        "{said}"
    );
    assert_eq!(
        err.lines().filter(|l| l.contains("staff.csv:")).count(),
        1,
        "{err}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
    let (_, now) = export_staff(&db);
    assert_eq!(now[k][col(&h, "name")], name);

    let (ok, _, err) = run(&db, &["import", "staff"], &file);
    assert!(
        !ok && err.contains("在此文件导出后已被修改") && err.contains("数据库现为"),
        "{err}"
    );
}

#[test]
fn a_staff_row_for_a_known_person_without_a_version_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (mut h, mut rows) = export_staff(&db);
    let v = col(&h, "version");
    h.remove(v);
    for r in rows.iter_mut() {
        r.remove(v);
    }
    let n = col(&h, "name");
    rows[0][n] = format!("{}乙", rows[0][n]);
    let file = dir.path().join("old.csv");
    write_staff(&file, &h, &rows);
    let (ok, _, err) = run(&db, &["--lang", "en", "import", "staff"], &file);
    assert!(!ok);
    assert!(
        err.contains("old.csv:2:") && err.contains("export afresh"),
        "{err}"
    );
    let (ok, _, err) = run(&db, &["import", "staff"], &file);
    assert!(!ok && err.contains("请重新导出"), "{err}");
}

#[test]
fn a_fresh_staff_export_updates_a_person_field_by_field_and_audits_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (h, mut rows) = export_staff(&db);
    let k = 1;
    let id = rows[k][col(&h, "staff_id")].clone();
    let name = rows[k][col(&h, "name")].clone();
    let prior = rows[k][col(&h, "prior_years")].clone();
    rows[k][col(&h, "name")] = format!("{name}丙");
    rows[k][col(&h, "prior_years")] = "7".into();
    let file = dir.path().join("fix.csv");
    write_staff(&file, &h, &rows);
    let before = audit_len(&db);

    let (ok, out, err) = run(
        &db,
        &["--lang", "en", "import", "staff", "--dry-run"],
        &file,
    );
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("staff_id {id} {name}: name {name} -> {name}丙"))
            && out.contains(&format!("staff_id {id} {name}: prior_years {prior} -> 7")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        err.contains("1 updated (2 fields)") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(audit_len(&db), before, "a dry run writes nothing");

    let (ok, _, err) = run(&db, &["--lang", "en", "import", "staff"], &file);
    assert!(ok, "{err}");
    assert!(err.contains("0 staff added, 1 updated (2 fields)"), "{err}");
    let audit = Store::open_read_only(&db)
        .expect("opens")
        .audit(None, None, None, 10)
        .expect("audit");
    let mut fields: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "import_staff" && a.entity_id == id)
        .map(|a| (a.field.clone(), a.old.clone(), a.new.clone()))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            (
                Some("name".into()),
                Some(name.clone()),
                Some(format!("{name}丙"))
            ),
            (Some("prior_years".into()), Some(prior), Some("7".into())),
        ]
    );
    let (_, now) = export_staff(&db);
    assert_eq!(now[k][col(&h, "name")], format!("{name}丙"));
    assert_eq!(
        now[k][col(&h, "version")],
        "2",
        "the update raised the version"
    );
    // The file is now stale itself: importing it again changes nothing and passes.
    let (ok, _, err) = run(&db, &["--lang", "en", "import", "staff"], &file);
    assert!(ok && err.contains("0 updated"), "{err}");
}

#[test]
fn every_change_to_a_person_raises_their_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut s = Store::open(&db).expect("opens");
    let id = *s
        .staff_versions()
        .expect("versions")
        .keys()
        .min()
        .expect("someone");
    let version = |s: &Store| s.staff_versions().expect("versions")[&id];
    assert_eq!(version(&s), 1);
    let who = Actor::system("alice");
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
    s.record_certificate(
        &who,
        id,
        sgz::domain::staff::CertLevel::Intermediate,
        day("2026-06-01"),
    )
    .expect("certificate");
    assert_eq!(version(&s), 2);
    s.record_registration(&who, id, day("2026-07-01"), day("2029-06-30"))
        .expect("registration");
    assert_eq!(version(&s), 3);
    s.record_training(&who, id, 2026, 30.0).expect("training");
    assert_eq!(version(&s), 4);
    s.record_departure(&who, id, day("2026-11-01"))
        .expect("departure");
    assert_eq!(version(&s), 5);
}

#[test]
fn a_score_row_for_a_submitted_sheet_is_refused_by_its_line_not_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let mut recs = export_scores(&db);
    let k = recs
        .iter()
        .position(|r| {
            r.len() > 10
                && r[0].bytes().all(|b| b.is_ascii_digit())
                && r[5] == "已提交"
                && r[8].parse::<f64>().is_ok_and(|v| v >= 1.0)
        })
        .expect("a submitted sheet in the demo");
    lower(&mut recs, k, 8);
    let file = dir.path().join("submitted.csv");
    write_crlf(&file, &recs);
    let before = audit_len(&db);
    let (ok, _, err) = run(&db, &["import", "scores"], &file);
    assert!(!ok, "{err}");
    let line = format!("submitted.csv:{}:", k + 1);
    assert!(
        err.lines()
            .any(|l| l.contains(&line) && l.contains("已提交") && l.contains("重开")),
        "the row's line and what to do, in Chinese: {err}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
}
