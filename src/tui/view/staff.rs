//! View 3: staff under the scope with their next deadline; a person's timeline; edit forms.

use crate::i18n::names::{Named, ShortName};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::table::{first_row, split, Col, Field, List};
use super::{block, Ctx};
use crate::domain::rules::{self, DeadlineStatus};
use crate::i18n::{common, tui_view as t, Lang};
use crate::io::width::{truncate, width};
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
    let panel = s.staff.person.and_then(|id| person_text(c, id));
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
    // The rows below the frame and the header.
    let body = (area.height.saturating_sub(2) as usize).saturating_sub(1);
    let sel = s.staff.selected.min(rows.len().saturating_sub(1));
    let start = first_row(sel, body);
    let visible: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(body)
        .map(|r| {
            let next = match (&r.next, r.departed) {
                (_, Some(on)) => {
                    Field::plain(format!("{} {on}", crate::i18n::records::COL_LEFT.get(lang)))
                }
                (Some(n), None) => {
                    let days = n
                        .days_left
                        .map(|x| {
                            lang.pick(
                                crate::i18n::domain::days_to(n.due, x, Lang::Zh),
                                crate::i18n::domain::days_to(n.due, x, Lang::En),
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
                (None, None) => Field::plain("—"),
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
    let list = List {
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
    };
    // With a person open, the list and the panel share the width by what each wants.
    let (list_area, person_area) = match &panel {
        Some(p) => {
            let frame = 2;
            let w = split(
                area.width,
                [list.want() + frame, (p.want as u16).saturating_add(frame)],
                [
                    area.width * 2 / 5,
                    (area.width * 2 / 5).min(p.want as u16 + frame),
                ],
            );
            let [a, b] =
                Layout::horizontal([Constraint::Length(w), Constraint::Min(0)]).areas(area);
            (a, Some(b))
        }
        None => (area, None),
    };
    let name = s.staff.name.value();
    let title = format!(
        " {}{} {} · {} {}{} ",
        t::STAFF_TITLE.get(lang),
        if s.staff.departed {
            format!("({})", crate::i18n::records::DEPARTED_LIST.get(lang))
        } else {
            String::new()
        },
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
    let drawn = list.render(f, inner);
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
    if let (Some(area), Some(p)) = (person_area, panel) {
        person(f, area, c, p);
    }
    if s.table() == Table::Form {
        super::forms::render(f, area, c);
    }
    if s.table() == Table::Confirm {
        super::scores::confirm(f, area, c);
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

/// The person panel's text: its title, and its lines (text, style) whole, with the width the
/// facts and the timeline want (the clauses' text below them may be cut).
struct Person {
    title: String,
    lines: Vec<(String, Style)>,
    want: usize,
}

/// Draw the person panel, each line cut to the panel.
fn person(f: &mut Frame, area: Rect, c: &Ctx, p: Person) {
    let b = block(Span::styled(format!(" {} ", p.title), c.theme.title()));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let lines: Vec<Line> = p
        .lines
        .into_iter()
        .map(|(text, style)| Line::from(Span::styled(truncate(&text, w), style)))
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// The person: facts, then a timeline of dated events with the as-of date marked.
fn person_text(c: &Ctx, id: i64) -> Option<Person> {
    let (s, m) = (c.s, c.m);
    let lang = s.lang;
    let p = m.net.staff.iter().find(|p| p.id == id)?;
    let site = m.net.site(p.site_id);
    let profile = rules::profile_of_site(&m.net, &m.profiles, p.site_id);
    let ds = rules::deadlines(profile, p, s.as_of);
    let mut lines = vec![
        (
            format!(
                "{} · {} · {}",
                site.map(|x| x.name.as_str()).unwrap_or(""),
                lang.pick(p.role.name_zh(), p.role.name_en()),
                lang.pick(p.cert_level.name_zh(), p.cert_level.name_en())
            ),
            Style::default(),
        ),
        (String::new(), Style::default()),
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
    let mark = (
        format!("▶ {} {}", s.as_of, t::AS_OF_MARK.get(lang)),
        c.theme.accent(),
    );
    for (d, text, style) in events {
        if !marked && d > s.as_of {
            lines.push(mark.clone());
            marked = true;
        }
        let style = if d <= s.as_of && style == Style::default() {
            c.theme.dim()
        } else {
            style
        };
        lines.push((format!("  {d} {text}"), style));
    }
    if !marked {
        lines.push(mark);
    }
    let want = lines.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    lines.push((String::new(), Style::default()));
    for dl in ds.iter().filter(|d| d.status.matters()).take(4) {
        lines.push((
            format!("{} {}", dl.cite.clause, lang.pick(&dl.cite.zh, &dl.cite.en)),
            c.theme.dim(),
        ));
    }
    Some(Person {
        title: p.name.to_string(),
        lines,
        want,
    })
}
