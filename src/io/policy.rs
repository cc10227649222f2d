//! Loading policy profiles: the five embedded in the binary from data/policies/, or a
//! directory of them. A profile that fails names the file, the line and the field.

use std::path::Path;

use crate::domain::policy::Profile;
use crate::error::{Error, Result};
use crate::i18n::Lang;

pub const EMBEDDED: [(&str, &str); 5] = [
    (
        "data/policies/ningxia-2021.toml",
        include_str!("../../data/policies/ningxia-2021.toml"),
    ),
    (
        "data/policies/wuhan-2021.toml",
        include_str!("../../data/policies/wuhan-2021.toml"),
    ),
    (
        "data/policies/nantong-2021.toml",
        include_str!("../../data/policies/nantong-2021.toml"),
    ),
    (
        "data/policies/wenzhou-2021.toml",
        include_str!("../../data/policies/wenzhou-2021.toml"),
    ),
    (
        "data/policies/yubei-2021.toml",
        include_str!("../../data/policies/yubei-2021.toml"),
    ),
];

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// Parse one profile; errors carry `file:line: message` with the field named by toml.
pub fn parse(file: &str, text: &str) -> Result<Profile> {
    match check(text) {
        Ok(p) => Ok(p),
        Err(problems) => {
            let first = problems.into_iter().next();
            Err(Error::Parse {
                file: file.to_string(),
                line: first.as_ref().map_or(0, |p| p.line),
                msg: first.map_or_else(String::new, |p| p.message(Lang::En)),
            })
        }
    }
}

/// One thing wrong with a profile's text: the line (1-based; 0 when unknown), the field and
/// what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub field: String,
    pub what: What,
}

/// What is wrong with a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// Not TOML, or not the shape of a profile (toml's own words).
    Toml(String),
    /// The id is empty or has characters other than a-z, 0-9, `-` and `_`.
    BadId(String),
    /// Two milestones with one id.
    DuplicateMilestone(String),
    /// A milestone without parts.
    NoParts(String),
    /// `binds_to` names something that is not a division code.
    BadCode(String),
    /// Two evaluation items with one id.
    DuplicateItem(String),
    /// An item's maximum is not positive.
    ItemMax(String),
    /// No evaluation phase.
    NoPhases,
    /// Grade bands not from the best grade down, or a share outside 0-1.
    Bands,
    /// A control or invisible character (its code point), raw or escaped in a string.
    Control(String),
    /// A node's max is not the sum of its sub-indicators' (id, max, sum).
    NodeSum(String, f64, f64),
    /// Some parts of the sheet have a scorer role and this item has none.
    NoScorer(String),
    /// A duty declared wrongly (the check's words).
    Duty(String),
}

impl Problem {
    /// The problem in words, without file or line.
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::policy as m;
        let q = |s: &str| format!("{s:?}");
        match &self.what {
            What::Toml(t) => t.clone(),
            What::BadId(v) => m::BAD_ID.fill(lang, &[("id", &q(v))]),
            What::DuplicateMilestone(v) => m::DUPLICATE_MILESTONE.fill(lang, &[("id", &q(v))]),
            What::NoParts(v) => m::NO_PARTS.fill(lang, &[("id", &q(v))]),
            What::BadCode(v) => m::BAD_CODE.fill(lang, &[("code", &q(v))]),
            What::DuplicateItem(v) => m::DUPLICATE_ITEM.fill(lang, &[("id", &q(v))]),
            What::ItemMax(v) => m::ITEM_MAX.fill(lang, &[("id", &q(v))]),
            What::NoPhases => m::NO_PHASES.get(lang).to_string(),
            What::Bands => m::BANDS.get(lang).to_string(),
            What::Control(c) => m::CONTROL.fill(lang, &[("char", c)]),
            What::Duty(d) => m::DUTY.fill(lang, &[("detail", d)]),
            What::NodeSum(id, max, sum) => {
                m::NODE_SUM.fill(lang, &[("id", &q(id)), ("max", max), ("sum", sum)])
            }
            What::NoScorer(id) => m::NO_SCORER.fill(lang, &[("id", &q(id))]),
        }
    }
}

/// The line of the `nth` (0-based) `key = "value"` (or of `value` quoted anywhere) in
/// `text`; 0 when absent.
fn line_of_value(text: &str, key: &str, value: &str, nth: usize) -> usize {
    let quoted = format!("{value:?}");
    let at = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            t.starts_with(key) && t.contains(&quoted)
        })
        .nth(nth)
        .map(|(i, _)| i)
        .or_else(|| text.lines().position(|l| l.contains(&quoted)));
    at.map_or(0, |i| i + 1)
}

