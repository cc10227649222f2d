//! Decoding text files as Excel and WPS save them: UTF-8 (with or without BOM) or GBK.

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
    fn decodes_gbk_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("兴庆区,张三");
        assert_eq!(decode(&gbk).0, "兴庆区,张三");
        assert_eq!(decode(&gbk).1, "GBK");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("名称".as_bytes());
        assert_eq!(decode(&bom), ("名称".to_string(), "UTF-8 (BOM)"));
    }
}
