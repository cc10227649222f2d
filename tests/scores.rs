//! Scores in the store and through the binary: optimistic concurrency between two handles,
//! drafts surviving a killed process, audit rows per changed value, and export -> edit ->
//! import round trips as CSV (UTF-8 with BOM), GBK CSV and xlsx.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sgz::domain::access::Denied;
use sgz::domain::division::{Division, Level};
use sgz::domain::evaluation::{EvalStatus, Evaluation};
use sgz::domain::policy::{Phase, Profile};
use sgz::domain::sheet::{Sheet, Side};
use sgz::domain::site::{Site, Tier};
use sgz::store::{Actor, ScoreImport, Store, UserRole};
use sgz::Error;

fn wenzhou() -> Profile {
    let all = sgz::io::policy::embedded().expect("profiles parse");
    all.into_iter()
        .find(|p| p.id == "wenzhou-2021")
        .expect("wenzhou profile")
}

fn editor(name: &str) -> Actor {
    Actor {
        name: name.into(),
        role: UserRole::Editor,
        scope: Some("3303".into()),
    }
}

/// One Wenzhou station with one mid-term sheet (id 1, version 1) scored 6 on three items.
fn small_db(dir: &Path) -> PathBuf {
    let path = dir.join("scores.db");
    let mut s = Store::open(&path).expect("opens");
    let sys = Actor::system("setup");
    let d = |code: &str, name: &str, level, parent: Option<&str>| Division {
        code: code.into(),
        name: name.into(),
        level,
        parent: parent.map(String::from),
    };
    s.import_divisions(
        &sys,
        &[
            d("33", "浙江省", Level::Province, None),
            d("3303", "温州市", Level::City, Some("33")),
            d("330302", "鹿城区", Level::County, Some("3303")),
            d("330302001", "五马街道", Level::Township, Some("330302")),
        ],
        "test",
    )
    .expect("divisions");
    let site = Site {
        id: 1,
        division: "330302001".into(),
        tier: Tier::Station,
        name: "五马街道社会工作服务站".into(),
        operator: None,
        area_m2: None,
        civil_reg: None,
        head: None,
        history: vec![],
        synthetic: false,
    };
    let ev = Evaluation {
        id: 1,
        site_id: 1,
        year: 2025,
        phase: Phase::MidTerm,
        template: "wenzhou-2021".into(),
        status: EvalStatus::Draft,
        total: None,
        grade: None,
        version: 1,
        scores: BTreeMap::from([
            ("mgmt-plan".into(), 6.0),
            ("mgmt-rules".into(), 6.0),
            ("mgmt-staff".into(), 6.0),
        ]),
        synthetic: false,
    };
    s.insert_bulk(&sys, &[site], &[], &[ev], "test")
        .expect("bulk");
    path
}

#[test]
fn concurrent_save_conflict_between_two_handles_keeps_the_first_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let p = wenzhou();
    let mut a = Store::open(&path).expect("a opens");
    let mut b = Store::open(&path).expect("b opens");
    let (alice, bob) = (editor("alice"), editor("bob"));

    // Both open the sheet at version 1.
    let mut sheet_a = Sheet::new(
        &p.evaluation,
        &a.evaluation_detail(1, "alice").expect("detail").evaluation,
    );
    let mut sheet_b = Sheet::new(
        &p.evaluation,
        &b.evaluation_detail(1, "bob").expect("detail").evaluation,
    );
    for c in "7".chars() {
        sheet_a.type_char(c).expect("editable");
    }
    sheet_a.commit().expect("valid");
    sheet_b.type_char('5').expect("editable");
    sheet_b.commit().expect("valid");
    sheet_b.set_cursor(3).expect("moves");
    sheet_b.type_char('4').expect("editable");
    sheet_b.commit().expect("valid");

    let ra = sheet_a.save_request();
    let v2 = a
        .save_scores(&alice, 1, ra.base_version, &ra.scores, ra.total, ra.grade)
        .expect("first save");
    assert_eq!(v2, 2);

    let rb = sheet_b.save_request();
    let err = b
        .save_scores(&bob, 1, rb.base_version, &rb.scores, rb.total, rb.grade)
        .expect_err("conflict");
    assert!(
        matches!(err, Error::Conflict { ours: 1, theirs: 2 }),
        "{err:?}"
    );

    // The first save is intact, seen from either handle.
    for s in [&a, &b] {
        let d = s.evaluation_detail(1, "carol").expect("detail");
        assert_eq!(d.evaluation.version, 2);
        assert_eq!(d.evaluation.scores.get("mgmt-plan"), Some(&7.0));
        assert_eq!(d.evaluation.scores.get("mgmt-site"), None);
        assert_eq!(d.updated_by.as_deref(), Some("alice"));
    }

    // Bob resolves per item (mgmt-plan: both changed) and saves on version 2.
    let theirs = b.evaluation_detail(1, "bob").expect("detail").evaluation;
    let mut conflict = sheet_b.conflict_with(&theirs);
    assert_eq!(conflict.items.len(), 1);
    assert_eq!(
        (conflict.items[0].mine, conflict.items[0].theirs),
        (Some(5.0), Some(7.0))
    );
    conflict.choose(0, Side::Theirs);
    sheet_b.resolve(&conflict).expect("resolved");
    let rb = sheet_b.save_request();
    assert_eq!(rb.base_version, 2);
    assert_eq!(
        b.save_scores(&bob, 1, rb.base_version, &rb.scores, rb.total, rb.grade)
            .expect("rebased save"),
        3
    );
    let d = a.evaluation_detail(1, "alice").expect("detail");
    assert_eq!(d.evaluation.scores.get("mgmt-plan"), Some(&7.0));
    assert_eq!(d.evaluation.scores.get("mgmt-site"), Some(&4.0));
}

