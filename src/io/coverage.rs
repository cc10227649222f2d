//! The CLI reports. The dashboard calls the same coverage function; these only format.

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::domain::coverage::{
    focus_milestone, lagging, Block, CoverageReport, MilestoneReport, Status,
};
use crate::domain::policy::Profile;
use crate::domain::text::escape;
use crate::i18n::{cli as msg, Lang};
use crate::io::width::{pad, rpad};

fn status_key(s: &Status) -> &'static str {
    match s {
        Status::Met { .. } => "met",
        Status::MissedReached { .. } => "missed_reached",
        Status::MissedShort { .. } => "missed_short",
        Status::InProgress { .. } => "in_progress",
    }
}

fn milestone_json(m: &MilestoneReport) -> Value {
    json!({
        "id": m.id,
        "label_zh": m.label_zh,
        "label_en": m.label_en,
        "deadline": m.deadline.to_string(),
        "tier": m.tier,
        "clause": m.clause,
        "required": m.required,
        "covered": m.covered,
        "ratio": (m.ratio * 10000.0).round() / 10000.0,
        "status": status_key(&m.status),
        "status_detail": m.status,
        "status_text_zh": m.status.text_zh(),
        "status_text_en": m.status.text_en(),
        "met_on": m.met_on.map(|d| d.to_string()),
        "count_target": m.count_target,
        "over": m.over_code,
        "children": m.children.iter().map(|c| json!({
            "code": c.code, "name": c.name, "required": c.required, "covered": c.covered,
            "days_late": c.days_late,
        })).collect::<Vec<_>>(),
    })
}

fn block_children(b: &Block, r: &CoverageReport) -> (Option<String>, Vec<Value>) {
    match focus_milestone(&b.milestones, r.as_of) {
        Some(k) => {
            let m = &b.milestones[k];
            (
                Some(m.id.clone()),
                m.children
                    .iter()
                    .map(|c| json!({"code": c.code, "name": c.name, "required": c.required, "covered": c.covered, "days_late": c.days_late}))
                    .collect(),
            )
        }
        None => (None, vec![]),
    }
}

pub fn coverage_json(r: &CoverageReport) -> Value {
    let blocks: Vec<Value> = r
        .blocks
        .iter()
        .map(|b| {
            let (focus, children) = block_children(b, r);
            json!({
                "policy": b.policy,
                "policy_title": b.policy_title,
                "doc_number": b.doc_number,
                "jurisdiction": {"code": b.code, "name": b.name},
                "milestones": b.milestones.iter().map(milestone_json).collect::<Vec<_>>(),
                "children_milestone": focus,
                "children": children,
            })
        })
        .collect();
    let first = blocks.first().cloned().unwrap_or(Value::Null);
    json!({
        "as_of": r.as_of.to_string(),
        "scope": {"code": r.scope_code, "name": r.scope_name},
        "synthetic": r.synthetic,
        "policy": first.get("policy").cloned().unwrap_or(Value::Null),
        "milestones": first.get("milestones").cloned().unwrap_or(json!([])),
        "children": first.get("children").cloned().unwrap_or(json!([])),
        "blocks": blocks,
    })
}

fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

