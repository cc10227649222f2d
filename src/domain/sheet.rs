//! The score-entry sheet behind the TUI's entry grid: one row per template item, a cell being
//! edited, commits validated by `parse_score`, undo/redo of committed cells, live total, grade
//! and renewal consequence, the unsaved set for drafts and saving, and the conflict model when
//! someone else saved first. Pure: the caller turns the returned `DraftWrite`s and the
//! `SaveRequest` into store calls (`put_draft`, `clear_draft_item`, `save_scores`).

use std::collections::BTreeMap;

use super::evaluation::{
    fmt_score, grade_for, parse_score, EvalStatus, Evaluation, Grade, ScoreError,
};
use super::policy::{EvaluationScheme, Phase};
use super::renewal::{renewal_consequence, RenewalConsequence, RequiredSheet, SheetStatus};

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

/// Why an action on the sheet was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    /// The sheet is submitted or locked.
    #[error("the sheet is {} and cannot be edited", .0.name_en())]
    ReadOnly(EvalStatus),
    /// The typed score is not valid.
    #[error("{0}")]
    Score(ScoreError),
    /// Conflicting items still without a choice.
    #[error("{0} conflicting item(s) still need a choice")]
    Unresolved(usize),
    /// A conflict was applied to a sheet of another evaluation.
    #[error("the conflict is for evaluation {theirs}, not {ours}")]
    WrongEvaluation {
        /// The sheet's evaluation.
        ours: i64,
        /// The conflict's evaluation.
        theirs: i64,
    },
}

impl SheetError {
    /// The refusal in Chinese (the English is the `Display`).
    pub fn message_zh(&self) -> String {
        match self {
            SheetError::ReadOnly(s) => format!("评估表{}，不能修改", s.name_zh()),
            SheetError::Score(e) => e.message_zh(),
            SheetError::Unresolved(n) => format!("还有 {n} 项冲突未选择"),
            SheetError::WrongEvaluation { .. } => "冲突不属于此评估表".into(),
        }
    }
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

/// Whose value to keep for a conflicting item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The value I typed.
    Mine,
    /// The value the other person saved.
    Theirs,
}

/// An item both I (unsaved) and the other saver changed, to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictItem {
    /// The item's row on the sheet.
    pub row: usize,
    /// The item's id.
    pub item: String,
    /// What is scored, in Chinese.
    pub item_zh: String,
    /// What is scored, in English.
    pub item_en: String,
    /// The value both started from (None also when a resumed stale draft's base is unknown).
    pub base: Option<f64>,
    /// My value.
    pub mine: Option<f64>,
    /// Their value.
    pub theirs: Option<f64>,
    /// The choice made so far.
    pub choice: Option<Side>,
}

/// What someone else saved since the sheet was opened, item by item. Items only they changed
/// are taken over silently; items only I changed stay mine; `items` are the real clashes.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The evaluation.
    pub evaluation_id: i64,
    /// Its version after their save.
    pub their_version: i64,
    /// Its status after their save.
    pub their_status: EvalStatus,
    /// The items we both changed, to different values.
    pub items: Vec<ConflictItem>,
    /// Items they changed that I had not touched: taken as theirs.
    pub taken_over: Vec<String>,
    their_scores: BTreeMap<String, f64>,
}

impl Conflict {
    /// Keep one side for the item at `k`.
    pub fn choose(&mut self, k: usize, side: Side) {
        if let Some(c) = self.items.get_mut(k) {
            c.choice = Some(side);
        }
    }
    /// Keep one side for every item.
    pub fn choose_all(&mut self, side: Side) {
        for c in &mut self.items {
            c.choice = Some(side);
        }
    }
    /// Items still without a choice.
    pub fn unresolved(&self) -> usize {
        self.items.iter().filter(|c| c.choice.is_none()).count()
    }
    /// Every item has a choice.
    pub fn is_resolved(&self) -> bool {
        self.unresolved() == 0
    }
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
    stale_drafts: bool,
    /// Per row: a draft resumed from an older version, whose base value is not known, so
    /// any difference from what is stored now is a conflict for the user to settle.
    base_unknown: Vec<bool>,
    extra_items: Vec<String>,
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

/// A change of a sheet's status. The store checks who may make it (`admin_only`); the
/// TUI asks first where the change is easy to regret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Draft -> submitted: an editor of the jurisdiction or an admin.
    Submit,
    /// Submitted -> draft, to correct it: an editor of the jurisdiction or an admin.
    Reopen,
    /// Draft or submitted -> locked: admins only.
    Lock,
    /// Locked -> submitted or draft: admins only.
    Unlock,
}

