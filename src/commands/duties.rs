//! `sgz report duties` and `sgz import duties`: the duties of the bound policies under the
//! scope, instance by instance, and the received dates a clerk filled into that sheet.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{out, Ctx};
use crate::cli::{DutiesArgs, Format};
use crate::domain::duties::{self, owner_periods, owners, Period, Receipt};
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::error::{parse_date, Error, Result};
use crate::i18n::{duties as msg, Lang};
use crate::io::duties::{self as report, RawRow};
use crate::search::{resolve_in_index, search_index};
use crate::store::{DutyMark, Store};

/// The network the duties need (the tree and the bound areas' sites), the scope nodes (the
/// given scope, or every root), and the records under them.
fn load(ctx: &Ctx, store: &mut Store) -> Result<(Network, Vec<u32>, Vec<Receipt>)> {
    let binds: Vec<String> = ctx
        .profiles
        .iter()
        .filter(|p| !p.duties.is_empty())
        .flat_map(|p| p.binds_to.iter().cloned())
        .collect();
    let scope_code: Option<String> = match ctx.scope.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(q) if crate::domain::division::parse_code(q).is_some() => Some(q.to_string()),
        Some(q) => Some(resolve_in_index(&mut search_index(store)?, q)?),
    };
    // The scope's own part of the tree too: a scope no duty binds to reports that it has none.
    let mut prefixes = binds;
    prefixes.extend(scope_code.iter().cloned());
    let net = store.load_coverage_within(&prefixes)?;
    let scopes = match scope_code {
        Some(code) => vec![net.tree.find(&code).ok_or_else(|| Error::UnknownScope {
            query: code.clone(),
            hints: vec![],
        })?],
        None => net.tree.roots().collect(),
    };
    let prefixes: Vec<String> = scopes
        .iter()
        .map(|s| net.tree.node(*s).code_str())
        .collect();
    let records = store.duty_records(&prefixes)?;
    Ok((net, scopes, records))
}

/// `sgz report duties`.
pub fn report_duties(ctx: &Ctx, a: &DutiesArgs) -> Result<()> {
    let as_of = match &a.as_of {
        Some(s) => parse_date(s)?,
        None => ctx.today,
    };
    let mut store = ctx.open_for_reading()?;
    super::say_next_step(&store, ctx.lang)?;
    let (net, scopes, records) = load(ctx, &mut store)?;
    let idx = duties::index(&records);
    let instances: Vec<_> = scopes
        .iter()
        .flat_map(|s| duties::expand(&ctx.profiles, &net, *s, &idx, as_of))
        .collect();
    let scope = match scopes.as_slice() {
        [one] => {
            let node = net.tree.node(*one);
            (node.code_str(), node.name.to_string())
        }
        _ => (
            String::new(),
            crate::i18n::cli::ALL_DIVISIONS.get(ctx.lang).to_string(),
        ),
    };
    let r = report::Report {
        as_of,
        scope,
        net: &net,
        blocks: report::blocks(instances),
    };
    let text = match Format::from(a.format) {
        Format::Table => report::table(&r, ctx.lang),
        Format::Md => report::markdown(&r, ctx.lang),
        Format::Json => crate::io::encoding::json_pretty(&report::json(&r))?,
        Format::Csv => report::csv(&r, ctx.lang)?,
        f => {
            let format = format!("{f:?}").to_lowercase();
            return Err(Error::Invalid(
                msg::FORMATS.fill(ctx.lang, &[("format", &format)]),
            ));
        }
    };
    out(a.output.as_deref(), text.as_bytes())
}

/// What an import would write: the marks, and how many rows were left as they were.
#[derive(Debug, Default)]
pub struct DutyPlan {
    pub marks: Vec<DutyMark>,
    pub unchanged: usize,
    /// One line per mark: who, what, old -> new.
    pub lines: Vec<String>,
}

/// What a duties sheet is checked against.
pub struct DutySheet<'a> {
    pub net: &'a Network,
    pub profiles: &'a [Profile],
    pub records: &'a [Receipt],
    pub today: NaiveDate,
    pub lang: Lang,
}

/// A date as typed or as Excel saves it (2022-01-05, 2022/1/5, 2022.1.5); four-digit years.
fn parse_received(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // "2022-01-05 00:00:00" as some spreadsheets write a date cell.
    let s = s.split_once(' ').map_or(s, |(d, _)| d);
    super::staff::parse_loose_date(s)
}

