//! Reads: the network snapshot the views compute from, and the detail queries.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::write::UserRole;
use super::Store;
use crate::domain::division::{parse_code, Tree};
use crate::domain::evaluation::{EvalStatus, Evaluation, Grade};
use crate::domain::network::Network;
use crate::domain::policy::Phase;
use crate::domain::site::{Site, SiteStatus, StatusChange, Tier};
use crate::domain::staff::{CertLevel, Role, Staff};
use crate::error::{Error, Refusal, Result};

/// The recorded service contracts of one site (every site when None), by site then start.
/// A transaction reads through it too (the store's contract writes).
pub(super) fn contracts_of(
    conn: &rusqlite::Connection,
    site: Option<i64>,
) -> Result<Vec<crate::domain::contract::Contract>> {
    let mut st = conn.prepare_cached(
        "SELECT id, site_id, operator, start_on, end_on, renews, version, synthetic
         FROM contracts WHERE ?1 IS NULL OR site_id = ?1 ORDER BY site_id, start_on, id",
    )?;
    let rows = st.query_map([site], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, bool>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, site_id, operator, start, end, renews, version, synthetic) = row?;
        let (Some(start), Some(end)) = (date(Some(start.clone())), date(Some(end.clone()))) else {
            return Err(Error::Store(format!(
                "contract {id}: a stored date is not a date ({start:?}, {end:?})"
            )));
        };
        out.push(crate::domain::contract::Contract {
            id,
            site_id,
            operator,
            start,
            end,
            renews,
            version,
            synthetic,
        });
    }
    Ok(out)
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn bad(what: &str, v: &str) -> Error {
    Error::Store(format!("unexpected {what} in the database: {v:?}"))
}

pub use crate::domain::evaluation::EvalDetail;

pub(super) fn eval_from_row(r: &Row) -> rusqlite::Result<EvalTuple> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

pub(super) type EvalTuple = (
    i64,
    i64,
    i32,
    String,
    String,
    String,
    Option<f64>,
    Option<String>,
    i64,
    bool,
);

pub(super) fn to_eval(t: EvalTuple) -> Result<Evaluation> {
    let (id, site_id, year, phase, template, status, total, grade, version, synthetic) = t;
    Ok(Evaluation {
        id,
        site_id,
        year,
        phase: Phase::parse(&phase).ok_or_else(|| bad("phase", &phase))?,
        template,
        status: EvalStatus::parse(&status).ok_or_else(|| bad("status", &status))?,
        total,
        grade: grade.as_deref().and_then(Grade::parse),
        version,
        scores: BTreeMap::new(),
        synthetic,
    })
}

pub(super) const EVAL_COLS: &str =
    "id, site_id, year, phase, template, status, total, grade, version, synthetic";
const EVAL_COLS_E: &str =
    "e.id, e.site_id, e.year, e.phase, e.template, e.status, e.total, e.grade, e.version, e.synthetic";
const STAFF_COLS: &str = "p.id, p.site_id, p.name, p.role, p.birth, p.hired, p.contract_start,
    p.contract_end, p.cert_level, p.cert_passed, p.reg_date, p.reg_expiry, p.ce_hours,
    p.sw_degree, p.prior_years, p.departed, p.synthetic";

