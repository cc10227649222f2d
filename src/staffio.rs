//! Staff export (and, with the staff issue, import and computed deadlines).

use crate::cli::Format;
use crate::commands::{table_out, Ctx};
use crate::domain::network::Network;
use crate::error::Result;

fn od(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn export_staff(
    net: &Network,
    ctx: &Ctx,
    format: Format,
    within: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let year = chrono::Datelike::year(&ctx.today);
    let header = [
        "staff_id",
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
        "sw_degree",
        "prior_years",
        "departed",
        "synthetic",
    ];
    let mut rows = Vec::new();
    for p in &net.staff {
        let Some(site) = net.site(p.site_id) else {
            continue;
        };
        if !within(&site.division) {
            continue;
        }
        rows.push(vec![
            p.id.to_string(),
            p.site_id.to_string(),
            site.division.clone(),
            site.name.clone(),
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
            (p.sw_degree as u8).to_string(),
            p.prior_years.to_string(),
            od(p.departed),
            (p.synthetic as u8).to_string(),
        ]);
    }
    table_out(&header, rows, format)
}