impl DutySheet<'_> {
    /// Check every row; all good rows become marks, or every bad row is reported.
    pub fn plan(&self, file: &str, rows: &[RawRow]) -> Result<DutyPlan> {
        let lang = self.lang;
        let mut rows = rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
        let Some(header) = rows.next() else {
            return Err(Error::Invalid(
                msg::IMPORT_NO_COLUMN.fill(lang, &[("file", &file), ("column", &"policy")]),
            ));
        };
        // The ids, the Chinese headers or the bilingual form (`io::headers`).
        let col = |name: &str| {
            header
                .cells
                .iter()
                .position(|c| crate::io::headers::Sheet::Duties.column_id(c) == name)
        };
        let mut cols = HashMap::new();
        for name in [
            "policy",
            "duty",
            "owner_code",
            "period",
            "received",
            "version",
        ] {
            let k = col(name).ok_or_else(|| {
                Error::Invalid(
                    msg::IMPORT_NO_COLUMN.fill(lang, &[("file", &file), ("column", &name)]),
                )
            })?;
            cols.insert(name, k);
        }
        let note_col = col("note");
        let stored: HashMap<(&str, &str, &str, &str), &Receipt> = duties::index(self.records);
        let mut errors = Vec::new();
        let mut plan = DutyPlan::default();
        let mut seen: HashMap<(String, String, String, String), String> = HashMap::new();
        let mut owners_of: HashMap<(String, String), Vec<duties::Owner>> = HashMap::new();
        for row in rows {
            let place = &row.place;
            match self.row(row, &cols, note_col, &stored, &mut owners_of) {
                Err(e) => errors.push(e),
                Ok(None) => plan.unchanged += 1,
                Ok(Some((mark, line))) => {
                    let key = (
                        mark.policy.clone(),
                        mark.duty.clone(),
                        mark.owner.clone(),
                        mark.period.clone(),
                    );
                    if let Some(first) = seen.get(&key) {
                        errors.push(msg::IMPORT_TWICE.fill(
                            lang,
                            &[
                                ("place", place),
                                ("owner", &mark.owner),
                                ("duty", &mark.duty),
                                ("period", &mark.period),
                                ("first", first),
                            ],
                        ));
                        continue;
                    }
                    let line_no = place.rsplit([':', ' ']).next().unwrap_or("").to_string();
                    seen.insert(key, line_no);
                    plan.marks.push(mark);
                    plan.lines.push(line);
                }
            }
        }
        if errors.is_empty() {
            Ok(plan)
        } else {
            Err(Error::Rows(errors))
        }
    }

    #[allow(clippy::type_complexity)]
    fn row(
        &self,
        row: &RawRow,
        cols: &HashMap<&str, usize>,
        note_col: Option<usize>,
        stored: &HashMap<(&str, &str, &str, &str), &Receipt>,
        owners_of: &mut HashMap<(String, String), Vec<duties::Owner>>,
    ) -> std::result::Result<Option<(DutyMark, String)>, String> {
        let lang = self.lang;
        let place = row.place.as_str();
        let cell = |name: &str| -> &str {
            cols.get(name)
                .and_then(|k| row.cells.get(*k))
                .map(|c| c.trim())
                .unwrap_or("")
        };
        for (name, v) in [
            ("policy", cell("policy")),
            ("duty", cell("duty")),
            ("owner_code", cell("owner_code")),
            ("period", cell("period")),
            ("received", cell("received")),
        ] {
            if let Some(m) = crate::io::encoding::unsafe_cell(name, v, lang) {
                return Err(format!("{place}: {m}"));
            }
        }
        let (policy, duty_id, owner, period_text) = (
            cell("policy"),
            cell("duty"),
            cell("owner_code"),
            cell("period"),
        );
        let unknown = || {
            msg::IMPORT_UNKNOWN_DUTY.fill(
                lang,
                &[("place", &place), ("policy", &policy), ("duty", &duty_id)],
            )
        };
        let profile = self
            .profiles
            .iter()
            .find(|p| p.id == policy)
            .ok_or_else(unknown)?;
        let duty = profile
            .duties
            .iter()
            .find(|d| d.id == duty_id)
            .ok_or_else(unknown)?;
        let period = Period::parse(period_text)
            .filter(|p| duty.has_period(*p))
            .ok_or_else(|| {
                msg::IMPORT_BAD_PERIOD.fill(lang, &[("place", &place), ("value", &period_text)])
            })?;
        if period.start(duty) > self.today {
            return Err(msg::IMPORT_NOT_BEGUN.fill(
                lang,
                &[
                    ("place", &place),
                    ("period", &period_text),
                    ("today", &self.today),
                ],
            ));
        }
        let not_owed = || {
            msg::IMPORT_NOT_OWED.fill(
                lang,
                &[
                    ("place", &place),
                    ("owner", &owner),
                    ("duty", &duty_id),
                    ("period", &period_text),
                ],
            )
        };
        let node = self.net.tree.find(owner).ok_or_else(not_owed)?;
        let list = owners_of
            .entry((profile.id.clone(), duty.id.clone()))
            .or_insert_with(|| {
                self.net
                    .tree
                    .roots()
                    .flat_map(|r| owners(duty, profile, self.net, r))
                    .collect()
            });
        let o = list.iter().find(|o| o.node == node).ok_or_else(not_owed)?;
        if !owner_periods(duty, o, self.today).contains(&period) {
            return Err(not_owed());
        }
        let received_text = cell("received");
        let received = if received_text.is_empty() {
            None
        } else {
            Some(parse_received(received_text).ok_or_else(|| {
                msg::IMPORT_BAD_DATE.fill(lang, &[("place", &place), ("value", &received_text)])
            })?)
        };
        let version_text = cell("version");
        let version: i64 = if version_text.is_empty() {
            0
        } else {
            version_text.parse().map_err(|_| {
                msg::IMPORT_BAD_VERSION.fill(lang, &[("place", &place), ("value", &version_text)])
            })?
        };
        let note_text = note_col
            .and_then(|k| row.cells.get(k))
            .map(|c| c.trim())
            .unwrap_or("");
        if let Some(m) = crate::io::encoding::unsafe_cell("note", note_text, lang) {
            return Err(format!("{place}: {m}"));
        }
        let code = self.net.tree.node(node).code_str();
        let label = period.label();
        let now = stored
            .get(&(
                profile.id.as_str(),
                duty.id.as_str(),
                code.as_str(),
                label.as_str(),
            ))
            .copied();
        let (db_received, db_note, db_version) = now
            .map(|r| (r.received, r.note.clone(), r.version))
            .unwrap_or((None, None, 0));
        // A note column the clerk left out of the sheet keeps the stored note.
        let note = match note_col {
            Some(_) if note_text.is_empty() => None,
            Some(_) => Some(note_text.to_string()),
            None => db_note.clone(),
        };
        if received == db_received && note == db_note {
            return Ok(None);
        }
        let shown = |d: Option<NaiveDate>| {
            d.map(|d| d.to_string())
                .unwrap_or_else(|| msg::EMPTY.get(lang).to_string())
        };
        if version != db_version {
            return Err(msg::IMPORT_STALE.fill(
                lang,
                &[
                    ("place", &place),
                    ("owner", &code),
                    ("duty", &duty.id),
                    ("period", &label),
                    ("file", &shown(received)),
                    ("v", &version),
                    ("db", &shown(db_received)),
                    ("now", &db_version),
                ],
            ));
        }
        let Some(date) = received else {
            return Err(
                msg::IMPORT_CLEAR.fill(lang, &[("place", &place), ("db", &shown(db_received))])
            );
        };
        if date > self.today {
            return Err(msg::IMPORT_FUTURE.fill(
                lang,
                &[("place", &place), ("date", &date), ("today", &self.today)],
            ));
        }
        let start = period.start(duty);
        if date < start {
            return Err(msg::IMPORT_BEFORE_START.fill(
                lang,
                &[("place", &place), ("date", &date), ("start", &start)],
            ));
        }
        let line = msg::IMPORT_LINE.fill(
            lang,
            &[
                ("owner", &code),
                ("duty", &duty.id),
                ("period", &label),
                ("old", &shown(db_received)),
                ("new", &date),
            ],
        );
        Ok(Some((
            DutyMark {
                policy: profile.id.clone(),
                duty: duty.id.clone(),
                owner: code,
                period: label,
                received: Some(date),
                note,
                seen_version: db_version,
            },
            line,
        )))
    }
}

