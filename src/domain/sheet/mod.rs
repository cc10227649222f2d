//! The score-entry sheet behind the TUI's entry grid: one row per template item, a cell being
//! edited, commits validated by `parse_score`, undo/redo of committed cells, live total, grade
//! and renewal consequence, the unsaved set for drafts and saving, and the conflict model when
//! someone else saved first. Pure: the caller turns the returned `DraftWrite`s and the
//! `SaveRequest` into store calls (`put_draft`, `clear_draft_item`, `save_scores`).

use std::collections::BTreeMap;

use super::evaluation::{fmt_score, grade_for, EvalStatus, Evaluation, Grade, ScoreError};
use super::policy::{EvaluationScheme, Phase, ScorerRole};
use super::renewal::{renewal_consequence, RenewalConsequence, RequiredSheet, SheetStatus};

mod conflict;
mod edit;
mod parts;
mod status;
#[cfg(test)]
mod tests;

pub use conflict::{Conflict, ConflictItem, Side};
pub use parts::PartTotal;
pub use status::StatusChange;

/// Longest text a cell accepts; a score never needs more.
const MAX_TEXT: usize = 12;

/// One item of the template with its committed value and the cell's edit state.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The dimension's id.
    pub dimension: String,
    /// The dimension's name in Chinese.
    pub dimension_zh: String,
    /// The dimension's name in English.
    pub dimension_en: String,
    /// The item's id.
    pub item: String,
    /// What is scored, in Chinese.
    pub item_zh: String,
    /// What is scored, in English.
    pub item_en: String,
    /// Most points the item gives.
    pub max: f64,
    /// Who scores it, on a scheme split among scorer roles.
    pub scorer: Option<ScorerRole>,
    /// The value saved in the store at the sheet's base version.
    pub stored: Option<f64>,
    /// The committed value (may be unsaved).
    pub value: Option<f64>,
    /// Text typed into the cell, not yet committed.
    pub edit: Option<String>,
    /// Why the last commit of `edit` was refused; cleared when the text changes.
    pub error: Option<ScoreError>,
}

impl Row {
    /// Committed but not saved.
    pub fn is_unsaved(&self) -> bool {
        self.value != self.stored
    }
    /// What the cell shows: the text being typed, else the committed value, else "".
    pub fn display(&self) -> String {
        match (&self.edit, self.value) {
            (Some(t), _) => t.clone(),
            (None, Some(v)) => fmt_score(v),
            (None, None) => String::new(),
        }
    }
}

/// What to do to the store's drafts after a change, so nothing committed is lost on a crash.
/// Put with the sheet's current `version()` as the base version.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftWrite {
    /// Keep this value as the item's draft.
    Put {
        /// The item's id.
        item: String,
        /// The committed value.
        score: f64,
    },
    /// The cell is back to its saved value: no draft needed.
    Clear {
        /// The item's id.
        item: String,
    },
}

/// Why an action on the sheet was refused (worded by `i18n::names::sheet_error`).
#[derive(Debug, Clone, PartialEq)]
pub enum SheetError {
    /// The item is another scorer role's part (or the account has no scorer role).
    NotYourPart {
        /// Whose part the item is.
        part: ScorerRole,
        /// The account's scorer role, if it has one.
        mine: Option<ScorerRole>,
    },
    /// The item's part is submitted: reopen the part first.
    PartSubmitted(ScorerRole),
    /// A part is submitted only when every item of it has a saved score.
    PartIncomplete {
        /// The part.
        part: ScorerRole,
        /// Its items without a saved score.
        empty: usize,
    },
    /// The account's scorer role fills no item of this sheet.
    NoPart(Option<ScorerRole>),
    /// The sheet is submitted or locked.
    ReadOnly(EvalStatus),
    /// The typed score is not valid.
    Score(ScoreError),
    /// Conflicting items still without a choice.
    Unresolved(usize),
    /// A conflict was applied to a sheet of another evaluation.
    WrongEvaluation {
        /// The sheet's evaluation.
        ours: i64,
        /// The conflict's evaluation.
        theirs: i64,
    },
}

