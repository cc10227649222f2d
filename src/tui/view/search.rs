//! The search popup: query line and results with their full path, best first.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, centered, Ctx};
use crate::i18n::tui_view as t;
use crate::io::width::truncate;

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m) = (c.s, c.m);
    let Some(search) = s.search() else { return };
    let lang = s.lang;
    let r = centered(
        area,
        area.width.saturating_sub(6).min(100),
        area.height.saturating_sub(2).min(22),
    );
    f.render_widget(Clear, r);
    let title = format!(" {} ", t::SEARCH_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, r.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let q = search.input.value();
    let status = if q.trim().is_empty() {
        t::SEARCH_HINT.get(lang).to_string()
    } else if search.waiting() {
        t::SEARCH_WAITING.get(lang).to_string()
    } else if search.hits.is_empty() {
        t::SEARCH_NONE.get(lang).to_string()
    } else {
        t::SEARCH_COUNT.fill(lang, &[("n", &search.hits.len())])
    };
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("/ ", c.theme.accent()),
                Span::raw(truncate(q, (head.width as usize).saturating_sub(2))),
            ]),
            Line::from(Span::styled(status, c.theme.dim())),
        ]),
        head,
    );
    f.set_cursor_position((inner.x + 2 + search.input.visual_cursor() as u16, inner.y));
    let h = list.height as usize;
    let sel = search.selected;
    let start = first_row(sel, h);
    let rows: Vec<Vec<Field>> = search
        .hits
        .iter()
        .skip(start)
        .take(h)
        .map(|&node| {
            vec![
                Field::plain(m.net.tree.node(node).code_str()),
                Field::plain(m.net.tree.path_names(node, " › ")),
            ]
        })
        .collect();
    List {
        cols: vec![Col::fit(6).keep(9), Col::grow(10).keep(5)],
        header: None,
        selected: (!rows.is_empty()).then_some(sel.saturating_sub(start)),
        rows,
        selected_style: c.theme.selected(),
    }
    .render(f, list);
}
