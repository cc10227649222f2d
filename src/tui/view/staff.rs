//! View 3: staff under the scope with their next deadline; a person's timeline; edit forms.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, centered, Ctx};
use crate::domain::rules::{self, DeadlineStatus};
use crate::i18n::{common, tui_view as t, Lang};
use crate::io::width::{pad, truncate};
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
    let lang = s.lang;
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
        t::STAFF_FILTER.get(lang),
        s.staff.filter.label(s.lang),
        s.staff
            .role
            .map(|r| format!(" · {}", lang.pick(r.name_zh(), r.name_en())))
            .unwrap_or_default(),
        s.staff
            .cert
            .map(|r| format!(" · {}", lang.pick(r.short_zh(), r.name_en())))
            .unwrap_or_default(),
        t::STAFF_SORT.get(lang),
        s.staff.sort.label(s.lang),
        if s.staff.reverse { "↓" } else { "" }
    );
    let name = s.staff.name.value();
    let title = format!(
        " {} {} · {} {}{} ",
        t::STAFF_TITLE.get(lang),
        rows.len(),
        filters,
        if name.is_empty() {
            String::new()
        } else {
            format!("/{name} ")
        },
        t::STAFF_KEYS.get(lang),
    );
    let b = super::grant_note(
        block(Span::styled(
            truncate(&title, list_area.width.saturating_sub(2) as usize),
            c.theme.title(),
        )),
        c,
    );
    let inner = b.inner(list_area);
    f.render_widget(b, list_area);
    let body = (inner.height as usize).saturating_sub(1);
    let sel = s.staff.selected.min(rows.len().saturating_sub(1));
    let start = first_row(sel, body);
    let visible: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(body)
        .map(|r| {
            let next = match &r.next {
                Some(n) => {
                    let days = n
                        .days_left
                        .map(|x| {
                            lang.pick(
                                crate::i18n::domain::days(x, Lang::Zh),
                                crate::i18n::domain::days(x, Lang::En),
                            )
                        })
                        .unwrap_or_default();
                    Field::styled(
                        format!(
                            "{} {} {}",
                            glyph(n.status),
                            s.lang.pick(n.kind.name_zh(), n.kind.name_en()),
                            days
                        ),
                        status_style(c, n.status),
                    )
                }
                None => Field::plain("—"),
            };
            let training = match r.training_required {
                Some(req) if r.training < req as f64 => {
                    Field::styled(format!("{}/{req}h✘", r.training), c.theme.bad())
                }
                Some(req) => Field::plain(format!("{}/{req}h", r.training)),
                None => Field::plain(format!("{}h", r.training)),
            };
            vec![
                Field::plain(r.name.as_str()),
                Field::plain(r.site.as_str()),
                Field::plain(lang.pick(r.role.name_zh(), r.role.name_en())),
                Field::plain(lang.pick(r.cert.short_zh(), r.cert.name_en())),
                next,
                training,
            ]
        })
        .collect();
    let drawn = List {
        // The name, the site and the deadline stay; role and certificate give way first.
        cols: vec![
            Col::fit(4).keep(9),
            Col::grow(10).keep(4),
            Col::fit(6).keep(2).optional(),
            Col::fit(4).keep(1).optional(),
            Col::fit(16).keep(6),
            Col::fit(3).keep(8).right(),
        ],
        header: Some((
            vec![
                t::COL_NAME.get(lang),
                t::COL_SITE.get(lang),
                t::COL_ROLE.get(lang),
                t::COL_CERT.get(lang),
                t::COL_NEXT.get(lang),
                t::COL_TRAINING.get(lang),
            ],
            c.theme.dim(),
        )),
        rows: visible,
        selected: (!rows.is_empty()).then_some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
    // Below the rows, where there is room: why the list is empty, and the synthetic note.
    let mut notes = Vec::new();
    if rows.is_empty() {
        notes.push(Line::from(t::NOBODY_MATCHES.get(lang)));
    }
    if m.net.synthetic {
        notes.push(Line::from(Span::styled(
            common::SYNTHETIC_NOTE.get(lang),
            c.theme.synthetic(),
        )));
    }
    let used = (1 + drawn as u16).min(inner.height);
    let below = Rect {
        y: inner.y + used,
        height: inner.height - used,
        ..inner
    };
    f.render_widget(Paragraph::new(notes), below);
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
            Paragraph::new(truncate(
                &format!("{} {}", t::NAME_PROMPT.get(lang), name),
                r.width as usize,
            )),
            r,
        );
    }
}

/// The person: facts, then a timeline of dated events with the as-of date marked.
fn person(f: &mut Frame, area: Rect, c: &Ctx, id: i64) {
    let (s, m) = (c.s, c.m);
    let lang = s.lang;
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
                lang.pick(p.role.name_zh(), p.role.name_en()),
                lang.pick(p.cert_level.name_zh(), p.cert_level.name_en())
            ),
            w,
        )),
        Line::from(""),
    ];
    // Dated events: the record's own dates and every deadline.
    let mut events: Vec<(chrono::NaiveDate, String, Style)> = vec![(
        p.hired,
        t::EVENT_HIRED.get(lang).to_string(),
        Style::default(),
    )];
    if let Some(d) = p.hired.checked_add_months(chrono::Months::new(6)) {
        events.push((d, t::EVENT_PROBATION.get(lang).to_string(), c.theme.dim()));
    }
    if let Some(d) = p.cert_passed {
        events.push((d, t::EVENT_PASSED.get(lang).to_string(), c.theme.good()));
    }
    if let Some(d) = p.reg_date {
        events.push((d, t::EVENT_REGISTERED.get(lang).to_string(), c.theme.good()));
    }
    if let Some(d) = p.contract_end {
        events.push((
            d,
            t::EVENT_CONTRACT_ENDS.get(lang).to_string(),
            Style::default(),
        ));
    }
    for dl in &ds {
        if let Some(due) = dl.due {
            events.push((
                due,
                format!(
                    "{} · {} {}",
                    s.lang.pick(dl.kind.name_zh(), dl.kind.name_en()),
                    crate::i18n::domain::deadline_status(dl, lang),
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
                format!("▶ {} {}", s.as_of, t::AS_OF_MARK.get(lang)),
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
            format!("▶ {} {}", s.as_of, t::AS_OF_MARK.get(lang)),
            c.theme.accent(),
        )));
    }
    lines.push(Line::from(""));
    for dl in ds.iter().filter(|d| d.status.matters()).take(4) {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!("{} {}", dl.cite.clause, lang.pick(&dl.cite.zh, &dl.cite.en)),
                w,
            ),
            c.theme.dim(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn form(f: &mut Frame, area: Rect, c: &Ctx) {
    let Some(fm) = c.s.form() else { return };
    let lang = c.s.lang;
    let h = (fm.fields.len() + fm.errors.len() + 3) as u16;
    let r = centered(area, 64.min(area.width), h.min(area.height));
    f.render_widget(Clear, r);
    let title = match fm.kind {
        crate::tui::state::FormKind::Certificate => t::FORM_CERTIFICATE,
        crate::tui::state::FormKind::Registration => t::FORM_REGISTRATION,
        crate::tui::state::FormKind::Training => t::FORM_TRAINING,
        crate::tui::state::FormKind::Departure => t::FORM_DEPARTURE,
    };
    let b = block(Span::styled(
        format!(" {} ", title.get(lang)),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let mut lines = Vec::new();
    for (k, (label, input)) in fm.fields.iter().enumerate() {
        let label = pad(label.get(lang), 24);
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
        t::FORM_KEYS.get(lang),
        c.theme.dim(),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}
