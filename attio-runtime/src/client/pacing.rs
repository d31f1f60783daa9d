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
//! **Slots half an interval from the second's boundary.** Attio counts a
//! budget in wall-clock seconds (its `Retry-After` names the next whole
//! second), so what matters is how many requests *arrive* in each second.
//! A slot exactly on a boundary, or a hair before it, lands in the next
//! second as soon as the request is a little late, and that second counts
//! one over: a 429, which pauses the whole budget until the next second.
//! So when the rate is a whole number per second, the slots sit on a grid
//! aligned to the wall clock's seconds, half an interval away from every
//! boundary (at 25/s: 20 ms, 60 ms, … 980 ms past each second): a request
//! late by less than half an interval still lands in its own second, and a
//! second holds exactly the rate's number of slots. A request after an idle
//! period takes the grid's last slot if it is less than half an interval
//! past, so it waits at most half an interval. The wall clock's second is
//! read again when the budget is idle (every 10 s at most), so the grid
//! follows the clock.
//!
//! **A missed slot is skipped.** A request that wakes too late for its
//! slot (its process stalled: a shared CPU, a long pause) does not go: it
//! reserves a new slot. Too late is half an interval or more late and, on
//! the grid, less than half an interval before the end of the slot's
//! second; earlier in that second the request still counts in the second
//! its slot belongs to, so it goes. A stalled client therefore never sends
//! the slots it owes across a second's boundary, into the next second's
//! count.
//!
//! **A guard as wide as the latest stall.** A process that woke late for
//! its slots (by more than a timer's jitter) in the last half second or
//! second is likely to stall again between a wake-up and its request
//! reaching the server: until it wakes on time again, no request goes
//! within that lateness of a second's end, on time or not. On an idle
//! machine this costs nothing; on a loaded one, the slots of a second's
//! last few milliseconds, where a request would otherwise count in the
//! next second and meet a 429.
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

/// Where the wall clock's current second began, as an instant of the
/// monotonic clock: the grid's anchor (a function, so that the tests can
/// give a clock of their own under `tokio::time::pause`).
pub(crate) type SecondClock = std::sync::Arc<dyn Fn(Instant) -> Instant + Send + Sync>;

/// The system's wall clock: the second that `now` falls in began that many
/// nanoseconds before it.
fn system_seconds() -> SecondClock {
    std::sync::Arc::new(|now: Instant| {
        let into_second = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(Duration::ZERO, |since| {
                Duration::from_nanos(u64::from(since.subsec_nanos()))
            });
        now.checked_sub(into_second).unwrap_or(now)
    })
}

const NANOS_PER_SECOND: u128 = 1_000_000_000;

/// How old the grid's anchor may get before an idle budget reads the wall
/// clock again.
const REANCHOR: Duration = Duration::from_secs(10);

/// The slots of a budget of a whole number of requests per second: slot `k`
/// is `k + ½` intervals after the anchor, a wall-clock second's start.
struct Grid {
    per_second: u128,
    anchor: Instant,
    clock: SecondClock,
}

impl std::fmt::Debug for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grid")
            .field("per_second", &self.per_second)
            .field("anchor", &self.anchor)
            .finish_non_exhaustive()
    }
}

impl Grid {
    /// The instant of slot `k`, computed from the anchor rather than added
    /// up, so that a rate whose interval is not a whole number of
    /// nanoseconds (30/s) does not drift.
    fn slot(&self, k: u128) -> Instant {
        let nanos = (2 * k + 1) * NANOS_PER_SECOND / (2 * self.per_second);
        self.anchor + Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// The first slot at or after `t`.
    fn first_from(&self, t: Instant) -> u128 {
        let since = t.saturating_duration_since(self.anchor).as_nanos();
        // The smallest k with (2k + 1) · 1 s ≥ 2 · rate · since.
        (2 * self.per_second * since).div_ceil(NANOS_PER_SECOND) / 2
    }
}

/// How long the lateness of a wake-up is remembered: a window this long,
/// and the one before it.
const LATENESS_WINDOW: Duration = Duration::from_millis(500);
/// The widest guard before a second's end: a stall longer than this is
/// rare enough not to give up most of a second for.
const MAX_GUARD: Duration = Duration::from_millis(500);
/// Lateness up to this much is a timer's ordinary jitter, not a stall.
const JITTER: Duration = Duration::from_millis(5);

/// The most late a budget's requests woke for their slots lately.
#[derive(Debug)]
struct Lateness {
    window_start: Instant,
    current: Duration,
    previous: Duration,
}

impl Lateness {
    fn new(now: Instant) -> Lateness {
        Lateness {
            window_start: now,
            current: Duration::ZERO,
            previous: Duration::ZERO,
        }
    }

