//! A memorandum's term as dates: when the current period ends and by when notice must be given.
//!
//! The rules (one pure function, [`term_dates`], used by the store's columns and the registry):
//!
//! - **Entry into force**: the term's date, or the day of the last signature
//!   ([`TermStart::LastSignature`]); before that day is known, there are no dates.
//! - **End of the first period**: for `years`, the same month and day of the last year of the
//!   term (Civil Code of the Republic of Kazakhstan, art. 175: a term counted in years ends on the
//!   corresponding month and day of its last year; when that month has no such day — 29 February
//!   in a common year — on the month's last day); for `until`, that date; `indefinite` has no end.
//! - **Renewal**: a period that has ended (today is after its last day) renews automatically for
//!   `renewal.years`, counted from the entry into force (or the `until` date) so month ends do
//!   not drift (29 Feb 2024 + 1 → 28 Feb 2025, + 2 → 28 Feb 2026, + 4 → 29 Feb 2028). Kelisim records no
//!   notice of termination, so every ended period is taken as renewed. `expires_on` is the end of
//!   the period that contains `today` (or the first period, before entry into force).
//! - **Notice due**: `notice_days` before the end of that period (`None` without renewal). It may
//!   lie before `today`: notice can no longer stop the coming renewal.

use crate::ids::IsoDate;
use crate::model::{Duration, Term, TermStart};

