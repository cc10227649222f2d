use clap::Parser;

use sgz::cli::{Cli, Command, ImportCmd, ReportCmd};
use sgz::commands::{self, Ctx};
use sgz::error::Result;

fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx::new(
        cli.db.clone(),
        cli.today.as_deref(),
        cli.lang,
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
        Some(Command::Report(ReportCmd::Coverage(a))) => commands::report_coverage(&ctx, a)?,
        Some(Command::Export(a)) => commands::export(&ctx, a)?,
        Some(Command::Check(a)) => commands::check(&ctx, a)?,
        Some(Command::Find(a)) => commands::find(&ctx, a)?,
        Some(Command::Users(u)) => commands::users(&ctx, u)?,
        Some(Command::Audit(a)) => commands::audit(&ctx, a)?,
        Some(Command::Backup { file }) => commands::backup(&ctx, file)?,
        Some(Command::Restore { file }) => commands::restore(&ctx, file)?,
        Some(Command::Keys) => commands::keys(&ctx, cli.keymap.as_deref())?,
        Some(Command::Exports(e)) => commands::exports::run(&ctx, e)?,
        Some(Command::Policy(p)) => commands::policy::run(&ctx, p)?,
        None => commands::tui(&ctx, cli.keymap.as_deref(), cli.query.as_deref())?,
    }
    Ok(())
}

/// The command line to run: the process's own, or, behind the SSH forced command, the forced
/// arguments followed by what the client asked for (checked by `commands::remote`).
fn command_line() -> std::result::Result<Cli, (String, i32)> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let original = std::env::var("SSH_ORIGINAL_COMMAND").ok();
    if original.as_deref().is_none_or(|o| o.trim().is_empty()) {
        return Ok(Cli::parse_from(args));
    }
    // The forced arguments alone name the database and the account the exports belong to.
    let forced = Cli::try_parse_from(&args).map_err(|e| (e.to_string(), 2))?;
    let lang = forced.lang;
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
    Ok(Cli::parse_from(args))
}

fn main() {
    let cli = match command_line() {
        Ok(c) => c,
        Err((msg, code)) => {
            eprintln!("sgz: {msg}");
            std::process::exit(code);
        }
    };
    let lang = cli.lang;
    if let Err(e) = run(cli) {
        // The message says each cause once; the error's source chain is not printed after it.
        eprintln!("sgz: {}", e.message(lang));
        std::process::exit(1);
    }
}
