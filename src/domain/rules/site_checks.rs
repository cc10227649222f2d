//! Site-level checks of an established site: staffing, office area, civil registration.

use super::alerts::{Alert, AlertKind, At, Severity};
use super::facts::Fact;
use crate::domain::division::{Level, Urbanity};
use crate::domain::network::Network;
use crate::domain::policy::{AreaFilter, Measure, Profile, StaffingRule};
use crate::domain::site::Tier;
use crate::domain::staff::{Role, Staff};

/// The staffing rules of the profile against the site's counted staff on post.
// One arm per kind of staffing rule, each a few lines; a function apiece would add only names.
pub(super) fn staffing(
    net: &Network,
    profile: &Profile,
    at: &At,
    people: &[&Staff],
    out: &mut Vec<Alert>,
) {
    let site = at.site;
    let counted = |ex: &[Role]| people.iter().filter(|p| !ex.contains(&p.role)).count() as u32;
    for rule in &profile.staffing {
        match rule {
            StaffingRule::MinCount {
                min,
                counties,
                tier,
                exclude_roles,
                cite,
            } => {
                if site.tier != tier.unwrap_or(Tier::Station)
                    || (!counties.is_empty()
                        && !counties
                            .iter()
                            .any(|c| site.division.starts_with(c.as_str())))
                {
                    continue;
                }
                let n = counted(exclude_roles);
                if n < *min {
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        Fact::StaffingShort {
                            on_post: n,
                            min: *min,
                            excluded: exclude_roles.clone(),
                        },
                    ));
                }
            }
            StaffingRule::MaxCount {
                max,
                exclude_roles,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let n = counted(exclude_roles);
                if n > *max {
                    out.push(at.site_alert(
                        Severity::Warning,
                        AlertKind::StaffingOver,
                        cite,
                        Fact::StaffingOver {
                            on_post: n,
                            max: *max,
                            excluded: exclude_roles.clone(),
                        },
                    ));
                }
            }
            StaffingRule::PerVillages {
                villages,
                floor,
                exclude_roles,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let v = net
                    .tree
                    .children(at.node)
                    .filter(|&c| net.tree.node(c).level == Level::Village)
                    .count() as u32;
                let required = if *villages == 0 {
                    *floor
                } else {
                    v.div_ceil(*villages).max(*floor)
                };
                let n = counted(exclude_roles);
                if n < required {
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        Fact::VillagesShort {
                            villages: v,
                            per: *villages,
                            floor: *floor,
                            required,
                            on_post: n,
                            excluded: exclude_roles.clone(),
                        },
                    ));
                }
            }
            StaffingRule::RoleRequired {
                role,
                min,
                min_level,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let have = people
                    .iter()
                    .filter(|p| {
                        p.role == *role && min_level.is_none_or(|l| p.certified_on(at.today, l))
                    })
                    .count() as u32;
                if have < *min {
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        Fact::RoleShort {
                            role: *role,
                            min: *min,
                            min_level: *min_level,
                            have,
                        },
                    ));
                }
            }
        }
    }
}

/// A station's office area against the profile's minimum and maximum.
pub(super) fn area(profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    let (Some(rule), Some(a), Tier::Station) = (&profile.area, at.site.area_m2, at.site.tier)
    else {
        return;
    };
    if let Some(min) = rule.min_m2.filter(|m| a < *m) {
        out.push(at.site_alert(
            Severity::Warning,
            AlertKind::AreaSmall,
            &rule.cite,
            Fact::AreaSmall { area: a, min },
        ));
    }
    if let Some(max) = rule.max_m2.filter(|m| a > *m) {
        out.push(at.site_alert(
            Severity::Warning,
            AlertKind::AreaLarge,
            &rule.cite,
            Fact::AreaLarge { area: a, max },
        ));
    }
}

/// Civil registration of a site a milestone counts, overdue or due within `WINDOW_DAYS`.
pub(super) fn civil_registration(net: &Network, profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    let site = at.site;
    if site.civil_reg.is_some_and(|r| r <= at.today) {
        return;
    }
    let urbanity = net.tree.node(at.node).urbanity;
    for m in profile
        .milestones
        .iter()
        .filter(|m| m.measure == Measure::CivilRegistration)
    {
        let applies = m.parts.iter().any(|p| {
            p.tier == site.tier
                && match p.filter {
                    AreaFilter::All => true,
                    AreaFilter::Urban => urbanity == Urbanity::Urban,
                    AreaFilter::Rural => urbanity == Urbanity::Rural,
                }
        });
        if !applies {
            continue;
        }
        let days = (m.deadline - at.today).num_days();
        let (severity, fact) = if days < 0 {
            (
                Severity::Critical,
                Fact::CivilRegistrationLate {
                    due: m.deadline,
                    days_late: -days,
                },
            )
        } else if days <= super::WINDOW_DAYS {
            (
                Severity::Warning,
                Fact::CivilRegistrationSoon {
                    due: m.deadline,
                    days_left: days,
                },
            )
        } else {
            continue;
        };
        out.push(at.alert(
            severity,
            AlertKind::CivilRegistration,
            None,
            Some(m.deadline),
            &m.cite,
            fact,
        ));
    }
}
