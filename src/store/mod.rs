//! The only module that speaks SQLite: open -> pragmas -> migrations -> query functions.
//! Every write runs in one transaction together with its audit rows.

mod read;
mod write;

pub use read::{AuditRow, EvalDetail};
pub use write::{
    Actor, AuditEntry, ImportSummary, ScoreImport, StaffImportSummary, StaffUpdate, UserRole,
};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

const MIGRATIONS: [&str; 5] = [
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_users_training_drafts.sql"),
    include_str!("migrations/003_search_index.sql"),
    include_str!("migrations/004_tree_cache.sql"),
    include_str!("migrations/005_staff_version.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy(e.to_string())
            }
            _ => Error::Store(e.to_string()),
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Error::Store(format!("migration failed: {e}"))
    }
}

/// How long a statement waits for another process's write to finish before `Error::Busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

thread_local! {
    /// When the current wait for a lock began (the busy handler is called on the waiting thread).
    static BUSY_SINCE: std::cell::Cell<Option<std::time::Instant>> =
        const { std::cell::Cell::new(None) };
}

/// SQLite's own busy_timeout handler backs off to 100 ms sleeps: under a stream of short
/// writes from other processes, the writer that has waited longest looks least often and can
/// starve past the timeout (eight writers saving at once did, within a minute). Look again
/// every one to three milliseconds instead, until BUSY_TIMEOUT.
fn busy_wait(attempt: i32) -> bool {
    let now = std::time::Instant::now();
    let since = BUSY_SINCE.with(|s| {
        let since = match s.get() {
            Some(t) if attempt > 0 => t,
            _ => now,
        };
        s.set(Some(since));
        since
    });
    if now.duration_since(since) >= BUSY_TIMEOUT {
        return false;
    }
    // Jitter, so that waiting processes do not look in lockstep.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::thread::sleep(Duration::from_micros(1000 + u64::from(nanos % 2000)));
    true
}

/// The caches derived from the divisions, each a one-row table (id 1) of the division count
/// it was built over and its bytes. The table names are fixed here, never from input.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cache {
    SearchIndex,
    Tree,
}

impl Cache {
    fn table(self) -> &'static str {
        match self {
            Cache::SearchIndex => "search_index",
            Cache::Tree => "tree_cache",
        }
    }
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The first read of a file failed: not a database, or something else (locked, read-only)
/// that says what it is. "Not an sgz database: database is locked" sent people the wrong way.
fn first_read_error(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::NotADatabase {
                path: path.display().to_string(),
                reason: e.to_string(),
            }
        }
        _ => Error::from(e),
    }
}

/// `file:PATH?immutable=1`, the path percent-encoded for SQLite's URI parser.
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut s = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s.push_str("?immutable=1");
    s
}

/// Check that an existing file looks like SQLite before SQLite touches it.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(Error::NotADatabase {
            path: path.display().to_string(),
            reason: "the file does not start with the SQLite header".into(),
        });
    }
    Ok(())
}

