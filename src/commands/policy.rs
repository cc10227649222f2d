//! `sgz policy list|show|check|import|export|new`: the profiles in use, the built-in five
//! and those a bureau stored in the database, and the way a bureau's own document gets in.
//!
//! A stored profile is kept as the TOML text imported, one row per version. Every process
//! reads them when it starts (`with_stored`): the newest version of an id binds, replacing a
//! built-in profile of the same id; older versions (and a replaced built-in one, as `ID@0`)
//! stay loaded without any binding, as the templates of the evaluations made with them.

use std::collections::BTreeMap;
use std::path::Path;

use super::{out, table_out, Ctx};
use crate::cli::{Format, PolicyCmd};
use crate::domain::clauses::clauses;
use crate::domain::policy::Profile;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::i18n::names::Named;
use crate::i18n::{policy as msg, Lang};
use crate::io::policy::{self as policies, Problem};
use crate::io::width::pad;
use crate::store::{Store, StoredPolicy};

/// `base` (the built-in or SGZ_POLICY_DIR profiles) with the database's stored profiles:
/// the newest version of an id in place of the base profile of that id (or after them),
/// then every superseded version as `ID@N` without bindings. A database that is not there
/// or cannot be opened adds nothing here (the command's own open says why).
pub(crate) fn with_stored(base: Vec<Profile>, db: &Path, lang: Lang) -> Result<Vec<Profile>> {
    if std::fs::symlink_metadata(db).is_err() {
        return Ok(base);
    }
    let Ok(store) = Store::open_read_only(db) else {
        return Ok(base);
    };
    let stored = store.stored_policies()?;
    drop(store);
    merge(base, &stored, lang)
}

fn retired(mut p: Profile, version: i64) -> Profile {
    p.id = format!("{}@{version}", p.id);
    p.binds_to.clear();
    p
}

fn merge(mut base: Vec<Profile>, stored: &[StoredPolicy], lang: Lang) -> Result<Vec<Profile>> {
    let mut newest: BTreeMap<&str, i64> = BTreeMap::new();
    for s in stored {
        let v = newest.entry(&s.id).or_insert(s.version);
        *v = (*v).max(s.version);
    }
    let mut old = Vec::new();
    for s in stored {
        let p = policies::check(&s.toml).map_err(|problems| {
            let problem = problems
                .first()
                .map(|p| format!("{}: {}", p.line, p.message(lang)))
                .unwrap_or_default();
            let version = s.version;
            Error::Invalid(msg::STORED_BROKEN.fill(
                lang,
                &[("id", &s.id), ("version", &version), ("problem", &problem)],
            ))
        })?;
        if newest.get(s.id.as_str()) != Some(&s.version) {
            old.push(retired(p, s.version));
            continue;
        }
        match base.iter_mut().find(|b| b.id == p.id) {
            Some(b) => old.push(retired(std::mem::replace(b, p), 0)),
            None => base.push(p),
        }
    }
    base.extend(old);
    Ok(base)
}

