//! A site's service contract with its operator (承接机构): the days it has left, the renewal
//! verdict over its term's evaluations, and the profile's limits on a contract, returned as
//! structured problems that `i18n::contracts` words with their clause.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::calendar::{add_days, add_years};
use super::network::Network;
use super::policy::{Cite, Profile};
use super::renewal::{renewal_consequence, required_evaluations, RenewalConsequence};
use super::renewal::{RequiredSheet, Verdict};

/// A recorded service contract of a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    /// Row id.
    pub id: i64,
    /// The site served.
    pub site_id: i64,
    /// The operator (承接机构) that runs the site under this contract.
    pub operator: String,
    /// First day of service.
    pub start: NaiveDate,
    /// Last day of service (inclusive).
    pub end: NaiveDate,
    /// The contract this one renews, if any.
    pub renews: Option<i64>,
    /// Bumped on every change, for stale writers.
    pub version: i64,
    /// Part of the synthetic demo.
    pub synthetic: bool,
}

impl Contract {
    /// Days from `on` to the last day of service: 0 on the last day, negative once ended.
    pub fn days_left(&self, on: NaiveDate) -> i64 {
        (self.end - on).num_days()
    }

    /// The service years the contract's evaluations belong to: the years whose middle
    /// (1 July) it covers, so that a contract of N years from any day holds N service years
    /// (evaluations are kept by year); the start year for a contract that covers no 1 July.
    pub fn years(&self) -> RangeInclusive<i32> {
        let mid = |y: i32| NaiveDate::from_ymd_opt(y, 7, 1);
        let first = if mid(self.start.year()).is_some_and(|m| m >= self.start) {
            self.start.year()
        } else {
            self.start.year() + 1
        };
        let last = if mid(self.end.year()).is_some_and(|m| m <= self.end) {
            self.end.year()
        } else {
            self.end.year() - 1
        };
        if first <= last {
            first..=last
        } else {
            self.start.year()..=self.start.year()
        }
    }

    /// Whether the contract is in force on `d`.
    pub fn in_force(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// The verdict on renewing a contract: the evaluations of its service years under the
/// profile's renewal rule (the same `renewal_consequence` the scores list asks).
pub fn contract_renewal(
    net: &Network,
    c: &Contract,
    profile: &Profile,
) -> (Vec<RequiredSheet>, RenewalConsequence) {
    let years = c.years();
    let sheets = required_evaluations(net, c.site_id, profile, years.clone());
    let r = renewal_consequence(&profile.evaluation, &sheets, years);
    (sheets, r)
}

/// A contract being recorded: what the form or the demo gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft {
    /// The site served.
    pub site_id: i64,
    /// The operator's name.
    pub operator: String,
    /// First day of service.
    pub start: NaiveDate,
    /// Last day of service (inclusive).
    pub end: NaiveDate,
}

/// Why a contract cannot be recorded as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractProblem {
    /// No operator named.
    NoOperator,
    /// The operator's name holds a control or direction character (its code point).
    UnsafeOperator(String),
    /// The last day comes before the first.
    EndBeforeStart {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// Longer than the profile's longest contract (Wuhan §三(四): 3 years).
    TooLong {
        /// Longest term in years.
        max_years: u32,
        /// The latest last day a contract from this start may have.
        latest_end: NaiveDate,
        /// The clause.
        cite: Cite,
    },
    /// Longer than a year where contracts are signed yearly (Ningxia §三(三)1).
    SignedYearly {
        /// The latest last day a contract from this start may have.
        latest_end: NaiveDate,
        /// The clause.
        cite: Cite,
    },
    /// Overlaps another contract of the site.
    Overlaps {
        /// The other contract's operator.
        operator: String,
        /// Its first day.
        start: NaiveDate,
        /// Its last day.
        end: NaiveDate,
    },
    /// A renewal must start after the contract it renews has ended.
    RenewalStartsEarly {
        /// The renewed contract's last day.
        renewed_end: NaiveDate,
    },
    /// The contract was renewed already.
    AlreadyRenewed {
        /// The renewal's first day.
        start: NaiveDate,
    },
    /// The renewed contract's evaluations refuse a renewal.
    RenewalNotAllowed {
        /// The renewed contract's service years.
        term: (i32, i32),
        /// The clause of the renewal rule.
        cite: Cite,
    },
}

/// The latest last day a contract starting on `start` may have under the profile, with the
/// problem a longer one is: the yearly signing (Ningxia) or the longest term (Wuhan).
pub fn latest_end(profile: &Profile, start: NaiveDate) -> Option<(NaiveDate, ContractProblem)> {
    let rule = profile.service_contract.as_ref()?;
    let years = if rule.signed_yearly {
        1
    } else {
        rule.max_years
    };
    let latest = add_days(add_years(start, years.max(1)), -1);
    let problem = if rule.signed_yearly {
        ContractProblem::SignedYearly {
            latest_end: latest,
            cite: rule.cite.clone(),
        }
    } else {
        ContractProblem::TooLong {
            max_years: rule.max_years,
            latest_end: latest,
            cite: rule.cite.clone(),
        }
    };
    Some((latest, problem))
}

/// Every problem with recording `d` beside the site's `existing` contracts, as a renewal of
/// `renews` when given (with that contract's renewal verdict). Empty when it may be recorded.
/// A pending verdict does not refuse a renewal: the bureau may renew before the last sheet is
/// final; a decided "not allowed" does, with the renewal rule's clause.
pub fn check_contract(
    profile: Option<&Profile>,
    d: &ContractDraft,
    existing: &[Contract],
    renews: Option<(&Contract, Option<&RenewalConsequence>)>,
) -> Vec<ContractProblem> {
    let mut out = Vec::new();
    if d.operator.trim().is_empty() {
        out.push(ContractProblem::NoOperator);
    }
    if let Some((_, c)) = super::text::first_unsafe(&d.operator) {
        out.push(ContractProblem::UnsafeOperator(super::text::code_point(c)));
    }
    if d.end < d.start {
        out.push(ContractProblem::EndBeforeStart {
            start: d.start,
            end: d.end,
        });
    } else if let Some((latest, problem)) = profile.and_then(|p| latest_end(p, d.start)) {
        if d.end > latest {
            out.push(problem);
        }
    }
    if let Some((old, verdict)) = renews {
        if let Some(next) = existing.iter().find(|c| c.renews == Some(old.id)) {
            out.push(ContractProblem::AlreadyRenewed { start: next.start });
        }
        if d.start <= old.end {
            out.push(ContractProblem::RenewalStartsEarly {
                renewed_end: old.end,
            });
        }
        if let Some(v) = verdict.filter(|v| matches!(v.verdict, Verdict::NotAllowed { .. })) {
            out.push(ContractProblem::RenewalNotAllowed {
                term: v.term,
                cite: v.cite.clone(),
            });
        }
    }
    if let Some(c) = existing
        .iter()
        .find(|c| c.site_id == d.site_id && c.start <= d.end && d.start <= c.end)
    {
        out.push(ContractProblem::Overlaps {
            operator: c.operator.clone(),
            start: c.start,
            end: c.end,
        });
    }
    out
}

/// Where a contract stands on a date, for lists and alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractState {
    /// Not started yet.
    Future,
    /// In force.
    Current,
    /// Ended and renewed.
    Renewed,
    /// Ended without a renewal recorded.
    Ended,
}

