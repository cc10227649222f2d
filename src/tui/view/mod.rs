//! Rendering: derive what to show from State, Model and Derived, draw it. No I/O.

mod alerts;
mod contracts;
mod dashboard;
mod duties;
mod forms;
mod help;
mod meeting;
mod overview;
mod scores;
mod search;
mod staff;
mod status;
mod table;
mod tree;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::action::Table;
use super::keymap::Keymap;
use super::model::{Derived, Model};
use super::state::{State, View};
use super::theme::Theme;
use crate::i18n::tui_view as t;

pub const MIN_W: u16 = 80;
pub const MIN_H: u16 = 24;

/// A hint line from the active keymap: per item, the first two keys bound in `tables` to its
/// actions (taken in order, joined by `/`), then its word; an item with no key is left out.
pub fn key_hint(
    keys: &Keymap,
    tables: &[Table],
    items: &[(&[super::action::Action], &str)],
) -> String {
    let mut out: Vec<String> = Vec::new();
    for (actions, word) in items {
        let mut ks: Vec<String> = Vec::new();
        for &a in *actions {
            let bound = tables
                .iter()
                .map(|&t| keys.keys_for(t, a))
                .find(|k| !k.is_empty())
                .unwrap_or_default();
            for k in bound {
                if ks.len() < 2 && !ks.contains(&k) {
                    ks.push(k);
                }
            }
        }
        if !ks.is_empty() {
            out.push(format!("{} {word}", ks.join("/")));
        }
    }
    out.join("  ")
}

pub struct Ctx<'a> {
    pub s: &'a State,
    pub m: &'a Model,
    pub d: &'a Derived,
    pub keys: &'a Keymap,
    pub theme: Theme,
}

impl Ctx<'_> {
    /// The interface language.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.s.lang
    }
}

/// Rows available for the list of the current view at this size (for page up/down).
pub fn page_rows(area: Rect, s: &State) -> usize {
    let main = area.height.saturating_sub(2) as usize;
    if s.overview.is_some() {
        return main.saturating_sub(3).max(1);
    }
    match s.view {
        View::Tree => main.saturating_sub(2).max(1),
        View::Dashboard => (main / 2).max(1),
        View::Scores | View::Staff | View::Alerts => main.saturating_sub(4).max(1),
        View::Duties => main.saturating_sub(8).max(1),
    }
}

pub fn render(f: &mut Frame, c: &Ctx) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(f, area, c);
        return;
    }
    if c.s.meeting {
        if c.m.net.sites_loaded(c.s.scope) {
            meeting::render(f, area, c);
        } else {
            loading(f, area, c);
        }
        // Whatever a key opened over the meeting view is drawn over it (the command line
        // is drawn on its foot line).
        match c.s.table() {
            Table::Search => search::render(f, area, c),
            Table::Help => help::render(f, area, c),
            _ => {}
        }
        return;
    }
    let [main, bar, line] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match c.s.view {
        _ if c.s.overview.is_some() => overview::render(f, main, c),
        View::Tree => tree::render(f, main, c),
        // A scope outside the region loaded so far: say so instead of empty lists and zeros.
        // Coverage needs the sites; the lists of people, sheets and alerts the staff and
        // evaluations as well.
        View::Dashboard | View::Duties if !c.m.net.sites_loaded(c.s.scope) => loading(f, main, c),
        View::Scores | View::Staff | View::Alerts if !c.m.net.is_loaded(c.s.scope) => {
            loading(f, main, c)
        }
        View::Dashboard => dashboard::render(f, main, c),
        View::Scores => scores::render(f, main, c),
        View::Staff => staff::render(f, main, c),
        View::Alerts => alerts::render(f, main, c),
        View::Duties => duties::render(f, main, c),
    }
    status::bar(f, bar, c);
    status::line(f, line, c);
    contracts::render(f, main, c);
    match c.s.table() {
        Table::Search => search::render(f, main, c),
        Table::Help => help::render(f, main, c),
        _ => {}
    }
}

fn too_small(f: &mut Frame, area: Rect, c: &Ctx) {
    let lang = c.lang();
    let text = vec![
        Line::from(t::TOO_SMALL.get(lang)),
        Line::from(t::TOO_SMALL_SIZE.fill(
            lang,
            &[
                ("now", &format!("{}x{}", area.width, area.height)),
                ("min", &format!("{MIN_W}x{MIN_H}")),
            ],
        )),
        Line::from(t::TOO_SMALL_HINT.get(lang)),
    ];
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// A bordered block with a title.
pub fn block<'a>(title: impl Into<Line<'a>>) -> Block<'a> {
    Block::default().borders(Borders::ALL).title(title)
}

/// `b` with a note on its bottom edge when the scope reaches beyond the actor's grant, so a
/// list of people or scores that leaves some out says why.
pub fn grant_note<'a>(b: Block<'a>, c: &Ctx) -> Block<'a> {
    match c.d.personal_limit(c.m) {
        Some(grant) => {
            let text = crate::i18n::tui_view::PERSONAL_LIMIT.fill(c.lang(), &[("grant", &grant)]);
            b.title_bottom(Line::from(format!(" {text} ")))
        }
        None => b,
    }
}

/// A centred rectangle of the given size, clipped to `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The panel shown for a scope whose data is still loading in the background.
fn loading(f: &mut Frame, area: Rect, c: &Ctx) {
    let scope = c.m.net.tree.node(c.s.scope);
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", scope.name));
    let text = vec![
        Line::from(format!(
            "⋯ {}",
            if c.m.net.sites_loaded(c.s.scope) {
                // Only the province's people are missing (the scope moved to this province).
                t::LOADING_PROVINCE.get(c.lang())
            } else {
                t::LOADING_NATION.get(c.lang())
            }
        )),
        Line::from(t::LOADING_MEANWHILE.get(c.lang())),
    ];
    f.render_widget(
        Paragraph::new(text).block(b).wrap(Wrap { trim: true }),
        area,
    );
}
