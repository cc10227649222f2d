//! The log file: `$XDG_STATE_HOME/sgz/sgz.log` (by default `~/.local/state/sgz/sgz.log`),
//! never the screen, so an admin can read what happened in a supervisor's SSH session:
//! start-up, background loads, refused writes, errors with their cause. The level comes from
//! `SGZ_LOG` (`error`, `warn`, `info`, `debug`, `trace` or `off`; default `info`). The folder is
//! made 0700 and the file 0600 (it names accounts and places). Past 10 MB it is moved to
//! `sgz.log.1` and a new one begins. If the file cannot be opened sgz runs without a log
//! rather than write to the terminal.

use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

use crate::cli::{Cli, Command};
use crate::i18n::Lang;

/// Where the log goes: `$XDG_STATE_HOME/sgz/sgz.log`, else `~/.local/state/sgz/sgz.log`.
pub fn path() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".local/state")))?;
    Some(state.join("sgz").join("sgz.log"))
}

/// `SGZ_LOG`'s level; anything unreadable is the default, info.
fn level() -> LevelFilter {
    std::env::var("SGZ_LOG")
        .ok()
        .and_then(|v| v.trim().parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO)
}

/// Start logging to the file, once, before anything else happens.
pub fn init() {
    let level = level();
    if level == LevelFilter::OFF {
        return;
    }
    let Some(path) = path() else { return };
    if let Some(dir) = path.parent() {
        if DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .is_err()
        {
            return;
        }
    }
    rotate(&path);
    let Ok(file) = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)
    else {
        return;
    };
    let subscriber = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(level)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// Past this size the log is moved to `sgz.log.1` (the one there before is dropped) and a
/// new one begins: a server where hundreds of sessions log keeps at most twice this.
pub const ROTATE_AT: u64 = 10 * 1024 * 1024;

/// Move a full log aside. Sessions still writing to it keep writing to the moved file (their
/// descriptor follows it), so nothing is lost; two sessions starting at once may both
/// rename, the second moving the first's new, nearly empty log over the full one's copy,
/// which costs one rotation's history and nothing more.
fn rotate(path: &std::path::Path) {
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= ROTATE_AT) {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        let _ = std::fs::rename(path, PathBuf::from(old));
    }
}

/// User text made safe for the log: control and direction characters escaped, so a name
/// cannot move an admin's cursor when the log is read in a terminal.
pub fn clean(s: &str) -> String {
    crate::domain::text::escape(s).into_owned()
}

/// The start-up line: who runs what, on which database, in which language.
pub fn start(cli: &Cli, lang: Lang) {
    let command = match &cli.command {
        None => "tui",
        Some(Command::Init(_)) => "init",
        Some(Command::Import(_)) => "import",
        Some(Command::Report(_)) => "report",
        Some(Command::Export(_)) => "export",
        Some(Command::Check(_)) => "check",
        Some(Command::Find(_)) => "find",
        Some(Command::Users(_)) => "users",
        Some(Command::Audit(_)) => "audit",
        Some(Command::Backup { .. }) => "backup",
        Some(Command::Restore { .. }) => "restore",
        Some(Command::Keys) => "keys",
        Some(Command::Completions { .. }) => "completions",
        Some(Command::Man) => "man",
        Some(Command::Exports(_)) => "exports",
        Some(Command::Policy(_)) => "policy",
    };
    let account = uzers::get_current_username()
        .map(|n| clean(&n.to_string_lossy()))
        .unwrap_or_default();
    let db = cli
        .db
        .as_ref()
        .map(|p| clean(&p.display().to_string()))
        .unwrap_or_else(|| "(default)".into());
    tracing::info!(
        pid = std::process::id(),
        version = env!("CARGO_PKG_VERSION"),
        command,
        account,
        as_user = cli.as_user.as_deref().map(clean).unwrap_or_default(),
        db,
        lang = ?lang,
        "start"
    );
}
