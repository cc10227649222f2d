//! Which evaluation sheets a profile requires of a site, and what their grades mean for the
//! renewal of the service contract, citing the renewal rule's clause.

use std::ops::RangeInclusive;

use serde::Serialize;

use super::evaluation::{grade_for, EvalStatus, Evaluation, Grade};
use super::network::Network;
use super::policy::{Cite, EvaluationScheme, Phase, Profile, RenewalRule};

/// Where one sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// No evaluation exists for it.
    Missing,
    /// Being filled in.
    Draft,
    /// Submitted for review.
    Submitted,
    /// Locked: final.
    Locked,
}

impl SheetStatus {
    /// The sheet status of a stored evaluation.
    pub fn of(status: EvalStatus) -> SheetStatus {
        match status {
            EvalStatus::Draft => SheetStatus::Draft,
            EvalStatus::Submitted => SheetStatus::Submitted,
            EvalStatus::Locked => SheetStatus::Locked,
        }
    }
    /// The status as written in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SheetStatus::Missing => "missing",
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Locked => "locked",
        }
    }
    /// The status's name in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            SheetStatus::Missing => "缺",
            SheetStatus::Draft => "草稿",
            SheetStatus::Submitted => "已提交",
            SheetStatus::Locked => "已锁定",
        }
    }
    /// The status's name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            SheetStatus::Missing => "missing",
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Locked => "locked",
        }
    }
    /// Submitted and locked sheets are final enough to decide a renewal.
    pub fn is_final(self) -> bool {
        matches!(self, SheetStatus::Submitted | SheetStatus::Locked)
    }
}

/// One (service year, phase) sheet of a site: required by the profile, or present anyway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredSheet {
    /// Service year.
    pub year: i32,
    /// Which evaluation of the year.
    pub phase: Phase,
    /// False for a sheet the profile does not ask for that exists anyway (an extra end-term).
    pub required: bool,
    /// Where the sheet stands.
    pub status: SheetStatus,
    /// The stored evaluation, if any.
    pub evaluation_id: Option<i64>,
    /// Its total score, once complete.
    pub total: Option<f64>,
    /// The grade that total earns.
    pub grade: Option<Grade>,
}

/// The sheets of `years` for one site's evaluations: every phase the scheme requires per year,
/// plus any other sheet of those years, in (year, phase) order.
pub fn required_sheets<'a>(
    scheme: &EvaluationScheme,
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    years: RangeInclusive<i32>,
) -> Vec<RequiredSheet> {
    let mut present: Vec<&Evaluation> = evaluations
        .into_iter()
        .filter(|e| years.contains(&e.year))
        .collect();
    present.sort_by_key(|e| (e.year, e.phase));
    let mut out = Vec::new();
    for year in years {
        for &phase in &scheme.phases {
            let e = present.iter().find(|e| e.year == year && e.phase == phase);
            out.push(sheet_of(year, phase, true, e.copied(), scheme));
        }
        for e in present
            .iter()
            .filter(|e| e.year == year && !scheme.phases.contains(&e.phase))
        {
            out.push(sheet_of(year, e.phase, false, Some(e), scheme));
        }
    }
    out.sort_by_key(|s| (s.year, s.phase));
    out
}

fn sheet_of(
    year: i32,
    phase: Phase,
    required: bool,
    e: Option<&Evaluation>,
    scheme: &EvaluationScheme,
) -> RequiredSheet {
    match e {
        None => RequiredSheet {
            year,
            phase,
            required,
            status: SheetStatus::Missing,
            evaluation_id: None,
            total: None,
            grade: None,
        },
        Some(e) => RequiredSheet {
            year,
            phase,
            required,
            status: SheetStatus::of(e.status),
            evaluation_id: Some(e.id),
            total: e.total,
            grade: e.grade.or_else(|| e.total.map(|t| grade_for(t, scheme))),
        },
    }
}

/// `required_sheets` for a site of the network under its profile.
pub fn required_evaluations(
    net: &Network,
    site_id: i64,
    profile: &Profile,
    years: RangeInclusive<i32>,
) -> Vec<RequiredSheet> {
    required_sheets(&profile.evaluation, net.evaluations_of(site_id), years)
}

/// A sheet named in a renewal verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SheetRef {
    /// Service year.
    pub year: i32,
    /// Which evaluation of the year.
    pub phase: Phase,
    /// Where the sheet stands.
    pub status: SheetStatus,
    /// Its grade, if it has one.
    pub grade: Option<Grade>,
}

