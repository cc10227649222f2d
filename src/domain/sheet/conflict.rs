//! Someone else saved first: the items we both changed, and choosing a side for each.

use std::collections::BTreeMap;

use super::{same, DraftWrite, Sheet, SheetError};
use crate::domain::evaluation::{EvalStatus, Evaluation};

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

impl Sheet {
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
