use clap::Parser;

use sgz::cli::{Cli, Command, ImportCmd, ReportCmd};
use sgz::commands::{self, Ctx};

fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Ctx::new(
        cli.db.clone(),
        cli.today.as_deref(),
        cli.lang,
        cli.scope.clone(),
    )?;
    match &cli.command {
        Some(Command::Init(a)) => commands::init(&ctx, a)?,
        Some(Command::Import(ImportCmd::Divisions { dir })) => {
            commands::import_divisions(&ctx, dir)?
        }
        Some(Command::Report(ReportCmd::Coverage(a))) => commands::report_coverage(&ctx, a)?,
        Some(Command::Export(a)) => commands::export(&ctx, a)?,
        Some(Command::Import(ImportCmd::Staff { file })) => sgz::staffio::import_staff(&ctx, file)?,
        Some(Command::Check(a)) => sgz::check::run(&ctx, a)?,
        Some(Command::Find(a)) => commands::find(&ctx, a)?,
        None => anyhow::bail!("the TUI is not built yet; see `sgz --help`"),
    }
    Ok(())
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("sgz: {e:#}");
        std::process::exit(1);
    }
}
