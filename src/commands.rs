//! CLI commands: wiring from arguments to store, domain and report. No logic of their own.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{CoverageArgs, ExportArgs, ExportWhat, FindArgs, Format, InitArgs, Lang};
use crate::domain::coverage;
use crate::domain::division::{Level, Tree};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::error::{parse_date, Error, Result};
use crate::io::{self, coverage as report, policy as policies, width as text};
use crate::store::{Actor, Store};
use crate::{search, seed as demo};

/// What every command needs: where the database is, today, language, the profiles.
pub struct Ctx {
    pub db: PathBuf,
    /// Whether the database path was given (`--db`, `SGZ_DB`) rather than the default one.
    /// Only the default path is created without being asked: a mistyped path is an error.
    pub db_explicit: bool,
    pub today: NaiveDate,
    pub en: bool,
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
        Ok(Ctx {
            db_explicit: db.is_some(),
            db: db.unwrap_or_else(default_db_path),
            today,
            en: lang == Lang::En,
            lang: if lang == Lang::En {
                crate::i18n::Lang::En
            } else {
                crate::i18n::Lang::Zh
            },
            profiles: policies::load()?,
            scope,
            as_user,
        })
    }

    /// The one way every command resolves who is acting: the OS account of the real uid, or
    /// `--as NAME` when the real account is the database's service account.
    pub fn actor(&self, store: &Store) -> Result<Actor> {
        crate::access::actor_for(store, self.as_user.as_deref())
    }

    pub fn open(&self) -> Result<Store> {
        if std::fs::symlink_metadata(&self.db).is_err() {
            return Err(no_database(self));
        }
        Store::open(&self.db)
    }

    /// For commands that only read: a file this account may not write is read read-only,
    /// as the TUI does, instead of refused.
    pub fn open_for_reading(&self) -> Result<Store> {
        match self.open() {
            Err(Error::Store(_)) => Store::open_read_only(&self.db),
            r => r,
        }
    }
}

/// No file at the database path: say where, and how to make one.
fn no_database(ctx: &Ctx) -> Error {
    let path = ctx.db.display();
    Error::Invalid(crate::i18n::cli::NO_DATABASE.fill(ctx.lang, &[("path", &path)]))
}

pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "sgz")
        .map(|d| d.data_dir().join("sgz.db"))
        .unwrap_or_else(|| PathBuf::from("sgz.db"))
}

pub(crate) fn out(path: Option<&Path>, text: &[u8]) -> Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).map_err(|e| Error::io(p, e)),
        None => {
            let mut o = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = o.write_all(text);
            Ok(())
        }
    }
}

/// Build the demo database at `path`, which must not exist yet.
pub fn init_demo(path: &Path, profiles: &[Profile]) -> Result<(usize, usize, usize, usize)> {
    let divisions = io::divisions::read_texts(&demo::DIVISION_TEXTS)?;
    let tree = tree_of(&divisions);
    let d = demo::generate(&tree, profiles, demo::SEED);
    let mut store = create_new(path)?;
    let me = crate::identity::os_account()?;
    let actor = Actor::system(&me);
    store.import_divisions(&actor, &divisions, "data/divisions (seed regions)")?;
    store.insert_bulk(
        &actor,
        &d.sites,
        &d.staff,
        &d.evaluations,
        "demo (synthetic)",
    )?;
    store.set_meta(&actor, "synthetic", "1")?;
    store.set_meta(
        &actor,
        "demo_reference",
        &demo::reference_date().to_string(),
    )?;
    rebuild_search_index(&mut store)?;
    store.grant(&actor, &me, crate::store::UserRole::Admin, None)?;
    Ok((
        divisions.len(),
        d.sites.len(),
        d.staff.len(),
        d.evaluations.len(),
    ))
}

/// A new database where nothing is yet (never over an existing file).
fn create_new(path: &Path) -> Result<Store> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Invalid(format!(
            "{} already exists; pass --force to replace it",
            path.display()
        )));
    }
    Store::open(path)
}

/// `path` with a suffix on its file name: `sgz.db` -> `sgz.db.SUFFIX`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_db_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&p, e)),
        }
    }
    Ok(())
}

/// Divisions, sites, staff and evaluations written.
type Counts = (usize, usize, usize, usize);

/// Builds a new database at the path it is given.
type Build = dyn FnOnce(&Path) -> Result<Counts>;

/// What `init --force` did to the database that was there.
pub struct Replaced {
    pub backup: PathBuf,
    pub actor: String,
}

