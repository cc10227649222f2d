//! The real binary as a terminal user meets it: the interface language from --lang, SGZ_LANG
//! or the locale (Chinese when none is set); --help and usage errors in that language; a
//! mistyped subcommand; each command's --format; find's exit status; one BOM policy for every
//! CSV; completions and the man page; no progress bytes on a pipe; the log file.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

/// sgz with a home of its own and no language settings from the runner's environment.
fn sgz(home: &Path) -> Command {
    let mut c = Command::cargo_bin("sgz").expect("binary");
    for var in [
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "SGZ_LANG",
        "SGZ_DB",
        "SGZ_POLICY_DIR",
        "SGZ_LOG",
    ] {
        c.env_remove(var);
    }
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .args(["--today", "2026-11-22"]);
    c
}

/// One demo database for the tests that only read.
fn demo() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("demo.db");
        sgz(dir.path())
            .arg("--db")
            .arg(&p)
            .args(["init", "--demo"])
            .assert()
            .success();
        (dir, p)
    });
    p
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_is_chinese_without_a_locale_and_follows_lang_sgz_lang_and_the_locale() {
    let home = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(sgz(home.path()).arg("--help"));
    assert_eq!(code, 0);
    for words in ["用法：sgz", "命令：", "选项：", "显示帮助", "创建数据库"] {
        assert!(out.contains(words), "{words} in\n{out}");
    }
    assert!(
        !out.contains("Usage") && !out.contains("Print help"),
        "{out}"
    );

    let (_, zh, _) = run(sgz(home.path()).env("LANG", "zh_CN.UTF-8").arg("--help"));
    assert_eq!(zh, out);
    let (_, en, _) = run(sgz(home.path()).env("LANG", "en_US.UTF-8").arg("--help"));
    for words in ["Usage: sgz", "Commands:", "Options:", "Print help"] {
        assert!(en.contains(words), "{words} in\n{en}");
    }
    assert!(!en.contains("用法"), "{en}");
    let (_, over, _) = run(sgz(home.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("SGZ_LANG", "en")
        .arg("--help"));
    assert_eq!(over, en, "SGZ_LANG overrides the locale");
    let (_, flag, _) = run(sgz(home.path())
        .env("SGZ_LANG", "en")
        .args(["--lang", "zh", "--help"]));
    assert_eq!(flag, out, "--lang overrides SGZ_LANG");

    // A subcommand's help: its values and default said in the language too.
    let (_, sub, _) = run(sgz(home.path()).args(["export", "--help"]));
    assert!(
        sub.contains("（可用：csv、json、xlsx）（默认：csv）"),
        "{sub}"
    );
    assert!(!sub.contains("possible values"), "{sub}");
}

#[test]
fn a_missing_database_is_said_in_the_interface_language() {
    let home = tempfile::tempdir().expect("tempdir");
    let none = home.path().join("none.db");
    let mut zh = sgz(home.path());
    zh.arg("--db").arg(&none).args(["report", "coverage"]);
    let (code, _, err) = run(&mut zh);
    assert_eq!(code, 1);
    assert!(err.contains("处没有数据库"), "{err}");
    let mut en = sgz(home.path());
    en.env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(&none)
        .args(["report", "coverage"]);
    let (code, _, err) = run(&mut en);
    assert_eq!(code, 1);
    assert!(err.starts_with("sgz: no database at"), "{err}");
}

#[test]
fn an_os_error_is_said_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut c = sgz(home.path());
    c.env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(demo())
        .args(["report", "coverage", "--scope", "64", "-o"])
        .arg(home.path());
    let (code, _, err) = run(&mut c);
    assert_eq!(code, 1, "{err}");
    assert!(err.matches("os error").count() <= 1, "{err}");
    assert_eq!(err.matches("directory").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_mistyped_subcommand_gets_did_you_mean_and_no_place_search() {
    let home = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(sgz(home.path()).arg("reprot"));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("未知命令 'reprot'；您是不是要用 'report'？"),
        "{err}"
    );
    assert!(err.contains("用法："), "{err}");
    let (code, _, err) = run(sgz(home.path()).args(["--lang", "en", "exprot"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'export'?"), "{err}");
    // Nothing was opened or created for the word.
    assert!(!home.path().join("data").exists(), "no demo database made");
}

#[test]
fn usage_errors_are_worded_in_the_interface_language() {
    let home = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = run(sgz(home.path()).args(["find", "--bogus", "xq"]));
    assert_eq!(code, 2);
    assert!(err.starts_with("sgz: 未知参数 '--bogus'"), "{err}");
    assert!(err.contains("用法：sgz find"), "{err}");
    assert!(err.contains("更多信息请运行 `sgz find --help`"), "{err}");
    for english in ["error:", "Usage", "unexpected", "For more information"] {
        assert!(!err.contains(english), "{english} in {err}");
    }
    let (code, _, err) = run(sgz(home.path()).args(["--lang", "fr"]));
    assert_eq!(code, 2);
    assert!(err.contains("可用：'zh'、'en'"), "{err}");
    let (code, _, err) = run(sgz(home.path()).args(["--lang", "en", "export"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("missing required arguments: '<WHAT>'"),
        "{err}"
    );
}

#[test]
fn each_format_flag_takes_only_what_its_command_makes() {
    let home = tempfile::tempdir().expect("tempdir");
    let db = demo();
    let with = |args: &[&str]| {
        let mut c = sgz(home.path());
        c.arg("--db").arg(db).args(args);
        run(&mut c)
    };
    let (code, out, err) = with(&["find", "--format", "svg", "xq"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("'svg' 无效；可用：'table'、'json'"), "{err}");
    let (code, _, err) = with(&["export", "sites", "--format", "svg"]);
    assert_eq!(code, 2);
    assert!(err.contains("可用：'csv'、'json'、'xlsx'"), "{err}");
    let (code, _, err) = with(&["report", "coverage", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("可用：'table'、'json'、'csv'、'md'、'svg'"),
        "{err}"
    );
    let (code, _, err) = with(&["check", "--format", "md"]);
    assert_eq!(code, 2);
    assert!(err.contains("可用：'table'、'json'、'csv'"), "{err}");
    // An xlsx goes to a file, not to a terminal or a pipe: sites say so.
    let (code, _, err) = with(&["export", "sites", "--format", "xlsx"]);
    assert_eq!(code, 1);
    assert!(err.contains("xlsx 导出需要指定文件：-o FILE.xlsx"), "{err}");
}

#[test]
fn find_exits_1_when_nothing_matches() {
    let home = tempfile::tempdir().expect("tempdir");
    let with = |args: &[&str]| {
        let mut c = sgz(home.path());
        c.arg("--db").arg(demo()).args(args);
        run(&mut c)
    };
    let (code, out, err) = with(&["find", "yinchuan"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("银川市"), "{out}");
    let (code, out, err) = with(&["find", "qqqqzzzz"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.trim(), "没有匹配");
    let (code, out, _) = with(&["find", "--format", "json", "qqqqzzzz"]);
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn every_csv_starts_with_one_utf8_bom() {
    let home = tempfile::tempdir().expect("tempdir");
    let bom = "\u{feff}";
    for args in [
        &["report", "coverage", "--scope", "64", "--format", "csv"][..],
        &["report", "coverage", "--format", "csv"],
        &["check", "--scope", "64", "--format", "csv"],
        &["export", "sites", "--format", "csv"],
        &["export", "staff", "--format", "csv"],
        &["export", "scores", "--format", "csv"],
        &["audit", "--format", "csv"],
    ] {
        let mut c = sgz(home.path());
        c.arg("--db").arg(demo()).args(args);
        let (code, out, err) = run(&mut c);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with(bom), "{args:?} starts {:?}", &out[..12]);
        assert_eq!(out.matches(bom).count(), 1, "{args:?}: one BOM only");
        assert!(out.lines().count() > 1, "{args:?}: rows");
    }
}

#[test]
fn completions_for_five_shells_and_a_man_page() {
    let home = tempfile::tempdir().expect("tempdir");
    for (shell, mark) in [
        ("bash", "complete -F _sgz"),
        ("zsh", "#compdef sgz"),
        ("fish", "complete -c sgz"),
        ("elvish", "edit:completion:arg-completer[sgz]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, err) = run(sgz(home.path()).args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(mark), "{shell}: {mark}");
        assert!(
            out.contains("report") && out.contains("coverage"),
            "{shell}"
        );
    }
    let (code, out, _) = run(sgz(home.path()).args(["--lang", "en", "man"]));
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie") || out.contains(".TH sgz"), "{out}");
    assert!(out.contains("completions") && out.contains("Print the manual page"));
    let (_, zh, _) = run(sgz(home.path()).arg("man"));
    assert!(zh.contains("输出 man 手册页"), "the page in Chinese");
}

#[test]
fn piped_stderr_gets_no_progress_bytes() {
    let home = tempfile::tempdir().expect("tempdir");
    let db = home.path().join("fresh.db");
    let mut c = sgz(home.path());
    c.arg("--db").arg(&db).args(["init", "--demo"]);
    let (code, _, err) = run(&mut c);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("已创建数据库："), "{err}");
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    for phase in ["读取区划列表", "写入区划", "建立搜索索引"] {
        assert!(!err.contains(phase), "{phase} on a pipe: {err}");
    }
    assert_eq!(err.lines().count(), 2, "{err}");
    // ... while the log has every phase.
    let log = std::fs::read_to_string(home.path().join("state/sgz/sgz.log")).expect("log");
    for phase in ["reading the division list", "building the search index"] {
        assert!(log.contains(phase), "{phase} in\n{log}");
    }
}

#[test]
fn a_refused_write_is_in_the_log_with_its_user_and_never_on_the_screen() {
    let home = tempfile::tempdir().expect("tempdir");
    let db = home.path().join("demo.db");
    let cli = |args: &[&str]| {
        let mut c = sgz(home.path());
        c.arg("--db").arg(&db).args(args);
        run(&mut c)
    };
    assert_eq!(cli(&["init", "--demo"]).0, 0);
    let me = sgz::commands::os_account().expect("account");
    assert_eq!(cli(&["users", "service-account", &me]).0, 0);
    assert_eq!(cli(&["users", "grant", "ma", "viewer"]).0, 0);
    let (code, out, err) = cli(&["--as", "ma", "users", "grant", "li", "admin"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!err.contains("INFO") && !err.contains("WARN"), "{err}");
    // A name with an escape sequence in it, for the log to escape.
    let (code, _, _) = cli(&["--as", "x\u{1b}[31m", "users", "list"]);
    assert_eq!(code, 1);

    let dir = home.path().join("state/sgz");
    let log = std::fs::read_to_string(dir.join("sgz.log")).expect("log");
    let refused = log
        .lines()
        .find(|l| l.contains("write refused"))
        .unwrap_or_else(|| panic!("no refusal in\n{log}"));
    assert!(
        refused.contains("WARN") && refused.contains("actor=ma"),
        "{refused}"
    );
    assert!(refused.contains("not allowed"), "{refused}");
    assert!(log.contains("command=\"users\""), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "control characters escaped:\n{log}"
    );
    assert!(
        log.contains("x\\\\u{1b}[31m") || log.contains("x\\u{1b}[31m"),
        "{log}"
    );
    let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("sgz.log")), 0o600);
}

#[test]
fn a_full_log_is_moved_aside_and_a_new_one_begins() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("state/sgz");
    std::fs::create_dir_all(&dir).expect("state dir");
    let log = dir.join("sgz.log");
    // A log at the limit, then an older copy that the rotation replaces.
    let full = vec![b'x'; sgz::log::ROTATE_AT as usize];
    std::fs::write(&log, &full).expect("full log");
    std::fs::write(dir.join("sgz.log.1"), b"older").expect("older copy");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(sgz(home.path())
        .arg("--db")
        .arg(&db)
        .args(["init", "--demo"]));
    assert_eq!(code, 0, "{err}");
    let moved = std::fs::metadata(dir.join("sgz.log.1")).expect("sgz.log.1");
    assert_eq!(moved.len(), sgz::log::ROTATE_AT, "the full log, whole");
    let fresh = std::fs::read_to_string(&log).expect("a new log");
    assert!(fresh.len() < 100_000 && fresh.contains("init"), "{fresh}");
    // Below the limit nothing moves.
    let (code, _, _) = run(sgz(home.path()).arg("--db").arg(&db).args(["find", "兴庆"]));
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::metadata(dir.join("sgz.log.1"))
            .expect("still there")
            .len(),
        sgz::log::ROTATE_AT
    );
    assert!(std::fs::read_to_string(&log).expect("log").len() > fresh.len());
}

#[test]
fn summaries_follow_the_locale() {
    let home = tempfile::tempdir().expect("tempdir");
    let db = home.path().join("demo.db");
    let mut c = sgz(home.path());
    c.env("LC_ALL", "en_US.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["init", "--demo"]);
    let (code, _, err) = run(&mut c);
    assert_eq!(code, 0);
    assert!(err.starts_with("Created the database at"), "{err}");
    let backup = home.path().join("b.db");
    let mut c = sgz(home.path());
    c.arg("--db").arg(&db).arg("backup").arg(&backup);
    let (code, _, err) = run(&mut c);
    assert_eq!(code, 0);
    assert!(err.starts_with("备份已写入"), "{err}");
}