/// A calendar date (proleptic Gregorian), for arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The term's dates as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDates {
    /// The memorandum enters into force on this day.
    pub starts_on: IsoDate,
    /// The last day of the current period.
    pub expires_on: IsoDate,
    /// The last day on which notice stops the next renewal; only with renewal.
    pub notice_by: Option<IsoDate>,
    /// Whether the term renews (so the dates move as time passes).
    pub renews: bool,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Ymd {
    /// From a validated date.
    pub fn of(date: &IsoDate) -> Ymd {
        let (y, m, d) = date.parts();
        Ymd {
            year: i32::try_from(y).unwrap_or(0),
            month: m,
            day: d,
        }
    }

    /// Back to a date; `None` outside the years an [`IsoDate`] may hold (1900–2999).
    pub fn to_iso(self) -> Option<IsoDate> {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
            .parse()
            .ok()
    }

    /// The same month and day `years` later, the month's last day when it has no such day.
    pub fn add_years(self, years: u32) -> Ymd {
        let year = self.year + i32::try_from(years).unwrap_or(i32::MAX / 2);
        Ymd {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number.
    pub fn from_day_number(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Ymd {
            year: i32::try_from(year).unwrap_or(0),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// `days` later (earlier when negative).
    pub fn add_days(self, days: i64) -> Ymd {
        Ymd::from_day_number(self.day_number() + days)
    }
}

/// The term's dates as of `today` (see the module's rules). `None` without a term, for an
/// indefinite one, or while entry into force waits for a last signature not yet made.
pub fn term_dates(
    term: Option<&Term>,
    last_signature: Option<&IsoDate>,
    today: &IsoDate,
) -> Option<TermDates> {
    let term = term?;
    let start = match &term.starts {
        TermStart::Date { date } => date.clone(),
        TermStart::LastSignature => last_signature?.clone(),
    };
    // Every end is counted from one anchor, so month ends do not drift.
    let (anchor, first_years) = match &term.duration {
        Duration::Years { years } => (Ymd::of(&start), *years),
        Duration::Until { date } => (Ymd::of(date), 0),
        Duration::Indefinite => return None,
    };
    let first_end = anchor.add_years(first_years);
    let today = Ymd::of(today);
    let (end, notice_by) = match &term.renewal {
        None => (first_end, None),
        Some(renewal) => {
            let mut end = first_end;
            let mut periods = 0u32;
            while end < today && renewal.years > 0 && periods < 10_000 {
                periods += 1;
                end = anchor
                    .add_years(first_years.saturating_add(renewal.years.saturating_mul(periods)));
            }
            let notice = end.add_days(-i64::from(renewal.notice_days));
            (end, Some(notice))
        }
    };
    Some(TermDates {
        starts_on: start,
        expires_on: end.to_iso()?,
        notice_by: notice_by.and_then(Ymd::to_iso),
        renews: term.renewal.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Renewal;

    fn d(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    fn years(starts: TermStart, years: u32, renewal: Option<(u32, u32)>) -> Term {
        Term {
            starts,
            duration: Duration::Years { years },
            renewal: renewal.map(|(years, notice_days)| Renewal { years, notice_days }),
        }
    }

    fn on(date: &str) -> TermStart {
        TermStart::Date { date: d(date) }
    }

    #[test]
    fn day_numbers_round_trip_across_leap_days_and_centuries() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2024-02-29",
            "2100-03-01",
            "1900-02-28",
        ] {
            let ymd = Ymd::of(&d(s));
            assert_eq!(Ymd::from_day_number(ymd.day_number()).to_iso(), Some(d(s)));
        }
        assert_eq!(Ymd::of(&d("1970-01-01")).day_number(), 0);
        assert_eq!(
            Ymd::of(&d("2024-03-01")).add_days(-1).to_iso(),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            Ymd::of(&d("2100-03-01")).add_days(-1).to_iso(),
            Some(d("2100-02-28"))
        );
        assert_eq!(
            Ymd::of(&d("2026-12-31")).add_days(1).to_iso(),
            Some(d("2027-01-01"))
        );
    }

    #[test]
    fn a_term_in_years_ends_on_the_same_day_or_the_months_last() {
        let t = years(on("2026-10-06"), 3, None);
        let got = term_dates(Some(&t), None, &d("2026-11-01")).unwrap();
        assert_eq!(got.expires_on, d("2029-10-06"));
        assert_eq!(got.notice_by, None);
        let leap = years(on("2024-02-29"), 1, None);
        let got = term_dates(Some(&leap), None, &d("2024-03-01")).unwrap();
        assert_eq!(got.expires_on, d("2025-02-28"));
        let leap4 = years(on("2024-02-29"), 4, None);
        let got = term_dates(Some(&leap4), None, &d("2024-03-01")).unwrap();
        assert_eq!(got.expires_on, d("2028-02-29"));
    }

    #[test]
    fn renewal_moves_to_the_period_containing_today_without_month_end_drift() {
        let t = years(on("2024-02-29"), 1, Some((1, 30)));
        // Before the first end: the first period.
        let got = term_dates(Some(&t), None, &d("2025-02-28")).unwrap();
        assert_eq!(got.expires_on, d("2025-02-28"));
        assert_eq!(got.notice_by, Some(d("2025-01-29")));
        // The day after: renewed once.
        let got = term_dates(Some(&t), None, &d("2025-03-01")).unwrap();
        assert_eq!(got.expires_on, d("2026-02-28"));
        // Three renewals later the leap day is back.
        let got = term_dates(Some(&t), None, &d("2027-03-01")).unwrap();
        assert_eq!(got.expires_on, d("2028-02-29"));
        assert_eq!(got.notice_by, Some(d("2028-01-30")));
        assert!(got.renews);
    }

    #[test]
    fn notice_crosses_month_and_year_ends() {
        let t = years(on("2026-03-31"), 2, Some((2, 60)));
        let got = term_dates(Some(&t), None, &d("2026-04-01")).unwrap();
        assert_eq!(got.expires_on, d("2028-03-31"));
        assert_eq!(got.notice_by, Some(d("2028-01-31")));
        let t = years(on("2026-01-15"), 1, Some((1, 30)));
        let got = term_dates(Some(&t), None, &d("2026-02-01")).unwrap();
        assert_eq!(got.notice_by, Some(d("2026-12-16")));
    }

    #[test]
    fn the_last_signature_starts_it_once_made() {
        let t = years(TermStart::LastSignature, 5, None);
        assert_eq!(term_dates(Some(&t), None, &d("2026-01-01")), None);
        let got = term_dates(Some(&t), Some(&d("2026-08-31")), &d("2026-09-01")).unwrap();
        assert_eq!(got.starts_on, d("2026-08-31"));
        assert_eq!(got.expires_on, d("2031-08-31"));
    }

    #[test]
    fn until_a_date_and_indefinite() {
        let until = Term {
            starts: on("2026-01-01"),
            duration: Duration::Until {
                date: d("2027-06-30"),
            },
            renewal: Some(Renewal {
                years: 1,
                notice_days: 0,
            }),
        };
        let got = term_dates(Some(&until), None, &d("2027-07-01")).unwrap();
        assert_eq!(got.expires_on, d("2028-06-30"));
        assert_eq!(got.notice_by, Some(d("2028-06-30")));
        let open = Term {
            starts: on("2026-01-01"),
            duration: Duration::Indefinite,
            renewal: None,
        };
        assert_eq!(term_dates(Some(&open), None, &d("2026-01-01")), None);
        assert_eq!(term_dates(None, None, &d("2026-01-01")), None);
    }
}
