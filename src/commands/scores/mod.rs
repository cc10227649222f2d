//! `sgz export scores` and `sgz import scores`: wiring between the files (io::scores), the
//! store and the templates. An import is checked whole against the database first; any bad
//! row stops it, every bad row is reported, and the good ones go in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::cli::{ExportArgs, Format};
use crate::commands::Ctx;
use crate::domain::evaluation::fmt_score;
use crate::domain::network::Network;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;
use crate::i18n::Lang;
use crate::io::scores::{self as files, export_sections, RawSection};
use crate::store::{ImportSummary, Store};

mod plan;
pub use plan::{plan_import, ImportPlan};

/// `sgz export scores`: called from `commands::export` with the loaded network and scope.
pub fn export_scores(
    ctx: &Ctx,
    store: &Store,
    net: &Network,
    within: &dyn Fn(&str) -> bool,
    a: &ExportArgs,
) -> Result<()> {
    let scores = store.scores_under("")?;
    let sections = export_sections(net, &ctx.profiles, &scores, within, ctx.lang);
    let note = net
        .synthetic
        .then(|| crate::i18n::common::SYNTHETIC_NOTE.get(ctx.lang));
    let bytes = match Format::from(a.format) {
        Format::Csv => files::write_csv(&sections, note)?,
        Format::Xlsx => files::write_xlsx(&sections, note)?,
        Format::Json => files::write_json(&sections, net.synthetic, note)?,
        f => {
            let format = format!("{f:?}").to_lowercase();
            return Err(Error::Invalid(
                msg::SCORE_FORMATS.fill(ctx.lang, &[("format", &format)]),
            ));
        }
    };
    let n: usize = sections.iter().map(|s| s.rows.len()).sum();
    match &a.output {
        Some(p) => {
            crate::io::exports::write(p, &bytes)?;
            let (templates, path) = (sections.len(), p.display());
            let synthetic = note.map(|n| format!(" {n}")).unwrap_or_default();
            crate::say!(
                "{}",
                msg::SCORES_EXPORTED.fill(
                    ctx.lang,
                    &[
                        ("n", &n),
                        ("templates", &templates),
                        ("path", &path),
                        ("synthetic", &synthetic)
                    ]
                )
            );
            Ok(())
        }
        None if a.format == crate::cli::ExportFormat::Xlsx => {
            Err(Error::Invalid(msg::XLSX_NEEDS_FILE.get(ctx.lang).into()))
        }
        None => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(&bytes);
            Ok(())
        }
    }
}

/// Read a CSV (UTF-8, UTF-8 with BOM or GBK) or xlsx file into sections.
pub fn read_file(path: &Path) -> Result<Vec<RawSection>> {
    let (name, bytes) = super::input::read(path)?;
    let is_xlsx = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("xlsm"))
        || bytes.starts_with(b"PK\x03\x04");
    let grids = if is_xlsx {
        files::read_xlsx(&name, &bytes)?
    } else {
        let (text, _) = crate::io::encoding::decode(&bytes);
        vec![files::read_csv(&name, &text)?]
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for g in grids {
        match files::sections(&g) {
            Ok(s) => out.extend(s),
            // An xlsx may carry a sheet of notes (one-cell rows only): that one is skipped; a
            // sheet with data but no header is an error, never silently left out.
            Err(_)
                if is_xlsx
                    && g.iter()
                        .all(|r| r.cells.iter().skip(1).all(|c| c.trim().is_empty())) => {}
            Err(e) => errors.extend(e),
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(format!(
            "{name}: no header row found: a header starts with 区划代码(division_code)"
        ));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Rows(errors))
    }
}

/// What a plan would change, one line per value: "330302001 五马街道… 2025 mid_term:
/// mgmt-plan 6 -> 7", new sheets marked.
pub fn describe_plan(
    net: &Network,
    stored: &HashMap<i64, BTreeMap<String, f64>>,
    plan: &ImportPlan,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for sheet in &plan.sheets {
        let (code, name) = net
            .site(sheet.site_id)
            .map(|x| {
                (
                    x.division.to_string(),
                    crate::domain::text::escape(&x.name).into_owned(),
                )
            })
            .unwrap_or_default();
        let old = sheet.existing.and_then(|(id, _)| stored.get(&id));
        let new = if sheet.existing.is_none() {
            msg::PLAN_NEW_EVALUATION.get(lang)
        } else {
            ""
        };
        for (item, v) in &sheet.scores {
            let was = old.and_then(|o| o.get(item)).copied();
            if was == Some(*v) {
                continue;
            }
            let _ = writeln!(
                s,
                "{code} {name} {} {}{new}: {item} {} -> {}",
                sheet.year,
                sheet.phase.as_str(),
                was.map(fmt_score).unwrap_or_else(|| "∅".into()),
                fmt_score(*v)
            );
        }
    }
    s
}

/// `sgz import scores FILE`: all or nothing. With `dry_run`, says what would change and
/// writes nothing.
pub fn import_scores(ctx: &Ctx, file: &Path, dry_run: bool) -> Result<ImportSummary> {
    use crate::i18n::progress as steps;
    let progress = crate::commands::progress::Progress::start(ctx.lang);
    let name = file.display();
    progress.phase(steps::READ_FILE, &[("file", &name)]);
    let sections = read_file(file)?;
    let mut store = if dry_run {
        ctx.open_for_reading()?
    } else {
        ctx.open()?
    };
    let actor = ctx.actor(&store)?;
    progress.phase(steps::LOAD, &[]);
    let net = store.load_network()?;
    let stored = store.scores_under("")?;
    progress.phase(steps::CHECK_ROWS, &[]);
    let plan = plan_import(&net, &ctx.profiles, &stored, &actor, &sections, ctx.lang).map_err(
        |mut e| {
            e.push(msg::NOTHING_IMPORTED.get(ctx.lang).into());
            Error::Rows(e)
        },
    )?;
    if dry_run {
        drop(progress);
        let values: usize = plan
            .sheets
            .iter()
            .map(|sh| {
                let old = sh.existing.and_then(|(id, _)| stored.get(&id));
                sh.scores
                    .iter()
                    .filter(|(k, v)| old.and_then(|o| o.get(*k)) != Some(*v))
                    .count()
            })
            .sum();
        let created = plan
            .sheets
            .iter()
            .filter(|sh| sh.existing.is_none())
            .count();
        crate::commands::out(
            None,
            describe_plan(&net, &stored, &plan, ctx.lang).as_bytes(),
        )?;
        let (path, evaluations) = (file.display(), plan.sheets.len());
        crate::say!(
            "{}",
            msg::SCORES_DRY_RUN.fill(
                ctx.lang,
                &[
                    ("file", &path),
                    ("values", &values),
                    ("evaluations", &evaluations),
                    ("created", &created),
                    ("unchanged", &plan.unchanged),
                ]
            )
        );
        return Ok(ImportSummary::default());
    }
    let source = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    progress.phase(steps::WRITE, &[]);
    let sum = store.import_scores(&actor, &plan.sheets, &source)?;
    drop(progress);
    let (path, evaluations) = (file.display(), sum.updated + sum.created);
    crate::say!(
        "{}",
        msg::SCORES_IMPORTED.fill(
            ctx.lang,
            &[
                ("file", &path),
                ("values", &sum.values),
                ("evaluations", &evaluations),
                ("created", &sum.created),
                ("unchanged", &plan.unchanged),
            ]
        )
    );
    Ok(sum)
}
