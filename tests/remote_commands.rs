//! A supervisor's command line behind the SSH forced command (`SSH_ORIGINAL_COMMAND`), and
//! the personal-data rule: names, birth dates and scores only within the reader's grant,
//! for every command and role. The forced command is run here as sshd runs it (the same
//! environment variable); tests/ssh_e2e.rs does the same through a real sshd.

mod tmux_util;

use std::io::Write;
use std::process::{Output, Stdio};

use tmux_util::{clean_command, Sandbox, SGZ};

const TODAY: &str = "2026-11-22";

/// The forced command for `who` (`sgz --db DB --today … --as WHO`) with `line` as the
/// client's command, `stdin` fed to it.
fn forced(sb: &Sandbox, who: &str, line: &str, stdin: &[u8]) -> Output {
    let mut c = clean_command(SGZ, sb.path());
    c.arg("--db")
        .arg(sb.db())
        .args(["--today", TODAY, "--as", who])
        .env("SSH_ORIGINAL_COMMAND", line)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run sgz");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin);
    }
    child.wait_with_output().expect("sgz ends")
}

fn text(b: &[u8]) -> String {
    sgz::io::encoding::decode(b).0
}

/// A demo database whose service account is this process's account, with the grants of
/// the table below.
fn bureau() -> Sandbox {
    let sb = Sandbox::with_demo();
    let me = sgz::commands::os_account().expect("who am I");
    sb.cli(&["users", "service-account", &me]);
    sb.cli(&["users", "grant", "wang", "editor", "4201"]);
    sb.cli(&["users", "grant", "ma", "editor", "64"]);
    sb.cli(&["users", "grant", "li", "viewer", "42"]);
    sb.cli(&["users", "grant", "zhou", "viewer"]);
    sb
}

/// Division codes of the data rows of a CSV with a `division_code` (or `区划代码…`, `scope`,
/// `code`) column; with `person`, only the rows that name someone (that column filled).
fn codes(csv: &str, person: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut col: Option<usize> = None;
    let mut who: Option<usize> = None;
    for r in csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes())
        .records()
        .flatten()
    {
        if let Some(k) = r.iter().position(|c| {
            ["division_code", "scope", "code"].contains(&c) || c.starts_with("区划代码")
        }) {
            col = Some(k);
            who = person.and_then(|p| r.iter().position(|c| c == p));
            continue;
        }
        if who.is_some_and(|w| r.get(w).is_none_or(str::is_empty)) {
            continue;
        }
        if let Some(c) = col.and_then(|k| r.get(k)) {
            if c.chars().all(|x| x.is_ascii_digit()) && !c.is_empty() {
                out.push(c.to_string());
            }
        }
    }
    out
}

