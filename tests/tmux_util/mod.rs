//! Drive the real `sgz` binary inside a private tmux server: a sandbox directory per test
//! (HOME, XDG_CONFIG_HOME and the database all inside it), a shell in a detached pane, keys
//! in, screens out. Waits poll the screen until the expected text shows, never fixed sleeps.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const SGZ: &str = env!("CARGO_BIN_EXE_sgz");

/// How long any one wait may take: generous, because a debug binary on a busy two-core
/// machine can take seconds to build its first screen.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The prompt of the shell in the pane, so a test can see that it is back at the shell.
pub const PROMPT: &str = "e2e$";

/// Printed by the pane's shell after sgz exits, with sgz's exit status.
pub const EXIT_MARK: &str = "SGZ-EXITED=";

/// Characters of the TUI's frame and gauges that must not survive on the shell's screen.
pub const TUI_INK: &[char] = &['─', '│', '┌', '┐', '└', '┘', '█', '▸'];

pub fn tmux_installed() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn sqlite3_installed() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// True when the test may run; otherwise prints why it is skipped. Only a missing tmux
/// skips: CI installs it.
pub fn tmux_or_skip(test: &str) -> bool {
    if tmux_installed() {
        return true;
    }
    println!("skipping {test}: tmux is not installed");
    false
}

/// One demo database per test process, made by the binary under test and copied into each
/// sandbox. Built under a private name and renamed, so a concurrent run never sees half a file.
fn demo_template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e_tmux");
        std::fs::create_dir_all(&dir).expect("create the template directory");
        let tmp = dir.join(format!("demo-{}.db.part", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let out = clean_command(SGZ, &dir)
            .arg("--db")
            .arg(&tmp)
            .args(["init", "--demo"])
            .output()
            .expect("run sgz init --demo");
        assert!(
            out.status.success(),
            "sgz init --demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let done = dir.join("demo.db");
        std::fs::rename(&tmp, &done).expect("move the demo database into place");
        done
    })
}

/// A command with a small, fixed environment: no TMUX (nesting), no colour or database
/// settings from the developer's shell, HOME and XDG_CONFIG_HOME pointing at `home`.
pub fn clean_command(program: &str, home: &Path) -> Command {
    let mut c = Command::new(program);
    c.env_clear();
    for keep in ["PATH", "USER", "LOGNAME"] {
        if let Some(v) = std::env::var_os(keep) {
            c.env(keep, v);
        }
    }
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("LANG", "C.UTF-8")
        // C.UTF-8 would make sgz speak English; the screens below are read in Chinese.
        .env("SGZ_LANG", "zh")
        .env("TERM", "xterm-256color");
    c
}

