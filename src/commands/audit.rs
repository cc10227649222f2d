//! `sgz audit`: who changed what, when, old and new.

use crate::cli::{AuditArgs, Format};
use crate::commands::{table_out, Ctx};
use crate::domain::text::escape;
use crate::error::{parse_date, Result};
use crate::i18n::{cli as msg, Lang};
use crate::io::width::pad;

/// An audit value as the table shows it: "∅" for none, the counts of a bulk insert in the
/// interface language (the stored text is English; CSV and JSON give it as stored).
fn value(v: &str, lang: Lang) -> String {
    if v.is_empty() {
        return "∅".into();
    }
    let counts: Option<Vec<u64>> = v
        .strip_suffix(" evaluations")
        .map(|v| v.split(", ").collect::<Vec<_>>())
        .filter(|parts| parts.len() == 3)
        .and_then(|parts| {
            parts
                .iter()
                .zip([" sites", " staff", ""])
                .map(|(p, unit)| p.strip_suffix(unit)?.parse().ok())
                .collect()
        });
    match counts.as_deref() {
        Some([sites, staff, evaluations]) => msg::AUDIT_BULK_ROWS.fill(
            lang,
            &[
                ("sites", sites),
                ("staff", staff),
                ("evaluations", evaluations),
            ],
        ),
        _ => v.to_string(),
    }
}

pub fn audit(ctx: &Ctx, a: &AuditArgs) -> Result<()> {
    let store = ctx.open()?;
    let reader = ctx.reader(&store)?;
    // The trail names people and their scores: a reader sees the changes within its grant
    // (the narrower of `--in` and the grant; nothing when they do not overlap).
    let within: Option<Option<String>> = match (a.within.as_deref(), reader.scope.as_deref()) {
        (w, _) if reader.may_read_personal("") => Some(w.map(String::from)),
        (None, g) => Some(g.map(String::from)),
        (Some(w), _) if reader.may_read_personal(w) => Some(Some(w.to_string())),
        (Some(w), Some(g)) if g.starts_with(w) => Some(Some(g.to_string())),
        (Some(_), _) => None,
    };
    let since = a
        .since
        .as_deref()
        .map(parse_date)
        .transpose()?
        .map(|d| d.to_string());
    let rows = match within {
        Some(within) => store.audit(
            since.as_deref(),
            a.user.as_deref(),
            within.as_deref(),
            a.limit,
        )?,
        None => Vec::new(),
    };
    let header = [
        "id",
        "at",
        "user",
        "action",
        "entity",
        "entity_id",
        "scope",
        "field",
        "old",
        "new",
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.at.clone(),
                r.user.clone(),
                r.action.clone(),
                r.entity.clone(),
                r.entity_id.clone(),
                r.scope.clone().unwrap_or_default(),
                r.field.clone().unwrap_or_default(),
                r.old.clone().unwrap_or_default(),
                r.new.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let text = match Format::from(a.format) {
        Format::Table => table
            .iter()
            .map(|r| r.iter().map(|c| escape(c).into_owned()).collect::<Vec<_>>())
            .map(|r| {
                format!(
                    "{} {} {} {} {}:{} {} {} → {}\n",
                    pad(&r[1], 24),
                    pad(&r[2], 12),
                    pad(&r[3], 18),
                    r[6],
                    r[4],
                    r[5],
                    r[7],
                    value(&r[8], ctx.lang),
                    value(&r[9], ctx.lang)
                )
            })
            .collect(),
        f => table_out(&header, table, f, ctx.lang)?,
    };
    super::out(None, text.as_bytes())
}
