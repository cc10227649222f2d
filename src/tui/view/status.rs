//! The status bar (scope, policy, as-of, user, database) and the message / command line.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Ctx;
use crate::i18n::tui_view as t;
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
        format!("{}≠{}", s.as_of, t::STATUS_TODAY.get(c.lang()))
    };
    let total = c.d.alert_counts(m).row(&m.net, s.scope).total();
    // The overview stands for no one scope: the count of the region under it would mislead.
    let alerts = if s.overview.is_some() {
        String::new()
    } else if !(c.d.has_national() || m.net.is_loaded(s.scope)) {
        t::STATUS_ALERTS_LOADING.get(c.lang()).to_string()
    } else if total > 0 {
        format!("{}{total}", t::STATUS_ALERTS.get(c.lang()))
    } else {
        String::new()
    };
    // With labels when they fit; on a narrow terminal the scope, policy and date without
    // theirs (each is plain from its form), so that the date and the alerts are not cut off.
    let policy = if s.overview.is_some() {
        format!("{}×", c.d.overview(m).len())
    } else {
        policy_label(m, s.scope)
    };
    let build = |labels: bool| -> String {
        let l = |t: crate::i18n::Text| if labels { t.get(c.lang()) } else { "" };
        let view = if s.overview.is_some() {
            "0".to_string()
        } else {
            s.view.number().to_string()
        };
        let mut parts: Vec<String> = vec![view];
        // Second, so that a narrow terminal cuts everything else before it.
        if m.net.synthetic {
            parts.push(crate::i18n::common::SYNTHETIC_TAG.get(s.lang).to_string());
        }
        let scope_name = if s.overview.is_some() {
            t::OVERVIEW_SCOPE.get(c.lang())
        } else {
            scope.name.as_str()
        };
        parts.push(format!("{}{scope_name}", l(t::STATUS_SCOPE)));
        parts.push(format!("{}{date}", l(t::STATUS_AS_OF)));
        if !alerts.is_empty() {
            parts.push(alerts.clone());
        }
        // A user name says nothing without its label. Who is acting matters more on a shared
        // server than the policy's number, which the dashboard's header shows too.
        parts.push(format!("{}{}", t::STATUS_USER.get(c.lang()), m.user));
        parts.push(format!("{}{policy}", l(t::STATUS_POLICY)));
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
                    t::HINT_HELP.get(c.lang()),
                    k(Action::Search),
                    t::HINT_SEARCH.get(c.lang()),
                    k(Action::CommandLine),
                    t::HINT_COMMAND.get(c.lang()),
                    k(Action::NextView),
                    t::HINT_VIEWS.get(c.lang()),
                    k(Action::MonthBack),
                    k(Action::MonthForward),
                    t::HINT_MONTH.get(c.lang()),
                    k(Action::Quit),
                    t::HINT_QUIT.get(c.lang()),
                );
                Line::from(Span::styled(truncate(&hint, w), c.theme.dim()))
            }
        },
    };
    f.render_widget(Paragraph::new(content), area);
}
