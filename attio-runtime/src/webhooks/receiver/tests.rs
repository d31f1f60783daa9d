//! The receiver over real HTTP on 127.0.0.1: what it answers, and that
//! every accepted event is processed exactly once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use super::*;
use crate::webhooks::{sign, SignatureError, SIGNATURE_HEADER};

const SECRET: &str = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";

fn body(record: &str) -> Vec<u8> {
    json!({"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [{
        "event_type": "record.updated",
        "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11", "object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
               "record_id": record, "attribute_id": "c8421a2b-5e0f-4c8a-9d7e-2b1f0e3a4c55"},
        "actor": {"type": "system", "id": null}}]})
    .to_string()
    .into_bytes()
}

const R1: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";
const R2: &str = "0b7c2d1e-3f4a-4b5c-8d6e-7f8091a2b3c4";

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

async fn post(url: &str, body: &[u8], key: &str, signature: Option<String>) -> reqwest::StatusCode {
    let mut request = reqwest::Client::new()
        .post(url)
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .body(body.to_vec());
    if let Some(signature) = signature {
        request = request.header(SIGNATURE_HEADER, signature);
    }
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn a_duplicate_delivery_is_processed_once() {
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    let (app, handle) = Receiver::new(SECRET).router("/hooks", move |work: Work| {
        let count = count.clone();
        async move {
            count.fetch_add(work.events.len(), Ordering::SeqCst);
            Ok::<(), String>(())
        }
    });
    let url = serve(app).await;
    let b = body(R1);
    for _ in 0..3 {
        assert_eq!(
            post(&url, &b, "delivery-1", Some(sign(SECRET, &b))).await,
            200
        );
    }
    handle.idle().await;
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    let stats = handle.stats();
    assert_eq!(
        (stats.accepted, stats.duplicates, stats.processed),
        (1, 2, 1)
    );
}

#[tokio::test]
async fn a_bad_signature_is_refused_and_not_remembered() {
    let (app, handle) =
        Receiver::new(SECRET).router("/hooks", |_: Work| async { Ok::<(), String>(()) });
    let url = serve(app).await;
    let b = body(R1);
    assert_eq!(post(&url, &b, "k", None).await, 401);
    assert_eq!(post(&url, &b, "k", Some(sign("other", &b))).await, 401);
    assert_eq!(post(&url, &b, "k", Some(sign(SECRET, &b))).await, 200);
    handle.idle().await;
    assert_eq!((handle.stats().refused, handle.stats().processed), (2, 1));
}

#[tokio::test]
async fn while_a_webhook_is_replaced_both_secrets_verify_and_a_third_does_not() {
    const NEW: &str = "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592";
    let (app, handle) = Receiver::new(NEW)
        .accept_secret(SECRET)
        .router("/hooks", |_: Work| async { Ok::<(), String>(()) });
    let url = serve(app).await;
    let (old_body, new_body) = (body(R1), body(R2));
    assert_eq!(
        post(&url, &old_body, "old", Some(sign(SECRET, &old_body))).await,
        200
    );
    assert_eq!(
        post(&url, &new_body, "new", Some(sign(NEW, &new_body))).await,
        200
    );
    let third = sign("a third webhook's secret", &old_body);
    assert_eq!(post(&url, &old_body, "third", Some(third)).await, 401);
    handle.idle().await;
    let stats = handle.stats();
    assert_eq!((stats.accepted, stats.refused, stats.processed), (2, 1, 2));
}

#[tokio::test]
async fn a_failing_handler_is_retried_until_it_succeeds_once() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let successes = Arc::new(AtomicUsize::new(0));
    let (a, s) = (attempts.clone(), successes.clone());
    let (app, handle) = Receiver::new(SECRET)
        .retry(5, Duration::from_millis(1))
        .router("/hooks", move |_: Work| {
            let (a, s) = (a.clone(), s.clone());
            async move {
                if a.fetch_add(1, Ordering::SeqCst) < 2 {
                    return Err("the CRM mirror is down".to_owned());
                }
                s.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        });
    let url = serve(app).await;
    let b = body(R1);
    assert_eq!(post(&url, &b, "k", Some(sign(SECRET, &b))).await, 200);
    handle.idle().await;
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert_eq!(successes.load(Ordering::SeqCst), 1);
    assert_eq!((handle.stats().retries, handle.stats().processed), (2, 1));
}

#[tokio::test]
async fn a_work_that_always_fails_or_panics_reaches_the_dead_letter_callback() {
    let dead = Arc::new(Mutex::new(Vec::new()));
    let d = dead.clone();
    let (app, handle) = Receiver::new(SECRET)
        .retry(2, Duration::from_millis(1))
        .dead_letter(move |work, error| d.lock().unwrap().push((work.events.len(), error)))
        .router("/hooks", |work: Work| async move {
            if work.record().unwrap().1.as_str() == R2 {
                panic!("a bug in the handler");
            }
            Err::<(), _>("always down")
        });
    let url = serve(app).await;
    for (key, record) in [("k1", R1), ("k2", R2)] {
        let b = body(record);
        assert_eq!(post(&url, &b, key, Some(sign(SECRET, &b))).await, 200);
    }
    handle.idle().await;
    let mut dead = dead.lock().unwrap().clone();
    dead.sort();
    assert_eq!(
        dead,
        [
            (1, "always down".to_owned()),
            (1, "the handler panicked".to_owned())
        ]
    );
    assert_eq!(handle.stats().dead_lettered, 2);
}

#[tokio::test]
async fn a_full_queue_answers_503_and_takes_the_retry() {
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let g = gate.clone();
    let (app, handle) = Receiver::new(SECRET)
        .capacity(1)
        .workers(1)
        .coalesce(false)
        .router("/hooks", move |_: Work| {
            let g = g.clone();
            async move {
                g.acquire().await.unwrap().forget();
                Ok::<(), String>(())
            }
        });
    let url = serve(app).await;
    let (b1, b2, b3) = (body(R1), body(R2), body(R1));
    assert_eq!(post(&url, &b1, "k1", Some(sign(SECRET, &b1))).await, 200);
    // k1 is in the worker (blocked); k2 waits; k3 finds the queue full.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(post(&url, &b2, "k2", Some(sign(SECRET, &b2))).await, 200);
    assert_eq!(post(&url, &b3, "k3", Some(sign(SECRET, &b3))).await, 503);
    gate.add_permits(10);
    handle.idle().await;
    // Attio's retry of k3 is not taken for a duplicate.
    assert_eq!(post(&url, &b3, "k3", Some(sign(SECRET, &b3))).await, 200);
    handle.idle().await;
    let stats = handle.stats();
    assert_eq!((stats.full, stats.accepted, stats.processed), (1, 3, 3));
}

#[cfg(feature = "sqlite")]
#[tokio::test]
async fn a_duplicate_across_a_restart_is_processed_once_with_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dedup.sqlite");
    let processed = Arc::new(AtomicUsize::new(0));
    let b = body(R1);
    for _ in 0..2 {
        let p = processed.clone();
        let store = crate::webhooks::SqliteDedup::open(&path, Duration::from_secs(3600)).unwrap();
        let (app, handle) = Receiver::new(SECRET)
            .dedup(store)
            .router("/hooks", move |_: Work| {
                let p = p.clone();
                async move {
                    p.fetch_add(1, Ordering::SeqCst);
                    Ok::<(), String>(())
                }
            });
        let url = serve(app).await;
        assert_eq!(
            post(&url, &b, "same-key", Some(sign(SECRET, &b))).await,
            200
        );
        handle.idle().await;
        handle.close();
    }
    assert_eq!(processed.load(Ordering::SeqCst), 1);
}

