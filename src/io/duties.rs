//! Duties on a calendar as files: the report (table, JSON, CSV, Markdown) and the reader of
//! the CSV or xlsx a clerk fills in. The words of the statuses, cadences and owners, shared
//! with `sgz check` and the TUI.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::domain::duties::{Cadence, Duty, DutyKind, Instance, OwnerKind, SetBy, Status, Tally};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::domain::text::escape;
use crate::error::Result;
use crate::i18n::{duties as msg, Lang};
use crate::io::width::pad;

/// A status's glyph and word: `✓ 已收`, `⚠ 迟交`, `✘ 缺交`, `· 未到期` (never colour alone).
pub fn status_word(s: &Status, lang: Lang) -> String {
    let (g, t) = match s {
        Status::Received(_) => ("✓", msg::ST_RECEIVED),
        Status::Late { .. } => ("⚠", msg::ST_LATE),
        Status::Missing { .. } => ("✘", msg::ST_MISSING),
        Status::NotYetDue => ("·", msg::ST_NOT_YET_DUE),
    };
    format!("{g} {}", t.get(lang))
}

/// How often, in words.
pub fn cadence_word(c: Cadence, lang: Lang) -> &'static str {
    match c {
        Cadence::Weekly => msg::CAD_WEEKLY,
        Cadence::Monthly => msg::CAD_MONTHLY,
        Cadence::HalfYearly => msg::CAD_HALF_YEARLY,
        Cadence::Yearly => msg::CAD_YEARLY,
        Cadence::Once => msg::CAD_ONCE,
    }
    .get(lang)
}

/// Who owes it, in words.
pub fn owner_word(o: OwnerKind, lang: Lang) -> &'static str {
    match o {
        OwnerKind::Station => msg::OWNER_STATION,
        OwnerKind::Township => msg::OWNER_TOWNSHIP,
        OwnerKind::County => msg::OWNER_COUNTY,
    }
    .get(lang)
}

/// What is owed, in words.
pub fn kind_word(k: DutyKind, lang: Lang) -> &'static str {
    match k {
        DutyKind::Report => msg::KIND_REPORT,
        DutyKind::Plan => msg::KIND_PLAN,
        DutyKind::Summary => msg::KIND_SUMMARY,
        DutyKind::Payment => msg::KIND_PAYMENT,
        DutyKind::Registration => msg::KIND_REGISTRATION,
        DutyKind::Evaluation => msg::KIND_EVALUATION,
    }
    .get(lang)
}

/// A duty's label in the language.
pub fn label(d: &Duty, lang: Lang) -> &str {
    lang.pick(&d.label_zh, &d.label_en)
}

/// Whose due day it is, the date of a once duty, and any grace.
pub fn due_words(d: &Duty, lang: Lang) -> String {
    let mut s = match (d.cadence, d.due_date) {
        (Cadence::Once, Some(date)) => msg::DUE_ONCE.fill(lang, &[("date", &date)]),
        _ => match d.due_set_by {
            SetBy::Document => msg::DUE_DOCUMENT.get(lang).to_string(),
            SetBy::Bureau => msg::DUE_BUREAU.get(lang).to_string(),
        },
    };
    if d.grace_days > 0 {
        s.push_str(&msg::GRACE.fill(lang, &[("days", &d.grace_days)]));
    }
    s
}

/// A duty's heading line.
pub fn heading(p: &Profile, d: &Duty, lang: Lang) -> String {
    msg::DUTY_HEAD.fill(
        lang,
        &[
            ("label", &label(d, lang)),
            ("policy", &p.doc_number),
            ("clause", &d.cite.clause),
            ("owner", &owner_word(d.owner, lang)),
            ("to", &lang.pick(&d.to_zh, &d.to_en)),
            ("cadence", &cadence_word(d.cadence, lang)),
            ("due", &due_words(d, lang)),
        ],
    )
}

/// A duty's summary line.
pub fn summary(t: &Tally, lang: Lang) -> String {
    msg::SUMMARY.fill(
        lang,
        &[
            ("received", &t.received()),
            ("due", &t.due_so_far()),
            ("on_time", &t.on_time),
            ("late", &t.late),
            ("missing", &t.missing),
            ("pending", &t.not_yet_due),
        ],
    )
}

/// One duty with its instances under the scope.
pub struct Block<'a> {
    /// The profile.
    pub profile: &'a Profile,
    /// The duty.
    pub duty: &'a Duty,
    /// The counts.
    pub tally: Tally,
    /// Its instances, by owner then period.
    pub instances: Vec<Instance<'a>>,
}

/// Group instances (in `expand`'s order) into one block per duty.
pub fn blocks(instances: Vec<Instance<'_>>) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    for i in instances {
        match out.last_mut() {
            Some(b) if std::ptr::eq(b.duty, i.duty) => {
                b.tally.add(&i.status);
                b.instances.push(i);
            }
            _ => {
                let mut tally = Tally::default();
                tally.add(&i.status);
                out.push(Block {
                    profile: i.profile,
                    duty: i.duty,
                    tally,
                    instances: vec![i],
                });
            }
        }
    }
    out
}

