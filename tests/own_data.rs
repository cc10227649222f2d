//! A bureau's own data from nothing: `init` makes an empty database or one holding only a
//! division list, says what to do next, and keeps the synthetic fill for `--demo` and
//! `--national` only; the site and staff lists go out and come back in every format byte
//! for byte, in the files Excel and WPS make; and a database built from nothing with the
//! demo's lists reports what the demo reports. Through the binary.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";

fn sgz(db: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
    c.arg("--db")
        .arg(db)
        .args(["--today", TODAY, "--lang", lang])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LOG", "off");
    c
}

fn run(db: &Path, lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = sgz(db, lang).args(args).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn divisions_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/divisions")
}

#[test]
fn init_without_flags_makes_an_empty_database_that_says_what_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("own.db");
    let (ok, _, err) = run(&db, "en", &["init"]);
    assert!(ok, "{err}");
    assert!(err.contains("0 divisions, 0 sites"), "{err}");
    assert!(err.contains("sgz import divisions DIR"), "{err}");
    assert!(!err.contains("synthetic"), "nothing synthetic: {err}");
    let (ok, out, err) = run(&db, "zh", &["export", "sites"]);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 1, "a header and no site: {out}");
    assert!(err.contains("sgz import divisions DIR"), "{err}");
    let (ok, _, err) = run(&db, "en", &["report", "coverage"]);
    assert!(ok && err.contains("sgz import divisions DIR"), "{err}");
}

#[test]
fn init_divisions_holds_the_list_and_nothing_synthetic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("own.db");
    let d = divisions_dir();
    let (ok, _, err) = run(
        &db,
        "zh",
        &["init", "--divisions", d.to_str().expect("utf-8")],
    );
    assert!(ok, "{err}");
    // The seed regions' subset: one line per division in the five files, headers aside.
    let lines: usize = ["provinces", "cities", "areas", "streets", "villages"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(d.join(format!("{f}.csv"))).expect("reads");
            text.lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .count()
        })
        .sum();
    assert!(err.contains(&format!("{lines} 个区划，0 个站点")), "{err}");
    assert!(err.contains("sgz import sites FILE"), "{err}");
    assert!(!err.contains("合成"), "{err}");
    let (ok, out, err) = run(&db, "en", &["check", "--scope", "64"]);
    assert!(ok, "{err}");
    assert!(err.contains("sgz import sites FILE"), "{err}");
    assert!(!out.contains("synthetic"), "{out}");
    let (ok, out, _) = run(&db, "en", &["export", "staff"]);
    assert!(ok && out.lines().count() == 1, "{out}");
    // Only a new file: over an existing one without --force it is refused.
    let (ok, _, err) = run(
        &db,
        "en",
        &["init", "--divisions", d.to_str().expect("utf-8")],
    );
    assert!(!ok && err.contains("--force"), "{err}");
}

#[test]
fn init_national_says_its_fill_is_synthetic_and_flags_exclude_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("n.db");
    let d = divisions_dir();
    let d = d.to_str().expect("utf-8");
    let (ok, _, err) = run(&db, "en", &["init", "--national", d]);
    assert!(ok, "{err}");
    assert!(err.contains("[demo data: synthetic]"), "{err}");
    let other = dir.path().join("x.db");
    let out = sgz(&other, "en")
        .args(["init", "--divisions", d, "--demo"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(!other.exists());
}

/// A private copy of the demo (built once per test process), made on `TODAY`.
fn demo(dir: &Path) -> PathBuf {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, built) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("demo.db");
        let (ok, _, err) = run(&p, "en", &["init", "--demo"]);
        assert!(ok, "{err}");
        (dir, p)
    });
    let p = dir.join("demo.db");
    std::fs::copy(built, &p).expect("copies");
    p
}

