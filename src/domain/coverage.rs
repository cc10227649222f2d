//! Coverage against milestones: required, covered as of a date, status, pace, breakdown.
//! Pure: the as-of date is an argument.

use chrono::NaiveDate;
use serde::Serialize;

use super::division::Level;
use super::network::Network;
use super::policy::{AreaFilter, Measure, Milestone, MilestonePart, Profile};

/// Where a milestone stands on the as-of date. The words are in `i18n::standing`.
///
/// Decided by `standing` from the covered count on each day (a division counts on a day when
/// its site was established on or before it and is not suspended then, DOMAIN.md):
/// nothing required is `NotApplicable`; the target holding now is `Met` (or `MissedReached`
/// when the current unbroken run of days at the target began after the deadline); short now
/// after having reached the target once is `Lost`; short and never reached is `MissedShort`
/// past the deadline and `InProgress` before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Status {
    /// Nothing to count: the milestone requires no site here.
    NotApplicable,
    /// The target holds, and has held without a break since on or before the deadline.
    Met {
        /// The first day of the current run at the target.
        on: NaiveDate,
    },
    /// The target holds, since a day after the deadline.
    MissedReached {
        /// The first day of the current run at the target.
        on: NaiveDate,
        /// Days from the deadline to `on`.
        days_late: i64,
    },
    /// The target was reached once and is short now (a site suspended since).
    Lost {
        /// The first day the target was reached.
        reached_on: NaiveDate,
        /// Sites missing now.
        short_by: u32,
        /// Days since the deadline (0 on the deadline day); None before the deadline.
        days_late: Option<i64>,
    },
    /// Deadline passed; never reached.
    MissedShort {
        /// Sites still missing.
        short_by: u32,
        /// Days since the deadline (0 on the deadline day).
        days_late: i64,
    },
    /// Deadline ahead, not reached yet.
    InProgress {
        /// Days until the deadline.
        days_left: i64,
        /// Date the current pace reaches the requirement, if there is any pace.
        projected: Option<NaiveDate>,
        /// Whether `projected` is on or before the deadline.
        on_pace: bool,
    },
}

/// How a status should look: the views map it to a style, never to colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Met on time.
    Good,
    /// Needs attention: reached late, lost before the deadline, behind pace.
    Warn,
    /// Past the deadline and short.
    Bad,
    /// On pace.
    Progress,
    /// Nothing to judge.
    Neutral,
}

impl Status {
    /// One character marking the status in tables.
    pub fn glyph(&self) -> &'static str {
        match self {
            // Only glyphs of unambiguous East Asian width, so CJK terminals keep alignment.
            Status::NotApplicable => "∅",
            Status::Met { .. } => "✔",
            Status::MissedReached { .. } => "✓",
            Status::Lost { .. } => "⤵",
            Status::MissedShort { .. } => "✘",
            Status::InProgress { on_pace: true, .. } => "⇢",
            Status::InProgress { on_pace: false, .. } => "⚠",
        }
    }
    /// The status's name in reports and JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Status::NotApplicable => "not_applicable",
            Status::Met { .. } => "met",
            Status::MissedReached { .. } => "missed_reached",
            Status::Lost { .. } => "lost",
            Status::MissedShort { .. } => "missed_short",
            Status::InProgress { .. } => "in_progress",
        }
    }
    /// How it should look.
    pub fn tone(&self) -> Tone {
        match self {
            Status::NotApplicable => Tone::Neutral,
            Status::Met { .. } => Tone::Good,
            Status::MissedReached { .. } => Tone::Warn,
            Status::Lost {
                days_late: Some(_), ..
            } => Tone::Bad,
            Status::Lost { .. } => Tone::Warn,
            Status::MissedShort { .. } => Tone::Bad,
            Status::InProgress { on_pace: true, .. } => Tone::Progress,
            Status::InProgress { on_pace: false, .. } => Tone::Warn,
        }
    }
    /// Days past the deadline now (short) or when the current run began (reached late).
    pub fn days_late(&self) -> Option<i64> {
        match self {
            Status::MissedReached { days_late, .. } | Status::MissedShort { days_late, .. } => {
                Some(*days_late)
            }
            Status::Lost { days_late, .. } => *days_late,
            _ => None,
        }
    }
    /// Sites missing now, for the statuses that say it.
    pub fn short_by(&self) -> Option<u32> {
        match self {
            Status::Lost { short_by, .. } | Status::MissedShort { short_by, .. } => Some(*short_by),
            _ => None,
        }
    }
    /// Whether the target holds on the as-of date.
    pub fn holds(&self) -> bool {
        matches!(self, Status::Met { .. } | Status::MissedReached { .. })
    }
}

