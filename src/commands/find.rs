//! `sgz find`: divisions by Hanzi, pinyin or initials.

use super::{out, Ctx};
use crate::cli::{FindArgs, Format};
use crate::error::Result;
use crate::io::{self, width as text};
use crate::search::search_index;

/// The matches on stdout (none: a note on stderr); returns how many there were.
pub fn find(ctx: &Ctx, a: &FindArgs) -> Result<usize> {
    let mut store = ctx.open_for_reading()?;
    let mut idx = search_index(&mut store)?;
    let hits = idx.query(&a.query, a.limit);
    let sep = " › ";
    let s = match Format::from(a.format) {
        Format::Json => {
            let v: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({
                        "code": idx.code_of(h.node),
                        "name": idx.name_of(h.node),
                        "level": idx.level_of(h.node),
                        "path": idx.path(h.node, sep),
                        "match": format!("{:?}", h.class).to_lowercase(),
                    })
                })
                .collect();
            io::encoding::json_pretty(&serde_json::Value::from(v))?
        }
        _ => {
            let mut s = String::new();
            for h in &hits {
                use crate::domain::text::escape;
                s.push_str(&format!(
                    "{} {} {}\n",
                    text::pad(&escape(&idx.code_of(h.node)), 12),
                    text::pad(&escape(idx.name_of(h.node)), 24),
                    escape(&idx.path(h.node, sep))
                ));
            }
            s
        }
    };
    if hits.is_empty() {
        crate::say!("{}", crate::i18n::cli::NO_MATCH.get(ctx.lang));
    }
    out(None, s.as_bytes())?;
    Ok(hits.len())
}