/// A new database holding only the demo's division list (data/divisions).
fn own(dir: &Path) -> PathBuf {
    let p = dir.join("own.db");
    let d = divisions_dir();
    let (ok, _, err) = run(
        &p,
        "en",
        &["init", "--divisions", d.to_str().expect("utf-8")],
    );
    assert!(ok, "{err}");
    p
}

/// The bytes of `export WHAT` with `args`, through a file (xlsx needs one).
fn export(db: &Path, what: &str, args: &[&str]) -> Vec<u8> {
    let out = db.with_extension(format!("{what}-{}.out", args.join("_").replace('-', "")));
    let mut all = vec!["export", what, "-o", out.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let (ok, _, err) = run(db, "en", &all);
    assert!(ok, "{err}");
    std::fs::read(&out).expect("written")
}

fn import(db: &Path, what: &str, file: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut all = vec!["import", what, file.to_str().expect("utf-8")];
    all.extend_from_slice(extra);
    run(db, "en", &all)
}

/// A UTF-8 CSV with a BOM as GBK with CRLF line ends, as Excel saves "CSV (逗号分隔)".
fn gbk_crlf(csv: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(csv.to_vec()).expect("utf-8");
    let text = text.trim_start_matches('\u{feff}').replace('\n', "\r\n");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad, "every character has a GBK code");
    gbk.into_owned()
}

const FORMATS: [&[&str]; 5] = [
    &["--format", "csv"],
    &["--format", "csv", "--headers", "zh"],
    &["--format", "xlsx"],
    &["--format", "xlsx", "--headers", "zh"],
    &["--format", "json"],
];

#[test]
fn sites_and_staff_come_back_byte_for_byte_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (demo, own) = (demo(dir.path()), own(dir.path()));
    // Into the new database: sites from a GBK CRLF sheet, staff from an xlsx with Chinese
    // headers; then every export of it is the demo's, byte for byte.
    let sites = dir.path().join("sites.csv");
    std::fs::write(
        &sites,
        gbk_crlf(&export(&demo, "sites", &["--format", "csv"])),
    )
    .expect("w");
    let (ok, _, err) = import(&own, "sites", &sites, &[]);
    assert!(ok && err.contains("4512 sites added"), "{err}");
    let staff = dir.path().join("staff.xlsx");
    let xlsx = export(&demo, "staff", &["--format", "xlsx", "--headers", "zh"]);
    std::fs::write(&staff, xlsx).expect("writes");
    let (ok, _, err) = import(&own, "staff", &staff, &[]);
    assert!(ok && err.contains("5090 staff added"), "{err}");
    for what in ["sites", "staff"] {
        for f in FORMATS {
            let (a, b) = (export(&demo, what, f), export(&own, what, f));
            assert!(a == b, "{what} {f:?} differs after the round trip");
            // And each export reads back as no change.
            let file = dir.path().join(format!("{what}.back"));
            std::fs::write(&file, &a).expect("writes");
            let (ok, _, err) = import(&own, what, &file, &[]);
            assert!(ok, "{what} {f:?}: {err}");
            assert!(err.contains("0 updated (0 fields)"), "{what} {f:?}: {err}");
            assert_eq!(export(&own, what, f), b, "{what} {f:?} after re-import");
        }
    }
}

#[test]
fn scores_come_back_byte_for_byte_in_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo(dir.path());
    for f in [&["--format", "csv"][..], &["--format", "xlsx"]] {
        let before = export(&demo, "scores", f);
        let file = dir.path().join("scores.back");
        std::fs::write(&file, &before).expect("writes");
        let (ok, _, err) = import(&demo, "scores", &file, &[]);
        assert!(ok && err.contains("3745 rows unchanged"), "{f:?}: {err}");
        assert!(export(&demo, "scores", f) == before, "scores {f:?} differ");
    }
}

