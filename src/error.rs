//! The library's error type. Every variant says what went wrong in words a supervisor can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Store(String),

    #[error(
        "the database {path} was written by a newer sgz (schema version {found}; this sgz knows up to {known}). \
         Use a newer sgz; nothing was changed."
    )]
    SchemaTooNew {
        path: String,
        found: i64,
        known: i64,
    },

    #[error("{path} is not an sgz database: {reason}")]
    NotADatabase { path: String, reason: String },

    #[error("the database is busy (locked by another process) and stayed locked; try again: {0}")]
    Busy(String),

    #[error("{file}:{line}: {msg}")]
    Parse {
        file: String,
        line: usize,
        msg: String,
    },

    #[error("{}", .0.join("\n"))]
    Rows(Vec<String>),

    #[error("no division matches {query:?}{}", fmt_hints(.hints))]
    UnknownScope { query: String, hints: Vec<String> },

    #[error("not a valid date: {0:?} (expected YYYY-MM-DD)")]
    BadDate(String),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    Invalid(String),

    #[error("not allowed: {0}")]
    Denied(String),

    #[error(
        "the database {path} was replaced (sgz init --force or sgz restore) after this session \
         opened it; nothing was saved. Start sgz again to work on the new database."
    )]
    Replaced { path: String },

    #[error(
        "someone else saved this evaluation since you opened it (version {theirs}, yours {ours})"
    )]
    Conflict { ours: i64, theirs: i64 },
}

fn fmt_hints(h: &[String]) -> String {
    if h.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}", h.join(", "))
    }
}

impl From<crate::domain::access::Denied> for Error {
    fn from(d: crate::domain::access::Denied) -> Self {
        Error::Denied(d.0)
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Parse a YYYY-MM-DD date, naming the offending text on failure.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::BadDate(s.to_string()))
}
