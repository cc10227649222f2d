//! The command line in the interface language. The language is decided before clap parses
//! (`--lang` in argv, then `SGZ_LANG`, then the locale), so that `--help` and clap's errors
//! are in it: the command of `cli.rs` is built, then every about and help text is set from
//! `i18n::help`, and a usage error is worded from its kind and context.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::help as h;
use crate::i18n::Lang;

/// The interface language: `--lang X` (or `--lang=X`) in `args`, else `SGZ_LANG`, else the
/// first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (zh* is Chinese, any other locale English),
/// else Chinese: a bare SSH forced command has no locale, and the audience reads Chinese.
pub fn interface_lang(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let v = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(l) = v.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    if let Some(l) = env("SGZ_LANG").as_deref().and_then(Lang::parse) {
        return l;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| env(k))
        .find(|v| !v.is_empty());
    match locale {
        None => Lang::Zh,
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        Some(_) => Lang::En,
    }
}

/// The clap command of `cli.rs` with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), "", lang)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(h::ARG_VERSION.get(lang)),
        );
    // clap adds its `help` subcommands when the command is built; word them after that.
    cmd.build();
    word_help_subcommands(cmd, lang)
}

fn word_help_subcommands(cmd: Command, lang: Lang) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(&name, |s| {
            if name == "help" {
                let t = template(lang, s.has_subcommands(), true);
                s.about(h::CMD_HELP.get(lang)).help_template(t)
            } else {
                word_help_subcommands(s, lang)
            }
        })
    })
}

/// `--help`'s layout with the catalogue's headings; a section only where the command has
/// something to list (options it always has: `--help`).
fn template(lang: Lang, commands: bool, positionals: bool) -> String {
    let usage = h::USAGE.fill(lang, &[("usage", &"{usage}")]);
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{usage}\n");
    let mut section = |heading: crate::i18n::Text, tag: &str| {
        t.push_str(&format!("\n{}\n{tag}\n", heading.get(lang)));
    };
    if commands {
        section(h::HEADING_COMMANDS, "{subcommands}");
    }
    if positionals {
        section(h::HEADING_ARGUMENTS, "{positionals}");
    }
    section(h::HEADING_OPTIONS, "{options}");
    t.push_str("{after-help}");
    t
}

/// `cmd` (at `path`) and its subcommands with the catalogue's texts and headings. A command
/// or argument the catalogue lacks keeps its doc comment (the test below finds it).
fn localize(cmd: Command, path: &str, lang: Lang) -> Command {
    let positionals = cmd.get_arguments().any(|a| a.is_positional());
    let t = template(lang, cmd.has_subcommands(), positionals);
    let mut cmd = cmd.help_template(t).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(h::ARG_HELP.get(lang)),
    );
    if let Some(t) = h::help_for(path) {
        cmd = cmd.about(t.get(lang)).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help")
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = h::help_for(&format!("{path}:{id}"));
        cmd = cmd.mut_arg(id, |a| word_arg(a, text, lang));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_path, lang));
    }
    cmd
}

/// An argument's help from the catalogue, with its possible values, default and variable
/// said in `lang` (clap would add them in English).
fn word_arg(a: Arg, text: Option<crate::i18n::Text>, lang: Lang) -> Arg {
    let mut help = match text {
        Some(t) => t.get(lang).to_string(),
        None => a.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    let mut a = a.long_help(None);
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && a.get_action().takes_values() && !a.is_hide_possible_values_set() {
        let values = values.join(lang.pick("、", ", "));
        help.push_str(&h::HELP_VALUES.fill(lang, &[("values", &values)]));
        a = a.hide_possible_values(true);
    }
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !default.is_empty() && a.get_action().takes_values() && !a.is_hide_default_value_set() {
        let default = default.join(" ");
        help.push_str(&h::HELP_DEFAULT.fill(lang, &[("value", &default)]));
        a = a.hide_default_value(true);
    }
    if let Some(var) = a.get_env() {
        let var = var.to_string_lossy().into_owned();
        help.push_str(&h::HELP_ENV.fill(lang, &[("var", &var)]));
        a = a.hide_env(true);
    }
    a.help(help)
}

/// What parsing decided: run this, or exit with this status (help, version or a usage
/// error, already printed).
pub enum Parsed {
    Run(Box<Cli>),
    Exit(i32),
}

/// Parse `args` in `lang`: help and version print as clap prints them; a usage error is
/// worded from the catalogue on stderr and exits 2; a bare word close to a subcommand's name
/// is taken for a typo (`sgz reprot`) rather than a place to search for.
pub fn parse(lang: Lang, args: Vec<OsString>) -> Parsed {
    let mut cmd = command(lang);
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return Parsed::Exit(report(&mut cmd, &args, &e, lang)),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return Parsed::Exit(report(&mut cmd, &args, &e, lang)),
    };
    if let (None, Some(q)) = (&cli.command, &cli.query) {
        if let Some(near) = near_subcommand(&cmd, q) {
            let msg = format!(
                "{}{}{}",
                h::ERR_UNKNOWN_COMMAND.fill(lang, &[("name", &quote(q))]),
                lang.pick("；", "; "),
                h::ERR_DID_YOU_MEAN.fill(lang, &[("suggestion", &quote(&near))])
            );
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                usage_error(&cmd, &[], &msg, lang).as_bytes(),
            );
            tracing::warn!(word = %crate::domain::text::escape(q), near, "mistyped subcommand");
            return Parsed::Exit(2);
        }
    }
    Parsed::Run(Box::new(cli))
}

