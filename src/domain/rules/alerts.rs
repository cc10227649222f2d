//! Compliance alerts per site: staffing, area, civil registration, and the deadlines of its
//! people. Each alert says how serious it is, when it is due, which clause it rests on, and
//! what to do, in Chinese and English.

use chrono::NaiveDate;

use super::{days_en, days_zh, deadlines, Deadline, DeadlineKind, DeadlineStatus, Detail};
use crate::domain::coverage::binding_for;
use crate::domain::division::{Level, Urbanity};
use crate::domain::network::Network;
use crate::domain::policy::{AreaFilter, Cite, Measure, Profile, StaffingRule};
use crate::domain::site::{Site, SiteStatus, Tier};
use crate::domain::staff::{CertLevel, Role, Staff};

/// Most serious first: `Critical < Warning < Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Overdue or a rule broken now.
    Critical,
    /// Due soon, or a qualification rule not met.
    Warning,
    /// Worth knowing: nothing is wrong yet.
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Info];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Critical => "严重",
            Severity::Warning => "预警",
            Severity::Info => "提示",
        }
    }
    pub fn name_en(self) -> &'static str {
        self.as_str()
    }
    pub fn name(self, en: bool) -> &'static str {
        if en {
            self.name_en()
        } else {
            self.name_zh()
        }
    }
    pub fn glyph(self) -> &'static str {
        match self {
            Severity::Critical => "✘",
            Severity::Warning => "⚠",
            Severity::Info => "•",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertKind {
    /// Fewer counted staff than a minimum (MinCount, PerVillages, RoleRequired).
    StaffingShort,
    /// More counted staff than a maximum.
    StaffingOver,
    AreaSmall,
    AreaLarge,
    /// Station not registered as a civil non-enterprise unit by its deadline.
    CivilRegistration,
    /// No certificate by the three-year deadline.
    Uncertified,
    /// Passed but never registered within a year.
    FirstRegistration,
    /// Registration expires within its renewal window.
    RegistrationWindow,
    /// Registration expired.
    RegistrationLapsed,
    /// Contract ends without the certificate renewal needs.
    ContractNoRenewal,
    /// Contract ends soon; renewal is allowed.
    ContractEnding,
    /// Contract term longer than the profile allows.
    ContractTooLong,
    /// Training hours of the year short near its end.
    TrainingShort,
    AgeLimit,
    ExperienceShort,
    QualificationShort,
}

impl AlertKind {
    pub const ALL: [AlertKind; 16] = [
        AlertKind::StaffingShort,
        AlertKind::StaffingOver,
        AlertKind::AreaSmall,
        AlertKind::AreaLarge,
        AlertKind::CivilRegistration,
        AlertKind::Uncertified,
        AlertKind::FirstRegistration,
        AlertKind::RegistrationWindow,
        AlertKind::RegistrationLapsed,
        AlertKind::ContractNoRenewal,
        AlertKind::ContractEnding,
        AlertKind::ContractTooLong,
        AlertKind::TrainingShort,
        AlertKind::AgeLimit,
        AlertKind::ExperienceShort,
        AlertKind::QualificationShort,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "staffing_short",
            AlertKind::StaffingOver => "staffing_over",
            AlertKind::AreaSmall => "area_small",
            AlertKind::AreaLarge => "area_large",
            AlertKind::CivilRegistration => "civil_registration",
            AlertKind::Uncertified => "uncertified",
            AlertKind::FirstRegistration => "first_registration",
            AlertKind::RegistrationWindow => "registration_window",
            AlertKind::RegistrationLapsed => "registration_lapsed",
            AlertKind::ContractNoRenewal => "contract_no_renewal",
            AlertKind::ContractEnding => "contract_ending",
            AlertKind::ContractTooLong => "contract_too_long",
            AlertKind::TrainingShort => "training_short",
            AlertKind::AgeLimit => "age_limit",
            AlertKind::ExperienceShort => "experience_short",
            AlertKind::QualificationShort => "qualification_short",
        }
    }
    pub fn parse(s: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "人员不足",
            AlertKind::StaffingOver => "人员超编",
            AlertKind::AreaSmall => "面积不足",
            AlertKind::AreaLarge => "面积超标",
            AlertKind::CivilRegistration => "未民非登记",
            AlertKind::Uncertified => "逾期未取证",
            AlertKind::FirstRegistration => "证书未登记",
            AlertKind::RegistrationWindow => "登记待续",
            AlertKind::RegistrationLapsed => "登记过期",
            AlertKind::ContractNoRenewal => "不得续聘",
            AlertKind::ContractEnding => "合同将到期",
            AlertKind::ContractTooLong => "合同期过长",
            AlertKind::TrainingShort => "培训学时不足",
            AlertKind::AgeLimit => "年龄不符",
            AlertKind::ExperienceShort => "经验不足",
            AlertKind::QualificationShort => "资质不足",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            AlertKind::StaffingShort => "understaffed",
            AlertKind::StaffingOver => "overstaffed",
            AlertKind::AreaSmall => "office too small",
            AlertKind::AreaLarge => "office too large",
            AlertKind::CivilRegistration => "not registered (民非)",
            AlertKind::Uncertified => "uncertified",
            AlertKind::FirstRegistration => "never registered",
            AlertKind::RegistrationWindow => "re-registration due",
            AlertKind::RegistrationLapsed => "registration lapsed",
            AlertKind::ContractNoRenewal => "renewal barred",
            AlertKind::ContractEnding => "contract ending",
            AlertKind::ContractTooLong => "contract too long",
            AlertKind::TrainingShort => "training short",
            AlertKind::AgeLimit => "over age limit",
            AlertKind::ExperienceShort => "experience short",
            AlertKind::QualificationShort => "level too low",
        }
    }
    pub fn name(self, en: bool) -> &'static str {
        if en {
            self.name_en()
        } else {
            self.name_zh()
        }
    }
    /// Whether the alert is about one person (else about the site).
    pub fn is_personal(self) -> bool {
        !matches!(
            self,
            AlertKind::StaffingShort
                | AlertKind::StaffingOver
                | AlertKind::AreaSmall
                | AlertKind::AreaLarge
                | AlertKind::CivilRegistration
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub severity: Severity,
    pub kind: AlertKind,
    pub site_id: i64,
    pub staff_id: Option<i64>,
    /// Tree node of the site's division.
    pub node: u32,
    /// Division code of the site.
    pub code: String,
    /// Id of the profile the rule comes from (None: national rules).
    pub policy: Option<String>,
    pub due: Option<NaiveDate>,
    pub days_left: Option<i64>,
    /// The rule: clause and what it says.
    pub cite: Cite,
    /// What is wrong and what to do.
    pub zh: String,
    pub en: String,
}

impl Alert {
    pub fn text(&self, en: bool) -> &str {
        if en {
            &self.en
        } else {
            &self.zh
        }
    }
}

/// Every alert for the sites under `scope_node` (itself included) on `today`, most serious
/// first, then by due date (undated last), division code and person.
pub fn alerts_under(
    net: &Network,
    profiles: &[Profile],
    scope_node: u32,
    today: NaiveDate,
) -> Vec<Alert> {
    let mut out = Vec::new();
    for (node, site) in net.sites_under(scope_node) {
        let profile = binding_for(net, profiles, node).map(|(p, _)| p);
        collect(net, profile, site, node, today, &mut out);
    }
    sort_alerts(&mut out);
    out
}

/// The alerts of one site (and its people) under `profile`, sorted like `alerts_under`.
pub fn site_alerts(
    net: &Network,
    profile: Option<&Profile>,
    site: &Site,
    node: u32,
    today: NaiveDate,
) -> Vec<Alert> {
    let mut out = Vec::new();
    collect(net, profile, site, node, today, &mut out);
    sort_alerts(&mut out);
    out
}

/// Most serious first, then by due date (undated last), division code, person and kind.
pub fn sort_alerts(v: &mut [Alert]) {
    v.sort_by(|a, b| {
        (
            a.severity,
            a.due.is_none(),
            a.due,
            &a.code,
            a.staff_id,
            a.kind,
        )
            .cmp(&(
                b.severity,
                b.due.is_none(),
                b.due,
                &b.code,
                b.staff_id,
                b.kind,
            ))
    });
}

/// What every alert of one site shares.
struct At<'a> {
    site: &'a Site,
    node: u32,
    policy: Option<&'a str>,
    today: NaiveDate,
}

