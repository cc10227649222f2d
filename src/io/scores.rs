//! Score sheets as files: CSV (UTF-8 with BOM out; UTF-8, UTF-8-BOM or GBK in), xlsx and JSON.
//! One section (CSV) or worksheet (xlsx) per template, since templates have different items.
//! This module knows the layout only; checking rows against the database is `scoresio`'s job.

use crate::i18n::names::Named;
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{Color, Format, FormatAlign, Formula, Workbook};
use serde_json::{json, Value};

use crate::domain::evaluation::{fmt_score, Evaluation};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::domain::site::Site;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::io::encoding::{sheet_cell, unsheet_cell};

/// The fixed columns, in order: id and Chinese name ("区划代码(division_code)").
pub const FIXED: [(&str, &str); 8] = [
    ("division_code", "区划代码"),
    ("site_name", "站点名称"),
    ("year", "年度"),
    ("phase", "阶段"),
    ("template", "模板"),
    ("status", "状态"),
    ("total", "总分"),
    ("grade", "等级"),
];

/// The last column: the version of the evaluation the row was exported from, so that an
/// import can tell a sheet someone saved since from one the file may overwrite.
pub const VERSION: (&str, &str) = ("version", "版本");

/// Whether a column id is one of the fixed columns (not an item).
pub fn is_fixed(id: &str) -> bool {
    id == VERSION.0 || FIXED.iter().any(|(f, _)| *f == id)
}

/// The id a header cell names: the text in its last parentheses ("服务成效-个案服务(svc_case)"
/// gives "svc_case"), a fixed column's Chinese name, or the cell itself.
pub fn header_id(cell: &str) -> String {
    let t = cell.trim();
    if let Some(body) = t.strip_suffix(')').or_else(|| t.strip_suffix('）')) {
        if let Some(k) = body.rfind(['(', '（']) {
            let inner = body[k..].trim_start_matches(['(', '（']).trim();
            if !inner.is_empty() {
                return inner.to_string();
            }
        }
    }
    FIXED
        .iter()
        .chain([&VERSION])
        .find(|(_, zh)| *zh == t)
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| t.to_string())
}

pub fn fixed_header(id: &str, zh: &str) -> String {
    format!("{zh}({id})")
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemColumn {
    pub id: String,
    /// "服务成效-个案服务(svc_case)"
    pub header: String,
    pub max: f64,
}

/// One evaluation as a row.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub division_code: String,
    pub site_name: String,
    pub year: i32,
    /// Display text for the CSV/xlsx cell (Chinese or English name).
    pub phase: String,
    pub phase_id: String,
    pub template: String,
    pub status: String,
    pub status_id: String,
    pub total: Option<f64>,
    pub grade: String,
    pub grade_id: Option<String>,
    /// One per item column.
    pub scores: Vec<Option<f64>>,
    /// The evaluation's version when exported.
    pub version: i64,
}

/// One template's evaluations.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub template: String,
    /// A line for people: document number, title, full marks.
    pub title: String,
    pub total_max: f64,
    pub items: Vec<ItemColumn>,
    pub rows: Vec<ExportRow>,
}

fn header_row(s: &Section) -> Vec<String> {
    FIXED
        .iter()
        .map(|(id, zh)| fixed_header(id, zh))
        .chain(s.items.iter().map(|i| i.header.clone()))
        .chain([fixed_header(VERSION.0, VERSION.1)])
        .map(|h| sheet_cell(&h).into_owned())
        .collect()
}

fn opt(v: Option<f64>) -> String {
    v.map(fmt_score).unwrap_or_default()
}

fn cells(r: &ExportRow) -> Vec<String> {
    let text = |t: &str| sheet_cell(t).into_owned();
    let mut v = vec![
        text(&r.division_code),
        text(&r.site_name),
        r.year.to_string(),
        text(&r.phase),
        text(&r.template),
        text(&r.status),
        opt(r.total),
        text(&r.grade),
    ];
    v.extend(r.scores.iter().map(|s| opt(*s)));
    v.push(r.version.to_string());
    v
}

