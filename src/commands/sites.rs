//! `sgz import sites FILE`: a site list (what `sgz export sites` writes, or a clerk's sheet
//! with its Chinese headers) checked row by row, then new sites added and known ones (by
//! division code) updated, each only if unchanged since the export, in one audited
//! transaction, or nothing. `--dry-run` says what would change.

use std::collections::HashMap;
use std::path::Path;

use crate::domain::network::Network;
use crate::domain::site::{parse_history, HistoryError, Site, SiteStatus, Tier};
use crate::domain::text::{ascii_digits, escape};
use crate::error::{Error, Result};
use crate::i18n::lists as msg;
use crate::i18n::names::Named;
use crate::i18n::Lang;
use crate::io::headers::Sheet;
use crate::io::sheet::{Row, Table};
use crate::store::SiteUpdate;

use super::Ctx;

/// What a checked site list will do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SitePlan {
    pub adds: Vec<Site>,
    pub updates: Vec<SiteUpdate>,
    /// Rows naming a stored site with the values stored.
    pub unchanged: usize,
}

/// What a site list is checked against.
pub struct SiteSheet<'a> {
    pub net: &'a Network,
    /// Each stored site's version.
    pub versions: &'a HashMap<i64, i64>,
    pub scope: Option<u32>,
    pub lang: Lang,
}

/// A status by its id (`under_construction`), its English words or its Chinese name.
fn parse_status(s: &str) -> Option<SiteStatus> {
    SiteStatus::parse(s).or_else(|| {
        SiteStatus::ALL.into_iter().find(|st| {
            st.name_zh() == s || st.name_en().eq_ignore_ascii_case(s) || st.as_str() == s
        })
    })
}

