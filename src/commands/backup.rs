//! `sgz backup` and `sgz restore`: SQLite's online backup out, a checked file in.

use std::path::Path;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;

pub fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let store = ctx.open()?;
    let _ = ctx.actor(&store)?;
    if file.exists() {
        let path = file.display();
        return Err(Error::Invalid(
            msg::BACKUP_EXISTS.fill(ctx.lang, &[("path", &path)]),
        ));
    }
    store.backup_to(file)?;
    let path = file.display();
    crate::say!("{}", msg::BACKUP_WRITTEN.fill(ctx.lang, &[("path", &path)]));
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path) -> Result<()> {
    // Check the file before opening (and so possibly creating) anything.
    let n = crate::store::Store::check_restorable(file)?;
    let mut store = ctx.open()?;
    let actor = ctx.actor(&store)?;
    store.restore_from(&actor, file)?;
    let (file, path) = (file.display(), ctx.db.display());
    crate::say!(
        "{}",
        msg::RESTORED.fill(ctx.lang, &[("file", &file), ("n", &n), ("path", &path)])
    );
    Ok(())
}
