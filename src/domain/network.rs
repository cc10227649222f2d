//! Everything the views and reports compute from: the division tree with its sites, staff
//! and evaluation summaries, indexed for quick lookup. Built by the store, used read-only.

use std::collections::HashMap;

use super::division::{Tree, NONE};
use super::evaluation::Evaluation;
use super::site::Site;
use super::staff::Staff;

#[derive(Debug, Clone, Default)]
pub struct Network {
    /// Shared with the search worker rather than copied: the national tree is some 40 MB.
    pub tree: std::sync::Arc<Tree>,
    pub sites: Vec<Site>,
    pub staff: Vec<Staff>,
    pub evaluations: Vec<Evaluation>,
    /// Per tree node: index into `sites`, or NONE.
    site_of: Vec<u32>,
    site_by_id: HashMap<i64, u32>,
    staff_by_site: HashMap<i64, Vec<u32>>,
    evals_by_site: HashMap<i64, Vec<u32>>,
    /// Whether the data is synthetic (the demo), to label it wherever it is shown.
    pub synthetic: bool,
}

impl Network {
    pub fn new(
        tree: Tree,
        sites: Vec<Site>,
        staff: Vec<Staff>,
        evaluations: Vec<Evaluation>,
        synthetic: bool,
    ) -> Network {
        let tree = std::sync::Arc::new(tree);
        let mut site_of = vec![NONE; tree.len()];
        let mut site_by_id = HashMap::with_capacity(sites.len());
        for (k, s) in sites.iter().enumerate() {
            site_by_id.insert(s.id, k as u32);
            if let Some(i) = tree.find(&s.division) {
                site_of[i as usize] = k as u32;
            }
        }
        let mut staff_by_site: HashMap<i64, Vec<u32>> = HashMap::new();
        for (k, p) in staff.iter().enumerate() {
            staff_by_site.entry(p.site_id).or_default().push(k as u32);
        }
        let mut evals_by_site: HashMap<i64, Vec<u32>> = HashMap::new();
        for (k, e) in evaluations.iter().enumerate() {
            evals_by_site.entry(e.site_id).or_default().push(k as u32);
        }
        Network {
            tree,
            sites,
            staff,
            evaluations,
            site_of,
            site_by_id,
            staff_by_site,
            evals_by_site,
            synthetic,
        }
    }

    pub fn site_at(&self, node: u32) -> Option<&Site> {
        match self.site_of.get(node as usize) {
            Some(&k) if k != NONE => self.sites.get(k as usize),
            _ => None,
        }
    }

    pub fn site(&self, id: i64) -> Option<&Site> {
        self.site_by_id
            .get(&id)
            .and_then(|&k| self.sites.get(k as usize))
    }

    pub fn node_of_site(&self, id: i64) -> Option<u32> {
        self.site(id).and_then(|s| self.tree.find(&s.division))
    }

    pub fn staff_of(&self, site_id: i64) -> impl Iterator<Item = &Staff> {
        self.staff_by_site
            .get(&site_id)
            .into_iter()
            .flatten()
            .filter_map(|&k| self.staff.get(k as usize))
    }

    pub fn evaluations_of(&self, site_id: i64) -> impl Iterator<Item = &Evaluation> {
        self.evals_by_site
            .get(&site_id)
            .into_iter()
            .flatten()
            .filter_map(|&k| self.evaluations.get(k as usize))
    }

    /// Sites inside the subtree of `node`, with their node index.
    pub fn sites_under(&self, node: u32) -> impl Iterator<Item = (u32, &Site)> {
        self.tree
            .subtree(node)
            .filter_map(move |i| self.site_at(i).map(|s| (i, s)))
    }
}
