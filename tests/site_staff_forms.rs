//! The forms that keep a bureau's own sites and staff current: the store's writes and their
//! refusals (future dates, impossible orders, stale undos, renewals that shorten, training
//! that adds up), and the TUI driven key by key on a writable database, with the tree's
//! counts checked against a recount from the stored rows.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sgz::domain::site::{SiteDetails, SiteStatus, StatusChange, StatusProblem};
use sgz::domain::staff::{CertLevel, Role, Staff};
use sgz::error::Refusal;
use sgz::store::{Actor, Store, UserRole};
use sgz::tui::action::{Action, Table};
use sgz::tui::app::{App, Options};
use sgz::tui::keymap::Keymap;
use sgz::tui::theme::Theme;
use sgz::tui::update::Msg;
use sgz::Error;

use common::d;

const TODAY: &str = "2026-11-22";
/// 兴泾乡's station: planned on 2021-06-01, nothing since.
const PLANNED: i64 = 6;
/// 掌政镇's station: established 2021-12-15, suspended 2022-06-01.
const SUSPENDED: i64 = 5;
const WORKER: i64 = 1;
const LEFT: i64 = 2;

fn person(id: i64, site_id: i64, name: &str) -> Staff {
    Staff {
        id,
        site_id,
        name: name.into(),
        role: Role::ResidentWorker,
        birth: None,
        hired: d("2022-03-01"),
        contract_start: Some(d("2022-03-01")),
        contract_end: Some(d("2025-02-28")),
        cert_level: CertLevel::Assistant,
        cert_passed: Some(d("2022-06-18")),
        reg_date: Some(d("2024-05-01")),
        reg_expiry: Some(d("2027-04-30")),
        ce_hours: 40.0,
        training: BTreeMap::from([(2026, 29.0)]),
        sw_degree: false,
        prior_years: 0.0,
        departed: None,
        synthetic: false,
    }
}

/// The Ningxia fixture (tests/common) in a database file, with two people at 凤凰北街街道.
fn database(dir: &Path) -> PathBuf {
    let p = dir.join("bureau.db");
    let mut s = Store::open(&p).expect("opens");
    let sys = Actor::system("setup");
    s.import_divisions(&sys, &common::divisions(), "fixture")
        .expect("divisions");
    s.insert_bulk(
        &sys,
        &common::sites(),
        &[
            person(WORKER, 3, "王芳"),
            Staff {
                departed: None,
                ..person(LEFT, 3, "李建国")
            },
        ],
        &[],
        "fixture",
    )
    .expect("bulk");
    p
}

fn refused(r: sgz::Result<()>) -> Refusal {
    match r {
        Err(Error::Refused(x)) => x,
        other => panic!("wanted a refusal, got {other:?}"),
    }
}

fn history(s: &Store, site: i64) -> Vec<(SiteStatus, String)> {
    let net = s.load_network().expect("loads");
    let x = net.sites.iter().find(|x| x.id == site).expect("site");
    x.history
        .iter()
        .map(|c| (c.status, c.on.to_string()))
        .collect()
}

fn audits(s: &Store, action: &str) -> Vec<sgz::store::AuditRow> {
    s.audit(None, None, None, 10_000)
        .expect("audit")
        .into_iter()
        .filter(|r| r.action == action)
        .collect()
}

