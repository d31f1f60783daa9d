//! Client-side pacing under Attio's rate limits: separate budgets for reads
//! and writes, shared by every clone of a [`Client`](crate::Client).
//!
//! Each budget hands out send slots one interval apart (40 ms at 25 per
//! second), so requests are spaced evenly rather than sent in bursts: a
//! second's worth of burst would let twice the limit into one second of a
//! server that counts in fixed windows, as rate limiters commonly do. A
//! request reserves the next free slot under the lock and then sleeps until
//! it, so the slot after it is counted from this slot, not from when the
//! sleep happened to end: timers round up to their millisecond, and pacing
//! from the wake-up lost that millisecond on every request (41 ms instead of
//! 40). A slot is never earlier than "now", so a long idle period banks
//! nothing and the first request after it goes alone. This is GCRA (the
//! theoretical arrival time) with no burst tolerance.
//!
//! Hand-written rather than `governor`: governor implements the same
//! algorithm, but its waiting future measures time with its own clock and
//! sleeps on its own timer, so it neither follows `tokio::time::pause()`
//! (which the tests of this file need) nor knows the tokio runtime's timer,
//! and it has no way to hold a budget back until a `Retry-After` instant.
//! The whole algorithm here is the `reserve` method below.
//!
//! A 429 from the server (its window may be counted differently, or other
//! clients share the workspace) holds the budget back until `Retry-After`,
//! so that every task of the client backs off, not only the one that was
//! refused; a request already waiting for a slot rechecks that when it
//! wakes.
//!
//! Record and entry queries spend a read slot and, first, a slot of the
//! query budget ([`super::adaptive`]): Attio limits them by a score of its
//! own besides the read rate. A 429 of a query holds back and slows down
//! queries only — never plain reads, nor writes.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::adaptive::QueryBudget;

/// Which of Attio's budgets a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Budget {
    /// Plain reads: GET.
    Read,
    /// A record or entry query (`POST …/records/query`, `…/entries/query`):
    /// a read that Attio also limits by score.
    Query,
    /// POST, PUT, PATCH, DELETE.
    Write,
}

/// Requests per second for each budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimits {
    /// Reads per second (Attio: 100).
    pub reads_per_second: f64,
    /// Writes per second (Attio: 25).
    pub writes_per_second: f64,
}

impl Default for RateLimits {
    /// Attio's documented limits.
    fn default() -> Self {
        RateLimits {
            reads_per_second: 100.0,
            writes_per_second: 25.0,
        }
    }
}

impl RateLimits {
    /// No pacing at all (for tests against a local emulator without limits).
    pub fn unlimited() -> Self {
        RateLimits {
            reads_per_second: f64::INFINITY,
            writes_per_second: f64::INFINITY,
        }
    }
}

/// The interval that stands in for a rate that is zero, negative or not a
/// number: long enough to hold the budget back for the life of a process.
const NEVER: Duration = Duration::from_secs(365 * 24 * 60 * 60);

#[derive(Debug)]
struct Bucket {
    /// Time between two slots; zero when the rate is unlimited.
    interval: Duration,
    /// The earliest instant the next slot may be at.
    next: Instant,
    /// Nothing is sent before this instant (set by a 429).
    blocked_until: Option<Instant>,
}

impl Bucket {
    fn new(rate: f64) -> Bucket {
        // 1 / ∞ = 0: an unlimited budget hands out every slot at "now".
        let interval = Duration::try_from_secs_f64(1.0 / rate).unwrap_or(NEVER);
        Bucket {
            interval,
            next: Instant::now(),
            blocked_until: None,
        }
    }

    /// Reserves the next slot for a request asking at `now`: the first
    /// instant that is not before `now`, not before the slot after the
    /// previous one, and not held back by a 429.
    fn reserve(&mut self, now: Instant) -> Instant {
        let mut slot = self.next.max(now);
        if let Some(until) = self.blocked_until {
            slot = slot.max(until);
        }
        self.next = slot + self.interval;
        slot
    }

    /// Whether a 429 holds requests back at `now`.
    fn blocked_at(&self, now: Instant) -> bool {
        self.blocked_until.is_some_and(|until| now < until)
    }

    fn block_until(&mut self, until: Instant) {
        self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
    }
}

