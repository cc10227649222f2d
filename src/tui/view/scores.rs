//! View 4: evaluations by service year and phase, and the score-entry grid.

use crate::i18n::names::Named;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::table::{first_row, Col, Field, List};
use super::{block, centered, Ctx};
use crate::domain::evaluation::fmt_score;
use crate::domain::policy::ScorerRole;
use crate::domain::renewal::{SheetStatus, Verdict};
use crate::domain::sheet::{Sheet, SheetError, Side};
use crate::i18n::{tui_view as t, Lang};
use crate::io::width::{pad, rpad, truncate};
use crate::tui::action::Table;
use crate::tui::state::Pending;

fn status_glyph(s: SheetStatus) -> &'static str {
    match s {
        SheetStatus::Missing => "✘",
        SheetStatus::Draft => "✎",
        SheetStatus::Submitted => "✔",
        SheetStatus::Locked => "◉",
    }
}

fn verdict(c: &Ctx, v: &Verdict) -> (String, Style) {
    let lang = c.s.lang;
    match v {
        Verdict::Allowed { .. } => (format!("✔ {}", t::RENEWAL_OK.get(lang)), c.theme.good()),
        Verdict::NotAllowed { .. } => (format!("✘ {}", t::RENEWAL_NO.get(lang)), c.theme.bad()),
        Verdict::Pending { .. } => (
            format!("⋯ {}", t::RENEWAL_PENDING.get(lang)),
            c.theme.warn(),
        ),
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &Ctx) {
    match c.s.sheet() {
        Some(sh) => grid(f, area, c, sh),
        None => list(f, area, c),
    }
    if c.s.table() == Table::Conflict {
        conflict(f, area, c);
    }
    if c.s.table() == Table::Confirm {
        confirm(f, area, c);
    }
}

fn list(f: &mut Frame, area: Rect, c: &Ctx) {
    let (s, m, d) = (c.s, c.m, c.d);
    let lang = s.lang;
    let rows = d.score_rows(m);
    let title = format!(
        " {} · {} · {} ",
        t::SCORES_TITLE.get(lang),
        d.report.scope_name,
        t::SCORES_KEYS.get(lang)
    );
    let b = super::grant_note(
        block(Span::styled(
            truncate(&title, area.width.saturating_sub(2) as usize),
            c.theme.title(),
        )),
        c,
    );
    let inner = b.inner(area);
    f.render_widget(b, area);
    let body = (inner.height as usize).saturating_sub(1);
    let sel = s.scores.selected.min(rows.len().saturating_sub(1));
    let start = first_row(sel, body);
    let visible: Vec<Vec<Field>> = rows
        .iter()
        .skip(start)
        .take(body)
        .map(|r| {
            let st = r.sheet.status;
            let style = if st == SheetStatus::Missing {
                c.theme.bad()
            } else {
                Style::default()
            };
            let grade = r
                .sheet
                .grade
                .map(|g| lang.pick(g.name_zh(), g.name_en()))
                .unwrap_or("");
            let (v, vstyle) = verdict(c, &r.renewal.verdict);
            vec![
                Field::styled(r.name.as_str(), style),
                Field::styled(r.sheet.year.to_string(), style),
                Field::styled(
                    lang.pick(r.sheet.phase.name_zh(), r.sheet.phase.name_en()),
                    style,
                ),
                Field::styled(
                    format!(
                        "{} {}",
                        status_glyph(st),
                        crate::i18n::standing::sheet_status(st, lang)
                    ),
                    style,
                ),
                Field::styled(r.sheet.total.map(fmt_score).unwrap_or_default(), style),
                Field::styled(grade, style),
                Field::styled(v, vstyle),
            ]
        })
        .collect();
    List {
        // The site and the status stay; the grade gives way first, then the phase.
        cols: vec![
            Col::grow(10).keep(6),
            Col::fit(4).keep(9),
            Col::fit(4).keep(3),
            Col::fit(6).keep(8),
            Col::fit(5).keep(7).right(),
            Col::fit(4).keep(2).optional(),
            Col::fit(6).keep(5),
        ],
        header: Some((
            vec![
                t::COL_SITE.get(lang),
                t::COL_YEAR.get(lang),
                t::COL_PHASE.get(lang),
                t::COL_STATUS.get(lang),
                t::COL_TOTAL.get(lang),
                t::COL_GRADE.get(lang),
                t::COL_RENEWAL.get(lang),
            ],
            c.theme.dim(),
        )),
        rows: visible,
        selected: (!rows.is_empty()).then_some(sel - start),
        selected_style: c.theme.selected(),
    }
    .render(f, inner);
    if rows.is_empty() {
        super::table::empty_note(f, inner, t::NO_EVALUATIONS.get(lang));
    }
}

fn grid(f: &mut Frame, area: Rect, c: &Ctx, sh: &Sheet) {
    let (s, m) = (c.s, c.m);
    let site = m
        .net
        .site(sh.site_id())
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let phase = s.lang.pick(sh.phase().name_zh(), sh.phase().name_en());
    let status = s.lang.pick(sh.status().name_zh(), sh.status().name_en());
    let title = format!(
        " {site} · {} {phase} · {status} · v{} ",
        sh.year(),
        sh.version()
    );
    let b = block(Span::styled(
        truncate(&title, area.width.saturating_sub(2) as usize),
        c.theme.title(),
    ));
    let inner = b.inner(area);
    f.render_widget(b, area);
    // The hint (or the current cell's error) has the bottom line to itself, the whole width:
    // the side panel beside the rows never reaches it.
    let [body, foot_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let [table, side] =
        Layout::horizontal([Constraint::Min(40), Constraint::Length(30)]).areas(body);
    let w = table.width as usize;
    // On a sheet split among scorer roles, a column names whose part each item is.
    let part_w = if sh.is_split() {
        ScorerRole::ALL
            .into_iter()
            .map(|r| crate::io::width::width(part_name(r, c.lang())))
            .max()
            .unwrap_or(0)
            + 1
    } else {
        0
    };
    let part_col = |text: &str| {
        if part_w == 0 {
            String::new()
        } else {
            format!("{} ", pad(text, part_w - 1))
        }
    };
    // Where the scorer column leaves an item too little room, the dimension gives way (the
    // side panel lists the dimensions).
    let dim_w = if part_w > 0 && w < 10 + 1 + 6 + 1 + 10 + 2 + part_w + 24 {
        0
    } else {
        11
    };
    let dim_col = |text: &str| {
        if dim_w == 0 {
            String::new()
        } else {
            format!("{} ", pad(text, dim_w - 1))
        }
    };
    let item_w = w.saturating_sub(dim_w + 6 + 1 + 10 + 2 + part_w).max(8);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}{}{} {} {}",
            part_col(t::COL_PART.get(c.lang())),
            dim_col(t::COL_DIMENSION.get(c.lang())),
            pad(t::COL_ITEM.get(c.lang()), item_w),
            rpad(t::COL_MAX.get(c.lang()), 6),
            pad(t::COL_SCORE.get(c.lang()), 10)
        ),
        c.theme.dim(),
    ))];
    let h = (table.height as usize).saturating_sub(1);
    let cur = sh.cursor();
    let start = if cur >= h { cur + 1 - h } else { 0 };
    let mut err_line = None;
    for (k, r) in sh.rows().iter().enumerate().skip(start).take(h) {
        let dim = s.lang.pick(&r.dimension_zh, &r.dimension_en);
        let item = s.lang.pick(&r.item_zh, &r.item_en);
        let editing = k == cur && r.edit.is_some();
        let mut cell = r.display();
        if editing {
            cell.push('▏');
        }
        // Another role's item is greyed and marked ⊘ (the glyph says it without colour); an
        // item of a submitted part is marked ✔.
        let refused = sh.refusal(k);
        let mark = match (&refused, r.error.is_some(), r.is_unsaved()) {
            (Some(SheetError::NotYourPart { .. }), _, _) => "⊘",
            (Some(SheetError::PartSubmitted(_)), _, _) => "✔",
            (_, true, _) => "✘",
            (_, _, true) => "*",
            _ => " ",
        };
        let text = format!(
            "{}{}{} {} {}{}",
            part_col(r.scorer.map(|p| part_name(p, c.lang())).unwrap_or("")),
            dim_col(dim),
            pad(item, item_w),
            rpad(&fmt_score(r.max), 6),
            mark,
            pad(&cell, 9)
        );
        let style = if k == cur {
            c.theme.selected()
        } else if r.error.is_some() {
            c.theme.bad()
        } else if matches!(refused, Some(SheetError::NotYourPart { .. })) {
            c.theme.dim()
        } else {
            Style::default()
        };
        if k == cur {
            if let Some(e) = &r.error {
                err_line = Some(crate::i18n::names::score_error(e, s.lang));
            }
        }
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    let fw = foot_area.width as usize;
    let foot = match err_line {
        Some(e) => Line::from(Span::styled(truncate(&format!("✘ {e}"), fw), c.theme.bad())),
        None => Line::from(Span::styled(truncate(&grid_hint(c), fw), c.theme.dim())),
    };
    f.render_widget(Paragraph::new(lines), table);
    f.render_widget(Paragraph::new(foot), foot_area);

    // The side panel: total, grade, per-dimension totals, renewal with its clause.
    let grade = match sh.grade() {
        Some(g) => s.lang.pick(g.name_zh(), g.name_en()).to_string(),
        None => format!(
            "{}{}",
            s.lang.pick(
                sh.provisional_grade().name_zh(),
                sh.provisional_grade().name_en()
            ),
            t::GRADE_INCOMPLETE.get(c.lang())
        ),
    };
    let mut side_lines = vec![
        Line::from(Span::styled(
            format!(
                "{} {} / {}",
                t::SIDE_TOTAL.get(c.lang()),
                fmt_score(sh.total()),
                fmt_score(sh.total_max())
            ),
            c.theme.title(),
        )),
        Line::from(format!("{} {}", t::SIDE_GRADE.get(c.lang()), grade)),
        Line::from(format!(
            "{} {}/{}",
            t::SIDE_FILLED.get(c.lang()),
            sh.filled(),
            sh.rows().len()
        )),
        Line::from(""),
    ];
    let parts = part_lines(c, sh);
    let split = !parts.is_empty();
    side_lines.extend(parts);
    // On a split sheet the dimensions give way to the renewal verdict when the panel is short.
    let dims = sh.dimension_totals();
    if !split || side_lines.len() + dims.len() + 3 <= side.height as usize {
        for dt in dims {
            let name = s.lang.pick(&dt.zh, &dt.en);
            side_lines.push(Line::from(format!(
                "{} {}/{}",
                pad(name, 14),
                fmt_score(dt.total),
                fmt_score(dt.max)
            )));
        }
        side_lines.push(Line::from(""));
    }
    let ren = sh.renewal();
    let (v, vstyle) = verdict(c, &ren.verdict);
    side_lines.push(Line::from(Span::styled(v, vstyle)));
    let reason = crate::i18n::standing::renewal(&ren, s.lang);
    let sw = side.width as usize;
    let mut rest = reason.as_str();
    while !rest.is_empty() && side_lines.len() < side.height as usize {
        let piece = crate::io::width::cut(rest, sw);
        side_lines.push(Line::from(Span::styled(piece.to_string(), c.theme.dim())));
        rest = &rest[piece.len()..];
    }
    if sh.is_dirty() {
        let (text, style) = if s.drafts_lost() {
            (t::UNSAVED_NOT_KEPT.get(c.lang()), c.theme.bad())
        } else {
            (t::UNSAVED_KEPT.get(c.lang()), c.theme.warn())
        };
        side_lines.push(Line::from(Span::styled(text, style)));
    }
    f.render_widget(Paragraph::new(side_lines), side);
}

