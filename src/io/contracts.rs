//! `sgz report contracts` as files: the plain table, Markdown, JSON and CSV of the contract
//! rows (`domain::contract::contract_rows`), each with its verdict and clause.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::domain::contract::ContractRow;
use crate::domain::renewal::{RequiredSheet, SheetStatus, Verdict};
use crate::domain::text::escape;
use crate::error::Result;
use crate::i18n::names::Named;
use crate::i18n::{contracts as msg, Lang};
use crate::io::width::pad;

/// What the report shows.
pub struct Report<'n> {
    /// The date days left count from.
    pub as_of: NaiveDate,
    /// The scope's code and name.
    pub scope: (String, String),
    /// The `--within` filter, if any.
    pub within: Option<u32>,
    /// Whether the data is the synthetic demo.
    pub synthetic: bool,
    /// The rows.
    pub rows: Vec<ContractRow<'n>>,
}

fn title(r: &Report, lang: Lang) -> String {
    let scope = if r.scope.0.is_empty() {
        escape(&r.scope.1).into_owned()
    } else {
        format!("{} ({})", escape(&r.scope.1), r.scope.0)
    };
    let mut t = match r.within {
        Some(days) => msg::REPORT_TITLE_WITHIN.fill(
            lang,
            &[("scope", &scope), ("date", &r.as_of), ("days", &days)],
        ),
        None => msg::REPORT_TITLE.fill(lang, &[("scope", &scope), ("date", &r.as_of)]),
    };
    if r.synthetic {
        t.push_str("  ");
        t.push_str(crate::i18n::common::SYNTHETIC_NOTE.get(lang));
    }
    t
}

/// The verdict with its glyph (never colour alone): `✓ 可续签`, `✘ 不可续签`, `· 待定`.
pub fn verdict_word(v: Option<&Verdict>, lang: Lang) -> String {
    match v {
        Some(v) => {
            let g = match v {
                Verdict::Allowed { .. } => "✓",
                Verdict::NotAllowed { .. } => "✘",
                Verdict::Pending { .. } => "·",
            };
            format!("{g} {}", msg::verdict(v, lang))
        }
        None => format!("- {}", msg::NO_PROFILE.get(lang)),
    }
}

