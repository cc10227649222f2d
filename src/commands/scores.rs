//! `sgz export scores` and `sgz import scores`: wiring between the files (io::scores), the
//! store and the templates. An import is checked whole against the database first; any bad
//! row stops it, every bad row is reported, and the good ones go in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::cli::{ExportArgs, Format};
use crate::commands::Ctx;
use crate::domain::coverage::binding_for;
use crate::domain::evaluation::{
    fmt_score, grade_for, normalise_digits, parse_score, EvalStatus, Evaluation,
};
use crate::domain::network::Network;
use crate::domain::policy::{Phase, Profile};
use crate::domain::site::Site;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;
use crate::io::scores::{self as files, export_sections, RawRow, RawSection};
use crate::store::{Actor, ImportSummary, ScoreImport, Store};

/// `sgz export scores`: called from `commands::export` with the loaded network and scope.
pub fn export_scores(
    ctx: &Ctx,
    store: &Store,
    net: &Network,
    within: &dyn Fn(&str) -> bool,
    a: &ExportArgs,
) -> Result<()> {
    let scores = store.scores_under("")?;
    let sections = export_sections(net, &ctx.profiles, &scores, within, ctx.en);
    let note = net
        .synthetic
        .then(|| crate::i18n::common::SYNTHETIC_NOTE.get(ctx.lang));
    let bytes = match a.format {
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
            std::fs::write(p, &bytes).map_err(|e| Error::io(p, e))?;
            let (templates, path) = (sections.len(), p.display());
            let synthetic = note.map(|n| format!(" {n}")).unwrap_or_default();
            eprintln!(
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
        None if a.format == Format::Xlsx => {
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
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
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

/// What an import will do, once every row passed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    pub sheets: Vec<ScoreImport>,
    /// Rows whose values are all already stored.
    pub unchanged: usize,
}

const MAX_ERRORS: usize = 200;

struct Col {
    idx: usize,
    id: String,
    header: String,
}

fn col<'a>(cols: &'a [Col], id: &str) -> Option<&'a Col> {
    cols.iter().find(|c| c.id == id)
}

fn cell<'a>(r: &'a RawRow, c: Option<&Col>) -> &'a str {
    c.and_then(|c| r.cells.get(c.idx))
        .map(|s| s.trim())
        .unwrap_or("")
}

fn parse_phase(s: &str) -> Option<Phase> {
    Phase::parse(s).or_else(|| {
        Phase::ALL
            .into_iter()
            .find(|p| p.name_en().eq_ignore_ascii_case(s) || p.as_str().eq_ignore_ascii_case(s))
    })
}

fn say(en: bool, zh: String, en_text: String) -> String {
    if en {
        en_text
    } else {
        zh
    }
}

