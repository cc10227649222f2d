//! Policy profiles: one per source document, deserialised from `data/policies/*.toml`.
//! Every rule carries its clause and a sentence in both languages so the UI can say why.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::site::Tier;
use super::staff::{CertLevel, Role};

/// Clause reference plus a short description in Chinese and English.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// e.g. "§三(一)3"
    pub clause: String,
    /// What the clause says, in Chinese.
    pub zh: String,
    /// What the clause says, in English.
    pub en: String,
}

/// One policy document's rules: its milestones, staffing, people and evaluation.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short id, the file's stem (`ningxia`, `wuhan`...).
    pub id: String,
    /// The document's title in Chinese.
    pub title: String,
    /// The title in English.
    pub title_en: String,
    /// The document number (文号).
    pub doc_number: String,
    /// The issuing office in Chinese.
    pub issuer: String,
    /// The issuing office in English.
    pub issuer_en: String,
    /// Date the document was issued, "YYYY-MM-DD".
    pub issued: NaiveDate,
    /// Division codes the profile binds to by default.
    pub binds_to: Vec<String>,
    /// Why the binding is what it is (e.g. the Nantong city is not named in its document).
    #[serde(default)]
    pub binding_note: Option<String>,
    /// Coverage milestones with deadlines.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Staff counts and roles a station needs.
    #[serde(default)]
    pub staffing: Vec<StaffingRule>,
    /// The deadline for a worker's first certificate.
    #[serde(default)]
    pub certification: Option<CertificationRule>,
    /// Registration and re-registration deadlines (national by default).
    #[serde(default)]
    pub registration: RegistrationRule,
    /// Yearly training hours.
    #[serde(default)]
    pub training: Option<TrainingRule>,
    /// Contract length and what renewal needs.
    #[serde(default)]
    pub contract: Option<ContractRule>,
    /// Limits on the site's service contract with its operator (承接机构).
    #[serde(default)]
    pub service_contract: Option<ServiceContractRule>,
    /// Age limit for some roles.
    #[serde(default)]
    pub age: Option<AgeRule>,
    /// Experience or certificate some roles need.
    #[serde(default)]
    pub experience: Vec<ExperienceRule>,
    /// Floor area of a station.
    #[serde(default)]
    pub area: Option<AreaRule>,
    /// Evaluation phases, items, grade bands and the renewal rule.
    pub evaluation: EvaluationScheme,
    /// Reports, plans, summaries and payments owed on a calendar (see `duties`).
    #[serde(default)]
    pub duties: Vec<super::duties::Duty>,
    /// Rules the program shows but does not compute.
    #[serde(default)]
    pub other_rules: Vec<Cite>,
}

/// What "covered" means for a milestone.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Site established (挂牌) on or before the date and not suspended then.
    #[default]
    Established,
    /// Site operating (运营) on the date.
    Operating,
    /// Site registered as a civil non-enterprise unit (民非登记) on or before the date.
    CivilRegistration,
}

/// Which divisions of a tier a milestone counts.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum AreaFilter {
    /// Every division of the tier.
    #[default]
    All,
    /// Streets (街道) / communities (社区, 居委会) only.
    Urban,
    /// Towns (镇), townships (乡), villages (村) only.
    Rural,
}

/// One tier's share of a milestone.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MilestonePart {
    /// The tier whose sites count.
    pub tier: Tier,
    /// Which divisions of the tier count.
    #[serde(default)]
    pub filter: AreaFilter,
    /// A count target (Wenzhou's 80 stations); absent means every division of the tier.
    #[serde(default)]
    pub target: Option<u32>,
}

