//! A sheet split among scorer roles (the Guangzhou-style example: third party 700, purchaser
//! 200, supervising bureau 100): each role saves and submits its own part; a part's submission
//! does not submit the sheet, the last one does; a submitted part takes no more scores until
//! reopened; only an admin submits or reopens the whole sheet; the audit names the role.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sgz::domain::access::Denied;
use sgz::domain::division::{Division, Level};
use sgz::domain::evaluation::{EvalStatus, Evaluation};
use sgz::domain::policy::{Phase, Profile, ScorerRole};
use sgz::domain::site::{Site, Tier};
use sgz::error::Refusal;
use sgz::store::{Actor, Store, UserRole};
use sgz::Error;

const GUANGZHOU: &str = include_str!("../data/policies-examples/guangzhou-style-1000.toml");

fn guangzhou() -> Profile {
    toml::from_str(GUANGZHOU).expect("the example parses")
}

fn editor(name: &str) -> Actor {
    Actor {
        name: name.into(),
        role: UserRole::Editor,
        scope: Some("440111".into()),
    }
}

/// One station with an empty Guangzhou-style sheet (id 1), three scorers and an admin.
fn db(dir: &Path) -> PathBuf {
    let path = dir.join("parts.db");
    let mut s = Store::open(&path).expect("opens");
    let sys = Actor::system("setup");
    let d = |code: &str, name: &str, level, parent: Option<&str>| Division {
        code: code.into(),
        name: name.into(),
        level,
        parent: parent.map(String::from),
    };
    s.import_divisions(
        &sys,
        &[
            d("44", "广东省", Level::Province, None),
            d("4401", "广州市", Level::City, Some("44")),
            d("440111", "白云区", Level::County, Some("4401")),
            d("440111001", "三元里街道", Level::Township, Some("440111")),
        ],
        "test",
    )
    .expect("divisions");
    let site = Site {
        id: 1,
        division: "440111001".into(),
        tier: Tier::Station,
        name: "三元里街道社会工作服务站".into(),
        operator: None,
        area_m2: None,
        civil_reg: None,
        head: None,
        history: vec![],
        synthetic: false,
    };
    let ev = Evaluation {
        id: 1,
        site_id: 1,
        year: 2027,
        phase: Phase::Annual,
        template: guangzhou().id,
        status: EvalStatus::Draft,
        total: None,
        grade: None,
        version: 1,
        scores: BTreeMap::new(),
        synthetic: false,
    };
    s.insert_bulk(&sys, &[site], &[], &[ev], "test")
        .expect("bulk");
    for (who, role) in [
        ("第三方甲", ScorerRole::ThirdParty),
        ("购买方乙", ScorerRole::Purchaser),
        ("督导方丙", ScorerRole::Bureau),
    ] {
        s.grant_with_scorer(&sys, who, UserRole::Editor, Some("440111"), Some(role))
            .expect("grant");
    }
    s.grant(&sys, "编辑丁", UserRole::Editor, Some("440111"))
        .expect("grant");
    s.grant(&sys, "管理员", UserRole::Admin, None)
        .expect("grant");
    path
}

fn store(path: &Path) -> Store {
    Store::open(path)
        .expect("opens")
        .with_schemes(&[guangzhou()])
}

/// The items of one role's part, read from the example's text: every leaf id starts with the
/// role's prefix there (tp-, pu-, su-).
fn items_of(prefix: &str) -> Vec<(String, f64)> {
    GUANGZHOU
        .split("[[evaluation.dimensions.items.items]]")
        .skip(1)
        .filter_map(|b| {
            let field = |k: &str| {
                b.lines()
                    .find_map(|l| l.strip_prefix(&format!("{k} = ")))
                    .map(|v| v.trim_matches('"').to_string())
            };
            let id = field("id")?;
            let max: f64 = field("max")?.parse().ok()?;
            id.starts_with(prefix).then_some((id, max))
        })
        .collect()
}

/// Save `items` at half their maximum over the stored version.
fn save(s: &mut Store, who: &Actor, items: &[(String, f64)]) -> Result<i64, Error> {
    save_at(s, who, items, 0.5)
}