#[test]
fn drafts_survive_a_killed_process() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let p = wenzhou();
    let alice = editor("alice");
    {
        let mut s = Store::open(&path).expect("opens");
        let mut sheet = Sheet::new(
            &p.evaluation,
            &s.evaluation_detail(1, "alice").expect("detail").evaluation,
        );
        for (row, text) in [(0usize, "7.5"), (8, "６")] {
            sheet.set_cursor(row).expect("moves");
            for c in text.chars() {
                sheet.type_char(c).expect("editable");
            }
            if let Some(sgz::domain::sheet::DraftWrite::Put { item, score }) =
                sheet.commit().expect("valid")
            {
                s.put_draft(&alice, 1, &item, score, sheet.version())
                    .expect("draft kept");
            }
        }
        // Simulated kill: no close, no checkpoint, the handle is just gone.
        std::mem::forget(s);
    }
    let s = Store::open(&path).expect("reopens");
    let d = s.evaluation_detail(1, "alice").expect("detail");
    assert_eq!(
        d.drafts,
        BTreeMap::from([
            ("mgmt-plan".to_string(), 7.5),
            ("fund-budget".to_string(), 6.0)
        ])
    );
    assert_eq!(d.draft_base_version, Some(1));
    assert!(
        s.evaluation_detail(1, "bob")
            .expect("detail")
            .drafts
            .is_empty(),
        "drafts are per user"
    );
    let sheet = Sheet::resume(
        &p.evaluation,
        &d.evaluation,
        &d.drafts,
        d.draft_base_version,
    );
    assert!(sheet.is_dirty());
    assert!(!sheet.stale_drafts());
    assert_eq!(sheet.unsaved(), d.drafts);
}

