//! Fault injection for reliability tests: a seeded, deterministic plan of
//! 429s, 5xx errors, added latency and cut connections, globally or per
//! route, with counters of what was injected and what was applied anyway.
//!
//! A fault either replaces the request before it is handled (nothing is
//! stored: the failure is unambiguous) or, with
//! [`FaultRule::after_handling`], after it was handled (the write happened
//! but the client sees a failure: the ambiguous case a client must not
//! retry blindly for creates). The counters let a test prove that no write
//! was lost or duplicated.

use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use http_body::Frame;

use crate::errors::ApiError;

/// What a rule does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `429 rate_limit_exceeded` with a `Retry-After` HTTP date, as Attio's limiter.
    TooManyRequests,
    /// A server error with this status (500, 502, 503 …) and Attio's error body.
    ServerError(u16),
    /// The request is delayed by this long, then handled normally.
    Latency(Duration),
    /// The connection is cut instead of answering.
    DropConnection,
}

/// One rule of a [`FaultPlan`]: which requests it applies to, how often, and
/// what it does.
#[derive(Debug, Clone)]
pub struct FaultRule {
    fault: Fault,
    method: Option<Method>,
    path_prefix: Option<String>,
    probability: f64,
    burst: u32,
    max_injections: Option<u64>,
    after_handling: bool,
}

impl FaultRule {
    /// A rule injecting `fault` into every request (probability 1, no limit).
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            fault,
            method: None,
            path_prefix: None,
            probability: 1.0,
            burst: 1,
            max_injections: None,
            after_handling: false,
        }
    }

    /// Restricts the rule to requests with this method whose path starts with
    /// `path_prefix` (e.g. `PUT`, `/v2/objects/people/records`).
    pub fn on(mut self, method: Method, path_prefix: impl Into<String>) -> Self {
        self.method = Some(method);
        self.path_prefix = Some(path_prefix.into());
        self
    }

    /// Restricts the rule to paths starting with `path_prefix`, any method.
    pub fn on_path(mut self, path_prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(path_prefix.into());
        self
    }

    /// Fires for each matching request with this probability (0 to 1), drawn
    /// from the plan's seeded generator.
    pub fn probability(mut self, probability: f64) -> Self {
        self.probability = probability.clamp(0.0, 1.0);
        self
    }

    /// Once fired, also hits the next `length - 1` matching requests (a burst).
    pub fn burst(mut self, length: u32) -> Self {
        self.burst = length.max(1);
        self
    }

    /// Fires at most this many times in total.
    pub fn max_injections(mut self, count: u64) -> Self {
        self.max_injections = Some(count);
        self
    }

    /// Handles the request first, then replaces the response by the fault
    /// (the write is applied but the client sees a failure). Has no effect
    /// on [`Fault::Latency`].
    pub fn after_handling(mut self) -> Self {
        self.after_handling = true;
        self
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|p| path.starts_with(p))
    }
}

/// A deterministic fault plan: the same seed and the same sequence of
/// requests give the same faults.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    seed: u64,
    rules: Vec<FaultRule>,
}

impl FaultPlan {
    /// An empty plan whose random draws come from `seed`.
    pub fn new(seed: u64) -> Self {
        FaultPlan {
            seed,
            rules: Vec::new(),
        }
    }

    /// Adds a rule; rules are evaluated in order and the first firing
    /// non-latency fault decides the outcome (latencies add up).
    pub fn rule(mut self, rule: FaultRule) -> Self {
        self.rules.push(rule);
        self
    }
}

/// What the fault injector did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Requests seen by the injector.
    pub requests: u64,
    /// 429s injected.
    pub too_many_requests: u64,
    /// Server errors injected.
    pub server_errors: u64,
    /// Requests delayed.
    pub delayed: u64,
    /// Connections cut.
    pub dropped: u64,
    /// Requests that failed from the client's view but were handled
    /// successfully (faults with [`FaultRule::after_handling`]).
    pub applied_despite_fault: u64,
}

#[derive(Debug)]
struct RuleState {
    rule: FaultRule,
    remaining_burst: u32,
    injections: u64,
}

#[derive(Debug)]
struct InjectorState {
    rng: u64,
    rules: Vec<RuleState>,
    stats: FaultStats,
}

/// The running side of a plan.
#[derive(Debug)]
pub(crate) struct FaultInjector {
    state: Mutex<InjectorState>,
}

/// The decision for one request.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    /// Added latency before handling.
    pub delay: Duration,
    /// The fault that replaces the response, and whether it comes after handling.
    pub outcome: Option<(Fault, bool)>,
}

