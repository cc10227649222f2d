//! Staff export (with each person's next deadline) and import (CSV in the export's columns).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::cli::Format;
use crate::commands::{resolve_scope, table_out, Ctx};
use crate::domain::network::Network;
use crate::domain::policy::{Profile, RegistrationRule};
use crate::domain::rules::{check_staff, next_deadline, person_deadlines, profile_of_site};
use crate::domain::site::Tier;
use crate::domain::staff::{CertLevel, Role, Staff};
use crate::error::{Error, Result};

fn od(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The columns `sgz export staff` writes and `sgz import staff` reads (the last three are
/// computed and ignored on import).
pub const STAFF_COLUMNS: [&str; 23] = [
    "staff_id",
    "site_id",
    "division_code",
    "site_name",
    "name",
    "role",
    "birth",
    "hired",
    "contract_start",
    "contract_end",
    "cert_level",
    "cert_passed",
    "reg_date",
    "reg_expiry",
    "ce_hours",
    "training_hours_this_year",
    "sw_degree",
    "prior_years",
    "departed",
    "synthetic",
    "next_deadline_kind",
    "next_deadline",
    "days_left",
];

pub fn export_staff(
    net: &Network,
    ctx: &Ctx,
    format: Format,
    within: &dyn Fn(&str) -> bool,
) -> Result<String> {
    let year = ctx.today.year();
    let mut rows = Vec::new();
    for p in &net.staff {
        let Some(site) = net.site(p.site_id) else {
            continue;
        };
        if !within(&site.division) {
            continue;
        }
        let ds = person_deadlines(net, &ctx.profiles, p, ctx.today);
        let next = next_deadline(&ds);
        rows.push(vec![
            p.id.to_string(),
            p.site_id.to_string(),
            site.division.to_string(),
            site.name.to_string(),
            p.name.clone(),
            p.role.as_str().into(),
            od(p.birth),
            p.hired.to_string(),
            od(p.contract_start),
            od(p.contract_end),
            p.cert_level.as_str().into(),
            od(p.cert_passed),
            od(p.reg_date),
            od(p.reg_expiry),
            p.ce_hours.to_string(),
            p.training_hours(year).to_string(),
            (p.sw_degree as u8).to_string(),
            p.prior_years.to_string(),
            od(p.departed),
            (p.synthetic as u8).to_string(),
            next.map(|d| d.kind.as_str().to_string())
                .unwrap_or_default(),
            od(next.and_then(|d| d.due)),
            next.and_then(|d| d.days_left)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ]);
    }
    table_out(&STAFF_COLUMNS, rows, format)
}

/// `sgz import staff FILE`: read, check every row, then add all of them in one audited
/// transaction, or nothing.
pub fn import_staff(ctx: &Ctx, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, encoding) = crate::io::text::decode(&bytes);
    let mut store = ctx.open()?;
    let net = store.load_network()?;
    let scope = ctx
        .scope
        .as_deref()
        .map(|s| resolve_scope(&net.tree, s))
        .transpose()?;
    let file = path.display().to_string();
    let people = parse_staff_csv(&file, &text, &net, &ctx.profiles, scope, ctx.today, ctx.en)?;
    let actor = ctx.actor(&store)?;
    let n = store.add_staff_many(&actor, &people, &format!("{file} ({encoding})"))?;
    if ctx.en {
        eprintln!("Imported {n} staff from {file} ({encoding}).");
    } else {
        eprintln!("已从 {file}（{encoding}）导入{n}名工作人员。");
    }
    Ok(())
}

fn say(en: bool, zh: String, en_text: String) -> String {
    if en {
        en_text
    } else {
        zh
    }
}

/// A date as typed or as Excel saves it: 2021-05-01, 2021/5/1 or 2021.5.1.
pub fn parse_loose_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "false" | "no" | "n" | "否" | "无" => Some(false),
        "1" | "true" | "yes" | "y" | "是" | "有" => Some(true),
        _ => None,
    }
}

fn parse_level(s: &str) -> Option<CertLevel> {
    CertLevel::parse(s).or_else(|| {
        CertLevel::ALL
            .into_iter()
            .find(|l| l.short_zh() == s.trim())
    })
}

