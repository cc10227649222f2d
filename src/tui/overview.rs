//! The overview of every bound jurisdiction: one row each with its worst milestone, for a
//! database that holds several regions (the screen the TUI opens on there, and `S` at the top).

use chrono::NaiveDate;

use super::model::Model;
use crate::domain::coverage::{self, MilestoneReport, Status};
use crate::domain::network::Network;
use crate::domain::policy::Profile;

/// One bound jurisdiction and how it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    pub node: u32,
    pub code: String,
    pub name: String,
    pub policy: String,
    pub doc_number: String,
    /// Its worst milestone, once its sites are loaded (None while they load, or without
    /// milestones).
    pub worst: Option<MilestoneReport>,
    /// Whether its sites are loaded (a national database loads regions in the background).
    pub loaded: bool,
}

/// Every jurisdiction a profile binds to that the tree holds, in tree order, each once.
pub fn bound_regions<'p>(net: &Network, profiles: &'p [Profile]) -> Vec<(&'p Profile, u32)> {
    let mut v: Vec<(&Profile, u32)> = Vec::new();
    for p in profiles {
        for code in &p.binds_to {
            if let Some(n) = net.tree.find(code) {
                if !v.iter().any(|(_, x)| *x == n) {
                    v.push((p, n));
                }
            }
        }
    }
    v.sort_by_key(|(_, n)| *n);
    v
}

/// How bad a status is, worst first (0): short after the deadline, behind pace, reached
/// late, on pace, met.
pub fn severity(st: &Status) -> u8 {
    match st {
        Status::MissedShort { .. } => 0,
        Status::InProgress { on_pace: false, .. } => 1,
        Status::MissedReached { .. } => 2,
        Status::InProgress { on_pace: true, .. } => 3,
        Status::Met { .. } => 4,
    }
}

/// The worst of a jurisdiction's milestones: by severity, then the lowest share covered,
/// then the earliest deadline.
pub fn worst(ms: &[MilestoneReport]) -> Option<&MilestoneReport> {
    ms.iter().min_by(|a, b| {
        severity(&a.status)
            .cmp(&severity(&b.status))
            .then(a.ratio.total_cmp(&b.ratio))
            .then(a.deadline.cmp(&b.deadline))
    })
}

/// The rows on `as_of`.
pub fn rows(model: &Model, as_of: NaiveDate) -> Vec<OverviewRow> {
    let net = &model.net;
    bound_regions(net, &model.profiles)
        .into_iter()
        .map(|(p, node)| {
            let loaded = net.sites_loaded(node);
            let worst = if loaded {
                let r = coverage::coverage(net, &model.profiles, node, Some(p), as_of);
                r.blocks
                    .first()
                    .and_then(|b| worst(&b.milestones))
                    .map(|m| MilestoneReport {
                        children: Vec::new(),
                        ..m.clone()
                    })
            } else {
                None
            };
            let n = net.tree.node(node);
            OverviewRow {
                node,
                code: n.code_str(),
                name: n.name.to_string(),
                policy: p.id.clone(),
                doc_number: p.doc_number.clone(),
                worst,
                loaded,
            }
        })
        .collect()
}
