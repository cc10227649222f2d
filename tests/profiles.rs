//! Every rule of DOMAIN.md that a profile encodes, checked against its clause.

use chrono::NaiveDate;
use sgz::domain::policy::{
    AreaFilter, CertFrom, Measure, Phase, Profile, RenewalRule, StaffingRule,
};
use sgz::domain::site::Tier;
use sgz::domain::staff::{CertLevel, Role};

fn p(id: &str) -> Profile {
    sgz::io::policy::embedded()
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
}
fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn all_five_profiles_load_and_bind_to_their_jurisdictions() {
    let all = sgz::io::policy::embedded().unwrap();
    let binds: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.id.as_str(), p.binds_to[0].as_str()))
        .collect();
    assert_eq!(
        binds,
        [
            ("ningxia-2021", "64"),
            ("wuhan-2021", "4201"),
            ("nantong-2021", "320682"),
            ("wenzhou-2021", "3303"),
            ("yubei-2021", "500112")
        ]
    );
    for p in &all {
        assert!(!p.title.is_empty() && !p.doc_number.is_empty() && !p.issuer.is_empty());
        for m in &p.milestones {
            assert!(m.cite.clause.starts_with('§'), "{} {}", p.id, m.id);
            assert!(!m.cite.zh.is_empty() && !m.cite.en.is_empty());
        }
        assert!(
            (p.evaluation.total_max() - 100.0).abs() < 1e-9,
            "{} totals {}",
            p.id,
            p.evaluation.total_max()
        );
    }
    assert!(p("nantong-2021").binding_note.is_some());
}

#[test]
fn ningxia_centers_and_urban_streets_by_2021_09_30_clause_1() {
    let m = &p("ningxia-2021").milestones[0];
    assert_eq!(
        (m.deadline, m.cite.clause.as_str()),
        (d("2021-09-30"), "§一")
    );
    assert_eq!(m.parts[0].tier, Tier::Center);
    assert_eq!(
        (m.parts[1].tier, m.parts[1].filter),
        (Tier::Station, AreaFilter::Urban)
    );
}

#[test]
fn ningxia_every_township_by_2021_12_31_clause_1() {
    let m = &p("ningxia-2021").milestones[1];
    assert_eq!(
        (m.deadline, m.cite.clause.as_str()),
        (d("2021-12-31"), "§一")
    );
    assert_eq!(
        (m.parts[0].tier, m.parts[0].filter),
        (Tier::Station, AreaFilter::All)
    );
}

#[test]
fn ningxia_resident_worker_and_intermediate_supervisor_clause_3_1_3() {
    let p = p("ningxia-2021");
    assert!(p.staffing.iter().any(|r| matches!(r, StaffingRule::RoleRequired { role: Role::ResidentWorker, min: 1, cite, .. } if cite.clause == "§三(一)3")));
    assert!(p.staffing.iter().any(|r| matches!(r, StaffingRule::RoleRequired { role: Role::Supervisor, min: 1, min_level: Some(CertLevel::Intermediate), cite } if cite.clause == "§三(一)3")));
}

#[test]
fn ningxia_project_worker_certificate_within_three_years_clause_3_1_3() {
    let c = p("ningxia-2021").certification.unwrap();
    assert_eq!(
        (c.years, c.from, c.roles.as_slice(), c.cite.clause.as_str()),
        (3, CertFrom::Hire, &[Role::ProjectWorker][..], "§三(一)3")
    );
}

#[test]
fn ningxia_annual_evaluation_qualified_for_renewal_clause_3_3_1() {
    let e = p("ningxia-2021").evaluation;
    assert_eq!(
        (e.phases.as_slice(), e.renewal),
        (&[Phase::Annual][..], RenewalRule::AnnualQualified)
    );
    assert_eq!(e.renewal_cite.clause, "§三(三)1");
    assert_eq!(e.cite.clause, "§四(三)");
}