/// Print `e` and return its exit status.
fn report(cmd: &mut Command, args: &[OsString], e: &clap::Error, lang: Lang) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            e.exit_code()
        }
        _ => {
            tracing::warn!(kind = ?e.kind(), "usage error");
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                usage_error(cmd, args, &error_words(e, lang), lang).as_bytes(),
            );
            2
        }
    }
}

/// `sgz: <message>`, the usage line of the subcommand `args` name and where to read more.
fn usage_error(cmd: &Command, args: &[OsString], msg: &str, lang: Lang) -> String {
    let mut path = vec!["sgz".to_string()];
    // A clone per level: this is the error path, and the built command is not large.
    let mut c = cmd.clone();
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if let Some(sub) = c.find_subcommand(&*a).cloned() {
            path.push(a.to_string());
            c = sub;
        }
    }
    let usage = c.render_usage().to_string();
    let usage = usage
        .split_once(':')
        .map(|(_, u)| u.trim())
        .unwrap_or(usage.trim());
    let path = path.join(" ");
    format!(
        "sgz: {msg}\n\n{}\n\n{}\n",
        h::USAGE.fill(lang, &[("usage", &usage)]),
        h::TRY_HELP.fill(lang, &[("cmd", &path)])
    )
}

fn quote(s: &str) -> String {
    format!("'{}'", crate::domain::text::escape(s))
}

/// A usage error in the catalogue's words, from its kind and context.
fn error_words(e: &clap::Error, lang: Lang) -> String {
    let one = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(quote(s)),
        Some(ContextValue::Strings(v)) => v.first().map(|s| quote(s)),
        _ => None,
    };
    let many = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => Some(
            v.iter()
                .map(|s| quote(s))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", ")),
        ),
        Some(ContextValue::String(s)) => Some(quote(s)),
        _ => None,
    };
    let arg = one(ContextKind::InvalidArg).unwrap_or_default();
    let suggestion = one(ContextKind::SuggestedSubcommand).or(one(ContextKind::SuggestedArg));
    let sep = lang.pick("；", "; ");
    let with_suggestion = |m: String| match &suggestion {
        Some(s) => format!(
            "{m}{sep}{}",
            h::ERR_DID_YOU_MEAN.fill(lang, &[("suggestion", s)])
        ),
        None => m,
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            with_suggestion(h::ERR_UNKNOWN_ARGUMENT.fill(lang, &[("arg", &arg)]))
        }
        ErrorKind::InvalidSubcommand => {
            let name = one(ContextKind::InvalidSubcommand).unwrap_or_default();
            with_suggestion(h::ERR_UNKNOWN_COMMAND.fill(lang, &[("name", &name)]))
        }
        ErrorKind::InvalidValue => {
            let value = one(ContextKind::InvalidValue).unwrap_or_default();
            if value == "''" {
                return h::ERR_NO_VALUE.fill(lang, &[("arg", &arg)]);
            }
            let m = h::ERR_INVALID_VALUE.fill(lang, &[("arg", &arg), ("value", &value)]);
            match many(ContextKind::ValidValue) {
                Some(values) => format!(
                    "{m}{sep}{}",
                    h::ERR_POSSIBLE.fill(lang, &[("values", &values)])
                ),
                None => m,
            }
        }
        ErrorKind::ValueValidation => {
            let value = one(ContextKind::InvalidValue).unwrap_or_default();
            let detail = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            h::ERR_BAD_VALUE.fill(
                lang,
                &[("arg", &arg), ("value", &value), ("detail", &detail)],
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let args = many(ContextKind::InvalidArg).unwrap_or_default();
            h::ERR_MISSING.fill(lang, &[("args", &args)])
        }
        ErrorKind::MissingSubcommand => {
            let cmd = one(ContextKind::InvalidSubcommand).unwrap_or_default();
            let values = many(ContextKind::ValidSubcommand).unwrap_or_default();
            h::ERR_MISSING_COMMAND.fill(lang, &[("cmd", &cmd), ("values", &values)])
        }
        ErrorKind::ArgumentConflict => {
            let other = one(ContextKind::PriorArg).unwrap_or_default();
            h::ERR_CONFLICT.fill(lang, &[("arg", &arg), ("other", &other)])
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            h::ERR_TOO_MANY.fill(lang, &[("arg", &arg)])
        }
        _ => {
            // clap's own rendering, without its "error: " and usage lines.
            let detail = e.kind().to_string();
            h::ERR_OTHER.fill(lang, &[("detail", &detail)])
        }
    }
}

