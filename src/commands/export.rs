//! `sgz export sites|staff|scores`: one row per record with its division code.

use super::{od, out, scope_or_root, table_out, Ctx};
use crate::cli::{ExportArgs, ExportWhat, Format, HeaderNames};
use crate::domain::network::Network;
use crate::error::{Error, Result};
use crate::i18n::names::Named;
use crate::io::headers::Sheet;

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let store = ctx.open_for_reading()?;
    super::say_next_step(&store, ctx.lang)?;
    let net = store.load_network()?;
    let scope = scope_or_root(&net, ctx.scope.as_deref())?;
    let within = |code: &str| scope.is_none_or(|s| code.starts_with(&net.tree.node(s).code_str()));
    let reader = ctx.reader(&store)?;
    // People and scores only within the reader's grant; sites (coverage) everywhere.
    let personal = |code: &str| within(code) && reader.may_read_personal(code);
    let (sheet, ids, rows): (Sheet, &[&str], _) = match a.what {
        ExportWhat::Sites => (
            Sheet::Sites,
            &SITE_COLUMNS,
            site_rows(&net, &store.site_versions()?, ctx, &within),
        ),
        ExportWhat::Staff => (
            Sheet::Staff,
            &crate::commands::staff::STAFF_COLUMNS,
            crate::commands::staff::staff_rows(&net, &store.staff_versions()?, ctx, &personal),
        ),
        ExportWhat::Scores => {
            return crate::commands::scores::export_scores(ctx, &store, &net, &personal, a)
        }
    };
    list_out(sheet, ids, rows, ctx, a)
}

/// A list in the format asked for: CSV or xlsx with the ids or the Chinese headers, JSON
/// keyed by the ids (JSON is for scripts). An xlsx goes to a file (`-o`), not a terminal.
fn list_out(
    sheet: Sheet,
    ids: &[&str],
    rows: Vec<Vec<String>>,
    ctx: &Ctx,
    a: &ExportArgs,
) -> Result<()> {
    let zh = a.headers == HeaderNames::Zh;
    let header = sheet.header_row(ids, zh);
    let bytes = match Format::from(a.format) {
        Format::Xlsx => {
            if a.output.is_none() {
                return Err(Error::Invalid(
                    crate::i18n::cli::XLSX_NEEDS_FILE.get(ctx.lang).into(),
                ));
            }
            crate::io::sheet::write_xlsx(&header, &rows, ctx.today)?
        }
        Format::Csv => {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            table_out(&header, rows, Format::Csv, ctx.lang)?.into_bytes()
        }
        f => table_out(ids, rows, f, ctx.lang)?.into_bytes(),
    };
    out(a.output.as_deref(), &bytes)
}

/// The columns `sgz export sites` writes and `sgz import sites` reads (`division_name`,
/// `level`, `urbanity`, `status_today`, `established_on` and `suspended_on` are computed
/// and ignored on import). `version` is the site's version when exported: a row that
/// changes a stored site must carry it.
pub const SITE_COLUMNS: [&str; 17] = [
    "site_id",
    "version",
    "division_code",
    "division_name",
    "level",
    "urbanity",
    "tier",
    "name",
    "status_today",
    "established_on",
    "suspended_on",
    "history",
    "operator",
    "area_m2",
    "civil_reg",
    "head",
    "synthetic",
];

fn site_rows(
    net: &Network,
    versions: &std::collections::HashMap<i64, i64>,
    ctx: &Ctx,
    within: &dyn Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for s in &net.sites {
        if !within(&s.division) {
            continue;
        }
        let Some(i) = net.tree.find(&s.division) else {
            continue;
        };
        let n = net.tree.node(i);
        let suspended = s
            .history
            .iter()
            .find(|c| c.status == crate::domain::site::SiteStatus::Suspended)
            .map(|c| c.on);
        rows.push(vec![
            s.id.to_string(),
            versions.get(&s.id).copied().unwrap_or(1).to_string(),
            s.division.to_string(),
            n.name.to_string(),
            n.level.name_en().to_string(),
            format!("{:?}", n.urbanity).to_lowercase(),
            s.tier.as_str().to_string(),
            s.name.to_string(),
            s.status_on(ctx.today)
                .map(|x| x.as_str().to_string())
                .unwrap_or_default(),
            od(s.established_on()),
            od(suspended),
            crate::domain::site::history_text(&s.history),
            s.operator.as_deref().unwrap_or_default().to_string(),
            s.area_m2.map(|a| a.to_string()).unwrap_or_default(),
            od(s.civil_reg),
            s.head.as_deref().unwrap_or_default().to_string(),
            (s.synthetic as u8).to_string(),
        ]);
    }
    rows
}
