//! The outcome vocabulary, and a recorder for the tests of the modules that
//! report.

// Test support (`cfg(all(test, …))`, which clippy's test exemption does
// not recognise).
#![allow(clippy::expect_used)]

use std::future::Future;

use metrics_util::debugging::{DebugValue, DebuggingRecorder};

use super::*;

/// Runs `work` on a one-thread runtime with a recorder installed for this
/// thread only (tests run in parallel), and returns the counters it moved:
/// `(name, labels, value)`, labels as `key=value`.
pub(crate) fn counters<F: Future<Output = ()>>(
    work: impl FnOnce() -> F,
) -> Vec<(String, Vec<String>, u64)> {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    ::metrics::with_local_recorder(&recorder, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(work())
    });
    let mut counters: Vec<_> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .filter_map(|(key, _, _, value)| {
            let DebugValue::Counter(n) = value else {
                return None;
            };
            let key = key.key();
            let labels = key
                .labels()
                .map(|l| format!("{}={}", l.key(), l.value()))
                .collect();
            Some((key.name().to_owned(), labels, n))
        })
        .collect();
    counters.sort();
    counters
}

/// `(name, labels, value)` as [`counters`] returns it.
pub(crate) fn counter(name: &str, labels: &[&str], n: u64) -> (String, Vec<String>, u64) {
    let labels = labels.iter().map(|l| (*l).to_owned()).collect();
    (name.to_owned(), labels, n)
}

#[test]
fn each_error_kind_has_the_outcome_a_dashboard_expects() {
    let outcome = |kind| request_outcome(Err(&Error::new(kind, "x")));
    assert_eq!(request_outcome(Ok(())), "success");
    assert_eq!(outcome(ErrorKind::NotFound), "client_error");
    assert_eq!(outcome(ErrorKind::Validation), "client_error");
    assert_eq!(outcome(ErrorKind::RateLimited), "rate_limited");
    assert_eq!(outcome(ErrorKind::Server), "server_error");
    assert_eq!(outcome(ErrorKind::Connect), "connect_error");
    assert_eq!(outcome(ErrorKind::Transport), "transport_error");
}
