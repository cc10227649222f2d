//! Deadlines per person and compliance alerts per site, each citing its clause.
//! Pure: "today" is an argument; no store, no clock, no files.
//!
//! A deadline's `due` is the last day on which it is still met (or can still be met): a
//! worker hired 2021-05-01 under a three-year rule has until 2024-05-01, is due soon on that
//! day and overdue from 2024-05-02. Only people active on the date have deadlines.
//!
//! What the views call (all pure, all take `today`):
//! - a person: `person_deadlines(net, profiles, staff, today)` and `next_deadline(&ds)`;
//! - a site: `site_alerts(net, profile_of_site(..), site, node, today)`;
//! - a scope: `alerts_under(net, profiles, node, today)`, and for tree rows
//!   `AlertCounts::compute(net, profiles, root, today)` once per date, then `.row(net, node)`;
//! - a form: `check_certificate`, `check_registration`, `check_training`, `check_departure`,
//!   `check_staff` before calling the matching `Store::record_*` / `add_staff`.

mod alerts;
mod contract_checks;
mod counts;
mod deadlines;
mod facts;
mod personal;
mod phases;
mod site_checks;
mod validate;

pub use alerts::{alerts_under, site_alerts, sort_alerts, Alert, AlertKind, Severity};
pub use contract_checks::{CONTRACT_ENDING_DAYS, STALLED_DAYS};
pub use counts::{AlertCounts, Tally};
pub use deadlines::{
    deadlines, next_deadline, person_deadlines, Deadline, DeadlineKind, DeadlineStatus, Detail,
};
pub use facts::{Fact, Hours, Who};
pub use phases::{first_owed_year, missing_phases, year_end, MissingPhase};
pub use validate::{
    check_certificate, check_departure, check_registration, check_renewal, check_staff,
    check_training, DateField, FieldError, Problem, Quantity, FIRST_EXAM_YEAR,
};

use chrono::NaiveDate;

use super::coverage::binding_for;
use super::network::Network;
use super::policy::{Profile, RegistrationRule};
use super::staff::{CertLevel, Role, Staff};

/// How many days ahead a deadline counts as due soon. The registration window is the
/// profile's own (`registration.window_months`).
pub const WINDOW_DAYS: i64 = 90;

use super::calendar::{add_days, sub_months};
pub use super::calendar::{add_years, age_on};

/// Years of relevant experience on `d`: prior years plus the time since hire.
pub fn experience_years(p: &Staff, d: NaiveDate) -> f64 {
    p.prior_years + (d - p.hired).num_days().max(0) as f64 / 365.25
}

/// A rule's role list: empty means every role except the station head.
pub fn role_applies(roles: &[Role], role: Role) -> bool {
    if roles.is_empty() {
        role != Role::StationHead
    } else {
        roles.contains(&role)
    }
}

/// Continuing-education hours a registration period needs at `level`.
pub fn ce_required(rule: &RegistrationRule, level: CertLevel) -> Option<u32> {
    match level {
        CertLevel::None => None,
        CertLevel::Assistant => Some(rule.ce_hours_assistant),
        CertLevel::Intermediate => Some(rule.ce_hours_intermediate),
        CertLevel::Senior => Some(rule.ce_hours_senior),
    }
}

/// The profile bound to a site (the nearest bound ancestor of its division).
pub fn profile_of_site<'p>(
    net: &Network,
    profiles: &'p [Profile],
    site_id: i64,
) -> Option<&'p Profile> {
    net.node_of_site(site_id)
        .and_then(|n| binding_for(net, profiles, n))
        .map(|(p, _)| p)
}
