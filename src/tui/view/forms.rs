//! The record forms over the tree and staff views: a title naming the site or person the form
//! acts on, the fields, what the record holds now (a site's status history, a person's
//! contract and training totals), and the reasons a save was refused.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::{block, centered, Ctx};
use crate::domain::site::Tier;
use crate::i18n::names::Named;
use crate::i18n::{records as r, tui_view as t, Lang};
use crate::io::width::{pad, truncate};
use crate::tui::state::{Form, FormKind, Pending};

/// Width of the labels column.
const LABEL: usize = 26;

/// The form's title: what it does and to whom.
fn title(c: &Ctx, fm: &Form) -> String {
    let (m, lang) = (c.m, c.lang());
    let person = || {
        m.net
            .staff
            .iter()
            .find(|p| p.id == fm.staff_id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let site = |id: i64| {
        m.net
            .site(id)
            .map(|x| x.name.to_string())
            .unwrap_or_default()
    };
    let about = |form: crate::i18n::Text| {
        r::FORM_ABOUT.fill(lang, &[("form", &form.get(lang)), ("name", &person())])
    };
    match fm.kind {
        FormKind::Certificate => about(t::FORM_CERTIFICATE),
        FormKind::Registration => about(t::FORM_REGISTRATION),
        FormKind::Training => about(t::FORM_TRAINING),
        FormKind::Departure => about(t::FORM_DEPARTURE),
        FormKind::Renewal => r::FORM_RENEWAL.fill(lang, &[("name", &person())]),
        FormKind::AddStaff => {
            let scope = m.net.tree.node(c.s.scope).name.to_string();
            r::FORM_ADD_STAFF.fill(lang, &[("site", &scope)])
        }
        FormKind::CreateSite { node } => {
            let n = m.net.tree.node(node);
            let division = format!("{} {}", n.name, n.code_str());
            r::FORM_CREATE_SITE.fill(lang, &[("division", &division)])
        }
        FormKind::EditSite { site_id } => r::FORM_EDIT_SITE.fill(lang, &[("site", &site(site_id))]),
        FormKind::SiteStatus { site_id } => {
            r::FORM_SITE_STATUS.fill(lang, &[("site", &site(site_id))])
        }
    }
}

/// What the record holds now, under the fields.
fn notes(c: &Ctx, fm: &Form) -> Vec<String> {
    let (m, s, lang) = (c.m, c.s, c.lang());
    let person = m.net.staff.iter().find(|p| p.id == fm.staff_id);
    let value = |k: usize| fm.fields.get(k).map(|f| f.1.value().trim()).unwrap_or("");
    match fm.kind {
        FormKind::CreateSite { node } => Tier::for_level(m.net.tree.node(node).level)
            .map(|tier| vec![r::NOTE_TIER.fill(lang, &[("tier", &tier.name(lang))])])
            .unwrap_or_default(),
        FormKind::SiteStatus { site_id } => {
            let Some(site) = m.net.site(site_id) else {
                return vec![];
            };
            let now = site
                .history
                .last()
                .map(|h| h.status.name(lang))
                .unwrap_or(r::NO_STATUS.get(lang));
            let mut v = vec![
                r::NOTE_STATUS_NOW.fill(lang, &[("status", &now)]),
                r::HINT_STATUS.get(lang).to_string(),
            ];
            if site.history.is_empty() {
                v.push(r::NOTE_NO_HISTORY.get(lang).to_string());
            } else {
                v.push(r::NOTE_HISTORY.get(lang).to_string());
                // The latest changes, oldest first: the one an undo removes is the last.
                let skip = site.history.len().saturating_sub(6);
                for h in &site.history[skip..] {
                    v.push(format!("  {} {}", h.on, h.status.name(lang)));
                }
            }
            v
        }
        FormKind::AddStaff => vec![
            r::HINT_ROLE.get(lang).to_string(),
            r::HINT_CERT.get(lang).to_string(),
        ],
        FormKind::Renewal => person
            .map(|p| {
                let d = |d: Option<chrono::NaiveDate>| {
                    d.map(|d| d.to_string())
                        .unwrap_or_else(|| r::NOTE_OPEN.get(lang).to_string())
                };
                vec![r::NOTE_CONTRACT.fill(
                    lang,
                    &[("start", &d(p.contract_start)), ("end", &d(p.contract_end))],
                )]
            })
            .unwrap_or_default(),
        FormKind::Training => {
            let Some(p) = person else { return vec![] };
            use chrono::Datelike;
            let year = value(0).parse::<i32>().unwrap_or(s.today.year());
            let profile = crate::domain::rules::profile_of_site(&m.net, &m.profiles, p.site_id);
            let req = profile
                .and_then(|pr| pr.training.as_ref())
                .filter(|t| crate::domain::rules::role_applies(&t.roles, p.role))
                .map(|t| format!(" / {}", t.hours_per_year))
                .unwrap_or_default();
            let mut v = vec![r::NOTE_TRAINING_YEAR.fill(
                lang,
                &[
                    ("year", &year),
                    ("done", &p.training_hours(year)),
                    ("req", &req),
                ],
            )];
            if p.in_registration_period(year, s.today) {
                let need = profile
                    .and_then(|pr| {
                        crate::domain::rules::ce_required(&pr.registration, p.cert_level)
                    })
                    .map(|n| format!(" / {n}"))
                    .unwrap_or_default();
                v.push(r::NOTE_CE.fill(lang, &[("done", &p.ce_hours), ("need", &need)]));
            } else {
                v.push(r::NOTE_CE_NONE.get(lang).to_string());
            }
            v
        }
        FormKind::Certificate
        | FormKind::Registration
        | FormKind::Departure
        | FormKind::EditSite { .. } => vec![],
    }
}

/// Draw the open form over `area`.
pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let Some(fm) = c.s.form() else { return };
    let lang = c.s.lang;
    let notes = notes(c, fm);
    let r = centered(area, 72.min(area.width), area.height);
    // The frame takes a column each side.
    let w = r.width.saturating_sub(2) as usize;
    let value_w = w.saturating_sub(LABEL);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (k, (label, input)) in fm.fields.iter().enumerate() {
        let style = if k == fm.focus {
            c.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::raw(pad(&truncate(label.get(lang), LABEL - 1), LABEL)),
            Span::styled(
                pad(&truncate(input.value(), value_w), value_w.min(40)),
                style,
            ),
        ]));
        if k == fm.focus {
            let x = (LABEL + input.visual_cursor()).min(w.saturating_sub(1));
            cursor = Some((x as u16, k as u16));
        }
    }
    for e in &fm.errors {
        for piece in wrap(&format!("✘ {e}"), w) {
            lines.push(Line::from(Span::styled(piece, c.theme.bad())));
        }
    }
    // The keys before the notes: on a short screen the notes give way first.
    lines.push(Line::from(Span::styled(
        t::FORM_KEYS.get(lang),
        c.theme.dim(),
    )));
    for n in notes {
        for piece in wrap(&n, w) {
            lines.push(Line::from(Span::styled(piece, c.theme.dim())));
        }
    }
    let h = (lines.len() + 2) as u16;
    let r = Rect {
        height: h.min(area.height),
        ..r
    };
    let r = centered(area, r.width, r.height);
    f.render_widget(Clear, r);
    let b = block(Span::styled(
        truncate(
            &format!(" {} ", title(c, fm)),
            r.width.saturating_sub(2) as usize,
        ),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    if let Some((x, y)) = cursor {
        f.set_cursor_position((inner.x + x, inner.y + y));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// `text` in lines of at most `w` columns (Chinese counted double), cut by display width.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() && w > 0 {
        let mut piece = crate::io::width::cut(rest, w);
        if piece.is_empty() {
            // A character wider than the line: take it whole rather than loop.
            piece = &rest[..rest.chars().next().map_or(rest.len(), char::len_utf8)];
        } else if piece.len() < rest.len() {
            // English breaks between words where it can.
            if let Some(k) = piece.rfind(' ').filter(|&k| k > 0) {
                piece = &rest[..k + 1];
            }
        }
        out.push(piece.to_string());
        rest = &rest[piece.len()..];
    }
    out
}

/// The question a record form asks before it writes.
pub fn question(p: &Pending, lang: Lang) -> Option<String> {
    match p {
        Pending::Departure { on, name, .. } => {
            Some(r::Q_DEPARTURE.fill(lang, &[("name", name), ("on", on)]))
        }
        Pending::UndoSiteStatus { last, name, .. } => Some(r::Q_UNDO_STATUS.fill(
            lang,
            &[
                ("name", name),
                ("on", &last.on),
                ("status", &last.status.name(lang)),
            ],
        )),
        _ => None,
    }
}
