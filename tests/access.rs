//! Who may write what. Every write function of the Store is run by four actors (a viewer, an
//! editor whose jurisdiction holds the data, an editor from elsewhere, an admin) and the
//! outcome compared with a table. The table is checked against the source: a new write
//! function in src/store/ without a row fails `every_store_writer_has_a_row`.
//! Then the TUI: every editing action is refused where it is dispatched, for a viewer and for
//! an editor outside the data's jurisdiction.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sgz::domain::division::{Division, Level};
use sgz::domain::evaluation::{EvalStatus, Evaluation};
use sgz::domain::policy::Phase;
use sgz::domain::site::{Site, SiteDetails, SiteStatus, StatusChange, Tier};
use sgz::domain::staff::{CertLevel, Role, Staff};
use sgz::store::{Actor, ScoreImport, SiteUpdate, StaffUpdate, Store, UserRole};
use sgz::tui::action::{Action, Table};
use sgz::tui::model::{Derived, Model};
use sgz::tui::state::{State, View};
use sgz::tui::update::{update, Msg, Outcome};
use sgz::Error;

// ---------------------------------------------------------------- the actors

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Viewer,
    /// An editor of 6401 (银川市), where all the fixture's data lives.
    EditorIn,
    /// An editor of 3303 (温州市).
    EditorOut,
    Admin,
}

const WHO: [Who; 4] = [Who::Viewer, Who::EditorIn, Who::EditorOut, Who::Admin];

fn actor(who: Who) -> Actor {
    let (name, role, scope) = match who {
        Who::Viewer => ("vera", UserRole::Viewer, None),
        Who::EditorIn => ("erin", UserRole::Editor, Some("6401")),
        Who::EditorOut => ("otto", UserRole::Editor, Some("3303")),
        Who::Admin => ("ada", UserRole::Admin, None),
    };
    Actor {
        name: name.into(),
        role,
        scope: scope.map(String::from),
    }
}

// ---------------------------------------------------------------- the fixture

/// A year's service contract of SITE from `start`.
fn contract(start: chrono::NaiveDate) -> sgz::domain::contract::ContractDraft {
    sgz::domain::contract::ContractDraft {
        site_id: SITE,
        operator: "银川某社工机构".into(),
        start,
        end: sgz::domain::calendar::add_days(sgz::domain::calendar::add_years(start, 1), -1),
    }
}

const SITE: i64 = 1; // station of 640104001, Yinchuan
const SITE_2: i64 = 2; // station of 640104002, Yinchuan, no evaluation yet
const SITE_WZ: i64 = 3; // station of 330302001, Wenzhou
const PERSON: i64 = 1; // works at SITE
const LEFT: i64 = 2; // worked at SITE, left 2025-06-30
const EVAL: i64 = 1; // SITE, 2025 mid-term, draft, version 1
const LOCKED: i64 = 2; // SITE, 2024 mid-term, locked

fn div(code: &str, name: &str, level: Level) -> Division {
    let parent = level
        .index()
        .checked_sub(1)
        .and_then(Level::from_index)
        .map(|l| code[..l.digits()].to_string());
    Division {
        code: code.into(),
        name: name.into(),
        level,
        parent,
    }
}

fn divisions() -> Vec<Division> {
    vec![
        div("64", "宁夏回族自治区", Level::Province),
        div("6401", "银川市", Level::City),
        div("640104", "兴庆区", Level::County),
        div("640104001", "凤凰北街街道", Level::Township),
        div("640104002", "解放西街街道", Level::Township),
        div("33", "浙江省", Level::Province),
        div("3303", "温州市", Level::City),
        div("330302", "鹿城区", Level::County),
        div("330302001", "五马街道", Level::Township),
    ]
}

fn site(id: i64, division: &str) -> Site {
    Site {
        id,
        division: division.into(),
        tier: Tier::Station,
        name: format!("站点{id}").into(),
        operator: None,
        area_m2: None,
        civil_reg: None,
        head: None,
        history: vec![],
        synthetic: false,
    }
}

fn person(id: i64, site_id: i64) -> Staff {
    Staff {
        id,
        site_id,
        name: format!("社工{id}"),
        role: Role::ResidentWorker,
        birth: None,
        hired: common::d("2022-03-01"),
        contract_start: None,
        contract_end: None,
        cert_level: CertLevel::None,
        cert_passed: None,
        reg_date: None,
        reg_expiry: None,
        ce_hours: 0.0,
        training: BTreeMap::new(),
        sw_degree: false,
        prior_years: 0.0,
        departed: None,
        synthetic: false,
    }
}