#[test]
fn wuhan_every_township_by_2023_12_31_clause_1_2() {
    let p = p("wuhan-2021");
    let m = &p.milestones[0];
    assert_eq!(
        (m.deadline, m.cite.clause.as_str(), m.parts[0].tier),
        (d("2023-12-31"), "§一(二)", Tier::Station)
    );
    assert!(
        p.duties
            .iter()
            .any(|r| r.cite.clause == "§三(一)" && r.due_date == Some(d("2021-12-31"))),
        "the 2021-12-31 plan submission is a one-off duty"
    );
}

#[test]
fn wuhan_three_staff_central_two_new_districts_clause_2_2() {
    let p = p("wuhan-2021");
    let mins: Vec<(u32, usize)> = p
        .staffing
        .iter()
        .filter_map(|r| match r {
            StaffingRule::MinCount {
                min,
                counties,
                cite,
                ..
            } if cite.clause == "§二(二)" => Some((*min, counties.len())),
            _ => None,
        })
        .collect();
    assert_eq!(mins, [(3, 7), (2, 6)]);
}

#[test]
fn wuhan_experience_three_years_clause_2_2_and_3_5() {
    let p = p("wuhan-2021");
    let ex: Vec<(&str, Option<f64>)> = p
        .experience
        .iter()
        .map(|e| (e.cite.clause.as_str(), e.min_years))
        .collect();
    assert_eq!(ex, [("§二(二)", Some(3.0)), ("§三(五)", Some(3.0))]);
}

#[test]
fn wuhan_contracts_at_most_three_years_all_excellent_renewal_clause_3_4() {
    let p = p("wuhan-2021");
    let c = p.contract.unwrap();
    assert_eq!((c.max_years, c.cite.clause.as_str()), (3, "§三(四)"));
    assert_eq!(
        (
            p.evaluation.renewal,
            p.evaluation.renewal_cite.clause.as_str()
        ),
        (RenewalRule::AllExcellent, "§三(四)")
    );
    assert_eq!(p.evaluation.phases, [Phase::MidTerm]);
}

#[test]
fn nantong_stations_by_2021_10_31_clause_2_and_civil_registration_by_2022_08_31() {
    let p = p("nantong-2021");
    assert_eq!(
        (
            p.milestones[0].deadline,
            p.milestones[0].cite.clause.as_str()
        ),
        (d("2021-10-31"), "§二")
    );
    let m = &p.milestones[1];
    assert_eq!(
        (m.deadline, m.measure, m.cite.clause.as_str()),
        (d("2022-08-31"), Measure::CivilRegistration, "§实施内容(三)")
    );
}

#[test]
fn nantong_one_worker_per_six_villages_floor_three_head_excluded_clause_impl_4() {
    let p = p("nantong-2021");
    assert!(p.staffing.iter().any(|r| matches!(r, StaffingRule::PerVillages { villages: 6, floor: 3, exclude_roles, cite } if exclude_roles == &[Role::StationHead] && cite.clause == "§实施内容(四)")));
}

#[test]
fn nantong_junior_certificate_within_first_contract_30_hours_clause_4_2() {
    let p = p("nantong-2021");
    let c = p.certification.unwrap();
    assert_eq!(
        (c.years, c.from, c.min_level, c.cite.clause.as_str()),
        (3, CertFrom::ContractStart, CertLevel::Assistant, "§四(二)")
    );
    let t = p.training.unwrap();
    assert_eq!((t.hours_per_year, t.cite.clause.as_str()), (30, "§四(二)"));
}

#[test]
fn nantong_first_contract_three_years_renewal_needs_junior_clause_impl_7_and_area_80_120() {
    let p = p("nantong-2021");
    let c = p.contract.unwrap();
    assert_eq!(
        (c.max_years, c.renewal_min_level, c.cite.clause.as_str()),
        (3, Some(CertLevel::Assistant), "§实施内容(七)")
    );
    let a = p.area.unwrap();
    assert_eq!(
        (a.min_m2, a.max_m2, a.cite.clause.as_str()),
        (Some(80.0), Some(120.0), "§实施内容(二)")
    );
}

