//! Compliance alerts against hand counts: one small network per seed profile, each person
//! and site set up to break exactly the rules listed beside it, on 2026-11-22.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sgz::domain::division::{parse_code, Tree};
use sgz::domain::network::Network;
use sgz::domain::policy::Profile;
use sgz::domain::rules::{alerts_under, AlertCounts, AlertKind, Severity};
use sgz::domain::site::{Site, SiteStatus, StatusChange, Tier};
use sgz::domain::staff::{CertLevel, Role, Staff};
use sgz::i18n::domain::describe;
use sgz::i18n::names::Named;
use sgz::i18n::Lang;

use AlertKind::*;
use Severity::*;

const TODAY: &str = "2026-11-22";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn profiles() -> Vec<Profile> {
    sgz::io::policy::embedded().unwrap()
}

fn tree(rows: &[(String, String)]) -> Tree {
    let (t, orphans) = Tree::build(rows.iter().map(|(c, n)| {
        let (code, level) = parse_code(c).unwrap();
        (code, level, n.as_str().into())
    }));
    assert!(orphans.is_empty(), "{orphans:?}");
    t
}

fn rows(r: &[(&str, &str)]) -> Vec<(String, String)> {
    r.iter()
        .map(|(c, n)| (c.to_string(), n.to_string()))
        .collect()
}

/// A site established on 2021-07-01 (or only planned), 100 m², registered (民非) 2022-01-01.
fn site(id: i64, code: &str, tier: Tier, established: bool) -> Site {
    let mut history = vec![StatusChange {
        status: SiteStatus::Planned,
        on: d("2021-03-01"),
    }];
    if established {
        history.push(StatusChange {
            status: SiteStatus::Established,
            on: d("2021-07-01"),
        });
    }
    Site {
        id,
        division: code.into(),
        tier,
        name: format!("site {id}").into(),
        operator: None,
        area_m2: Some(100.0),
        civil_reg: Some(d("2022-01-01")),
        head: None,
        history,
        synthetic: false,
    }
}

/// Someone who meets every rule of every seed profile on 2026-11-22.
fn person(id: i64, site_id: i64, role: Role) -> Staff {
    Staff {
        id,
        site_id,
        name: format!("员工{id}"),
        role,
        birth: Some(d("1990-03-01")),
        hired: d("2020-01-01"),
        contract_start: None,
        contract_end: None,
        cert_level: CertLevel::Intermediate,
        cert_passed: Some(d("2019-06-20")),
        reg_date: Some(d("2024-06-01")),
        reg_expiry: Some(d("2027-06-01")),
        ce_hours: 100.0,
        training: BTreeMap::from([(2025, 100.0), (2026, 100.0)]),
        sw_degree: true,
        prior_years: 10.0,
        departed: None,
        synthetic: false,
    }
}

fn uncertified(mut p: Staff) -> Staff {
    p.cert_level = CertLevel::None;
    p.cert_passed = None;
    p.reg_date = None;
    p.reg_expiry = None;
    p
}

type Row = (AlertKind, Severity, Option<i64>);

/// Alerts under `code` as (kind, severity, staff) in the order `alerts_under` gives. These
/// networks hold no evaluations: the missing ones are counted in tests/evaluation_phases.rs
/// and `domain::rules::phases`, not here.
fn alerts(net: &Network, code: &str) -> Vec<Row> {
    let node = net.tree.find(code).unwrap();
    alerts_under(net, &profiles(), node, d(TODAY))
        .iter()
        .filter(|a| a.kind != AlertKind::EvaluationMissing)
        .map(|a| (a.kind, a.severity, a.staff_id))
        .collect()
}

fn sorted(mut v: Vec<Row>) -> Vec<Row> {
    v.sort();
    v
}

fn assert_hand_count(net: &Network, code: &str, expected: &[Row]) {
    let got = alerts(net, code);
    assert_eq!(
        sorted(got.clone()),
        sorted(expected.to_vec()),
        "alerts under {code}"
    );
    // Most serious first.
    let sev: Vec<Severity> = got.iter().map(|r| r.1).collect();
    let mut s = sev.clone();
    s.sort();
    assert_eq!(sev, s, "sorted by severity");
    // The tree counts agree with the list at every node.
    let all = alerts_under(net, &profiles(), net.tree.find(code).unwrap(), d(TODAY));
    let counts = AlertCounts::build(net, &all, d(TODAY));
    for i in 0..net.tree.len() as u32 {
        let by_hand = all
            .iter()
            .filter(|a| net.tree.is_ancestor_or_self(i, a.node))
            .count() as u32;
        assert_eq!(
            counts.row(net, i).total(),
            by_hand,
            "row {}",
            net.tree.node(i).code_str()
        );
    }
}