/// The term's sheets in a cell: `2023年中期优秀、2024年中期无`.
pub fn sheets_cell(sheets: &[RequiredSheet], lang: Lang) -> String {
    sheets
        .iter()
        .map(|s| {
            let phase = lang.pick(s.phase.name_zh(), s.phase.name_en());
            match (s.status, s.grade) {
                (SheetStatus::Missing, _) | (_, None) => {
                    msg::EVAL_NONE.fill(lang, &[("year", &s.year), ("phase", &phase)])
                }
                (st, Some(g)) => {
                    let mut w = msg::EVAL_GRADE.fill(
                        lang,
                        &[
                            ("year", &s.year),
                            ("phase", &phase),
                            ("grade", &lang.pick(g.name_zh(), g.name_en())),
                        ],
                    );
                    if !st.is_final() {
                        w.push_str(lang.pick("（草稿）", " (draft)"));
                    }
                    w
                }
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

fn clause<'a>(row: &'a ContractRow<'_>) -> &'a str {
    row.renewal.as_ref().map_or("", |r| r.cite.clause.as_str())
}

/// The plain-text table, one line per contract.
pub fn table(r: &Report, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", title(r, lang));
    if r.rows.is_empty() {
        let _ = writeln!(s, "{}", msg::REPORT_EMPTY.get(lang));
        return s;
    }
    let _ = writeln!(
        s,
        "{} {} {} {} {} {} {} {} {} {}",
        pad(msg::COL_SITE.get(lang), 28),
        pad(msg::COL_CODE.get(lang), 13),
        pad(msg::COL_OPERATOR.get(lang), 34),
        pad(msg::COL_START.get(lang), 10),
        pad(msg::COL_END.get(lang), 10),
        pad(msg::COL_DAYS_LEFT.get(lang), 9),
        pad(msg::COL_STATE.get(lang), 8),
        pad(msg::COL_VERDICT.get(lang), 14),
        pad(msg::COL_CLAUSE.get(lang), 10),
        msg::COL_EVALUATIONS.get(lang),
    );
    for row in &r.rows {
        let c = row.contract;
        let _ = writeln!(
            s,
            "{} {} {} {} {} {} {} {} {} {}",
            pad(&escape(&row.site.name), 28),
            pad(&row.site.division, 13),
            pad(&escape(&c.operator), 34),
            pad(&c.start.to_string(), 10),
            pad(&c.end.to_string(), 10),
            pad(&row.days_left.to_string(), 9),
            pad(msg::state(row.state, lang), 8),
            pad(
                &verdict_word(row.renewal.as_ref().map(|x| &x.verdict), lang),
                14
            ),
            pad(clause(row), 10),
            sheets_cell(&row.sheets, lang),
        );
    }
    s
}

/// Markdown: a title and one table.
pub fn markdown(r: &Report, lang: Lang) -> String {
    let cell = |s: &str| escape(s).replace('|', "\\|");
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", cell(&title(r, lang)));
    if r.rows.is_empty() {
        let _ = writeln!(s, "{}", msg::REPORT_EMPTY.get(lang));
        return s;
    }
    let cols = [
        msg::COL_SITE,
        msg::COL_CODE,
        msg::COL_OPERATOR,
        msg::COL_START,
        msg::COL_END,
        msg::COL_DAYS_LEFT,
        msg::COL_STATE,
        msg::COL_EVALUATIONS,
        msg::COL_VERDICT,
        msg::COL_CLAUSE,
    ];
    let head: Vec<&str> = cols.iter().map(|c| c.get(lang)).collect();
    let _ = writeln!(s, "| {} |", head.join(" | "));
    let _ = writeln!(s, "|---|---|---|---|---|---:|---|---|---|---|");
    for row in &r.rows {
        let c = row.contract;
        let verdict = row
            .renewal
            .as_ref()
            .map(|x| crate::i18n::standing::renewal(x, lang))
            .unwrap_or_else(|| verdict_word(None, lang));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&row.site.name),
            row.site.division,
            cell(&c.operator),
            c.start,
            c.end,
            row.days_left,
            msg::state(row.state, lang),
            cell(&sheets_cell(&row.sheets, lang)),
            cell(&verdict),
            cell(clause(row)),
        );
    }
    s
}

/// JSON: the title's facts and every contract with its sheets, verdict and clause.
pub fn json(r: &Report) -> Value {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let c = row.contract;
            let sheets: Vec<Value> = row
                .sheets
                .iter()
                .map(|s| {
                    json!({
                        "year": s.year,
                        "phase": s.phase.as_str(),
                        "required": s.required,
                        "status": s.status.as_str(),
                        "evaluation_id": s.evaluation_id,
                        "grade": s.grade.map(|g| g.name_zh()),
                    })
                })
                .collect();
            json!({
                "id": c.id,
                "site_id": c.site_id,
                "site": escape(&row.site.name),
                "division_code": row.site.division.as_str(),
                "tier": row.site.tier.as_str(),
                "policy": row.policy,
                "operator": escape(&c.operator),
                "start": c.start.to_string(),
                "end": c.end.to_string(),
                "days_left": row.days_left,
                "state": state_id(row),
                "renews": c.renews,
                "version": c.version,
                "synthetic": c.synthetic,
                "term": row.renewal.as_ref().map(|x| [x.term.0, x.term.1]),
                "evaluations": sheets,
                "verdict": row.renewal.as_ref().map(|x| msg::verdict_id(&x.verdict)),
                "verdict_zh": row.renewal.as_ref().map(|x| crate::i18n::standing::renewal(x, Lang::Zh)),
                "verdict_en": row.renewal.as_ref().map(|x| crate::i18n::standing::renewal(x, Lang::En)),
                "clause": row.renewal.as_ref().map(|x| x.cite.clause.clone()),
            })
        })
        .collect();
    json!({
        "as_of": r.as_of.to_string(),
        "scope_code": r.scope.0,
        "scope_name": escape(&r.scope.1),
        "within_days": r.within,
        "synthetic": r.synthetic,
        "contracts": rows,
    })
}

fn state_id(row: &ContractRow) -> &'static str {
    use crate::domain::contract::ContractState as S;
    match row.state {
        S::Future => "future",
        S::Current => "current",
        S::Renewed => "renewed",
        S::Ended => "ended",
    }
}

/// The CSV's columns.
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "division_code",
    "site",
    "tier",
    "policy",
    "operator",
    "start",
    "end",
    "days_left",
    "state",
    "renews",
    "evaluations",
    "verdict",
    "clause",
    "verdict_text",
    "synthetic",
];

/// CSV (the one writer: BOM, controls escaped, formulas kept from running).
pub fn csv(r: &Report, lang: Lang) -> Result<String> {
    let mut w = crate::io::csv::Writer::new();
    w.row(&CSV_HEADER)?;
    for row in &r.rows {
        let c = row.contract;
        w.row(&[
            c.id.to_string(),
            row.site.division.to_string(),
            row.site.name.to_string(),
            row.site.tier.as_str().to_string(),
            row.policy.unwrap_or_default().to_string(),
            c.operator.clone(),
            c.start.to_string(),
            c.end.to_string(),
            row.days_left.to_string(),
            state_id(row).to_string(),
            c.renews.map(|x| x.to_string()).unwrap_or_default(),
            sheets_cell(&row.sheets, lang),
            row.renewal
                .as_ref()
                .map(|x| msg::verdict_id(&x.verdict))
                .unwrap_or_default()
                .to_string(),
            clause(row).to_string(),
            row.renewal
                .as_ref()
                .map(|x| crate::i18n::standing::renewal(x, lang))
                .unwrap_or_default(),
            (c.synthetic as u8).to_string(),
        ])?;
    }
    w.finish()
}