/// A coverage target with a deadline.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Id within the profile.
    pub id: String,
    /// What is to be covered, in Chinese.
    pub label_zh: String,
    /// The same in English.
    pub label_en: String,
    /// The day it is due.
    pub deadline: NaiveDate,
    /// What counts as covered.
    #[serde(default)]
    pub measure: Measure,
    /// The tiers counted together.
    pub parts: Vec<MilestonePart>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// Staffing rules per station (tier 2 unless `tier` says otherwise).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StaffingRule {
    /// At least `min` counted staff; `counties` limits the rule to stations under those
    /// county codes (Wuhan central vs new urban districts).
    MinCount {
        /// Fewest counted staff.
        min: u32,
        /// County codes the rule is limited to; empty for everywhere.
        #[serde(default)]
        counties: Vec<String>,
        /// The tier the rule applies to; None for stations.
        #[serde(default)]
        tier: Option<Tier>,
        /// Roles not counted.
        #[serde(default)]
        exclude_roles: Vec<Role>,
        /// The clause that sets it.
        #[serde(flatten)]
        cite: Cite,
    },
    /// At most `max` counted staff.
    MaxCount {
        /// Most counted staff.
        max: u32,
        /// Roles not counted.
        #[serde(default)]
        exclude_roles: Vec<Role>,
        /// The clause that sets it.
        #[serde(flatten)]
        cite: Cite,
    },
    /// One counted worker per `villages` villages under the township, never below `floor`.
    PerVillages {
        /// Villages per counted worker.
        villages: u32,
        /// Fewest counted workers whatever the villages.
        floor: u32,
        /// Roles not counted.
        #[serde(default)]
        exclude_roles: Vec<Role>,
        /// The clause that sets it.
        #[serde(flatten)]
        cite: Cite,
    },
    /// At least `min` staff in `role`, optionally holding `min_level` or higher.
    RoleRequired {
        /// The role required.
        role: Role,
        /// Fewest staff in it.
        min: u32,
        /// The certificate they must hold, if any.
        #[serde(default)]
        min_level: Option<CertLevel>,
        /// The clause that sets it.
        #[serde(flatten)]
        cite: Cite,
    },
}

/// Workers without a certificate must pass within `years` of starting.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CertificationRule {
    /// Years from the start to the deadline.
    pub years: u32,
    /// Roles the rule applies to; empty means every role except station head.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Count from the hire date or from the first contract's start.
    #[serde(default)]
    pub from: CertFrom,
    /// The level that satisfies the rule.
    #[serde(default = "default_assistant")]
    pub min_level: CertLevel,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

fn default_assistant() -> CertLevel {
    CertLevel::Assistant
}

/// Where a certification deadline counts from.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CertFrom {
    /// The hire date.
    #[default]
    Hire,
    /// The first contract's start (the hire date when there is none).
    ContractStart,
}

/// National registration rules (民发〔2009〕44号 art. 3-4), overridable per profile.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRule {
    /// Years after passing to register for the first time.
    pub first_within_years: u32,
    /// Years a registration lasts.
    pub valid_years: u32,
    /// Months before expiry in which re-registration opens.
    pub window_months: u32,
    /// Continuing-education hours per period for an assistant social worker.
    pub ce_hours_assistant: u32,
    /// The same for an intermediate social worker.
    pub ce_hours_intermediate: u32,
    /// The same for a senior social worker.
    pub ce_hours_senior: u32,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

impl Default for RegistrationRule {
    fn default() -> Self {
        RegistrationRule {
            first_within_years: 1,
            valid_years: 3,
            window_months: 3,
            ce_hours_assistant: 72,
            ce_hours_intermediate: 90,
            ce_hours_senior: 90,
            cite: Cite {
                clause: "民发〔2009〕44号 第三、四条".into(),
                zh: "通过考试后一年内首次登记；登记有效期3年，期满前3个月内申请再登记".into(),
                en: "Register within 1 year of passing; a registration lasts 3 years; \
                     re-register in the 3 months before it expires"
                    .into(),
            },
        }
    }
}

