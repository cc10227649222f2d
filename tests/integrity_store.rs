//! The database file itself: no lock lost under a live session, no file written that is not
//! sgz's, `init --force` only by an admin and never under an open session's feet, new files
//! for their owner only.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use sgz::store::{Actor, Store, UserRole};
use sgz::Error;

const SGZ: &str = env!("CARGO_BIN_EXE_sgz");

fn sqlite3_or_skip(test: &str) -> bool {
    let ok = Command::new("sqlite3").arg("-version").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: sqlite3 is missing under CI"
        );
        eprintln!("{test}: sqlite3 not installed, skipped");
    }
    ok
}

/// `sqlite3 DB SQL` in another process: what any other client (an admin's look, a cron
/// backup) does. Returns its output.
fn sqlite3(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("run sqlite3");
    assert!(
        out.status.success(),
        "sqlite3 {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn sgz(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(SGZ)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off")
        .output()
        .expect("run sgz")
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("sgz.db");
    let out = sgz(&db, &["init", "--demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

fn me() -> String {
    sgz::commands::os_account().expect("this account has a passwd entry")
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

#[test]
fn a_live_session_keeps_its_lock_when_another_client_opens_and_closes_the_database() {
    if !sqlite3_or_skip("live_session_lock") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // The TUI: its main connection, then the loader's and the search worker's read-only
    // opens in the same process (where the header check used to open the file with std::fs
    // and, closing it, drop the process's locks).
    let mut main = Store::open(&db).unwrap();
    let _loader = Store::open_read_only(&db).unwrap();
    let _search = Store::open_read_only(&db).unwrap();
    // An admin looks at the database with sqlite3 and closes it.
    sqlite3(&db, "SELECT count(*) FROM staff");
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        wal.exists(),
        "another client deleted the WAL under a live session: it believed nobody else had the database open"
    );
    // The session saves; another process sees the save.
    main.set_meta(&Actor::system(&me()), "lock_probe", "已保存")
        .unwrap();
    assert_eq!(
        sqlite3(&db, "SELECT value FROM meta WHERE key = 'lock_probe'"),
        "已保存",
        "a save the session reported is not visible to another process"
    );
    drop(main);
    drop(_loader);
    drop(_search);
    assert_eq!(sqlite3(&db, "PRAGMA integrity_check"), "ok");
}

#[test]
fn a_zero_byte_file_is_never_given_a_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    assert!(matches!(Store::open(&db), Err(Error::NotADatabase { .. })));
    for args in [
        &["report", "coverage", "--scope", "64"][..],
        &["--today", "2026-11-30"][..],
        &["init", "--demo", "--force"][..],
    ] {
        let out = sgz(&db, args);
        assert!(
            !out.status.success(),
            "sgz {args:?} accepted a zero-byte file"
        );
        assert_eq!(
            std::fs::metadata(&db).unwrap().len(),
            0,
            "sgz {args:?} wrote into a zero-byte file"
        );
    }
}

#[test]
fn a_sqlite_database_that_is_not_sgz_is_refused_and_left_alone() {
    if !sqlite3_or_skip("foreign_sqlite") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("finance.db");
    sqlite3(
        &db,
        "CREATE TABLE ledger (amount REAL); INSERT INTO ledger VALUES (1.5);",
    );
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
    let out = sgz(&db, &["init", "--demo", "--force"]);
    assert!(
        !out.status.success(),
        "init --force replaced a foreign database"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(
        sqlite3(&db, "SELECT group_concat(name) FROM sqlite_master"),
        "ledger"
    );
}

#[test]
fn init_force_refuses_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "会议记录，不是数据库\n").unwrap();
    let out = sgz(&db, &["init", "--demo", "--force"]);
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "会议记录，不是数据库\n"
    );
}

#[test]
fn a_mistyped_database_path_is_an_error_not_a_new_demo() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("sgz-typo.db");
    for args in [&["--today", "2026-11-30"][..], &["report", "coverage"][..]] {
        let out = sgz(&typo, args);
        assert!(
            !out.status.success(),
            "sgz {args:?} on a missing --db succeeded"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("sgz-typo.db") && err.contains("init"), "{err}");
        assert!(!typo.exists(), "sgz {args:?} created the mistyped path");
    }
}

#[test]
fn new_databases_and_backups_are_for_their_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("data").join("sgz");
    let db = demo(&nested);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&nested), 0o700);
    let backup = dir.path().join("backup.db");
    let out = sgz(&db, &["backup", backup.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&backup), 0o600);
}