#[test]
fn a_status_in_the_future_or_out_of_order_is_refused_by_the_store_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    let today = d(TODAY);
    let r =
        refused(s.record_site_status(&a, PLANNED, SiteStatus::Operating, d("2026-11-23"), today));
    assert_eq!(
        r,
        Refusal::SiteStatus(StatusProblem::Future {
            on: d("2026-11-23"),
            today
        })
    );
    let r = refused(s.record_site_status(&a, PLANNED, SiteStatus::Suspended, today, today));
    assert_eq!(
        r,
        Refusal::SiteStatus(StatusProblem::ImpossibleOrder {
            from: Some(SiteStatus::Planned),
            to: SiteStatus::Suspended
        })
    );
    let r =
        refused(s.record_site_status(&a, PLANNED, SiteStatus::Established, d("2021-05-31"), today));
    assert!(
        matches!(r, Refusal::SiteStatus(StatusProblem::BeforeLast { .. })),
        "{r:?}"
    );
    // The words, both languages.
    let zh = Error::Refused(r.clone()).message(sgz::i18n::Lang::Zh);
    assert!(
        zh.contains("2021-05-31") && zh.contains("2021-06-01"),
        "{zh}"
    );
    let order = Error::Refused(Refusal::SiteStatus(StatusProblem::ImpossibleOrder {
        from: Some(SiteStatus::Operating),
        to: SiteStatus::Planned,
    }));
    assert!(order
        .message(sgz::i18n::Lang::En)
        .contains("cannot go from operating to planned"));
    assert_eq!(
        history(&s, PLANNED),
        [(SiteStatus::Planned, "2021-06-01".into())]
    );
    // A suspended station resumes; the audit row says from what to what.
    s.record_site_status(&a, SUSPENDED, SiteStatus::Operating, d("2023-03-01"), today)
        .expect("resumes");
    let rows = audits(&s, "record_site_status");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].old.as_deref(), Some("2022-06-01 suspended"));
    assert_eq!(rows[0].new.as_deref(), Some("2023-03-01 operating"));
}

#[test]
fn undo_removes_only_the_last_change_as_it_was_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    let today = d(TODAY);
    s.record_site_status(&a, PLANNED, SiteStatus::Established, d("2026-05-10"), today)
        .unwrap();
    // Someone saw the planned row as the last one: stale, refused.
    let seen = StatusChange {
        status: SiteStatus::Planned,
        on: d("2021-06-01"),
    };
    let r = refused(s.undo_site_status(&a, PLANNED, seen));
    assert!(
        matches!(r, Refusal::NotLastStatus(c) if c.status == SiteStatus::Established),
        "{r:?}"
    );
    let last = StatusChange {
        status: SiteStatus::Established,
        on: d("2026-05-10"),
    };
    s.undo_site_status(&a, PLANNED, last).expect("undoes");
    assert_eq!(
        history(&s, PLANNED),
        [(SiteStatus::Planned, "2021-06-01".into())]
    );
    assert_eq!(audits(&s, "undo_site_status").len(), 1);
    s.undo_site_status(&a, PLANNED, seen)
        .expect("undoes the first too");
    assert_eq!(
        refused(s.undo_site_status(&a, PLANNED, seen)),
        Refusal::NoStatusToUndo(PLANNED)
    );
}

#[test]
fn a_site_is_created_once_at_a_level_that_has_sites_and_its_details_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    let id = s
        .create_site(&a, "640105100", "镇北堡镇社会工作服务站")
        .expect("creates");
    let net = s.load_network().unwrap();
    let x = net.sites.iter().find(|x| x.id == id).unwrap();
    assert_eq!(
        (x.tier, x.name.as_str(), x.synthetic),
        (
            sgz::domain::site::Tier::Station,
            "镇北堡镇社会工作服务站",
            false
        )
    );
    assert_eq!(
        refused(s.create_site(&a, "640105100", "again").map(drop)),
        Refusal::SiteExists("640105100".into())
    );
    assert_eq!(
        refused(s.create_site(&a, "6401", "银川市站").map(drop)),
        Refusal::NoSiteTier("6401".into())
    );
    assert_eq!(
        refused(s.create_site(&a, "640199", "x").map(drop)),
        Refusal::NoDivision("640199".into())
    );
    let details = SiteDetails {
        name: "镇北堡镇社会工作服务站".into(),
        operator: Some("银川市某社工机构".into()),
        area_m2: Some(-5.0),
        civil_reg: Some(d("2026-12-01")),
        head: None,
    };
    let r = refused(s.edit_site(&a, id, &details, d(TODAY)));
    assert!(
        matches!(&r, Refusal::SiteDetails(v) if v.len() == 2),
        "{r:?}"
    );
    let ok = SiteDetails {
        area_m2: Some(110.0),
        civil_reg: Some(d("2026-10-01")),
        head: Some("马丽".into()),
        ..details
    };
    s.edit_site(&a, id, &ok, d(TODAY)).expect("edits");
    // One audit row per changed field: operator, area, civil registration, head.
    let fields: Vec<String> = audits(&s, "edit_site")
        .into_iter()
        .filter_map(|r| r.field)
        .collect();
    assert_eq!(fields.len(), 4, "{fields:?}");
    // Out of scope, or a viewer: denied before anything is written.
    let otto = Actor {
        name: "otto".into(),
        role: UserRole::Editor,
        scope: Some("3303".into()),
    };
    assert!(matches!(
        s.edit_site(&otto, id, &ok, d(TODAY)),
        Err(Error::Denied(_))
    ));
    let vera = Actor {
        name: "vera".into(),
        role: UserRole::Viewer,
        scope: None,
    };
    assert!(matches!(
        s.record_site_status(&vera, id, SiteStatus::Planned, d(TODAY), d(TODAY)),
        Err(Error::Denied(_))
    ));
}