#[test]
fn audit_rows_per_changed_value_with_the_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let mut s = Store::open(&path).expect("opens");
    let alice = editor("alice");
    let scores = BTreeMap::from([
        ("mgmt-plan".to_string(), 6.0), // unchanged
        ("mgmt-rules".to_string(), 7.0),
        ("fund-budget".to_string(), 5.5),
    ]);
    s.put_draft(&alice, 1, "mgmt-rules", 7.0, 1).expect("draft");
    s.save_scores(&alice, 1, 1, &scores, None, None)
        .expect("saves");
    let rows: Vec<_> = s
        .audit(None, Some("alice"), None, 100)
        .expect("audit")
        .into_iter()
        .filter(|r| r.action == "save_scores")
        .collect();
    let mut got: Vec<_> = rows
        .iter()
        .map(|r| (r.field.clone(), r.old.clone(), r.new.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (Some("fund-budget".into()), None, Some("5.5".into())),
            (
                Some("mgmt-rules".into()),
                Some("6".into()),
                Some("7".into())
            ),
        ]
    );
    assert!(rows.iter().all(|r| r.user == "alice"
        && r.entity_id == "1"
        && r.scope.as_deref() == Some("330302001")));
    assert!(
        s.evaluation_detail(1, "alice")
            .expect("detail")
            .drafts
            .is_empty(),
        "a save clears the saver's drafts"
    );
    // A viewer cannot write; an editor of another city neither.
    let viewer = Actor {
        name: "v".into(),
        role: UserRole::Viewer,
        scope: None,
    };
    assert!(matches!(
        s.save_scores(&viewer, 1, 2, &scores, None, None),
        Err(Error::Denied(_))
    ));
    let other = Actor {
        name: "o".into(),
        role: UserRole::Editor,
        scope: Some("4201".into()),
    };
    let sheet = ScoreImport {
        site_id: 1,
        year: 2025,
        phase: Phase::MidTerm,
        template: "wenzhou-2021".into(),
        existing: Some((1, 2)),
        scores: BTreeMap::from([("mgmt-plan".to_string(), 1.0)]),
        total: None,
        grade: None,
    };
    assert!(matches!(
        s.import_scores(&other, std::slice::from_ref(&sheet), "x"),
        Err(Error::Denied(_))
    ));
    // The bulk import writes one audit row per changed value too, and one for the file.
    let sum = s
        .import_scores(&alice, &[sheet], "file.csv")
        .expect("imports");
    assert_eq!((sum.created, sum.updated, sum.values), (0, 1, 1));
    let rows = s.audit(None, Some("alice"), None, 100).expect("audit");
    let imported: Vec<_> = rows
        .iter()
        .filter(|r| r.action == "import_scores")
        .collect();
    assert_eq!(imported.len(), 2);
    assert!(imported
        .iter()
        .any(|r| r.field.as_deref() == Some("mgmt-plan") && r.old.as_deref() == Some("6")));
}

// ---------------------------------------------------------------- who moves a sheet between draft, submitted and locked

fn admin(name: &str) -> Actor {
    Actor {
        name: name.into(),
        role: UserRole::Admin,
        scope: None,
    }
}

fn status_of(s: &Store, id: i64) -> EvalStatus {
    s.evaluation_detail(id, "x")
        .expect("detail")
        .evaluation
        .status
}

/// A whole-sheet import of sheet 1 as found at `version`, one value changed.
fn import_one(version: i64) -> ScoreImport {
    ScoreImport {
        site_id: 1,
        year: 2025,
        phase: Phase::MidTerm,
        template: "wenzhou-2021".into(),
        existing: Some((1, version)),
        scores: BTreeMap::from([("mgmt-plan".to_string(), 2.0)]),
        total: None,
        grade: None,
    }
}

#[test]
fn a_submitted_sheet_takes_no_scores_drafts_or_imports_until_reopened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let mut s = Store::open(&path).expect("opens");
    let (alice, ada) = (editor("alice"), admin("ada"));
    s.set_evaluation_status(&alice, 1, EvalStatus::Submitted)
        .expect("an editor of the jurisdiction submits");
    let v = s
        .evaluation_detail(1, "alice")
        .expect("detail")
        .evaluation
        .version;
    let scores = BTreeMap::from([("mgmt-plan".to_string(), 7.0)]);
    // Nobody edits it, not even an admin, and not by import either.
    for who in [&alice, &ada] {
        let refused = [
            (
                "save_scores",
                s.save_scores(who, 1, v, &scores, None, None).map(drop),
            ),
            ("put_draft", s.put_draft(who, 1, "mgmt-plan", 7.0, v)),
            ("clear_draft_item", s.clear_draft_item(who, 1, "mgmt-plan")),
            (
                "import_scores",
                s.import_scores(who, &[import_one(v)], "f.csv").map(drop),
            ),
        ];
        for (what, r) in refused {
            match r {
                Err(Error::Denied(Denied::SheetNotDraft {
                    status: EvalStatus::Submitted,
                    ..
                })) => {}
                other => panic!("{what} by {} on a submitted sheet: {other:?}", who.name),
            }
        }
    }
    assert_eq!(
        s.evaluation_detail(1, "alice")
            .expect("detail")
            .evaluation
            .scores["mgmt-plan"],
        6.0,
        "the stored value is untouched"
    );
    // Reopening: an editor of the jurisdiction may, and it is audited as submitted -> draft.
    s.set_evaluation_status(&alice, 1, EvalStatus::Draft)
        .expect("an editor reopens a submitted sheet");
    let reopen = s
        .audit(None, Some("alice"), None, 10)
        .expect("audit")
        .into_iter()
        .find(|r| r.action == "set_status")
        .expect("the reopen is audited");
    assert_eq!(
        (
            reopen.field.as_deref(),
            reopen.old.as_deref(),
            reopen.new.as_deref()
        ),
        (Some("status"), Some("submitted"), Some("draft"))
    );
    let v = s
        .evaluation_detail(1, "alice")
        .expect("detail")
        .evaluation
        .version;
    s.put_draft(&alice, 1, "mgmt-plan", 7.0, v)
        .expect("a draft again takes drafts");
    s.save_scores(&alice, 1, v, &scores, None, None)
        .expect("and scores");
}