/// `init --force` over an existing database: only an sgz database, only by one of its
/// admins (`--as` included). The new contents are built beside it, the old ones are kept in
/// a backup, and the new ones are copied in place with SQLite's backup API (no file is
/// deleted under an open session; each of those refuses its next save).
fn init_over(ctx: &Ctx, what: &str, build: Box<Build>) -> Result<(Counts, Replaced)> {
    let mut store = Store::open(&ctx.db)?;
    let actor = ctx.actor(&store)?;
    actor.check_admin()?;
    let tmp = beside(&ctx.db, &format!("new-{}", std::process::id()));
    remove_db_files(&tmp)?;
    let built = build(&tmp);
    let counts = match built {
        Ok(c) => c,
        Err(e) => {
            let _ = remove_db_files(&tmp);
            return Err(e);
        }
    };
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let backup = beside(&ctx.db, &format!("before-init-{stamp}"));
    let replaced = store
        .backup_to(&backup)
        .and_then(|()| store.replace_contents(&actor, &tmp, what));
    remove_db_files(&tmp)?;
    replaced?;
    Ok((
        counts,
        Replaced {
            backup,
            actor: actor.name,
        },
    ))
}

/// Build the search index over every division in the store and save it, with the tree.
pub fn rebuild_search_index(store: &mut Store) -> Result<()> {
    let tree = store.load_tree()?;
    // Counted against the divisions table (orphans are left out of the tree).
    let divisions = store.division_count()?;
    store.set_tree_cache(&tree.to_bytes(), divisions)?;
    let idx = search::Index::build(&tree, &search::Readings::embedded());
    store.set_search_index(idx.as_bytes(), tree.len() as i64)
}

/// The saved search index, or one built now (and saved when the database is writable), as
/// when the saved one is missing, stale or in an older format.
pub fn search_index(store: &mut Store) -> Result<search::Index> {
    if let Some(idx) = store.search_index()?.and_then(search::Index::from_vec) {
        return Ok(idx);
    }
    let tree = store.load_tree()?;
    let idx = search::Index::build(&tree, &search::Readings::embedded());
    let _ = store.set_search_index(idx.as_bytes(), tree.len() as i64);
    Ok(idx)
}

pub fn tree_of(divisions: &[crate::domain::division::Division]) -> Tree {
    let (tree, _) = Tree::build(divisions.iter().filter_map(|d| {
        crate::domain::division::parse_code(&d.code)
            .map(|(c, l)| (c, l, d.name.clone().into_boxed_str()))
    }));
    tree
}

pub fn init(ctx: &Ctx, a: &InitArgs) -> Result<()> {
    let profiles = ctx.profiles.clone();
    let en = ctx.en;
    let (what, build): (&str, Box<Build>) = if a.demo {
        (
            "init --demo",
            Box::new(move |p: &Path| init_demo(p, &profiles)),
        )
    } else if let Some(dir) = a.national.clone() {
        (
            "init --national",
            Box::new(move |p: &Path| init_national(p, &dir, &profiles, en)),
        )
    } else {
        return Err(Error::Invalid(
            crate::i18n::cli::INIT_WHAT.get(ctx.lang).into(),
        ));
    };
    let exists = std::fs::symlink_metadata(&ctx.db).is_ok();
    let ((nd, ns, np, ne), replaced) = if exists && a.force {
        let (c, r) = init_over(ctx, what, build)?;
        (c, Some(r))
    } else {
        (build(&ctx.db)?, None)
    };
    let path = ctx.db.display();
    let synthetic = report::synthetic_note(ctx.en);
    let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![
        ("path", &path),
        ("divisions", &nd),
        ("sites", &ns),
        ("staff", &np),
        ("evaluations", &ne),
        ("synthetic", &synthetic),
    ];
    match replaced {
        None => eprintln!("{}", crate::i18n::cli::INIT_CREATED.fill(ctx.lang, &args)),
        Some(r) => {
            let backup = r.backup.display();
            args.push(("backup", &backup));
            args.push(("actor", &r.actor));
            eprintln!("{}", crate::i18n::cli::INIT_REPLACED.fill(ctx.lang, &args));
        }
    }
    Ok(())
}

