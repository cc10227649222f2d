//! Everything the views and reports compute from: the division tree with its sites, staff
//! and evaluation summaries, indexed for quick lookup. Built by the store, used read-only.

use super::division::{Tree, NONE};
use super::evaluation::Evaluation;
use super::site::Site;
use super::staff::Staff;

/// The division tree with every loaded site, person and evaluation, indexed by site.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// Shared with the search worker rather than copied: the national tree is some 40 MB.
    pub tree: std::sync::Arc<Tree>,
    /// Sites sorted by id.
    pub sites: Vec<Site>,
    /// Staff, a site's people found through `staff_of`.
    pub staff: Vec<Staff>,
    /// Evaluation summaries, a site's found through `evaluations_of`.
    pub evaluations: Vec<Evaluation>,
    /// Per tree node: index into `sites`, or NONE.
    site_of: Vec<u32>,
    /// Indexes into `staff` and `evaluations` ordered by site id (then position): a site's
    /// people are one run, found by binary search. Sorted arrays rather than maps of vectors:
    /// at national scale the maps' 240k small allocations cost tens of megabytes.
    staff_by_site: Vec<u32>,
    evals_by_site: Vec<u32>,
    /// Whether the data is synthetic (the demo), to label it wherever it is shown.
    pub synthetic: bool,
    /// The recorded duty instances (received, or marks undone), for the duties view; filled
    /// by the store's loads of the views' data, empty for a coverage report's load.
    pub duties: Vec<super::duties::Receipt>,
    /// The sites' recorded service contracts, ordered by site then start (see `contracts_of`);
    /// filled by the store's loads of the views' data, empty for a coverage report's load.
    pub contracts: Vec<super::contract::Contract>,
    /// The code prefixes whose sites are loaded; None when all are. On a national database
    /// the TUI first loads the region it opens on and the rest in the background; views show
    /// a node's coverage only when `sites_loaded(node)`.
    pub loaded: Option<Vec<String>>,
    /// The code prefixes whose staff and evaluations are loaded; None when all are. On a
    /// national database the TUI holds them for the provinces on screen only (the nation's
    /// would be some 40 MB that only a province's views read); see `is_loaded`.
    pub people: Option<Vec<String>>,
}

impl Network {
    /// Index the parts: sorts sites by id and maps tree nodes to their sites.
    pub fn new(
        tree: Tree,
        sites: Vec<Site>,
        staff: Vec<Staff>,
        evaluations: Vec<Evaluation>,
        synthetic: bool,
    ) -> Network {
        Network::on_tree(
            std::sync::Arc::new(tree),
            sites,
            staff,
            evaluations,
            synthetic,
        )
    }

    /// The same on a tree that is already shared (with the search worker, or an earlier load).
    pub fn on_tree(
        tree: std::sync::Arc<Tree>,
        sites: Vec<Site>,
        staff: Vec<Staff>,
        evaluations: Vec<Evaluation>,
        synthetic: bool,
    ) -> Network {
        let mut net = Network {
            tree,
            sites,
            staff,
            evaluations,
            site_of: Vec::new(),
            staff_by_site: Vec::new(),
            evals_by_site: Vec::new(),
            synthetic,
            duties: Vec::new(),
            contracts: Vec::new(),
            loaded: None,
            people: None,
        };
        net.reindex();
        net
    }

    /// Only these code prefixes are loaded, sites and people (see `loaded`).
    pub fn partial(mut self, prefixes: Vec<String>) -> Network {
        self.people = Some(prefixes.clone());
        self.loaded = Some(prefixes);
        self
    }

    /// Staff and evaluations are loaded only under these code prefixes (see `people`).
    pub fn with_people(mut self, prefixes: Option<Vec<String>>) -> Network {
        self.people = prefixes;
        self
    }

    /// Put in place the staff and evaluations of other prefixes (loaded off the UI thread),
    /// keeping the sites and their index.
    pub fn replace_people(
        &mut self,
        staff: Vec<Staff>,
        evaluations: Vec<Evaluation>,
        prefixes: Option<Vec<String>>,
    ) {
        self.staff = staff;
        self.evaluations = evaluations;
        self.people = prefixes;
        self.reindex_people();
    }

    fn reindex(&mut self) {
        // Loading grows the vectors by doubling; nationally the slack is some 14 MB.
        self.sites.shrink_to_fit();
        // Sites in id order, so a site is found by binary search.
        if !self.sites.is_sorted_by_key(|s| s.id) {
            self.sites.sort_by_key(|s| s.id);
        }
        let tree = &self.tree;
        let mut site_of = vec![NONE; tree.len()];
        for (k, s) in self.sites.iter().enumerate() {
            if let Some(i) = tree.find(&s.division) {
                site_of[i as usize] = k as u32;
            }
        }
        self.site_of = site_of;
        self.reindex_people();
    }

    fn reindex_people(&mut self) {
        self.staff.shrink_to_fit();
        self.evaluations.shrink_to_fit();
        let mut staff_by_site: Vec<u32> = (0..self.staff.len() as u32).collect();
        staff_by_site.sort_by_key(|&k| (self.staff[k as usize].site_id, k));
        let mut evals_by_site: Vec<u32> = (0..self.evaluations.len() as u32).collect();
        evals_by_site.sort_by_key(|&k| (self.evaluations[k as usize].site_id, k));
        self.staff_by_site = staff_by_site;
        self.evals_by_site = evals_by_site;
    }