/// A milestone's count and status on the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Sites counted on the as-of date.
    pub covered: u32,
    /// The first day of the current run at the target, if it holds now.
    pub met_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: Status,
}

/// The one status function: where a milestone needing `required` sites stands on `as_of`,
/// from the (date, +1/-1) changes of its covered count (any order), the deadline, and the
/// day pace is counted from.
pub fn standing(
    required: u32,
    events: &[(NaiveDate, i32)],
    deadline: NaiveDate,
    as_of: NaiveDate,
    start: NaiveDate,
) -> Standing {
    let mut ev: Vec<(NaiveDate, i32)> = events.iter().copied().filter(|e| e.0 <= as_of).collect();
    ev.sort();
    let mut covered: i64 = 0;
    let mut first: Option<NaiveDate> = None;
    let mut run: Option<NaiveDate> = None;
    let mut k = 0;
    // Apply each day's changes together: a swap on one day is no break in the run.
    while k < ev.len() {
        let day = ev[k].0;
        while k < ev.len() && ev[k].0 == day {
            covered += ev[k].1 as i64;
            k += 1;
        }
        if required > 0 && covered >= required as i64 {
            first.get_or_insert(day);
            run.get_or_insert(day);
        } else {
            run = None;
        }
    }
    let covered = covered.max(0) as u32;
    let status = if required == 0 {
        Status::NotApplicable
    } else if let Some(on) = run {
        if on <= deadline {
            Status::Met { on }
        } else {
            Status::MissedReached {
                on,
                days_late: (on - deadline).num_days(),
            }
        }
    } else {
        let short_by = required.saturating_sub(covered);
        let days_late = (as_of >= deadline).then(|| (as_of - deadline).num_days());
        match (first, days_late) {
            (Some(reached_on), _) => Status::Lost {
                reached_on,
                short_by,
                days_late,
            },
            (None, Some(days_late)) => Status::MissedShort {
                short_by,
                days_late,
            },
            (None, None) => {
                let days_left = (deadline - as_of).num_days();
                let elapsed = (as_of - start).num_days().max(1);
                let projected = if covered > 0 {
                    let rate = covered as f64 / elapsed as f64;
                    let days = (short_by as f64 / rate).ceil() as i64;
                    as_of.checked_add_signed(chrono::Duration::days(days))
                } else {
                    None
                };
                let on_pace = projected.is_some_and(|p| p <= deadline);
                Status::InProgress {
                    days_left,
                    projected,
                    on_pace,
                }
            }
        }
    };
    Standing {
        covered,
        met_on: run,
        status,
    }
}

/// One child division's share of a milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildRow {
    /// The child's tree node.
    #[serde(skip)]
    pub node: u32,
    /// Its division code.
    pub code: String,
    /// Its division name.
    pub name: String,
    /// Sites it needs.
    pub required: u32,
    /// Sites it has on the as-of date.
    pub covered: u32,
    /// Days late now (see `Status::days_late`); 0 if on time or not due.
    pub days_late: i64,
    /// Where the child stands, by the same function as the milestone.
    pub status: Status,
}

impl ChildRow {
    /// Covered over required (1.0 when nothing is required).
    pub fn ratio(&self) -> f64 {
        ratio(self.covered, self.required)
    }
}

/// One milestone over one jurisdiction on the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneReport {
    /// The milestone's id in its policy file.
    pub id: String,
    /// Its label in Chinese.
    pub label_zh: String,
    /// Its label in English.
    pub label_en: String,
    /// The date it is due.
    pub deadline: NaiveDate,
    /// The tiers counted, joined with `+`.
    pub tier: String,
    /// What counts as covered.
    pub measure: Measure,
    /// The clause of the policy that sets it.
    pub clause: String,
    /// Sites needed (a count target, or one per division).
    pub required: u32,
    /// Sites counted on the as-of date.
    pub covered: u32,
    /// Covered over required.
    pub ratio: f64,
    /// Where it stands.
    pub status: Status,
    /// The first day of the current run at the target, if the target holds now.
    pub met_on: Option<NaiveDate>,
    /// Set when a count target is judged over the whole bound jurisdiction, not the scope.
    pub over_code: Option<String>,
    /// Whether `required` is a fixed target of the policy rather than a count of divisions.
    pub count_target: bool,
    /// The breakdown by child division.
    pub children: Vec<ChildRow>,
}

