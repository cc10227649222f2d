//! The synthetic demo: the five seed regions with sites, staff and evaluations shaped like a
//! 2021-2026 rollout. Deterministic from a fixed seed; no clock, no I/O. Everything it makes
//! is marked synthetic and labelled so wherever it is shown.

use crate::i18n::names::Named;
use std::collections::BTreeMap;

pub mod contracts;
pub mod duties;

use crate::domain::calendar::add_years;
use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::division::{Level, Tree, Urbanity};
use crate::domain::evaluation::{grade_for, EvalStatus, Evaluation};
use crate::domain::policy::Profile;
use crate::domain::site::{Site, SiteStatus, StatusChange, Tier};
use crate::domain::staff::{CertLevel, Role, Staff};

pub const SEED: u64 = 20210426;

/// The date the demo's deadlines and expiries are shaped around.
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next_u64() % xs.len() as u64) as usize]
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn between(rng: &mut Rng, a: NaiveDate, b: NaiveDate) -> NaiveDate {
    let span = (b - a).num_days().max(0);
    a + Duration::days(rng.range(0, span))
}

/// How one region rolls out: when stations are due, and how far rooms go.
struct Shape {
    profile: &'static str,
    start: NaiveDate,
    station_due: NaiveDate,
    urban_due: Option<NaiveDate>,
    room_share_urban: f64,
    room_share_rural: f64,
    room_due: NaiveDate,
    staff: (i64, i64),
}

