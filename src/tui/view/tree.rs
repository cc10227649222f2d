//! The three-tier tree (left) and the selected node's details (right).

use crate::i18n::names::Named;
use chrono::Datelike;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, Ctx};
use crate::domain::division::Level;
use crate::domain::site::Tier;
use crate::i18n::tui_view as t;
use crate::io::width::{pad, truncate};
use crate::tui::theme::{site_glyph, site_word};

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(area);
    list(f, left, c);
    details(f, right, c);
    match c.s.table() {
        crate::tui::action::Table::Form => super::forms::render(f, area, c),
        crate::tui::action::Table::Confirm => super::scores::confirm(f, area, c),
        _ => {}
    }
}

fn list(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let lang = s.lang;
    let tree = &m.net.tree;
    let title = format!(" {} ", t::TREE_TITLE.get(lang));
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let rows = s.tree.expansion.visible(tree, s.scope);
    let h = inner.height as usize;
    let pos = rows.iter().position(|r| r.0 == s.tree.cursor).unwrap_or(0);
    // Keep the cursor in view; only the rows on screen are turned into table rows.
    let start = first_row(pos, h);
    let visible: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(h)
        .map(|&(i, depth)| {
            let n = tree.node(i);
            let site = m.net.site_at(i);
            // Outside the region loaded so far, say so rather than show zeros.
            let loaded = m.net.sites_loaded(i);
            // The nation's alert counts, or the scope's own where its people are loaded.
            let alerts_known = d.has_national() || m.net.is_loaded(i);
            let has_site_tier = Tier::for_level(n.level).is_some();
            let status = site.and_then(|x| x.status_on(s.as_of));
            let glyph = if loaded && has_site_tier {
                site_glyph(status)
            } else {
                ""
            };
            let marker = if !tree.has_children(i) {
                " "
            } else if s.tree.expansion.is_open(i) {
                "-"
            } else {
                "+"
            };
            let cov = if loaded {
                d.counts
                    .row(&m.net, i)
                    .map(|(a, b)| format!("{a}/{b}"))
                    .unwrap_or_default()
            } else {
                t::TREE_LOADING.get(lang).to_string()
            };
            let tally = d.alert_counts(m).row(&m.net, i);
            let alerts = if loaded && alerts_known && tally.total() > 0 {
                format!(
                    "{}{}",
                    tally.worst().map(|w| w.glyph()).unwrap_or(""),
                    tally.total()
                )
            } else {
                String::new()
            };
            let style = if has_site_tier {
                c.theme.site_style(status)
            } else {
                Style::default()
            };
            let indent = "  ".repeat(depth as usize);
            vec![
                Field::styled(format!("{indent}{marker} {}", n.name), style),
                Field::styled(glyph, style),
                Field::styled(cov, style),
                Field::styled(alerts, style),
            ]
        })
        .collect();
    List {
        // The name takes the spare width; the counts keep theirs.
        cols: vec![
            Col::grow(8).keep(5),
            Col::fit(1).keep(9),
            Col::fit(5).keep(8).right(),
            Col::fit(3).keep(7),
        ],
        header: None,
        rows: visible,
        selected: (!rows.is_empty()).then_some(pos - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
}

fn details(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m) = (c.s, c.m);
    let tree = &m.net.tree;
    let i = s.tree.cursor;
    let n = tree.node(i);
    let b = block(Span::styled(format!(" {} ", n.name), c.theme.title()));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let lang = s.lang;
    let kv = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(pad(k, 11), c.theme.dim()),
            Span::raw(truncate(&v, w.saturating_sub(11))),
        ])
    };
    let mut lines = vec![
        kv(t::DETAIL_CODE.get(c.lang()), n.code_str()),
        kv(
            t::DETAIL_LEVEL.get(c.lang()),
            format!(
                "{}{}",
                lang.pick(n.level.name_zh(), n.level.name_en()),
                Tier::for_level(n.level)
                    .map(|t| format!(" · {}", lang.pick(t.name_zh(), t.name_en())))
                    .unwrap_or_default()
            ),
        ),
    ];
    // The full path, wrapped by hand so Chinese never splits a border.
    let path = tree.path_names(i, " › ");
    let label = t::DETAIL_PATH.get(c.lang());
    let mut first = true;
    let mut rest = path.as_str();
    while !rest.is_empty() {
        let piece = crate::io::width::cut(rest, w.saturating_sub(11));
        rest = &rest[piece.len()..];
        lines.push(kv(if first { label } else { "" }, piece.to_string()));
        first = false;
        if lines.len() > 6 {
            break;
        }
    }
    let loaded = m.net.sites_loaded(i);
    if !loaded {
        lines.push(Line::from(format!("⋯ {}", t::REGION_LOADING.get(c.lang()))));
    } else if let Some((cov, req)) = c.d.counts.row(&m.net, i) {
        let what = if n.level == Level::Township {
            t::DETAIL_ROOMS.get(c.lang())
        } else {
            t::DETAIL_STATIONS.get(c.lang())
        };
        let pct = if req > 0 {
            cov as f64 * 100.0 / req as f64
        } else {
            100.0
        };
        lines.push(kv(what, format!("{cov}/{req} ({pct:.1}%)")));
    }
    lines.push(Line::from(""));
    match (Tier::for_level(n.level), m.net.site_at(i)) {
        _ if !loaded => {}
        (None, _) => lines.push(Line::from(Span::styled(
            t::NO_SITE_TIER.get(c.lang()),
            c.theme.dim(),
        ))),
        (Some(_), None) => lines.push(Line::from(Span::styled(
            format!("✘ {}", t::NO_SITE_RECORD.get(c.lang())),
            c.theme.bad(),
        ))),
        (Some(_), Some(site)) => {
            let st = site.status_on(s.as_of);
            lines.push(kv(t::DETAIL_SITE.get(c.lang()), site.name.to_string()));
            lines.push(Line::from(vec![
                Span::styled(pad(t::DETAIL_STATUS.get(c.lang()), 11), c.theme.dim()),
                Span::styled(
                    // A site recorded without any status yet is not a missing one.
                    if site.history.is_empty() {
                        format!(
                            "{} {}",
                            site_glyph(st),
                            crate::i18n::records::NO_STATUS.get(lang)
                        )
                    } else {
                        format!("{} {}", site_glyph(st), site_word(st, lang))
                    },
                    c.theme.site_style(st),
                ),
            ]));
            let hist: Vec<String> = site
                .history
                .iter()
                .map(|h| {
                    format!(
                        "{} {}",
                        h.on,
                        lang.pick(h.status.name_zh(), h.status.name_en())
                    )
                })
                .collect();
            // The latest changes (the last is the one `u` undoes).
            let skip = hist.len().saturating_sub(5);
            for (k, h) in hist.iter().skip(skip).enumerate() {
                lines.push(kv(
                    if k == 0 {
                        t::DETAIL_CHANGES.get(c.lang())
                    } else {
                        ""
                    },
                    h.clone(),
                ));
            }
            lines.push(kv(
                t::DETAIL_OPERATOR.get(c.lang()),
                site.operator.as_deref().unwrap_or("—").to_string(),
            ));
            lines.push(kv(
                t::DETAIL_AREA.get(c.lang()),
                site.area_m2
                    .map(|a| format!("{a} m²"))
                    .unwrap_or_else(|| "—".into()),
            ));
            lines.push(kv(
                t::DETAIL_CIVIL_REG.get(c.lang()),
                site.civil_reg
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "—".into()),
            ));
            lines.push(kv(
                crate::i18n::records::F_HEAD.get(c.lang()),
                site.head.as_deref().unwrap_or("—").to_string(),
            ));
            if !m.net.has_people(i) {
                lines.push(Line::from(format!("⋯ {}", t::PEOPLE_LOADING.get(c.lang()))));
            } else {
                let staff: Vec<_> = m
                    .net
                    .staff_of(site.id)
                    .filter(|p| p.active_on(s.as_of))
                    .collect();
                let certified = staff
                    .iter()
                    .filter(|p| p.cert_level > crate::domain::staff::CertLevel::None)
                    .count();
                lines.push(kv(
                    t::DETAIL_STAFF.get(c.lang()),
                    format!(
                        "{} ({} {})",
                        staff.len(),
                        certified,
                        t::DETAIL_CERTIFIED.get(c.lang())
                    ),
                ));
                let latest = m
                    .net
                    .evaluations_of(site.id)
                    .filter(|e| e.year <= s.as_of.year())
                    .max_by_key(|e| (e.year, e.phase));
                lines.push(kv(
                    t::DETAIL_LAST_EVAL.get(c.lang()),
                    match latest.and_then(|e| e.grade.map(|g| (e, g))) {
                        Some((e, g)) => format!(
                            "{} {} {} ({:.1})",
                            e.year,
                            lang.pick(e.phase.name_zh(), e.phase.name_en()),
                            lang.pick(g.name_zh(), g.name_en()),
                            e.total.unwrap_or(0.0)
                        ),
                        None => "—".into(),
                    },
                ));
            }
        }
    }
    // The keys of the site forms, where they apply and there is room; the synthetic note
    // always stays on screen, the details giving way to it.
    let room = inner.height as usize;
    let note = usize::from(m.net.synthetic);
    let keys = match (Tier::for_level(n.level), m.net.site_at(i)) {
        _ if !loaded => None,
        (None, _) => None,
        (Some(_), None) => Some(crate::i18n::records::TREE_KEYS_NO_SITE),
        (Some(_), Some(_)) => Some(crate::i18n::records::TREE_KEYS_SITE),
    };
    if let Some(k) = keys.filter(|_| lines.len() + 1 + note <= room) {
        lines.push(Line::from(Span::styled(k.get(lang), c.theme.dim())));
    }
    if m.net.synthetic {
        if lines.len() + 2 <= room {
            lines.push(Line::from(""));
        }
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            crate::i18n::common::SYNTHETIC_NOTE.get(lang),
            c.theme.synthetic(),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