#[test]
fn ningxia_resident_worker_supervisor_level_and_three_year_certificates_hand_count() {
    // §三(一)3: each station has a resident worker and a supervisor holding 社会工作师+;
    // project workers without a certificate pass within 3 years of hire.
    let net = Network::new(
        tree(&rows(&[
            ("64", "宁夏回族自治区"),
            ("6401", "银川市"),
            ("640104", "兴庆区"),
            ("640104001", "凤凰北街街道"),
            ("640104100", "掌政镇"),
            ("640104100201", "掌政村委会"),
        ])),
        vec![
            site(1, "640104", Tier::Center, true),
            site(2, "640104001", Tier::Station, true),
            site(3, "640104100", Tier::Station, false),
        ],
        vec![
            person(1, 2, Role::ResidentWorker),
            // Only an assistant certificate: the station lacks its supervisor (site alert) and
            // the supervisor lacks the level (personal alert).
            Staff {
                cert_level: CertLevel::Assistant,
                ..person(2, 2, Role::Supervisor)
            },
            Staff {
                hired: d("2022-01-10"),
                ..uncertified(person(3, 2, Role::ProjectWorker))
            },
            Staff {
                hired: d("2023-12-01"),
                ..uncertified(person(4, 2, Role::ProjectWorker))
            },
            Staff {
                cert_passed: Some(d("2025-03-01")),
                reg_date: None,
                reg_expiry: None,
                ..person(5, 2, Role::ProjectWorker)
            },
            // Left: no alerts.
            Staff {
                hired: d("2021-01-01"),
                departed: Some(d("2026-01-01")),
                ..uncertified(person(6, 2, Role::ProjectWorker))
            },
            // At a station still planned: no staffing alert there, but their own deadline.
            Staff {
                hired: d("2020-01-01"),
                ..uncertified(person(7, 3, Role::ProjectWorker))
            },
            person(8, 1, Role::Supervisor),
        ],
        vec![],
        false,
    );
    assert_hand_count(
        &net,
        "64",
        &[
            (StaffingShort, Critical, None),
            (QualificationShort, Warning, Some(2)),
            (Uncertified, Critical, Some(3)),
            (Uncertified, Warning, Some(4)),
            (FirstRegistration, Critical, Some(5)),
            (Uncertified, Critical, Some(7)),
            // 掌政镇 planned since 2021-03-01, 5 years on: stalled (365 days or more).
            (StatusStalled, Warning, None),
        ],
    );
    // Critical by due date (undated last), then warnings.
    assert_eq!(
        alerts(&net, "64"),
        [
            (Uncertified, Critical, Some(7)),
            (Uncertified, Critical, Some(3)),
            (FirstRegistration, Critical, Some(5)),
            (StaffingShort, Critical, None),
            (Uncertified, Warning, Some(4)),
            (QualificationShort, Warning, Some(2)),
            (StatusStalled, Warning, None),
        ]
    );
    let a = alerts_under(
        &net,
        &profiles(),
        net.tree.find("640104001").unwrap(),
        d(TODAY),
    );
    let short = a.iter().find(|x| x.kind == StaffingShort).unwrap();
    assert_eq!(
        (
            short.cite.clause.as_str(),
            short.code.as_str(),
            short.site_id
        ),
        ("§三(一)3", "640104001", 2)
    );
    let (zh, en) = (
        describe(&short.fact, Lang::Zh),
        describe(&short.fact, Lang::En),
    );
    assert!(zh.contains("督导") && en.contains("supervisor"), "{}", en);
    let late = a.iter().find(|x| x.staff_id == Some(3)).unwrap();
    assert_eq!(
        (late.due, late.days_left),
        (Some(d("2025-01-10")), Some(-681))
    );
    assert_eq!(
        alerts(&net, "640104100"),
        [
            (Uncertified, Critical, Some(7)),
            (StatusStalled, Warning, None)
        ],
        "subtree only"
    );
}