fn evaluation(id: i64, year: i32, status: EvalStatus) -> Evaluation {
    Evaluation {
        id,
        site_id: SITE,
        year,
        phase: Phase::MidTerm,
        template: "ningxia-2021".into(),
        status,
        total: None,
        grade: None,
        version: 1,
        scores: BTreeMap::from([("a".to_string(), 1.0)]),
        synthetic: false,
    }
}

/// The fixture in memory. `users`: whether an admin is already granted (else the users table
/// is empty and the first grant is the bootstrap).
fn fixture(users: bool) -> Store {
    let mut s = Store::open_in_memory().expect("opens");
    let sys = Actor::system("setup");
    s.import_divisions(&sys, &divisions(), "fixture")
        .expect("divisions");
    s.insert_bulk(
        &sys,
        &[
            site(SITE, "640104001"),
            Site {
                history: vec![StatusChange {
                    status: SiteStatus::Planned,
                    on: common::d("2024-01-01"),
                }],
                ..site(SITE_2, "640104002")
            },
            site(SITE_WZ, "330302001"),
        ],
        &[
            person(PERSON, SITE),
            Staff {
                departed: Some(common::d("2025-06-30")),
                ..person(LEFT, SITE)
            },
        ],
        &[
            evaluation(EVAL, 2025, EvalStatus::Draft),
            evaluation(LOCKED, 2024, EvalStatus::Locked),
        ],
        "fixture",
    )
    .expect("bulk");
    if users {
        s.grant(&sys, "ada", UserRole::Admin, None).expect("grant");
    }
    s
}

/// A file `restore_from` accepts: an sgz database with the fixture's divisions.
fn restorable(dir: &Path) -> PathBuf {
    let p = dir.join("restorable.db");
    if !p.exists() {
        let mut s = Store::open(&p).expect("opens");
        s.import_divisions(&Actor::system("setup"), &divisions(), "fixture")
            .expect("divisions");
    }
    p
}

/// Everything a write could change, as text: data, users, meta, drafts, audit.
fn fingerprint(s: &Store) -> String {
    let net = s.load_network().expect("network");
    let mut out = format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        net.sites,
        net.staff,
        net.evaluations,
        s.users().expect("users"),
        s.meta("service_account").expect("meta"),
    );
    for k in ["synthetic", "note"] {
        out.push_str(&format!("{:?}\n", s.meta(k).expect("meta")));
    }
    out.push_str(&format!("{}\n", s.division_count().expect("count")));
    for id in [EVAL, LOCKED] {
        for who in WHO {
            let d = s.evaluation_detail(id, &actor(who).name).expect("detail");
            out.push_str(&format!("{:?} {:?}\n", d.evaluation.scores, d.drafts));
        }
    }
    out
}

fn audit_rows(s: &Store) -> usize {
    s.audit(None, None, None, 1_000_000).expect("audit").len()
}

/// Audit rows written by `a` (a restore replaces the others).
fn audit_rows_by(s: &Store, a: &Actor) -> usize {
    s.audit(None, Some(&a.name), None, 1_000_000)
        .expect("audit")
        .len()
}

// ---------------------------------------------------------------- the table

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Allowed,
    Denied,
}
use Want::{Allowed as A, Denied as D};

type Run = fn(&mut Store, &Actor, &Path) -> sgz::Result<()>;

struct Case {
    /// The Store function.
    name: &'static str,
    /// What this row tries, when a function has several rows.
    what: &'static str,
    /// Viewer, editor in scope, editor out of scope, admin.
    want: [Want; 4],
    /// An allowed call writes at least one audit row (drafts are scratch, not audited).
    audited: bool,
    /// Run on a database with no users yet (the first grant).
    empty_users: bool,
    run: Run,
}

const fn case(name: &'static str, what: &'static str, want: [Want; 4], run: Run) -> Case {
    Case {
        name,
        what,
        want,
        audited: true,
        empty_users: false,
        run,
    }
}

const ADMIN_ONLY: [Want; 4] = [D, D, D, A];
const IN_SCOPE: [Want; 4] = [D, A, D, A];
const NOBODY: [Want; 4] = [D, D, D, D];

