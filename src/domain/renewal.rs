//! Which evaluation sheets a profile requires of a site, and what their grades mean for the
//! renewal of the service contract, citing the renewal rule's clause.

use std::ops::RangeInclusive;

use chrono::Datelike;
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
    /// The stored evaluation, if any.
    pub evaluation_id: Option<i64>,
}

impl SheetRef {
    fn of(s: &RequiredSheet) -> SheetRef {
        SheetRef {
            year: s.year,
            phase: s.phase,
            status: s.status,
            grade: s.grade,
            evaluation_id: s.evaluation_id,
        }
    }
}

/// Whether the service contract may be renewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Every sheet the rule looks at is final and passes.
    Allowed {
        /// The sheets the verdict rests on.
        used: Vec<SheetRef>,
    },
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
    /// The service years looked at (first, last).
    pub term: (i32, i32),
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
    term: RangeInclusive<i32>,
) -> RenewalConsequence {
    let rule = scheme.renewal;
    let mut failing = Vec::new();
    let mut waiting = Vec::new();
    let mut used = Vec::new();
    for s in sheets {
        let Some(need) = needed(rule, s.phase) else {
            continue;
        };
        if !s.required && s.status == SheetStatus::Missing {
            continue;
        }
        if !term.contains(&s.year) {
            continue;
        }
        match (s.status.is_final(), s.grade) {
            (true, Some(g)) if !g.at_least(need) => failing.push(SheetRef::of(s)),
            (true, Some(_)) => used.push(SheetRef::of(s)),
            _ => waiting.push(SheetRef::of(s)),
        }
    }
    let verdict = if !failing.is_empty() {
        Verdict::NotAllowed { failing }
    } else if !waiting.is_empty() || used.is_empty() {
        Verdict::Pending { waiting }
    } else {
        Verdict::Allowed { used }
    };
    RenewalConsequence {
        verdict,
        rule,
        term: (*term.start(), *term.end()),
        cite: scheme.renewal_cite.clone(),
    }
}

/// The service term that holds service `year` of a site whose service began in `first`:
/// - Ningxia (`annual_qualified`, §三(三)1): contracts are signed yearly and each year's
///   evaluation decides, so the term is the year itself;
/// - a profile with a contract length (Wuhan §三(四), Nantong: 3 years): consecutive terms of
///   that many years from the first service year;
/// - otherwise one service year (Wenzhou and Yubei evaluate every service year and name no
///   contract length).
pub fn service_term(profile: &Profile, first: i32, year: i32) -> RangeInclusive<i32> {
    let len = match (profile.evaluation.renewal, &profile.contract) {
        (RenewalRule::AnnualQualified, _) | (_, None) => 1,
        (_, Some(c)) => c.max_years.max(1) as i32,
    };
    let first = first.min(year);
    let start = first + (year - first) / len * len;
    start..=start + len - 1
}

/// The first service year of a site: the year it was established, not before the policy.
pub fn first_service_year(net: &Network, site_id: i64, profile: &Profile) -> Option<i32> {
    let site = net.site(site_id)?;
    let est = site.established_on()?;
    Some(est.year().max(profile.issued.year()))
}

/// The one renewal function: the verdict of the service term holding `year` for a site,
/// over the sheets of that term as stored. The scores list, the entry grid (through
/// `Sheet::with_term`), `sgz check` and the alerts all ask it.
/// Where the site has a recorded service contract holding `year`, its service years are the
/// term (the latest such contract when two share a year); elsewhere the term is derived from
/// the profile as `service_term` says.
pub fn site_renewal(
    net: &Network,
    site_id: i64,
    profile: &Profile,
    year: i32,
) -> (RangeInclusive<i32>, Vec<RequiredSheet>, RenewalConsequence) {
    let recorded = net
        .contracts_of(site_id)
        .iter()
        .rev()
        .map(|c| c.years())
        .find(|t| t.contains(&year));
    let term = recorded.unwrap_or_else(|| {
        let first = first_service_year(net, site_id, profile).unwrap_or(year);
        service_term(profile, first, year)
    });
    let sheets = required_evaluations(net, site_id, profile, term.clone());
    let r = renewal_consequence(&profile.evaluation, &sheets, term.clone());
    (term, sheets, r)
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
}

