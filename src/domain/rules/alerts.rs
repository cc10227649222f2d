//! Compliance alerts per site: staffing, area, civil registration, and the deadlines of its
//! people. Each alert says how serious it is, when it is due, which clause it rests on, and
//! what to do, in Chinese and English.

use chrono::{Datelike, NaiveDate};

use super::deadlines;
use super::facts::Fact;
use super::personal::personal;
use super::phases::evaluation_phases;
use super::site_checks::{area, civil_registration, staffing};
use crate::domain::coverage::binding_for;
use crate::domain::network::Network;
use crate::domain::policy::{Cite, Profile};
use crate::domain::site::{Site, SiteStatus};
use crate::domain::staff::Staff;

/// Most serious first: `Critical < Warning < Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Overdue or a rule broken now.
    Critical,
    /// Due soon, or a qualification rule not met.
    Warning,
    /// Worth knowing: nothing is wrong yet.
    Info,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Info];
    /// The severity as written in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// One character marking the severity in lists.
    pub fn glyph(self) -> &'static str {
        match self {
            Severity::Critical => "✘",
            Severity::Warning => "⚠",
            Severity::Info => "✧",
        }
    }
}

/// What an alert is about: one rule of staffing, sites or people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertKind {
    /// Fewer counted staff than a minimum (MinCount, PerVillages, RoleRequired).
    StaffingShort,
    /// More counted staff than a maximum.
    StaffingOver,
    /// Site floor area under the profile's minimum.
    AreaSmall,
    /// Site floor area over the profile's maximum.
    AreaLarge,
    /// Station not registered as a civil non-enterprise unit by its deadline.
    CivilRegistration,
    /// No certificate by the three-year deadline.
    Uncertified,
    /// Passed but never registered within a year.
    FirstRegistration,
    /// Registration expires within its renewal window.
    RegistrationWindow,
    /// Registration expired.
    RegistrationLapsed,
    /// Contract ends without the certificate renewal needs.
    ContractNoRenewal,
    /// Contract ends soon; renewal is allowed.
    ContractEnding,
    /// Contract ended; no renewal recorded.
    ContractExpired,
    /// The site's service contract may not be renewed on its term's evaluations.
    ServiceNoRenewal,
    /// Contract term longer than the profile allows.
    ContractTooLong,
    /// An evaluation the scheme requires each service year not held (or not yet, near the
    /// year's end).
    EvaluationMissing,
    /// The site's service contract with its operator ends within 90 days.
    ServiceContractEnding,
    /// A site planned or under construction for a year or more.
    StatusStalled,
    /// Training hours of the year short near its end.
    TrainingShort,
    /// A person past the profile's age limit.
    AgeLimit,
    /// Fewer years of experience than the role needs.
    ExperienceShort,
    /// A person without the certificate or degree the role needs.
    QualificationShort,
}

impl AlertKind {
    /// Every kind, in the order filters list them.
    pub const ALL: [AlertKind; 21] = [
        AlertKind::StaffingShort,
        AlertKind::StaffingOver,
        AlertKind::AreaSmall,
        AlertKind::AreaLarge,
        AlertKind::CivilRegistration,
        AlertKind::Uncertified,
        AlertKind::FirstRegistration,
        AlertKind::RegistrationWindow,
        AlertKind::RegistrationLapsed,
        AlertKind::ContractNoRenewal,
        AlertKind::ContractEnding,
        AlertKind::ContractExpired,
        AlertKind::ServiceNoRenewal,
        AlertKind::ContractTooLong,
        AlertKind::EvaluationMissing,
        AlertKind::ServiceContractEnding,
        AlertKind::StatusStalled,
        AlertKind::TrainingShort,
        AlertKind::AgeLimit,
        AlertKind::ExperienceShort,
        AlertKind::QualificationShort,
    ];
    /// The kind as written in reports, JSON and `--kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "staffing_short",
            AlertKind::StaffingOver => "staffing_over",
            AlertKind::AreaSmall => "area_small",
            AlertKind::AreaLarge => "area_large",
            AlertKind::CivilRegistration => "civil_registration",
            AlertKind::Uncertified => "uncertified",
            AlertKind::FirstRegistration => "first_registration",
            AlertKind::RegistrationWindow => "registration_window",
            AlertKind::RegistrationLapsed => "registration_lapsed",
            AlertKind::ContractNoRenewal => "contract_no_renewal",
            AlertKind::ContractEnding => "contract_ending",
            AlertKind::ContractExpired => "contract_expired",
            AlertKind::ServiceNoRenewal => "service_no_renewal",
            AlertKind::ContractTooLong => "contract_too_long",
            AlertKind::EvaluationMissing => "evaluation_missing",
            AlertKind::ServiceContractEnding => "service_contract_ending",
            AlertKind::StatusStalled => "status_stalled",
            AlertKind::TrainingShort => "training_short",
            AlertKind::AgeLimit => "age_limit",
            AlertKind::ExperienceShort => "experience_short",
            AlertKind::QualificationShort => "qualification_short",
        }
    }
    /// The kind named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One problem found at a site or with one of its people, citing the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// How serious it is.
    pub severity: Severity,
    /// Which rule it breaks.
    pub kind: AlertKind,
    /// The site concerned.
    pub site_id: i64,
    /// The person concerned, for personal alerts.
    pub staff_id: Option<i64>,
    /// Tree node of the site's division.
    pub node: u32,
    /// Division code of the site.
    pub code: String,
    /// Id of the profile the rule comes from (None: national rules).
    pub policy: Option<String>,
    /// The deadline, when the rule has one.
    pub due: Option<NaiveDate>,
    /// Days from "today" to `due`; negative once past.
    pub days_left: Option<i64>,
    /// The rule: clause and what it says.
    pub cite: Cite,
    /// What was found, for `i18n::domain::describe` to word.
    pub fact: Fact,
}

