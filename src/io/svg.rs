//! The cumulative coverage chart as SVG, for slides. Same series the dashboard draws.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::coverage::{focus_milestone, series, CoverageReport};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::error::{Error, Result};
use crate::i18n::Lang;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One chart per block: the focus milestone's covered count over time, its deadline and target.
// Long: the chart is drawn top to bottom (axes, series, deadline, target, labels) in one
// place so the coordinates read together.
pub fn coverage_svg(
    net: &Network,
    profiles: &[Profile],
    r: &CoverageReport,
    lang: Lang,
) -> Result<String> {
    let (w, h_one) = (900.0_f64, 360.0_f64);
    let mut body = String::new();
    let mut y0 = 0.0;
    for b in &r.blocks {
        let Some(k) = focus_milestone(&b.milestones, r.as_of) else {
            continue;
        };
        let m = &b.milestones[k];
        let profile = profiles
            .iter()
            .find(|p| p.id == b.policy)
            .ok_or_else(|| Error::Invalid(format!("policy {} not loaded", b.policy)))?;
        let ms = profile
            .milestones
            .iter()
            .find(|x| x.id == m.id)
            .ok_or_else(|| Error::Invalid(format!("milestone {} not in {}", m.id, b.policy)))?;
        let pts = series(net, b.node, ms, r.as_of);
        let start = pts
            .first()
            .map(|p| p.0)
            .unwrap_or(profile.issued)
            .min(profile.issued);
        let end = r.as_of.max(m.deadline);
        let span = (end - start).num_days().max(1) as f64;
        let ymax = (m
            .required
            .max(pts.iter().map(|p| p.1).max().unwrap_or(0))
            .max(1)) as f64;
        let (left, right, top, bottom) = (70.0, w - 30.0, y0 + 50.0, y0 + h_one - 40.0);
        let x = |d: NaiveDate| left + (d - start).num_days() as f64 / span * (right - left);
        let y = |v: f64| bottom - v / ymax * (bottom - top);
        let title = format!(
            "{} {} — {} ({} {})",
            b.name,
            b.doc_number,
            lang.pick(&m.label_zh, &m.label_en),
            crate::i18n::cli::SVG_AS_OF.get(lang),
            r.as_of
        );
        let _ = writeln!(
            body,
            r##"<text x="{left}" y="{}" font-size="18" font-weight="bold">{}</text>"##,
            y0 + 28.0,
            esc(&title)
        );
        let _ = writeln!(
            body,
            r##"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#000"/>"##
        );
        let _ = writeln!(
            body,
            r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#000"/>"##
        );
        // Target line and deadline.
        let ty = y(m.required as f64);
        let _ = writeln!(
            body,
            r##"<line x1="{left}" y1="{ty:.1}" x2="{right}" y2="{ty:.1}" stroke="#555" stroke-dasharray="6 4"/>"##
        );
        let _ = writeln!(
            body,
            r##"<text x="{}" y="{:.1}" font-size="13" text-anchor="end">{} {}</text>"##,
            right,
            ty - 4.0,
            crate::i18n::cli::SVG_TARGET.get(lang),
            m.required
        );
        let dx = x(m.deadline);
        let _ = writeln!(
            body,
            r##"<line x1="{dx:.1}" y1="{top}" x2="{dx:.1}" y2="{bottom}" stroke="#b00" stroke-width="2"/>"##
        );
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{}" font-size="13" fill="#b00">{} {}</text>"##,
            dx + 4.0,
            top + 14.0,
            crate::i18n::cli::SVG_DEADLINE.get(lang),
            m.deadline
        );
        // Step line of the covered count.
        let mut path = format!("M{:.1},{:.1}", x(start), y(0.0));
        let mut last = 0u32;
        for (d, v) in &pts {
            let _ = write!(
                path,
                " L{:.1},{:.1} L{:.1},{:.1}",
                x(*d),
                y(last as f64),
                x(*d),
                y(*v as f64)
            );
            last = *v;
        }
        let _ = write!(path, " L{:.1},{:.1}", x(r.as_of), y(last as f64));
        let _ = writeln!(
            body,
            r##"<path d="{path}" fill="none" stroke="#0057b8" stroke-width="2.5"/>"##
        );
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="14" fill="#0057b8">{}/{} {}</text>"##,
            x(r.as_of) - 4.0,
            y(last as f64) - 6.0,
            last,
            m.required,
            m.status.glyph()
        );
        // Axis labels: start, deadline year ticks, as-of.
        let _ = writeln!(
            body,
            r##"<text x="{left}" y="{}" font-size="12">{start}</text>"##,
            bottom + 18.0
        );
        let _ = writeln!(
            body,
            r##"<text x="{right}" y="{}" font-size="12" text-anchor="end">{end}</text>"##,
            bottom + 18.0
        );
        let _ = writeln!(
            body,
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end">{}</text>"##,
            left - 6.0,
            y(ymax) + 4.0,
            ymax as u32
        );
        let _ = writeln!(
            body,
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end">0</text>"##,
            left - 6.0,
            bottom + 4.0
        );
        let _ = writeln!(
            body,
            r##"<text x="{left}" y="{}" font-size="13">{}</text>"##,
            bottom + 34.0,
            esc(&crate::i18n::standing::status(&m.status, lang))
        );
        y0 += h_one;
    }
    let total_h = y0.max(60.0) + if r.synthetic { 24.0 } else { 0.0 };
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{total_h}" viewBox="0 0 {w} {total_h}" font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
"##
    );
    s.push_str(&body);
    if r.synthetic {
        let _ = writeln!(
            s,
            r##"<text x="10" y="{}" font-size="13" fill="#444">{}</text>"##,
            total_h - 8.0,
            esc(crate::i18n::common::SYNTHETIC_NOTE.get(lang))
        );
    }
    s.push_str("</svg>\n");
    Ok(s)
}