/// The national division list with synthetic sites, staff and evaluations at national
/// density (for benchmarks), at `path`, which must not exist yet.
fn init_national(
    path: &Path,
    dir: &Path,
    profiles: &[Profile],
    en: bool,
) -> Result<(usize, usize, usize, usize)> {
    let divisions = io::divisions::read_dir(dir, en)?;
    let mut store = create_new(path)?;
    let me = crate::identity::os_account()?;
    let actor = Actor::system(&me);
    store.import_divisions(&actor, &divisions, &dir.display().to_string())?;
    let tree = tree_of(&divisions);
    let d = demo::generate_national(&tree, profiles, demo::SEED);
    store.insert_bulk(
        &actor,
        &d.sites,
        &d.staff,
        &d.evaluations,
        "national density (synthetic)",
    )?;
    store.set_meta(&actor, "synthetic", "1")?;
    store.grant(&actor, &me, crate::store::UserRole::Admin, None)?;
    rebuild_search_index(&mut store)?;
    Ok((
        divisions.len(),
        d.sites.len(),
        d.staff.len(),
        d.evaluations.len(),
    ))
}

pub fn import_divisions(ctx: &Ctx, dir: &Path) -> Result<()> {
    let divisions = io::divisions::read_dir(dir, ctx.en)?;
    let mut store = Store::open(&ctx.db)?;
    let actor = ctx.actor(&store)?;
    let n = store.import_divisions(&actor, &divisions, &dir.display().to_string())?;
    rebuild_search_index(&mut store)?;
    let by_level: Vec<String> = Level::ALL
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                divisions.iter().filter(|d| d.level == *l).count(),
                if ctx.en { l.name_en() } else { l.name_zh() }
            )
        })
        .collect();
    eprintln!(
        "{n} divisions imported into {} ({})",
        ctx.db.display(),
        by_level.join(", ")
    );
    Ok(())
}

/// Resolve a scope given as a code or a name; unknown names get near matches as hints.
pub fn resolve_scope(tree: &Tree, query: &str) -> Result<u32> {
    let q = query.trim();
    if let Some(i) = tree.find(q) {
        return Ok(i);
    }
    let mut idx = search::Index::build(tree, &search::Readings::embedded());
    let code = resolve_in_index(&mut idx, q)?;
    tree.find(&code).ok_or(Error::UnknownScope {
        query: q.to_string(),
        hints: vec![],
    })
}

/// The code of the best non-fuzzy match for a name (or the code itself).
pub fn resolve_in_index(idx: &mut search::Index, query: &str) -> Result<String> {
    let q = query.trim();
    if let Some(k) = idx.find(q) {
        return Ok(idx.code_of(k));
    }
    if !q.is_empty() && !q.bytes().all(|b| b.is_ascii_digit()) {
        let hits = idx.query(q, 5);
        if let Some(h) = hits.first() {
            if h.class != search::Class::Fuzzy {
                return Ok(idx.code_of(h.node));
            }
        }
        return Err(Error::UnknownScope {
            query: q.to_string(),
            hints: hits
                .iter()
                .map(|h| format!("{} {}", idx.name_of(h.node), idx.code_of(h.node)))
                .collect(),
        });
    }
    Err(Error::UnknownScope {
        query: q.to_string(),
        hints: vec![],
    })
}

/// The scope to report on: the given one, or the single root, or the bound jurisdictions.
pub(crate) fn scope_or_root(net: &Network, scope: Option<&str>) -> Result<Option<u32>> {
    match scope {
        Some(s) => resolve_scope(&net.tree, s).map(Some),
        None => {
            let roots: Vec<u32> = net.tree.roots().collect();
            Ok((roots.len() == 1).then(|| roots[0]))
        }
    }
}