/// Ningxia's profile with one item, "a", filled by the third party: the fixture's sheets
/// split among scorer roles.
fn split_ningxia() -> sgz::domain::policy::Profile {
    use sgz::domain::policy::{Dimension, Item, ScorerRole};
    let mut p = sgz::io::policy::embedded()
        .expect("profiles")
        .into_iter()
        .find(|p| p.id == "ningxia-2021")
        .expect("ningxia");
    p.evaluation.dimensions = vec![Dimension {
        id: "d".into(),
        zh: "维度".into(),
        en: "dimension".into(),
        items: vec![Item {
            id: "a".into(),
            zh: "指标".into(),
            en: "item".into(),
            max: 10.0,
            scorer: Some(ScorerRole::ThirdParty),
            items: Vec::new(),
        }],
        max: None,
        scorer: None,
    }];
    p
}

fn scores(v: f64) -> BTreeMap<String, f64> {
    BTreeMap::from([("a".to_string(), v), ("b".to_string(), v)])
}

fn table() -> Vec<Case> {
    vec![
        case("grant", "grant a role", ADMIN_ONLY, |s, a, _| {
            s.grant(a, "newbie", UserRole::Viewer, None)
        }),
        Case {
            empty_users: true,
            ..case(
                "grant",
                "the first grant on an empty users table (what init does)",
                [A, A, A, A],
                |s, a, _| s.grant(a, "first", UserRole::Admin, None),
            )
        },
        case(
            "grant_with_scorer",
            "grant a role with a scorer role",
            ADMIN_ONLY,
            |s, a, _| {
                s.grant_with_scorer(
                    a,
                    "newbie",
                    UserRole::Editor,
                    Some("64"),
                    Some(sgz::domain::policy::ScorerRole::Purchaser),
                )
            },
        ),
        case(
            "import_policy",
            "store a policy profile",
            ADMIN_ONLY,
            |s, a, _| {
                let text = sgz::io::policy::EMBEDDED[0].1;
                s.import_policy(a, "ningxia-2021", text, true, true)
                    .map(drop)
            },
        ),
        case("revoke", "revoke a grant", ADMIN_ONLY, |s, a, _| {
            s.revoke(a, "ada").map(drop)
        }),
        case(
            "set_service_account",
            "record the SSH service account",
            ADMIN_ONLY,
            |s, a, _| s.set_service_account(a, "sgzsvc"),
        ),
        case("set_meta", "set a meta value", ADMIN_ONLY, |s, a, _| {
            s.set_meta(a, "note", "x")
        }),
        case(
            "import_divisions",
            "replace divisions",
            ADMIN_ONLY,
            |s, a, _| {
                s.import_divisions(a, &[div("6402", "石嘴山市", Level::City)], "t")
                    .map(drop)
            },
        ),
        case("insert_bulk", "insert a dataset", ADMIN_ONLY, |s, a, _| {
            s.insert_bulk(a, &[site(10, "640104")], &[], &[], "t")
        }),
        case(
            "mark_duties",
            "mark a duty instance received",
            IN_SCOPE,
            |s, a, _| {
                s.mark_duties(
                    a,
                    &[sgz::domain::duties::DutyMark {
                        policy: "ningxia-2021".into(),
                        duty: "contractor-monthly-report".into(),
                        owner: "640104001".into(),
                        period: "2021-12".into(),
                        received: Some(common::d("2022-01-08")),
                        note: None,
                        seen_version: 0,
                    }],
                    "mark_duty",
                )
                .map(drop)
            },
        ),
        case(
            "record_contract",
            "record a site's service contract",
            IN_SCOPE,
            |s, a, _| {
                s.record_contract(a, None, &contract(common::d("2022-01-01")))
                    .map(drop)
            },
        ),
        case(
            "renew_contract",
            "renew a site's service contract",
            IN_SCOPE,
            |s, a, _| {
                // Recorded by the same actor first: refused alike, before anything changes.
                let id = s.record_contract(a, None, &contract(common::d("2022-01-01")))?;
                s.renew_contract(a, None, id, 1, &contract(common::d("2023-01-01")))
                    .map(drop)
            },
        ),
        case(
            "insert_contract_history",
            "insert the demo's contracts",
            ADMIN_ONLY,
            |s, a, _| {
                let c = contract(common::d("2022-01-01"));
                s.insert_contract_history(
                    a,
                    &[sgz::domain::contract::Contract {
                        id: 1,
                        site_id: c.site_id,
                        operator: c.operator,
                        start: c.start,
                        end: c.end,
                        renews: None,
                        version: 1,
                        synthetic: true,
                    }],
                    "t",
                )
            },
        ),
        case(
            "insert_duty_history",
            "insert the demo's duty history",
            ADMIN_ONLY,
            |s, a, _| {
                s.insert_duty_history(
                    a,
                    &[sgz::domain::duties::Receipt {
                        policy: "ningxia-2021".into(),
                        duty: "county-half-year-report".into(),
                        owner: "640104".into(),
                        period: "2021-H2".into(),
                        received: Some(common::d("2022-01-08")),
                        recorded_by: "demo".into(),
                        note: None,
                        version: 1,
                        synthetic: true,
                    }],
                    "t",
                )
            },
        ),
        case(
            "record_certificate",
            "a person's certificate",
            IN_SCOPE,
            |s, a, _| {
                s.record_certificate(a, PERSON, CertLevel::Assistant, common::d("2024-06-01"))
            },
        ),
        case(
            "record_registration",
            "a person's registration",
            IN_SCOPE,
            |s, a, _| {
                s.record_registration(a, PERSON, common::d("2024-07-01"), common::d("2027-06-30"))
            },
        ),
        case(
            "record_training",
            "a person's training hours",
            IN_SCOPE,
            |s, a, _| s.record_training(a, PERSON, 2024, 40.0),
        ),
        case(
            "record_departure",
            "a person leaves",
            IN_SCOPE,
            |s, a, _| s.record_departure(a, PERSON, common::d("2025-01-31")),
        ),
        case(
            "create_site",
            "the guidance center of a county",
            IN_SCOPE,
            |s, a, _| {
                s.create_site(a, "640104", "兴庆区社会工作服务指导中心")
                    .map(drop)
            },
        ),
        case("edit_site", "a site's details", IN_SCOPE, |s, a, _| {
            let details = SiteDetails {
                name: "凤凰北街街道社会工作服务站".into(),
                operator: Some("银川市某社工机构".into()),
                area_m2: Some(120.0),
                civil_reg: Some(common::d("2025-03-01")),
                head: Some("王芳".into()),
            };
            s.edit_site(a, SITE, &details, common::d("2026-01-01"))
        }),
        case(
            "record_site_status",
            "a site's status change",
            IN_SCOPE,
            |s, a, _| {
                s.record_site_status(
                    a,
                    SITE,
                    SiteStatus::Established,
                    common::d("2025-05-10"),
                    common::d("2026-01-01"),
                )
            },
        ),
        case(
            "undo_site_status",
            "a site's last status change undone",
            IN_SCOPE,
            |s, a, _| {
                let last = StatusChange {
                    status: SiteStatus::Planned,
                    on: common::d("2024-01-01"),
                };
                s.undo_site_status(a, SITE_2, last)
            },
        ),
        case(
            "renew_staff_contract",
            "a person's contract renewed",
            IN_SCOPE,
            |s, a, _| s.renew_staff_contract(a, PERSON, common::d("2027-12-31")),
        ),
        case(
            "add_training",
            "training hours added",
            IN_SCOPE,
            |s, a, _| {
                s.add_training(a, PERSON, 2025, 12.0, common::d("2026-01-01"))
                    .map(drop)
            },
        ),
        case(
            "undo_departure",
            "a departure undone",
            IN_SCOPE,
            |s, a, _| s.undo_departure(a, LEFT),
        ),
        case("add_staff", "a new hire", IN_SCOPE, |s, a, _| {
            s.add_staff(a, &person(0, SITE)).map(drop)
        }),
        case(
            "add_staff_many",
            "an import of hires",
            IN_SCOPE,
            |s, a, _| {
                s.add_staff_many(a, &[person(0, SITE), person(0, SITE_2)], "t")
                    .map(drop)
            },
        ),
        case(
            "add_staff_many",
            "an import with one row in another jurisdiction: all refused",
            ADMIN_ONLY,
            |s, a, _| {
                s.add_staff_many(a, &[person(0, SITE), person(0, SITE_WZ)], "t")
                    .map(drop)
            },
        ),
        case(
            "import_staff",
            "a sheet updating a person at the version they have",
            IN_SCOPE,
            |s, a, _| {
                let old = person(PERSON, SITE);
                let new = Staff {
                    name: "改了名".into(),
                    ..old.clone()
                };
                let u = StaffUpdate {
                    old,
                    new,
                    base_version: 1,
                    year: 2025,
                };
                s.import_staff(a, &[person(0, SITE_2)], &[u], "t").map(drop)
            },
        ),
        case(
            "import_staff",
            "a sheet moving a person to another jurisdiction: all refused",
            ADMIN_ONLY,
            |s, a, _| {
                let old = person(PERSON, SITE);
                let new = Staff {
                    site_id: SITE_WZ,
                    ..old.clone()
                };
                let u = StaffUpdate {
                    old,
                    new,
                    base_version: 1,
                    year: 2025,
                };
                s.import_staff(a, &[], &[u], "t").map(drop)
            },
        ),
        case(
            "import_sites",
            "a list adding a center and renaming a station, all in scope",
            IN_SCOPE,
            |s, a, _| {
                let center = Site {
                    tier: Tier::Center,
                    ..site(0, "640104")
                };
                let old = site(SITE, "640104001");
                let new = Site {
                    name: "改了名".into(),
                    ..old.clone()
                };
                let u = SiteUpdate {
                    old,
                    new,
                    base_version: 1,
                };
                s.import_sites(a, &[center], &[u], "t").map(drop)
            },
        ),
        case(
            "import_sites",
            "a list adding a site in another jurisdiction: all refused",
            ADMIN_ONLY,
            |s, a, _| {
                let center = |code: &str| Site {
                    tier: Tier::Center,
                    ..site(0, code)
                };
                s.import_sites(a, &[center("640104"), center("330302")], &[], "t")
                    .map(drop)
            },
        ),
        case("create_evaluation", "a new sheet", IN_SCOPE, |s, a, _| {
            s.create_evaluation(a, SITE_2, 2025, Phase::MidTerm, "ningxia-2021")
                .map(drop)
        }),
        Case {
            // The search index is a cache of the divisions' pinyin: any reader may rebuild it.
            audited: false,
            ..case(
                "set_search_index",
                "save the search index (a cache derived from the divisions)",
                [A, A, A, A],
                |s, _, _| s.set_search_index(b"SGZIDX1\0", 0),
            )
        },
        Case {
            // The saved tree is a cache of the divisions too.
            audited: false,
            ..case(
                "set_tree_cache",
                "save the division tree (a cache derived from the divisions)",
                [A, A, A, A],
                |s, _, _| s.set_tree_cache(b"SGZTREE1", 0),
            )
        },
        Case {
            audited: false,
            ..case("put_draft", "keep a typed cell", IN_SCOPE, |s, a, _| {
                s.put_draft(a, EVAL, "a", 2.0, 1)
            })
        },
        Case {
            audited: false,
            ..case(
                "clear_draft_item",
                "drop a typed cell",
                IN_SCOPE,
                |s, a, _| s.clear_draft_item(a, EVAL, "a"),
            )
        },
        Case {
            audited: false,
            ..case(
                "discard_drafts",
                "drop all typed cells",
                IN_SCOPE,
                |s, a, _| s.discard_drafts(a, EVAL),
            )
        },
        case("save_scores", "save a sheet", IN_SCOPE, |s, a, _| {
            s.save_scores(a, EVAL, 1, &scores(3.0), None, None)
                .map(drop)
        }),
        case(
            "save_scores",
            "save a locked sheet: nobody, admins unlock first",
            NOBODY,
            |s, a, _| {
                s.save_scores(a, LOCKED, 1, &scores(3.0), None, None)
                    .map(drop)
            },
        ),
        case(
            "set_evaluation_status",
            "submit a sheet",
            IN_SCOPE,
            |s, a, _| s.set_evaluation_status(a, EVAL, EvalStatus::Submitted),
        ),
        case(
            "set_part",
            "submit a scorer's part: an editor without that scorer role may not",
            ADMIN_ONLY,
            |s, a, _| {
                let taken = std::mem::replace(s, Store::open_in_memory()?);
                *s = taken.with_schemes(&[split_ningxia()]);
                s.set_part(
                    a,
                    EVAL,
                    Some(sgz::domain::policy::ScorerRole::ThirdParty),
                    true,
                )
                .map(drop)
            },
        ),
        case(
            "set_evaluation_status",
            "lock a sheet",
            ADMIN_ONLY,
            |s, a, _| s.set_evaluation_status(a, EVAL, EvalStatus::Locked),
        ),
        case(
            "set_evaluation_status",
            "reopen a locked sheet",
            ADMIN_ONLY,
            |s, a, _| s.set_evaluation_status(a, LOCKED, EvalStatus::Draft),
        ),
        case("import_scores", "import sheets", IN_SCOPE, |s, a, _| {
            let sheets = [
                ScoreImport {
                    site_id: SITE,
                    year: 2025,
                    phase: Phase::MidTerm,
                    template: "ningxia-2021".into(),
                    existing: Some((EVAL, 1)),
                    scores: scores(4.0),
                    total: None,
                    grade: None,
                },
                ScoreImport {
                    site_id: SITE_2,
                    year: 2025,
                    phase: Phase::MidTerm,
                    template: "ningxia-2021".into(),
                    existing: None,
                    scores: scores(4.0),
                    total: None,
                    grade: None,
                },
            ];
            s.import_scores(a, &sheets, "t.csv").map(drop)
        }),
        case(
            "import_scores",
            "an import with one sheet in another jurisdiction: all refused",
            ADMIN_ONLY,
            |s, a, _| {
                let sheet = |site_id, existing| ScoreImport {
                    site_id,
                    year: 2026,
                    phase: Phase::MidTerm,
                    template: "ningxia-2021".into(),
                    existing,
                    scores: scores(4.0),
                    total: None,
                    grade: None,
                };
                s.import_scores(a, &[sheet(SITE, None), sheet(SITE_WZ, None)], "t.csv")
                    .map(drop)
            },
        ),
        case(
            "restore_from",
            "replace the database",
            ADMIN_ONLY,
            |s, a, dir| s.restore_from(a, &restorable(dir)).map(drop),
        ),
        case(
            "replace_contents",
            "replace the database (init --force)",
            ADMIN_ONLY,
            |s, a, dir| {
                s.replace_contents(a, &restorable(dir), "init --demo --force", "test")
                    .map(drop)
            },
        ),
    ]
}

