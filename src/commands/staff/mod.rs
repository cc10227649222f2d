//! Staff export (with each person's next deadline) and import (CSV in the export's columns).

use std::collections::HashMap;
use std::path::Path;

use chrono::Datelike;

use crate::commands::{od, Ctx};
use crate::domain::network::Network;
use crate::domain::rules::{next_deadline, person_deadlines};
use crate::domain::staff::Staff;
use crate::error::Result;
use crate::i18n::{cli as msg, Lang};
use crate::search::resolve_scope;

mod plan;
pub(crate) use plan::parse_bool;
pub use plan::{parse_loose_date, StaffSheet};

/// The columns `sgz export staff` writes and `sgz import staff` reads (site_name and the
/// last three are computed and ignored on import). `version` is the person's version when
/// exported: a row that changes a stored person must carry it.
pub const STAFF_COLUMNS: [&str; 25] = [
    "staff_id",
    "version",
    "site_id",
    "division_code",
    "site_name",
    "name",
    "role",
    "birth",
    "hired",
    "contract_start",
    "contract_end",
    "cert_level",
    "cert_passed",
    "reg_date",
    "reg_expiry",
    "ce_hours",
    "training_hours_this_year",
    "training_earlier",
    "sw_degree",
    "prior_years",
    "departed",
    "synthetic",
    "next_deadline_kind",
    "next_deadline",
    "days_left",
];

/// One row per person under `within`, in `STAFF_COLUMNS`' order.
pub fn staff_rows(
    net: &Network,
    versions: &HashMap<i64, i64>,
    ctx: &Ctx,
    within: &dyn Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let year = ctx.today.year();
    let mut rows = Vec::new();
    for p in &net.staff {
        let Some(site) = net.site(p.site_id) else {
            continue;
        };
        if !within(&site.division) {
            continue;
        }
        let ds = person_deadlines(net, &ctx.profiles, p, ctx.today);
        let next = next_deadline(&ds);
        rows.push(vec![
            p.id.to_string(),
            versions.get(&p.id).copied().unwrap_or(1).to_string(),
            p.site_id.to_string(),
            site.division.to_string(),
            site.name.to_string(),
            p.name.clone(),
            p.role.as_str().into(),
            od(p.birth),
            p.hired.to_string(),
            od(p.contract_start),
            od(p.contract_end),
            p.cert_level.as_str().into(),
            od(p.cert_passed),
            od(p.reg_date),
            od(p.reg_expiry),
            p.ce_hours.to_string(),
            p.training_hours(year).to_string(),
            crate::domain::staff::training_text(&p.training, year),
            (p.sw_degree as u8).to_string(),
            p.prior_years.to_string(),
            od(p.departed),
            (p.synthetic as u8).to_string(),
            next.map(|d| d.kind.as_str().to_string())
                .unwrap_or_default(),
            od(next.and_then(|d| d.due)),
            next.and_then(|d| d.days_left)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ]);
    }
    rows
}

/// `sgz import staff FILE`: read, check every row, then add the new people and update the
/// known ones (each only if unchanged since the export) in one audited transaction, or
/// nothing. With `dry_run`, say what would change and write nothing.
pub fn import_staff(ctx: &Ctx, path: &Path, dry_run: bool) -> Result<()> {
    use crate::i18n::progress as steps;
    let progress = crate::commands::progress::Progress::start(ctx.lang);
    progress.phase(steps::READ_FILE, &[("file", &path.display())]);
    let (name, bytes) = super::input::read(path)?;
    let mut store = if dry_run {
        ctx.open_for_reading()?
    } else {
        ctx.open()?
    };
    progress.phase(steps::LOAD, &[]);
    let net = store.load_network()?;
    let versions = store.staff_versions()?;
    let scope = ctx
        .scope
        .as_deref()
        .map(|s| resolve_scope(&net.tree, s))
        .transpose()?;
    let file = if name == "-" {
        name
    } else {
        path.display().to_string()
    };
    let table = crate::io::sheet::read(&file, &bytes, crate::io::headers::Sheet::Staff, ctx.lang)?;
    let encoding = table.encoding.as_str();
    let sheet = StaffSheet {
        net: &net,
        versions: &versions,
        profiles: &ctx.profiles,
        scope,
        today: ctx.today,
        lang: ctx.lang,
    };
    progress.phase(steps::CHECK_ROWS, &[]);
    let plan = sheet.plan(&file, &table)?;
    let actor = ctx.actor(&store)?;
    if dry_run {
        drop(progress);
        crate::commands::out(
            None,
            describe_plan(&net, &plan, ctx.today.year(), ctx.lang).as_bytes(),
        )?;
        let fields: usize = plan
            .updates
            .iter()
            .map(|u| u.old.changes(&u.new, u.year).len())
            .sum();
        let (added, updated) = (plan.adds.len(), plan.updates.len());
        crate::say!(
            "{}",
            msg::STAFF_DRY_RUN.fill(
                ctx.lang,
                &[
                    ("file", &file),
                    ("encoding", &encoding),
                    ("added", &added),
                    ("updated", &updated),
                    ("fields", &fields),
                    ("unchanged", &plan.unchanged),
                ]
            )
        );
        return Ok(());
    }
    progress.phase(steps::WRITE, &[]);
    let sum = store.import_staff(
        &actor,
        &plan.adds,
        &plan.updates,
        &format!("{file} ({encoding})"),
    )?;
    drop(progress);
    crate::say!(
        "{}",
        msg::STAFF_IMPORTED.fill(
            ctx.lang,
            &[
                ("file", &file),
                ("encoding", &encoding),
                ("added", &sum.added),
                ("updated", &sum.updated),
                ("fields", &sum.fields),
                ("unchanged", &plan.unchanged),
            ]
        )
    );
    Ok(())
}

/// What a staff plan would do, one line per new person and per changed field.
pub fn describe_plan(net: &Network, plan: &StaffPlan, year: i32, lang: Lang) -> String {
    use crate::domain::text::escape;
    use std::fmt::Write as _;
    let site = |id: i64| {
        net.site(id)
            .map(|s| format!("{} {}", s.division, escape(&s.name)))
            .unwrap_or_default()
    };
    let mut s = String::new();
    for p in &plan.adds {
        let (name, role, site) = (escape(&p.name), p.role.as_str(), site(p.site_id));
        let _ = writeln!(
            s,
            "{}",
            msg::PLAN_ADD.fill(lang, &[("name", &name), ("role", &role), ("site", &site)])
        );
    }
    for u in &plan.updates {
        for (field, old, new) in u.old.changes(&u.new, year) {
            let _ = writeln!(
                s,
                "staff_id {} {}: {field} {} -> {}",
                u.old.id,
                escape(&u.old.name),
                if old.is_empty() {
                    "∅".into()
                } else {
                    escape(&old)
                },
                if new.is_empty() {
                    "∅".into()
                } else {
                    escape(&new)
                }
            );
        }
    }
    s
}

/// What a checked staff sheet will do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StaffPlan {
    pub adds: Vec<Staff>,
    pub updates: Vec<crate::store::StaffUpdate>,
    /// Rows naming a stored person with the values stored.
    pub unchanged: usize,
}
