//! Checking an imported score file against the database and the templates: each row's
//! site, template, items, totals and version, every bad row named. Writes nothing.

use crate::i18n::names::Named;
use std::collections::{BTreeMap, HashMap};

use crate::domain::coverage::binding_for;
use crate::domain::evaluation::{
    fmt_score, grade_for, normalise_digits, parse_score, EvalStatus, Evaluation,
};
use crate::domain::network::Network;
use crate::domain::policy::{Phase, Profile};
use crate::domain::site::Site;
use crate::error::Result;
use crate::i18n::{cli as msg, Lang};
use crate::io::scores::{self as files, RawRow, RawSection};
use crate::store::{Actor, ScoreImport};

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
    crate::i18n::names::parse_phase(s).or_else(|| {
        Phase::ALL
            .into_iter()
            .find(|p| p.name_en().eq_ignore_ascii_case(s) || p.as_str().eq_ignore_ascii_case(s))
    })
}

/// Check every row against the database and the templates; collect all errors.
///
/// A row for an existing evaluation that would change it must carry the version the file
/// was exported at, and that must still be the stored one: otherwise someone saved the
/// sheet since and the file's values, old ones included, would overwrite theirs. A row
/// whose values equal what is stored changes nothing and passes either way.
// Long: one pass over the rows with each check in place, ending the row with `bad(..);
// continue;`; split into helpers each would need the same dozen lookups passed in.
pub fn plan_import(
    net: &Network,
    profiles: &[Profile],
    stored: &HashMap<i64, BTreeMap<String, f64>>,
    actor: &Actor,
    sections: &[RawSection],
    lang: Lang,
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
                    crate::io::encoding::unsafe_cell(&name, c, lang)
                })
                .collect();
            if !unsafe_cells.is_empty() {
                bad(unsafe_cells.join("; "));
                continue;
            }
            let code = cell(r, col(&cols, "division_code"));
            let Some(site) = site_by_code.get(code).copied() else {
                bad(msg::SCORE_UNKNOWN_SITE.fill(lang, &[("code", &quoted(lang, code))]));
                continue;
            };
            let year_text = cell(r, col(&cols, "year"));
            let year = match normalise_digits(year_text).parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => y,
                _ => {
                    bad(msg::SCORE_BAD_YEAR.fill(lang, &[("year", &quoted(lang, year_text))]));
                    continue;
                }
            };
            let phase_text = cell(r, col(&cols, "phase"));
            let Some(phase) = parse_phase(phase_text) else {
                bad(msg::SCORE_BAD_PHASE.fill(lang, &[("phase", &quoted(lang, phase_text))]));
                continue;
            };
            let key = (site.id, year, phase);
            if let Some(first) = seen.get(&key) {
                bad(msg::SCORE_TWICE.fill(
                    lang,
                    &[
                        ("code", &code),
                        ("year", &year),
                        ("phase", &phase.as_str()),
                        ("first", first),
                    ],
                ));
                continue;
            }
            seen.insert(key, r.place.clone());
            if !actor.may_write(&site.division) {
                let scope = actor
                    .scope
                    .as_deref()
                    .map(|s| msg::SCORE_SCOPE.fill(lang, &[("scope", &s)]))
                    .unwrap_or_default();
                bad(msg::SCORE_NOT_ALLOWED.fill(
                    lang,
                    &[
                        ("user", &actor.name),
                        ("code", &site.division),
                        ("site", &site.name),
                        ("scope", &scope),
                    ],
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
                    bad(msg::SCORE_TEMPLATE_MISMATCH.fill(
                        lang,
                        &[
                            ("file", &quoted(lang, t)),
                            ("stored", &quoted(lang, &e.template)),
                        ],
                    ));
                    continue;
                }
                (Some(e), _) => e.template.clone(),
                (None, t) if !t.is_empty() => t.to_string(),
                (None, _) => match bound {
                    Some(p) => p.id.clone(),
                    None => {
                        bad(msg::SCORE_NO_POLICY.fill(lang, &[("code", &code)]));
                        continue;
                    }
                },
            };
            let Some(profile) = profiles.iter().find(|p| p.id == template_id) else {
                bad(msg::SCORE_UNKNOWN_TEMPLATE
                    .fill(lang, &[("template", &quoted(lang, &template_id))]));
                continue;
            };
            if existing.is_none() && bound.is_some_and(|b| b.id != profile.id) {
                bad(msg::SCORE_WRONG_TEMPLATE.fill(
                    lang,
                    &[
                        ("code", &code),
                        ("bound", &bound.map(|b| b.id.as_str()).unwrap_or("")),
                        ("template", &profile.id),
                    ],
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
                    bad(msg::SCORE_UNKNOWN_ITEM.fill(
                        lang,
                        &[("item", &quoted(lang, &c.id)), ("template", &profile.id)],
                    ));
                    row_ok = false;
                    continue;
                };
                match parse_score(text, item.max) {
                    Ok(v) => {
                        values.insert(item.id.clone(), v);
                    }
                    Err(e) => {
                        let why = crate::i18n::names::score_error(&e, lang);
                        bad(msg::SCORE_BAD_CELL.fill(
                            lang,
                            &[
                                ("column", &c.header),
                                ("text", &quoted(lang, text)),
                                ("why", &why),
                            ],
                        ));
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
                        let version = format!("{version_text:?}");
                        bad(msg::SCORE_BAD_VERSION.fill(lang, &[("version", &version)]));
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
                        bad(msg::SCORE_NO_VERSION.fill(lang, &[("record", &record)]));
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
                                    let file = fmt_score(*file);
                                    msg::SCORE_DIFF.fill(
                                        lang,
                                        &[("item", &c.header), ("now", &now), ("file", &file)],
                                    )
                                })
                            })
                            .collect();
                        let diffs = diffs.join(lang.pick("；", "; "));
                        bad(msg::SCORE_STALE.fill(
                            lang,
                            &[
                                ("record", &record),
                                ("v", &v),
                                ("now", &e.version),
                                ("diffs", &diffs),
                            ],
                        ));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            match existing.map(|e| e.status) {
                Some(EvalStatus::Locked) if changes => {
                    let phase = phase.as_str();
                    bad(msg::SCORE_LOCKED
                        .fill(lang, &[("code", &code), ("year", &year), ("phase", &phase)]));
                    continue;
                }
                Some(EvalStatus::Submitted) if changes => {
                    let phase = phase.as_str();
                    bad(msg::SCORE_SUBMITTED
                        .fill(lang, &[("code", &code), ("year", &year), ("phase", &phase)]));
                    continue;
                }
                _ => {}
            }
            let total_text = cell(r, col(&cols, "total"));
            if !total_text.is_empty() {
                match normalise_digits(total_text).parse::<f64>() {
                    Ok(t) if (t - sum).abs() < 0.05 => {}
                    Ok(t) => {
                        bad(msg::SCORE_TOTAL_MISMATCH
                            .fill(lang, &[("total", &fmt_score(t)), ("sum", &fmt_score(sum))]));
                        continue;
                    }
                    Err(_) => {
                        bad(msg::SCORE_TOTAL_NAN
                            .fill(lang, &[("total", &quoted(lang, total_text))]));
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
        errors.push(msg::SCORE_TOO_MANY.fill(lang, &[("n", &MAX_ERRORS)]));
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Text from a cell as a message shows it: “…” in Chinese, quoted and escaped in English.
fn quoted(lang: Lang, s: &str) -> String {
    lang.pick(format!("“{s}”"), format!("{s:?}"))
}
