//! update(): one test per action, on the hand-made fixture (no store, no terminal).

mod common;
use common::{d, network};
use sgz::tui::action::{Action, Mode};
use sgz::tui::model::{Derived, Model};
use sgz::tui::state::{SearchPurpose, State, View};
use sgz::tui::update::{update, Effect, Msg};

fn model() -> Model {
    Model {
        net: network().into(),
        profiles: sgz::policies::embedded().unwrap(),
        user: "tester".into(),
        db: "fixture".into(),
        loaded_at: "2026-11-22 09:00:00".into(),
        read_only: None,
        actor: sgz::store::Actor::system("tester"),
    }
}

struct T {
    m: Model,
    s: State,
}

impl T {
    fn new() -> T {
        let m = model();
        let root = m.net.tree.find("64").unwrap();
        let mut s = State::new(root, d("2021-12-31"), false);
        s.view = View::Tree;
        s.tree.expansion.open(root);
        T { m, s }
    }
    fn go(&mut self, a: Action) -> Option<Effect> {
        let der = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
        update(&mut self.s, &self.m, &der, Msg::Act(a))
    }
    fn typed(&mut self, text: &str) -> Option<Effect> {
        let der = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
        let mut last = None;
        for c in text.chars() {
            last = update(&mut self.s, &self.m, &der, Msg::Type(c));
        }
        last
    }
    fn at(&self) -> String {
        self.m.net.tree.node(self.s.tree.cursor).name.to_string()
    }
    fn code(&self, c: &str) -> u32 {
        self.m.net.tree.find(c).unwrap()
    }
}

#[test]
fn move_down_and_up_walk_visible_rows() {
    let mut t = T::new();
    t.go(Action::MoveDown);
    assert_eq!(t.at(), "银川市");
    t.go(Action::MoveDown);
    assert_eq!(
        t.at(),
        "银川市",
        "closed nodes hide their children; the last row stays"
    );
    t.go(Action::MoveUp);
    assert_eq!(t.at(), "宁夏回族自治区");
}

#[test]
fn expand_opens_then_enters_collapse_closes_then_goes_up() {
    let mut t = T::new();
    t.go(Action::MoveDown);
    t.go(Action::Expand);
    assert!(t.s.tree.expansion.is_open(t.code("6401")));
    t.go(Action::Expand);
    assert_eq!(t.at(), "兴庆区");
    t.go(Action::Collapse);
    assert_eq!(
        t.at(),
        "银川市",
        "a closed node's collapse goes to the parent"
    );
    t.go(Action::Collapse);
    assert!(!t.s.tree.expansion.is_open(t.code("6401")));
}

#[test]
fn first_and_last_child_open_the_node() {
    let mut t = T::new();
    t.s.tree.cursor = t.code("640104");
    t.go(Action::LastChild);
    assert_eq!(t.at(), "掌政镇");
    t.go(Action::Parent);
    t.go(Action::FirstChild);
    assert_eq!(t.at(), "凤凰北街街道");
}

#[test]
fn page_down_moves_by_the_page_and_stops_at_the_end() {
    let mut t = T::new();
    t.s.tree
        .expansion
        .reveal(&t.m.net.tree, t.s.scope, t.code("640104100201"));
    t.s.page = 3;
    t.go(Action::PageDown);
    assert_eq!(
        t.at(),
        "凤凰北街街道",
        "rows: 宁夏, 银川, 兴庆, 凤凰北街, ..."
    );
    t.go(Action::Bottom);
    t.go(Action::PageDown);
    assert_eq!(t.at(), "西夏区");
    t.go(Action::Top);
    assert_eq!(t.at(), "宁夏回族自治区");
}

#[test]
fn scope_here_and_up() {
    let mut t = T::new();
    t.s.tree.cursor = t.code("640105");
    t.go(Action::ScopeHere);
    assert_eq!(t.s.scope, t.code("640105"));
    t.go(Action::ScopeUp);
    assert_eq!(t.s.scope, t.code("6401"));
}

#[test]
fn time_travel_by_month_and_week_and_back_to_today() {
    let mut t = T::new();
    t.go(Action::MonthForward);
    assert_eq!(t.s.as_of, d("2022-01-31"));
    t.go(Action::MonthForward);
    assert_eq!(t.s.as_of, d("2022-02-28"));
    t.go(Action::MonthForward);
    assert_eq!(t.s.as_of, d("2022-03-31"), "month ends stay month ends");
    t.go(Action::MonthBack);
    t.go(Action::WeekBack);
    assert_eq!(t.s.as_of, d("2022-02-21"));
    t.go(Action::Today);
    assert_eq!(t.s.as_of, d("2021-12-31"));
}

#[test]
fn search_types_sends_a_query_and_confirm_jumps_and_opens_the_tree() {
    let mut t = T::new();
    t.go(Action::Search);
    assert_eq!(t.s.mode, Mode::Search);
    let e = t.typed("jb");
    assert_eq!(
        e,
        Some(Effect::Search {
            query: "jb".into(),
            purpose: SearchPurpose::Jump
        })
    );
    let der = Derived::build(&t.m, t.s.scope, t.s.as_of, 0);
    let target = t.code("640104100202");
    update(
        &mut t.s,
        &t.m,
        &der,
        Msg::SearchDone {
            query: "jb".into(),
            hits: vec![target],
        },
    );
    t.go(Action::Confirm);
    assert_eq!(t.s.mode, Mode::Normal);
    assert_eq!(t.at(), "碱富桥村委会");
    assert!(t.s.tree.expansion.is_open(t.code("640104100")));
}

