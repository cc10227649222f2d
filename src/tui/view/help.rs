//! The help overlay, generated from the active keymap: every binding of every mode, grouped
//! by mode, described in the UI language.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::{block, centered, Ctx};
use crate::io::width::{pad, truncate};
use crate::tui::action::{Action, Table};
use crate::tui::keymap::Keymap;

/// Help lines: per mode, each action once with all its keys.
pub fn lines(keys: &Keymap, en: bool) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for mode in Table::ALL {
        let mut per: Vec<(Action, Vec<String>)> = Vec::new();
        for (k, a) in keys.bindings(mode) {
            match per.iter_mut().find(|(x, _)| x == a) {
                Some((_, ks)) => ks.push(k.display()),
                None => per.push((*a, vec![k.display()])),
            }
        }
        if per.is_empty() {
            continue;
        }
        per.sort_by_key(|(a, _)| Action::ALL.iter().position(|x| x == a));
        out.push((true, mode.name(en).to_string()));
        for (a, ks) in per {
            out.push((
                false,
                format!("  {} {}", pad(&ks.join(" "), 22), a.describe(en)),
            ));
        }
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let r = centered(
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    let title = format!(
        " {} ",
        c.tr(
            "帮助：按键由当前键位表生成（Esc 关闭）",
            "Help: from the active keymap (Esc closes)"
        )
    );
    let b = block(Span::styled(title, c.theme.title()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let mut all = lines(c.keys, c.s.en);
    let src = format!(
        "{} {}",
        c.tr("键位表：", "Keymaps:"),
        c.keys.sources.join(" + ")
    );
    all.push((false, String::new()));
    all.push((false, src));
    for p in &c.keys.problems {
        all.push((false, format!("⚠ {p}")));
    }
    let w = inner.width as usize;
    let off = (c.s.help_offset() as usize).min(all.len().saturating_sub(1));
    let text: Vec<Line> = all
        .into_iter()
        .skip(off)
        .map(|(head, l)| {
            if head {
                Line::from(Span::styled(truncate(&l, w), c.theme.accent()))
            } else {
                Line::from(truncate(&l, w))
            }
        })
        .collect();
    f.render_widget(Paragraph::new(text), inner);
}
