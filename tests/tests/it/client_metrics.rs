//! The client's metrics (feature `metrics`), read back from a recorder
//! installed for one thread around calls to the emulator.

use attio_emulator::{Emulator, Fault, FaultPlan, FaultRule};
use attio_runtime::Method;
use attio_tests::support;
use metrics_util::debugging::{DebugValue, DebuggingRecorder};
use metrics_util::MetricKind;

const KEY: &str = "sk-live-SECRET-0123456789abcdef";

/// The value of metric `name` with exactly `labels`, if recorded.
fn value<'m>(
    metrics: &'m [(metrics_util::CompositeKey, DebugValue)],
    kind: MetricKind,
    name: &str,
    labels: &[(&str, &str)],
) -> Option<&'m DebugValue> {
    metrics.iter().find_map(|(key, value)| {
        let (k, key) = (key.kind(), key.key());
        let found: Vec<_> = key.labels().map(|l| (l.key(), l.value())).collect();
        (k == kind && key.name() == name && found == labels).then_some(value)
    })
}

#[test]
fn a_call_is_counted_once_by_outcome_with_its_retries_429s_and_latency() {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    metrics::with_local_recorder(&recorder, || {
        // One thread, so that the emulator and the client record here.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let plan = FaultPlan::new(1).rule(
                FaultRule::new(Fault::TooManyRequests)
                    .on(Method::GET, "/v2/objects/people")
                    .max_injections(1),
            );
            let (_emulator, client) =
                support::unlimited(Emulator::builder().faults(plan), KEY).await;
            client
                .raw(Method::GET, "/v2/objects/people", None)
                .await
                .expect("answered after one 429");
            let missing = client
                .raw(Method::GET, "/v2/objects/no-such-object", None)
                .await
                .expect_err("no such object");
            assert_eq!(missing.kind(), attio_runtime::ErrorKind::NotFound);
        });
    });

    let metrics: Vec<_> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .map(|(key, _, _, value)| (key, value))
        .collect();
    let counter =
        |name, labels: &[(&str, &str)]| value(&metrics, MetricKind::Counter, name, labels);
    let success = [("method", "GET"), ("outcome", "success")];
    let client_error = [("method", "GET"), ("outcome", "client_error")];
    assert_eq!(
        counter("attio_requests_total", &success),
        Some(&DebugValue::Counter(1))
    );
    assert_eq!(
        counter("attio_requests_total", &client_error),
        Some(&DebugValue::Counter(1))
    );
    assert_eq!(
        counter("attio_request_retries_total", &[]),
        Some(&DebugValue::Counter(1))
    );
    assert_eq!(
        counter("attio_rate_limited_total", &[]),
        Some(&DebugValue::Counter(1))
    );
    let Some(DebugValue::Histogram(seconds)) = value(
        &metrics,
        MetricKind::Histogram,
        "attio_request_duration_seconds",
        &success,
    ) else {
        panic!("a latency histogram of the successful call: {metrics:?}");
    };
    // One observation per call, in seconds, including the wait for the 429.
    assert_eq!(seconds.len(), 1);
    assert!(seconds[0].into_inner() > 0.0 && seconds[0].into_inner() < 30.0);
    // Nothing names the key or a path.
    let text = format!("{metrics:?}");
    assert!(!text.contains("SECRET") && !text.contains("/v2/"), "{text}");
}