/// The state of `c` on `d` among the site's `all` contracts.
pub fn contract_state(c: &Contract, all: &[Contract], d: NaiveDate) -> ContractState {
    if d < c.start {
        ContractState::Future
    } else if d <= c.end {
        ContractState::Current
    } else if all.iter().any(|n| n.renews == Some(c.id)) {
        ContractState::Renewed
    } else {
        ContractState::Ended
    }
}

/// One contract as the report and the TUI list it: the site, the contract, where it stands
/// on the date, the sheets of its term and the renewal verdict (None where no profile binds
/// the site).
#[derive(Debug, Clone)]
pub struct ContractRow<'n> {
    /// The site's node in the tree.
    pub node: u32,
    /// The site.
    pub site: &'n super::site::Site,
    /// The contract.
    pub contract: &'n Contract,
    /// Days from the date to its last day (negative once ended).
    pub days_left: i64,
    /// Where it stands on the date.
    pub state: ContractState,
    /// The profile's id, if one binds the site.
    pub policy: Option<&'n str>,
    /// The sheets of its service years.
    pub sheets: Vec<RequiredSheet>,
    /// The renewal verdict with its clause.
    pub renewal: Option<RenewalConsequence>,
}

/// Every contract of the sites under `scope`, in tree order then by start, as of `on`; with
/// `within`, only the contracts whose last day falls in the `within` days from `on`.
pub fn contract_rows<'n>(
    net: &'n Network,
    profiles: &'n [Profile],
    scope: u32,
    on: NaiveDate,
    within: Option<u32>,
) -> Vec<ContractRow<'n>> {
    let mut out = Vec::new();
    for (node, site) in net.sites_under(scope) {
        let all = net.contracts_of(site.id);
        if all.is_empty() {
            continue;
        }
        let profile = super::coverage::binding_for(net, profiles, node).map(|(p, _)| p);
        for c in all {
            let days_left = c.days_left(on);
            if within.is_some_and(|w| days_left < 0 || days_left > i64::from(w)) {
                continue;
            }
            let (sheets, renewal) = match profile {
                Some(p) => {
                    let (s, r) = contract_renewal(net, c, p);
                    (s, Some(r))
                }
                None => (Vec::new(), None),
            };
            out.push(ContractRow {
                node,
                site,
                contract: c,
                days_left,
                state: contract_state(c, all, on),
                policy: profile.map(|p| p.id.as_str()),
                sheets,
                renewal,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str) -> Profile {
        #[allow(clippy::unwrap_used)]
        crate::io::policy::embedded()
            .unwrap()
            .into_iter()
            .find(|p| p.id == id)
            .expect("profile exists")
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn draft(start: &str, end: &str) -> ContractDraft {
        ContractDraft {
            site_id: 1,
            operator: "武汉市某社会工作服务中心".into(),
            start: d(start),
            end: d(end),
        }
    }

    fn contract(id: i64, start: &str, end: &str, renews: Option<i64>) -> Contract {
        Contract {
            id,
            site_id: 1,
            operator: "某机构".into(),
            start: d(start),
            end: d(end),
            renews,
            version: 1,
            synthetic: false,
        }
    }

    #[test]
    fn wuhan_service_contract_at_most_3_years_3_4() {
        let p = profile("wuhan-2021");
        assert!(check_contract(Some(&p), &draft("2022-01-01", "2024-12-31"), &[], None).is_empty());
        let got = check_contract(Some(&p), &draft("2022-01-01", "2025-01-01"), &[], None);
        match got.as_slice() {
            [ContractProblem::TooLong {
                max_years: 3,
                latest_end,
                cite,
            }] => {
                assert_eq!(*latest_end, d("2024-12-31"));
                assert_eq!(cite.clause, "§三(四)");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ningxia_contract_signed_yearly_3_3_1() {
        let p = profile("ningxia-2021");
        assert!(check_contract(Some(&p), &draft("2022-07-01", "2023-06-30"), &[], None).is_empty());
        let got = check_contract(Some(&p), &draft("2022-07-01", "2023-07-01"), &[], None);
        match got.as_slice() {
            [ContractProblem::SignedYearly { latest_end, cite }] => {
                assert_eq!(*latest_end, d("2023-06-30"));
                assert_eq!(cite.clause, "§三(三)1");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn profiles_without_a_service_contract_rule_set_no_length() {
        for id in ["wenzhou-2021", "yubei-2021", "nantong-2021"] {
            let p = profile(id);
            assert!(
                check_contract(Some(&p), &draft("2022-01-01", "2031-12-31"), &[], None).is_empty(),
                "{id}"
            );
        }
    }

    #[test]
    fn end_before_start_overlap_and_empty_operator_are_refused() {
        let mut x = draft("2022-01-01", "2021-12-31");
        x.operator = " ".into();
        let got = check_contract(None, &x, &[], None);
        assert!(got.contains(&ContractProblem::NoOperator));
        assert!(got
            .iter()
            .any(|p| matches!(p, ContractProblem::EndBeforeStart { .. })));
        let old = contract(7, "2021-01-01", "2022-03-31", None);
        let got = check_contract(None, &draft("2022-01-01", "2022-12-31"), &[old], None);
        assert!(matches!(got.as_slice(), [ContractProblem::Overlaps { .. }]));
    }

    #[test]
    fn days_left_counts_to_the_last_day_inclusive() {
        let c = contract(1, "2022-01-01", "2024-12-31", None);
        assert_eq!(c.days_left(d("2024-12-31")), 0);
        assert_eq!(c.days_left(d("2024-12-01")), 30);
        assert_eq!(c.days_left(d("2025-01-02")), -2);
        assert_eq!(c.years(), 2022..=2024);
    }

    #[test]
    fn a_contract_holds_the_service_years_whose_1_july_it_covers() {
        let years = |a, b| contract(1, a, b, None).years();
        assert_eq!(years("2023-02-26", "2026-02-25"), 2023..=2025);
        assert_eq!(years("2026-02-16", "2027-02-15"), 2026..=2026);
        assert_eq!(years("2025-12-17", "2026-12-16"), 2026..=2026);
        assert_eq!(years("2022-07-01", "2023-06-30"), 2022..=2022);
        assert_eq!(years("2022-07-02", "2023-07-01"), 2023..=2023);
        assert_eq!(years("2022-08-01", "2022-12-31"), 2022..=2022);
    }

    #[test]
    fn state_tells_renewed_from_ended() {
        let a = contract(1, "2021-01-01", "2021-12-31", None);
        let b = contract(2, "2022-01-01", "2022-12-31", Some(1));
        let all = [a.clone(), b.clone()];
        assert_eq!(
            contract_state(&a, &all, d("2022-06-01")),
            ContractState::Renewed
        );
        assert_eq!(
            contract_state(&b, &all, d("2022-06-01")),
            ContractState::Current
        );
        assert_eq!(
            contract_state(&b, &all, d("2023-01-01")),
            ContractState::Ended
        );
        assert_eq!(
            contract_state(&b, &all, d("2021-06-01")),
            ContractState::Future
        );
    }
}
