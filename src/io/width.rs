//! Display-width aware text helpers: Chinese characters take two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `s` takes on a terminal, as `truncate` and `pad` show it (unsafe characters
/// written as visible escapes).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(crate::domain::text::escape(s).as_ref())
}

/// Cut `s` to at most `w` columns, ending with '…' when cut. Control and direction
/// characters already stored (before the imports refused them) are shown as `\u{1b}`
/// escapes: a terminal would otherwise drop them silently, or obey them.
pub fn truncate(s: &str, w: usize) -> String {
    let escaped = crate::domain::text::escape(s);
    let s = escaped.as_ref();
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// The longest prefix of `s` within `w` columns (at least one character), for wrapping.
pub fn cut(s: &str, w: usize) -> &str {
    let mut used = 0;
    for (k, ch) in s.char_indices() {
        let cw = ch.width().unwrap_or(0);
        if used + cw > w.max(2) {
            return &s[..k];
        }
        used += cw;
    }
    s
}

/// Pad (or cut) to exactly `w` columns, left-aligned.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(n))
}

/// Pad to exactly `w` columns, right-aligned.
pub fn rpad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(n))
}

/// A text bar of `w` cells for a ratio, with eighths for the last cell.
pub fn bar(ratio: f64, w: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let r = ratio.clamp(0.0, 1.0);
    let eighths = (r * w as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let mut s = "█".repeat(full.min(w));
    if full < w {
        let rem = eighths % 8;
        if rem > 0 {
            s.push(PARTS[rem]);
        }
        let n = w - width(&s);
        s.push_str(&"░".repeat(n));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_control_characters_are_shown_not_obeyed() {
        assert_eq!(pad("杜\u{1b}]0;x\u{7}丽", 20), "杜\\u{1b}]0;x\\u{7}丽 ");
        assert_eq!(width("a\u{1b}"), 7);
    }
    #[test]
    fn chinese_is_two_columns() {
        assert_eq!(width("兴庆区"), 6);
        assert_eq!(pad("兴庆区", 8), "兴庆区  ");
        assert_eq!(truncate("宁夏回族自治区", 7), "宁夏回…");
        assert_eq!(width(&pad("宁夏回族自治区", 7)), 7);
        assert_eq!(width(&bar(0.5, 10)), 10);
    }
}