pub fn run(ctx: &Ctx, cmd: &PolicyCmd) -> Result<()> {
    match cmd {
        PolicyCmd::List { format } => list(ctx, Format::from(*format)),
        PolicyCmd::Show { id } => show(ctx, id),
        PolicyCmd::Check { file } => {
            let (_, p) = read_checked(ctx, file)?;
            let name = file.display().to_string();
            let total = p.evaluation.total_max();
            let n = clauses(&p).len();
            crate::show!(
                "{}",
                msg::CHECK_OK.fill(
                    ctx.lang,
                    &[
                        ("file", &escape(&name)),
                        ("id", &escape(&p.id)),
                        ("clauses", &n),
                        ("total", &total),
                    ],
                )
            );
            Ok(())
        }
        PolicyCmd::Import { file } => import(ctx, file),
        PolicyCmd::Export { id, output } => {
            let store = ctx.open_for_reading()?;
            let text = text_of(ctx, &store, id)?;
            out(output.as_deref(), text.as_bytes())
        }
        PolicyCmd::New { from, output } => {
            let store = ctx.open_for_reading()?;
            let text = text_of(ctx, &store, from)?;
            let p = find(ctx, from)?;
            let base = from.split('@').next().unwrap_or(from);
            let own = format!("id = \"{base}-own\"");
            let body: Vec<&str> = text.lines().collect();
            let mut done = false;
            let body: Vec<String> = body
                .into_iter()
                .map(|l| {
                    let t = l.trim_start();
                    if !done && (t.starts_with("id ") || t.starts_with("id=")) {
                        done = true;
                        own.clone()
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            let head = msg::NEW_HEAD.fill(ctx.lang, &[("id", &base), ("doc", &p.doc_number)]);
            let text = format!("{head}\n\n{}\n", body.join("\n"));
            out(output.as_deref(), text.as_bytes())
        }
    }
}

fn find<'a>(ctx: &'a Ctx, id: &str) -> Result<&'a Profile> {
    ctx.profiles.iter().find(|p| p.id == id).ok_or_else(|| {
        let known: Vec<&str> = ctx.profiles.iter().map(|p| p.id.as_str()).collect();
        Error::Invalid(msg::NO_POLICY.fill(
            ctx.lang,
            &[("id", &format!("{id:?}")), ("known", &known.join(", "))],
        ))
    })
}

/// Where each current profile comes from: its stored version, or none (built in or
/// SGZ_POLICY_DIR).
fn versions(store: &Store) -> Result<BTreeMap<String, i64>> {
    let mut v = BTreeMap::new();
    for s in store.stored_policies()? {
        v.insert(s.id, s.version);
    }
    Ok(v)
}

fn version_words(ctx: &Ctx, stored: &BTreeMap<String, i64>, id: &str) -> (String, String) {
    let (base, at) = match id.split_once('@') {
        Some((b, v)) => (b, v.parse::<i64>().ok()),
        None => (id, None),
    };
    match (at, stored.get(base)) {
        (Some(0), _) | (None, None) => {
            let from_dir = std::env::var_os("SGZ_POLICY_DIR").is_some_and(|d| !d.is_empty());
            let source = if from_dir {
                msg::FROM_DIR
            } else {
                msg::BUILT_IN
            };
            ("0".to_string(), source.get(ctx.lang).to_string())
        }
        (Some(v), _) => (v.to_string(), msg::STORED.get(ctx.lang).to_string()),
        (None, Some(v)) => (v.to_string(), msg::STORED.get(ctx.lang).to_string()),
    }
}

fn list(ctx: &Ctx, format: Format) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let stored = versions(&store)?;
    let rows: Vec<Vec<String>> = ctx
        .profiles
        .iter()
        .filter(|p| !p.id.contains('@'))
        .map(|p| {
            let (version, source) = version_words(ctx, &stored, &p.id);
            vec![
                p.id.clone(),
                p.doc_number.clone(),
                ctx.lang.pick(&p.issuer, &p.issuer_en).clone(),
                p.binds_to.join(" "),
                version,
                source,
            ]
        })
        .collect();
    let header: Vec<&str> = msg::LIST_HEADER.get(ctx.lang).split('|').collect();
    if format != Format::Table {
        let text = table_out(&header, rows, format, ctx.lang)?;
        return out(None, text.as_bytes());
    }
    let widths = [16, 26, 30, 14, 8, 8];
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| pad(&escape(c), w))
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end()
            .to_string()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut t = line(&head) + "\n";
    for r in &rows {
        t.push_str(&line(r));
        t.push('\n');
    }
    out(None, t.as_bytes())
}

fn show(ctx: &Ctx, id: &str) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let stored = versions(&store)?;
    let p = find(ctx, id)?;
    let lang = ctx.lang;
    let (version, source) = version_words(ctx, &stored, id);
    let phases: Vec<&str> = p.evaluation.phases.iter().map(|ph| ph.name(lang)).collect();
    let binds = if p.binds_to.is_empty() {
        "-".to_string()
    } else {
        p.binds_to.join(" ")
    };
    let head = msg::SHOW_HEAD.fill(
        lang,
        &[
            ("title", &lang.pick(&p.title, &p.title_en)),
            ("doc", &p.doc_number),
            ("issuer", &lang.pick(&p.issuer, &p.issuer_en)),
            ("issued", &p.issued),
            ("binds", &binds),
            ("version", &format!("{version} ({source})")),
            ("phases", &phases.join(lang.pick("、", ", "))),
            ("total", &p.evaluation.total_max()),
            ("items", &p.evaluation.items().count()),
        ],
    );
    let mut t = String::new();
    for l in head.lines() {
        t.push_str(&escape(l));
        t.push('\n');
    }
    t.push('\n');
    let header: Vec<&str> = msg::SHOW_HEADER.get(lang).split('|').collect();
    let row = |cells: [&str; 4]| {
        format!(
            "{} {} {} {}\n",
            pad(cells[0], 30),
            pad(cells[1], 12),
            pad(cells[2], 14),
            cells[3]
        )
    };
    t.push_str(&row([header[0], header[1], header[2], header[3]]));
    for c in clauses(p) {
        let sentence = lang.pick(&c.cite.zh, &c.cite.en);
        let sentence = match c.label {
            Some(l) => format!("[{l}] {sentence}"),
            None => sentence.to_string(),
        };
        t.push_str(&row([
            &escape(&c.cite.clause),
            msg::kind(c.kind, lang),
            msg::computed(c.computed, lang),
            &escape(&sentence),
        ]));
    }
    out(None, t.as_bytes())
}

