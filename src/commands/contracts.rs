//! `sgz report contracts`: every service contract of the sites under the scope, with its
//! days left, the evaluations of its term, the renewal verdict and its clause. Contracts name
//! organisations, not people, so every reader of the scope sees them all.

use super::{out, scope_or_root, Ctx};
use crate::cli::{ContractsArgs, Format};
use crate::domain::contract::contract_rows;
use crate::error::{parse_date, Error, Result};
use crate::io::contracts as report;

pub fn report_contracts(ctx: &Ctx, a: &ContractsArgs) -> Result<()> {
    let as_of = match &a.as_of {
        Some(s) => parse_date(s)?,
        None => ctx.today,
    };
    let store = ctx.open_for_reading()?;
    // Resolves the reader as the other reports do (an unknown `--as` is refused).
    let _reader = ctx.reader(&store)?;
    let net = store.load_network()?;
    let scopes: Vec<u32> = match scope_or_root(&net, ctx.scope.as_deref())? {
        Some(s) => vec![s],
        None => net.tree.roots().collect(),
    };
    let rows = scopes
        .iter()
        .flat_map(|s| contract_rows(&net, &ctx.profiles, *s, as_of, a.within))
        .collect();
    let scope = match scopes.as_slice() {
        [one] => {
            let node = net.tree.node(*one);
            (node.code_str(), node.name.to_string())
        }
        _ => (
            String::new(),
            crate::i18n::cli::ALL_DIVISIONS.get(ctx.lang).to_string(),
        ),
    };
    let r = report::Report {
        as_of,
        scope,
        within: a.within,
        synthetic: net.synthetic,
        rows,
    };
    let text = match Format::from(a.format) {
        Format::Table => report::table(&r, ctx.lang),
        Format::Md => report::markdown(&r, ctx.lang),
        Format::Json => crate::io::encoding::json_pretty(&report::json(&r))?,
        Format::Csv => report::csv(&r, ctx.lang)?,
        f => {
            let format = format!("{f:?}").to_lowercase();
            return Err(Error::Invalid(
                crate::i18n::cli::TABLE_FORMATS.fill(ctx.lang, &[("format", &format)]),
            ));
        }
    };
    out(a.output.as_deref(), text.as_bytes())
}