#[test]
fn training_hours_add_to_the_year_and_to_the_registration_period() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    // The bug this replaces: 29/30 and one more hour became 1/30.
    let t = s.add_training(&a, WORKER, 2026, 1.0, d(TODAY)).unwrap();
    assert_eq!((t.year, t.period, t.counted_for_period), (30.0, 41.0, true));
    // A year before the registration (2024-05-01) counts for the year only.
    let t = s.add_training(&a, WORKER, 2023, 6.5, d(TODAY)).unwrap();
    assert_eq!((t.year, t.period, t.counted_for_period), (6.5, 41.0, false));
    // Recount from the stored rows.
    let net = s.load_network().unwrap();
    let p = net.staff.iter().find(|p| p.id == WORKER).unwrap();
    assert_eq!(p.training.get(&2026), Some(&30.0));
    assert_eq!(p.training.get(&2023), Some(&6.5));
    assert_eq!(p.ce_hours, 41.0);
    // A future year and a total past 2000 hours are refused.
    assert!(matches!(
        refused(s.add_training(&a, WORKER, 2027, 1.0, d(TODAY)).map(drop)),
        Refusal::StaffFields(_)
    ));
    assert!(matches!(
        refused(s.add_training(&a, WORKER, 2026, 1999.0, d(TODAY)).map(drop)),
        Refusal::StaffFields(_)
    ));
}

#[test]
fn a_renewal_never_ends_before_the_old_contract_and_starts_the_day_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    let r = refused(s.renew_staff_contract(&a, WORKER, d("2025-01-31")));
    let zh = Error::Refused(r).message(sgz::i18n::Lang::Zh);
    assert!(
        zh.contains("2025-01-31") && zh.contains("2025-02-28"),
        "{zh}"
    );
    s.renew_staff_contract(&a, WORKER, d("2028-02-29")).unwrap();
    let net = s.load_network().unwrap();
    let p = net.staff.iter().find(|p| p.id == WORKER).unwrap();
    assert_eq!(
        (p.contract_start, p.contract_end),
        (Some(d("2025-03-01")), Some(d("2028-02-29")))
    );
    assert_eq!(audits(&s, "renew_contract").len(), 2);
}

#[test]
fn a_departure_is_undone_and_only_a_departure() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&database(dir.path())).unwrap();
    let a = Actor::system("督导员");
    assert_eq!(
        refused(s.undo_departure(&a, LEFT)),
        Refusal::NotDeparted(LEFT)
    );
    s.record_departure(&a, LEFT, d("2026-10-31")).unwrap();
    s.undo_departure(&a, LEFT).unwrap();
    let net = s.load_network().unwrap();
    assert_eq!(
        net.staff.iter().find(|p| p.id == LEFT).unwrap().departed,
        None
    );
    let rows = audits(&s, "undo_departure");
    assert_eq!(
        (rows[0].old.as_deref(), rows[0].new.as_deref()),
        (Some("2026-10-31"), None)
    );
}

// ---------------------------------------------------------------- the TUI, key by key

fn app(db: &Path, lang: sgz::i18n::Lang) -> App {
    let store = Store::open(db).unwrap();
    let o = Options {
        today: d(TODAY),
        lang,
        scope: Some("64".into()),
        keymap: Keymap::defaults(),
        theme: Theme::plain(),
        actor: Actor::system("督导员"),
        export_dir: std::env::temp_dir(),
        stage_above: sgz::tui::app::STAGE_ABOVE,
    };
    App::new(store, sgz::io::policy::embedded().unwrap(), o).unwrap()
}

fn go(a: &mut App, actions: &[Action]) {
    for &x in actions {
        a.handle(Msg::Act(x));
    }
}

