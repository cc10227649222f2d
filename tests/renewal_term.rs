//! Renewal over the service term (Wuhan 武民政〔2021〕26号 §三(四): renew only if every
//! evaluation in the service term was 优秀): the scores list and the entry grid ask the same
//! function and say the same thing about the same sheet.

mod common;

use std::collections::BTreeMap;

use common::d;
use sgz::domain::division::{parse_code, Tree};
use sgz::domain::evaluation::{EvalStatus, Evaluation, Grade};
use sgz::domain::network::Network;
use sgz::domain::policy::Phase;
use sgz::domain::renewal::Verdict;
use sgz::domain::site::{Site, SiteStatus, StatusChange, Tier};
use sgz::i18n::Lang;
use sgz::store::{Actor, EvalDetail};
use sgz::tui::model::{Derived, Model};
use sgz::tui::state::{State, View};
use sgz::tui::update::{update, Msg};

const DIVISIONS: &[(&str, &str)] = &[
    ("42", "湖北省"),
    ("4201", "武汉市"),
    ("420102", "江岸区"),
    ("420102002", "大智街道"),
];

fn model(evaluations: Vec<Evaluation>) -> Model {
    let tree = Tree::build(DIVISIONS.iter().map(|(c, n)| {
        let (code, level) = parse_code(c).unwrap();
        (code, level, (*n).into())
    }))
    .0;
    let site = Site {
        id: 1,
        division: "420102002".into(),
        tier: Tier::Station,
        name: "大智街道社工站".into(),
        operator: None,
        area_m2: None,
        civil_reg: None,
        head: None,
        history: vec![StatusChange {
            status: SiteStatus::Established,
            on: d("2023-01-10"),
        }],
        synthetic: false,
    };
    Model {
        net: Network::new(tree, vec![site], vec![], evaluations, false).into(),
        profiles: sgz::io::policy::embedded().unwrap(),
        user: "tester".into(),
        db: "fixture".into(),
        loaded_at: "2024-12-31 09:00:00".into(),
        read_only: None,
        actor: Actor::system("tester"),
    }
}

/// A Wuhan mid-term sheet: every item at `share` of its points.
fn sheet(id: i64, year: i32, status: EvalStatus, share: f64, grade: Grade) -> Evaluation {
    let p = sgz::io::policy::embedded()
        .unwrap()
        .into_iter()
        .find(|p| p.id == "wuhan-2021")
        .unwrap();
    let scores: BTreeMap<String, f64> = p
        .evaluation
        .items()
        .map(|(_, i)| (i.id.clone(), i.max * share))
        .collect();
    let total = scores.values().sum();
    Evaluation {
        id,
        site_id: 1,
        year,
        phase: Phase::MidTerm,
        template: "wuhan-2021".into(),
        status,
        total: Some(total),
        grade: Some(grade),
        version: 1,
        scores,
        synthetic: false,
    }
}

#[test]
fn wuhan_good_2023_then_excellent_2024_is_not_renewable_in_the_grid_nor_the_list_3_4() {
    let good = sheet(1, 2023, EvalStatus::Locked, 0.85, Grade::Good);
    let excellent = sheet(2, 2024, EvalStatus::Submitted, 0.95, Grade::Excellent);
    let m = model(vec![good, excellent.clone()]);
    let scope = m.net.tree.find("4201").unwrap();
    let mut s = State::new(scope, d("2024-12-31"), Lang::Zh);
    s.view = View::Scores;
    let der = Derived::build(&m, scope, s.as_of, 0);
    let rows = der.score_rows(&m);
    let row = rows
        .iter()
        .find(|r| r.sheet.evaluation_id == Some(2))
        .expect("the 2024 sheet is a row");
    let list = row.renewal.clone();
    assert_eq!(list.allowed(), Some(false), "{list:?}");
    assert_eq!(
        list.term,
        (2023, 2025),
        "service from 2023, contracts of 3 years"
    );
    match &list.verdict {
        Verdict::NotAllowed { failing } => {
            assert_eq!(failing.len(), 1);
            assert_eq!((failing[0].year, failing[0].evaluation_id), (2023, Some(1)));
        }
        v => panic!("{v:?}"),
    }
    // Every row of the term carries the same verdict, the 2023 one too.
    let first = rows
        .iter()
        .find(|r| r.sheet.evaluation_id == Some(1))
        .unwrap();
    assert_eq!(first.renewal, list);

    // The grid on the same sheet.
    update(
        &mut s,
        &m,
        &der,
        Msg::SheetLoaded(Box::new(EvalDetail {
            evaluation: excellent,
            drafts: BTreeMap::new(),
            draft_base_version: None,
            updated_by: None,
            updated_at: None,
            parts: Default::default(),
        })),
    );
    let grid = s.sheet().expect("the grid is open").renewal();
    assert_eq!(grid, list, "grid and list agree");
    assert_eq!(
        sgz::i18n::standing::renewal(&grid, Lang::Zh),
        "不可续签：2023年中期评估#1为良好，要求服务期内各次评估均为优秀（§三(四)）"
    );
    assert_eq!(
        sgz::i18n::standing::renewal(&grid, Lang::En),
        "no renewal: 2023 mid-term evaluation #1 was good; the rule is every evaluation of the term excellent (§三(四))"
    );
}

#[test]
fn wuhan_all_excellent_names_the_evaluations_it_used() {
    let a = sheet(1, 2023, EvalStatus::Locked, 0.95, Grade::Excellent);
    let b = sheet(2, 2024, EvalStatus::Locked, 0.95, Grade::Excellent);
    let c = sheet(3, 2025, EvalStatus::Locked, 0.95, Grade::Excellent);
    let m = model(vec![a, b, c]);
    let scope = m.net.tree.find("4201").unwrap();
    let der = Derived::build(&m, scope, d("2025-12-31"), 0);
    let rows = der.score_rows(&m);
    let r = &rows[0].renewal;
    assert_eq!(r.allowed(), Some(true));
    assert_eq!(
        sgz::i18n::standing::renewal(r, Lang::Zh),
        "可续签：服务期内各次评估均为优秀；依据服务期2023–2025年：2023年中期评估#1为优秀；2024年中期评估#2为优秀；2025年中期评估#3为优秀（§三(四)）"
    );
    // Before the term's last evaluation, it is pending on that sheet.
    let m2 = model(vec![
        sheet(1, 2023, EvalStatus::Locked, 0.95, Grade::Excellent),
        sheet(2, 2024, EvalStatus::Locked, 0.95, Grade::Excellent),
    ]);
    let der = Derived::build(&m2, scope, d("2024-12-31"), 0);
    let r = &der.score_rows(&m2)[0].renewal;
    assert_eq!(r.allowed(), None);
    assert_eq!(
        sgz::i18n::standing::renewal(r, Lang::Zh),
        "待定：2025年中期评估缺（§三(四)）"
    );
}
