//! Dates as people read them, in their language, in emails and on pages:
//! "5 December 2026, 21:32 UTC", "5. Dezember 2026, 21:32 Uhr UTC", "in 6 days",
//! "hace 2 días". The words and the order come from the catalogs (`core.ftl`).
//!
//! The plain functions speak the current page's language ([`crate::lang::current`]);
//! the `_in` ones take the language explicitly, for emails.

use time::{Duration, OffsetDateTime, UtcOffset};

use crate::lang::{self, Lang};

/// "5 December 2026, 21:32 UTC", in `lang`.
pub fn readable_in(lang: Lang, at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    lang.say(
        "date-time",
        &[
            ("date", day_in(lang, at).into()),
            ("hour", format!("{:02}", at.hour()).into()),
            ("minute", format!("{:02}", at.minute()).into()),
        ],
    )
}

/// "5 December 2026", in `lang`.
pub fn day_in(lang: Lang, at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    let month = lang.say(&format!("date-month-{}", u8::from(at.month())), &[]);
    lang.say(
        "date-day",
        &[
            ("day", at.day().to_string().into()),
            ("month", month.into()),
            ("year", at.year().to_string().into()),
        ],
    )
}

/// How far `at` is from `now`, as people say it in `lang`, in the largest whole unit:
/// "in 6 days", "in 3 hours", "2 days ago", "just now".
pub fn relative_in(lang: Lang, at: OffsetDateTime, now: OffsetDateTime) -> String {
    let delta = at - now;
    let future = !delta.is_negative();
    let amount = delta.abs();
    let (count, future_id, past_id) = if amount < Duration::minutes(1) {
        return lang.say("relative-just-now", &[]);
    } else if amount < Duration::hours(1) {
        (
            amount.whole_minutes(),
            "relative-in-minutes",
            "relative-minutes-ago",
        )
    } else if amount < Duration::days(1) {
        (
            amount.whole_hours(),
            "relative-in-hours",
            "relative-hours-ago",
        )
    } else {
        (amount.whole_days(), "relative-in-days", "relative-days-ago")
    };
    let id = if future { future_id } else { past_id };
    lang.say(id, &[("count", count.into())])
}

/// [`readable_in`] the current page's language.
pub fn readable(at: OffsetDateTime) -> String {
    readable_in(lang::current(), at)
}

/// [`day_in`] the current page's language.
pub fn day(at: OffsetDateTime) -> String {
    day_in(lang::current(), at)
}

/// [`relative_in`] the current page's language.
pub fn relative(at: OffsetDateTime, now: OffsetDateTime) -> String {
    relative_in(lang::current(), at, now)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_date_reads_as_people_write_it_in_each_language() {
        let at = datetime!(2026-12-05 21:32:07 UTC);
        assert_eq!(readable(at), "5 December 2026, 21:32 UTC");
        assert_eq!(
            readable(datetime!(2026-12-05 22:32 +01:00)),
            "5 December 2026, 21:32 UTC"
        );
        assert_eq!(day(datetime!(2026-01-09 00:00 UTC)), "9 January 2026");
        assert_eq!(readable_in(Lang::De, at), "5. Dezember 2026, 21:32 Uhr UTC");
        assert_eq!(day_in(Lang::Es, at), "5 de diciembre de 2026");
        assert_eq!(readable_in(Lang::Fr, at), "5 décembre 2026 à 21 h 32 UTC");
        assert_eq!(day_in(Lang::PtBr, at), "5 de dezembro de 2026");
    }

    #[test]
    fn distances_are_spoken_in_the_largest_whole_unit_with_the_languages_plurals() {
        let now = datetime!(2026-11-29 12:00 UTC);
        assert_eq!(
            relative(now + Duration::days(6) + Duration::hours(3), now),
            "in 6 days"
        );
        assert_eq!(relative(now + Duration::hours(1), now), "in one hour");
        assert_eq!(relative(now - Duration::minutes(5), now), "5 minutes ago");
        assert_eq!(relative(now, now), "just now");
        assert_eq!(
            relative_in(Lang::Es, now - Duration::days(2), now),
            "hace 2 días"
        );
        assert_eq!(
            relative_in(Lang::De, now + Duration::days(1), now),
            "in einem Tag"
        );
        assert_eq!(
            relative_in(Lang::Fr, now - Duration::hours(3), now),
            "il y a 3 heures"
        );
        assert_eq!(
            relative_in(Lang::PtBr, now + Duration::days(6), now),
            "em 6 dias"
        );
    }
}