/// One committed-cell change, the unit of undo and redo.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Change {
    row: usize,
    before: Option<f64>,
    after: Option<f64>,
}

/// A dimension's subtotal.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionTotal {
    /// The dimension's id.
    pub dimension: String,
    /// Its name in Chinese.
    pub zh: String,
    /// Its name in English.
    pub en: String,
    /// Sum of its scored items.
    pub total: f64,
    /// Most points it gives.
    pub max: f64,
    /// Items scored.
    pub filled: usize,
    /// Items in it.
    pub items: usize,
}

/// Everything `Store::save_scores` takes.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRequest {
    /// The evaluation to save.
    pub evaluation_id: i64,
    /// The version the values were edited over.
    pub base_version: i64,
    /// Every committed value, item id -> score.
    pub scores: BTreeMap<String, f64>,
    /// Only for a complete sheet: a partial sum would read as a poor result in reports.
    pub total: Option<f64>,
    /// The grade of `total`.
    pub grade: Option<Grade>,
}

/// An evaluation sheet being scored: rows, cursor, undo, and the save and conflict logic.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    scheme: EvaluationScheme,
    evaluation_id: i64,
    site_id: i64,
    year: i32,
    phase: Phase,
    template: String,
    status: EvalStatus,
    version: i64,
    rows: Vec<Row>,
    cursor: usize,
    undo: Vec<Change>,
    redo: Vec<Change>,
    term: Vec<RequiredSheet>,
    /// The service years of the term (the sheet's own year until `with_term`).
    term_years: std::ops::RangeInclusive<i32>,
    stale_drafts: bool,
    /// Per row: a draft resumed from an older version, whose base value is not known, so
    /// any difference from what is stored now is a conflict for the user to settle.
    base_unknown: Vec<bool>,
    extra_items: Vec<String>,
    /// The account's scorer role, when its grant carries one.
    mine: Option<ScorerRole>,
    /// An admin fills any part.
    admin: bool,
    /// The parts submitted.
    submitted_parts: std::collections::BTreeSet<ScorerRole>,
}

/// Characters a score cell takes: ASCII and full-width digits, the point, the minus sign.
/// `type_char` refuses every other character with its reason at the cell.
pub fn is_score_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | '。' | '-' | '－')
}

/// Why a character cannot be part of a score, if it cannot.
fn refuse_char(c: char) -> Option<ScoreError> {
    match c {
        _ if is_score_char(c) => None,
        ',' | '，' => Some(ScoreError::Comma),
        _ => Some(ScoreError::NotAScoreChar(c)),
    }
}

