//! The one status function, as a property: for random site histories (established,
//! suspended, resumed, in any order), random deadlines and random as-of dates, the status,
//! days late, met-on date and short-by of `coverage` equal an oracle written here from the
//! definition in DOMAIN.md: a division is covered on a day when its site was established on
//! or before that day and is not suspended then. The oracle walks the calendar one day at a
//! time and shares no code with the program beyond the fixture's tree.

mod common;

use chrono::{Duration, NaiveDate};
use common::{d, network, DIVISIONS};
use proptest::prelude::*;
use sgz::domain::coverage::{coverage, Status};
use sgz::domain::network::Network;
use sgz::domain::policy::Profile;
use sgz::domain::site::{Site, SiteStatus, StatusChange, Tier};

const STATUSES: [SiteStatus; 5] = [
    SiteStatus::Planned,
    SiteStatus::UnderConstruction,
    SiteStatus::Established,
    SiteStatus::Operating,
    SiteStatus::Suspended,
];

fn day0() -> NaiveDate {
    d("2021-01-01")
}

fn day(n: u32) -> NaiveDate {
    day0() + Duration::days(n as i64)
}

/// Divisions that may have a site: counties (centers), townships (stations).
fn site_divisions() -> Vec<&'static str> {
    DIVISIONS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| c.len() == 6 || c.len() == 9)
        .collect()
}

/// A random history per site-able division: none, or up to six changes in date order
/// (same-day changes allowed; the later one in the list is in force).
fn histories() -> impl Strategy<Value = Vec<Vec<(usize, u32)>>> {
    let n = site_divisions().len();
    prop::collection::vec(
        prop::collection::vec((0..STATUSES.len(), 0u32..1100), 0..7).prop_map(|mut v| {
            v.sort_by_key(|&(_, t)| t);
            v
        }),
        n,
    )
}

fn build(h: &[Vec<(usize, u32)>]) -> Network {
    let base = network();
    let sites: Vec<Site> = site_divisions()
        .into_iter()
        .zip(h)
        .enumerate()
        .filter(|(_, (_, hist))| !hist.is_empty())
        .map(|(k, (code, hist))| Site {
            id: k as i64 + 1,
            division: code.into(),
            tier: if code.len() == 6 {
                Tier::Center
            } else {
                Tier::Station
            },
            name: format!("site {k}").into(),
            operator: None,
            area_m2: None,
            civil_reg: None,
            head: None,
            history: hist
                .iter()
                .map(|&(s, t)| StatusChange {
                    status: STATUSES[s],
                    on: day(t),
                })
                .collect(),
            synthetic: false,
        })
        .collect();
    Network::new((*base.tree).clone(), sites, vec![], vec![], false)
}

// ---------------------------------------------------------------- the oracle

/// Whether the division's site counts on day `t`: the last change on or before it is
/// established or operating.
fn counts(hist: &[(usize, u32)], t: u32) -> bool {
    hist.iter()
        .rfind(|&&(_, on)| on <= t)
        .is_some_and(|&(s, _)| {
            matches!(STATUSES[s], SiteStatus::Established | SiteStatus::Operating)
        })
}

/// The divisions a milestone counts under `scope`: milestone 0 is every county center and
/// every urban street (街道) station; milestone 1 every township-level station.
fn counted(milestone: usize, scope: &str) -> Vec<usize> {
    site_divisions()
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.starts_with(scope))
        .filter(|(_, c)| {
            let name = DIVISIONS.iter().find(|(x, _)| x == c).map(|x| x.1);
            match milestone {
                0 => c.len() == 6 || (c.len() == 9 && name.is_some_and(|n| n.ends_with("街道"))),
                _ => c.len() == 9,
            }
        })
        .map(|(k, _)| k)
        .collect()
}

#[derive(Debug, PartialEq)]
struct Expect {
    kind: &'static str,
    covered: u32,
    met_on: Option<NaiveDate>,
    short_by: Option<u32>,
    days_late: Option<i64>,
    reached_on: Option<NaiveDate>,
}

fn oracle(
    h: &[Vec<(usize, u32)>],
    divs: &[usize],
    required: u32,
    deadline: u32,
    as_of: u32,
) -> Expect {
    let cov = |t: u32| divs.iter().filter(|&&k| counts(&h[k], t)).count() as u32;
    let covered = cov(as_of);
    if required == 0 {
        return Expect {
            kind: "not_applicable",
            covered,
            met_on: None,
            short_by: None,
            days_late: None,
            reached_on: None,
        };
    }
    let first = (0..=as_of).find(|&t| cov(t) >= required);
    if covered >= required {
        // Walk back to the first day of the unbroken run that holds today.
        let mut start = as_of;
        while start > 0 && cov(start - 1) >= required {
            start -= 1;
        }
        let late = start as i64 - deadline as i64;
        return Expect {
            kind: if late <= 0 { "met" } else { "missed_reached" },
            covered,
            met_on: Some(day(start)),
            short_by: None,
            days_late: (late > 0).then_some(late),
            reached_on: None,
        };
    }
    let past = (as_of >= deadline).then(|| as_of as i64 - deadline as i64);
    let kind = match (first, past) {
        (Some(_), _) => "lost",
        (None, Some(_)) => "missed_short",
        (None, None) => "in_progress",
    };
    Expect {
        kind,
        covered,
        met_on: None,
        short_by: (kind != "in_progress").then_some(required - covered),
        days_late: if kind == "in_progress" { None } else { past },
        reached_on: if kind == "lost" { first.map(day) } else { None },
    }
}