#[test]
fn only_an_admin_locks_and_unlocks_and_nothing_changes_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let mut s = Store::open(&path).expect("opens");
    let (alice, ada) = (editor("alice"), admin("ada"));
    s.set_evaluation_status(&alice, 1, EvalStatus::Submitted)
        .expect("submits");
    assert!(
        matches!(
            s.set_evaluation_status(&alice, 1, EvalStatus::Submitted),
            Err(Error::Refused(sgz::error::Refusal::AlreadyStatus(
                EvalStatus::Submitted
            )))
        ),
        "already submitted: no second write"
    );
    assert!(matches!(
        s.set_evaluation_status(&alice, 1, EvalStatus::Locked),
        Err(Error::Denied(_))
    ));
    s.set_evaluation_status(&ada, 1, EvalStatus::Locked)
        .expect("an admin locks");
    // Unlocking, to submitted or straight to draft, is for admins only: the store refuses an
    // editor whatever the screen did.
    for to in [EvalStatus::Submitted, EvalStatus::Draft] {
        match s.set_evaluation_status(&alice, 1, to) {
            Err(e @ Error::Denied(Denied::AdminOnlyChange { .. })) => {
                let m = e.message(sgz::i18n::Lang::En);
                assert!(m.contains("only an admin may unlock"), "{m}");
                let m = e.message(sgz::i18n::Lang::Zh);
                assert!(m.contains("只有管理员可以解锁"), "{m}");
            }
            other => panic!("an editor unlocked to {to:?}: {other:?}"),
        }
        assert_eq!(status_of(&s, 1), EvalStatus::Locked);
    }
    s.set_evaluation_status(&ada, 1, EvalStatus::Submitted)
        .expect("an admin unlocks");
    assert_eq!(status_of(&s, 1), EvalStatus::Submitted);
    let unlock = s
        .audit(None, Some("ada"), None, 10)
        .expect("audit")
        .into_iter()
        .find(|r| r.action == "set_status")
        .expect("audited");
    assert_eq!(
        (unlock.old.as_deref(), unlock.new.as_deref()),
        (Some("locked"), Some("submitted"))
    );
}

// ---------------------------------------------------------------- through the binary

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
    c.arg("--db")
        .arg(db)
        .arg("--today")
        .arg("2026-11-22")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    sgz(&db).args(["init", "--demo"]).assert().success();
    db
}

fn export(db: &Path, dir: &Path, name: &str, format: &str) -> PathBuf {
    let out = dir.join(name);
    sgz(db)
        .args(["export", "scores", "--format", format, "-o"])
        .arg(&out)
        .assert()
        .success();
    out
}

fn records(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("reads");
    let (text, _) = sgz::io::encoding::decode(&bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(String::from).collect())
        .collect()
}

