//! Eight processes write scores to one database at once: six through the library as the TUI
//! does (a draft cell, then the whole sheet with its version check), two pairs of them on the
//! same sheet; two more run `sgz import scores` in a loop. Nobody may see an error, no
//! acknowledged save may be lost, every save is audited, and the file stays intact.
//!
//! CI runs it for 10 s; `SGZ_SOAK_SECS=60 cargo test --test concurrency` for the full minute.

mod writers;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use sgz::store::Store;
use writers::Logged;

const CHILD: &str = "library_writer";

#[test]
#[ignore = "run as a child process by the tests in this file"]
fn library_writer() {
    writers::library_writer_main();
}

fn soak() -> Duration {
    let secs = std::env::var("SGZ_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(secs)
}

/// What one CLI writer saw: (generation, value) per import that succeeded, and errors.
struct CliRun {
    sheet: i64,
    acks: Vec<f64>,
    errors: Vec<String>,
}

fn cli_writer(dir: &std::path::Path, db: &std::path::Path, sheet: i64, until: Instant) -> CliRun {
    let mut run = CliRun {
        sheet,
        acks: Vec::new(),
        errors: Vec::new(),
    };
    // The fixture scores 1 everywhere: start at 1.5 so that every import changes the sheet.
    let mut generation = 1;
    while Instant::now() < until {
        generation += 1;
        let v = writers::cli_value(generation);
        let file = writers::write_file(
            &dir.join(format!("sheet{sheet}.csv")),
            // This writer alone imports its sheet: each import it saw succeed raised the
            // version by one.
            &writers::sheets_csv(&[sheet], v, 1 + run.acks.len() as i64),
        );
        let t = Instant::now();
        let out = writers::cli_import(db, &file).output().expect("run sgz");
        if out.status.success() {
            run.acks.push(v);
        } else {
            run.errors.push(format!(
                "after {} ms: {}",
                t.elapsed().as_millis(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    run
}

#[test]
fn eight_writers_at_once_lose_nothing_and_see_no_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("scores.db");
    writers::build_db(&db, 5);
    let n_items = writers::items().len();
    let run_for = soak();
    let start = Instant::now();

    // Six library writers, two per sheet (1, 2, 3).
    let mut children = Vec::new();
    for k in 0..6u64 {
        let log = dir.path().join(format!("w{k}.log"));
        let sheet = (k / 2 + 1) as i64;
        let child = writers::spawn_library_writer(
            CHILD,
            &db,
            &format!("w{k}"),
            &[sheet],
            (k + 1) * 1_000_000_000,
            run_for,
            &log,
        );
        children.push((k, log, child));
    }
    // Two CLI writers, one each on sheets 4 and 5.
    let until = start + run_for;
    let cli: Vec<CliRun> = std::thread::scope(|s| {
        let handles: Vec<_> = [4, 5]
            .into_iter()
            .map(|sheet| {
                let (d, db) = (dir.path(), &db);
                s.spawn(move || cli_writer(d, db, sheet, until))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("cli writer"))
            .collect()
    });

    // Wait for the children, ending any that hang well past their time.
    let mut acks: BTreeMap<i64, Vec<(i64, u64)>> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut conflicts = 0;
    let mut saves_per_writer = Vec::new();
    for (k, log, mut child) in children {
        let deadline = start + run_for + Duration::from_secs(60);
        let status = loop {
            if let Some(st) = child.try_wait().expect("wait") {
                break Some(st);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut stderr);
        }
        if !status.is_some_and(|s| s.success()) {
            errors.push(format!("writer w{k} ended with {status:?}: {stderr}"));
        }
        let mut n = 0;
        for l in writers::read_log(&log) {
            match l {
                Logged::Ack {
                    sheet,
                    version,
                    value,
                } => {
                    n += 1;
                    acks.entry(sheet).or_default().push((version, value));
                }
                Logged::Conflict { .. } => conflicts += 1,
                Logged::Error(e) => errors.push(format!("w{k}: {e}")),
            }
        }
        saves_per_writer.push(n);
    }
    for c in &cli {
        errors.extend(
            c.errors
                .iter()
                .map(|e| format!("sgz import (sheet {}): {e}", c.sheet)),
        );
    }
    let elapsed = start.elapsed();
    println!(
        "{:.1} s: library saves per writer {saves_per_writer:?}, {conflicts} conflicts (retried); \
         sgz imports {:?}",
        elapsed.as_secs_f64(),
        cli.iter().map(|c| c.acks.len()).collect::<Vec<_>>()
    );
    assert!(
        errors.is_empty(),
        "{} errors, the first ones:\n{}",
        errors.len(),
        errors
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );

    let s = Store::open(&db).expect("opens");
    assert_eq!(s.integrity_check().expect("check"), "ok");
    let audit = s.audit(None, None, None, usize::MAX >> 1).expect("audit");
    let audited = |action: &str, id: i64| {
        audit
            .iter()
            .filter(|r| {
                r.action == action && r.entity == "evaluation" && r.entity_id == id.to_string()
            })
            .count()
    };

    // Shared sheets: every save got its own version, none was overwritten unseen, the last
    // one is what is stored, and each wrote one audit row per item.
    for sheet in 1..=3 {
        let mut a = acks.get(&sheet).cloned().unwrap_or_default();
        assert!(a.len() >= 2, "sheet {sheet}: only {} saves", a.len());
        a.sort();
        let versions: Vec<i64> = a.iter().map(|x| x.0).collect();
        let want: Vec<i64> = (2..2 + a.len() as i64).collect();
        assert_eq!(
            versions, want,
            "sheet {sheet}: acknowledged versions must be 2, 3, ... without gaps or repeats"
        );
        let (version, scores) = writers::sheet(&s, sheet);
        let (last_version, last_value) = a[a.len() - 1];
        assert_eq!(version, last_version, "sheet {sheet}");
        assert_eq!(
            writers::uniform(&scores),
            Some(last_value as f64),
            "sheet {sheet}: the stored scores are not the last acknowledged save: {scores:?}"
        );
        assert_eq!(
            audited("save_scores", sheet),
            a.len() * n_items,
            "sheet {sheet}: audit rows"
        );
    }
    // Imported sheets: one writer each, so the last import is what is stored.
    for c in &cli {
        assert!(!c.acks.is_empty(), "sheet {}: no import succeeded", c.sheet);
        let (version, scores) = writers::sheet(&s, c.sheet);
        assert_eq!(version, 1 + c.acks.len() as i64, "sheet {}", c.sheet);
        assert_eq!(writers::uniform(&scores), c.acks.last().copied());
        assert_eq!(
            audited("import_scores", c.sheet),
            c.acks.len() * n_items,
            "sheet {}: audit rows",
            c.sheet
        );
    }
}
