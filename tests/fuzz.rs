//! Bad input: arbitrary bytes and structured-random rows into every parser a supervisor's
//! file or keystroke reaches (division CSVs, score CSV and xlsx, the keymap, policy profiles,
//! the pinyin overrides, the score cell, the `:` command line). None may panic; a refusal is
//! an Err with a message.
//!
//! 256 cases per property; PROPTEST_CASES=N for a longer run (scripts/fuzz-long.sh).

mod common;

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use sgz::domain::division::Level;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // Shrunk failures are kept here (cargo runs tests from the package root) and tried
        // first next time.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/fuzz.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..1500)
}

/// Text as a file would bring it: decoded from arbitrary bytes the way the importers do
/// (UTF-8, UTF-8 with BOM, else GBK).
fn file_text() -> impl Strategy<Value = String> {
    prop_oneof![
        bytes().prop_map(|b| sgz::io::encoding::decode(&b).0),
        any::<String>(),
        "[0-9a-z,\"\r\n ()（）区划代码年度阶段中期末期.．０-９\u{feff}-]{0,400}",
    ]
}

fn must_say_why(e: &impl std::fmt::Display, what: &str) {
    assert!(
        !e.to_string().trim().is_empty(),
        "{what}: an error without a message"
    );
}

/// Quote a field for CSV when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n")
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

// ---------------------------------------------------------------- division CSVs

fn check_divisions(text: &str, level: Level) {
    match sgz::io::divisions::parse_csv("x.csv", text, level, sgz::i18n::Lang::En) {
        Ok(divs) => {
            for d in divs {
                assert_eq!(d.level, level);
                assert_eq!(d.code.len(), level.digits(), "{d:?}");
                assert!(!d.name.trim().is_empty(), "{d:?}");
            }
        }
        Err(e) => {
            must_say_why(&e, "divisions");
            assert!(e.to_string().contains("x.csv:"), "no place in {e}");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn division_csv_of_arbitrary_text(text in file_text(), level in level()) {
        check_divisions(&text, level);
    }

    #[test]
    fn division_csv_of_random_rows(
        rows in prop::collection::vec(
            ("[0-9]{0,14}|[0-9 a-z]{0,6}", "\\PC{0,6}|", "[0-9]{0,12}"),
            0..30,
        ),
        level in level(),
    ) {
        let mut all = vec![vec!["code".to_string(), "name".into(), "parentCode".into()]];
        all.extend(rows.into_iter().map(|(c, n, p)| vec![c, n, p]));
        check_divisions(&csv_text(&all), level);
    }
}

// ---------------------------------------------------------------- score files

fn profiles() -> Vec<sgz::domain::policy::Profile> {
    sgz::io::policy::embedded().expect("profiles")
}

/// read -> sections -> plan against the Ningxia fixture, as `sgz import scores` does.
fn check_scores(text: &str) {
    let rows = match sgz::io::scores::read_csv("s.csv", text) {
        Ok(r) => r,
        Err(e) => return must_say_why(&e, "read_csv"),
    };
    let sections = match sgz::io::scores::sections(&rows) {
        Ok(s) => s,
        Err(errs) => {
            assert!(!errs.is_empty(), "sections: Err with no rows");
            return errs.iter().for_each(|e| must_say_why(e, "sections"));
        }
    };
    let net = common::network();
    let admin = sgz::store::Actor::system("fuzz");
    let stored: HashMap<i64, BTreeMap<String, f64>> = HashMap::new();
    match sgz::commands::scores::plan_import(
        &net,
        &profiles(),
        &stored,
        &admin,
        &sections,
        sgz::i18n::Lang::En,
    ) {
        Ok(plan) => {
            for s in plan.sheets {
                for (item, v) in s.scores {
                    assert!(v.is_finite() && v >= 0.0, "{item} = {v}");
                }
            }
        }
        Err(errs) => {
            assert!(!errs.is_empty(), "plan_import: Err with no rows");
            errs.iter().for_each(|e| must_say_why(e, "plan_import"));
        }
    }
}

fn score_header() -> impl Strategy<Value = Vec<String>> {
    let mut known: Vec<String> = [
        "区划代码(division_code)",
        "年度(year)",
        "阶段(phase)",
        "模板(template)",
        "总分(total)",
        "状态(status)",
        "区划代码",
        "阶段",
        "没有的指标(nope)",
        "(",
        "（）",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in profiles().iter().filter(|p| p.id == "ningxia-2021") {
        known.extend(p.evaluation.items().map(|(_, i)| format!("x({})", i.id)));
    }
    prop::collection::vec(prop::sample::select(known), 0..10).prop_map(|mut h| {
        h.insert(0, "区划代码(division_code)".into());
        h
    })
}

fn score_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "640104001",
            "640104002",
            "640104100",
            "640105200",
            "64",
            "999999999",
            "",
        ])
        .prop_map(String::from),
        "20[0-9]{2}|[0-9]{0,6}",
        prop::sample::select(vec!["中期", "末期", "年度", "mid_term", "End_Term", "x"])
            .prop_map(String::from),
        "[0-9０-９.．。-]{0,6}",
        prop::sample::select(vec![
            "ningxia-2021",
            "wuhan-2021",
            "nope",
            "NaN",
            "inf",
            "1e309"
        ])
        .prop_map(String::from),
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn score_csv_of_arbitrary_text(text in file_text()) {
        check_scores(&text);
    }

    #[test]
    fn score_csv_of_random_rows(
        note in prop::option::of("\\PC{0,10}"),
        header in score_header(),
        rows in prop::collection::vec(prop::collection::vec(score_cell(), 0..12), 0..20),
    ) {
        let mut all = Vec::new();
        if let Some(n) = note {
            all.push(vec![n]);
        }
        all.push(header);
        all.extend(rows);
        check_scores(&csv_text(&all));
    }

    #[test]
    fn score_xlsx_of_arbitrary_bytes(mut b in bytes(), zip in any::<bool>()) {
        if zip {
            let mut z = b"PK\x03\x04".to_vec();
            z.append(&mut b);
            b = z;
        }
        match sgz::io::scores::read_xlsx("s.xlsx", &b) {
            Ok(grids) => grids.iter().flatten().for_each(|r| assert!(!r.place.is_empty())),
            Err(e) => must_say_why(&e, "read_xlsx"),
        }
    }

    #[test]
    fn score_cell_of_arbitrary_text(text in any::<String>(), max in 0.0f64..200.0) {
        match sgz::domain::evaluation::parse_score(&text, max) {
            Ok(v) => prop_assert!(v.is_finite() && (0.0..=max).contains(&v), "{text:?} -> {v}"),
            Err(e) => {
                for lang in [sgz::i18n::Lang::Zh, sgz::i18n::Lang::En] {
                    must_say_why(&sgz::i18n::names::score_error(&e, lang), "parse_score");
                }
            }
        }
    }
}

