//! The cumulative coverage charts as one slide-sized SVG: every milestone of the scope as a
//! small multiple (or the one asked for). Same series the dashboard draws.
//!
//! Every label is placed from an estimate of its width (Chinese characters a full em, Latin
//! letters and digits about 0.6 em), so that whatever the dates, the names and the language,
//! no text runs off the canvas or over another label.

use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthChar;

use crate::domain::coverage::{series, Block, CoverageReport, MilestoneReport};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::error::{Error, Result};
use crate::i18n::cli as msg;
use crate::i18n::Lang;

/// The canvas: 16:9, the size of a slide.
pub const WIDTH: f64 = 1600.0;
pub const HEIGHT: f64 = 900.0;

/// Fonts tried in order: Chinese first (Noto/Source Han, WenQuanYi, the Windows and macOS
/// ones), then any sans-serif.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', \
'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', SimHei, \
'DejaVu Sans', Arial, sans-serif";

/// The top of a chart's scale: the highest value with a little headroom, rounded up to an
/// even whole number so that the middle tick is a whole number too. Axes are labelled with
/// exactly this bound (the dashboard's chart uses it too).
pub fn scale_top(highest: f64) -> f64 {
    let t = (highest.max(1.0) * 1.05).ceil();
    if t % 2.0 == 0.0 {
        t
    } else {
        t + 1.0
    }
}

/// The estimated advance of `s` at `size` px: a full em for wide (Chinese) characters and
/// for symbols outside ASCII (✔, ✘, …), 0.7 em for capitals, m and w, 0.55 em for other ASCII.
/// Generous on purpose: a label judged to fit must fit in any of the fonts listed.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c.is_ascii_uppercase() || c == 'm' || c == 'w' {
                0.7
            } else if c.is_ascii() {
                0.55
            } else if c.width().unwrap_or(1) == 0 {
                0.0
            } else {
                1.0
            }
        })
        .sum::<f64>()
        * size
}

/// `s` at the largest size from `size` down to `min` at which it fits `max` px, cut (with
/// "…") at `min` when it fits at none.
fn fit_shrink(s: &str, size: f64, min: f64, max: f64) -> (String, f64) {
    let w = text_width(s, size);
    if w <= max {
        return (s.to_string(), size);
    }
    let shrunk = (size * max / w).max(min);
    (fit(s, shrunk, max), shrunk)
}