/// The milestones of one policy over one jurisdiction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// The policy's id.
    pub policy: String,
    /// The policy's title.
    pub policy_title: String,
    /// The policy's document number (文号).
    pub doc_number: String,
    /// The jurisdiction the milestones are computed over (the scope, or a bound
    /// jurisdiction under it).
    pub code: String,
    /// The jurisdiction's name.
    pub name: String,
    /// The jurisdiction's tree node.
    #[serde(skip)]
    pub node: u32,
    /// Each milestone's standing.
    pub milestones: Vec<MilestoneReport>,
}

/// Coverage of a scope on a date: one block per binding policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageReport {
    /// The date counted at.
    pub as_of: NaiveDate,
    /// The scope's division code.
    pub scope_code: String,
    /// The scope's name.
    pub scope_name: String,
    /// One block per policy binding in the scope.
    pub blocks: Vec<Block>,
    /// Whether the data is the demo's.
    pub synthetic: bool,
}

/// Covered over required, 1.0 when nothing is required.
pub fn ratio(covered: u32, required: u32) -> f64 {
    if required == 0 {
        1.0
    } else {
        covered as f64 / required as f64
    }
}

fn part_matches(net: &Network, i: u32, part: &MilestonePart) -> bool {
    let n = net.tree.node(i);
    if n.level != part.tier.level() {
        return false;
    }
    match part.filter {
        AreaFilter::All => true,
        AreaFilter::Urban => n.urbanity == super::division::Urbanity::Urban,
        AreaFilter::Rural => n.urbanity == super::division::Urbanity::Rural,
    }
}

/// The (date, +1/-1) coverage events of one part under `node`, plus its division count.
fn part_events(
    net: &Network,
    node: u32,
    part: &MilestonePart,
    measure: Measure,
) -> (u32, Vec<(NaiveDate, i32)>) {
    let mut count = 0u32;
    let mut ev = Vec::new();
    let level = part.tier.level();
    let range = net.tree.subtree(node);
    // Levels below the part's tier cannot match: skip their subtrees quickly.
    let mut i = range.start;
    while i < range.end {
        let n = net.tree.node(i);
        if n.level > level {
            i += 1;
            continue;
        }
        if part_matches(net, i, part) {
            count += 1;
            if let Some(site) = net.site_at(i) {
                let mut was = false;
                for d in site.change_dates(measure) {
                    let now = site.covers(measure, d);
                    if now != was {
                        ev.push((d, if now { 1 } else { -1 }));
                        was = now;
                    }
                }
            }
            i = n.end;
        } else {
            i += 1;
        }
    }
    (count, ev)
}

struct Tally {
    required: u32,
    count_target: bool,
    events: Vec<(NaiveDate, i32)>,
}

fn tally(net: &Network, node: u32, m: &Milestone, use_targets: bool) -> Tally {
    let mut required = 0;
    let mut events = Vec::new();
    let mut count_target = false;
    for part in &m.parts {
        let (n, mut ev) = part_events(net, node, part, m.measure);
        match part.target {
            Some(t) if use_targets => {
                required += t;
                count_target = true;
            }
            _ => required += n,
        }
        events.append(&mut ev);
    }
    events.sort();
    Tally {
        required,
        count_target,
        events,
    }
}

/// Cumulative covered count over time up to `as_of`: one point per change date.
pub fn series(net: &Network, node: u32, m: &Milestone, as_of: NaiveDate) -> Vec<(NaiveDate, u32)> {
    let t = tally(net, node, m, true);
    let mut out: Vec<(NaiveDate, u32)> = Vec::new();
    let mut c: i64 = 0;
    for (d, delta) in t.events {
        if d > as_of {
            break;
        }
        c += delta as i64;
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 = c.max(0) as u32,
            _ => out.push((d, c.max(0) as u32)),
        }
    }
    out
}

