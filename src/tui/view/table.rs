//! Lists drawn as ratatui `Table`s whose column widths come from the terminal: each column
//! asks for the width of its widest visible cell, the columns that matter least give way
//! first on a narrow screen, and the name columns take whatever a wide screen has left.
//!
//! Every cell is cut to its column here, with an ellipsis and with stored control characters
//! escaped (`io::width::truncate`), before ratatui sees it: ratatui would cut silently and
//! would hand a stored escape sequence to the terminal.

use ratatui::layout::{Constraint, Flex, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};
use ratatui::Frame;

use crate::io::width::{bar, rpad, truncate, width};

/// Columns between two cells.
pub const SPACING: u16 = 1;

/// One column: how wide its content wants to be, how narrow it may become, whether it takes
/// spare width, and how soon it gives way (lower gives way first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    pub want: u16,
    pub min: u16,
    pub grow: bool,
    pub keep: u8,
    pub right: bool,
    pub optional: bool,
}

impl Col {
    /// A column sized to its content that never shrinks below `min`.
    pub fn fit(min: u16) -> Col {
        Col {
            want: 0,
            min,
            grow: false,
            keep: u8::MAX,
            right: false,
            optional: false,
        }
    }

    /// A name column: takes the spare width of a wide screen.
    pub fn grow(min: u16) -> Col {
        Col {
            grow: true,
            ..Col::fit(min)
        }
    }

    /// Gives way before columns with a higher `keep`.
    pub fn keep(self, keep: u8) -> Col {
        Col { keep, ..self }
    }

    /// Left out, gap and all, once it is at its `min` and the row is still too wide.
    pub fn optional(self) -> Col {
        Col {
            optional: true,
            ..self
        }
    }

    /// Wants at least `w` columns, whatever the visible rows hold (a column that should not
    /// move while the list scrolls).
    pub fn at_least(self, w: usize) -> Col {
        Col {
            want: w.min(u16::MAX as usize) as u16,
            ..self
        }
    }

    /// Numbers: aligned right.
    pub fn right(self) -> Col {
        Col {
            right: true,
            ..self
        }
    }

    /// Widen `want` to hold `text`.
    fn hold(&mut self, text: &str) {
        self.want = self.want.max(width(text).min(u16::MAX as usize) as u16);
    }
}

/// The widths of `cols` in `avail` columns: every column its `want`; if that is too wide,
/// the columns with the lowest `keep` shrink first, each to its `min` and, if `optional`, out
/// of the table, gap and all; then, if it must, the rightmost to nothing; spare width is
/// shared among the `grow` columns. A width of 0 means the column is not drawn.
pub fn widths(avail: u16, cols: &[Col]) -> Vec<u16> {
    // Each drawn column costs its width and the gap before it; the first has no gap, which
    // the budget's extra gap pays for.
    let gap = SPACING as u32;
    let cost = |w: u32| if w > 0 { w + gap } else { 0 };
    let budget = avail as u32 + gap;
    let mut w: Vec<u32> = cols.iter().map(|c| c.want as u32).collect();
    let mut total: u32 = w.iter().map(|&x| cost(x)).sum();
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by_key(|&i| (cols[i].keep, std::cmp::Reverse(i)));
    let shrink = |i: usize, floor: u32, w: &mut Vec<u32>, total: &mut u32| {
        if *total <= budget || w[i] <= floor {
            return;
        }
        let before = cost(w[i]);
        let over = *total - budget;
        w[i] = if floor == 0 && over >= w[i] {
            0
        } else {
            (w[i] - over.min(w[i] - floor)).max(floor.max(1))
        };
        *total = *total - before + cost(w[i]);
    };
    for &i in &order {
        shrink(i, (cols[i].min as u32).min(w[i]), &mut w, &mut total);
        if cols[i].optional && total > budget {
            total -= cost(w[i]);
            w[i] = 0;
        }
    }
    for i in (0..cols.len()).rev() {
        shrink(i, 0, &mut w, &mut total);
    }
    let growers: Vec<usize> = (0..cols.len())
        .filter(|&i| cols[i].grow && w[i] > 0)
        .collect();
    if !growers.is_empty() && total < budget {
        let spare = budget - total;
        let each = spare / growers.len() as u32;
        for (k, &i) in growers.iter().enumerate() {
            w[i] += each + u32::from(k == 0) * (spare % growers.len() as u32);
        }
    }
    w.into_iter()
        .map(|x| x.min(u16::MAX as u32) as u16)
        .collect()
}