impl Store {
    /// Open (creating if needed) and migrate to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        check_header(path)?;
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
        };
        store.setup(true)?;
        Ok(store)
    }

    /// Open without writing anything: no migration, no WAL switch. For read-only files,
    /// a database another process holds locked, or a look before restoring.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        check_header(path)?;
        if !path.exists() {
            return Err(Error::io(
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Reading a WAL database needs its shared-memory file, which SQLite cannot create
        // beside a file in a directory this account may not write (another account's
        // database, read-only media). With no WAL content all committed data is in the main
        // file: read that as immutable.
        let probe = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
        if let Err(e) = probe {
            let cannot_index = matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen)
            );
            let wal = PathBuf::from(format!("{}-wal", path.display()));
            let wal_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
            if !(cannot_index && wal_empty) {
                return Err(first_read_error(e, path));
            }
            conn = Connection::open_with_flags(immutable_uri(path), flags)?;
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
        };
        store.setup(false)?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            read_only: false,
        };
        store.setup(true)?;
        Ok(store)
    }

    fn setup(&mut self, write: bool) -> Result<()> {
        let c = &self.conn;
        c.busy_handler(Some(busy_wait))?;
        c.pragma_update(None, "foreign_keys", true)?;
        // Any read verifies the file really is a database.
        let found: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| first_read_error(e, Path::new(&self.path_display())))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: self.path_display(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if write {
            if self.path.is_some() {
                let mode: String = c.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
                if mode.to_lowercase() != "wal" {
                    return Err(Error::Store(format!(
                        "could not switch to WAL (got {mode})"
                    )));
                }
            }
            // FULL: a save that returned is on disk, also across a power cut.
            c.pragma_update(None, "synchronous", "FULL")?;
            if found < SCHEMA_VERSION {
                migrations().to_latest(&mut self.conn)?;
            }
        } else if found < SCHEMA_VERSION {
            return Err(Error::Store(format!(
                "the database has schema version {found}; open it once read-write to migrate it to {SCHEMA_VERSION}"
            )));
        }
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn path_display(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into())
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's data_version: changes when another connection commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Online backup to a new file.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let mut out = Connection::open(dest)?;
        let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        // All pages in one step, from one read snapshot. Copied in slices, the backup starts
        // over whenever another process commits between two slices, and under steady saves
        // it never finished. A WAL reader does not hold writers up, so one step costs nobody.
        let start = std::time::Instant::now();
        loop {
            match b.step(-1)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                _ if start.elapsed() > BUSY_TIMEOUT => {
                    return Err(Error::Busy(format!("backup to {}", dest.display())))
                }
                _ => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    }

    /// Save the search index built over the current divisions.
    pub fn set_search_index(&mut self, data: &[u8], divisions: i64) -> Result<()> {
        self.put_cache(Cache::SearchIndex, data, divisions)
    }

    /// The saved search index, if it still covers every division.
    pub fn search_index(&self) -> Result<Option<Vec<u8>>> {
        self.cache(Cache::SearchIndex)
    }

    /// Save the division tree as bytes (`Tree::to_bytes`), a cache like the search index.
    pub fn set_tree_cache(&mut self, data: &[u8], divisions: i64) -> Result<()> {
        self.put_cache(Cache::Tree, data, divisions)
    }

    /// The saved tree, if it still covers every division.
    pub(crate) fn tree_cache(&self) -> Result<Option<Vec<u8>>> {
        self.cache(Cache::Tree)
    }

    /// Write a cache derived from the divisions (one statement, no audit row: any reader may
    /// rebuild it, so a shared borrow will do; `load_tree` heals a missing tree with it).
    pub(crate) fn put_cache(&self, cache: Cache, data: &[u8], divisions: i64) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        let table = cache.table();
        self.conn.execute(
            &format!(
                "INSERT INTO {table} (id, divisions, data) VALUES (1, ?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET divisions = excluded.divisions, data = excluded.data"
            ),
            rusqlite::params![divisions, data],
        )?;
        Ok(())
    }

    /// A saved cache, if it still covers every division. Read straight into one buffer
    /// (incremental blob I/O), not through a copy SQLite holds as well.
    fn cache(&self, cache: Cache) -> Result<Option<Vec<u8>>> {
        use rusqlite::OptionalExtension;
        let table = cache.table();
        let divisions: Option<i64> = self
            .conn
            .query_row(
                &format!("SELECT divisions FROM {table} WHERE id = 1"),
                [],
                |r| r.get(0),
            )
            .optional()?;
        if divisions != Some(self.division_count()?) {
            return Ok(None);
        }
        let blob = self
            .conn
            .blob_open(rusqlite::MAIN_DB, table, "data", 1, true)?;
        let mut data = vec![0u8; blob.len()];
        blob.read_at_exact(&mut data, 0)?;
        Ok(Some(data))
    }

    /// Check a file before it replaces anything: SQLite, intact, a schema this sgz knows.
    /// Every refusal names the file.
    pub fn check_restorable(src: &Path) -> Result<i64> {
        let bad = |reason: String| Error::NotADatabase {
            path: src.display().to_string(),
            reason,
        };
        let len = std::fs::metadata(src).map_err(|e| Error::io(src, e))?.len();
        if len == 0 {
            return Err(bad("the file is empty".into()));
        }
        let s = Store::open_read_only(src).map_err(|e| match e {
            Error::NotADatabase { .. } | Error::SchemaTooNew { .. } | Error::Io { .. } => e,
            other => bad(other.to_string()),
        })?;
        let ok = s.integrity_check().map_err(|e| bad(e.to_string()))?;
        if ok != "ok" {
            return Err(bad(format!("integrity check: {ok}")));
        }
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM divisions", [], |r| r.get(0))
            .map_err(|e| bad(e.to_string()))?;
        Ok(n)
    }

    /// Replace this database's contents with `src` (checked first), via the backup API.
    pub fn restore_from(&mut self, actor: &Actor, src: &Path) -> Result<i64> {
        actor.check_admin()?;
        let n = Store::check_restorable(src)?;
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let b = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            b.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        self.conn.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, field, new) VALUES (?1, ?2, 'restore', 'database', ?3, 'divisions', ?4)",
            rusqlite::params![write::now_stamp(), actor.name, src.display().to_string(), n.to_string()],
        )?;
        Ok(n)
    }

    /// Build a database at an older schema version, for migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
        let mut conn = Connection::open(path)?;
        migrations().to_version(&mut conn, version)?;
        Ok(())
    }

    /// Run raw SQL. Tests and the benchmark use it to set up odd states; the program does not.
    #[doc(hidden)]
    pub fn execute_batch_for_tests(&self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_memory_at_current_version() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    }
}