impl SheetRef {
    fn of(s: &RequiredSheet) -> SheetRef {
        SheetRef {
            year: s.year,
            phase: s.phase,
            status: s.status,
            grade: s.grade,
        }
    }
    /// The sheet named in Chinese ("2024年中期评估").
    pub fn label_zh(&self) -> String {
        format!("{}年{}评估", self.year, self.phase.name_zh())
    }
    /// The sheet named in English ("2024 mid-term evaluation").
    pub fn label_en(&self) -> String {
        format!("{} {} evaluation", self.year, self.phase.name_en())
    }
}

/// Whether the service contract may be renewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Every sheet the rule looks at is final and passes.
    Allowed,
    /// At least one final sheet fails the rule: decided whatever the missing ones say.
    NotAllowed {
        /// The final sheets that fail the rule.
        failing: Vec<SheetRef>,
    },
    /// Nothing fails yet, but these sheets are missing, drafts, or carry no grade.
    Pending {
        /// The sheets still to be graded or finalised.
        waiting: Vec<SheetRef>,
    },
}

/// The renewal consequence of a term's sheets, with the rule and its clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalConsequence {
    /// The outcome.
    pub verdict: Verdict,
    /// The rule applied.
    pub rule: RenewalRule,
    /// Where the rule is written.
    #[serde(skip)]
    pub cite: Cite,
}

/// The grade a sheet needs under the rule, or None when the rule does not look at it.
fn needed(rule: RenewalRule, phase: Phase) -> Option<Grade> {
    match rule {
        RenewalRule::AllExcellent => Some(Grade::Excellent),
        RenewalRule::AllQualified => Some(Grade::Qualified),
        RenewalRule::AnnualQualified => (phase == Phase::Annual).then_some(Grade::Qualified),
    }
}

/// Renewal under the scheme's rule, from the term's sheets (see `required_sheets`):
/// Wuhan every evaluation 优秀 (§三(四)); Ningxia the annual evaluation at least 合格 (§三(三)1);
/// the others every evaluation at least 合格. Drafts do not count until submitted.
pub fn renewal_consequence(
    scheme: &EvaluationScheme,
    sheets: &[RequiredSheet],
) -> RenewalConsequence {
    let rule = scheme.renewal;
    let mut failing = Vec::new();
    let mut waiting = Vec::new();
    let mut considered = 0;
    for s in sheets {
        let Some(need) = needed(rule, s.phase) else {
            continue;
        };
        if !s.required && s.status == SheetStatus::Missing {
            continue;
        }
        considered += 1;
        match (s.status.is_final(), s.grade) {
            (true, Some(g)) if !g.at_least(need) => failing.push(SheetRef::of(s)),
            (true, Some(_)) => {}
            _ => waiting.push(SheetRef::of(s)),
        }
    }
    let verdict = if !failing.is_empty() {
        Verdict::NotAllowed { failing }
    } else if !waiting.is_empty() || considered == 0 {
        Verdict::Pending { waiting }
    } else {
        Verdict::Allowed
    };
    RenewalConsequence {
        verdict,
        rule,
        cite: scheme.renewal_cite.clone(),
    }
}

impl RenewalRule {
    /// The rule as written in policy files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RenewalRule::AllExcellent => "all_excellent",
            RenewalRule::AnnualQualified => "annual_qualified",
            RenewalRule::AllQualified => "all_qualified",
        }
    }
    /// The rule in Chinese words.
    pub fn name_zh(self) -> &'static str {
        match self {
            RenewalRule::AllExcellent => "服务期内各次评估均为优秀",
            RenewalRule::AnnualQualified => "年度评估合格",
            RenewalRule::AllQualified => "各次评估均合格",
        }
    }
    /// The rule in English words.
    pub fn name_en(self) -> &'static str {
        match self {
            RenewalRule::AllExcellent => "every evaluation of the term excellent",
            RenewalRule::AnnualQualified => "the annual evaluation at least qualified",
            RenewalRule::AllQualified => "every evaluation at least qualified",
        }
    }
}

impl RenewalConsequence {
    /// Some(true) or Some(false) once decided; None while pending.
    pub fn allowed(&self) -> Option<bool> {
        match self.verdict {
            Verdict::Allowed => Some(true),
            Verdict::NotAllowed { .. } => Some(false),
            Verdict::Pending { .. } => None,
        }
    }

