//! `sgz report coverage`: milestones against dates, as table, JSON, CSV, Markdown or SVG.

use super::{out, Ctx};
use crate::cli::{CoverageArgs, Format};
use crate::domain::coverage;
use crate::domain::network::Network;
use crate::error::{parse_date, Error, Result};
use crate::i18n::cli as msg;
use crate::io::{self, coverage as report, policy as policies};
use crate::search::{resolve_in_index, search_index};

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
    super::say_next_step(&store, ctx.lang)?;
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
    let (net, mut reports): (Network, Vec<coverage::CoverageReport>) = match scope_code {
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
            let name = msg::ALL_BOUND.get(ctx.lang);
            let r = coverage::coverage_all(&net, &ctx.profiles, policy, as_of, name);
            (net, vec![r])
        }
    };
    if let Some(id) = a.milestone.as_deref() {
        narrow_to_milestone(&mut reports, id, ctx.lang)?;
    }
    let text: Vec<u8> = match Format::from(a.format) {
        Format::Table => reports
            .iter()
            .map(|r| {
                let mut t = report::coverage_table(r, ctx.lang);
                t.push_str(&report::other_rules_text(r, &ctx.profiles, ctx.lang));
                t
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        Format::Md => reports
            .iter()
            .map(|r| report::coverage_md(r, ctx.lang))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        Format::Csv => {
            let mut s = String::new();
            for (k, r) in reports.iter().enumerate() {
                let c = report::coverage_csv(r, ctx.lang)?;
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
                .ok_or_else(|| Error::Invalid(msg::NOTHING_TO_DRAW.get(ctx.lang).into()))?;
            crate::io::svg::coverage_svg(&net, &ctx.profiles, r, None, ctx.lang)?.into_bytes()
        }
        Format::Xlsx => return Err(Error::Invalid(msg::COVERAGE_FORMATS.get(ctx.lang).into())),
    };
    out(a.output.as_deref(), &text)
}

/// Keep only the milestone `id` in every block (and the blocks that have it); an id no
/// block has is refused with the ids there are.
fn narrow_to_milestone(
    reports: &mut [coverage::CoverageReport],
    id: &str,
    lang: crate::i18n::Lang,
) -> Result<()> {
    let mut ids: Vec<String> = Vec::new();
    for r in reports.iter() {
        for b in &r.blocks {
            for m in &b.milestones {
                if !ids.contains(&m.id) {
                    ids.push(m.id.clone());
                }
            }
        }
    }
    if !ids.iter().any(|x| x == id) {
        return Err(Error::Invalid(
            msg::NO_SUCH_MILESTONE.fill(lang, &[("id", &id), ("ids", &ids.join(", "))]),
        ));
    }
    for r in reports.iter_mut() {
        for b in &mut r.blocks {
            b.milestones.retain(|m| m.id == id);
        }
        r.blocks.retain(|b| !b.milestones.is_empty());
    }
    Ok(())
}
