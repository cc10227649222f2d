//! View 5: every compliance alert under the scope, by severity then due date, with its clause
//! and what to do. The same list `sgz check` prints.

use crate::i18n::names::Named;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, Ctx};
use crate::domain::rules::Severity;
use crate::i18n::{tui_view as t, Lang};
use crate::io::width::truncate;

fn sev_style(c: &Ctx, s: Severity) -> Style {
    match s {
        Severity::Critical => c.theme.bad(),
        Severity::Warning => c.theme.warn(),
        Severity::Info => c.theme.accent(),
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let lang = s.lang;
    let alerts = crate::tui::model::filtered_alerts(d, m, s);
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let count = |sev: Severity| alerts.iter().filter(|a| a.severity == sev).count();
    // The filters, first so that a narrow title keeps them: what is hidden must show.
    let filter = match (s.alerts_severity, s.alerts_kind) {
        (None, None) => String::new(),
        (sev, kind) => {
            let words: Vec<&str> = [
                sev.map(|x| lang.pick(x.name_zh(), x.name_en())),
                kind.map(|x| lang.pick(x.name_zh(), x.name_en())),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!(" · {}{}", t::ALERTS_ONLY.get(lang), words.join(" + "))
        }
    };
    let title = format!(
        " {} {}{} · {} {} {} {} {} {} · Enter {} ",
        t::ALERTS_TITLE.get(lang),
        d.report.scope_name,
        filter,
        Severity::Critical.glyph(),
        count(Severity::Critical),
        Severity::Warning.glyph(),
        count(Severity::Warning),
        Severity::Info.glyph(),
        count(Severity::Info),
        t::ALERTS_ENTER.get(lang)
    );
    let b = super::grant_note(
        block(Span::styled(
            truncate(&title, list.width.saturating_sub(2) as usize),
            c.theme.title(),
        )),
        c,
    );
    let inner = b.inner(list);
    f.render_widget(b, list);
    let body = (inner.height as usize).saturating_sub(1);
    let sel = s.alerts_selected.min(alerts.len().saturating_sub(1));
    let start = first_row(sel, body);
    let rows: Vec<Vec<Field>> = alerts
        .iter()
        .skip(start)
        .take(body)
        .map(|a| {
            let style = sev_style(c, a.severity);
            let person = a
                .staff_id
                .and_then(|id| m.net.staff.iter().find(|p| p.id == id))
                .map(|p| p.name.as_str())
                .unwrap_or("");
            let due = match (a.due, a.days_left) {
                (Some(dd), Some(x)) => {
                    format!(
                        "{dd} {}",
                        lang.pick(
                            crate::i18n::domain::days_to(Some(dd), x, Lang::Zh),
                            crate::i18n::domain::days_to(Some(dd), x, Lang::En)
                        )
                    )
                }
                (Some(dd), None) => dd.to_string(),
                _ => String::new(),
            };
            vec![
                Field::styled(a.severity.glyph(), style),
                Field::styled(s.lang.pick(a.kind.name_zh(), a.kind.name_en()), style),
                Field::styled(person, style),
                Field::styled(m.net.tree.node(a.node).name.as_str(), style),
                Field::styled(due, style),
                Field::styled(a.cite.clause.as_str(), style),
            ]
        })
        .collect();
    List {
        // The person, the place and the date stay; the clause, repeated below for the
        // selected alert, gives way first.
        cols: vec![
            Col::fit(1).keep(9),
            Col::fit(8).keep(5),
            Col::fit(4).keep(8),
            Col::grow(10).keep(4),
            Col::fit(10).keep(7),
            Col::fit(16).keep(1).optional(),
        ],
        header: Some((
            vec![
                "",
                t::COL_ALERT.get(lang),
                t::COL_PERSON.get(lang),
                t::COL_PLACE.get(lang),
                t::COL_DUE.get(lang),
                t::COL_CLAUSE.get(lang),
            ],
            c.theme.dim(),
        )),
        rows,
        selected: (!alerts.is_empty()).then_some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
    if alerts.is_empty() {
        let none = if filter.is_empty() {
            t::NO_ALERTS
        } else {
            t::NO_ALERTS_FILTERED
        };
        super::table::empty_note(f, inner, none.get(lang));
    }
    let b = block(Span::styled(
        format!(" {} ", t::WHAT_TO_DO.get(lang)),
        c.theme.title(),
    ));
    let dinner = b.inner(detail);
    f.render_widget(b, detail);
    if let Some(a) = alerts.get(sel) {
        let dw = dinner.width as usize;
        let mut out = Vec::new();
        let mut rest =
            crate::domain::text::escape(&crate::i18n::domain::describe(&a.fact, lang)).into_owned();
        while !rest.is_empty() && out.len() < 2 {
            let piece: String = {
                let mut used = 0;
                rest.chars()
                    .take_while(|ch| {
                        used += unicode_width::UnicodeWidthChar::width(*ch).unwrap_or(0);
                        used <= dw
                    })
                    .collect()
            };
            rest = rest[piece.len()..].to_string();
            out.push(Line::from(piece));
        }
        let cite = format!("{} {}", a.cite.clause, lang.pick(&a.cite.zh, &a.cite.en));
        out.push(Line::from(Span::styled(truncate(&cite, dw), c.theme.dim())));
        f.render_widget(Paragraph::new(out), dinner);
    }
}
