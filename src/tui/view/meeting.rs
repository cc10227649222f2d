//! The meeting view: full screen, large figures, the lagging list; read-only; high contrast,
//! every status in words and glyph.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::dashboard::label;
use super::{block, Ctx};
use crate::domain::coverage::lagging;
use crate::i18n::tui_view as t;
use crate::io::width::{pad, rpad, truncate, width};

/// A 3x5 block font for digits, '.', '%' and '/'.
fn glyph(ch: char) -> [&'static str; 5] {
    match ch {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        '.' => ["   ", "   ", "   ", "   ", " █ "],
        '%' => ["█ █", "  █", " █ ", "█  ", "█ █"],
        '/' => ["  █", "  █", " █ ", "█  ", "█  "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

pub fn big(text: &str) -> Vec<String> {
    (0..5)
        .map(|row| {
            text.chars()
                .map(|ch| glyph(ch)[row])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let strong = Style::default().add_modifier(Modifier::BOLD);
    let [head, figures, list, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(9),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let w = area.width as usize;
    let title = format!(
        "{} · {} {} · {}",
        d.report.scope_name,
        t::MEETING_AS_OF.get(c.lang()),
        s.as_of,
        t::MEETING_TITLE.get(c.lang())
    );
    let fresh = format!(
        "{} {}{}",
        t::MEETING_LOADED.get(c.lang()),
        m.loaded_at,
        if m.net.synthetic {
            format!("  {}", crate::i18n::common::SYNTHETIC_NOTE.get(s.lang))
        } else {
            String::new()
        }
    );
    // The policy each figure is judged by: its document number and title.
    let policy = if d.report.blocks.is_empty() {
        t::MEETING_NO_POLICY.get(c.lang()).to_string()
    } else {
        let mut docs: Vec<String> = Vec::new();
        for b in &d.report.blocks {
            let title = match m.profiles.iter().find(|p| p.id == b.policy) {
                Some(p) => c
                    .lang()
                    .pick(format!("《{}》", p.title), format!("({})", p.title_en)),
                None => format!("《{}》", b.policy_title),
            };
            let doc = format!("{} {title}", b.doc_number);
            if !docs.contains(&doc) {
                docs.push(doc);
            }
        }
        format!("{}{}", t::MEETING_POLICY.get(c.lang()), docs.join("；"))
    };
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(truncate(&title, w), strong)),
            Line::from(Span::styled(truncate(&policy, w), strong)),
            Line::from(Span::styled(truncate(&fresh, w), c.theme.dim())),
        ]),
        head,
    );
    let ms = d.milestones();
    if ms.is_empty() {
        f.render_widget(Paragraph::new(t::MEETING_NO_POLICY.get(c.lang())), figures);
    } else {
        // Up to three milestones side by side, the selected one first among them.
        let k = s.dash.milestone.min(ms.len() - 1);
        let shown: Vec<_> = ms.iter().cycle().skip(k).take(ms.len().min(3)).collect();
        let cols = Layout::horizontal(vec![Constraint::Ratio(1, shown.len() as u32); shown.len()])
            .split(figures);
        for (area, (_, mr)) in cols.iter().zip(shown) {
            let pct = format!("{:.0}%", mr.ratio * 100.0);
            let mut lines: Vec<Line> = vec![Line::from(Span::styled(
                truncate(
                    &format!("{} {}", mr.status.glyph(), label(c, mr)),
                    area.width as usize,
                ),
                strong,
            ))];
            let fits = big(&pct).first().map(|l| width(l)).unwrap_or(0) <= area.width as usize;
            if fits {
                lines.extend(
                    big(&pct)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, strong))),
                );
            } else {
                lines.push(Line::from(Span::styled(pct, strong)));
            }
            lines.push(Line::from(format!(
                "{}/{}  {} {}",
                mr.covered,
                mr.required,
                t::MEETING_DUE.get(c.lang()),
                mr.deadline
            )));
            lines.push(Line::from(Span::styled(
                truncate(
                    &s.lang.pick(mr.status.text_zh(), mr.status.text_en()),
                    area.width as usize,
                ),
                strong,
            )));
            f.render_widget(Paragraph::new(lines), *area);
        }
    }
    let lagging_title = if s.dash.by_duties {
        crate::i18n::duties::MEETING_LAGGING
    } else {
        t::MEETING_LAGGING
    };
    let title = format!(" {} ", lagging_title.get(c.lang()));
    let b = block(Span::styled(title, strong));
    let inner = b.inner(list);
    f.render_widget(b, list);
    if s.dash.by_duties {
        super::duties::ranking_lines(f, inner, c, strong);
    } else if let Some((_, mr)) = d.selected(s.dash.milestone) {
        let rows = lagging(&mr.children);
        let h = inner.height as usize;
        let iw = inner.width as usize;
        // Two columns when wide enough, so more rows fit on a projector.
        let per_col = if iw >= 100 { 2 } else { 1 };
        let col_w = iw / per_col;
        let mut lines: Vec<String> = vec![String::new(); h];
        for (k, r) in rows.iter().take(h * per_col).enumerate() {
            let reached = r.covered >= r.required;
            let late = if r.days_late > 0 && reached {
                t::MEETING_REACHED_LATE.fill(s.lang, &[("n", &r.days_late)])
            } else if r.days_late > 0 {
                t::MEETING_LATE.fill(s.lang, &[("n", &r.days_late)])
            } else if reached {
                " ✔".to_string()
            } else {
                String::new()
            };
            let cell = format!(
                "{:>2}. {} {} {}{late}",
                k + 1,
                pad(&r.name, 14),
                rpad(&format!("{}/{}", r.covered, r.required), 8),
                rpad(&format!("{:.0}%", r.ratio() * 100.0), 4)
            );
            let row = k % h;
            lines[row].push_str(&pad(&cell, col_w));
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
    // A command line opened here is typed on the foot line, where it can be seen.
    if matches!(s.overlay, crate::tui::state::Overlay::Command(_)) {
        super::status::line(f, foot, c);
        return;
    }
    let hint = t::MEETING_KEYS.get(c.lang());
    let msg = s
        .message
        .as_ref()
        .map(|x| x.text.clone())
        .unwrap_or_else(|| hint.to_string());
    f.render_widget(
        Paragraph::new(Span::styled(truncate(&msg, w), c.theme.bar())),
        foot,
    );
}
