//! Site alerts about operators and progress: the service contract in force ends within 90
//! days with nothing recorded after it (with the renewal verdict of its term), and a site
//! whose status has stood still for a year while planned or under construction.

use super::alerts::{Alert, AlertKind, At, Severity};
use super::facts::Fact;
use crate::domain::contract::{contract_renewal, Contract};
use crate::domain::network::Network;
use crate::domain::policy::{Cite, Profile};
use crate::domain::renewal::Verdict;
use crate::domain::site::SiteStatus;

/// How many days before its end a service contract is raised.
pub const CONTRACT_ENDING_DAYS: i64 = 90;
/// How long a site may stay planned or under construction before it is raised.
pub const STALLED_DAYS: i64 = 365;

/// The contract in force today that ends within `CONTRACT_ENDING_DAYS` and has no contract
/// after it (renewal or a new operator): a warning when its term's evaluations refuse a
/// renewal or it ends within 30 days, otherwise information. Cites the renewal rule.
/// Returns whether the verdict is "not allowed" (the caller then skips the term alert).
pub(super) fn contract_ending(
    net: &Network,
    profile: &Profile,
    at: &At,
    out: &mut Vec<Alert>,
) -> bool {
    let all = net.contracts_of(at.site.id);
    let Some(c) = all.iter().find(|c| c.in_force(at.today)) else {
        return false;
    };
    let days = c.days_left(at.today);
    if days > CONTRACT_ENDING_DAYS || followed(c, all) {
        return false;
    }
    let (_, renewal) = contract_renewal(net, c, profile);
    let refused = matches!(renewal.verdict, Verdict::NotAllowed { .. });
    let severity = if refused || days <= 30 {
        Severity::Warning
    } else {
        Severity::Info
    };
    let cite = renewal.cite.clone();
    let mut a = at.site_alert(
        severity,
        AlertKind::ServiceContractEnding,
        &cite,
        Fact::ServiceContractEnding {
            operator: c.operator.clone(),
            end: c.end,
            days,
            renewal,
        },
    );
    a.due = Some(c.end);
    a.days_left = Some(days);
    out.push(a);
    refused
}

/// Whether a contract of the site starts after `c` ends.
fn followed(c: &Contract, all: &[Contract]) -> bool {
    all.iter().any(|n| n.start > c.end)
}

/// A site planned or under construction for `STALLED_DAYS` or more, citing the profile's
/// latest coverage milestone for the site's tier (the deadline it is being built for).
pub(super) fn stalled(profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    let Some(last) = at.site.history.iter().rev().find(|c| c.on <= at.today) else {
        return;
    };
    if !matches!(
        last.status,
        SiteStatus::Planned | SiteStatus::UnderConstruction
    ) {
        return;
    }
    let days = (at.today - last.on).num_days();
    if days < STALLED_DAYS {
        return;
    }
    let Some(cite): Option<&Cite> = profile
        .milestones
        .iter()
        .filter(|m| m.parts.iter().any(|p| p.tier == at.site.tier))
        .max_by_key(|m| m.deadline)
        .map(|m| &m.cite)
    else {
        return;
    };
    out.push(at.site_alert(
        Severity::Warning,
        AlertKind::StatusStalled,
        cite,
        Fact::StatusStalled {
            status: last.status,
            since: last.on,
            days,
            limit: STALLED_DAYS,
        },
    ));
}
