//! The only module that speaks SQLite: open -> pragmas -> migrations -> query functions.
//! Every write runs in one transaction together with its audit rows.
#![warn(missing_docs)]

mod audit;
mod read;
mod write;

pub use audit::{AuditEntry, AuditRow};
pub use read::EvalDetail;
pub use write::{
    Actor, DutyMark, ImportSummary, PolicyImport, ScoreImport, SiteImportSummary, SiteUpdate,
    StaffImportSummary, StaffUpdate, StoredPolicy, TrainingTotals, UserRole,
};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, NotSgz, Refusal, Result};

const MIGRATIONS: [&str; 10] = [
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_users_training_drafts.sql"),
    include_str!("migrations/003_search_index.sql"),
    include_str!("migrations/004_tree_cache.sql"),
    include_str!("migrations/005_staff_version.sql"),
    include_str!("migrations/006_duty_records.sql"),
    include_str!("migrations/007_policies.sql"),
    include_str!("migrations/008_evaluation_parts.sql"),
    include_str!("migrations/009_site_version.sql"),
    include_str!("migrations/010_contracts.sql"),
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

/// An open sgz database: every read and audited write goes through it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// `meta.db_id` as it was when this store opened: every write checks it is still the
    /// same, so a session whose database was replaced under it stops writing.
    db_id: Option<String>,
    /// Who scores which item of each template split among scorer roles (`with_schemes`);
    /// None until told, and then a scorer's write is refused rather than let through.
    parts: Option<write::Parts>,
    /// The province (a code prefix) this session is confined to (`confined_to`): every load
    /// of "all" divisions, sites, staff, evaluations and duty records means all of it.
    region: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

/// The first read of a file failed: not a database, or something else (locked, read-only)
/// that says what it is. "Not an sgz database: database is locked" sent people the wrong way.
fn first_read_error(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.display().to_string(),
            reason: NotSgz::NotSqlite(e.to_string()),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::NotADatabase {
            path: path.display().to_string(),
            reason: NotSgz::Other(e.to_string()),
        },
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

/// What is at a path before SQLite touches it, found with `stat` alone. Opening the file
/// with `std::fs` would be wrong here: a process that holds a SQLite connection to the file
/// (the TUI's loader and search threads open it while the main connection is live) loses all
/// of its POSIX locks on it when any descriptor of it is closed, and another client may then
/// delete the WAL under it (SQLite's "How To Corrupt An SQLite Database File", 2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Nothing,
    Empty,
    File,
}

fn look(path: &Path) -> Result<Found> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::NotADatabase {
            path: path.display().to_string(),
            reason: NotSgz::Directory,
        }),
        Ok(m) if m.len() == 0 => Ok(Found::Empty),
        Ok(_) => Ok(Found::File),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Nothing),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// A zero-byte file is never given a schema: it is someone's placeholder or a failed copy.
fn refuse_empty(path: &Path) -> Error {
    Error::NotADatabase {
        path: path.display().to_string(),
        reason: NotSgz::EmptyFile,
    }
}

/// A new token for `meta.db_id`: which database this is. It changes whenever the whole
/// contents are replaced (`init --force`, `restore`), so sessions opened before can tell.
fn new_db_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    format!("{nanos:x}-{:016x}", h.finish())
}

/// Owner-only permissions for a file sgz created (the database, its backups): staff names
/// and birth dates are personal data. SQLite gives `-wal` and `-shm` the database's mode.
pub(crate) fn owner_only(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| Error::io(path, e))
}

/// Create the directory for a new database (and its parents), the new ones owner-only.
fn create_dir_owner_only(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(dir, e))
}

