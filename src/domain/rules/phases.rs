//! The evaluations a scheme requires of a station every service year (Wenzhou §八: a mid-term
//! and an end-term; Wuhan §三(四): at least one mid-term each contract year; Ningxia §三(三)1:
//! the annual one) that are not held.
//!
//! Neither document names a day, so a service year's evaluations are due by its last day,
//! the service year taken as the calendar year (as `renewal::service_term` takes it). A station
//! owes the years from its first service year (`renewal::first_service_year`: the year it was
//! established, not before the policy) through this one, except a first year it joined in its
//! last `WINDOW_DAYS`: an evaluation is not due of a station that could not be given the
//! warning's notice. A sheet that exists, even as a draft, is held; one that does not is
//! missing once its year has ended and due soon in the last `WINDOW_DAYS` of its year.

use chrono::NaiveDate;

use super::alerts::{Alert, AlertKind, At, Severity};
use super::facts::Fact;
use super::WINDOW_DAYS;
use crate::domain::evaluation::Evaluation;
use crate::domain::network::Network;
use crate::domain::policy::{EvaluationScheme, Phase, Profile};
use crate::domain::renewal::{first_service_year, required_sheets, SheetStatus};
use crate::domain::site::Tier;

/// One evaluation the scheme requires that is not held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingPhase {
    /// The service year.
    pub year: i32,
    /// Which evaluation of the year.
    pub phase: Phase,
    /// The last day of the service year.
    pub due: NaiveDate,
    /// Days from today to `due`; negative once the year has ended.
    pub days_left: i64,
}

/// The last day of a service year.
pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The first service year whose evaluations a station owes: its first service year
/// (`first_service_year`), or the next when it was established in that year's last
/// `WINDOW_DAYS` days.
pub fn first_owed_year(first_service_year: i32, established: NaiveDate) -> i32 {
    let end = year_end(first_service_year);
    if established <= end && (end - established).num_days() < WINDOW_DAYS {
        first_service_year + 1
    } else {
        first_service_year
    }
}

/// The scheme's evaluations for the service years `first..=today`'s year that no sheet holds:
/// every one of a year that has ended, and this year's once its end is `WINDOW_DAYS` away or
/// nearer. In (year, phase) order.
pub fn missing_phases<'a>(
    scheme: &EvaluationScheme,
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    first: i32,
    today: NaiveDate,
) -> Vec<MissingPhase> {
    use chrono::Datelike;
    let last = today.year();
    if first > last {
        return Vec::new();
    }
    required_sheets(scheme, evaluations, first..=last)
        .into_iter()
        .filter(|s| s.required && s.status == SheetStatus::Missing)
        .map(|s| {
            let due = year_end(s.year);
            MissingPhase {
                year: s.year,
                phase: s.phase,
                due,
                days_left: (due - today).num_days(),
            }
        })
        .filter(|m| m.days_left <= WINDOW_DAYS)
        .collect()
}