impl At<'_> {
    #[allow(clippy::too_many_arguments)]
    fn alert(
        &self,
        severity: Severity,
        kind: AlertKind,
        staff_id: Option<i64>,
        due: Option<NaiveDate>,
        cite: &Cite,
        zh: String,
        en: String,
    ) -> Alert {
        Alert {
            severity,
            kind,
            site_id: self.site.id,
            staff_id,
            node: self.node,
            code: self.site.division.clone(),
            policy: self.policy.map(String::from),
            due,
            days_left: due.map(|d| (d - self.today).num_days()),
            cite: cite.clone(),
            zh,
            en,
        }
    }
}

fn collect(
    net: &Network,
    profile: Option<&Profile>,
    site: &Site,
    node: u32,
    today: NaiveDate,
    out: &mut Vec<Alert>,
) {
    let at = At {
        site,
        node,
        policy: profile.map(|p| p.id.as_str()),
        today,
    };
    let people: Vec<&Staff> = net
        .staff_of(site.id)
        .filter(|p| p.active_on(today))
        .collect();
    if let Some(profile) = profile {
        if site
            .status_on(today)
            .is_some_and(SiteStatus::is_established)
        {
            staffing(net, profile, &at, &people, out);
            area(profile, &at, out);
            civil_registration(net, profile, &at, out);
        }
    }
    for p in people {
        let ds = deadlines(profile, p, today);
        for d in &ds {
            personal(&at, p, d, &ds, out);
        }
    }
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn excluded(roles: &[Role]) -> (String, String) {
    if roles.is_empty() {
        return (String::new(), String::new());
    }
    let zh: Vec<&str> = roles.iter().map(|r| r.name_zh()).collect();
    let en: Vec<&str> = roles.iter().map(|r| r.name_en()).collect();
    (
        format!("（不含{}）", zh.join("、")),
        format!(" (not counting the {})", en.join(" or ")),
    )
}

fn staffing(net: &Network, profile: &Profile, at: &At, people: &[&Staff], out: &mut Vec<Alert>) {
    let site = at.site;
    let counted = |ex: &[Role]| people.iter().filter(|p| !ex.contains(&p.role)).count() as u32;
    for rule in &profile.staffing {
        match rule {
            StaffingRule::MinCount {
                min,
                counties,
                tier,
                exclude_roles,
                cite,
            } => {
                if site.tier != tier.unwrap_or(Tier::Station)
                    || (!counties.is_empty()
                        && !counties
                            .iter()
                            .any(|c| site.division.starts_with(c.as_str())))
                {
                    continue;
                }
                let n = counted(exclude_roles);
                if n < *min {
                    let (xz, xe) = excluded(exclude_roles);
                    let short = min - n;
                    out.push(at.alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        None,
                        None,
                        cite,
                        format!("在岗{n}人{xz}，少于规定的{min}人：需补充{short}人"),
                        format!("{n} on post{xe}, below the minimum of {min}: add {short}"),
                    ));
                }
            }
            StaffingRule::MaxCount {
                max,
                exclude_roles,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let n = counted(exclude_roles);
                if n > *max {
                    let (xz, xe) = excluded(exclude_roles);
                    out.push(at.alert(
                        Severity::Warning,
                        AlertKind::StaffingOver,
                        None,
                        None,
                        cite,
                        format!("在岗{n}人{xz}，超过规定的{max}人：核定人员配置"),
                        format!("{n} on post{xe}, above the maximum of {max}: review the staffing"),
                    ));
                }
            }
            StaffingRule::PerVillages {
                villages,
                floor,
                exclude_roles,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let v = net
                    .tree
                    .children(at.node)
                    .filter(|&c| net.tree.node(c).level == Level::Village)
                    .count() as u32;
                let required = if *villages == 0 {
                    *floor
                } else {
                    v.div_ceil(*villages).max(*floor)
                };
                let n = counted(exclude_roles);
                if n < required {
                    let (xz, xe) = excluded(exclude_roles);
                    let short = required - n;
                    out.push(at.alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        None,
                        None,
                        cite,
                        format!(
                            "辖{v}个村（社区），按每{villages}村1人、不少于{floor}人应配{required}人，在岗{n}人{xz}：需补充{short}人"
                        ),
                        format!(
                            "{v} villages: one worker per {villages}, at least {floor}, makes {required}; {n} on post{xe}: add {short}"
                        ),
                    ));
                }
            }
            StaffingRule::RoleRequired {
                role,
                min,
                min_level,
                cite,
            } => {
                if site.tier != Tier::Station {
                    continue;
                }
                let have = people
                    .iter()
                    .filter(|p| {
                        p.role == *role && min_level.is_none_or(|l| p.certified_on(at.today, l))
                    })
                    .count() as u32;
                if have < *min {
                    let (lz, le) = match min_level {
                        Some(l) => (
                            format!("（持{}及以上证书）", l.name_zh()),
                            format!(" holding the {} certificate or higher", l.name_en()),
                        ),
                        None => (String::new(), String::new()),
                    };
                    let short = min - have;
                    out.push(at.alert(
                        Severity::Critical,
                        AlertKind::StaffingShort,
                        None,
                        None,
                        cite,
                        format!(
                            "应配{}{min}名{lz}，现有{have}名：需配备{short}名",
                            role.name_zh()
                        ),
                        format!(
                            "needs {min} {}{le}, has {have}: appoint {short}",
                            role.name_en()
                        ),
                    ));
                }
            }
        }
    }
}