fn shape_for(code: &str) -> Shape {
    let base = Shape {
        profile: "nantong-2021",
        start: d(2021, 5, 1),
        station_due: d(2021, 12, 31),
        urban_due: None,
        room_share_urban: 0.3,
        room_share_rural: 0.2,
        room_due: d(2023, 12, 31),
        staff: (2, 5),
    };
    if code.starts_with("64") {
        Shape {
            profile: "ningxia-2021",
            urban_due: Some(d(2021, 9, 30)),
            staff: (2, 4),
            ..base
        }
    } else if code.starts_with("4201") {
        Shape {
            profile: "wuhan-2021",
            start: d(2021, 9, 1),
            station_due: d(2023, 12, 31),
            room_share_urban: 0.6,
            room_share_rural: 0.25,
            staff: (2, 5),
            ..base
        }
    } else if code.starts_with("3303") {
        Shape {
            profile: "wenzhou-2021",
            start: d(2021, 6, 1),
            station_due: d(2022, 12, 31),
            staff: (3, 8),
            ..base
        }
    } else if code.starts_with("500112") {
        Shape {
            profile: "yubei-2021",
            start: d(2021, 7, 1),
            room_share_urban: 0.97,
            room_share_rural: 0.95,
            room_due: d(2021, 12, 31),
            staff: (1, 3),
            ..base
        }
    } else {
        Shape {
            station_due: d(2021, 10, 31),
            start: d(2021, 4, 1),
            staff: (3, 6),
            ..base
        }
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓燕", "海燕", "志强", "文", "斌", "玉兰",
    "婷", "宁", "红梅", "浩然", "子涵", "欣怡", "梓萱", "雨桐", "思远", "嘉怡", "俊杰", "佳琪",
    "梦瑶", "晨曦", "一诺", "心怡",
];
const OPERATORS: &[&str] = &[
    "社会工作服务中心",
    "社工事务所",
    "社会工作发展中心",
    "社区服务中心",
    "社会工作协会",
];

fn name(rng: &mut Rng) -> String {
    let s = rng.pick(SURNAMES);
    let g = rng.pick(GIVEN);
    if rng.chance(0.4) && g.chars().count() == 1 {
        format!("{s}{g}{}", rng.pick(GIVEN).chars().next().unwrap_or('明'))
    } else {
        format!("{s}{g}")
    }
}

pub struct Demo {
    pub sites: Vec<Site>,
    pub staff: Vec<Staff>,
    pub evaluations: Vec<Evaluation>,
}

/// Generate the demo over `tree` (the seed regions' divisions).
pub fn generate(tree: &Tree, profiles: &[Profile], seed: u64) -> Demo {
    let today = reference_date();
    let mut rng = Rng::new(seed);
    let mut sites = Vec::new();
    let mut staff = Vec::new();
    let mut evaluations = Vec::new();
    let mut next_staff = 1i64;
    let mut next_eval = 1i64;

    for i in 0..tree.len() as u32 {
        let n = tree.node(i);
        let Some(tier) = Tier::for_level(n.level) else {
            continue;
        };
        let code = n.code_str();
        let shape = shape_for(&code);
        // Establishment date, or None for a site still missing.
        let established: Option<NaiveDate> = match tier {
            Tier::Center => {
                let r = rng.f();
                if r < 0.88 {
                    Some(between(&mut rng, d(2021, 3, 1), d(2021, 9, 25)))
                } else if r < 0.97 {
                    Some(between(&mut rng, d(2021, 10, 1), d(2022, 3, 31)))
                } else {
                    Some(between(&mut rng, d(2022, 4, 1), d(2022, 12, 31)))
                }
            }
            Tier::Station => {
                let due = match (n.urbanity, shape.urban_due) {
                    (Urbanity::Urban, Some(u)) => u,
                    _ => shape.station_due,
                };
                let r = rng.f();
                if r < 0.83 {
                    Some(between(&mut rng, shape.start, due))
                } else if r < 0.95 {
                    Some(between(
                        &mut rng,
                        due + Duration::days(1),
                        due + Duration::days(300),
                    ))
                } else if r < 0.975 {
                    Some(between(
                        &mut rng,
                        due + Duration::days(300),
                        today - Duration::days(30),
                    ))
                } else {
                    None
                }
            }
            Tier::Room => {
                let share = if n.urbanity == Urbanity::Urban {
                    shape.room_share_urban
                } else {
                    shape.room_share_rural
                };
                if rng.chance(share) {
                    let late = rng.chance(0.1);
                    Some(if late {
                        between(&mut rng, shape.room_due, today - Duration::days(10))
                    } else {
                        between(&mut rng, shape.start + Duration::days(30), shape.room_due)
                    })
                } else {
                    None
                }
            }
        };
        // Stations that are missing still exist as planned sites (a plan with a date); rooms
        // that are not set up have no site at all.
        if established.is_none() && tier == Tier::Room {
            continue;
        }
        let mut history = Vec::new();
        let planned = match established {
            Some(e) => e - Duration::days(rng.range(30, 150)),
            None => between(&mut rng, shape.start, d(2023, 6, 30)),
        };
        history.push(StatusChange {
            status: SiteStatus::Planned,
            on: planned,
        });
        match established {
            Some(e) => {
                let building = planned + Duration::days(((e - planned).num_days() / 2).max(1));
                if building < e {
                    history.push(StatusChange {
                        status: SiteStatus::UnderConstruction,
                        on: building,
                    });
                }
                history.push(StatusChange {
                    status: SiteStatus::Established,
                    on: e,
                });
                let op = e + Duration::days(rng.range(20, 150));
                if op <= today && rng.chance(0.9) {
                    history.push(StatusChange {
                        status: SiteStatus::Operating,
                        on: op,
                    });
                    if rng.chance(0.015) {
                        let s = between(&mut rng, op + Duration::days(60), today);
                        if s > op {
                            history.push(StatusChange {
                                status: SiteStatus::Suspended,
                                on: s,
                            });
                        }
                    }
                }
            }
            None => {
                if rng.chance(0.5) {
                    history.push(StatusChange {
                        status: SiteStatus::UnderConstruction,
                        on: between(
                            &mut rng,
                            planned + Duration::days(10),
                            today - Duration::days(5),
                        ),
                    });
                }
            }
        }
        let area = match tier {
            Tier::Center => rng.range(120, 400) as f64,
            Tier::Station => {
                if shape.profile == "wenzhou-2021" || shape.profile == "nantong-2021" {
                    // Most within the document's bounds, a few outside to raise alerts.
                    if rng.chance(0.9) {
                        rng.range(100, 120) as f64
                    } else {
                        rng.range(60, 150) as f64
                    }
                } else {
                    rng.range(50, 200) as f64
                }
            }
            Tier::Room => rng.range(15, 60) as f64,
        };
        let civil_reg = match (tier, established) {
            (Tier::Station, Some(e)) if rng.chance(0.85) => {
                Some(e + Duration::days(rng.range(30, 420)))
            }
            _ => None,
        }
        .filter(|r| *r <= today);
        let site_id = sites.len() as i64 + 1;
        let site_name = match tier {
            Tier::Center => format!("{}社会工作服务指导中心", n.name),
            Tier::Station => format!("{}社会工作服务站", n.name),
            Tier::Room => format!("{}社会工作室", n.name),
        };
        let operator = (tier != Tier::Room).then(|| {
            let city = tree
                .parent(i)
                .map(|p| tree.node(p).name.to_string())
                .unwrap_or_default();
            let short: String = city.chars().take(2).collect();
            format!(
                "{short}{}{}（合成）",
                ["恒爱", "同心", "仁和", "益众", "阳光", "善行"][rng.range(0, 5) as usize],
                rng.pick(OPERATORS)
            )
        });
        let head = (tier == Tier::Station).then(|| name(&mut rng));
        sites.push(Site {
            id: site_id,
            division: code.clone().into(),
            tier,
            name: site_name.into(),
            operator: operator.map(Into::into),
            area_m2: Some(area),
            civil_reg,
            head: head.clone().map(Into::into),
            history,
            synthetic: true,
        });

        let Some(est) = established else { continue };
        // Staff: stations get a team; centers 2-4; rooms 0-1.
        let team: i64 = match tier {
            Tier::Station => {
                let (lo, hi) = shape.staff;
                let mut k = rng.range(lo, hi);
                if shape.profile == "nantong-2021" {
                    let villages = tree.children(i).count() as i64;
                    k = ((villages + 5) / 6).max(3) + rng.range(-1, 1);
                }
                k.max(1)
            }
            Tier::Center => rng.range(2, 4),
            Tier::Room => rng.range(0, 1),
        };
        let profile = profiles.iter().find(|p| p.id == shape.profile);
        for k in 0..team {
            let role = match (tier, k) {
                (Tier::Station, 0) if shape.profile == "ningxia-2021" => Role::ResidentWorker,
                (Tier::Station, 1) if shape.profile == "ningxia-2021" => {
                    if rng.chance(0.85) {
                        Role::Supervisor
                    } else {
                        Role::ProjectWorker
                    }
                }
                (Tier::Station, _) if shape.profile == "ningxia-2021" => Role::ProjectWorker,
                (Tier::Center, 0) => Role::Supervisor,
                (_, 0) => Role::ResidentWorker,
                _ => *rng.pick(&[
                    Role::ResidentWorker,
                    Role::ResidentWorker,
                    Role::ProjectWorker,
                    Role::Assistant,
                    Role::Supervisor,
                ]),
            };
            staff.push(person(&mut rng, next_staff, site_id, role, est, today));
            next_staff += 1;
        }
        if tier == Tier::Station && shape.profile == "nantong-2021" {
            if let Some(h) = &head {
                let mut p = person(&mut rng, next_staff, site_id, Role::StationHead, est, today);
                p.name = h.clone();
                staff.push(p);
                next_staff += 1;
            }
        }

        // Evaluations for stations, 2021-2025 service years, per the profile's phases.
        if let (Tier::Station, Some(p)) = (tier, profile) {
            evaluations_for(
                &mut rng,
                &mut evaluations,
                &mut next_eval,
                site_id,
                est,
                p,
                &p.evaluation.phases,
            );
        }
    }
    Demo {
        sites,
        staff,
        evaluations,
    }
}

fn evaluations_for(
    rng: &mut Rng,
    out: &mut Vec<Evaluation>,
    next_eval: &mut i64,
    site_id: i64,
    est: NaiveDate,
    p: &Profile,
    phases: &[crate::domain::policy::Phase],
) {
    for year in 2021..=2025 {
        let year_end = d(year, 12, 31);
        if est > year_end - Duration::days(90) {
            continue;
        }
        for &phase in phases {
            // The latest year is not complete everywhere: some sheets are missing.
            if year == 2025 && rng.chance(0.12) {
                continue;
            }
            let quality = 0.62 + rng.f() * 0.36;
            let mut scores = BTreeMap::new();
            for (_, item) in p.evaluation.items() {
                let v = (item.max * (quality + (rng.f() - 0.5) * 0.1)).clamp(0.0, item.max);
                scores.insert(item.id.clone(), (v * 2.0).round() / 2.0);
            }
            let total: f64 = scores.values().sum();
            let status = if year <= 2023 {
                EvalStatus::Locked
            } else if year == 2024 || rng.chance(0.7) {
                EvalStatus::Submitted
            } else {
                EvalStatus::Draft
            };
            out.push(Evaluation {
                id: *next_eval,
                site_id,
                year,
                phase,
                template: p.id.clone(),
                status,
                total: Some(total),
                grade: Some(grade_for(total, &p.evaluation)),
                version: 1,
                scores,
                synthetic: true,
            });
            *next_eval += 1;
        }
    }
}

/// National density for the benchmark: a center per county, a station for about 75% of
/// townships, rooms for about a third of villages, about 3 staff per station, two
/// evaluations per station per year for 2021-2025 with item scores. Stations outside the
/// bound regions use the Wenzhou template (two phases, 12 items).
pub fn generate_national(tree: &Tree, profiles: &[Profile], seed: u64) -> Demo {
    use crate::domain::policy::Phase;
    let today = reference_date();
    let mut rng = Rng::new(seed);
    let (mut sites, mut staff, mut evaluations) = (Vec::new(), Vec::new(), Vec::new());
    let (mut next_staff, mut next_eval) = (1i64, 1i64);
    let fallback = profiles
        .iter()
        .find(|p| p.id == "wenzhou-2021")
        .or(profiles.first());
    for i in 0..tree.len() as u32 {
        let n = tree.node(i);
        let Some(tier) = Tier::for_level(n.level) else {
            continue;
        };
        let share = match tier {
            Tier::Center => 0.97,
            Tier::Station => 0.75,
            Tier::Room => 1.0 / 3.0,
        };
        if !rng.chance(share) {
            continue;
        }
        let code = n.code_str();
        let est = match tier {
            Tier::Center => between(&mut rng, d(2021, 1, 1), d(2022, 12, 31)),
            _ => between(&mut rng, d(2021, 3, 1), d(2025, 12, 31)),
        };
        let mut history = vec![
            StatusChange {
                status: SiteStatus::Planned,
                on: est - Duration::days(rng.range(30, 120)),
            },
            StatusChange {
                status: SiteStatus::Established,
                on: est,
            },
        ];
        let op = est + Duration::days(rng.range(20, 150));
        if op <= today {
            history.push(StatusChange {
                status: SiteStatus::Operating,
                on: op,
            });
        }
        let site_id = sites.len() as i64 + 1;
        sites.push(Site {
            id: site_id,
            division: code.clone().into(),
            tier,
            name: format!("{}{}", n.name, tier.name_zh()).into(),
            operator: (tier != Tier::Room)
                .then(|| format!("社会工作服务中心（合成）{}", rng.range(1, 999)).into()),
            area_m2: Some(rng.range(40, 200) as f64),
            civil_reg: (tier == Tier::Station && rng.chance(0.8))
                .then(|| est + Duration::days(rng.range(30, 300)))
                .filter(|r| *r <= today),
            head: None,
            history,
            synthetic: true,
        });
        if tier != Tier::Station {
            continue;
        }
        for k in 0..rng.range(2, 4) {
            let role = if k == 0 {
                Role::ResidentWorker
            } else {
                *rng.pick(&[Role::ProjectWorker, Role::Assistant, Role::Supervisor])
            };
            staff.push(person(&mut rng, next_staff, site_id, role, est, today));
            next_staff += 1;
        }
        let bound = profiles
            .iter()
            .find(|p| p.binds_to.iter().any(|b| code.starts_with(b.as_str())));
        if let Some(p) = bound.or(fallback) {
            evaluations_for(
                &mut rng,
                &mut evaluations,
                &mut next_eval,
                site_id,
                est,
                p,
                &[Phase::MidTerm, Phase::EndTerm],
            );
        }
    }
    Demo {
        sites,
        staff,
        evaluations,
    }
}

fn person(
    rng: &mut Rng,
    id: i64,
    site_id: i64,
    role: Role,
    est: NaiveDate,
    today: NaiveDate,
) -> Staff {
    let hired = if rng.chance(0.6) {
        est - Duration::days(rng.range(0, 60))
    } else {
        between(rng, est, today - Duration::days(20))
    };
    let age_at_hire = rng.range(22, if role == Role::StationHead { 52 } else { 46 });
    let birth = hired - Duration::days(age_at_hire * 365 + rng.range(0, 364));
    let contract_start = hired;
    let contract_end = add_years(contract_start, 3) - Duration::days(1);
    let r = rng.f();
    let (level, passed) = if role == Role::Supervisor {
        let lvl = if rng.chance(0.85) {
            CertLevel::Intermediate
        } else {
            CertLevel::Assistant
        };
        (
            lvl,
            Some(between(rng, d(2012, 6, 1), hired + Duration::days(200))),
        )
    } else if r < 0.30 {
        (CertLevel::None, None)
    } else if r < 0.75 {
        (
            CertLevel::Assistant,
            Some(between(rng, d(2014, 6, 1), today - Duration::days(30))),
        )
    } else if r < 0.95 {
        (
            CertLevel::Intermediate,
            Some(between(rng, d(2013, 6, 1), today - Duration::days(30))),
        )
    } else {
        (
            CertLevel::Senior,
            Some(between(rng, d(2012, 6, 1), today - Duration::days(60))),
        )
    };
    // Registration: most register within a year of passing and renew every 3 years; some
    // never registered, some lapsed.
    let (reg_date, reg_expiry) = match passed {
        Some(p) if rng.chance(0.9) => {
            let mut reg = p + Duration::days(rng.range(20, 330));
            let mut exp = add_years(reg, 3);
            while exp < today && rng.chance(0.85) {
                reg = exp - Duration::days(rng.range(0, 80));
                exp = add_years(exp, 3);
            }
            if reg > today {
                (None, None)
            } else {
                (Some(reg), Some(exp))
            }
        }
        _ => (None, None),
    };
    let mut training = BTreeMap::new();
    for y in hired.year()..=today.year() {
        training.insert(y, rng.range(6, 60) as f64);
    }
    Staff {
        id,
        site_id,
        name: name(rng),
        role,
        birth: Some(birth),
        hired,
        contract_start: Some(contract_start),
        contract_end: Some(contract_end),
        cert_level: level,
        cert_passed: passed.filter(|p| *p <= today),
        reg_date,
        reg_expiry,
        ce_hours: rng.range(0, 110) as f64,
        training,
        sw_degree: rng.chance(0.45),
        prior_years: rng.range(0, 10) as f64,
        departed: (rng.chance(0.04))
            .then(|| between(rng, hired + Duration::days(90), today))
            // Someone hired less than 90 days ago has not left (a departure is never later
            // than today: the staff rules refuse one, so an exported list would not import).
            .filter(|x| *x > hired && *x <= today),
        synthetic: true,
    }
}

/// The embedded division subsets of the seed regions (data/divisions/).
pub const DIVISION_TEXTS: [(&str, &str, Level); 5] = [
    (
        "data/divisions/provinces.csv",
        include_str!("../../data/divisions/provinces.csv"),
        Level::Province,
    ),
    (
        "data/divisions/cities.csv",
        include_str!("../../data/divisions/cities.csv"),
        Level::City,
    ),
    (
        "data/divisions/areas.csv",
        include_str!("../../data/divisions/areas.csv"),
        Level::County,
    ),
    (
        "data/divisions/streets.csv",
        include_str!("../../data/divisions/streets.csv"),
        Level::Township,
    ),
    (
        "data/divisions/villages.csv",
        include_str!("../../data/divisions/villages.csv"),
        Level::Village,
    ),
];
