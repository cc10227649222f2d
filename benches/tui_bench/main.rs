//! The measuring program behind benches/run.sh (issue 8). It drives the real App in-process
//! for what only the running TUI shows (first frame, keystroke latency, bytes written), times
//! whole processes (sgz and its anchors alike), and prints the table from the samples.
//!
//! Every subcommand that measures appends `key<TAB>value` lines to the run's samples file;
//! `table` reads them back. Run it through benches/run.sh.

mod counting;
mod drive;
mod sessions;
mod stats;
mod table;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tui_bench",
    about = "sgz benchmark driver (see benches/run.sh)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args)]
struct Db {
    /// The database to measure.
    #[arg(long)]
    db: PathBuf,
    /// The date to treat as today.
    #[arg(long, default_value = "2025-12-31")]
    today: String,
    /// Terminal size, WIDTHxHEIGHT.
    #[arg(long, default_value = "120x40")]
    size: String,
}

impl Db {
    fn today(&self) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(&self.today, "%Y-%m-%d")
            .with_context(|| format!("--today {:?}: expected YYYY-MM-DD", self.today))
    }
    fn size(&self) -> Result<(u16, u16)> {
        let (w, h) = self
            .size
            .split_once('x')
            .with_context(|| format!("--size {:?}: expected WIDTHxHEIGHT", self.size))?;
        Ok((w.parse()?, h.parse()?))
    }
    fn app_and_terminal(&self) -> Result<(sgz::tui::app::App, drive::Term)> {
        let (w, h) = self.size()?;
        let mut app = drive::open_app(&self.db, self.today()?)?;
        let mut term = drive::terminal(w, h)?;
        app.draw(&mut term)?;
        Ok((app, term))
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Open the database, build the App, draw the first frame, exit. Whole-process timing
    /// of this is the "start to first frame" figure; records `frame.internal` too.
    Frame {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Per-keystroke search latency over the scripted queries.
    Search {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Navigation latency and bytes per keystroke in the tree view; reload time.
    Nav {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Durable saves of one sheet; prints `eval_id N`.
    Save {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 50)]
        saves: usize,
    },
    /// A whole session for peak memory: first frame, one round of searches and navigation.
    /// Prints `peak_rss_kib N` (VmHWM) at the end.
    Session {
        #[command(flatten)]
        db: Db,
    },
    /// Time and memory of each phase of start-up and search, one after another.
    Breakdown {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write every division's search keys (name, pinyin, initials), one line each, for fzf.
    Names {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Time a whole process (fork, exec, wait; output to /dev/null), like `hyperfine -N`.
    Spawn {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        key: String,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long, default_value_t = 1)]
        warmup: usize,
        /// Feed this file on stdin.
        #[arg(long)]
        stdin: Option<PathBuf>,
        /// Exit statuses besides 0 that count as success (fzf exits 1 on no match).
        #[arg(long)]
        allow_status: Vec<i32>,
        /// Run once per value with `{}` in the command replaced by it, and record
        /// KEY.p50 and KEY.p99 over the values (instead of KEY per run).
        #[arg(long, num_args = 1..)]
        each: Vec<String>,
        #[arg(last = true, required = true)]
        cmd: Vec<String>,
    },
    /// Real sgz sessions side by side on pseudo-terminals: memory (PSS), first frame,
    /// loaded, idle CPU; with --save-to-screen N, N timings of another process's save
    /// reaching the first session's screen.
    Sessions {
        /// The sgz binary.
        #[arg(long)]
        sgz: PathBuf,
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value = "2025-12-31")]
        today: String,
        /// Each session's scope, taken in turn (none given: nationwide sessions).
        #[arg(long, value_delimiter = ',')]
        scopes: Vec<String>,
        #[arg(long, default_value_t = 1)]
        count: usize,
        /// Prefix of the recorded keys.
        #[arg(long)]
        key: String,
        #[arg(long, default_value_t = 0)]
        save_to_screen: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the table from a samples file.
    Table {
        #[arg(long)]
        samples: PathBuf,
        /// Judge the targets (not for smoke runs).
        #[arg(long)]
        judge: bool,
    },
}

/// Set in the environment of warm-up runs, so that they record nothing.
const WARMUP_ENV: &str = "SGZ_BENCH_WARMUP";

