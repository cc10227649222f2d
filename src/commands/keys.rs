//! `sgz keys`: the active keymap and any problems in it.

use std::path::Path;

use super::{out, Ctx};
use crate::error::Result;
use crate::io::width as text;

/// `sgz keys`: the active keymap per mode with descriptions, then any problems.
pub fn keys(ctx: &Ctx, file: Option<&Path>) -> Result<()> {
    use crate::tui::action::Table;
    let km = crate::tui::keymap::Keymap::load(file);
    let mut s = format!("# {}\n", km.sources.join(" + "));
    for mode in Table::ALL {
        s.push_str(&format!(
            "\n[{}]  # {}\n",
            mode.as_str(),
            mode.name(ctx.lang)
        ));
        for (k, a) in km.bindings(mode) {
            s.push_str(&format!(
                "{} = {}  # {}\n",
                text::pad(&format!("{:?}", k.display()), 14),
                text::pad(&format!("{:?}", a.name()), 18),
                a.describe(ctx.lang)
            ));
        }
    }
    for p in &km.problems {
        eprintln!(
            "{}",
            crate::i18n::cli::KEYMAP_FROM.fill(ctx.lang, &[("path", p)])
        );
    }
    out(None, s.as_bytes())
}