fn milestone_report(
    net: &Network,
    profile: &Profile,
    scope: u32,
    bound: u32,
    m: &Milestone,
    as_of: NaiveDate,
) -> MilestoneReport {
    let has_target = m.parts.iter().any(|p| p.target.is_some());
    // A count target binds the whole jurisdiction; judge it there even for a sub-scope.
    let over = if has_target { bound } else { scope };
    let t = tally(net, over, m, true);
    // Pace counts from the rollout's first change or the document's date, whichever is first.
    let start = t
        .events
        .first()
        .map(|e| e.0)
        .unwrap_or(profile.issued)
        .min(profile.issued);
    let st = standing(t.required, &t.events, m.deadline, as_of, start);
    let children = net
        .tree
        .children(scope)
        .map(|c| {
            let ct = tally(net, c, m, false);
            let cs = standing(ct.required, &ct.events, m.deadline, as_of, start);
            let n = net.tree.node(c);
            ChildRow {
                node: c,
                code: n.code_str(),
                name: n.name.to_string(),
                required: ct.required,
                covered: cs.covered,
                days_late: cs.status.days_late().unwrap_or(0),
                status: cs.status,
            }
        })
        .filter(|c| c.required > 0)
        .collect();
    let tiers: Vec<&str> = m.parts.iter().map(|p| p.tier.as_str()).collect();
    MilestoneReport {
        id: m.id.clone(),
        label_zh: m.label_zh.clone(),
        label_en: m.label_en.clone(),
        deadline: m.deadline,
        tier: tiers.join("+"),
        measure: m.measure,
        clause: m.cite.clause.clone(),
        required: t.required,
        covered: st.covered,
        ratio: ratio(st.covered, t.required),
        status: st.status,
        met_on: st.met_on,
        over_code: (over != scope).then(|| net.tree.node(over).code_str()),
        count_target: t.count_target,
        children,
    }
}

/// Which profile binds each node: the nearest bound ancestor-or-self.
pub fn binding_for<'p>(
    net: &Network,
    profiles: &'p [Profile],
    node: u32,
) -> Option<(&'p Profile, u32)> {
    let path = net.tree.path(node);
    for &a in path.iter().rev() {
        let code = net.tree.node(a).code_str();
        if let Some(p) = profiles.iter().find(|p| p.binds_to.contains(&code)) {
            return Some((p, a));
        }
    }
    None
}

/// Bound jurisdictions strictly inside `node`'s subtree, in tree order.
pub fn bindings_below<'p>(
    net: &Network,
    profiles: &'p [Profile],
    node: u32,
) -> Vec<(&'p Profile, u32)> {
    let mut v = Vec::new();
    for p in profiles {
        for b in &p.binds_to {
            if let Some(i) = net.tree.find(b) {
                if i != node && net.tree.is_ancestor_or_self(node, i) {
                    v.push((p, i));
                }
            }
        }
    }
    v.sort_by_key(|(_, i)| *i);
    v
}

/// The coverage report for a scope: one block for the profile bound to the scope, or, for a
/// scope above several bound jurisdictions, one block per jurisdiction. `policy` forces one
/// profile over the scope.
pub fn coverage(
    net: &Network,
    profiles: &[Profile],
    scope: u32,
    policy: Option<&Profile>,
    as_of: NaiveDate,
) -> CoverageReport {
    let targets: Vec<(&Profile, u32, u32)> = match policy {
        Some(p) => {
            let bound = p
                .binds_to
                .iter()
                .filter_map(|b| net.tree.find(b))
                .find(|&b| net.tree.is_ancestor_or_self(b, scope))
                .unwrap_or(scope);
            vec![(p, scope, bound)]
        }
        None => match binding_for(net, profiles, scope) {
            Some((p, bound)) => vec![(p, scope, bound)],
            None => bindings_below(net, profiles, scope)
                .into_iter()
                .map(|(p, b)| (p, b, b))
                .collect(),
        },
    };
    let blocks = targets
        .into_iter()
        .map(|(p, over, bound)| {
            let n = net.tree.node(over);
            Block {
                policy: p.id.clone(),
                policy_title: p.title.clone(),
                doc_number: p.doc_number.clone(),
                code: n.code_str(),
                name: n.name.to_string(),
                node: over,
                milestones: p
                    .milestones
                    .iter()
                    .map(|m| milestone_report(net, p, over, bound, m, as_of))
                    .collect(),
            }
        })
        .collect();
    let s = net.tree.node(scope);
    CoverageReport {
        as_of,
        scope_code: s.code_str(),
        scope_name: s.name.to_string(),
        blocks,
        synthetic: net.synthetic,
    }
}