// ---------------------------------------------------------------- keymap, profiles, pinyin

fn keymap_line() -> impl Strategy<Value = String> {
    let modes: Vec<String> = sgz::tui::action::Table::ALL
        .iter()
        .map(|m| m.as_str().to_string())
        .chain(["nonsense".to_string(), "".into()])
        .collect();
    let actions: Vec<String> = sgz::tui::action::Action::ALL
        .iter()
        .map(|a| a.name().to_string())
        .chain(["fly_away".to_string()])
        .collect();
    let key = prop_oneof![
        "(ctrl-|alt-|shift-|control-)?[a-zA-Z0-9\\[\\]{}?/:.-]{0,3}",
        prop::sample::select(vec![
            "f1", "f13", "esc", "enter", "pagedown", "é", "中", " "
        ])
        .prop_map(String::from),
    ];
    prop_oneof![
        prop::sample::select(modes).prop_map(|m| format!("[{m}]")),
        (key, prop::sample::select(actions)).prop_map(|(k, a)| format!("{k:?} = {a:?}")),
        "\\PC{0,12}",
    ]
}

const PROFILE_TEXTS: [&str; 5] = [
    include_str!("../data/policies/nantong-2021.toml"),
    include_str!("../data/policies/ningxia-2021.toml"),
    include_str!("../data/policies/wenzhou-2021.toml"),
    include_str!("../data/policies/wuhan-2021.toml"),
    include_str!("../data/policies/yubei-2021.toml"),
];

/// A real profile with one change: a line dropped, doubled or replaced, or the text cut short.
fn mutated_profile() -> impl Strategy<Value = String> {
    (
        0..PROFILE_TEXTS.len(),
        any::<prop::sample::Index>(),
        0..4u8,
        "\\PC{0,20}",
    )
        .prop_map(|(p, at, how, junk)| {
            let text = PROFILE_TEXTS[p];
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let k = at.index(lines.len().max(1));
            match how {
                0 if !lines.is_empty() => {
                    lines.remove(k);
                }
                1 if !lines.is_empty() => {
                    let l = lines[k].clone();
                    lines.insert(k, l);
                }
                2 if !lines.is_empty() => lines[k] = junk,
                _ => {
                    let cut: String = text
                        .chars()
                        .take(at.index(text.chars().count() + 1))
                        .collect();
                    return cut;
                }
            }
            lines.join("\n")
        })
}

