//! What an alert found, as facts: numbers, dates, roles and clauses, no words.
//! `i18n::domain::describe` words each fact in either language.

use chrono::NaiveDate;

use crate::domain::staff::{CertLevel, Role};

/// The person a personal alert is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Who {
    /// Full name.
    pub name: String,
    /// Their post.
    pub role: Role,
}

/// Hours done against hours required.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hours {
    /// Hours done so far.
    pub done: f64,
    /// Hours the rule asks for.
    pub required: f64,
}

/// The facts behind one alert, one variant per situation an alert describes.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// Fewer counted staff than the minimum.
    StaffingShort {
        /// Counted staff on post.
        on_post: u32,
        /// The minimum.
        min: u32,
        /// Roles not counted.
        excluded: Vec<Role>,
    },
    /// More counted staff than the maximum.
    StaffingOver {
        /// Counted staff on post.
        on_post: u32,
        /// The maximum.
        max: u32,
        /// Roles not counted.
        excluded: Vec<Role>,
    },
    /// Fewer counted staff than one per so many villages (never below a floor) requires.
    VillagesShort {
        /// Villages under the township.
        villages: u32,
        /// Villages per worker.
        per: u32,
        /// Fewest workers whatever the villages.
        floor: u32,
        /// Workers the township needs.
        required: u32,
        /// Counted staff on post.
        on_post: u32,
        /// Roles not counted.
        excluded: Vec<Role>,
    },
    /// Fewer people in a role (holding a level) than required.
    RoleShort {
        /// The role.
        role: Role,
        /// How many it needs.
        min: u32,
        /// The certificate they must hold, if any.
        min_level: Option<CertLevel>,
        /// How many it has.
        have: u32,
    },
    /// Office smaller than the minimum.
    AreaSmall {
        /// The office's area in square metres.
        area: f64,
        /// The minimum.
        min: f64,
    },
    /// Office larger than the maximum.
    AreaLarge {
        /// The office's area in square metres.
        area: f64,
        /// The maximum.
        max: f64,
    },
    /// Civil registration past its deadline.
    CivilRegistrationLate {
        /// The deadline.
        due: NaiveDate,
        /// Days past it.
        days_late: i64,
    },
    /// Civil registration due soon.
    CivilRegistrationSoon {
        /// The deadline.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
    },
    /// No certificate past the deadline.
    CertificateLate {
        /// The person.
        who: Who,
        /// The level the rule asks for.
        level: CertLevel,
        /// The day the years count from.
        start: NaiveDate,
        /// The deadline.
        due: NaiveDate,
        /// Days past it.
        days_late: i64,
        /// The clause to act under.
        clause: String,
    },
    /// No certificate yet, deadline near.
    CertificateSoon {
        /// The person.
        who: Who,
        /// The level the rule asks for.
        level: CertLevel,
        /// The deadline.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
    },
    /// Passed but not registered, past the deadline.
    FirstRegistrationLate {
        /// The person.
        who: Who,
        /// The certificate passed.
        level: CertLevel,
        /// The day it was passed.
        passed: NaiveDate,
        /// The deadline.
        due: NaiveDate,
        /// Days past it.
        days_late: i64,
    },
    /// Passed but not registered, deadline near.
    FirstRegistrationSoon {
        /// The person.
        who: Who,
        /// The certificate passed.
        level: CertLevel,
        /// The day it was passed.
        passed: NaiveDate,
        /// The deadline.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
    },
    /// Registration expiring, its renewal window open.
    RegistrationWindow {
        /// The person.
        who: Who,
        /// The expiry.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
        /// The day the window opened.
        opens: NaiveDate,
        /// Continuing-education hours of the period, where the level needs any.
        ce: Option<Hours>,
    },
    /// Registration expired.
    RegistrationLapsed {
        /// The person.
        who: Who,
        /// The expiry.
        due: NaiveDate,
        /// Days since it.
        days_late: i64,
        /// Continuing-education hours of the period, where the level needs any.
        ce: Option<Hours>,
    },
    /// The contract ended without the certificate renewal needs.
    ContractEndedNoRenewal {
        /// The person.
        who: Who,
        /// The contract's end.
        due: NaiveDate,
        /// The certificate renewal needs.
        level: CertLevel,
        /// The clause to act under.
        clause: String,
    },
    /// The contract ends soon without the certificate renewal needs.
    ContractEndsNoRenewal {
        /// The person.
        who: Who,
        /// The contract's end.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
        /// The certificate renewal needs.
        level: CertLevel,
    },
    /// The contract ends soon; renewal is allowed.
    ContractEnding {
        /// The person.
        who: Who,
        /// The contract's end.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
        /// Whether the profile needs a certificate for renewal (which they hold).
        holds_needed: bool,
    },
    /// The contract's term is longer than allowed.
    ContractTooLong {
        /// The person.
        who: Who,
        /// The contract's first day, if known.
        start: Option<NaiveDate>,
        /// Its last day.
        due: NaiveDate,
        /// The longest term allowed.
        max_years: u32,
    },
    /// A calendar year closed short of its training hours, and this year is not met yet.
    TrainingYearShort {
        /// The person.
        who: Who,
        /// The year that closed short.
        year: i32,
        /// Hours done against hours required that year.
        hours: Hours,
        /// This year's hours so far against this year's requirement.
        now: Option<Hours>,
    },
    /// The contract ended and no renewal is recorded (renewal is allowed).
    ContractExpired {
        /// The person.
        who: Who,
        /// The contract's end.
        due: NaiveDate,
        /// Days since it.
        days_late: i64,
        /// The clause to act under.
        clause: String,
    },
    /// The site's service contract may not be renewed: the evaluations of the term decide.
    ServiceNoRenewal {
        /// The verdict, with the evaluations it rests on.
        renewal: crate::domain::renewal::RenewalConsequence,
    },
    /// An evaluation the scheme requires was not held in its service year.
    EvaluationMissing {
        /// The service year.
        year: i32,
        /// Which evaluation.
        phase: crate::domain::policy::Phase,
        /// The service year's last day.
        due: NaiveDate,
        /// Days since it.
        days_late: i64,
    },
    /// An evaluation the scheme requires is not held yet and its service year ends soon.
    EvaluationDue {
        /// The service year.
        year: i32,
        /// Which evaluation.
        phase: crate::domain::policy::Phase,
        /// The service year's last day.
        due: NaiveDate,
        /// Days until it.
        days_left: i64,
    },
    /// The service contract in force ends soon, nothing recorded after it.
    ServiceContractEnding {
        /// The operator.
        operator: String,
        /// Its last day.
        end: NaiveDate,
        /// Days left.
        days: i64,
        /// The renewal verdict of its term.
        renewal: crate::domain::renewal::RenewalConsequence,
    },
    /// The site's status has not moved for a long time.
    StatusStalled {
        /// The status it stands in.
        status: crate::domain::site::SiteStatus,
        /// Since when.
        since: NaiveDate,
        /// Days since then.
        days: i64,
        /// The limit in days.
        limit: i64,
    },
    /// Training hours of the year short near its end.
    TrainingShort {
        /// The person.
        who: Who,
        /// The calendar year.
        year: i32,
        /// Hours done against hours required.
        hours: Hours,
        /// The year's last day.
        due: NaiveDate,
    },
    /// Past the age limit.
    OverAge {
        /// The person.
        who: Who,
        /// Age now.
        age: i32,
        /// The limit: must be younger.
        under: u32,
    },
    /// The age limit is near.
    AgeLimitSoon {
        /// The person.
        who: Who,
        /// The limit: must be younger.
        under: u32,
        /// The last day under the limit.
        due: NaiveDate,
        /// Days until that day.
        days_left: i64,
    },
    /// Less experience than the role needs.
    ExperienceShort {
        /// The person.
        who: Who,
        /// Years so far.
        years: f64,
        /// Years the role needs.
        min_years: f64,
        /// The day they reach it.
        reaches: NaiveDate,
    },
    /// A lower certificate than the role needs.
    QualificationShort {
        /// The person.
        who: Who,
        /// The level held.
        level: CertLevel,
        /// The level needed.
        min_level: CertLevel,
    },
}
