//! Reading and checking an imported staff sheet: each row parsed, its site found, its
//! person matched by `staff_id` and `version`, every bad row named. Writes nothing.

use crate::i18n::names::Named;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::domain::network::Network;
use crate::domain::policy::{Profile, RegistrationRule};
use crate::domain::rules::{check_staff, profile_of_site};
use crate::domain::site::Tier;
use crate::domain::staff::{CertLevel, Role, Staff};
use crate::error::{Error, Result};
use crate::i18n::{cli as msg, Lang};

use super::StaffPlan;

/// A date as typed or as Excel and WPS save it: 2021-05-01, 2021/5/1, 2021.5.1 or
/// 2021年5月1日, full-width digits too (four-digit year).
pub fn parse_loose_date(s: &str) -> Option<NaiveDate> {
    crate::domain::calendar::parse_sheet_date(s)
}

/// A yes/no cell: 0/1, true/false, yes/no, 是/否, 有/无; empty is no.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "false" | "no" | "n" | "否" | "无" => Some(false),
        "1" | "true" | "yes" | "y" | "是" | "有" => Some(true),
        _ => None,
    }
}

fn parse_level(s: &str) -> Option<CertLevel> {
    crate::i18n::names::parse_level(s)
}

/// Where a (site, name, hire date) was first seen: stored (as whom) or on a line of the sheet.
#[derive(Clone, Copy)]
enum Seen {
    Stored(i64),
    Line(usize),
}

/// What a staff sheet is checked against.
pub struct StaffSheet<'a> {
    pub net: &'a Network,
    /// Each stored person's version.
    pub versions: &'a HashMap<i64, i64>,
    pub profiles: &'a [Profile],
    pub scope: Option<u32>,
    pub today: NaiveDate,
    pub lang: Lang,
}

