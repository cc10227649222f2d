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
            // And each export (but JSON, which is for scripts) reads back as no change.
            if f.contains(&"json") {
                continue;
            }
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
/// evaluations, which the two lists do not carry), as CSV lines.
fn site_and_staff_alerts(db: &Path) -> Vec<String> {
    let (ok, out, err) = run(db, "en", &["check", "--format", "csv"]);
    assert!(ok, "{err}");
    out.lines()
        .filter(|l| {
            let kind = l.split(',').nth(1).unwrap_or("");
            !kind.starts_with("duty_") && kind != "service_no_renewal"
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
