//! Database files that are not what they should be: not SQLite, truncated, read-only, locked
//! by a stuck process. Each gets a message a supervisor can act on, and nothing is written
//! over. Run through the binary, as a supervisor meets them.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SGZ: &str = env!("CARGO_BIN_EXE_sgz");
const TODAY: &str = "2026-11-22";

fn sgz(db: &Path) -> Command {
    let mut c = Command::new(SGZ);
    // In English: the refusals below are matched by their English words (the Chinese ones
    // are checked in tests/cli.rs).
    c.env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off")
        .env_remove("SGZ_DB")
        .args(["--lang", "en"])
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY]);
    c
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The demo, built once per test process, checkpointed into its one file.
fn demo() -> &'static [u8] {
    static DEMO: OnceLock<Vec<u8>> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("demo.db");
        let out = sgz(&db).args(["init", "--demo"]).output().expect("run sgz");
        assert!(out.status.success(), "{}", text(&out).1);
        // The last connection to close folds the WAL into the file; check that it did.
        assert!(
            !dir.path().join("demo.db-wal").exists(),
            "the WAL was left behind"
        );
        std::fs::read(&db).expect("reads")
    })
}

/// The database's files as they are now (main file, WAL, shared memory).
fn files_of(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let p = format!("{}{s}", db.display());
            let b = std::fs::read(&p).ok();
            (p, b)
        })
        .collect()
}

fn report(db: &Path) -> Command {
    let mut c = sgz(db);
    c.args(["--scope", "64", "report", "coverage"]);
    c
}

/// Commands that read, and one that writes, each refused with `says` and leaving the file as
/// it was. `all`: every command must be refused; otherwise a read that finds its pages intact
/// may succeed, but the grant must not.
fn refused(db: &Path, says: &[&str], all: bool) {
    let before = files_of(db);
    let commands: [&[&str]; 5] = [
        &["--scope", "64", "report", "coverage"],
        &["export", "sites"],
        &["find", "兴庆"],
        &["users", "list"],
        &["users", "grant", "newbie", "viewer"],
    ];
    for args in commands {
        let out = sgz(db).args(args).output().expect("run sgz");
        let (_, err) = text(&out);
        if out.status.success() && !all && args[0] != "users" {
            continue;
        }
        assert!(
            !out.status.success(),
            "sgz {args:?} succeeded on a bad file"
        );
        for s in says {
            assert!(err.contains(s), "sgz {args:?} should say {s:?}: {err}");
        }
        assert!(!err.contains("panicked"), "sgz {args:?} panicked: {err}");
        assert!(files_of(db) == before, "sgz {args:?} changed the file");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_named_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "区划代码,名称\n64,宁夏回族自治区\n").expect("write");
    refused(
        &db,
        &[
            &db.display().to_string(),
            "is not an sgz database",
            "does not start with the SQLite header",
        ],
        true,
    );
}

#[test]
fn a_truncated_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, keep, all) in [
        ("half", demo().len() / 2, false),
        ("first-page", 4096, true),
    ] {
        let db = dir.path().join(format!("{name}.db"));
        std::fs::write(&db, &demo()[..keep]).expect("write");
        refused(&db, &["malformed"], all);
    }
}

// ---------------------------------------------------------------- read-only

/// Run `cmd` as an account that cannot write `db`: as root, the account `nobody` (root
/// writes anything); otherwise ourselves, the file having no write bits.
fn as_reader(mut cmd: Command, home: &Path) -> Output {
    use std::os::unix::process::CommandExt;
    cmd.env("HOME", home).env("XDG_CONFIG_HOME", home);
    if uzers_root() {
        cmd.uid(65534).gid(65534);
    }
    cmd.output().expect("run sgz")
}

fn uzers_root() -> bool {
    sgz::commands::os_account().is_ok_and(|n| n == "root")
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn chown_to_reader(p: &Path) {
    if uzers_root() {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).expect("chown");
    }
}

/// A read-only copy of the demo in its own directory; `dir_writable`: whether the reader may
/// create files beside it (SQLite's shared-memory file).
fn read_only_copy(dir_writable: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("data");
    std::fs::create_dir(&sub).expect("mkdir");
    let db = sub.join("sgz.db");
    std::fs::write(&db, demo()).expect("write");
    chmod(dir.path(), 0o755);
    chmod(&db, 0o444);
    if dir_writable {
        chown_to_reader(&sub);
        chown_to_reader(&db);
        chmod(&sub, 0o755);
    } else {
        chmod(&sub, 0o555);
    }
    (dir, db)
}