#[test]
fn every_write_is_allowed_or_denied_by_role_and_scope() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for c in table() {
        for (k, who) in WHO.into_iter().enumerate() {
            let mut s = fixture(!c.empty_users);
            let a = actor(who);
            let (before, audit_before) = (fingerprint(&s), audit_rows(&s));
            let mine_before = audit_rows_by(&s, &a);
            let got = (c.run)(&mut s, &a, dir.path());
            let label = format!("{} ({}) by {who:?}", c.name, c.what);
            match (c.want[k], got) {
                (Want::Allowed, Ok(())) => {
                    if c.audited && audit_rows_by(&s, &a) <= mine_before {
                        failures.push(format!("{label}: allowed but wrote no audit row"));
                    }
                }
                (Want::Denied, Err(Error::Denied(_))) => {
                    if fingerprint(&s) != before || audit_rows(&s) != audit_before {
                        failures.push(format!("{label}: denied but changed the database"));
                    }
                }
                (want, got) => failures.push(format!("{label}: wanted {want:?}, got {got:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn denials_name_the_reason() {
    let mut s = fixture(true);
    let err = |r: sgz::Result<()>| r.expect_err("denied").to_string();
    let viewer = err(s.put_draft(&actor(Who::Viewer), EVAL, "a", 2.0, 1));
    assert!(viewer.contains("vera is a viewer"), "{viewer}");
    let out = err(s.put_draft(&actor(Who::EditorOut), EVAL, "a", 2.0, 1));
    assert!(
        out.contains("otto may edit only within 3303, not 640104001"),
        "{out}"
    );
    let lock = err(s.set_evaluation_status(&actor(Who::EditorIn), EVAL, EvalStatus::Locked));
    assert!(lock.contains("erin is not an admin"), "{lock}");
}

/// `pub fn` names in src/store/ and its folders that write: they take `actor: &Actor`, or
/// `&mut self` (the Store's reads take `&self`).
fn store_writers_in_source() -> BTreeSet<String> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store")];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/store") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    let mut out = BTreeSet::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("reads");
        for (at, _) in text.match_indices("pub fn ") {
            let rest = &text[at + "pub fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let signature = rest.split('{').next().unwrap_or("");
            if signature.contains("actor: &Actor") || signature.contains("&mut self") {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_store_writer_has_a_row() {
    let in_source = store_writers_in_source();
    let in_table: BTreeSet<String> = table().iter().map(|c| c.name.to_string()).collect();
    assert!(
        in_source.contains("save_scores") && in_source.contains("restore_from"),
        "the source scan found too little: {in_source:?}"
    );
    let missing: Vec<&String> = in_source.difference(&in_table).collect();
    assert!(
        missing.is_empty(),
        "write functions without a row in tests/access.rs's table (say who may call them): {missing:?}"
    );
    let stale: Vec<&String> = in_table.difference(&in_source).collect();
    assert!(
        stale.is_empty(),
        "rows for functions no longer in src/store: {stale:?}"
    );
}

// ---------------------------------------------------------------- the TUI's dispatch

/// The fixture network (Ningxia) with `who` acting, as of 2021-12-31.
struct Tui {
    m: Model,
    s: State,
}

impl Tui {
    fn new(who: Who) -> Tui {
        let a = actor(who);
        let m = Model {
            net: common::network().into(),
            profiles: sgz::io::policy::embedded().expect("profiles"),
            user: a.name.clone(),
            db: "fixture".into(),
            loaded_at: "2021-12-31 09:00:00".into(),
            read_only: None,
            actor: a,
        };
        let scope = m.net.tree.find("64").expect("64");
        let mut s = State::new(scope, common::d("2021-12-31"), sgz::i18n::Lang::Zh);
        s.view = View::Scores;
        Tui { m, s }
    }

    fn send(&mut self, msg: Msg) -> Outcome {
        let d = Derived::build(&self.m, self.s.scope, self.s.as_of, 0);
        update(&mut self.s, &self.m, &d, msg)
    }

    /// Open a sheet of site 3 (凤凰北街街道, a station) in the entry grid.
    fn open_sheet(&mut self) {
        let ev = Evaluation {
            site_id: 3,
            year: 2021,
            ..evaluation(7, 2021, EvalStatus::Draft)
        };
        let detail = sgz::store::EvalDetail {
            evaluation: ev,
            drafts: BTreeMap::new(),
            draft_base_version: None,
            updated_by: None,
            updated_at: None,
            parts: Default::default(),
        };
        self.send(Msg::SheetLoaded(Box::new(detail)));
        assert_eq!(self.s.table(), Table::Grid, "the sheet opens for reading");
    }

    /// A sheet with a typed, committed cell and a conflict with someone's save.
    fn open_conflict(&mut self) {
        self.open_sheet();
        let sh = self.s.sheet_mut().expect("sheet");
        sh.type_char('5').expect("types");
        sh.commit().expect("commits");
        let mut theirs = evaluation(7, 2021, EvalStatus::Draft);
        theirs.site_id = 3;
        theirs.version = 2;
        let first = sh.rows()[0].item.clone();
        theirs.scores.insert(first, 4.0);
        let c = sh.conflict_with(&theirs);
        self.s.open_conflict(c);
    }
}

fn edit_actions() -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.is_edit())
        .collect()
}

/// Each editing action, in each place it can be pressed, changes nothing for `who` and says
/// `why` on the message line.
fn edits_are_refused(who: Who, why: &str) {
    type Setup = fn(&mut Tui);
    let places: [(&str, Setup); 3] = [
        ("the scores view", |_| {}),
        ("the entry grid", Tui::open_sheet),
        ("the conflict view", Tui::open_conflict),
    ];
    let mut failures = Vec::new();
    for a in edit_actions() {
        for (place, setup) in places {
            let mut t = Tui::new(who);
            setup(&mut t);
            let sheet_before = t.s.sheet().map(|s| format!("{s:?}"));
            let (mode, conflict) = (t.s.table(), format!("{:?}", t.s.conflict()));
            let effect = t.send(Msg::Act(a));
            let said =
                t.s.message
                    .as_ref()
                    .map(|m| m.text.clone())
                    .unwrap_or_default();
            let sheet_after = t.s.sheet().map(|s| format!("{s:?}"));
            if matches!(effect, Outcome::Effect(_))
                || !said.contains(why)
                || t.s.table() != mode
                || sheet_after != sheet_before
                || format!("{:?}", t.s.conflict()) != conflict
            {
                failures.push(format!(
                    "{} in {place}: effect {effect:?}, message {said:?}",
                    a.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_viewer_is_refused_every_edit_action_at_dispatch() {
    assert!(edit_actions().len() >= 10, "{:?}", edit_actions());
    edits_are_refused(Who::Viewer, "vera 是只读用户（viewer），不能修改");
}

#[test]
fn an_editor_elsewhere_is_refused_every_edit_action_at_dispatch() {
    edits_are_refused(Who::EditorOut, "otto 只能修改 3303 辖区内的数据");
}

#[test]
fn the_same_keys_work_for_an_editor_in_scope() {
    // The control for the two tests above: the refusals come from the role, not the setup.
    let mut t = Tui::new(Who::EditorIn);
    let e = t.send(Msg::Act(Action::NewEvaluation));
    assert!(
        matches!(
            e,
            Outcome::Effect(sgz::tui::update::Effect::CreateEvaluation { site_id: 3, .. })
        ),
        "{e:?}"
    );
    let mut t = Tui::new(Who::EditorIn);
    t.open_sheet();
    t.send(Msg::Type('5'));
    let e = t.send(Msg::Act(Action::GridNext));
    assert!(
        matches!(
            e,
            Outcome::Effect(sgz::tui::update::Effect::PutDrafts { .. })
        ),
        "{e:?}"
    );
    let e = t.send(Msg::Act(Action::SaveSheet));
    assert!(
        matches!(e, Outcome::Effect(sgz::tui::update::Effect::SaveSheet(_))),
        "{e:?}"
    );
}

// ---------------------------------------------------------------- --as through the binary

fn sgz_cli(db: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("sgz").expect("binary");
    c.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

/// The export of `prefix` with the first item of its first editable sheet lowered by 0.5
/// (the total left empty), as CSV.
fn edited_export(db: &Path, prefix: &str) -> String {
    let out = sgz_cli(db)
        .args(["--scope", prefix, "export", "scores", "--format", "csv"])
        .output()
        .expect("runs");
    let (text, _) = sgz::io::encoding::decode(&out.stdout);
    let mut recs: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(String::from).collect())
        .collect();
    let k = recs
        .iter()
        .position(|r| {
            r.len() > 9
                && r[0].starts_with(prefix)
                && r[5] == "草稿"
                && r[8].parse::<f64>().is_ok_and(|v| v >= 1.0)
        })
        .expect("an editable sheet");
    let v: f64 = recs[k][8].parse().expect("number");
    recs[k][8] = sgz::domain::evaluation::fmt_score(v - 0.5);
    recs[k][6] = String::new();
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![]);
    for r in &recs {
        w.write_record(r).expect("writes");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

#[test]
fn import_scores_with_as_is_checked_and_audited_as_that_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    sgz_cli(&db).args(["init", "--demo"]).assert().success();
    let me = sgz::commands::os_account().expect("account");
    sgz_cli(&db)
        .args(["users", "service-account", &me])
        .assert()
        .success();
    sgz_cli(&db)
        .args(["users", "grant", "ma", "editor", "64"])
        .assert()
        .success();

    // An editor of Ningxia, through the service account, changing a Wuhan sheet: refused.
    let wuhan = dir.path().join("wuhan.csv");
    std::fs::write(&wuhan, edited_export(&db, "4201")).expect("writes");
    let before = audit_rows(&Store::open_read_only(&db).expect("opens"));
    let out = sgz_cli(&db)
        .args(["--as", "ma", "import", "scores"])
        .arg(&wuhan)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("不允许：ma 不能修改 4201"), "{err}");
    assert_eq!(
        audit_rows(&Store::open_read_only(&db).expect("opens")),
        before,
        "nothing written"
    );

    // A Ningxia sheet is theirs: imported, and the audit names ma, not the service account.
    let ningxia = dir.path().join("ningxia.csv");
    std::fs::write(&ningxia, edited_export(&db, "64")).expect("writes");
    let out = sgz_cli(&db)
        .args(["--as", "ma", "import", "scores"])
        .arg(&ningxia)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit = Store::open_read_only(&db)
        .expect("opens")
        .audit(None, None, None, 10)
        .expect("audit");
    let imported: Vec<_> = audit
        .iter()
        .filter(|r| r.action == "import_scores")
        .collect();
    assert!(!imported.is_empty());
    assert!(imported.iter().all(|r| r.user == "ma"), "{imported:?}");
}
