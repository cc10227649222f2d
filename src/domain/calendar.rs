//! Date arithmetic, once: calendar years and months (29 February falls back to 28 February
//! in a year without it), days, ages. Every deadline of every rule is computed here, and the
//! demo generator uses the same functions, so a leap day means the same thing everywhere.

use chrono::{Datelike, Duration, Months, NaiveDate};

/// `d` plus whole calendar years (29 February falls back to 28 February).
pub fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MAX)
}

/// `d` less whole calendar months (the 31st falls back to the month's last day).
pub fn sub_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// `d` plus `n` days (negative: earlier), saturating at the calendar's ends.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(if n < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Age in whole years on `d`.
pub fn age_on(birth: NaiveDate, d: NaiveDate) -> i32 {
    let mut a = d.year() - birth.year();
    if (d.month(), d.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

/// `d` plus whole calendar months (the 31st falls back to the month's last day).
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The one date parser for everything a person types or imports (`--as-of`, `--today`,
/// `:asof`, forms, staff files): a four-digit year, then month and day, separated by `-`, `/`
/// or `.` (2021-09-30, 2021/9/30, 2021.9.30, as Excel saves them). A two-digit year
/// (`21-9-30`) is refused rather than taken as the year 21.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_ascii_date(s.trim())
}

/// `parse_date` and what office sheets hold besides: `2021年9月1日` (WPS's long date) and
/// full-width digits and separators (`２０２１－９－１`, typed with a Chinese input method).
/// For imported cells; what a person types at sgz's own prompts stays `parse_date`.
pub fn parse_sheet_date(s: &str) -> Option<NaiveDate> {
    let s = super::text::ascii_digits(s.trim());
    let s = s.trim();
    if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return parse_ascii_date(&format!("{}-{}-{}", y.trim(), m.trim(), d.trim()));
    }
    parse_ascii_date(s)
}

fn parse_ascii_date(s: &str) -> Option<NaiveDate> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && digits(y)
                && digits(m)
                && digits(d) =>
        {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_need_a_four_digit_year() {
        assert_eq!(parse_date("2021-09-30"), Some(d("2021-09-30")));
        assert_eq!(parse_date(" 2021/9/3 "), Some(d("2021-09-03")));
        assert_eq!(parse_date("2021.9.30"), Some(d("2021-09-30")));
        for bad in [
            "21-9-30",
            "0021-9",
            "21/09/30",
            "221-09-30",
            "20210-1-1",
            "2021-13-01",
            "2021-02-30",
            "2021-9-30x",
            "+2021-9-30",
            "2021-9/30",
            "2021--9",
            "",
            "2021-009-01",
            "２０２１-9-30",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sheet_dates_take_chinese_long_dates_and_full_width_digits() {
        for ok in [
            "2021年9月1日",
            "2021年09月01日",
            " 2021 年 9 月 1 日 ",
            "２０２１－９－１",
            "２０２１/０９/０１",
            "２０２１年９月１日",
            "2021/9/1",
            "2021-09-01",
        ] {
            assert_eq!(parse_sheet_date(ok), Some(d("2021-09-01")), "{ok:?}");
        }
        for bad in [
            "21年9月1日",
            "2021年9月",
            "2021年13月1日",
            "2021年2月30日",
            "九月",
        ] {
            assert_eq!(parse_sheet_date(bad), None, "{bad:?}");
        }
        // What a person types stays strict.
        assert_eq!(parse_date("2021年9月1日"), None);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_leap_day_falls_back_to_the_28th_in_a_year_without_one() {
        assert_eq!(add_years(d("2024-02-29"), 1), d("2025-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
        assert_eq!(add_months(d("2021-01-31"), 1), d("2021-02-28"));
        assert_eq!(sub_months(d("2021-03-31"), 1), d("2021-02-28"));
        assert_eq!(add_days(d("2021-12-31"), 1), d("2022-01-01"));
        assert_eq!(add_years(NaiveDate::MAX, 1), NaiveDate::MAX);
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d("1981-11-23"), d("2026-11-22")), 44);
        assert_eq!(age_on(d("1981-11-23"), d("2026-11-23")), 45);
        assert_eq!(age_on(d("2000-02-29"), d("2021-02-28")), 20);
        assert_eq!(age_on(d("2000-02-29"), d("2021-03-01")), 21);
    }
}