/// The demo's alerts that come from its sites and staff (not from its duty records and
/// evaluations, which the two lists do not carry: duty_*, evaluation_*,
/// service_no_renewal), as CSV lines.
fn site_and_staff_alerts(db: &Path) -> Vec<String> {
    let (ok, out, err) = run(db, "en", &["check", "--format", "csv"]);
    assert!(ok, "{err}");
    out.lines()
        .filter(|l| {
            let kind = l.split(',').nth(1).unwrap_or("");
            !kind.starts_with("duty_")
                && !kind.starts_with("evaluation_")
                && kind != "service_no_renewal"
                // Operator contracts have no sheet to move them: the TUI records them.
                && kind != "service_contract_ending"
        })
        .map(String::from)
        .collect()
}

#[test]
fn a_bureau_built_from_nothing_reports_what_the_demo_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (demo, own) = (demo(dir.path()), own(dir.path()));
    let sites = dir.path().join("站点.csv");
    std::fs::write(
        &sites,
        gbk_crlf(&export(&demo, "sites", &["--headers", "zh"])),
    )
    .expect("w");
    let staff = dir.path().join("人员.xlsx");
    std::fs::write(&staff, export(&demo, "staff", &["--format", "xlsx"])).expect("w");
    let (ok, _, err) = import(&own, "sites", &sites, &[]);
    assert!(ok && err.contains("(GBK)"), "{err}");
    let (ok, _, err) = import(&own, "staff", &staff, &[]);
    assert!(ok && err.contains("(xlsx)"), "{err}");
    for args in [
        &["report", "coverage", "--format", "json"][..],
        &[
            "report",
            "coverage",
            "--scope",
            "64",
            "--as-of",
            "2021-12-31",
        ],
        &["report", "coverage", "--scope", "4201", "--format", "csv"],
    ] {
        let (a, b) = (run(&demo, "zh", args), run(&own, "zh", args));
        assert!(a.0 && b.0, "{args:?}: {} {}", a.2, b.2);
        assert!(a.1 == b.1, "{args:?} differs");
        if !args.contains(&"csv") {
            assert!(
                a.1.contains("合成") || a.1.contains("synthetic"),
                "{args:?}"
            );
        }
    }
    let (a, b) = (site_and_staff_alerts(&demo), site_and_staff_alerts(&own));
    assert!(a.len() > 3000, "{}", a.len());
    // Contract renewals among them: ending, expired, and not renewable.
    for kind in [
        ",contract_ending,",
        ",contract_expired,",
        ",contract_no_renewal,",
    ] {
        assert!(a.iter().any(|l| l.contains(kind)), "{kind}");
    }
    let first_diff = a.iter().zip(&b).position(|(x, y)| x != y);
    assert_eq!(a.len(), b.len(), "first difference at {first_diff:?}");
    assert_eq!(first_diff, None);
}

/// The demo's site list as CSV records (header first).
fn site_records(db: &Path) -> Vec<Vec<String>> {
    let bytes = export(db, "sites", &["--format", "csv"]);
    let text = String::from_utf8(bytes).expect("utf-8");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(String::from).collect())
        .collect()
}

fn write_csv(path: &Path, recs: &[Vec<String>]) {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for r in recs {
        w.write_record(r).expect("writes");
    }
    std::fs::write(path, w.into_inner().expect("flush")).expect("writes");
}

