//! Reminders: when something the agency asked of a client is still not done, the
//! client is emailed again, a fixed number of times, each at most once.
//!
//! A schedule is a list of steps counted from when the request went out (an
//! invitation's link was emailed); each step is claimed with a conditional write on the
//! steps claimed before it, so no step is ever sent twice. A step that could not go when
//! it fell due (the workspace's emails for the day were spent, or its reminders were off)
//! is never sent late on top of the next one: at any moment only the latest step whose
//! time has come is due.

use time::{Duration, OffsetDateTime};

/// An invitation nobody accepted is reminded 2 and 6 days after its link was emailed
/// (it expires after 7).
pub const INVITATION_REMINDERS: [Duration; 2] = [Duration::days(2), Duration::days(6)];

/// A reconnect the agency asked for and nobody made is reminded once, 3 days later.
pub const RECONNECT_REMINDER: Duration = Duration::days(3);

/// A client asked to connect an account assigned to it (the assignment publishes with
/// its own credentials) that has not is reminded once, 3 days after the assignment was
/// last written so.
pub const ASSIGNMENT_REMINDER: Duration = Duration::days(3);

/// The steps of one request's reminders.
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a> {
    /// When the request went out.
    pub from: OffsetDateTime,
    /// How long after `from` each reminder falls, in order.
    pub steps: &'a [Duration],
    /// No reminder at or after this moment (an invitation's expiry).
    pub until: Option<OffsetDateTime>,
}

impl Schedule<'_> {
    /// When step `step` (counted from 0) falls, if it falls before `until`.
    pub fn at(&self, step: u8) -> Option<OffsetDateTime> {
        let at = self.from + *self.steps.get(usize::from(step))?;
        match self.until {
            Some(until) if at >= until => None,
            _ => Some(at),
        }
    }

    /// The step to send at `now`, the first `past` steps being claimed or passed over:
    /// the latest whose time has come, never one at or after `until`.
    pub fn due(&self, past: u8, now: OffsetDateTime) -> Option<u8> {
        if self.until.is_some_and(|until| now >= until) {
            return None;
        }
        (past..u8::try_from(self.steps.len()).unwrap_or(u8::MAX))
            .take_while(|step| self.at(*step).is_some_and(|at| at <= now))
            .last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation_schedule(from: OffsetDateTime) -> Schedule<'static> {
        Schedule {
            from,
            steps: &INVITATION_REMINDERS,
            until: Some(from + Duration::days(7)),
        }
    }

    #[test]
    fn an_invitation_is_reminded_two_and_six_days_after_its_email() {
        let from = OffsetDateTime::UNIX_EPOCH;
        let schedule = invitation_schedule(from);
        assert_eq!(schedule.at(0), Some(from + Duration::days(2)));
        assert_eq!(schedule.at(1), Some(from + Duration::days(6)));
        assert_eq!(schedule.at(2), None);
        assert_eq!(schedule.due(0, from + Duration::days(1)), None);
        assert_eq!(schedule.due(0, from + Duration::days(2)), Some(0));
        assert_eq!(schedule.due(1, from + Duration::days(3)), None);
        assert_eq!(schedule.due(1, from + Duration::days(6)), Some(1));
        assert_eq!(schedule.due(2, from + Duration::days(6)), None);
    }

    #[test]
    fn a_step_missed_is_not_sent_late_on_top_of_the_next() {
        let from = OffsetDateTime::UNIX_EPOCH;
        let schedule = invitation_schedule(from);
        assert_eq!(schedule.due(0, from + Duration::days(6)), Some(1));
    }

    #[test]
    fn nothing_is_due_once_the_request_ends() {
        let from = OffsetDateTime::UNIX_EPOCH;
        let schedule = Schedule {
            until: Some(from + Duration::days(5)),
            ..invitation_schedule(from)
        };
        assert_eq!(schedule.at(1), None, "the 6-day step falls after the end");
        assert_eq!(schedule.due(0, from + Duration::days(5)), None);
        assert_eq!(schedule.due(0, from + Duration::days(4)), Some(0));
    }
}