#[test]
fn a_script_runs_an_allowed_command_as_the_forced_account() {
    let sb = bureau();
    let out = forced(
        &sb,
        "wang",
        "report coverage --scope 4201 --format csv",
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert!(csv.contains("4201"), "{csv}");
    // The program's own name in front reads naturally and changes nothing.
    let again = forced(
        &sb,
        "wang",
        "sgz report coverage --scope 4201 --format csv",
        b"",
    );
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn what_would_leave_the_grant_is_refused_before_anything_runs() {
    let sb = bureau();
    let pwned = sb.path().join("pwned");
    for line in [
        "users grant wang admin",
        "init --demo --force",
        "restore sgz.db",
        "backup copy.db",
        "report coverage --db /tmp/other.db",
        "--as zhou check",
        "--keymap /etc/passwd keys",
        "import scores /etc/passwd",
        "export staff -o /tmp/staff.csv",
        "import divisions -",
    ] {
        let out = forced(&sb, "wang", line, b"");
        assert_eq!(out.status.code(), Some(2), "{line}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.starts_with("sgz: "), "{line}: {err}");
        assert!(
            out.stdout.is_empty(),
            "{line} printed {:?}",
            text(&out.stdout)
        );
    }
    let err = text(&forced(&sb, "wang", "users list", b"").stderr);
    assert!(
        err.contains("通过 SSH 不能运行“users”") && err.contains("report check export"),
        "the refusal says what is allowed: {err}"
    );
    // Shell syntax is text, never run.
    let line = format!("report coverage; touch {}", pwned.display());
    let out = forced(&sb, "wang", &line, b"");
    assert!(!out.status.success());
    let line = format!("find $(touch {})", pwned.display());
    let _ = forced(&sb, "wang", &line, b"");
    assert!(!pwned.exists(), "a shell ran the client's words");
    // The users table is as it was.
    let users = text(&sb.cli(&["users", "list"]).stdout);
    assert!(users
        .lines()
        .any(|l| l.contains("wang") && l.contains("editor")));
    assert!(!users
        .lines()
        .any(|l| l.contains("wang") && l.contains("admin")));
}

#[test]
fn a_sheet_goes_in_through_standard_input_with_the_same_checks() {
    let sb = bureau();
    let export = forced(
        &sb,
        "wang",
        "--scope 420103 export scores --format csv",
        b"",
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    let sheet = export.stdout;
    assert!(!sheet.is_empty());
    // Unchanged rows: the dry run finds nothing to do.
    let dry = forced(&sb, "wang", "import scores - --dry-run", &sheet);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    // Ningxia's editor may not write Wuhan's sheets, however they arrive.
    let ma = forced(&sb, "ma", "import scores -", &sheet);
    assert!(!ma.status.success(), "ma imported Wuhan's scores");
    // Import reads standard input only: a file on the server is refused.
    let f = forced(&sb, "wang", "import scores sgz.db", b"");
    assert_eq!(f.status.code(), Some(2));
    assert!(text(&f.stderr).contains("标准输入"), "{}", text(&f.stderr));
}

#[test]
fn exports_land_in_the_users_own_folder_and_come_back_over_standard_output() {
    let sb = bureau();
    let out = forced(
        &sb,
        "wang",
        "--scope 4201 export scores --format xlsx -o 武汉评估.xlsx",
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = sb.path().join("exports/wang/武汉评估.xlsx");
    let bytes = std::fs::read(&file).expect("the export is in wang's folder");
    assert!(bytes.starts_with(b"PK"));
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "an export holds personal data");
    }
    let list = forced(&sb, "wang", "exports list", b"");
    assert!(
        text(&list.stdout).contains("武汉评估.xlsx"),
        "{}",
        text(&list.stdout)
    );
    let get = forced(&sb, "wang", "exports get 武汉评估.xlsx", b"");
    assert!(get.status.success(), "{}", text(&get.stderr));
    assert_eq!(
        get.stdout, bytes,
        "exports get hands over the file as written"
    );
    // Another supervisor has another folder: the same name is not theirs.
    let ma = forced(&sb, "ma", "exports list", b"");
    assert!(
        !text(&ma.stdout).contains("武汉评估"),
        "{}",
        text(&ma.stdout)
    );
    let ma = forced(&sb, "ma", "exports get 武汉评估.xlsx", b"");
    assert!(!ma.status.success());
    for bad in ["../wang/武汉评估.xlsx", "../../sgz.db", ".bashrc"] {
        let r = forced(&sb, "ma", &format!("exports get {bad}"), b"");
        assert!(!r.status.success(), "{bad} was handed out");
        assert!(r.stdout.is_empty());
    }
}

/// Who reads, what they may read of people: the division codes every row must lie under
/// (None: anywhere).
const READERS: &[(&str, Option<&str>)] = &[
    ("me", None),
    ("wang", Some("4201")),
    ("ma", Some("64")),
    ("li", Some("42")),
    ("zhou", None),
];

#[test]
fn personal_data_is_read_only_within_the_grant_by_every_command() {
    let sb = bureau();
    let me = sgz::commands::os_account().expect("who am I");
    // Something in the audit trail of two regions: a training record in Wuhan and Ningxia.
    for (who, scope) in [("wang", "4201"), ("ma", "64")] {
        let staff = forced(
            &sb,
            who,
            &format!("--scope {scope} export staff --format csv"),
            b"",
        );
        let csv = text(&staff.stdout);
        let id: i64 = csv
            .lines()
            .nth(1)
            .and_then(|l| l.split(',').next())
            .and_then(|c| c.parse().ok())
            .expect("a staff id in the first column");
        let mut store = sgz::store::Store::open(&sb.db()).expect("opens");
        let actor = sgz::store::Actor {
            name: who.to_string(),
            role: sgz::store::UserRole::Editor,
            scope: Some(scope.to_string()),
        };
        store
            .record_training(&actor, id, 2026, 12.0)
            .expect("an editor records training in their jurisdiction");
    }
    let mut failures = Vec::new();
    for (who, grant) in READERS {
        let who = if *who == "me" { me.as_str() } else { who };
        let run = |line: &str| {
            let out = if who == me {
                clean_command(SGZ, sb.path())
                    .arg("--db")
                    .arg(sb.db())
                    .args(["--today", TODAY])
                    .args(line.split(' '))
                    .output()
                    .expect("run sgz")
            } else {
                forced(&sb, who, line, b"")
            };
            assert!(out.status.success(), "{who}: {line}: {}", text(&out.stderr));
            text(&out.stdout)
        };
        // A site's alert (too few staff) is a count; a person's alert names them.
        for (label, line, person) in [
            ("export staff", "export staff --format csv", None),
            ("export scores", "export scores --format csv", None),
            ("check", "check --format csv", Some("staff_id")),
            ("audit", "audit --format csv", None),
        ] {
            let found = codes(&run(line), person);
            let outside: Vec<&String> = found
                .iter()
                .filter(|c| grant.is_some_and(|g| !c.starts_with(g)))
                .collect();
            if !outside.is_empty() {
                failures.push(format!(
                    "{who} ({grant:?}) {label}: {} rows outside, e.g. {}",
                    outside.len(),
                    outside[0]
                ));
            }
            // Within the grant the rows are there (audit: only where something was saved).
            let inside = found
                .iter()
                .filter(|c| grant.is_none_or(|g| c.starts_with(g)))
                .count();
            let expect_rows = true;
            if expect_rows && inside == 0 {
                failures.push(format!("{who} ({grant:?}) {label}: no rows in the grant"));
            }
        }
        // Coverage numbers of other regions stay readable for comparison.
        let cov = run("report coverage --scope 64 --format csv");
        if !cov.contains("64") {
            failures.push(format!("{who}: Ningxia's coverage was not readable"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_duties_sheet_goes_in_through_standard_input_too() {
    let sb = bureau();
    let sheet = forced(
        &sb,
        "ma",
        "--scope 640104 report duties --as-of 2022-01-31 --format csv",
        b"",
    );
    assert!(sheet.status.success(), "{}", text(&sheet.stderr));
    assert!(
        text(&sheet.stdout).lines().count() > 1,
        "{}",
        text(&sheet.stdout)
    );
    let dry = forced(&sb, "ma", "import duties - --dry-run", &sheet.stdout);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    // A clerk fills in one missing report's received date.
    let csv = text(&sheet.stdout);
    let mut filled = false;
    let edited: Vec<String> = csv
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split(',').collect();
            if !filled && f.len() > 8 && f[6] == "missing" && f[8].is_empty() {
                filled = true;
                f[8] = "2022-01-20";
            }
            f.join(",")
        })
        .collect();
    assert!(filled, "a missing instance in the sheet:\n{csv}");
    let edited = edited.join("\r\n").into_bytes();
    // Wuhan's editor may not record Ningxia's duties, however the sheet arrives.
    let wang = forced(&sb, "wang", "import duties -", &edited);
    assert!(!wang.status.success(), "wang recorded Ningxia's duties");
    let ma = forced(&sb, "ma", "import duties -", &edited);
    assert!(ma.status.success(), "{}", text(&ma.stderr));
    let audit = text(&sb.cli(&["audit", "--user", "ma", "--format", "csv"]).stdout);
    assert!(audit.contains(",ma,import_duties,duty,"), "{audit}");
}