/// Every alert for the sites under `scope_node` (itself included) on `today`, most serious
/// first, then by due date (undated last), division code and person.
pub fn alerts_under(
    net: &Network,
    profiles: &[Profile],
    scope_node: u32,
    today: NaiveDate,
) -> Vec<Alert> {
    let mut out = Vec::new();
    for (node, site) in net.sites_under(scope_node) {
        let profile = binding_for(net, profiles, node).map(|(p, _)| p);
        collect(net, profile, site, node, today, &mut out);
    }
    sort_alerts(&mut out);
    out
}

/// The alerts of one site (and its people) under `profile`, sorted like `alerts_under`.
pub fn site_alerts(
    net: &Network,
    profile: Option<&Profile>,
    site: &Site,
    node: u32,
    today: NaiveDate,
) -> Vec<Alert> {
    let mut out = Vec::new();
    collect(net, profile, site, node, today, &mut out);
    sort_alerts(&mut out);
    out
}

/// Most serious first, then by due date (undated last), division code, person and kind.
pub fn sort_alerts(v: &mut [Alert]) {
    v.sort_by(|a, b| {
        (
            a.severity,
            a.due.is_none(),
            a.due,
            &a.code,
            a.staff_id,
            a.kind,
        )
            .cmp(&(
                b.severity,
                b.due.is_none(),
                b.due,
                &b.code,
                b.staff_id,
                b.kind,
            ))
    });
}

/// What every alert of one site shares.
pub(super) struct At<'a> {
    pub(super) site: &'a Site,
    pub(super) node: u32,
    pub(super) policy: Option<&'a str>,
    pub(super) today: NaiveDate,
}

impl At<'_> {
    /// A site alert: no person and no due date.
    pub(super) fn site_alert(
        &self,
        severity: Severity,
        kind: AlertKind,
        cite: &Cite,
        fact: Fact,
    ) -> Alert {
        self.alert(severity, kind, None, None, cite, fact)
    }

    pub(super) fn alert(
        &self,
        severity: Severity,
        kind: AlertKind,
        staff_id: Option<i64>,
        due: Option<NaiveDate>,
        cite: &Cite,
        fact: Fact,
    ) -> Alert {
        Alert {
            severity,
            kind,
            site_id: self.site.id,
            staff_id,
            node: self.node,
            code: self.site.division.to_string(),
            policy: self.policy.map(String::from),
            due,
            days_left: due.map(|d| (d - self.today).num_days()),
            cite: cite.clone(),
            fact,
        }
    }
}

/// The renewal verdict of the service term holding this year, when the term's evaluations
/// already refuse it (the same `site_renewal` the scores list and the grid ask).
fn service_renewal(net: &Network, profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    if at.site.tier != crate::domain::site::Tier::Station {
        return;
    }
    let (_, _, renewal) =
        crate::domain::renewal::site_renewal(net, at.site.id, profile, at.today.year());
    if renewal.allowed() == Some(false) {
        let cite = renewal.cite.clone();
        out.push(at.site_alert(
            Severity::Warning,
            AlertKind::ServiceNoRenewal,
            &cite,
            Fact::ServiceNoRenewal { renewal },
        ));
    }
}

fn collect(
    net: &Network,
    profile: Option<&Profile>,
    site: &Site,
    node: u32,
    today: NaiveDate,
    out: &mut Vec<Alert>,
) {
    let at = At {
        site,
        node,
        policy: profile.map(|p| p.id.as_str()),
        today,
    };
    let people: Vec<&Staff> = net
        .staff_of(site.id)
        .filter(|p| p.active_on(today))
        .collect();
    if let Some(profile) = profile {
        if site
            .status_on(today)
            .is_some_and(SiteStatus::is_established)
        {
            staffing(net, profile, &at, &people, out);
            area(profile, &at, out);
            civil_registration(net, profile, &at, out);
            if !super::contract_checks::contract_ending(net, profile, &at, out) {
                service_renewal(net, profile, &at, out);
            }
            evaluation_phases(net, profile, &at, out);
        }
        super::contract_checks::stalled(profile, &at, out);
    }
    for p in people {
        let ds = deadlines(profile, p, today);
        for d in &ds {
            personal(&at, p, d, &ds, out);
        }
    }
}
