//! Staff of a site: roles, certificates, registrations, contracts, training.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person's post at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 驻站社工
    ResidentWorker,
    /// 项目社工
    ProjectWorker,
    /// 督导
    Supervisor,
    /// 站长
    StationHead,
    /// 社工助理
    Assistant,
}

impl Role {
    /// Every role in the order forms list them.
    pub const ALL: [Role; 5] = [
        Role::ResidentWorker,
        Role::ProjectWorker,
        Role::Supervisor,
        Role::StationHead,
        Role::Assistant,
    ];
    /// The role as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ResidentWorker => "resident_worker",
            Role::ProjectWorker => "project_worker",
            Role::Supervisor => "supervisor",
            Role::StationHead => "station_head",
            Role::Assistant => "assistant",
        }
    }
    /// The role named by `as_str`'s spelling (`i18n::names::parse_role` takes Chinese too).
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The highest national social-work certificate a person holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertLevel {
    /// No certificate.
    None,
    /// 助理社会工作师 (junior, 初级)
    Assistant,
    /// 社会工作师 (中级)
    Intermediate,
    /// 高级社会工作师
    Senior,
}

impl CertLevel {
    /// Every level, lowest first.
    pub const ALL: [CertLevel; 4] = [
        CertLevel::None,
        CertLevel::Assistant,
        CertLevel::Intermediate,
        CertLevel::Senior,
    ];
    /// The level as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            CertLevel::None => "none",
            CertLevel::Assistant => "assistant",
            CertLevel::Intermediate => "intermediate",
            CertLevel::Senior => "senior",
        }
    }
    /// The level named by `as_str`'s spelling; empty is none (`i18n::names::parse_level`
    /// takes the Chinese names too).
    pub fn parse(s: &str) -> Option<CertLevel> {
        let s = s.trim();
        if s.is_empty() {
            return Some(CertLevel::None);
        }
        CertLevel::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Whether hours trained in `year` count towards the continuing education of a registration
/// made on `reg` and running out on `expiry`, on `today`: registered, not lapsed, and the
/// year not before the registration's.
pub fn in_registration_period(
    reg: Option<NaiveDate>,
    expiry: Option<NaiveDate>,
    year: i32,
    today: NaiveDate,
) -> bool {
    use chrono::Datelike;
    match (reg, expiry) {
        (Some(on), Some(exp)) => on <= today && today <= exp && year >= on.year(),
        _ => false,
    }
}

/// One person working (or who worked) at a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Staff {
    /// Database id.
    pub id: i64,
    /// The site they work at.
    pub site_id: i64,
    /// Full name.
    pub name: String,
    /// Their post.
    pub role: Role,
    /// Date of birth, when known.
    pub birth: Option<NaiveDate>,
    /// First day at the site.
    pub hired: NaiveDate,
    /// Start of the current contract.
    pub contract_start: Option<NaiveDate>,
    /// End of the current contract; None when open-ended.
    pub contract_end: Option<NaiveDate>,
    /// Highest certificate held.
    pub cert_level: CertLevel,
    /// When that certificate's exam was passed.
    pub cert_passed: Option<NaiveDate>,
    /// When registered as a social worker (登记).
    pub reg_date: Option<NaiveDate>,
    /// When that registration runs out.
    pub reg_expiry: Option<NaiveDate>,
    /// Continuing-education hours in the current registration period.
    pub ce_hours: f64,
    /// Training hours per calendar year.
    pub training: BTreeMap<i32, f64>,
    /// Holds a degree in social work.
    pub sw_degree: bool,
    /// Years of social-work experience before joining.
    pub prior_years: f64,
    /// Last day of work, once they have left.
    pub departed: Option<NaiveDate>,
    /// Made up by the demo, not real data.
    pub synthetic: bool,
}

