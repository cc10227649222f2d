//! `sgz export sites|staff|scores`: one row per record with its division code.

use super::{od, out, scope_or_root, table_out, Ctx};
use crate::cli::{ExportArgs, ExportWhat, Format};
use crate::domain::network::Network;
use crate::error::Result;
use crate::i18n::names::Named;

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let store = ctx.open_for_reading()?;
    super::say_next_step(&store, ctx.lang)?;
    let net = store.load_network()?;
    let scope = scope_or_root(&net, ctx.scope.as_deref())?;
    let within = |code: &str| scope.is_none_or(|s| code.starts_with(&net.tree.node(s).code_str()));
    let reader = ctx.reader(&store)?;
    // People and scores only within the reader's grant; sites (coverage) everywhere.
    let personal = |code: &str| within(code) && reader.may_read_personal(code);
    let text = match a.what {
        ExportWhat::Sites => export_sites(&net, ctx, a.format.into(), &within)?,
        ExportWhat::Staff => crate::commands::staff::export_staff(
            &net,
            &store.staff_versions()?,
            ctx,
            a.format.into(),
            &personal,
        )?,
        ExportWhat::Scores => {
            return crate::commands::scores::export_scores(ctx, &store, &net, &personal, a)
        }
    };
    out(a.output.as_deref(), text.as_bytes())
}

fn export_sites(
    net: &Network,
    ctx: &Ctx,
    format: Format,
    within: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let header = [
        "site_id",
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
            s.history
                .iter()
                .map(|c| format!("{}:{}", c.status.as_str(), c.on))
                .collect::<Vec<_>>()
                .join(";"),
            s.operator.as_deref().unwrap_or_default().to_string(),
            s.area_m2.map(|a| a.to_string()).unwrap_or_default(),
            od(s.civil_reg),
            s.head.as_deref().unwrap_or_default().to_string(),
            (s.synthetic as u8).to_string(),
        ]);
    }
    table_out(&header, rows, format, ctx.lang)
}
