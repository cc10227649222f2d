//! Site-level checks of an established site: staffing, office area, civil registration.

use super::alerts::{num, Alert, AlertKind, At, Severity};
use super::{days_en, days_zh};
use crate::domain::division::{Level, Urbanity};
use crate::domain::network::Network;
use crate::domain::policy::{AreaFilter, Measure, Profile, StaffingRule};
use crate::domain::site::Tier;
use crate::domain::staff::{Role, Staff};

fn excluded(roles: &[Role]) -> (String, String) {
    if roles.is_empty() {
        return (String::new(), String::new());
    }
    let zh: Vec<&str> = roles.iter().map(|r| r.name_zh()).collect();
    let en: Vec<&str> = roles.iter().map(|r| r.name_en()).collect();
    (
        format!("（不含{}）", zh.join("、")),
        format!(" (not counting the {})", en.join(" or ")),
    )
}

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
                    let (xz, xe) = excluded(exclude_roles);
                    let short = min - n;
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        format!("在岗{n}人{xz}，少于规定的{min}人：需补充{short}人"),
                        format!("{n} on post{xe}, below the minimum of {min}: add {short}"),
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
                    let (xz, xe) = excluded(exclude_roles);
                    out.push(at.site_alert(
                        Severity::Warning,
                        AlertKind::StaffingOver,
                        cite,
                        format!("在岗{n}人{xz}，超过规定的{max}人：核定人员配置"),
                        format!("{n} on post{xe}, above the maximum of {max}: review the staffing"),
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
                    let (xz, xe) = excluded(exclude_roles);
                    let short = required - n;
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        format!(
                            "辖{v}个村（社区），按每{villages}村1人、不少于{floor}人应配{required}人，在岗{n}人{xz}：需补充{short}人"
                        ),
                        format!(
                            "{v} villages: one worker per {villages}, at least {floor}, makes {required}; {n} on post{xe}: add {short}"
                        ),
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
                    let (lz, le) = match min_level {
                        Some(l) => (
                            format!("（持{}及以上证书）", l.name_zh()),
                            format!(" holding the {} certificate or higher", l.name_en()),
                        ),
                        None => (String::new(), String::new()),
                    };
                    let short = min - have;
                    out.push(at.site_alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        cite,
                        format!(
                            "应配{}{min}名{lz}，现有{have}名：需配备{short}名",
                            role.name_zh()
                        ),
                        format!(
                            "needs {min} {}{le}, has {have}: appoint {short}",
                            role.name_en()
                        ),
                    ));
                }
            }
        }
    }
}

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
            format!(
                "办公用房{}㎡，小于规定的{}㎡：调整或扩充场所",
                num(a),
                num(min)
            ),
            format!(
                "office of {} m², below the {} m² minimum: find more space",
                num(a),
                num(min)
            ),
        ));
    }
    if let Some(max) = rule.max_m2.filter(|m| a > *m) {
        out.push(at.site_alert(
            Severity::Warning,
            AlertKind::AreaLarge,
            &rule.cite,
            format!(
                "办公用房{}㎡，超过规定的{}㎡：核定用房面积",
                num(a),
                num(max)
            ),
            format!(
                "office of {} m², above the {} m² maximum: review the space",
                num(a),
                num(max)
            ),
        ));
    }
}

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
        let (severity, zh, en) = if days < 0 {
            (
                Severity::Critical,
                format!("尚未完成民办非企业单位登记（期限{}，已逾期{}天）：督促办理民非登记并明确站长（法人代表）", m.deadline, -days),
                format!(
                    "not registered as a civil non-enterprise unit (due {}, {}): have it registered and its head named legal representative",
                    m.deadline,
                    days_en(days)
                ),
            )
        } else if days <= super::WINDOW_DAYS {
            (
                Severity::Warning,
                format!(
                    "须在{}前完成民办非企业单位登记（{}）：督促办理",
                    m.deadline,
                    days_zh(days)
                ),
                format!(
                    "must be registered as a civil non-enterprise unit by {} ({})",
                    m.deadline,
                    days_en(days)
                ),
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
            zh,
            en,
        ));
    }
}
