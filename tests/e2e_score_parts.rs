//! End to end: a scorer of a sheet split among scorer roles, in the real binary in tmux at
//! 80x24 without colour: another role's item is refused at the first key with the reason, the
//! scorer's own part is submitted on its own (the sheet stays a draft), and the audit names
//! the role.

mod tmux_util;

use tmux_util::{tmux_or_skip, Sandbox, Tmux};

const GUANGZHOU: &str = include_str!("../data/policies-examples/guangzhou-style-1000.toml");

/// The purchaser's leaves of the example (id, max), read from its text.
fn purchaser_items() -> Vec<(String, f64)> {
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
            id.starts_with("pu-").then_some((id, max))
        })
        .collect()
}

#[test]
fn a_scorer_submits_its_part_in_the_grid_and_cannot_touch_another() {
    if !tmux_or_skip("a_scorer_submits_its_part_in_the_grid_and_cannot_touch_another") {
        return;
    }
    let sb = Sandbox::with_demo();
    // The example bound to 江岸区, a purchaser's scorer, and the purchaser's part imported.
    let toml = sb.path().join("gz.toml");
    std::fs::write(
        &toml,
        GUANGZHOU.replacen("binds_to = []", "binds_to = [\"420102\"]", 1),
    )
    .unwrap();
    sb.cli(&["policy", "import", &toml.to_string_lossy()]);
    let me = sgz::commands::os_account().expect("who am I");
    sb.cli(&["users", "service-account", &me]);
    sb.cli(&[
        "users",
        "grant",
        "购买方乙",
        "editor",
        "420102",
        "--scorer",
        "purchaser",
    ]);
    let items = purchaser_items();
    let mut csv = String::from("division_code,year,phase,template");
    let mut row = String::from("420102002,2027,annual,example-guangzhou-1000");
    for (id, max) in &items {
        csv.push_str(&format!(",{id}"));
        row.push_str(&format!(",{}", max - 1.0));
    }
    let file = sb.path().join("pu.csv");
    std::fs::write(&file, format!("{csv}\n{row}\n")).unwrap();
    sb.cli(&[
        "--today",
        "2027-06-30",
        "--as",
        "购买方乙",
        "import",
        "scores",
        &file.to_string_lossy(),
    ]);

    let t = Tmux::start("score-parts", &sb, 80, 24);
    t.launch(
        &sb,
        &[("NO_COLOR", "1"), ("SGZ_LANG", "zh")],
        &[
            "--today",
            "2027-06-30",
            "--as",
            "购买方乙",
            "--scope",
            "420102002",
        ],
    );
    t.wait_text("覆盖看板");
    t.keys(&["4"]);
    t.wait_text("2027 年度");
    t.keys(&["Enter"]);
    let grid = t.wait_text("评分方");
    assert!(grid.contains("本方：购买方"), "{grid}");
    assert!(
        grid.contains("⊘"),
        "another role's items are marked:\n{grid}"
    );
    // The grid opens on the purchaser's first item; the row above is the third party's:
    // refused at the first key, with the reason.
    t.keys(&["Up", "5"]);
    t.wait_text("此项由第三方评分，您的评分方为购买方");
    // Submit the purchaser's part: the sheet stays a draft until every part is in.
    t.keys(&["C-t"]);
    let after = t.wait_text("购买方部分已提交");
    assert!(after.contains("✔ 购买方"), "{after}");
    assert!(after.contains("✎ 第三方"), "{after}");
    assert!(
        after.contains("草稿 · v"),
        "the sheet is still a draft:\n{after}"
    );
    t.keys(&["Escape"]);
    t.wait_text("评估 ·");
    t.keys(&["q"]);
    t.assert_clean_shell();

    let audit = sb.cli_json(&["audit", "--format", "json", "--limit", "50"]);
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["user"] == "购买方乙"
                && r["action"] == "submit_part"
                && r["field"] == "scorer"
                && r["new"] == "purchaser"),
        "{audit}"
    );
}
