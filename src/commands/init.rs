//! `sgz init`: a new database (the demo, or the national list with synthetic fill), or new
//! contents for an existing one (`--force`, admins only, in place, with a backup).

use std::path::{Path, PathBuf};

use super::progress::Progress;
use super::Ctx;
use crate::cli::InitArgs;
use crate::domain::division::Tree;
use crate::domain::policy::Profile;
use crate::error::{Error, Result};
use crate::i18n::{cli as msg, progress as steps, Lang};
use crate::io::{self};
use crate::search::rebuild_search_index;
use crate::seed as demo;
use crate::store::{Actor, Store};

/// Build the demo database at `path`, which must not exist yet.
pub fn init_demo(path: &Path, profiles: &[Profile]) -> Result<Counts> {
    init_demo_in(path, profiles, Lang::default())
}

/// `init_demo`, a refusal worded in `lang`.
pub fn init_demo_in(path: &Path, profiles: &[Profile], lang: Lang) -> Result<Counts> {
    let progress = Progress::start(lang);
    progress.phase(steps::READ_DIVISIONS, &[]);
    let divisions = io::divisions::read_texts(&demo::DIVISION_TEXTS)?;
    let tree = Tree::from_divisions(&divisions);
    progress.phase(steps::GENERATE, &[]);
    let mut d = demo::generate(&tree, profiles, demo::SEED);
    let contracts = demo::contracts::generate(
        &mut d.sites,
        &d.evaluations,
        profiles,
        demo::reference_date(),
        demo::SEED,
    );
    let mut store = create_new(path, lang)?;
    let me = crate::commands::os_account()?;
    let actor = Actor::system(&me);
    progress.phase(steps::WRITE_DIVISIONS, &[]);
    store.import_divisions(&actor, &divisions, "data/divisions (seed regions)")?;
    progress.phase(steps::WRITE_RECORDS, &[]);
    store.insert_bulk(
        &actor,
        &d.sites,
        &d.staff,
        &d.evaluations,
        "demo (synthetic)",
    )?;
    let net = crate::domain::network::Network::new(tree, d.sites.clone(), vec![], vec![], true);
    let history = demo::duties::history(&net, profiles, demo::reference_date());
    store.insert_duty_history(&actor, &history, "demo duties (synthetic)")?;
    store.insert_contract_history(&actor, &contracts, "demo contracts (synthetic)")?;
    store.set_meta(&actor, "synthetic", "1")?;
    store.set_meta(
        &actor,
        "demo_reference",
        &demo::reference_date().to_string(),
    )?;
    progress.phase(steps::INDEX, &[]);
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
/// A zero-byte file is named as such: `--force` refuses it too, so the advice differs.
fn create_new(path: &Path, lang: Lang) -> Result<Store> {
    if let Ok(m) = std::fs::symlink_metadata(path) {
        let said = if m.is_file() && m.len() == 0 {
            msg::INIT_EXISTS_EMPTY
        } else {
            msg::INIT_EXISTS
        };
        let path = path.display();
        return Err(Error::Invalid(said.fill(lang, &[("path", &path)])));
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
    let replaced = store.backup_to(&backup).and_then(|()| {
        let note = format!("previous contents kept in {}", backup.display());
        store.replace_contents(&actor, &tmp, what, &note)
    });
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

pub fn init(ctx: &Ctx, a: &InitArgs) -> Result<()> {
    let profiles = ctx.profiles.clone();
    let lang = ctx.lang;
    let (what, build): (&str, Box<Build>) = if a.demo {
        (
            "init --demo --force",
            Box::new(move |p: &Path| init_demo_in(p, &profiles, lang)),
        )
    } else if let Some(dir) = a.national.clone() {
        (
            "init --national --force",
            Box::new(move |p: &Path| init_national(p, &dir, &profiles, lang)),
        )
    } else {
        let dir = a.divisions.clone();
        (
            if dir.is_some() {
                "init --divisions --force"
            } else {
                "init --force"
            },
            Box::new(move |p: &Path| init_own(p, dir.as_deref(), lang)),
        )
    };
    let exists = std::fs::symlink_metadata(&ctx.db).is_ok();
    let ((nd, ns, np, ne), replaced) = if exists && a.force {
        let (c, r) = init_over(ctx, what, build)?;
        (c, Some(r))
    } else {
        (build(&ctx.db)?, None)
    };
    let path = ctx.db.display();
    let own = !a.demo && a.national.is_none();
    let synthetic = if own {
        // A bureau's own database: nothing made up, and what to do next.
        if nd == 0 {
            msg::NEXT_IMPORT_DIVISIONS.get(ctx.lang)
        } else {
            msg::NEXT_IMPORT_SITES.get(ctx.lang)
        }
    } else {
        crate::i18n::common::SYNTHETIC_NOTE.get(ctx.lang)
    };
    let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![
        ("path", &path),
        ("divisions", &nd),
        ("sites", &ns),
        ("staff", &np),
        ("evaluations", &ne),
        ("synthetic", &synthetic),
    ];
    match replaced {
        None => crate::say!("{}", msg::INIT_CREATED.fill(ctx.lang, &args)),
        Some(r) => {
            let backup = r.backup.display();
            args.push(("backup", &backup));
            args.push(("actor", &r.actor));
            crate::say!("{}", msg::INIT_REPLACED.fill(ctx.lang, &args));
        }
    }
    Ok(())
}

/// A bureau's own database at `path` (which must not exist yet): empty, or holding the
/// division list in `dir` and nothing synthetic. The creating account is its admin.
fn init_own(path: &Path, dir: Option<&Path>, lang: Lang) -> Result<Counts> {
    let progress = Progress::start(lang);
    let divisions = match dir {
        Some(dir) => {
            progress.phase(steps::READ_DIVISIONS, &[]);
            io::divisions::read_dir(dir, lang)?
        }
        None => Vec::new(),
    };
    let mut store = create_new(path, lang)?;
    let me = crate::commands::os_account()?;
    let actor = Actor::system(&me);
    store.grant(&actor, &me, crate::store::UserRole::Admin, None)?;
    if let Some(dir) = dir {
        progress.phase(steps::WRITE_DIVISIONS, &[]);
        store.import_divisions(&actor, &divisions, &dir.display().to_string())?;
        progress.phase(steps::INDEX, &[]);
        rebuild_search_index(&mut store)?;
    }
    Ok((divisions.len(), 0, 0, 0))
}

/// The national division list with synthetic sites, staff and evaluations at national
/// density (for benchmarks), at `path`, which must not exist yet.
fn init_national(
    path: &Path,
    dir: &Path,
    profiles: &[Profile],
    lang: Lang,
) -> Result<(usize, usize, usize, usize)> {
    let progress = Progress::start(lang);
    progress.phase(steps::READ_DIVISIONS, &[]);
    let divisions = io::divisions::read_dir(dir, lang)?;
    let mut store = create_new(path, lang)?;
    let me = crate::commands::os_account()?;
    let actor = Actor::system(&me);
    progress.phase(steps::WRITE_DIVISIONS, &[]);
    store.import_divisions(&actor, &divisions, &dir.display().to_string())?;
    let tree = Tree::from_divisions(&divisions);
    progress.phase(steps::GENERATE, &[]);
    let d = demo::generate_national(&tree, profiles, demo::SEED);
    progress.phase(steps::WRITE_RECORDS, &[]);
    store.insert_bulk(
        &actor,
        &d.sites,
        &d.staff,
        &d.evaluations,
        "national density (synthetic)",
    )?;
    store.set_meta(&actor, "synthetic", "1")?;
    store.grant(&actor, &me, crate::store::UserRole::Admin, None)?;
    progress.phase(steps::INDEX, &[]);
    rebuild_search_index(&mut store)?;
    Ok((
        divisions.len(),
        d.sites.len(),
        d.staff.len(),
        d.evaluations.len(),
    ))
}