/// Yearly training hours for staff.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrainingRule {
    /// Hours needed per calendar year.
    pub hours_per_year: u32,
    /// Roles the rule applies to; empty for every role.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// Contract length and the condition for renewal.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContractRule {
    /// Longest contract term in years.
    pub max_years: u32,
    /// Renewal needs at least this certificate level (Nantong: assistant).
    #[serde(default)]
    pub renewal_min_level: Option<CertLevel>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// How long a site's service contract with its operator may run.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceContractRule {
    /// Longest contract (or service cycle) in years (Wuhan §三(四): 3; Ningxia §三(三)1: 1-3).
    pub max_years: u32,
    /// A service cycle longer than a year is signed one year at a time (Ningxia §三(三)1):
    /// no single contract runs longer than a year.
    #[serde(default)]
    pub signed_yearly: bool,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// An age limit for some roles.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    /// Must be younger than this.
    pub under: u32,
    /// Roles the limit applies to.
    pub roles: Vec<Role>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// What some roles need in experience or certificate.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExperienceRule {
    /// Roles the rule applies to.
    pub roles: Vec<Role>,
    /// Fewest years of experience.
    #[serde(default)]
    pub min_years: Option<f64>,
    /// The fewest certificate level (checked on its own, beside the years).
    #[serde(default)]
    pub min_level: Option<CertLevel>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// The floor area a station must (or may) have.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AreaRule {
    /// Smallest area in square metres.
    #[serde(default)]
    pub min_m2: Option<f64>,
    /// Largest area in square metres.
    #[serde(default)]
    pub max_m2: Option<f64>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
}

/// Which evaluation of a service year.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// 中期: halfway through the term.
    MidTerm,
    /// 末期: at the end of the term.
    EndTerm,
    /// 年度: once a year.
    Annual,
}

/// What the term's evaluations must be for the service contract to be renewed.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RenewalRule {
    /// Renewal only if every evaluation of the term is excellent (Wuhan).
    AllExcellent,
    /// Renewal only if the annual evaluation is at least qualified (Ningxia).
    AnnualQualified,
    /// Renewal only if every evaluation is at least qualified (default reading).
    AllQualified,
}

/// The lowest share of the total a grade needs.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// 优秀 | 良好 | 合格 | 不合格
    pub grade: super::evaluation::Grade,
    /// Lower bound as a share of the total, 0.0-1.0 (0.9 for 优秀 on 100).
    pub min_share: f64,
}

/// One scored item of an evaluation sheet.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Id within the sheet.
    pub id: String,
    /// What is scored, in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
    /// Most points the item gives (with sub-indicators: the sum of theirs).
    pub max: f64,
    /// Who scores it, when the scheme splits the sheet among scorers; inherited from the
    /// parent node or dimension when absent.
    #[serde(default)]
    pub scorer: Option<ScorerRole>,
    /// Sub-indicators: a node with any is not scored itself, its leaves are (trees of any
    /// depth: Guangzhou 2019 has three levels).
    #[serde(default)]
    pub items: Vec<Item>,
}

/// Who fills a part of a sheet (Guangzhou 2019: third party 700, purchaser 200, supervising
/// bureau 100 of 1000).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ScorerRole {
    /// 第三方评估机构.
    ThirdParty,
    /// 购买方 (the township or street that buys the service).
    Purchaser,
    /// 督导方 (the supervising civil-affairs bureau).
    Bureau,
}

impl ScorerRole {
    /// Every scorer role.
    pub const ALL: [ScorerRole; 3] = [
        ScorerRole::ThirdParty,
        ScorerRole::Purchaser,
        ScorerRole::Bureau,
    ];
    /// The role as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ScorerRole::ThirdParty => "third_party",
            ScorerRole::Purchaser => "purchaser",
            ScorerRole::Bureau => "bureau",
        }
    }
    /// The role named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<ScorerRole> {
        ScorerRole::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// A group of items on the sheet.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Id within the sheet.
    pub id: String,
    /// The dimension's name in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
    /// Its items in sheet order.
    pub items: Vec<Item>,
    /// Most points of the dimension, when the document states it (checked against the sum).
    #[serde(default)]
    pub max: Option<f64>,
    /// Who scores the dimension's items unless an item says otherwise.
    #[serde(default)]
    pub scorer: Option<ScorerRole>,
}