/// CSV with a BOM so Excel and WPS read the Chinese: an optional note line, then per template
/// a title line, the header and the rows, sections separated by an empty line.
pub fn write_csv(sections: &[Section], note: Option<&str>) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    if let Some(n) = note {
        super::csv::append_crlf(&mut out, &[vec![sheet_cell(n).into_owned()]])?;
    }
    for (k, s) in sections.iter().enumerate() {
        if k > 0 || note.is_some() {
            out.extend_from_slice(b"\r\n");
        }
        let mut records = vec![vec![sheet_cell(&s.title).into_owned()], header_row(s)];
        records.extend(s.rows.iter().map(cells));
        super::csv::append_crlf(&mut out, &records)?;
    }
    Ok(out)
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    crate::error::write_failed("xlsx", e)
}

/// Excel column letters for a 0-based index (0 -> A, 26 -> AA).
fn col_name(mut c: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One worksheet per template; the total is a SUM formula (with its value cached) so a
/// corrected score updates it in Excel or WPS.
pub fn write_xlsx(sections: &[Section], note: Option<&str>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation date instead of the clock's, so that the same scores give the same
    // bytes (an export, imported and exported again, is the same file).
    let made = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_err)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&made));
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xDDEBF7));
    let warn = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(0xC00000));
    let text = Format::new().set_num_format("@");
    let cell = |t: &str| sheet_cell(t).into_owned();
    let nfixed = FIXED.len() as u16;
    for s in sections {
        let ws = wb.add_worksheet();
        let name: String = s
            .template
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c) && !crate::domain::text::is_unsafe(*c))
            .take(31)
            .collect();
        ws.set_name(if name.is_empty() { "sheet" } else { &name })
            .map_err(xlsx_err)?;
        let ncols = nfixed + s.items.len() as u16;
        let mut row = 0u32;
        if let Some(n) = note {
            ws.write_string_with_format(row, 0, cell(n), &warn)
                .map_err(xlsx_err)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, cell(&s.title), &bold)
            .map_err(xlsx_err)?;
        row += 1;
        let header = header_row(s);
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, h, &head)
                .map_err(xlsx_err)?;
        }
        ws.set_row_height(row, 45).map_err(xlsx_err)?;
        ws.set_freeze_panes(row + 1, 2).map_err(xlsx_err)?;
        row += 1;
        let (first_item, last_item) = (col_name(nfixed), col_name(ncols.saturating_sub(1)));
        for r in &s.rows {
            ws.write_string_with_format(row, 0, cell(&r.division_code), &text)
                .map_err(xlsx_err)?;
            ws.write_string(row, 1, cell(&r.site_name))
                .map_err(xlsx_err)?;
            ws.write_number(row, 2, r.year).map_err(xlsx_err)?;
            ws.write_string(row, 3, cell(&r.phase)).map_err(xlsx_err)?;
            ws.write_string(row, 4, cell(&r.template))
                .map_err(xlsx_err)?;
            ws.write_string(row, 5, cell(&r.status)).map_err(xlsx_err)?;
            let sum: f64 = r.scores.iter().flatten().sum();
            match r.total {
                Some(t) if (t - sum).abs() < 0.05 && !s.items.is_empty() => {
                    let excel_row = row + 1;
                    let f = Formula::new(format!(
                        "=SUM({first_item}{excel_row}:{last_item}{excel_row})"
                    ))
                    .set_result(fmt_score(t));
                    ws.write_formula(row, 6, f).map_err(xlsx_err)?;
                }
                Some(t) => {
                    ws.write_number(row, 6, t).map_err(xlsx_err)?;
                }
                None => {}
            }
            ws.write_string(row, 7, cell(&r.grade)).map_err(xlsx_err)?;
            for (k, v) in r.scores.iter().enumerate() {
                if let Some(v) = v {
                    ws.write_number(row, nfixed + k as u16, *v)
                        .map_err(xlsx_err)?;
                }
            }
            ws.write_number(row, ncols, r.version as f64)
                .map_err(xlsx_err)?;
            row += 1;
        }
        ws.set_column_width(0, 13).map_err(xlsx_err)?;
        ws.set_column_width(1, 26).map_err(xlsx_err)?;
        for c in 2..nfixed {
            ws.set_column_width(c, 8).map_err(xlsx_err)?;
        }
        ws.set_column_width(4, 14).map_err(xlsx_err)?;
        for c in nfixed..ncols {
            ws.set_column_width(c, 16).map_err(xlsx_err)?;
        }
    }
    if sections.is_empty() {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, cell(note.unwrap_or("")))
            .map_err(xlsx_err)?;
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