// Long: the title, the summary lines and then each block's rows, in the order printed.
pub fn coverage_table(r: &CoverageReport, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} ({})  {} {}{}",
        msg::COVERAGE.get(lang),
        escape(&r.scope_name),
        r.scope_code,
        msg::AS_OF.get(lang),
        r.as_of,
        if r.synthetic {
            format!("  {}", crate::i18n::common::SYNTHETIC_NOTE.get(lang))
        } else {
            String::new()
        }
    );
    if r.blocks.is_empty() {
        let _ = writeln!(s, "{}", msg::NO_POLICY_BOUND.get(lang));
    }
    for b in &r.blocks {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "■ {} {} — {} {}",
            escape(&b.name),
            b.code,
            b.doc_number,
            b.policy
        );
        let _ = writeln!(
            s,
            "  {} {} {} {} {} {}",
            pad(msg::COL_MILESTONE.get(lang), 34),
            pad(msg::COL_DEADLINE.get(lang), 10),
            rpad(msg::COL_COVERED.get(lang), 9),
            rpad("%", 6),
            pad(msg::COL_CLAUSE.get(lang), 12),
            msg::COL_STATUS.get(lang)
        );
        for m in &b.milestones {
            let label = lang.pick(&m.label_zh, &m.label_en);
            let _ = writeln!(
                s,
                "  {} {} {} {} {} {} {}",
                pad(label, 34),
                m.deadline,
                rpad(&format!("{}/{}", m.covered, m.required), 9),
                rpad(&pct(m.ratio), 6),
                pad(&m.clause, 12),
                m.status.glyph(),
                lang.pick(m.status.text_zh(), m.status.text_en())
            );
            if let Some(o) = &m.over_code {
                let _ = writeln!(s, "    {}", msg::COUNT_OVER.fill(lang, &[("code", o)]));
            }
        }
        if let Some(k) = focus_milestone(&b.milestones, r.as_of) {
            let m = &b.milestones[k];
            if !m.children.is_empty() {
                let _ = writeln!(
                    s,
                    "  {}",
                    msg::BREAKDOWN.fill(lang, &[("label", lang.pick(&m.label_zh, &m.label_en))])
                );
                for c in lagging(&m.children) {
                    let late = if c.days_late > 0 {
                        msg::DAYS_LATE.fill(lang, &[("n", &c.days_late)])
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        s,
                        "    {} {} {} {} {}",
                        pad(&escape(&c.name), 20),
                        pad(&c.code, 9),
                        rpad(&format!("{}/{}", c.covered, c.required), 9),
                        rpad(&pct(c.ratio()), 6),
                        late
                    );
                }
            }
        }
    }
    s
}

/// The policies of the report's blocks, each once, in the order of the blocks.
pub fn report_profiles<'p>(r: &CoverageReport, profiles: &'p [Profile]) -> Vec<&'p Profile> {
    let mut v: Vec<&Profile> = Vec::new();
    for b in &r.blocks {
        if let Some(p) = profiles.iter().find(|p| p.id == b.policy) {
            if !v.iter().any(|x| x.id == p.id) {
                v.push(p);
            }
        }
    }
    v
}

/// The duties each policy of the report sets (computed: `sgz report duties`) and the rules it
/// states but sgz does not compute (`[[other_rules]]`, marked as information only), with
/// their clauses: a short block after the table.
pub fn other_rules_text(r: &CoverageReport, profiles: &[Profile], lang: Lang) -> String {
    let mut s = String::new();
    for p in report_profiles(r, profiles) {
        if p.other_rules.is_empty() && p.duties.is_empty() {
            continue;
        }
        let _ = writeln!(s);
        // The duties are computed (`sgz report duties`): listed before the rules that are not.
        if !p.duties.is_empty() {
            let _ = writeln!(
                s,
                "✔ {}",
                msg::DUTIES_COMPUTED.fill(lang, &[("doc", &escape(&p.doc_number))])
            );
            for d in &p.duties {
                let clause = escape(&d.cite.clause);
                let _ = writeln!(
                    s,
                    "  {} {} → {}",
                    pad(&clause, crate::io::width::width(&clause).max(10)),
                    escape(lang.pick(&d.label_zh, &d.label_en)),
                    escape(lang.pick(&d.to_zh, &d.to_en))
                );
            }
        }
        if p.other_rules.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "ⓘ {}",
            msg::OTHER_RULES.fill(lang, &[("doc", &escape(&p.doc_number))])
        );
        for c in &p.other_rules {
            // The clause in full (a cut clause cannot be looked up), aligned when short.
            let clause = escape(&c.clause);
            let _ = writeln!(
                s,
                "  {} {}",
                pad(&clause, crate::io::width::width(&clause).max(10)),
                escape(lang.pick(&c.zh, &c.en))
            );
        }
    }
    s
}

