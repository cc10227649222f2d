//! Evaluations: score sheets per site, service year and phase; grading and validation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::policy::{EvaluationScheme, Phase};

/// The grade of an evaluation, best first (the order compares).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 良好
    Good,
    /// 合格
    Qualified,
    /// 不合格
    Unqualified,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 4] = [
        Grade::Excellent,
        Grade::Good,
        Grade::Qualified,
        Grade::Unqualified,
    ];
    /// The grade as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Qualified => "qualified",
            Grade::Unqualified => "unqualified",
        }
    }
    /// The grade named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == s)
    }
    /// Better grades compare smaller; `at_least(Qualified)` is true for 优秀/良好/合格.
    pub fn at_least(self, other: Grade) -> bool {
        self <= other
    }
}

impl Phase {
    /// Every phase in the order of a term.
    pub const ALL: [Phase; 3] = [Phase::MidTerm, Phase::EndTerm, Phase::Annual];
    /// The phase as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::MidTerm => "mid_term",
            Phase::EndTerm => "end_term",
            Phase::Annual => "annual",
        }
    }
    /// The phase named by `as_str`'s spelling (`i18n::names::parse_phase` takes Chinese too).
    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Where an evaluation sheet is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalStatus {
    /// Being filled in; editors may change it.
    Draft,
    /// Submitted for review; still editable.
    Submitted,
    /// Locked by an admin: no more changes.
    Locked,
}

impl EvalStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EvalStatus::Draft => "draft",
            EvalStatus::Submitted => "submitted",
            EvalStatus::Locked => "locked",
        }
    }
    /// The status named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<EvalStatus> {
        [EvalStatus::Draft, EvalStatus::Submitted, EvalStatus::Locked]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// One evaluation sheet of a site: a year's phase scored on a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Database id.
    pub id: i64,
    /// The site evaluated.
    pub site_id: i64,
    /// Service year.
    pub year: i32,
    /// Which evaluation of the year.
    pub phase: Phase,
    /// The template (scoring sheet) name.
    pub template: String,
    /// Where it is in its review.
    pub status: EvalStatus,
    /// Sum of the item scores, once every item is scored.
    pub total: Option<f64>,
    /// The grade that total earns.
    pub grade: Option<Grade>,
    /// Bumped on every save; optimistic concurrency compares it.
    pub version: i64,
    /// Item id -> score. May be empty when only the summary was loaded.
    pub scores: BTreeMap<String, f64>,
    /// Made up by the demo, not real data.
    pub synthetic: bool,
}

/// The grade a total earns under a scheme's bands (shares of the scheme's maximum).
pub fn grade_for(total: f64, scheme: &EvaluationScheme) -> Grade {
    let max = scheme.total_max();
    let share = if max > 0.0 { total / max } else { 0.0 };
    // Round the share to avoid 89.99999 landing in the band below.
    let share = (share * 1e9).round() / 1e9;
    let mut bands = scheme.bands.clone();
    bands.sort_by(|a, b| b.min_share.total_cmp(&a.min_share));
    bands
        .iter()
        .find(|b| share >= b.min_share)
        .map(|b| b.grade)
        .unwrap_or(Grade::Unqualified)
}

/// Why a typed score was refused (worded by `i18n::names::score_error`).
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreError {
    /// Nothing typed.
    Empty,
    /// Not a decimal number (the text as typed).
    NotANumber(String),
    /// Below zero.
    Negative,
    /// Above the item's maximum.
    OverMax {
        /// The item's maximum score.
        max: f64,
    },
    /// More than one decimal place.
    TooManyDecimals,
    /// A comma typed into a score: a decimal comma and a thousands separator look alike, so
    /// it is refused rather than guessed at.
    Comma,
    /// A character a score never contains (a letter, a space, a symbol).
    NotAScoreChar(char),
    /// Longer than a score can be.
    TooLong {
        /// The most characters accepted.
        max: usize,
    },
}

/// Full-width digits and point (Chinese input methods produce them) become ASCII.
pub fn normalise_digits(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            _ => c,
        })
        .collect()
}

/// Validate one typed score: 0 <= score <= max, at most one decimal, digits only.
pub fn parse_score(input: &str, max: f64) -> Result<f64, ScoreError> {
    let s = normalise_digits(input);
    if s.is_empty() {
        return Err(ScoreError::Empty);
    }
    let body = s.strip_prefix('-').unwrap_or(&s);
    let valid_chars = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body != "."
        && !body.starts_with('.');
    if !valid_chars {
        return Err(ScoreError::NotANumber(input.trim().to_string()));
    }
    if s.starts_with('-') {
        return Err(ScoreError::Negative);
    }
    if let Some((_, frac)) = s.split_once('.') {
        if frac.len() > 1 {
            return Err(ScoreError::TooManyDecimals);
        }
    }
    let v: f64 = s
        .parse()
        .map_err(|_| ScoreError::NotANumber(input.trim().to_string()))?;
    if v > max + 1e-9 {
        return Err(ScoreError::OverMax { max });
    }
    Ok(v)
}

/// A score with no decimals when whole, else one ("8", "8.5").
pub fn fmt_score(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_validation_table() {
        let cases: &[(&str, Result<f64, ScoreError>)] = &[
            ("", Err(ScoreError::Empty)),
            ("  ", Err(ScoreError::Empty)),
            ("-1", Err(ScoreError::Negative)),
            ("11", Err(ScoreError::OverMax { max: 10.0 })),
            ("10.01", Err(ScoreError::TooManyDecimals)),
            ("8.25", Err(ScoreError::TooManyDecimals)),
            ("abc", Err(ScoreError::NotANumber("abc".into()))),
            ("8a", Err(ScoreError::NotANumber("8a".into()))),
            ("1.2.3", Err(ScoreError::NotANumber("1.2.3".into()))),
            (".5", Err(ScoreError::NotANumber(".5".into()))),
            ("８", Ok(8.0)),
            ("９．５", Ok(9.5)),
            ("0", Ok(0.0)),
            ("10", Ok(10.0)),
            ("9.5", Ok(9.5)),
            ("7.", Ok(7.0)),
        ];
        for (input, want) in cases {
            assert_eq!(&parse_score(input, 10.0), want, "input {input:?}");
        }
    }

    #[test]
    fn full_width_85_is_accepted_and_normalised() {
        assert_eq!(normalise_digits("８５"), "85");
        assert_eq!(parse_score("８５", 100.0), Ok(85.0));
    }
}

/// An evaluation with its scores and the current user's unsaved draft cells.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalDetail {
    /// The evaluation as stored.
    pub evaluation: Evaluation,
    /// The current user's unsaved cells, item id -> score.
    pub drafts: BTreeMap<String, f64>,
    /// The evaluation version the drafts were typed over; None without drafts.
    pub draft_base_version: Option<i64>,
    /// Who saved the evaluation last.
    pub updated_by: Option<String>,
    /// When it was saved last.
    pub updated_at: Option<String>,
    /// The reading account's scorer role and the parts submitted.
    pub parts: SheetParts,
}

/// The parts of a sheet split among scorer roles, as the reading account sees them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetParts {
    /// The reading account's scorer role, when its grant carries one.
    pub mine: Option<super::policy::ScorerRole>,
    /// The parts submitted.
    pub submitted: std::collections::BTreeSet<super::policy::ScorerRole>,
}
