//! Sessions sized to their jurisdiction (issue 18): on a large database a session whose scope
//! or grant lies in one province holds that province alone. Checked on the demo database with
//! the size threshold at 0: what the confined session holds is recounted in SQL, and what it
//! shows is what a session holding everything shows for the same scope.

mod common;
use common::screen;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sgz::store::{Actor, Store};
use sgz::tui::app::{confine, App, Options, STAGE_ABOVE};
use sgz::tui::keymap::Keymap;
use sgz::tui::state::View;
use sgz::tui::theme::Theme;

const TODAY: &str = "2026-11-22";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn demo(dir: &Path) -> PathBuf {
    let p = dir.join("demo.db");
    sgz::commands::init_demo(&p, &sgz::io::policy::embedded().unwrap()).unwrap();
    p
}

fn app(store: Store, scope: Option<String>, actor: Actor) -> App {
    let o = Options {
        today: today(),
        lang: sgz::i18n::Lang::Zh,
        scope,
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor,
        export_dir: std::env::temp_dir(),
        stage_above: STAGE_ABOVE,
    };
    App::new(store, sgz::io::policy::embedded().unwrap(), o).unwrap()
}

/// Tick until the background alerts are in.
fn settle(a: &mut App) {
    let start = Instant::now();
    while !(a.alerts_ready() && a.people_ready()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "alerts never came"
        );
        a.tick();
        std::thread::sleep(Duration::from_millis(10));
    }
    a.tick();
}

/// One number from SQL, the oracle.
fn count(db: &Path, sql: &str) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

#[test]
fn a_province_session_holds_its_province_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (store, scope) = confine(Store::open(&db).unwrap(), Some("兴庆区"), None, 0).unwrap();
    assert_eq!(store.region(), Some("64"));
    assert_eq!(scope.as_deref(), Some("640104"));
    let a = app(store, scope, Actor::system("supervisor"));
    let net = &a.model.net;
    assert_eq!(
        net.tree.len(),
        count(&db, "SELECT count(*) FROM divisions WHERE code LIKE '64%'")
    );
    assert_eq!(
        net.sites.len(),
        count(&db, "SELECT count(*) FROM sites WHERE division LIKE '64%'")
    );
    assert_eq!(
        net.staff.len(),
        count(
            &db,
            "SELECT count(*) FROM staff p JOIN sites s ON s.id = p.site_id WHERE s.division LIKE '64%'"
        )
    );
    assert_eq!(
        net.evaluations.len(),
        count(
            &db,
            "SELECT count(*) FROM evaluations e JOIN sites s ON s.id = e.site_id WHERE s.division LIKE '64%'"
        )
    );
    assert!(net.duties.iter().all(|d| d.owner.starts_with("64")));
    assert!(
        a.fully_loaded(),
        "a confined session holds all it will hold at once"
    );
}

#[test]
fn every_view_of_a_confined_session_shows_what_the_whole_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for scope in ["64", "640104"] {
        let (store, code) = confine(Store::open(&db).unwrap(), Some(scope), None, 0).unwrap();
        let mut small = app(store, code, Actor::system("supervisor"));
        let mut whole = app(
            Store::open(&db).unwrap(),
            Some(scope.into()),
            Actor::system("supervisor"),
        );
        assert!(small.model.net.tree.len() < whole.model.net.tree.len());
        settle(&mut small);
        settle(&mut whole);
        for view in View::ALL {
            small.state.view = view;
            whole.state.view = view;
            let (s, w) = (screen(&mut small, 100, 30), screen(&mut whole, 100, 30));
            assert_eq!(s, w, "{view:?} at {scope} differs:\n{s}\n---\n{w}");
        }
    }
}

