//! View 1: coverage against each milestone, the cumulative chart, the lagging list (红黑榜).

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph};
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, Ctx};
use crate::domain::coverage::{lagging, MilestoneReport, Status, Tone};
use crate::domain::text::escape;
use crate::i18n::standing::{status as status_text, status_short};
use crate::i18n::tui_view as t;
use crate::io::width::{bar, pad, rpad, truncate, width};

pub fn status_style(c: &Ctx, st: &Status) -> Style {
    match st.tone() {
        Tone::Good => c.theme.good(),
        Tone::Warn => c.theme.warn(),
        Tone::Bad => c.theme.bad(),
        Tone::Progress => c.theme.accent(),
        Tone::Neutral => c.theme.dim(),
    }
}

pub fn label<'a>(c: &Ctx, m: &'a MilestoneReport) -> &'a str {
    c.s.lang.pick(&m.label_zh, &m.label_en)
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let d = c.d;
    let ms = d.milestones();
    let blocks = d.report.blocks.len();
    let top_h = (ms.len() * 2 + blocks + 2).min(area.height as usize / 2 + 2) as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h.max(4)), Constraint::Min(6)]).areas(area);
    milestones(f, top, c);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    chart(f, left, c);
    match c.s.dash.policy {
        Some(offset) => policy_panel(f, right, c, offset),
        None => lagging_list(f, right, c),
    }
}

