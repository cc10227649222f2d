//! View 5: every compliance alert under the scope, by severity then due date, with its clause
//! and what to do. The same list `sgz check` prints.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{block, Ctx};
use crate::domain::rules::Severity;
use crate::io::width::{pad, truncate};

fn sev_style(c: &Ctx, s: Severity) -> Style {
    match s {
        Severity::Critical => c.theme.bad(),
        Severity::Warning => c.theme.warn(),
        Severity::Info => c.theme.accent(),
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let alerts = d.alerts(m);
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let count = |sev: Severity| alerts.iter().filter(|a| a.severity == sev).count();
    let title = format!(
        " {} {} · {} {} {} {} {} {} · Enter {} ",
        c.tr("告警", "Alerts"),
        d.report.scope_name,
        Severity::Critical.glyph(),
        count(Severity::Critical),
        Severity::Warning.glyph(),
        count(Severity::Warning),
        Severity::Info.glyph(),
        count(Severity::Info),
        c.tr("转到站点或人员", "goes to the site or person")
    );
    let b = block(Span::styled(
        truncate(&title, list.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(list);
    f.render_widget(b, list);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let sel = s.alerts_selected.min(alerts.len().saturating_sub(1));
    let start = if sel >= h { sel + 1 - h } else { 0 };
    let mut lines = Vec::new();
    for (k, a) in alerts.iter().enumerate().skip(start).take(h) {
        let who = match a
            .staff_id
            .and_then(|id| m.net.staff.iter().find(|p| p.id == id))
        {
            Some(p) => format!("{}@{}", p.name, m.net.tree.node(a.node).name),
            None => m.net.tree.node(a.node).name.to_string(),
        };
        let due = match (a.due, a.days_left) {
            (Some(dd), Some(x)) => format!(
                "{dd} {}",
                crate::i18n::domain::days(x, crate::i18n::Lang::from_en(s.en))
            ),
            (Some(dd), None) => dd.to_string(),
            _ => String::new(),
        };
        let text = format!(
            "{} {} {} {} {}",
            a.severity.glyph(),
            pad(a.kind.name(s.en), 16),
            pad(&who, 18),
            pad(&due, 22),
            a.cite.clause
        );
        let style = if k == sel {
            c.theme.selected()
        } else {
            sev_style(c, a.severity)
        };
        lines.push(Line::from(Span::styled(pad(&truncate(&text, w), w), style)));
    }
    if alerts.is_empty() {
        lines.push(Line::from(
            c.tr("此范围当日没有告警", "No alerts in this scope on this date"),
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let b = block(Span::styled(
        c.tr(" 怎么办 ", " What to do "),
        c.theme.title(),
    ));
    let dinner = b.inner(detail);
    f.render_widget(b, detail);
    if let Some(a) = alerts.get(sel) {
        let dw = dinner.width as usize;
        let mut out = Vec::new();
        let mut rest = crate::i18n::domain::describe(&a.fact, crate::i18n::Lang::from_en(s.en));
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
        let cite = format!(
            "{} {}",
            a.cite.clause,
            if s.en { &a.cite.en } else { &a.cite.zh }
        );
        out.push(Line::from(Span::styled(truncate(&cite, dw), c.theme.dim())));
        f.render_widget(Paragraph::new(out), dinner);
    }
}
