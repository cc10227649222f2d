//! update(): one test per action, on the hand-made fixture (no store, no terminal).

mod common;
use common::{d, network};
use sgz::tui::action::{Action, Table};
use sgz::tui::model::{Derived, Model};
use sgz::tui::state::{SearchPurpose, State, View};
use sgz::tui::update::{update, Effect, Msg, Outcome};

fn model() -> Model {
    Model {
        net: network().into(),
        profiles: sgz::io::policy::embedded().unwrap(),
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
        let mut s = State::new(root, d("2021-12-31"), sgz::i18n::Lang::Zh);
        s.view = View::Tree;
        s.tree.expansion.open(root);
        T { m, s }
    }
    fn go(&mut self, a: Action) -> Outcome {
        let der = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
        update(&mut self.s, &self.m, &der, Msg::Act(a))
    }
    fn typed(&mut self, text: &str) -> Outcome {
        let der = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
        let mut last = Outcome::NotMine;
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
    assert_eq!(t.s.table(), Table::Search);
    let e = t.typed("jb");
    assert_eq!(
        e,
        Outcome::Effect(Effect::Search {
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
    assert_eq!(t.s.table(), Table::Normal);
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
    assert!(t.s.search().is_none_or(|st| st.hits.is_empty()));
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
        t.s.table(),
        Table::Search,
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
    assert_eq!((t.s.table(), t.at()), (Table::Normal, "兴庆区".to_string()));
}

#[test]
fn escape_leaves_search_without_moving() {
    let mut t = T::new();
    t.go(Action::Search);
    t.typed("zz");
    t.go(Action::Cancel);
    assert_eq!(
        (t.s.table(), t.at()),
        (Table::Normal, "宁夏回族自治区".to_string())
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
        Outcome::Effect(Effect::Search {
            query: "西夏".into(),
            purpose: SearchPurpose::Scope
        })
    );
    t.go(Action::CommandLine);
    t.typed("asof 2021-02-30");
    t.go(Action::Confirm);
    assert!(t.s.message.as_ref().unwrap().text.contains("2021-02-30"));
    // A two-digit year is refused, not taken as the year 21.
    t.go(Action::CommandLine);
    t.typed("asof 21-9-30");
    t.go(Action::Confirm);
    assert_eq!(t.s.as_of, d("2021-09-30"));
    let said = &t.s.message.as_ref().unwrap().text;
    assert!(
        said.contains("21-9-30") && said.contains("四位年份"),
        "{said}"
    );
    t.go(Action::CommandLine);
    t.typed("today");
    t.go(Action::Confirm);
    assert_eq!(t.s.as_of, d("2021-12-31"));
    t.go(Action::CommandLine);
    t.typed("q");
    assert_eq!(t.go(Action::Confirm), Outcome::Effect(Effect::Quit));
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
        View::Duties,
        View::Dashboard,
    ];
    for v in order {
        t.go(Action::NextView);
        assert_eq!(t.s.view, v);
    }
    t.go(Action::PrevView);
    assert_eq!(t.s.view, View::Duties);
    for (a, v) in [
        (Action::View3, View::Staff),
        (Action::View4, View::Scores),
        (Action::View5, View::Alerts),
        (Action::View6, View::Duties),
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
    assert_eq!(t.s.table(), Table::Help);
    t.go(Action::MoveDown);
    assert_eq!(t.s.help_offset(), 1);
    t.go(Action::Cancel);
    assert_eq!(t.s.table(), Table::Normal);
}

#[test]
fn quit_quits() {
    let mut t = T::new();
    assert_eq!(t.go(Action::Quit), Outcome::Effect(Effect::Quit));
}

// ---------------------------------------------------------------- score sheets: status, overlays, read-only

mod sheets {
    use super::common::{d, network, screen_of};
    use sgz::domain::evaluation::{EvalStatus, Evaluation};
    use sgz::domain::network::Network;
    use sgz::domain::policy::Phase;
    use sgz::domain::sheet::StatusChange;
    use sgz::store::{Actor, EvalDetail, UserRole};
    use sgz::tui::action::{Action, Table};
    use sgz::tui::model::{Derived, Model, ReadOnly};
    use sgz::tui::state::{Pending, State, View};
    use sgz::tui::update::{update, Effect, Msg, Outcome};
    use std::collections::BTreeMap;

    /// Ningxia's annual sheet has nine items.
    const NINE: [&str; 9] = [
        "qty-tasks",
        "qty-clients",
        "qty-staffing",
        "qual-professional",
        "qual-satisfaction",
        "qual-management",
        "fund-compliance",
        "fund-budget",
        "fund-reporting",
    ];
    const ID: i64 = 7;

    /// The 2021 annual sheet of 凤凰北街街道 (site 3) with its first `filled` items scored 5.
    fn sheet(status: EvalStatus, filled: usize) -> Evaluation {
        Evaluation {
            id: ID,
            site_id: 3,
            year: 2021,
            phase: Phase::Annual,
            template: "ningxia-2021".into(),
            status,
            total: None,
            grade: None,
            version: 3,
            scores: NINE
                .iter()
                .take(filled)
                .map(|i| (i.to_string(), 5.0))
                .collect(),
            synthetic: false,
        }
    }

    fn admin() -> Actor {
        Actor {
            name: "ada".into(),
            role: UserRole::Admin,
            scope: None,
        }
    }

    fn editor() -> Actor {
        Actor {
            name: "erin".into(),
            role: UserRole::Editor,
            scope: Some("64".into()),
        }
    }

    /// The scores view of Ningxia on 2021-12-31 with the sheet of `status` selected.
    struct T {
        m: Model,
        s: State,
    }

    impl T {
        fn new(actor: Actor, status: EvalStatus) -> T {
            let base = network();
            let mut summary = sheet(status, 0);
            summary.scores.clear();
            let net = Network::new(
                base.tree.as_ref().clone(),
                base.sites.clone(),
                vec![],
                vec![summary],
                false,
            );
            let m = Model {
                net: net.into(),
                profiles: sgz::io::policy::embedded().unwrap(),
                user: actor.name.clone(),
                db: "fixture".into(),
                loaded_at: "2021-12-31 09:00:00".into(),
                read_only: None,
                actor,
            };
            let scope = m.net.tree.find("64").unwrap();
            let mut s = State::new(scope, d("2021-12-31"), sgz::i18n::Lang::Zh);
            s.view = View::Scores;
            let der = Derived::build(&m, scope, s.as_of, 0);
            s.scores.selected = der
                .score_rows(&m)
                .iter()
                .position(|r| r.sheet.evaluation_id == Some(ID))
                .expect("the sheet is a row of the scores view");
            T { m, s }
        }
        fn send(&mut self, msg: Msg) -> Outcome {
            let der = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
            update(&mut self.s, &self.m, &der, msg)
        }
        fn go(&mut self, a: Action) -> Outcome {
            self.send(Msg::Act(a))
        }
        fn open(&mut self, ev: Evaluation) {
            self.send(Msg::SheetLoaded(Box::new(EvalDetail {
                evaluation: ev,
                drafts: BTreeMap::new(),
                draft_base_version: None,
                updated_by: None,
                updated_at: None,
                parts: Default::default(),
            })));
        }
        fn said(&self) -> String {
            self.s
                .message
                .as_ref()
                .map(|m| m.text.clone())
                .unwrap_or_default()
        }
        fn screen(&self) -> String {
            screen_of(&self.s, &self.m, 80, 24)
        }
        /// Each cell of the open sheet: the text being typed and the committed value.
        fn cells(&self) -> Vec<(Option<String>, Option<f64>)> {
            let sh = self.s.sheet().expect("a sheet is open");
            sh.rows()
                .iter()
                .map(|r| (r.edit.clone(), r.value))
                .collect()
        }
    }

    #[test]
    fn submitting_a_sheet_with_empty_items_asks_first_and_names_how_many() {
        let mut t = T::new(editor(), EvalStatus::Draft);
        // The list holds no scores: the sheet is read before anything is decided.
        assert_eq!(
            t.go(Action::SubmitSheet),
            Outcome::Effect(Effect::PrepareStatus {
                eval_id: ID,
                change: StatusChange::Submit
            })
        );
        let ready = |filled| Msg::StatusReady {
            evaluation: Box::new(sheet(EvalStatus::Draft, filled)),
            change: StatusChange::Submit,
        };
        assert_eq!(
            t.send(ready(2)),
            Outcome::Handled,
            "2 of 9: not submitted yet"
        );
        assert_eq!(t.s.table(), Table::Confirm);
        assert_eq!(
            t.s.pending().cloned(),
            Some(Pending::ChangeStatus {
                eval_id: ID,
                change: StatusChange::Submit,
                empty: 7,
                items: 9
            })
        );
        let screen = t.screen();
        assert!(
            screen.contains("此表还有 7 项未填（共 9 项），仍要提交？"),
            "{screen}"
        );
        assert_eq!(t.go(Action::No), Outcome::Handled);
        assert_eq!(t.s.table(), Table::Normal, "back to the list");
        assert_eq!(t.said(), "未更改");

        t.go(Action::SubmitSheet);
        t.send(ready(2));
        assert_eq!(
            t.go(Action::Yes),
            Outcome::Effect(Effect::SetStatus {
                eval_id: ID,
                status: EvalStatus::Submitted
            })
        );
        assert_eq!(t.s.table(), Table::Normal);

        // A complete sheet is submitted without a question.
        t.go(Action::SubmitSheet);
        assert_eq!(
            t.send(ready(9)),
            Outcome::Effect(Effect::SetStatus {
                eval_id: ID,
                status: EvalStatus::Submitted
            })
        );
    }

    #[test]
    fn the_question_is_in_english_too() {
        let mut t = T::new(editor(), EvalStatus::Draft);
        t.s.lang = sgz::i18n::Lang::En;
        t.go(Action::SubmitSheet);
        t.send(Msg::StatusReady {
            evaluation: Box::new(sheet(EvalStatus::Draft, 2)),
            change: StatusChange::Submit,
        });
        let screen = t.screen();
        assert!(
            screen.contains("7 of 9 items are still empty. Submit anyway?"),
            "{screen}"
        );
    }

    #[test]
    fn unlocking_takes_an_admin_and_a_yes_and_submit_does_not_unlock() {
        let mut t = T::new(editor(), EvalStatus::Locked);
        assert_eq!(t.go(Action::UnlockSheet), Outcome::Handled);
        assert!(t.said().contains("只有管理员可以解锁"), "{}", t.said());

        let mut t = T::new(admin(), EvalStatus::Locked);
        // S on a locked sheet no longer unlocks it in one key.
        t.go(Action::SubmitSheet);
        let locked = |change| Msg::StatusReady {
            evaluation: Box::new(sheet(EvalStatus::Locked, 9)),
            change,
        };
        assert_eq!(t.send(locked(StatusChange::Submit)), Outcome::Handled);
        assert!(t.said().contains("已锁定"), "{}", t.said());
        assert_eq!(t.s.table(), Table::Normal);

        assert_eq!(
            t.go(Action::UnlockSheet),
            Outcome::Effect(Effect::PrepareStatus {
                eval_id: ID,
                change: StatusChange::Unlock
            })
        );
        assert_eq!(t.send(locked(StatusChange::Unlock)), Outcome::Handled);
        assert_eq!(t.s.table(), Table::Confirm, "unlocking asks first");
        assert!(t.screen().contains("解锁此评估表"), "{}", t.screen());
        assert_eq!(
            t.go(Action::Yes),
            Outcome::Effect(Effect::SetStatus {
                eval_id: ID,
                status: EvalStatus::Submitted
            })
        );
    }

    #[test]
    fn a_submitted_sheet_is_read_only_until_reopened() {
        let mut t = T::new(editor(), EvalStatus::Submitted);
        t.open(sheet(EvalStatus::Submitted, 9));
        assert_eq!(t.s.table(), Table::Grid);
        let before = t.cells();
        assert_eq!(t.send(Msg::Type('4')), Outcome::Handled);
        assert_eq!(t.go(Action::GridNext), Outcome::Handled);
        assert_eq!(t.go(Action::SubmitSheet), Outcome::Handled);
        assert_eq!(t.cells(), before, "nothing changed");
        assert!(
            t.said().contains("已提交") && t.said().contains("R"),
            "says why and how: {}",
            t.said()
        );
        // Reopening (an editor of the jurisdiction may) asks nothing and makes it a draft.
        t.go(Action::Cancel);
        assert_eq!(t.s.table(), Table::Normal);
        assert_eq!(
            t.go(Action::ReopenSheet),
            Outcome::Effect(Effect::PrepareStatus {
                eval_id: ID,
                change: StatusChange::Reopen
            })
        );
        assert_eq!(
            t.send(Msg::StatusReady {
                evaluation: Box::new(sheet(EvalStatus::Submitted, 9)),
                change: StatusChange::Reopen,
            }),
            Outcome::Effect(Effect::SetStatus {
                eval_id: ID,
                status: EvalStatus::Draft
            })
        );
    }

    #[test]
    fn ctrl_t_on_an_incomplete_sheet_asks_and_esc_is_back_in_the_grid() {
        let mut t = T::new(editor(), EvalStatus::Draft);
        t.open(sheet(EvalStatus::Draft, 2));
        assert_eq!(t.go(Action::SubmitSheet), Outcome::Handled);
        assert_eq!(t.s.table(), Table::Confirm);
        assert!(matches!(
            t.s.pending().cloned(),
            Some(Pending::ChangeStatus { empty: 7, .. })
        ));
        t.go(Action::Cancel);
        assert_eq!(t.s.table(), Table::Grid);
        assert!(t.s.sheet().is_some());
    }

    #[test]
    fn help_over_the_grid_returns_to_the_grid_with_the_sheet() {
        let mut t = T::new(editor(), EvalStatus::Draft);
        t.open(sheet(EvalStatus::Draft, 2));
        t.go(Action::Help);
        assert_eq!(t.s.table(), Table::Help);
        t.go(Action::Cancel);
        assert_eq!(t.s.table(), Table::Grid, "back where help was opened");
        // A digit now types into the cell; it does not switch views.
        t.send(Msg::Type('1'));
        assert_eq!(t.s.view, View::Scores);
        let sh = t.s.sheet().expect("the sheet is still open");
        assert_eq!(sh.rows()[0].edit.as_deref(), Some("1"));
    }

    #[test]
    fn a_read_only_database_is_marked_and_answers_edit_keys_without_trying() {
        for lang in [sgz::i18n::Lang::Zh, sgz::i18n::Lang::En] {
            let mut t = T::new(editor(), EvalStatus::Draft);
            t.s.lang = lang;
            t.m.read_only = Some(ReadOnly::Database);
            t.open(sheet(EvalStatus::Draft, 2));
            let before = t.cells();
            assert_eq!(
                t.send(Msg::Type('5')),
                Outcome::Handled,
                "typing is an edit"
            );
            assert_eq!(t.said(), ReadOnly::Database.why(lang));
            for a in [Action::GridNext, Action::SaveSheet, Action::SubmitSheet] {
                t.s.message = None;
                assert_eq!(t.go(a), Outcome::Handled, "{a:?}");
                assert_eq!(t.said(), ReadOnly::Database.why(lang), "{a:?}");
            }
            assert_eq!(t.cells(), before, "the sheet is untouched");
            let screen = t.screen();
            let bar = screen.lines().nth(22).unwrap_or_default();
            if lang == sgz::i18n::Lang::En {
                assert!(bar.starts_with("[READ-ONLY]"), "{screen}");
                assert!(
                    screen.contains("Read-only: nothing can be changed"),
                    "{screen}"
                );
                assert!(!screen.contains("kept as draft"), "{screen}");
            } else {
                assert!(bar.starts_with("【只读】"), "{screen}");
                assert!(
                    screen.contains("只读：不能修改，数据库以只读方式打开"),
                    "{screen}"
                );
                assert!(!screen.contains("已存草稿"), "{screen}");
            }
        }
    }

    #[test]
    fn a_draft_that_could_not_be_written_is_not_claimed_kept() {
        let mut t = T::new(editor(), EvalStatus::Draft);
        t.open(sheet(EvalStatus::Draft, 2));
        t.go(Action::MoveDown);
        t.go(Action::MoveDown);
        t.send(Msg::Type('5'));
        assert!(matches!(
            t.go(Action::MoveDown),
            Outcome::Effect(Effect::PutDrafts { .. })
        ));
        assert!(t.screen().contains("已存草稿"), "{}", t.screen());
        t.send(Msg::DraftNotKept("disk I/O error".into()));
        let screen = t.screen();
        assert!(!screen.contains("已存草稿"), "{screen}");
        assert!(screen.contains("草稿未能写入"), "{screen}");
        t.go(Action::Cancel);
        assert!(
            t.screen().contains("n 离开（修改丢失）"),
            "leaving says the changes would be lost:\n{}",
            t.screen()
        );
    }
}

#[test]
fn duties_view_marks_received_today_by_default_never_after_today_and_undoes() {
    use sgz::tui::state::Overlay;
    let mut t = T::new();
    t.go(Action::View6);
    assert_eq!(t.s.view, View::Duties);
    let der = Derived::build(&t.m, t.s.scope, t.s.as_of, 0);
    let first = sgz::tui::duties::sorted(der.duty_rows(&t.m), t.s.duties.sort)[0].clone();
    assert!(
        matches!(first.status, sgz::domain::duties::Status::Missing { .. }),
        "most overdue first: {first:?}"
    );
    assert_eq!(t.go(Action::MarkReceived), Outcome::Handled);
    match &t.s.overlay {
        Overlay::MarkDuty(f) => assert_eq!(f.input.value(), "2021-12-31", "today to start with"),
        o => panic!("{o:?}"),
    }
    assert_eq!(t.s.table(), Table::Form);
    t.go(Action::ClearLine);
    t.typed("2022-01-01");
    assert_eq!(t.go(Action::Confirm), Outcome::Handled);
    match &t.s.overlay {
        Overlay::MarkDuty(f) => assert!(f.error.as_deref().unwrap().contains("2021-12-31")),
        o => panic!("a date after today stays on the line: {o:?}"),
    }
    t.go(Action::ClearLine);
    t.typed("21-12-20");
    assert_eq!(t.go(Action::Confirm), Outcome::Handled, "two-digit year");
    t.go(Action::ClearLine);
    t.typed("2021-12-20");
    let mark = match t.go(Action::Confirm) {
        Outcome::Effect(Effect::MarkDuty { mark, undo, .. }) => {
            assert!(!undo);
            mark
        }
        o => panic!("{o:?}"),
    };
    assert_eq!(
        (mark.owner.as_str(), mark.period.as_str(), mark.received),
        (
            first.owner_code.as_str(),
            first.period.as_str(),
            Some(d("2021-12-20"))
        )
    );
    assert_eq!(mark.seen_version, 0);
    assert!(matches!(t.s.overlay, Overlay::None));
    // The app reports the write with what undoes it; u asks for that write.
    let der = Derived::build(&t.m, t.s.scope, t.s.as_of, 0);
    let back = sgz::domain::duties::DutyMark {
        received: None,
        seen_version: 1,
        ..mark.clone()
    };
    update(
        &mut t.s,
        &t.m,
        &der,
        Msg::DutyMarked(sgz::tui::update::DutyMarked {
            what: "x".into(),
            received: mark.received,
            undo: Some(back.clone()),
        }),
    );
    match t.go(Action::Undo) {
        Outcome::Effect(Effect::MarkDuty { mark, undo, .. }) => {
            assert!(undo);
            assert_eq!(mark, back);
        }
        o => panic!("{o:?}"),
    }
    assert_eq!(t.go(Action::Undo), Outcome::Handled, "nothing left to undo");
}

#[test]
fn a_viewer_cannot_open_the_received_date_line() {
    let mut t = T::new();
    t.m.actor = sgz::store::Actor {
        name: "vera".into(),
        role: sgz::store::UserRole::Viewer,
        scope: None,
    };
    t.go(Action::View6);
    assert_eq!(t.go(Action::MarkReceived), Outcome::Handled);
    assert!(matches!(t.s.overlay, sgz::tui::state::Overlay::None));
    assert!(t.s.message.as_ref().unwrap().text.contains("vera"));
}