#[test]
fn wuhan_central_three_new_two_experience_and_contract_hand_count() {
    // §二(二): at least 3 full-time workers in central districts, 2 in new ones; resident
    // workers have 3+ years of experience. §三(四): contracts of at most 3 years.
    let net = Network::new(
        tree(&rows(&[
            ("42", "湖北省"),
            ("4201", "武汉市"),
            ("420102", "江岸区"),
            ("420102001", "大智街道"),
            ("420112", "东西湖区"),
            ("420112001", "吴家山街道"),
        ])),
        vec![
            site(1, "420102001", Tier::Station, true),
            site(2, "420112001", Tier::Station, true),
        ],
        vec![
            person(1, 1, Role::ResidentWorker),
            person(2, 1, Role::ResidentWorker),
            Staff {
                prior_years: 1.0,
                hired: d("2025-01-01"),
                ..person(3, 2, Role::ResidentWorker)
            },
            Staff {
                contract_start: Some(d("2024-01-01")),
                contract_end: Some(d("2026-12-31")),
                ..person(4, 2, Role::Supervisor)
            },
            Staff {
                reg_date: Some(d("2024-01-31")),
                reg_expiry: Some(d("2027-01-31")),
                ..person(5, 2, Role::ResidentWorker)
            },
            Staff {
                contract_start: Some(d("2022-01-01")),
                contract_end: Some(d("2025-06-30")),
                ..person(6, 2, Role::ProjectWorker)
            },
        ],
        vec![],
        false,
    );
    assert_hand_count(
        &net,
        "4201",
        &[
            (StaffingShort, Critical, None),
            (ExperienceShort, Warning, Some(3)),
            (RegistrationWindow, Warning, Some(5)),
            (ContractTooLong, Warning, Some(6)),
            // Ended 2025-06-30 with no renewal recorded: an alert though renewal is allowed.
            (ContractExpired, Critical, Some(6)),
            (ContractEnding, Info, Some(4)),
        ],
    );
    assert_eq!(
        alerts(&net, "420112"),
        alerts(&net, "4201")
            .into_iter()
            .filter(|a| a.0 != StaffingShort)
            .collect::<Vec<_>>(),
        "the new district's station has its 2"
    );
}

#[test]
fn nantong_one_per_six_villages_civil_registration_area_contract_training_hand_count() {
    // §实施内容(四): 1 worker per 6 villages, at least 3, head not counted; §实施内容(三):
    // 民非 registration by 2022-08-31; §实施内容(二): 80-120 m²; §四(二): certificate within
    // the first contract, 30 training hours a year; §实施内容(七): renewal needs it.
    let mut r = rows(&[
        ("32", "江苏省"),
        ("3206", "南通市"),
        ("320682", "如皋市"),
        ("320682001", "如城街道"),
        ("320682100", "白蒲镇"),
    ]);
    for k in 1..=31 {
        r.push((format!("320682001{k:03}"), format!("第{k}社区居委会")));
    }
    let mut s1 = site(1, "320682001", Tier::Station, true);
    s1.civil_reg = None;
    s1.area_m2 = Some(130.0);
    let mut s2 = site(2, "320682100", Tier::Station, true);
    s2.civil_reg = Some(d("2022-05-01"));
    let net = Network::new(
        tree(&r),
        vec![s1, s2],
        vec![
            Staff {
                training: BTreeMap::new(),
                ..uncertified(person(1, 1, Role::StationHead))
            },
            person(2, 1, Role::ResidentWorker),
            person(3, 1, Role::ResidentWorker),
            person(4, 1, Role::ProjectWorker),
            Staff {
                hired: d("2024-01-01"),
                contract_start: Some(d("2024-01-01")),
                contract_end: Some(d("2026-12-31")),
                ..uncertified(person(5, 1, Role::ResidentWorker))
            },
            Staff {
                training: BTreeMap::from([(2026, 10.0)]),
                ..person(6, 1, Role::Assistant)
            },
            person(7, 2, Role::ResidentWorker),
            person(8, 2, Role::ResidentWorker),
            person(9, 2, Role::ResidentWorker),
        ],
        vec![],
        false,
    );
    assert_hand_count(
        &net,
        "320682",
        &[
            (CivilRegistration, Critical, None),
            (AreaLarge, Warning, None),
            (StaffingShort, Critical, None),
            (Uncertified, Warning, Some(5)),
            (ContractNoRenewal, Warning, Some(5)),
            (TrainingShort, Warning, Some(6)),
            // 2025 closed with 0 of 30 hours and 2026 is not met yet.
            (TrainingShort, Critical, Some(6)),
        ],
    );
    let a = alerts_under(
        &net,
        &profiles(),
        net.tree.find("320682001").unwrap(),
        d(TODAY),
    );
    let short = a.iter().find(|x| x.kind == StaffingShort).unwrap();
    let zh = describe(&short.fact, Lang::Zh);
    assert!(
        zh.contains("辖31个村") && zh.contains("应配6人") && zh.contains("在岗5人"),
        "{}",
        zh
    );
    let civil = a.iter().find(|x| x.kind == CivilRegistration).unwrap();
    assert_eq!(
        (civil.due, civil.cite.clause.as_str()),
        (Some(d("2022-08-31")), "§实施内容(三)")
    );
}

