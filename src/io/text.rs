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

#[cfg(test)]
mod tests {
    use super::*;
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