impl StaffSheet<'_> {
    /// Parse and check an imported staff sheet. Every bad row is reported as
    /// `file:line: reason` with the physical line (1 = the header, LF or CRLF); any bad row
    /// fails the whole sheet. Rows find their site by `site_id` or `division_code` (an
    /// optional `tier` column must then agree). A row whose `staff_id` is stored updates
    /// that person, if it carries the `version` they still have; one whose values are the
    /// stored ones changes nothing.
    // Long: the header, then one pass over the rows with each check in place (see
    // `parse_row`, `locate_site` and `guard` for the parts that stand alone).
    pub fn plan(&self, file: &str, t: &crate::io::sheet::Table) -> Result<StaffPlan> {
        let (net, lang, today) = (self.net, self.lang, self.today);
        let headers = &t.columns;
        let col = |name: &str| t.col(name);
        let mut missing: Vec<&str> = ["name", "role", "hired"]
            .into_iter()
            .filter(|c| col(c).is_none())
            .collect();
        if col("site_id").is_none() && col("division_code").is_none() {
            missing.push("site_id|division_code");
        }
        if !missing.is_empty() {
            return Err(Error::Parse {
                file: file.into(),
                line: 1,
                msg: {
                    let columns = missing.join(lang.pick("、", ", "));
                    msg::STAFF_MISSING_COLUMNS.fill(lang, &[("columns", &columns)])
                },
            });
        }
        let stored: HashMap<i64, &Staff> = net.staff.iter().map(|p| (p.id, p)).collect();
        let mut seen: HashMap<(i64, String, NaiveDate), Seen> = net
            .staff
            .iter()
            .map(|p| ((p.site_id, p.name.clone(), p.hired), Seen::Stored(p.id)))
            .collect();
        let scope_code = self.scope.map(|s| net.tree.node(s).code_str());
        let year = today.year();

        let mut plan = StaffPlan::default();
        let mut errors = Vec::new();
        let mut ids_seen: HashMap<i64, usize> = HashMap::new();
        for rec in &t.rows {
            let line = rec.line;
            let unsafe_cells: Vec<String> = rec
                .cells
                .iter()
                .enumerate()
                .filter_map(|(k, c)| {
                    let name = t
                        .headers
                        .get(k)
                        .map(|h| crate::domain::text::escape(h).into_owned())
                        .unwrap_or_else(|| format!("#{}", k + 1));
                    crate::io::encoding::unsafe_cell(&name, c, lang)
                })
                .collect();
            if !unsafe_cells.is_empty() {
                errors.push(format!("{file}:{line}: {}", unsafe_cells.join("; ")));
                continue;
            }
            let cells = Cells {
                headers,
                rec: &rec.cells,
            };
            let get = |name: &str| cells.get(name);
            let mut why: Vec<String> = Vec::new();
            let row = parse_row(&cells, lang, &mut why);

            let id_text = crate::domain::text::ascii_digits(get("staff_id")).into_owned();
            let mut file_id = 0;
            let known = if id_text.is_empty() {
                None
            } else {
                match id_text.parse::<i64>() {
                    Ok(id) if id > 0 => {
                        file_id = id;
                        if let Some(l) = ids_seen.insert(id, line) {
                            why.push(msg::STAFF_REPEATS.fill(lang, &[("line", &l)]));
                        }
                        stored.get(&id).copied()
                    }
                    _ => {
                        why.push(msg::STAFF_BAD_ID.fill(lang, &[("id", &format!("{id_text:?}"))]));
                        None
                    }
                }
            };
            let site = locate_site(
                net,
                get("site_id"),
                get("division_code"),
                get("tier"),
                lang,
                &mut why,
            );
            if let (Some(site), Some(code)) = (site, scope_code.as_deref()) {
                if !site.1.starts_with(code) {
                    why.push(
                        msg::STAFF_OUT_OF_SCOPE.fill(lang, &[("site", &site.1), ("code", &code)]),
                    );
                }
            }
            let (Some(site), Some(mut p)) = (site, row.person.clone()) else {
                errors.push(format!("{file}:{line}: {}", why.join("; ")));
                continue;
            };
            p.site_id = site.0;
            // A stored person keeps what the sheet has no column for.
            let p = match known {
                Some(cur) => overlay(cur, &p, &row, year, |c| col(c).is_some()),
                None => {
                    p.training = row.earlier.clone();
                    p.training.remove(&year);
                    if row.training > 0.0 {
                        p.training.insert(year, row.training);
                    }
                    p
                }
            };
            // A row that says what is stored changes nothing: no check, no version needed.
            if known.is_some_and(|cur| cur.changes(&p, year).is_empty()) && why.is_empty() {
                plan.unchanged += 1;
                continue;
            }
            let rule = profile_of_site(net, self.profiles, p.site_id)
                .map(|pr| &pr.registration)
                .unwrap_or(&RegistrationRule::default())
                .clone();
            why.extend(
                check_staff(&p, &rule, today)
                    .into_iter()
                    .map(|e| format!("{}: {}", e.field, crate::i18n::names::field_error(&e, lang))),
            );
            let key = (p.site_id, p.name.clone(), p.hired);
            match seen.get(&key) {
                Some(Seen::Stored(id)) if known.is_some_and(|k| k.id == *id) => {}
                Some(Seen::Stored(_)) => why.push(
                    msg::STAFF_ALREADY_THERE.fill(lang, &[("name", &p.name), ("hired", &p.hired)]),
                ),
                Some(Seen::Line(l)) => why.push(msg::STAFF_REPEATS.fill(lang, &[("line", &l)])),
                None => {}
            }
            seen.entry(key).or_insert(Seen::Line(line));
            if !why.is_empty() {
                errors.push(format!("{file}:{line}: {}", why.join("; ")));
                continue;
            }
            let Some(cur) = known else {
                // A new person keeps the id the file gives (one no one has: a list moved
                // from another database), else gets a new one.
                let mut p = p;
                p.id = file_id;
                plan.adds.push(p);
                continue;
            };
            let now = self.versions.get(&cur.id).copied().unwrap_or(1);
            match guard(cur, p, get("version"), now, year, lang) {
                Ok(u) => plan.updates.push(u),
                Err(why) => errors.push(format!("{file}:{line}: {why}")),
            }
        }
        if !errors.is_empty() {
            let n = errors.len();
            errors.push(msg::STAFF_BAD_ROWS.fill(lang, &[("n", &n)]));
            return Err(Error::Rows(errors));
        }
        if plan.adds.is_empty() && plan.updates.is_empty() && plan.unchanged == 0 {
            return Err(Error::Invalid(
                msg::STAFF_NO_ROWS.fill(lang, &[("file", &file)]),
            ));
        }
        Ok(plan)
    }
}

