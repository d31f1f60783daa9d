//! Counters of what a [`Client`](crate::Client) sent, shared by its clones:
//! how bulk work (a sync run, a backfill) learns how many requests, 429s and
//! retries it cost without instrumenting every call.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::pacing::Budget;

/// What a client and its clones have sent since it was built: every attempt
/// counts, retries included. Subtract an earlier reading ([`since`](Self::since))
/// for what one piece of work cost.
///
/// ```
/// let client = attio_runtime::Client::new("key")?;
/// let before = client.stats();
/// // … calls …
/// let cost = client.stats().since(&before);
/// assert_eq!(cost.requests, 0);
/// # Ok::<(), attio_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientStats {
    /// Attempts sent, reads and writes, retries included.
    pub requests: u64,
    /// Of those, attempts counted against the write budget.
    pub writes: u64,
    /// 429 answers received.
    pub rate_limited: u64,
    /// Attempts that were retries of an earlier one.
    pub retries: u64,
    /// Attempts that got an answer (any status).
    pub answered: u64,
    /// The time those attempts waited for their answer, summed: from
    /// sending to the answer's status line. Divided by `answered`, how long
    /// Attio (or a queue before it) took; a mean that grows under the same
    /// pace says requests queue somewhere, and arrive later than they left.
    pub answer_time: Duration,
}

impl ClientStats {
    /// The counts from `earlier` to `self`.
    pub fn since(&self, earlier: &ClientStats) -> ClientStats {
        ClientStats {
            requests: self.requests.saturating_sub(earlier.requests),
            writes: self.writes.saturating_sub(earlier.writes),
            rate_limited: self.rate_limited.saturating_sub(earlier.rate_limited),
            retries: self.retries.saturating_sub(earlier.retries),
            answered: self.answered.saturating_sub(earlier.answered),
            answer_time: self.answer_time.saturating_sub(earlier.answer_time),
        }
    }
}

/// The live counters behind [`ClientStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    requests: AtomicU64,
    writes: AtomicU64,
    rate_limited: AtomicU64,
    retries: AtomicU64,
    answered: AtomicU64,
    answer_nanos: AtomicU64,
}

impl Counters {
    /// Counts attempt number `attempt` (1 for the first) of a request.
    pub(crate) fn attempt(&self, budget: Budget, attempt: u32) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if budget == Budget::Write {
            self.writes.fetch_add(1, Ordering::Relaxed);
        }
        if attempt > 1 {
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a 429.
    pub(crate) fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an attempt answered after `waited`.
    pub(crate) fn answered(&self, waited: Duration) {
        self.answered.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(waited.as_nanos()).unwrap_or(u64::MAX);
        self.answer_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    pub(crate) fn read(&self) -> ClientStats {
        ClientStats {
            requests: self.requests.load(Ordering::Relaxed),
            writes: self.writes.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
            answered: self.answered.load(Ordering::Relaxed),
            answer_time: Duration::from_nanos(self.answer_nanos.load(Ordering::Relaxed)),
        }
    }
}