fn area(profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    let (Some(rule), Some(a), Tier::Station) = (&profile.area, at.site.area_m2, at.site.tier)
    else {
        return;
    };
    if let Some(min) = rule.min_m2.filter(|m| a < *m) {
        out.push(at.alert(
            Severity::Warning,
            AlertKind::AreaSmall,
            None,
            None,
            &rule.cite,
            format!(
                "办公用房{}㎡，小于规定的{}㎡：调整或扩充场所",
                num(a),
                num(min)
            ),
            format!(
                "office of {} m², below the {} m² minimum: find more space",
                num(a),
                num(min)
            ),
        ));
    }
    if let Some(max) = rule.max_m2.filter(|m| a > *m) {
        out.push(at.alert(
            Severity::Warning,
            AlertKind::AreaLarge,
            None,
            None,
            &rule.cite,
            format!(
                "办公用房{}㎡，超过规定的{}㎡：核定用房面积",
                num(a),
                num(max)
            ),
            format!(
                "office of {} m², above the {} m² maximum: review the space",
                num(a),
                num(max)
            ),
        ));
    }
}

fn civil_registration(net: &Network, profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    let site = at.site;
    if site.civil_reg.is_some_and(|r| r <= at.today) {
        return;
    }
    let urbanity = net.tree.node(at.node).urbanity;
    for m in profile
        .milestones
        .iter()
        .filter(|m| m.measure == Measure::CivilRegistration)
    {
        let applies = m.parts.iter().any(|p| {
            p.tier == site.tier
                && match p.filter {
                    AreaFilter::All => true,
                    AreaFilter::Urban => urbanity == Urbanity::Urban,
                    AreaFilter::Rural => urbanity == Urbanity::Rural,
                }
        });
        if !applies {
            continue;
        }
        let days = (m.deadline - at.today).num_days();
        let (severity, zh, en) = if days < 0 {
            (
                Severity::Critical,
                format!("尚未完成民办非企业单位登记（期限{}，已逾期{}天）：督促办理民非登记并明确站长（法人代表）", m.deadline, -days),
                format!(
                    "not registered as a civil non-enterprise unit (due {}, {}): have it registered and its head named legal representative",
                    m.deadline,
                    days_en(days)
                ),
            )
        } else if days <= super::WINDOW_DAYS {
            (
                Severity::Warning,
                format!(
                    "须在{}前完成民办非企业单位登记（{}）：督促办理",
                    m.deadline,
                    days_zh(days)
                ),
                format!(
                    "must be registered as a civil non-enterprise unit by {} ({})",
                    m.deadline,
                    days_en(days)
                ),
            )
        } else {
            continue;
        };
        out.push(at.alert(
            severity,
            AlertKind::CivilRegistration,
            None,
            Some(m.deadline),
            &m.cite,
            zh,
            en,
        ));
    }
}