/// A scorer role's short name for the grid.
fn part_name(r: ScorerRole, lang: Lang) -> &'static str {
    match r {
        ScorerRole::ThirdParty => t::PART_THIRD_PARTY,
        ScorerRole::Purchaser => t::PART_PURCHASER,
        ScorerRole::Bureau => t::PART_BUREAU,
    }
    .get(lang)
}

/// The side panel's lines for a sheet split among scorer roles: whose hand the account
/// writes in, then each part's subtotal with ✔ submitted or ✎ draft (the sheet's total sums
/// them); nothing on a sheet not split.
fn part_lines(c: &Ctx, sh: &Sheet) -> Vec<Line<'static>> {
    let lang = c.lang();
    let totals = sh.part_totals();
    if totals.is_empty() {
        return Vec::new();
    }
    let who = match sh.mine() {
        Some(m) => t::SIDE_MY_PART.fill(lang, &[("part", &part_name(m, lang))]),
        None if sh.fills_any() => t::SIDE_ANY_PART.get(lang).to_string(),
        None => t::SIDE_NO_PART.get(lang).to_string(),
    };
    let mut out = vec![Line::from(who)];
    let name_w = ScorerRole::ALL
        .into_iter()
        .map(|r| crate::io::width::width(part_name(r, lang)))
        .max()
        .unwrap_or(0);
    for p in totals {
        let (glyph, state) = if p.submitted {
            ("✔", t::PART_IN.get(lang))
        } else {
            ("✎", t::PART_DRAFT.get(lang))
        };
        let text = format!(
            "{glyph} {} {}/{} {state}{}",
            pad(part_name(p.role, lang), name_w),
            fmt_score(p.total),
            fmt_score(p.max),
            if p.mine { t::PART_YOURS.get(lang) } else { "" }
        );
        let style = if p.mine {
            c.theme.title()
        } else {
            Style::default()
        };
        out.push(Line::from(Span::styled(text, style)));
    }
    out.push(Line::from(""));
    out
}

