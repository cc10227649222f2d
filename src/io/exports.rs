//! Each account's export folder: where the TUI's `e`/`x` and a remote `-o NAME` put files, and
//! where `sgz exports list|get` finds them. One folder per account beside the database, so two
//! supervisors exporting the same scope on the same day never overwrite each other, and a
//! supervisor behind the SSH forced command can fetch what they exported.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file in an export folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file name.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was last written, as `YYYY-MM-DD HH:MM` local time.
    pub modified: String,
}

/// The export folder of `user` for the database at `db`: `exports/USER/` beside it. A name
/// that could leave the folder (a `/`, a leading `.`) is made harmless.
pub fn dir_for(db: &Path, user: &str) -> PathBuf {
    let safe: String = user
        .chars()
        .enumerate()
        .map(|(k, c)| match c {
            '/' | '\\' | '\0' => '_',
            '.' if k == 0 => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let safe = if safe.is_empty() { "_".into() } else { safe };
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("exports")
        .join(safe)
}

/// Create the folder (and `exports/`) readable by its owner only: exports hold personal data.
pub fn ensure(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(dir, e))
}

/// Write `bytes` to `path`, readable by its owner only (a file that exists keeps its mode:
/// the owner may have widened it on purpose).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))
}

/// The files of an export folder, newest first (none when the folder does not exist yet).
pub fn list(dir: &Path) -> Result<Vec<Entry>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|x| Error::io(dir, x))?;
        let meta = e.metadata().map_err(|x| Error::io(e.path(), x))?;
        if !meta.is_file() {
            continue;
        }
        let when: chrono::DateTime<chrono::Local> = meta
            .modified()
            .map(Into::into)
            .unwrap_or_else(|_| chrono::Local::now());
        out.push((
            when,
            Entry {
                name: e.file_name().to_string_lossy().into_owned(),
                bytes: meta.len(),
                modified: when.format("%Y-%m-%d %H:%M").to_string(),
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

/// Whether `name` is a plain file name (no folder, not hidden), the only kind `get` hands out.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_account_has_its_own_folder_beside_the_database() {
        let db = Path::new("/srv/sgz/sgz.db");
        assert_eq!(dir_for(db, "wang"), Path::new("/srv/sgz/exports/wang"));
        assert_ne!(dir_for(db, "wang"), dir_for(db, "ma"));
        assert_eq!(
            dir_for(db, "../root"),
            Path::new("/srv/sgz/exports/_._root")
        );
        assert_eq!(
            dir_for(Path::new("sgz.db"), "li"),
            Path::new("./exports/li")
        );
    }

    #[test]
    fn only_plain_names_are_handed_out() {
        assert!(plain_name("coverage-4201-2026-11-30.csv"));
        assert!(plain_name("武汉.xlsx"));
        for bad in ["", ".", "..", "../sgz.db", "a/b", ".ssh", "x\u{1b}"] {
            assert!(!plain_name(bad), "{bad:?}");
        }
    }
}