fn to_csv(recs: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    for r in recs {
        w.write_record(r).expect("writes");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

/// Lower the first item by 0.5 (and the total with it) on `n` editable rows from `skip` on,
/// keeping the grade: totals within 0.5 above a band edge are left alone.
fn edit(recs: &mut [Vec<String>], skip: usize, n: usize) -> Vec<usize> {
    let mut done = Vec::new();
    // Only drafts take scores: a submitted sheet is reopened first, a locked one unlocked.
    let editable = ["草稿"];
    for (k, r) in recs.iter_mut().enumerate() {
        if done.len() == n {
            break;
        }
        let is_data = r.len() > 8 && r[0].len() == 9 && r[0].bytes().all(|b| b.is_ascii_digit());
        if !is_data || !editable.contains(&r[5].as_str()) {
            continue;
        }
        let (Ok(total), Ok(first)) = (r[6].parse::<f64>(), r[8].parse::<f64>()) else {
            continue;
        };
        if first < 0.5
            || [60.0, 80.0, 90.0]
                .iter()
                .any(|e| total >= *e && total - 0.5 < *e)
        {
            continue;
        }
        if k < skip {
            continue;
        }
        r[8] = sgz::domain::evaluation::fmt_score(first - 0.5);
        r[6] = sgz::domain::evaluation::fmt_score(total - 0.5);
        done.push(k);
    }
    assert_eq!(done.len(), n, "enough editable rows");
    done
}

/// The records without the version column (the last of each data and header row): an
/// import raises the version of every sheet it changes.
fn values(recs: Vec<Vec<String>>) -> Vec<Vec<String>> {
    recs.into_iter()
        .map(|mut r| {
            if r.len() > 8 {
                r.pop();
            }
            r
        })
        .collect()
}

fn import(db: &Path, file: &Path) -> String {
    let out = sgz(db)
        .args(["import", "scores"])
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn import_of_an_export_round_trips_as_csv_gbk_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = demo(d, "one.db");

    // Unchanged export: nothing changes.
    let plain = export(&db, d, "plain.csv", "csv");
    assert!(
        std::fs::read(&plain)
            .expect("reads")
            .starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM"
    );
    let msg = import(&db, &plain);
    assert!(msg.contains("0 个分值变更"), "{msg}");

    // UTF-8 CSV with three edits.
    let mut recs = records(&plain);
    assert!(
        recs[0][0].contains("演示数据"),
        "synthetic note first: {:?}",
        recs[0]
    );
    assert!(recs.iter().any(|r| r
        .iter()
        .any(|c| c == "项目管理-建设方案与年度工作计划(mgmt-plan)")));
    let first = edit(&mut recs, 0, 3);
    let edited = d.join("edited.csv");
    std::fs::write(&edited, format!("\u{feff}{}", to_csv(&recs))).expect("writes");
    let msg = import(&db, &edited);
    assert!(msg.contains("3 个分值变更，涉及 3 份评估"), "{msg}");
    assert_eq!(
        values(records(&export(&db, d, "after-utf8.csv", "csv"))),
        values(recs.clone())
    );
    // The GBK file below is made from the new export: the edited sheets' versions moved on.
    let mut recs = records(&export(&db, d, "after-utf8.csv", "csv"));

    // GBK CSV (as Excel saves "CSV" on a Chinese Windows), three more edits.
    edit(&mut recs, first.iter().max().map_or(0, |k| k + 1), 3);
    let text = to_csv(&recs);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "every name of the demo is in GBK");
    let gbk_file = d.join("gbk.csv");
    std::fs::write(&gbk_file, &gbk).expect("writes");
    let msg = import(&db, &gbk_file);
    assert!(msg.contains("3 个分值变更，涉及 3 份评估"), "{msg}");
    let after_gbk = values(records(&export(&db, d, "after-gbk.csv", "csv")));
    assert_eq!(after_gbk, values(recs));

    // xlsx into a copy that lacks two draft sheets: they are created, and both databases
    // then export the same.
    let xlsx = export(&db, d, "one.xlsx", "xlsx");
    let two = d.join("two.db");
    std::fs::copy(&db, &two).expect("copies");
    Store::open(&two)
        .expect("opens")
        .execute_batch_for_tests(
            "DELETE FROM evaluations WHERE id IN (SELECT id FROM evaluations WHERE status = 'draft' ORDER BY id LIMIT 2)",
        )
        .expect("deletes");
    let msg = import(&two, &xlsx);
    assert!(msg.contains("新建 2 份"), "{msg}");
    assert_eq!(
        values(records(&export(&two, d, "two.csv", "csv"))),
        after_gbk
    );

    // JSON export carries the note and ids.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(export(&db, d, "one.json", "json")).expect("reads"))
            .expect("json");
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["templates"].as_array().map(Vec::len), Some(5));
}