impl Store {
    /// Open an sgz database and migrate it to the current schema, or create a new one where
    /// nothing is (owner-only, in an owner-only directory if the directory is new). A zero-byte
    /// file, a file that is not SQLite, and a SQLite database that is not sgz's are refused
    /// without a byte written.
    pub fn open(path: &Path) -> Result<Store> {
        let found = look(path)?;
        match found {
            Found::Empty => return Err(refuse_empty(path)),
            Found::Nothing => {
                if let Some(dir) = path.parent() {
                    create_dir_owner_only(dir)?;
                }
            }
            Found::File => {}
        }
        let conn = Connection::open(path)?;
        if found == Found::Nothing {
            owner_only(path)?;
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: false,
            db_id: None,
            parts: None,
            region: None,
        };
        store.setup(true, found == Found::Nothing)?;
        Ok(store)
    }

    /// Open without writing anything: no migration, no WAL switch. For read-only files,
    /// a database another process holds locked, or a look before restoring.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        match look(path)? {
            Found::Empty => return Err(refuse_empty(path)),
            Found::Nothing => {
                return Err(Error::io(
                    path,
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                ))
            }
            Found::File => {}
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
            db_id: None,
            parts: None,
            region: None,
        };
        store.setup(false, false)?;
        Ok(store)
    }

    /// A fresh database in memory with the current schema, for tests and the demo.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            read_only: false,
            db_id: None,
            parts: None,
            region: None,
        };
        store.setup(true, true)?;
        Ok(store)
    }

    /// `created`: the file did not exist before this open (so an empty schema is ours).
    fn setup(&mut self, write: bool, created: bool) -> Result<()> {
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
        if found == 0 && !created {
            // Version 0 in a file that was there before: SQLite, but not sgz's (an sgz
            // database has version 1 or more from its first migration).
            let tables: i64 =
                c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            return Err(Error::NotADatabase {
                path: self.path_display(),
                reason: if tables > 0 {
                    NotSgz::ForeignTables(tables)
                } else {
                    NotSgz::ForeignEmpty
                },
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
            // SQLite may open a file for reading only without a word (the file, or a `-shm`
            // another account left behind, cannot be written): find out now, not at the
            // first save. A database busy with another writer is not read-only.
            if let Err(e) = self.conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
                let _ = self.conn.execute_batch("ROLLBACK;");
                match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ReadOnly) => {
                        self.read_only = true;
                        self.db_id = self.current_db_id()?;
                        return Ok(());
                    }
                    Some(rusqlite::ErrorCode::DatabaseBusy)
                    | Some(rusqlite::ErrorCode::DatabaseLocked) => {}
                    _ => return Err(e.into()),
                }
            }
            // Which database this is; older ones get their token on the first writable open.
            if self.current_db_id()?.is_none() {
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('db_id', ?1) ON CONFLICT(key) DO NOTHING",
                    [new_db_id()],
                )?;
            }
        } else if found < SCHEMA_VERSION {
            return Err(Error::Store(format!(
                "the database has schema version {found}; open it once read-write to migrate it to {SCHEMA_VERSION}"
            )));
        }
        self.db_id = self.current_db_id()?;
        Ok(())
    }

    fn current_db_id(&self) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'db_id'", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Whether the database was replaced (`init --force`, `restore`) since this store opened
    /// it. Writes refuse then (`Error::Replaced`); a session polls this to say so at once.
    pub fn replaced(&self) -> Result<bool> {
        Ok(self.current_db_id()? != self.db_id)
    }

    /// The file this store was opened from; None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's path for messages, or `:memory:`.
    pub fn path_display(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into())
    }

    /// True when opened with `open_read_only` (every write is refused).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version stored in the file (`PRAGMA user_version`).
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

    /// SQLite's own consistency check: "ok", or the first problem it found.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Online backup to a new file, readable by its owner only.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if look(dest)? != Found::Nothing {
            return Err(Error::Refused(Refusal::BackupExists(dest.to_path_buf())));
        }
        let mut out = Connection::open(dest)?;
        owner_only(dest)?;
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
        if !self.accepts_writes() {
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
        let bad = |reason: NotSgz| Error::NotADatabase {
            path: src.display().to_string(),
            reason,
        };
        let len = std::fs::metadata(src).map_err(|e| Error::io(src, e))?.len();
        if len == 0 {
            return Err(bad(NotSgz::Empty));
        }
        let s = Store::open_read_only(src).map_err(|e| match e {
            Error::NotADatabase { .. } | Error::SchemaTooNew { .. } | Error::Io { .. } => e,
            other => bad(NotSgz::Other(other.to_string())),
        })?;
        let ok = s
            .integrity_check()
            .map_err(|e| bad(NotSgz::Other(e.to_string())))?;
        if ok != "ok" {
            return Err(bad(NotSgz::Integrity(ok)));
        }
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM divisions", [], |r| r.get(0))
            .map_err(|e| bad(NotSgz::Other(e.to_string())))?;
        Ok(n)
    }

    /// Replace this database's contents with `src` (checked first), via the backup API.
    pub fn restore_from(&mut self, actor: &Actor, src: &Path) -> Result<i64> {
        let note = format!("restored from {}", src.display());
        self.replace_contents(actor, src, "restore", &note)
    }

    /// Put the contents of the sgz database `src` in place of this one's, in place: through
    /// SQLite's backup API, so that every other session keeps a consistent file under its
    /// locks (none writes into a deleted file), and a fresh `db_id`, so that each of them
    /// refuses its next write instead of saving into data it never saw. The accounts and the
    /// service account are kept as they are now (replacing the data neither locks anyone out
    /// nor brings back a revoked grant), so is the audit trail (the history of this database
    /// outlives its contents), and
    /// the replacement is audited in the new contents as `actor`. Admin only. Returns the
    /// number of divisions of the new contents.
    pub fn replace_contents(
        &mut self,
        actor: &Actor,
        src: &Path,
        action: &str,
        note: &str,
    ) -> Result<i64> {
        actor.check_admin()?;
        self.ensure_writable()?;
        let n = Store::check_restorable(src)?;
        // What outlives the contents waits in memory beside the connection while they are
        // copied: the accounts and the service account as they are now (access is the
        // deployment's, so a restored backup neither revives a revoked grant nor drops a new
        // one) and the audit trail (the history of this database).
        self.conn.execute_batch(
            "ATTACH DATABASE ':memory:' AS kept;
             CREATE TABLE kept.users AS SELECT * FROM main.users;
             CREATE TABLE kept.meta AS SELECT * FROM main.meta WHERE key = 'service_account';
             CREATE TABLE kept.audit AS SELECT * FROM main.audit;",
        )?;
        let replaced = self.copy_in_keeping(actor, src, action, &format!("{note}; {n} divisions"));
        // Detached whatever happened, so that a retry can attach again.
        let detached = self.conn.execute_batch("DETACH DATABASE kept;");
        let id = replaced?;
        detached?;
        self.db_id = Some(id);
        Ok(n)
    }

    /// The copy of `replace_contents`, with `kept` attached: returns the new identity.
    fn copy_in_keeping(
        &mut self,
        actor: &Actor,
        src: &Path,
        action: &str,
        note: &str,
    ) -> Result<String> {
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let copied = rusqlite::backup::Backup::new(&from, &mut self.conn)
            .and_then(|b| b.run_to_completion(256, Duration::from_millis(5), None));
        drop(from);
        copied?;
        // The copy may hold an older schema (a restored backup): bring it up to date.
        if self.schema_version()? < SCHEMA_VERSION {
            migrations().to_latest(&mut self.conn)?;
        }
        let id = new_db_id();
        let path = self.path_display();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('db_id', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&id],
        )?;
        tx.execute_batch(
            "DELETE FROM main.users;
             INSERT INTO main.users SELECT * FROM kept.users;
             INSERT OR REPLACE INTO main.meta SELECT * FROM kept.meta;
             DELETE FROM main.audit;
             INSERT INTO main.audit SELECT * FROM kept.audit;",
        )?;
        tx.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, field, new) VALUES (?1, ?2, ?3, 'database', ?4, 'contents', ?5)",
            rusqlite::params![
                audit::now_stamp(),
                actor.name,
                action,
                path,
                note,
            ],
        )?;
        tx.commit()?;
        Ok(id)
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
