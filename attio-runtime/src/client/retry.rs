//! When to try a request again, and how long to wait first.
//!
//! - A 429 was not processed by Attio: it is always retried, after the
//!   `Retry-After` the server sent (an HTTP date, or seconds).
//! - A 5xx, a timeout or a dropped connection is ambiguous: the request may
//!   have been applied. It is retried only when repeating it cannot change
//!   the outcome — reads, asserts (PUT), PATCH (values already present are
//!   not added twice), DELETE — after an exponential backoff with jitter
//!   from 1 s doubling to a 30 s cap. A create (POST) is never repeated
//!   after an ambiguous failure: the error surfaces instead of a duplicate.
//! - A connection that could not be established carried nothing, so any
//!   request is retried after it — on the same ladder once the client has
//!   had an answer from its base URL (Attio briefly unreachable). Before
//!   that first answer a refused connection, an unknown host or a failed
//!   TLS handshake is almost always the configuration, which waiting does
//!   not fix: it is retried at most twice, 250 ms and 500 ms apart, and not
//!   at all once the call has taken 5 s (a connect timeout), so that a
//!   wrong base URL is said within seconds rather than after minutes.
//!
//! The total time spent waiting is bounded, so a call fails rather than
//! hanging when Attio is down.

use std::time::{Duration, SystemTime};

/// Retry settings of a [`Client`](crate::Client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (429s included).
    pub max_retries: u32,
    /// The first backoff after an ambiguous failure.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest total wait across the retries of one call; a retry that
    /// would exceed it is not made.
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 8,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1 for the first) after an
    /// ambiguous failure: `base · 2^(retry-1)`, capped, then scaled by a
    /// random factor in [0.5, 1] so that clients failing together do not
    /// retry together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let delay = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        delay.mul_f64(0.5 + fastrand::f64() * 0.5)
    }
}

/// Retries of a connect failure before the client's first answer. Three
/// attempts in all, as the AWS SDK's standard retry mode makes: enough for
/// a server started alongside the program (a container, an emulator) that
/// is not listening yet, while a wrong URL is still reported in under a
/// second.
const FIRST_CONNECT_RETRIES: u32 = 2;

/// The wait before the first of those retries; the second waits twice it.
const FIRST_CONNECT_DELAY: Duration = Duration::from_millis(250);

/// A call that has spent this long on connect failures before the client's
/// first answer is not retried: a connect timeout has already made the user
/// wait.
const FIRST_CONNECT_BUDGET: Duration = Duration::from_secs(5);

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first) of a failed
    /// connect while the client has never had an answer, `elapsed` into the
    /// call; `None` when the call should fail now.
    pub(crate) fn first_connect_wait(&self, retry: u32, elapsed: Duration) -> Option<Duration> {
        let allowed = retry <= FIRST_CONNECT_RETRIES.min(self.max_retries);
        (allowed && elapsed < FIRST_CONNECT_BUDGET).then(|| FIRST_CONNECT_DELAY * retry)
    }
}

/// The shortest wait after a 429 whose `Retry-After` is already past: the
/// header has one-second resolution, and retrying at once would only
/// collect another 429.
const MIN_RETRY_AFTER: Duration = Duration::from_millis(100);

/// The wait a `Retry-After` header asks for: an HTTP date (what Attio
/// sends) or a number of seconds. `None` when the header is unreadable.
pub(crate) fn retry_after(header: &str, now: SystemTime) -> Option<Duration> {
    let header = header.trim();
    let wait = match header.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(header)
            .ok()?
            .duration_since(now)
            .unwrap_or(Duration::ZERO),
    };
    Some(wait.max(MIN_RETRY_AFTER))
}

/// Whether repeating a request after an ambiguous failure cannot change
/// its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// Reads, queries, asserts, PATCH, DELETE.
    Idempotent,
    /// Creates: a second attempt may create a second record.
    NotIdempotent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_to_the_cap_with_jitter() {
        let policy = RetryPolicy::default();
        for (retry, full) in [(1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (40, 30)] {
            for _ in 0..50 {
                let wait = policy.backoff(retry).as_secs_f64();
                let full = f64::from(full);
                assert!((full * 0.5..=full).contains(&wait), "retry {retry}: {wait}");
            }
        }
    }

    #[test]
    fn a_connect_failure_before_any_answer_is_retried_twice_quickly() {
        let policy = RetryPolicy::default();
        let soon = Duration::from_millis(10);
        assert_eq!(
            policy.first_connect_wait(1, soon),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            policy.first_connect_wait(2, soon),
            Some(Duration::from_millis(500))
        );
        assert_eq!(policy.first_connect_wait(3, soon), None);
        // After a connect timeout, at once.
        assert_eq!(policy.first_connect_wait(1, Duration::from_secs(10)), None);
        // Never more than the policy allows.
        assert_eq!(RetryPolicy::none().first_connect_wait(1, soon), None);
        let one = RetryPolicy {
            max_retries: 1,
            ..policy
        };
        assert_eq!(one.first_connect_wait(2, soon), None);
    }

    #[test]
    fn retry_after_reads_http_dates_and_seconds() {
        let now = httpdate::parse_http_date("Wed, 05 Mar 2025 10:00:00 GMT").unwrap();
        assert_eq!(
            retry_after("Wed, 05 Mar 2025 10:00:02 GMT", now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(retry_after("3", now), Some(Duration::from_secs(3)));
        // A date in the past still waits a little.
        assert_eq!(
            retry_after("Wed, 05 Mar 2025 09:59:00 GMT", now),
            Some(MIN_RETRY_AFTER)
        );
        assert_eq!(retry_after("soon", now), None);
    }
}
