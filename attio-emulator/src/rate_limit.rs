//! Attio's request budgets: separate read and write allowances per second.
//!
//! Budgets are fixed windows aligned to wall-clock seconds, because Attio's
//! `Retry-After` is an HTTP date (second resolution) that is usually the next
//! second: a client that waits until then finds a fresh budget.

use std::sync::Mutex;

use axum::http::Method;
use chrono::{DateTime, TimeZone, Utc};

/// Per-second request budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Reads (GET, and POSTs to `…/query`) allowed per second.
    pub reads_per_second: u32,
    /// Writes (every other method) allowed per second.
    pub writes_per_second: u32,
}

impl Default for RateLimits {
    /// Attio's documented limits: 100 reads and 25 writes per second.
    fn default() -> Self {
        RateLimits {
            reads_per_second: 100,
            writes_per_second: 25,
        }
    }
}

/// The merge endpoint's own limit, 5 a second, on top of the write budget
/// (<https://docs.attio.com/rest-api/endpoint-reference/records/merge-two-records>);
/// on when rate limits are.
pub(crate) const MERGES: RateLimits = RateLimits {
    reads_per_second: 0,
    writes_per_second: 5,
};

/// Whether a request spends the read or the write budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Budget {
    Read,
    Write,
}

/// Classifies a request as Attio counts it: query and search POSTs do not
/// mutate and count as reads.
pub(crate) fn budget_for(method: &Method, path: &str) -> Budget {
    if method == Method::GET
        || method == Method::HEAD
        || (method == Method::POST
            && (path.ends_with("/query") || path == "/v2/objects/records/search"))
    {
        Budget::Read
    } else {
        Budget::Write
    }
}

#[derive(Debug, Default)]
struct Window {
    second: i64,
    reads: u32,
    writes: u32,
}

/// Counts requests per wall-clock second; `None` limits mean unlimited.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limits: Option<RateLimits>,
    window: Mutex<Window>,
}

impl RateLimiter {
    pub(crate) fn new(limits: Option<RateLimits>) -> Self {
        RateLimiter {
            limits,
            window: Mutex::new(Window::default()),
        }
    }

    /// Spends one request of `budget` at `now`; on refusal, returns the
    /// HTTP date at which the budget refills.
    pub(crate) fn check(&self, budget: Budget, now: DateTime<Utc>) -> Result<(), String> {
        let Some(limits) = self.limits else {
            return Ok(());
        };
        // A poisoned lock only means another request panicked while counting;
        // the counters are still plain integers, so keep using them.
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        let second = now.timestamp();
        if window.second != second {
            *window = Window {
                second,
                reads: 0,
                writes: 0,
            };
        }
        let (used, limit) = match budget {
            Budget::Read => (&mut window.reads, limits.reads_per_second),
            Budget::Write => (&mut window.writes, limits.writes_per_second),
        };
        if *used >= limit {
            let next = Utc.timestamp_opt(second + 1, 0).single().unwrap_or(now);
            return Err(crate::time::http_date(next));
        }
        *used += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn reads_and_writes_have_separate_budgets() {
        let limiter = RateLimiter::new(Some(RateLimits {
            reads_per_second: 2,
            writes_per_second: 1,
        }));
        let now = at("2025-03-05T10:00:00.5Z");
        assert!(limiter.check(Budget::Write, now).is_ok());
        assert_eq!(
            limiter.check(Budget::Write, now),
            Err("Wed, 05 Mar 2025 10:00:01 GMT".to_owned())
        );
        assert!(limiter.check(Budget::Read, now).is_ok());
        assert!(limiter.check(Budget::Read, now).is_ok());
        assert!(limiter.check(Budget::Read, now).is_err());
        let later = at("2025-03-05T10:00:01.01Z");
        assert!(limiter.check(Budget::Write, later).is_ok());
    }

    #[test]
    fn no_limits_never_refuse() {
        let limiter = RateLimiter::new(None);
        let now = Utc::now();
        for _ in 0..1000 {
            assert!(limiter.check(Budget::Write, now).is_ok());
        }
    }

    #[test]
    fn query_posts_are_reads() {
        assert_eq!(
            budget_for(&Method::POST, "/v2/objects/people/records/query"),
            Budget::Read
        );
        assert_eq!(
            budget_for(&Method::POST, "/v2/objects/people/records"),
            Budget::Write
        );
        assert_eq!(budget_for(&Method::GET, "/v2/objects"), Budget::Read);
        assert_eq!(
            budget_for(&Method::PUT, "/v2/objects/people/records"),
            Budget::Write
        );
    }
}