/// Save `items` at `share` of their maximum over the stored version.
fn save_at(s: &mut Store, who: &Actor, items: &[(String, f64)], share: f64) -> Result<i64, Error> {
    let detail = s.evaluation_detail(1, &who.name).expect("detail");
    let mut scores = detail.evaluation.scores.clone();
    for (id, max) in items {
        scores.insert(id.clone(), (max * share * 2.0).round() / 2.0);
    }
    s.save_scores(who, 1, detail.evaluation.version, &scores, None, None)
}

fn status(s: &Store) -> EvalStatus {
    s.evaluation_detail(1, "x")
        .expect("detail")
        .evaluation
        .status
}

fn parts(s: &Store) -> BTreeSet<ScorerRole> {
    s.evaluation_detail(1, "x").expect("detail").parts.submitted
}

#[test]
fn each_part_is_submitted_on_its_own_and_the_sheet_once_every_part_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db(dir.path());
    let mut s = store(&path);
    let (tp, pu, su) = (editor("第三方甲"), editor("购买方乙"), editor("督导方丙"));
    let (tp_items, pu_items, su_items) = (items_of("tp-"), items_of("pu-"), items_of("su-"));
    assert!(!tp_items.is_empty() && !pu_items.is_empty() && !su_items.is_empty());
    // The roles named by the example, for the oracle below: the sheet is submitted exactly
    // when every one of them has submitted its part.
    let all: BTreeSet<ScorerRole> = ScorerRole::ALL.into_iter().collect();
    let mut done: BTreeSet<ScorerRole> = BTreeSet::new();

    // The reading account sees its own role.
    assert_eq!(
        s.evaluation_detail(1, "购买方乙").unwrap().parts.mine,
        Some(ScorerRole::Purchaser)
    );

    // Half a part saved: the part cannot be submitted, and says how many are missing.
    save(&mut s, &tp, &tp_items[..3]).expect("saves its items");
    match s.set_part(&tp, 1, None, true) {
        Err(Error::Refused(Refusal::PartIncomplete { part, empty })) => {
            assert_eq!(part, ScorerRole::ThirdParty);
            assert_eq!(empty, tp_items.len() - 3);
        }
        r => panic!("{r:?}"),
    }
    save(&mut s, &tp, &tp_items).expect("saves its part");
    assert_eq!(s.set_part(&tp, 1, None, true).unwrap(), EvalStatus::Draft);
    done.insert(ScorerRole::ThirdParty);
    assert_eq!(parts(&s), done);
    assert_eq!(
        status(&s),
        EvalStatus::Draft,
        "a part's submit is not the sheet's"
    );

    // A submitted part takes no score, not even from its own scorer; twice is refused.
    match save_at(&mut s, &tp, &tp_items[..1], 1.0) {
        Err(Error::Refused(Refusal::PartSubmitted(ScorerRole::ThirdParty))) => {}
        r => panic!("{r:?}"),
    }
    assert!(matches!(
        s.set_part(&tp, 1, None, true),
        Err(Error::Refused(Refusal::PartAlready {
            part: ScorerRole::ThirdParty,
            submitted: true
        }))
    ));

    // The purchaser may not submit nor reopen the third party's part, nor the whole sheet;
    // an editor without a scorer role has no part.
    assert!(matches!(
        s.set_part(&pu, 1, Some(ScorerRole::ThirdParty), false),
        Err(Error::Denied(Denied::NotYourPart { .. }))
    ));
    assert!(matches!(
        s.set_evaluation_status(&pu, 1, EvalStatus::Submitted),
        Err(Error::Refused(Refusal::SheetInParts))
    ));
    assert!(matches!(
        s.set_part(&editor("编辑丁"), 1, None, true),
        Err(Error::Refused(Refusal::NoPart(None)))
    ));

    // The other two parts; the last one submits the sheet.
    save(&mut s, &pu, &pu_items).expect("purchaser saves");
    assert_eq!(s.set_part(&pu, 1, None, true).unwrap(), EvalStatus::Draft);
    done.insert(ScorerRole::Purchaser);
    save(&mut s, &su, &su_items).expect("bureau saves");
    let st = s.set_part(&su, 1, None, true).unwrap();
    done.insert(ScorerRole::Bureau);
    let want = if done == all {
        EvalStatus::Submitted
    } else {
        EvalStatus::Draft
    };
    assert_eq!((st, status(&s)), (want, want));
    assert_eq!(want, EvalStatus::Submitted);

    // Reopening one part makes the sheet a draft again; the others stay submitted.
    assert_eq!(s.set_part(&su, 1, None, false).unwrap(), EvalStatus::Draft);
    done.remove(&ScorerRole::Bureau);
    assert_eq!(parts(&s), done);
    assert_eq!(status(&s), EvalStatus::Draft);
    save_at(&mut s, &su, &su_items[..1], 1.0).expect("a reopened part takes scores again");

    // The audit names the role of each part submitted, and the sheet's own change.
    let audit = s.audit(None, None, None, 1000).expect("audit");
    for (who, role) in [
        ("第三方甲", "third_party"),
        ("购买方乙", "purchaser"),
        ("督导方丙", "bureau"),
    ] {
        assert!(
            audit.iter().any(|r| r.user == who
                && r.action == "submit_part"
                && r.field.as_deref() == Some("scorer")
                && r.new.as_deref() == Some(role)),
            "{who} {role}"
        );
        assert!(audit.iter().any(|r| r.user == who
            && r.action == "submit_part"
            && r.field.as_deref() == Some(&format!("part:{role}"))
            && r.new.as_deref() == Some("submitted")));
    }
    assert!(audit.iter().any(|r| r.user == "督导方丙"
        && r.action == "set_status"
        && r.field.as_deref() == Some("status")
        && r.old.as_deref() == Some("draft")
        && r.new.as_deref() == Some("submitted")));
    assert!(audit.iter().any(|r| r.user == "督导方丙"
        && r.action == "reopen_part"
        && r.field.as_deref() == Some("part:bureau")
        && r.new.as_deref() == Some("draft")));
}

