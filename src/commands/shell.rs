//! `sgz completions SHELL` and `sgz man`: generated from the same clap command as `--help`,
//! in the interface language.

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// A completion script for `shell` on stdout (written whole, so a closed pipe is no panic).
pub fn completions(lang: Lang, shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = crate::cli_lang::command(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "sgz", &mut script);
    super::out(None, &script)
}

/// The manual page (roff) on stdout: `sgz man > sgz.1`.
pub fn man(lang: Lang) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli_lang::command(lang))
        .render(&mut page)
        .map_err(|e| Error::io("sgz.1", e))?;
    super::out(None, &page)
}
