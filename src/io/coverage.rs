//! The CLI reports. The dashboard calls the same coverage function; these only format.

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::domain::coverage::{
    focus_milestone, lagging, Block, CoverageReport, MilestoneReport, Status,
};
use crate::domain::text::escape;
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
pub fn coverage_table(r: &CoverageReport, en: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} ({})  {} {}{}",
        if en { "Coverage" } else { "覆盖情况" },
        escape(&r.scope_name),
        r.scope_code,
        if en { "as of" } else { "截至" },
        r.as_of,
        if r.synthetic {
            format!(
                "  {}",
                crate::i18n::common::SYNTHETIC_NOTE.get(crate::i18n::Lang::from_en(en))
            )
        } else {
            String::new()
        }
    );
    if r.blocks.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            if en {
                "No policy is bound to this scope or below it."
            } else {
                "该范围及其下级未绑定任何政策。"
            }
        );
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
            pad(if en { "milestone" } else { "节点" }, 34),
            pad(if en { "deadline" } else { "截止" }, 10),
            rpad(if en { "covered" } else { "已覆盖" }, 9),
            rpad("%", 6),
            pad(if en { "clause" } else { "条款" }, 12),
            if en { "status" } else { "状态" }
        );
        for m in &b.milestones {
            let label = if en { &m.label_en } else { &m.label_zh };
            let _ = writeln!(
                s,
                "  {} {} {} {} {} {} {}",
                pad(label, 34),
                m.deadline,
                rpad(&format!("{}/{}", m.covered, m.required), 9),
                rpad(&pct(m.ratio), 6),
                pad(&m.clause, 12),
                m.status.glyph(),
                m.status.text(en)
            );
            if let Some(o) = &m.over_code {
                let _ = writeln!(
                    s,
                    "    {}",
                    if en {
                        format!("(count target judged over {o})")
                    } else {
                        format!("（数量目标按 {o} 全域计）")
                    }
                );
            }
        }
        if let Some(k) = focus_milestone(&b.milestones, r.as_of) {
            let m = &b.milestones[k];
            if !m.children.is_empty() {
                let _ = writeln!(
                    s,
                    "  {}{}:",
                    if en {
                        "Breakdown for "
                    } else {
                        "下级分解："
                    },
                    if en { &m.label_en } else { &m.label_zh }
                );
                for c in lagging(&m.children) {
                    let late = if c.days_late > 0 {
                        if en {
                            format!("{} days late", c.days_late)
                        } else {
                            format!("逾期{}天", c.days_late)
                        }
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

/// A CSV field: `sheet_cell` (controls escaped, no formula), quoted when it needs it.
/// The coverage report as CSV (one row per milestone, then one per child row), with a BOM
/// like every CSV sgz writes.
pub fn coverage_csv(r: &CoverageReport, en: bool) -> crate::error::Result<String> {
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
            let label = if en { &m.label_en } else { &m.label_zh };
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

pub fn coverage_md(r: &CoverageReport, en: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} {} ({}) — {} {}\n",
        if en { "Coverage" } else { "覆盖情况" },
        escape(&r.scope_name),
        r.scope_code,
        if en { "as of" } else { "截至" },
        r.as_of
    );
    if r.synthetic {
        let _ = writeln!(
            s,
            "> {}\n",
            crate::i18n::common::SYNTHETIC_NOTE.get(crate::i18n::Lang::from_en(en))
        );
    }
    for b in &r.blocks {
        let _ = writeln!(s, "## {} {} — {}\n", escape(&b.name), b.code, b.doc_number);
        let _ = writeln!(
            s,
            "| {} | {} | {} | % | {} | {} |\n|---|---|---:|---:|---|---|",
            if en { "milestone" } else { "节点" },
            if en { "deadline" } else { "截止" },
            if en { "covered" } else { "已覆盖" },
            if en { "status" } else { "状态" },
            if en { "clause" } else { "条款" }
        );
        for m in &b.milestones {
            let _ = writeln!(
                s,
                "| {} | {} | {}/{} | {} | {} {} | {} |",
                if en { &m.label_en } else { &m.label_zh },
                m.deadline,
                m.covered,
                m.required,
                pct(m.ratio),
                m.status.glyph(),
                m.status.text(en),
                m.clause
            );
        }
        if let Some(k) = focus_milestone(&b.milestones, r.as_of) {
            let m = &b.milestones[k];
            if !m.children.is_empty() {
                let _ = writeln!(
                    s,
                    "\n### {}: {}\n\n| {} | {} | {} | % | {} |\n|---|---|---:|---:|---:|",
                    if en { "Lagging list" } else { "红黑榜" },
                    if en { &m.label_en } else { &m.label_zh },
                    if en { "division" } else { "区划" },
                    if en { "code" } else { "代码" },
                    if en { "covered" } else { "已覆盖" },
                    if en { "days late" } else { "逾期天数" }
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