#[test]
fn a_site_changed_since_the_export_is_refused_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let recs = site_records(&db);
    let col = |n: &str| recs[0].iter().position(|h| h == n).expect(n);
    let (name, history, version) = (col("name"), col("history"), col("version"));
    let k = recs
        .iter()
        .position(|r| r[col("division_code")] == "640104001")
        .expect("凤凰北街");
    let old_name = recs[k][name].clone();
    // A clerk renames the station: the dry run shows old -> new and writes nothing.
    let mut renamed = recs.clone();
    renamed[k][name] = "凤凰北街社工站".into();
    let file = dir.path().join("renamed.csv");
    write_csv(&file, &renamed);
    let (ok, out, err) = import(&db, "sites", &file, &["--dry-run"]);
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        format!("update 640104001 {old_name}: name {old_name} → 凤凰北街社工站")
    );
    assert!(
        err.contains("1 updated (1 fields), 4511 rows unchanged"),
        "{err}"
    );
    assert_eq!(site_records(&db), recs, "the dry run wrote nothing");
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(ok && err.contains("1 updated (1 fields)"), "{err}");
    let now = site_records(&db);
    assert_eq!(now[k][name], "凤凰北街社工站");
    assert_eq!(now[k][version], "2", "the write raised the version");
    // Someone else's file, exported before the rename, changes the history: refused, with
    // the line (k + 1: the header is line 1), the site and both values.
    let mut stale = recs.clone();
    stale[k][history] = stale[k][history].replacen("planned ", "planned 2020-01-01; planned ", 1);
    let file = dir.path().join("stale.csv");
    write_csv(&file, &stale);
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(!ok, "{err}");
    let line = k + 1;
    assert!(err.contains(&format!("stale.csv:{line}: 640104001 凤凰北街社工站 was changed since this file was exported (file version 1, now 2)")), "{err}");
    assert!(
        err.contains(&format!("name now \"凤凰北街社工站\", file \"{old_name}\"")),
        "{err}"
    );
    assert_eq!(site_records(&db), now, "nothing written");
    // A row without a version may not change a stored site either.
    let mut bare: Vec<Vec<String>> = now.clone();
    for r in &mut bare {
        r.remove(version);
    }
    bare[k][name - 1] = "又改了名".into();
    let file = dir.path().join("bare.csv");
    write_csv(&file, &bare);
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(!ok && err.contains("the row has no version"), "{err}");
    // The history's version rises with any change to it, whoever writes it.
    let store = sgz::store::Store::open(&db).expect("opens");
    store
        .execute_batch_for_tests(
            "INSERT INTO site_status (site_id, status, on_date)
             SELECT id, 'suspended', '2026-01-01' FROM sites WHERE division = '640104001'",
        )
        .expect("writes");
    drop(store);
    assert_eq!(site_records(&db)[k][version], "3");
}

#[test]
fn bad_rows_are_named_by_file_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = own(dir.path());
    // CRLF, a blank line, a trailing empty column: lines are the file's own.
    let text = "区划代码,站点名称,站点层级,状态记录,面积（平方米）,民非登记日期,\r\n\
                640104001,凤凰北街社工站,社工室,planned 2021-13-01,abc,,\r\n\
                \r\n\
                64,宁夏,,,,,\r\n\
                999999,无,,,,,\r\n\
                640104002,解放西街社工站,,opened 2021-01-01,,2021-02-30,\r\n\
                640104002,又一行,,,,,\r\n\
                640104100,掌政镇社工站,,planned 2021-01-01,-5,,\r\n";
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, text).expect("writes");
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(!ok);
    for want in [
        "bad.csv:2: 站点层级: \"社工室\" does not fit the division's level (640104001 has a station); 状态记录: \"2021-13-01\" is not a valid date; 面积（平方米）: \"abc\" is not an area",
        "bad.csv:4: 区划代码: 64 (province) has no site",
        "bad.csv:5: 区划代码: the division code 999999 is not in the division list",
        "bad.csv:6: 状态记录: \"opened\" is not a site status",
        "民非登记日期 is not a valid date: \"2021-02-30\"",
        "bad.csv:7: 区划代码: 640104002 is on line 6 already",
        "bad.csv:8: 面积（平方米）: \"-5\" is not an area",
        "6 bad rows; nothing was imported.",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    let (ok, out, _) = run(&db, "en", &["export", "sites"]);
    assert!(ok && out.lines().count() == 1, "nothing written: {out}");
    // A file without the key columns is named at its header line.
    std::fs::write(&file, "名称\r\nx\r\n").expect("writes");
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(
        !ok && err.contains("bad.csv:1: missing columns: division_code/区划代码"),
        "{err}"
    );
}