/// A temporary directory that is HOME, XDG_CONFIG_HOME and the database's home.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// No database: sgz will create the demo itself.
    pub fn empty() -> Sandbox {
        Sandbox {
            dir: tempfile::Builder::new()
                .prefix("sgz-e2e-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// A copy of the shared demo database.
    pub fn with_demo() -> Sandbox {
        let s = Sandbox::empty();
        std::fs::copy(demo_template(), s.db()).expect("copy the demo database");
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("sgz.db")
    }

    /// Where sgz puts its database when no `--db` is given (HOME is the sandbox).
    pub fn default_db(&self) -> PathBuf {
        self.path().join(".local/share/sgz/sgz.db")
    }

    /// `sgz --db DB ARGS` run directly (not in tmux), failing the test if it fails.
    pub fn cli(&self, args: &[&str]) -> Output {
        let out = clean_command(SGZ, self.path())
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .expect("run sgz");
        assert!(
            out.status.success(),
            "sgz {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn cli_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cli(args);
        serde_json::from_slice(&out.stdout).expect("sgz printed JSON")
    }

    /// Where the launcher script writes sgz's pid.
    pub fn pid_file(&self) -> PathBuf {
        self.path().join("sgz.pid")
    }
}

/// Single-quote for sh.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A private tmux server (its own socket) with one detached session running a shell.
/// Dropping it kills the server, and with it anything still running in the pane, also when
/// the test panics.
pub struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
    home: PathBuf,
    /// The pid file of the last sgz launched, to end it if the test did not.
    launched: std::cell::RefCell<Option<PathBuf>>,
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Killing the server hangs up the pane's terminal, and an sgz on a dead terminal spins
        // on instead of exiting: end it first.
        let pid_file = self.launched.borrow_mut().take();
        if let Some(pid) = pid_file
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|s| s.trim().parse().ok())
        {
            reap(pid);
        }
        let _ = self.command().arg("kill-server").output();
        // The server leaves its socket file behind.
        if let Some(p) = self.socket_path.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Tmux {
    /// A `width`x`height` session whose shell runs in the sandbox directory.
    pub fn start(label: &str, sandbox: &Sandbox, width: u16, height: u16) -> Tmux {
        let socket = format!(
            "sgz-e2e-{}-{}-{label}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut t = Tmux {
            socket,
            socket_path: None,
            home: sandbox.path().to_path_buf(),
            launched: std::cell::RefCell::new(None),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let dir = sandbox.path().to_string_lossy().into_owned();
        // -f /dev/null: no user tmux.conf. sh resets PS1 for root but reads $ENV when
        // interactive, so the prompt is set there.
        let rc = sandbox.path().join(".shrc");
        std::fs::write(&rc, format!("PS1='{PROMPT} '\n")).expect("write .shrc");
        let out = t
            .command()
            .env("ENV", &rc)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                &w,
                "-y",
                &h,
                "-c",
                &dir,
                "sh",
            ])
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = PathBuf::from(t.display("#{socket_path}"));
        t.socket_path = path.ends_with(&t.socket).then_some(path);
        // tmux may size the window from a default until told otherwise.
        t.tmux(&["resize-window", "-t", "e2e", "-x", &w, "-y", &h]);
        t.wait_for("the shell prompt", |s| s.contains(PROMPT));
        t
    }

    fn command(&self) -> Command {
        let mut c = clean_command("tmux", &self.home);
        c.args(["-u", "-L", &self.socket]);
        c
    }

    /// Run a tmux command and return its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Send tmux key names ("Enter", "Escape", "q", "]").
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Type text literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// The screen as plain text, one line per row.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// The screen with SGR escapes (colours, reverse video).
    pub fn screen_escaped(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "e2e"])
    }

    /// A tmux format for the pane, e.g. "#{alternate_on}".
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "e2e", format])
            .trim()
            .to_string()
    }

    /// Poll the screen until `ok` holds on a settled screen; fail with the last one after
    /// TIMEOUT.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            // A frame arrives in pieces: accept a screen only once it has stopped changing.
            if ok(&s) && s == last {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen was:\n{s}");
            }
            last = s;
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Start sgz from the pane's shell through a small script that records its pid and then
    /// execs it, followed by an echo of its exit status. `env` goes before the binary
    /// (NO_COLOR=1, TERM=xterm ...); `args` after `--db DB`.
    pub fn launch(&self, sandbox: &Sandbox, env: &[(&str, &str)], args: &[&str]) {
        self.launch_with(sandbox, &[], SGZ, env, args);
    }

    /// As `launch`, without `--db`: sgz uses its default path under the sandbox's HOME
    /// (`Sandbox::default_db`).
    pub fn launch_default_db(&self, sandbox: &Sandbox, env: &[(&str, &str)], args: &[&str]) {
        self.launch_on(sandbox, &[], SGZ, None, env, args)
    }

    /// `launch`, with a command that execs the rest put in front (`setpriv --reuid ...` to
    /// run as another account) and the given sgz binary.
    pub fn launch_with(
        &self,
        sandbox: &Sandbox,
        prefix: &[&str],
        sgz: &str,
        env: &[(&str, &str)],
        args: &[&str],
    ) {
        self.launch_on(sandbox, prefix, sgz, Some(&sandbox.db()), env, args)
    }

    fn launch_on(
        &self,
        sandbox: &Sandbox,
        prefix: &[&str],
        sgz: &str,
        db: Option<&Path>,
        env: &[(&str, &str)],
        args: &[&str],
    ) {
        let mut line = String::from("exec");
        for p in prefix {
            line.push(' ');
            line.push_str(&sh_quote(p));
        }
        line.push_str(" env");
        for (k, v) in env {
            line.push_str(&format!(" {k}={}", sh_quote(v)));
        }
        line.push_str(&format!(" {}", sh_quote(sgz)));
        if let Some(db) = db {
            line.push_str(&format!(" --db {}", sh_quote(&db.to_string_lossy())));
        }
        for a in args {
            line.push(' ');
            line.push_str(&sh_quote(a));
        }
        let script = format!(
            "echo $$ > {}\n{line}\n",
            sh_quote(&sandbox.pid_file().to_string_lossy())
        );
        std::fs::write(sandbox.path().join("sgz.sh"), script).expect("write the launcher");
        let _ = std::fs::remove_file(sandbox.pid_file());
        *self.launched.borrow_mut() = Some(sandbox.pid_file());
        self.type_text(&format!("sh ./sgz.sh; echo \"{EXIT_MARK}$?\""));
        self.keys(&["Enter"]);
    }

    /// Wait until sgz has exited and the shell printed its status; return it with the screen.
    pub fn wait_exit(&self) -> (i32, String) {
        let screen = self.wait_for("sgz to exit", |s| exit_status(s).is_some());
        (exit_status(&screen).unwrap_or(-1), screen)
    }

    /// After sgz exits: back on the main screen, at the prompt, no TUI left on screen, cursor
    /// shown, and the terminal in cooked mode (a typed command line runs). Returns the screen.
    pub fn assert_clean_shell(&self) -> String {
        let (_, screen) = self.wait_exit();
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen:\n{screen}"
        );
        assert_eq!(
            self.display("#{cursor_flag}"),
            "1",
            "the cursor is still hidden:\n{screen}"
        );
        let screen = self.wait_for("the prompt after sgz", |s| last_line(s).starts_with(PROMPT));
        assert!(
            !screen.contains(TUI_INK),
            "TUI characters left on the shell's screen:\n{screen}"
        );
        // In raw mode Enter would not end the line and the command would never run.
        self.type_text("echo COOKED-$((6*7))");
        self.keys(&["Enter"]);
        self.wait_text("COOKED-42");
        screen
    }

    /// The pid written by the launcher script.
    pub fn sgz_pid(&self, sandbox: &Sandbox) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(pid) = std::fs::read_to_string(sandbox.pid_file())
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return pid;
            }
            assert!(start.elapsed() < TIMEOUT, "no pid file from the launcher");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The status the shell echoed after sgz, if it has.