fn milestones(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, d) = (c.s, c.d);
    let scope = &d.report.scope_name;
    let title = format!(
        " {} {scope} · {} {} ",
        t::DASH_TITLE.get(c.lang()),
        t::DASH_AS_OF.get(c.lang()),
        s.as_of
    );
    let b = block(Span::styled(title, c.theme.title()));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if d.report.blocks.is_empty() {
        lines.push(Line::from(t::NO_POLICY.get(c.lang())));
    }
    let sel = d.selected(s.dash.milestone).map(|(_, m)| m.id.clone());
    let sel_block = d.selected(s.dash.milestone).map(|(b, _)| b);
    for (bi, b) in d.report.blocks.iter().enumerate() {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!("■ {} {} — {} {}", b.name, b.code, b.doc_number, b.policy),
                w,
            ),
            c.theme.accent(),
        )));
        for m in &b.milestones {
            let selected = Some(bi) == sel_block && sel.as_deref() == Some(m.id.as_str());
            let mark = if selected { "▸" } else { " " };
            let head = format!(
                "{mark}{} {} {} {}",
                m.status.glyph(),
                pad(label(c, m), w.saturating_sub(30).max(10)),
                m.deadline,
                pad(&m.clause, 14)
            );
            let counts = format!("{}/{}", m.covered, m.required);
            // Nothing to count is not 100%: no bar and no share.
            let na = m.status == Status::NotApplicable;
            let pct = if na {
                "-".to_string()
            } else {
                format!("{:.1}%", m.ratio * 100.0)
            };
            let target = if m.count_target {
                t::COUNT_TARGET.get(c.lang())
            } else {
                ""
            };
            let gauge_w = 16.min(w / 4);
            let status = status_text(&m.status, s.lang);
            let second = format!(
                "   {} {} {}{target} ",
                if na {
                    " ".repeat(gauge_w)
                } else {
                    bar(m.ratio, gauge_w)
                },
                rpad(&counts, 9),
                rpad(&pct, 6)
            );
            let rest = w.saturating_sub(width(&second));
            let style = status_style(c, &m.status);
            let head_style = if selected {
                c.theme.selected()
            } else {
                c.theme.title()
            };
            lines.push(Line::from(Span::styled(pad(&head, w), head_style)));
            lines.push(Line::from(vec![
                Span::styled(second, style),
                Span::styled(truncate(&status, rest), style),
            ]));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn chart(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let Some((bi, mr)) = d.selected(s.dash.milestone) else {
        f.render_widget(block(""), area);
        return;
    };
    let b = &d.report.blocks[bi];
    let title = format!(" {} · {} ", t::CHART_TITLE.get(c.lang()), label(c, mr));
    let blk = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let Some(profile) = m.profiles.iter().find(|p| p.id == b.policy) else {
        f.render_widget(blk, area);
        return;
    };
    let Some(ms) = profile.milestones.iter().find(|x| x.id == mr.id) else {
        f.render_widget(blk, area);
        return;
    };
    let crate::io::svg::ChartData {
        pts,
        start,
        end,
        top: ymax,
        ..
    } = crate::io::svg::chart_data(&m.net, b, mr, ms, profile.issued, s.as_of);
    let x = |dt: NaiveDate| (dt - start).num_days() as f64;
    let mut step: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    let mut last = 0.0;
    for (dt, v) in &pts {
        step.push((x(*dt), last));
        step.push((x(*dt), *v as f64));
        last = *v as f64;
    }
    step.push((x(s.as_of), last));
    let req = mr.required as f64;
    let target = vec![(0.0, req), (x(end), req)];
    let deadline = vec![(x(mr.deadline), 0.0), (x(mr.deadline), ymax)];
    // Each line has its own glyph, and the legend shows it, so the lines can be told apart
    // without colour.
    let lang = c.lang();
    let entries = [
        format!(
            "{TARGET_GLYPH} {} {}",
            t::CHART_TARGET.get(lang),
            mr.required
        ),
        format!(
            "{DEADLINE_GLYPH} {} {}",
            t::CHART_DEADLINE.get(lang),
            mr.deadline
        ),
        format!(
            "{COVERED_GLYPH} {} {}",
            t::CHART_COVERED.get(lang),
            last as u32
        ),
    ];
    // Each line has its own glyph and the legend shows it, so the lines can be told apart
    // without colour. The legend goes on the bottom border (with the values when they fit),
    // else inside the plot, where it is always shown.
    let room = area.width.saturating_sub(4) as usize;
    let full = entries.join("  ");
    let short = [
        format!("{TARGET_GLYPH} {}", t::CHART_TARGET.get(lang)),
        format!("{DEADLINE_GLYPH} {}", t::CHART_DEADLINE.get(lang)),
        format!("{COVERED_GLYPH} {}", t::CHART_COVERED.get(lang)),
    ]
    .join("  ");
    let bottom = [full, short].into_iter().find(|l| width(l) <= room);
    let on_border = bottom.is_some();
    let blk = match bottom {
        Some(l) => blk.title_bottom(format!(" {l} ")),
        None => blk,
    };
    let [target_name, deadline_name, covered_name] = entries;
    let named = |d: Dataset<'static>, name: String| if on_border { d } else { d.name(name) };
    let datasets = vec![
        named(
            Dataset::default()
                .marker(Marker::Custom(TARGET_GLYPH))
                .graph_type(GraphType::Line)
                .style(c.theme.dim()),
            target_name,
        )
        .data(&target),
        named(
            Dataset::default()
                .marker(Marker::Custom(DEADLINE_GLYPH))
                .graph_type(GraphType::Line)
                .style(c.theme.bad()),
            deadline_name,
        )
        .data(&deadline),
        named(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(c.theme.accent()),
            covered_name,
        )
        .data(&step),
    ];
    let chart = Chart::new(datasets)
        .block(blk)
        .hidden_legend_constraints((Constraint::Min(0), Constraint::Min(0)))
        .legend_position(Some(LegendPosition::TopLeft))
        .x_axis(
            Axis::default()
                .bounds([0.0, x(end).max(1.0)])
                .labels_alignment(ratatui::layout::Alignment::Right)
                .labels(vec![
                    Span::raw(start.to_string()),
                    Span::raw(end.to_string()),
                ]),
        )
        .y_axis(Axis::default().bounds([0.0, ymax]).labels(vec![
            Span::raw("0"),
            Span::raw(format!("{}", ymax / 2.0)),
            Span::raw(format!("{ymax}")),
        ]));
    f.render_widget(chart, area);
}

/// The glyphs of the chart's lines (the covered count is drawn in Braille dots).
const TARGET_GLYPH: char = '┄';
const DEADLINE_GLYPH: char = '┆';
const COVERED_GLYPH: char = '⣿';

/// The policies of the scope: document number, title, issuer and date, then every clause:
/// those sgz computes, then those it only shows, each with its clause, kind and sentence.
fn policy_panel(f: &mut Frame, area: Rect, c: &Ctx, offset: u16) {
    let lang = c.lang();
    let title = format!(" {} ", t::POLICY_PANEL_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let mut lines: Vec<Line> = Vec::new();
    if c.d.report.blocks.is_empty() {
        lines.push(Line::from(t::NO_POLICY.get(lang)));
    }
    for p in crate::io::coverage::report_profiles(&c.d.report, &c.m.profiles) {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            format!("■ {} {}", p.doc_number, lang.pick(&p.title, &p.title_en)),
            c.theme.accent(),
        )));
        lines.push(Line::from(Span::styled(
            format!("  {} · {}", lang.pick(&p.issuer, &p.issuer_en), p.issued),
            c.theme.dim(),
        )));
        // Every clause, the informational ones (which no alert shows) first, then those sgz
        // computes, each marked with its glyph so that "why is this red?" has its clause
        // without colour.
        let all = crate::domain::clauses::clauses(p);
        for (computed, heading) in [
            (false, t::POLICY_OTHER_RULES.get(lang)),
            (true, crate::i18n::policy::PANEL_COMPUTED.get(lang)),
        ] {
            lines.push(Line::from(Span::styled(heading, c.theme.title())));
            let mine: Vec<_> = all.iter().filter(|x| x.computed == computed).collect();
            if mine.is_empty() {
                lines.push(Line::from(format!(
                    "  {}",
                    t::POLICY_NO_OTHER_RULES.get(lang)
                )));
            }
            for x in mine {
                let glyph = if computed { "✓" } else { "ⓘ" };
                let kind = crate::i18n::policy::kind(x.kind, lang);
                lines.push(Line::from(vec![
                    Span::raw(format!("{glyph} ")),
                    Span::styled(format!("{} ", escape(&x.cite.clause)), c.theme.accent()),
                    Span::styled(format!("{kind} "), c.theme.dim()),
                    Span::raw(escape(lang.pick(&x.cite.zh, &x.cite.en)).into_owned()),
                ]));
            }
        }
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((offset, 0)),
        inner,
    );
}

