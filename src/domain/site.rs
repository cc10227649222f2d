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

/// A site's details as a form edits them (its status has a form of its own).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteDetails {
    /// The site's own name.
    pub name: String,
    /// The organisation running it.
    pub operator: Option<String>,
    /// Floor area in square metres.
    pub area_m2: Option<f64>,
    /// 民非登记 date.
    pub civil_reg: Option<NaiveDate>,
    /// The site's head, by name.
    pub head: Option<String>,
}

/// The largest floor area a site may be given (a typo guard: 100,000 m²).
pub const MAX_AREA_M2: f64 = 100_000.0;

/// The longest site name, head or operator accepted, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// A field of a site's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    /// The name.
    Name,
    /// The operator.
    Operator,
    /// The floor area.
    Area,
    /// The civil registration date.
    CivilReg,
    /// The head.
    Head,
}

/// What is wrong with a site's details, as facts.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailProblem {
    /// No name.
    NameEmpty,
    /// Longer than `MAX_NAME_CHARS`.
    TooLong(DetailField),
    /// A control or other unsafe character in a text field.
    Unsafe(DetailField),
    /// An area below 0 or above `MAX_AREA_M2`.
    Area(f64),
    /// A civil registration after today.
    CivilRegFuture {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
}

/// Checks a site's details before they are written; empty means valid.
pub fn check_details(d: &SiteDetails, today: NaiveDate) -> Vec<DetailProblem> {
    let mut v = Vec::new();
    if d.name.trim().is_empty() {
        v.push(DetailProblem::NameEmpty);
    }
    let texts = [
        (DetailField::Name, Some(d.name.as_str())),
        (DetailField::Operator, d.operator.as_deref()),
        (DetailField::Head, d.head.as_deref()),
    ];
    for (field, text) in texts {
        let Some(text) = text else { continue };
        if super::text::first_unsafe(text).is_some() {
            v.push(DetailProblem::Unsafe(field));
        } else if text.chars().count() > MAX_NAME_CHARS {
            v.push(DetailProblem::TooLong(field));
        }
    }
    if let Some(a) = d
        .area_m2
        .filter(|a| !a.is_finite() || !(0.0..=MAX_AREA_M2).contains(a))
    {
        v.push(DetailProblem::Area(a));
    }
    if let Some(date) = d.civil_reg.filter(|r| *r > today) {
        v.push(DetailProblem::CivilRegFuture { date, today });
    }
    v
}

/// The name a new site is given unless the clerk types another: the division's name and
/// the tier's name as the documents write it (as the demo names its sites).
pub fn proposed_name(division: &str, tier: Tier) -> String {
    let suffix = match tier {
        Tier::Center => "社会工作服务指导中心",
        Tier::Station => "社会工作服务站",
        Tier::Room => "社会工作室",
    };
    format!("{division}{suffix}")
}

/// Why a status change cannot be recorded, as facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusProblem {
    /// A date after today.
    Future {
        /// The date given.
        on: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// Earlier than the last change recorded (or on its day, where the lifecycle order
    /// would put it before that change).
    BeforeLast {
        /// The date given.
        on: NaiveDate,
        /// The last change.
        last: StatusChange,
    },
    /// A status that cannot follow the current one.
    ImpossibleOrder {
        /// The current status (None: no status yet).
        from: Option<SiteStatus>,
        /// The status asked for.
        to: SiteStatus,
    },
}

impl SiteStatus {
    /// Whether a site may enter `to` from `from` (None: a site with no status yet). The
    /// lifecycle only moves forward (steps may be skipped: a station recorded late may go
    /// from planned straight to established); only an open site can be suspended, and a
    /// suspended one resumes as established or operating.
    pub fn may_follow(from: Option<SiteStatus>, to: SiteStatus) -> bool {
        use SiteStatus::*;
        match (from, to) {
            (None, Suspended) => false,
            (None, _) => true,
            (Some(Suspended), Established | Operating) => true,
            (Some(Suspended), _) => false,
            (Some(f), Suspended) => f.is_established(),
            (Some(f), t) => t > f,
        }
    }
    /// The status a form proposes after `from`: the next step, or operating again after a
    /// suspension. None after operating: a suspension is typed, never proposed.
    pub fn proposed_after(from: Option<SiteStatus>) -> Option<SiteStatus> {
        use SiteStatus::*;
        match from {
            None => Some(Planned),
            Some(Planned) => Some(UnderConstruction),
            Some(UnderConstruction) => Some(Established),
            Some(Established) => Some(Operating),
            Some(Operating) => None,
            Some(Suspended) => Some(Operating),
        }
    }
}