#[test]
fn init_force_needs_an_admin_also_through_the_service_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let me = me();
    let admin = Actor::system(&me);
    {
        let mut s = Store::open(&db).unwrap();
        s.set_service_account(&admin, &me).unwrap();
        s.grant(&admin, "wang", UserRole::Editor, Some("4201"))
            .unwrap();
    }
    let before =
        sqlite3_or_skip("init_force_admin").then(|| sqlite3(&db, "SELECT count(*) FROM staff"));
    let out = sgz(&db, &["--as", "wang", "init", "--demo", "--force"]);
    assert!(
        !out.status.success(),
        "an editor wiped the database through --as"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // Said in the interface language (Chinese by default), not in the store's English.
    assert!(err.contains("wang 不是管理员"), "{err}");
    if let Some(n) = before {
        assert_eq!(sqlite3(&db, "SELECT count(*) FROM staff"), n);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-") || n.contains("before-init"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a refused init left files: {leftovers:?}"
    );
}

#[test]
fn init_force_keeps_a_backup_audits_the_real_actor_and_stops_open_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let me = me();
    let admin = Actor::system(&me);
    let mut session = Store::open(&db).unwrap();
    session.set_service_account(&admin, &me).unwrap();
    session.grant(&admin, "li", UserRole::Admin, None).unwrap();
    session
        .grant(&admin, "wang", UserRole::Editor, Some("4201"))
        .unwrap();
    // Something only the old contents have.
    session.set_meta(&admin, "marker", "旧数据").unwrap();

    let out = sgz(&db, &["--as", "li", "init", "--demo", "--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);

    // The old contents are kept in a backup named on screen, owner-only.
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("before-init"))
        .expect("a backup of the replaced database");
    assert!(err.contains(&*backup.to_string_lossy()), "{err}");
    assert_eq!(mode(&backup), 0o600);
    let old = Store::open_read_only(&backup).unwrap();
    assert_eq!(old.meta("marker").unwrap().as_deref(), Some("旧数据"));

    // The new contents: no marker, the accounts as they were, the wipe audited as li.
    let new = Store::open_read_only(&db).unwrap();
    assert_eq!(new.meta("marker").unwrap(), None);
    let users = new.users().unwrap();
    assert!(users
        .iter()
        .any(|u| u.0 == "wang" && u.1 == UserRole::Editor));
    assert!(users.iter().any(|u| u.0 == "li" && u.1 == UserRole::Admin));
    assert_eq!(new.meta("service_account").unwrap(), Some(me.clone()));
    let audit = new.audit(None, Some("li"), None, 10).unwrap();
    assert!(
        audit
            .iter()
            .any(|r| format!("{r:?}").contains("init --demo")),
        "the replacement is audited as li: {audit:?}"
    );

    // The session opened before refuses to write into data it never saw.
    let err = session.set_meta(&admin, "after", "x").unwrap_err();
    assert!(matches!(err, Error::Replaced { .. }), "{err}");
    assert!(session.replaced().unwrap());
    assert_eq!(new.meta("after").unwrap(), None);
    assert_eq!(new.integrity_check().unwrap(), "ok");
}

#[test]
fn restore_gives_the_database_a_new_identity_so_open_sessions_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let admin = Actor::system(&me());
    let backup = dir.path().join("b.db");
    Store::open(&db).unwrap().backup_to(&backup).unwrap();
    let mut session = Store::open(&db).unwrap();
    let mut restorer = Store::open(&db).unwrap();
    restorer.restore_from(&admin, &backup).unwrap();
    assert!(matches!(
        session.set_meta(&admin, "k", "v"),
        Err(Error::Replaced { .. })
    ));
    // The restorer itself goes on writing.
    restorer.set_meta(&admin, "k", "v").unwrap();
}

#[test]
fn a_tui_whose_database_was_replaced_says_so_and_saves_nothing_more() {
    use sgz::tui::app::{App, Options};
    use sgz::tui::keymap::Keymap;
    use sgz::tui::model::ReadOnly;
    use sgz::tui::theme::Theme;

    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let admin = Actor::system(&me());
    let o = Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        lang: sgz::i18n::Lang::Zh,
        scope: Some("640104".into()),
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor: admin.clone(),
        export_dir: dir.path().join("exports"),
        stage_above: usize::MAX,
    };
    let mut app = App::new(
        Store::open(&db).unwrap(),
        sgz::io::policy::embedded().unwrap(),
        o,
    )
    .unwrap();
    assert_eq!(app.model.read_only, None);
    let backup = dir.path().join("b.db");
    Store::open(&db).unwrap().backup_to(&backup).unwrap();
    Store::open(&db)
        .unwrap()
        .restore_from(&admin, &backup)
        .unwrap();
    // The session looks for other processes' writes every half second.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while app.model.read_only.is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
        app.tick();
    }
    assert_eq!(app.model.read_only, Some(ReadOnly::Replaced));
    let said = app
        .state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("已被替换") && said.contains("重新启动"),
        "{said}"
    );
}
