//! What the servers log: the emulator one line per request (refusals as
//! warnings), the webhook receiver a warning per refused delivery — the
//! webhook and the header state named, never the secret or the body.

use attio_emulator::Emulator;
use attio_runtime::webhooks::{sign, Receiver, Work, IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER};
use attio_tests::support;

use crate::capture::Captured;

const KEY: &str = "sk-live-SECRET-0123456789abcdef";

#[tokio::test]
async fn the_emulator_logs_each_request_and_warns_of_a_refusal() {
    let (captured, _guard) = Captured::start();
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    support::client(&emulator, KEY)
        .build()
        .unwrap()
        .list_objects()
        .await
        .unwrap();
    let wrong_key = "sk-live-WRONG-fedcba9876543210";
    support::client(&emulator, wrong_key)
        .build()
        .unwrap()
        .list_lists()
        .await
        .unwrap_err();
    emulator.shutdown().await;

    let logs = captured.text();
    let line = |needle: &str| {
        logs.lines()
            .find(|line| line.contains("attio_emulator") && line.contains(needle))
            .unwrap_or_else(|| panic!("no emulator line with {needle}:\n{logs}"))
            .to_owned()
    };
    let served = line("path=/v2/objects");
    assert!(served.contains("INFO"), "{served}");
    assert!(
        served.contains("method=GET") && served.contains("status=200"),
        "{served}"
    );
    assert!(served.contains("latency_ms="), "{served}");
    let refused = line("path=/v2/lists");
    assert!(refused.contains("WARN"), "{refused}");
    assert!(refused.contains("status=401"), "{refused}");
    assert!(
        !logs.contains("SECRET") && !logs.contains("WRONG"),
        "a key leaked: {logs}"
    );
}

/// A secret of the receiver and the other one the sender signs with.
const SECRET: &str = "receiver-secret-7f3a9c";
const OTHER_SECRET: &str = "another-webhook-secret-b21e";
const WEBHOOK_ID: &str = "302d7c78-e792-4964-a6c2-1c347385be92";
/// A value of the body that must not reach the log.
const BODY_VALUE: &str = "ada-private@acme.example";

fn delivery_body() -> Vec<u8> {
    serde_json::json!({"webhook_id": WEBHOOK_ID, "events": [{
        "event_type": "record.updated",
        "id": {"workspace_id": "6cc0a6c8-b4b6-4a1b-9f3e-1e0e1b5f2c11",
               "object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
               "record_id": "e54b1781-560f-4aea-baf3-c2e5bbc58c79",
               "attribute_id": "c8421a2b-5e0f-4c8a-9d7e-2b1f0e3a4c55"},
        "actor": {"type": "system", "id": null},
        "note": BODY_VALUE}]})
    .to_string()
    .into_bytes()
}

/// Posts `body` to the receiver at `url`, signed with `secret` (or not
/// signed), and returns the status.
async fn deliver(url: &str, body: Vec<u8>, secret: Option<&str>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(url)
        .header(IDEMPOTENCY_KEY_HEADER, "delivery-0001")
        .body(body.clone());
    if let Some(secret) = secret {
        request = request.header(SIGNATURE_HEADER, sign(secret, &body));
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_receiver_warns_of_each_refused_delivery_without_the_secret_or_the_body() {
    let (captured, _guard) = Captured::start();
    let (app, handle) =
        Receiver::new(SECRET).router("/hooks", |_: Work| async { Ok::<(), String>(()) });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // The commonest mistake: the secret of another webhook.
    assert_eq!(
        deliver(&url, delivery_body(), Some(OTHER_SECRET)).await,
        401
    );
    let wrong_secret = captured.text();
    // No signature at all (a proxy dropped the header).
    assert_eq!(deliver(&url, delivery_body(), None).await, 401);
    let unsigned = captured.text()[wrong_secret.len()..].to_owned();
    // Signed, but not a delivery.
    let not_a_delivery = format!(r#"{{"webhook_id": "{WEBHOOK_ID}", "events": "{BODY_VALUE}"}}"#);
    assert_eq!(
        deliver(&url, not_a_delivery.into_bytes(), Some(SECRET)).await,
        400
    );
    let unreadable = captured.text()[wrong_secret.len() + unsigned.len()..].to_owned();
    assert_eq!(handle.stats().refused, 3);

    for (logs, says) in [
        (&wrong_secret, "does not match"),
        (&unsigned, "signature_header=\"none\""),
        (&unreadable, "at=events"),
    ] {
        assert!(logs.contains("WARN"), "{logs}");
        assert!(logs.contains("webhook delivery refused"), "{logs}");
        assert!(logs.contains(&format!("webhook_id={WEBHOOK_ID}")), "{logs}");
        assert!(logs.contains("idempotency_key=delivery-0001"), "{logs}");
        assert!(logs.contains(says), "expected `{says}` in: {logs}");
    }
    assert!(
        wrong_secret.contains("signature_header=\"Attio-Signature (64 hex digits)\""),
        "{wrong_secret}"
    );
    let logs = captured.text();
    for secret in [SECRET, OTHER_SECRET, BODY_VALUE, "ada-private"] {
        assert!(!logs.contains(secret), "`{secret}` leaked: {logs}");
    }
    assert!(
        !logs.contains(&sign(OTHER_SECRET, &delivery_body())),
        "the signature leaked: {logs}"
    );
}