/// Training hours of every year but `year` as one readable cell, years in order:
/// `2024 30; 2025 24` (what the staff list writes beside this year's hours, and
/// `parse_training` reads back).
pub fn training_text(training: &BTreeMap<i32, f64>, year: i32) -> String {
    training
        .iter()
        .filter(|(y, _)| **y != year)
        .map(|(y, h)| format!("{y} {h}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A `training_text` cell read back (entries `YEAR HOURS`, or `YEAR:HOURS`, separated by `;`
/// or `；`): None when an entry is not a four-digit year and a number of hours from 0 to
/// 2000, or a year comes twice.
pub fn parse_training(cell: &str) -> Option<BTreeMap<i32, f64>> {
    let mut out = BTreeMap::new();
    for entry in cell
        .split([';', '；'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let entry = super::text::ascii_digits(entry);
        let (y, h) = entry.split_once(|c: char| c.is_whitespace() || c == ':' || c == '：')?;
        let y: i32 = y
            .trim()
            .parse()
            .ok()
            .filter(|y| (1000..=9999).contains(y))?;
        let h: f64 = h
            .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：')
            .trim()
            .parse()
            .ok()
            .filter(|h: &f64| (0.0..=2000.0).contains(h))?;
        if out.insert(y, h).is_some() {
            return None;
        }
    }
    Some(out)
}

impl Staff {
    /// Hired on or before the date and not yet departed.
    pub fn active_on(&self, d: NaiveDate) -> bool {
        self.hired <= d && self.departed.is_none_or(|x| x > d)
    }
    /// Holds at least `min` on the date (a certificate passed later does not count).
    pub fn certified_on(&self, d: NaiveDate, min: CertLevel) -> bool {
        self.cert_level >= min && self.cert_passed.is_none_or(|p| p <= d)
    }
    /// Training hours recorded for a calendar year (0 if none).
    pub fn training_hours(&self, year: i32) -> f64 {
        self.training.get(&year).copied().unwrap_or(0.0)
    }

    /// Whether hours trained in `year` count towards the continuing education of the
    /// registration in force on `today`: registered, not lapsed on `today`, and the year not
    /// before the registration's.
    pub fn in_registration_period(&self, year: i32, today: NaiveDate) -> bool {
        in_registration_period(self.reg_date, self.reg_expiry, year, today)
    }

    /// The fields a staff sheet carries, named as its columns and written as it writes them
    /// (training hours of `year`): what an import compares, shows and audits.
    pub fn fields(&self, year: i32) -> [(&'static str, String); 18] {
        let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        [
            ("site_id", self.site_id.to_string()),
            ("name", self.name.clone()),
            ("role", self.role.as_str().into()),
            ("birth", d(self.birth)),
            ("hired", self.hired.to_string()),
            ("contract_start", d(self.contract_start)),
            ("contract_end", d(self.contract_end)),
            ("cert_level", self.cert_level.as_str().into()),
            ("cert_passed", d(self.cert_passed)),
            ("reg_date", d(self.reg_date)),
            ("reg_expiry", d(self.reg_expiry)),
            ("ce_hours", self.ce_hours.to_string()),
            (
                "training_hours_this_year",
                self.training_hours(year).to_string(),
            ),
            ("training_earlier", training_text(&self.training, year)),
            ("sw_degree", (self.sw_degree as u8).to_string()),
            ("prior_years", self.prior_years.to_string()),
            ("departed", d(self.departed)),
            ("synthetic", (self.synthetic as u8).to_string()),
        ]
    }

    /// The fields that differ between `self` (before) and `new`: (field, old, new).
    pub fn changes(&self, new: &Staff, year: i32) -> Vec<(&'static str, String, String)> {
        self.fields(year)
            .into_iter()
            .zip(new.fields(year))
            .filter(|((_, a), (_, b))| a != b)
            .map(|((f, a), (_, b))| (f, a, b))
            .collect()
    }
}

#[cfg(test)]
mod training_cell_tests {
    use super::*;

    #[test]
    fn earlier_years_read_back_exactly() {
        let mut t = BTreeMap::new();
        t.insert(2024, 30.0);
        t.insert(2025, 24.5);
        t.insert(2026, 12.0);
        assert_eq!(training_text(&t, 2026), "2024 30; 2025 24.5");
        let back = parse_training(&training_text(&t, 2026)).expect("reads");
        assert_eq!(back.len(), 2);
        assert_eq!(back.get(&2025), Some(&24.5));
        let typed = parse_training("２０２４ 30；2025：24.5").expect("reads");
        assert_eq!(typed, back);
        assert_eq!(parse_training(""), Some(BTreeMap::new()));
        for bad in ["2024", "24 30", "2024 -1", "2024 30; 2024 31", "2024 x"] {
            assert_eq!(parse_training(bad), None, "{bad:?}");
        }
    }
}