fn type_in(a: &mut App, text: &str) {
    go(a, &[Action::ClearLine]);
    for c in text.chars() {
        a.handle(Msg::Type(c));
    }
}

fn goto(a: &mut App, code: &str) {
    a.handle(Msg::Act(Action::View2));
    let node = a.model.net.tree.find(code).expect("division");
    sgz::tui::update::jump_to(&mut a.state, &a.model, node);
}

/// Stations of 西夏区 (640105) established on `on` and not suspended, recounted from the
/// stored rows in SQL-free Rust: the last change on or before the date is established or
/// operating.
fn recount(db: &Path, on: chrono::NaiveDate) -> u32 {
    let s = Store::open_read_only(db).unwrap();
    let net = s.load_network().unwrap();
    net.sites
        .iter()
        .filter(|x| x.division.starts_with("640105") && x.division.len() == 9)
        .filter(|x| {
            let mut last = None;
            for c in &x.history {
                if c.on <= on {
                    last = Some(c.status);
                }
            }
            matches!(last, Some(SiteStatus::Established | SiteStatus::Operating))
        })
        .count() as u32
}

fn message(a: &App) -> String {
    a.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_new_station_is_created_and_established_and_the_tree_counts_follow_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut a = app(&db, sgz::i18n::Lang::Zh);
    let xixia = a.model.net.tree.find("640105").unwrap();
    assert_eq!(a.derived.counts.row(&a.model.net, xixia), Some((0, 2)));
    goto(&mut a, "640105100");
    go(&mut a, &[Action::CreateSite]);
    let form = a.state.form().expect("the create form");
    assert_eq!(form.fields[0].1.value(), "镇北堡镇社会工作服务站");
    // The name may be changed before saving.
    type_in(&mut a, "镇北堡镇社工站");
    go(&mut a, &[Action::Confirm]);
    assert!(a.state.form().is_none(), "{}", message(&a));
    assert!(
        message(&a).contains("已新建站点：镇北堡镇社工站"),
        "{}",
        message(&a)
    );
    let site = a
        .model
        .net
        .site_at(a.state.tree.cursor)
        .expect("the new site")
        .id;
    // Status: planned is proposed first; type 挂牌 with today's date.
    go(&mut a, &[Action::RecordSiteStatus]);
    assert_eq!(a.state.form().unwrap().fields[0].1.value(), "规划");
    type_in(&mut a, "挂牌");
    go(&mut a, &[Action::Confirm]);
    assert!(
        message(&a).contains("已登记：镇北堡镇社工站"),
        "{}",
        message(&a)
    );
    assert_eq!(recount(&db, d(TODAY)), 1);
    assert_eq!(a.derived.counts.row(&a.model.net, xixia), Some((1, 2)));
    // Undo asks, then removes the change; the count goes back.
    go(&mut a, &[Action::UndoSiteStatus]);
    assert_eq!(a.state.table(), Table::Confirm);
    go(&mut a, &[Action::Yes]);
    assert!(message(&a).contains("已撤销"), "{}", message(&a));
    assert_eq!(a.derived.counts.row(&a.model.net, xixia), Some((0, 2)));
    assert_eq!(recount(&db, d(TODAY)), 0);
    assert!(a.model.net.site(site).unwrap().history.is_empty());
}

#[test]
fn the_status_form_refuses_an_impossible_order_and_a_future_date_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut a = app(&db, sgz::i18n::Lang::Zh);
    goto(&mut a, "640105200");
    go(&mut a, &[Action::RecordSiteStatus]);
    type_in(&mut a, "暂停");
    go(&mut a, &[Action::Confirm]);
    let f = a.state.form().expect("still open");
    assert!(
        f.errors[0].contains("不能从“规划”变为“暂停”"),
        "{:?}",
        f.errors
    );
    type_in(&mut a, "运营");
    go(&mut a, &[Action::NextField]);
    type_in(&mut a, "2026-11-23");
    go(&mut a, &[Action::Confirm]);
    let f = a.state.form().expect("still open");
    assert!(f.errors[0].contains("晚于今天"), "{:?}", f.errors);
    assert_eq!(
        history(&Store::open_read_only(&db).unwrap(), PLANNED).len(),
        1
    );
    // A viewer's key is refused where it is dispatched.
    let mut v = app(&db, sgz::i18n::Lang::En);
    v.model.actor = Actor {
        name: "vera".into(),
        role: UserRole::Viewer,
        scope: None,
    };
    goto(&mut v, "640105100");
    go(&mut v, &[Action::CreateSite]);
    assert!(v.state.form().is_none());
    assert!(message(&v).contains("vera is a viewer"), "{}", message(&v));
}

