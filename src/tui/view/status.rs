//! The status bar (scope, policy, as-of, user, database) and the message / command line.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Ctx;
use crate::io::width::{pad, truncate, width};
use crate::tui::action::{Action, Table};
use crate::tui::model::policy_label;
use crate::tui::state::{MsgKind, Overlay};

pub fn bar(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m) = (c.s, c.m);
    let scope = m.net.tree.node(s.scope);
    let date = if s.as_of == s.today {
        s.as_of.to_string()
    } else {
        format!("{}≠{}", s.as_of, c.lang().pick("今天", "today"))
    };
    let total = c.d.alert_counts(m).row(&m.net, s.scope).total();
    let alerts = if !(c.d.has_national() || m.net.is_loaded(s.scope)) {
        c.lang()
            .pick("告警:载入中…", "alerts: loading…")
            .to_string()
    } else if total > 0 {
        format!("{}{total}", c.lang().pick("告警:", "alerts:"))
    } else {
        String::new()
    };
    // With labels when they fit; on a narrow terminal the scope, policy and date without
    // theirs (each is plain from its form), so that the date and the alerts are not cut off.
    let policy = policy_label(m, s.scope);
    let build = |labels: bool| -> String {
        let l =
            |zh: &'static str, en: &'static str| if labels { c.lang().pick(zh, en) } else { "" };
        let mut parts: Vec<String> = vec![format!("{}", s.view.number())];
        // Second, so that a narrow terminal cuts everything else before it.
        if m.net.synthetic {
            parts.push(crate::i18n::common::SYNTHETIC_TAG.get(s.lang).to_string());
        }
        parts.push(format!("{}{}", l("范围:", "scope:"), scope.name));
        parts.push(format!("{}{date}", l("截至:", "as of:")));
        if !alerts.is_empty() {
            parts.push(alerts.clone());
        }
        // A user name says nothing without its label. Who is acting matters more on a shared
        // server than the policy's number, which the dashboard's header shows too.
        parts.push(format!("{}{}", c.lang().pick("用户:", "user:"), m.user));
        parts.push(format!("{}{policy}", l("政策:", "policy:")));
        parts.join(" │ ")
    };
    let read_only = match m.read_only {
        Some(ro) => format!("{} ", ro.mark(s.lang)),
        None => String::new(),
    };
    let mut left = format!("{read_only}{}", build(true));
    if width(&left) > area.width as usize {
        left = format!("{read_only}{}", build(false));
    }
    let db = format!(" {}", m.db);
    let w = area.width as usize;
    let room = w.saturating_sub(width(&left) + 1);
    let right = if room >= 8 {
        truncate(&db, room)
    } else {
        String::new()
    };
    let text = format!("{}{}", pad(&left, w.saturating_sub(width(&right))), right);
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(text, c.theme.bar()))),
        area,
    );
}

pub fn line(f: &mut Frame, area: Rect, c: &Ctx) {
    let s = c.s;
    let w = area.width as usize;
    let content: Line = match &s.overlay {
        Overlay::Command(command) => {
            let v = command.value();
            f.set_cursor_position((area.x + 1 + command.visual_cursor() as u16, area.y));
            Line::from(format!(":{v}"))
        }
        _ => match &s.message {
            Some(msg) => {
                let (tag, style) = match msg.kind {
                    MsgKind::Info => ("", c.theme.accent()),
                    MsgKind::Warn => ("⚠ ", c.theme.warn()),
                    MsgKind::Error => ("✘ ", c.theme.bad()),
                };
                Line::from(Span::styled(
                    truncate(&format!("{tag}{}", msg.text), w),
                    style,
                ))
            }
            None => {
                let k = |a: Action| {
                    c.keys
                        .keys_for(Table::Normal, a)
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                };
                let hint = format!(
                    "{} {}  {} {}  {} {}  {} {}  {}/{} {}  {} {}",
                    k(Action::Help),
                    c.lang().pick("帮助", "help"),
                    k(Action::Search),
                    c.lang().pick("搜索", "search"),
                    k(Action::CommandLine),
                    c.lang().pick("命令", "command"),
                    k(Action::NextView),
                    c.lang().pick("切换视图", "views"),
                    k(Action::MonthBack),
                    k(Action::MonthForward),
                    c.lang().pick("按月", "month"),
                    k(Action::Quit),
                    c.lang().pick("退出", "quit"),
                );
                Line::from(Span::styled(truncate(&hint, w), c.theme.dim()))
            }
        },
    };
    f.render_widget(Paragraph::new(content), area);
}