/// JSON for scripts: ids, not display names.
pub fn write_json(sections: &[Section], synthetic: bool, note: Option<&str>) -> Result<Vec<u8>> {
    let templates: Vec<Value> = sections
        .iter()
        .map(|s| {
            let evaluations: Vec<Value> = s
                .rows
                .iter()
                .map(|r| {
                    let scores: serde_json::Map<String, Value> = s
                        .items
                        .iter()
                        .zip(&r.scores)
                        .filter_map(|(i, v)| v.map(|v| (i.id.clone(), json!(v))))
                        .collect();
                    json!({
                        "division_code": r.division_code,
                        "site_name": r.site_name,
                        "year": r.year,
                        "phase": r.phase_id,
                        "status": r.status_id,
                        "total": r.total,
                        "grade": r.grade_id,
                        "scores": scores,
                        "version": r.version,
                    })
                })
                .collect();
            json!({
                "template": s.template,
                "title": s.title,
                "total_max": s.total_max,
                "items": s.items.iter().map(|i| json!({"id": i.id, "header": i.header, "max": i.max})).collect::<Vec<_>>(),
                "evaluations": evaluations,
            })
        })
        .collect();
    let v = json!({ "synthetic": synthetic, "note": note, "templates": templates });
    Ok(crate::io::encoding::json_pretty(&v)?.into_bytes())
}

// ---------------------------------------------------------------- reading

/// A row read from a file, with where it is ("scores.csv:12", "scores.xlsx [wenzhou-2021] row 12").
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub place: String,
    pub cells: Vec<String>,
}

impl RawRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
    /// A title or note line: only the first cell has text.
    fn is_note(&self) -> bool {
        self.cells.iter().skip(1).all(|c| c.trim().is_empty())
    }
}

/// One header with the rows under it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSection {
    pub header_place: String,
    /// Column ids from the header (see `header_id`), with the header text as written.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<RawRow>,
}

/// Read a CSV's text (already decoded) into rows with line numbers.
pub fn read_csv(file: &str, text: &str) -> Result<Vec<RawRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let lines = crate::io::encoding::Lines::new(text);
    let line_at = |pos: Option<&csv::Position>| lines.line(pos);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => rows.push(RawRow {
                place: format!("{file}:{}", line_at(r.position())),
                cells: r
                    .iter()
                    .map(|c| unsheet_cell(c.trim()).to_string())
                    .collect(),
            }),
            Err(e) => {
                let line = line_at(e.position());
                errors.push(format!("{file}:{line}: unreadable row: {e}"));
            }
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Rows(errors))
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => {
            // Excel stores 8.3 as 8.3000000000000007 at times: one decimal is all a score has,
            // so show the shortest text that reads back as the same number.
            let s = f.to_string();
            if s.len() > 12 {
                format!("{:.6}", f)
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            } else {
                s
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Read every worksheet of an xlsx into rows, each named by sheet and Excel row number.
pub fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Vec<Vec<RawRow>>> {
    let bad = |detail: String| {
        Error::Refused(crate::error::Refusal::NotXlsx {
            file: file.to_string(),
            detail,
        })
    };
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| bad(e.to_string()))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(k, r)| {
                let mut cells = vec![String::new(); c0 as usize];
                cells.extend(r.iter().map(|d| unsheet_cell(&cell_text(d)).to_string()));
                RawRow {
                    place: format!("{file} [{name}] row {}", r0 as usize + k + 1),
                    cells,
                }
            })
            .collect();
        out.push(rows);
    }
    Ok(out)
}