/// `s` cut (with "…") to fit `max` px at `size`.
fn fit(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let next = format!("{out}{c}…");
        if text_width(&next, size) > max {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// Text for an SVG text node: unsafe characters escaped as sgz shows them, then XML.
fn esc(s: &str) -> String {
    crate::domain::text::escape(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A label's box: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Boxed(f64, f64, f64, f64);

impl Boxed {
    fn overlaps(&self, o: &Boxed) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }
}

/// The box of a text at baseline `y` anchored at `x` (`start` or `end`).
fn text_box(s: &str, size: f64, x: f64, y: f64, end: bool) -> Boxed {
    let w = text_width(s, size);
    let left = if end { x - w } else { x };
    Boxed(left, y - size, left + w, y + size * 0.3)
}

struct Canvas {
    out: String,
}

impl Canvas {
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: &str, extra: &str, s: &str) {
        let _ = writeln!(
            self.out,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" text-anchor="{anchor}"{extra}>{}</text>"##,
            esc(s)
        );
    }
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, style: &str) {
        let _ = writeln!(
            self.out,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" {style}/>"##
        );
    }
}

/// A white outline under a label drawn over the lines, so that a line never crosses it.
const HALO: &str =
    r##" paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round""##;

/// How the three lines are drawn: told apart by dash pattern and weight, not only colour.
const TARGET_STYLE: &str = r##"stroke="#555" stroke-width="2" stroke-dasharray="10 6""##;
const DEADLINE_STYLE: &str = r##"stroke="#b00" stroke-width="2" stroke-dasharray="2 4""##;
const COVERED_STYLE: &str = r##"stroke="#0057b8" stroke-width="3.5""##;

/// What a coverage chart draws for one milestone, the same in the dashboard and the SVG.
pub struct ChartData {
    /// The covered count at each change, up to the as-of date.
    pub pts: Vec<(NaiveDate, u32)>,
    /// The first day drawn: the rollout's first change, the document's date or the as-of
    /// date, whichever is first.
    pub start: NaiveDate,
    /// The last day drawn: the as-of date or the deadline, whichever is later.
    pub end: NaiveDate,
    /// The covered count on the as-of date.
    pub last: u32,
    /// The top of the scale (`scale_top` of the target and the highest count).
    pub top: f64,
}

/// The chart of milestone `m` of block `b`, counted over the node the report counts it over
/// (a count target over its whole jurisdiction).
pub fn chart_data(
    net: &Network,
    b: &Block,
    m: &MilestoneReport,
    ms: &crate::domain::policy::Milestone,
    issued: NaiveDate,
    as_of: NaiveDate,
) -> ChartData {
    let over = m
        .over_code
        .as_deref()
        .and_then(|code| net.tree.find(code))
        .unwrap_or(b.node);
    let pts = series(net, over, ms, as_of);
    let start = pts
        .first()
        .map(|p| p.0)
        .unwrap_or(issued)
        .min(issued)
        .min(as_of);
    let last = pts.last().map(|p| p.1).unwrap_or(0);
    let peak = pts.iter().map(|p| p.1).max().unwrap_or(0);
    ChartData {
        start,
        end: as_of.max(m.deadline),
        last,
        top: scale_top(m.required.max(peak) as f64),
        pts,
    }
}

/// One small multiple: a block's milestone and the node its series is counted over.
struct Panel<'a> {
    block: &'a Block,
    milestone: &'a MilestoneReport,
}

/// Columns and rows for `n` panels on a 16:9 canvas.
fn grid(n: usize) -> (usize, usize) {
    let cols = match n {
        0 | 1 => 1,
        2 | 4 => 2,
        3 | 5 | 6 | 9 => 3,
        7 | 8 | 10..=12 => 4,
        _ => ((n as f64 * 16.0 / 9.0).sqrt().ceil() as usize).max(1),
    };
    (cols, n.div_ceil(cols).max(1))
}

