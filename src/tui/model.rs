//! The data the views read: the loaded network and what is derived from it for the current
//! scope and date. Built by the app from the store; pure functions of their inputs.

use std::cell::OnceCell;

use chrono::{Datelike, NaiveDate};

use crate::domain::coverage::{self, CoverageReport, MilestoneReport, TreeCounts};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::i18n::tui as msg;
use crate::i18n::Lang;

pub struct Model {
    /// Shared with the background thread that computes the nation's alerts when it holds
    /// everything; on a national database that thread reads the provinces from the store.
    pub net: std::sync::Arc<Network>,
    pub profiles: Vec<Profile>,
    pub user: String,
    pub db: String,
    /// When the data was last loaded (local time, for "data as of" in meetings).
    pub loaded_at: String,
    /// Set when nothing can be written: the status bar says so and edit keys are answered.
    pub read_only: Option<ReadOnly>,
    /// Who is acting, with role and jurisdiction.
    pub actor: crate::domain::access::Actor,
}

/// Why the TUI writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// The database was opened for reading only: the file or its folder cannot be written
    /// by this account, or another program held it when sgz started.
    Database,
    /// The database was replaced under this session (`init --force`, `restore`): what it
    /// shows may be the new contents, but it saves nothing until started again.
    Replaced,
}

impl ReadOnly {
    /// The mark at the head of the status bar.
    pub fn mark(self, lang: Lang) -> &'static str {
        match self {
            ReadOnly::Database => msg::READ_ONLY_MARK,
            ReadOnly::Replaced => msg::REPLACED_MARK,
        }
        .get(lang)
    }
    /// The answer to an edit key.
    pub fn why(self, lang: Lang) -> &'static str {
        match self {
            ReadOnly::Database => msg::READ_ONLY_WHY,
            ReadOnly::Replaced => msg::REPLACED_WHY,
        }
        .get(lang)
    }
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
    /// Which load of staff and evaluations this was built on (they change apart from the
    /// rest when the scope moves to another province of a national database).
    pub people_gen: u64,
    pub counts: TreeCounts,
    pub report: CoverageReport,
    scores: OnceCell<Vec<ScoreRow>>,
    alerts: OnceCell<Vec<crate::domain::rules::Alert>>,
    alert_counts: OnceCell<crate::domain::rules::AlertCounts>,
    /// The active staff rows, then the departed ones, and how many are active.
    staff: OnceCell<(Vec<StaffRow>, usize)>,
    overview: OnceCell<Vec<super::overview::OverviewRow>>,
    duties: OnceCell<Vec<crate::tui::duties::DutyRow>>,
    /// Per staff row (by staff id): its place among the rows by site, then by name, in
    /// pinyin order (`search::name_order`), worked out once for the sorts that ask.
    name_ranks: OnceCell<std::collections::HashMap<i64, (u32, u32)>>,
    /// Every alert of the nation for this date and data, once the background thread has
    /// computed them: a scope's alerts and counts are then read from it, not recomputed.
    national: Option<std::sync::Arc<NationalAlerts>>,
}

/// How many alerts every node's subtree has on one date, over the whole network. Only the
/// counts are kept (the tree rows and the status bar need nothing more); a scope's list of
/// alerts is computed when the alerts view asks for it. Nationally the list would hold some
/// 18,000 alerts with their texts (16 MB).
pub struct NationalAlerts {
    pub as_of: NaiveDate,
    pub generation: u64,
    pub counts: crate::domain::rules::AlertCounts,
}

impl NationalAlerts {
    /// Compute them (pure; the app runs this off the UI thread).
    pub fn compute(
        net: &Network,
        profiles: &[Profile],
        as_of: NaiveDate,
        generation: u64,
    ) -> NationalAlerts {
        let parts = net
            .tree
            .roots()
            .map(|root| crate::domain::rules::alerts_under(net, profiles, root, as_of));
        NationalAlerts::from_parts(parts, as_of, generation)
    }