impl SiteSheet<'_> {
    /// Check every row of `t`; all good rows make the plan, or every bad row is reported as
    /// `file:line: column: reason` (1 = the header line).
    pub fn plan(&self, file: &str, t: &Table) -> Result<SitePlan> {
        let lang = self.lang;
        let mut missing = Vec::new();
        for c in ["division_code", "name"] {
            if t.col(c).is_none() {
                missing.push(format!("{c}/{}", Sheet::Sites.zh(c)));
            }
        }
        if !missing.is_empty() {
            let columns = missing.join(lang.pick("、", ", "));
            return Err(Error::Parse {
                file: file.into(),
                line: 1,
                msg: msg::SITE_MISSING_COLUMNS.fill(lang, &[("columns", &columns)]),
            });
        }
        let mut plan = SitePlan::default();
        let mut errors = Vec::new();
        let mut seen_code: HashMap<String, usize> = HashMap::new();
        let mut seen_id: HashMap<i64, usize> = HashMap::new();
        for row in &t.rows {
            let mut why = Vec::new();
            match self.row(t, row, &mut seen_code, &mut seen_id, &mut why) {
                Some(Change::Add(s)) if why.is_empty() => plan.adds.push(s),
                Some(Change::Update(u)) if why.is_empty() => plan.updates.push(u),
                Some(Change::Same) if why.is_empty() => plan.unchanged += 1,
                _ => errors.push(format!("{file}:{}: {}", row.line, why.join("; "))),
            }
        }
        if !errors.is_empty() {
            let n = errors.len();
            errors.push(msg::LIST_BAD_ROWS.fill(lang, &[("n", &n)]));
            return Err(Error::Rows(errors));
        }
        if plan.adds.is_empty() && plan.updates.is_empty() && plan.unchanged == 0 {
            return Err(Error::Invalid(
                msg::LIST_NO_ROWS.fill(lang, &[("file", &file)]),
            ));
        }
        Ok(plan)
    }

    // Long: one short block per column, in the export's order.
    fn row(
        &self,
        t: &Table,
        row: &Row,
        seen_code: &mut HashMap<String, usize>,
        seen_id: &mut HashMap<i64, usize>,
        why: &mut Vec<String>,
    ) -> Option<Change> {
        let (net, lang) = (self.net, self.lang);
        let col = |id: &str| t.header(id);
        let cell = |id: &str| t.cell(row, id);
        for (k, c) in row.cells.iter().enumerate() {
            let name = t
                .headers
                .get(k)
                .map(|h| escape(h).into_owned())
                .unwrap_or_else(|| format!("#{}", k + 1));
            if let Some(e) = crate::io::encoding::unsafe_cell(&name, c, lang) {
                why.push(e);
            }
        }
        if !why.is_empty() {
            return None;
        }
        // The division: the key.
        let code = ascii_digits(cell("division_code")).into_owned();
        let column = col("division_code");
        if code.is_empty() {
            why.push(crate::i18n::cli::CELL_EMPTY.fill(lang, &[("name", &column)]));
            return None;
        }
        let Some(node) = net.tree.find(&code) else {
            why.push(msg::SITE_NO_DIVISION.fill(lang, &[("column", &column), ("code", &code)]));
            return None;
        };
        let n = net.tree.node(node);
        let Some(tier) = Tier::for_level(n.level) else {
            let level = lang.pick(n.level.name_zh(), n.level.name_en());
            why.push(msg::SITE_NO_TIER.fill(
                lang,
                &[("column", &column), ("code", &code), ("level", &level)],
            ));
            return None;
        };
        if let Some(scope) = self.scope {
            let s = net.tree.node(scope).code_str();
            if !code.starts_with(s.as_str()) {
                why.push(
                    msg::SITE_OUT_OF_SCOPE
                        .fill(lang, &[("column", &column), ("code", &code), ("scope", &s)]),
                );
            }
        }
        if let Some(l) = seen_code.insert(code.clone(), row.line) {
            why.push(
                msg::SITE_REPEATS.fill(lang, &[("column", &column), ("code", &code), ("line", &l)]),
            );
        }
        let given_tier = cell("tier");
        if !given_tier.is_empty() {
            let t2 = Tier::parse(given_tier).or_else(|| {
                Tier::ALL.into_iter().find(|x| {
                    x.name_zh() == given_tier || x.name_en().eq_ignore_ascii_case(given_tier)
                })
            });
            if t2 != Some(tier) {
                let site_tier = lang.pick(tier.name_zh(), tier.name_en());
                why.push(msg::SITE_TIER_MISMATCH.fill(
                    lang,
                    &[
                        ("column", &col("tier")),
                        ("tier", &format!("{given_tier:?}")),
                        ("code", &code),
                        ("site_tier", &site_tier),
                    ],
                ));
            }
        }
        let stored = net.site_at(node);
        // The id: a stored site's must be this division's; a new site may bring its own.
        let id_text = ascii_digits(cell("site_id")).into_owned();
        let mut id = 0;
        if !id_text.is_empty() {
            match id_text.parse::<i64>() {
                Ok(v) if v > 0 => {
                    id = v;
                    let column = col("site_id");
                    if let Some(l) = seen_id.insert(v, row.line) {
                        why.push(
                            msg::SITE_ID_REPEATS
                                .fill(lang, &[("column", &column), ("id", &v), ("line", &l)]),
                        );
                    }
                    match (net.site(v), stored) {
                        (Some(other), _) if other.division.as_str() != code => {
                            why.push(msg::SITE_ID_ELSEWHERE.fill(
                                lang,
                                &[
                                    ("column", &column),
                                    ("id", &v),
                                    ("other", &other.division.as_str()),
                                    ("code", &code),
                                ],
                            ))
                        }
                        (None, Some(s)) => why.push(msg::SITE_ID_OTHER.fill(
                            lang,
                            &[
                                ("column", &column),
                                ("code", &code),
                                ("stored", &s.id),
                                ("id", &v),
                            ],
                        )),
                        _ => {}
                    }
                }
                _ => why.push(msg::CELL_NOT_WHOLE.fill(
                    lang,
                    &[
                        ("column", &col("site_id")),
                        ("value", &format!("{id_text:?}")),
                    ],
                )),
            }
        }
        let name = cell("name");
        if name.is_empty() {
            why.push(crate::i18n::cli::CELL_EMPTY.fill(lang, &[("name", &col("name"))]));
        }
        let history = match parse_history(cell("history"), parse_status) {
            Ok(h) => h,
            Err(e) => {
                why.push(history_error(&e, &col("history"), lang));
                Vec::new()
            }
        };
        let text = |id: &str| {
            let v = cell(id);
            (!v.is_empty()).then(|| compact_str::CompactString::from(v))
        };
        let area_text = ascii_digits(cell("area_m2")).into_owned();
        let area_m2 = if area_text.is_empty() {
            None
        } else {
            match area_text.parse::<f64>() {
                Ok(a) if a.is_finite() && a >= 0.0 => Some(a),
                _ => {
                    why.push(msg::CELL_NOT_AREA.fill(
                        lang,
                        &[
                            ("column", &col("area_m2")),
                            ("value", &format!("{area_text:?}")),
                        ],
                    ));
                    None
                }
            }
        };
        let reg_text = cell("civil_reg");
        let civil_reg = if reg_text.is_empty() {
            None
        } else {
            let d = crate::domain::calendar::parse_sheet_date(reg_text);
            if d.is_none() {
                why.push(crate::i18n::cli::CELL_NOT_DATE.fill(
                    lang,
                    &[
                        ("name", &col("civil_reg")),
                        ("value", &format!("{reg_text:?}")),
                    ],
                ));
            }
            d
        };
        let synthetic = super::staff::parse_bool(cell("synthetic")).unwrap_or_else(|| {
            why.push(crate::i18n::cli::CELL_NOT_FLAG.fill(
                lang,
                &[
                    ("name", &col("synthetic")),
                    ("value", &format!("{:?}", cell("synthetic"))),
                ],
            ));
            false
        });
        let mut site = Site {
            id,
            division: code.as_str().into(),
            tier,
            name: name.into(),
            operator: text("operator"),
            area_m2,
            civil_reg,
            head: text("head"),
            history,
            synthetic,
        };
        if !why.is_empty() {
            return None;
        }
        let Some(cur) = stored else {
            return Some(Change::Add(site));
        };
        site.id = cur.id;
        // A column the list does not have keeps what is stored.
        for (c, keep) in [
            ("history", t.col("history").is_none()),
            ("operator", t.col("operator").is_none()),
            ("area_m2", t.col("area_m2").is_none()),
            ("civil_reg", t.col("civil_reg").is_none()),
            ("head", t.col("head").is_none()),
            ("synthetic", t.col("synthetic").is_none()),
        ] {
            if keep {
                match c {
                    "history" => site.history = cur.history.clone(),
                    "operator" => site.operator = cur.operator.clone(),
                    "area_m2" => site.area_m2 = cur.area_m2,
                    "civil_reg" => site.civil_reg = cur.civil_reg,
                    "head" => site.head = cur.head.clone(),
                    _ => site.synthetic = cur.synthetic,
                }
            }
        }
        let changes = cur.changes(&site);
        if changes.is_empty() {
            return Some(Change::Same);
        }
        let now = self.versions.get(&cur.id).copied().unwrap_or(1);
        let who = format!("{} {}", cur.division, escape(&cur.name));
        let v_text = ascii_digits(cell("version")).into_owned();
        let Ok(v) = v_text.parse::<i64>() else {
            why.push(if v_text.is_empty() {
                msg::SITE_NO_VERSION.fill(lang, &[("who", &who)])
            } else {
                msg::CELL_NOT_WHOLE.fill(
                    lang,
                    &[
                        ("column", &col("version")),
                        ("value", &format!("{v_text:?}")),
                    ],
                )
            });
            return None;
        };
        if v != now {
            let diffs: Vec<String> = changes
                .iter()
                .map(|(f, old, new)| {
                    msg::SITE_DIFF.fill(
                        lang,
                        &[
                            ("field", f),
                            ("old", &format!("{:?}", escape(old))),
                            ("new", &format!("{:?}", escape(new))),
                        ],
                    )
                })
                .collect();
            why.push(msg::SITE_STALE.fill(
                lang,
                &[
                    ("who", &who),
                    ("v", &v),
                    ("now", &now),
                    ("diffs", &diffs.join(lang.pick("；", "; "))),
                ],
            ));
            return None;
        }
        Some(Change::Update(SiteUpdate {
            old: cur.clone(),
            new: site,
            base_version: v,
        }))
    }
}