    /// One line: verdict, why, and the clause ("不可续签：2024年中期评估为良好，要求服务期内各次评估均为优秀（§三(四)）").
    pub fn reason_zh(&self) -> String {
        let clause = &self.cite.clause;
        let list = |xs: &[SheetRef], f: &dyn Fn(&SheetRef) -> String| {
            xs.iter().map(f).collect::<Vec<_>>().join("；")
        };
        match &self.verdict {
            Verdict::Allowed => format!("可续签：{}（{clause}）", self.rule.name_zh()),
            Verdict::NotAllowed { failing } => format!(
                "不可续签：{}，要求{}（{clause}）",
                list(failing, &|s| format!(
                    "{}为{}",
                    s.label_zh(),
                    s.grade.map(Grade::name_zh).unwrap_or("-")
                )),
                self.rule.name_zh()
            ),
            Verdict::Pending { waiting } if waiting.is_empty() => {
                format!(
                    "待定：服务期内无评估，要求{}（{clause}）",
                    self.rule.name_zh()
                )
            }
            Verdict::Pending { waiting } => format!(
                "待定：{}（{clause}）",
                list(waiting, &|s| format!("{}{}", s.label_zh(), waiting_zh(s)))
            ),
        }
    }

    /// The same line in English.
    pub fn reason_en(&self) -> String {
        let clause = &self.cite.clause;
        let list = |xs: &[SheetRef], f: &dyn Fn(&SheetRef) -> String| {
            xs.iter().map(f).collect::<Vec<_>>().join("; ")
        };
        match &self.verdict {
            Verdict::Allowed => format!("renewal allowed: {} ({clause})", self.rule.name_en()),
            Verdict::NotAllowed { failing } => format!(
                "no renewal: {}; the rule is {} ({clause})",
                list(failing, &|s| format!(
                    "{} was {}",
                    s.label_en(),
                    s.grade.map(Grade::name_en).unwrap_or("-")
                )),
                self.rule.name_en()
            ),
            Verdict::Pending { waiting } if waiting.is_empty() => {
                format!(
                    "renewal pending: no evaluation in the term; the rule is {} ({clause})",
                    self.rule.name_en()
                )
            }
            Verdict::Pending { waiting } => format!(
                "renewal pending: {} ({clause})",
                list(waiting, &|s| format!("{} {}", s.label_en(), waiting_en(s)))
            ),
        }
    }
}

fn waiting_zh(s: &SheetRef) -> &'static str {
    match s.status {
        SheetStatus::Missing => "缺",
        SheetStatus::Draft => "尚未提交",
        _ => "未评等级",
    }
}

