//! The command line's subcommands, one file each: the only place that wires arguments to
//! the store, the domain and the file formats. What every command shares is here: the
//! context (database, today, language, profiles, scope, acting user), output, tables.

mod audit;
mod backup;
mod check;
mod contracts;
mod divisions;
mod duties;
mod export;
pub mod exports;
mod find;
mod identity;
mod init;
mod input;
mod keys;
pub mod policy;
pub mod progress;
pub mod remote;
mod report;
pub mod scores;
mod shell;
pub mod sites;
pub mod staff;
mod tui;
mod users;

pub use audit::audit;
pub use backup::{backup, restore};
pub use check::{run as check, Checked};
pub use contracts::report_contracts;
pub use divisions::import_divisions;
pub use duties::{import_duties, report_duties, DutyPlan, DutySheet};
pub use export::export;
pub use find::find;
pub use identity::{actor_for, actor_for_in, os_account, os_account_in};
pub use init::{init, init_demo};
pub use keys::keys;
pub use report::report_coverage;
pub use shell::{completions, man};
pub use tui::tui;
pub use users::users;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::Format;
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::error::{parse_date, Error, Result};
use crate::i18n::Lang;
use crate::io::{self, policy as policies};
use crate::search;
use crate::store::{Actor, Store};

/// What every command needs: where the database is, today, language, the profiles.
pub struct Ctx {
    pub db: PathBuf,
    /// Whether the database path was given (`--db`, `SGZ_DB`) rather than the default one.
    /// Only the default path is created without being asked: a mistyped path is an error.
    pub db_explicit: bool,
    pub today: NaiveDate,
    pub lang: crate::i18n::Lang,
    pub profiles: Vec<Profile>,
    pub scope: Option<String>,
    /// The global `--as NAME` (honoured only for the service account; see `actor`).
    pub as_user: Option<String>,
}

impl Ctx {
    pub fn new(
        db: Option<PathBuf>,
        today: Option<&str>,
        lang: Lang,
        scope: Option<String>,
        as_user: Option<String>,
    ) -> Result<Ctx> {
        let today = match today {
            Some(t) => parse_date(t)?,
            None => chrono::Local::now().date_naive(),
        };
        let db_explicit = db.is_some();
        let db = db.unwrap_or_else(default_db_path);
        Ok(Ctx {
            profiles: policies::load()?,
            db_explicit,
            db,
            today,
            lang,
            scope,
            as_user,
        })
    }

    /// The profiles with those stored in the database (see `policy::with_stored`). Commands
    /// that replace or copy the database file (init, restore, backup) do without: they do not
    /// read it through SQLite before they have checked it.
    pub fn with_stored_policies(mut self) -> Result<Ctx> {
        let base = std::mem::take(&mut self.profiles);
        self.profiles = policy::with_stored(base, &self.db, self.lang)?;
        Ok(self)
    }

    /// The one way every command resolves who is acting: the OS account of the real uid, or
    /// `--as NAME` when the real account is the database's service account.
    pub fn actor(&self, store: &Store) -> Result<Actor> {
        actor_for_in(store, self.as_user.as_deref(), self.lang)
    }

    /// Who is reading, for the personal-data rule (`Actor::may_read_personal`). A database
    /// without any account yet (made by a library call, not by `sgz init`) has nobody to
    /// restrict: its reader reads as its owner.
    pub fn reader(&self, store: &Store) -> Result<Actor> {
        if store.users()?.is_empty() {
            return Ok(Actor::system(&os_account_in(self.lang)?));
        }
        self.actor(store)
    }

    /// The store, told the evaluation schemes in use so that score writes keep each scorer
    /// role to its part of a sheet.
    pub fn open(&self) -> Result<Store> {
        if std::fs::symlink_metadata(&self.db).is_err() {
            return Err(no_database(self));
        }
        Ok(Store::open(&self.db)?.with_schemes(&self.profiles))
    }

    /// For commands that only read: a file this account may not write is read read-only,
    /// as the TUI does, instead of refused.
    pub fn open_for_reading(&self) -> Result<Store> {
        match self.open() {
            Err(Error::Store(_)) => {
                Store::open_read_only(&self.db).map(|s| s.with_schemes(&self.profiles))
            }
            r => r,
        }
    }
}

/// No file at the database path: say where, and how to make one.
pub(crate) fn no_database(ctx: &Ctx) -> Error {
    let path = ctx.db.display();
    Error::Invalid(crate::i18n::cli::NO_DATABASE.fill(ctx.lang, &[("path", &path)]))
}

/// What to do next on a database without divisions or without sites (a bureau's own one,
/// just made), in the catalogue's words; None once it holds both.
pub(crate) fn next_step(store: &Store, lang: Lang) -> Result<Option<&'static str>> {
    use crate::i18n::cli as msg;
    Ok(if store.division_count()? == 0 {
        Some(msg::NEXT_IMPORT_DIVISIONS.get(lang))
    } else if store.site_count()? == 0 {
        Some(msg::NEXT_IMPORT_SITES.get(lang))
    } else {
        None
    })
}

/// `next_step` on standard error, where it does not mix with a report on standard output.
pub(crate) fn say_next_step(store: &Store, lang: Lang) -> Result<()> {
    if let Some(s) = next_step(store, lang)? {
        crate::say!("{s}");
    }
    Ok(())
}

pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "sgz")
        .map(|d| d.data_dir().join("sgz.db"))
        .unwrap_or_else(|| PathBuf::from("sgz.db"))
}

pub(crate) fn out(path: Option<&Path>, text: &[u8]) -> Result<()> {
    match path {
        // Owner-only, as every file sgz writes: reports and exports can hold personal data.
        Some(p) => io::exports::write(p, text),
        None => {
            let mut o = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = o.write_all(text);
            Ok(())
        }
    }
}

/// The scope to report on: the given one, or the single root, or the bound jurisdictions.
pub(crate) fn scope_or_root(net: &Network, scope: Option<&str>) -> Result<Option<u32>> {
    match scope {
        Some(s) => search::resolve_scope(&net.tree, s).map(Some),
        None => {
            let roots: Vec<u32> = net.tree.roots().collect();
            Ok((roots.len() == 1).then(|| roots[0]))
        }
    }
}

pub(crate) fn od(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Rows as CSV (UTF-8 with BOM so Excel and WPS read the Chinese) or JSON objects. Every
/// CSV cell goes through `sheet_cell` (controls escaped, formulas kept from running); JSON
/// escapes every unsafe character.
pub fn table_out(
    header: &[&str],
    rows: Vec<Vec<String>>,
    format: Format,
    lang: crate::i18n::Lang,
) -> Result<String> {
    match format {
        Format::Csv => {
            let mut w = io::csv::Writer::new();
            w.row(header)?;
            for r in rows {
                w.row(&r)?;
            }
            w.finish()
        }
        Format::Json => {
            let v: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .into_iter()
                .map(|r| {
                    header
                        .iter()
                        .zip(r)
                        .map(|(h, v)| (h.to_string(), serde_json::Value::String(v)))
                        .collect()
                })
                .collect();
            io::encoding::json_pretty(&serde_json::Value::from(v))
        }
        f => {
            let format = format!("{f:?}").to_lowercase();
            Err(Error::Invalid(
                crate::i18n::cli::TABLE_FORMATS.fill(lang, &[("format", &format)]),
            ))
        }
    }
}