#[test]
fn staff_forms_add_training_renew_and_undo_a_departure() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut a = app(&db, sgz::i18n::Lang::Zh);
    go(&mut a, &[Action::View3, Action::CycleSort]); // by name: 李建国 before 王芳
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["李建国", "王芳"]);
    go(&mut a, &[Action::MoveDown, Action::RecordTraining]);
    go(&mut a, &[Action::NextField]);
    type_in(&mut a, "1");
    go(&mut a, &[Action::Confirm]);
    assert!(
        message(&a).contains("王芳 2026 年 +1 学时，共 30 学时"),
        "{}",
        message(&a)
    );
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    assert_eq!(rows[1].training, 30.0);
    // Renewal: the old end is refused, a later one saved.
    go(&mut a, &[Action::RenewContract]);
    type_in(&mut a, "2024-12-31");
    go(&mut a, &[Action::Confirm]);
    assert!(a.state.form().unwrap().errors[0].contains("2025-02-28"));
    type_in(&mut a, "2028-02-29");
    go(&mut a, &[Action::Confirm]);
    assert!(message(&a).contains("已续签：王芳"), "{}", message(&a));
    // Departure: asked first, n leaves her; y records it; u undoes it.
    go(&mut a, &[Action::RecordDeparture, Action::Confirm]);
    assert_eq!(a.state.table(), Table::Confirm);
    go(&mut a, &[Action::No]);
    assert!(a.model.net.staff.iter().all(|p| p.departed.is_none()));
    go(
        &mut a,
        &[Action::RecordDeparture, Action::Confirm, Action::Yes],
    );
    assert!(message(&a).contains("已登记离职：王芳"), "{}", message(&a));
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    assert_eq!(rows.len(), 1);
    go(&mut a, &[Action::ToggleDeparted]);
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    assert_eq!(
        rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["王芳"]
    );
    go(&mut a, &[Action::UndoDeparture]);
    assert!(message(&a).contains("已撤销离职：王芳"), "{}", message(&a));
    let rows = sgz::tui::model::filtered_staff(&a.derived, &a.model, &a.state.staff);
    assert!(rows.is_empty());
    // A new person with the defaults: the site of the selected row, today, three years.
    go(&mut a, &[Action::ToggleDeparted, Action::AddStaff]);
    type_in(&mut a, "马小军");
    go(&mut a, &[Action::Confirm]);
    assert!(
        message(&a).contains("已新增人员：马小军"),
        "{}",
        message(&a)
    );
    let p = a
        .model
        .net
        .staff
        .iter()
        .find(|p| p.name == "马小军")
        .expect("added");
    assert_eq!(
        (p.site_id, p.hired, p.contract_end),
        (3, d(TODAY), Some(d("2029-11-21")))
    );
}

#[test]
fn an_editor_elsewhere_is_refused_the_site_keys_where_they_are_dispatched() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let mut a = app(&db, sgz::i18n::Lang::Zh);
    a.model.actor = Actor {
        name: "otto".into(),
        role: UserRole::Editor,
        scope: Some("3303".into()),
    };
    goto(&mut a, "640105200");
    for key in [
        Action::CreateSite,
        Action::EditSite,
        Action::RecordSiteStatus,
        Action::UndoSiteStatus,
    ] {
        a.state.message = None;
        go(&mut a, &[key]);
        assert!(
            a.state.form().is_none() && a.state.pending().is_none(),
            "{key:?}"
        );
        assert!(
            message(&a).contains("otto 只能修改 3303 辖区内的数据，640105200 不在其中"),
            "{key:?}: {}",
            message(&a)
        );
    }
    // An editor of the county may.
    a.model.actor.scope = Some("640105".into());
    go(&mut a, &[Action::RecordSiteStatus]);
    assert!(a.state.form().is_some());
}
