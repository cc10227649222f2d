//! Every clause of a profile in one list, in document order of kinds: what each rule is,
//! the clause and sentence it comes from, and whether sgz computes it or only shows it.
//! `sgz policy show` and the dashboard's policy panel both read this list.

use super::policy::{Cite, Profile};

/// What part of the profile a clause belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// A coverage milestone (its id).
    Milestone,
    /// A staffing rule per station.
    Staffing,
    /// The first-certificate deadline.
    Certification,
    /// Registration and re-registration.
    Registration,
    /// Yearly training hours.
    Training,
    /// Contract length and renewal condition of a worker.
    Contract,
    /// How long a site's service contract with its operator may run.
    ServiceContract,
    /// An age limit.
    Age,
    /// Experience or certificate some roles need.
    Experience,
    /// Floor area of a station.
    Space,
    /// The evaluation scheme (phases, sheet, grade bands).
    Evaluation,
    /// What renewal of the service contract needs.
    Renewal,
    /// A duty: a report, plan, summary or payment owed on a calendar (`[[duties]]`).
    Duty,
    /// A rule shown as information only (`[[other_rules]]`).
    Other,
}

/// One clause of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause<'p> {
    /// What part of the profile it is.
    pub kind: ClauseKind,
    /// The milestone's id, for milestones; None otherwise.
    pub label: Option<&'p str>,
    /// Clause number and sentence, in both languages.
    pub cite: &'p Cite,
    /// Whether sgz computes it (coverage, alerts, grades); false for information only.
    pub computed: bool,
}

/// Every clause of `p`: milestones, staffing, certificates, registration, training,
/// contract, age, experience, space, evaluation, renewal, duties, then the informational ones.
pub fn clauses(p: &Profile) -> Vec<Clause<'_>> {
    use super::policy::StaffingRule as S;
    let c = |kind, cite| Clause {
        kind,
        label: None,
        cite,
        computed: true,
    };
    let mut out: Vec<Clause> = p
        .milestones
        .iter()
        .map(|m| Clause {
            label: Some(m.id.as_str()),
            ..c(ClauseKind::Milestone, &m.cite)
        })
        .collect();
    out.extend(p.staffing.iter().map(|s| match s {
        S::MinCount { cite, .. }
        | S::MaxCount { cite, .. }
        | S::PerVillages { cite, .. }
        | S::RoleRequired { cite, .. } => c(ClauseKind::Staffing, cite),
    }));
    out.extend(
        p.certification
            .iter()
            .map(|r| c(ClauseKind::Certification, &r.cite)),
    );
    out.push(c(ClauseKind::Registration, &p.registration.cite));
    out.extend(p.training.iter().map(|r| c(ClauseKind::Training, &r.cite)));
    out.extend(p.contract.iter().map(|r| c(ClauseKind::Contract, &r.cite)));
    out.extend(
        p.service_contract
            .iter()
            .map(|r| c(ClauseKind::ServiceContract, &r.cite)),
    );
    out.extend(p.age.iter().map(|r| c(ClauseKind::Age, &r.cite)));
    out.extend(
        p.experience
            .iter()
            .map(|r| c(ClauseKind::Experience, &r.cite)),
    );
    out.extend(p.area.iter().map(|r| c(ClauseKind::Space, &r.cite)));
    out.push(c(ClauseKind::Evaluation, &p.evaluation.cite));
    out.extend(
        p.evaluation
            .phases_cite
            .iter()
            .map(|r| c(ClauseKind::Evaluation, r)),
    );
    out.push(c(ClauseKind::Renewal, &p.evaluation.renewal_cite));
    out.extend(p.duties.iter().map(|d| Clause {
        label: Some(d.id.as_str()),
        ..c(ClauseKind::Duty, &d.cite)
    }));
    out.extend(p.other_rules.iter().map(|r| Clause {
        computed: false,
        ..c(ClauseKind::Other, r)
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cite_of_a_profile_is_listed_once_and_only_other_rules_are_informational() {
        #[allow(clippy::unwrap_used)]
        for p in crate::io::policy::embedded().unwrap() {
            let list = clauses(&p);
            let fixed = 3; // registration, evaluation, renewal
            let expected = p.milestones.len()
                + p.staffing.len()
                + usize::from(p.certification.is_some())
                + usize::from(p.training.is_some())
                + usize::from(p.contract.is_some())
                + usize::from(p.service_contract.is_some())
                + usize::from(p.age.is_some())
                + p.experience.len()
                + usize::from(p.area.is_some())
                + usize::from(p.evaluation.phases_cite.is_some())
                + p.duties.len()
                + p.other_rules.len()
                + fixed;
            assert_eq!(list.len(), expected, "{}", p.id);
            let info: Vec<_> = list.iter().filter(|c| !c.computed).collect();
            assert_eq!(info.len(), p.other_rules.len(), "{}", p.id);
            assert!(info.iter().all(|c| c.kind == ClauseKind::Other));
        }
    }
}
