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
        // Written as a keymap file names keys and actions, never cut: the output is a file
        // that `--keymap` reads back as it is.
        for (k, a) in km.bindings(mode) {
            s.push_str(&format!(
                "{} = {}  # {}\n",
                fill(&quoted(&k.spec()), 14),
                fill(&quoted(a.name()), 20),
                a.describe(ctx.lang)
            ));
        }
    }
    for p in &km.problems {
        let p = p.text(ctx.lang);
        crate::say!(
            "{}",
            crate::i18n::cli::KEYMAP_FROM.fill(ctx.lang, &[("path", &p)])
        );
    }
    out(None, s.as_bytes())
}

/// `s` and spaces up to `w` columns; never cut.
fn fill(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(text::width(s))))
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