pub fn report_coverage(ctx: &Ctx, a: &CoverageArgs) -> Result<()> {
    let as_of = match &a.as_of {
        Some(s) => parse_date(s)?,
        None => ctx.today,
    };
    let policy = a
        .policy
        .as_deref()
        .map(|p| policies::find(&ctx.profiles, p))
        .transpose()?;
    let mut store = ctx.open_for_reading()?;
    let binds: Vec<String> = match policy {
        Some(p) => p.binds_to.clone(),
        None => ctx
            .profiles
            .iter()
            .flat_map(|p| p.binds_to.iter().cloned())
            .collect(),
    };
    // Load only what the report reads: the scope (resolved by code, or by name on the full
    // tree) and the bound jurisdictions above it, or every bound jurisdiction for the nation.
    let scope_code: Option<String> = match ctx.scope.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(q) if crate::domain::division::parse_code(q).is_some() => Some(q.to_string()),
        Some(q) => Some(resolve_in_index(&mut search_index(&mut store)?, q)?),
    };
    let (net, reports): (Network, Vec<coverage::CoverageReport>) = match scope_code {
        Some(code) => {
            let mut prefixes = vec![code.clone()];
            prefixes.extend(
                binds
                    .iter()
                    .filter(|b| code.starts_with(b.as_str()))
                    .cloned(),
            );
            let net = store.load_coverage_within(&prefixes)?;
            let scope = net.tree.find(&code).ok_or_else(|| Error::UnknownScope {
                query: code.clone(),
                hints: vec![],
            })?;
            let r = coverage::coverage(&net, &ctx.profiles, scope, policy, as_of);
            (net, vec![r])
        }
        None => {
            let net = store.load_coverage_within(&binds)?;
            let name = if ctx.en {
                "all bound jurisdictions"
            } else {
                "全部已绑定辖区"
            };
            let r = coverage::coverage_all(&net, &ctx.profiles, policy, as_of, name);
            (net, vec![r])
        }
    };
    let text: Vec<u8> = match a.format {
        Format::Table => reports
            .iter()
            .map(|r| report::coverage_table(r, ctx.en))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        Format::Md => reports
            .iter()
            .map(|r| report::coverage_md(r, ctx.en))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        Format::Csv => {
            let mut s = String::new();
            for (k, r) in reports.iter().enumerate() {
                let c = report::coverage_csv(r, ctx.en)?;
                s.push_str(if k == 0 {
                    &c
                } else {
                    c.split_once('\n').map(|x| x.1).unwrap_or("")
                });
            }
            s.into_bytes()
        }
        Format::Json => {
            let v = if reports.len() == 1 {
                report::coverage_json(&reports[0])
            } else {
                serde_json::Value::Array(reports.iter().map(report::coverage_json).collect())
            };
            io::encoding::json_pretty(&v)?.into_bytes()
        }
        Format::Svg => {
            let r = reports
                .first()
                .ok_or_else(|| Error::Invalid("nothing to draw".into()))?;
            crate::io::svg::coverage_svg(&net, &ctx.profiles, r, ctx.en)?.into_bytes()
        }
        Format::Xlsx => {
            return Err(Error::Invalid(
                "coverage reports come as table, json, csv, md or svg".into(),
            ))
        }
    };
    out(a.output.as_deref(), &text)
}

fn od(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let net = store.load_network()?;
    let scope = scope_or_root(&net, ctx.scope.as_deref())?;
    let within = |code: &str| scope.is_none_or(|s| code.starts_with(&net.tree.node(s).code_str()));
    let text = match a.what {
        ExportWhat::Sites => export_sites(&net, ctx, a.format, &within)?,
        ExportWhat::Staff => {
            crate::staffio::export_staff(&net, &store.staff_versions()?, ctx, a.format, &within)?
        }
        ExportWhat::Scores => return crate::scoresio::export_scores(ctx, &store, &net, &within, a),
    };
    out(a.output.as_deref(), text.as_bytes())
}

fn export_sites(
    net: &Network,
    ctx: &Ctx,
    format: Format,
    within: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let header = [
        "site_id",
        "division_code",
        "division_name",
        "level",
        "urbanity",
        "tier",
        "name",
        "status_today",
        "established_on",
        "suspended_on",
        "history",
        "operator",
        "area_m2",
        "civil_reg",
        "head",
        "synthetic",
    ];
    let mut rows = Vec::new();
    for s in &net.sites {
        if !within(&s.division) {
            continue;
        }
        let Some(i) = net.tree.find(&s.division) else {
            continue;
        };
        let n = net.tree.node(i);
        let suspended = s
            .history
            .iter()
            .find(|c| c.status == crate::domain::site::SiteStatus::Suspended)
            .map(|c| c.on);
        rows.push(vec![
            s.id.to_string(),
            s.division.to_string(),
            n.name.to_string(),
            n.level.name_en().to_string(),
            format!("{:?}", n.urbanity).to_lowercase(),
            s.tier.as_str().to_string(),
            s.name.to_string(),
            s.status_on(ctx.today)
                .map(|x| x.as_str().to_string())
                .unwrap_or_default(),
            od(s.established_on()),
            od(suspended),
            s.history
                .iter()
                .map(|c| format!("{}:{}", c.status.as_str(), c.on))
                .collect::<Vec<_>>()
                .join(";"),
            s.operator.as_deref().unwrap_or_default().to_string(),
            s.area_m2.map(|a| a.to_string()).unwrap_or_default(),
            od(s.civil_reg),
            s.head.as_deref().unwrap_or_default().to_string(),
            (s.synthetic as u8).to_string(),
        ]);
    }
    table_out(&header, rows, format)
}

