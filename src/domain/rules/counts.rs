//! Alert counts per tree node for a tree view: prefix sums over the preorder array.

use chrono::NaiveDate;

use super::alerts::{alerts_under, Alert, Severity};
use crate::domain::network::Network;
use crate::domain::policy::Profile;

/// Alert counts of one tree row, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Critical alerts.
    pub critical: u32,
    /// Warnings.
    pub warning: u32,
    /// Notes (severity info).
    pub info: u32,
}

impl Tally {
    /// All alerts of the row.
    pub fn total(&self) -> u32 {
        self.critical + self.warning + self.info
    }
    /// The most serious severity present.
    pub fn worst(&self) -> Option<Severity> {
        if self.critical > 0 {
            Some(Severity::Critical)
        } else if self.warning > 0 {
            Some(Severity::Warning)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
    /// The count of one severity.
    pub fn get(&self, s: Severity) -> u32 {
        match s {
            Severity::Critical => self.critical,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Alert counts for every tree node at one date: per severity, the nodes of the alerts in
/// preorder. A subtree is a contiguous index range of the preorder array, so a row is two
/// binary searches. Built in O(alerts log alerts), independent of the tree's size (a jump to
/// another province must not walk the national tree). Rows outside the scope the alerts were
/// computed for count zero.
#[derive(Debug, Clone, Default)]
pub struct AlertCounts {
    /// nodes[s]: the node of every alert of severity s, sorted.
    nodes: [Vec<u32>; 3],
    /// The date the alerts were computed for; None before the first count.
    pub as_of: Option<NaiveDate>,
}

impl AlertCounts {
    /// Count `alerts` (as computed for `as_of`) per node.
    pub fn build(_net: &Network, alerts: &[Alert], as_of: NaiveDate) -> AlertCounts {
        AlertCounts::from_alerts(alerts.iter(), as_of)
    }

    /// The same over alerts that come in parts (a province at a time), each dropped once
    /// counted, so that the nation's alerts never sit in memory together.
    pub fn build_in_parts(
        parts: impl Iterator<Item = Vec<Alert>>,
        as_of: NaiveDate,
    ) -> AlertCounts {
        let mut nodes: [Vec<u32>; 3] = Default::default();
        for part in parts {
            AlertCounts::tally(&mut nodes, part.iter());
        }
        AlertCounts::sorted(nodes, as_of)
    }

    fn from_alerts<'a>(alerts: impl Iterator<Item = &'a Alert>, as_of: NaiveDate) -> AlertCounts {
        let mut nodes: [Vec<u32>; 3] = Default::default();
        AlertCounts::tally(&mut nodes, alerts);
        AlertCounts::sorted(nodes, as_of)
    }

    fn tally<'a>(nodes: &mut [Vec<u32>; 3], alerts: impl Iterator<Item = &'a Alert>) {
        for a in alerts {
            nodes[a.severity as usize].push(a.node);
        }
    }

    fn sorted(mut nodes: [Vec<u32>; 3], as_of: NaiveDate) -> AlertCounts {
        for v in &mut nodes {
            v.sort_unstable();
        }
        AlertCounts {
            nodes,
            as_of: Some(as_of),
        }
    }

    /// Alerts under `scope_node` on `today`, counted per node.
    pub fn compute(
        net: &Network,
        profiles: &[Profile],
        scope_node: u32,
        today: NaiveDate,
    ) -> AlertCounts {
        AlertCounts::build(net, &alerts_under(net, profiles, scope_node, today), today)
    }

    /// The counts of `node`'s subtree.
    pub fn row(&self, net: &Network, node: u32) -> Tally {
        if node as usize >= net.tree.len() {
            return Tally::default();
        }
        let (a, b) = (node, net.tree.node(node).end);
        let span = |s: Severity| {
            let v = &self.nodes[s as usize];
            let lo = v.partition_point(|&x| x < a);
            let hi = v.partition_point(|&x| x < b);
            (hi - lo) as u32
        };
        Tally {
            critical: span(Severity::Critical),
            warning: span(Severity::Warning),
            info: span(Severity::Info),
        }
    }
}