fn who(p: &Staff) -> (String, String) {
    (
        format!("{}（{}）", p.name, p.role.name_zh()),
        format!("{} ({})", p.name, p.role.name_en()),
    )
}

fn ce_note(all: &[Deadline]) -> (String, String) {
    let ce = all
        .iter()
        .find(|d| d.kind == DeadlineKind::ContinuingEducation);
    match ce.map(|d| &d.detail) {
        Some(Detail::Hours { done, required, .. }) if done < required => (
            format!(
                "；本期继续教育{}/{}学时，尚缺{}学时",
                num(*done),
                num(*required),
                num(required - done)
            ),
            format!(
                "; continuing education {}/{} h, {} short",
                num(*done),
                num(*required),
                num(required - done)
            ),
        ),
        Some(Detail::Hours { done, required, .. }) => (
            format!(
                "；本期继续教育{}/{}学时，已达标",
                num(*done),
                num(*required)
            ),
            format!(
                "; continuing education {}/{} h, enough",
                num(*done),
                num(*required)
            ),
        ),
        _ => (String::new(), String::new()),
    }
}

/// The alert (if any) one deadline of one person raises.
fn personal(at: &At, p: &Staff, d: &Deadline, all: &[Deadline], out: &mut Vec<Alert>) {
    use DeadlineStatus::{DueSoon, Overdue, Unmet};
    let (wz, we) = who(p);
    let due = d.due.map(|x| x.to_string()).unwrap_or_default();
    let n = d.days_left.unwrap_or(0).abs();
    let (lz, le) = (
        days_zh(d.days_left.unwrap_or(0)),
        days_en(d.days_left.unwrap_or(0)),
    );
    let mut push = |severity, kind, due_date: Option<NaiveDate>, zh: String, en: String| {
        out.push(at.alert(severity, kind, Some(p.id), due_date, &d.cite, zh, en));
    };
    match (&d.detail, d.status) {
        (Detail::Certificate { start, min_level }, Overdue) => push(
            Severity::Critical,
            AlertKind::Uncertified,
            d.due,
            format!(
                "{wz}须在{due}前取得{}及以上证书（自{start}起算），已逾期{n}天仍未取得：按{}调整岗位、更换或不予续聘",
                min_level.name_zh(),
                d.cite.clause
            ),
            format!(
                "{we} had to hold the {} certificate or higher by {due} (counted from {start}), now {le}: act under {} (reassign, replace or do not renew)",
                min_level.name_en(),
                d.cite.clause
            ),
        ),
        (Detail::Certificate { min_level, .. }, DueSoon) => push(
            Severity::Warning,
            AlertKind::Uncertified,
            d.due,
            format!("{wz}须在{due}前取得{}及以上证书（{lz}）：督促报考取证", min_level.name_zh()),
            format!("{we} must hold the {} certificate or higher by {due} ({le}): see that they sit the exam", min_level.name_en()),
        ),
        (Detail::FirstRegistration { passed }, Overdue) => push(
            Severity::Critical,
            AlertKind::FirstRegistration,
            d.due,
            format!("{wz}于{passed}取得{}证书，应在{due}前首次登记，已逾期{n}天：督促在全国社会工作信息系统办理登记", p.cert_level.name_zh()),
            format!(
                "{we} passed the {} exam on {passed} and had to register by {due}, now {le}: have them register in the national social work information system",
                p.cert_level.name_en()
            ),
        ),
        (Detail::FirstRegistration { passed }, DueSoon) => push(
            Severity::Warning,
            AlertKind::FirstRegistration,
            d.due,
            format!("{wz}于{passed}取得{}证书，须在{due}前首次登记（{lz}）：督促办理登记", p.cert_level.name_zh()),
            format!("{we} passed the {} exam on {passed} and must register by {due} ({le})", p.cert_level.name_en()),
        ),
        (Detail::Registration { window_opens, .. }, DueSoon) => {
            let (cz, ce) = ce_note(all);
            push(
                Severity::Warning,
                AlertKind::RegistrationWindow,
                d.due,
                format!("{wz}的证书登记{due}到期（{lz}），再登记窗口已于{window_opens}开放：督促申请再登记{cz}"),
                format!("{we}'s registration expires on {due} ({le}); the renewal window opened on {window_opens}: have them re-register{ce}"),
            )
        }
        (Detail::Registration { .. }, Overdue) => {
            let (cz, ce) = ce_note(all);
            push(
                Severity::Critical,
                AlertKind::RegistrationLapsed,
                d.due,
                format!("{wz}的证书登记已于{due}过期（{n}天前）：督促补办再登记{cz}"),
                format!("{we}'s registration lapsed on {due} ({le}): have them re-register{ce}"),
            )
        }
        (Detail::Contract { start, max_years, too_long, renewal_min_level, renewal_allowed }, status) => {
            let level = renewal_min_level.unwrap_or(CertLevel::Assistant);
            match (status, renewal_allowed) {
                (Overdue, false) => push(
                    Severity::Critical,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    format!("{wz}的合同已于{due}到期，未取得续聘所需的{}及以上证书，不得续聘：核实是否仍在岗，按{}处理", level.name_zh(), d.cite.clause),
                    format!(
                        "{we}'s contract ended on {due} without the {} certificate renewal needs, so it may not be renewed: check whether they still work there and act under {}",
                        level.name_en(),
                        d.cite.clause
                    ),
                ),
                (DueSoon, false) => push(
                    Severity::Warning,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    format!("{wz}的合同{due}到期（{lz}），尚未取得续聘所需的{}及以上证书：到期不得续聘，督促尽快取证", level.name_zh()),
                    format!(
                        "{we}'s contract ends on {due} ({le}) without the {} certificate renewal needs: without it the contract may not be renewed",
                        level.name_en()
                    ),
                ),
                (DueSoon, true) => {
                    let (cz, ce) = if renewal_min_level.is_some() {
                        ("，已具备续聘所需证书", ", and they hold the certificate renewal needs")
                    } else {
                        ("", "")
                    };
                    push(
                        Severity::Info,
                        AlertKind::ContractEnding,
                        d.due,
                        format!("{wz}的合同{due}到期（{lz}）{cz}：安排考核，办理续聘或离职"),
                        format!("{we}'s contract ends on {due} ({le}){ce}: arrange the assessment and the renewal or departure"),
                    )
                }
                _ => {}
            }
            if *too_long {
                let s = start.map(|x| x.to_string()).unwrap_or_default();
                push(
                    Severity::Warning,
                    AlertKind::ContractTooLong,
                    d.due,
                    format!("{wz}的合同期{s}至{due}超过{max_years}年上限：核对合同期限"),
                    format!("{we}'s contract runs from {s} to {due}, longer than the {max_years}-year maximum: check the term"),
                );
            }
        }
        (Detail::Hours { done, required, year: Some(year) }, DueSoon) if d.kind == DeadlineKind::Training => {
            let short = required - done;
            push(
                Severity::Warning,
                AlertKind::TrainingShort,
                d.due,
                format!("{wz}{year}年培训{}/{}学时，尚缺{}学时：年底（{due}）前补足", num(*done), num(*required), num(short)),
                format!("{we} has {}/{} training hours for {year}, {} short: complete them by {due}", num(*done), num(*required), num(short)),
            )
        }
        (Detail::Age { age, under }, Overdue) => push(
            Severity::Warning,
            AlertKind::AgeLimit,
            d.due,
            format!("{wz}现年{age}岁，不符合{}{under}岁以下的要求：调整岗位", p.role.name_zh()),
            format!("{we} is {age}, not under {under} as the rule asks of a {}: reassign", p.role.name_en()),
        ),
        (Detail::Age { under, .. }, DueSoon) => {
            let birthday = d.due.and_then(|x| x.succ_opt()).map(|x| x.to_string()).unwrap_or_default();
            push(
                Severity::Info,
                AlertKind::AgeLimit,
                d.due,
                format!("{wz}将于{birthday}满{under}岁（剩{}天），届时不再符合{under}岁以下的要求：提前安排", n + 1),
                format!("{we} turns {under} on {birthday} (in {}), after which the under-{under} rule is not met: plan ahead", days_en(n + 1).trim_end_matches(" left")),
            )
        }
        (Detail::Experience { years, min_years }, Unmet) => push(
            Severity::Warning,
            AlertKind::ExperienceShort,
            None,
            format!("{wz}相关工作经验约{years:.1}年，不足{}年（{due}满{}年）：核实工作经历", num(*min_years), num(*min_years)),
            format!(
                "{we} has about {years:.1} years of relevant experience, less than {} (reaches it on {due}): check their record",
                num(*min_years)
            ),
        ),
        (Detail::Level { level, min_level }, Unmet) => push(
            Severity::Warning,
            AlertKind::QualificationShort,
            None,
            format!("{wz}持{}，低于要求的{}及以上：督促取得{}证书或调整人选", level.name_zh(), min_level.name_zh(), min_level.name_zh()),
            format!(
                "{we} holds {}, below the {} level or higher required: have them qualify or appoint someone who is",
                level.name_en(),
                min_level.name_en()
            ),
        ),
        _ => {}
    }
}