/// The report's whole content.
pub struct Report<'a> {
    /// As of.
    pub as_of: NaiveDate,
    /// The scope's code and name.
    pub scope: (String, String),
    /// The network (for owner names and the synthetic label).
    pub net: &'a Network,
    /// One block per duty.
    pub blocks: Vec<Block<'a>>,
}

fn owner_name(net: &Network, node: u32) -> &str {
    net.tree.node(node).name.as_str()
}

fn received_cell(i: &Instance) -> String {
    match i.status {
        Status::Received(d) | Status::Late { on: d, .. } => d.to_string(),
        _ => String::new(),
    }
}

fn days_cell(s: &Status, lang: Lang) -> String {
    match s.days_late() {
        0 => String::new(),
        n => msg::DAYS.fill(lang, &[("n", &n)]),
    }
}

fn title(r: &Report, lang: Lang) -> String {
    let synthetic = if r.net.synthetic {
        format!("  {}", crate::i18n::common::SYNTHETIC_NOTE.get(lang))
    } else {
        String::new()
    };
    let scope = format!("{} ({})", escape(&r.scope.1), r.scope.0);
    msg::REPORT_TITLE.fill(
        lang,
        &[
            ("scope", &scope),
            ("as_of", &r.as_of),
            ("synthetic", &synthetic),
        ],
    )
}

/// The plain-text table: a heading and summary per duty, one line per instance.
pub fn table(r: &Report, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", title(r, lang));
    if r.blocks.is_empty() {
        let _ = writeln!(s, "{}", msg::NONE_UNDER.get(lang));
    }
    for b in &r.blocks {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", escape(&heading(b.profile, b.duty, lang)));
        let _ = writeln!(s, "  {}", summary(&b.tally, lang));
        let _ = writeln!(
            s,
            "  {} {} {} {} {} {} {}",
            pad(msg::COL_OWNER.get(lang), 24),
            pad(msg::COL_CODE.get(lang), 12),
            pad(msg::COL_PERIOD.get(lang), 10),
            pad(msg::COL_DUE.get(lang), 10),
            pad(msg::COL_STATUS.get(lang), 14),
            pad(msg::COL_DAYS_LATE.get(lang), 12),
            msg::COL_RECEIVED.get(lang),
        );
        for i in &b.instances {
            let _ = writeln!(
                s,
                "  {} {} {} {} {} {} {}",
                pad(&escape(owner_name(r.net, i.owner)), 24),
                pad(&r.net.tree.node(i.owner).code_str(), 12),
                pad(&i.period.label(), 10),
                pad(&i.due.to_string(), 10),
                pad(&status_word(&i.status, lang), 14),
                pad(&days_cell(&i.status, lang), 12),
                received_cell(i),
            );
        }
    }
    s
}

/// Markdown: a section per duty with its summary and a table.
pub fn markdown(r: &Report, lang: Lang) -> String {
    let cell = |s: &str| escape(s).replace('|', "\\|");
    let mut s = String::new();
    let _ = writeln!(s, "# {}", cell(&title(r, lang)));
    if r.blocks.is_empty() {
        let _ = writeln!(s, "\n{}", msg::NONE_UNDER.get(lang));
    }
    for b in &r.blocks {
        let _ = writeln!(s, "\n## {}\n", cell(&heading(b.profile, b.duty, lang)));
        let _ = writeln!(s, "{}\n", summary(&b.tally, lang));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            msg::COL_OWNER.get(lang),
            msg::COL_CODE.get(lang),
            msg::COL_PERIOD.get(lang),
            msg::COL_DUE.get(lang),
            msg::COL_STATUS.get(lang),
            msg::COL_DAYS_LATE.get(lang),
            msg::COL_RECEIVED.get(lang)
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|---|");
        for i in &b.instances {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(owner_name(r.net, i.owner)),
                r.net.tree.node(i.owner).code_str(),
                i.period.label(),
                i.due,
                status_word(&i.status, lang),
                days_cell(&i.status, lang),
                received_cell(i)
            );
        }
    }
    s
}

