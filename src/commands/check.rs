//! `sgz check`: the compliance alerts under the scope as a table, JSON or CSV. Wiring and
//! formatting only; the alerts come from `domain::rules`, as they do for the TUI.

use crate::i18n::names::Named;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::cli::{CheckArgs, Format};
use crate::commands::{out, scope_or_root, table_out, Ctx};
use crate::domain::duties;
use crate::domain::network::Network;
use crate::domain::rules::{alerts_under, sort_alerts, Alert, Severity};
use crate::domain::staff::Staff;
use crate::domain::text::escape;
use crate::error::{Error, Result};
use crate::i18n::domain::{self, describe};
use crate::i18n::{cli as msg, Lang};
use crate::io::width::pad;

/// The alerts of a check: the scope (None: every root), the date and the `within` filter.
pub struct Checked {
    pub as_of: NaiveDate,
    pub scope: Option<u32>,
    pub within: Option<u32>,
    pub alerts: Vec<Alert>,
    /// Duties missing or received late (see `domain::duties::alerts`), apart from the site
    /// alerts: they are owed by counties and towns as well as stations.
    pub duties: Vec<DutyAlert>,
}

/// A duty instance `sgz check` raises, in words.
pub struct DutyAlert {
    pub severity: Severity,
    pub missing: bool,
    pub due: NaiveDate,
    pub days_late: i64,
    pub code: String,
    pub name: String,
    pub policy: String,
    pub duty: String,
    pub period: String,
    pub clause: String,
    pub message_zh: String,
    pub message_en: String,
}

impl DutyAlert {
    fn kind(&self) -> &'static str {
        if self.missing {
            "duty_missing"
        } else {
            "duty_late"
        }
    }
    fn kind_name(&self, lang: Lang) -> &'static str {
        if self.missing {
            crate::i18n::duties::KIND_ALERT_MISSING.get(lang)
        } else {
            crate::i18n::duties::KIND_ALERT_LATE.get(lang)
        }
    }
    fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

fn duty_message(net: &Network, i: &duties::Instance, lang: Lang) -> String {
    use crate::i18n::duties as m;
    let owner = net.tree.node(i.owner).name.as_str();
    let label = crate::io::duties::label(i.duty, lang);
    let to = lang.pick(&i.duty.to_zh, &i.duty.to_en);
    let period = i.period.label();
    let due = i.duty.deadline(i.period);
    let days = i.status.days_late();
    match i.status {
        duties::Status::Late { on, .. } => m::ALERT_LATE.fill(
            lang,
            &[
                ("owner", &owner),
                ("label", &label),
                ("period", &period),
                ("due", &due),
                ("to", &to),
                ("received", &on),
                ("days", &days),
            ],
        ),
        _ => m::ALERT_MISSING.fill(
            lang,
            &[
                ("owner", &owner),
                ("label", &label),
                ("period", &period),
                ("due", &due),
                ("to", &to),
                ("days", &days),
            ],
        ),
    }
}

/// The duty alerts under the scope (or every root) as of `today`.
pub fn duty_alerts(
    net: &Network,
    profiles: &[crate::domain::policy::Profile],
    records: &[duties::Receipt],
    scope: Option<u32>,
    today: NaiveDate,
) -> Vec<DutyAlert> {
    let roots: Vec<u32> = match scope {
        Some(s) => vec![s],
        None => net.tree.roots().collect(),
    };
    let idx = duties::index(records);
    let instances: Vec<duties::Instance> = roots
        .into_iter()
        .flat_map(|r| duties::expand(profiles, net, r, &idx, today))
        .collect();
    duties::alerts(&instances, today)
        .iter()
        .map(|i| DutyAlert {
            severity: if matches!(i.status, duties::Status::Missing { .. }) {
                Severity::Critical
            } else {
                Severity::Warning
            },
            missing: matches!(i.status, duties::Status::Missing { .. }),
            due: i.duty.deadline(i.period),
            days_late: i.status.days_late(),
            code: net.tree.node(i.owner).code_str(),
            name: net.tree.node(i.owner).name.to_string(),
            policy: i.profile.id.clone(),
            duty: i.duty.id.clone(),
            period: i.period.label(),
            clause: i.duty.cite.clause.clone(),
            message_zh: duty_message(net, i, Lang::Zh),
            message_en: duty_message(net, i, Lang::En),
        })
        .collect()
}

/// Alerts under `scope` (or every root) on `today`, keeping those due within `within` days
/// (overdue and undated ones always stay).
pub fn collect(net: &Network, ctx: &Ctx, scope: Option<u32>, within: Option<u32>) -> Checked {
    let roots: Vec<u32> = match scope {
        Some(s) => vec![s],
        None => net.tree.roots().collect(),
    };
    let mut alerts: Vec<Alert> = roots
        .into_iter()
        .flat_map(|r| alerts_under(net, &ctx.profiles, r, ctx.today))
        .collect();
    if scope.is_none() {
        sort_alerts(&mut alerts);
    }
    if let Some(days) = within {
        alerts.retain(|a| a.days_left.is_none_or(|d| d <= days as i64));
    }
    Checked {
        as_of: ctx.today,
        scope,
        within,
        alerts,
        duties: Vec::new(),
    }
}