    /// A request woke `late` after its slot, at `now`.
    fn note(&mut self, late: Duration, now: Instant) {
        let since = now.saturating_duration_since(self.window_start);
        if since >= LATENESS_WINDOW {
            self.previous = if since < 2 * LATENESS_WINDOW {
                self.current
            } else {
                Duration::ZERO
            };
            self.current = Duration::ZERO;
            self.window_start = now;
        }
        self.current = self.current.max(late);
    }

    /// The most late a wake-up was in this window and the one before.
    fn recent(&self, now: Instant) -> Duration {
        let since = now.saturating_duration_since(self.window_start);
        if since >= 2 * LATENESS_WINDOW {
            Duration::ZERO
        } else if since >= LATENESS_WINDOW {
            self.current
        } else {
            self.current.max(self.previous)
        }
    }
}

#[derive(Debug)]
struct Bucket {
    /// Time between two slots; zero when the rate is unlimited.
    interval: Duration,
    /// The wall-clock grid the slots sit on, when the rate is a whole
    /// number per second; otherwise a slot may be at any instant.
    grid: Option<Grid>,
    /// The earliest instant the next slot may be at.
    next: Instant,
    /// Nothing is sent before this instant (set by a 429).
    blocked_until: Option<Instant>,
    /// How late wake-ups were lately: the guard before a second's end.
    lateness: Lateness,
}

impl Bucket {
    fn new(rate: f64, clock: Option<&SecondClock>) -> Bucket {
        // 1 / ∞ = 0: an unlimited budget hands out every slot at "now".
        let interval = Duration::try_from_secs_f64(1.0 / rate).unwrap_or(NEVER);
        let now = Instant::now();
        // A whole number from 1 to 10^9 per second (beyond, the interval is
        // under a nanosecond: zero, unlimited).
        let whole = rate >= 1.0 && rate.fract() == 0.0 && !interval.is_zero();
        let grid = clock.filter(|_| whole).map(|clock| Grid {
            per_second: rate as u128,
            anchor: clock(now),
            clock: clock.clone(),
        });
        Bucket {
            interval,
            grid,
            next: now,
            blocked_until: None,
            lateness: Lateness::new(now),
        }
    }

    /// Reserves the next slot for a request asking at `now`: the first
    /// instant that is not before `now`, not before the slot after the
    /// previous one, and not held back by a 429 — on the grid, the first
    /// such grid slot, or the one before if it is free and less than half
    /// an interval past (the request then goes at once, and still lands in
    /// that slot's second).
    fn reserve(&mut self, now: Instant) -> Instant {
        let blocked = self.blocked_until.unwrap_or(self.next);
        let from = self.next.max(now).max(blocked);
        let free = |slot: Instant| slot >= self.next && slot >= blocked;
        let Some(grid) = &mut self.grid else {
            self.next = from + self.interval;
            return from;
        };
        if self.next < now && now > grid.anchor + REANCHOR {
            // Idle: no slot ahead is promised, so the grid may move to
            // where the wall clock's second now begins (the two clocks
            // drift apart slowly; reading both every time would move the
            // grid by their jitter instead).
            grid.anchor = (grid.clock)(now);
        }
        let mut k = grid.first_from(from);
        if k > 0 {
            let previous = grid.slot(k - 1);
            if free(previous) && now - previous < self.interval / 2 {
                k -= 1;
            }
        }
        self.next = grid.slot(k + 1);
        grid.slot(k)
    }

    /// Whether a request whose slot was `slot` and that woke at `now` is
    /// too late for it: half an interval or more late, and, on the grid,
    /// within half an interval of the end of the slot's second, where it
    /// may land in the next second. Earlier in its second a late request
    /// still counts in the second its slot belongs to, so it goes: skipping
    /// every slot that a loaded machine's timer misses by a few
    /// milliseconds cost 40 % of the rate at 250/s.
    ///
    /// On the grid, a process whose wake-ups were late lately (by more
    /// than a timer's jitter) is likely to be late again between this
    /// wake-up and the request reaching the server: within that lateness
    /// of its second's end, a request takes a new slot even when it woke
    /// on time. Measured in the fleet harness on a loaded machine, the
    /// writes counted in the next second had woken 14 to 137 ms late for
    /// their slots, left in the last 50 ms of theirs, and reached the
    /// server up to 40 ms later; one woke 19.7 ms late (just under half an
    /// interval), left 0.3 ms before the second's end, and was counted
    /// 0.25 ms after it.
    fn missed(&self, slot: Instant, now: Instant) -> bool {
        let half = self.interval / 2;
        if self.interval.is_zero() {
            return false;
        }
        let late = now.saturating_duration_since(slot);
        let Some(grid) = &self.grid else {
            return late >= half;
        };
        let second = slot.saturating_duration_since(grid.anchor).as_secs();
        let end = grid.anchor + Duration::from_secs(second + 1);
        let guard = self.lateness.recent(now).min(MAX_GUARD);
        (late >= half && now + half > end) || (guard > JITTER && now + guard > end)
    }

