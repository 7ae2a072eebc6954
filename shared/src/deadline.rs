//! How long a piece of work may still take, in real time: a Lambda invocation's own
//! deadline, or a budget a use case sets itself (the token service answers within a few
//! seconds whatever a platform does). Domain time is the state's `Clock`, which tests
//! move; a deadline is wall-clock time that passes while a platform keeps us waiting.

use std::time::{Duration, SystemTime};

use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Instant);

impl Deadline {
    /// `budget` from now.
    pub fn after(budget: Duration) -> Self {
        Self(Instant::now() + budget)
    }

    /// The deadline Lambda gives an invocation (wall-clock time), as a monotonic one.
    pub fn from_system_time(at: SystemTime) -> Self {
        let left = at
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO);
        Self::after(left)
    }

    /// An invocation's deadline as Lambda gives it; one that passed before the work
    /// began is no real deadline (cargo lambda watch sends a fixed 600,000 ms since the
    /// epoch), and `otherwise` stands in for it (the function's configured timeout).
    pub fn of_invocation(at: SystemTime, otherwise: Duration) -> Self {
        if at <= SystemTime::now() {
            Self::after(otherwise)
        } else {
            Self::from_system_time(at)
        }
    }

    pub fn instant(self) -> Instant {
        self.0
    }

    /// The time left, zero once it has passed.
    pub fn left(self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    /// Whether at least `needed` is left.
    pub fn allows(self, needed: Duration) -> bool {
        self.left() >= needed
    }

    /// This deadline moved `margin` earlier: the point by which a part of the work must
    /// be done so what follows it still fits.
    pub fn less(self, margin: Duration) -> Self {
        Self(self.0.checked_sub(margin).unwrap_or_else(Instant::now))
    }

    /// The earlier of the two.
    pub fn min(self, other: Self) -> Self {
        Ord::min(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_moved_earlier_leaves_less_time_and_never_less_than_none() {
        let deadline = Deadline::after(Duration::from_secs(10));
        assert!(deadline.allows(Duration::from_secs(9)));
        assert!(!deadline
            .less(Duration::from_secs(5))
            .allows(Duration::from_secs(6)));
        assert_eq!(
            Deadline::after(Duration::from_secs(1))
                .less(Duration::from_secs(60))
                .left(),
            Duration::ZERO
        );
        let past = Deadline::from_system_time(SystemTime::UNIX_EPOCH);
        assert_eq!(past.left(), Duration::ZERO);
        let local = Deadline::of_invocation(
            SystemTime::UNIX_EPOCH + Duration::from_millis(600_000),
            Duration::from_secs(60),
        );
        assert!(
            local.allows(Duration::from_secs(59)),
            "an emulator's fixed deadline"
        );
    }
}
