//! Loading in stages (a national database): the region the TUI opens on first, the nation in
//! the background; rows outside the loaded region say "loading" instead of showing zeros; the
//! nation's alert counts, computed in the background, agree with a scope's own alerts; a write reloads
//! only its province and leaves the same data as a full reload; the saved tree reads back
//! as the tree built row by row. Run on the demo database with the stage threshold at 0.

mod common;
use common::screen;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use sgz::domain::division::Tree;
use sgz::store::{Actor, Store};
use sgz::tui::app::{App, Options};
use sgz::tui::keymap::Keymap;
use sgz::tui::state::View;
use sgz::tui::theme::Theme;
use sgz::tui::update::Msg;

const TODAY: &str = "2026-11-22";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn demo(dir: &Path) -> PathBuf {
    let p = dir.join("demo.db");
    sgz::commands::init_demo(&p, &sgz::io::policy::embedded().unwrap()).unwrap();
    p
}

fn app(db: &Path, stage_above: usize) -> App {
    let store = Store::open(db).unwrap();
    let o = Options {
        today: today(),
        lang: sgz::i18n::Lang::En,
        scope: Some("640104".into()),
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor: Actor::system("supervisor"),
        export_dir: std::env::temp_dir(),
        stage_above,
    };
    App::new(store, sgz::io::policy::embedded().unwrap(), o).unwrap()
}

/// Make the province with this code the scope, in the tree view.
fn scope_to(a: &mut App, code: &str) {
    let n = a.model.net.tree.find(code).unwrap();
    a.state.view = View::Tree;
    // What `:scope CODE` delivers once the search has found it.
    a.handle(Msg::ScopeFound {
        query: code.into(),
        node: Some(n),
        hints: vec![],
    });
    assert_eq!(a.state.scope, n);
}

#[test]
fn the_start_region_first_the_nation_after_and_never_zeros_for_what_is_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut a = app(&db, 0);

    // Only Ningxia (64) is loaded at first: its figures are shown, Zhejiang's are not.
    assert!(!a.fully_loaded());
    let nx = a.model.net.tree.find("64").unwrap();
    let zj = a.model.net.tree.find("33").unwrap();
    assert!(a.model.net.is_loaded(nx));
    assert!(!a.model.net.is_loaded(zj));
    assert!(a
        .model
        .net
        .sites
        .iter()
        .all(|s| s.division.starts_with("64")));
    let nx_screen = screen(&mut a, 120, 40);
    assert!(!nx_screen.contains("loading"), "{nx_screen}");

    scope_to(&mut a, "33");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("alerts: loading"), "{s}");
    assert!(s.contains("loading"), "{s}");
    // The dashboard of a scope not loaded yet says so instead of showing no coverage.
    a.state.view = View::Dashboard;
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("is loading in the background"), "{s}");

    // Then the nation's sites arrive, with the staff and evaluations of the scope's province
    // only, and the nation's alerts.
    assert!(a.wait_background(Duration::from_secs(60)));
    assert!(a.fully_loaded());
    assert!(a.model.net.is_loaded(zj));
    assert!(a.model.net.sites_loaded(nx));
    assert!(!a.model.net.has_people(nx), "Ningxia's staff still held");
    let full = Store::open_read_only(&db).unwrap().load_network().unwrap();
    assert!(a.model.net.sites == full.sites, "sites differ");
    let zj_staff: Vec<_> = full
        .staff
        .iter()
        .filter(|p| full.site(p.site_id).unwrap().division.starts_with("33"))
        .cloned()
        .collect();
    assert!(!zj_staff.is_empty());
    assert!(a.model.net.staff == zj_staff, "staff differ");
    let zj_evals: Vec<_> = full
        .evaluations
        .iter()
        .filter(|e| full.site(e.site_id).unwrap().division.starts_with("33"))
        .cloned()
        .collect();
    assert!(a.model.net.evaluations == zj_evals, "evaluations differ");
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("loading"), "{s}");

    // The nation's alert counts, computed in the background a province at a time from the
    // database, equal each scope's alerts over the whole network; so does the alerts view,
    // once the scope's province has been loaded.
    for code in ["33", "64", "640104"] {
        scope_to(&mut a, code);
        assert!(a.wait_background(Duration::from_secs(60)));
        let node = a.state.scope;
        let own = sgz::domain::rules::alerts_under(&full, &a.model.profiles, node, today());
        assert!(
            a.derived.alerts(&a.model) == own.as_slice(),
            "{code}: alerts differ"
        );
        assert!(
            !own.is_empty() || code == "33",
            "{code}: no alerts to compare"
        );
        let row = a.derived.alert_counts(&a.model).row(&a.model.net, node);
        assert_eq!(row.total() as usize, own.len(), "{code}");
    }
}