/// How a profile evaluates stations and what the grades decide.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvaluationScheme {
    /// The evaluations held (mid-term, end-term, annual).
    pub phases: Vec<Phase>,
    /// What renewal of the service contract needs.
    pub renewal: RenewalRule,
    /// Grade bands, best first; 90/80/60 per cent by default.
    #[serde(default = "default_bands")]
    pub bands: Vec<GradeBand>,
    /// The sheet's dimensions in order.
    pub dimensions: Vec<Dimension>,
    /// Where the point split comes from (none of the seeds publishes its table).
    #[serde(default)]
    pub template_note: Option<String>,
    /// The clause that sets it.
    #[serde(flatten)]
    pub cite: Cite,
    /// The renewal rule's own clause.
    pub renewal_cite: Cite,
    /// The clause that requires the phases, when it is not `cite` (Ningxia's annual
    /// evaluation is §三(三)1).
    #[serde(default)]
    pub phases_cite: Option<Cite>,
}

fn default_bands() -> Vec<GradeBand> {
    use super::evaluation::Grade;
    vec![
        GradeBand {
            grade: Grade::Excellent,
            min_share: 0.9,
        },
        GradeBand {
            grade: Grade::Good,
            min_share: 0.8,
        },
        GradeBand {
            grade: Grade::Qualified,
            min_share: 0.6,
        },
        GradeBand {
            grade: Grade::Unqualified,
            min_share: 0.0,
        },
    ]
}

/// A node of a scheme's indicator tree as `EvaluationScheme::nodes` lists it.
#[derive(Debug, Clone, Copy)]
pub struct Node<'s> {
    /// The dimension it is under.
    pub dimension: &'s Dimension,
    /// The indicator.
    pub item: &'s Item,
    /// 1 for an item directly under its dimension, 2 below that, and so on.
    pub depth: usize,
    /// Who scores it (its own, else its nearest ancestor's or the dimension's).
    pub scorer: Option<ScorerRole>,
}

impl Item {
    /// Whether the item is scored itself (it has no sub-indicators).
    pub fn is_leaf(&self) -> bool {
        self.items.is_empty()
    }
}

impl EvaluationScheme {
    /// The clause that requires the phases: `phases_cite`, else the scheme's own.
    pub fn phases_cite(&self) -> &Cite {
        self.phases_cite.as_ref().unwrap_or(&self.cite)
    }
    /// Most points the whole sheet gives: the sum of the scored items.
    pub fn total_max(&self) -> f64 {
        self.items().map(|(_, i)| i.max).sum()
    }
    /// Every scored item (the leaves of the tree) with its dimension, in sheet order.
    pub fn items(&self) -> impl Iterator<Item = (&Dimension, &Item)> {
        self.nodes()
            .into_iter()
            .filter(|n| n.item.is_leaf())
            .map(|n| (n.dimension, n.item))
    }
    /// Every node of the tree, depth first in sheet order.
    pub fn nodes(&self) -> Vec<Node<'_>> {
        fn walk<'s>(
            d: &'s Dimension,
            items: &'s [Item],
            depth: usize,
            inherited: Option<ScorerRole>,
            out: &mut Vec<Node<'s>>,
        ) {
            for i in items {
                let scorer = i.scorer.or(inherited);
                out.push(Node {
                    dimension: d,
                    item: i,
                    depth,
                    scorer,
                });
                walk(d, &i.items, depth + 1, scorer, out);
            }
        }
        let mut out = Vec::new();
        for d in &self.dimensions {
            walk(d, &d.items, 1, d.scorer, &mut out);
        }
        out
    }
    /// Who scores the item `id`; None for a scheme without scorer roles (anyone may).
    pub fn scorer_of(&self, id: &str) -> Option<ScorerRole> {
        self.nodes()
            .into_iter()
            .find(|n| n.item.id == id)
            .and_then(|n| n.scorer)
    }
}