fn lagging_list(f: &mut Frame, area: Rect, c: &Ctx) {
    if c.s.dash.by_duties {
        super::duties::ranking_list(f, area, c);
        return;
    }
    let (s, d) = (c.s, c.d);
    let lang = s.lang;
    let title = format!(" {} ", t::LAGGING_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some((_, mr)) = d.selected(s.dash.milestone) else {
        return;
    };
    let rows = lagging(&mr.children);
    let h = inner.height as usize;
    if rows.is_empty() {
        f.render_widget(Paragraph::new(t::NO_CHILDREN.get(lang)), inner);
        return;
    }
    let sel = s.dash.child.min(rows.len() - 1);
    let start = first_row(sel, h);
    let visible: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(h)
        .map(|r| {
            // The row's own status, by the same function as the milestone's.
            let late = format!("{} {}", r.status.glyph(), status_short(&r.status, lang));
            let style = match r.status.tone() {
                Tone::Progress => Style::default(),
                _ => status_style(c, &r.status),
            };
            vec![
                Field::styled(r.name.as_str(), style),
                Field::styled(format!("{}/{}", r.covered, r.required), style),
                Field::gauge(r.ratio(), style),
                Field::styled(format!("{:.0}%", r.ratio() * 100.0), style),
                Field::styled(late, style),
            ]
        })
        .collect();
    List {
        // The name and the status stay; the bar gives way first, then the percentage.
        cols: vec![
            Col::grow(6).keep(6),
            Col::fit(3).keep(8).right(),
            Col::fit(3).keep(1).at_least(16).optional(),
            Col::fit(4).keep(2).right().optional(),
            Col::fit(1).keep(9),
        ],
        header: None,
        rows: visible,
        selected: Some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
}
