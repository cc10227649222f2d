//! The one CSV writer: the `csv` crate (it quotes `,`, `"`, CR and LF), a UTF-8 BOM so that
//! Excel and WPS read Chinese, and every text cell made safe to open (`sheet_cell`).

use crate::error::Result;

/// Rows written as CSV, header first, after a UTF-8 byte-order mark.
pub struct Writer {
    w: csv::Writer<Vec<u8>>,
}

impl Writer {
    /// A writer whose output starts with a BOM.
    pub fn new() -> Writer {
        // The BOM goes in as bytes before the first record, not as a cell of its own.
        let w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        Writer { w }
    }

    /// One record; each cell made safe for a spreadsheet.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.w
            .write_record(
                cells
                    .iter()
                    .map(|c| super::encoding::sheet_cell(c.as_ref()).into_owned()),
            )
            .map_err(|e| crate::error::write_failed("csv", e))
    }

    /// The text written.
    pub fn finish(self) -> Result<String> {
        let bytes = self
            .w
            .into_inner()
            .map_err(|e| crate::error::write_failed("csv", e))?;
        String::from_utf8(bytes).map_err(|e| crate::error::write_failed("csv", e))
    }
}

/// Records appended to `out` with CRLF line ends, as the spreadsheets that send the file
/// back save it (the score sheets: sections of different widths, one after another). The
/// cells are written as given: the caller has made them safe with `sheet_cell`.
pub fn append_crlf(out: &mut Vec<u8>, records: &[Vec<String>]) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    for r in records {
        w.write_record(r)
            .map_err(|e| crate::error::write_failed("csv", e))?;
    }
    w.flush().map_err(|e| crate::error::write_failed("csv", e))
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting_and_neutralises_formulas() {
        let mut w = Writer::new();
        w.row(&["名称", "说明"]).unwrap();
        w.row(&["兴庆区,银川", "a\rb"]).unwrap();
        w.row(&["=1+1", "说\"明\""]).unwrap();
        let s = w.finish().unwrap();
        assert_eq!(
            s,
            "\u{feff}名称,说明\n\"兴庆区,银川\",a\\u{d}b\n'=1+1,\"说\"\"明\"\"\"\n"
        );
    }
}