#[test]
fn moving_to_another_province_loads_its_people_and_lets_the_last_go() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut a = app(&db, 0);
    assert!(a.wait_background(Duration::from_secs(60)));
    let full = Store::open_read_only(&db).unwrap().load_network().unwrap();
    assert_eq!(a.model.net.people, Some(vec!["64".to_string()]));

    // Another province: its tree rows and coverage at once (the sites are all held), its
    // staff list says it is loading until the loader has read its people.
    scope_to(&mut a, "33");
    a.state.view = View::Staff;
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("This province's staff and evaluations are loading"),
        "{s}"
    );
    a.state.view = View::Dashboard;
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("loading"), "{s}");
    assert!(a.wait_background(Duration::from_secs(60)));
    assert_eq!(a.model.net.people, Some(vec!["33".to_string()]));
    assert!(a.model.net.staff.iter().all(|p| a
        .model
        .net
        .site(p.site_id)
        .unwrap()
        .division
        .starts_with("33")));

    // The staff view then lists what a whole load would.
    a.state.view = View::Staff;
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("loading"), "{s}");
    let scope = a.state.scope;
    let want: Vec<i64> = full
        .sites_under(scope)
        .flat_map(|(_, site)| full.staff_of(site.id))
        .filter(|p| p.active_on(today()))
        .map(|p| p.id)
        .collect();
    let got: Vec<i64> = a
        .derived
        .staff_rows(&a.model)
        .iter()
        .map(|r| r.staff_id)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);

    // A site's details in the tree: its staff count is that of the whole network.
    let (node, site) = full.sites_under(scope).next().unwrap();
    a.state.view = View::Tree;
    sgz::tui::update::jump_to(&mut a.state, &a.model, node);
    let n = full
        .staff_of(site.id)
        .filter(|p| p.active_on(today()))
        .count();
    let s = screen(&mut a, 120, 40);
    assert!(s.contains(&format!("Staff      {n} (")), "{s}");
}

#[test]
fn a_small_database_loads_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let a = app(&db, sgz::tui::app::STAGE_ABOVE);
    assert!(a.fully_loaded());
}

#[test]
fn reloading_one_province_after_a_write_equals_reloading_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut store = Store::open(&db).unwrap();
    let mut net = store.load_network().unwrap();
    let person = net
        .staff
        .iter()
        .find(|p| {
            net.site(p.site_id)
                .is_some_and(|s| s.division.starts_with("64"))
        })
        .unwrap()
        .clone();
    store
        .record_training(&Actor::system("supervisor"), person.id, 2026, 17.5)
        .unwrap();
    store
        .record_departure(&Actor::system("supervisor"), person.id, today())
        .unwrap();
    let part = store
        .load_data_within(std::sync::Arc::clone(&net.tree), Some(&["64".to_string()]))
        .unwrap();
    assert!(part.loaded.is_some());
    net.replace_region("64", part.sites, part.staff, part.evaluations);
    let fresh = store.load_network().unwrap();
    assert!(net.sites == fresh.sites, "sites differ");
    assert!(net.staff == fresh.staff, "staff differ");
    assert!(net.evaluations == fresh.evaluations, "evaluations differ");
    let changed = net.staff.iter().find(|p| p.id == person.id).unwrap();
    assert_eq!(changed.departed, Some(today()));
    assert_eq!(changed.training.get(&2026), Some(&17.5));
    // And the indexes follow: the person is found under their site.
    assert!(net.staff_of(person.site_id).any(|p| p.id == person.id));
}

#[test]
fn the_saved_tree_reads_back_as_built_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let store = Store::open(&db).unwrap();
    // load_tree reads the saved copy (written by init); compare with one built from rows
    // (the copy dropped, read by a reader that cannot save it again).
    let saved = store.load_tree().unwrap();
    store
        .execute_batch_for_tests("DELETE FROM tree_cache")
        .unwrap();
    let built = Store::open_read_only(&db).unwrap().load_tree().unwrap();
    assert_eq!(saved.len(), built.len());
    for (a, b) in saved.nodes().iter().zip(built.nodes()) {
        assert_eq!(
            (a.key, &a.name, a.parent, a.end, a.level, a.urbanity),
            (b.key, &b.name, b.parent, b.end, b.level, b.urbanity)
        );
    }
    let bytes = built.to_bytes();
    assert!(Tree::from_bytes(&bytes).is_some());
    assert!(Tree::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    assert!(Tree::from_bytes(b"SGZTREE1").is_none());
    assert!(Tree::from_bytes(b"not a tree at all").is_none());
    // A record whose subtree end points before itself.
    let mut bad = bytes.clone();
    let names: usize = built.nodes().iter().map(|n| n.name.len()).sum();
    let first_rec = 8 + 16 + names;
    bad[first_rec + 12..first_rec + 16].copy_from_slice(&0u32.to_le_bytes());
    assert!(Tree::from_bytes(&bad).is_none());
}

#[test]
fn a_province_s_people_arriving_asks_for_a_redraw_and_nothing_acts_on_half_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut a = app(&db, 0);
    assert!(a.wait_background(Duration::from_secs(60)));
    scope_to(&mut a, "33");
    a.state.view = View::Scores;
    // Asked of the loader, not in until a tick takes it: the lists a key could act on are
    // empty rather than built without staff or evaluations (every sheet "missing", every
    // station "unstaffed").
    assert!(!a.people_ready());
    assert!(a.derived.score_rows(&a.model).is_empty());
    assert!(a.derived.alerts(&a.model).is_empty());
    assert!(a.derived.staff_rows(&a.model).is_empty());
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("This province's staff and evaluations are loading"),
        "{s}"
    );

    // The tick that takes the people says the screen must be drawn again (no key needed).
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut redraw = false;
    while !a.people_ready() && std::time::Instant::now() < deadline {
        redraw = a.tick();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(a.people_ready());
    assert!(redraw, "people arrived without asking for a redraw");
    assert!(!a.derived.score_rows(&a.model).is_empty());
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("loading"), "{s}");
}