    /// The same from each province's alerts, computed one after another (by the loader, from
    /// provinces it loads one at a time).
    pub fn from_parts(
        parts: impl Iterator<Item = Vec<crate::domain::rules::Alert>>,
        as_of: NaiveDate,
        generation: u64,
    ) -> NationalAlerts {
        NationalAlerts {
            as_of,
            generation,
            counts: crate::domain::rules::AlertCounts::build_in_parts(parts, as_of),
        }
    }
}

/// One person of the staff view.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRow {
    pub staff_id: i64,
    pub site_id: i64,
    pub node: u32,
    pub name: String,
    pub site: String,
    pub role: crate::domain::staff::Role,
    pub cert: crate::domain::staff::CertLevel,
    pub next: Option<crate::domain::rules::Deadline>,
    /// The most serious of the person's alerts (None: no alert), for the default order.
    pub severity: Option<crate::domain::rules::Severity>,
    pub training: f64,
    pub training_required: Option<u32>,
    /// The day they left, for the list of the departed (who have no deadlines).
    pub departed: Option<NaiveDate>,
}

impl Derived {
    pub fn build(model: &Model, scope: u32, as_of: NaiveDate, generation: u64) -> Derived {
        Derived::rebuild(model, scope, as_of, generation, None)
    }

    /// Like `build`, reusing `prev`'s tree counts when only the scope changed: they depend on
    /// the date and the data, not on the scope (20 ms for the nation).
    pub fn rebuild(
        model: &Model,
        scope: u32,
        as_of: NaiveDate,
        generation: u64,
        prev: Option<Derived>,
    ) -> Derived {
        let (counts, national) = match prev {
            Some(p) if p.as_of == as_of && p.generation == generation => (p.counts, p.national),
            _ => (TreeCounts::build(&model.net, as_of), None),
        };
        Derived {
            scope,
            as_of,
            generation,
            people_gen: 0,
            counts,
            report: coverage::coverage(&model.net, &model.profiles, scope, None, as_of),
            scores: OnceCell::new(),
            alerts: OnceCell::new(),
            alert_counts: OnceCell::new(),
            staff: OnceCell::new(),
            overview: OnceCell::new(),
            duties: OnceCell::new(),
            name_ranks: OnceCell::new(),
            national,
        }
    }

    /// Take the nation's alerts if they are for this date and data.
    pub fn offer_national(&mut self, n: &std::sync::Arc<NationalAlerts>) {
        if n.as_of == self.as_of && n.generation == self.generation {
            self.national = Some(std::sync::Arc::clone(n));
        }
    }

    pub fn has_national(&self) -> bool {
        self.national.is_some()
    }

    /// Whether the scope's staff and evaluations are held. The alerts, staff and score lists
    /// are empty until they are (the views say "loading"; a Derived is rebuilt when they
    /// arrive): built without them every station would look unstaffed and every sheet
    /// missing, and a key such as `n` would act on that.
    fn people_held(&self, model: &Model) -> bool {
        model.net.is_loaded(self.scope)
    }

    /// Every compliance alert under the scope on the as-of date (what `sgz check` prints).
    pub fn alerts(&self, model: &Model) -> &[crate::domain::rules::Alert] {
        self.alerts.get_or_init(|| {
            if !self.people_held(model) {
                return Vec::new();
            }
            let mut v = crate::domain::rules::alerts_under(
                &model.net,
                &model.profiles,
                self.scope,
                self.as_of,
            );
            // A person's alert names them: only within the actor's grant.
            v.retain(|a| a.staff_id.is_none() || model.actor.may_read_personal(&a.code));
            v
        })
    }

    /// Every bound jurisdiction with its worst milestone on the as-of date (the overview).
    pub fn overview(&self, model: &Model) -> &[super::overview::OverviewRow] {
        self.overview
            .get_or_init(|| super::overview::rows(model, self.as_of))
    }