#[cfg(feature = "metrics")]
#[test]
fn deliveries_are_counted_by_result_and_refusals_by_reason() {
    use crate::telemetry::tests::{counter, counters};
    let moved = counters(|| async {
        let (app, handle) =
            Receiver::new(SECRET).router("/hooks", |_: Work| async { Ok::<(), String>(()) });
        let url = serve(app).await;
        let b = body(R1);
        assert_eq!(post(&url, &b, "k", Some(sign(SECRET, &b))).await, 200);
        assert_eq!(post(&url, &b, "k", Some(sign(SECRET, &b))).await, 200);
        assert_eq!(post(&url, &b, "k2", None).await, 401);
        handle.idle().await;
    });
    assert_eq!(
        moved,
        [
            counter(
                "attio_webhook_deliveries_refused_total",
                &["reason=signature"],
                1
            ),
            counter("attio_webhook_deliveries_total", &["result=accepted"], 1),
            counter(
                "attio_webhook_deliveries_total",
                &["result=deduplicated"],
                1
            ),
        ]
    );
}

/// Posts `body` with these headers; the status and the text answered.
async fn post_raw(url: &str, body: Vec<u8>, headers: &[(&str, &[u8])]) -> (u16, String) {
    let mut request = reqwest::Client::new().post(url).body(body);
    for (name, value) in headers {
        request = request.header(
            *name,
            reqwest::header::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn hostile_deliveries_are_refused_with_what_is_wrong() {
    let (app, handle) =
        Receiver::new(SECRET).router("/hooks", |_: Work| async { Ok::<(), String>(()) });
    let url = serve(app).await;
    let signed = |body: &[u8]| sign(SECRET, body).into_bytes();
    let refused = |(status, text): (u16, String), expected_status: u16, expected: &str| {
        assert_eq!(status, expected_status, "{text}");
        assert_eq!(text, expected);
    };

    // Headers: none, garbled (bytes that are not even text), truncated.
    let b = body(R1);
    refused(
        post_raw(&url, b.clone(), &[]).await,
        401,
        &SignatureError::Missing.to_string(),
    );
    refused(
        post_raw(
            &url,
            b.clone(),
            &[(SIGNATURE_HEADER, b"\xff\xfe signature")],
        )
        .await,
        401,
        "the signature header is not hex: it is not an Attio signature",
    );
    refused(
        post_raw(&url, b.clone(), &[(SIGNATURE_HEADER, &signed(&b)[..63])]).await,
        401,
        "the signature header has 63 characters, not the 64 hex digits of an HMAC-SHA256: it was truncated or is not Attio's",
    );

    // Bodies, correctly signed: not JSON, empty, JSON of another shape, a
    // megabyte where an array belongs.
    for (body, expected) in [
        (b"<html>nope</html>".to_vec(), "cannot read the webhook delivery at `.`: expected value at line 1 column 1".to_owned()),
        (Vec::new(), "cannot read the webhook delivery at `.`: EOF while parsing a value at line 1 column 0".to_owned()),
        (br#"{"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": null}"#.to_vec(), "cannot read the webhook delivery at `events`: invalid type: null, expected a sequence at line 1 column 69".to_owned()),
        (br#"{"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": [{}]}"#.to_vec(), "cannot read the webhook delivery at `events[0]`: expected an event with a string `event_type` at line 1 column 69".to_owned()),
    ] {
        refused(post_raw(&url, body.clone(), &[(SIGNATURE_HEADER, &signed(&body))]).await, 400, &expected);
    }
    let huge =
        serde_json::to_vec(&json!({"webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92", "events": "x".repeat(1 << 20)})).unwrap();
    let (status, text) = post_raw(&url, huge.clone(), &[(SIGNATURE_HEADER, &signed(&huge))]).await;
    assert_eq!(status, 400, "{text}");
    assert!(
        text.len() < 500
            && text.contains("characters elided")
            && text.contains("expected a sequence at line 1 column "),
        "{text}"
    );

    // Larger than any delivery: refused before it is verified or parsed.
    let oversized = vec![b' '; 3 << 20];
    let (status, _) = post_raw(
        &url,
        oversized.clone(),
        &[(SIGNATURE_HEADER, &signed(&oversized))],
    )
    .await;
    assert_eq!(status, 413);

    handle.idle().await;
    assert_eq!((handle.stats().refused, handle.stats().processed), (8, 0));
}
