//! Dates as people read them, in emails and on pages: "5 December 2026, 21:32 UTC".

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, UtcOffset};

const READABLE: &[FormatItem<'static>] =
    format_description!("[day padding:none] [month repr:long] [year], [hour]:[minute] UTC");
const DAY: &[FormatItem<'static>] =
    format_description!("[day padding:none] [month repr:long] [year]");

/// "5 December 2026, 21:32 UTC".
pub fn readable(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(READABLE)
        .unwrap_or_else(|_| at.to_string())
}

/// "5 December 2026".
pub fn day(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(DAY)
        .unwrap_or_else(|_| at.to_string())
}

/// How far `at` is from `now`, as people say it: "in 6 days", "in 3 hours", "2 days
/// ago", "just now".
pub fn relative(at: OffsetDateTime, now: OffsetDateTime) -> String {
    let delta = at - now;
    let (amount, future) = if delta.is_negative() {
        (-delta, false)
    } else {
        (delta, true)
    };
    let spoken = if amount < Duration::minutes(1) {
        return "just now".to_owned();
    } else if amount < Duration::hours(1) {
        unit(amount.whole_minutes(), "minute")
    } else if amount < Duration::days(1) {
        unit(amount.whole_hours(), "hour")
    } else {
        unit(amount.whole_days(), "day")
    };
    if future {
        format!("in {spoken}")
    } else {
        format!("{spoken} ago")
    }
}

fn unit(count: i64, name: &str) -> String {
    if count == 1 {
        format!("1 {name}")
    } else {
        format!("{count} {name}s")
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_date_reads_as_people_write_it() {
        assert_eq!(
            readable(datetime!(2026-12-05 21:32:07 UTC)),
            "5 December 2026, 21:32 UTC"
        );
        assert_eq!(
            readable(datetime!(2026-12-05 22:32 +01:00)),
            "5 December 2026, 21:32 UTC"
        );
        assert_eq!(day(datetime!(2026-01-09 00:00 UTC)), "9 January 2026");
    }

    #[test]
    fn distances_are_spoken_in_the_largest_whole_unit() {
        let now = datetime!(2026-11-29 12:00 UTC);
        assert_eq!(
            relative(now + Duration::days(6) + Duration::hours(3), now),
            "in 6 days"
        );
        assert_eq!(relative(now + Duration::hours(1), now), "in 1 hour");
        assert_eq!(relative(now - Duration::minutes(5), now), "5 minutes ago");
        assert_eq!(relative(now, now), "just now");
    }
}
