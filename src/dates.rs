//! Dates as the secretary writes them (`2023-05-01` or RFC 3339), "today" in the site's
//! time zone, and working-day arithmetic for disclosure periods.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};

/// A publication date: the calendar day, and the full timestamp when one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    pub day: NaiveDate,
    pub time: Option<DateTime<FixedOffset>>,
}

impl DocDate {
    /// `YYYY-MM-DD` for pages and the record.
    pub fn ymd(&self) -> String {
        self.day.format("%Y-%m-%d").to_string()
    }

    /// RFC 3339 for feeds; a bare day is taken at midnight in the site's offset.
    pub fn rfc3339(&self, tz: chrono_tz::Tz) -> String {
        match self.time {
            Some(t) => t.to_rfc3339(),
            None => {
                use chrono::TimeZone;
                let naive = self.day.and_hms_opt(0, 0, 0).unwrap_or_default();
                match tz.from_local_datetime(&naive).earliest() {
                    Some(t) => t.fixed_offset().to_rfc3339(),
                    None => format!("{}T00:00:00Z", self.ymd()),
                }
            }
        }
    }
}

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp. The error says what was expected,
/// and calls an impossible day (2023-02-30) by its name.
pub fn parse_date(s: &str) -> Result<DocDate, String> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-') {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            let (y, m, d) = (
                parts[0].parse::<i32>().unwrap_or(0),
                parts[1].parse::<u32>().unwrap_or(0),
                parts[2].parse::<u32>().unwrap_or(0),
            );
            if !(1..=12).contains(&m) {
                return Err(crate::t!("date-no-month", date = s, month = m));
            }
            return NaiveDate::from_ymd_opt(y, m, d)
                .map(|day| DocDate { day, time: None })
                .ok_or_else(|| crate::t!("date-no-day", date = s, month = m, day = d));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(DocDate {
            day: t.date_naive(),
            time: Some(t),
        });
    }
    // A date as secretaries write it (2023年6月1日, 2023.6.1): say exactly what to type.
    match crate::recognise::parse_date(s) {
        Some(day) => Err(crate::t!(
            "date-write-as",
            date = s,
            iso = day.format("%Y-%m-%d").to_string()
        )),
        None => Err(crate::t!("date-not-a-date", date = s)),
    }
}

/// Today's date in the site's time zone. `GONGKAI_TODAY=YYYY-MM-DD` fixes it, for
/// reproducing a build made on another day and for tests.
pub fn today(tz: chrono_tz::Tz) -> NaiveDate {
    if let Ok(s) = std::env::var("GONGKAI_TODAY") {
        if let Ok(d) = parse_date(&s) {
            return d.day;
        }
    }
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// Public holidays and weekend days made working days (调休), from site.yaml.
#[derive(Debug, Clone, Default)]
pub struct Holidays {
    pub off: BTreeSet<NaiveDate>,
    pub work: BTreeSet<NaiveDate>,
}

impl Holidays {
    /// Monday to Friday unless declared off; Saturday or Sunday when declared working.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.work.contains(&d) {
            return true;
        }
        if self.off.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The last day of a period of `n` working days beginning at `start` (counted when
    /// it is a working day itself).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut counted = 0;
        // Bounded: even a year of holidays ends the loop.
        for _ in 0..(n as usize * 7 + 400) {
            if self.is_working_day(d) {
                counted += 1;
                if counted >= n {
                    return d;
                }
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap().day
    }

    #[test]
    fn parses_days_and_timestamps() {
        assert_eq!(
            d("2023-05-01"),
            NaiveDate::from_ymd_opt(2023, 5, 1).unwrap()
        );
        let t = parse_date("2023-05-01T09:30:00+08:00").unwrap();
        assert_eq!(t.day, NaiveDate::from_ymd_opt(2023, 5, 1).unwrap());
        assert!(t.time.is_some());
    }

    #[test]
    fn impossible_dates_are_named() {
        assert_eq!(
            parse_date("2023-02-30").unwrap_err(),
            "`2023-02-30` is not a real date (month 2 has no day 30)"
        );
        assert!(parse_date("2023-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse_date("2023/5/1").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_honour_make_up_days() {
        let mut h = Holidays::default();
        assert_eq!(h.add_working_days(d("2023-04-28"), 1), d("2023-04-28"));
        assert_eq!(h.add_working_days(d("2023-04-28"), 2), d("2023-05-01"));
        for s in ["2023-05-01", "2023-05-02", "2023-05-03"] {
            h.off.insert(d(s));
        }
        h.work.insert(d("2023-05-06"));
        // Fri 04-28, Thu 05-04, Fri 05-05, Sat 05-06 (make-up), Mon 05-08.
        assert_eq!(h.add_working_days(d("2023-04-28"), 5), d("2023-05-08"));
        // A start on a weekend is not counted.
        assert_eq!(h.add_working_days(d("2023-04-29"), 1), d("2023-05-04"));
    }

    proptest::proptest! {
        /// A period of n working days ends on a working day, and holds exactly n of
        /// them, whatever holidays and 调休 days the site declares.
        #[test]
        fn working_day_periods_hold_exactly_their_days(
            start in 0i64..3000,
            n in 1u32..40,
            off in proptest::collection::btree_set(0i64..3100, 0..60),
            work in proptest::collection::btree_set(0i64..3100, 0..20),
        ) {
            let base = d("2020-01-01");
            let day = |k: i64| base + chrono::Duration::days(k);
            let h = Holidays {
                off: off.iter().map(|k| day(*k)).collect(),
                work: work.iter().map(|k| day(*k)).collect(),
            };
            let s = day(start);
            let end = h.add_working_days(s, n);
            proptest::prop_assert!(end >= s);
            proptest::prop_assert!(h.is_working_day(end));
            let counted = s.iter_days().take_while(|x| *x <= end).filter(|x| h.is_working_day(*x)).count();
            proptest::prop_assert_eq!(counted, n as usize);
        }
    }
}
