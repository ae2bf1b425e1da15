//! Disclosure: the live status of a notice's disclosure period (公示期), the
//! tamper-evident record of what was published ([`lock`], [`verify`]), and the checks
//! that keep personal data and template leftovers out of published text ([`privacy`],
//! [`leftovers`]).

pub mod body;
pub mod leftovers;
pub mod lock;
pub mod privacy;
pub mod verify;
pub mod web;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::frontmatter::{Disclosure, PeriodSpec};
use crate::content::Document;
use crate::dates::Holidays;
use crate::diagnostics::Diagnostic;

/// What the disclosure record gives the pages: each published document's 索引号 and
/// entry hash, by site path, and the head of the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbers {
    pub docs: std::collections::HashMap<String, Recorded>,
    /// The first 12 hex characters of the last entry's hash, shown in every page's
    /// footer and on every printed notice: any saved or printed copy of the site then
    /// anchors the whole chain as it stood when that copy was made. None for a site
    /// with no record yet (a trial).
    pub head: Option<String>,
}

impl Numbers {
    /// No numbers: a trial, or a check.
    pub fn new() -> Self {
        Self::default()
    }

    /// What the record says of the page at `site_path`.
    pub fn get(&self, site_path: &str) -> Option<&Recorded> {
        self.docs.get(site_path)
    }
}

/// What the disclosure record says of a published document: its 索引号, and the first
/// 12 hex characters of its latest entry's hash. That hash covers every entry before
/// it, so a printed notice carrying it anchors the whole chain up to its publication,
/// and it does not change when later documents are published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub no: String,
    pub hash: String,
}

/// The privacy check (errors) and the leftover check (warnings) over the documents a
/// build publishes (those published on `today`, and with `drafts` every one), their
/// attachments, and site.yaml.
pub fn check_documents(
    config: &Config,
    docs: &[Document],
    today: NaiveDate,
    drafts: bool,
) -> Vec<Diagnostic> {
    let mut diags: Vec<Diagnostic> = docs
        .par_iter()
        .with_max_len(crate::PAR_PIECE)
        .filter(|d| drafts || d.is_published(today))
        .flat_map_iter(|d| {
            let mut v = privacy::check_document(&config.root, d);
            v.extend(leftovers::check_document(d));
            v.extend(body::check_document(d));
            v
        })
        .collect();
    diags.extend(privacy::check_site_yaml(&config.root));
    diags
}

/// Where a disclosure period stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodStatus {
    /// 拟公示: not started yet.
    Upcoming,
    /// 公示中: running, with the days left including today: working days for a period
    /// given in working days (a notice saying 5个工作日 counts down in them), else
    /// calendar days.
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
pub fn period_status(d: &Disclosure, today: NaiveDate, holidays: &Holidays) -> PeriodStatus {
    if today < d.start {
        PeriodStatus::Upcoming
    } else if today <= d.end {
        let days_left = match d.spec {
            PeriodSpec::WorkingDays(_) => today
                .iter_days()
                .take_while(|x| *x <= d.end)
                .filter(|x| holidays.is_working_day(*x))
                .count() as i64,
            _ => (d.end - today).num_days() + 1,
        };
        PeriodStatus::Open { days_left }
    } else {
        PeriodStatus::Closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let h = Holidays::default();
        assert_eq!(
            period_status(&d, day("2023-05-03"), &h),
            PeriodStatus::Upcoming
        );
        assert_eq!(
            period_status(&d, day("2023-05-04"), &h),
            PeriodStatus::Open { days_left: 7 }
        );
        assert_eq!(
            period_status(&d, day("2023-05-10"), &h),
            PeriodStatus::Open { days_left: 1 }
        );
        assert_eq!(
            period_status(&d, day("2023-05-11"), &h),
            PeriodStatus::Closed
        );
    }

    fn holidays(off: &[&str], work: &[&str]) -> crate::dates::Holidays {
        let mut h = crate::dates::Holidays::default();
        h.off.extend(off.iter().map(|s| day(s)));
        h.work.extend(work.iter().map(|s| day(s)));
        h
    }

    #[test]
    fn working_days_skip_two_weekends() {
        let h = holidays(&[], &[]);
        // Monday 2023-06-05 + 10 working days ends on Friday 2023-06-16.
        assert_eq!(h.add_working_days(day("2023-06-05"), 10), day("2023-06-16"));
        // Wednesday + 3: Wed, Thu, Fri.
        assert_eq!(h.add_working_days(day("2023-06-07"), 3), day("2023-06-09"));
        // Wednesday + 4 crosses the weekend to Monday.
        assert_eq!(h.add_working_days(day("2023-06-07"), 4), day("2023-06-12"));
        // A Saturday start counts from Monday.
        assert_eq!(h.add_working_days(day("2023-06-10"), 1), day("2023-06-12"));
    }

    #[test]
    fn working_days_across_a_long_holiday_with_make_up_days() {
        // National Day 2026 as the example site declares it.
        let h = holidays(
            &[
                "2026-10-01",
                "2026-10-02",
                "2026-10-05",
                "2026-10-06",
                "2026-10-07",
            ],
            &["2026-09-27", "2026-10-10"],
        );
        // Fri 09-25, Sun 09-27 (make-up), Mon 09-28, Tue 09-29, Wed 09-30.
        assert_eq!(h.add_working_days(day("2026-09-25"), 5), day("2026-09-30"));
        // Wed 09-30, then Thu 10-08, Fri 10-09, Sat 10-10 (make-up).
        assert_eq!(h.add_working_days(day("2026-09-30"), 3), day("2026-10-09"));
        assert_eq!(h.add_working_days(day("2026-09-30"), 4), day("2026-10-10"));
        // A start on a holiday is not counted.
        assert_eq!(h.add_working_days(day("2026-10-01"), 1), day("2026-10-08"));
    }

    #[test]
    fn a_working_day_period_counts_down_in_working_days() {
        let h = holidays(&["2023-05-01", "2023-05-02", "2023-05-03"], &["2023-05-06"]);
        let d = Disclosure {
            start: day("2023-04-28"),
            end: h.add_working_days(day("2023-04-28"), 5),
            spec: PeriodSpec::WorkingDays(5),
            contact: None,
        };
        assert_eq!(d.end, day("2023-05-08"));
        // From the holiday: Thu 05-04, Fri 05-05, Sat 05-06 (make-up), Mon 05-08.
        assert_eq!(
            period_status(&d, day("2023-05-01"), &h),
            PeriodStatus::Open { days_left: 4 }
        );
        // On the first day, all five; on the last, one.
        assert_eq!(
            period_status(&d, day("2023-04-28"), &h),
            PeriodStatus::Open { days_left: 5 }
        );
        assert_eq!(
            period_status(&d, day("2023-05-08"), &h),
            PeriodStatus::Open { days_left: 1 }
        );
        // A Sunday inside the period: the days left are those still to come.
        assert_eq!(
            period_status(&d, day("2023-05-07"), &h),
            PeriodStatus::Open { days_left: 1 }
        );
        assert_eq!(
            period_status(&d, day("2023-05-09"), &h),
            PeriodStatus::Closed
        );
    }
}
