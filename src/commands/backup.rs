//! `sgz backup` and `sgz restore`: SQLite's online backup out, a checked file in.

use std::path::Path;

use crate::commands::Ctx;
use crate::error::{Error, Result};

pub fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let store = ctx.open()?;
    let _ = ctx.actor(&store)?;
    if file.exists() {
        return Err(Error::Invalid(format!(
            "{} exists; choose a new file",
            file.display()
        )));
    }
    store.backup_to(file)?;
    eprintln!("backup written to {}", file.display());
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path) -> Result<()> {
    // Check the file before opening (and so possibly creating) anything.
    let n = crate::store::Store::check_restorable(file)?;
    let mut store = ctx.open()?;
    let actor = ctx.actor(&store)?;
    store.restore_from(&actor, file)?;
    eprintln!(
        "restored {} ({n} divisions) into {}",
        file.display(),
        ctx.db.display()
    );
    Ok(())
}
