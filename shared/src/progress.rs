//! What a long operator command (re-sealing every token, the data migration, finishing a
//! workspace's deletion) reports as it goes, and how it is asked to stop.
//!
//! The use cases report through [`Progress`]; the operator's terminal draws it (done of
//! total, rate, time left: `infra/operator`), a Lambda function reports to [`Silent`].
//! A use case asked to stop finishes the item it is on and returns what it did: each of
//! them is safe to run again, and the next run goes on where this one stopped.

/// Told how much there is and how much is done; asked whether to stop.
pub trait Progress: Send + Sync {
    /// How much there is to do in all, as far as it is known.
    fn total(&self, total: u64);
    /// `n` more items done (or looked at and found done).
    fn advance(&self, n: u64);
    /// `done` items an earlier run did (a resumed run): done, but not at this run's rate.
    fn resumed(&self, done: u64) {
        self.advance(done);
    }
    /// Whether the operator asked to stop (Ctrl-C): stop after the current item.
    fn stop_asked(&self) -> bool;
}

/// Reports to nobody and never stops (a Lambda function's run).
pub struct Silent;

impl Progress for Silent {
    fn total(&self, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn stop_asked(&self) -> bool {
        false
    }
}