/// The update a row makes to a stored person, if the row carries the version the person
/// still has (`now`); otherwise why not: no version, or someone changed them since (each
/// differing field, stored value against the file's).
fn guard(
    cur: &Staff,
    new: Staff,
    version: &str,
    now: i64,
    year: i32,
    lang: Lang,
) -> std::result::Result<crate::store::StaffUpdate, String> {
    use crate::domain::text::escape;
    let who = format!("staff_id {} {}", cur.id, escape(&cur.name));
    if version.is_empty() {
        return Err(msg::STAFF_NO_VERSION.fill(lang, &[("who", &who)]));
    }
    let Ok(v) = version.parse::<i64>() else {
        return Err(msg::STAFF_BAD_VERSION.fill(lang, &[("version", &format!("{version:?}"))]));
    };
    if v != now {
        let diffs: Vec<String> = cur
            .changes(&new, year)
            .iter()
            .map(|(f, old, new)| {
                let (old, new) = (escape(old), escape(new));
                msg::STAFF_DIFF.fill(
                    lang,
                    &[
                        ("field", &f),
                        ("old", &format!("{old:?}")),
                        ("new", &format!("{new:?}")),
                    ],
                )
            })
            .collect();
        return Err(msg::STAFF_STALE.fill(
            lang,
            &[
                ("who", &who),
                ("v", &v),
                ("now", &now),
                ("diffs", &diffs.join(lang.pick("；", "; "))),
            ],
        ));
    }
    Ok(crate::store::StaffUpdate {
        old: cur.clone(),
        new,
        base_version: v,
        year,
    })
}

/// A row's values as read; `person` is None when a required one is missing or bad (the
/// reasons are in `why`). The site is found separately.
struct Row {
    person: Option<Staff>,
    training: f64,
    /// Hours of the other years (`training_earlier`).
    earlier: BTreeMap<i32, f64>,
}

/// One record's cells by column id (as `io::sheet` reads them: trimmed, a spreadsheet's
/// formula guard taken off).
struct Cells<'r> {
    headers: &'r [String],
    rec: &'r [String],
}

impl<'r> Cells<'r> {
    fn get(&self, name: &str) -> &'r str {
        self.headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| self.rec.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

// Long: one short block per column of the sheet, read in the export's order.
fn parse_row(cells: &Cells, lang: Lang, why: &mut Vec<String>) -> Row {
    let get = |name: &str| cells.get(name);
    let mut date = |name: &str, required: bool| -> Option<NaiveDate> {
        let v = get(name);
        if v.is_empty() {
            if required {
                why.push(msg::CELL_EMPTY.fill(lang, &[("name", &name)]));
            }
            return None;
        }
        let d = parse_loose_date(v);
        if d.is_none() {
            why.push(
                msg::CELL_NOT_DATE.fill(lang, &[("name", &name), ("value", &format!("{v:?}"))]),
            );
        }
        d
    };
    let birth = date("birth", false);
    let hired = date("hired", true);
    let contract_start = date("contract_start", false);
    let contract_end = date("contract_end", false);
    let cert_passed = date("cert_passed", false);
    let reg_date = date("reg_date", false);
    let reg_expiry = date("reg_expiry", false);
    let departed = date("departed", false);

    let mut number = |name: &str| -> f64 {
        let v = crate::domain::text::ascii_digits(get(name)).into_owned();
        if v.is_empty() {
            return 0.0;
        }
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() => x,
            _ => {
                why.push(
                    msg::CELL_NOT_NUMBER
                        .fill(lang, &[("name", &name), ("value", &format!("{v:?}"))]),
                );
                0.0
            }
        }
    };
    let ce_hours = number("ce_hours");
    let prior_years = number("prior_years");
    let training = number("training_hours_this_year");
    let earlier_text = get("training_earlier");
    let earlier = crate::domain::staff::parse_training(earlier_text).unwrap_or_else(|| {
        why.push(crate::i18n::lists::CELL_NOT_TRAINING.fill(
            lang,
            &[
                ("name", &"training_earlier"),
                ("value", &format!("{earlier_text:?}")),
            ],
        ));
        BTreeMap::new()
    });

    let mut flag = |name: &str| -> bool {
        let v = get(name);
        parse_bool(v).unwrap_or_else(|| {
            why.push(
                msg::CELL_NOT_FLAG.fill(lang, &[("name", &name), ("value", &format!("{v:?}"))]),
            );
            false
        })
    };
    let sw_degree = flag("sw_degree");
    let synthetic = flag("synthetic");