    /// Every duty instance under the scope on the as-of date (what `sgz report duties` lists).
    pub fn duty_rows(&self, model: &Model) -> &[crate::tui::duties::DutyRow] {
        self.duties.get_or_init(|| {
            if !model.net.sites_loaded(self.scope) {
                return Vec::new();
            }
            crate::tui::duties::rows(&model.net, &model.profiles, self.scope, self.as_of)
        })
    }

    /// Alert counts per tree row, for the tree and the status bar.
    pub fn alert_counts(&self, model: &Model) -> &crate::domain::rules::AlertCounts {
        if let Some(n) = &self.national {
            return &n.counts;
        }
        self.alert_counts.get_or_init(|| {
            crate::domain::rules::AlertCounts::build(&model.net, self.alerts(model), self.as_of)
        })
    }

    /// Per staff id, (rank of the site's name, rank of the person's name) among the rows, in
    /// pinyin order: worked out once, when a sort by name or site first asks, so that such a
    /// sort costs no more than a sort by deadline on every redraw.
    pub fn name_ranks(&self, model: &Model) -> &std::collections::HashMap<i64, (u32, u32)> {
        self.name_ranks.get_or_init(|| {
            let rows = &self.all_staff_rows(model).0; // the departed list sorts too
            let names = dense_ranks(rows.iter().map(|r| crate::search::name_order(&r.name)));
            let sites = dense_ranks(rows.iter().map(|r| crate::search::name_order(&r.site)));
            rows.iter()
                .zip(sites.into_iter().zip(names))
                .map(|(r, ranks)| (r.staff_id, ranks))
                .collect()
        })
    }

    /// Active staff under the scope with their next deadline and this year's training.
    pub fn staff_rows(&self, model: &Model) -> &[StaffRow] {
        let (rows, active) = self.all_staff_rows(model);
        &rows[..*active]
    }

    /// Staff under the scope who left by the as-of date (no deadlines), for the departed list.
    pub fn departed_rows(&self, model: &Model) -> &[StaffRow] {
        let (rows, active) = self.all_staff_rows(model);
        &rows[*active..]
    }

    fn all_staff_rows(&self, model: &Model) -> &(Vec<StaffRow>, usize) {
        self.staff.get_or_init(|| {
            let net = &model.net;
            let mut out = Vec::new();
            let mut gone = Vec::new();
            if !self.people_held(model) {
                return (out, 0);
            }
            let mut worst = std::collections::HashMap::new();
            for a in self.alerts(model) {
                if let Some(id) = a.staff_id {
                    let w = worst.entry(id).or_insert(a.severity);
                    *w = (*w).min(a.severity);
                }
            }
            for (node, site) in net.sites_under(self.scope) {
                if !model.actor.may_read_personal(&site.division) {
                    continue;
                }
                let profile = crate::domain::rules::profile_of_site(net, &model.profiles, site.id);
                // The active, and those who left by the as-of date (the departed list).
                let left = |p: &crate::domain::staff::Staff| {
                    p.departed
                        .filter(|d| *d <= self.as_of && p.hired <= self.as_of)
                };
                for p in net
                    .staff_of(site.id)
                    .filter(|p| p.active_on(self.as_of) || left(p).is_some())
                {
                    let departed = left(p);
                    let next = if departed.is_some() {
                        None
                    } else {
                        let ds = crate::domain::rules::deadlines(profile, p, self.as_of);
                        crate::domain::rules::next_deadline(&ds).cloned()
                    };
                    let training_required = profile
                        .and_then(|pr| pr.training.as_ref())
                        .filter(|t| crate::domain::rules::role_applies(&t.roles, p.role))
                        .map(|t| t.hours_per_year);
                    let list = if departed.is_some() {
                        &mut gone
                    } else {
                        &mut out
                    };
                    list.push(StaffRow {
                        staff_id: p.id,
                        site_id: site.id,
                        node,
                        name: p.name.clone(),
                        site: net.tree.node(node).name.to_string(),
                        role: p.role,
                        cert: p.cert_level,
                        next,
                        severity: worst.get(&p.id).copied(),
                        training: p.training_hours(self.as_of.year()),
                        training_required,
                        departed,
                    });
                }
            }
            let active = out.len();
            out.extend(gone);
            (out, active)
        })
    }

