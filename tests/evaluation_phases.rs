//! Phases per scheme (Wenzhou 温民社〔2021〕36号 §八: a mid-term and an end-term every service
//! year; Wuhan 武民政〔2021〕26号 §三(四): at least one mid-term every contract year): `sgz check`
//! lists the missing ones with their clause, and the list equals a recount from the database.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde_json::Value;

fn demo_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("demo.db");
        sgz(&p, "2026-01-10")
            .args(["init", "--demo"])
            .assert()
            .success();
        (dir, p)
    });
    p
}

fn sgz(db: &Path, today: &str) -> Command {
    let mut c = Command::cargo_bin("sgz").unwrap();
    c.arg("--db")
        .arg(db)
        .args(["--today", today])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        .env("SGZ_LOG", "off");
    c
}

fn check(db: &Path, today: &str, scope: &str) -> Value {
    let out = sgz(db, today)
        .args(["check", "--scope", scope, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (division code, year, phase) of every `evaluation_missing` alert, read from its English
/// sentence ("no mid-term evaluation is recorded for 2025 ..." / "the end-term evaluation for
/// 2026 is not held yet ...").
fn listed(v: &Value, clause: &str) -> BTreeSet<(String, i32, String)> {
    let mut out = BTreeSet::new();
    for a in v["alerts"].as_array().unwrap() {
        if a["kind"] != "evaluation_missing" {
            continue;
        }
        assert_eq!(a["clause"], clause, "{a}");
        assert!(a["message_zh"].as_str().unwrap().contains("评估"), "{a}");
        let m = a["message_en"].as_str().unwrap();
        let phase = ["mid-term", "end-term", "annual"]
            .into_iter()
            .find(|p| m.contains(&format!(" {p} evaluation")))
            .unwrap_or_else(|| panic!("no phase in {m}"));
        let year: i32 = m
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4)
            .unwrap()
            .parse()
            .unwrap();
        out.insert((
            a["code"].as_str().unwrap().to_string(),
            year,
            phase.to_string(),
        ));
    }
    out
}

/// The rule recounted in SQL and by hand: the scope's stations established on `today` (their
/// latest status up to it), each owing every named phase of every calendar year from the year
/// it was established (not before the policy's year; the next one when established in the
/// last 90 days of that year) up to today's, when no sheet of that year and phase is stored,
/// the year has ended or ends within 90 days.
fn recount(
    db: &Path,
    prefix: &str,
    policy_year: i32,
    phases: &[&str],
    today: NaiveDate,
) -> BTreeSet<(String, i32, String)> {
    let c = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let day = today.to_string();
    let mut st = c
        .prepare(
            "SELECT s.id, s.division,
               (SELECT min(on_date) FROM site_status h WHERE h.site_id = s.id
                  AND h.status IN ('established', 'operating')),
               (SELECT status FROM site_status h WHERE h.site_id = s.id AND h.on_date <= ?2
                  ORDER BY h.on_date DESC,
                  CASE h.status WHEN 'suspended' THEN 5 WHEN 'operating' THEN 4
                    WHEN 'established' THEN 3 WHEN 'under_construction' THEN 2 ELSE 1 END DESC
                  LIMIT 1)
             FROM sites s WHERE s.tier = 'station' AND s.division LIKE ?1 || '%'",
        )
        .unwrap();
    let stations: Vec<(i64, String, Option<String>, Option<String>)> = st
        .query_map([prefix, day.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut held: BTreeMap<i64, BTreeSet<(i32, String)>> = BTreeMap::new();
    let mut st = c
        .prepare("SELECT site_id, year, phase FROM evaluations")
        .unwrap();
    for r in st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap()
    {
        let (site, year, phase) = r.unwrap();
        held.entry(site).or_default().insert((year, phase));
    }
    let mut out = BTreeSet::new();
    for (id, code, est, now) in stations {
        let (Some(est), Some(now)) = (est, now) else {
            continue;
        };
        if !matches!(now.as_str(), "established" | "operating") {
            continue;
        }
        let est = d(&est);
        let mut first = est.year().max(policy_year);
        let first_end = NaiveDate::from_ymd_opt(first, 12, 31).unwrap();
        if est <= first_end && (first_end - est).num_days() < 90 {
            first += 1;
        }
        for year in first..=today.year() {
            let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            if (end - today).num_days() > 90 {
                continue;
            }
            for phase in phases {
                let stored = held
                    .get(&id)
                    .is_some_and(|h| h.contains(&(year, phase.to_string())));
                if !stored {
                    let word = phase.replace('_', "-");
                    out.insert((code.clone(), year, word));
                }
            }
        }
    }
    out
}

#[test]
fn wenzhou_missing_mid_and_end_terms_equal_a_recount_8() {
    let db = demo_db();
    for today in ["2026-01-10", "2025-12-01", "2023-06-30"] {
        let v = check(db, today, "3303");
        let got = listed(&v, "§五(四), §八");
        let want = recount(db, "3303", 2021, &["mid_term", "end_term"], d(today));
        assert_eq!(got, want, "on {today}");
        if today == "2026-01-10" {
            assert!(!got.is_empty(), "the demo leaves some 2025 sheets out");
        }
    }
    // Overdue ones are critical, this year's near its end a warning.
    let v = check(db, "2025-12-01", "3303");
    for a in v["alerts"].as_array().unwrap() {
        if a["kind"] == "evaluation_missing" {
            assert_eq!(a["severity"], "warning", "{a}");
            assert_eq!(a["due"], "2025-12-31");
            assert!(a["message_zh"].as_str().unwrap().contains("剩30天"), "{a}");
        }
    }
}

#[test]
fn wuhan_one_mid_term_each_contract_year_equals_a_recount_3_4() {
    let db = demo_db();
    for today in ["2026-01-10", "2024-10-15"] {
        let v = check(db, today, "4201");
        let got = listed(&v, "§三(四)");
        assert!(got.iter().all(|(_, _, p)| p == "mid-term"), "{got:?}");
        let want = recount(db, "4201", 2021, &["mid_term"], d(today));
        assert_eq!(got, want, "on {today}");
        if today == "2026-01-10" {
            assert!(!got.is_empty(), "the demo leaves some 2025 sheets out");
        }
    }
}

#[test]
fn ningxia_annual_evaluation_cites_its_own_clause_3_3_1() {
    let db = demo_db();
    let v = check(db, "2026-01-10", "64");
    let got = listed(&v, "§三(三)1");
    let want = recount(db, "64", 2021, &["annual"], d("2026-01-10"));
    assert!(!want.is_empty(), "the demo leaves some 2025 sheets out");
    assert_eq!(got, want);
}
