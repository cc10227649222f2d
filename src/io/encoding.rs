//! Decoding text files as Excel and WPS save them: UTF-8 (with or without BOM) or GBK.

use crate::i18n::Lang;

/// Decode bytes: UTF-8 (BOM stripped) if valid, else GB18030 (a superset of GBK).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(b) {
        Ok(s) => (
            s.to_string(),
            if b.len() != bytes.len() {
                "UTF-8 (BOM)"
            } else {
                "UTF-8"
            },
        ),
        Err(_) => {
            let (s, _, _) = encoding_rs::GB18030.decode(b);
            (s.into_owned(), "GBK")
        }
    }
}

/// A text cell for CSV or xlsx, made safe to open in Excel or WPS: unsafe characters
/// escaped, and a cell that starts with a formula character (`=` `+` `-` `@`, tab, CR) gets
/// a leading apostrophe so the spreadsheet shows it as text instead of running it (the
/// OWASP guidance on CSV injection). Plain numbers such as `-3.5` are left alone.
pub fn sheet_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let escaped = crate::domain::text::escape(s);
    let risky = escaped
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && escaped.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{escaped}"))
    } else {
        escaped
    }
}

/// The inverse of `sheet_cell`'s apostrophe, for importers reading back an export: a cell
/// that is an apostrophe followed by a formula character is that text.
pub fn unsheet_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}

/// Maps the byte positions the `csv` crate reports to physical file lines (1 = the first
/// line). The crate's own `Position::line()` is one too low for every CRLF file and skips
/// blank lines; its byte offsets are right up to the blank lines before a record, so those
/// are stepped over and the newlines before the record counted. A quoted field that spans
/// lines is named by the line it starts on.
pub struct Lines<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let newlines = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(k, _)| k)
            .collect();
        Lines { bytes, newlines }
    }

    /// The physical line a record (or a read error) starts on.
    pub fn line(&self, pos: Option<&csv::Position>) -> usize {
        let mut at = pos.map(|p| p.byte() as usize).unwrap_or(0);
        while self
            .bytes
            .get(at)
            .is_some_and(|b| *b == b'\n' || *b == b'\r')
        {
            at += 1;
        }
        self.newlines.partition_point(|&n| n < at) + 1
    }
}

/// Why a cell of an imported file is refused, if it is: it holds a character no free text
/// may hold (`domain::text::is_unsafe`). Names the column, the character's place in the cell
/// and its code point (`U+001B`).
pub fn unsafe_cell(column: &str, cell: &str, lang: Lang) -> Option<String> {
    use crate::domain::text::{code_point, first_unsafe};
    let (at, c) = first_unsafe(cell)?;
    let cp = code_point(c);
    Some(
        crate::i18n::errors::UNSAFE_CELL
            .fill(lang, &[("column", &column), ("at", &at), ("cp", &cp)]),
    )
}

/// Pretty JSON for output, every unsafe character written as a JSON escape (`\u009b`). serde_json
/// escapes C0 controls itself but writes DEL, C1 controls (a terminal may act on U+009B as
/// on ESC [) and direction overrides as they are; outside strings JSON is ASCII, so each
/// such character found is inside a string and its escape reads back as the same text.
pub fn json_pretty(v: &serde_json::Value) -> crate::error::Result<String> {
    let s = serde_json::to_string_pretty(v).map_err(|e| crate::error::write_failed("json", e))?;
    let mut out = String::with_capacity(s.len() + 1);
    for c in s.chars() {
        // Below DEL, serde_json has escaped every control inside strings; the newlines left
        // are the layout's.
        if c >= '\u{7f}' && crate::domain::text::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        assert_eq!(sheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(sheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(sheet_cell("+86 138"), "'+86 138");
        assert_eq!(sheet_cell("-3.5"), "-3.5");
        assert_eq!(sheet_cell("张三"), "张三");
        assert_eq!(sheet_cell("a\u{1b}b"), "a\\u{1b}b");
        for s in ["=1+1", "@x", "+x", "-x", "张三", "-3.5"] {
            assert_eq!(unsheet_cell(&sheet_cell(s)), s);
        }
    }
    #[test]
    fn lines_are_physical_for_lf_crlf_blank_lines_and_quoted_newlines() {
        for text in ["h\na\n\nb\n", "h\r\na\r\n\r\nb\r\n"] {
            let lines = Lines::new(text);
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(text.as_bytes());
            let got: Vec<usize> = rdr
                .records()
                .map(|r| lines.line(r.expect("reads").position()))
                .collect();
            assert_eq!(got, [2, 4], "{text:?}");
        }
        let text = "h,x\r\n\"a\r\nb\",1\r\nc,2\r\n";
        let lines = Lines::new(text);
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let got: Vec<usize> = rdr
            .records()
            .map(|r| lines.line(r.expect("reads").position()))
            .collect();
        assert_eq!(got, [2, 4]);
    }

    #[test]
    fn json_output_escapes_every_unsafe_character() {
        let v = serde_json::json!({"name": "a\u{1b}]52;c;QQ==\u{7}\u{9b}\u{202e}b"});
        let s = json_pretty(&v).expect("serialises");
        assert!(
            s.chars()
                .all(|c| c == '\n' || !crate::domain::text::is_unsafe(c)),
            "{s}"
        );
        assert!(
            s.contains("\\u001b") && s.contains("\\u009b") && s.contains("\\u202e"),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v, "the same text once read");
    }

    #[test]
    fn unsafe_cells_are_named_by_column_and_code_point() {
        assert_eq!(unsafe_cell("name", "张三", Lang::En), None);
        let en = unsafe_cell("name", "王\u{1b}[2J", Lang::En).expect("refused");
        assert!(
            en.contains("name") && en.contains("U+001B") && en.contains("character 2"),
            "{en}"
        );
        let zh = unsafe_cell("name", "名\u{202E}字", Lang::Zh).expect("refused");
        assert!(zh.contains("name 列") && zh.contains("U+202E"), "{zh}");
    }

    #[test]
    fn decodes_gbk_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("兴庆区,张三");
        assert_eq!(decode(&gbk).0, "兴庆区,张三");
        assert_eq!(decode(&gbk).1, "GBK");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("名称".as_bytes());
        assert_eq!(decode(&bom), ("名称".to_string(), "UTF-8 (BOM)"));
    }
}
