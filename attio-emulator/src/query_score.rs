//! Attio's score-based limit on record and entry queries, on top of the
//! per-second budgets of [`rate_limit`](crate::rate_limit).
//!
//! Attio's rate-limiting guide
//! (<https://docs.attio.com/rest-api/guides/rate-limiting>, "Score-based
//! rate limits") says that `POST …/records/query` and `POST …/entries/query`
//! each receive a complexity score, a function of their filters and sorts
//! and of the size of the object or list; that one query may exceed a
//! per-query limit; and that the scores of all queries, summed across every
//! app and token of the workspace over a sliding 10-second window, may
//! exceed a window limit — both answered with a 429 and `Retry-After`. It
//! publishes neither the formula nor the limits.
//!
//! The emulator's model, which is its own and not Attio's:
//! - a query costs `1 + conditions + sorts` ([`query_cost`]): each attribute
//!   named in the filter (shorthand or verbose, however deep in `$and`,
//!   `$or` and `$not`) is one condition, each element of `sorts` one sort.
//!   The size of the object or list is left out: the emulator's workspaces
//!   are small, and a cost that changed as a test wrote records would make
//!   its budget hard to reason about;
//! - the scores of the queries admitted in the last `window` (10 s unless a
//!   test shortens it) may not exceed the budget; a query that would exceed
//!   it is refused and costs nothing, and its `Retry-After` is the second
//!   by which enough score has left the window for it to fit (rounded up,
//!   as an HTTP date has no fractions);
//! - a query costing more than the whole budget could never fit: it is
//!   refused as too complex (Attio's per-query limit, taken to equal the
//!   budget), with `Retry-After` the next second as Attio always sends one.
//!
//! Every query the gate admits gets its cost in the `x-attio-record-query-score`
//! header. Attio exposes that header (in CORS) without documenting it; the
//! emulator takes it to carry the score the answered query was charged.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use axum::http::Method;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde_json::Value;

/// The header that carries a query's score on its answer.
pub(crate) const SCORE_HEADER: &str = "x-attio-record-query-score";

/// A query-score budget: the score allowed within a sliding window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QueryScoreLimit {
    /// The most score the queries of one window may sum to.
    pub budget: u32,
    /// The window's length (Attio: 10 s).
    pub window: Duration,
}

/// Whether a request is one of the queries Attio scores.
pub(crate) fn is_query(method: &Method, path: &str) -> bool {
    method == Method::POST && (path.ends_with("/records/query") || path.ends_with("/entries/query"))
}

/// The emulator's score of a query body: `1 + conditions + sorts`.
pub(crate) fn query_cost(body: &Value) -> u32 {
    let sorts = body
        .get("sorts")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let conditions = body.get("filter").map_or(0, conditions);
    u32::try_from(1 + sorts + conditions).unwrap_or(u32::MAX)
}

/// The attributes a filter names: shorthand (`{"name": "Ada"}`) and verbose
/// (`{"name": {"$eq": "Ada"}}`) count one per attribute; `$and` and `$or`
/// add up their branches, `$not` counts what it negates.
fn conditions(filter: &Value) -> usize {
    let Some(fields) = filter.as_object() else {
        return 0;
    };
    fields
        .iter()
        .map(|(key, value)| match key.as_str() {
            "$and" | "$or" => value
                .as_array()
                .map_or(0, |a| a.iter().map(conditions).sum()),
            "$not" => conditions(value),
            _ => 1,
        })
        .sum()
}

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The window is full: retry at this instant.
    WindowFull { retry_at: DateTime<Utc> },
    /// The query alone costs more than the budget.
    TooComplex { cost: u32, budget: u32 },
}

/// The scores admitted within the window, shared by every token.
#[derive(Debug)]
pub(crate) struct QueryScoreLimiter {
    limit: Option<QueryScoreLimit>,
    /// Admitted queries, oldest first: when, and at what score.
    admitted: Mutex<VecDeque<(DateTime<Utc>, u32)>>,
}

impl QueryScoreLimiter {
    /// A limiter; `None` admits every query.
    pub(crate) fn new(limit: Option<QueryScoreLimit>) -> Self {
        QueryScoreLimiter {
            limit,
            admitted: Mutex::new(VecDeque::new()),
        }
    }

    /// Admits a query of score `cost` at `now`, or says why not.
    pub(crate) fn check(&self, cost: u32, now: DateTime<Utc>) -> Result<(), Refusal> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        if cost > limit.budget {
            return Err(Refusal::TooComplex {
                cost,
                budget: limit.budget,
            });
        }
        let window = TimeDelta::from_std(limit.window).unwrap_or(TimeDelta::MAX);
        // Every update is a push or a pop: the queue behind a poisoned
        // lock is whole.
        let mut admitted = self.admitted.lock().unwrap_or_else(PoisonError::into_inner);
        while admitted.front().is_some_and(|(at, _)| *at + window <= now) {
            admitted.pop_front();
        }
        let used: u64 = admitted.iter().map(|(_, c)| u64::from(*c)).sum();
        let (budget, cost64) = (u64::from(limit.budget), u64::from(cost));
        if used + cost64 <= budget {
            admitted.push_back((now, cost));
            return Ok(());
        }
        // The oldest scores leave first: find the one whose leaving makes
        // room. One exists, since the cost alone fits the budget.
        let mut remaining = used;
        let leaves = admitted.iter().find_map(|(at, c)| {
            remaining -= u64::from(*c);
            (remaining + cost64 <= budget).then_some(*at + window)
        });
        Err(Refusal::WindowFull {
            retry_at: leaves.unwrap_or(now + window),
        })
    }
}

