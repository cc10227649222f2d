//! Crash safety. Writers are killed with SIGKILL at random moments, in the middle of saves
//! (the library, as the TUI saves) and of `sgz import scores` runs; after each kill the file
//! must pass integrity_check and every sheet must be wholly from one save: all its items carry
//! the same generation's value. `sgz backup` taken during writes is intact, and `sgz restore`
//! refuses damaged files without touching the database.
//!
//! CI runs 20 kills; scripts/kill9.sh runs 200 (SGZ_KILL9_ITERS). SGZ_KILL9_SEED repeats a run.

mod writers;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sgz::store::Store;
use writers::Logged;

const CHILD: &str = "library_writer";

#[test]
#[ignore = "run as a child process by the tests in this file"]
fn library_writer() {
    writers::library_writer_main();
}

/// xorshift64*: enough randomness for kill times, without a dependency.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("SGZ_KILL9_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            })
            | 1;
        println!("SGZ_KILL9_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn iterations() -> usize {
    std::env::var("SGZ_KILL9_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
}

/// Open as the next user would (recovering the WAL), check the file, and return each sheet's
/// (uniform value, total, version).
fn check(db: &Path, sheets: &[i64], when: &str) -> Vec<(f64, Option<f64>)> {
    let s = Store::open(db).unwrap_or_else(|e| panic!("{when}: the database does not open: {e}"));
    assert_eq!(
        s.integrity_check().expect("integrity_check"),
        "ok",
        "{when}: integrity_check"
    );
    let n = writers::items().len() as f64;
    sheets
        .iter()
        .map(|&k| {
            let d = s.evaluation_detail(k, "checker").expect("detail");
            let v = writers::uniform(&d.evaluation.scores).unwrap_or_else(|| {
                panic!("{when}: sheet {k} mixes saves: {:?}", d.evaluation.scores)
            });
            assert_eq!(
                d.evaluation.total,
                Some(v * n),
                "{when}: sheet {k}'s total is not its items' sum"
            );
            (v, d.evaluation.total)
        })
        .collect()
}

fn kill_after(child: &mut std::process::Child, delay: Duration) -> bool {
    std::thread::sleep(delay);
    let finished = child.try_wait().expect("wait").is_some();
    let _ = child.kill();
    let _ = child.wait();
    !finished
}

#[test]
fn kill9_during_saves_and_imports_leaves_every_sheet_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("scores.db");
    writers::build_db(&db, 6);
    let lib_sheets = [1, 2, 3];
    let cli_sheets = [4, 5, 6];
    let mut rng = Rng::new();
    let mut last: Vec<f64> = vec![1.0; 3];
    let mut generation = 0;
    // How long a whole import takes here: kills are spread over that time.
    let t = Instant::now();
    let file = writers::write_file(
        &dir.path().join("whole.csv"),
        &writers::sheets_csv(
            &cli_sheets,
            writers::cli_value(generation),
            writers::version_of(&db, cli_sheets[0]),
        ),
    );
    let out = writers::cli_import(&db, &file).output().expect("run sgz");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let import_ms = t.elapsed().as_millis() as u64;
    let mut imported = writers::cli_value(generation);
    let (mut killed, mut acked, mut imports_done) = (0, 0, 0);
    let start = Instant::now();
    for i in 0..iterations() {
        if i % 2 == 0 {
            // The library writer saves sheets 1-3 in turn, each save one new generation
            // (larger than any before), until killed.
            let log = dir.path().join(format!("kill{i}.log"));
            let base = (i as u64 + 1) * 10_000_000;
            let mut child = writers::spawn_library_writer(
                CHILD,
                &db,
                "killed",
                &lib_sheets,
                base,
                Duration::from_secs(60),
                &log,
            );
            let delay = Duration::from_millis(5 + rng.below(150));
            killed += kill_after(&mut child, delay) as usize;
            let when = format!("iteration {i}, writer killed after {delay:?}");
            let now = check(&db, &lib_sheets, &when);
            for l in writers::read_log(&log) {
                match l {
                    Logged::Ack { sheet, value, .. } => {
                        acked += 1;
                        let k = (sheet - 1) as usize;
                        last[k] = last[k].max(value as f64);
                    }
                    Logged::Conflict { sheet } => panic!("{when}: a conflict on {sheet}"),
                    Logged::Error(e) => panic!("{when}: {e}"),
                }
            }
            for (k, (v, _)) in now.iter().enumerate() {
                // Acknowledged saves are kept; beyond them at most the one in flight.
                assert!(
                    *v >= last[k] && (*v == last[k] || *v > base as f64),
                    "{when}: sheet {} holds {v}, the last acknowledged save wrote {}",
                    k + 1,
                    last[k]
                );
                last[k] = *v;
            }
        } else {
            // `sgz import scores` writes sheets 4-6 in one transaction: all or none.
            generation += 1;
            while writers::cli_value(generation) == imported {
                generation += 1;
            }
            let v = writers::cli_value(generation);
            let file = writers::write_file(
                &dir.path().join("whole.csv"),
                // Sheets 4-6 are imported together only: one version for all three.
                &writers::sheets_csv(&cli_sheets, v, writers::version_of(&db, cli_sheets[0])),
            );
            let mut child = writers::cli_import(&db, &file).spawn().expect("run sgz");
            let delay = Duration::from_millis(rng.below(import_ms * 6 / 5 + 1));
            let was_running = kill_after(&mut child, delay);
            killed += was_running as usize;
            let when = format!("iteration {i}, sgz import killed after {delay:?}");
            let now = check(&db, &cli_sheets, &when);
            let values: Vec<f64> = now.iter().map(|x| x.0).collect();
            assert!(
                values.iter().all(|x| *x == values[0]) && (values[0] == v || values[0] == imported),
                "{when}: sheets 4-6 hold {values:?}; before {imported}, the import wrote {v}"
            );
            if values[0] == v {
                imports_done += 1;
            }
            imported = values[0];
        }
    }
    println!(
        "{} iterations in {:.1} s: {killed} writers killed while running, {acked} library saves \
         acknowledged, {imports_done} of {} imports complete (a whole import takes {import_ms} ms)",
        iterations(),
        start.elapsed().as_secs_f64(),
        iterations() / 2
    );
}