/// What one row does.
enum Change {
    Add(Site),
    Update(SiteUpdate),
    Same,
}

fn history_error(e: &HistoryError, column: &str, lang: Lang) -> String {
    match e {
        HistoryError::Entry(entry) => msg::HISTORY_ENTRY.fill(
            lang,
            &[
                ("column", &column),
                ("entry", &format!("{:?}", escape(entry))),
            ],
        ),
        HistoryError::Status(s) => {
            let names: Vec<String> = SiteStatus::ALL
                .iter()
                .map(|st| format!("{}/{}", st.as_str(), st.name_zh()))
                .collect();
            msg::HISTORY_STATUS.fill(
                lang,
                &[
                    ("column", &column),
                    ("status", &format!("{:?}", escape(s))),
                    ("names", &names.join(lang.pick("、", ", "))),
                ],
            )
        }
        HistoryError::Date(d) => msg::HISTORY_DATE.fill(
            lang,
            &[("column", &column), ("date", &format!("{:?}", escape(d)))],
        ),
        HistoryError::Repeated(st, d) => msg::HISTORY_REPEATED.fill(
            lang,
            &[("column", &column), ("status", &st.as_str()), ("date", d)],
        ),
    }
}

/// What a site plan would do, one line per new site and per changed field.
pub fn describe_plan(plan: &SitePlan, lang: Lang) -> String {
    use std::fmt::Write as _;
    let shown = |s: &str| {
        if s.is_empty() {
            "∅".to_string()
        } else {
            escape(s).into_owned()
        }
    };
    let mut out = String::new();
    for s in &plan.adds {
        let tier = lang.pick(s.tier.name_zh(), s.tier.name_en());
        let (code, name) = (s.division.as_str(), escape(&s.name));
        let _ = writeln!(
            out,
            "{}",
            msg::SITE_PLAN_ADD.fill(lang, &[("code", &code), ("name", &name), ("tier", &tier)])
        );
    }
    for u in &plan.updates {
        let (code, name) = (u.old.division.as_str(), escape(&u.old.name));
        for (field, old, new) in u.old.changes(&u.new) {
            let _ = writeln!(
                out,
                "{}",
                msg::SITE_PLAN_CHANGE.fill(
                    lang,
                    &[
                        ("code", &code),
                        ("name", &name),
                        ("field", &field),
                        ("old", &shown(&old)),
                        ("new", &shown(&new)),
                    ]
                )
            );
        }
    }
    out
}