#[test]
fn wenzhou_80_stations_2021_then_all_2022_clause_2() {
    let p = p("wenzhou-2021");
    let m = &p.milestones[0];
    assert_eq!(
        (m.deadline, m.parts[0].target, m.cite.clause.as_str()),
        (d("2021-12-31"), Some(80), "§二")
    );
    let m = &p.milestones[1];
    assert_eq!(
        (m.deadline, m.parts[0].target, m.cite.clause.as_str()),
        (d("2022-12-31"), None, "§二")
    );
}

#[test]
fn wenzhou_three_to_eight_workers_under_45_forty_hours_100_m2() {
    let p = p("wenzhou-2021");
    assert!(p.staffing.iter().any(|r| matches!(
        r,
        StaffingRule::MinCount {
            min: 3,
            tier: None,
            ..
        }
    )));
    assert!(p
        .staffing
        .iter()
        .any(|r| matches!(r, StaffingRule::MaxCount { max: 8, .. })));
    assert!(p.staffing.iter().any(|r| matches!(
        r,
        StaffingRule::MinCount {
            min: 1,
            tier: Some(Tier::Room),
            ..
        }
    )));
    let a = p.age.unwrap();
    assert_eq!(
        (a.under, a.roles.as_slice()),
        (45, &[Role::ResidentWorker][..])
    );
    assert_eq!(p.training.unwrap().hours_per_year, 40);
    let area = p.area.unwrap();
    assert_eq!(
        (area.min_m2, area.cite.clause.as_str()),
        (Some(100.0), "§六(一)")
    );
}

#[test]
fn wenzhou_mid_and_end_term_evaluation_twelve_items() {
    let e = p("wenzhou-2021").evaluation;
    assert_eq!(e.phases, [Phase::MidTerm, Phase::EndTerm]);
    assert_eq!(e.items().count(), 12);
    assert_eq!(e.dimensions.len(), 3);
}

#[test]
fn yubei_stations_and_rooms_2021_full_operation_2023_clause_1() {
    let p = p("yubei-2021");
    let m = &p.milestones[0];
    assert_eq!(
        (m.deadline, m.cite.clause.as_str()),
        (d("2021-12-31"), "§一")
    );
    let tiers: Vec<Tier> = m.parts.iter().map(|x| x.tier).collect();
    assert_eq!(tiers, [Tier::Station, Tier::Room]);
    let m = &p.milestones[1];
    assert_eq!(
        (m.deadline, m.measure),
        (d("2023-12-31"), Measure::Operating)
    );
}

#[test]
fn yubei_at_least_one_worker_clause_2_2_2_and_four_dimensions() {
    let p = p("yubei-2021");
    assert!(p.staffing.iter().any(
        |r| matches!(r, StaffingRule::MinCount { min: 1, cite, .. } if cite.clause == "§二(二)2")
    ));
    assert_eq!(p.evaluation.dimensions.len(), 4);
    assert_eq!(p.evaluation.cite.clause, "§四(三)");
}

#[test]
fn thousand_point_scheme_loads() {
    let text = std::fs::read_to_string("data/policies-test/thousand-point.toml").unwrap();
    let p = sgz::io::policy::parse("thousand-point.toml", &text).unwrap();
    assert!((p.evaluation.total_max() - 1000.0).abs() < 1e-9);
}

#[test]
fn a_broken_profile_names_file_line_and_field() {
    let text = sgz::io::policy::EMBEDDED[0].1.replacen(
        "deadline = \"2021-09-30\"",
        "deadline = \"2021-09-31\"",
        1,
    );
    let err = sgz::io::policy::parse("ningxia-2021.toml", &text)
        .unwrap_err()
        .to_string();
    let line = text.lines().position(|l| l.contains("2021-09-31")).unwrap() + 1;
    assert!(
        err.starts_with(&format!("ningxia-2021.toml:{line}:")),
        "{err}"
    );

    let text = sgz::io::policy::EMBEDDED[0]
        .1
        .replacen("doc_number", "doc_numbr", 1);
    let err = sgz::io::policy::parse("ningxia-2021.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("doc_numbr"), "{err}");
}
