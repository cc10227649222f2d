//! The help overlay, generated from the active keymap: every binding of every mode, grouped
//! by mode, described in the UI language.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::table::{Col, Field, List};
use super::{block, centered, Ctx};
use crate::i18n::{tui_view as t, Lang};
use crate::io::width::{truncate, width};
use crate::tui::action::{Action, Table};
use crate::tui::keymap::Keymap;

/// One line of the help: a mode's name, or an action with all its keys.
pub enum Entry {
    Mode(&'static str),
    Keys(String, &'static str),
    Note(String),
}

/// The help: per mode, each action once with all its keys.
pub fn entries(keys: &Keymap, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    for mode in Table::ALL {
        let mut per: Vec<(Action, Vec<String>)> = Vec::new();
        for (k, a) in keys.bindings(mode) {
            match per.iter_mut().find(|(x, _)| x == a) {
                Some((_, ks)) => ks.push(k.display()),
                None => per.push((*a, vec![k.display()])),
            }
        }
        if per.is_empty() {
            continue;
        }
        per.sort_by_key(|(a, _)| Action::ALL.iter().position(|x| x == a));
        out.push(Entry::Mode(mode.name(lang)));
        for (a, ks) in per {
            out.push(Entry::Keys(format!("  {}", ks.join(" ")), a.describe(lang)));
        }
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let lang = c.s.lang;
    let r = centered(
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    let title = format!(" {} ", t::HELP_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, r.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let bindings = entries(c.keys, c.s.lang);
    // The keys column as wide as its widest entry anywhere, so scrolling does not move it.
    let keys_w = bindings
        .iter()
        .map(|e| match e {
            Entry::Mode(t) => width(t),
            Entry::Keys(k, _) => width(k),
            Entry::Note(_) => 0,
        })
        .max()
        .unwrap_or(0);
    // The keymaps read; when they have problems, first and with every problem whole (wrapped,
    // never cut), else after the bindings.
    let note_w =
        (inner.width as usize).saturating_sub(keys_w.max(8) + super::table::SPACING as usize);
    let sources = Entry::Note(format!(
        "{} {}",
        t::HELP_KEYMAPS.get(lang),
        c.keys.sources.join(" + ")
    ));
    let mut all = Vec::new();
    if c.keys.problems.is_empty() {
        all.extend(bindings);
        all.push(Entry::Note(String::new()));
        all.push(sources);
    } else {
        all.push(sources);
        for p in &c.keys.problems {
            all.extend(
                wrap(&format!("⚠ {}", p.text(c.s.lang)), note_w)
                    .into_iter()
                    .map(Entry::Note),
            );
        }
        all.push(Entry::Note(String::new()));
        all.extend(bindings);
    }
    let off = (c.s.help_offset() as usize).min(all.len().saturating_sub(1));
    let rows: Vec<Vec<Field>> = all
        .into_iter()
        .skip(off)
        .take(inner.height as usize)
        .map(|e| match e {
            Entry::Mode(name) => vec![Field::styled(name, c.theme.accent())],
            Entry::Keys(keys, what) => vec![Field::plain(keys), Field::plain(what)],
            // Notes are as long as a path: they go in the wide column.
            Entry::Note(text) => vec![Field::plain(""), Field::plain(text)],
        })
        .collect();
    List {
        cols: vec![Col::fit(8).keep(6).at_least(keys_w), Col::grow(16).keep(5)],
        header: None,
        rows,
        selected: None,
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
}

/// `text` in lines of at most `w` columns, broken after a space where the line has one
/// (Chinese, without spaces, anywhere; a character wider than `w` gets a line of its own).
fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let line = crate::io::width::cut(rest, w.max(1));
        let line = if line.is_empty() {
            rest.chars().next().map_or(rest, |c| &rest[..c.len_utf8()])
        } else if line.len() < rest.len() {
            match line.rfind(' ') {
                Some(i) if i > 0 => &line[..=i],
                _ => line,
            }
        } else {
            line
        };
        out.push(line.to_string());
        rest = &rest[line.len()..];
    }
    out
}