/// What office programs make of a clerk's sheet: Chinese headers (and the bilingual form),
/// GBK with CRLF, blank rows, trailing empty columns, text-stored numbers, 2021/9/1 and
/// 2021年9月1日 dates, full-width digits, Chinese status, role and level names.
#[test]
fn office_sheets_import_as_excel_and_wps_save_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = own(dir.path());
    let sites = "区划代码(division_code),站点名称,状态记录,面积（平方米）,民非登记日期,站长,,\r\n\
                 =\"640104\",兴庆区社会工作服务指导中心,规划 2021/5/12；运营中 2021年9月16日,１３８,,,,\r\n\
                 ,,,,,,,\r\n\
                 '640104001,凤凰北街街道社会工作服务站,planned 2021-06-25; established ２０２１－８－６,141.5,2022年8月25日,陈敏,,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(sites);
    let file = dir.path().join("站点.csv");
    std::fs::write(&file, gbk).expect("writes");
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(ok, "{err}");
    assert!(err.contains("(GBK): 2 sites added"), "{err}");
    let recs = site_records(&db);
    let col = |n: &str| recs[0].iter().position(|h| h == n).expect(n);
    let row = |code: &str| {
        recs.iter()
            .find(|r| r[col("division_code")] == code)
            .expect(code)
            .clone()
    };
    let center = row("640104");
    assert_eq!(center[col("tier")], "center");
    assert_eq!(
        center[col("history")],
        "planned 2021-05-12; operating 2021-09-16"
    );
    assert_eq!(center[col("area_m2")], "138");
    assert_eq!(center[col("synthetic")], "0");
    let station = row("640104001");
    assert_eq!(
        station[col("history")],
        "planned 2021-06-25; established 2021-08-06"
    );
    assert_eq!(station[col("civil_reg")], "2022-08-25");
    assert_eq!(station[col("area_m2")], "141.5");
    assert_eq!(station[col("head")], "陈敏");

    // Staff as an xlsx a clerk typed: dates as Excel dates (serial numbers), a division code
    // as a number, Chinese role and level names, a full-width number of hours.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    let ws = wb.add_worksheet();
    for (c, h) in [
        "姓名",
        "区划代码",
        "岗位",
        "入职日期",
        "职业资格等级",
        "资格取得日期",
        "本年度培训学时",
        "往年培训学时",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("writes");
    }
    let day = |s: &str| {
        let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        rust_xlsxwriter::ExcelDateTime::from_ymd(
            chrono::Datelike::year(&d) as u16,
            chrono::Datelike::month(&d) as u8,
            chrono::Datelike::day(&d) as u8,
        )
        .expect("date")
    };
    ws.write_string(1, 0, "王芳").expect("w");
    ws.write_number(1, 1, 640104001.0).expect("w");
    ws.write_string(1, 2, "站长").expect("w");
    ws.write_datetime_with_format(1, 3, day("2021-09-01"), &date)
        .expect("w");
    ws.write_string(1, 4, "助理社工师").expect("w");
    ws.write_datetime_with_format(1, 5, day("2020-06-20"), &date)
        .expect("w");
    ws.write_string(1, 6, "１２").expect("w");
    ws.write_string(1, 7, "2024 30；2025：24").expect("w");
    let staff = dir.path().join("人员.xlsx");
    wb.save(&staff).expect("saves");
    let (ok, _, err) = import(&db, "staff", &staff, &[]);
    assert!(ok, "{err}");
    assert!(err.contains("(xlsx): 1 staff added"), "{err}");
    let bytes = export(&db, "staff", &["--format", "csv"]);
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = rdr.headers().expect("header").clone();
    let rec = rdr.records().next().expect("a person").expect("csv");
    let get = |n: &str| rec[h.iter().position(|x| x == n).expect(n)].to_string();
    assert_eq!(get("name"), "王芳");
    assert_eq!(get("division_code"), "640104001");
    assert_eq!(get("role"), "station_head");
    assert_eq!(get("hired"), "2021-09-01");
    assert_eq!(get("cert_level"), "assistant");
    assert_eq!(get("cert_passed"), "2020-06-20");
    assert_eq!(get("training_hours_this_year"), "12");
    assert_eq!(get("training_earlier"), "2024 30; 2025 24");
}

