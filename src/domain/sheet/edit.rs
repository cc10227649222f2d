//! Moving the cursor, typing into a cell, committing, undo and redo.

use super::{refuse_text, same, Change, DraftWrite, Sheet, SheetError, MAX_TEXT};
use crate::domain::evaluation::{fmt_score, parse_score, ScoreError};

impl Sheet {
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
            return Err(SheetError::ReadOnly(self.status));
        }
        match self.refusal(self.cursor) {
            Some(e) => Err(e),
            None => Ok(()),
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

    /// Enter: commit and go down when editing, else start editing the current value; on
    /// another scorer's item (or a submitted part's), just go down.
    pub fn enter(&mut self) -> Result<Option<DraftWrite>, SheetError> {
        if self.is_editing() {
            let w = self.commit()?;
            self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1));
            Ok(w)
        } else if !self.is_read_only() && self.refusal(self.cursor).is_some() {
            self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1));
            Ok(None)
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
}
