//! The demo's service contracts: one chain per station and center from the day it was
//! established (or, for a site still planned, its last status change), each contract as long
//! as the site's profile allows (Wuhan 3 years §三(四), Ningxia a year §三(三)1, Nantong the
//! 3-year term of its contract rule, Wenzhou and Yubei a service year), followed by a renewal
//! where the evaluations of its term allow or have not decided it, and by a new operator
//! (re-procured, not a renewal) where they refuse it, until a contract runs past the demo's
//! date. All synthetic.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{shape_for, Rng, OPERATORS};
use crate::domain::calendar::{add_days, add_years};
use crate::domain::contract::{latest_end, Contract};
use crate::domain::evaluation::Evaluation;
use crate::domain::policy::Profile;
use crate::domain::renewal::{renewal_consequence, required_sheets, service_term, Verdict};
use crate::domain::site::{Site, Tier};

/// Contracts for every station and center of `sites`; a site whose operator was replaced
/// after a refused renewal gets the current operator's name.
pub fn generate(
    sites: &mut [Site],
    evaluations: &[Evaluation],
    profiles: &[Profile],
    today: NaiveDate,
    seed: u64,
) -> Vec<Contract> {
    let mut rng = Rng::new(seed ^ 0xC0_7EAC7);
    let mut by_site: HashMap<i64, Vec<&Evaluation>> = HashMap::new();
    for e in evaluations {
        by_site.entry(e.site_id).or_default().push(e);
    }
    let mut out: Vec<Contract> = Vec::new();
    for site in sites.iter_mut() {
        if site.tier == Tier::Room {
            continue;
        }
        let shape = shape_for(&site.division);
        let Some(p) = profiles.iter().find(|p| p.id == shape.profile) else {
            continue;
        };
        let Some(first) = site
            .established_on()
            .or_else(|| site.history.last().map(|c| c.on))
        else {
            continue;
        };
        let years = service_term(p, 2000, 2000).count().max(1) as u32;
        let evals: Vec<&Evaluation> = by_site.get(&site.id).cloned().unwrap_or_default();
        let mut operator = site
            .operator
            .as_deref()
            .map(String::from)
            .unwrap_or_else(|| operator_name(&mut rng, &site.name));
        let mut start = first;
        let mut renews = None;
        loop {
            let mut end = add_days(add_years(start, years), -1);
            if let Some((latest, _)) = latest_end(p, start) {
                end = end.min(latest);
            }
            let id = out.len() as i64 + 1;
            let c = Contract {
                id,
                site_id: site.id,
                operator: operator.clone(),
                start,
                end,
                renews,
                version: 1,
                synthetic: true,
            };
            let term = c.years();
            out.push(c);
            if end >= today {
                break;
            }
            let sheets = required_sheets(&p.evaluation, evals.iter().copied(), term.clone());
            let verdict = renewal_consequence(&p.evaluation, &sheets, term).verdict;
            if let Verdict::NotAllowed { .. } = verdict {
                operator = operator_name(&mut rng, &site.name);
                renews = None;
            } else {
                // A renewal moves the renewed contract's version on, as the store's does.
                if let Some(c) = out.last_mut() {
                    c.version += 1;
                }
                renews = Some(id);
            }
            start = add_days(end, 1);
        }
        if let Some(c) = out.last() {
            if site.operator.as_deref() != Some(c.operator.as_str()) {
                site.operator = Some(c.operator.as_str().into());
            }
        }
    }
    out
}

/// A synthetic operator for a site: the district's first two characters, a brand and a kind.
fn operator_name(rng: &mut Rng, site: &str) -> String {
    let short: String = site.chars().take(2).collect();
    format!(
        "{short}{}{}（合成）",
        ["启明", "博爱", "和谐", "众诚", "向阳", "安康"][rng.range(0, 5) as usize],
        rng.pick(OPERATORS)
    )
}
