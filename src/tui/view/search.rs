//! The search popup: query line and results with their full path, best first.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::{block, centered, Ctx};
use crate::io::width::{pad, truncate};

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    let m = c.m;
    let Some(search) = c.s.search() else { return };
    let r = centered(
        area,
        area.width.saturating_sub(6).min(100),
        area.height.saturating_sub(2).min(22),
    );
    f.render_widget(Clear, r);
    let title = format!(
        " {} ",
        c.tr(
            "搜索：汉字 / 全拼 / 首字母，Enter 跳转，Esc 返回",
            "Search: Hanzi / pinyin / initials, Enter jumps, Esc back"
        )
    );
    let b = block(Span::styled(
        truncate(&title, r.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let q = search.input.value();
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", c.theme.accent()),
        Span::raw(q.to_string()),
    ])];
    f.set_cursor_position((inner.x + 2 + search.input.visual_cursor() as u16, inner.y));
    let status = if q.trim().is_empty() {
        c.tr(
            "输入以搜索，例如 xq、xingqing、兴庆",
            "Type to search, e.g. xq, xingqing, 兴庆",
        )
        .to_string()
    } else if search.waiting() {
        c.tr("搜索中…", "searching…").to_string()
    } else if search.hits.is_empty() {
        c.tr("没有匹配", "no match").to_string()
    } else {
        format!("{} {}", search.hits.len(), c.tr("个结果", "results"))
    };
    lines.push(Line::from(Span::styled(status, c.theme.dim())));
    let h = (inner.height as usize).saturating_sub(2);
    let sel = search.selected;
    let start = if sel >= h { sel + 1 - h } else { 0 };
    for (k, &node) in search.hits.iter().enumerate().skip(start).take(h) {
        let n = m.net.tree.node(node);
        let path = m.net.tree.path_names(node, " › ");
        let text = format!("{} {}", pad(&n.code_str(), 12), path);
        let style = if k == sel {
            c.theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
