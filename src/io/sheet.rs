//! An imported list as office programs save it, read into a header and rows: CSV in UTF-8
//! (with or without BOM) or GBK, LF or CRLF; tab-separated text, UTF-16 "Unicode text"
//! (what Excel's "Unicode 文本" writes); xlsx and xls workbooks (the first worksheet, a date
//! cell as `YYYY-MM-DD`, a whole number without `.0`). Blank rows are skipped; trailing
//! empty columns are ignored. Rows keep their physical line (1 = the first line; in a
//! workbook, the row number Excel shows). Headers become column ids through
//! `headers::Sheet::column_id`. Reads only: the importers check the cells.

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::io::encoding::unsheet_cell;
use crate::io::headers::Sheet;

/// A list read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// How the file was read: `UTF-8`, `UTF-8 (BOM)`, `GBK`, `UTF-16LE, tab-separated`, `xlsx`.
    pub encoding: String,
    /// Each column's id (see `Sheet::column_id`).
    pub columns: Vec<String>,
    /// Each column's header as the file writes it, for messages.
    pub headers: Vec<String>,
    /// The rows under the header that hold anything.
    pub rows: Vec<Row>,
}

/// One row of a list: its physical line and its cells (trimmed, a spreadsheet's formula
/// guard `'` taken off).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// The index of a column by id.
    pub fn col(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == id)
    }

    /// A row's cell by column id; empty when the column or the cell is missing.
    pub fn cell<'r>(&self, row: &'r Row, id: &str) -> &'r str {
        self.col(id)
            .and_then(|k| row.cells.get(k))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The header of a column as the file writes it (its id when it has no header cell).
    pub fn header(&self, id: &str) -> String {
        self.col(id)
            .and_then(|k| self.headers.get(k))
            .filter(|h| !h.is_empty())
            .map(|h| crate::domain::text::escape(h).into_owned())
            .unwrap_or_else(|| id.to_string())
    }
}

/// Read a list of `sheet`'s columns from the bytes of a file named `file`.
pub fn read(file: &str, bytes: &[u8], sheet: Sheet, lang: Lang) -> Result<Table> {
    let text_start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'[') {
        return read_json(file, bytes, sheet);
    }
    let (encoding, rows) = if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
    {
        ("xlsx".to_string(), read_workbook(file, bytes)?)
    } else {
        let (text, encoding) = decode_text(file, bytes, lang)?;
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let tabs = first.contains('\t') && !first.contains(',');
        let encoding = if tabs {
            format!("{encoding}, {}", lang.pick("制表符分隔", "tab-separated"))
        } else {
            encoding.to_string()
        };
        (
            encoding,
            read_text(file, &text, if tabs { b'\t' } else { b',' })?,
        )
    };
    let mut rows = rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()));
    let Some(header) = rows.next() else {
        return Ok(Table {
            encoding,
            columns: vec![],
            headers: vec![],
            rows: vec![],
        });
    };
    let headers: Vec<String> = header
        .cells
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    Ok(Table {
        encoding,
        columns: headers.iter().map(|h| sheet.column_id(h)).collect(),
        headers,
        rows: rows.collect(),
    })
}

