//! Alert counts per tree node for a tree view: prefix sums over the preorder array.

use chrono::NaiveDate;

use super::alerts::{alerts_under, Alert, Severity};
use crate::domain::network::Network;
use crate::domain::policy::Profile;

/// Alert counts of one tree row, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub critical: u32,
    pub warning: u32,
    pub info: u32,
}

impl Tally {
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
    pub fn get(&self, s: Severity) -> u32 {
        match s {
            Severity::Critical => self.critical,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Alert counts for every tree node at one date, by prefix sums over the preorder array:
/// built once in O(nodes + alerts), then each row is O(1). Rows outside the scope the alerts
/// were computed for count zero.
#[derive(Debug, Clone, Default)]
pub struct AlertCounts {
    /// prefix[s][i]: alerts of severity s at nodes before index i.
    prefix: [Vec<u32>; 3],
    pub as_of: Option<NaiveDate>,
}

impl AlertCounts {
    /// Count `alerts` (as computed for `as_of`) per node.
    pub fn build(net: &Network, alerts: &[Alert], as_of: NaiveDate) -> AlertCounts {
        let n = net.tree.len();
        let mut at = [vec![0u32; n], vec![0u32; n], vec![0u32; n]];
        for a in alerts {
            if let Some(c) = at[a.severity as usize].get_mut(a.node as usize) {
                *c += 1;
            }
        }
        let prefix = at.map(|v| {
            let mut p = Vec::with_capacity(n + 1);
            let mut sum = 0u32;
            p.push(0);
            for x in v {
                sum += x;
                p.push(sum);
            }
            p
        });
        AlertCounts {
            prefix,
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
        let (a, b) = (node as usize, net.tree.node(node).end as usize);
        let span = |s: Severity| {
            let p = &self.prefix[s as usize];
            match (p.get(b), p.get(a)) {
                (Some(x), Some(y)) => x - y,
                _ => 0,
            }
        };
        Tally {
            critical: span(Severity::Critical),
            warning: span(Severity::Warning),
            info: span(Severity::Info),
        }
    }
}