    /// Whether everything under `node` is loaded: its sites, staff and evaluations. What the
    /// staff, scores and alerts views and a site's details need.
    pub fn is_loaded(&self, node: u32) -> bool {
        self.sites_loaded(node) && self.has_people(node)
    }

    /// Whether the sites of `node`'s subtree are loaded (its whole subtree lies inside a
    /// loaded prefix): what coverage needs.
    pub fn sites_loaded(&self, node: u32) -> bool {
        self.within(node, self.loaded.as_deref())
    }

    /// Whether the staff and evaluations of `node`'s subtree are loaded.
    pub fn has_people(&self, node: u32) -> bool {
        self.within(node, self.people.as_deref())
    }

    fn within(&self, node: u32, prefixes: Option<&[String]>) -> bool {
        match prefixes {
            None => true,
            Some(ps) => {
                let code = self.tree.node(node).code_str();
                ps.iter().any(|p| code.starts_with(p.as_str()))
            }
        }
    }

    /// Replace everything under the code `prefix` by freshly loaded rows (after a write there:
    /// reloading one region instead of the nation). The rows must all lie under `prefix`.
    /// Staff and evaluations are taken only where they are held (see `people`).
    pub fn replace_region(
        &mut self,
        prefix: &str,
        sites: Vec<Site>,
        staff: Vec<Staff>,
        evaluations: Vec<Evaluation>,
    ) {
        let gone: std::collections::HashSet<i64> = self
            .sites
            .iter()
            .filter(|s| s.division.starts_with(prefix))
            .map(|s| s.id)
            .collect();
        self.sites.retain(|s| !gone.contains(&s.id));
        self.staff.retain(|p| !gone.contains(&p.site_id));
        self.evaluations.retain(|e| !gone.contains(&e.site_id));
        self.sites.extend(sites);
        let held = match &self.people {
            None => true,
            Some(ps) => ps.iter().any(|p| prefix.starts_with(p.as_str())),
        };
        if held {
            self.staff.extend(staff);
            self.evaluations.extend(evaluations);
        }
        self.sites.sort_by_key(|s| s.id);
        self.staff.sort_by_key(|p| p.id);
        self.evaluations.sort_by(|a, b| {
            (a.site_id, a.year, a.phase.as_str()).cmp(&(b.site_id, b.year, b.phase.as_str()))
        });
        self.reindex();
    }

    /// The site at a tree node, if the node has one.
    pub fn site_at(&self, node: u32) -> Option<&Site> {
        match self.site_of.get(node as usize) {
            Some(&k) if k != NONE => self.sites.get(k as usize),
            _ => None,
        }
    }

    /// The site with this id.
    pub fn site(&self, id: i64) -> Option<&Site> {
        self.sites
            .binary_search_by_key(&id, |s| s.id)
            .ok()
            .and_then(|k| self.sites.get(k))
    }

    /// The tree node of a site's division.
    pub fn node_of_site(&self, id: i64) -> Option<u32> {
        self.site(id).and_then(|s| self.tree.find(&s.division))
    }

    /// A site's staff (departed ones included).
    pub fn staff_of(&self, site_id: i64) -> impl Iterator<Item = &Staff> {
        let run = run_of(
            &self.staff_by_site,
            |k| self.staff[k as usize].site_id,
            site_id,
        );
        run.iter().filter_map(|&k| self.staff.get(k as usize))
    }

    /// A site's evaluations.
    pub fn evaluations_of(&self, site_id: i64) -> impl Iterator<Item = &Evaluation> {
        let run = run_of(
            &self.evals_by_site,
            |k| self.evaluations[k as usize].site_id,
            site_id,
        );
        run.iter().filter_map(|&k| self.evaluations.get(k as usize))
    }

    /// A site's recorded service contracts, by start (the store loads them in that order).
    pub fn contracts_of(&self, site_id: i64) -> &[super::contract::Contract] {
        let lo = self.contracts.partition_point(|c| c.site_id < site_id);
        let hi = self.contracts.partition_point(|c| c.site_id <= site_id);
        &self.contracts[lo..hi]
    }

    /// Put the contracts in the order `contracts_of` needs.
    pub fn set_contracts(&mut self, mut contracts: Vec<super::contract::Contract>) {
        contracts.sort_by_key(|c| (c.site_id, c.start, c.id));
        self.contracts = contracts;
    }

    /// Sites inside the subtree of `node`, with their node index.
    pub fn sites_under(&self, node: u32) -> impl Iterator<Item = (u32, &Site)> {
        self.tree
            .subtree(node)
            .filter_map(move |i| self.site_at(i).map(|s| (i, s)))
    }
}

/// The run of `order` (sorted by `key`) whose key is `want`.
fn run_of(order: &[u32], key: impl Fn(u32) -> i64, want: i64) -> &[u32] {
    let lo = order.partition_point(|&k| key(k) < want);
    let hi = lo + order[lo..].partition_point(|&k| key(k) == want);
    &order[lo..hi]
}
