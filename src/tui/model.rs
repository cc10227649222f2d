//! The data the views read: the loaded network and what is derived from it for the current
//! scope and date. Built by the app from the store; pure functions of their inputs.

use std::cell::OnceCell;

use chrono::{Datelike, NaiveDate};

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
    /// Who is acting, with role and jurisdiction.
    pub actor: crate::store::Actor,
}

/// One row of the scores view: a (site, service year, phase) sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub site_id: i64,
    pub node: u32,
    pub division: String,
    pub name: String,
    pub policy: String,
    pub sheet: crate::domain::renewal::RequiredSheet,
    pub renewal: crate::domain::renewal::RenewalConsequence,
}

/// Everything computed for one (scope, as-of) pair.
pub struct Derived {
    pub scope: u32,
    pub as_of: NaiveDate,
    pub generation: u64,
    pub counts: TreeCounts,
    pub report: CoverageReport,
    scores: OnceCell<Vec<ScoreRow>>,
}

impl Derived {
    pub fn build(model: &Model, scope: u32, as_of: NaiveDate, generation: u64) -> Derived {
        Derived {
            scope,
            as_of,
            generation,
            counts: TreeCounts::build(&model.net, as_of),
            report: coverage::coverage(&model.net, &model.profiles, scope, None, as_of),
            scores: OnceCell::new(),
        }
    }

    /// Sheets of every station under the scope, service years 2021 to the as-of year, newest
    /// first per site. Built on first use (only the scores view needs it).
    pub fn score_rows(&self, model: &Model) -> &[ScoreRow] {
        self.scores.get_or_init(|| {
            let net = &model.net;
            let mut rows = Vec::new();
            for (node, site) in net.sites_under(self.scope) {
                if site.tier != crate::domain::site::Tier::Station {
                    continue;
                }
                let Some((p, _)) = coverage::binding_for(net, &model.profiles, node) else {
                    continue;
                };
                let first = site
                    .established_on()
                    .map(|d| d.year())
                    .unwrap_or(self.as_of.year())
                    .max(2021);
                let mut sheets = crate::domain::renewal::required_evaluations(
                    net,
                    site.id,
                    p,
                    first..=self.as_of.year(),
                );
                sheets.sort_by(|a, b| b.year.cmp(&a.year).then(a.phase.cmp(&b.phase)));
                for sh in sheets {
                    let same_year: Vec<_> = crate::domain::renewal::required_evaluations(
                        net,
                        site.id,
                        p,
                        sh.year..=sh.year,
                    );
                    let renewal =
                        crate::domain::renewal::renewal_consequence(&p.evaluation, &same_year);
                    rows.push(ScoreRow {
                        site_id: site.id,
                        node,
                        division: site.division.clone(),
                        name: net.tree.node(node).name.to_string(),
                        policy: p.id.clone(),
                        sheet: sh,
                        renewal,
                    });
                }
            }
            rows
        })
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