    /// A request whose slot was `slot` woke at `now`.
    fn woke(&mut self, slot: Instant, now: Instant) {
        self.lateness.note(now.saturating_duration_since(slot), now);
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
        Pacer::with_clock(limits, query_window, Some(&system_seconds()))
    }

    /// A pacer whose slots follow the seconds of `clock`, or are counted
    /// from the first request without one.
    fn with_clock(
        limits: RateLimits,
        query_window: Option<Duration>,
        clock: Option<&SecondClock>,
    ) -> Pacer {
        Pacer {
            read: Mutex::new(Bucket::new(limits.reads_per_second, clock)),
            write: Mutex::new(Bucket::new(limits.writes_per_second, clock)),
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
                // A slot already due (the grid's last, after idle) is
                // skipped all the same near a second's end after a stall.
                if !self.bucket(budget).missed(slot, now) {
                    return now;
                }
                continue;
            }
            tokio::time::sleep_until(slot).await;
            // A 429 that came in while this request slept holds it back too,
            // and a request that woke too late for its slot takes another.
            let woke = Instant::now();
            let mut bucket = self.bucket(budget);
            bucket.woke(slot, woke);
            if !bucket.blocked_at(woke) && !bucket.missed(slot, woke) {
                return woke;
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

    /// A wall clock whose seconds begin at `origin` (and every second
    /// after it).
    fn seconds_from(origin: Instant) -> SecondClock {
        std::sync::Arc::new(move |now: Instant| {
            let since = now.saturating_duration_since(origin);
            origin + Duration::from_secs(since.as_secs())
        })
    }

    /// A pacer whose write grid has a slot at "now" (the second began half
    /// a write interval ago), so that the timings of writes count from the
    /// first request.
    fn pacer(limits: RateLimits, query_window: Option<Duration>) -> Pacer {
        // The grid's own arithmetic: nanoseconds rounded down.
        let half = Duration::from_nanos((5e8 / limits.writes_per_second) as u64);
        let origin = Instant::now() - half;
        Pacer::with_clock(limits, query_window, Some(&seconds_from(origin)))
    }

    /// A pacer without a grid (a server whose windows are not the wall
    /// clock's seconds): the timings of reads and writes both count from
    /// their first request.
    fn ungridded(limits: RateLimits, query_window: Option<Duration>) -> Pacer {
        Pacer::with_clock(limits, query_window, None)
    }

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_evenly_at_the_rate() {
        let pacer = ungridded(
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
        let pacer = pacer(RateLimits::unlimited(), Some(ATTIO_WINDOW));
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
        pacer(
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
        let pacer = pacer(RateLimits::unlimited(), Some(ATTIO_WINDOW));
        assert_eq!(span(&pacer, Budget::Read, 1_000).await, Duration::ZERO);
        assert_eq!(span(&pacer, Budget::Write, 1_000).await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_also_holds_back_a_request_already_waiting() {
        let pacer = std::sync::Arc::new(ungridded(
            RateLimits {
                reads_per_second: 1.0,
                writes_per_second: 1.0,
            },
            None,
        ));
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
        let pacer = ungridded(RateLimits::default(), Some(ATTIO_WINDOW));
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
        let pacer = ungridded(RateLimits::default(), None);
        let sent = pacer.acquire(Budget::Query).await;
        pacer.throttled(Budget::Query, sent, Duration::from_secs(2));
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        assert_near(start.elapsed(), Duration::from_secs(2));
    }

    /// A write pacer at `rate` whose wall clock's seconds begin at `origin`.
    fn on_seconds_from(origin: Instant, rate: f64) -> Pacer {
        let limits = RateLimits {
            reads_per_second: 100.0,
            writes_per_second: rate,
        };
        Pacer::with_clock(limits, Some(ATTIO_WINDOW), Some(&seconds_from(origin)))
    }

    #[tokio::test(start_paused = true)]
    async fn slots_sit_half_an_interval_from_the_seconds_boundaries() {
        let origin = Instant::now();
        let pacer = on_seconds_from(origin, 25.0);
        let mut sent = Vec::new();
        for _ in 0..75 {
            sent.push(pacer.acquire(Budget::Write).await - origin);
        }
        // 20 ms, 60 ms, … 980 ms into each second: 25 a second, none
        // nearer a boundary than half an interval.
        for (k, at) in sent.iter().enumerate() {
            assert_eq!(*at, Duration::from_millis(20 + 40 * k as u64), "write {k}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_whole_rate_whose_interval_is_not_whole_nanoseconds_keeps_to_its_seconds() {
        let origin = Instant::now();
        let pacer = on_seconds_from(origin, 30.0);
        let mut per_second = [0; 10];
        let mut last = Duration::ZERO;
        for _ in 0..300 {
            last = pacer.acquire(Budget::Write).await - origin;
            per_second[last.as_secs() as usize] += 1;
        }
        assert_eq!(per_second, [30; 10]);
        // The last slot of the tenth second, half an interval before its end.
        assert_near(
            last,
            Duration::from_secs(10) - Duration::from_nanos(16_666_667),
        );
    }

    #[tokio::test(start_paused = true)]
    async fn after_idle_a_request_waits_at_most_half_an_interval() {
        let origin = Instant::now();
        let pacer = on_seconds_from(origin, 25.0);
        // 5 ms after the slot at 20 ms: that slot is taken, late but in its
        // second.
        tokio::time::advance(Duration::from_millis(25)).await;
        let asked = Instant::now();
        let sent = pacer.acquire(Budget::Write).await;
        assert_eq!(sent, asked);
        // 25 ms after the slot at 420 ms: too late for it, so the one at
        // 460 ms, 15 ms on.
        tokio::time::advance(Duration::from_millis(420)).await;
        let asked = Instant::now();
        let sent = pacer.acquire(Budget::Write).await;
        assert_eq!(sent - asked, Duration::from_millis(15));
        assert_eq!(sent - origin, Duration::from_millis(460));
    }

    #[tokio::test(start_paused = true)]
    async fn after_a_429_the_first_slot_is_half_an_interval_into_the_second() {
        let origin = Instant::now();
        let pacer = on_seconds_from(origin, 250.0);
        let sent = pacer.acquire(Budget::Write).await;
        // Retry-After: the next whole second.
        pacer.throttled(
            Budget::Write,
            sent,
            Duration::from_secs(1) - (sent - origin),
        );
        let next = pacer.acquire(Budget::Write).await;
        assert_eq!(next - origin, Duration::from_millis(1_002));
    }

    /// Eight writers at 25/s, each with a slot reserved (20 ms … 300 ms
    /// into the first second), and then a stall of `stall`; the instants
    /// they were let through, sorted, in milliseconds.
    async fn eight_writers_stalled(stall: Duration) -> Vec<u64> {
        let origin = Instant::now();
        let pacer = std::sync::Arc::new(on_seconds_from(origin, 25.0));
        let sent = std::sync::Arc::new(Mutex::new(Vec::new()));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (pacer, sent) = (pacer.clone(), sent.clone());
                tokio::spawn(async move {
                    let at = pacer.acquire(Budget::Write).await;
                    lock(&sent).push((at - origin).as_millis() as u64);
                })
            })
            .collect();
        tokio::task::yield_now().await;
        tokio::time::advance(stall).await;
        for task in tasks {
            task.await.unwrap();
        }
        let mut sent = lock(&sent).clone();
        sent.sort();
        sent
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_pacer_skips_the_slots_whose_second_is_ending() {
        // Woken 10 ms before the second ends, up to 970 ms late: none goes
        // in this second, not even at the slot at 980 ms (10 ms past, in
        // the same second), since a process that stalled that long may
        // stall again before its request arrives. They take new slots one
        // interval apart, in the next second.
        let sent = eight_writers_stalled(Duration::from_millis(990)).await;
        assert_eq!(
            sent,
            [1_020, 1_060, 1_100, 1_140, 1_180, 1_220, 1_260, 1_300]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn after_late_wake_ups_no_request_goes_within_that_lateness_of_the_seconds_end() {
        let origin = Instant::now();
        let pacer = std::sync::Arc::new(on_seconds_from(origin, 25.0));
        // Four writers (slots at 20, 60, 100 and 140 ms) stalled until
        // 300 ms: up to 280 ms late.
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let pacer = pacer.clone();
                tokio::spawn(async move { pacer.acquire(Budget::Write).await })
            })
            .collect();
        tokio::task::yield_now().await;
        tokio::time::advance(Duration::from_millis(300)).await;
        for task in tasks {
            assert_eq!(task.await.unwrap() - origin, Duration::from_millis(300));
        }
        // Then one writer, on time: its slots go until 280 ms before the
        // second's end, and the next at the next second's first slot.
        let mut sent = Vec::new();
        while sent.last().is_none_or(|at| *at < 1_000) {
            sent.push((pacer.acquire(Budget::Write).await - origin).as_millis() as u64);
        }
        let expected: Vec<u64> = (0..11).map(|k| 300 + 40 * k).chain([1_020]).collect();
        assert_eq!(sent, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_late_within_its_second_still_goes() {
        // Woken at 500 ms: every slot was in this second, which counts them
        // all the same.
        let sent = eight_writers_stalled(Duration::from_millis(500)).await;
        assert_eq!(sent, [500; 8]);
    }
}
