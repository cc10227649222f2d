//! The overview of every bound jurisdiction: one row each with its worst milestone, its
//! numbers and its status in words and glyph. Enter opens one; `S` at a region's top comes back.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::Frame;

use super::dashboard::{label, status_style};
use super::table::{first_row, Col, Field, List};
use super::{block, Ctx};
use crate::i18n::tui_view as t;
use crate::io::width::truncate;

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let lang = c.lang();
    let rows = d.overview(m);
    let title = format!(
        " {} · {} {} · {} ",
        t::OVERVIEW_TITLE.get(lang),
        t::DASH_AS_OF.get(lang),
        s.as_of,
        t::OVERVIEW_KEYS.get(lang)
    );
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let body = (inner.height as usize).saturating_sub(1);
    let sel = s.overview.unwrap_or(0).min(rows.len().saturating_sub(1));
    let start = first_row(sel, body);
    let fields: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(body)
        .map(|r| match &r.worst {
            Some(w) => {
                let style = status_style(c, &w.status);
                vec![
                    Field::styled(format!("{} {}", r.name, r.code), style),
                    Field::styled(r.doc_number.as_str(), style),
                    Field::styled(format!("{} {}", w.status.glyph(), label(c, w)), style),
                    Field::styled(w.deadline.to_string(), style),
                    Field::styled(format!("{}/{}", w.covered, w.required), style),
                    Field::styled(format!("{:.1}%", w.ratio * 100.0), style),
                    Field::styled(lang.pick(w.status.text_zh(), w.status.text_en()), style),
                ]
            }
            None => vec![
                Field::plain(format!("{} {}", r.name, r.code)),
                Field::plain(r.doc_number.as_str()),
                Field::plain(if r.loaded {
                    t::NO_POLICY.get(lang)
                } else {
                    t::TREE_LOADING.get(lang)
                }),
                Field::plain(""),
                Field::plain(""),
                Field::plain(""),
                Field::plain(""),
            ],
        })
        .collect();
    List {
        // The jurisdiction, its numbers and status stay; the document number gives way first,
        // then the milestone's name (its glyph stays).
        cols: vec![
            Col::fit(8).keep(7),
            Col::fit(10).keep(0).optional(),
            Col::grow(12).keep(1),
            Col::fit(10).keep(3),
            Col::fit(8).keep(5).right(),
            Col::fit(5).keep(4).right(),
            Col::grow(10).keep(2),
        ],
        header: Some((
            vec![
                t::COL_JURISDICTION.get(lang),
                t::COL_DOC.get(lang),
                t::COL_WORST.get(lang),
                t::COL_DEADLINE.get(lang),
                t::COL_COVERED.get(lang),
                "%",
                t::COL_STATUS.get(lang),
            ],
            c.theme.dim(),
        )),
        rows: fields,
        selected: (!rows.is_empty()).then_some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
}
