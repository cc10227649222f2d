//! A bureau's own data from nothing: `init` makes an empty database or one holding only a
//! division list, says what to do next, and keeps the synthetic fill for `--demo` and
//! `--national` only. Through the binary.

use std::path::Path;

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