/// The key of the line `line` (1-based) of `text`: what stands before its `=`, or the
/// table header in brackets.
fn key_at(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    if let Some((k, _)) = l.split_once('=') {
        return Some(k.trim().to_string());
    }
    l.starts_with('[')
        .then(|| l.trim_matches(|c| c == '[' || c == ']').to_string())
}

/// Control and invisible characters: raw ones on their line (tab and the line ends allowed),
/// escaped ones (`"\u001b"`) in the string value that holds them.
fn controls(text: &str) -> Vec<Problem> {
    use crate::domain::text::{code_point, is_unsafe};
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(c) = l.chars().find(|&c| is_unsafe(c) && c != '\t' && c != '\r') {
            let field = key_at(text, i + 1).unwrap_or_default();
            out.push(Problem {
                line: i + 1,
                field,
                what: What::Control(code_point(c)),
            });
        }
    }
    if !out.is_empty() {
        return out;
    }
    fn walk(v: &toml::Value, path: &str, text: &str, out: &mut Vec<Problem>) {
        match v {
            toml::Value::String(s) => {
                if let Some(c) = s.chars().find(|&c| is_unsafe(c)) {
                    let key = path.rsplit('.').next().unwrap_or(path);
                    let line = text
                        .lines()
                        .position(|l| l.trim_start().starts_with(key) && l.contains('\\'))
                        .map_or(0, |i| i + 1);
                    out.push(Problem {
                        line,
                        field: path.to_string(),
                        what: What::Control(code_point(c)),
                    });
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, path, text, out)),
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, &p, text, out);
                }
            }
            _ => {}
        }
    }
    if let Ok(v) = toml::from_str::<toml::Value>(text) {
        walk(&v, "", text, &mut out);
    }
    out
}

/// Every problem of a profile's text, or the profile. A text that is not TOML, or not the
/// shape of a profile, has one problem (toml stops at the first); the rules below are all
/// checked.
pub fn check(text: &str) -> std::result::Result<Profile, Vec<Problem>> {
    let unsafe_chars = controls(text);
    if !unsafe_chars.is_empty() {
        return Err(unsafe_chars);
    }
    let p: Profile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        // toml names a missing or unknown field in backticks; otherwise the key of the line.
        let field = msg
            .split('`')
            .nth(1)
            .map(str::to_string)
            .or_else(|| key_at(text, line))
            .unwrap_or_default();
        vec![Problem {
            line,
            field,
            what: What::Toml(msg),
        }]
    })?;
    let mut out = Vec::new();
    let mut add = |line: usize, field: &str, what: What| {
        out.push(Problem {
            line,
            field: field.to_string(),
            what,
        })
    };
    let id_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if p.id.is_empty() || !p.id.chars().all(id_ok) {
        add(
            line_of_value(text, "id", &p.id, 0),
            "id",
            What::BadId(p.id.clone()),
        );
    }
    // How often an id was seen: the line of a repeated one is that of its repetition.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut nth = |id: &str| -> usize {
        let n = seen.entry(id.to_string()).or_insert(0);
        *n += 1;
        *n - 1
    };
    let mut milestones = std::collections::HashSet::new();
    for m in &p.milestones {
        let line = line_of_value(text, "id", &m.id, nth(&m.id));
        if !milestones.insert(&m.id) {
            add(
                line,
                "milestones.id",
                What::DuplicateMilestone(m.id.clone()),
            );
        }
        if m.parts.is_empty() {
            add(line, "milestones.parts", What::NoParts(m.id.clone()));
        }
    }
    for code in &p.binds_to {
        if crate::domain::division::parse_code(code).is_none() {
            let line = line_of_value(text, "binds_to", code, 0);
            add(line, "binds_to", What::BadCode(code.clone()));
        }
    }
    let mut items = std::collections::HashSet::new();
    let nodes = p.evaluation.nodes();
    let split = nodes.iter().any(|n| n.scorer.is_some());
    for n in &nodes {
        let item = n.item;
        let line = line_of_value(text, "id", &item.id, nth(&item.id));
        if !items.insert(&item.id) {
            add(
                line,
                "evaluation.dimensions.items.id",
                What::DuplicateItem(item.id.clone()),
            );
        }
        if item.max.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            add(
                line,
                "evaluation.dimensions.items.max",
                What::ItemMax(item.id.clone()),
            );
        }
        if !item.is_leaf() {
            let sum: f64 = item.items.iter().map(|c| c.max).sum();
            if (sum - item.max).abs() > 1e-6 {
                let what = What::NodeSum(item.id.clone(), item.max, sum);
                add(line, "evaluation.dimensions.items.max", what);
            }
        } else if split && n.scorer.is_none() {
            add(
                line,
                "evaluation.dimensions.items.scorer",
                What::NoScorer(item.id.clone()),
            );
        }
    }
    for d in &p.evaluation.dimensions {
        if let Some(max) = d.max {
            let sum: f64 = d.items.iter().map(|c| c.max).sum();
            if (sum - max).abs() > 1e-6 {
                let line = line_of_value(text, "id", &d.id, 0);
                add(
                    line,
                    "evaluation.dimensions.max",
                    What::NodeSum(d.id.clone(), max, sum),
                );
            }
        }
    }
    if let Err((needle, msg)) = validate_duties(&p) {
        let line = text.find(&needle).map_or(0, |at| line_of(text, at));
        add(line, "duties", What::Duty(msg));
    }
    if p.evaluation.phases.is_empty() {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("phases"));
        let line = line.or_else(|| text.lines().position(|l| l.trim() == "[evaluation]"));
        add(
            line.map_or(0, |i| i + 1),
            "evaluation.phases",
            What::NoPhases,
        );
    }
    let bands = &p.evaluation.bands;
    let ordered = bands
        .windows(2)
        .all(|w| w[0].grade < w[1].grade && w[0].min_share >= w[1].min_share);
    let in_range = bands.iter().all(|b| (0.0..=1.0).contains(&b.min_share));
    if !ordered || !in_range {
        let line = text.lines().position(|l| l.contains("evaluation.bands"));
        add(line.map_or(0, |i| i + 1), "evaluation.bands", What::Bands);
    }
    if out.is_empty() {
        Ok(p)
    } else {
        Err(out)
    }
}

