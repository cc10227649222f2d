//! Submitting, reopening, locking and unlocking a sheet.

use crate::domain::evaluation::EvalStatus;

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
}