/// The whole database as the scope (the nation): one block per bound jurisdiction present,
/// or per binding of `policy` when given.
pub fn coverage_all(
    net: &Network,
    profiles: &[Profile],
    policy: Option<&Profile>,
    as_of: NaiveDate,
    name: &str,
) -> CoverageReport {
    let chosen: Vec<&Profile> = match policy {
        Some(p) => vec![p],
        None => profiles.iter().collect(),
    };
    let mut targets: Vec<(&Profile, u32)> = chosen
        .into_iter()
        .flat_map(|p| {
            p.binds_to
                .iter()
                .filter_map(|b| net.tree.find(b))
                .map(move |i| (p, i))
        })
        .collect();
    targets.sort_by_key(|(_, i)| *i);
    let blocks = targets
        .into_iter()
        .map(|(p, b)| {
            let n = net.tree.node(b);
            Block {
                policy: p.id.clone(),
                policy_title: p.title.clone(),
                doc_number: p.doc_number.clone(),
                code: n.code_str(),
                name: n.name.to_string(),
                node: b,
                milestones: p
                    .milestones
                    .iter()
                    .map(|m| milestone_report(net, p, b, b, m, as_of))
                    .collect(),
            }
        })
        .collect();
    CoverageReport {
        as_of,
        scope_code: String::new(),
        scope_name: name.to_string(),
        blocks,
        synthetic: net.synthetic,
    }
}

/// The milestone a supervisor cares about now: the first whose deadline is on or after the
/// as-of date, else the last one.
pub fn focus_milestone(ms: &[MilestoneReport], as_of: NaiveDate) -> Option<usize> {
    if ms.is_empty() {
        return None;
    }
    Some(
        ms.iter()
            .position(|m| m.deadline >= as_of)
            .unwrap_or(ms.len() - 1),
    )
}

/// Children ranked worst first: lowest ratio, then most days late, then code.
pub fn lagging(children: &[ChildRow]) -> Vec<ChildRow> {
    let mut v = children.to_vec();
    v.sort_by(|a, b| {
        a.ratio()
            .total_cmp(&b.ratio())
            .then(b.days_late.cmp(&a.days_late))
            .then(a.code.cmp(&b.code))
    });
    v
}

/// Tree-row coverage for every node at one date, by prefix sums over the preorder array:
/// county and above count stations over townships; a township counts rooms over villages.
/// Built once per as-of date in O(n); each row is then O(1).
#[derive(Debug, Clone, Default)]
pub struct TreeCounts {
    /// prefix[k][i]: count of level-k divisions (k: 0 township, 1 village) before index i;
    /// covered likewise.
    total: [Vec<u32>; 2],
    covered: [Vec<u32>; 2],
    /// The date the counts are for; None before the first build.
    pub as_of: Option<NaiveDate>,
}

impl TreeCounts {
    /// Count every node at `as_of`.
    pub fn build(net: &Network, as_of: NaiveDate) -> TreeCounts {
        let n = net.tree.len();
        let mut total = [Vec::with_capacity(n + 1), Vec::with_capacity(n + 1)];
        let mut covered = [Vec::with_capacity(n + 1), Vec::with_capacity(n + 1)];
        let mut t = [0u32; 2];
        let mut c = [0u32; 2];
        for k in 0..2 {
            total[k].push(0);
            covered[k].push(0);
        }
        for i in 0..n as u32 {
            let k = match net.tree.node(i).level {
                Level::Township => Some(0),
                Level::Village => Some(1),
                _ => None,
            };
            if let Some(k) = k {
                t[k] += 1;
                if net
                    .site_at(i)
                    .is_some_and(|s| s.covers(Measure::Established, as_of))
                {
                    c[k] += 1;
                }
            }
            for k in 0..2 {
                total[k].push(t[k]);
                covered[k].push(c[k]);
            }
        }
        TreeCounts {
            total,
            covered,
            as_of: Some(as_of),
        }
    }

    /// (covered, required) for the row of `node`, or None for a village.
    pub fn row(&self, net: &Network, node: u32) -> Option<(u32, u32)> {
        let n = net.tree.node(node);
        let k = match n.level {
            Level::Village => return None,
            Level::Township => 1,
            _ => 0,
        };
        let (a, b) = (node as usize, n.end as usize);
        let req = self.total[k].get(b)? - self.total[k].get(a)?;
        let cov = self.covered[k].get(b)? - self.covered[k].get(a)?;
        Some((cov, req))
    }
}
