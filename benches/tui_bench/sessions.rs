//! Real sgz sessions side by side, each on its own pseudo-terminal, as supervisors logged in
//! over SSH would run them: memory (proportional set size, from /proc/PID/smaps_rollup, so
//! pages the sessions share are split among them), start to first frame, start to loaded,
//! CPU when idle, and the time another process's save takes to reach an open screen.

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::stats::record;

/// What a session's terminal has received: when the first and the last bytes came.
#[derive(Default)]
struct Seen {
    first: Option<Instant>,
    last: Option<Instant>,
}

struct Session {
    child: Child,
    started: Instant,
    seen: Arc<Mutex<Seen>>,
    /// The master side, kept open (closing it would hang the session up).
    master: OwnedFd,
}

fn openpty(cols: u16, rows: u16) -> Result<(OwnedFd, OwnedFd)> {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: out-pointers to two ints, no name buffer, default termios, a valid winsize.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if r != 0 {
        bail!("openpty: {}", std::io::Error::last_os_error());
    }
    for fd in [master, slave] {
        // SAFETY: fcntl on a descriptor openpty just returned.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors are open and owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) })
}

fn start(sgz: &Path, db: &Path, today: &str, scope: Option<&str>, home: &Path) -> Result<Session> {
    let (master, slave) = openpty(120, 40)?;
    let mut cmd = Command::new(sgz);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_STATE_HOME", home)
        .env("SGZ_LANG", "zh")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(["--today", today]);
    if let Some(s) = scope {
        cmd.args(["--scope", s]);
    }
    cmd.stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave));
    // SAFETY: setsid is async-signal-safe; each session gets the pty as its own terminal.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let started = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("cannot run {}", sgz.display()))?;
    drop(cmd);
    let seen = Arc::new(Mutex::new(Seen::default()));
    // Drain the terminal (a session whose output nobody reads would block), noting when.
    let mut reader = std::fs::File::from(master.try_clone()?);
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let now = Instant::now();
            if let Ok(mut s) = log.lock() {
                s.first.get_or_insert(now);
                s.last = Some(now);
            }
        }
    });
    Ok(Session {
        child,
        started,
        seen,
        master,
    })
}

/// CPU time (user + system) of a live process, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

fn ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions.
    (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).max(1) as f64
}

