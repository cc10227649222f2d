//! The contract form over the tree view: the site's contracts with their verdicts (glyph and
//! word), the profile's limit with its clause, the verdict of the contract being renewed,
//! the fields and what is wrong with them.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{block, centered, Ctx};
use crate::domain::contract::{contract_renewal, contract_state};
use crate::domain::rules::profile_of_site;
use crate::i18n::{contracts as cm, tui_view as t};
use crate::io::contracts::verdict_word;
use crate::io::width::{pad, truncate};
use crate::tui::state::Overlay;

/// Contracts listed at most (the latest).
const SHOWN: usize = 5;

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let Overlay::ContractForm(fm) = &c.s.overlay else {
        return;
    };
    let lang = c.lang();
    let net = &c.m.net;
    let Some(site) = net.site(fm.site_id) else {
        return;
    };
    let profile = profile_of_site(net, &c.m.profiles, site.id);
    let all = net.contracts_of(site.id);
    let renewing = fm.renewal(net);
    let w = area.width.saturating_sub(2).min(100);
    let inner_w = usize::from(w.saturating_sub(2));
    // Mark and dates 23, state 10, days 6, verdict 14, clause 10: the operator gets the rest.
    let op_w = inner_w.saturating_sub(63).max(12);
    let mut lines: Vec<Line> = Vec::new();
    if all.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(cm::TUI_NONE.get(lang), inner_w),
            c.theme.dim(),
        )));
    }
    for k in all.iter().skip(all.len().saturating_sub(SHOWN)) {
        let verdict = profile.map(|p| contract_renewal(net, k, p).1);
        let word = verdict_word(verdict.as_ref().map(|v| &v.verdict), lang);
        let clause = verdict.as_ref().map_or("", |v| v.cite.clause.as_str());
        let style = match verdict.as_ref().and_then(|v| v.allowed()) {
            Some(false) => c.theme.bad(),
            Some(true) => c.theme.good(),
            None => Style::default(),
        };
        let mark = if renewing.is_some_and(|(id, _)| id == k.id) {
            "▸"
        } else {
            " "
        };
        let days = k.days_left(c.s.as_of);
        lines.push(Line::from(vec![
            Span::raw(format!("{mark}{}–{} ", k.start, k.end)),
            Span::raw(pad(&truncate(&k.operator, op_w), op_w)),
            Span::raw(format!(
                " {} ",
                pad(cm::state(contract_state(k, all, c.s.as_of), lang), 8)
            )),
            Span::raw(pad(&format!("{days}"), 6)),
            Span::styled(pad(&word, 14), style),
            Span::raw(format!(" {clause}")),
        ]));
    }
    lines.push(Line::from(""));
    if let Some(rule) = profile.and_then(|p| p.service_contract.as_ref()) {
        let text = format!(
            "{} {}",
            rule.cite.clause,
            lang.pick(&rule.cite.zh, &rule.cite.en)
        );
        let limit = cm::FORM_LIMIT.fill(lang, &[("rule", &text)]);
        lines.push(Line::from(Span::styled(
            truncate(&limit, inner_w),
            c.theme.dim(),
        )));
    }
    if let (Some((id, _)), Some(p)) = (renewing, profile) {
        if let Some(old) = all.iter().find(|k| k.id == id) {
            let v = crate::i18n::standing::renewal(&contract_renewal(net, old, p).1, lang);
            lines.push(Line::from(truncate(&v, inner_w)));
        }
    }
    let first_field = lines.len();
    let labels = [cm::FIELD_OPERATOR, cm::FIELD_START, cm::FIELD_END];
    for (k, input) in fm.fields.iter().enumerate() {
        let style = if k == fm.focus {
            c.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::raw(pad(labels[k].get(lang), 12)),
            Span::styled(pad(&truncate(input.value(), 40), 40), style),
        ]));
    }
    for e in &fm.errors {
        lines.push(Line::from(Span::styled(format!("✘ {e}"), c.theme.bad())));
    }
    lines.push(Line::from(Span::styled(
        t::FORM_KEYS.get(lang),
        c.theme.dim(),
    )));
    let site_name = crate::domain::text::escape(&site.name).into_owned();
    let title = match renewing.and_then(|(id, _)| all.iter().find(|k| k.id == id)) {
        Some(old) => cm::FORM_RENEW.fill(lang, &[("site", &site_name), ("id", &old.id)]),
        None => cm::FORM_NEW.fill(lang, &[("site", &site_name)]),
    };
    // Errors may wrap: leave them room.
    let extra: usize = fm
        .errors
        .iter()
        .map(|e| crate::io::width::width(e) / inner_w.max(1))
        .sum();
    let h = (lines.len() + extra + 2) as u16;
    // One column in from the left, where the tree has only its border and indent: a popup
    // edge in the middle of a double-width name would lose its border there.
    let r = Rect {
        x: area.x + 1,
        ..centered(area, w, h.min(area.height))
    };
    f.render_widget(Clear, r);
    let b = block(Span::styled(
        format!(" {} ", truncate(&title, inner_w.saturating_sub(2))),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    if let Some(input) = fm.fields.get(fm.focus) {
        let y = inner.y + (first_field + fm.focus) as u16;
        if y < inner.y + inner.height {
            f.set_cursor_position((inner.x + 12 + input.visual_cursor() as u16, y));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