/// Split rows into header + data sections. Blank rows and one-cell rows (titles, the
/// synthetic-data note) are skipped; a row whose first column is `division_code` (or
/// 区划代码) starts a section. A data row before any header is an error.
pub fn sections(rows: &[RawRow]) -> Result<Vec<RawSection>, Vec<String>> {
    let mut out: Vec<RawSection> = Vec::new();
    let mut errors = Vec::new();
    for r in rows {
        if r.is_blank() || r.is_note() {
            continue;
        }
        if r.cells
            .first()
            .is_some_and(|c| header_id(c) == "division_code")
        {
            out.push(RawSection {
                header_place: r.place.clone(),
                columns: r.cells.iter().map(|c| (header_id(c), c.clone())).collect(),
                rows: Vec::new(),
            });
            continue;
        }
        match out.last_mut() {
            Some(s) => s.rows.push(r.clone()),
            None => errors.push(format!(
                "{}: data before any header row (the header starts with {})",
                r.place,
                fixed_header("division_code", "区划代码")
            )),
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(format!(
            "no header row found: a header starts with {}",
            fixed_header("division_code", "区划代码")
        ));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// "服务成效-个案服务(svc_case)"
pub fn item_header(dimension_zh: &str, item_zh: &str, item_id: &str) -> String {
    format!("{dimension_zh}-{item_zh}({item_id})")
}

fn template_section(p: &Profile) -> Section {
    Section {
        template: p.id.clone(),
        title: format!(
            "{} {} — {}({})，满分 {}",
            p.doc_number,
            p.issuer,
            p.evaluation.cite.clause,
            p.id,
            fmt_score(p.evaluation.total_max())
        ),
        total_max: p.evaluation.total_max(),
        items: p
            .evaluation
            .items()
            .map(|(d, i)| ItemColumn {
                id: i.id.clone(),
                header: item_header(&d.zh, &i.zh, &i.id),
                max: i.max,
            })
            .collect(),
        rows: Vec::new(),
    }
}

/// The export's sections: one per template, evaluations of sites `within` the scope, in
/// (division code, year, phase) order.
pub fn export_sections(
    net: &Network,
    profiles: &[Profile],
    scores: &HashMap<i64, BTreeMap<String, f64>>,
    within: &dyn Fn(&str) -> bool,
    lang: Lang,
) -> Vec<Section> {
    let mut evals: Vec<(&Site, &Evaluation)> = net
        .evaluations
        .iter()
        .filter_map(|e| net.site(e.site_id).map(|s| (s, e)))
        .filter(|(s, _)| within(&s.division))
        .collect();
    evals.sort_by(|a, b| {
        (&a.1.template, &a.0.division, a.1.year, a.1.phase).cmp(&(
            &b.1.template,
            &b.0.division,
            b.1.year,
            b.1.phase,
        ))
    });
    let mut sections: Vec<Section> = Vec::new();
    let mut order: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
    for (_, e) in &evals {
        if !order.contains(&e.template.as_str()) {
            order.push(&e.template);
        }
    }
    for t in order {
        let mine: Vec<&(&Site, &Evaluation)> =
            evals.iter().filter(|(_, e)| e.template == t).collect();
        if mine.is_empty() {
            continue;
        }
        let mut sec = match profiles.iter().find(|p| p.id == t) {
            Some(p) => template_section(p),
            None => {
                // A template no profile describes: its columns are the item ids it was scored with.
                let mut ids: Vec<&String> = mine
                    .iter()
                    .flat_map(|(_, e)| scores.get(&e.id).into_iter().flat_map(|m| m.keys()))
                    .collect();
                ids.sort();
                ids.dedup();
                Section {
                    template: t.to_string(),
                    title: format!("({t})"),
                    total_max: 0.0,
                    items: ids
                        .into_iter()
                        .map(|i| ItemColumn {
                            id: i.clone(),
                            header: format!("{i}({i})"),
                            max: f64::MAX,
                        })
                        .collect(),
                    rows: Vec::new(),
                }
            }
        };
        for (site, e) in mine {
            let sc = scores.get(&e.id);
            sec.rows.push(ExportRow {
                division_code: site.division.to_string(),
                site_name: site.name.to_string(),
                year: e.year,
                phase: lang.pick(e.phase.name_zh(), e.phase.as_str()).into(),
                phase_id: e.phase.as_str().into(),
                template: e.template.clone(),
                status: lang.pick(e.status.name_zh(), e.status.as_str()).into(),
                status_id: e.status.as_str().into(),
                total: e.total,
                grade: e
                    .grade
                    .map(|g| lang.pick(g.name_zh(), g.as_str()))
                    .unwrap_or("")
                    .into(),
                grade_id: e.grade.map(|g| g.as_str().to_string()),
                scores: sec
                    .items
                    .iter()
                    .map(|i| sc.and_then(|m| m.get(&i.id)).copied())
                    .collect(),
                version: e.version,
            });
        }
        sections.push(sec);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> Section {
        Section {
            template: "t".into(),
            title: "测试 满分100".into(),
            total_max: 100.0,
            items: vec![
                ItemColumn {
                    id: "a".into(),
                    header: "维度-甲(a)".into(),
                    max: 60.0,
                },
                ItemColumn {
                    id: "b".into(),
                    header: "维度-乙(b)".into(),
                    max: 40.0,
                },
            ],
            rows: vec![ExportRow {
                division_code: "330302001".into(),
                site_name: "五马街道社工站, 一号".into(),
                year: 2024,
                phase: "中期".into(),
                phase_id: "mid_term".into(),
                template: "t".into(),
                status: "已提交".into(),
                status_id: "submitted".into(),
                total: Some(85.5),
                grade: "良好".into(),
                grade_id: Some("good".into()),
                scores: vec![Some(50.5), Some(35.0)],
                version: 3,
            }],
        }
    }

    #[test]
    fn header_ids() {
        assert_eq!(header_id("服务成效-个案服务(svc_case)"), "svc_case");
        assert_eq!(header_id(" 服务成效-个案服务（svc_case） "), "svc_case");
        assert_eq!(header_id("区划代码"), "division_code");
        assert_eq!(header_id("total"), "total");
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
    }

    #[test]
    fn csv_sections_round_trip_with_note_and_title() {
        let bytes =
            write_csv(&[section(), section()], Some("【演示数据，均为合成】")).expect("writes");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let (text, _) = super::super::encoding::decode(&bytes);
        let rows = read_csv("x.csv", &text).expect("reads");
        let secs = sections(&rows).expect("sections");
        assert_eq!(secs.len(), 2);
        assert_eq!(
            secs[0]
                .columns
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>()[8..],
            ["a", "b", "version"]
        );
        assert_eq!(secs[0].rows.len(), 1);
        assert_eq!(secs[0].rows[0].cells[1], "五马街道社工站, 一号");
        assert_eq!(secs[0].rows[0].cells[8], "50.5");
        assert_eq!(secs[0].header_place, "x.csv:4");
        assert_eq!(secs[0].rows[0].place, "x.csv:5");
    }

    #[test]
    fn xlsx_round_trip_keeps_cells_and_total() {
        let bytes = write_xlsx(&[section()], Some("【演示数据，均为合成】")).expect("writes");
        let sheets = read_xlsx("x.xlsx", &bytes).expect("reads");
        assert_eq!(sheets.len(), 1);
        let secs = sections(&sheets[0]).expect("sections");
        let row = &secs[0].rows[0];
        assert_eq!(row.cells[0], "330302001");
        assert_eq!(row.cells[2], "2024");
        assert_eq!(row.cells[6], "85.5", "the formula's cached value");
        assert_eq!(row.cells[8..], ["50.5", "35", "3"]);
        assert_eq!(row.place, "x.xlsx [t] row 4");
    }

    #[test]
    fn csv_line_numbers_count_blank_lines_and_crlf() {
        for text in ["a\n\nb\n", "a\r\n\r\nb\r\n"] {
            let rows = read_csv("x.csv", text).expect("reads");
            assert_eq!(rows[1].place, "x.csv:3", "{text:?}");
        }
        let rows = read_csv("x.csv", "x,\"q\nq\"\n\ny\n").expect("reads");
        assert_eq!(rows[1].place, "x.csv:4");
    }

    #[test]
    fn rows_before_a_header_are_reported() {
        let rows = read_csv("x.csv", "330302001,a,2024\n").expect("reads");
        let e = sections(&rows).expect_err("no header");
        assert!(
            e[0].starts_with("x.csv:1: data before any header row"),
            "{e:?}"
        );
    }
}
