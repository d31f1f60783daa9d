//! What the client logs: one span per request, pacing under the write
//! budget seen through its logs, a warning per retry of a refused
//! connection, and the key absent from every line. Output is captured per
//! thread by `capture`, the binary's one global subscriber.

use std::time::{Duration, Instant};

use attio_emulator::{Emulator, Fault, FaultPlan, FaultRule};
use attio_runtime::{Client, RateLimits, RetryPolicy};
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::*;
use futures_util::StreamExt;
use reqwest::Method;

use crate::capture::Captured;

const KEY: &str = "sk-live-SECRET-0123456789abcdef";

#[tokio::test]
async fn upserts_are_paced_under_the_write_limit() {
    let (captured, _guard) = Captured::start();
    // The emulator enforces Attio's 25 writes per second; the client paces
    // itself under its default limits.
    let emulator = support::emulator(Emulator::builder().rate_limits(100, 25), KEY).await;
    let client = support::client_with(
        &emulator,
        KEY,
        RateLimits::default(),
        RetryPolicy::default(),
    );
    let start = Instant::now();
    let results: Vec<_> = futures_util::stream::iter(0..250)
        .map(|i| {
            let client = &client;
            async move {
                client
                    .upsert_record(Person::EMAIL_ADDRESSES, numbered_person(i))
                    .await
            }
        })
        .buffer_unordered(10)
        .collect()
        .await;
    let elapsed = start.elapsed();
    assert!(results.iter().all(Result::is_ok));
    let refused = captured.text().matches("failed with 429").count();
    println!(
        "250 upserts in {:.2} s, {refused} answered 429",
        elapsed.as_secs_f64()
    );
    assert!(elapsed >= Duration::from_millis(9_500), "{elapsed:?}");
    assert!(refused <= 5, "{refused} requests were refused with 429");
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_key_never_appears_in_logs_or_errors() {
    let (captured, _guard) = Captured::start();
    let plan = FaultPlan::new(5).rule(
        FaultRule::new(Fault::ServerError(503))
            .on(Method::GET, "/v2/objects")
            .max_injections(1),
    );
    let emulator =
        support::emulator(Emulator::builder().without_rate_limits().faults(plan), KEY).await;
    let client = support::client_with(
        &emulator,
        KEY,
        RateLimits::unlimited(),
        RetryPolicy {
            base_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        },
    );

    // A retried read, a success, a 404 and a refused key.
    client.list_objects().await.unwrap();
    client
        .create_record::<Person>(numbered_person(1))
        .await
        .unwrap();
    let missing = client
        .get_record::<Person>(&"00000000-0000-4000-8000-000000000000".parse().unwrap())
        .await
        .unwrap_err();
    let wrong_key = "sk-live-WRONG-fedcba9876543210";
    let refused = Client::builder(wrong_key)
        .base_url(emulator.base_url())
        .build()
        .unwrap()
        .list_objects()
        .await
        .unwrap_err();

    let logs = captured.text();
    assert!(logs.contains("attio.request"), "{logs}");
    assert!(
        logs.contains("method=GET") && logs.contains("path=/v2/objects"),
        "{logs}"
    );
    assert!(
        logs.contains("status=200") && logs.contains("status=404") && logs.contains("status=401"),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=2"),
        "the retried read is logged: {logs}"
    );
    for text in [
        logs,
        missing.to_string(),
        format!("{missing:?}"),
        refused.to_string(),
        format!("{refused:?}"),
        format!("{client:?}"),
    ] {
        assert!(
            !text.contains(KEY) && !text.contains(wrong_key),
            "the key leaked: {text}"
        );
        assert!(
            !text.contains("SECRET") && !text.contains("WRONG"),
            "part of the key leaked: {text}"
        );
    }
    emulator.shutdown().await;
}

#[tokio::test]
async fn each_retry_of_a_refused_connection_is_logged_with_its_wait_and_cause() {
    let (captured, _guard) = Captured::start();
    let port = support::refused_port();
    let client = Client::builder(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let error = client.list_objects().await.unwrap_err();

    let logs = captured.text();
    let retries: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("retrying"))
        .collect();
    assert_eq!(error.attempts(), 3, "{error}");
    assert_eq!(retries.len(), 2, "one warning per retry: {logs}");
    for (line, (attempt, wait_ms)) in retries.iter().zip([(1, 250), (2, 500)]) {
        assert!(line.contains("WARN"), "{line}");
        assert!(line.contains(&format!("attempt={attempt}")), "{line}");
        assert!(line.contains(&format!("wait_ms={wait_ms}")), "{line}");
        assert!(line.contains("connection refused"), "{line}");
        assert!(!line.contains("SECRET"), "the key leaked: {line}");
    }
}