#[test]
fn wenzhou_three_to_eight_workers_rooms_area_age_and_training_hand_count() {
    // §六(三)1: 3-8 resident workers per station, a room at least 1; §六(一): 100 m²;
    // §六(三)2: resident workers under 45, 40 training hours a year.
    let mut s1 = site(1, "330302001", Tier::Station, true);
    s1.area_m2 = Some(90.0);
    let mut people: Vec<Staff> = (1..=6)
        .map(|i| person(i, 1, Role::ResidentWorker))
        .collect();
    people.push(Staff {
        birth: Some(d("1981-12-15")),
        ..person(7, 1, Role::ResidentWorker)
    });
    people.push(Staff {
        training: BTreeMap::from([(2026, 39.0)]),
        ..person(8, 1, Role::ResidentWorker)
    });
    people.push(Staff {
        birth: Some(d("1980-01-01")),
        ..person(9, 1, Role::ResidentWorker)
    });
    people.push(person(10, 1, Role::StationHead));
    let net = Network::new(
        tree(&rows(&[
            ("33", "浙江省"),
            ("3303", "温州市"),
            ("330302", "鹿城区"),
            ("330302001", "五马街道"),
            ("330302001001", "五马社区"),
            ("330302001002", "墨池社区"),
        ])),
        vec![
            s1,
            site(2, "330302001001", Tier::Room, true),
            site(3, "330302001002", Tier::Room, false),
        ],
        people,
        vec![],
        false,
    );
    assert_hand_count(
        &net,
        "3303",
        &[
            (StaffingOver, Warning, None),
            (AreaSmall, Warning, None),
            (AgeLimit, Warning, Some(9)),
            (TrainingShort, Warning, Some(8)),
            // 2025 closed with 0 of 40 hours and 2026 is not met yet.
            (TrainingShort, Critical, Some(8)),
            (AgeLimit, Info, Some(7)),
            (StaffingShort, Critical, None),
        ],
    );
    assert_eq!(
        alerts(&net, "330302001001"),
        [(StaffingShort, Critical, None)],
        "§六(三)1: a room has at least 1"
    );
    assert!(
        alerts(&net, "330302001002").is_empty(),
        "a planned room raises nothing"
    );
}

#[test]
fn yubei_one_worker_besides_the_head_and_national_registration_hand_count() {
    // §二(二)2: at least 1 social worker, the head not counted; 民发〔2009〕44号 for everyone
    // holding a certificate, the head included.
    let net = Network::new(
        tree(&rows(&[
            ("50", "重庆市"),
            ("5001", "市辖区"),
            ("500112", "渝北区"),
            ("500112001", "双龙湖街道"),
            ("500112001001", "双龙社区"),
        ])),
        vec![
            site(1, "500112001", Tier::Station, true),
            site(2, "500112001001", Tier::Room, true),
        ],
        vec![
            Staff {
                reg_date: Some(d("2023-01-01")),
                reg_expiry: Some(d("2026-01-01")),
                ..person(1, 1, Role::StationHead)
            },
            Staff {
                cert_passed: Some(d("2026-01-15")),
                reg_date: None,
                reg_expiry: None,
                ..person(2, 2, Role::ResidentWorker)
            },
        ],
        vec![],
        false,
    );
    assert_hand_count(
        &net,
        "500112",
        &[
            (StaffingShort, Critical, None),
            (RegistrationLapsed, Critical, Some(1)),
            (FirstRegistration, Warning, Some(2)),
        ],
    );
}

#[test]
fn a_site_no_profile_binds_gets_only_the_national_registration_rules() {
    let net = Network::new(
        tree(&rows(&[
            ("42", "湖北省"),
            ("4202", "黄石市"),
            ("420202", "黄石港区"),
            ("420202001", "花湖街道"),
        ])),
        vec![site(1, "420202001", Tier::Station, true)],
        vec![
            Staff {
                reg_date: Some(d("2023-01-01")),
                reg_expiry: Some(d("2026-01-01")),
                ..uncertified(person(1, 1, Role::ProjectWorker))
            },
            {
                let mut p = person(2, 1, Role::ResidentWorker);
                p.reg_expiry = Some(d("2026-01-01"));
                p
            },
        ],
        vec![],
        false,
    );
    let a = alerts_under(&net, &profiles(), 0, d(TODAY));
    assert_eq!(
        a.iter()
            .map(|x| (x.kind, x.severity, x.staff_id))
            .collect::<Vec<_>>(),
        [(RegistrationLapsed, Critical, Some(2))]
    );
    assert_eq!(a[0].policy, None);
    assert_eq!(a[0].cite.clause, "民发〔2009〕44号 第三、四条");
}

#[test]
fn every_alert_kind_says_what_to_do_in_both_languages() {
    for k in AlertKind::ALL {
        assert_eq!(AlertKind::parse(k.as_str()), Some(k));
        assert!(!k.name_zh().is_empty() && !k.name_en().is_empty());
    }
    assert_eq!(Severity::Critical.name_zh(), "严重");
}
