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
        None => commands::tui(&ctx, cli.keymap.as_deref(), cli.query.as_deref())?,
    }
    Ok(0)
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli_lang::interface_lang(&args, |k| std::env::var(k).ok());
    sgz::log::init();
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
            eprintln!("sgz: {}", e.message(lang));
            std::process::exit(1);
        }
    }
}