/// Whether `to` may be recorded on `on` after `history` (in date order), given today.
pub fn check_status_change(
    history: &[StatusChange],
    to: SiteStatus,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), StatusProblem> {
    if on > today {
        return Err(StatusProblem::Future { on, today });
    }
    let last = history.last().copied();
    let from = last.map(|c| c.status);
    if !SiteStatus::may_follow(from, to) {
        return Err(StatusProblem::ImpossibleOrder { from, to });
    }
    // Same-day changes are read back in lifecycle order: a change that would sort before
    // the last one on its day is refused too (a suspension and a resumption on one day).
    if let Some(last) = last.filter(|l| on < l.on || (on == l.on && to <= l.status)) {
        return Err(StatusProblem::BeforeLast { on, last });
    }
    Ok(())
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

    #[test]
    fn the_lifecycle_moves_forward_suspends_when_open_and_resumes() {
        use SiteStatus::*;
        let today = d("2024-06-01");
        let h = |v: &[(SiteStatus, &str)]| -> Vec<StatusChange> {
            v.iter()
                .map(|(s, o)| StatusChange {
                    status: *s,
                    on: d(o),
                })
                .collect()
        };
        let planned = h(&[(Planned, "2021-01-01")]);
        assert_eq!(
            check_status_change(&planned, UnderConstruction, d("2021-03-01"), today),
            Ok(())
        );
        // Skipping a step is allowed: a station recorded late.
        assert_eq!(
            check_status_change(&planned, Established, d("2021-03-01"), today),
            Ok(())
        );
        // Suspending what never opened, going back, repeating: refused.
        for to in [Suspended, Planned] {
            assert_eq!(
                check_status_change(&planned, to, d("2021-03-01"), today),
                Err(StatusProblem::ImpossibleOrder {
                    from: Some(Planned),
                    to
                })
            );
        }
        let open = h(&[(Planned, "2021-01-01"), (Operating, "2021-05-10")]);
        assert_eq!(
            check_status_change(&open, Suspended, d("2023-01-01"), today),
            Ok(())
        );
        assert_eq!(
            check_status_change(&open, Established, d("2023-01-01"), today),
            Err(StatusProblem::ImpossibleOrder {
                from: Some(Operating),
                to: Established
            })
        );
        let suspended = h(&[(Operating, "2021-05-10"), (Suspended, "2023-01-01")]);
        assert_eq!(
            check_status_change(&suspended, Operating, d("2023-02-01"), today),
            Ok(())
        );
        assert_eq!(
            check_status_change(&suspended, Established, d("2023-02-01"), today),
            Ok(())
        );
        // No status yet: anything but a suspension.
        assert_eq!(
            check_status_change(&[], Operating, d("2021-05-10"), today),
            Ok(())
        );
        assert!(check_status_change(&[], Suspended, d("2021-05-10"), today).is_err());
    }

    #[test]
    fn a_status_change_is_never_in_the_future_nor_before_the_last() {
        use SiteStatus::*;
        let today = d("2024-06-01");
        let hist = vec![StatusChange {
            status: Established,
            on: d("2022-01-10"),
        }];
        assert_eq!(
            check_status_change(&hist, Operating, d("2024-06-02"), today),
            Err(StatusProblem::Future {
                on: d("2024-06-02"),
                today
            })
        );
        assert_eq!(check_status_change(&hist, Operating, today, today), Ok(()));
        assert_eq!(
            check_status_change(&hist, Operating, d("2022-01-09"), today),
            Err(StatusProblem::BeforeLast {
                on: d("2022-01-09"),
                last: hist[0]
            })
        );
        // The same day is fine when the lifecycle order keeps it after the last change.
        assert_eq!(
            check_status_change(&hist, Operating, d("2022-01-10"), today),
            Ok(())
        );
        let susp = vec![StatusChange {
            status: Suspended,
            on: d("2023-01-01"),
        }];
        assert!(matches!(
            check_status_change(&susp, Operating, d("2023-01-01"), today),
            Err(StatusProblem::BeforeLast { .. })
        ));
    }

    #[test]
    fn details_need_a_name_a_sane_area_and_a_past_registration() {
        let today = d("2024-06-01");
        let ok = SiteDetails {
            name: proposed_name("江汉街道", Tier::Station),
            operator: Some("武汉市某社工机构".into()),
            area_m2: Some(120.0),
            civil_reg: Some(today),
            head: Some("王芳".into()),
        };
        assert_eq!(ok.name, "江汉街道社会工作服务站");
        assert!(check_details(&ok, today).is_empty());
        let bad = SiteDetails {
            name: " ".into(),
            area_m2: Some(-1.0),
            civil_reg: Some(d("2024-06-02")),
            head: Some("王\u{7}芳".into()),
            ..ok
        };
        assert_eq!(
            check_details(&bad, today),
            vec![
                DetailProblem::NameEmpty,
                DetailProblem::Unsafe(DetailField::Head),
                DetailProblem::Area(-1.0),
                DetailProblem::CivilRegFuture {
                    date: d("2024-06-02"),
                    today
                },
            ]
        );
    }
}