#[test]
fn stale_search_results_are_ignored() {
    let mut t = T::new();
    t.go(Action::Search);
    t.typed("xq");
    let der = Derived::build(&t.m, t.s.scope, t.s.as_of, 0);
    update(
        &mut t.s,
        &t.m,
        &der,
        Msg::SearchDone {
            query: "x".into(),
            hits: vec![1],
        },
    );
    assert!(t.s.search.hits.is_empty());
}

#[test]
fn enter_while_the_hits_are_the_previous_query_s_waits_for_the_typed_one() {
    let mut t = T::new();
    t.go(Action::Search);
    let der = Derived::build(&t.m, t.s.scope, t.s.as_of, 0);
    let (old, new) = (t.code("640105"), t.code("640104"));
    t.typed("x");
    update(
        &mut t.s,
        &t.m,
        &der,
        Msg::SearchDone {
            query: "x".into(),
            hits: vec![old, new],
        },
    );
    // "q" typed, Enter pressed before the answer to "xq": the hits on screen are for "x".
    t.typed("q");
    t.go(Action::Confirm);
    assert_eq!(
        t.s.mode,
        Mode::Search,
        "jumped to a hit of the previous query"
    );
    update(
        &mut t.s,
        &t.m,
        &der,
        Msg::SearchDone {
            query: "xq".into(),
            hits: vec![new, old],
        },
    );
    assert_eq!((t.s.mode, t.at()), (Mode::Normal, "兴庆区".to_string()));
}

#[test]
fn escape_leaves_search_without_moving() {
    let mut t = T::new();
    t.go(Action::Search);
    t.typed("zz");
    t.go(Action::Cancel);
    assert_eq!(
        (t.s.mode, t.at()),
        (Mode::Normal, "宁夏回族自治区".to_string())
    );
}

#[test]
fn command_line_asof_scope_today_and_quit() {
    let mut t = T::new();
    t.go(Action::CommandLine);
    t.typed("asof 2021-09-30");
    t.go(Action::Confirm);
    assert_eq!(t.s.as_of, d("2021-09-30"));
    t.go(Action::CommandLine);
    t.typed("scope 640104");
    t.go(Action::Confirm);
    assert_eq!(t.s.scope, t.code("640104"));
    t.go(Action::CommandLine);
    t.typed("scope 西夏");
    assert_eq!(
        t.go(Action::Confirm),
        Some(Effect::Search {
            query: "西夏".into(),
            purpose: SearchPurpose::Scope
        })
    );
    t.go(Action::CommandLine);
    t.typed("asof 2021-02-30");
    t.go(Action::Confirm);
    assert!(t.s.message.as_ref().unwrap().text.contains("2021-02-30"));
    t.go(Action::CommandLine);
    t.typed("today");
    t.go(Action::Confirm);
    assert_eq!(t.s.as_of, d("2021-12-31"));
    t.go(Action::CommandLine);
    t.typed("q");
    assert_eq!(t.go(Action::Confirm), Some(Effect::Quit));
    assert!(t.s.quit);
}

#[test]
fn views_cycle_with_tab_and_digits() {
    let mut t = T::new();
    t.go(Action::View1);
    assert_eq!(t.s.view, View::Dashboard);
    let order = [
        View::Tree,
        View::Staff,
        View::Scores,
        View::Alerts,
        View::Dashboard,
    ];
    for v in order {
        t.go(Action::NextView);
        assert_eq!(t.s.view, v);
    }
    t.go(Action::PrevView);
    assert_eq!(t.s.view, View::Alerts);
    for (a, v) in [
        (Action::View3, View::Staff),
        (Action::View4, View::Scores),
        (Action::View5, View::Alerts),
        (Action::View2, View::Tree),
    ] {
        t.go(a);
        assert_eq!(t.s.view, v);
    }
}

#[test]
fn dashboard_enter_narrows_to_the_worst_child_and_h_widens() {
    let mut t = T::new();
    t.s.view = View::Dashboard;
    t.s.scope = t.code("6401");
    t.s.dash.milestone = 1;
    t.go(Action::Expand);
    assert_eq!(t.s.scope, t.code("640105"), "西夏区 (0/2) ranks first");
    t.go(Action::Collapse);
    assert_eq!(t.s.scope, t.code("6401"));
}

#[test]
fn meeting_view_is_read_only_where_actions_are_dispatched() {
    let mut t = T::new();
    t.s.view = View::Dashboard;
    t.go(Action::Meeting);
    assert!(t.s.meeting);
    for &a in Action::ALL.iter().filter(|a| a.is_edit()) {
        t.go(a);
        assert!(t.s.message.as_ref().unwrap().text.contains("只读"), "{a:?}");
    }
    t.go(Action::Cancel);
    assert!(!t.s.meeting);
}

#[test]
fn help_opens_and_closes() {
    let mut t = T::new();
    t.go(Action::Help);
    assert_eq!(t.s.mode, Mode::Help);
    t.go(Action::MoveDown);
    assert_eq!(t.s.help_offset, 1);
    t.go(Action::Cancel);
    assert_eq!(t.s.mode, Mode::Normal);
}

#[test]
fn quit_quits() {
    let mut t = T::new();
    assert_eq!(t.go(Action::Quit), Some(Effect::Quit));
}