fn restore_permissions(dir: &tempfile::TempDir) {
    chmod(&dir.path().join("data"), 0o755);
}

fn reads_a_read_only_file(dir_writable: bool) {
    let (dir, db) = read_only_copy(dir_writable);
    // The same report from a writable copy.
    let writable = dir.path().join("writable.db");
    std::fs::write(&writable, demo()).expect("write");
    let want = report(&writable).output().expect("run sgz");
    assert!(want.status.success(), "{}", text(&want).1);

    let before = std::fs::read(&db).expect("reads");
    let out = as_reader(report(&db), dir.path());
    let (got, err) = text(&out);
    restore_permissions(&dir);
    assert!(
        out.status.success(),
        "report on a read-only file (directory writable: {dir_writable}): {err}"
    );
    assert_eq!(got, text(&want).0);
    assert_eq!(
        std::fs::read(&db).expect("reads"),
        before,
        "the file changed"
    );
}

#[test]
fn a_read_only_file_can_be_reported_on() {
    reads_a_read_only_file(true);
}

#[test]
fn a_read_only_file_in_a_read_only_directory_can_be_reported_on() {
    reads_a_read_only_file(false);
}

// ---------------------------------------------------------------- locked

fn sqlite3_or_skip(test: &str) -> bool {
    let ok = Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("skipping {test}: sqlite3 is not installed");
    }
    ok
}

/// A `sqlite3` process that ran `sql` and keeps its transaction open until dropped.
struct Stuck {
    child: std::process::Child,
}

impl Stuck {
    fn hold(db: &Path, sql: &str) -> Stuck {
        let mut child = Command::new("sqlite3")
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run sqlite3");
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{sql}\nSELECT 'HOLDING';").expect("write to sqlite3");
        stdin.flush().expect("flush");
        child.stdin = Some(stdin);
        // Pragmas print their values first.
        let out = BufReader::new(child.stdout.take().expect("stdout"));
        let holding = out
            .lines()
            .map_while(|l| l.ok())
            .any(|l| l.trim() == "HOLDING");
        assert!(holding, "sqlite3 did not take the lock");
        Stuck { child }
    }
}

impl Drop for Stuck {
    fn drop(&mut self) {
        // Closing its input ends sqlite3; its open transaction rolls back.
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn locked_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("sgz.db");
    std::fs::write(&db, demo()).expect("write");
    (dir, db)
}

#[test]
fn a_stuck_writer_lets_reports_run_and_turns_writes_away_with_busy() {
    if !sqlite3_or_skip("a_stuck_writer_lets_reports_run_and_turns_writes_away_with_busy") {
        return;
    }
    let (_dir, db) = locked_copy();
    let stuck = Stuck::hold(
        &db,
        "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'synthetic';",
    );
    let out = report(&db).output().expect("run sgz");
    assert!(
        out.status.success(),
        "a report waits for no writer: {}",
        text(&out).1
    );
    let t = Instant::now();
    let out = sgz(&db)
        .args(["users", "grant", "newbie", "viewer"])
        .output()
        .expect("run sgz");
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("the database is busy (locked by another process)"),
        "{err}"
    );
    assert!(t.elapsed() >= Duration::from_secs(4), "gave up too early");
    drop(stuck);
    let out = sgz(&db).args(["users", "list"]).output().expect("run sgz");
    assert!(
        !text(&out).0.contains("newbie"),
        "the refused grant was written"
    );
}

#[test]
fn a_database_locked_exclusively_says_busy_not_broken() {
    if !sqlite3_or_skip("a_database_locked_exclusively_says_busy_not_broken") {
        return;
    }
    let (_dir, db) = locked_copy();
    let before = std::fs::read(&db).expect("reads");
    let stuck = Stuck::hold(
        &db,
        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE meta SET value = value WHERE key = 'synthetic';",
    );
    let out = report(&db).output().expect("run sgz");
    let (_, err) = text(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("the database is busy (locked by another process)"),
        "{err}"
    );
    assert!(!err.contains("not an sgz database"), "{err}");
    drop(stuck);
    let out = report(&db).output().expect("run sgz");
    assert!(out.status.success(), "after the lock: {}", text(&out).1);
    let s = sgz::store::Store::open(&db).expect("opens");
    assert_eq!(s.integrity_check().expect("check"), "ok");
    drop(s);
    assert_eq!(std::fs::read(&db).expect("reads").len(), before.len());
}