/// splitmix64: small, fast and good enough to drive test faults; written
/// here to keep the emulator free of a random-number dependency.
pub(crate) fn next_random(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

impl FaultInjector {
    pub(crate) fn new(plan: FaultPlan) -> Self {
        FaultInjector {
            state: Mutex::new(InjectorState {
                rng: plan.seed,
                rules: plan
                    .rules
                    .into_iter()
                    .map(|rule| RuleState {
                        rule,
                        remaining_burst: 0,
                        injections: 0,
                    })
                    .collect(),
                stats: FaultStats::default(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, InjectorState> {
        // Counters and generator state stay meaningful after a panic elsewhere.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Decides the faults of one request and counts them.
    pub(crate) fn decide(&self, method: &Method, path: &str) -> Decision {
        let mut guard = self.lock();
        let state = &mut *guard;
        state.stats.requests += 1;
        let mut decision = Decision::default();
        for rule_state in state.rules.iter_mut() {
            if !rule_state.rule.matches(method, path) {
                continue;
            }
            let exhausted = rule_state
                .rule
                .max_injections
                .is_some_and(|max| rule_state.injections >= max);
            if exhausted {
                continue;
            }
            let fires = if rule_state.remaining_burst > 0 {
                rule_state.remaining_burst -= 1;
                true
            } else if next_random(&mut state.rng) < rule_state.rule.probability {
                rule_state.remaining_burst = rule_state.rule.burst - 1;
                true
            } else {
                false
            };
            if !fires {
                continue;
            }
            match rule_state.rule.fault {
                Fault::Latency(delay) => {
                    rule_state.injections += 1;
                    state.stats.delayed += 1;
                    decision.delay += delay;
                }
                fault if decision.outcome.is_none() => {
                    rule_state.injections += 1;
                    match fault {
                        Fault::TooManyRequests => state.stats.too_many_requests += 1,
                        Fault::ServerError(_) => state.stats.server_errors += 1,
                        _ => state.stats.dropped += 1,
                    }
                    decision.outcome = Some((fault, rule_state.rule.after_handling));
                }
                _ => {}
            }
        }
        decision
    }

    /// Records that a request replaced by a fault had been handled successfully.
    pub(crate) fn record_applied(&self) {
        self.lock().stats.applied_despite_fault += 1;
    }

    /// The counters so far.
    pub(crate) fn stats(&self) -> FaultStats {
        self.lock().stats
    }
}

/// A body that fails at once, which makes the server abort the connection
/// instead of completing the response.
struct Severed;

impl http_body::Body for Severed {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection cut by the emulator's fault plan",
        ))))
    }
}

/// The response standing for a fault.
pub(crate) fn fault_response(fault: Fault) -> Response {
    match fault {
        Fault::TooManyRequests => {
            let next = Utc::now() + chrono::Duration::seconds(1);
            ApiError::rate_limited(crate::time::http_date(next)).into_response()
        }
        Fault::ServerError(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            ApiError::server_error(status).into_response()
        }
        Fault::DropConnection | Fault::Latency(_) => {
            let mut response = Response::new(Body::new(Severed));
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(plan: FaultPlan, n: usize) -> Vec<Option<Fault>> {
        let injector = FaultInjector::new(plan);
        (0..n)
            .map(|_| {
                injector
                    .decide(&Method::GET, "/v2/objects")
                    .outcome
                    .map(|(f, _)| f)
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let plan = |seed| {
            FaultPlan::new(seed).rule(FaultRule::new(Fault::ServerError(503)).probability(0.3))
        };
        let a = outcomes(plan(7), 200);
        assert_eq!(a, outcomes(plan(7), 200));
        assert_ne!(a, outcomes(plan(8), 200));
        let hits = a.iter().filter(|o| o.is_some()).count();
        assert!((30..=90).contains(&hits), "{hits} hits for p = 0.3");
    }

    #[test]
    fn bursts_and_limits() {
        let plan = FaultPlan::new(1).rule(
            FaultRule::new(Fault::TooManyRequests)
                .burst(3)
                .max_injections(3),
        );
        let got = outcomes(plan, 5);
        assert_eq!(
            got,
            vec![
                Some(Fault::TooManyRequests),
                Some(Fault::TooManyRequests),
                Some(Fault::TooManyRequests),
                None,
                None
            ]
        );
    }

    #[test]
    fn rules_match_method_and_path_prefix() {
        let injector =
            FaultInjector::new(FaultPlan::new(1).rule(
                FaultRule::new(Fault::ServerError(500)).on(Method::PUT, "/v2/objects/people"),
            ));
        assert!(injector
            .decide(&Method::GET, "/v2/objects/people/records/x")
            .outcome
            .is_none());
        assert!(injector
            .decide(&Method::PUT, "/v2/objects/companies/records")
            .outcome
            .is_none());
        assert!(injector
            .decide(&Method::PUT, "/v2/objects/people/records")
            .outcome
            .is_some());
        let stats = injector.stats();
        assert_eq!(stats.requests, 3);
        assert_eq!(stats.server_errors, 1);
    }

    #[test]
    fn latencies_add_up_and_do_not_decide_the_outcome() {
        let injector = FaultInjector::new(
            FaultPlan::new(1)
                .rule(FaultRule::new(Fault::Latency(Duration::from_millis(5))))
                .rule(FaultRule::new(Fault::Latency(Duration::from_millis(7)))),
        );
        let decision = injector.decide(&Method::GET, "/v2/objects");
        assert_eq!(decision.delay, Duration::from_millis(12));
        assert!(decision.outcome.is_none());
    }
}