impl Store {
    /// A value of the `meta` key-value table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// The recorded duty instances whose owner code starts with one of `prefixes` (every one
    /// when empty), undone marks included (their versions matter to imports).
    pub fn duty_records(&self, prefixes: &[String]) -> Result<Vec<crate::domain::duties::Receipt>> {
        let mut st = self.conn.prepare_cached(
            "SELECT policy, duty, owner, period, received, note, recorded_by, version, synthetic
             FROM duty_records ORDER BY policy, duty, owner, period",
        )?;
        let rows = st.query_map([], |r| {
            Ok(crate::domain::duties::Receipt {
                policy: r.get(0)?,
                duty: r.get(1)?,
                owner: r.get(2)?,
                period: r.get(3)?,
                received: date(r.get(4)?),
                note: r.get(5)?,
                recorded_by: r.get(6)?,
                version: r.get(7)?,
                synthetic: r.get(8)?,
            })
        })?;
        // No prefixes: all of them, or all of the confined region.
        let all = self.all_of().unwrap_or_default();
        let prefixes = if prefixes.is_empty() {
            &all[..]
        } else {
            prefixes
        };
        let mut out = Vec::new();
        for r in rows {
            let r = r?;
            if prefixes.is_empty() || prefixes.iter().any(|p| r.owner.starts_with(p.as_str())) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The newest audit row's id (0 when there is none): where a session starts watching
    /// other processes' writes from.
    pub fn audit_head(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// The division codes named by the audit rows after `after` (None for a row that names
    /// none), at most `limit` of them, and the newest id read. Every write sgz makes leaves
    /// audit rows in its transaction, so this says where other processes' writes landed.
    pub fn audited_since(&self, after: i64, limit: usize) -> Result<(i64, Vec<Option<String>>)> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, scope FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let mut rows = st.query(params![after, limit as i64])?;
        let (mut head, mut scopes) = (after, Vec::new());
        while let Some(r) = rows.next()? {
            head = r.get(0)?;
            scopes.push(r.get(1)?);
        }
        Ok((head, scopes))
    }

    /// Every recorded service contract, ordered by site then start.
    pub fn contracts(&self) -> Result<Vec<crate::domain::contract::Contract>> {
        contracts_of(&self.conn, None)
    }

    /// How many divisions are loaded.
    pub fn division_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM divisions", [], |r| r.get(0))?)
    }

    /// Whether anything shown from this database is made up: the demo (its meta flag), or
    /// synthetic rows imported into another database (a demo's lists moved over).
    pub fn holds_synthetic(&self) -> Result<bool> {
        if self.meta("synthetic")?.as_deref() == Some("1") {
            return Ok(true);
        }
        let any: i64 = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sites WHERE synthetic = 1)
                 OR EXISTS (SELECT 1 FROM staff WHERE synthetic = 1)",
            [],
            |r| r.get(0),
        )?;
        Ok(any == 1)
    }

    /// How many sites are stored.
    pub fn site_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?)
    }

    /// Confine this store's loads to one region (a division code prefix, a province): a
    /// session whose scope is one province then holds that province's divisions, sites and
    /// people, not the nation's (issue 18: sessions sized to their jurisdiction).
    pub fn confined_to(mut self, region: Option<String>) -> Store {
        self.region = region;
        self
    }

    /// The region this store's loads are confined to, if any.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// "All" for a load: everything, or the confined region.
    fn all_of(&self) -> Option<Vec<String>> {
        self.region.clone().map(|r| vec![r])
    }

    /// Every division as a tree (those of the confined region, with its ancestors): from the
    /// saved copy when it is current, else row by row.
    pub fn load_tree(&self) -> Result<Tree> {
        if let Some(region) = self.all_of() {
            return self.load_tree_within(Some(&region));
        }
        if let Some(t) = self.tree_cache()?.as_deref().and_then(Tree::from_bytes) {
            return Ok(t);
        }
        let tree = self.load_tree_within(None)?;
        // Save it for the next start (a database from before the cache, or a broken copy); a
        // reader that cannot write just reads row by row next time too.
        let _ = self.put_cache(super::Cache::Tree, &tree.to_bytes(), self.division_count()?);
        Ok(tree)
    }

    /// The divisions under the given code prefixes and their ancestors (all when None).
    fn load_tree_within(&self, prefixes: Option<&[String]>) -> Result<Tree> {
        let mut divs = Vec::new();
        let mut push = |code: String, name: String| {
            if let Some((c, l)) = parse_code(&code) {
                divs.push((c, l, name.into_boxed_str()));
            }
        };
        match prefixes {
            None => {
                let mut st = self.conn.prepare("SELECT code, name FROM divisions")?;
                let mut rows = st.query([])?;
                while let Some(r) = rows.next()? {
                    push(r.get(0)?, r.get(1)?);
                }
            }
            Some(ps) => {
                let mut st = self.conn.prepare_cached(
                    "SELECT code, name FROM divisions WHERE code >= ?1 AND code < ?2",
                )?;
                let mut one = self
                    .conn
                    .prepare_cached("SELECT code, name FROM divisions WHERE code = ?1")?;
                let mut seen = std::collections::HashSet::new();
                for p in ps {
                    for cut in [2usize, 4, 6, 9] {
                        if cut < p.len() && seen.insert(p[..cut].to_string()) {
                            if let Some((c, n)) = one
                                .query_row([&p[..cut]], |r| {
                                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                                })
                                .optional()?
                            {
                                push(c, n);
                            }
                        }
                    }
                    let mut rows = st.query(params![p, upper_bound(p)])?;
                    while let Some(r) = rows.next()? {
                        push(r.get(0)?, r.get(1)?);
                    }
                }
            }
        }
        Ok(Tree::build(divs).0)
    }

    /// Sites (with status history) under the prefixes, or all.
    fn load_sites_within(&self, prefixes: Option<&[String]>) -> Result<Vec<Site>> {
        let all = self.all_of();
        let ranges: Vec<(String, String)> = match prefixes.or(all.as_deref()) {
            None => vec![(String::new(), upper_bound(""))],
            Some(ps) => ps.iter().map(|p| (p.clone(), upper_bound(p))).collect(),
        };
        let mut sites = Vec::new();
        let mut history: HashMap<i64, Vec<StatusChange>> = HashMap::new();
        for (lo, hi) in &ranges {
            let mut st = self.conn.prepare_cached(
                "SELECT h.site_id, h.status, h.on_date FROM site_status h JOIN sites s ON s.id = h.site_id
                 WHERE s.division >= ?1 AND s.division < ?2",
            )?;
            let mut rows = st.query(params![lo, hi])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let s: String = r.get(1)?;
                let on: String = r.get(2)?;
                let status = SiteStatus::parse(&s).ok_or_else(|| bad("site status", &s))?;
                let on = date(Some(on.clone())).ok_or_else(|| bad("date", &on))?;
                history
                    .entry(id)
                    .or_default()
                    .push(StatusChange { status, on });
            }
            let mut st = self.conn.prepare_cached(
                "SELECT id, division, tier, name, operator, area_m2, civil_reg, head, synthetic FROM sites
                 WHERE division >= ?1 AND division < ?2",
            )?;
            let mut rows = st.query(params![lo, hi])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let tier: String = r.get(2)?;
                sites.push(Site {
                    id,
                    division: r.get::<_, String>(1)?.into(),
                    tier: Tier::parse(&tier).ok_or_else(|| bad("tier", &tier))?,
                    name: r.get::<_, String>(3)?.into(),
                    operator: r.get::<_, Option<String>>(4)?.map(Into::into),
                    area_m2: r.get(5)?,
                    civil_reg: date(r.get(6)?),
                    head: r.get::<_, Option<String>>(7)?.map(Into::into),
                    history: Vec::new(),
                    synthetic: r.get(8)?,
                });
            }
        }
        for s in &mut sites {
            let mut h = history.remove(&s.id).unwrap_or_default();
            // Same-day changes: lifecycle order decides.
            h.sort_by_key(|c| (c.on, c.status));
            s.history = h;
        }
        sites.sort_by_key(|s| s.id);
        sites.dedup_by_key(|s| s.id);
        Ok(sites)
    }

    /// Divisions and sites under the given code prefixes (and the prefixes' ancestors), no
    /// staff or evaluations: what a coverage report needs, without loading the nation.
    pub fn load_coverage_within(&self, prefixes: &[String]) -> Result<Network> {
        let tree = self.load_tree_within(Some(prefixes))?;
        let sites = self.load_sites_within(Some(prefixes))?;
        let synthetic = self.holds_synthetic()?;
        Ok(Network::new(tree, sites, vec![], vec![], synthetic))
    }

    /// Load everything the views need. Scores are left out (see `evaluation_detail`).
    pub fn load_network(&self) -> Result<Network> {
        let tree = std::sync::Arc::new(self.load_tree()?);
        self.load_data_within(tree, None)
    }

    /// Sites, staff and evaluations under the code prefixes (all when None) on a tree loaded
    /// before: the TUI loads the region it opens on first and the nation after the first frame.
    pub fn load_data_within(
        &self,
        tree: std::sync::Arc<crate::domain::division::Tree>,
        prefixes: Option<&[String]>,
    ) -> Result<Network> {
        let net = self.load_split(tree, prefixes, prefixes)?;
        Ok(match prefixes {
            None => net,
            Some(ps) => net.partial(ps.to_vec()),
        })
    }

    /// Sites under `sites`, staff and evaluations under `people` (all when None), on a tree
    /// loaded before: nationally the TUI holds the nation's sites but only the people of the
    /// provinces on screen.
    pub fn load_split(
        &self,
        tree: std::sync::Arc<crate::domain::division::Tree>,
        sites: Option<&[String]>,
        people: Option<&[String]>,
    ) -> Result<Network> {
        let site_rows = self.load_sites_within(sites)?;
        let (staff, evals) = self.load_people_within(people)?;
        let synthetic = self.holds_synthetic()?;
        let mut net = Network::on_tree(tree, site_rows, staff, evals, synthetic);
        net.loaded = sites.map(<[String]>::to_vec);
        net.duties = self.duty_records(&[])?;
        net.set_contracts(self.contracts()?);
        Ok(net.with_people(people.map(<[String]>::to_vec)))
    }

    /// Staff and evaluations of the sites under the code prefixes (all when None), in the
    /// order `Network` keeps them.
    pub fn load_people_within(
        &self,
        prefixes: Option<&[String]>,
    ) -> Result<(Vec<Staff>, Vec<Evaluation>)> {
        let all = self.all_of();
        let prefixes = prefixes.or(all.as_deref());
        let ranges: Vec<(String, String)> = match prefixes {
            None => vec![],
            Some(ps) => ps.iter().map(|p| (p.clone(), upper_bound(p))).collect(),
        };
        // The same queries with and without a division range (the range needs the join).
        let scoped = |all: &str, within: &str| -> Vec<(String, Option<(String, String)>)> {
            match prefixes {
                None => vec![(all.to_string(), None)],
                Some(_) => ranges
                    .iter()
                    .map(|r| (within.to_string(), Some(r.clone())))
                    .collect(),
            }
        };

        let mut training: HashMap<i64, BTreeMap<i32, f64>> = HashMap::new();
        for (sql, range) in scoped(
            "SELECT staff_id, year, hours FROM training",
            "SELECT t.staff_id, t.year, t.hours FROM training t
             JOIN staff p ON p.id = t.staff_id JOIN sites s ON s.id = p.site_id
             WHERE s.division >= ?1 AND s.division < ?2",
        ) {
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = match &range {
                None => st.query([])?,
                Some((lo, hi)) => st.query(params![lo, hi])?,
            };
            while let Some(r) = rows.next()? {
                training
                    .entry(r.get(0)?)
                    .or_default()
                    .insert(r.get(1)?, r.get(2)?);
            }
        }
        let mut staff = Vec::new();
        for (sql, range) in scoped(
            &format!("SELECT {STAFF_COLS} FROM staff p ORDER BY p.id"),
            &format!(
                "SELECT {STAFF_COLS} FROM staff p JOIN sites s ON s.id = p.site_id
                 WHERE s.division >= ?1 AND s.division < ?2 ORDER BY p.id"
            ),
        ) {
            self.query_staff(&sql, range.as_ref(), &mut training, &mut staff)?;
        }
        if prefixes.is_some() {
            staff.sort_by_key(|p| p.id);
            staff.dedup_by_key(|p| p.id);
        }

        let mut evals = Vec::new();
        for (sql, range) in scoped(
            &format!("SELECT {EVAL_COLS} FROM evaluations ORDER BY site_id, year, phase"),
            &format!(
                "SELECT {EVAL_COLS_E} FROM evaluations e JOIN sites s ON s.id = e.site_id
                 WHERE s.division >= ?1 AND s.division < ?2"
            ),
        ) {
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = match &range {
                None => st.query_map([], eval_from_row)?,
                Some((lo, hi)) => st.query_map(params![lo, hi], eval_from_row)?,
            };
            for r in rows {
                evals.push(to_eval(r?)?);
            }
        }
        if prefixes.is_some() {
            evals.sort_by(|a, b| {
                (a.site_id, a.year, a.phase.as_str()).cmp(&(b.site_id, b.year, b.phase.as_str()))
            });
            evals.dedup_by_key(|e| e.id);
        }
        Ok((staff, evals))
    }

    fn query_staff(
        &self,
        sql: &str,
        range: Option<&(String, String)>,
        training: &mut HashMap<i64, BTreeMap<i32, f64>>,
        out: &mut Vec<Staff>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = match range {
            None => st.query([])?,
            Some((lo, hi)) => st.query(params![lo, hi])?,
        };
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let role: String = r.get(3)?;
            let cert: String = r.get(8)?;
            let hired: String = r.get(5)?;
            out.push(Staff {
                id,
                site_id: r.get(1)?,
                name: r.get(2)?,
                role: Role::parse(&role).ok_or_else(|| bad("role", &role))?,
                birth: date(r.get(4)?),
                hired: date(Some(hired.clone())).ok_or_else(|| bad("hire date", &hired))?,
                contract_start: date(r.get(6)?),
                contract_end: date(r.get(7)?),
                cert_level: CertLevel::parse(&cert)
                    .ok_or_else(|| bad("certificate level", &cert))?,
                cert_passed: date(r.get(9)?),
                reg_date: date(r.get(10)?),
                reg_expiry: date(r.get(11)?),
                ce_hours: r.get(12)?,
                sw_degree: r.get(13)?,
                prior_years: r.get(14)?,
                departed: date(r.get(15)?),
                training: training.remove(&id).unwrap_or_default(),
                synthetic: r.get(16)?,
            });
        }
        Ok(())
    }

    pub(super) fn division_of_site(&self, site_id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT division FROM sites WHERE id = ?1", [site_id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::Refused(Refusal::NoSite(site_id)))
    }

    pub(super) fn division_of_staff(&self, staff_id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT s.division FROM staff p JOIN sites s ON s.id = p.site_id WHERE p.id = ?1",
                [staff_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::Refused(Refusal::NoStaff(staff_id)))
    }

    pub(super) fn division_of_evaluation(&self, eval_id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT s.division FROM evaluations e JOIN sites s ON s.id = e.site_id WHERE e.id = ?1",
                [eval_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::Refused(Refusal::NoEvaluation(eval_id)))
    }

    /// One evaluation with its scores, plus `user`'s draft cells if any.
    pub fn evaluation_detail(&self, eval_id: i64, user: &str) -> Result<EvalDetail> {
        let (t, updated_by, updated_at) = self
            .conn
            .query_row(
                &format!(
                    "SELECT {EVAL_COLS}, updated_by, updated_at FROM evaluations WHERE id = ?1"
                ),
                [eval_id],
                |r| {
                    Ok((
                        eval_from_row(r)?,
                        r.get::<_, Option<String>>(10)?,
                        r.get::<_, Option<String>>(11)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::Refused(Refusal::NoEvaluation(eval_id)))?;
        let mut evaluation = to_eval(t)?;
        let mut st = self
            .conn
            .prepare_cached("SELECT item, score FROM scores WHERE evaluation_id = ?1")?;
        for r in st.query_map([eval_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?))
        })? {
            let (k, v) = r?;
            evaluation.scores.insert(k, v);
        }
        let mut drafts = BTreeMap::new();
        let mut base = None;
        let mut st = self.conn.prepare_cached(
            "SELECT item, score, base_version FROM drafts WHERE evaluation_id = ?1 AND user = ?2",
        )?;
        for r in st.query_map(params![eval_id, user], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })? {
            let (k, v, b) = r?;
            drafts.insert(k, v);
            base = Some(b);
        }
        let parts = self.sheet_parts(eval_id, user)?;
        Ok(EvalDetail {
            evaluation,
            drafts,
            draft_base_version: base,
            updated_by,
            updated_at,
            parts,
        })
    }

    /// `user`'s scorer role and the submitted parts of an evaluation.
    pub fn sheet_parts(
        &self,
        eval_id: i64,
        user: &str,
    ) -> Result<crate::domain::evaluation::SheetParts> {
        use crate::domain::policy::ScorerRole;
        let mine: Option<Option<String>> = self
            .conn
            .query_row("SELECT scorer FROM users WHERE name = ?1", [user], |r| {
                r.get(0)
            })
            .optional()?;
        let mut submitted = std::collections::BTreeSet::new();
        let mut st = self
            .conn
            .prepare_cached("SELECT scorer FROM evaluation_parts WHERE evaluation_id = ?1")?;
        for r in st.query_map([eval_id], |r| r.get::<_, String>(0))? {
            let r = r?;
            submitted.insert(
                ScorerRole::parse(&r)
                    .ok_or_else(|| Error::Store(format!("unknown scorer role {r:?}")))?,
            );
        }
        Ok(crate::domain::evaluation::SheetParts {
            mine: mine.flatten().as_deref().and_then(ScorerRole::parse),
            submitted,
        })
    }

    /// Every person's version (raised by each change to them): what an export records and
    /// an import compares.
    pub fn staff_versions(&self) -> Result<HashMap<i64, i64>> {
        let mut st = self.conn.prepare("SELECT id, version FROM staff")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Scores of every evaluation whose site lies under `scope` (for export).
    pub fn scores_under(&self, scope: &str) -> Result<HashMap<i64, BTreeMap<String, f64>>> {
        let mut st = self.conn.prepare(
            "SELECT c.evaluation_id, c.item, c.score FROM scores c
             JOIN evaluations e ON e.id = c.evaluation_id JOIN sites s ON s.id = e.site_id
             WHERE s.division >= ?1 AND s.division < ?2",
        )?;
        let mut out: HashMap<i64, BTreeMap<String, f64>> = HashMap::new();
        for r in st.query_map(params![scope, upper_bound(scope)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })? {
            let (e, k, v) = r?;
            out.entry(e).or_default().insert(k, v);
        }
        Ok(out)
    }

    /// Every user with role and scope (a division code; None for everything), by name.
    pub fn users(&self) -> Result<Vec<(String, UserRole, Option<String>)>> {
        let mut st = self
            .conn
            .prepare("SELECT name, role, scope FROM users ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (n, role, scope) = r?;
            out.push((
                n,
                UserRole::parse(&role).ok_or_else(|| bad("user role", &role))?,
                scope,
            ));
        }
        Ok(out)
    }

    /// One user's role and scope, None when the name has no grant.
    pub fn user(&self, name: &str) -> Result<Option<(UserRole, Option<String>)>> {
        let r: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT role, scope FROM users WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        r.map(|(role, scope)| {
            Ok((
                UserRole::parse(&role).ok_or_else(|| bad("user role", &role))?,
                scope,
            ))
        })
        .transpose()
    }
}

/// The smallest string greater than every string with prefix `p` (for range scans).
fn upper_bound(p: &str) -> String {
    if p.is_empty() {
        return "\u{10FFFF}".into();
    }
    let mut s = p.to_string();
    // Codes are ASCII digits; ':' follows '9'.
    s.push(':');
    s
}