    /// Sheets of every station under the scope, service years 2021 to the as-of year, newest
    /// first per site. Built on first use (only the scores view needs it).
    pub fn score_rows(&self, model: &Model) -> &[ScoreRow] {
        self.scores.get_or_init(|| {
            let net = &model.net;
            let mut rows = Vec::new();
            if !self.people_held(model) {
                return rows;
            }
            for (node, site) in net.sites_under(self.scope) {
                if site.tier != crate::domain::site::Tier::Station
                    || !model.actor.may_read_personal(&site.division)
                {
                    continue;
                }
                let Some((p, _)) = coverage::binding_for(net, &model.profiles, node) else {
                    continue;
                };
                let first = crate::domain::renewal::first_service_year(net, site.id, p)
                    .unwrap_or(self.as_of.year());
                let mut sheets = crate::domain::renewal::required_evaluations(
                    net,
                    site.id,
                    p,
                    first..=self.as_of.year(),
                );
                sheets.sort_by(|a, b| b.year.cmp(&a.year).then(a.phase.cmp(&b.phase)));
                for sh in sheets {
                    // The verdict of the service term holding the sheet's year: the grid asks
                    // the same function for the same sheet.
                    let (_, _, renewal) =
                        crate::domain::renewal::site_renewal(net, site.id, p, sh.year);
                    rows.push(ScoreRow {
                        site_id: site.id,
                        node,
                        division: site.division.to_string(),
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

    /// The actor's grant when it hides some of this scope's people and scores (the scope
    /// reaches beyond the grant), for the views to say why rows are missing.
    pub fn personal_limit<'m>(&self, model: &'m Model) -> Option<&'m str> {
        let code = model.net.tree.node(self.scope).code_str();
        let grant = model.actor.scope.as_deref()?;
        (!model.actor.may_read_personal(&code) && model.actor.may_read_personal(grant))
            .then_some(grant)
    }

    /// A placeholder that matches nothing (while the real one is rebuilt).
    pub fn empty() -> Derived {
        Derived {
            scope: u32::MAX,
            as_of: NaiveDate::MIN,
            generation: u64::MAX,
            people_gen: u64::MAX,
            counts: TreeCounts::default(),
            report: CoverageReport {
                as_of: NaiveDate::MIN,
                scope_code: String::new(),
                scope_name: String::new(),
                blocks: vec![],
                synthetic: false,
            },
            scores: OnceCell::new(),
            alerts: OnceCell::new(),
            alert_counts: OnceCell::new(),
            staff: OnceCell::new(),
            overview: OnceCell::new(),
            duties: OnceCell::new(),
            name_ranks: OnceCell::new(),
            national: None,
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

/// The staff rows the view shows: filters applied, sorted.
/// Each key's place among the keys in order, equal keys sharing one.
fn dense_ranks<K: Ord>(keys: impl Iterator<Item = K>) -> Vec<u32> {
    let mut keyed: Vec<(K, usize)> = keys.enumerate().map(|(i, k)| (k, i)).collect();
    keyed.sort_unstable();
    let mut out = vec![0u32; keyed.len()];
    let mut rank = 0u32;
    for k in 0..keyed.len() {
        if k > 0 && keyed[k].0 != keyed[k - 1].0 {
            rank += 1;
        }
        out[keyed[k].1] = rank;
    }
    out
}

/// The alerts the alerts view lists: those of the severity and kind chosen (None: any).
pub fn filtered_alerts<'a>(
    d: &'a Derived,
    m: &Model,
    s: &super::state::State,
) -> Vec<&'a crate::domain::rules::Alert> {
    d.alerts(m)
        .iter()
        .filter(|a| s.alerts_severity.is_none_or(|x| x == a.severity))
        .filter(|a| s.alerts_kind.is_none_or(|x| x == a.kind))
        .collect()
}

/// The kind after `cur` among those the scope's alerts of severity `sev` (None: any) have,
/// in `AlertKind::ALL` order; None (every kind) after the last.
pub fn next_alert_kind(
    d: &Derived,
    m: &Model,
    sev: Option<crate::domain::rules::Severity>,
    cur: Option<crate::domain::rules::AlertKind>,
) -> Option<crate::domain::rules::AlertKind> {
    use crate::domain::rules::AlertKind;
    let present: Vec<AlertKind> = AlertKind::ALL
        .into_iter()
        .filter(|k| {
            d.alerts(m)
                .iter()
                .any(|a| a.kind == *k && sev.is_none_or(|x| x == a.severity))
        })
        .collect();
    match cur.and_then(|c| present.iter().position(|k| *k == c)) {
        None if cur.is_none() => present.first().copied(),
        None => None,
        Some(i) => present.get(i + 1).copied(),
    }
}

pub fn filtered_staff<'a>(
    d: &'a Derived,
    m: &Model,
    st: &super::state::StaffState,
) -> Vec<&'a StaffRow> {
    use super::state::{StaffFilter, StaffSort};
    use crate::domain::rules::DeadlineStatus;
    let q = st.name.value().trim().to_lowercase();
    let readings = (!q.is_empty() && q.is_ascii()).then(crate::search::Readings::embedded);
    let name_ok = |name: &str| {
        if q.is_empty() {
            return true;
        }
        if name.contains(q.as_str()) {
            return true;
        }
        match &readings {
            Some(r) => {
                let syl = r.syllables(name);
                let full = syl.concat();
                let initials: String = syl.iter().filter_map(|x| x.chars().next()).collect();
                full.starts_with(&q) || initials.starts_with(&q) || full.contains(&q)
            }
            None => false,
        }
    };
    let rows = if st.departed {
        d.departed_rows(m)
    } else {
        d.staff_rows(m)
    };
    let mut v: Vec<&StaffRow> = rows
        .iter()
        .filter(|r| match st.filter {
            StaffFilter::All => true,
            StaffFilter::Overdue => r
                .next
                .as_ref()
                .is_some_and(|n| n.status == DeadlineStatus::Overdue),
            StaffFilter::Within(days) => r
                .next
                .as_ref()
                .is_some_and(|n| n.days_left.is_some_and(|x| x <= days)),
            StaffFilter::Uncertified => r.cert == crate::domain::staff::CertLevel::None,
        })
        .filter(|r| st.role.is_none_or(|x| x == r.role))
        .filter(|r| st.cert.is_none_or(|x| x == r.cert))
        .filter(|r| name_ok(&r.name))
        .collect();
    let days = |r: &StaffRow| {
        r.next
            .as_ref()
            .and_then(|n| n.days_left)
            .unwrap_or(i64::MAX)
    };
    match st.sort {
        // Most serious alert first (people without one last), then the nearest due date:
        // the most overdue first within a severity.
        // The departed have no deadlines: the latest to leave first.
        StaffSort::Deadline if st.departed => {
            v.sort_by_key(|r| (std::cmp::Reverse(r.departed), r.staff_id))
        }
        StaffSort::Deadline => {
            v.sort_by_key(|r| (r.severity.is_none(), r.severity, days(r), r.staff_id))
        }
        // Names in pinyin order (`search::name_order`), not by code point.
        StaffSort::Name | StaffSort::Site => {
            let ranks = d.name_ranks(m);
            let rank = |r: &StaffRow| ranks.get(&r.staff_id).copied().unwrap_or_default();
            if st.sort == StaffSort::Name {
                v.sort_by_key(|r| (rank(r).1, r.staff_id));
            } else {
                v.sort_by_key(|r| (rank(r), r.staff_id));
            }
        }
        StaffSort::Role => v.sort_by_key(|r| (r.role, days(r))),
        StaffSort::Cert => v.sort_by_key(|r| (r.cert, days(r))),
        StaffSort::Training => v.sort_by(|a, b| a.training.total_cmp(&b.training)),
    }
    if st.reverse {
        v.reverse();
    }
    v
}
