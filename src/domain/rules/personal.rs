//! The alert each deadline of a person raises, if any: its severity, kind and facts.

use super::alerts::{Alert, AlertKind, At, Severity};
use super::facts::{Fact, Hours, Who};
use super::{Deadline, DeadlineKind, DeadlineStatus, Detail};
use crate::domain::staff::{CertLevel, Staff};

/// The continuing-education hours of the registration period, where the level needs any.
fn ce_hours(all: &[Deadline]) -> Option<Hours> {
    all.iter()
        .find(|d| d.kind == DeadlineKind::ContinuingEducation)
        .and_then(|d| match d.detail {
            Detail::Hours { done, required, .. } => Some(Hours { done, required }),
            _ => None,
        })
}

/// The alert (if any) one deadline of one person raises.
// One arm per (deadline, status) that raises an alert; apart they would hide which are missing.
pub(super) fn personal(at: &At, p: &Staff, d: &Deadline, all: &[Deadline], out: &mut Vec<Alert>) {
    use DeadlineStatus::{DueSoon, Overdue, Unmet};
    let who = || Who {
        name: p.name.clone(),
        role: p.role,
    };
    let mut push = |severity, kind, due, fact| {
        out.push(at.alert(severity, kind, Some(p.id), due, &d.cite, fact));
    };
    if let (Detail::Level { level, min_level }, Unmet) = (&d.detail, d.status) {
        let fact = Fact::QualificationShort {
            who: who(),
            level: *level,
            min_level: *min_level,
        };
        push(Severity::Warning, AlertKind::QualificationShort, None, fact);
        return;
    }
    // Every other deadline has a date.
    let Some(due) = d.due else {
        return;
    };
    let days_left = d.days_left.unwrap_or(0);
    let days_late = days_left.abs();
    let clause = || d.cite.clause.clone();
    match (&d.detail, d.status) {
        (Detail::Certificate { start, min_level }, Overdue) => push(
            Severity::Critical,
            AlertKind::Uncertified,
            d.due,
            Fact::CertificateLate {
                who: who(),
                level: *min_level,
                start: *start,
                due,
                days_late,
                clause: clause(),
            },
        ),
        (Detail::Certificate { min_level, .. }, DueSoon) => push(
            Severity::Warning,
            AlertKind::Uncertified,
            d.due,
            Fact::CertificateSoon {
                who: who(),
                level: *min_level,
                due,
                days_left,
            },
        ),
        (Detail::FirstRegistration { passed }, Overdue) => push(
            Severity::Critical,
            AlertKind::FirstRegistration,
            d.due,
            Fact::FirstRegistrationLate {
                who: who(),
                level: p.cert_level,
                passed: *passed,
                due,
                days_late,
            },
        ),
        (Detail::FirstRegistration { passed }, DueSoon) => push(
            Severity::Warning,
            AlertKind::FirstRegistration,
            d.due,
            Fact::FirstRegistrationSoon {
                who: who(),
                level: p.cert_level,
                passed: *passed,
                due,
                days_left,
            },
        ),
        (Detail::Registration { window_opens, .. }, DueSoon) => push(
            Severity::Warning,
            AlertKind::RegistrationWindow,
            d.due,
            Fact::RegistrationWindow {
                who: who(),
                due,
                days_left,
                opens: *window_opens,
                ce: ce_hours(all),
            },
        ),
        (Detail::Registration { .. }, Overdue) => push(
            Severity::Critical,
            AlertKind::RegistrationLapsed,
            d.due,
            Fact::RegistrationLapsed {
                who: who(),
                due,
                days_late,
                ce: ce_hours(all),
            },
        ),
        (
            Detail::Contract {
                start,
                max_years,
                too_long,
                renewal_min_level,
                renewal_allowed,
            },
            status,
        ) => {
            let level = renewal_min_level.unwrap_or(CertLevel::Assistant);
            match (status, renewal_allowed) {
                (Overdue, false) => push(
                    Severity::Critical,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    Fact::ContractEndedNoRenewal {
                        who: who(),
                        due,
                        level,
                        clause: clause(),
                    },
                ),
                (DueSoon, false) => push(
                    Severity::Warning,
                    AlertKind::ContractNoRenewal,
                    d.due,
                    Fact::ContractEndsNoRenewal {
                        who: who(),
                        due,
                        days_left,
                        level,
                    },
                ),
                (Overdue, true) => push(
                    Severity::Critical,
                    AlertKind::ContractExpired,
                    d.due,
                    Fact::ContractExpired {
                        who: who(),
                        due,
                        days_late,
                        clause: clause(),
                    },
                ),
                (DueSoon, true) => push(
                    Severity::Info,
                    AlertKind::ContractEnding,
                    d.due,
                    Fact::ContractEnding {
                        who: who(),
                        due,
                        days_left,
                        holds_needed: renewal_min_level.is_some(),
                    },
                ),
                _ => {}
            }
            if *too_long {
                push(
                    Severity::Warning,
                    AlertKind::ContractTooLong,
                    d.due,
                    Fact::ContractTooLong {
                        who: who(),
                        start: *start,
                        due,
                        max_years: *max_years,
                    },
                );
            }
        }
        (
            Detail::Hours {
                done,
                required,
                year: Some(year),
            },
            DueSoon,
        ) if d.kind == DeadlineKind::Training => push(
            Severity::Warning,
            AlertKind::TrainingShort,
            d.due,
            Fact::TrainingShort {
                who: who(),
                year: *year,
                hours: Hours {
                    done: *done,
                    required: *required,
                },
                due,
            },
        ),
        (
            Detail::Hours {
                done,
                required,
                year: Some(year),
            },
            Overdue,
        ) if d.kind == DeadlineKind::Training => push(
            Severity::Critical,
            AlertKind::TrainingShort,
            d.due,
            Fact::TrainingYearShort {
                who: who(),
                year: *year,
                hours: Hours {
                    done: *done,
                    required: *required,
                },
                now: all.iter().find_map(|x| match x.detail {
                    Detail::Hours {
                        done,
                        required,
                        year: Some(y),
                    } if x.kind == DeadlineKind::Training && y == year + 1 => {
                        Some(Hours { done, required })
                    }
                    _ => None,
                }),
            },
        ),
        (Detail::Age { age, under }, Overdue) => push(
            Severity::Warning,
            AlertKind::AgeLimit,
            d.due,
            Fact::OverAge {
                who: who(),
                age: *age,
                under: *under,
            },
        ),
        (Detail::Age { under, .. }, DueSoon) => push(
            Severity::Info,
            AlertKind::AgeLimit,
            d.due,
            Fact::AgeLimitSoon {
                who: who(),
                under: *under,
                due,
                days_left,
            },
        ),
        (Detail::Experience { years, min_years }, Unmet) => push(
            Severity::Warning,
            AlertKind::ExperienceShort,
            None,
            Fact::ExperienceShort {
                who: who(),
                years: *years,
                min_years: *min_years,
                reaches: due,
            },
        ),
        _ => {}
    }
}
