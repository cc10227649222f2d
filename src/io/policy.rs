//! Loading policy profiles: the five embedded in the binary from data/policies/, or a
//! directory of them. A profile that fails names the file, the line and the field.

use std::path::Path;

use crate::domain::policy::Profile;
use crate::error::{Error, Result};

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
    let p: Profile = toml::from_str(text).map_err(|e| Error::Parse {
        file: file.to_string(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
        msg: e.message().trim().to_string(),
    })?;
    validate(file, text, &p)?;
    Ok(p)
}

fn validate(file: &str, text: &str, p: &Profile) -> Result<()> {
    let err = |needle: &str, msg: String| Error::Parse {
        file: file.to_string(),
        line: text.find(needle).map(|o| line_of(text, o)).unwrap_or(0),
        msg,
    };
    let mut seen = std::collections::HashSet::new();
    for m in &p.milestones {
        if !seen.insert(&m.id) {
            return Err(err(&m.id, format!("milestone id {:?} appears twice", m.id)));
        }
        if m.parts.is_empty() {
            return Err(err(&m.id, format!("milestone {:?} has no parts", m.id)));
        }
    }
    for code in &p.binds_to {
        if crate::domain::division::parse_code(code).is_none() {
            return Err(err(
                "binds_to",
                format!("binds_to: {code:?} is not a division code"),
            ));
        }
    }
    let mut items = std::collections::HashSet::new();
    for (_, item) in p.evaluation.items() {
        if !items.insert(&item.id) {
            return Err(err(
                &item.id,
                format!("evaluation item id {:?} appears twice", item.id),
            ));
        }
        if item.max.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            return Err(err(
                &item.id,
                format!("evaluation item {:?}: max must be positive", item.id),
            ));
        }
    }
    validate_duties(p).map_err(|(id, msg)| err(&id, msg))?;
    if p.evaluation.phases.is_empty() {
        return Err(err("[evaluation]", "evaluation.phases is empty".into()));
    }
    Ok(())
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