/// `sgz import sites FILE [--dry-run]`.
pub fn import_sites(ctx: &Ctx, path: &Path, dry_run: bool) -> Result<()> {
    use crate::i18n::progress as steps;
    let progress = super::progress::Progress::start(ctx.lang);
    progress.phase(steps::READ_FILE, &[("file", &path.display())]);
    let (name, bytes) = super::input::read(path)?;
    let file = if name == "-" {
        name
    } else {
        path.display().to_string()
    };
    let table = crate::io::sheet::read(&file, &bytes, Sheet::Sites, ctx.lang)?;
    let mut store = if dry_run {
        ctx.open_for_reading()?
    } else {
        ctx.open()?
    };
    progress.phase(steps::LOAD, &[]);
    let net = store.load_network()?;
    let versions = store.site_versions()?;
    let scope = ctx
        .scope
        .as_deref()
        .map(|s| crate::search::resolve_scope(&net.tree, s))
        .transpose()?;
    let sheet = SiteSheet {
        net: &net,
        versions: &versions,
        scope,
        lang: ctx.lang,
    };
    progress.phase(steps::CHECK_ROWS, &[]);
    let plan = sheet.plan(&file, &table)?;
    let actor = ctx.actor(&store)?;
    let encoding = table.encoding.as_str();
    let fields: usize = plan
        .updates
        .iter()
        .map(|u| u.old.changes(&u.new).len())
        .sum();
    let (added, updated) = (plan.adds.len(), plan.updates.len());
    let args: [(&str, &dyn std::fmt::Display); 6] = [
        ("file", &file),
        ("encoding", &encoding),
        ("added", &added),
        ("updated", &updated),
        ("fields", &fields),
        ("unchanged", &plan.unchanged),
    ];
    if dry_run {
        drop(progress);
        super::out(None, describe_plan(&plan, ctx.lang).as_bytes())?;
        crate::say!("{}", msg::SITES_DRY_RUN.fill(ctx.lang, &args));
        return Ok(());
    }
    progress.phase(steps::WRITE, &[]);
    store.import_sites(
        &actor,
        &plan.adds,
        &plan.updates,
        &format!("{file} ({encoding})"),
    )?;
    drop(progress);
    crate::say!("{}", msg::SITES_IMPORTED.fill(ctx.lang, &args));
    Ok(())
}
