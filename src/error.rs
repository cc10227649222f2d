//! The library's error type. Every variant says what went wrong in words a supervisor can act on.

use std::path::PathBuf;

use crate::i18n::Lang;

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
    NotADatabase { path: String, reason: NotSgz },

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

    #[error("not allowed: {}", crate::i18n::errors::denied(.0, Lang::En))]
    Denied(crate::domain::access::Denied),

    #[error("{}", crate::i18n::errors::refusal(.0, Lang::En))]
    Refused(Refusal),

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
        Error::Denied(d)
    }
}

impl Error {
    /// The error in words of the interface language, each cause said once (`Io`'s source is
    /// part of the message, so nothing should print the source chain after it).
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::errors as m;
        match self {
            Error::Store(detail) => m::STORE.fill(lang, &[("detail", detail)]),
            Error::SchemaTooNew { path, found, known } => {
                m::SCHEMA_TOO_NEW.fill(lang, &[("path", path), ("found", found), ("known", known)])
            }
            Error::NotADatabase { path, reason } => {
                let reason = reason.words(lang);
                m::NOT_A_DATABASE.fill(lang, &[("path", path), ("reason", &reason)])
            }
            Error::Busy(detail) => m::BUSY.fill(lang, &[("detail", detail)]),
            Error::Parse { .. } | Error::Rows(_) | Error::Invalid(_) => self.to_string(),
            Error::UnknownScope { query, hints } => {
                let query = format!("{query:?}");
                if hints.is_empty() {
                    m::UNKNOWN_SCOPE.fill(lang, &[("query", &query)])
                } else {
                    let hints = hints.join(lang.pick("、", ", "));
                    m::UNKNOWN_SCOPE_HINTS.fill(lang, &[("query", &query), ("hints", &hints)])
                }
            }
            Error::BadDate(date) => {
                let date = format!("{date:?}");
                m::BAD_DATE.fill(lang, &[("date", &date)])
            }
            Error::Io { path, source } => io_message(path, source, lang),
            Error::Denied(d) => {
                let detail = crate::i18n::errors::denied(d, lang);
                m::DENIED.fill(lang, &[("detail", &detail)])
            }
            Error::Refused(r) => crate::i18n::errors::refusal(r, lang),
            Error::Replaced { path } => m::REPLACED.fill(lang, &[("path", path)]),
            Error::Conflict { ours, theirs } => {
                m::CONFLICT.fill(lang, &[("ours", ours), ("theirs", theirs)])
            }
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Something the library refused or could not do, for a reason it knows by name and
/// `i18n::errors::refusal` words in the interface language.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// No site with this id.
    NoSite(i64),
    /// No staff member with this id.
    NoStaff(i64),
    /// No service contract with this id (of this site).
    NoContract(i64),
    /// A service contract the site's profile or its records refuse, every reason.
    Contract(Vec<crate::domain::contract::ContractProblem>),
    /// No evaluation with this id.
    NoEvaluation(i64),
    /// An evaluation of this year and phase exists already.
    EvaluationExists {
        /// The service year.
        year: i32,
        /// The phase, as stored.
        phase: String,
    },
    /// The evaluation already has the status asked for.
    AlreadyStatus(crate::domain::evaluation::EvalStatus),
    /// An item of a submitted part of a sheet split among scorer roles.
    PartSubmitted(crate::domain::policy::ScorerRole),
    /// A part submitted with items that have no saved score.
    PartIncomplete {
        /// The part.
        part: crate::domain::policy::ScorerRole,
        /// Its items without a score.
        empty: usize,
    },
    /// The part is already submitted (or, reopening, already a draft).
    PartAlready {
        /// The part.
        part: crate::domain::policy::ScorerRole,
        /// True: already submitted; false: already a draft.
        submitted: bool,
    },
    /// The account's scorer role (if any) fills no item of the sheet.
    NoPart(Option<crate::domain::policy::ScorerRole>),
    /// A sheet split among scorer roles is submitted and reopened part by part (an admin
    /// may do the whole sheet).
    SheetInParts,
    /// An editor granted without a jurisdiction.
    EditorNeedsScope,
    /// Training hours outside 0..=2000.
    TrainingHours(String),
    /// A backup would overwrite a file.
    BackupExists(PathBuf),
    /// The database holds no divisions to show.
    NoDivisions,
    /// The interactive view was started without a terminal.
    NeedsTerminal,
    /// Setting up or talking to the terminal failed at `step`, in the system's words.
    Terminal {
        /// What sgz was doing.
        step: TerminalStep,
        /// The system's words.
        detail: String,
    },
    /// An export asked for before the scope's data is loaded (a partial file would look
    /// complete).
    StillLoading,
    /// Writing a file format failed, in the library's words.
    Write {
        /// The format (csv, xlsx, json).
        format: &'static str,
        /// The writer's words.
        detail: String,
    },
    /// No division with this code.
    NoDivision(String),
    /// The division already has its site.
    SiteExists(String),
    /// Divisions of this level have no site of their own (provinces, cities).
    NoSiteTier(String),
    /// A site's details that cannot be written.
    SiteDetails(Vec<crate::domain::site::DetailProblem>),
    /// A status change that cannot be recorded.
    SiteStatus(crate::domain::site::StatusProblem),
    /// The site has no status change to undo.
    NoStatusToUndo(i64),
    /// The change to undo is no longer the site's last (someone recorded another).
    NotLastStatus(crate::domain::site::StatusChange),
    /// A staff edit that breaks a rule of the record.
    StaffFields(Vec<crate::domain::rules::FieldError>),
    /// Undoing a departure of someone who has not left.
    NotDeparted(i64),
    /// A workbook that is not a readable xlsx.
    NotXlsx {
        /// The file as named.
        file: String,
        /// The reader's words.
        detail: String,
    },
}

/// What sgz was doing with the terminal when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalStep {
    /// Opening the terminal (raw mode, alternate screen).
    Open,
    /// Drawing a frame.
    Draw,
    /// Reading a key.
    Input,
    /// Installing the signal handlers.
    Signals,
    /// Starting a helper thread.
    Thread,
}

