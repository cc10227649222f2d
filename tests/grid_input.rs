//! The score-entry grid through the keys a supervisor presses (keymap -> update -> store):
//! nothing typed is dropped silently, and overlays return to the grid they were opened from.

mod common;
use common::screen;

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sgz::domain::policy::{Phase, Profile};
use sgz::domain::site::Tier;
use sgz::store::{Actor, Store};
use sgz::tui::action::Table;
use sgz::tui::app::{App, Options};
use sgz::tui::keymap::Keymap;
use sgz::tui::state::View;
use sgz::tui::theme::Theme;
use sgz::tui::update::Msg;

/// The built-in profiles plus the test 1000-point scheme, where 225 is a valid score.
fn profiles() -> Vec<Profile> {
    let mut all = sgz::io::policy::embedded().unwrap();
    let text = std::fs::read_to_string("data/policies-test/thousand-point.toml").unwrap();
    all.push(sgz::io::policy::parse("thousand-point.toml", &text).unwrap());
    all
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    app: App,
    eval_id: i64,
}

/// A writable demo copy, the TUI on Wenzhou, and a 1000-point draft sheet of one of its
/// stations open in the grid.
fn thousand_point_sheet_open() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    sgz::commands::init_demo(&db, &profiles()).unwrap();
    let actor = Actor::system("督导员");
    let mut store = Store::open(&db).unwrap();
    let net = store.load_network().unwrap();
    let site = net
        .sites
        .iter()
        .find(|s| s.tier == Tier::Station && s.division.starts_with("3303"))
        .expect("a Wenzhou station")
        .id;
    let eval_id = store
        .create_evaluation(&actor, site, 2026, Phase::Annual, "thousand-point")
        .unwrap();
    let detail = store.evaluation_detail(eval_id, &actor.name).unwrap();
    let o = Options {
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        lang: sgz::i18n::Lang::Zh,
        scope: Some("3303".into()),
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor,
        export_dir: dir.path().join("exports"),
        stage_above: sgz::tui::app::STAGE_ABOVE,
    };
    let mut app = App::new(store, profiles(), o).unwrap();
    app.handle(Msg::SheetLoaded(Box::new(detail)));
    assert_eq!(app.state.table(), Table::Grid);
    Fixture {
        _dir: dir,
        db,
        app,
        eval_id,
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn typing_22_comma_5_on_a_1000_point_sheet_is_refused_not_taken_as_225() {
    let mut f = thousand_point_sheet_open();
    let a = &mut f.app;
    // The third item (tp-services) scores up to 250.
    press(a, KeyCode::Down);
    press(a, KeyCode::Down);
    type_keys(a, "22,5");
    press(a, KeyCode::Enter);
    let sh = a.state.sheet().unwrap();
    let row = &sh.rows()[2];
    assert_eq!(row.item, "tp-services");
    assert_eq!(
        row.value, None,
        "neither 225 nor anything else was committed"
    );
    assert_eq!(row.display(), "22,5", "the cell shows what was typed");
    assert_eq!(sh.cursor(), 2, "Enter stays on the refused cell");
    let s = screen(a, 100, 30);
    assert!(
        s.contains("✘ 不接受逗号：小数点请用“.”"),
        "the reason is under the grid:\n{s}"
    );
    // Fixed the way the message says: the point instead of the comma.
    press(a, KeyCode::Backspace);
    press(a, KeyCode::Backspace);
    type_keys(a, ".5");
    press(a, KeyCode::Enter);
    let sh = a.state.sheet().unwrap();
    assert_eq!(sh.rows()[2].value, Some(22.5));
    let drafts = Store::open_read_only(&f.db)
        .unwrap()
        .evaluation_detail(f.eval_id, "督导员")
        .unwrap()
        .drafts;
    assert_eq!(drafts.get("tp-services"), Some(&22.5), "kept as a draft");
}

#[test]
fn a_letter_in_the_grid_is_refused_with_its_reason_and_quits_nothing() {
    let mut f = thousand_point_sheet_open();
    let a = &mut f.app;
    type_keys(a, "q");
    assert!(!a.state.quit);
    assert_eq!(a.state.table(), Table::Grid);
    let said = a.state.message.as_ref().map(|m| m.text.clone());
    assert_eq!(
        said.as_deref(),
        Some("“q”不能输入分值：只能输入数字和小数点")
    );
}

#[test]
fn help_then_esc_in_the_grid_is_back_in_the_grid_with_the_sheet() {
    let mut f = thousand_point_sheet_open();
    let a = &mut f.app;
    press(a, KeyCode::Char('?'));
    assert_eq!(a.state.table(), Table::Help);
    press(a, KeyCode::Esc);
    assert_eq!(a.state.table(), Table::Grid);
    // Digits type into the cell again; they do not switch views, and q does not quit.
    type_keys(a, "1q");
    assert_eq!(a.state.view, View::Scores);
    assert!(!a.state.quit);
    let sh = a.state.sheet().expect("the sheet is still open");
    assert_eq!(sh.rows()[0].display(), "1q");
    let s = screen(a, 100, 30);
    assert!(s.contains("基础建设"), "the grid is on screen:\n{s}");
}