/// `at` rounded up to a whole second, the resolution of `Retry-After`: a
/// client that waits until then finds the room there.
pub(crate) fn whole_second_after(at: DateTime<Utc>) -> DateTime<Utc> {
    let second = at.timestamp() + i64::from(at.timestamp_subsec_nanos() > 0);
    Utc.timestamp_opt(second, 0).single().unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn limiter(budget: u32, window_ms: u64) -> QueryScoreLimiter {
        QueryScoreLimiter::new(Some(QueryScoreLimit {
            budget,
            window: Duration::from_millis(window_ms),
        }))
    }

    #[test]
    fn a_query_costs_one_plus_its_conditions_and_sorts() {
        assert_eq!(query_cost(&json!({})), 1);
        assert_eq!(query_cost(&json!({"limit": 500, "offset": 0})), 1);
        // Shorthand: one per attribute.
        assert_eq!(
            query_cost(&json!({"filter": {"name": "Ada", "email_addresses": "a@b.c"}})),
            3
        );
        // Verbose, nested, with sorts.
        let body = json!({
            "filter": {"$and": [
                {"name": {"full_name": {"$eq": "Ada"}}},
                {"$or": [{"job_title": {"$contains": "CTO"}}, {"$not": {"age": {"$gt": 3}}}]},
            ]},
            "sorts": [{"attribute": "name", "direction": "asc"}, {"attribute": "age", "direction": "desc"}],
        });
        assert_eq!(query_cost(&body), 1 + 3 + 2);
    }

    #[test]
    fn only_record_and_entry_queries_are_scored() {
        assert!(is_query(&Method::POST, "/v2/objects/people/records/query"));
        assert!(is_query(&Method::POST, "/v2/lists/deals/entries/query"));
        assert!(!is_query(&Method::POST, "/v2/objects/people/records"));
        assert!(!is_query(&Method::GET, "/v2/objects/people/records/query"));
    }

    #[test]
    fn scores_are_summed_over_a_sliding_window() {
        let limiter = limiter(10, 10_000);
        assert_eq!(limiter.check(4, at("2025-03-05T10:00:00.2Z")), Ok(()));
        assert_eq!(limiter.check(4, at("2025-03-05T10:00:03Z")), Ok(()));
        // 8 used: a query of 3 must wait for the first 4 to leave, at 10.2 s.
        assert_eq!(
            limiter.check(3, at("2025-03-05T10:00:05Z")),
            Err(Refusal::WindowFull {
                retry_at: at("2025-03-05T10:00:10.2Z")
            })
        );
        // A query of 2 still fits, and a refused one cost nothing.
        assert_eq!(limiter.check(2, at("2025-03-05T10:00:05Z")), Ok(()));
        // Sliding, not fixed: at 10.1 s nothing has left yet.
        assert!(limiter.check(1, at("2025-03-05T10:00:10.1Z")).is_err());
        assert_eq!(limiter.check(3, at("2025-03-05T10:00:10.2Z")), Ok(()));
    }

    #[test]
    fn the_retry_waits_for_as_many_scores_as_the_query_needs() {
        let limiter = limiter(6, 1_000);
        for ms in [0, 100, 200] {
            let now = at("2025-03-05T10:00:00Z") + TimeDelta::milliseconds(ms);
            assert_eq!(limiter.check(2, now), Ok(()));
        }
        // 6 used; 5 more needs the first three gone (at 1.2 s).
        assert_eq!(
            limiter.check(5, at("2025-03-05T10:00:00.5Z")),
            Err(Refusal::WindowFull {
                retry_at: at("2025-03-05T10:00:01.2Z")
            })
        );
        assert_eq!(
            whole_second_after(at("2025-03-05T10:00:01.2Z")),
            at("2025-03-05T10:00:02Z")
        );
        assert_eq!(
            whole_second_after(at("2025-03-05T10:00:01Z")),
            at("2025-03-05T10:00:01Z")
        );
    }

    #[test]
    fn a_query_costlier_than_the_budget_is_too_complex() {
        let limiter = limiter(3, 1_000);
        assert_eq!(
            limiter.check(4, Utc::now()),
            Err(Refusal::TooComplex { cost: 4, budget: 3 })
        );
    }

    #[test]
    fn without_a_limit_every_query_is_admitted() {
        let limiter = QueryScoreLimiter::new(None);
        let now = Utc::now();
        for _ in 0..10_000 {
            assert_eq!(limiter.check(50, now), Ok(()));
        }
    }
}