/// Why a file is not an sgz database: decided where the file is looked at (the store),
/// worded here in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSgz {
    /// A directory, not a file.
    Directory,
    /// Zero bytes where a database was to be opened (sgz gives it no schema).
    EmptyFile,
    /// Zero bytes in a file offered for a restore.
    Empty,
    /// The file does not begin as SQLite files do (SQLite's words).
    NotSqlite(String),
    /// Another program's SQLite database, with this many tables.
    ForeignTables(i64),
    /// An empty SQLite database that was there before sgz opened it.
    ForeignEmpty,
    /// SQLite's integrity check found damage.
    Integrity(String),
    /// Any other reason, in SQLite's words.
    Other(String),
}

impl NotSgz {
    /// The reason in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        use crate::i18n::errors as m;
        let detail = |t: crate::i18n::Text, d: &str| t.fill(lang, &[("detail", &d)]);
        match self {
            NotSgz::Directory => m::REASON_DIRECTORY.get(lang).into(),
            NotSgz::EmptyFile => m::REASON_EMPTY_FILE.get(lang).into(),
            NotSgz::Empty => m::REASON_EMPTY.get(lang).into(),
            NotSgz::NotSqlite(d) => detail(m::REASON_NOT_SQLITE, d),
            NotSgz::ForeignTables(1) => m::REASON_FOREIGN_ONE.get(lang).into(),
            NotSgz::ForeignTables(n) => m::REASON_FOREIGN_MANY.fill(lang, &[("n", n)]),
            NotSgz::ForeignEmpty => m::REASON_FOREIGN_EMPTY.get(lang).into(),
            NotSgz::Integrity(d) => detail(m::REASON_INTEGRITY, d),
            NotSgz::Other(d) => detail(m::REASON_OTHER, d),
        }
    }
}

impl std::fmt::Display for NotSgz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

/// A failed read or write: the common reasons in the interface language, any other in the
/// system's words.
fn io_message(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    use crate::i18n::errors as m;
    use std::io::ErrorKind;
    let path = path.display();
    let said = match e.kind() {
        ErrorKind::NotFound => m::IO_NOT_FOUND,
        ErrorKind::PermissionDenied => m::IO_PERMISSION,
        ErrorKind::IsADirectory => m::IO_IS_DIRECTORY,
        _ => m::IO_OTHER,
    };
    said.fill(lang, &[("path", &path), ("detail", e)])
}

/// A failure of the terminal at `step`, in the system's words.
pub fn terminal(step: TerminalStep, e: impl std::fmt::Display) -> Error {
    Error::Refused(Refusal::Terminal {
        step,
        detail: e.to_string(),
    })
}

/// A file format's writer failed, in its own words.
pub fn write_failed(format: &'static str, e: impl std::fmt::Display) -> Error {
    Error::Refused(Refusal::Write {
        format,
        detail: e.to_string(),
    })
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Parse a date with a four-digit year (`domain::calendar::parse_date`), naming the offending
/// text on failure.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate> {
    crate::domain::calendar::parse_date(s).ok_or_else(|| Error::BadDate(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_sgz(reason: NotSgz) -> Error {
        Error::NotADatabase {
            path: "/srv/x.db".into(),
            reason,
        }
    }

    #[test]
    fn one_foreign_table_is_one_table() {
        let e = not_sgz(NotSgz::ForeignTables(1));
        assert!(e.message(Lang::En).contains("with 1 table of its own"));
        let e = not_sgz(NotSgz::ForeignTables(3));
        assert!(e.message(Lang::En).contains("with 3 tables of its own"));
        assert!(e.message(Lang::Zh).contains("3 张"));
    }

    #[test]
    fn an_unknown_reason_is_quoted_as_it_came() {
        let e = not_sgz(NotSgz::Other("database disk image is malformed".into()));
        assert!(e
            .message(Lang::Zh)
            .contains("database disk image is malformed"));
        assert!(e.message(Lang::Zh).starts_with("/srv/x.db 不是 sgz 数据库"));
    }

    #[test]
    fn an_os_error_is_said_once() {
        let src = std::io::Error::from_raw_os_error(28);
        let m = Error::io("/srv/x.db", src).message(Lang::En);
        assert_eq!(m.matches("os error 28").count(), 1, "{m}");
    }
}
