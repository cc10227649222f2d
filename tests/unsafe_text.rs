//! Control and direction characters: refused at every import door (staff, scores,
//! divisions) with the file line, the column and the code point; and whatever is already
//! stored (written before the doors were shut) is escaped in every output, so a name cannot
//! clear a screen or write a clipboard. Spreadsheet cells never run as formulas, and an
//! export still imports unchanged. Through the binary, on the demo.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use sgz::store::Store;

const TODAY: &str = "2026-11-22";

fn sgz(db: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
    c.arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .env_remove("SGZ_DB")
        .env_remove("SGZ_POLICY_DIR")
        .env("SGZ_LANG", "zh")
        // Not into the runner's own log (~/.local/state/sgz); tests/cli_conventions.rs reads one.
        .env("SGZ_LOG", "off");
    c
}

fn demo(dir: &Path) -> PathBuf {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, built) = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("demo.db");
        sgz(&p).args(["init", "--demo"]).assert().success();
        (dir, p)
    });
    let p = dir.join("demo.db");
    std::fs::copy(built, &p).expect("copies");
    p
}

fn run(db: &Path, args: &[&str]) -> (bool, Vec<u8>, String) {
    let out = sgz(db).args(args).output().expect("runs");
    (
        out.status.success(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn audit_len(db: &Path) -> usize {
    Store::open_read_only(db)
        .expect("opens")
        .audit(None, None, None, 1_000_000)
        .expect("audit")
        .len()
}

/// The line of `err` that names `place`.
fn line_of<'a>(err: &'a str, place: &str) -> &'a str {
    err.lines()
        .find(|l| l.contains(place))
        .unwrap_or_else(|| panic!("nothing at {place}: {err}"))
}

// ---------------------------------------------------------------- the doors

#[test]
fn staff_import_refuses_control_and_direction_characters_with_line_column_and_code_point() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let sheet = "division_code,name,role,hired\r\n\
                 320682001,好人,驻站社工,2026-03-01\r\n\
                 320682001,王\u{1b}[2J,驻站社工,2026-03-01\r\n\
                 320682001,\"李\u{1b}]52;c;QQ==\u{7}\",驻站社工,2026-03-01\r\n\
                 320682001,名\u{202e}字,驻站社工,2026-03-01\r\n\
                 320682001,\"回\r\n车\",驻站社工,2026-03-01\r\n\
                 320682001,空\u{0}字,驻站社工,2026-03-01\r\n\
                 320682001,控\u{9b}制,驻站社工,2026-03-01\r\n\
                 320682001,正常,驻站社工\u{7},2026-03-01\r\n";
    let file = dir.path().join("names.csv");
    std::fs::write(&file, sheet).expect("writes");
    let before = audit_len(&db);
    let out = sgz(&db)
        .args(["--lang", "en", "import", "staff"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for (line, column, cp) in [
        (3, "name", "U+001B"),
        (4, "name", "U+001B"),
        (5, "name", "U+202E"),
        (6, "name", "U+000D"),
        (8, "name", "U+0000"),
        (9, "name", "U+009B"),
        (10, "role", "U+0007"),
    ] {
        let l = line_of(&err, &format!("names.csv:{line}:"));
        assert!(
            l.contains(&format!("column {column}")) && l.contains(cp),
            "line {line}: {l}"
        );
    }
    assert!(!err.contains("names.csv:2:"), "the good row: {err}");
    assert!(
        !err.contains("names.csv:7:"),
        "the quoted name spans lines 6-7: {err}"
    );
    assert!(
        err.chars()
            .all(|c| c == '\n' || !sgz::domain::text::is_unsafe(c)),
        "the message itself is safe: {err:?}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
    let out = sgz(&db)
        .args(["import", "staff"])
        .arg(&file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let l = line_of(&err, "names.csv:3:");
    assert!(l.contains("name 列") && l.contains("U+001B"), "{l}");
}

#[test]
fn score_import_refuses_a_control_character_in_any_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let out = sgz(&db)
        .args(["export", "scores", "--format", "csv"])
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
        .position(|r| r.len() > 8 && r[0].bytes().all(|b| b.is_ascii_digit()))
        .expect("a data row");
    recs[k][1] = format!("{}\u{7}", recs[k][1]);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![]);
    for r in &recs {
        w.write_record(r).expect("writes");
    }
    let file = dir.path().join("bel.csv");
    std::fs::write(&file, w.into_inner().expect("flush")).expect("writes");
    let before = audit_len(&db);
    let out = sgz(&db)
        .args(["--lang", "en", "import", "scores"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let l = line_of(&err, &format!("bel.csv:{}:", k + 1));
    assert!(
        l.contains("column 站点名称(site_name)") && l.contains("U+0007"),
        "{l}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
}

#[test]
fn division_import_refuses_a_name_with_a_control_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let src = dir.path().join("divisions");
    std::fs::create_dir(&src).expect("mkdir");
    std::fs::write(
        src.join("provinces.csv"),
        "code,name\r\n64,宁夏回族自治区\r\n65,新疆\u{1b}[2J\r\n",
    )
    .expect("writes");
    let before = audit_len(&db);
    let (ok, _, err) = run(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "divisions",
            &src.display().to_string(),
        ],
    );
    assert!(!ok);
    let l = line_of(&err, "provinces.csv:3:");
    assert!(l.contains("column name") && l.contains("U+001B"), "{l}");
    let (ok, _, err) = run(&db, &["import", "divisions", &src.display().to_string()]);
    assert!(!ok);
    assert!(
        line_of(&err, "provinces.csv:3:").contains("name 列"),
        "{err}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
}

// ---------------------------------------------------------------- what is already stored

const SNEAKY: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{0}'];

/// The demo with unsafe text where the doors used to let it in: every person's and site's
/// name, a county's name, a user, an audit row. Site names also start like a formula.
fn poisoned(dir: &Path) -> PathBuf {
    let db = demo(dir);
    Store::open(&db)
        .expect("opens")
        .execute_batch_for_tests(
            "UPDATE staff SET name = name || char(27) || ']52;c;QQ==' || char(7) || char(155) || char(8238);
             UPDATE sites SET name = '=HYPERLINK(\"http://x\")' || char(27) || '[2J' || name;
             UPDATE divisions SET name = name || char(27) || '[31m' || char(0) WHERE code IN ('640104', '640104001');
             DELETE FROM tree_cache; DELETE FROM search_index;
             INSERT INTO users (name, role, scope) VALUES ('evil' || char(27) || '[2J', 'viewer', NULL);
             INSERT INTO audit (at, user, action, entity, entity_id, scope, field, old, new)
               VALUES ('2026-11-01T00:00:00Z', 'x' || char(27) || '[2J', 'import_staff', 'staff', '1', '64',
                       'name', 'a' || char(7), 'b' || char(155));",
        )
        .expect("poisons");
    db
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    // A CSV's byte-order mark, at its start only, is for Excel.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            SNEAKY.contains(c) || (*c != '\n' && *c != '\r' && sgz::domain::text::is_unsafe(*c))
        })
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?}");
}

#[test]
fn every_output_escapes_control_characters_already_in_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = poisoned(dir.path());
    let commands: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "csv"],
        vec!["export", "sites", "--format", "csv"],
        vec!["export", "sites", "--format", "json"],
        vec!["export", "staff", "--format", "csv"],
        vec!["export", "staff", "--format", "json"],
        vec!["export", "scores", "--format", "csv"],
        vec!["export", "scores", "--format", "json"],
        vec!["--scope", "64", "report", "coverage"],
        vec!["--scope", "64", "report", "coverage", "--format", "csv"],
        vec!["--scope", "64", "report", "coverage", "--format", "md"],
        vec!["--scope", "64", "report", "coverage", "--format", "json"],
        vec!["audit"],
        vec!["audit", "--format", "csv"],
        vec!["audit", "--format", "json"],
        vec!["find", "兴庆"],
        vec!["find", "兴庆", "--format", "json"],
        vec!["users", "list"],
    ];
    for args in &commands {
        for lang in ["zh", "en"] {
            let mut all = vec!["--lang", lang];
            all.extend(args);
            let (ok, out, err) = run(&db, &all);
            assert!(ok, "{args:?}: {err}");
            assert!(!out.is_empty(), "{args:?} printed nothing");
            assert_clean(&format!("{args:?}"), &out);
            assert_clean(&format!("{args:?} (stderr)"), err.as_bytes());
        }
    }
    // What was there is still shown, visibly: the escape, or JSON's own.
    let (_, out, _) = run(&db, &["--scope", "64", "check"]);
    assert!(String::from_utf8_lossy(&out).contains("\\u{1b}]52;c;QQ==\\u{7}"));
    let (_, out, _) = run(&db, &["check", "--format", "json"]);
    let s = String::from_utf8_lossy(&out).into_owned();
    assert!(
        s.contains("\\u001b]52;c;QQ==\\u0007\\u009b\\u202e"),
        "serde's escapes"
    );
    let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
    let names: Vec<&str> = v["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .filter_map(|a| a["staff_name"].as_str())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("\u{1b}]52;c;QQ==\u{7}\u{9b}\u{202e}")),
        "a script reading the JSON gets the stored text back"
    );
}