/// Parse and check an imported staff sheet. Every bad row is reported as `file:line: reason`;
/// any bad row fails the whole sheet. Rows find their site by `site_id` or `division_code`
/// (an optional `tier` column must then agree); a non-empty `staff_id` must not be someone
/// already in the database (the import adds people, it does not edit them).
pub fn parse_staff_csv(
    file: &str,
    text: &str,
    net: &Network,
    profiles: &[Profile],
    scope: Option<u32>,
    today: NaiveDate,
    en: bool,
) -> Result<Vec<Staff>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::Parse {
            file: file.into(),
            line: 1,
            msg: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
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
            msg: say(
                en,
                format!(
                    "缺少列：{}（列名与 sgz export staff 的表头相同）",
                    missing.join("、")
                ),
                format!(
                    "missing columns: {} (use the headers `sgz export staff` writes)",
                    missing.join(", ")
                ),
            ),
        });
    }
    let existing_ids: HashSet<i64> = net.staff.iter().map(|p| p.id).collect();
    let mut seen: HashMap<(i64, String, NaiveDate), usize> = net
        .staff
        .iter()
        .map(|p| ((p.site_id, p.name.clone(), p.hired), 0))
        .collect();
    let national = RegistrationRule::default();
    let scope_code = scope.map(|s| net.tree.node(s).code_str());

    let mut people = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                errors.push(format!("{file}:{line}: {e}"));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |name: &str| {
            col(name)
                .and_then(|i| rec.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut why: Vec<String> = Vec::new();
        let mut date = |name: &str, required: bool| -> Option<NaiveDate> {
            let v = get(name);
            if v.is_empty() {
                if required {
                    why.push(say(en, format!("{name} 为空"), format!("{name} is empty")));
                }
                return None;
            }
            let d = parse_loose_date(v);
            if d.is_none() {
                why.push(say(
                    en,
                    format!("{name} 不是有效日期：{v:?}（应为 YYYY-MM-DD）"),
                    format!("{name} is not a valid date: {v:?} (expected YYYY-MM-DD)"),
                ));
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
            let v = get(name);
            if v.is_empty() {
                return 0.0;
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => x,
                _ => {
                    why.push(say(
                        en,
                        format!("{name} 不是数字：{v:?}"),
                        format!("{name} is not a number: {v:?}"),
                    ));
                    0.0
                }
            }
        };
        let ce_hours = number("ce_hours");
        let prior_years = number("prior_years");
        let training_now = number("training_hours_this_year");

        let mut flag = |name: &str| -> bool {
            let v = get(name);
            parse_bool(v).unwrap_or_else(|| {
                why.push(say(
                    en,
                    format!("{name} 应为 0/1 或 是/否：{v:?}"),
                    format!("{name} should be 0/1 or yes/no: {v:?}"),
                ));
                false
            })
        };
        let sw_degree = flag("sw_degree");
        let synthetic = flag("synthetic");

        let role = Role::parse(get("role"));
        if role.is_none() {
            let names: Vec<String> = Role::ALL
                .iter()
                .map(|r| format!("{}/{}", r.as_str(), r.name_zh()))
                .collect();
            why.push(say(
                en,
                format!("未知岗位 {:?}（可用：{}）", get("role"), names.join("、")),
                format!(
                    "unknown role {:?} (one of {})",
                    get("role"),
                    names.join(", ")
                ),
            ));
        }
        let cert_level = parse_level(get("cert_level"));
        if cert_level.is_none() {
            let names: Vec<String> = CertLevel::ALL
                .iter()
                .map(|l| format!("{}/{}", l.as_str(), l.name_zh()))
                .collect();
            why.push(say(
                en,
                format!(
                    "未知证书等级 {:?}（可用：{}）",
                    get("cert_level"),
                    names.join("、")
                ),
                format!(
                    "unknown certificate level {:?} (one of {})",
                    get("cert_level"),
                    names.join(", ")
                ),
            ));
        }

        let id_text = get("staff_id");
        if !id_text.is_empty() {
            match id_text.parse::<i64>() {
                Ok(id) if existing_ids.contains(&id) => why.push(say(
                    en,
                    format!("staff_id {id} 已在数据库中：导入只新增人员，修改现有人员请在界面中进行（或清空该列）"),
                    format!("staff_id {id} is already in the database: the import adds people; edit existing ones in the TUI (or empty the column)"),
                )),
                Ok(_) => {}
                Err(_) => why.push(say(en, format!("staff_id 不是整数：{id_text:?}"), format!("staff_id is not a whole number: {id_text:?}"))),
            }
        }

        let site = locate_site(
            net,
            get("site_id"),
            get("division_code"),
            get("tier"),
            en,
            &mut why,
        );
        if let (Some(site), Some(code)) = (site, scope_code.as_deref()) {
            if !site.1.starts_with(code) {
                why.push(say(
                    en,
                    format!("站点 {} 不在范围 {code} 内", site.1),
                    format!("the site {} is outside the scope {code}", site.1),
                ));
            }
        }

        let (Some(site), Some(role), Some(cert_level), Some(hired)) =
            (site, role, cert_level, hired)
        else {
            errors.push(format!("{file}:{line}: {}", why.join("; ")));
            continue;
        };
        let mut training = BTreeMap::new();
        if training_now > 0.0 {
            training.insert(today.year(), training_now);
        }
        let p = Staff {
            id: 0,
            site_id: site.0,
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
            training,
            sw_degree,
            prior_years,
            departed,
            synthetic,
        };
        let rule = profile_of_site(net, profiles, p.site_id)
            .map(|pr| &pr.registration)
            .unwrap_or(&national);
        why.extend(
            check_staff(&p, rule, today)
                .into_iter()
                .map(|e| format!("{}: {}", e.field, e.text(en))),
        );
        let key = (p.site_id, p.name.clone(), p.hired);
        match seen.get(&key) {
            Some(0) => why.push(say(
                en,
                format!("{}（{}入职）已在该站点的人员名单中", p.name, p.hired),
                format!(
                    "{} (hired {}) is already on this site's staff",
                    p.name, p.hired
                ),
            )),
            Some(l) => why.push(say(
                en,
                format!("与第{l}行重复"),
                format!("repeats line {l}"),
            )),
            None => {}
        }
        seen.entry(key).or_insert(line);
        if why.is_empty() {
            people.push(p);
        } else {
            errors.push(format!("{file}:{line}: {}", why.join("; ")));
        }
    }
    if !errors.is_empty() {
        let n = errors.len();
        errors.push(say(
            en,
            format!("共{n}行有误，未导入任何记录。"),
            format!("{n} bad rows; nothing was imported."),
        ));
        return Err(Error::Rows(errors));
    }
    if people.is_empty() {
        return Err(Error::Invalid(say(
            en,
            format!("{file} 没有数据行"),
            format!("{file} has no data rows"),
        )));
    }
    Ok(people)
}

/// The site a row names: (id, division code), or None with the reason pushed onto `why`.
fn locate_site<'n>(
    net: &'n Network,
    site_id: &str,
    code: &str,
    tier: &str,
    en: bool,
    why: &mut Vec<String>,
) -> Option<(i64, &'n str)> {
    let by_id = if site_id.is_empty() {
        None
    } else {
        match site_id.parse::<i64>().ok().and_then(|id| net.site(id)) {
            Some(s) => Some(s),
            None => {
                why.push(say(
                    en,
                    format!("没有编号为 {site_id} 的站点"),
                    format!("no site with id {site_id}"),
                ));
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
                why.push(say(
                    en,
                    format!("区划 {code} 没有站点（先建站点，或检查代码）"),
                    format!(
                        "no site at division {code} (create the site first, or check the code)"
                    ),
                ));
                return None;
            }
        }
    };
    let site = match (by_id, by_code) {
        (Some(a), Some(b)) if a.id != b.id => {
            why.push(say(
                en,
                format!("site_id {} 与 division_code {code} 指向不同站点", a.id),
                format!(
                    "site_id {} and division_code {code} name different sites",
                    a.id
                ),
            ));
            return None;
        }
        (Some(a), _) => a,
        (None, Some(b)) => b,
        (None, None) => {
            why.push(say(
                en,
                "site_id 和 division_code 均为空".into(),
                "both site_id and division_code are empty".into(),
            ));
            return None;
        }
    };
    if !tier.is_empty() {
        let t = Tier::parse(tier).or_else(|| Tier::ALL.into_iter().find(|t| t.name_zh() == tier));
        if t != Some(site.tier) {
            why.push(say(
                en,
                format!("tier {tier:?} 与站点层级（{}）不符", site.tier.name_zh()),
                format!(
                    "tier {tier:?} does not match the site's tier ({})",
                    site.tier.as_str()
                ),
            ));
            return None;
        }
    }
    Some((site.id, site.division.as_str()))
}