/// The alerts of a station's missing evaluations, with the clause that requires them.
pub(super) fn evaluation_phases(net: &Network, profile: &Profile, at: &At, out: &mut Vec<Alert>) {
    if at.site.tier != Tier::Station {
        return;
    }
    let (Some(first), Some(established)) = (
        first_service_year(net, at.site.id, profile),
        at.site.established_on(),
    ) else {
        return;
    };
    let first = first_owed_year(first, established);
    let cite = profile.evaluation.phases_cite();
    for m in missing_phases(
        &profile.evaluation,
        net.evaluations_of(at.site.id),
        first,
        at.today,
    ) {
        let (severity, fact) = if m.days_left < 0 {
            (
                Severity::Critical,
                Fact::EvaluationMissing {
                    year: m.year,
                    phase: m.phase,
                    due: m.due,
                    days_late: -m.days_left,
                },
            )
        } else {
            (
                Severity::Warning,
                Fact::EvaluationDue {
                    year: m.year,
                    phase: m.phase,
                    due: m.due,
                    days_left: m.days_left,
                },
            )
        };
        out.push(at.alert(
            severity,
            AlertKind::EvaluationMissing,
            None,
            Some(m.due),
            cite,
            fact,
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::domain::evaluation::EvalStatus;
    use Phase::{Annual, EndTerm, MidTerm};

    fn profile(text: &str) -> Profile {
        toml::from_str(text).expect("profile parses")
    }
    fn wenzhou() -> Profile {
        profile(include_str!("../../../data/policies/wenzhou-2021.toml"))
    }
    fn wuhan() -> Profile {
        profile(include_str!("../../../data/policies/wuhan-2021.toml"))
    }
    fn ningxia() -> Profile {
        profile(include_str!("../../../data/policies/ningxia-2021.toml"))
    }
    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }
    fn ev(id: i64, year: i32, phase: Phase, status: EvalStatus) -> Evaluation {
        Evaluation {
            id,
            site_id: 1,
            year,
            phase,
            template: String::new(),
            status,
            total: None,
            grade: None,
            version: 1,
            scores: BTreeMap::new(),
            synthetic: false,
        }
    }
    fn short(v: &[MissingPhase]) -> Vec<(i32, Phase, i64)> {
        v.iter().map(|m| (m.year, m.phase, m.days_left)).collect()
    }

    #[test]
    fn wenzhou_mid_and_end_term_every_service_year_8() {
        // Worked by hand: service from 2021; held 2021 mid, 2022 both, 2023 end (a draft
        // counts as held); on 2024-11-15 the 2021 end-term and the 2023 mid-term are missing
        // (their years ended), and 2024's two are due in 46 days (2024-12-31).
        let p = wenzhou();
        let evs = [
            ev(1, 2021, MidTerm, EvalStatus::Locked),
            ev(2, 2022, MidTerm, EvalStatus::Locked),
            ev(3, 2022, EndTerm, EvalStatus::Submitted),
            ev(4, 2023, EndTerm, EvalStatus::Draft),
        ];
        let got = missing_phases(&p.evaluation, &evs, 2021, date(2024, 11, 15));
        assert_eq!(
            short(&got),
            vec![
                (2021, EndTerm, -(365 + 365 + 320)),
                (2023, MidTerm, -320),
                (2024, MidTerm, 46),
                (2024, EndTerm, 46),
            ]
        );
        assert_eq!(got[1].due, date(2023, 12, 31));
        // On 2024-10-01 this year's end is 91 days away: not yet due soon.
        let got = missing_phases(&p.evaluation, &evs, 2021, date(2024, 10, 1));
        assert_eq!(got.len(), 2);
        let got = missing_phases(&p.evaluation, &evs, 2021, date(2024, 10, 2));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn wuhan_at_least_one_mid_term_each_contract_year_3_4() {
        let p = wuhan();
        // An end-term does not stand in for the mid-term; 2022's mid-term is held.
        let evs = [
            ev(1, 2021, EndTerm, EvalStatus::Locked),
            ev(2, 2022, MidTerm, EvalStatus::Locked),
        ];
        let got = missing_phases(&p.evaluation, &evs, 2021, date(2023, 6, 30));
        assert_eq!(short(&got), vec![(2021, MidTerm, -546)]);
        assert!(got.iter().all(|m| m.phase == MidTerm));
        assert_eq!(p.evaluation.phases_cite().clause, "§三(四)");
    }

    #[test]
    fn ningxia_annual_evaluation_cites_3_3_1() {
        let p = ningxia();
        assert_eq!(p.evaluation.phases_cite().clause, "§三(三)1");
        let got = missing_phases(&p.evaluation, &[], 2023, date(2024, 1, 1));
        assert_eq!(short(&got), vec![(2023, Annual, -1)]);
    }

    #[test]
    fn a_station_owes_nothing_before_its_first_service_year() {
        let p = wenzhou();
        assert!(missing_phases(&p.evaluation, &[], 2025, date(2024, 12, 31)).is_empty());
        assert_eq!(
            missing_phases(&p.evaluation, &[], 2024, date(2024, 12, 31)).len(),
            2
        );
    }

    #[test]
    fn a_station_set_up_in_the_last_90_days_of_a_year_owes_from_the_next() {
        // 2021-10-02 is 90 days before 2021-12-31: owes 2021; 2021-10-03 (89 days) does not.
        assert_eq!(first_owed_year(2021, date(2021, 10, 2)), 2021);
        assert_eq!(first_owed_year(2021, date(2021, 10, 3)), 2022);
        assert_eq!(first_owed_year(2021, date(2021, 12, 31)), 2022);
        // Established before the policy's year: the policy's first year is owed in full.
        assert_eq!(first_owed_year(2021, date(2019, 12, 1)), 2021);
    }

    /// The rule read straight from the documents, over a grid of every year and phase: a
    /// (year, phase) is listed when the scheme names the phase, the year is a service year
    /// of the station up to today's, no sheet of that year and phase exists, and the year's
    /// 31 December is past or at most 90 days ahead.
    fn oracle(
        phases: &[Phase],
        held: &[(i32, Phase)],
        first: i32,
        today: NaiveDate,
    ) -> Vec<(i32, Phase, i64)> {
        use chrono::Datelike;
        let mut out = Vec::new();
        for year in 2000..=2040 {
            for phase in [MidTerm, EndTerm, Annual] {
                let end = date(year, 12, 31);
                let days = (end - today).num_days();
                let owed = phases.contains(&phase) && year >= first && year <= today.year();
                if owed && !held.contains(&(year, phase)) && days <= 90 {
                    out.push((year, phase, days));
                }
            }
        }
        out
    }

    fn any_phase() -> impl Strategy<Value = Phase> {
        prop_oneof![Just(MidTerm), Just(EndTerm), Just(Annual)]
    }

    proptest! {
        #[test]
        fn missing_phases_match_the_rule(
            held in proptest::collection::vec((2018i32..2028, any_phase()), 0..12),
            first in 2018i32..2028,
            day in 0i64..(10 * 366),
            which in 0usize..3,
        ) {
            let p = vec![wenzhou(), wuhan(), ningxia()].swap_remove(which);
            let today = date(2018, 1, 1) + chrono::Duration::days(day);
            let mut held = held;
            held.sort();
            held.dedup();
            let evs: Vec<Evaluation> = held
                .iter()
                .enumerate()
                .map(|(k, &(y, ph))| ev(k as i64, y, ph, EvalStatus::Draft))
                .collect();
            let got = short(&missing_phases(&p.evaluation, &evs, first, today));
            prop_assert_eq!(got, oracle(&p.evaluation.phases, &held, first, today));
        }
    }
}
