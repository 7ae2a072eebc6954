//! A workspace's email quota: how many emails it may send a day (invitations, the
//! agency's reconnect emails, assignments, reminders), and when the day starts again.

use time::OffsetDateTime;

use crate::state::AppState;
use crate::store::Quota;

/// The day's limit of the workspace's emails (invitations and the agency's reconnect
/// emails), as the deployment sets it, counted at `now`.
pub(crate) fn quota(state: &AppState, now: OffsetDateTime) -> Quota {
    Quota {
        per_day: state.config.limits.invitations_per_day,
        now,
    }
}

/// When the day's quota starts again: midnight UTC after `now`.
pub(crate) fn tomorrow(now: OffsetDateTime) -> OffsetDateTime {
    (now.date() + time::Duration::days(1))
        .midnight()
        .assume_utc()
}

/// Whole seconds from `now` until `at`, rounded up (a caller that waits exactly that
/// long is past `at`), at least one.
pub(crate) fn retry_after(now: OffsetDateTime, at: OffsetDateTime) -> u32 {
    let wait = at - now;
    let seconds = wait.whole_seconds() + i64::from(wait.subsec_nanoseconds() > 0);
    u32::try_from(seconds.max(1)).unwrap_or(u32::MAX)
}

/// When a reminder of `emails` emails that today's quota refused is tried again:
/// tomorrow, or never when more emails than a whole day's quota would be needed (it
/// would be refused every day).
pub(crate) fn retry_day(
    state: &AppState,
    now: OffsetDateTime,
    emails: u32,
) -> Option<OffsetDateTime> {
    (emails <= state.config.limits.invitations_per_day).then(|| tomorrow(now))
}
