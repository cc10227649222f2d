//! Policy profiles: one per source document, deserialised from `data/policies/*.toml`.
//! Every rule carries its clause and a sentence in both languages so the UI can say why.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::site::Tier;
use super::staff::{CertLevel, Role};

/// Clause reference plus a short description in Chinese and English.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// e.g. "§三(一)3"
    pub clause: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub doc_number: String,
    pub issuer: String,
    pub issuer_en: String,
    /// Date the document was issued, "YYYY-MM-DD".
    pub issued: NaiveDate,
    /// Division codes the profile binds to by default.
    pub binds_to: Vec<String>,
    /// Why the binding is what it is (e.g. the Nantong city is not named in its document).
    #[serde(default)]
    pub binding_note: Option<String>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub staffing: Vec<StaffingRule>,
    #[serde(default)]
    pub certification: Option<CertificationRule>,
    #[serde(default)]
    pub registration: RegistrationRule,
    #[serde(default)]
    pub training: Option<TrainingRule>,
    #[serde(default)]
    pub contract: Option<ContractRule>,
    #[serde(default)]
    pub age: Option<AgeRule>,
    #[serde(default)]
    pub experience: Vec<ExperienceRule>,
    #[serde(default)]
    pub area: Option<AreaRule>,
    pub evaluation: EvaluationScheme,
    /// Rules the program shows but does not compute (reporting cadence, plans to submit).
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

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum AreaFilter {
    #[default]
    All,
    /// Streets (街道) / communities (社区, 居委会) only.
    Urban,
    /// Towns (镇), townships (乡), villages (村) only.
    Rural,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MilestonePart {
    pub tier: Tier,
    #[serde(default)]
    pub filter: AreaFilter,
    /// A count target (Wenzhou's 80 stations); absent means every division of the tier.
    #[serde(default)]
    pub target: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    pub label_zh: String,
    pub label_en: String,
    pub deadline: NaiveDate,
    #[serde(default)]
    pub measure: Measure,
    pub parts: Vec<MilestonePart>,
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
        min: u32,
        #[serde(default)]
        counties: Vec<String>,
        #[serde(default)]
        tier: Option<Tier>,
        #[serde(default)]
        exclude_roles: Vec<Role>,
        #[serde(flatten)]
        cite: Cite,
    },
    /// At most `max` counted staff.
    MaxCount {
        max: u32,
        #[serde(default)]
        exclude_roles: Vec<Role>,
        #[serde(flatten)]
        cite: Cite,
    },
    /// One counted worker per `villages` villages under the township, never below `floor`.
    PerVillages {
        villages: u32,
        floor: u32,
        #[serde(default)]
        exclude_roles: Vec<Role>,
        #[serde(flatten)]
        cite: Cite,
    },
    /// At least `min` staff in `role`, optionally holding `min_level` or higher.
    RoleRequired {
        role: Role,
        min: u32,
        #[serde(default)]
        min_level: Option<CertLevel>,
        #[serde(flatten)]
        cite: Cite,
    },
}

/// Workers without a certificate must pass within `years` of starting.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CertificationRule {
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
    #[serde(flatten)]
    pub cite: Cite,
}

fn default_assistant() -> CertLevel {
    CertLevel::Assistant
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CertFrom {
    #[default]
    Hire,
    ContractStart,
}

/// National registration rules (民发〔2009〕44号 art. 3-4), overridable per profile.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRule {
    pub first_within_years: u32,
    pub valid_years: u32,
    pub window_months: u32,
    pub ce_hours_assistant: u32,
    pub ce_hours_intermediate: u32,
    pub ce_hours_senior: u32,
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

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrainingRule {
    pub hours_per_year: u32,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(flatten)]
    pub cite: Cite,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContractRule {
    pub max_years: u32,
    /// Renewal needs at least this certificate level (Nantong: assistant).
    #[serde(default)]
    pub renewal_min_level: Option<CertLevel>,
    #[serde(flatten)]
    pub cite: Cite,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    /// Must be younger than this.
    pub under: u32,
    pub roles: Vec<Role>,
    #[serde(flatten)]
    pub cite: Cite,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExperienceRule {
    pub roles: Vec<Role>,
    #[serde(default)]
    pub min_years: Option<f64>,
    #[serde(default)]
    pub min_level: Option<CertLevel>,
    #[serde(flatten)]
    pub cite: Cite,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AreaRule {
    #[serde(default)]
    pub min_m2: Option<f64>,
    #[serde(default)]
    pub max_m2: Option<f64>,
    #[serde(flatten)]
    pub cite: Cite,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    MidTerm,
    EndTerm,
    Annual,
}

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

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// 优秀 | 良好 | 合格 | 不合格
    pub grade: super::evaluation::Grade,
    /// Lower bound as a share of the total, 0.0-1.0 (0.9 for 优秀 on 100).
    pub min_share: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub max: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvaluationScheme {
    pub phases: Vec<Phase>,
    pub renewal: RenewalRule,
    #[serde(default = "default_bands")]
    pub bands: Vec<GradeBand>,
    pub dimensions: Vec<Dimension>,
    /// Where the point split comes from (none of the seeds publishes its table).
    #[serde(default)]
    pub template_note: Option<String>,
    #[serde(flatten)]
    pub cite: Cite,
    /// The renewal rule's own clause.
    pub renewal_cite: Cite,
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

impl EvaluationScheme {
    pub fn total_max(&self) -> f64 {
        self.dimensions
            .iter()
            .flat_map(|d| &d.items)
            .map(|i| i.max)
            .sum()
    }
    pub fn items(&self) -> impl Iterator<Item = (&Dimension, &Item)> {
        self.dimensions
            .iter()
            .flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }
}
