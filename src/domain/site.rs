//! Sites of the three tiers and their status lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::division::Level;
use super::policy::Measure;

/// The three tiers of the service network, one per division level.
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
    /// Every tier, from county to village.
    pub const ALL: [Tier; 3] = [Tier::Center, Tier::Station, Tier::Room];

    /// The division level a site of this tier serves.
    pub fn level(self) -> Level {
        match self {
            Tier::Center => Level::County,
            Tier::Station => Level::Township,
            Tier::Room => Level::Village,
        }
    }
    /// The tier whose sites serve divisions of this level.
    pub fn for_level(level: Level) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.level() == level)
    }
    /// The tier as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Center => "center",
            Tier::Station => "station",
            Tier::Room => "room",
        }
    }
    /// The tier named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a site stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// Planned, not yet being built.
    Planned,
    /// Being built or fitted out.
    UnderConstruction,
    /// Opened with its nameplate (挂牌).
    Established,
    /// Open with staff and services running.
    Operating,
    /// Closed for now; does not count towards coverage.
    Suspended,
}

impl SiteStatus {
    /// Every status in lifecycle order.
    pub const ALL: [SiteStatus; 5] = [
        SiteStatus::Planned,
        SiteStatus::UnderConstruction,
        SiteStatus::Established,
        SiteStatus::Operating,
        SiteStatus::Suspended,
    ];
    /// The status as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SiteStatus::Planned => "planned",
            SiteStatus::UnderConstruction => "under_construction",
            SiteStatus::Established => "established",
            SiteStatus::Operating => "operating",
            SiteStatus::Suspended => "suspended",
        }
    }
    /// The status named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<SiteStatus> {
        SiteStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// Counts towards coverage: established on or before the date and not suspended.
    pub fn is_established(self) -> bool {
        matches!(self, SiteStatus::Established | SiteStatus::Operating)
    }
}

/// A site entering a status on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The status entered.
    pub status: SiteStatus,
    /// The day it was entered.
    pub on: NaiveDate,
}

/// A station, center or room at one division.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// Database id.
    pub id: i64,
    /// The division code the site serves.
    pub division: compact_str::CompactString,
    /// Which tier the site is.
    pub tier: Tier,
    /// The site's own name.
    pub name: compact_str::CompactString,
    /// The organisation running the site (often a social-work agency).
    pub operator: Option<compact_str::CompactString>,
    /// Floor area in square metres.
    pub area_m2: Option<f64>,
    /// 民非登记: date registered as a civil non-enterprise unit.
    pub civil_reg: Option<NaiveDate>,
    /// The site's head (站长), by name.
    pub head: Option<compact_str::CompactString>,
    /// Status changes in date order.
    pub history: Vec<StatusChange>,
    /// Made up by the demo, not real data.
    pub synthetic: bool,
}

impl Site {
    /// The status in force on a date; None before the first change.
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
    /// Whether the site counts towards a coverage measure on a date.
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
    /// What differs from `new`, field by field: (column, this value, the new one), as the
    /// site list writes them. The division (the key) and the tier (its level's) are not
    /// compared.
    pub fn changes(&self, new: &Site) -> Vec<(&'static str, String, String)> {
        let text = |s: &Option<compact_str::CompactString>| s.as_deref().unwrap_or("").to_string();
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let area = |a: Option<f64>| a.map(|a| a.to_string()).unwrap_or_default();
        let pairs = [
            ("name", self.name.to_string(), new.name.to_string()),
            (
                "history",
                history_text(&self.history),
                history_text(&new.history),
            ),
            ("operator", text(&self.operator), text(&new.operator)),
            ("area_m2", area(self.area_m2), area(new.area_m2)),
            ("civil_reg", date(self.civil_reg), date(new.civil_reg)),
            ("head", text(&self.head), text(&new.head)),
            (
                "synthetic",
                (self.synthetic as u8).to_string(),
                (new.synthetic as u8).to_string(),
            ),
        ];
        pairs.into_iter().filter(|(_, a, b)| a != b).collect()
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

/// The status history as one readable cell: `planned 2020-03-01; operating 2021-05-10`
/// (what `sgz export sites` writes and `parse_history` reads back).
pub fn history_text(history: &[StatusChange]) -> String {
    history
        .iter()
        .map(|c| format!("{} {}", c.status.as_str(), c.on))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a history cell cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// An entry that is not a status and a date.
    Entry(String),
    /// A status no spelling names.
    Status(String),
    /// A date that is none.
    Date(String),
    /// The same status on the same date twice.
    Repeated(SiteStatus, NaiveDate),
}

/// A history cell read back: entries `STATUS DATE` (or `STATUS:DATE`) separated by `;` or
/// `；`, in any order; returned in the order the store keeps them (date, then lifecycle).
/// `status` names a status (the caller knows its Chinese names); dates are read as office
/// sheets write them (`calendar::parse_sheet_date`). An empty cell is an empty history.
pub fn parse_history(
    cell: &str,
    status: impl Fn(&str) -> Option<SiteStatus>,
) -> Result<Vec<StatusChange>, HistoryError> {
    let mut out: Vec<StatusChange> = Vec::new();
    for entry in cell
        .split([';', '；'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let cut = entry
            .find(|c: char| c.is_whitespace() || c == ':' || c == '：')
            .ok_or_else(|| HistoryError::Entry(entry.to_string()))?;
        let (name, date) = entry.split_at(cut);
        let date = date.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
        let st = status(name.trim()).ok_or_else(|| HistoryError::Status(name.to_string()))?;
        let on = super::calendar::parse_sheet_date(date)
            .ok_or_else(|| HistoryError::Date(date.to_string()))?;
        if out.iter().any(|c| c.status == st && c.on == on) {
            return Err(HistoryError::Repeated(st, on));
        }
        out.push(StatusChange { status: st, on });
    }
    out.sort_by_key(|c| (c.on, c.status));
    Ok(out)
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

    #[test]
    fn history_cell_reads_back_exactly() {
        let s = site(&[
            (SiteStatus::Planned, "2020-03-01"),
            (SiteStatus::Established, "2021-05-10"),
            (SiteStatus::Operating, "2021-05-10"),
        ]);
        let text = history_text(&s.history);
        assert_eq!(
            text,
            "planned 2020-03-01; established 2021-05-10; operating 2021-05-10"
        );
        assert_eq!(
            parse_history(&text, SiteStatus::parse),
            Ok(s.history.clone())
        );
        let messy = " operating:2021/5/10；planned  2020年3月1日;established 2021-05-10 ;";
        assert_eq!(parse_history(messy, SiteStatus::parse), Ok(s.history));
        assert_eq!(parse_history("", SiteStatus::parse), Ok(vec![]));
        assert_eq!(
            parse_history("opened 2021-01-01", SiteStatus::parse),
            Err(HistoryError::Status("opened".into()))
        );
        assert_eq!(
            parse_history("planned", SiteStatus::parse),
            Err(HistoryError::Entry("planned".into()))
        );
        assert_eq!(
            parse_history("planned 2021-02-30", SiteStatus::parse),
            Err(HistoryError::Date("2021-02-30".into()))
        );
        assert!(matches!(
            parse_history("planned 2021-01-01; planned 2021/1/1", SiteStatus::parse),
            Err(HistoryError::Repeated(SiteStatus::Planned, _))
        ));
    }
}