fn pss_mib(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let kib: f64 = s
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

/// Wait until every session has drawn and then used no CPU for `quiet`: returns, per
/// session, when it last used CPU (its start to loaded).
fn wait_loaded(sessions: &[Session], quiet: Duration, limit: Duration) -> Result<Vec<Duration>> {
    let begin = Instant::now();
    let mut last_cpu: Vec<(Option<u64>, Instant)> =
        sessions.iter().map(|s| (None, s.started)).collect();
    loop {
        let now = Instant::now();
        let mut all = true;
        for (s, (ticks, changed)) in sessions.iter().zip(last_cpu.iter_mut()) {
            let t = cpu_ticks(s.child.id());
            if t.is_none() {
                bail!("a session ended before it was loaded");
            }
            if t != *ticks {
                *ticks = t;
                *changed = now;
            }
            let drawn = s.seen.lock().map(|x| x.first.is_some()).unwrap_or(false);
            all &= drawn && now.duration_since(*changed) >= quiet;
        }
        if all {
            return Ok(sessions
                .iter()
                .zip(&last_cpu)
                .map(|(s, (_, c))| c.duration_since(s.started))
                .collect());
        }
        if begin.elapsed() > limit {
            bail!("the sessions were not idle after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `count` sessions on `db`, scopes taken in turn from `scopes` (none: nationwide). Records
/// KEY.pss (MB per session, mean), KEY.pss_max, KEY.frame and KEY.loaded (ms, slowest
/// session), KEY.idle_cpu (percent of one core per session over 2 s once loaded); with
/// `save_to_screen`, the first session shows the meeting view and a write by this process
/// is timed from its commit to the first byte the session draws (KEY.save_to_screen, ms).
#[allow(clippy::too_many_arguments)]
pub fn run(
    sgz: &Path,
    db: &Path,
    today: &str,
    scopes: &[String],
    count: usize,
    key: &str,
    save_to_screen: usize,
    out: &Path,
) -> Result<()> {
    let home = tempfile::tempdir()?;
    let mut sessions = Vec::new();
    for k in 0..count {
        let scope = (!scopes.is_empty()).then(|| scopes[k % scopes.len()].as_str());
        sessions.push(start(sgz, db, today, scope, home.path())?);
    }
    let region = scopes.first().map(String::as_str).unwrap_or("");
    let result = measure(&mut sessions, db, key, (save_to_screen, region), out);
    for s in &mut sessions {
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(s.child.id() as i32, libc::SIGTERM) };
    }
    for s in &mut sessions {
        let _ = s.child.wait();
    }
    result
}

fn measure(
    sessions: &mut [Session],
    db: &Path,
    key: &str,
    (save_to_screen, region): (usize, &str),
    out: &Path,
) -> Result<()> {
    let loaded = wait_loaded(
        sessions,
        Duration::from_millis(400),
        Duration::from_secs(600),
    )?;
    let frame = sessions
        .iter()
        .filter_map(|s| {
            let seen = s.seen.lock().ok()?;
            Some(seen.first?.duration_since(s.started))
        })
        .max()
        .context("no session drew")?;
    let pss: Vec<f64> = sessions
        .iter()
        .filter_map(|s| pss_mib(s.child.id()))
        .collect();
    if pss.len() != sessions.len() {
        bail!("could not read every session's smaps_rollup");
    }
    let before: Vec<u64> = sessions
        .iter()
        .filter_map(|s| cpu_ticks(s.child.id()))
        .collect();
    let window = Duration::from_secs(2);
    std::thread::sleep(window);
    let after: Vec<u64> = sessions
        .iter()
        .filter_map(|s| cpu_ticks(s.child.id()))
        .collect();
    let busiest = before
        .iter()
        .zip(&after)
        .map(|(b, a)| a.saturating_sub(*b))
        .max()
        .unwrap_or(0) as f64;
    let idle_cpu = busiest / ticks_per_second() / window.as_secs_f64() * 100.0;
    record(
        out,
        &format!("{key}.pss"),
        pss.iter().sum::<f64>() / pss.len() as f64,
    )?;
    record(
        out,
        &format!("{key}.pss_max"),
        pss.iter().copied().fold(0.0, f64::max),
    )?;
    record(out, &format!("{key}.frame"), ms(frame))?;
    record(
        out,
        &format!("{key}.loaded"),
        ms(loaded.iter().copied().max().unwrap_or_default()),
    )?;
    record(out, &format!("{key}.idle_cpu"), idle_cpu)?;
    println!(
        "{key}: {} sessions, PSS mean {:.1} MB, max {:.1} MB, frame {:.0} ms, loaded {:.0} ms, idle CPU {idle_cpu:.1} %",
        sessions.len(),
        pss.iter().sum::<f64>() / pss.len() as f64,
        pss.iter().copied().fold(0.0, f64::max),
        ms(frame),
        ms(loaded.iter().copied().max().unwrap_or_default()),
    );
    if save_to_screen > 0 {
        let first = sessions.first().context("no session")?;
        for _ in 0..save_to_screen {
            let took = save_reaches_screen(first, db, region)?;
            record(out, &format!("{key}.save_to_screen"), took)?;
        }
    }
    Ok(())
}

/// Show the meeting view (of a session within `region`) (its "loaded at" line changes with every reload), wait until the
/// screen is still, commit a write from this process, and time the first byte drawn after.
fn save_reaches_screen(s: &Session, db: &Path, region: &str) -> Result<f64> {
    use std::io::Write;
    let mut master = std::fs::File::from(s.master.try_clone()?);
    master.write_all(b"m")?;
    // The "loaded at" line shows seconds: a reload in the same second draws nothing new.
    std::thread::sleep(Duration::from_millis(1100));
    let still = |d: Duration| {
        s.seen
            .lock()
            .ok()
            .and_then(|x| x.last)
            .is_some_and(|l| l.elapsed() >= d)
    };
    let begin = Instant::now();
    while !still(Duration::from_millis(700)) {
        if begin.elapsed() > Duration::from_secs(30) {
            bail!("the session's screen never settled");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut store = sgz::store::Store::open(db)?;
    let actor = sgz::store::Actor::system("bench");
    let person = store
        .load_people_within(Some(&[region.to_string()]))?
        .0
        .into_iter()
        .next()
        .context("no staff to write to")?;
    let year = 2025;
    let hours = person.training.get(&year).copied().unwrap_or(0.0);
    let committed = Instant::now();
    store.record_training(&actor, person.id, year, hours + 0.5)?;
    let drawn = loop {
        let last = s.seen.lock().ok().and_then(|x| x.last);
        if let Some(l) = last.filter(|l| *l > committed) {
            break l;
        }
        if committed.elapsed() > Duration::from_secs(10) {
            bail!("the session never redrew after another process's save");
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let took = ms(drawn.duration_since(committed));
    // Put the hours back, so that repeated runs leave the database as it was.
    std::thread::sleep(Duration::from_millis(1100));
    store.record_training(&actor, person.id, year, hours)?;
    Ok(took)
}
