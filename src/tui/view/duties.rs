//! View 6: the duties owed under the scope, one row per instance (owner, duty, period), most
//! overdue first, with the clause and due rule of the selected one below; `r` marks it
//! received (a date over the list, today to start with), `u` undoes the last mark.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, centered, Ctx};
use crate::domain::duties::{Status, Tally};
use crate::i18n::duties as dm;
use crate::io::duties::status_word;
use crate::io::width::{pad, truncate};
use crate::tui::action::{Action, Table};
use crate::tui::state::{DutySort, Overlay};

fn style(c: &Ctx, s: &Status) -> Style {
    match s {
        Status::Missing { .. } => c.theme.bad(),
        Status::Late { .. } => c.theme.warn(),
        Status::NotYetDue => c.theme.dim(),
        Status::Received(_) => Style::default(),
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let lang = s.lang;
    let all = d.duty_rows(m);
    let rows = crate::tui::duties::sorted(all, s.duties.sort);
    let mut tally = Tally::default();
    for r in all {
        tally.add(&r.status);
    }
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let sort = match s.duties.sort {
        DutySort::Overdue => dm::VIEW_SORT_OVERDUE.get(lang),
        DutySort::Due => "",
    };
    let title = format!(
        " {} ",
        dm::VIEW_TITLE.fill(
            lang,
            &[
                ("scope", &d.report.scope_name),
                ("as_of", &d.as_of),
                ("missing", &tally.missing),
                ("late", &tally.late),
                ("received", &tally.received()),
                ("due", &tally.due_so_far()),
                ("sort", &sort),
            ],
        )
    );
    let b = block(Span::styled(
        truncate(&title, list.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(list);
    f.render_widget(b, list);
    let body = (inner.height as usize).saturating_sub(1);
    let sel = s.duties.selected.min(rows.len().saturating_sub(1));
    let start = first_row(sel, body);
    let cells: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(body)
        .map(|r| {
            let st = style(c, &r.status);
            let days = match r.status.days_late() {
                0 => String::new(),
                n => dm::DAYS.fill(lang, &[("n", &n)]),
            };
            vec![
                Field::styled(status_word(&r.status, lang), st),
                Field::styled(m.net.tree.node(r.owner).name.as_str(), st),
                Field::styled(lang.pick(r.label_zh.as_str(), r.label_en.as_str()), st),
                Field::styled(r.period.as_str(), st),
                Field::styled(r.due.to_string(), st),
                Field::styled(days, st),
                Field::styled(r.clause.as_str(), st),
            ]
        })
        .collect();
    List {
        // The status, the owner and the period stay; the clause, repeated below, goes first.
        cols: vec![
            Col::fit(6).keep(9),
            Col::fit(8).keep(8),
            Col::grow(10).keep(5),
            Col::fit(7).keep(7),
            Col::fit(10).keep(6),
            Col::fit(6).keep(4),
            Col::fit(10).keep(1).optional(),
        ],
        header: Some((
            vec![
                dm::COL_STATUS.get(lang),
                dm::COL_OWNER.get(lang),
                dm::COL_DUTY.get(lang),
                dm::COL_PERIOD.get(lang),
                dm::COL_DUE.get(lang),
                dm::COL_DAYS_LATE.get(lang),
                crate::i18n::tui_view::COL_CLAUSE.get(lang),
            ],
            c.theme.dim(),
        )),
        rows: cells,
        selected: (!rows.is_empty()).then_some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
    if rows.is_empty() {
        super::table::empty_note(f, inner, dm::VIEW_EMPTY.get(lang));
    }
    let key = |a: Action| {
        c.keys
            .keys_for(Table::Duties, a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let hint = format!(
        " {} · {} {} · {} {} · {} {} ",
        dm::DETAIL.get(lang),
        key(Action::MarkReceived),
        dm::HINT_MARK.get(lang),
        key(Action::Undo),
        dm::HINT_UNDO.get(lang),
        key(Action::CycleSort),
        dm::HINT_SORT.get(lang),
    );
    let b = block(Span::styled(
        truncate(&hint, detail.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let dinner = b.inner(detail);
    f.render_widget(b, detail);
    if let Some(r) = rows.get(sel) {
        let w = dinner.width as usize;
        let to = lang.pick(&r.to_zh, &r.to_en);
        let mut head = format!("{} {} → {}", r.doc_number, r.clause, to);
        if r.due_by_bureau {
            head.push_str(" · ");
            head.push_str(dm::DUE_BUREAU.get(lang));
        }
        let mut who = match r.status {
            Status::Received(on) | Status::Late { on, .. } => format!(
                "{} {} {}",
                dm::COL_RECEIVED.get(lang),
                on,
                r.recorded_by.as_deref().unwrap_or("")
            ),
            _ => String::new(),
        };
        if let Some(n) = &r.note {
            who.push_str(" · ");
            who.push_str(n);
        }
        let rule = lang.pick(&r.rule_zh, &r.rule_en);
        let lines = vec![
            Line::from(truncate(&crate::domain::text::escape(&head), w)),
            Line::from(Span::styled(
                truncate(&crate::domain::text::escape(rule), w),
                c.theme.dim(),
            )),
            Line::from(truncate(&crate::domain::text::escape(&who), w)),
        ];
        f.render_widget(Paragraph::new(lines), dinner);
    }
    mark_form(f, list, c);
}

fn mark_form(f: &mut Frame, area: Rect, c: &Ctx) {
    let Overlay::MarkDuty(fm) = &c.s.overlay else {
        return;
    };
    let lang = c.s.lang;
    let w = 64.min(area.width);
    let r = centered(area, w, 6.min(area.height));
    f.render_widget(Clear, r);
    let b = block(Span::styled(
        format!(" {} ", crate::i18n::tui::ACTION_MARK_RECEIVED.get(lang)),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let iw = inner.width as usize;
    let prompt = dm::MARK_PROMPT.get(lang);
    let mut lines = vec![
        Line::from(truncate(&crate::domain::text::escape(&fm.what), iw)),
        Line::from(Span::styled(truncate(prompt, iw), c.theme.dim())),
        Line::from(Span::styled(pad(fm.input.value(), 12), c.theme.selected())),
    ];
    if let Some(e) = &fm.error {
        lines.push(Line::from(Span::styled(
            truncate(&format!("✘ {e}"), iw),
            c.theme.bad(),
        )));
    }
    f.set_cursor_position((inner.x + fm.input.visual_cursor() as u16, inner.y + 2));
    f.render_widget(Paragraph::new(lines), inner);
}

fn ranking_style(c: &Ctx, r: &crate::domain::duties::ChildDuties) -> Style {
    if r.missing > 0 {
        c.theme.bad()
    } else if r.late > 0 {
        c.theme.warn()
    } else {
        c.theme.good()
    }
}

fn ranking_text(c: &Ctx, r: &crate::domain::duties::ChildDuties) -> String {
    let mark = if r.missing > 0 {
        "✘"
    } else if r.late > 0 {
        "⚠"
    } else {
        "✓"
    };
    format!(
        "{mark} {}",
        dm::LAGGING_ROW.fill(
            c.s.lang,
            &[("missing", &r.missing), ("late", &r.late), ("due", &r.due)]
        )
    )
}

/// The dashboard's 红黑榜 ranked by missing duties: children of the scope, worst first.
pub fn ranking_list(f: &mut Frame, area: Rect, c: &Ctx) {
    let lang = c.s.lang;
    let title = format!(" {} ", dm::LAGGING_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let rows = crate::tui::duties::ranking(c.d, c.m);
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(crate::i18n::tui_view::NO_CHILDREN.get(lang)),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let sel = c.s.dash.child.min(rows.len() - 1);
    let start = first_row(sel, h);
    let cells: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(h)
        .map(|r| {
            let st = ranking_style(c, r);
            vec![
                Field::styled(c.m.net.tree.node(r.node).name.as_str(), st),
                Field::styled(ranking_text(c, r), st),
            ]
        })
        .collect();
    List {
        cols: vec![Col::grow(8).keep(6), Col::fit(10).keep(8)],
        header: None,
        rows: cells,
        selected: Some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
}

/// The meeting view's 红黑榜 ranked by missing duties, in its large plain lines.
pub fn ranking_lines(f: &mut Frame, inner: Rect, c: &Ctx, strong: Style) {
    let rows = crate::tui::duties::ranking(c.d, c.m);
    let h = inner.height as usize;
    let iw = inner.width as usize;
    let per_col = if iw >= 100 { 2 } else { 1 };
    let col_w = iw / per_col;
    let mut lines: Vec<String> = vec![String::new(); h];
    for (k, r) in rows.iter().take(h * per_col).enumerate() {
        let cell = format!(
            "{:>2}. {} {}",
            k + 1,
            pad(c.m.net.tree.node(r.node).name.as_str(), 14),
            ranking_text(c, r)
        );
        lines[k % h.max(1)].push_str(&pad(&truncate(&cell, col_w), col_w));
    }
    f.render_widget(
        Paragraph::new(
            lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, strong)))
                .collect::<Vec<_>>(),
        ),
        inner,
    );
}