/// JSON: every duty with its clause, due rule, summary and instances.
pub fn json(r: &Report) -> Value {
    let duties: Vec<Value> = r
        .blocks
        .iter()
        .map(|b| {
            let d = b.duty;
            json!({
                "policy": b.profile.id,
                "doc_number": b.profile.doc_number,
                "duty": d.id,
                "label_zh": d.label_zh,
                "label_en": d.label_en,
                "kind": kind_word(d.kind, Lang::En),
                "owner": owner_word(d.owner, Lang::En),
                "to_zh": d.to_zh,
                "to_en": d.to_en,
                "cadence": cadence_word(d.cadence, Lang::En),
                "due_set_by": match d.due_set_by { SetBy::Document => "document", SetBy::Bureau => "bureau" },
                "due_note": d.due_note,
                "grace_days": d.grace_days,
                "clause": d.cite.clause,
                "rule_zh": d.cite.zh,
                "rule_en": d.cite.en,
                "summary": {
                    "received": b.tally.received(),
                    "due_so_far": b.tally.due_so_far(),
                    "on_time": b.tally.on_time,
                    "late": b.tally.late,
                    "missing": b.tally.missing,
                    "not_yet_due": b.tally.not_yet_due,
                },
                "instances": b.instances.iter().map(|i| json!({
                    "owner_code": r.net.tree.node(i.owner).code_str(),
                    "owner_name": owner_name(r.net, i.owner),
                    "period": i.period.label(),
                    "due": i.due.to_string(),
                    "deadline": d.deadline(i.period).to_string(),
                    "status": i.status.key(),
                    "days_late": i.status.days_late(),
                    "received": match i.status {
                        Status::Received(x) | Status::Late { on: x, .. } => Some(x.to_string()),
                        _ => None,
                    },
                    "recorded_by": i.receipt.filter(|_| i.status.is_received()).map(|x| x.recorded_by.as_str()),
                    "note": i.receipt.and_then(|x| x.note.as_deref()),
                    "version": i.receipt.map_or(0, |x| x.version),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "as_of": r.as_of.to_string(),
        "scope": {"code": r.scope.0, "name": r.scope.1},
        "synthetic": r.net.synthetic,
        "duties": duties,
    })
}

/// The CSV columns, the same as the importer reads (it needs `policy`, `duty`, `owner_code`,
/// `period`, `received`, `version`; `note` if present; the rest is for the reader).
pub const CSV_HEADER: [&str; 14] = [
    "policy",
    "duty",
    "owner_code",
    "owner_name",
    "period",
    "due",
    "status",
    "days_late",
    "received",
    "note",
    "version",
    "clause",
    "duty_label",
    "synthetic",
];

/// CSV: one row per instance.
pub fn csv(r: &Report, lang: Lang) -> Result<String> {
    let mut w = crate::io::csv::Writer::new();
    w.row(&CSV_HEADER)?;
    for b in &r.blocks {
        for i in &b.instances {
            // The stored date even when it came after `as_of`, so that a sheet exported "as
            // of" an earlier day does not look like a blank a clerk left.
            let received = i
                .receipt
                .and_then(|x| x.received)
                .map(|d| d.to_string())
                .unwrap_or_default();
            w.row(&[
                b.profile.id.clone(),
                b.duty.id.clone(),
                r.net.tree.node(i.owner).code_str(),
                owner_name(r.net, i.owner).to_string(),
                i.period.label(),
                i.due.to_string(),
                i.status.key().to_string(),
                i.status.days_late().to_string(),
                received,
                i.receipt.and_then(|x| x.note.clone()).unwrap_or_default(),
                i.receipt.map_or(0, |x| x.version).to_string(),
                b.duty.cite.clause.clone(),
                label(b.duty, lang).to_string(),
                (r.net.synthetic as u8).to_string(),
            ])?;
        }
    }
    w.finish()
}

// ---------------------------------------------------------------- reading a filled-in sheet

/// One row of a sheet a clerk filled in, with its place (`file:line`, `file [sheet] row n`).
pub use crate::io::scores::RawRow;

/// Read a duties sheet: CSV (UTF-8, BOM or GBK; CRLF) or xlsx (the first sheet; a date cell
/// as Excel stores it becomes `YYYY-MM-DD`). Returns the rows and the encoding read.
pub fn read_sheet(file: &str, bytes: &[u8]) -> Result<(Vec<RawRow>, &'static str)> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok((read_xlsx(file, bytes)?, "xlsx"));
    }
    let (text, encoding) = crate::io::encoding::decode(bytes);
    Ok((crate::io::scores::read_csv(file, &text)?, encoding))
}

fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Vec<RawRow>> {
    use calamine::{Data, Reader};
    let bad = |detail: String| {
        crate::error::Error::Refused(crate::error::Refusal::NotXlsx {
            file: file.to_string(),
            detail,
        })
    };
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| bad(e.to_string()))?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Ok(vec![]);
    };
    let range = wb.worksheet_range(&name).map_err(|e| bad(e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    Ok(range
        .rows()
        .enumerate()
        .map(|(k, r)| {
            let mut cells = vec![String::new(); c0 as usize];
            cells.extend(r.iter().map(|d| match d {
                Data::DateTime(t) => {
                    crate::domain::calendar::add_days(epoch, t.as_f64().floor() as i64).to_string()
                }
                Data::Empty => String::new(),
                Data::String(s) => crate::io::encoding::unsheet_cell(s.trim()).to_string(),
                Data::Int(i) => i.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                other => other.to_string(),
            }));
            RawRow {
                place: format!("{file} [{name}] row {}", r0 as usize + k + 1),
                cells,
            }
        })
        .collect())
}