/// The file decoded (UTF-8 with or without BOM, or GBK) and checked; every problem printed
/// with file, line and field, and an error (exit 1) when there is any.
fn read_checked(ctx: &Ctx, file: &Path) -> Result<(String, Profile)> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let (text, _) = crate::io::encoding::decode(&bytes);
    let name = file.display().to_string();
    match policies::check(&text) {
        Ok(p) => Ok((text, p)),
        Err(problems) => {
            for p in &problems {
                crate::show!("{}", problem_line(&name, p, ctx.lang));
            }
            Err(Error::Invalid(msg::CHECK_FAILED.fill(
                ctx.lang,
                &[("file", &escape(&name)), ("n", &problems.len())],
            )))
        }
    }
}

/// One problem as `policy check` prints it.
pub fn problem_line(file: &str, p: &Problem, lang: Lang) -> String {
    let field = if p.field.is_empty() { "-" } else { &p.field };
    msg::CHECK_LINE.fill(
        lang,
        &[
            ("file", &escape(file)),
            ("line", &p.line),
            ("field", &escape(field)),
            ("problem", &escape(&p.message(lang))),
        ],
    )
}

fn import(ctx: &Ctx, file: &Path) -> Result<()> {
    let mut store = ctx.open()?;
    let actor = ctx.actor(&store)?;
    // An editor hears the refusal before anything about the file.
    actor.check_admin().map_err(Error::Denied)?;
    let (text, p) = read_checked(ctx, file)?;
    let builtin = policies::embedded()?.iter().any(|b| b.id == p.id);
    let keep_old = ctx
        .profiles
        .iter()
        .find(|b| b.id == p.id)
        .is_some_and(|b| b.evaluation != p.evaluation);
    let done = store.import_policy(&actor, &p.id, &text, builtin, keep_old)?;
    let said = match done.previous {
        None => msg::IMPORTED_NEW.fill(
            ctx.lang,
            &[
                ("id", &escape(&p.id)),
                ("version", &done.version),
                ("actor", &escape(&actor.name)),
            ],
        ),
        Some(prev) => {
            let previous = if prev == 0 {
                msg::BUILT_IN.get(ctx.lang).to_string()
            } else {
                prev.to_string()
            };
            msg::IMPORTED_VERSION.fill(
                ctx.lang,
                &[
                    ("id", &escape(&p.id)),
                    ("version", &done.version),
                    ("previous", &previous),
                    ("kept", &done.kept),
                    ("template", &escape(&format!("{}@{prev}", p.id))),
                    ("actor", &escape(&actor.name)),
                ],
            )
        }
    };
    crate::say!("{said}");
    Ok(())
}

/// The TOML text of a profile: the stored one (the newest, or `ID@N`), else the built-in
/// file of that id.
fn text_of(ctx: &Ctx, store: &Store, id: &str) -> Result<String> {
    let stored = store.stored_policies()?;
    let (base, at) = match id.split_once('@') {
        Some((b, v)) => (b, v.parse::<i64>().ok()),
        None => (id, None),
    };
    let found = stored
        .iter()
        .filter(|s| s.id == base && at.is_none_or(|v| v == s.version))
        .max_by_key(|s| s.version);
    if let (Some(s), false) = (found, at == Some(0)) {
        return Ok(s.toml.clone());
    }
    for (file, text) in policies::EMBEDDED {
        if policies::parse(file, text)?.id == base {
            return Ok(text.to_string());
        }
    }
    // A profile of SGZ_POLICY_DIR has no text kept here.
    Err(match find(ctx, id) {
        Err(e) => e,
        Ok(_) => Error::Invalid(
            msg::NO_POLICY.fill(ctx.lang, &[("id", &format!("{id:?}")), ("known", &"-")]),
        ),
    })
}
