//! Client-side pacing under Attio's rate limits: separate budgets for reads
//! and writes, shared by every clone of a [`Client`](crate::Client).
//!
//! Each budget is a token bucket refilled continuously at its rate, holding
//! a single token: requests are spaced evenly (40 ms apart at 25 per
//! second) rather than sent in bursts. A bucket with a second's worth of
//! tokens would let twice the limit into one second of a server that counts
//! in fixed windows, as rate limiters commonly do; even spacing never puts
//! more than the limit into any window. A request takes the token, waiting
//! for it when it is gone, so a busy client sends at the limit instead of
//! collecting 429s. A 429 from the server (its window may be counted
//! differently, or other clients share the workspace) empties the bucket
//! until `Retry-After`, so that every task of the client backs off, not only
//! the one that was refused.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Which of Attio's budgets a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// GET, and the query POSTs (which do not mutate).
    Read,
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

#[derive(Debug)]
struct Bucket {
    rate: f64,
    capacity: f64,
    tokens: f64,
    updated: Instant,
    /// Nothing is sent before this instant (set by a 429).
    blocked_until: Option<Instant>,
}

impl Bucket {
    fn new(rate: f64) -> Bucket {
        let capacity = if rate.is_finite() { 1.0 } else { f64::INFINITY };
        Bucket {
            rate,
            capacity,
            tokens: capacity,
            updated: Instant::now(),
            blocked_until: None,
        }
    }

    /// Takes a token, or says how long to wait before trying again.
    fn try_take(&mut self, now: Instant) -> Result<(), Duration> {
        if let Some(until) = self.blocked_until {
            if now < until {
                return Err(until - now);
            }
            self.blocked_until = None;
        }
        if !self.rate.is_finite() {
            return Ok(());
        }
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.capacity);
        self.updated = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }

    fn block_until(&mut self, until: Instant) {
        self.tokens = 0.0;
        self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
    }
}

/// The two budgets of one client and its clones.
#[derive(Debug)]
pub struct Pacer {
    read: Mutex<Bucket>,
    write: Mutex<Bucket>,
}

impl Pacer {
    /// A pacer with full buckets.
    pub fn new(limits: RateLimits) -> Pacer {
        Pacer {
            read: Mutex::new(Bucket::new(limits.reads_per_second)),
            write: Mutex::new(Bucket::new(limits.writes_per_second)),
        }
    }

    fn bucket(&self, budget: Budget) -> std::sync::MutexGuard<'_, Bucket> {
        let bucket = match budget {
            Budget::Read => &self.read,
            Budget::Write => &self.write,
        };
        // A panic while the lock was held leaves a bucket with valid
        // numbers (every update is a plain assignment), so poison is moot.
        bucket
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until a request of `budget` may be sent, and counts it.
    pub async fn acquire(&self, budget: Budget) {
        loop {
            let wait = self.bucket(budget).try_take(Instant::now());
            match wait {
                Ok(()) => return,
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// Holds back every request of `budget` for `wait` (after a 429).
    pub fn pause(&self, budget: Budget, wait: Duration) {
        self.bucket(budget).block_until(Instant::now() + wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_evenly_at_the_rate() {
        let pacer = Pacer::new(RateLimits {
            reads_per_second: 100.0,
            writes_per_second: 10.0,
        });
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
        let pacer = Pacer::new(RateLimits::unlimited());
        pacer.pause(Budget::Write, Duration::from_secs(3));
        let start = Instant::now();
        pacer.acquire(Budget::Read).await;
        assert!(start.elapsed() < Duration::from_millis(1));
        pacer.acquire(Budget::Write).await;
        assert_eq!(start.elapsed().as_secs(), 3);
    }
}