#[test]
fn a_bad_file_imports_nothing_and_names_every_bad_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = demo(d, "demo.db");
    let before = records(&export(&db, d, "before.csv", "csv"));
    let mut recs = before.clone();
    let rows = edit(&mut recs, 0, 4);
    recs[rows[0]][8] = "99".into(); // over the maximum
    recs[rows[1]][0] = "999999999".into(); // unknown site
    recs[rows[2]][6] = "1".into(); // total mismatch
    recs[rows[3]][9] = "8.25".into(); // two decimals
    let locked = recs
        .iter()
        .position(|r| r.get(5).is_some_and(|s| s == "已锁定"))
        .expect("a locked row");
    recs[locked][8] = "0".into();
    let unknown_col = recs
        .iter()
        .position(|r| r.first().is_some_and(|c| c.starts_with("区划代码")))
        .expect("header");
    let bad = d.join("bad.csv");
    std::fs::write(&bad, to_csv(&recs)).expect("writes");
    let out = sgz(&db)
        .args(["import", "scores"])
        .arg(&bad)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).expect("utf-8");
    // The rewritten file has no blank lines: record k is on line k + 1.
    let at = |k: usize| format!("bad.csv:{}:", k + 1);
    assert!(
        err.contains(&format!("{} ", at(rows[0]))) && err.contains("超过满分"),
        "{err}"
    );
    assert!(
        err.contains(&at(rows[1])) && err.contains("处没有站点"),
        "{err}"
    );
    assert!(
        err.contains(&at(rows[2])) && err.contains("总分 1 与各项之和"),
        "{err}"
    );
    assert!(
        err.contains(&at(rows[3])) && err.contains("最多一位小数"),
        "{err}"
    );
    assert!(err.contains(&at(locked)) && err.contains("已锁定"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(
        records(&export(&db, d, "after.csv", "csv")),
        before,
        "all or nothing"
    );

    // An unknown item column is a header error.
    let mut recs = before.clone();
    recs[unknown_col][8] = "没有的指标(nope)".into();
    std::fs::write(&bad, to_csv(&recs)).expect("writes");
    let out = sgz(&db)
        .args(["import", "scores"])
        .arg(&bad)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).expect("utf-8");
    assert!(
        err.contains(&format!("bad.csv:{}: unknown item column", unknown_col + 1)),
        "{err}"
    );
}

#[test]
fn import_plan_checks_scope_creates_missing_sheets_and_takes_the_site_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = small_db(dir.path());
    let s = Store::open(&path).expect("opens");
    let net = s.load_network().expect("network");
    let stored = s.scores_under("").expect("scores");
    let profiles = sgz::io::policy::embedded().expect("profiles");
    let text = "区划代码(division_code),年度(year),阶段(phase),项目管理-建设方案与年度工作计划(mgmt-plan),版本(version)\n\
                330302001,2025,中期,７,1\n\
                330302001,2025,末期,8,\n";
    let rows = sgz::io::scores::read_csv("hand.csv", text).expect("reads");
    let sections = sgz::io::scores::sections(&rows).expect("sections");

    let outsider = Actor {
        name: "o".into(),
        role: UserRole::Editor,
        scope: Some("4201".into()),
    };
    let err = sgz::commands::scores::plan_import(
        &net,
        &profiles,
        &stored,
        &outsider,
        &sections,
        sgz::i18n::Lang::En,
    )
    .expect_err("denied");
    assert_eq!(err.len(), 2);
    assert!(
        err[0].starts_with("hand.csv:2: not allowed: o may not edit 330302001"),
        "{err:?}"
    );

    let plan = sgz::commands::scores::plan_import(
        &net,
        &profiles,
        &stored,
        &editor("alice"),
        &sections,
        sgz::i18n::Lang::En,
    )
    .expect("plans");
    assert_eq!(plan.sheets.len(), 2);
    assert_eq!(plan.sheets[0].existing, Some((1, 1)));
    assert_eq!(
        plan.sheets[0].scores,
        BTreeMap::from([("mgmt-plan".to_string(), 7.0)])
    );
    assert_eq!(
        plan.sheets[1].existing, None,
        "the end-term sheet is created"
    );
    assert_eq!(
        plan.sheets[1].template, "wenzhou-2021",
        "from the policy bound to the site"
    );
    assert_eq!(
        (plan.sheets[1].total, plan.sheets[1].grade),
        (None, None),
        "incomplete: no total"
    );

    let wrong = "区划代码(division_code),年度(year),阶段(phase),模板(template)\n330302001,2024,年度,ningxia-2021\n";
    let rows = sgz::io::scores::read_csv("hand.csv", wrong).expect("reads");
    let err = sgz::commands::scores::plan_import(
        &net,
        &profiles,
        &stored,
        &editor("alice"),
        &sgz::io::scores::sections(&rows).expect("sections"),
        sgz::i18n::Lang::En,
    )
    .expect_err("wrong template");
    assert!(
        err[0].contains("under the policy wenzhou-2021, not ningxia-2021"),
        "{err:?}"
    );
}