/// One cell's text and its style (the style is dropped on the selected row, which is drawn
/// in reverse video alone, as before the tables).
pub struct Field {
    pub text: String,
    pub style: Style,
    /// A gauge of this ratio, as wide as its column, instead of the text.
    pub gauge: Option<f64>,
}

impl Field {
    pub fn plain(text: impl Into<String>) -> Field {
        Field {
            text: text.into(),
            style: Style::default(),
            gauge: None,
        }
    }
    pub fn styled(text: impl Into<String>, style: Style) -> Field {
        Field {
            text: text.into(),
            style,
            gauge: None,
        }
    }
    /// A bar for `ratio` filling its column (give the column a width with `at_least`).
    pub fn gauge(ratio: f64, style: Style) -> Field {
        Field {
            text: String::new(),
            style,
            gauge: Some(ratio),
        }
    }
}

/// A list to draw: its columns, an optional header, the visible rows and which of them is
/// selected.
pub struct List<'a> {
    pub cols: Vec<Col>,
    pub header: Option<(Vec<&'a str>, Style)>,
    pub rows: Vec<Vec<Field>>,
    pub selected: Option<usize>,
    pub selected_style: Style,
}

/// The width of the first of two panes side by side in `avail` columns, given what each
/// wants and the least each keeps: each gets its want when both fit (the spare going to the
/// second); else the shortage is shared in proportion to the wants, within the minimums.
pub fn split(avail: u16, want: [u16; 2], min: [u16; 2]) -> u16 {
    let [a, b] = want.map(u32::from);
    let total = u32::from(avail);
    let first = if a + b <= total || a + b == 0 {
        a
    } else {
        total * a / (a + b)
    };
    let hi = total.saturating_sub(u32::from(min[1]));
    let lo = u32::from(min[0]).min(hi);
    first.clamp(lo, hi.max(lo)) as u16
}