/// A CSV field: `sheet_cell` (controls escaped, no formula), quoted when it needs it.
/// The coverage report as CSV (one row per milestone, then one per child row), with a BOM
/// like every CSV sgz writes.
pub fn coverage_csv(r: &CoverageReport, lang: Lang) -> crate::error::Result<String> {
    let mut w = super::csv::Writer::new();
    w.row(&[
        "as_of",
        "scope_code",
        "scope_name",
        "policy",
        "jurisdiction_code",
        "milestone",
        "label",
        "deadline",
        "tier",
        "required",
        "covered",
        "ratio",
        "status",
        "met_on",
        "clause",
        "child_code",
        "child_name",
        "child_required",
        "child_covered",
        "child_days_late",
    ])?;
    for b in &r.blocks {
        for m in &b.milestones {
            let label = lang.pick(&m.label_zh, &m.label_en);
            let head = [
                r.as_of.to_string(),
                r.scope_code.clone(),
                r.scope_name.clone(),
                b.policy.clone(),
                b.code.clone(),
                m.id.clone(),
                label.clone(),
                m.deadline.to_string(),
                m.tier.clone(),
                m.required.to_string(),
                m.covered.to_string(),
                format!("{:.4}", m.ratio),
                status_key(&m.status).to_string(),
                m.met_on.map(|d| d.to_string()).unwrap_or_default(),
                m.clause.clone(),
            ];
            let mut row: Vec<String> = head.to_vec();
            row.extend(std::iter::repeat_n(String::new(), 5));
            w.row(&row)?;
            for c in &m.children {
                let mut row: Vec<String> = head.to_vec();
                row.extend([
                    c.code.clone(),
                    c.name.clone(),
                    c.required.to_string(),
                    c.covered.to_string(),
                    c.days_late.to_string(),
                ]);
                w.row(&row)?;
            }
        }
    }
    w.finish()
}

pub fn coverage_md(r: &CoverageReport, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} {} ({}) — {} {}\n",
        msg::COVERAGE.get(lang),
        escape(&r.scope_name),
        r.scope_code,
        msg::AS_OF.get(lang),
        r.as_of
    );
    if r.synthetic {
        let _ = writeln!(s, "> {}\n", crate::i18n::common::SYNTHETIC_NOTE.get(lang));
    }
    for b in &r.blocks {
        let _ = writeln!(s, "## {} {} — {}\n", escape(&b.name), b.code, b.doc_number);
        let _ = writeln!(
            s,
            "| {} | {} | {} | % | {} | {} |\n|---|---|---:|---:|---|---|",
            msg::COL_MILESTONE.get(lang),
            msg::COL_DEADLINE.get(lang),
            msg::COL_COVERED.get(lang),
            msg::COL_STATUS.get(lang),
            msg::COL_CLAUSE.get(lang)
        );
        for m in &b.milestones {
            let _ = writeln!(
                s,
                "| {} | {} | {}/{} | {} | {} {} | {} |",
                lang.pick(&m.label_zh, &m.label_en),
                m.deadline,
                m.covered,
                m.required,
                pct(m.ratio),
                m.status.glyph(),
                lang.pick(m.status.text_zh(), m.status.text_en()),
                m.clause
            );
        }
        if let Some(k) = focus_milestone(&b.milestones, r.as_of) {
            let m = &b.milestones[k];
            if !m.children.is_empty() {
                let _ = writeln!(
                    s,
                    "\n### {}: {}\n\n| {} | {} | {} | % | {} |\n|---|---|---:|---:|---:|",
                    msg::LAGGING_LIST.get(lang),
                    lang.pick(&m.label_zh, &m.label_en),
                    msg::COL_DIVISION.get(lang),
                    msg::COL_CODE.get(lang),
                    msg::COL_COVERED.get(lang),
                    msg::COL_DAYS_LATE.get(lang)
                );
                for c in lagging(&m.children) {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {}/{} | {} | {} |",
                        escape(&c.name),
                        c.code,
                        c.covered,
                        c.required,
                        pct(c.ratio()),
                        c.days_late
                    );
                }
            }
        }
        let _ = writeln!(s);
    }
    s
}