#[test]
fn a_grant_confines_a_session_without_a_scope_and_a_write_stays_in_the_region() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (store, scope) = confine(Store::open(&db).unwrap(), None, Some("640104"), 0).unwrap();
    assert_eq!(store.region(), Some("64"));
    assert_eq!(
        scope, None,
        "the session opens where the grant is, as before"
    );
    let mut a = app(store, scope, Actor::system("supervisor"));
    let before = a.model.net.tree.len();
    let person = a.model.net.staff[0].clone();
    // A write through the session's own store, then the reload the TUI does after it.
    let mut w = Store::open(&db).unwrap();
    w.record_training(&Actor::system("supervisor"), person.id, 2026, 12.5)
        .unwrap();
    a.reload_after_write(Some(person.site_id));
    assert_eq!(a.model.net.tree.len(), before, "still the province alone");
    let p = a
        .model
        .net
        .staff
        .iter()
        .find(|p| p.id == person.id)
        .unwrap();
    assert_eq!(p.training.get(&2026), Some(&12.5));
}

#[test]
fn a_small_database_or_a_nationwide_session_is_not_confined() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (store, scope) =
        confine(Store::open(&db).unwrap(), Some("640104"), None, STAGE_ABOVE).unwrap();
    assert_eq!(store.region(), None, "the demo is below the threshold");
    assert_eq!(scope.as_deref(), Some("640104"));
    let (store, scope) = confine(Store::open(&db).unwrap(), None, None, 0).unwrap();
    assert_eq!(store.region(), None, "no scope and no grant: the nation");
    assert_eq!(scope, None);
    // A name that matches nothing is refused as a scope is today.
    assert!(confine(Store::open(&db).unwrap(), Some("不存在的地方"), None, 0).is_err());
}

/// Tick until the session has taken in another process's write (its data generation moved).
fn take_write(a: &mut App, net_before: &std::sync::Arc<sgz::domain::network::Network>) {
    let start = Instant::now();
    while std::sync::Arc::ptr_eq(&a.model.net, net_before) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the write never arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
        a.tick();
    }
}

#[test]
fn another_process_s_writes_arrive_as_a_full_reload_would_have_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for confined in [false, true] {
        let (store, scope) = if confined {
            confine(Store::open(&db).unwrap(), Some("64"), None, 0).unwrap()
        } else {
            (Store::open(&db).unwrap(), Some("64".to_string()))
        };
        let mut a = app(store, scope, Actor::system("supervisor"));
        let mut other = Store::open(&db).unwrap();
        let sup = Actor::system("supervisor");
        // Two people in two counties of Ningxia, through sgz's audited writes.
        let (p, q) = {
            let staff = &a.model.net.staff;
            let county = |id: i64| {
                let s = a.model.net.site(id).unwrap();
                s.division[..6].to_string()
            };
            let p = staff[0].clone();
            let q = staff
                .iter()
                .find(|x| county(x.site_id) != county(p.site_id))
                .unwrap()
                .clone();
            (p, q)
        };
        let before = std::sync::Arc::clone(&a.model.net);
        other.record_training(&sup, p.id, 2026, 3.5).unwrap();
        other.record_departure(&sup, q.id, today()).unwrap();
        take_write(&mut a, &before);
        let fresh = if confined {
            Store::open(&db)
                .unwrap()
                .confined_to(Some("64".into()))
                .load_network()
                .unwrap()
        } else {
            Store::open(&db).unwrap().load_network().unwrap()
        };
        let net = &a.model.net;
        assert!(
            net.sites == fresh.sites,
            "sites differ (confined: {confined})"
        );
        assert!(
            net.staff == fresh.staff,
            "staff differ (confined: {confined})"
        );
        assert!(net.evaluations == fresh.evaluations);
        assert_eq!(net.duties.len(), fresh.duties.len());
        let q_now = net.staff.iter().find(|x| x.id == q.id).unwrap();
        assert_eq!(q_now.departed, Some(today()));
        // A write outside sgz (no audit row) still arrives: the session reloads it all.
        let before = std::sync::Arc::clone(&a.model.net);
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute("UPDATE staff SET name = '改名测试' WHERE id = ?1", [p.id])
            .unwrap();
        take_write(&mut a, &before);
        let renamed = a.model.net.staff.iter().find(|x| x.id == p.id).unwrap();
        assert_eq!(renamed.name.as_str(), "改名测试");
    }
}