/// Check every row against the database and the templates; collect all errors.
///
/// A row for an existing evaluation that would change it must carry the version the file
/// was exported at, and that must still be the stored one: otherwise someone saved the
/// sheet since and the file's values, old ones included, would overwrite theirs. A row
/// whose values equal what is stored changes nothing and passes either way.
pub fn plan_import(
    net: &Network,
    profiles: &[Profile],
    stored: &HashMap<i64, BTreeMap<String, f64>>,
    actor: &Actor,
    sections: &[RawSection],
    en: bool,
) -> Result<ImportPlan, Vec<String>> {
    let site_by_code: HashMap<&str, &Site> =
        net.sites.iter().map(|s| (s.division.as_str(), s)).collect();
    let eval_by_key: HashMap<(i64, i32, Phase), &Evaluation> = net
        .evaluations
        .iter()
        .map(|e| ((e.site_id, e.year, e.phase), e))
        .collect();
    let known_items: std::collections::HashSet<&str> = profiles
        .iter()
        .flat_map(|p| p.evaluation.items().map(|(_, i)| i.id.as_str()))
        .collect();

    let mut errors: Vec<String> = Vec::new();
    let mut plan = ImportPlan::default();
    let mut seen: HashMap<(i64, i32, Phase), String> = HashMap::new();

    for sec in sections {
        let cols: Vec<Col> = sec
            .columns
            .iter()
            .enumerate()
            .filter(|(_, (id, _))| !id.is_empty())
            .map(|(idx, (id, header))| Col {
                idx,
                id: id.clone(),
                header: header.clone(),
            })
            .collect();
        for need in ["division_code", "year", "phase"] {
            if col(&cols, need).is_none() {
                errors.push(format!(
                    "{}: the header has no {need} column",
                    sec.header_place
                ));
            }
        }
        let items: Vec<&Col> = cols.iter().filter(|c| !files::is_fixed(&c.id)).collect();
        for c in &items {
            if !known_items.contains(c.id.as_str()) {
                errors.push(format!(
                    "{}: unknown item column {:?} (no template has the item {:?})",
                    sec.header_place, c.header, c.id
                ));
            }
        }
        let mut dup = std::collections::HashSet::new();
        for c in &cols {
            if !dup.insert(&c.id) {
                errors.push(format!(
                    "{}: the column {:?} appears twice",
                    sec.header_place, c.id
                ));
            }
        }
        if !errors.is_empty() {
            continue;
        }
        for r in &sec.rows {
            if errors.len() >= MAX_ERRORS {
                break;
            }
            let mut bad = |msg: String| errors.push(format!("{}: {msg}", r.place));
            // No cell of a score sheet may carry a control or direction character: they are
            // echoed in messages and none belongs in a sheet.
            let unsafe_cells: Vec<String> = r
                .cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    let name = sec
                        .columns
                        .get(k)
                        .map(|(_, h)| crate::domain::text::escape(h).into_owned())
                        .unwrap_or_else(|| format!("#{}", k + 1));
                    crate::io::encoding::unsafe_cell(&name, c, en)
                })
                .collect();
            if !unsafe_cells.is_empty() {
                bad(unsafe_cells.join("; "));
                continue;
            }
            let code = cell(r, col(&cols, "division_code"));
            let Some(site) = site_by_code.get(code).copied() else {
                bad(format!("unknown site: no site at division code {code:?}"));
                continue;
            };
            let year_text = cell(r, col(&cols, "year"));
            let year = match normalise_digits(year_text).parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => y,
                _ => {
                    bad(format!("year {year_text:?} is not a year"));
                    continue;
                }
            };
            let phase_text = cell(r, col(&cols, "phase"));
            let Some(phase) = parse_phase(phase_text) else {
                bad(format!(
                    "phase {phase_text:?} is not one of mid_term/中期, end_term/末期, annual/年度"
                ));
                continue;
            };
            let key = (site.id, year, phase);
            if let Some(first) = seen.get(&key) {
                bad(format!(
                    "{code} {year} {} appears twice (first at {first})",
                    phase.as_str()
                ));
                continue;
            }
            seen.insert(key, r.place.clone());
            if !actor.may_write(&site.division) {
                bad(format!(
                    "not allowed: {} may not edit {} {}{}",
                    actor.name,
                    site.division,
                    site.name,
                    actor
                        .scope
                        .as_deref()
                        .map(|s| format!(" (scope {s})"))
                        .unwrap_or_default()
                ));
                continue;
            }
            let existing = eval_by_key.get(&key).copied();
            let bound = net
                .tree
                .find(&site.division)
                .and_then(|n| binding_for(net, profiles, n))
                .map(|(p, _)| p);
            let template_text = cell(r, col(&cols, "template"));
            let template_id = match (existing, template_text) {
                (Some(e), t) if !t.is_empty() && t != e.template => {
                    bad(format!(
                        "template {t:?} does not match the evaluation's template {:?}",
                        e.template
                    ));
                    continue;
                }
                (Some(e), _) => e.template.clone(),
                (None, t) if !t.is_empty() => t.to_string(),
                (None, _) => {
                    match bound {
                        Some(p) => p.id.clone(),
                        None => {
                            bad(format!("no policy is bound to {code}; name the template in a template column"));
                            continue;
                        }
                    }
                }
            };
            let Some(profile) = profiles.iter().find(|p| p.id == template_id) else {
                bad(format!("unknown template {template_id:?}"));
                continue;
            };
            if existing.is_none() && bound.is_some_and(|b| b.id != profile.id) {
                bad(format!(
                    "{code} is under the policy {}, not {}: a new evaluation takes the site's template",
                    bound.map(|b| b.id.as_str()).unwrap_or(""),
                    profile.id
                ));
                continue;
            }
            let scheme = &profile.evaluation;
            let mut values: BTreeMap<String, f64> = BTreeMap::new();
            let mut row_ok = true;
            for c in &items {
                let text = cell(r, Some(c));
                if text.is_empty() {
                    continue;
                }
                let Some((_, item)) = scheme.items().find(|(_, i)| i.id == c.id) else {
                    bad(format!(
                        "unknown item {:?} for the template {}",
                        c.id, profile.id
                    ));
                    row_ok = false;
                    continue;
                };
                match parse_score(text, item.max) {
                    Ok(v) => {
                        values.insert(item.id.clone(), v);
                    }
                    Err(e) => {
                        bad(format!("{}: {text:?}: {e} ({})", c.header, e.message_zh()));
                        row_ok = false;
                    }
                }
            }
            if !row_ok {
                continue;
            }
            let old = existing.and_then(|e| stored.get(&e.id));
            let mut merged: BTreeMap<String, f64> = old.cloned().unwrap_or_default();
            merged.extend(values.iter().map(|(k, v)| (k.clone(), *v)));
            let sum: f64 = scheme.items().filter_map(|(_, i)| merged.get(&i.id)).sum();
            let changes = values
                .iter()
                .any(|(k, v)| old.and_then(|o| o.get(k)) != Some(v));
            let version_text = cell(r, col(&cols, files::VERSION.0));
            let version = if version_text.is_empty() {
                None
            } else {
                match normalise_digits(version_text).parse::<i64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        bad(say(
                            en,
                            format!("版本(version) {version_text:?} 不是整数"),
                            format!("version {version_text:?} is not a whole number"),
                        ));
                        continue;
                    }
                }
            };
            if let (Some(e), true) = (existing, changes) {
                let record = format!(
                    "{code} {} {year} {}",
                    crate::domain::text::escape(&site.name),
                    phase.as_str()
                );
                match version {
                    None => {
                        bad(say(
                            en,
                            format!("{record}：文件没有版本(version)，无法确认该评估在导出后未被他人修改；请重新导出（sgz export scores），在新文件中修改后再导入"),
                            format!("{record}: the row has no version, so nothing shows the sheet is unchanged since the file was made; export afresh (sgz export scores), make the change there and import that"),
                        ));
                        continue;
                    }
                    Some(v) if v != e.version => {
                        let diffs: Vec<String> = items
                            .iter()
                            .filter_map(|c| {
                                let file = values.get(&c.id)?;
                                let now = old.and_then(|o| o.get(&c.id)).copied();
                                (now != Some(*file)).then(|| {
                                    let now = now.map(fmt_score).unwrap_or_else(|| "∅".into());
                                    say(
                                        en,
                                        format!(
                                            "{} 数据库现为 {now}，文件为 {}",
                                            c.header,
                                            fmt_score(*file)
                                        ),
                                        format!(
                                            "{} now {now}, file {}",
                                            c.header,
                                            fmt_score(*file)
                                        ),
                                    )
                                })
                            })
                            .collect();
                        bad(say(
                            en,
                            format!(
                                "{record} 在此文件导出后已被保存（文件版本 {v}，现为 {}）：{}；未导入，请重新导出后再修改",
                                e.version,
                                diffs.join("；")
                            ),
                            format!(
                                "{record} was saved since this file was exported (file version {v}, now {}): {}; not imported: export afresh and make the change there",
                                e.version,
                                diffs.join("; ")
                            ),
                        ));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            match existing.map(|e| e.status) {
                Some(EvalStatus::Locked) if changes => {
                    bad(say(
                        en,
                        format!(
                            "评估 {code} {year} {} 已锁定，分值不能修改；须由管理员解锁",
                            phase.as_str()
                        ),
                        format!(
                            "the evaluation {code} {year} {} is locked; its scores cannot change until an admin unlocks it",
                            phase.as_str()
                        ),
                    ));
                    continue;
                }
                Some(EvalStatus::Submitted) if changes => {
                    bad(say(
                        en,
                        format!(
                            "评估 {code} {year} {} 已提交，分值不能修改；先在评估视图中重开（R）",
                            phase.as_str()
                        ),
                        format!(
                            "the evaluation {code} {year} {} is submitted; reopen it (R in the scores view) before changing its scores",
                            phase.as_str()
                        ),
                    ));
                    continue;
                }
                _ => {}
            }
            let total_text = cell(r, col(&cols, "total"));
            if !total_text.is_empty() {
                match normalise_digits(total_text).parse::<f64>() {
                    Ok(t) if (t - sum).abs() < 0.05 => {}
                    Ok(t) => {
                        bad(format!(
                            "total {} does not match the sum of the items {}",
                            fmt_score(t),
                            fmt_score(sum)
                        ));
                        continue;
                    }
                    Err(_) => {
                        bad(format!("total {total_text:?} is not a number"));
                        continue;
                    }
                }
            }
            if existing.is_some() && !changes {
                plan.unchanged += 1;
                continue;
            }
            let complete = scheme.items().all(|(_, i)| merged.contains_key(&i.id));
            plan.sheets.push(ScoreImport {
                site_id: site.id,
                year,
                phase,
                template: profile.id.clone(),
                existing: existing.map(|e| (e.id, e.version)),
                scores: values,
                total: complete.then_some(sum),
                grade: complete.then(|| grade_for(sum, scheme)),
            });
        }
    }
    if errors.len() >= MAX_ERRORS {
        errors.push(format!("… stopped after {MAX_ERRORS} errors"));
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// What a plan would change, one line per value: "330302001 五马街道… 2025 mid_term:
/// mgmt-plan 6 -> 7", new sheets marked.
pub fn describe_plan(
    net: &Network,
    stored: &HashMap<i64, BTreeMap<String, f64>>,
    plan: &ImportPlan,
    en: bool,
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
            msg::PLAN_NEW_EVALUATION.get(crate::i18n::Lang::from_en(en))
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
    let sections = read_file(file)?;
    let mut store = if dry_run {
        ctx.open_for_reading()?
    } else {
        ctx.open()?
    };
    let actor = ctx.actor(&store)?;
    let net = store.load_network()?;
    let stored = store.scores_under("")?;
    let plan =
        plan_import(&net, &ctx.profiles, &stored, &actor, &sections, ctx.en).map_err(|mut e| {
            e.push(msg::NOTHING_IMPORTED.get(ctx.lang).into());
            Error::Rows(e)
        })?;
    if dry_run {
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
        crate::commands::out(None, describe_plan(&net, &stored, &plan, ctx.en).as_bytes())?;
        let (path, evaluations) = (file.display(), plan.sheets.len());
        eprintln!(
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
    let sum = store.import_scores(&actor, &plan.sheets, &source)?;
    let (path, evaluations) = (file.display(), sum.updated + sum.created);
    eprintln!(
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