impl StatusChange {
    /// The change from one status to another; `None` when they are the same.
    pub fn between(from: EvalStatus, to: EvalStatus) -> Option<StatusChange> {
        use EvalStatus::{Draft, Locked, Submitted};
        match (from, to) {
            (Draft, Submitted) => Some(StatusChange::Submit),
            (Submitted, Draft) => Some(StatusChange::Reopen),
            (Draft | Submitted, Locked) => Some(StatusChange::Lock),
            (Locked, Draft | Submitted) => Some(StatusChange::Unlock),
            (Draft, Draft) | (Submitted, Submitted) | (Locked, Locked) => None,
        }
    }
    /// The status the change leads to (an unlocked sheet is submitted again).
    pub fn target(self) -> EvalStatus {
        match self {
            StatusChange::Submit | StatusChange::Unlock => EvalStatus::Submitted,
            StatusChange::Reopen => EvalStatus::Draft,
            StatusChange::Lock => EvalStatus::Locked,
        }
    }
    /// Only admins may make this change.
    pub fn admin_only(self) -> bool {
        matches!(self, StatusChange::Lock | StatusChange::Unlock)
    }
    /// The change's name in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            StatusChange::Submit => "提交",
            StatusChange::Reopen => "重新打开",
            StatusChange::Lock => "锁定",
            StatusChange::Unlock => "解锁",
        }
    }
    /// The change's name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            StatusChange::Submit => "submit",
            StatusChange::Reopen => "reopen",
            StatusChange::Lock => "lock",
            StatusChange::Unlock => "unlock",
        }
    }
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
            .items()
            .map(|(d, i)| {
                let stored = evaluation.scores.get(&i.id).copied();
                Row {
                    dimension: d.id.clone(),
                    dimension_zh: d.zh.clone(),
                    dimension_en: d.en.clone(),
                    item: i.id.clone(),
                    item_zh: i.zh.clone(),
                    item_en: i.en.clone(),
                    max: i.max,
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
            stale_drafts: false,
            base_unknown: vec![false; rows.len()],
            rows,
            extra_items,
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
    pub fn with_term(mut self, term: Vec<RequiredSheet>) -> Sheet {
        self.term = term;
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
        renewal_consequence(&self.scheme, &term)
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

    // ---------------------------------------------------------------- moving

    /// Commit the cell being edited (if any), then go to `row`. A refused commit stays put.
    pub fn set_cursor(&mut self, row: usize) -> Result<Option<DraftWrite>, SheetError> {
        let w = self.commit()?;
        self.cursor = row.min(self.rows.len().saturating_sub(1));
        Ok(w)
    }
    /// Commit the cell, then go one row down.
    pub fn move_down(&mut self) -> Result<Option<DraftWrite>, SheetError> {
        self.set_cursor(self.cursor + 1)
    }
    /// Commit the cell, then go one row up.
    pub fn move_up(&mut self) -> Result<Option<DraftWrite>, SheetError> {
        self.set_cursor(self.cursor.saturating_sub(1))
    }

    // ---------------------------------------------------------------- editing

    fn editable(&self) -> Result<(), SheetError> {
        if self.is_read_only() {
            Err(SheetError::ReadOnly(self.status))
        } else {
            Ok(())
        }
    }

    /// Type one character into the current cell; the first one replaces the shown value.
    /// Nothing typed is dropped or changed silently. A character no score contains (a comma,
    /// a letter) is refused: it shows in the cell as typed, with its reason at the cell at
    /// once, and the cell cannot be committed until it is removed (so "22,5" never becomes
    /// 225, nor 22.5 by a guess). A character past the longest text is refused with its
    /// reason and not added.
    pub fn type_char(&mut self, c: char) -> Result<(), SheetError> {
        self.editable()?;
        let Some(r) = self.rows.get_mut(self.cursor) else {
            return Ok(());
        };
        if r.edit
            .as_ref()
            .is_some_and(|t| t.chars().count() >= MAX_TEXT)
        {
            let e = ScoreError::TooLong { max: MAX_TEXT };
            r.error = Some(e.clone());
            return Err(SheetError::Score(e));
        }
        let t = r.edit.get_or_insert_with(String::new);
        t.push(c);
        r.error = refuse_text(t);
        match &r.error {
            Some(e) => Err(SheetError::Score(e.clone())),
            None => Ok(()),
        }
    }

    /// Edit the committed value's text in place (Enter or F2 on a cell not being edited).
    pub fn start_edit(&mut self) -> Result<(), SheetError> {
        self.editable()?;
        if let Some(r) = self.rows.get_mut(self.cursor) {
            if r.edit.is_none() {
                r.edit = Some(r.value.map(fmt_score).unwrap_or_default());
                r.error = None;
            }
        }
        Ok(())
    }

    /// Delete the last character; on a cell not being edited, edit its value minus the last one.
    pub fn backspace(&mut self) -> Result<(), SheetError> {
        self.start_edit()?;
        if let Some(r) = self.rows.get_mut(self.cursor) {
            if let Some(t) = &mut r.edit {
                t.pop();
            }
            r.error = r.edit.as_deref().and_then(refuse_text);
        }
        Ok(())
    }

    /// Esc: drop the typed text and its error; the committed value stays.
    pub fn cancel_edit(&mut self) {
        if let Some(r) = self.rows.get_mut(self.cursor) {
            r.edit = None;
            r.error = None;
        }
    }

    /// Validate the typed text and commit it. An invalid value stays in the cell with its
    /// reason and is not committed. Returns the draft write when the value changed.
    pub fn commit(&mut self) -> Result<Option<DraftWrite>, SheetError> {
        let Some(r) = self.rows.get_mut(self.cursor) else {
            return Ok(None);
        };
        let Some(text) = r.edit.clone() else {
            return Ok(None);
        };
        match refuse_text(&text).map_or_else(|| parse_score(&text, r.max), Err) {
            Err(e) => {
                r.error = Some(e.clone());
                Err(SheetError::Score(e))
            }
            Ok(v) => {
                r.edit = None;
                r.error = None;
                if same(r.value, Some(v)) {
                    return Ok(None);
                }
                let change = Change {
                    row: self.cursor,
                    before: r.value,
                    after: Some(v),
                };
                self.redo.clear();
                Ok(Some(self.apply(change, false)))
            }
        }
    }

    /// Enter: commit and go down when editing, else start editing the current value.
    pub fn enter(&mut self) -> Result<Option<DraftWrite>, SheetError> {
        if self.is_editing() {
            let w = self.commit()?;
            self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1));
            Ok(w)
        } else {
            self.start_edit().map(|_| None)
        }
    }

    fn apply(&mut self, c: Change, reverse: bool) -> DraftWrite {
        let v = if reverse { c.before } else { c.after };
        self.cursor = c.row;
        if reverse {
            self.redo.push(c);
        } else {
            self.undo.push(c);
        }
        self.set_value(c.row, v)
    }

    fn set_value(&mut self, row: usize, v: Option<f64>) -> DraftWrite {
        let Some(r) = self.rows.get_mut(row) else {
            return DraftWrite::Clear {
                item: String::new(),
            };
        };
        r.value = v;
        r.edit = None;
        r.error = None;
        match v {
            Some(score) if r.is_unsaved() => DraftWrite::Put {
                item: r.item.clone(),
                score,
            },
            _ => DraftWrite::Clear {
                item: r.item.clone(),
            },
        }
    }

    /// u: undo the last committed change anywhere on the sheet (the cursor follows it).
    /// While a cell is being edited, undo only drops the typed text.
    pub fn undo(&mut self) -> Option<DraftWrite> {
        if self.is_editing() {
            self.cancel_edit();
            return None;
        }
        if self.is_read_only() {
            return None;
        }
        let c = self.undo.pop()?;
        Some(self.apply(c, true))
    }

    /// Ctrl-R: redo the last undone change.
    pub fn redo(&mut self) -> Option<DraftWrite> {
        if self.is_editing() || self.is_read_only() {
            return None;
        }
        let c = self.redo.pop()?;
        Some(self.apply(c, false))
    }

    // ---------------------------------------------------------------- conflicts

    /// Compare with what someone else saved (`theirs`, scores loaded, a newer version).
    pub fn conflict_with(&self, theirs: &Evaluation) -> Conflict {
        let mut items = Vec::new();
        let mut taken_over = Vec::new();
        for (k, r) in self.rows.iter().enumerate() {
            let t = theirs.scores.get(&r.item).copied();
            let unknown = self.base_unknown.get(k).copied().unwrap_or(false);
            let they_changed = unknown || !same(t, r.stored);
            if !they_changed || same(t, r.value) {
                continue;
            }
            if r.is_unsaved() {
                items.push(ConflictItem {
                    row: k,
                    item: r.item.clone(),
                    item_zh: r.item_zh.clone(),
                    item_en: r.item_en.clone(),
                    base: if unknown { None } else { r.stored },
                    mine: r.value,
                    theirs: t,
                    choice: None,
                });
            } else {
                taken_over.push(r.item.clone());
            }
        }
        Conflict {
            evaluation_id: theirs.id,
            their_version: theirs.version,
            their_status: theirs.status,
            items,
            taken_over,
            their_scores: theirs.scores.clone(),
        }
    }

    /// Rebase on their version with the choices made. Returns the draft writes that bring the
    /// store's drafts in line (every unsaved cell is re-put on the new base version).
    /// Undo history is cleared: its "before" values belong to the old base.
    pub fn resolve(&mut self, conflict: &Conflict) -> Result<Vec<DraftWrite>, SheetError> {
        if conflict.evaluation_id != self.evaluation_id {
            return Err(SheetError::WrongEvaluation {
                ours: self.evaluation_id,
                theirs: conflict.evaluation_id,
            });
        }
        if !conflict.is_resolved() {
            return Err(SheetError::Unresolved(conflict.unresolved()));
        }
        let mut writes = Vec::new();
        for (k, r) in self.rows.iter_mut().enumerate() {
            let was_unsaved = r.is_unsaved();
            let t = conflict.their_scores.get(&r.item).copied();
            let value = match conflict.items.iter().find(|c| c.row == k) {
                Some(c) if c.choice == Some(Side::Mine) => c.mine,
                Some(_) => t,
                None if was_unsaved => r.value,
                None => t,
            };
            r.stored = t;
            r.value = value;
            match value {
                Some(score) if r.is_unsaved() => writes.push(DraftWrite::Put {
                    item: r.item.clone(),
                    score,
                }),
                _ if was_unsaved => writes.push(DraftWrite::Clear {
                    item: r.item.clone(),
                }),
                _ => {}
            }
        }
        self.version = conflict.their_version;
        self.status = conflict.their_status;
        self.stale_drafts = false;
        self.base_unknown.iter_mut().for_each(|b| *b = false);
        self.undo.clear();
        self.redo.clear();
        Ok(writes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Profile;

    fn profile(file: &str, text: &str) -> Profile {
        crate::io::policy::parse(file, text).expect("profile parses")
    }

    fn wenzhou() -> Profile {
        profile(
            "wenzhou-2021.toml",
            include_str!("../../data/policies/wenzhou-2021.toml"),
        )
    }

    fn thousand() -> Profile {
        profile(
            "thousand-point.toml",
            include_str!("../../data/policies-test/thousand-point.toml"),
        )
    }

    fn blank(p: &Profile, status: EvalStatus) -> Evaluation {
        Evaluation {
            id: 7,
            site_id: 3,
            year: 2025,
            phase: p.evaluation.phases[0],
            template: p.id.clone(),
            status,
            total: None,
            grade: None,
            version: 4,
            scores: BTreeMap::new(),
            synthetic: false,
        }
    }

    fn type_str(s: &mut Sheet, text: &str) {
        for c in text.chars() {
            s.type_char(c).expect("editable");
        }
    }

    /// Type `text` into row `row` and commit.
    fn enter_at(s: &mut Sheet, row: usize, text: &str) -> Result<Option<DraftWrite>, SheetError> {
        s.set_cursor(row)?;
        type_str(s, text);
        s.commit()
    }

    #[test]
    fn validation_table_at_the_cell() {
        let p = wenzhou();
        // Row 0 is mgmt-plan, max 8.
        let cases: &[(&str, Result<f64, ScoreError>)] = &[
            ("", Err(ScoreError::Empty)),
            ("-1", Err(ScoreError::Negative)),
            ("9", Err(ScoreError::OverMax { max: 8.0 })),
            ("8.1", Err(ScoreError::OverMax { max: 8.0 })),
            ("7.25", Err(ScoreError::TooManyDecimals)),
            ("1.2.3", Err(ScoreError::NotANumber("1.2.3".into()))),
            ("7-", Err(ScoreError::NotANumber("7-".into()))),
            ("７．５", Ok(7.5)),
            ("８", Ok(8.0)),
            ("0", Ok(0.0)),
            ("6.5", Ok(6.5)),
        ];
        for (text, want) in cases {
            let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
            s.start_edit().expect("editable");
            type_str(&mut s, text);
            let got = s.commit();
            match want {
                Ok(v) => {
                    assert_eq!(
                        got,
                        Ok(Some(DraftWrite::Put {
                            item: "mgmt-plan".into(),
                            score: *v
                        })),
                        "{text:?}"
                    );
                    assert_eq!(s.rows()[0].value, Some(*v));
                    assert_eq!(s.rows()[0].edit, None);
                    // Full-width input is shown normalised once committed.
                    assert_eq!(s.rows()[0].display(), fmt_score(*v));
                }
                Err(e) => {
                    assert_eq!(got, Err(SheetError::Score(e.clone())), "{text:?}");
                    let r = &s.rows()[0];
                    assert_eq!(r.value, None, "never committed: {text:?}");
                    assert_eq!(
                        r.error.as_ref(),
                        Some(e),
                        "reason kept at the cell: {text:?}"
                    );
                    assert_eq!(r.edit.as_deref(), Some(*text), "text kept: {text:?}");
                    assert!(!s.is_dirty());
                }
            }
        }
    }

    #[test]
    fn an_invalid_cell_blocks_moving_and_esc_restores() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        enter_at(&mut s, 0, "5").expect("valid");
        s.set_cursor(0).expect("no edit");
        type_str(&mut s, "99");
        assert!(matches!(
            s.move_down(),
            Err(SheetError::Score(ScoreError::OverMax { .. }))
        ));
        assert_eq!(s.cursor(), 0);
        s.type_char('9').expect("editable");
        assert_eq!(
            s.rows()[0].error,
            None,
            "a changed text drops the stale reason"
        );
        s.cancel_edit();
        assert_eq!(s.rows()[0].display(), "5");
        assert!(!s.is_editing());
        s.backspace().expect("editable");
        assert_eq!(s.rows()[0].edit.as_deref(), Some(""));
        s.cancel_edit();
        s.move_down().expect("moves");
        assert_eq!(s.cursor(), 1);
        s.move_up().expect("moves");
        s.move_up().expect("stays at the top");
        assert_eq!(s.cursor(), 0);
    }

    #[test]
    fn grade_bands_at_their_boundaries_on_100_points() {
        let p = wenzhou();
        // Fill every item at max, then lower the last (fund-efficiency, max 5) to reach totals.
        let cases = [
            (100.0, Grade::Excellent),
            (90.0, Grade::Excellent),
            (89.9, Grade::Good),
            (80.0, Grade::Good),
            (79.9, Grade::Qualified),
            (60.0, Grade::Qualified),
            (59.9, Grade::Unqualified),
            (0.0, Grade::Unqualified),
        ];
        for (total, want) in cases {
            let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
            let mut left: f64 = total;
            for k in 0..s.rows().len() {
                let max = s.rows()[k].max;
                let v = (left.min(max) * 10.0).round() / 10.0;
                left -= v;
                enter_at(&mut s, k, &fmt_score(v)).expect("valid");
            }
            assert!(
                (s.total() - total).abs() < 1e-9,
                "total {} for {total}",
                s.total()
            );
            assert_eq!(s.grade(), Some(want), "total {total}");
        }
    }

    #[test]
    fn grade_bands_at_their_boundaries_on_1000_points() {
        let p = thousand();
        assert_eq!(p.evaluation.total_max(), 1000.0);
        let cases = [
            (900.0, Grade::Excellent),
            (899.5, Grade::Good),
            (800.0, Grade::Good),
            (799.9, Grade::Qualified),
            (600.0, Grade::Qualified),
            (599.9, Grade::Unqualified),
        ];
        for (total, want) in cases {
            let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
            let mut left: f64 = total;
            for k in 0..s.rows().len() {
                let v = (left.min(s.rows()[k].max) * 10.0).round() / 10.0;
                left -= v;
                enter_at(&mut s, k, &fmt_score(v)).expect("valid");
            }
            assert!((s.total() - total).abs() < 1e-6);
            assert_eq!(s.grade(), Some(want), "total {total} of 1000");
        }
    }

    #[test]
    fn undo_redo_across_the_sheet() {
        let p = wenzhou();
        let mut stored = blank(&p, EvalStatus::Draft);
        stored.scores.insert("mgmt-rules".into(), 6.0);
        let mut s = Sheet::new(&p.evaluation, &stored);
        assert!(!s.can_undo());
        enter_at(&mut s, 0, "7").expect("valid");
        enter_at(&mut s, 1, "5").expect("valid");
        enter_at(&mut s, 4, "10").expect("valid");
        assert_eq!(s.unsaved().len(), 3);
        // Committing the same value again is not a change.
        assert_eq!(enter_at(&mut s, 4, "10.0"), Ok(None));

        s.set_cursor(11).expect("moves");
        assert_eq!(
            s.undo(),
            Some(DraftWrite::Clear {
                item: "perf-volume".into()
            })
        );
        assert_eq!(s.cursor(), 4, "the cursor follows the undone change");
        // Back to the stored 6: no draft needed for that cell.
        assert_eq!(
            s.undo(),
            Some(DraftWrite::Clear {
                item: "mgmt-rules".into()
            })
        );
        assert_eq!(s.rows()[1].value, Some(6.0));
        assert_eq!(
            s.redo(),
            Some(DraftWrite::Put {
                item: "mgmt-rules".into(),
                score: 5.0
            })
        );
        assert_eq!(
            s.undo(),
            Some(DraftWrite::Clear {
                item: "mgmt-rules".into()
            })
        );
        assert_eq!(
            s.undo(),
            Some(DraftWrite::Clear {
                item: "mgmt-plan".into()
            })
        );
        assert_eq!(s.undo(), None);
        assert!(!s.is_dirty());
        assert_eq!(
            s.redo(),
            Some(DraftWrite::Put {
                item: "mgmt-plan".into(),
                score: 7.0
            })
        );
        // A new commit drops the redo stack.
        enter_at(&mut s, 2, "3").expect("valid");
        assert!(!s.can_redo());
        assert_eq!(s.redo(), None);
        // Undo while typing only drops the text.
        s.type_char('1').expect("editable");
        assert_eq!(s.undo(), None);
        assert_eq!(s.rows()[2].value, Some(3.0));
        assert_eq!(
            s.undo(),
            Some(DraftWrite::Clear {
                item: "mgmt-staff".into()
            })
        );
        assert_eq!(
            s.unsaved(),
            BTreeMap::from([("mgmt-plan".to_string(), 7.0)])
        );
    }

    #[test]
    fn a_whole_wenzhou_sheet_by_digits_and_twelve_commits() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        let typed = [
            "7", "7.5", "８", "5", "11", "10.5", "9", "9", "6", "7", "4", "4.5",
        ];
        assert_eq!(s.rows().len(), 12);
        let mut writes = Vec::new();
        for t in typed {
            type_str(&mut s, t);
            writes.push(s.enter().expect("valid"));
        }
        assert_eq!(
            writes
                .iter()
                .filter(|w| matches!(w, Some(DraftWrite::Put { .. })))
                .count(),
            12
        );
        assert!(s.is_complete());
        assert!((s.total() - 88.5).abs() < 1e-9);
        assert_eq!(s.grade(), Some(Grade::Good));
        let dims = s.dimension_totals();
        assert_eq!(
            dims.iter().map(|d| d.total).collect::<Vec<_>>(),
            vec![27.5, 39.5, 21.5]
        );
        assert_eq!(
            dims.iter().map(|d| d.max).collect::<Vec<_>>(),
            vec![30.0, 45.0, 25.0]
        );
        let req = s.save_request();
        assert_eq!(req.base_version, 4);
        assert_eq!(req.scores.len(), 12);
        assert_eq!(req.total, Some(88.5));
        assert_eq!(req.grade, Some(Grade::Good));
        assert!(s.is_dirty());
        // Wenzhou renews when every evaluation is at least qualified (default reading, §八).
        let r = s.renewal();
        assert_eq!(r.allowed(), Some(true));
        assert!(r.reason(false).contains("§八"), "{}", r.reason(false));
        s.mark_saved(5);
        assert!(!s.is_dirty());
        assert_eq!(s.version(), 5);
    }

    #[test]
    fn incomplete_sheets_save_no_total_and_keep_renewal_pending() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        enter_at(&mut s, 0, "8").expect("valid");
        assert_eq!(s.grade(), None);
        assert_eq!(s.save_request().total, None);
        assert_eq!(s.renewal().allowed(), None);
        assert_eq!(s.filled(), 1);
    }

    #[test]
    fn locked_sheets_refuse_edits() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Locked));
        assert_eq!(
            s.type_char('5'),
            Err(SheetError::ReadOnly(EvalStatus::Locked))
        );
        assert_eq!(s.backspace(), Err(SheetError::ReadOnly(EvalStatus::Locked)));
        assert!(s.move_down().is_ok());
        assert!(SheetError::ReadOnly(EvalStatus::Locked)
            .message_zh()
            .contains("已锁定"));
    }

    #[test]
    fn resume_from_drafts() {
        let p = wenzhou();
        let mut stored = blank(&p, EvalStatus::Draft);
        stored.scores.insert("mgmt-plan".into(), 6.0);
        let drafts = BTreeMap::from([
            ("mgmt-plan".to_string(), 7.0),
            ("fund-budget".to_string(), 5.0),
        ]);
        let s = Sheet::resume(&p.evaluation, &stored, &drafts, Some(4));
        assert_eq!(s.unsaved(), drafts);
        assert!(!s.stale_drafts());
        assert_eq!(s.rows()[0].stored, Some(6.0));
        let stale = Sheet::resume(&p.evaluation, &stored, &drafts, Some(3));
        assert!(stale.stale_drafts());
        assert_eq!(
            stale.save_request().base_version,
            3,
            "saving stale drafts meets the conflict check"
        );
        // Someone saved version 4 (mgmt-plan 6) after the drafts were typed on version 3: the
        // draft for mgmt-plan is a conflict to settle, not a silent overwrite.
        let mut c = stale.conflict_with(&stored);
        assert_eq!(c.items.len(), 2);
        assert_eq!(
            (
                c.items[0].item.as_str(),
                c.items[0].base,
                c.items[0].mine,
                c.items[0].theirs
            ),
            ("mgmt-plan", None, Some(7.0), Some(6.0))
        );
        c.choose_all(Side::Mine);
        let mut stale = stale;
        stale.resolve(&c).expect("resolved");
        assert_eq!(stale.version(), 4);
        assert!(!stale.stale_drafts());
        assert_eq!(stale.unsaved(), drafts);
    }

    #[test]
    fn conflict_per_item_and_for_all() {
        let p = wenzhou();
        let mut base = blank(&p, EvalStatus::Draft);
        base.scores = BTreeMap::from([
            ("mgmt-plan".into(), 6.0),
            ("mgmt-rules".into(), 6.0),
            ("mgmt-staff".into(), 6.0),
        ]);
        let mut s = Sheet::new(&p.evaluation, &base);
        enter_at(&mut s, 0, "7").expect("valid"); // both change, differently
        enter_at(&mut s, 1, "5").expect("valid"); // both change, the same
        enter_at(&mut s, 3, "4").expect("valid"); // only mine
        let mut theirs = base.clone();
        theirs.version = 5;
        theirs.scores.insert("mgmt-plan".into(), 8.0);
        theirs.scores.insert("mgmt-rules".into(), 5.0);
        theirs.scores.insert("mgmt-staff".into(), 3.0); // only theirs

        let mut c = s.conflict_with(&theirs);
        assert_eq!(c.items.len(), 1);
        let it = &c.items[0];
        assert_eq!(
            (it.item.as_str(), it.base, it.mine, it.theirs),
            ("mgmt-plan", Some(6.0), Some(7.0), Some(8.0))
        );
        assert_eq!(c.taken_over, vec!["mgmt-staff".to_string()]);
        assert_eq!(s.resolve(&c), Err(SheetError::Unresolved(1)));

        let mut keep_mine = s.clone();
        c.choose(0, Side::Mine);
        let writes = keep_mine.resolve(&c).expect("resolved");
        assert_eq!(keep_mine.version(), 5);
        assert_eq!(keep_mine.rows()[0].value, Some(7.0));
        assert_eq!(keep_mine.rows()[1].value, Some(5.0));
        assert_eq!(
            keep_mine.rows()[2].value,
            Some(3.0),
            "their change to an item I left is taken"
        );
        assert_eq!(keep_mine.rows()[3].value, Some(4.0));
        assert_eq!(
            keep_mine.unsaved(),
            BTreeMap::from([
                ("mgmt-plan".to_string(), 7.0),
                ("mgmt-site".to_string(), 4.0)
            ])
        );
        assert_eq!(
            writes,
            vec![
                DraftWrite::Put {
                    item: "mgmt-plan".into(),
                    score: 7.0
                },
                DraftWrite::Clear {
                    item: "mgmt-rules".into()
                },
                DraftWrite::Put {
                    item: "mgmt-site".into(),
                    score: 4.0
                },
            ]
        );
        assert!(!keep_mine.can_undo());

        c.choose_all(Side::Theirs);
        s.resolve(&c).expect("resolved");
        assert_eq!(s.rows()[0].value, Some(8.0));
        assert_eq!(
            s.unsaved(),
            BTreeMap::from([("mgmt-site".to_string(), 4.0)])
        );
        assert_eq!(s.save_request().base_version, 5);
    }

    #[test]
    fn a_comma_is_refused_at_the_cell_and_never_dropped_or_guessed() {
        let p = thousand();
        // Row 2 (tp-services) has room for 225 on this 1000-point scheme.
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        s.set_cursor(2).expect("moves");
        assert!(s.rows()[2].max >= 225.0);
        s.type_char('2').expect("a digit");
        s.type_char('2').expect("a digit");
        assert_eq!(
            s.type_char(','),
            Err(SheetError::Score(ScoreError::Comma)),
            "refused at once, with the reason"
        );
        assert_eq!(
            s.type_char('5'),
            Err(SheetError::Score(ScoreError::Comma)),
            "the cell stays refused while the comma is in it"
        );
        assert_eq!(s.rows()[2].display(), "22,5", "what was typed, as typed");
        assert_eq!(s.rows()[2].error, Some(ScoreError::Comma));
        assert_eq!(s.enter(), Err(SheetError::Score(ScoreError::Comma)));
        assert_eq!(s.rows()[2].value, None, "neither 225 nor a guessed 22.5");
        assert_eq!(s.cursor(), 2, "Enter does not leave a refused cell");
        assert!(ScoreError::Comma.message_zh().contains("“.”"));
        assert!(ScoreError::Comma.to_string().contains("use ."));
        // Fixing it: two backspaces, then the point.
        s.backspace().expect("editable");
        assert_eq!(s.rows()[2].error, Some(ScoreError::Comma));
        s.backspace().expect("editable");
        assert_eq!(s.rows()[2].error, None, "the comma is gone, and its reason");
        for c in ".5".chars() {
            s.type_char(c).expect("score characters");
        }
        assert_eq!(
            s.enter(),
            Ok(Some(DraftWrite::Put {
                item: "tp-services".into(),
                score: 22.5
            }))
        );
    }

    #[test]
    fn letters_and_the_full_width_comma_are_refused_too() {
        let p = wenzhou();
        for (c, want) in [
            ('，', ScoreError::Comma),
            ('q', ScoreError::NotAScoreChar('q')),
            (' ', ScoreError::NotAScoreChar(' ')),
        ] {
            let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
            s.type_char('5').expect("a digit");
            assert_eq!(s.type_char(c), Err(SheetError::Score(want.clone())));
            assert_eq!(s.move_down(), Err(SheetError::Score(want)), "{c:?}");
            assert_eq!(s.rows()[0].value, None, "{c:?}");
            s.cancel_edit();
            assert_eq!(s.rows()[0].error, None, "Esc drops the text and its reason");
        }
    }

    #[test]
    fn past_the_longest_text_a_character_is_refused_with_its_reason() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        for _ in 0..MAX_TEXT {
            s.type_char('0').expect("room left");
        }
        assert_eq!(
            s.type_char('1'),
            Err(SheetError::Score(ScoreError::TooLong { max: MAX_TEXT }))
        );
        assert_eq!(s.rows()[0].display(), "0".repeat(MAX_TEXT));
    }

    #[test]
    fn submitted_sheets_are_read_only_like_locked_ones() {
        let p = wenzhou();
        for status in [EvalStatus::Submitted, EvalStatus::Locked] {
            let mut s = Sheet::new(&p.evaluation, &blank(&p, status));
            assert!(s.is_read_only());
            assert_eq!(s.type_char('5'), Err(SheetError::ReadOnly(status)));
            assert_eq!(s.enter(), Err(SheetError::ReadOnly(status)));
        }
        assert!(SheetError::ReadOnly(EvalStatus::Submitted)
            .message_zh()
            .contains("已提交"));
    }

    #[test]
    fn status_changes_and_who_may_make_them() {
        use EvalStatus::{Draft, Locked, Submitted};
        let cases = [
            (Draft, Submitted, Some(StatusChange::Submit), false),
            (Submitted, Draft, Some(StatusChange::Reopen), false),
            (Draft, Locked, Some(StatusChange::Lock), true),
            (Submitted, Locked, Some(StatusChange::Lock), true),
            (Locked, Submitted, Some(StatusChange::Unlock), true),
            (Locked, Draft, Some(StatusChange::Unlock), true),
        ];
        for (from, to, want, admin) in cases {
            let got = StatusChange::between(from, to);
            assert_eq!(got, want, "{from:?} -> {to:?}");
            assert_eq!(got.map(StatusChange::admin_only), Some(admin));
        }
        for st in [Draft, Submitted, Locked] {
            assert_eq!(StatusChange::between(st, st), None, "{st:?} stays");
        }
        assert_eq!(StatusChange::Unlock.target(), Submitted);
        assert_eq!(StatusChange::Reopen.target(), Draft);
    }

    #[test]
    fn empty_counts_the_items_without_a_score() {
        let p = wenzhou();
        let mut s = Sheet::new(&p.evaluation, &blank(&p, EvalStatus::Draft));
        assert_eq!(s.empty(), 12);
        enter_at(&mut s, 3, "4").expect("valid");
        assert_eq!(s.empty(), 11);
    }

    #[test]
    fn score_chars_for_the_keymap() {
        assert!("0123456789０１９.．。-".chars().all(is_score_char));
        assert!(!"uqjk ".chars().any(is_score_char));
    }
}