/// A JSON list as `export --format json` writes it: an array of objects, one per row, the
/// keys the column ids. A row's line is the line its object starts on.
fn read_json(file: &str, bytes: &[u8], sheet: Sheet) -> Result<Table> {
    let (text, encoding) = crate::io::encoding::decode(bytes);
    let bad = |line: usize, msg: String| Error::Parse {
        file: file.to_string(),
        line,
        msg,
    };
    let values: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&text).map_err(|e| bad(e.line(), e.to_string()))?;
    // Where each object of the array starts: a `{` at depth 1, outside strings.
    let mut starts = Vec::new();
    let (mut depth, mut line, mut in_str, mut escaped) = (0usize, 1usize, false, false);
    for c in text.chars() {
        match c {
            '\n' => line += 1,
            _ if in_str => match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            },
            '"' => in_str = true,
            '{' | '[' => {
                if c == '{' && depth == 1 {
                    starts.push(line);
                }
                depth += 1;
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut columns: Vec<String> = Vec::new();
    for v in &values {
        for k in v.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let rows = values
        .iter()
        .enumerate()
        .map(|(k, v)| Row {
            line: starts.get(k).copied().unwrap_or(k + 2),
            cells: trimmed(columns.iter().map(|c| match v.get(c) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.trim().to_string(),
                Some(other) => other.to_string(),
            })),
        })
        .collect();
    Ok(Table {
        encoding: format!("JSON, {encoding}"),
        columns: columns.iter().map(|c| sheet.column_id(c)).collect(),
        headers: columns,
        rows,
    })
}

/// Text from bytes: UTF-16 with its byte-order mark, else UTF-8 (BOM or not) or GBK. UTF-16
/// without a mark (zero bytes, which no text file holds) is refused with what it is.
fn decode_text(file: &str, bytes: &[u8], lang: Lang) -> Result<(String, &'static str)> {
    let utf16 = |enc: &'static encoding_rs::Encoding, body: &[u8], name: &'static str| {
        let (s, _) = enc.decode_without_bom_handling(body);
        (s.into_owned(), name)
    };
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(encoding_rs::UTF_16LE, body, "UTF-16LE"));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(encoding_rs::UTF_16BE, body, "UTF-16BE"));
    }
    let head = &bytes[..bytes.len().min(64)];
    if head.contains(&0) {
        return Err(Error::Invalid(
            crate::i18n::errors::UTF16_NO_BOM.fill(lang, &[("file", &file)]),
        ));
    }
    Ok(crate::io::encoding::decode(bytes))
}

fn read_text(file: &str, text: &str, delimiter: u8) -> Result<Vec<Row>> {
    let lines = crate::io::encoding::Lines::new(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => rows.push(Row {
                line: lines.line(r.position()),
                cells: trimmed(r.iter().map(clean)),
            }),
            Err(e) => {
                let line = lines.line(e.position());
                errors.push(format!("{file}:{line}: {e}"));
            }
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Rows(errors))
    }
}

/// A cell as a sheet means it: trimmed, the formula guard `'`, the apostrophe that keeps a
/// number as text (`'640104001`) and Excel's text-number wrapper `="0123"` taken off.
fn clean(c: &str) -> String {
    let c = c.trim();
    let c = c
        .strip_prefix("=\"")
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(c);
    match c.strip_prefix('\'') {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.to_string()
        }
        _ => unsheet_cell(c).to_string(),
    }
}

