//! The store: round trip, migrations, refusal of newer schemas and of files that are not SQLite.

mod common;
use sgz::store::{Actor, Store};
use sgz::Error;

fn filled() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let a = Actor::system("tester");
    s.import_divisions(&a, &common::divisions(), "fixture")
        .unwrap();
    s.insert_bulk(&a, &common::sites(), &[], &[], "fixture")
        .unwrap();
    s
}

#[test]
fn round_trip_divisions_and_sites() {
    let s = filled();
    let net = s.load_network().unwrap();
    assert_eq!(net.tree.len(), common::DIVISIONS.len());
    let mut sites = net.sites.clone();
    sites.sort_by_key(|x| x.id);
    assert_eq!(sites, common::sites());
    let audit = s.audit(None, Some("tester"), None, 10).unwrap();
    assert_eq!(audit.len(), 2, "one audit row per bulk write");
}

#[test]
fn every_write_is_checked_against_role_and_scope() {
    let mut s = filled();
    let viewer = Actor {
        name: "v".into(),
        role: sgz::store::UserRole::Viewer,
        scope: None,
    };
    assert!(matches!(
        s.import_divisions(&viewer, &common::divisions(), "x"),
        Err(Error::Denied(_))
    ));
    let editor = Actor {
        name: "e".into(),
        role: sgz::store::UserRole::Editor,
        scope: Some("640105".into()),
    };
    assert!(editor.may_write("640105200"));
    assert!(!editor.may_write("640104001"));
}

#[test]
fn an_older_schema_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    Store::create_at_version(&path, 1).unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), sgz::store::SCHEMA_VERSION);
    assert!(
        s.users().unwrap().is_empty(),
        "the v2 users table exists after migration"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let s = Store::open(&path).unwrap();
        s.execute_batch_for_tests("PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer sgz"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "这不是数据库 — just a text file that happens to be called .db",
    )
    .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("这不是数据库"));
}

#[test]
fn wal_and_foreign_keys_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let mut s = Store::open(&path).unwrap();
    let a = Actor::system("tester");
    // A site on a division that does not exist violates the foreign key: nothing is written.
    let bad = common::site(1, "999999", sgz::domain::site::Tier::Center, &[]);
    assert!(s.insert_bulk(&a, &[bad], &[], &[], "x").is_err());
    assert!(s.load_network().unwrap().sites.is_empty());
    assert!(path.with_extension("db-wal").exists());
}