    // A value none of the kind's codes or Chinese names: say which are.
    let unknown = |text: crate::i18n::Text, column: &str, names: Vec<String>| {
        text.fill(
            lang,
            &[
                ("value", &format!("{:?}", get(column))),
                ("names", &names.join(lang.pick("、", ", "))),
            ],
        )
    };
    let role = crate::i18n::names::parse_role(get("role"));
    if role.is_none() {
        let names = Role::ALL
            .iter()
            .map(|r| format!("{}/{}", r.as_str(), r.name_zh()))
            .collect();
        why.push(unknown(msg::STAFF_BAD_ROLE, "role", names));
    }
    let cert_level = parse_level(get("cert_level"));
    if cert_level.is_none() {
        let names = CertLevel::ALL
            .iter()
            .map(|l| format!("{}/{}", l.as_str(), l.name_zh()))
            .collect();
        why.push(unknown(msg::STAFF_BAD_LEVEL, "cert_level", names));
    }
    let person = match (role, cert_level, hired) {
        (Some(role), Some(cert_level), Some(hired)) => Some(Staff {
            id: 0,
            site_id: 0,
            name: get("name").to_string(),
            role,
            birth,
            hired,
            contract_start,
            contract_end,
            cert_level,
            cert_passed,
            reg_date,
            reg_expiry,
            ce_hours,
            training: BTreeMap::new(),
            sw_degree,
            prior_years,
            departed,
            synthetic,
        }),
        _ => None,
    };
    Row {
        person,
        training,
        earlier,
    }
}

/// A stored person with what the sheet says laid over them: each field whose column the
/// sheet has (`has`) takes the sheet's value, the rest stay as stored.
fn overlay(cur: &Staff, p: &Staff, row: &Row, year: i32, has: impl Fn(&str) -> bool) -> Staff {
    let training = row.training;
    let mut n = cur.clone();
    if has("site_id") || has("division_code") {
        n.site_id = p.site_id;
    }
    macro_rules! take {
        ($($f:ident),*) => { $( if has(stringify!($f)) { n.$f = p.$f.clone(); } )* };
    }
    take!(
        name,
        role,
        birth,
        hired,
        contract_start,
        contract_end,
        cert_level,
        cert_passed,
        reg_date,
        reg_expiry,
        ce_hours,
        sw_degree,
        prior_years,
        departed,
        synthetic
    );
    if has("training_hours_this_year") && (training > 0.0 || n.training.contains_key(&year)) {
        n.training.insert(year, training);
    }
    if has("training_earlier") {
        n.training.retain(|y, _| *y == year);
        n.training.extend(
            row.earlier
                .iter()
                .filter(|(y, _)| **y != year)
                .map(|(y, h)| (*y, *h)),
        );
    }
    n
}

/// The site a row names: (id, division code), or None with the reason pushed onto `why`.
fn locate_site<'n>(
    net: &'n Network,
    site_id: &str,
    code: &str,
    tier: &str,
    lang: Lang,
    why: &mut Vec<String>,
) -> Option<(i64, &'n str)> {
    let by_id = if site_id.is_empty() {
        None
    } else {
        match site_id.parse::<i64>().ok().and_then(|id| net.site(id)) {
            Some(s) => Some(s),
            None => {
                why.push(msg::STAFF_NO_SITE_ID.fill(lang, &[("id", &site_id)]));
                return None;
            }
        }
    };
    let by_code = if code.is_empty() {
        None
    } else {
        match net.tree.find(code).and_then(|n| net.site_at(n)) {
            Some(s) => Some(s),
            None => {
                why.push(msg::STAFF_NO_SITE_AT.fill(lang, &[("code", &code)]));
                return None;
            }
        }
    };
    let site = match (by_id, by_code) {
        (Some(a), Some(b)) if a.id != b.id => {
            why.push(msg::STAFF_SITE_MISMATCH.fill(lang, &[("id", &a.id), ("code", &code)]));
            return None;
        }
        (Some(a), _) => a,
        (None, Some(b)) => b,
        (None, None) => {
            why.push(msg::STAFF_NO_SITE.get(lang).to_string());
            return None;
        }
    };
    if !tier.is_empty() {
        let t = Tier::parse(tier).or_else(|| Tier::ALL.into_iter().find(|t| t.name_zh() == tier));
        if t != Some(site.tier) {
            why.push(msg::STAFF_TIER_MISMATCH.fill(
                lang,
                &[
                    ("tier", &format!("{tier:?}")),
                    (
                        "site_tier",
                        &lang.pick(site.tier.name_zh(), site.tier.as_str()),
                    ),
                ],
            ));
            return None;
        }
    }
    Some((site.id, site.division.as_str()))
}