/// The budgets of one client and its clones.
#[derive(Debug)]
pub(crate) struct Pacer {
    read: Mutex<Bucket>,
    write: Mutex<Bucket>,
    /// `None`: queries are plain reads, and a 429 of a query holds back
    /// every read (the client before the query budget, kept for the
    /// benchmark that compares the two).
    query: Option<Mutex<QueryBudget>>,
}

/// A poisoned lock still guards valid numbers: every update of a budget is
/// a plain assignment, so a panic while it was held leaves nothing half-done.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pacer {
    /// A pacer whose first request of each budget goes at once; with a
    /// `query_window` (the server's, over which it sums query scores),
    /// queries have a budget of their own.
    pub fn new(limits: RateLimits, query_window: Option<Duration>) -> Pacer {
        Pacer {
            read: Mutex::new(Bucket::new(limits.reads_per_second)),
            write: Mutex::new(Bucket::new(limits.writes_per_second)),
            query: query_window
                .map(|window| Mutex::new(QueryBudget::new(limits.reads_per_second, window))),
        }
    }

    fn bucket(&self, budget: Budget) -> std::sync::MutexGuard<'_, Bucket> {
        lock(match budget {
            Budget::Read | Budget::Query => &self.read,
            Budget::Write => &self.write,
        })
    }

    /// Waits until a request of `budget` may be sent, and counts it;
    /// returns when it was let through, which a 429 of a query reports
    /// back to [`throttled`](Self::throttled).
    ///
    /// A future dropped while it waits gives up its slot unused: the slots
    /// after it stay where they are rather than move up.
    pub async fn acquire(&self, budget: Budget) -> Instant {
        if let (Budget::Query, Some(query)) = (budget, &self.query) {
            loop {
                let now = Instant::now();
                let slot = lock(query).reserve(now);
                if slot > now {
                    tokio::time::sleep_until(slot).await;
                }
                if !lock(query).blocked_at(Instant::now()) {
                    break;
                }
            }
        }
        loop {
            let now = Instant::now();
            let slot = self.bucket(budget).reserve(now);
            if slot <= now {
                return now;
            }
            tokio::time::sleep_until(slot).await;
            // A 429 that came in while this request slept holds it back too.
            if !self.bucket(budget).blocked_at(Instant::now()) {
                return Instant::now();
            }
        }
    }

    /// A request of `budget`, let through at `sent`, was answered 429 and
    /// is to be retried after `wait`. A query slows down the query budget
    /// alone; any other request holds back its whole budget for `wait`.
    pub fn throttled(&self, budget: Budget, sent: Instant, wait: Duration) {
        let now = Instant::now();
        match (budget, &self.query) {
            (Budget::Query, Some(query)) => lock(query).throttled(sent, now, wait),
            _ => self.bucket(budget).block_until(now + wait),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::adaptive::ATTIO_WINDOW;
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_evenly_at_the_rate() {
        let pacer = Pacer::new(
            RateLimits {
                reads_per_second: 100.0,
                writes_per_second: 10.0,
            },
            Some(ATTIO_WINDOW),
        );
        let start = Instant::now();
        for _ in 0..30 {
            pacer.acquire(Budget::Write).await;
        }
        // The first at once, then one every 100 ms.
        let elapsed = start.elapsed().as_secs_f64();
        assert!((2.89..2.91).contains(&elapsed), "{elapsed}");
        // Reads have their own budget: the first goes at once.
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        assert!(start.elapsed() < Duration::from_millis(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_holds_back_every_request_of_the_budget() {
        let pacer = Pacer::new(RateLimits::unlimited(), Some(ATTIO_WINDOW));
        pacer.throttled(Budget::Write, Instant::now(), Duration::from_secs(3));
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        assert!(start.elapsed() < Duration::from_millis(1));
        pacer.acquire(Budget::Write).await;
        assert_eq!(start.elapsed().as_secs(), 3);
    }

    /// The span of `n` back-to-back requests of `budget`.
    async fn span(pacer: &Pacer, budget: Budget, n: usize) -> Duration {
        let start = Instant::now();
        for _ in 0..n {
            pacer.acquire(budget).await;
        }
        start.elapsed()
    }

    fn writes(writes_per_second: f64) -> Pacer {
        Pacer::new(
            RateLimits {
                reads_per_second: 100.0,
                writes_per_second,
            },
            Some(ATTIO_WINDOW),
        )
    }

    fn assert_near(elapsed: Duration, expected: Duration) {
        let tick = Duration::from_millis(1);
        assert!(
            elapsed + tick >= expected && elapsed <= expected + tick,
            "{elapsed:?} instead of {expected:?}"
        );
    }

    /// Starts half a millisecond off the timer's ticks, as a real clock
    /// would: each slot is then half a millisecond before the tick the
    /// sleep ends on, which a pacer counting from the wake-up loses.
    async fn off_the_tick() {
        tokio::time::advance(Duration::from_micros(500)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_hundred_writes_at_25_per_second_span_99_intervals() {
        let pacer = writes(25.0);
        off_the_tick().await;
        let elapsed = span(&pacer, Budget::Write, 100).await;
        assert_near(elapsed, Duration::from_millis(3_960));
    }

    #[tokio::test(start_paused = true)]
    async fn a_hundred_writes_at_250_per_second_span_99_intervals() {
        let pacer = writes(250.0);
        off_the_tick().await;
        let elapsed = span(&pacer, Budget::Write, 100).await;
        assert_near(elapsed, Duration::from_millis(396));
    }

    #[tokio::test(start_paused = true)]
    async fn the_timer_rounding_up_to_its_millisecond_does_not_add_up() {
        // 30 per second is 33.3 ms: every sleep ends up to a millisecond
        // late, but each slot is counted from the previous slot.
        let elapsed = span(&writes(30.0), Budget::Write, 31).await;
        assert_near(elapsed, Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_long_idle_period_banks_no_burst() {
        let pacer = writes(25.0);
        pacer.acquire(Budget::Write).await;
        tokio::time::sleep(Duration::from_secs(10)).await;
        let elapsed = span(&pacer, Budget::Write, 2).await;
        assert_eq!(elapsed, Duration::from_millis(40));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_requests_share_one_budget() {
        let pacer = std::sync::Arc::new(writes(25.0));
        let start = Instant::now();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let pacer = pacer.clone();
                tokio::spawn(async move { span(&pacer, Budget::Write, 10).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_near(start.elapsed(), Duration::from_millis(79 * 40));
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_budgets_never_wait() {
        let pacer = Pacer::new(RateLimits::unlimited(), Some(ATTIO_WINDOW));
        assert_eq!(span(&pacer, Budget::Read, 1_000).await, Duration::ZERO);
        assert_eq!(span(&pacer, Budget::Write, 1_000).await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_also_holds_back_a_request_already_waiting() {
        let pacer = std::sync::Arc::new(writes(1.0));
        pacer.acquire(Budget::Write).await;
        let start = Instant::now();
        let waiting = {
            let pacer = pacer.clone();
            tokio::spawn(async move { pacer.acquire(Budget::Write).await })
        };
        tokio::time::sleep(Duration::from_millis(500)).await;
        pacer.throttled(Budget::Write, Instant::now(), Duration::from_secs(2));
        waiting.await.unwrap();
        assert_near(start.elapsed(), Duration::from_millis(2_500));
    }

    #[tokio::test(start_paused = true)]
    async fn a_throttled_query_holds_back_queries_only() {
        let pacer = Pacer::new(RateLimits::default(), Some(ATTIO_WINDOW));
        let sent = pacer.acquire(Budget::Query).await;
        pacer.throttled(Budget::Query, sent, Duration::from_secs(2));
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        pacer.acquire(Budget::Write).await;
        assert!(start.elapsed() < Duration::from_millis(20));
        pacer.acquire(Budget::Query).await;
        assert_near(start.elapsed(), Duration::from_secs(2));
        // Then at the cut rate: the one query of the last window, halved.
        let next = span(&pacer, Budget::Query, 2).await;
        assert!(next > Duration::from_secs(10), "{next:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn without_the_query_budget_a_throttled_query_holds_back_every_read() {
        let pacer = Pacer::new(RateLimits::default(), None);
        let sent = pacer.acquire(Budget::Query).await;
        pacer.throttled(Budget::Query, sent, Duration::from_secs(2));
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        assert_near(start.elapsed(), Duration::from_secs(2));
    }
}