fn conflict(f: &mut Frame, area: Rect, c: &Ctx) {
    let Some(cf) = c.s.conflict() else { return };
    let r = centered(
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(4),
    );
    f.render_widget(Clear, r);
    let title = format!(" {} ", t::CONFLICT_TITLE.get(c.lang()));
    let b = block(Span::styled(
        truncate(&title, r.width.saturating_sub(2) as usize),
        c.theme.warn(),
    ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} {} {} {} {}",
            pad(t::COL_ITEM.get(c.lang()), 24),
            rpad(t::COL_WAS.get(c.lang()), 6),
            rpad(t::MINE.get(c.lang()), 6),
            rpad(t::THEIRS.get(c.lang()), 6),
            t::COL_TAKE.get(c.lang())
        ),
        c.theme.dim(),
    ))];
    let rows = c.s.sheet().map(|sh| sh.rows()).unwrap_or(&[]);
    let opt = |v: Option<f64>| v.map(fmt_score).unwrap_or_else(|| "—".into());
    for (k, it) in cf.items.iter().enumerate() {
        let name = rows
            .get(it.row)
            .map(|r| c.s.lang.pick(r.item_zh.clone(), r.item_en.clone()))
            .unwrap_or_else(|| it.item.clone());
        let choice = match it.choice {
            Some(Side::Mine) => t::MINE.get(c.lang()),
            Some(Side::Theirs) => t::THEIRS.get(c.lang()),
            None => "?",
        };
        let text = format!(
            "{} {} {} {} {}",
            pad(&name, 24),
            rpad(&opt(it.base), 6),
            rpad(&opt(it.mine), 6),
            rpad(&opt(it.theirs), 6),
            choice
        );
        let style = if k == c.s.conflict_row() {
            c.theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(pad(&text, w), style)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn confirm(f: &mut Frame, area: Rect, c: &Ctx) {
    let lang = c.lang();
    let q = match c.s.pending() {
        Some(Pending::LeaveSheet) if c.s.drafts_lost() => t::LEAVE_SHEET_LOST.get(lang).to_string(),
        Some(Pending::LeaveSheet) => t::LEAVE_SHEET.get(lang).to_string(),
        Some(Pending::ChangeStatus {
            change,
            empty,
            items,
            ..
        }) => status_question(c.s.lang, *change, *empty, *items),
        Some(Pending::ResumeDrafts { count }) => t::RESUME_DRAFTS.fill(lang, &[("count", count)]),
        Some(p @ (Pending::Departure { .. } | Pending::UndoSiteStatus { .. })) => {
            super::forms::question(p, lang).unwrap_or_default()
        }
        None => return,
    };
    // One line when it fits, else wrapped in a box as wide as the screen allows.
    let text_w = crate::io::width::width(&q) as u16;
    let w = (text_w + 4).min(area.width.saturating_sub(2).max(10));
    let lines = text_w.div_ceil(w.saturating_sub(2).max(1));
    let r = centered(area, w, lines + 2);
    f.render_widget(Clear, r);
    let b = block(Span::styled(t::CONFIRM_TITLE.get(c.lang()), c.theme.warn()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    f.render_widget(
        Paragraph::new(q).wrap(ratatui::widgets::Wrap { trim: true }),
        inner,
    );
}

/// The y/n question before a status change (see `update::ask_status` for when it is asked).
pub fn status_question(
    lang: Lang,
    change: crate::domain::sheet::StatusChange,
    empty: usize,
    items: usize,
) -> String {
    use crate::domain::sheet::StatusChange;
    match change {
        StatusChange::Unlock => t::UNLOCK_QUESTION.get(lang).to_string(),
        _ => {
            let name = lang.pick(change.name_zh(), change.name_en());
            let action = lang.pick(name.to_string(), capitalise(name));
            t::STATUS_QUESTION.fill(
                lang,
                &[
                    ("empty", &empty),
                    ("items", &items),
                    ("action", &action),
                    ("change", &name),
                ],
            )
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What the submit key does on the open sheet: submit the sheet, or the account's part
/// (reopen it once submitted) on a sheet split among scorer roles.
fn submit_hint(c: &Ctx) -> &'static str {
    let lang = c.lang();
    match c.s.sheet() {
        Some(sh) if sh.is_split() && (sh.mine().is_some() || !sh.fills_any()) => {
            match sh.mine().filter(|m| sh.part_submitted(*m)) {
                Some(_) => t::HINT_REOPEN_PART.get(lang),
                None => t::HINT_SUBMIT_PART.get(lang),
            }
        }
        _ => t::HINT_SUBMIT.get(lang),
    }
}

/// The grid's hint line, from the active keymap.
fn grid_hint(c: &Ctx) -> String {
    use crate::tui::action::{Action, Table};
    let lang = c.lang();
    let keys = super::key_hint(
        c.keys,
        &[Table::Grid],
        &[
            (
                &[Action::GridNext, Action::MoveDown],
                t::HINT_DOWN.get(lang),
            ),
            (&[Action::GridPrev, Action::MoveUp], t::HINT_UP.get(lang)),
            (&[Action::SaveSheet], t::HINT_SAVE.get(lang)),
            (&[Action::SubmitSheet], submit_hint(c)),
            (&[Action::Undo], t::HINT_UNDO.get(lang)),
            (&[Action::Redo], t::HINT_REDO.get(lang)),
            (&[Action::Cancel], t::HINT_CANCEL.get(lang)),
        ],
    );
    // The keys that matter most first: on a narrow screen the end is cut.
    format!("{keys}  {}", t::GRID_DIGITS.get(lang))
}