fn sgz(db: &Path) -> Command {
    let mut c = Command::new(writers::SGZ);
    c.env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off")
        .env_remove("SGZ_DB")
        .arg("--db")
        .arg(db);
    c
}

/// The database's files, for "nothing changed".
fn bytes_of(db: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    ["", "-wal"]
        .iter()
        .map(|s| {
            let p = PathBuf::from(format!("{}{s}", db.display()));
            let b = std::fs::read(&p).ok();
            (p, b)
        })
        .collect()
}

#[test]
fn backup_during_writes_is_intact_and_restore_refuses_damaged_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = d.join("live.db");
    writers::build_db(&db, 3);
    // Some bulk, so that a backup takes many steps while the writers commit between them.
    Store::open(&db)
        .expect("opens")
        .execute_batch_for_tests(
            "CREATE TABLE filler (x BLOB);
             WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2500)
             INSERT INTO filler SELECT randomblob(3000) FROM c;",
        )
        .expect("filler");

    let run_for = Duration::from_secs(6);
    let mut children: Vec<_> = (0..3i64)
        .map(|k| {
            writers::spawn_library_writer(
                CHILD,
                &db,
                &format!("b{k}"),
                &[k + 1],
                (k as u64 + 1) * 1_000_000_000,
                run_for,
                &d.join(format!("b{k}.log")),
            )
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut backups = Vec::new();
    for n in 0..2 {
        let file = d.join(format!("backup{n}.db"));
        let t = Instant::now();
        let out = sgz(&db).arg("backup").arg(&file).output().expect("run sgz");
        assert!(
            out.status.success(),
            "sgz backup during writes: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "backup {n} took {} ms during writes",
            t.elapsed().as_millis()
        );
        // Copied in slices, a backup restarted at every commit and finished only once the
        // writers stopped.
        for c in &mut children {
            assert!(
                c.try_wait().expect("wait").is_none(),
                "backup {n} finished only after the writers stopped ({} ms)",
                t.elapsed().as_millis()
            );
        }
        backups.push(file);
    }
    for c in &mut children {
        let st = c.wait().expect("wait");
        assert!(st.success(), "a writer failed: {st}");
    }
    for k in 0..3 {
        let errors: Vec<Logged> = writers::read_log(&d.join(format!("b{k}.log")))
            .into_iter()
            .filter(|l| matches!(l, Logged::Error(_)))
            .collect();
        assert!(errors.is_empty(), "writer b{k}: {errors:?}");
    }
    for b in &backups {
        let when = format!("backup {}", b.display());
        check(b, &[1, 2, 3], &when);
        Store::check_restorable(b).unwrap_or_else(|e| panic!("{when}: {e}"));
    }

    // Restore refuses a truncated file, a file that is not SQLite and an empty file, and
    // leaves the database as it was.
    let good = std::fs::read(&backups[0]).expect("reads");
    let damaged = [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("header-only", good[..100].to_vec()),
        (
            "not-sqlite",
            "division_code,name\n64,宁夏\n".as_bytes().to_vec(),
        ),
        ("empty", Vec::new()),
    ];
    let before = bytes_of(&db);
    for (name, bytes) in damaged {
        let file = d.join(format!("{name}.db"));
        std::fs::write(&file, &bytes).expect("write");
        let out = sgz(&db)
            .arg("restore")
            .arg(&file)
            .output()
            .expect("run sgz");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "restore of a {name} file succeeded");
        assert!(
            err.contains(&file.display().to_string()),
            "restore of a {name} file should name it: {err}"
        );
        println!("restore {name}: {}", err.trim());
        assert!(
            bytes_of(&db) == before,
            "a refused restore ({name}) changed the database"
        );
        assert_eq!(
            std::fs::read(&file).expect("reads"),
            bytes,
            "restore changed the {name} file it refused"
        );
    }

    // A good backup restores.
    let want = check(&backups[1], &[1, 2, 3], "backup 1");
    let out = sgz(&db)
        .arg("restore")
        .arg(&backups[1])
        .output()
        .expect("run sgz");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check(&db, &[1, 2, 3], "after restore"), want);
}
