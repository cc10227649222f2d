//! Free text from files and keyboards: which characters may be stored, and how to show
//! anything unsafe that is already there.
//!
//! A name or a note is shown on other people's terminals and opened in their spreadsheets.
//! Control characters (C0, DEL, C1) can move a cursor, clear a screen or write a clipboard
//! (OSC 52); bidirectional overrides make a name read backwards. None of them belongs in a
//! name, so every door refuses them, and every output escapes whatever is already stored.

use std::borrow::Cow;

/// Whether a character may not be stored in free text: C0 controls (tab and newline
/// included: one-line fields), DEL, C1 controls, the bidirectional marks, embeddings,
/// overrides and isolates, the line and paragraph separators, and the invisible ones
/// (zero-width space and joiners, word joiner, BOM) that make two names look the same.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// The first unsafe character of `s`: its position among the characters (1-based, as a
/// clerk counts) and the character.
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_unsafe(*c))
        .map(|(i, c)| (i + 1, c))
}

/// How an unsafe character is named in a message: `U+001B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `s` with full-width digits and the full-width `．` `－` `／` `：` `＋` written as their
/// ASCII forms, as a Chinese input method types them into a number, code or date cell.
/// Borrowed when there is nothing to change.
pub fn ascii_digits(s: &str) -> Cow<'_, str> {
    let wide = |c: char| {
        matches!(
            c,
            '\u{FF10}'..='\u{FF19}' | '．' | '－' | '／' | '：' | '＋'
        )
    };
    if !s.chars().any(wide) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if wide(c) {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// `s` with every unsafe character written as a visible `\u{1b}`-style escape, for output
/// to terminals and files. Borrowed when there is nothing to escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_controls_and_bidi_but_not_chinese() {
        assert_eq!(first_unsafe("张三"), None);
        assert_eq!(first_unsafe("李四 Li Si"), None);
        assert_eq!(first_unsafe("王\u{1b}[2J"), Some((2, '\u{1b}')));
        assert_eq!(first_unsafe("a\u{7}"), Some((2, '\u{7}')));
        assert_eq!(first_unsafe("\u{85}x"), Some((1, '\u{85}')));
        assert_eq!(first_unsafe("名\u{202E}字"), Some((2, '\u{202E}')));
        assert_eq!(first_unsafe("a\rb"), Some((2, '\r')));
        assert_eq!(first_unsafe("a\0"), Some((2, '\0')));
        assert_eq!(first_unsafe("张\u{200B}三"), Some((2, '\u{200B}')));
        assert_eq!(first_unsafe("\u{FEFF}张三"), Some((1, '\u{FEFF}')));
    }

    #[test]
    fn escape_makes_controls_visible() {
        assert_eq!(escape("张三"), "张三");
        assert_eq!(escape("x\u{1b}]52;c;AA\u{7}"), "x\\u{1b}]52;c;AA\\u{7}");
        assert_eq!(escape("\u{202e}abc"), "\\u{202e}abc");
        assert!(escape("张\u{9b}").chars().all(|c| !is_unsafe(c)));
    }
}