#[test]
fn spreadsheet_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = poisoned(dir.path());
    let (_, out, _) = run(&db, &["export", "sites", "--format", "csv"]);
    let s = String::from_utf8_lossy(&out);
    assert!(
        s.contains(",\"'=HYPERLINK(\"\"http://x\"\")\\u{1b}[2J"),
        "{}",
        &s[..400]
    );
    assert!(!s.contains(",=HYPERLINK") && !s.contains(",\"=HYPERLINK"));
    let (_, out, _) = run(&db, &["--scope", "64", "check", "--format", "csv"]);
    let s = String::from_utf8_lossy(&out);
    assert!(s.contains(",\"'=HYPERLINK") && !s.contains(",\"=HYPERLINK"));
    let (_, out, _) = run(&db, &["export", "scores", "--format", "csv"]);
    let s = String::from_utf8_lossy(&out);
    assert!(s.contains(",\"'=HYPERLINK") && !s.contains(",\"=HYPERLINK"));

    let xlsx = dir.path().join("s.xlsx");
    let (ok, _, err) = run(
        &db,
        &[
            "export",
            "scores",
            "--format",
            "xlsx",
            "-o",
            &xlsx.display().to_string(),
        ],
    );
    assert!(ok, "{err}");
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&xlsx).expect("xlsx");
    let mut site_names = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            if let Some(calamine::Data::String(s)) = row.get(1) {
                if s.contains("HYPERLINK") {
                    site_names += 1;
                    assert!(
                        s.starts_with("'=HYPERLINK") && !s.contains('\u{1b}'),
                        "{s:?}"
                    );
                }
            }
        }
    }
    assert!(site_names > 0);
}

