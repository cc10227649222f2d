//! A terminal that goes away without a SIGHUP ends sgz. When the far side of a pty closes
//! and the pty is not sgz's controlling terminal (so the kernel sends no SIGHUP), every read
//! of standard input returns at once with nothing: sgz must notice and exit, not spin on it
//! at full CPU holding its database connection.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SGZ: &str = env!("CARGO_BIN_EXE_sgz");

/// How long sgz may take to notice, and the most CPU it may burn meanwhile.
const GRACE: Duration = Duration::from_secs(5);
const MAX_CPU_AFTER_CLOSE: Duration = Duration::from_millis(1500);

/// A pty pair, 80x24, both ends close-on-exec (the child gets the slave only as its 0, 1, 2).
fn openpty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
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
    assert_eq!(r, 0, "openpty: {}", std::io::Error::last_os_error());
    for fd in [master, slave] {
        // SAFETY: fcntl on a descriptor openpty just returned.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors are open and owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// Text written to the terminal so far, CSI escape sequences left out.
fn plain(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Read the master until `needle` shows on the screen sgz draws and the screen has settled
/// (nothing more written for half a second: the first frame and the redraws after the
/// background work are done, and sgz sits waiting for a key).
fn wait_for_frame(master: &OwnedFd, needle: &str) {
    let start = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let mut last_write = Instant::now();
    while !plain(&seen).contains(needle) || last_write.elapsed() < Duration::from_millis(500) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no settled {needle:?} on the terminal after 60 s; it showed:\n{}",
            plain(&seen)
        );
        let mut p = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut p, 1, 200) } <= 0 {
            continue;
        }
        // SAFETY: reading into a buffer of the length given.
        let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        assert!(n > 0, "the terminal closed before {needle:?} showed");
        seen.extend_from_slice(&buf[..n as usize]);
        last_write = Instant::now();
    }
}

/// CPU time (user + system) a live process has used, from /proc.
fn cpu_of(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f[11].parse::<u64>().expect("utime") + f[12].parse::<u64>().expect("stime");
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / hz)
}

/// Reap `pid` if it has exited: its exit status (or 128 + signal) and its total CPU time.
fn reaped(pid: u32) -> Option<(i32, Duration)> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting on our own child, without blocking.
    let r = unsafe { libc::wait4(pid as i32, &mut status, libc::WNOHANG, &mut usage) };
    if r != pid as i32 {
        return None;
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    let t = |v: libc::timeval| Duration::new(v.tv_sec as u64, v.tv_usec as u32 * 1000);
    Some((code, t(usage.ru_utime) + t(usage.ru_stime)))
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("sgz.db");
    let out = Command::new(SGZ)
        .arg("--db")
        .arg(&db)
        .args(["init", "--demo"])
        .env("HOME", dir)
        .output()
        .expect("run sgz init --demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// sgz on the slave side of a fresh pty as its standard input, output and error, in a new
/// session with no controlling terminal (so closing the master sends no SIGHUP), started
/// with `args` after `--db DB`. Returns the master and the child; the parent keeps no copy of
/// the slave, so dropping the master leaves nobody on the other side.
fn sgz_on_a_pty(dir: &Path, db: &Path, args: &[&str]) -> (OwnedFd, std::process::Child) {
    let (master, slave) = openpty();
    let mut cmd = Command::new(SGZ);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("LANG", "C.UTF-8")
        // C.UTF-8 alone would make sgz speak English; the frame is looked for in Chinese.
        .env("SGZ_LANG", "zh")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::from(slave.try_clone().expect("dup the slave")))
        .stdout(Stdio::from(slave.try_clone().expect("dup the slave")))
        .stderr(Stdio::from(slave));
    // SAFETY: setsid is async-signal-safe. A new session with no controlling terminal: the
    // pty is only sgz's standard input and output, so closing it sends no SIGHUP.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().expect("start sgz");
    (master, child)
}

#[test]
fn a_closed_terminal_without_sighup_ends_sgz_without_spinning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let (master, mut child) =
        sgz_on_a_pty(dir.path(), &db, &["--today", "2021-12-31", "--scope", "64"]);
    let pid = child.id();

    wait_for_frame(&master, "覆盖看板");
    let before = cpu_of(pid);
    drop(master);

    let start = Instant::now();
    let ended = loop {
        if let Some(end) = reaped(pid) {
            break Some(end);
        }
        if start.elapsed() > GRACE {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let Some((code, cpu_total)) = ended else {
        let spent = cpu_of(pid).saturating_sub(before);
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "sgz still runs {GRACE:?} after its terminal closed, and used {spent:?} of CPU \
             meanwhile (it spins on end-of-file)"
        );
    };
    let spent = cpu_total.saturating_sub(before);
    assert!(
        spent < MAX_CPU_AFTER_CLOSE,
        "sgz ended, but used {spent:?} of CPU after its terminal closed"
    );
    assert_eq!(
        code,
        sgz::tui::TERMINAL_GONE_STATUS,
        "a lost terminal ends sgz with the status a hang-up gives"
    );
    // Its database is intact and holds no lock: a writer opens it at once.
    let store = sgz::store::Store::open(&db).expect("the database opens after sgz ended");
    assert!(store.accepts_writes());
}

/// A terminal that hangs up while sgz is still starting: its last words to a dead terminal
/// fail with EIO, and that must not turn into a panic (101) or an abort (134).
#[test]
fn a_terminal_gone_before_the_first_frame_ends_sgz_without_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    for wait in [0, 20, 80, 200] {
        let (master, mut child) = sgz_on_a_pty(dir.path(), &db, &["--today", "2021-12-31"]);
        std::thread::sleep(Duration::from_millis(wait));
        drop(master);
        let start = Instant::now();
        let code = loop {
            if let Some(end) = child.try_wait().expect("look at sgz") {
                use std::os::unix::process::ExitStatusExt;
                break end
                    .code()
                    .unwrap_or_else(|| 128 + end.signal().unwrap_or(0));
            }
            if start.elapsed() > GRACE {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "sgz still runs {GRACE:?} after its terminal closed {wait} ms into its start"
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // 1: it saw no terminal and said so (to nobody); 129: it saw the terminal go.
        assert!(
            code == 1 || code == sgz::tui::TERMINAL_GONE_STATUS,
            "closing the terminal {wait} ms into the start ended sgz with {code}"
        );
    }
}