/// Each duty's id is unique and its due day is stated the way its cadence needs.
fn validate_duties(p: &Profile) -> std::result::Result<(), (String, String)> {
    use crate::domain::duties::Cadence;
    let mut seen = std::collections::HashSet::new();
    for d in &p.duties {
        let bad = |msg: String| (format!("id = \"{}\"", d.id), msg);
        if !seen.insert(&d.id) {
            return Err(bad(format!("duty id {:?} appears twice", d.id)));
        }
        if d.id.is_empty() || !d.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(bad(format!(
                "duty id {:?}: letters, digits and - only",
                d.id
            )));
        }
        match (d.cadence, d.due, d.due_date) {
            (Cadence::Once, None, Some(_)) => {}
            (Cadence::Once, _, _) => {
                return Err(bad(format!("duty {:?}: a once duty needs due_date and no due", d.id)))
            }
            (_, Some(r), None) if (1..=31).contains(&r.day) => {}
            (Cadence::Weekly, None, None) => {}
            _ => {
                return Err(bad(format!(
                    "duty {:?}: a periodic duty needs due = {{ after_months, day = 1-31 }} and no due_date",
                    d.id
                )))
            }
        }
        if d.due_set_by == crate::domain::duties::SetBy::Bureau && d.due_note.is_none() {
            return Err(bad(format!(
                "duty {:?}: a due day the bureau set needs a due_note saying so",
                d.id
            )));
        }
    }
    Ok(())
}

/// The five profiles built into the program.
pub fn embedded() -> Result<Vec<Profile>> {
    EMBEDDED.iter().map(|(f, t)| parse(f, t)).collect()
}

/// Every `*.toml` in `dir`, sorted by file name.
pub fn load_dir(dir: &Path) -> Result<Vec<Profile>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
            parse(&f.display().to_string(), &text)
        })
        .collect()
}

/// The embedded profiles, or those of `SGZ_POLICY_DIR` when set.
pub fn load() -> Result<Vec<Profile>> {
    match std::env::var_os("SGZ_POLICY_DIR") {
        Some(d) if !d.is_empty() => load_dir(Path::new(&d)),
        _ => embedded(),
    }
}

pub fn find<'a>(profiles: &'a [Profile], id: &str) -> Result<&'a Profile> {
    profiles.iter().find(|p| p.id == id).ok_or_else(|| {
        Error::Invalid(format!(
            "no policy {id:?}; known: {}",
            profiles
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}