#[test]
fn a_formula_like_name_is_exported_as_text_and_imports_back_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    Store::open(&db)
        .expect("opens")
        .execute_batch_for_tests(
            "UPDATE staff SET name = '=1+1', version = version WHERE id = (SELECT p.id FROM staff p JOIN sites s ON s.id = p.site_id WHERE s.division LIKE '500112%' ORDER BY p.id LIMIT 1);",
        )
        .expect("renames");
    let (ok, out, _) = run(
        &db,
        &["--scope", "500112", "export", "staff", "--format", "csv"],
    );
    assert!(ok);
    assert!(String::from_utf8_lossy(&out).contains(",'=1+1,"));
    let file = dir.path().join("staff.csv");
    std::fs::write(&file, &out).expect("writes");
    let before = audit_len(&db);
    let (ok, _, err) = run(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "staff",
            &file.display().to_string(),
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("0 staff added, 0 updated"), "{err}");
    assert_eq!(audit_len(&db), before);
}

/// The site list refuses control and direction characters in any cell the same way, file
/// line (1 = header) and column named, nothing written; the message is safe to print.
#[test]
fn site_import_refuses_control_and_direction_characters_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    let sheet = "division_code,name,operator,head\r\n\
                 640104001,兴庆站\u{1b}[31m,,\r\n\
                 640104002,解放站,机构\u{202e}名,\r\n\
                 640104100,掌政站,,站长\u{7}\r\n";
    let file = dir.path().join("sites.csv");
    std::fs::write(&file, sheet).expect("writes");
    let before = audit_len(&db);
    let (ok, _, err) = run(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "sites",
            &file.display().to_string(),
        ],
    );
    assert!(!ok, "{err}");
    for (line, column, cp) in [
        (2, "name", "U+001B"),
        (3, "operator", "U+202E"),
        (4, "head", "U+0007"),
    ] {
        let l = line_of(&err, &format!("sites.csv:{line}:"));
        assert!(
            l.contains(&format!("column {column}")) && l.contains(cp),
            "line {line}: {l}"
        );
    }
    assert!(
        err.chars()
            .all(|c| c == '\n' || !sgz::domain::text::is_unsafe(c)),
        "the message itself is safe: {err:?}"
    );
    assert_eq!(audit_len(&db), before, "nothing written");
}