pub fn run(ctx: &Ctx, a: &CheckArgs) -> Result<()> {
    let store = ctx.open()?;
    super::say_next_step(&store, ctx.lang)?;
    let net = store.load_network()?;
    let scope = scope_or_root(&net, ctx.scope.as_deref())?;
    let reader = ctx.reader(&store)?;
    let mut c = collect(&net, ctx, scope, a.within);
    // A person's alert names them: only within the reader's grant.
    c.alerts
        .retain(|x| x.staff_id.is_none() || reader.may_read_personal(&x.code));
    c.duties = duty_alerts(&net, &ctx.profiles, &net.duties, scope, ctx.today);
    let text = match Format::from(a.format) {
        Format::Table => table(&net, &c, ctx.lang),
        Format::Json => crate::io::encoding::json_pretty(&to_json(&net, &c))?,
        Format::Csv => csv(&net, &c, ctx.lang)?,
        f => {
            let format = format!("{f:?}").to_lowercase();
            return Err(Error::Invalid(
                crate::i18n::cli::CHECK_FORMATS.fill(ctx.lang, &[("format", &format)]),
            ));
        }
    };
    out(a.output.as_deref(), text.as_bytes())
}

fn staff_index(net: &Network) -> HashMap<i64, &Staff> {
    net.staff.iter().map(|p| (p.id, p)).collect()
}

fn counts(alerts: &[Alert]) -> [usize; 3] {
    let mut c = [0usize; 3];
    for a in alerts {
        c[a.severity as usize] += 1;
    }
    c
}

fn days_text(due: Option<NaiveDate>, days: Option<i64>, lang: Lang) -> String {
    match days {
        None => String::new(),
        Some(n) => domain::days_to(due, n, lang),
    }
}

fn scope_label(net: &Network, c: &Checked, lang: Lang) -> String {
    match c.scope {
        Some(s) => {
            let n = net.tree.node(s);
            format!("{} ({})", escape(&n.name), n.code_str())
        }
        None => msg::ALL_DIVISIONS.get(lang).into(),
    }
}

pub fn table(net: &Network, c: &Checked, lang: Lang) -> String {
    let mut s = String::new();
    let scope = scope_label(net, c, lang);
    let within = c
        .within
        .map(|d| msg::CHECK_WITHIN.fill(lang, &[("days", &d)]))
        .unwrap_or_default();
    let synthetic = if net.synthetic {
        format!("  {}", crate::i18n::common::SYNTHETIC_NOTE.get(lang))
    } else {
        String::new()
    };
    let _ = writeln!(
        s,
        "{}",
        msg::CHECK_TITLE.fill(
            lang,
            &[
                ("scope", &scope),
                ("as_of", &c.as_of),
                ("within", &within),
                ("synthetic", &synthetic)
            ]
        )
    );
    let k = counts(&c.alerts);
    let _ = writeln!(
        s,
        "{}",
        Severity::ALL
            .iter()
            .map(|v| format!(
                "{} {} {}",
                v.glyph(),
                lang.pick(v.name_zh(), v.name_en()),
                k[*v as usize]
            ))
            .chain([msg::CHECK_TOTAL.fill(lang, &[("n", &c.alerts.len())])])
            .collect::<Vec<_>>()
            .join(" · ")
    );
    if c.alerts.is_empty() {
        let _ = writeln!(s, "{}", msg::NO_ALERTS.get(lang));
    }
    let people = staff_index(net);
    for a in &c.alerts {
        let site = net.site(a.site_id).map(|x| x.name.as_str()).unwrap_or("");
        let person = a
            .staff_id
            .and_then(|id| people.get(&id))
            .map(|p| p.name.as_str())
            .unwrap_or("");
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{} {} {} {} {} {} {} {} {}",
            a.severity.glyph(),
            pad(
                lang.pick(a.severity.name_zh(), a.severity.name_en()),
                lang.pick(4, 8)
            ),
            pad(
                &a.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                10
            ),
            pad(&days_text(a.due, a.days_left, lang), lang.pick(12, 15)),
            pad(
                lang.pick(a.kind.name_zh(), a.kind.name_en()),
                lang.pick(12, 20)
            ),
            pad(&escape(&a.code), 12),
            pad(&escape(site), 30),
            pad(&escape(person), 8),
            escape(&a.cite.clause)
        );
        let _ = writeln!(s, "    {}", escape(&describe(&a.fact, lang)));
    }
    duty_table(c, lang, &mut s);
    s
}