/// `sgz import duties FILE`: check every row, then record every changed one in one audited
/// transaction, or nothing. With `dry_run`, say what would change and write nothing.
pub fn import_duties(ctx: &Ctx, path: &Path, dry_run: bool) -> Result<usize> {
    // A path, or `-` for standard input (an import through the SSH forced command).
    let (name, bytes) = super::input::read(path)?;
    let file = if name == "-" {
        name
    } else {
        path.display().to_string()
    };
    let (rows, encoding) = report::read_sheet(&file, &bytes)?;
    let mut store = if dry_run {
        ctx.open_for_reading()?
    } else {
        ctx.open()?
    };
    let binds: Vec<String> = ctx
        .profiles
        .iter()
        .flat_map(|p| p.binds_to.iter().cloned())
        .collect();
    let net = store.load_coverage_within(&binds)?;
    let records = store.duty_records(&[])?;
    let sheet = DutySheet {
        net: &net,
        profiles: &ctx.profiles,
        records: &records,
        today: ctx.today,
        lang: ctx.lang,
    };
    let plan = sheet.plan(&file, &rows)?;
    let n = plan.marks.len();
    let mut text = plan.lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    if dry_run {
        out(None, text.as_bytes())?;
        crate::say!(
            "{}",
            msg::IMPORT_DRY_RUN.fill(
                ctx.lang,
                &[
                    ("file", &file),
                    ("encoding", &encoding),
                    ("n", &n),
                    ("same", &plan.unchanged)
                ]
            )
        );
        return Ok(0);
    }
    let actor = ctx.actor(&store)?;
    if n > 0 {
        // The plan checked every version; one that moved since (another writer between the
        // plan and the write) refuses the whole file in the duties' words.
        store
            .mark_duties(&actor, &plan.marks, "import_duties")
            .map_err(|e| match e {
                Error::Conflict { ours, theirs } => Error::Invalid(msg::CHANGED.fill(
                    ctx.lang,
                    &[("what", &file), ("ours", &ours), ("theirs", &theirs)],
                )),
                e => e,
            })?;
    }
    out(None, text.as_bytes())?;
    crate::say!(
        "{}",
        msg::IMPORTED.fill(
            ctx.lang,
            &[
                ("file", &file),
                ("encoding", &encoding),
                ("n", &n),
                ("same", &plan.unchanged)
            ]
        )
    );
    Ok(n)
}
