//! Service contracts of sites with their operators: the demo recounted in SQL (every station
//! and center has one, each within its profile's limits), the report's verdicts against an
//! oracle written from the renewal rules, `--within` against a recount, and the store's one
//! write (role, scope, limits with their clause, renewal refused by the evaluations, audit).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde_json::Value;
use sgz::domain::contract::ContractDraft;
use sgz::error::{Error, Refusal};
use sgz::store::{Actor, Store, UserRole};

const TODAY: &str = "2026-11-22";

use common::d;

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").unwrap();
    c.arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        .env("SGZ_LOG", "off");
    c
}

fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("demo.db");
        sgz(&p).args(["init", "--demo"]).assert().success();
        (dir, p)
    });
    p
}

fn read(db: &Path) -> Connection {
    Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn report_json(db: &Path, extra: &[&str]) -> Value {
    let out = sgz(db)
        .args(extra)
        .args(["report", "contracts", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_demo_station_and_center_has_a_synthetic_contract_in_force() {
    let c = read(demo_db());
    let without: i64 = c
        .query_row(
            "SELECT count(*) FROM sites s WHERE s.tier IN ('station', 'center')
             AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.site_id = s.id
                             AND k.start_on <= ?1 AND k.end_on >= ?1)",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(without, 0);
    let (all, synthetic, rooms): (i64, i64, i64) = c
        .query_row(
            "SELECT count(*), sum(k.synthetic), sum(s.tier = 'room')
             FROM contracts k JOIN sites s ON s.id = k.site_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(all > 0);
    assert_eq!(synthetic, all, "every demo contract is marked synthetic");
    assert_eq!(rooms, 0);
    // Some renewed, some re-procured, some ending within 90 days.
    let renewed: i64 = c
        .query_row(
            "SELECT count(*) FROM contracts WHERE renews IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ending: i64 = c
        .query_row(
            "SELECT count(*) FROM contracts WHERE end_on BETWEEN ?1 AND date(?1, '+90 days')",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        renewed > 0 && ending > 0,
        "renewed {renewed}, ending {ending}"
    );
}

#[test]
fn demo_contracts_keep_wuhan_3_years_and_ningxia_yearly_signing() {
    let c = read(demo_db());
    // Wuhan §三(四): at most 3 years; Ningxia §三(三)1: signed yearly, so at most a year.
    for (prefix, span) in [("4201", "+3 years"), ("64", "+1 years")] {
        let (n, over): (i64, i64) = c
            .query_row(
                "SELECT count(*), sum(k.end_on >= date(k.start_on, ?2))
                 FROM contracts k JOIN sites s ON s.id = k.site_id
                 WHERE s.division LIKE ?1 || '%'",
                [prefix, span],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(n > 0, "{prefix}");
        assert_eq!(over, 0, "{prefix}: contracts longer than {span}");
    }
}

/// The renewal verdict from the rule as the documents state it, over the stored sheets.
fn oracle(
    policy: &str,
    years: std::ops::RangeInclusive<i32>,
    sheets: &BTreeMap<(i32, String), (String, Option<String>)>,
) -> &'static str {
    let (phases, need): (&[&str], &[&str]) = match policy {
        // Wuhan §三(四): every evaluation of the term 优秀.
        "wuhan-2021" => (&["mid_term"], &["excellent"]),
        // Ningxia §三(三)1: the annual evaluation at least 合格.
        "ningxia-2021" => (&["annual"], &["excellent", "good", "qualified"]),
        "wenzhou-2021" => (
            &["mid_term", "end_term"],
            &["excellent", "good", "qualified"],
        ),
        _ => (&["annual"], &["excellent", "good", "qualified"]),
    };
    let (mut failing, mut waiting, mut used) = (0, 0, 0);
    for y in years {
        for p in phases {
            match sheets.get(&(y, p.to_string())) {
                Some((status, Some(g))) if status != "draft" => {
                    if need.contains(&g.as_str()) {
                        used += 1
                    } else {
                        failing += 1
                    }
                }
                _ => waiting += 1,
            }
        }
    }
    if failing > 0 {
        "not_allowed"
    } else if waiting > 0 || used == 0 {
        "pending"
    } else {
        "allowed"
    }
}

/// The service years of a contract: those whose 1 July it covers, else its start year.
fn service_years(start: NaiveDate, end: NaiveDate) -> std::ops::RangeInclusive<i32> {
    let ys: Vec<i32> = (start.year()..=end.year())
        .filter(|&y| {
            let m = NaiveDate::from_ymd_opt(y, 7, 1).unwrap();
            start <= m && m <= end
        })
        .collect();
    match (ys.first(), ys.last()) {
        (Some(a), Some(b)) => *a..=*b,
        _ => start.year()..=start.year(),
    }
}

#[test]
fn report_verdicts_match_an_oracle_written_from_the_renewal_rules() {
    let db = demo_db();
    let c = read(db);
    let binds = [
        ("4201", "wuhan-2021"),
        ("64", "ningxia-2021"),
        ("3303", "wenzhou-2021"),
        ("500112", "yubei-2021"),
        ("320682", "nantong-2021"),
    ];
    let mut st = c
        .prepare(
            "SELECT k.id, s.id, s.division, k.start_on, k.end_on FROM contracts k
             JOIN sites s ON s.id = k.site_id",
        )
        .unwrap();
    let rows: Vec<(i64, i64, String, String, String)> = st
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut want: BTreeMap<i64, Option<&str>> = BTreeMap::new();
    for (id, site, code, start, end) in &rows {
        let policy = binds
            .iter()
            .find(|(p, _)| code.starts_with(p))
            .map(|(_, id)| *id);
        let mut sheets = BTreeMap::new();
        let mut q = c
            .prepare("SELECT year, phase, status, grade FROM evaluations WHERE site_id = ?1")
            .unwrap();
        for r in q
            .query_map([site], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .unwrap()
        {
            let (y, p, s, g) = r.unwrap();
            sheets.insert((y, p), (s, g));
        }
        let years = service_years(d(start), d(end));
        want.insert(*id, policy.map(|p| oracle(p, years, &sheets)));
    }
    let v = report_json(db, &[]);
    let got: BTreeMap<i64, Option<&str>> = v["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_i64().unwrap(), x["verdict"].as_str()))
        .collect();
    assert_eq!(got.len(), rows.len(), "every contract is reported once");
    let differ: Vec<_> = want
        .iter()
        .filter(|(id, w)| got.get(id) != Some(w))
        .take(5)
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
    // Each verdict of the three is there, and each carries its clause.
    for verdict in ["allowed", "not_allowed", "pending"] {
        assert!(got.values().any(|g| *g == Some(verdict)), "{verdict}");
    }
    for x in v["contracts"].as_array().unwrap() {
        if x["verdict"].is_string() {
            assert!(x["clause"].as_str().is_some_and(|c| c.starts_with('§')));
        }
    }
}

#[test]
fn within_keeps_the_contracts_ending_in_that_many_days_recounted_in_sql() {
    let db = demo_db();
    let n: i64 = read(db)
        .query_row(
            "SELECT count(*) FROM contracts k JOIN sites s ON s.id = k.site_id
             WHERE s.division LIKE '4201%' AND k.end_on BETWEEN ?1 AND date(?1, '+90 days')",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    let v = report_json(db, &["--scope", "4201"]);
    let within = sgz(db)
        .args([
            "--scope",
            "4201",
            "report",
            "contracts",
            "--within",
            "90",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let w: Value = serde_json::from_slice(&within.stdout).unwrap();
    let rows = w["contracts"].as_array().unwrap();
    assert_eq!(rows.len() as i64, n);
    assert!(n > 0);
    assert!(rows
        .iter()
        .all(|x| (0..=90).contains(&x["days_left"].as_i64().unwrap())));
    assert!(v["contracts"].as_array().unwrap().len() > rows.len());
}

#[test]
fn report_formats_label_synthetic_data_and_words_come_in_both_languages() {
    let db = demo_db();
    for (lang, verdict, word) in [
        ("zh", "不可续签", "演示数据"),
        ("en", "not allowed", "synthetic"),
    ] {
        for format in ["table", "md", "csv"] {
            let out = sgz(db)
                .args(["--lang", lang, "--scope", "420102", "report", "contracts"])
                .args(["--format", format])
                .output()
                .unwrap();
            assert!(out.status.success());
            let s = String::from_utf8(out.stdout).unwrap();
            assert!(s.contains("§三(四)"), "{lang} {format}");
            if format != "csv" {
                assert!(s.contains(word), "{lang} {format}: synthetic label");
            }
            if format == "table" {
                assert!(s.contains(verdict), "{lang}: {s}");
            }
        }
    }
}

fn actor(name: &str, role: UserRole, scope: Option<&str>) -> Actor {
    Actor {
        name: name.into(),
        role,
        scope: scope.map(str::to_string),
    }
}

fn profile(id: &str) -> sgz::domain::policy::Profile {
    sgz::io::policy::embedded()
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
}

/// A Wuhan station and a Ningxia station of the demo, with their current contracts.
fn site_in(c: &Connection, prefix: &str) -> (i64, String, i64, i64, String) {
    c.query_row(
        "SELECT s.id, s.division, k.id, k.version, k.end_on FROM sites s
         JOIN contracts k ON k.site_id = s.id
         WHERE s.tier = 'station' AND s.division LIKE ?1 || '%'
           AND k.start_on <= ?2 AND k.end_on >= ?2
         ORDER BY s.id LIMIT 1",
        [prefix, TODAY],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .unwrap()
}

#[test]
fn the_store_refuses_a_wuhan_contract_over_3_years_and_a_ningxia_one_over_a_year_with_the_clause() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &db).unwrap();
    let (wuhan_site, _, _, _, wuhan_end) = site_in(&read(&db), "4201");
    let (nx_site, _, _, _, nx_end) = site_in(&read(&db), "64");
    let mut store = Store::open(&db).unwrap();
    let admin = Actor::system("督导员");
    let after = |e: &str| d(e).succ_opt().unwrap();
    let draft = |site, start: NaiveDate, end: NaiveDate| ContractDraft {
        site_id: site,
        operator: "某某社会工作服务中心".into(),
        start,
        end,
    };
    let s = after(&wuhan_end);
    let too_long = draft(wuhan_site, s, sgz::domain::calendar::add_years(s, 3));
    let e = store
        .record_contract(&admin, Some(&profile("wuhan-2021")), &too_long)
        .unwrap_err();
    let zh = e.message(sgz::i18n::Lang::Zh);
    assert!(zh.contains("最长3年") && zh.contains("§三(四)"), "{zh}");
    let s = after(&nx_end);
    let yearly = draft(nx_site, s, sgz::domain::calendar::add_years(s, 1));
    let e = store
        .record_contract(&admin, Some(&profile("ningxia-2021")), &yearly)
        .unwrap_err();
    let en = e.message(sgz::i18n::Lang::En);
    assert!(
        en.contains("one year at a time") && en.contains("§三(三)1"),
        "{en}"
    );
    // A year less a day is what Ningxia allows.
    let ok = draft(
        nx_site,
        s,
        sgz::domain::calendar::add_days(sgz::domain::calendar::add_years(s, 1), -1),
    );
    let id = store
        .record_contract(&admin, Some(&profile("ningxia-2021")), &ok)
        .unwrap();
    let audit: i64 = read(&db)
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'record_contract' AND entity_id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 4, "site, operator, start and end audited");
    // The same again overlaps it.
    let e = store
        .record_contract(&admin, Some(&profile("ningxia-2021")), &ok)
        .unwrap_err();
    assert!(matches!(e, Error::Refused(Refusal::Contract(_))), "{e:?}");
}

#[test]
fn contract_writes_respect_role_and_scope() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &db).unwrap();
    let (site, code, _, _, end) = site_in(&read(&db), "4201");
    let mut store = Store::open(&db).unwrap();
    let s = d(&end).succ_opt().unwrap();
    let draft = ContractDraft {
        site_id: site,
        operator: "某机构".into(),
        start: s,
        end: sgz::domain::calendar::add_days(sgz::domain::calendar::add_years(s, 1), -1),
    };
    let p = profile("wuhan-2021");
    let viewer = actor("看客", UserRole::Viewer, None);
    assert!(matches!(
        store.record_contract(&viewer, Some(&p), &draft),
        Err(Error::Denied(_))
    ));
    let elsewhere = actor("宁夏编辑", UserRole::Editor, Some("64"));
    assert!(matches!(
        store.record_contract(&elsewhere, Some(&p), &draft),
        Err(Error::Denied(_))
    ));
    let here = actor("区编辑", UserRole::Editor, Some(&code[..6]));
    assert!(store.record_contract(&here, Some(&p), &draft).is_ok());
}

#[test]
fn a_renewal_the_evaluations_refuse_is_refused_with_the_renewal_clause_and_a_stale_one_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &db).unwrap();
    // A Wuhan contract the report calls not allowed, and one it calls pending.
    let v = report_json(&db, &["--scope", "4201"]);
    let rows = v["contracts"].as_array().unwrap();
    let pick = |verdict: &str| {
        rows.iter()
            .find(|x| x["verdict"] == verdict && x["state"] == "current")
            .unwrap_or_else(|| panic!("{verdict}"))
            .clone()
    };
    let refused = pick("not_allowed");
    let pending = pick("pending");
    let p = profile("wuhan-2021");
    let mut store = Store::open(&db).unwrap();
    let admin = Actor::system("督导员");
    let renewal = |x: &Value| {
        let s = d(x["end"].as_str().unwrap()).succ_opt().unwrap();
        ContractDraft {
            site_id: x["site_id"].as_i64().unwrap(),
            operator: x["operator"].as_str().unwrap().into(),
            start: s,
            end: sgz::domain::calendar::add_days(sgz::domain::calendar::add_years(s, 3), -1),
        }
    };
    let e = store
        .renew_contract(
            &admin,
            Some(&p),
            refused["id"].as_i64().unwrap(),
            refused["version"].as_i64().unwrap(),
            &renewal(&refused),
        )
        .unwrap_err();
    let zh = e.message(sgz::i18n::Lang::Zh);
    assert!(zh.contains("不可续签") && zh.contains("§三(四)"), "{zh}");
    // Pending does not refuse; a second writer who saw the old version is told.
    let id = pending["id"].as_i64().unwrap();
    let seen = pending["version"].as_i64().unwrap();
    let new = store
        .renew_contract(&admin, Some(&p), id, seen, &renewal(&pending))
        .unwrap();
    let renews: Option<i64> = read(&db)
        .query_row("SELECT renews FROM contracts WHERE id = ?1", [new], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(renews, Some(id));
    let e = store
        .renew_contract(&admin, Some(&p), id, seen, &renewal(&pending))
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
}

/// The app on a writable copy of the demo as an admin, on the tree of 江岸区 (Wuhan).
fn app_on(db: &Path, lang: sgz::i18n::Lang) -> sgz::tui::app::App {
    let store = Store::open(db).unwrap();
    let o = sgz::tui::app::Options {
        today: d(TODAY),
        lang,
        scope: Some("420102".into()),
        keymap: sgz::tui::keymap::Keymap::defaults(),
        theme: sgz::tui::theme::Theme::plain(),
        actor: Actor::system("督导员"),
        export_dir: std::env::temp_dir(),
        stage_above: sgz::tui::app::STAGE_ABOVE,
    };
    sgz::tui::app::App::new(store, sgz::io::policy::embedded().unwrap(), o).unwrap()
}

fn act(a: &mut sgz::tui::app::App, actions: &[sgz::tui::action::Action]) {
    for &x in actions {
        a.handle(sgz::tui::update::Msg::Act(x));
    }
}

fn type_text(a: &mut sgz::tui::app::App, s: &str) {
    for ch in s.chars() {
        a.handle(sgz::tui::update::Msg::Type(ch));
    }
}

#[test]
fn the_tui_form_renews_through_the_store_and_a_new_operator_is_a_new_contract() {
    use sgz::tui::action::Action::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    std::fs::copy(demo_db(), &db).unwrap();
    let mut a = app_on(&db, sgz::i18n::Lang::Zh);
    // 大智街道, the first township of 江岸区: its latest contract is pending, so it renews.
    act(&mut a, &[View2, MoveDown, SiteContracts]);
    let site = a.model.net.site_at(a.state.tree.cursor).unwrap().id;
    let last = a.model.net.contracts_of(site).last().unwrap().clone();
    act(&mut a, &[Confirm]);
    let c = read(&db);
    let (renews, start, end, by): (Option<i64>, String, String, String) = c
        .query_row(
            "SELECT renews, start_on, end_on, recorded_by FROM contracts
             WHERE site_id = ?1 ORDER BY id DESC LIMIT 1",
            [site],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(renews, Some(last.id));
    assert_eq!(d(&start), last.end.succ_opt().unwrap());
    // Proposed as long as Wuhan allows: 3 years less a day.
    assert_eq!(
        d(&end),
        sgz::domain::calendar::add_days(sgz::domain::calendar::add_years(d(&start), 3), -1)
    );
    assert_eq!(by, "督导员");
    // The model follows at once: the renewal is listed.
    assert_eq!(
        a.model.net.contracts_of(site).last().unwrap().renews,
        Some(last.id)
    );
    // 一元街道: its contract's evaluations refuse a renewal; the form says so with the clause
    // and keeps it open; another operator makes it a new contract, which is saved.
    act(&mut a, &[MoveDown, SiteContracts, Confirm]);
    let screen = common::screen(&mut a, 80, 24);
    assert!(
        screen.contains("不可续签") && screen.contains("§三(四)"),
        "{screen}"
    );
    let site2 = a.model.net.site_at(a.state.tree.cursor).unwrap().id;
    let before = a.model.net.contracts_of(site2).len();
    act(&mut a, &[ClearLine]);
    type_text(&mut a, "江岸新启社会工作服务中心");
    act(&mut a, &[Confirm]);
    let after = a.model.net.contracts_of(site2);
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().unwrap().renews, None);
    assert_eq!(after.last().unwrap().operator, "江岸新启社会工作服务中心");
}

#[test]
fn check_raises_each_contract_ending_within_90_days_recounted_in_sql() {
    let db = demo_db();
    // In force today, ending within 90 days, nothing starting after it, at an established or
    // operating station or center of a bound region.
    let n: i64 = read(db)
        .query_row(
            "SELECT count(*) FROM contracts k JOIN sites s ON s.id = k.site_id
             WHERE k.start_on <= ?1 AND k.end_on BETWEEN ?1 AND date(?1, '+90 days')
               AND NOT EXISTS (SELECT 1 FROM contracts n
                               WHERE n.site_id = k.site_id AND n.start_on > k.end_on)
               AND (SELECT status FROM site_status t WHERE t.site_id = s.id AND t.on_date <= ?1
                    ORDER BY t.on_date DESC LIMIT 1) IN ('established', 'operating')
               AND (s.division LIKE '4201%' OR s.division LIKE '64%' OR s.division LIKE '3303%'
                    OR s.division LIKE '500112%' OR s.division LIKE '320682%')",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    let out = sgz(db)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let alerts: Vec<&Value> = v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "service_contract_ending")
        .collect();
    assert_eq!(alerts.len() as i64, n);
    assert!(n > 0);
    for a in &alerts {
        let days = a["days_left"].as_i64().unwrap();
        assert!((0..=90).contains(&days));
        let refused = a["message_en"].as_str().unwrap().contains("no renewal");
        let want = if refused || days <= 30 {
            "warning"
        } else {
            "info"
        };
        assert_eq!(a["severity"], want, "{a}");
    }
}