/// The reason for the first character of a cell's text that no score contains.
fn refuse_text(text: &str) -> Option<ScoreError> {
    text.chars().find_map(refuse_char)
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

impl Sheet {
    /// A sheet for a stored evaluation (its `scores` loaded), nothing unsaved.
    pub fn new(scheme: &EvaluationScheme, evaluation: &Evaluation) -> Sheet {
        let rows = scheme
            .nodes()
            .into_iter()
            .filter(|n| n.item.is_leaf())
            .map(|n| {
                let (d, i) = (n.dimension, n.item);
                let stored = evaluation.scores.get(&i.id).copied();
                Row {
                    dimension: d.id.clone(),
                    dimension_zh: d.zh.clone(),
                    dimension_en: d.en.clone(),
                    item: i.id.clone(),
                    item_zh: i.zh.clone(),
                    item_en: i.en.clone(),
                    max: i.max,
                    scorer: n.scorer,
                    stored,
                    value: stored,
                    edit: None,
                    error: None,
                }
            })
            .collect::<Vec<_>>();
        let extra_items = evaluation
            .scores
            .keys()
            .filter(|k| !rows.iter().any(|r| &r.item == *k))
            .cloned()
            .collect();
        Sheet {
            scheme: scheme.clone(),
            evaluation_id: evaluation.id,
            site_id: evaluation.site_id,
            year: evaluation.year,
            phase: evaluation.phase,
            template: evaluation.template.clone(),
            status: evaluation.status,
            version: evaluation.version,
            cursor: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            term: Vec::new(),
            term_years: evaluation.year..=evaluation.year,
            stale_drafts: false,
            base_unknown: vec![false; rows.len()],
            rows,
            extra_items,
            mine: None,
            admin: false,
            submitted_parts: Default::default(),
        }
    }

    /// Resume: the stored evaluation plus the user's draft cells (from `EvalDetail`) as
    /// committed, unsaved values. Drafts typed against an older version are kept but flagged
    /// (`stale_drafts`): saving them will meet the conflict check.
    pub fn resume(
        scheme: &EvaluationScheme,
        evaluation: &Evaluation,
        drafts: &BTreeMap<String, f64>,
        draft_base_version: Option<i64>,
    ) -> Sheet {
        let mut s = Sheet::new(scheme, evaluation);
        for r in &mut s.rows {
            if let Some(&v) = drafts.get(&r.item) {
                r.value = Some(v);
            }
        }
        if let Some(b) =
            draft_base_version.filter(|b| !drafts.is_empty() && *b != evaluation.version)
        {
            // Keep the drafts' base so the save meets the conflict check (and `conflict_with`
            // asks about every draft that differs) instead of overwriting what was saved since.
            s.stale_drafts = true;
            s.version = b;
            for (k, r) in s.rows.iter().enumerate() {
                s.base_unknown[k] = drafts.contains_key(&r.item);
            }
        }
        s
    }

    /// The site's other sheets of the contract term (see `required_sheets`), so `renewal`
    /// can say what this sheet means for the renewal.
    pub fn with_term(
        mut self,
        years: std::ops::RangeInclusive<i32>,
        term: Vec<RequiredSheet>,
    ) -> Sheet {
        self.term = term;
        self.term_years = years;
        self
    }

    // ---------------------------------------------------------------- reading

    /// Every row, in template order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }
    /// The row the cursor is on.
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    /// That row, unless the template is empty.
    pub fn current(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }
    /// The template's scheme.
    pub fn scheme(&self) -> &EvaluationScheme {
        &self.scheme
    }
    /// The evaluation's id.
    pub fn evaluation_id(&self) -> i64 {
        self.evaluation_id
    }
    /// The site evaluated.
    pub fn site_id(&self) -> i64 {
        self.site_id
    }
    /// The service year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// Which evaluation of the year.
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// The template's name.
    pub fn template(&self) -> &str {
        &self.template
    }
    /// The evaluation's status.
    pub fn status(&self) -> EvalStatus {
        self.status
    }
    /// The version saves and drafts are based on.
    pub fn version(&self) -> i64 {
        self.version
    }
    /// Only a draft is edited: a submitted sheet is reopened first, a locked one unlocked.
    pub fn is_read_only(&self) -> bool {
        self.status != EvalStatus::Draft
    }
    /// Template items without a score.
    pub fn empty(&self) -> usize {
        self.rows.len() - self.filled()
    }
    /// Text is being typed into the current cell.
    pub fn is_editing(&self) -> bool {
        self.current().is_some_and(|r| r.edit.is_some())
    }
    /// Committed changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.rows.iter().any(Row::is_unsaved)
    }
    /// Drafts were resumed from an older version than the one stored.
    pub fn stale_drafts(&self) -> bool {
        self.stale_drafts
    }
    /// Stored item ids the template does not know (a template changed after scoring).
    pub fn extra_items(&self) -> &[String] {
        &self.extra_items
    }
    /// There is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    /// There is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Sum of the committed values.
    pub fn total(&self) -> f64 {
        self.rows.iter().filter_map(|r| r.value).sum()
    }
    /// Most points the sheet gives.
    pub fn total_max(&self) -> f64 {
        self.scheme.total_max()
    }
    /// Items with a committed value.
    pub fn filled(&self) -> usize {
        self.rows.iter().filter(|r| r.value.is_some()).count()
    }
    /// Every item has a value.
    pub fn is_complete(&self) -> bool {
        self.filled() == self.rows.len()
    }
    /// The grade of the total, once every item has a score.
    pub fn grade(&self) -> Option<Grade> {
        self.is_complete()
            .then(|| grade_for(self.total(), &self.scheme))
    }
    /// The grade the current partial total would earn (for a hint while typing).
    pub fn provisional_grade(&self) -> Grade {
        grade_for(self.total(), &self.scheme)
    }

    /// Subtotals per dimension, in template order.
    pub fn dimension_totals(&self) -> Vec<DimensionTotal> {
        let mut out: Vec<DimensionTotal> = Vec::new();
        for r in &self.rows {
            if out.last().is_none_or(|d| d.dimension != r.dimension) {
                out.push(DimensionTotal {
                    dimension: r.dimension.clone(),
                    zh: r.dimension_zh.clone(),
                    en: r.dimension_en.clone(),
                    total: 0.0,
                    max: 0.0,
                    filled: 0,
                    items: 0,
                });
            }
            if let Some(d) = out.last_mut() {
                d.total += r.value.unwrap_or(0.0);
                d.max += r.max;
                d.items += 1;
                d.filled += usize::from(r.value.is_some());
            }
        }
        out
    }

    /// The renewal consequence if this sheet were submitted as it stands (an incomplete sheet
    /// counts as a draft), with the term's other sheets as they are.
    pub fn renewal(&self) -> RenewalConsequence {
        let me = RequiredSheet {
            year: self.year,
            phase: self.phase,
            required: true,
            status: match (self.status, self.is_complete()) {
                (EvalStatus::Locked, _) => SheetStatus::Locked,
                (_, true) => SheetStatus::Submitted,
                (_, false) => SheetStatus::Draft,
            },
            evaluation_id: Some(self.evaluation_id),
            total: self.is_complete().then(|| self.total()),
            grade: self.grade(),
        };
        let mut term: Vec<RequiredSheet> = self
            .term
            .iter()
            .filter(|s| (s.year, s.phase) != (self.year, self.phase))
            .cloned()
            .collect();
        term.push(me);
        term.sort_by_key(|s| (s.year, s.phase));
        renewal_consequence(&self.scheme, &term, self.term_years.clone())
    }

    /// Committed values that differ from the stored ones: what the drafts hold.
    pub fn unsaved(&self) -> BTreeMap<String, f64> {
        self.rows
            .iter()
            .filter(|r| r.is_unsaved())
            .filter_map(|r| r.value.map(|v| (r.item.clone(), v)))
            .collect()
    }

    /// Every committed value (save_scores writes only those that changed).
    pub fn scores(&self) -> BTreeMap<String, f64> {
        self.rows
            .iter()
            .filter_map(|r| r.value.map(|v| (r.item.clone(), v)))
            .collect()
    }

    /// The save for the committed values, with total and grade when complete.
    pub fn save_request(&self) -> SaveRequest {
        let complete = self.is_complete();
        SaveRequest {
            evaluation_id: self.evaluation_id,
            base_version: self.version,
            scores: self.scores(),
            total: complete.then(|| self.total()),
            grade: self.grade(),
        }
    }

    /// After `save_scores` returned `new_version`: everything committed is now stored.
    pub fn mark_saved(&mut self, new_version: i64) {
        for r in &mut self.rows {
            r.stored = r.value;
        }
        self.version = new_version;
        self.stale_drafts = false;
        self.base_unknown.iter_mut().for_each(|b| *b = false);
    }
}
