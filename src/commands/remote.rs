//! A supervisor's command line through the SSH forced command.
//!
//! The README's deployment gives every key a forced command (`sgz --db … --as NAME`). When the
//! client asked for a command (`ssh sgzsvc@server report coverage --scope 4201`), sshd puts it
//! in `SSH_ORIGINAL_COMMAND` and runs the forced command instead. Here that text becomes the
//! rest of sgz's own command line: split into words without any shell, checked against an
//! allow-list, and appended to the forced arguments, so clap parses it exactly as a local
//! command and every rule (role, scope, stale files) applies as for a local one. Whatever
//! could reach beyond the account's grant (another database, another identity, a file on
//! the server) is refused before anything runs.

use std::ffi::OsString;

/// What the original command line asked for that is not allowed, or could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// An unterminated quote or a trailing backslash.
    Unbalanced,
    /// A control character in the command line.
    Control(char),
    /// A subcommand outside the allow-list (`None`: only options were given).
    Command(Option<String>),
    /// An option that would leave the forced account, database or key map.
    Option(String),
    /// `import` reads only from standard input (`-`) over SSH.
    ImportFile(String),
    /// `-o` names a path, not a file name in the user's export folder.
    Output(String),
}

impl Refused {
    /// The refusal in `lang`, with what is allowed.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::cli as m;
        let allowed = ALLOWED.join(" ");
        match self {
            Refused::Unbalanced => m::REMOTE_UNBALANCED.get(lang).into(),
            Refused::Control(c) => {
                m::REMOTE_CONTROL.fill(lang, &[("cp", &crate::domain::text::code_point(*c))])
            }
            Refused::Command(None) => m::REMOTE_NO_COMMAND.fill(lang, &[("allowed", &allowed)]),
            Refused::Command(Some(c)) => m::REMOTE_COMMAND.fill(
                lang,
                &[
                    ("command", &crate::domain::text::escape(c)),
                    ("allowed", &allowed),
                ],
            ),
            Refused::Option(o) => m::REMOTE_OPTION.fill(lang, &[("option", o)]),
            Refused::ImportFile(f) => {
                m::REMOTE_IMPORT.fill(lang, &[("file", &crate::domain::text::escape(f))])
            }
            Refused::Output(p) => {
                m::REMOTE_OUTPUT.fill(lang, &[("path", &crate::domain::text::escape(p))])
            }
        }
    }
}

/// Subcommands a script may run through the forced command.
pub const ALLOWED: &[&str] = &[
    "report", "check", "export", "exports", "find", "audit", "keys", "import", "policy",
];

/// Options a script may not give: the forced command decides them.
const FORBIDDEN: &[&str] = &["--db", "--as", "--keymap"];

/// Global options that take a value (so their value is not taken for the subcommand).
const GLOBAL_WITH_VALUE: &[&str] = &["--lang", "--today", "--scope"];

/// The arguments to parse: `args` as they are when no command was asked for (an interactive
/// login, or sgz run outside SSH), else the forced arguments followed by the asked-for words,
/// with `-o NAME` pointed into `exports` (the user's own export folder).
pub fn arguments(
    args: Vec<OsString>,
    original: Option<&str>,
    exports: &std::path::Path,
) -> Result<Vec<OsString>, Refused> {
    let Some(original) = original.filter(|o| !o.trim().is_empty()) else {
        return Ok(args);
    };
    let mut words = split(original)?;
    // `ssh host sgz report …` reads naturally; the program's own name is dropped.
    if words.first().is_some_and(|w| w == "sgz") {
        words.remove(0);
    }
    check(&mut words, exports)?;
    let mut out = args;
    out.extend(words.into_iter().map(OsString::from));
    Ok(out)
}

/// The asked-for words checked, and `-o`/`--output` values rewritten into `exports`.
fn check(words: &mut [String], exports: &std::path::Path) -> Result<(), Refused> {
    let mut command: Option<usize> = None;
    let mut k = 0;
    while k < words.len() {
        let w = words[k].as_str();
        let name = w.split('=').next().unwrap_or(w);
        if FORBIDDEN.contains(&name) {
            return Err(Refused::Option(name.to_string()));
        }
        if command.is_none() && GLOBAL_WITH_VALUE.contains(&w) {
            k += 2;
            continue;
        }
        if command.is_none() && !w.starts_with('-') {
            command = Some(k);
        }
        if matches!(name, "-o" | "--output") || (w.starts_with("-o") && w.len() > 2) {
            let (value_at, value) = if let Some(v) = w.strip_prefix("--output=") {
                (None, v.to_string())
            } else if w.len() > 2 && w.starts_with("-o") && !w.starts_with("--") {
                (None, w[2..].trim_start_matches('=').to_string())
            } else {
                let v = words.get(k + 1).cloned().unwrap_or_default();
                (Some(k + 1), v)
            };
            if !crate::io::exports::plain_name(&value) {
                return Err(Refused::Output(value));
            }
            let path = exports.join(&value).to_string_lossy().into_owned();
            match value_at {
                Some(i) => {
                    words[i] = path;
                    k += 1;
                }
                None => words[k] = format!("--output={path}"),
            }
        }
        k += 1;
    }
    let Some(at) = command else {
        return Err(Refused::Command(None));
    };
    let cmd = words[at].as_str();
    if !ALLOWED.contains(&cmd) {
        return Err(Refused::Command(Some(cmd.to_string())));
    }
    // Policies are read over SSH (list, show, check, export, new); importing one is an
    // admin's act on the server.
    if cmd == "policy" && words.get(at + 1).is_some_and(|w| w == "import") {
        return Err(Refused::Command(Some("policy import".into())));
    }
    if cmd == "import" {
        let what = words.get(at + 1).map(String::as_str);
        if !matches!(what, Some("scores" | "staff" | "sites" | "duties")) {
            return Err(Refused::Command(Some(
                format!("import {}", what.unwrap_or("")).trim().to_string(),
            )));
        }
        // The file is the first word after `import WHAT` that is not an option.
        let file = words[at + 2..]
            .iter()
            .find(|w| !w.starts_with('-') || *w == "-");
        match file.map(String::as_str) {
            Some("-") => {}
            Some(f) => return Err(Refused::ImportFile(f.to_string())),
            None => return Err(Refused::ImportFile(String::new())),
        }
    }
    Ok(())
}