/// Cells without the empty ones at the end of the row.
fn trimmed(cells: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = cells.collect();
    while v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<Row>> {
    use calamine::{Data, Reader};
    let bad = |detail: String| {
        Error::Refused(crate::error::Refusal::NotXlsx {
            file: file.to_string(),
            detail,
        })
    };
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| bad(e.to_string()))?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Ok(vec![]);
    };
    let range = wb.worksheet_range(&name).map_err(|e| bad(e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    // Excel's day 0 (its serial dates count from 1899-12-30, the 1900 leap-year bug included).
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    Ok(range
        .rows()
        .enumerate()
        .map(|(k, r)| {
            let lead = std::iter::repeat_n(String::new(), c0 as usize);
            let cells = r.iter().map(|d| match d {
                Data::DateTime(t) => {
                    crate::domain::calendar::add_days(epoch, t.as_f64().floor() as i64).to_string()
                }
                Data::Empty => String::new(),
                Data::String(s) => clean(s),
                Data::Int(i) => i.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Bool(b) => (*b as u8).to_string(),
                Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
                other => other.to_string(),
            });
            Row {
                line: r0 as usize + k + 1,
                cells: trimmed(lead.chain(cells)),
            }
        })
        .collect())
}

/// A list as one xlsx worksheet: a bold header row, every cell written as text (so that a
/// division code keeps its digits and a date its form), each made safe to open
/// (`sheet_cell`). The workbook's creation date is `made` (not the clock), so the same list
/// gives the same bytes.
pub fn write_xlsx(
    header: &[String],
    rows: &[Vec<String>],
    made: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| crate::error::write_failed("xlsx", e);
    let cell = |t: &str| crate::io::encoding::sheet_cell(t).into_owned();
    let mut wb = Workbook::new();
    let made = ExcelDateTime::from_ymd(
        u16::try_from(made.year()).unwrap_or(2000),
        made.month() as u8,
        made.day() as u8,
    )
    .map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&made));
    let head = Format::new().set_bold().set_num_format("@");
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, cell(h), &head)
            .map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string_with_format(r as u32 + 1, c as u16, cell(v), &text)
                    .map_err(err)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(t: &Table) -> Vec<&str> {
        t.columns.iter().map(String::as_str).collect()
    }

    #[test]
    fn gbk_crlf_blank_rows_and_trailing_empty_columns() {
        let text = "区划代码,站点名称,,\r\n\r\n640104001,凤凰北街社工站,,\r\n,,,\r\n640104002,\"解放,西街\",,\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let t = read("x.csv", &gbk, Sheet::Sites, Lang::En).expect("reads");
        assert_eq!(t.encoding, "GBK");
        assert_eq!(ids(&t), ["division_code", "name"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 5]);
        assert_eq!(t.rows[1].cells, ["640104002", "解放,西街"]);
        assert_eq!(t.cell(&t.rows[0], "name"), "凤凰北街社工站");
        assert_eq!(t.cell(&t.rows[0], "head"), "");
    }

    #[test]
    fn utf16_unicode_text_and_tabs_are_read_and_unmarked_utf16_refused() {
        let text = "区划代码\t站点名称\r\n640104001\t凤凰北街社工站\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read("u.txt", &le, Sheet::Sites, Lang::En).expect("reads");
        assert_eq!(t.encoding, "UTF-16LE, tab-separated");
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].cells, ["640104001", "凤凰北街社工站"]);
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let e = read("u.txt", &bare, Sheet::Sites, Lang::En).expect_err("refused");
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }

    #[test]
    fn text_stored_numbers_lose_their_wrappers() {
        let text = "division_code,area_m2\n=\"640104001\",'=1\n'640104002,120\n";
        let t = read("x.csv", text.as_bytes(), Sheet::Sites, Lang::En).expect("reads");
        assert_eq!(t.rows[0].cells, ["640104001", "=1"]);
        assert_eq!(t.rows[1].cells, ["640104002", "120"]);
    }

    #[test]
    fn an_xlsx_list_reads_back_and_is_the_same_bytes_twice() {
        let header = vec![
            "区划代码".to_string(),
            "站点名称".into(),
            "面积（平方米）".into(),
        ];
        let rows = vec![
            vec!["640104001".to_string(), "=站".into(), "120.5".into()],
            vec!["640104002".to_string(), "".into(), "".into()],
        ];
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
        let a = write_xlsx(&header, &rows, day).expect("writes");
        let b = write_xlsx(&header, &rows, day).expect("writes");
        assert_eq!(a, b, "the same list, the same bytes");
        let t = read("x.xlsx", &a, Sheet::Sites, Lang::En).expect("reads");
        assert_eq!(t.columns, ["division_code", "name", "area_m2"]);
        assert_eq!(t.rows[0].cells, ["640104001", "=站", "120.5"]);
        assert_eq!(t.rows[1].cells, ["640104002"]);
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 3));
    }

    #[test]
    fn a_json_list_reads_with_each_object_on_its_own_line() {
        let text = "[\n  {\n    \"division_code\": \"640104001\",\n    \"name\": \"a{\\\"}\"\n  },\n  {\n    \"division_code\": \"640104002\",\n    \"area_m2\": 12\n  }\n]\n";
        let t = read("x.json", text.as_bytes(), Sheet::Sites, Lang::En).expect("reads");
        assert_eq!(t.columns, ["division_code", "name", "area_m2"]);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].cells, ["640104001", "a{\"}"]);
        assert_eq!(t.rows[1].line, 6);
        assert_eq!(t.rows[1].cells, ["640104002", "", "12"]);
        let e = read("x.json", b"[{]", Sheet::Sites, Lang::En).expect_err("refused");
        assert!(e.to_string().contains("x.json:1"), "{e}");
    }
}