fn waiting_en(s: &SheetRef) -> &'static str {
    match s.status {
        SheetStatus::Missing => "missing",
        SheetStatus::Draft => "not yet submitted",
        _ => "has no grade",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const PROFILES: [&str; 5] = [
        include_str!("../../data/policies/ningxia-2021.toml"),
        include_str!("../../data/policies/wuhan-2021.toml"),
        include_str!("../../data/policies/nantong-2021.toml"),
        include_str!("../../data/policies/wenzhou-2021.toml"),
        include_str!("../../data/policies/yubei-2021.toml"),
    ];

    fn all_profiles() -> Vec<Profile> {
        PROFILES
            .iter()
            .map(|t| toml::from_str(t).expect("profile parses"))
            .collect()
    }

    fn profile(id: &str) -> Profile {
        all_profiles()
            .into_iter()
            .find(|p| p.id == id)
            .expect("profile exists")
    }

    fn ev(id: i64, year: i32, phase: Phase, status: EvalStatus, grade: Grade) -> Evaluation {
        Evaluation {
            id,
            site_id: 1,
            year,
            phase,
            template: String::new(),
            status,
            total: None,
            grade: Some(grade),
            version: 1,
            scores: BTreeMap::new(),
            synthetic: false,
        }
    }

    use EvalStatus::{Draft, Locked, Submitted};
    use Grade::{Excellent, Good, Qualified, Unqualified};
    use Phase::{Annual, EndTerm, MidTerm};

    #[test]
    fn wenzhou_requires_mid_and_end_term_every_year() {
        let p = profile("wenzhou-2021");
        let evs = [
            ev(1, 2024, MidTerm, Locked, Good),
            ev(2, 2025, EndTerm, Draft, Good),
        ];
        let s = required_sheets(&p.evaluation, &evs, 2024..=2025);
        let got: Vec<_> = s.iter().map(|s| (s.year, s.phase, s.status)).collect();
        assert_eq!(
            got,
            vec![
                (2024, MidTerm, SheetStatus::Locked),
                (2024, EndTerm, SheetStatus::Missing),
                (2025, MidTerm, SheetStatus::Missing),
                (2025, EndTerm, SheetStatus::Draft),
            ]
        );
    }

    #[test]
    fn wuhan_renewal_needs_every_evaluation_excellent_3_4() {
        let p = profile("wuhan-2021");
        let all_excellent = [
            ev(1, 2023, MidTerm, Locked, Excellent),
            ev(2, 2024, MidTerm, Submitted, Excellent),
        ];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &all_excellent, 2023..=2024),
        );
        assert_eq!(r.verdict, Verdict::Allowed);
        assert!(r.reason_zh().contains("§三(四)"), "{}", r.reason_zh());

        // An extra end-term evaluation counts too: "every evaluation of the term".
        let with_good_extra = [
            ev(1, 2023, MidTerm, Locked, Excellent),
            ev(2, 2024, MidTerm, Submitted, Excellent),
            ev(3, 2024, EndTerm, Submitted, Good),
        ];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &with_good_extra, 2023..=2024),
        );
        assert_eq!(r.allowed(), Some(false));
        assert_eq!(
            r.reason_zh(),
            "不可续签：2024年末期评估为良好，要求服务期内各次评估均为优秀（§三(四)）"
        );

        // A good grade decides it even while a year is missing.
        let missing_and_good = [ev(1, 2023, MidTerm, Locked, Good)];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &missing_and_good, 2023..=2024),
        );
        assert_eq!(r.allowed(), Some(false));

        let missing = [ev(1, 2023, MidTerm, Locked, Excellent)];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &missing, 2023..=2024),
        );
        assert_eq!(r.allowed(), None);
        assert_eq!(
            r.reason_en(),
            "renewal pending: 2024 mid-term evaluation missing (§三(四))"
        );
    }

    #[test]
    fn ningxia_renewal_needs_annual_qualified_3_3_1() {
        let p = profile("ningxia-2021");
        let ok = [ev(1, 2024, Annual, Submitted, Qualified)];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &ok, 2024..=2024),
        );
        assert_eq!(r.allowed(), Some(true));
        assert!(r.reason_en().contains("§三(三)1"));
        let bad = [ev(1, 2024, Annual, Locked, Unqualified)];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &bad, 2024..=2024),
        );
        assert_eq!(r.allowed(), Some(false));
        // A mid-term sheet is not the annual evaluation: it does not decide.
        let mid_bad = [
            ev(1, 2024, Annual, Locked, Good),
            ev(2, 2024, MidTerm, Locked, Unqualified),
        ];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &mid_bad, 2024..=2024),
        );
        assert_eq!(r.allowed(), Some(true));
    }

    #[test]
    fn drafts_do_not_decide_and_empty_terms_are_pending() {
        let p = profile("yubei-2021");
        let draft = [ev(1, 2024, Annual, Draft, Excellent)];
        let r = renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, &draft, 2024..=2024),
        );
        assert_eq!(r.reason_zh(), "待定：2024年年度评估尚未提交（§四(三)）");
        let r = renewal_consequence(&p.evaluation, &[]);
        assert_eq!(r.allowed(), None);
        let bad = [ev(1, 2024, Annual, Submitted, Unqualified)];
        assert_eq!(
            renewal_consequence(
                &p.evaluation,
                &required_sheets(&p.evaluation, &bad, 2024..=2025)
            )
            .allowed(),
            Some(false)
        );
    }

    #[test]
    fn every_shipped_template_totals_100_and_the_test_one_1000() {
        for p in all_profiles() {
            assert!(
                (p.evaluation.total_max() - 100.0).abs() < 1e-9,
                "{} totals {}",
                p.id,
                p.evaluation.total_max()
            );
        }
        let text = include_str!("../../data/policies-test/thousand-point.toml");
        let p: Profile = toml::from_str(text).expect("test profile parses");
        assert!((p.evaluation.total_max() - 1000.0).abs() < 1e-9);
    }
}
