//! A sheet split among scorer roles (Guangzhou 2019: third party 700, purchaser 200, bureau
//! 100 of 1000): whose part each row is, who may fill it, per-part subtotals, and what a
//! part's submission needs. The store keeps the same rules (`Store::submit_part`).

use std::collections::BTreeSet;

use super::{Sheet, SheetError};
use crate::domain::evaluation::SheetParts;
use crate::domain::policy::ScorerRole;

/// One scorer role's part of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct PartTotal {
    /// The role.
    pub role: ScorerRole,
    /// Sum of its committed values.
    pub total: f64,
    /// Most points it gives.
    pub max: f64,
    /// Its items with a committed value.
    pub filled: usize,
    /// Its items.
    pub items: usize,
    /// The part is submitted.
    pub submitted: bool,
    /// The reading account fills it.
    pub mine: bool,
}

impl Sheet {
    /// The account's scorer role and the parts submitted (from `EvalDetail::parts`); an admin
    /// fills any part that is not submitted.
    /// The cursor starts on the first item of the account's part.
    pub fn with_parts(mut self, parts: SheetParts, admin: bool) -> Sheet {
        self.mine = parts.mine;
        self.submitted_parts = parts.submitted;
        self.admin = admin;
        if let Some(k) = self
            .mine
            .and_then(|m| self.rows.iter().position(|r| r.scorer == Some(m)))
        {
            self.cursor = k;
        }
        self
    }

    /// The scheme splits the sheet among scorer roles.
    pub fn is_split(&self) -> bool {
        self.rows.iter().any(|r| r.scorer.is_some())
    }
    /// The account's scorer role.
    pub fn mine(&self) -> Option<ScorerRole> {
        self.mine
    }
    /// The account fills any part (an admin).
    pub fn fills_any(&self) -> bool {
        self.admin
    }
    /// The roles that fill a part of this sheet, in `ScorerRole::ALL` order.
    pub fn roles(&self) -> Vec<ScorerRole> {
        let have: BTreeSet<ScorerRole> = self.rows.iter().filter_map(|r| r.scorer).collect();
        ScorerRole::ALL
            .into_iter()
            .filter(|r| have.contains(r))
            .collect()
    }
    /// Whether a part is submitted.
    pub fn part_submitted(&self, role: ScorerRole) -> bool {
        self.submitted_parts.contains(&role)
    }

    /// Why row `k` may not be changed by this account, if it may not: another role's part
    /// (or no role on a split sheet, unless an admin), else a submitted part.
    pub fn refusal(&self, k: usize) -> Option<SheetError> {
        let part = self.rows.get(k)?.scorer?;
        // As the store has it: an account with a scorer role fills only its part; an admin
        // without one fills any.
        match (self.mine, self.admin) {
            (Some(m), _) if m == part => {}
            (None, true) => {}
            (mine, _) => return Some(SheetError::NotYourPart { part, mine }),
        }
        self.submitted_parts
            .contains(&part)
            .then_some(SheetError::PartSubmitted(part))
    }

    /// Subtotals per scorer role, in `ScorerRole::ALL` order (empty on a sheet not split).
    pub fn part_totals(&self) -> Vec<PartTotal> {
        self.roles()
            .into_iter()
            .map(|role| {
                let rows = self.rows.iter().filter(|r| r.scorer == Some(role));
                let (mut total, mut max, mut filled, mut items) = (0.0, 0.0, 0, 0);
                for r in rows {
                    total += r.value.unwrap_or(0.0);
                    max += r.max;
                    filled += usize::from(r.value.is_some());
                    items += 1;
                }
                PartTotal {
                    role,
                    total,
                    max,
                    filled,
                    items,
                    submitted: self.part_submitted(role),
                    mine: self.mine == Some(role),
                }
            })
            .collect()
    }

    /// The part the account submits or reopens: its own, when the sheet has one for it.
    pub fn my_part(&self) -> Result<ScorerRole, SheetError> {
        match self.mine {
            Some(m) if self.rows.iter().any(|r| r.scorer == Some(m)) => Ok(m),
            mine => Err(SheetError::NoPart(mine)),
        }
    }

    /// The account's part may be submitted: every item of it has a saved score (a part is
    /// saved before it is submitted) and nothing of it is waiting to be saved.
    pub fn check_part_submit(&self) -> Result<ScorerRole, SheetError> {
        let part = self.my_part()?;
        let empty = self
            .rows
            .iter()
            .filter(|r| r.scorer == Some(part) && r.stored.is_none())
            .count();
        if empty > 0 {
            return Err(SheetError::PartIncomplete { part, empty });
        }
        Ok(part)
    }
}