/// Rows as CSV (UTF-8 with BOM so Excel and WPS read the Chinese) or JSON objects. Every
/// CSV cell goes through `sheet_cell` (controls escaped, formulas kept from running); JSON
/// escapes every unsafe character.
pub fn table_out(header: &[&str], rows: Vec<Vec<String>>, format: Format) -> Result<String> {
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
        f => Err(Error::Invalid(format!(
            "this export comes as csv or json, not {f:?}"
        ))),
    }
}

pub fn find(ctx: &Ctx, a: &FindArgs) -> Result<()> {
    let mut store = ctx.open_for_reading()?;
    let mut idx = search_index(&mut store)?;
    let hits = idx.query(&a.query, a.limit);
    let sep = " › ";
    let s = match a.format {
        Format::Json => {
            let v: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({
                        "code": idx.code_of(h.node),
                        "name": idx.name_of(h.node),
                        "level": idx.level_of(h.node),
                        "path": idx.path(h.node, sep),
                        "match": format!("{:?}", h.class).to_lowercase(),
                    })
                })
                .collect();
            io::encoding::json_pretty(&serde_json::Value::from(v))?
        }
        _ => {
            let mut s = String::new();
            for h in &hits {
                use crate::domain::text::escape;
                s.push_str(&format!(
                    "{} {} {}\n",
                    text::pad(&escape(&idx.code_of(h.node)), 12),
                    text::pad(&escape(idx.name_of(h.node)), 24),
                    escape(&idx.path(h.node, sep))
                ));
            }
            if hits.is_empty() {
                eprintln!("{}", if ctx.en { "no match" } else { "没有匹配" });
            }
            s
        }
    };
    out(None, s.as_bytes())
}

/// `sgz keys`: the active keymap per mode with descriptions, then any problems.
pub fn keys(ctx: &Ctx, file: Option<&Path>) -> Result<()> {
    use crate::tui::action::Mode;
    let km = crate::tui::keymap::Keymap::load(file);
    let mut s = format!("# {}\n", km.sources.join(" + "));
    for mode in Mode::ALL {
        s.push_str(&format!("\n[{}]  # {}\n", mode.as_str(), mode.name(ctx.en)));
        for (k, a) in km.bindings(mode) {
            s.push_str(&format!(
                "{} = {}  # {}\n",
                text::pad(&format!("{:?}", k.display()), 14),
                text::pad(&format!("{:?}", a.name()), 18),
                a.describe(ctx.en)
            ));
        }
    }
    for p in &km.problems {
        eprintln!("sgz: keymap: {p}");
    }
    out(None, s.as_bytes())
}

/// `sgz` with no subcommand: the TUI. With no database yet, the demo is created first.
pub fn tui(ctx: &Ctx, keymap: Option<&Path>, query: Option<&str>) -> Result<()> {
    if ctx.db_explicit && std::fs::symlink_metadata(&ctx.db).is_err() {
        return Err(no_database(ctx));
    }
    if !ctx.db.exists() {
        let (nd, ns, np, ne) = init_demo(&ctx.db, &ctx.profiles)?;
        let path = ctx.db.display();
        let synthetic = report::synthetic_note(ctx.en);
        eprintln!(
            "{}",
            crate::i18n::cli::DEMO_CREATED.fill(
                ctx.lang,
                &[
                    ("path", &path),
                    ("divisions", &nd),
                    ("sites", &ns),
                    ("staff", &np),
                    ("evaluations", &ne),
                    ("synthetic", &synthetic),
                ]
            )
        );
    }
    let store = match Store::open(&ctx.db) {
        Ok(s) => s,
        // A read-only file or a database another process holds: read what can be read.
        Err(Error::Busy(_)) | Err(Error::Store(_)) if ctx.db.exists() => {
            Store::open_read_only(&ctx.db)?
        }
        Err(e) => return Err(e),
    };
    let actor = ctx.actor(&store)?;
    let scope = query.map(String::from).or_else(|| ctx.scope.clone());
    let export_dir = ctx
        .db
        .parent()
        .map(|p| p.join("exports"))
        .unwrap_or_else(|| PathBuf::from("exports"));
    let opts = crate::tui::app::Options {
        today: ctx.today,
        en: ctx.en,
        scope,
        keymap: crate::tui::keymap::Keymap::load(keymap),
        theme: crate::tui::theme::Theme::detect(),
        actor,
        export_dir,
        stage_above: crate::tui::app::STAGE_ABOVE,
    };
    let mut app = crate::tui::app::App::new(store, ctx.profiles.clone(), opts)?;
    crate::tui::run_terminal(&mut app)
}
