//! What time it is. Every rule that depends on time asks the state's clock, so tests
//! can move time forward (an invitation expiring, a token due for refresh) without
//! waiting; in a deployed function it is the system clock.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Seconds added to the system time; only tests ever change it.
    offset: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + Duration::seconds(self.offset.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset.fetch_add(by.whole_seconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advanced_clock_is_ahead_of_the_system_clock_in_every_clone() {
        let clock = Clock::default();
        let clone = clock.clone();
        clock.advance(Duration::days(8));
        assert!(
            clone.now() - OffsetDateTime::now_utc() >= Duration::days(8) - Duration::seconds(1)
        );
    }
}
