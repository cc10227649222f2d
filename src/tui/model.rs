//! The data the views read: the loaded network and what is derived from it for the current
//! scope and date. Built by the app from the store; pure functions of their inputs.

use chrono::NaiveDate;

use crate::domain::coverage::{self, CoverageReport, MilestoneReport, TreeCounts};
use crate::domain::network::Network;
use crate::domain::policy::Profile;

pub struct Model {
    pub net: Network,
    pub profiles: Vec<Profile>,
    pub user: String,
    pub db: String,
    /// When the data was last loaded (local time, for "data as of" in meetings).
    pub loaded_at: String,
    pub read_only: Option<String>,
}

/// Everything computed for one (scope, as-of) pair.
pub struct Derived {
    pub scope: u32,
    pub as_of: NaiveDate,
    pub generation: u64,
    pub counts: TreeCounts,
    pub report: CoverageReport,
}

impl Derived {
    pub fn build(model: &Model, scope: u32, as_of: NaiveDate, generation: u64) -> Derived {
        Derived {
            scope,
            as_of,
            generation,
            counts: TreeCounts::build(&model.net, as_of),
            report: coverage::coverage(&model.net, &model.profiles, scope, None, as_of),
        }
    }

    pub fn is_for(&self, scope: u32, as_of: NaiveDate, generation: u64) -> bool {
        self.scope == scope && self.as_of == as_of && self.generation == generation
    }

    /// All milestones of all blocks, with their block index.
    pub fn milestones(&self) -> Vec<(usize, &MilestoneReport)> {
        self.report
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, blk)| blk.milestones.iter().map(move |m| (b, m)))
            .collect()
    }

    /// The milestone the dashboard shows the chart and lagging list for.
    pub fn selected(&self, k: usize) -> Option<(usize, &MilestoneReport)> {
        let ms = self.milestones();
        if ms.is_empty() {
            return None;
        }
        ms.get(k.min(ms.len() - 1)).copied()
    }
}

/// The profile bound at `node`, for the status bar.
pub fn policy_label(model: &Model, node: u32) -> String {
    match coverage::binding_for(&model.net, &model.profiles, node) {
        Some((p, _)) => p.doc_number.clone(),
        None => {
            let below = coverage::bindings_below(&model.net, &model.profiles, node);
            match below.len() {
                0 => "—".into(),
                1 => below[0].0.doc_number.clone(),
                n => format!("{n}×"),
            }
        }
    }
}
