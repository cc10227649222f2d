//! `sgz exports list|get NAME`: the files this account exported (the TUI's `e` and `x`, a
//! remote `-o NAME`), handed over standard output so that a supervisor behind the SSH forced
//! command can fetch them: `ssh sgzsvc@server exports get scores-4201-2026-11-30.xlsx > a.xlsx`.

use super::{out, table_out, Ctx};
use crate::cli::{ExportsCmd, Format};
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;
use crate::io::exports;

/// `sgz exports list` and `sgz exports get NAME`.
pub fn run(ctx: &Ctx, cmd: &ExportsCmd) -> Result<()> {
    let store = ctx.open_for_reading()?;
    let actor = ctx.actor(&store)?;
    let dir = exports::dir_for(&ctx.db, &actor.name);
    match cmd {
        ExportsCmd::List { format } => {
            let files = exports::list(&dir)?;
            let text = match Format::from(*format) {
                Format::Table => {
                    if files.is_empty() {
                        crate::say!(
                            "{}",
                            msg::EXPORTS_NONE.fill(ctx.lang, &[("user", &actor.name)])
                        );
                        return Ok(());
                    }
                    let mut s = String::new();
                    for f in &files {
                        s.push_str(&format!(
                            "{}  {:>10}  {}\n",
                            f.modified,
                            f.bytes,
                            escape(&f.name)
                        ));
                    }
                    s
                }
                f => table_out(
                    &["name", "bytes", "modified"],
                    files
                        .iter()
                        .map(|e| vec![e.name.clone(), e.bytes.to_string(), e.modified.clone()])
                        .collect(),
                    f,
                    ctx.lang,
                )?,
            };
            out(None, text.as_bytes())
        }
        ExportsCmd::Get { name } => {
            if !exports::plain_name(name) {
                return Err(Error::Invalid(
                    msg::EXPORTS_BAD_NAME.fill(ctx.lang, &[("name", &escape(name))]),
                ));
            }
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => out(None, &bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Invalid(
                    msg::EXPORTS_NO_FILE.fill(ctx.lang, &[("name", &escape(name))]),
                )),
                Err(e) => Err(Error::io(path, e)),
            }
        }
    }
}