impl RenewalConsequence {
    /// Some(true) or Some(false) once decided; None while pending.
    pub fn allowed(&self) -> Option<bool> {
        match self.verdict {
            Verdict::Allowed { .. } => Some(true),
            Verdict::NotAllowed { .. } => Some(false),
            Verdict::Pending { .. } => None,
        }
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

    fn judge(p: &Profile, evs: &[Evaluation], years: RangeInclusive<i32>) -> RenewalConsequence {
        renewal_consequence(
            &p.evaluation,
            &required_sheets(&p.evaluation, evs, years.clone()),
            years,
        )
    }

    fn grades(xs: &[SheetRef]) -> Vec<(i32, Phase, Option<Grade>, Option<i64>)> {
        xs.iter()
            .map(|s| (s.year, s.phase, s.grade, s.evaluation_id))
            .collect()
    }

    #[test]
    fn wuhan_renewal_needs_every_evaluation_excellent_3_4() {
        let p = profile("wuhan-2021");
        let all_excellent = [
            ev(1, 2023, MidTerm, Locked, Excellent),
            ev(2, 2024, MidTerm, Submitted, Excellent),
        ];
        let r = judge(&p, &all_excellent, 2023..=2024);
        assert_eq!(r.cite.clause, "§三(四)");
        assert_eq!(r.term, (2023, 2024));
        match &r.verdict {
            Verdict::Allowed { used } => assert_eq!(
                grades(used),
                vec![
                    (2023, MidTerm, Some(Excellent), Some(1)),
                    (2024, MidTerm, Some(Excellent), Some(2))
                ]
            ),
            v => panic!("{v:?}"),
        }

        // An extra end-term evaluation counts too: "every evaluation of the term".
        let with_good_extra = [
            ev(1, 2023, MidTerm, Locked, Excellent),
            ev(2, 2024, MidTerm, Submitted, Excellent),
            ev(3, 2024, EndTerm, Submitted, Good),
        ];
        let r = judge(&p, &with_good_extra, 2023..=2024);
        match &r.verdict {
            Verdict::NotAllowed { failing } => {
                assert_eq!(grades(failing), vec![(2024, EndTerm, Some(Good), Some(3))])
            }
            v => panic!("{v:?}"),
        }

        // A good grade decides it even while a year is missing.
        let missing_and_good = [ev(1, 2023, MidTerm, Locked, Good)];
        assert_eq!(
            judge(&p, &missing_and_good, 2023..=2024).allowed(),
            Some(false)
        );

        let missing = [ev(1, 2023, MidTerm, Locked, Excellent)];
        let r = judge(&p, &missing, 2023..=2024);
        assert_eq!(r.allowed(), None);
        match &r.verdict {
            Verdict::Pending { waiting } => {
                assert_eq!(grades(waiting), vec![(2024, MidTerm, None, None)])
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn wuhan_good_then_excellent_in_one_term_is_not_renewable_3_4() {
        let p = profile("wuhan-2021");
        // Service from 2023: the term is 2023-2025 (contract at most 3 years, §三(四)).
        assert_eq!(service_term(&p, 2023, 2024), 2023..=2025);
        assert_eq!(service_term(&p, 2023, 2026), 2026..=2028);
        let evs = [
            ev(1, 2023, MidTerm, Locked, Good),
            ev(2, 2024, MidTerm, Locked, Excellent),
        ];
        // Judged from the 2024 sheet, the 2023 良好 of the same term decides.
        let r = judge(&p, &evs, service_term(&p, 2023, 2024));
        assert_eq!(r.allowed(), Some(false));
        match &r.verdict {
            Verdict::NotAllowed { failing } => {
                assert_eq!(grades(failing), vec![(2023, MidTerm, Some(Good), Some(1))])
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn ningxia_term_is_the_year_and_other_profiles_without_a_contract_length_too() {
        assert_eq!(
            service_term(&profile("ningxia-2021"), 2021, 2024),
            2024..=2024
        );
        assert_eq!(
            service_term(&profile("wenzhou-2021"), 2021, 2024),
            2024..=2024
        );
        assert_eq!(
            service_term(&profile("yubei-2021"), 2021, 2024),
            2024..=2024
        );
        assert_eq!(
            service_term(&profile("nantong-2021"), 2021, 2024),
            2024..=2026
        );
        assert_eq!(
            service_term(&profile("nantong-2021"), 2021, 2023),
            2021..=2023
        );
    }

    #[test]
    fn ningxia_renewal_needs_annual_qualified_3_3_1() {
        let p = profile("ningxia-2021");
        let ok = [ev(1, 2024, Annual, Submitted, Qualified)];
        let r = judge(&p, &ok, 2024..=2024);
        assert_eq!(r.allowed(), Some(true));
        assert_eq!(r.cite.clause, "§三(三)1");
        let bad = [ev(1, 2024, Annual, Locked, Unqualified)];
        assert_eq!(judge(&p, &bad, 2024..=2024).allowed(), Some(false));
        // A mid-term sheet is not the annual evaluation: it does not decide.
        let mid_bad = [
            ev(1, 2024, Annual, Locked, Good),
            ev(2, 2024, MidTerm, Locked, Unqualified),
        ];
        assert_eq!(judge(&p, &mid_bad, 2024..=2024).allowed(), Some(true));
    }

    #[test]
    fn drafts_do_not_decide_and_empty_terms_are_pending() {
        let p = profile("yubei-2021");
        let draft = [ev(1, 2024, Annual, Draft, Excellent)];
        let r = judge(&p, &draft, 2024..=2024);
        match &r.verdict {
            Verdict::Pending { waiting } => {
                assert_eq!(waiting.len(), 1);
                assert_eq!(waiting[0].status, SheetStatus::Draft);
            }
            v => panic!("{v:?}"),
        }
        let r = renewal_consequence(&p.evaluation, &[], 2024..=2024);
        assert_eq!(r.allowed(), None);
        let bad = [ev(1, 2024, Annual, Submitted, Unqualified)];
        assert_eq!(judge(&p, &bad, 2024..=2025).allowed(), Some(false));
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