/// Words as a POSIX shell would split them, without running one: blanks separate, single
/// quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash outside
/// quotes keeps the next character. Nothing is expanded: `$x`, `*`, `;`, `|` are text.
pub fn split(line: &str) -> Result<Vec<String>, Refused> {
    if let Some(c) = line.chars().find(|c| c.is_control() && *c != '\t') {
        return Err(Refused::Control(c));
    }
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err(Refused::Unbalanced),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\')) => cur.push(x),
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err(Refused::Unbalanced),
                        },
                        Some(x) => cur.push(x),
                        None => return Err(Refused::Unbalanced),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(x) => cur.push(x),
                    None => return Err(Refused::Unbalanced),
                }
            }
            x => {
                in_word = true;
                cur.push(x);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(line: &str) -> Result<Vec<String>, Refused> {
        arguments(
            vec![
                "sgz".into(),
                "--db".into(),
                "/srv/sgz.db".into(),
                "--as".into(),
                "wang".into(),
            ],
            Some(line),
            Path::new("/srv/exports/wang"),
        )
        .map(|v| {
            v.into_iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect()
        })
    }

    #[test]
    fn words_split_as_a_shell_would_without_expanding_anything() {
        assert_eq!(
            split(r#"find '武汉 市' "a \"b\"" c\ d $HOME;ls *"#).unwrap(),
            ["find", "武汉 市", "a \"b\"", "c d", "$HOME;ls", "*"]
        );
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("find 'open"), Err(Refused::Unbalanced));
        assert_eq!(split("find \u{1b}[2J"), Err(Refused::Control('\u{1b}')));
    }

    #[test]
    fn an_allowed_command_follows_the_forced_arguments() {
        assert_eq!(
            run("report coverage --scope 4201 --format csv").unwrap(),
            [
                "sgz",
                "--db",
                "/srv/sgz.db",
                "--as",
                "wang",
                "report",
                "coverage",
                "--scope",
                "4201",
                "--format",
                "csv"
            ]
        );
        assert_eq!(
            run("sgz --lang en check").unwrap()[5..],
            ["--lang", "en", "check"]
        );
        assert_eq!(run("import scores - --dry-run").unwrap().len(), 9);
    }

    #[test]
    fn what_leaves_the_grant_is_refused() {
        for (line, want) in [
            (
                "users grant me admin",
                Refused::Command(Some("users".into())),
            ),
            ("init --demo --force", Refused::Command(Some("init".into()))),
            ("restore x.db", Refused::Command(Some("restore".into()))),
            ("backup /tmp/x.db", Refused::Command(Some("backup".into()))),
            ("--lang en", Refused::Command(None)),
            (
                "import divisions -",
                Refused::Command(Some("import divisions".into())),
            ),
            (
                "report coverage --db /tmp/other.db",
                Refused::Option("--db".into()),
            ),
            ("--as=root report coverage", Refused::Option("--as".into())),
            (
                "--keymap /etc/shadow keys",
                Refused::Option("--keymap".into()),
            ),
            (
                "import scores /etc/passwd",
                Refused::ImportFile("/etc/passwd".into()),
            ),
            (
                "export staff -o /tmp/x.csv",
                Refused::Output("/tmp/x.csv".into()),
            ),
            (
                "export staff --output=../x.csv",
                Refused::Output("../x.csv".into()),
            ),
            ("export staff -o .bashrc", Refused::Output(".bashrc".into())),
        ] {
            assert_eq!(run(line), Err(want), "{line}");
        }
    }

    #[test]
    fn an_output_file_lands_in_the_users_export_folder() {
        let a = run("export staff -o 人员.csv").unwrap();
        assert_eq!(a[a.len() - 1], "/srv/exports/wang/人员.csv");
        let a = run("export staff --output=s.csv").unwrap();
        assert_eq!(a[a.len() - 1], "--output=/srv/exports/wang/s.csv");
    }

    #[test]
    fn no_command_asked_for_leaves_the_arguments_alone() {
        let a = vec![
            OsString::from("sgz"),
            OsString::from("--as"),
            OsString::from("wang"),
        ];
        assert_eq!(arguments(a.clone(), None, Path::new("/x")).unwrap(), a);
        assert_eq!(arguments(a.clone(), Some(" "), Path::new("/x")).unwrap(), a);
    }
}