impl List<'_> {
    /// The columns widened to hold the header and the rows.
    fn fitted(&self) -> Vec<Col> {
        let mut cols = self.cols.clone();
        if let Some((h, _)) = &self.header {
            for (c, t) in cols.iter_mut().zip(h) {
                c.hold(t);
            }
        }
        for r in &self.rows {
            for (c, t) in cols.iter_mut().zip(r) {
                c.hold(&t.text);
            }
        }
        cols
    }

    /// The width that shows every column whole, gaps included.
    pub fn want(&self) -> u16 {
        let cols = self.fitted();
        let sum: u32 = cols.iter().map(|c| u32::from(c.want.max(c.min))).sum();
        let gaps = u32::from(SPACING) * cols.len().saturating_sub(1) as u32;
        (sum + gaps).min(u32::from(u16::MAX)) as u16
    }

    /// Draw into `area`; returns the rows drawn below the header (for a note underneath).
    pub fn render(self, f: &mut Frame, area: Rect) -> usize {
        let cols = self.fitted();
        let ws = widths(area.width, &cols);
        // The columns drawn: a column given no width is left out, gap and all.
        let shown: Vec<usize> = (0..cols.len()).filter(|&k| ws[k] > 0).collect();
        let cell = |k: usize, text: &str| -> String {
            let w = ws[k] as usize;
            if cols[k].right {
                rpad(text, w)
            } else {
                truncate(text, w)
            }
        };
        let n = self.rows.len();
        let rows: Vec<Row> = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let sel = self.selected == Some(i);
                Row::new(
                    r.into_iter()
                        .enumerate()
                        .filter(|(k, _)| ws.get(*k).is_some_and(|&w| w > 0))
                        .map(|(k, t)| {
                            let style = if sel { Style::default() } else { t.style };
                            let text = match t.gauge {
                                Some(r) => bar(r, ws[k] as usize),
                                None => cell(k, &t.text),
                            };
                            Cell::from(Line::from(Span::styled(text, style)))
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let mut table = Table::new(rows, shown.iter().map(|&k| Constraint::Length(ws[k])))
            .column_spacing(SPACING)
            .flex(Flex::Start)
            .row_highlight_style(self.selected_style);
        if let Some((h, style)) = &self.header {
            table = table.header(
                Row::new(
                    shown
                        .iter()
                        .map(|&k| Cell::from(cell(k, h.get(k).copied().unwrap_or(""))))
                        .collect::<Vec<_>>(),
                )
                .style(*style),
            );
        }
        let mut state = TableState::default().with_selected(self.selected);
        f.render_stateful_widget(table, area, &mut state);
        n
    }
}

/// The first row to show so that `sel` stays in view in `h` rows.
/// Why a list drawn in `inner` has no rows: one line under its header row.
pub fn empty_note(f: &mut Frame, inner: Rect, text: &str) {
    let below = Rect {
        y: inner.y + 1.min(inner.height),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    f.render_widget(ratatui::widgets::Paragraph::new(text.to_string()), below);
}

pub fn first_row(sel: usize, h: usize) -> usize {
    if h > 0 && sel >= h {
        sel + 1 - h
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(want: u16, min: u16, grow: bool, keep: u8) -> Col {
        Col {
            want,
            min,
            grow,
            keep,
            right: false,
            optional: false,
        }
    }

    #[test]
    fn wide_screens_give_the_spare_width_to_the_name_columns() {
        let cols = [
            col(8, 4, false, 9),
            col(20, 8, true, 9),
            col(10, 4, false, 9),
        ];
        assert_eq!(widths(60, &cols), vec![8, 40, 10]);
    }

    #[test]
    fn narrow_screens_shrink_the_least_kept_column_first() {
        let cols = [
            col(8, 4, false, 9),
            col(30, 8, true, 5),
            col(20, 6, false, 1),
        ];
        // 60 wanted, 40 available after the two gaps: the third gives way to its minimum,
        // then the second.
        assert_eq!(widths(42, &cols), vec![8, 26, 6]);
        // Nothing fits: everything at its minimum, then the rightmost left out.
        assert_eq!(widths(12, &cols), vec![4, 7, 0]);
    }

    #[test]
    fn a_column_that_may_vanish_gives_back_its_gap() {
        let cols = [
            col(8, 4, false, 9),
            col(20, 8, true, 5),
            col(6, 4, false, 1).optional(),
        ];
        assert_eq!(widths(36, &cols), vec![8, 20, 6]);
        assert_eq!(widths(34, &cols), vec![8, 20, 4]);
        // Three short: the third goes, and its width and gap go to the name.
        assert_eq!(widths(31, &cols), vec![8, 22, 0]);
    }

    #[test]
    fn widths_never_exceed_the_area() {
        for avail in 0..120u16 {
            let cols = [
                col(9, 9, false, 3),
                col(33, 4, true, 2),
                col(17, 2, false, 1),
            ];
            let ws = widths(avail, &cols);
            let drawn = ws.iter().filter(|&&w| w > 0).count() as u16;
            let used: u16 = ws.iter().sum::<u16>() + drawn.saturating_sub(1) * SPACING;
            assert!(used <= avail, "{avail}: {ws:?}");
        }
    }

    #[test]
    fn first_row_keeps_the_selection_on_screen() {
        assert_eq!(first_row(0, 10), 0);
        assert_eq!(first_row(9, 10), 0);
        assert_eq!(first_row(10, 10), 1);
        assert_eq!(first_row(3, 0), 0);
    }
}