/// The coverage charts of a report: every milestone of every block, or, with `pick` (a
/// block's index and a milestone id), that one milestone only (the TUI's `e`).
pub fn coverage_svg(
    net: &Network,
    profiles: &[Profile],
    r: &CoverageReport,
    pick: Option<(usize, &str)>,
    lang: Lang,
) -> Result<String> {
    let panels: Vec<Panel> = r
        .blocks
        .iter()
        .enumerate()
        .filter(|(bi, _)| pick.is_none_or(|(k, _)| k == *bi))
        .flat_map(|(_, b)| {
            b.milestones
                .iter()
                .filter(move |m| pick.is_none_or(|(_, id)| id == m.id))
                .map(move |m| Panel {
                    block: b,
                    milestone: m,
                })
        })
        .collect();
    if panels.is_empty() {
        return Err(Error::Invalid(msg::NOTHING_TO_DRAW.get(lang).into()));
    }
    let mut c = Canvas { out: String::new() };
    let margin = 32.0;
    // The title: scope, date, and the synthetic label when it is.
    let code = if r.scope_code.is_empty() {
        String::new()
    } else {
        format!(" ({})", r.scope_code)
    };
    let title = format!(
        "{} {}{code} · {} {}",
        msg::COVERAGE.get(lang),
        r.scope_name,
        msg::SVG_AS_OF.get(lang),
        r.as_of
    );
    let title_size = 30.0;
    c.text(
        margin,
        margin + title_size,
        title_size,
        "start",
        r#" font-weight="bold""#,
        &fit(&title, title_size, WIDTH - 2.0 * margin),
    );
    // The documents, then the legend on the same line, right-aligned.
    let sub_size = 18.0;
    let sub_y = margin + title_size + 12.0 + sub_size;
    let legend = legend(&mut c, sub_y, sub_size, margin, lang);
    let mut docs: Vec<String> = Vec::new();
    for b in &r.blocks {
        let d = format!("{} {}", b.doc_number, b.policy);
        if !docs.contains(&d) {
            docs.push(d);
        }
    }
    let docs = docs.join(" · ");
    c.text(
        margin,
        sub_y,
        sub_size,
        "start",
        r##" fill="#333""##,
        &fit(&docs, sub_size, legend - margin - 24.0),
    );
    let foot = if r.synthetic { 34.0 } else { 12.0 };
    let area_top = sub_y + 20.0;
    let area_bottom = HEIGHT - foot;
    let (cols, rows) = grid(panels.len());
    let gap = 20.0;
    let pw = (WIDTH - 2.0 * margin - gap * (cols as f64 - 1.0)) / cols as f64;
    let ph = (area_bottom - area_top - gap * (rows as f64 - 1.0)) / rows as f64;
    for (k, p) in panels.iter().enumerate() {
        let (col, row) = ((k % cols) as f64, (k / cols) as f64);
        let px = margin + col * (pw + gap);
        let py = area_top + row * (ph + gap);
        panel(&mut c, net, profiles, r, p, (px, py, pw, ph), lang)?;
    }
    if r.synthetic {
        let size = 16.0;
        c.text(
            margin,
            HEIGHT - 12.0,
            size,
            "start",
            r##" fill="#444""##,
            &fit(
                crate::i18n::common::SYNTHETIC_NOTE.get(lang),
                size,
                WIDTH - 2.0 * margin,
            ),
        );
    }
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{}">
<rect width="100%" height="100%" fill="#fff"/>
"##,
        FONT_FAMILY.replace('"', "&quot;")
    );
    s.push_str(&c.out);
    s.push_str("</svg>\n");
    Ok(s)
}

/// The legend, right-aligned at baseline `y`: a sample of each line and its name. Returns
/// where it starts (its left edge).
fn legend(c: &mut Canvas, y: f64, size: f64, margin: f64, lang: Lang) -> f64 {
    let items = [
        (TARGET_STYLE, msg::SVG_TARGET.get(lang)),
        (DEADLINE_STYLE, msg::SVG_DEADLINE.get(lang)),
        (COVERED_STYLE, msg::SVG_COVERED.get(lang)),
    ];
    let sample = 36.0;
    let widths: Vec<f64> = items
        .iter()
        .map(|(_, name)| sample + 8.0 + text_width(name, size) + 20.0)
        .collect();
    let total: f64 = widths.iter().sum();
    let mut x = WIDTH - margin - total;
    let start = x;
    for ((style, name), w) in items.iter().zip(widths) {
        let ly = y - size * 0.35;
        c.line(x, ly, x + sample, ly, style);
        c.text(x + sample + 8.0, y, size, "start", "", name);
        x += w;
    }
    start
}