pub fn exit_status(screen: &str) -> Option<i32> {
    screen.lines().find_map(|l| {
        l.trim()
            .strip_prefix(EXIT_MARK)
            .and_then(|rest| rest.parse().ok())
    })
}

/// The last non-blank line.
pub fn last_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// The text drawn in reverse video on each row of an escaped capture (the selection).
pub fn reversed_text(escaped: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for line in escaped.lines() {
        let mut out = String::new();
        let mut reverse = false;
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                let mut params = String::new();
                let mut fin = ' ';
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        fin = c;
                        break;
                    }
                    params.push(c);
                }
                if fin == 'm' {
                    for code in sgr_codes(&params) {
                        match code {
                            Sgr::Reset => reverse = false,
                            Sgr::Plain(7) => reverse = true,
                            Sgr::Plain(27) => reverse = false,
                            _ => {}
                        }
                    }
                }
            } else if reverse {
                out.push(ch);
            }
        }
        rows.push(out);
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sgr {
    Reset,
    Plain(u16),
    /// A foreground or background colour: palette index (0-255), or None for 24-bit.
    Colour(Option<u16>),
}

/// Split SGR parameters, keeping 38;5;N and 38;2;R;G;B together.
pub fn sgr_codes(params: &str) -> Vec<Sgr> {
    let nums: Vec<u16> = params
        .split([';', ':'])
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < nums.len() {
        let n = nums[k];
        match n {
            0 => out.push(Sgr::Reset),
            38 | 48 | 58 => match nums.get(k + 1) {
                Some(5) => {
                    if n != 58 {
                        out.push(Sgr::Colour(nums.get(k + 2).copied()));
                    }
                    k += 2;
                }
                Some(2) => {
                    if n != 58 {
                        out.push(Sgr::Colour(None));
                    }
                    k += 4;
                }
                _ => {}
            },
            30..=37 | 40..=47 => out.push(Sgr::Colour(Some(n % 10))),
            90..=97 | 100..=107 => out.push(Sgr::Colour(Some(n % 10 + 8))),
            _ => out.push(Sgr::Plain(n)),
        }
        k += 1;
    }
    out
}

/// Every colour set anywhere on an escaped screen (palette index, None for 24-bit).
pub fn colours(escaped: &str) -> Vec<Option<u16>> {
    let mut out = Vec::new();
    for piece in escaped.split("\x1b[").skip(1) {
        let Some(end) = piece.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if piece[end..].starts_with('m') {
            out.extend(
                sgr_codes(&piece[..end])
                    .into_iter()
                    .filter_map(|c| match c {
                        Sgr::Colour(i) => Some(i),
                        _ => None,
                    }),
            );
        }
    }
    out
}

/// Whether a process exists (a signal 0 reaches it).
pub fn process_alive(pid: u32) -> bool {
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// End a leftover sgz started by a test: TERM, then KILL if it is still there after a
/// second (an sgz whose terminal is gone does not notice TERM). Only a process whose command
/// line still names the binary under test is touched.
pub fn reap(pid: u32) {
    let ours = || {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        process_alive(pid) && String::from_utf8_lossy(&cmdline).contains(SGZ)
    };
    for signal in ["TERM", "KILL"] {
        if !ours() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-s", signal, &pid.to_string()])
            .output();
        let start = Instant::now();
        while ours() && start.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
