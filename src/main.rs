use clap::Parser;

use sgz::cli::{Cli, Command, ImportCmd, Lang, ReportCmd};
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
        Some(Command::Import(ImportCmd::Duties { file, dry_run })) => {
            commands::import_duties(&ctx, file, *dry_run)?;
        }
        Some(Command::Report(ReportCmd::Coverage(a))) => commands::report_coverage(&ctx, a)?,
        Some(Command::Report(ReportCmd::Duties(a))) => commands::report_duties(&ctx, a)?,
        Some(Command::Export(a)) => commands::export(&ctx, a)?,
        Some(Command::Check(a)) => commands::check(&ctx, a)?,
        Some(Command::Find(a)) => commands::find(&ctx, a)?,
        Some(Command::Users(u)) => commands::users(&ctx, u)?,
        Some(Command::Audit(a)) => commands::audit(&ctx, a)?,
        Some(Command::Backup { file }) => commands::backup(&ctx, file)?,
        Some(Command::Restore { file }) => commands::restore(&ctx, file)?,
        Some(Command::Keys) => commands::keys(&ctx, cli.keymap.as_deref())?,
        None => commands::tui(&ctx, cli.keymap.as_deref(), cli.query.as_deref())?,
    }
    Ok(())
}

fn main() {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Lang::Zh => sgz::i18n::Lang::Zh,
        Lang::En => sgz::i18n::Lang::En,
    };
    if let Err(e) = run(cli) {
        // The message says each cause once; the error's source chain is not printed after it.
        eprintln!("sgz: {}", e.message(lang));
        std::process::exit(1);
    }
}