fn duty_table(c: &Checked, lang: Lang, s: &mut String) {
    if c.duties.is_empty() {
        return;
    }
    let missing = c.duties.iter().filter(|d| d.missing).count();
    let late = c.duties.len() - missing;
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}",
        crate::i18n::duties::CHECK_TITLE.fill(lang, &[("missing", &missing), ("late", &late)])
    );
    for d in &c.duties {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{} {} {} {} {} {} {} {} {}",
            d.severity.glyph(),
            pad(
                lang.pick(d.severity.name_zh(), d.severity.name_en()),
                lang.pick(4, 8)
            ),
            pad(&d.due.to_string(), 10),
            pad(
                &days_text(Some(d.due), Some(-d.days_late), lang),
                lang.pick(12, 15)
            ),
            pad(d.kind_name(lang), lang.pick(12, 20)),
            pad(&d.code, 12),
            pad(&escape(&d.name), 30),
            pad(&d.period, 10),
            escape(&d.clause)
        );
        let _ = writeln!(s, "    {}", escape(d.message(lang)));
    }
}

fn alert_json(net: &Network, people: &HashMap<i64, &Staff>, a: &Alert) -> Value {
    let site = net.site(a.site_id);
    let person = a.staff_id.and_then(|id| people.get(&id));
    json!({
        "severity": a.severity.as_str(),
        "kind": a.kind.as_str(),
        "kind_zh": a.kind.name_zh(),
        "kind_en": a.kind.name_en(),
        "due": a.due.map(|d| d.to_string()),
        "days_left": a.days_left,
        "site_id": a.site_id,
        "site_name": site.map(|s| s.name.as_str()),
        "tier": site.map(|s| s.tier.as_str()),
        "code": a.code,
        "division_name": net.tree.node(a.node).name.as_str(),
        "staff_id": a.staff_id,
        "staff_name": person.map(|p| p.name.as_str()),
        "role": person.map(|p| p.role.as_str()),
        "policy": a.policy,
        "clause": a.cite.clause,
        "rule_zh": a.cite.zh,
        "rule_en": a.cite.en,
        "message_zh": describe(&a.fact, Lang::Zh),
        "message_en": describe(&a.fact, Lang::En),
    })
}

pub fn to_json(net: &Network, c: &Checked) -> Value {
    let people = staff_index(net);
    let k = counts(&c.alerts);
    json!({
        "as_of": c.as_of.to_string(),
        "scope": c.scope.map(|s| json!({"code": net.tree.node(s).code_str(), "name": net.tree.node(s).name.as_str()})),
        "within_days": c.within,
        "synthetic": net.synthetic,
        "count": c.alerts.len(),
        "counts": {"critical": k[0], "warning": k[1], "info": k[2]},
        "alerts": c.alerts.iter().map(|a| alert_json(net, &people, a)).collect::<Vec<_>>(),
        "duty_counts": {
            "missing": c.duties.iter().filter(|d| d.missing).count(),
            "late": c.duties.iter().filter(|d| !d.missing).count(),
        },
        "duty_alerts": c.duties.iter().map(|d| json!({
            "severity": d.severity.as_str(),
            "kind": d.kind(),
            "kind_zh": d.kind_name(Lang::Zh),
            "kind_en": d.kind_name(Lang::En),
            "due": d.due.to_string(),
            "days_left": -d.days_late,
            "code": d.code,
            "division_name": d.name,
            "policy": d.policy,
            "duty": d.duty,
            "period": d.period,
            "clause": d.clause,
            "message_zh": d.message_zh,
            "message_en": d.message_en,
        })).collect::<Vec<_>>(),
    })
}

pub fn csv(net: &Network, c: &Checked, lang: Lang) -> Result<String> {
    let header = [
        "severity",
        "kind",
        "kind_name",
        "due",
        "days_left",
        "code",
        "division_name",
        "site_id",
        "site_name",
        "staff_id",
        "staff_name",
        "policy",
        "clause",
        "message",
        "synthetic",
    ];
    let people = staff_index(net);
    let mut rows: Vec<Vec<String>> = c
        .alerts
        .iter()
        .map(|a| {
            vec![
                a.severity.as_str().to_string(),
                a.kind.as_str().to_string(),
                lang.pick(a.kind.name_zh(), a.kind.name_en()).to_string(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.days_left.map(|d| d.to_string()).unwrap_or_default(),
                a.code.clone(),
                net.tree.node(a.node).name.to_string(),
                a.site_id.to_string(),
                net.site(a.site_id)
                    .map(|s| s.name.to_string())
                    .unwrap_or_default(),
                a.staff_id.map(|i| i.to_string()).unwrap_or_default(),
                a.staff_id
                    .and_then(|i| people.get(&i))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                a.policy.clone().unwrap_or_default(),
                a.cite.clause.clone(),
                describe(&a.fact, lang),
                (net.synthetic as u8).to_string(),
            ]
        })
        .collect();
    rows.extend(c.duties.iter().map(|d| {
        vec![
            d.severity.as_str().to_string(),
            d.kind().to_string(),
            d.kind_name(lang).to_string(),
            d.due.to_string(),
            (-d.days_late).to_string(),
            d.code.clone(),
            d.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            d.policy.clone(),
            d.clause.clone(),
            d.message(lang).to_string(),
            (net.synthetic as u8).to_string(),
        ]
    }));
    table_out(&header, rows, Format::Csv, lang)
}
