//! View 3: staff under the scope with their next deadline; a person's timeline; edit forms.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::{block, centered, Ctx};
use crate::domain::rules::{self, DeadlineStatus};
use crate::io::width::{pad, truncate, width};
use crate::tui::action::Table;
use crate::tui::model::filtered_staff;

fn status_style(c: &Ctx, st: DeadlineStatus) -> Style {
    match st {
        DeadlineStatus::Overdue | DeadlineStatus::Unmet => c.theme.bad(),
        DeadlineStatus::DueSoon => c.theme.warn(),
        DeadlineStatus::Met => c.theme.good(),
        DeadlineStatus::Open => Style::default(),
    }
}

fn glyph(st: DeadlineStatus) -> &'static str {
    match st {
        DeadlineStatus::Overdue | DeadlineStatus::Unmet => "✘",
        DeadlineStatus::DueSoon => "⚠",
        DeadlineStatus::Met => "✔",
        DeadlineStatus::Open => "⋯",
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let rows = filtered_staff(d, m, &s.staff);
    let (list_area, person_area) = if s.staff.person.is_some() {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        (a, Some(b))
    } else {
        (area, None)
    };
    let filters = format!(
        "{}:{}{}{} {}:{}{}",
        c.tr("筛选", "filter"),
        s.staff.filter.label(s.en),
        s.staff
            .role
            .map(|r| format!(" · {}", if s.en { r.name_en() } else { r.name_zh() }))
            .unwrap_or_default(),
        s.staff
            .cert
            .map(|r| format!(" · {}", if s.en { r.name_en() } else { r.short_zh() }))
            .unwrap_or_default(),
        c.tr("排序", "sort"),
        s.staff.sort.label(s.en),
        if s.staff.reverse { "↓" } else { "" }
    );
    let name = s.staff.name.value();
    let title = format!(
        " {} {} · {} {}{} ",
        c.tr("人员", "Staff"),
        rows.len(),
        filters,
        if name.is_empty() {
            String::new()
        } else {
            format!("/{name} ")
        },
        c.tr(
            "f筛选 o排序 /姓名 Enter详情 c证书 r注册 T培训 D离职",
            "f filter o sort / name Enter open c cert r reg T training D left"
        )
    );
    let b = block(Span::styled(
        truncate(&title, list_area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(list_area);
    f.render_widget(b, list_area);
    let w = inner.width as usize;
    let h = inner.height as usize;
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "{} {} {} {} {} {}",
                pad(c.tr("姓名", "name"), 8),
                pad(c.tr("站点", "site"), 12),
                pad(c.tr("岗位", "role"), 8),
                pad(c.tr("证书", "cert"), 4),
                pad(c.tr("下一到期", "next deadline"), 30),
                c.tr("培训", "training")
            ),
            w,
        ),
        c.theme.dim(),
    ))];
    let body = h.saturating_sub(1);
    let sel = s.staff.selected.min(rows.len().saturating_sub(1));
    let start = if sel >= body { sel + 1 - body } else { 0 };
    for (k, r) in rows.iter().enumerate().skip(start).take(body) {
        let (next, style) = match &r.next {
            Some(n) => {
                let days = n
                    .days_left
                    .map(|x| crate::i18n::domain::days(x, crate::i18n::Lang::from_en(s.en)))
                    .unwrap_or_default();
                (
                    format!("{} {} {}", glyph(n.status), n.kind.name(s.en), days),
                    status_style(c, n.status),
                )
            }
            None => ("—".to_string(), Style::default()),
        };
        let training = match r.training_required {
            Some(req) => format!(
                "{}/{req}h{}",
                r.training,
                if r.training < req as f64 { "✘" } else { "" }
            ),
            None => format!("{}h", r.training),
        };
        let role = if s.en {
            r.role.name_en()
        } else {
            r.role.name_zh()
        };
        let cert = if s.en {
            r.cert.name_en()
        } else {
            r.cert.short_zh()
        };
        let left = format!(
            "{} {} {} {} ",
            pad(&r.name, 8),
            pad(&r.site, 12),
            pad(role, 8),
            pad(cert, 4)
        );
        let right = format!("{} {}", pad(&next, 30), training);
        let row_style = if k == sel {
            c.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(left.clone(), row_style),
            Span::styled(
                truncate(&right, w.saturating_sub(width(&left))),
                if k == sel { row_style } else { style },
            ),
        ]));
    }
    if rows.is_empty() {
        lines.push(Line::from(c.tr("没有符合条件的人员", "Nobody matches")));
    }
    if m.net.synthetic && lines.len() < h {
        lines.push(Line::from(Span::styled(
            crate::i18n::common::SYNTHETIC_NOTE.get(crate::i18n::Lang::from_en(s.en)),
            c.theme.synthetic(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
    if let (Some(area), Some(id)) = (person_area, s.staff.person) {
        person(f, area, c, id);
    }
    if s.table() == Table::Form {
        form(f, area, c);
    }
    if s.table() == Table::Filter {
        let r = Rect {
            x: inner.x,
            y: inner.y + inner.height.saturating_sub(1),
            width: inner.width,
            height: 1,
        };
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(format!("{} {}", c.tr("姓名/拼音:", "name/pinyin:"), name)),
            r,
        );
    }
}

/// The person: facts, then a timeline of dated events with the as-of date marked.
fn person(f: &mut Frame, area: Rect, c: &Ctx, id: i64) {
    let (s, m) = (c.s, c.m);
    let Some(p) = m.net.staff.iter().find(|p| p.id == id) else {
        return;
    };
    let site = m.net.site(p.site_id);
    let b = block(Span::styled(format!(" {} ", p.name), c.theme.title()));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let profile = rules::profile_of_site(&m.net, &m.profiles, p.site_id);
    let ds = rules::deadlines(profile, p, s.as_of);
    let mut lines = vec![
        Line::from(truncate(
            &format!(
                "{} · {} · {}",
                site.map(|x| x.name.as_str()).unwrap_or(""),
                if s.en {
                    p.role.name_en()
                } else {
                    p.role.name_zh()
                },
                if s.en {
                    p.cert_level.name_en()
                } else {
                    p.cert_level.name_zh()
                }
            ),
            w,
        )),
        Line::from(""),
    ];
    // Dated events: the record's own dates and every deadline.
    let mut events: Vec<(chrono::NaiveDate, String, Style)> =
        vec![(p.hired, c.tr("入职", "hired").to_string(), Style::default())];
    if let Some(d) = p.hired.checked_add_months(chrono::Months::new(6)) {
        events.push((
            d,
            c.tr("试用期满（最长6个月）", "probation ends (6 months at most)")
                .to_string(),
            c.theme.dim(),
        ));
    }
    if let Some(d) = p.cert_passed {
        events.push((
            d,
            c.tr("考试通过", "passed the exam").to_string(),
            c.theme.good(),
        ));
    }
    if let Some(d) = p.reg_date {
        events.push((d, c.tr("注册", "registered").to_string(), c.theme.good()));
    }
    if let Some(d) = p.contract_end {
        events.push((
            d,
            c.tr("合同到期", "contract ends").to_string(),
            Style::default(),
        ));
    }
    for dl in &ds {
        if let Some(due) = dl.due {
            events.push((
                due,
                format!(
                    "{} · {} {}",
                    dl.kind.name(s.en),
                    crate::i18n::domain::deadline_status(dl, crate::i18n::Lang::from_en(s.en)),
                    dl.cite.clause
                ),
                status_style(c, dl.status),
            ));
        }
    }
    events.sort_by_key(|e| e.0);
    let mut marked = false;
    for (d, text, style) in events {
        if !marked && d > s.as_of {
            lines.push(Line::from(Span::styled(
                format!("▶ {} {}", s.as_of, c.tr("（截至日）", "(as of)")),
                c.theme.accent(),
            )));
            marked = true;
        }
        let style = if d <= s.as_of && style == Style::default() {
            c.theme.dim()
        } else {
            style
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("  {d} {text}"), w),
            style,
        )));
    }
    if !marked {
        lines.push(Line::from(Span::styled(
            format!("▶ {} {}", s.as_of, c.tr("（截至日）", "(as of)")),
            c.theme.accent(),
        )));
    }
    lines.push(Line::from(""));
    for dl in ds.iter().filter(|d| d.status.matters()).take(4) {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "{} {}",
                    dl.cite.clause,
                    if s.en { &dl.cite.en } else { &dl.cite.zh }
                ),
                w,
            ),
            c.theme.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn form(f: &mut Frame, area: Rect, c: &Ctx) {
    let Some(fm) = c.s.form() else { return };
    let h = (fm.fields.len() + fm.errors.len() + 3) as u16;
    let r = centered(area, 64.min(area.width), h.min(area.height));
    f.render_widget(Clear, r);
    let title = match fm.kind {
        crate::tui::state::FormKind::Certificate => {
            c.tr(" 登记考试通过 ", " Record a certificate ")
        }
        crate::tui::state::FormKind::Registration => c.tr(" 登记注册 ", " Record a registration "),
        crate::tui::state::FormKind::Training => c.tr(" 录入培训学时 ", " Record training hours "),
        crate::tui::state::FormKind::Departure => c.tr(" 登记离职 ", " Record a departure "),
    };
    let b = block(Span::styled(title, c.theme.title()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let mut lines = Vec::new();
    for (k, (zh, en, input)) in fm.fields.iter().enumerate() {
        let label = pad(if c.s.en { en } else { zh }, 24);
        let style = if k == fm.focus {
            c.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(pad(input.value(), 20), style),
        ]));
        if k == fm.focus {
            f.set_cursor_position((
                inner.x + 24 + input.visual_cursor() as u16,
                inner.y + k as u16,
            ));
        }
    }
    for e in &fm.errors {
        lines.push(Line::from(Span::styled(format!("✘ {e}"), c.theme.bad())));
    }
    lines.push(Line::from(Span::styled(
        c.tr(
            "Tab 下一栏  Enter 保存  Esc 取消",
            "Tab next  Enter save  Esc cancel",
        ),
        c.theme.dim(),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}
