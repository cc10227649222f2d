use sgz::cli::{Cli, Command, ImportCmd, ReportCmd};
use sgz::cli_lang::{self, Parsed};
use sgz::commands::{self, Ctx};
use sgz::error::Result;
use sgz::i18n::Lang;

fn run(cli: Cli, lang: Lang) -> Result<i32> {
    let ctx = Ctx::new(
        cli.db.clone(),
        cli.today.as_deref(),
        lang,
        cli.scope.clone(),
        cli.as_user.clone(),
    )?;
    let ctx = match &cli.command {
        Some(Command::Init(_)) | Some(Command::Restore { .. }) | Some(Command::Backup { .. }) => {
            ctx
        }
        _ => ctx.with_stored_policies()?,
    };
    match &cli.command {
        Some(Command::Init(a)) => commands::init(&ctx, a)?,
        Some(Command::Import(ImportCmd::Divisions { dir })) => {
            commands::import_divisions(&ctx, dir)?
        }
        Some(Command::Import(ImportCmd::Scores { file, dry_run })) => {
            commands::scores::import_scores(&ctx, file, *dry_run)?;
        }
        Some(Command::Import(ImportCmd::Staff { file, dry_run })) => {
            commands::staff::import_staff(&ctx, file, *dry_run)?
        }
        Some(Command::Import(ImportCmd::Sites { file, dry_run })) => {
            commands::sites::import_sites(&ctx, file, *dry_run)?
        }
        Some(Command::Import(ImportCmd::Duties { file, dry_run })) => {
            commands::import_duties(&ctx, file, *dry_run)?;
        }
        Some(Command::Report(ReportCmd::Coverage(a))) => commands::report_coverage(&ctx, a)?,
        Some(Command::Report(ReportCmd::Duties(a))) => commands::report_duties(&ctx, a)?,
        Some(Command::Report(ReportCmd::Contracts(a))) => commands::report_contracts(&ctx, a)?,
        Some(Command::Export(a)) => commands::export(&ctx, a)?,
        Some(Command::Check(a)) => commands::check(&ctx, a)?,
        // Like grep: nothing found is status 1.
        Some(Command::Find(a)) if commands::find(&ctx, a)? == 0 => return Ok(1),
        Some(Command::Find(_)) => {}
        Some(Command::Users(u)) => commands::users(&ctx, u)?,
        Some(Command::Audit(a)) => commands::audit(&ctx, a)?,
        Some(Command::Backup { file }) => commands::backup(&ctx, file)?,
        Some(Command::Restore { file }) => commands::restore(&ctx, file)?,
        Some(Command::Keys) => commands::keys(&ctx, cli.keymap.as_deref())?,
        Some(Command::Completions { shell }) => commands::completions(lang, *shell)?,
        Some(Command::Man) => commands::man(lang)?,
        Some(Command::Exports(e)) => commands::exports::run(&ctx, e)?,
        Some(Command::Policy(p)) => commands::policy::run(&ctx, p)?,
        None => commands::tui(&ctx, cli.keymap.as_deref(), cli.query.as_deref())?,
    }
    Ok(0)
}

/// The command line to run: the process's own, or, behind the SSH forced command, the forced
/// arguments followed by what the client asked for (checked by `commands::remote`). An error
/// is its message and exit status; an empty message was printed already (a usage error).
fn command_line(
    args: Vec<std::ffi::OsString>,
    lang: Lang,
) -> std::result::Result<Vec<std::ffi::OsString>, (String, i32)> {
    let original = std::env::var("SSH_ORIGINAL_COMMAND").ok();
    if original.as_deref().is_none_or(|o| o.trim().is_empty()) {
        return Ok(args);
    }
    // The forced arguments alone name the database and the account the exports belong to.
    let forced = match cli_lang::parse(lang, args.clone()) {
        Parsed::Run(cli) => cli,
        Parsed::Exit(code) => return Err((String::new(), code)),
    };
    let lang = forced.lang.unwrap_or(lang);
    let db = forced.db.clone().unwrap_or_else(commands::default_db_path);
    let user = match forced.as_user.clone() {
        Some(u) => u,
        None => commands::os_account().map_err(|e| (e.message(lang), 1))?,
    };
    let exports = sgz::io::exports::dir_for(&db, &user);
    let args = commands::remote::arguments(args, original.as_deref(), &exports)
        .map_err(|r| (r.message(lang), 2))?;
    if let Err(e) = sgz::io::exports::ensure(&exports) {
        return Err((e.message(lang), 1));
    }
    Ok(args)
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env = |k: &str| std::env::var(k).ok();
    let lang = cli_lang::interface_lang(&args, env);
    sgz::log::init();
    let args = match command_line(args, lang) {
        Ok(a) => a,
        Err((msg, code)) => {
            if !msg.is_empty() {
                tracing::warn!(refused = %sgz::log::clean(&msg), "remote command line");
                sgz::say!("sgz: {msg}");
            }
            std::process::exit(code);
        }
    };
    // The client's own words (behind the forced command) may carry --lang too.
    let lang = cli_lang::interface_lang(&args, env);
    let cli = match cli_lang::parse(lang, args) {
        Parsed::Run(cli) => cli,
        Parsed::Exit(code) => std::process::exit(code),
    };
    let lang = cli.lang.unwrap_or(lang);
    sgz::log::start(&cli, lang);
    match run(*cli, lang) {
        Ok(code) => {
            tracing::info!(code, "done");
            std::process::exit(code)
        }
        Err(e) => {
            // The message says each cause once; the error's source chain is not printed after it.
            tracing::error!(error = %sgz::log::clean(&e.message(Lang::En)), "failed");
            sgz::say!("sgz: {}", e.message(lang));
            std::process::exit(1);
        }
    }
}
