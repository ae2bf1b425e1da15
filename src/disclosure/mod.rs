//! Disclosure: the live status of a notice's disclosure period (公示期).

use chrono::NaiveDate;

use crate::content::frontmatter::Disclosure;

/// Where a disclosure period stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodStatus {
    /// 拟公示: not started yet.
    Upcoming,
    /// 公示中: running, with the days left including today.
    Open { days_left: i64 },
    /// 公示结束: over.
    Closed,
}

impl PeriodStatus {
    /// The machine name used in `data-` attributes and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            PeriodStatus::Upcoming => "upcoming",
            PeriodStatus::Open { .. } => "open",
            PeriodStatus::Closed => "closed",
        }
    }
}

/// The status of a period on `today`; both ends of the period are included.
pub fn period_status(d: &Disclosure, today: NaiveDate) -> PeriodStatus {
    if today < d.start {
        PeriodStatus::Upcoming
    } else if today <= d.end {
        PeriodStatus::Open {
            days_left: (d.end - today).num_days() + 1,
        }
    } else {
        PeriodStatus::Closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::PeriodSpec;

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_date(s).unwrap().day
    }

    #[test]
    fn status_over_a_period() {
        let d = Disclosure {
            start: day("2023-05-04"),
            end: day("2023-05-10"),
            spec: PeriodSpec::Days(7),
            contact: None,
        };
        assert_eq!(period_status(&d, day("2023-05-03")), PeriodStatus::Upcoming);
        assert_eq!(
            period_status(&d, day("2023-05-04")),
            PeriodStatus::Open { days_left: 7 }
        );
        assert_eq!(
            period_status(&d, day("2023-05-10")),
            PeriodStatus::Open { days_left: 1 }
        );
        assert_eq!(period_status(&d, day("2023-05-11")), PeriodStatus::Closed);
    }
}