#[test]
fn unicode_text_and_tab_separated_files_are_read_and_unmarked_utf16_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = own(dir.path());
    let text = "区划代码\t站点名称\r\n640104001\t凤凰北街社工站\r\n";
    // Excel's "Unicode 文本": UTF-16LE with its mark, tab-separated.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = dir.path().join("unicode.txt");
    std::fs::write(&file, &utf16).expect("writes");
    let (ok, _, err) = import(&db, "sites", &file, &["--dry-run"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("(UTF-16LE, tab-separated): 1 sites would be added"),
        "{err}"
    );
    // Tab-separated UTF-8.
    std::fs::write(&file, text).expect("writes");
    let (ok, _, err) = import(&db, "sites", &file, &[]);
    assert!(
        ok && err.contains("(UTF-8, tab-separated): 1 sites added"),
        "{err}"
    );
    // The same text without its mark cannot be told from binary: refused, saying what it is.
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&file, bare).expect("writes");
    let (ok, _, err) = import(&db, "staff", &file, &[]);
    assert!(
        !ok && err.contains("looks like UTF-16 text without a byte-order mark"),
        "{err}"
    );
    let (ok, _, err) = run(
        &db,
        "zh",
        &["import", "sites", file.to_str().expect("utf-8")],
    );
    assert!(!ok && err.contains("没有字节顺序标记"), "{err}");
}

/// Every import takes the ids, the Chinese headers and the bilingual form: the staff list
/// and the duties sheet with their headers rewritten read back as no change.
#[test]
fn staff_and_duty_sheets_take_chinese_and_bilingual_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let staff = String::from_utf8(export(&db, "staff", &[])).expect("utf-8");
    let (header, rest) = staff.split_once('\n').expect("a header");
    let bilingual: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|id| format!("{}({id})", sgz::io::headers::Sheet::Staff.zh(id)))
        .collect();
    let file = dir.path().join("staff.csv");
    std::fs::write(&file, format!("{}\n{rest}", bilingual.join(","))).expect("writes");
    let (ok, _, err) = import(&db, "staff", &file, &["--dry-run"]);
    assert!(ok && err.contains("5090 rows unchanged"), "{err}");

    let (ok, duties, err) = run(&db, "en", &["report", "duties", "--format", "csv"]);
    assert!(ok, "{err}");
    let (header, rest) = duties.split_once('\n').expect("a header");
    let zh: Vec<&str> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|id| sgz::io::headers::Sheet::Duties.zh(id))
        .collect();
    assert!(
        zh.contains(&"收到日期") && zh.contains(&"责任单位代码"),
        "{zh:?}"
    );
    let file = dir.path().join("duties.csv");
    std::fs::write(&file, format!("{}\n{rest}", zh.join(","))).expect("writes");
    let (ok, _, err) = import(&db, "duties", &file, &["--dry-run"]);
    assert!(ok && err.contains("would record 0 instances"), "{err}");
}

#[test]
fn a_site_list_under_a_scope_refuses_rows_outside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = own(dir.path());
    let file = dir.path().join("two.csv");
    std::fs::write(
        &file,
        "区划代码,站点名称\n640104001,凤凰北街社工站\n420102002,大智街道社工站\n",
    )
    .expect("writes");
    let out = sgz(&db, "en")
        .args(["--scope", "64", "import", "sites"])
        .arg(&file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("two.csv:3: 区划代码: 420102002 is outside the scope 64"),
        "{err}"
    );
    let (ok, out, _) = run(&db, "en", &["export", "sites"]);
    assert!(ok && out.lines().count() == 1, "nothing written: {out}");
}