/// The subcommand `word` is a likely typo of: an ASCII word within one edit (two for words
/// of five letters or more; a swap of neighbours counts one) of a subcommand's name. Place
/// names in pinyin are rarely that close to an English verb; those that are still open with
/// `sgz --scope WORD`.
fn near_subcommand(cmd: &Command, word: &str) -> Option<String> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    let limit = if w.len() >= 5 { 2 } else { 1 };
    cmd.get_subcommands()
        .map(|s| s.get_name())
        .filter(|n| *n != "help")
        .map(|n| (osa_distance(&w, n), n))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n.to_string())
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring letters, each one edit.
fn osa_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_language_comes_from_lang_then_sgz_lang_then_the_locale_then_chinese() {
        let sgz = args(&["sgz"]);
        assert_eq!(interface_lang(&sgz, env(&[])), Lang::Zh);
        assert_eq!(
            interface_lang(&sgz, env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            interface_lang(&sgz, env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(interface_lang(&sgz, env(&[("LANG", "C")])), Lang::En);
        let both = [("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")];
        assert_eq!(interface_lang(&sgz, env(&both)), Lang::En);
        let msgs = [("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_TW.UTF-8")];
        assert_eq!(interface_lang(&sgz, env(&msgs)), Lang::Zh);
        let over = [("LANG", "zh_CN.UTF-8"), ("SGZ_LANG", "en")];
        assert_eq!(interface_lang(&sgz, env(&over)), Lang::En);
        let flag = args(&["sgz", "--lang", "zh", "report"]);
        assert_eq!(interface_lang(&flag, env(&over)), Lang::Zh);
        let eq = args(&["sgz", "find", "--lang=en", "xq"]);
        assert_eq!(interface_lang(&eq, env(&[])), Lang::En);
        let after = args(&["sgz", "find", "--", "--lang=en"]);
        assert_eq!(interface_lang(&after, env(&[])), Lang::Zh);
    }

    #[test]
    fn every_command_and_argument_has_its_words_in_the_catalogue() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if h::help_for(path).is_none() {
                missing.push(path.to_string());
            }
            for a in cmd.get_arguments() {
                let key = format!("{path}:{}", a.get_id());
                if h::help_for(&key).is_none() {
                    missing.push(key);
                }
            }
            for s in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &p, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no catalogue text for {missing:?}");
    }

    #[test]
    fn every_catalogue_path_names_a_real_command_or_argument() {
        let cmd = Cli::command();
        for (path, _) in h::HELP {
            let (cmds, arg) = path.split_once(':').unwrap_or((path, ""));
            let mut c = &cmd;
            for name in cmds.split(' ').filter(|n| !n.is_empty()) {
                c = c
                    .find_subcommand(name)
                    .unwrap_or_else(|| panic!("{path}: no command {name}"));
            }
            if !arg.is_empty() {
                assert!(c.get_arguments().any(|a| a.get_id() == arg), "{path}");
            }
        }
    }

    #[test]
    fn typos_of_subcommands_are_caught_and_place_names_are_not() {
        let cmd = command(Lang::Zh);
        assert_eq!(near_subcommand(&cmd, "reprot").as_deref(), Some("report"));
        assert_eq!(near_subcommand(&cmd, "exprot").as_deref(), Some("export"));
        assert_eq!(near_subcommand(&cmd, "chek").as_deref(), Some("check"));
        for place in [
            "xq", "wuhan", "jianghan", "yinchuan", "nantong", "江汉", "64",
        ] {
            assert_eq!(near_subcommand(&cmd, place), None, "{place}");
        }
    }
}