fn observed(st: &Status, covered: u32, met_on: Option<NaiveDate>) -> Expect {
    Expect {
        kind: st.kind(),
        covered,
        met_on,
        short_by: st.short_by(),
        days_late: st.days_late(),
        reached_on: match st {
            Status::Lost { reached_on, .. } => Some(*reached_on),
            _ => None,
        },
    }
}

fn profile(deadlines: [u32; 2], target: Option<u32>) -> Profile {
    let mut p = sgz::io::policy::embedded()
        .unwrap()
        .into_iter()
        .find(|p| p.id == "ningxia-2021")
        .unwrap();
    p.milestones[0].deadline = day(deadlines[0]);
    p.milestones[1].deadline = day(deadlines[1]);
    p.milestones[1].parts[0].target = target;
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn status_days_late_met_on_and_short_by_match_a_day_by_day_oracle(
        h in histories(),
        deadlines in [0u32..1100, 0u32..1100],
        as_of in 0u32..1100,
        scope_k in 0usize..DIVISIONS.len(),
        target in prop::option::of(0u32..7),
    ) {
        let net = build(&h);
        let scope_code = DIVISIONS[scope_k].0;
        // Villages have no milestone of their own here: use their township.
        let scope_code = if scope_code.len() == 12 { &scope_code[..9] } else { scope_code };
        let scope = net.tree.find(scope_code).unwrap();
        let p = profile(deadlines, target);
        let r = coverage(&net, std::slice::from_ref(&p), scope, None, day(as_of));
        prop_assert_eq!(r.blocks.len(), 1);
        for (k, m) in r.blocks[0].milestones.iter().enumerate() {
            // A count target is judged over the whole bound jurisdiction (64).
            let (over, required) = match (k, target) {
                (1, Some(t)) => ("64", t),
                _ => (scope_code, counted(k, scope_code).len() as u32),
            };
            let divs = counted(k, over);
            let want = oracle(&h, &divs, required, deadlines[k], as_of);
            prop_assert_eq!(m.required, required);
            prop_assert_eq!(observed(&m.status, m.covered, m.met_on), want, "milestone {}", k);
            if let Status::InProgress { days_left, projected, on_pace } = &m.status {
                prop_assert_eq!(*days_left, deadlines[k] as i64 - as_of as i64);
                prop_assert_eq!(projected.is_some(), m.covered > 0);
                prop_assert_eq!(*on_pace, projected.is_some_and(|d| d <= m.deadline));
            }
            // Every row of the lagging list by the same definition, counted per division.
            for c in &m.children {
                let divs = counted(k, &c.code);
                prop_assert_eq!(c.required, divs.len() as u32);
                let want = oracle(&h, &divs, c.required, deadlines[k], as_of);
                let got = observed(&c.status, c.covered, want.met_on);
                prop_assert_eq!(&got, &want, "child {} of milestone {}", c.code, k);
                prop_assert_eq!(c.days_late, want.days_late.unwrap_or(0));
            }
        }
    }
}

#[test]
fn a_station_suspended_after_the_target_was_reached_is_lost_not_met() {
    // 镇北堡镇 alone: est. 2021-03-01 (day 59), suspended 2021-06-01 (day 151).
    let mut h = vec![vec![]; site_divisions().len()];
    let k = site_divisions()
        .iter()
        .position(|c| *c == "640105100")
        .unwrap();
    h[k] = vec![(2, 59), (4, 151)];
    let net = build(&h);
    let scope = net.tree.find("640105100").unwrap();
    let p = profile([0, 180], None);
    let r = coverage(&net, &[p], scope, None, d("2021-12-31"));
    let m = &r.blocks[0].milestones[1];
    assert_eq!((m.covered, m.required), (0, 1));
    assert_eq!(
        m.status,
        Status::Lost {
            reached_on: d("2021-03-01"),
            short_by: 1,
            days_late: Some(184),
        }
    );
    assert_eq!(m.met_on, None);
    assert_eq!(
        sgz::i18n::standing::status(&m.status, sgz::i18n::Lang::Zh),
        "曾于2021-03-01达成，现缺1个，已逾期184天"
    );
    // The first milestone counts centers and urban streets: none in a rural town.
    let m0 = &r.blocks[0].milestones[0];
    assert_eq!(m0.status, Status::NotApplicable);
    assert_eq!(
        sgz::i18n::standing::status(&m0.status, sgz::i18n::Lang::En),
        "not applicable: nothing to count here"
    );
}

#[test]
fn a_swap_on_one_day_does_not_break_the_run() {
    // A count target of one station: 镇北堡镇 suspends on the day 兴泾乡 opens.
    let mut h = vec![vec![]; site_divisions().len()];
    let sd = site_divisions();
    let a = sd.iter().position(|c| *c == "640105100").unwrap();
    let b = sd.iter().position(|c| *c == "640105200").unwrap();
    h[a] = vec![(2, 10), (4, 100)];
    h[b] = vec![(0, 10), (2, 100)];
    let net = build(&h);
    let scope = net.tree.find("64").unwrap();
    let r = coverage(&net, &[profile([0, 50], Some(1))], scope, None, day(200));
    let m = &r.blocks[0].milestones[1];
    assert_eq!((m.covered, m.required), (1, 1));
    assert_eq!(m.status, Status::Met { on: day(10) });
    assert_eq!(m.met_on, Some(day(10)));
}
