//! Sites of the three tiers and their status lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::division::Level;
use super::policy::Measure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 社会工作服务指导中心, at county level
    Center,
    /// 乡镇(街道)社工站, at township level
    Station,
    /// 村(社区)社工室, at village level
    Room,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Center, Tier::Station, Tier::Room];

    pub fn level(self) -> Level {
        match self {
            Tier::Center => Level::County,
            Tier::Station => Level::Township,
            Tier::Room => Level::Village,
        }
    }
    pub fn for_level(level: Level) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.level() == level)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Center => "center",
            Tier::Station => "station",
            Tier::Room => "room",
        }
    }
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Tier::Center => "指导中心",
            Tier::Station => "社工站",
            Tier::Room => "社工室",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Tier::Center => "guidance center",
            Tier::Station => "station",
            Tier::Room => "room",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    Planned,
    UnderConstruction,
    Established,
    Operating,
    Suspended,
}

impl SiteStatus {
    pub const ALL: [SiteStatus; 5] = [
        SiteStatus::Planned,
        SiteStatus::UnderConstruction,
        SiteStatus::Established,
        SiteStatus::Operating,
        SiteStatus::Suspended,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SiteStatus::Planned => "planned",
            SiteStatus::UnderConstruction => "under_construction",
            SiteStatus::Established => "established",
            SiteStatus::Operating => "operating",
            SiteStatus::Suspended => "suspended",
        }
    }
    pub fn parse(s: &str) -> Option<SiteStatus> {
        SiteStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            SiteStatus::Planned => "规划",
            SiteStatus::UnderConstruction => "建设中",
            SiteStatus::Established => "已挂牌",
            SiteStatus::Operating => "运营中",
            SiteStatus::Suspended => "暂停",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            SiteStatus::Planned => "planned",
            SiteStatus::UnderConstruction => "under construction",
            SiteStatus::Established => "established",
            SiteStatus::Operating => "operating",
            SiteStatus::Suspended => "suspended",
        }
    }
    /// Counts towards coverage: established on or before the date and not suspended.
    pub fn is_established(self) -> bool {
        matches!(self, SiteStatus::Established | SiteStatus::Operating)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub status: SiteStatus,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    pub id: i64,
    pub division: compact_str::CompactString,
    pub tier: Tier,
    pub name: compact_str::CompactString,
    pub operator: Option<compact_str::CompactString>,
    pub area_m2: Option<f64>,
    /// 民非登记: date registered as a civil non-enterprise unit.
    pub civil_reg: Option<NaiveDate>,
    pub head: Option<compact_str::CompactString>,
    /// Status changes in date order.
    pub history: Vec<StatusChange>,
    pub synthetic: bool,
}

impl Site {
    pub fn status_on(&self, d: NaiveDate) -> Option<SiteStatus> {
        self.history
            .iter()
            .take_while(|c| c.on <= d)
            .last()
            .map(|c| c.status)
    }
    /// First date the site became established (or operating).
    pub fn established_on(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .find(|c| c.status.is_established())
            .map(|c| c.on)
    }
    pub fn covers(&self, measure: Measure, d: NaiveDate) -> bool {
        match measure {
            Measure::Established => self.status_on(d).is_some_and(SiteStatus::is_established),
            Measure::Operating => self.status_on(d) == Some(SiteStatus::Operating),
            Measure::CivilRegistration => {
                self.civil_reg.is_some_and(|r| r <= d)
                    && self.status_on(d).is_some_and(SiteStatus::is_established)
            }
        }
    }
    /// Dates on which `covers(measure, ·)` may change, in order.
    pub fn change_dates(&self, measure: Measure) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = self.history.iter().map(|c| c.on).collect();
        if measure == Measure::CivilRegistration {
            v.extend(self.civil_reg);
        }
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn site(h: &[(SiteStatus, &str)]) -> Site {
        Site {
            id: 1,
            division: "640104001".into(),
            tier: Tier::Station,
            name: "站".into(),
            operator: None,
            area_m2: None,
            civil_reg: Some(d("2022-03-01")),
            head: None,
            history: h
                .iter()
                .map(|(s, o)| StatusChange {
                    status: *s,
                    on: d(o),
                })
                .collect(),
            synthetic: true,
        }
    }

    #[test]
    fn covered_when_established_on_or_before_and_not_suspended() {
        let s = site(&[
            (SiteStatus::Planned, "2021-05-01"),
            (SiteStatus::Established, "2021-09-30"),
            (SiteStatus::Operating, "2021-11-01"),
            (SiteStatus::Suspended, "2023-01-01"),
        ]);
        assert!(!s.covers(Measure::Established, d("2021-09-29")));
        assert!(s.covers(Measure::Established, d("2021-09-30")));
        assert!(!s.covers(Measure::Operating, d("2021-10-31")));
        assert!(s.covers(Measure::Operating, d("2021-11-01")));
        assert!(!s.covers(Measure::Established, d("2023-01-01")));
        assert!(!s.covers(Measure::CivilRegistration, d("2022-02-28")));
        assert!(s.covers(Measure::CivilRegistration, d("2022-03-01")));
        assert_eq!(s.established_on(), Some(d("2021-09-30")));
    }
}