fn time_once(cmd: &[String], stdin: Option<&PathBuf>, allow: &[i32], warmup: bool) -> Result<f64> {
    let (prog, args) = cmd.split_first().context("no command to time")?;
    let mut c = Command::new(prog);
    c.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    if warmup {
        c.env(WARMUP_ENV, "1");
    }
    match stdin {
        Some(p) => {
            c.stdin(std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?)
        }
        None => c.stdin(Stdio::null()),
    };
    let t = Instant::now();
    let status = c.status().with_context(|| format!("cannot run {prog}"))?;
    let took = drive::ms(t.elapsed());
    let code = status.code().unwrap_or(-1);
    if code != 0 && !allow.contains(&code) {
        bail!("{} exited with {status}", cmd.join(" "));
    }
    Ok(took)
}

fn main() -> Result<()> {
    let start = Instant::now();
    match Cli::parse().cmd {
        Cmd::Sessions {
            sgz,
            db,
            today,
            scopes,
            count,
            key,
            save_to_screen,
            out,
        } => sessions::run(
            &sgz,
            &db,
            &today,
            &scopes,
            count,
            &key,
            save_to_screen,
            &out,
        )?,
        Cmd::Frame { db, out } => {
            let (_app, _term) = db.app_and_terminal()?;
            let took = drive::ms(start.elapsed());
            if let Some(out) = out {
                if std::env::var_os(WARMUP_ENV).is_none() {
                    stats::record(&out, "frame.internal", took)?;
                }
            }
            println!("first_frame_ms {took:.2}");
            // Exit without tearing down the network: the figure is start to first frame.
            std::process::exit(0);
        }
        Cmd::Search { db, out, rounds } => {
            let (mut app, mut term) = db.app_and_terminal()?;
            drive::settle(&mut app, start, &out)?;
            drive::search(&mut app, &mut term, rounds, &out)?;
        }
        Cmd::Nav { db, out, rounds } => {
            let (mut app, mut term) = db.app_and_terminal()?;
            drive::settle(&mut app, start, &out)?;
            drive::nav(&mut app, &mut term, rounds, &out)?;
            drive::reloads(&mut app, &out)?;
        }
        Cmd::Save { db, out, saves } => {
            let id = drive::save(&db, saves, &out)?;
            println!("eval_id {id}");
        }
        Cmd::Session { db } => {
            let (mut app, mut term) = db.app_and_terminal()?;
            let scratch =
                std::env::temp_dir().join(format!("sgz-bench-session-{}.tsv", std::process::id()));
            drive::settle(&mut app, start, &scratch)?;
            drive::search(&mut app, &mut term, 1, &scratch)?;
            drive::nav(&mut app, &mut term, 1, &scratch)?;
            let _ = std::fs::remove_file(&scratch);
            match drive::status_kib("VmHWM") {
                Some(k) => println!("peak_rss_kib {k}"),
                None => println!("peak_rss_kib unknown"),
            }
        }
        Cmd::Breakdown { db, out } => {
            drive::breakdown(&db.db, db.today()?, &out)?;
        }
        Cmd::Names { db, out } => {
            let n = drive::names(&db, &out)?;
            eprintln!("{n} names written to {}", out.display());
        }
        Cmd::Spawn {
            out,
            key,
            runs,
            warmup,
            stdin,
            allow_status,
            each,
            cmd,
        } => {
            if each.is_empty() {
                for k in 0..warmup + runs {
                    let t = time_once(&cmd, stdin.as_ref(), &allow_status, k < warmup)?;
                    if k >= warmup {
                        stats::record(&out, &key, t)?;
                    }
                }
            } else {
                for k in 0..warmup + runs {
                    let mut times = Vec::new();
                    for v in &each {
                        let c: Vec<String> = cmd.iter().map(|a| a.replace("{}", v)).collect();
                        times.push(time_once(&c, stdin.as_ref(), &allow_status, k < warmup)?);
                    }
                    if k >= warmup {
                        for (suffix, p) in [("p50", 50.0), ("p99", 99.0)] {
                            if let Some(v) = stats::percentile(&times, p) {
                                stats::record(&out, &format!("{key}.{suffix}"), v)?;
                            }
                        }
                    }
                }
            }
        }
        Cmd::Table { samples, judge } => {
            let m = stats::read(&samples)?;
            print!("{}", table::render(&m, judge));
            let extras = table::extras(&m);
            if !extras.is_empty() {
                print!("\nAlso measured (median [min–max] over runs):\n{extras}");
            }
        }
    }
    Ok(())
}