/// One small multiple in the box (x, y, width, height).
// Long: the panel is drawn top to bottom (title, axes, lines, labels) in one place so the
// coordinates read together.
fn panel(
    c: &mut Canvas,
    net: &Network,
    profiles: &[Profile],
    r: &CoverageReport,
    p: &Panel,
    (px, py, pw, ph): (f64, f64, f64, f64),
    lang: Lang,
) -> Result<()> {
    let (b, m) = (p.block, p.milestone);
    let profile = profiles
        .iter()
        .find(|x| x.id == b.policy)
        .ok_or_else(|| Error::Invalid(format!("policy {} not loaded", b.policy)))?;
    let ms = profile
        .milestones
        .iter()
        .find(|x| x.id == m.id)
        .ok_or_else(|| Error::Invalid(format!("milestone {} not in {}", m.id, b.policy)))?;
    let ChartData {
        pts,
        start,
        end,
        last,
        top: ymax,
    } = chart_data(net, b, m, ms, profile.issued, r.as_of);

    let _ = writeln!(
        c.out,
        r##"<rect x="{px:.1}" y="{py:.1}" width="{pw:.1}" height="{ph:.1}" fill="none" stroke="#ccc"/>"##
    );
    let pad = 10.0;
    let base = (ph / 15.0).clamp(11.0, 18.0);
    let head = base * 1.15;
    let lab = base * 0.9;
    // Title: the milestone, then the jurisdiction, its code and the clause.
    let inner_w = pw - 2.0 * pad;
    let title = lang.pick(&m.label_zh, &m.label_en);
    let ty = py + pad + head;
    let (title, size) = fit_shrink(title, head, lab, inner_w);
    c.text(
        px + pad,
        ty,
        size,
        "start",
        r#" font-weight="bold""#,
        &title,
    );
    let where_ = format!("{} {} · {}", b.name, b.code, m.clause);
    let ty = ty + lab * 1.35;
    c.text(
        px + pad,
        ty,
        lab,
        "start",
        r##" fill="#444""##,
        &fit(&where_, lab, inner_w),
    );
    // The plot's box: room on the left for the y labels, above for the deadline label,
    // below for the dates and the status.
    let ylabels = [
        "0".to_string(),
        format!("{}", ymax / 2.0),
        format!("{ymax}"),
    ];
    let ylab_w = ylabels
        .iter()
        .map(|l| text_width(l, lab))
        .fold(0.0, f64::max);
    let left = px + pad + ylab_w + 6.0;
    let right = px + pw - pad;
    let top = ty + 8.0 + lab * 1.5;
    let bottom = py + ph - pad - base * 1.3 - lab * 1.4;
    if bottom - top < 20.0 || right - left < 40.0 {
        return Ok(());
    }
    let span = (end - start).num_days().max(1) as f64;
    let x = |d: NaiveDate| left + (d - start).num_days() as f64 / span * (right - left);
    let y = |v: f64| bottom - v / ymax * (bottom - top);
    // Axes and their labels: 0, the middle and the real top of the scale; first and last day.
    c.line(left, bottom, right, bottom, r##"stroke="#000""##);
    c.line(left, top, left, bottom, r##"stroke="#000""##);
    for (k, l) in ylabels.iter().enumerate() {
        let v = ymax * k as f64 / 2.0;
        c.line(left - 4.0, y(v), left, y(v), r##"stroke="#000""##);
        c.text(left - 6.0, y(v) + lab * 0.35, lab, "end", "", l);
    }
    let date_y = bottom + lab * 1.3;
    let (d0, d1) = (start.to_string(), end.to_string());
    c.text(left, date_y, lab, "start", "", &d0);
    if text_width(&d0, lab) + text_width(&d1, lab) + 12.0 <= right - left {
        c.text(right, date_y, lab, "end", "", &d1);
    }
    // The covered count: a solid step line to the as-of date.
    let mut path = format!("M{:.1},{:.1}", x(start), y(0.0));
    let mut prev = 0u32;
    for (d, v) in &pts {
        let _ = write!(
            path,
            " L{:.1},{:.1} L{:.1},{:.1}",
            x(*d),
            y(prev as f64),
            x(*d),
            y(*v as f64)
        );
        prev = *v;
    }
    let _ = write!(path, " L{:.1},{:.1}", x(r.as_of), y(last as f64));
    let _ = writeln!(c.out, r##"<path d="{path}" fill="none" {COVERED_STYLE}/>"##);
    // The target (a dashed line) and the deadline (a dotted one); then their labels, over
    // every line: the target's at the left end above its line (below it at the top).
    let t_y = y(m.required as f64);
    c.line(left, t_y, right, t_y, TARGET_STYLE);
    let dx = x(m.deadline);
    c.line(dx, top, dx, bottom, DEADLINE_STYLE);
    let t_label = format!("{} {}", msg::SVG_TARGET.get(lang), m.required);
    let t_base = if t_y - 4.0 - lab >= top {
        t_y - 4.0
    } else {
        t_y + lab + 4.0
    };
    let t_label = fit(&t_label, lab, (right - left) / 2.0 - 8.0);
    c.text(
        left + 4.0,
        t_base,
        lab,
        "start",
        &format!(r##" fill="#333"{HALO}"##),
        &t_label,
    );
    let t_box = text_box(&t_label, lab, left + 4.0, t_base, false);
    // The deadline's label above the plot, beside its line where it fits.
    let d_label = fit(
        &format!("{} {}", msg::SVG_DEADLINE.get(lang), m.deadline),
        lab,
        right - px - pad,
    );
    let d_w = text_width(&d_label, lab);
    let (d_x, d_end) = if dx + 4.0 + d_w <= right {
        (dx + 4.0, false)
    } else if dx - 4.0 - d_w >= px + pad {
        (dx - 4.0, true)
    } else {
        (right, true)
    };
    c.text(
        d_x,
        top - 6.0,
        lab,
        if d_end { "end" } else { "start" },
        &format!(r##" fill="#b00"{HALO}"##),
        &d_label,
    );
    // Its value at the as-of date, right-aligned at the end of the line, above it or below
    // it, never over the target's label.
    let v_label = format!("{}/{} {}", m.covered, m.required, m.status.glyph());
    let v_x = x(r.as_of).max(left + text_width(&v_label, base) + 2.0);
    let v_y = y(last as f64);
    let above = v_y - 6.0;
    let below = v_y + base + 6.0;
    let mut candidates = [above, below, above - base, below + base];
    if above - base < top {
        candidates.swap(0, 1);
    }
    // Neither over the target's label nor across its line.
    let obstacles = [t_box, Boxed(left, t_y - 3.0, right, t_y + 3.0)];
    let clamp = |yy: f64| yy.clamp(top + base, bottom - 4.0);
    let v_base = candidates
        .iter()
        .map(|yy| clamp(*yy))
        .find(|yy| {
            let bx = text_box(&v_label, base, v_x, *yy, true);
            !obstacles.iter().any(|o| bx.overlaps(o))
        })
        .unwrap_or_else(|| {
            // Both sides collide with the target's label: put it beside that label instead.
            clamp(t_base + base + 4.0)
        });
    c.text(
        v_x,
        v_base,
        base,
        "end",
        &format!(r##" fill="#0057b8" font-weight="bold"{HALO}"##),
        &v_label,
    );
    // The status in words, under the dates.
    let status = format!(
        "{} {}",
        m.status.glyph(),
        lang.pick(m.status.text_zh(), m.status.text_en())
    );
    let (status, size) = fit_shrink(&status, base, lab * 0.75, inner_w);
    c.text(px + pad, py + ph - pad, size, "start", "", &status);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_top_is_even_and_above_the_highest_value() {
        for v in [0.0, 1.0, 7.0, 80.0, 186.0, 191.0, 1241.0] {
            let t = scale_top(v);
            assert!(t > v && t % 2.0 == 0.0, "{v} -> {t}");
        }
        assert_eq!(scale_top(186.0), 196.0);
    }

    #[test]
    fn fit_cuts_to_the_width_and_says_so() {
        let s = "乡镇（街道）社会工作站全覆盖";
        let f = fit(s, 20.0, 100.0);
        assert!(text_width(&f, 20.0) <= 100.0 && f.ends_with('…'), "{f}");
        assert_eq!(fit("80", 20.0, 100.0), "80");
    }

    #[test]
    fn grid_holds_every_panel() {
        for n in 1..40 {
            let (c, r) = grid(n);
            assert!(c * r >= n && c * (r - 1) < n, "{n}: {c}x{r}");
        }
    }
}
