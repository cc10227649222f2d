//! Coverage on a small fixture against numbers counted by hand (see tests/common/mod.rs).

mod common;
use common::{d, network};
use sgz::domain::coverage::{coverage, lagging, series, Status, TreeCounts};

fn ningxia() -> Vec<sgz::domain::policy::Profile> {
    sgz::io::policy::embedded()
        .unwrap()
        .into_iter()
        .filter(|p| p.id == "ningxia-2021")
        .collect()
}

#[test]
fn ningxia_fixture_at_2021_09_30_centers_and_streets_short_by_two() {
    let net = network();
    let nx = net.tree.find("64").unwrap();
    let r = coverage(&net, &ningxia(), nx, None, d("2021-09-30"));
    let m = &r.blocks[0].milestones[0];
    // Required: 2 centers + 2 urban streets. Covered on 09-30: 兴庆区 center, 凤凰北街 station.
    assert_eq!((m.required, m.covered), (4, 2));
    assert_eq!(
        m.status,
        Status::MissedShort {
            short_by: 2,
            days_late: 0
        }
    );
}

#[test]
fn ningxia_fixture_at_2021_12_31_first_milestone_reached_late_second_short() {
    let net = network();
    let nx = net.tree.find("64").unwrap();
    let r = coverage(&net, &ningxia(), nx, None, d("2021-12-31"));
    let m1 = &r.blocks[0].milestones[0];
    // The fourth of four came on 2021-10-15 (西夏区 center): 15 days late.
    assert_eq!((m1.required, m1.covered), (4, 4));
    assert_eq!(
        m1.status,
        Status::MissedReached {
            on: d("2021-10-15"),
            days_late: 15
        }
    );
    let m2 = &r.blocks[0].milestones[1];
    // Five townships; three stations established by 12-31.
    assert_eq!((m2.required, m2.covered), (5, 3));
    assert_eq!(
        m2.status,
        Status::MissedShort {
            short_by: 2,
            days_late: 0
        }
    );
    assert_eq!(m2.met_on, None);
}

#[test]
fn suspension_takes_a_station_out_of_coverage() {
    let net = network();
    let nx = net.tree.find("64").unwrap();
    let r = coverage(&net, &ningxia(), nx, None, d("2022-06-01"));
    let m2 = &r.blocks[0].milestones[1];
    assert_eq!(m2.covered, 2);
    assert_eq!(
        m2.status,
        Status::MissedShort {
            short_by: 3,
            days_late: 152
        }
    );
}

#[test]
fn in_progress_pace_projects_from_the_rate_so_far() {
    let net = network();
    let nx = net.tree.find("64").unwrap();
    // On 2021-10-01: 2 of 5 stations. Ningxia issued 2021-04-26; the first event is 2021-05-01
    // (a plan), so the pace runs from 2021-04-26: 158 days for 2 stations, 3 left => 237 more
    // days => 2022-05-26, after the deadline.
    let r = coverage(&net, &ningxia(), nx, None, d("2021-10-01"));
    let m2 = &r.blocks[0].milestones[1];
    assert_eq!((m2.required, m2.covered), (5, 2));
    assert_eq!(
        m2.status,
        Status::InProgress {
            days_left: 91,
            projected: Some(d("2022-05-26")),
            on_pace: false
        }
    );
}

#[test]
fn children_breakdown_ranks_worst_first_with_days_late() {
    let net = network();
    let yc = net.tree.find("6401").unwrap();
    let r = coverage(&net, &ningxia(), yc, None, d("2022-01-30"));
    let m2 = &r.blocks[0].milestones[1];
    let ranked = lagging(&m2.children);
    let rows: Vec<(&str, u32, u32, i64)> = ranked
        .iter()
        .map(|c| (c.name.as_str(), c.covered, c.required, c.days_late))
        .collect();
    assert_eq!(rows, [("西夏区", 0, 2, 30), ("兴庆区", 3, 3, 0)]);
}

#[test]
fn series_counts_up_and_down() {
    let net = network();
    let nx = net.tree.find("64").unwrap();
    let p = ningxia();
    let s = series(&net, nx, &p[0].milestones[1], d("2022-12-31"));
    assert_eq!(
        s,
        [
            (d("2021-07-01"), 1),
            (d("2021-10-01"), 2),
            (d("2021-12-15"), 3),
            (d("2022-06-01"), 2)
        ]
    );
}

#[test]
fn tree_counts_match_a_recount() {
    let net = network();
    let tc = TreeCounts::build(&net, d("2021-12-31"));
    assert_eq!(tc.row(&net, net.tree.find("64").unwrap()), Some((3, 5)));
    assert_eq!(tc.row(&net, net.tree.find("640105").unwrap()), Some((0, 2)));
    assert_eq!(
        tc.row(&net, net.tree.find("640104001").unwrap()),
        Some((1, 1))
    );
    assert_eq!(tc.row(&net, net.tree.find("640104001001").unwrap()), None);
}

#[test]
fn a_scope_above_bound_jurisdictions_gives_one_block_each() {
    let net = network();
    let all = sgz::io::policy::embedded().unwrap();
    // Bind a second profile below the province to see two blocks.
    let mut wuhan = all.iter().find(|p| p.id == "wuhan-2021").unwrap().clone();
    wuhan.binds_to = vec!["640105".into()];
    let mut nx = ningxia()[0].clone();
    nx.binds_to = vec!["640104".into()];
    let r = coverage(
        &net,
        &[nx, wuhan],
        net.tree.find("64").unwrap(),
        None,
        d("2021-12-31"),
    );
    let blocks: Vec<(&str, &str)> = r
        .blocks
        .iter()
        .map(|b| (b.policy.as_str(), b.code.as_str()))
        .collect();
    assert_eq!(
        blocks,
        [("ningxia-2021", "640104"), ("wuhan-2021", "640105")]
    );
}