#[test]
fn an_admin_submits_and_reopens_the_whole_split_sheet_with_every_part() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db(dir.path());
    let mut s = store(&path);
    let admin = Actor {
        name: "管理员".into(),
        role: UserRole::Admin,
        scope: None,
    };
    s.set_evaluation_status(&admin, 1, EvalStatus::Submitted)
        .expect("an admin submits the sheet");
    assert_eq!(parts(&s), ScorerRole::ALL.into_iter().collect());
    assert_eq!(status(&s), EvalStatus::Submitted);
    s.set_evaluation_status(&admin, 1, EvalStatus::Draft)
        .expect("an admin reopens it");
    assert!(parts(&s).is_empty());
    assert_eq!(status(&s), EvalStatus::Draft);
    // Locked from a draft with no part in, then unlocked (to submitted): every part is in,
    // as a submitted sheet's parts always are; unlocked to a draft, none.
    s.set_evaluation_status(&admin, 1, EvalStatus::Locked)
        .expect("locks");
    assert!(parts(&s).is_empty(), "a lock leaves the parts as they are");
    s.set_evaluation_status(&admin, 1, EvalStatus::Submitted)
        .expect("unlocks");
    assert_eq!(parts(&s), ScorerRole::ALL.into_iter().collect());
    s.set_evaluation_status(&admin, 1, EvalStatus::Locked)
        .expect("locks");
    s.set_evaluation_status(&admin, 1, EvalStatus::Draft)
        .expect("unlocks to a draft");
    assert!(parts(&s).is_empty());
    // An admin names the part it submits for; its items must be saved first.
    match s.set_part(&admin, 1, Some(ScorerRole::Bureau), true) {
        Err(Error::Refused(Refusal::PartIncomplete { part, empty })) => {
            assert_eq!(part, ScorerRole::Bureau);
            assert_eq!(empty, items_of("su-").len());
        }
        r => panic!("{r:?}"),
    }
}
