//! A base URL where nothing answers: the call fails within seconds, saying
//! why in words and what to check, instead of retrying for minutes; a
//! server that answered once and then went away is retried as before.

use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use attio_runtime::{Client, Error, ErrorKind, RateLimits, RetryPolicy};
use attio_tests::support;

const KEY: &str = "sk-live-SECRET-0123456789abcdef";

/// The error of one read with the default retry policy, and how long it took.
async fn list_objects_at(base_url: &str) -> (Error, Duration) {
    let client = Client::builder(KEY)
        .base_url(base_url)
        .build()
        .expect("the base URL is well formed");
    let start = Instant::now();
    let error = client
        .list_objects()
        .await
        .expect_err("nothing answers at the base URL");
    (error, start.elapsed())
}

/// Far below the ~90 s the retry ladder takes; only says "not the ladder".
const NOT_THE_LADDER: Duration = Duration::from_secs(15);

#[tokio::test]
async fn a_refused_connection_fails_within_seconds_naming_the_url_and_what_to_check() {
    let base_url = format!("http://127.0.0.1:{}", support::refused_port());
    let (error, elapsed) = list_objects_at(&base_url).await;

    let text = error.to_string();
    println!("{elapsed:.2?}: {text}");
    assert_eq!(error.kind(), ErrorKind::Connect, "{text}");
    assert!(text.contains("connection refused"), "{text}");
    assert!(
        text.contains(&format!("could not connect to {base_url}")),
        "{text}"
    );
    assert!(text.contains("check ATTIO_BASE_URL"), "{text}");
    assert!(!text.contains("SECRET"), "the key leaked: {text}");
    assert_eq!(error.request(), Some("GET /v2/objects"));
    assert!(error.attempts() <= 3, "{text}");
    assert!(elapsed < NOT_THE_LADDER, "took {elapsed:?}: {text}");
}

#[tokio::test]
async fn an_unknown_host_fails_within_seconds_saying_it_did_not_resolve() {
    // `.invalid` never resolves (RFC 2606); the lookup fails at once here.
    let (error, elapsed) = list_objects_at("https://attio-codegen-test.invalid").await;

    let text = error.to_string();
    println!("{elapsed:.2?}: {text}");
    assert_eq!(error.kind(), ErrorKind::Connect, "{text}");
    assert!(
        text.contains("could not resolve host attio-codegen-test.invalid"),
        "{text}"
    );
    assert!(text.contains("check ATTIO_BASE_URL"), "{text}");
    assert!(elapsed < NOT_THE_LADDER, "took {elapsed:?}: {text}");
}

#[tokio::test]
async fn https_to_a_plain_http_server_says_the_tls_handshake_failed() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let base_url = format!("https://{}", emulator.addr());
    let (error, elapsed) = list_objects_at(&base_url).await;

    let text = error.to_string();
    println!("{elapsed:.2?}: {text}");
    assert_eq!(error.kind(), ErrorKind::Connect, "{text}");
    assert!(text.contains("TLS handshake failed"), "{text}");
    assert!(
        text.contains(&format!("could not connect to {base_url}")),
        "{text}"
    );
    assert!(elapsed < NOT_THE_LADDER, "took {elapsed:?}: {text}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_server_that_answered_once_is_retried_on_the_full_ladder_when_it_goes_away() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let policy = support::quick_retries();
    let client = support::client_with(&emulator, KEY, RateLimits::unlimited(), policy);
    client.list_objects().await.expect("the emulator answers");
    emulator.shutdown().await;

    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Connect, "{error}");
    assert_eq!(
        error.attempts(),
        policy.max_retries + 1,
        "every retry of the policy is made: {error}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn no_retries_means_one_attempt_even_for_a_refused_connection() {
    let client = Client::builder(KEY)
        .base_url(format!("http://127.0.0.1:{}", support::refused_port()))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Connect, "{error}");
    assert_eq!(error.attempts(), 1, "{error}");
}
