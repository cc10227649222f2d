//! `sgz` with no subcommand: the TUI (the demo is created first at the default path only).

use std::path::Path;

use super::init::init_demo_in;
use super::{no_database, Ctx};
use crate::error::{Error, Result};
use crate::store::Store;

/// `sgz` with no subcommand: the TUI. With no database yet, the demo is created first.
pub fn tui(ctx: &Ctx, keymap: Option<&Path>, query: Option<&str>) -> Result<()> {
    if ctx.db_explicit && std::fs::symlink_metadata(&ctx.db).is_err() {
        return Err(no_database(ctx));
    }
    let created = !ctx.db.exists();
    if created {
        tracing::info!(db = %crate::domain::text::escape(&ctx.db.display().to_string()), "tui: creating the demo at the default path");
        let (nd, ns, np, ne) = init_demo_in(&ctx.db, &ctx.profiles, ctx.lang)?;
        let path = ctx.db.display();
        let synthetic = crate::i18n::common::SYNTHETIC_NOTE.get(ctx.lang);
        crate::say!(
            "{}",
            crate::i18n::cli::DEMO_CREATED.fill(
                ctx.lang,
                &[
                    ("path", &path),
                    ("divisions", &nd),
                    ("sites", &ns),
                    ("staff", &np),
                    ("evaluations", &ne),
                    ("synthetic", &synthetic),
                ]
            )
        );
    }
    let store = match Store::open(&ctx.db) {
        Ok(s) => s,
        // A read-only file or a database another process holds: read what can be read.
        Err(Error::Busy(_)) | Err(Error::Store(_)) if ctx.db.exists() => {
            Store::open_read_only(&ctx.db)?
        }
        Err(e) => return Err(e),
    };
    let store = store.with_schemes(&ctx.profiles);
    let actor = ctx.actor(&store)?;
    tracing::info!(
        actor = %crate::domain::text::escape(&actor.name),
        writable = store.accepts_writes(),
        "tui: database open"
    );
    let query = query.map(String::from).or_else(|| ctx.scope.clone());
    let (store, scope) = crate::tui::app::confine(
        store,
        query.as_deref(),
        actor.scope.as_deref(),
        crate::tui::app::STAGE_ABOVE,
    )?;
    // Each account exports into its own folder, which `sgz exports` hands over SSH.
    let export_dir = crate::io::exports::dir_for(&ctx.db, &actor.name);
    let opts = crate::tui::app::Options {
        today: ctx.today,
        lang: ctx.lang,
        scope,
        keymap: crate::tui::keymap::Keymap::load(keymap),
        theme: crate::tui::theme::Theme::detect(),
        actor,
        export_dir,
        stage_above: crate::tui::app::STAGE_ABOVE,
    };
    // A bureau's own database before its sites are in: the first status line says what next.
    let next = super::next_step(&store, ctx.lang)?;
    let mut app = crate::tui::app::App::new(store, ctx.profiles.clone(), opts)?;
    if let Some(next) = next {
        app.state.info(next.to_string());
    }
    if created {
        // What stderr said is hidden by the full screen: the first status line says it again.
        let path = crate::domain::text::escape(&ctx.db.display().to_string()).into_owned();
        app.state
            .info(crate::i18n::cli::DEMO_CREATED_STATUS.fill(ctx.lang, &[("path", &path)]));
    }
    crate::tui::run_terminal(&mut app)
}
