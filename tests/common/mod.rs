//! Small hand-made fixtures shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use sgz::domain::division::{parse_code, Division, Tree};
use sgz::domain::network::Network;
use sgz::domain::site::{Site, SiteStatus, StatusChange, Tier};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Ningxia-shaped fixture: two counties, five townships (two urban streets), three villages.
pub const DIVISIONS: &[(&str, &str)] = &[
    ("64", "宁夏回族自治区"),
    ("6401", "银川市"),
    ("640104", "兴庆区"),
    ("640104001", "凤凰北街街道"),
    ("640104001001", "丽景社区居委会"),
    ("640104002", "解放西街街道"),
    ("640104100", "掌政镇"),
    ("640104100201", "掌政村委会"),
    ("640104100202", "碱富桥村委会"),
    ("640105", "西夏区"),
    ("640105100", "镇北堡镇"),
    ("640105200", "兴泾乡"),
];

pub fn divisions() -> Vec<Division> {
    DIVISIONS
        .iter()
        .map(|(c, n)| {
            let (_, level) = parse_code(c).unwrap();
            let parent = level.index().checked_sub(1).map(|pl| {
                c[..sgz::domain::division::Level::from_index(pl)
                    .unwrap()
                    .digits()]
                    .to_string()
            });
            Division {
                code: c.to_string(),
                name: n.to_string(),
                level,
                parent,
            }
        })
        .collect()
}

pub fn tree() -> Tree {
    Tree::build(DIVISIONS.iter().map(|(c, n)| {
        let (code, level) = parse_code(c).unwrap();
        (code, level, (*n).into())
    }))
    .0
}

pub fn site(id: i64, division: &str, tier: Tier, history: &[(SiteStatus, &str)]) -> Site {
    Site {
        id,
        division: division.into(),
        tier,
        name: format!("site {id}").into(),
        operator: Some("测试机构".into()),
        area_m2: Some(100.0),
        civil_reg: None,
        head: None,
        history: history
            .iter()
            .map(|(s, o)| StatusChange {
                status: *s,
                on: d(o),
            })
            .collect(),
        synthetic: false,
    }
}

/// Sites counted by hand in tests/coverage.rs:
/// centers: 兴庆区 est. 2021-08-01; 西夏区 est. 2021-10-15.
/// stations: 凤凰北街街道 est. 2021-07-01; 解放西街街道 est. 2021-10-01;
///           掌政镇 est. 2021-12-15; 兴泾乡 planned only; 镇北堡镇 none.
/// rooms: 丽景社区 est. 2021-11-01.
pub fn sites() -> Vec<Site> {
    use SiteStatus::*;
    vec![
        site(
            1,
            "640104",
            Tier::Center,
            &[
                (Planned, "2021-05-01"),
                (Established, "2021-08-01"),
                (Operating, "2021-09-01"),
            ],
        ),
        site(
            2,
            "640105",
            Tier::Center,
            &[(Planned, "2021-05-01"), (Established, "2021-10-15")],
        ),
        site(
            3,
            "640104001",
            Tier::Station,
            &[(Planned, "2021-05-01"), (Established, "2021-07-01")],
        ),
        site(
            4,
            "640104002",
            Tier::Station,
            &[
                (UnderConstruction, "2021-08-01"),
                (Established, "2021-10-01"),
            ],
        ),
        site(
            5,
            "640104100",
            Tier::Station,
            &[(Established, "2021-12-15"), (Suspended, "2022-06-01")],
        ),
        site(6, "640105200", Tier::Station, &[(Planned, "2021-06-01")]),
        site(
            7,
            "640104001001",
            Tier::Room,
            &[(Established, "2021-11-01")],
        ),
    ]
}

pub fn network() -> Network {
    Network::new(tree(), sites(), vec![], vec![], false)
}

/// The screen as text, one line per row, wide characters counted once.
pub fn screen(a: &mut sgz::tui::app::App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    a.draw(&mut t).unwrap();
    text_of(t.backend().buffer(), w, h)
}

/// What `update` left on screen, drawn from the state and model alone (no store, no app).
pub fn screen_of(s: &sgz::tui::state::State, m: &sgz::tui::model::Model, w: u16, h: u16) -> String {
    let d = sgz::tui::model::Derived::build(m, s.scope, s.as_of, 0);
    let keys = sgz::tui::keymap::Keymap::defaults();
    let ctx = sgz::tui::view::Ctx {
        s,
        m,
        d: &d,
        keys: &keys,
        theme: sgz::tui::theme::Theme::plain(),
    };
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| sgz::tui::view::render(f, &ctx)).unwrap();
    text_of(t.backend().buffer(), w, h)
}

fn text_of(buf: &ratatui::buffer::Buffer, w: u16, h: u16) -> String {
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