/// Alert counts of one tree row, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub critical: u32,
    pub warning: u32,
    pub info: u32,
}

impl Tally {
    pub fn total(&self) -> u32 {
        self.critical + self.warning + self.info
    }
    /// The most serious severity present.
    pub fn worst(&self) -> Option<Severity> {
        if self.critical > 0 {
            Some(Severity::Critical)
        } else if self.warning > 0 {
            Some(Severity::Warning)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
    pub fn get(&self, s: Severity) -> u32 {
        match s {
            Severity::Critical => self.critical,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Alert counts for every tree node at one date, by prefix sums over the preorder array:
/// built once in O(nodes + alerts), then each row is O(1). Rows outside the scope the alerts
/// were computed for count zero.
#[derive(Debug, Clone, Default)]
pub struct AlertCounts {
    /// prefix[s][i]: alerts of severity s at nodes before index i.
    prefix: [Vec<u32>; 3],
    pub as_of: Option<NaiveDate>,
}

impl AlertCounts {
    /// Count `alerts` (as computed for `as_of`) per node.
    pub fn build(net: &Network, alerts: &[Alert], as_of: NaiveDate) -> AlertCounts {
        let n = net.tree.len();
        let mut at = [vec![0u32; n], vec![0u32; n], vec![0u32; n]];
        for a in alerts {
            if let Some(c) = at[a.severity as usize].get_mut(a.node as usize) {
                *c += 1;
            }
        }
        let prefix = at.map(|v| {
            let mut p = Vec::with_capacity(n + 1);
            let mut sum = 0u32;
            p.push(0);
            for x in v {
                sum += x;
                p.push(sum);
            }
            p
        });
        AlertCounts {
            prefix,
            as_of: Some(as_of),
        }
    }

    /// Alerts under `scope_node` on `today`, counted per node.
    pub fn compute(
        net: &Network,
        profiles: &[Profile],
        scope_node: u32,
        today: NaiveDate,
    ) -> AlertCounts {
        AlertCounts::build(net, &alerts_under(net, profiles, scope_node, today), today)
    }

    /// The counts of `node`'s subtree.
    pub fn row(&self, net: &Network, node: u32) -> Tally {
        if node as usize >= net.tree.len() {
            return Tally::default();
        }
        let (a, b) = (node as usize, net.tree.node(node).end as usize);
        let span = |s: Severity| {
            let p = &self.prefix[s as usize];
            match (p.get(b), p.get(a)) {
                (Some(x), Some(y)) => x - y,
                _ => 0,
            }
        };
        Tally {
            critical: span(Severity::Critical),
            warning: span(Severity::Warning),
            info: span(Severity::Info),
        }
    }
}