fn pinyin_file() -> impl Strategy<Value = String> {
    let word = ("\\PC{0,4}", prop::collection::vec("[a-zA-Zü]{0,6}", 0..5))
        .prop_map(|(w, s)| format!("{w:?} = {s:?}"));
    let ch = ("\\PC{0,2}", "[a-zA-Z]{0,6}").prop_map(|(c, s)| format!("{c:?} = {s:?}"));
    (
        prop::collection::vec(word, 0..6),
        prop::collection::vec(ch, 0..6),
        any::<bool>(),
    )
        .prop_map(|(w, c, swap)| {
            let (a, b) = if swap {
                ("chars", "words")
            } else {
                ("words", "chars")
            };
            format!("[{a}]\n{}\n[{b}]\n{}\n", w.join("\n"), c.join("\n"))
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn keymap_of_arbitrary_text(text in file_text()) {
        let mut k = sgz::tui::keymap::Keymap::defaults();
        k.merge("keymap.toml", &text);
        for p in &k.problems {
            must_say_why(p, "keymap");
        }
    }

    #[test]
    fn keymap_of_random_lines(lines in prop::collection::vec(keymap_line(), 0..20)) {
        let mut k = sgz::tui::keymap::Keymap::defaults();
        k.merge("keymap.toml", &lines.join("\n"));
        for p in &k.problems {
            must_say_why(p, "keymap");
        }
        // The defaults survive whatever the file says about other keys.
        prop_assert!(!k.bindings(sgz::tui::action::Table::Normal).is_empty());
    }

    #[test]
    fn key_names_of_arbitrary_text(text in any::<String>()) {
        let _ = sgz::tui::keymap::Key::parse(&text);
    }

    #[test]
    fn profile_of_arbitrary_text(text in file_text()) {
        if let Err(e) = sgz::io::policy::parse("p.toml", &text) {
            must_say_why(&e, "profile");
        }
    }

    #[test]
    fn profile_with_one_line_changed(text in mutated_profile()) {
        if let Err(e) = sgz::io::policy::parse("p.toml", &text) {
            must_say_why(&e, "profile");
            prop_assert!(e.to_string().starts_with("p.toml:"), "{e}");
        }
    }

    #[test]
    fn pinyin_overrides_of_arbitrary_text(text in file_text()) {
        if let Err(e) = sgz::search::Readings::parse("py.toml", &text) {
            must_say_why(&e, "pinyin");
        }
    }

    #[test]
    fn pinyin_overrides_of_random_entries(text in pinyin_file()) {
        match sgz::search::Readings::parse("py.toml", &text) {
            Ok(r) => {
                let _ = r.syllables("重庆市乐清市");
            }
            Err(e) => must_say_why(&e, "pinyin"),
        }
    }
}

// ---------------------------------------------------------------- the command line

fn command_line() -> impl Strategy<Value = String> {
    let cmd = prop::sample::select(vec![
        "", ":", "q", "quit", "wq", "today", "asof", "as-of", "date", "scope", "meeting", "x",
    ]);
    let arg = prop_oneof![
        "\\PC{0,12}",
        "[0-9]{0,13}",
        "20[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}",
        prop::sample::select(vec!["兴庆", "xq", "64", "640104", "  ", "-"]).prop_map(String::from),
    ];
    prop_oneof![
        (cmd, arg).prop_map(|(c, a)| format!(":{c} {a}")),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn command_line_of_arbitrary_text(line in command_line()) {
        use sgz::tui::state::State;
        let m = sgz::tui::model::Model {
            net: common::network().into(),
            profiles: profiles(),
            user: "fuzz".into(),
            db: "fixture".into(),
            loaded_at: "2021-12-31 09:00:00".into(),
            read_only: None,
            actor: sgz::store::Actor::system("fuzz"),
        };
        let root = m.net.tree.find("64").expect("64");
        let mut s = State::new(root, common::d("2021-12-31"), sgz::i18n::Lang::Zh);
        let _ = sgz::tui::update::run_command(&mut s, &m, &line);
        // Whatever was typed, the state still points into the tree.
        prop_assert!((s.scope as usize) < m.net.tree.len());
        if let Some(msg) = &s.message {
            must_say_why(&msg.text, "command line");
        }
    }
}
