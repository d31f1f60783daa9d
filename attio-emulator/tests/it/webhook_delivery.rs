//! Webhook delivery: signed, ID-only deliveries with an
//! `Idempotency-Key`, one event per POST, retries on non-2xx, and injected
//! duplicates.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::Api;
use attio_emulator::{Emulator, WebhookDelivery};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// What the receiver got: headers and raw body of each POST.
pub(crate) type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A local webhook receiver answering 500 to the first `failures` POSTs.
pub(crate) async fn receiver(failures: usize) -> (String, Received) {
    let received: Received = Arc::default();
    let remaining = Arc::new(AtomicUsize::new(failures));
    let log = Arc::clone(&received);
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let log = Arc::clone(&log);
            let remaining = Arc::clone(&remaining);
            async move {
                log.lock().unwrap().push((headers, body));
                let fail = remaining
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if fail {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, received)
}

pub(crate) async fn wait_for(received: &Received, count: usize) -> Vec<(HeaderMap, Bytes)> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if received.lock().unwrap().len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    received.lock().unwrap().clone()
}

/// HMAC-SHA256 of the body, by the RustCrypto crates (the emulator's own
/// signing is checked against RFC 4231's vectors in its unit tests).
fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

pub(crate) async fn register(api: &Api, url: &str, subscriptions: Value) -> (String, String) {
    let reply = api
        .post(
            "/v2/webhooks",
            json!({"data": {"target_url": url, "subscriptions": subscriptions}}),
        )
        .await;
    let data = reply.assert_ok();
    (
        data["id"]["webhook_id"].as_str().unwrap().to_owned(),
        data["secret"].as_str().unwrap().to_owned(),
    )
}

pub(crate) fn quick() -> WebhookDelivery {
    WebhookDelivery::default()
        .retry_base(Duration::from_millis(5))
        .timeout(Duration::from_secs(2))
}

#[tokio::test]
async fn deliveries_are_signed_carry_ids_only_and_an_idempotency_key() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    let (webhook_id, secret) = register(
        &api,
        &url,
        json!([{"event_type": "record.created", "filter": null}]),
    )
    .await;
    let id = api.create("companies", json!({"name": "Acme"})).await;
    let got = wait_for(&received, 1).await;
    assert_eq!(got.len(), 1);
    let (headers, body) = &got[0];
    let signature = headers["attio-signature"].to_str().unwrap();
    assert_eq!(signature, hmac_hex(secret.as_bytes(), body));
    assert_eq!(headers["x-attio-signature"].to_str().unwrap(), signature);
    assert!(!headers["idempotency-key"].to_str().unwrap().is_empty());
    let payload: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(payload["webhook_id"], webhook_id.as_str());
    let events = payload["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "one event per POST");
    assert_eq!(events[0]["event_type"], "record.created");
    assert_eq!(events[0]["id"]["record_id"], id.as_str());
    assert_eq!(events[0]["actor"]["type"], "api-token");
    assert!(events[0].get("values").is_none(), "IDs only");
}

#[tokio::test]
async fn an_update_is_one_event_per_attribute_and_subscription_filters_apply() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let name = api.get("/v2/objects/companies/attributes/name").await;
    let name_id = name.assert_ok()["id"]["attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (url, received) = receiver(0).await;
    let filter =
        json!({"$and": [{"field": "id.attribute_id", "operator": "equals", "value": name_id}]});
    register(
        &api,
        &url,
        json!([{"event_type": "record.updated", "filter": filter}, {"event_type": "record.deleted", "filter": null}]),
    )
    .await;
    let id = api.create("companies", json!({"name": "Acme"})).await;
    api.patch(
        &format!("/v2/objects/companies/records/{id}"),
        json!({"data": {"values": {"name": "Acme Inc", "description": "x"}}}),
    )
    .await
    .assert_ok();
    api.delete(&format!("/v2/objects/companies/records/{id}"))
        .await;
    let got = wait_for(&received, 2).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut types: Vec<(String, Value)> = received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| {
            let payload: Value = serde_json::from_slice(body).unwrap();
            let event = payload["events"][0].clone();
            (
                event["event_type"].as_str().unwrap().to_owned(),
                event["id"]["attribute_id"].clone(),
            )
        })
        .collect();
    types.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got.len(), 2);
    assert_eq!(
        types,
        vec![
            ("record.deleted".to_owned(), Value::Null),
            ("record.updated".to_owned(), json!(name_id))
        ]
    );
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_the_same_idempotency_key() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(2).await;
    register(
        &api,
        &url,
        json!([{"event_type": "record.created", "filter": null}]),
    )
    .await;
    api.create("companies", json!({})).await;
    let got = wait_for(&received, 3).await;
    assert_eq!(got.len(), 3);
    let keys: Vec<&str> = got
        .iter()
        .map(|(h, _)| h["idempotency-key"].to_str().unwrap())
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]));
    assert!(got.iter().all(|(_, b)| *b == got[0].1));
    // The receiver has the third attempt before the emulator has read its
    // answer and counted the delivery.
    let started = Instant::now();
    while api.emulator.webhook_stats().delivered == 0 && started.elapsed() < Duration::from_secs(5)
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let stats = api.emulator.webhook_stats();
    assert_eq!((stats.messages, stats.attempts, stats.delivered), (1, 3, 1));
}

#[tokio::test]
async fn exhausted_retries_mark_the_webhook_degraded() {
    let delivery = quick().max_attempts(2);
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(delivery),
    )
    .await;
    let (url, received) = receiver(usize::MAX).await;
    let (webhook_id, _) = register(
        &api,
        &url,
        json!([{"event_type": "record.created", "filter": null}]),
    )
    .await;
    api.create("companies", json!({})).await;
    wait_for(&received, 2).await;
    let started = Instant::now();
    while api.emulator.webhook_stats().abandoned == 0 && started.elapsed() < Duration::from_secs(5)
    {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let webhook = api.get(&format!("/v2/webhooks/{webhook_id}")).await;
    assert_eq!(webhook.assert_ok()["status"], "degraded");
}

#[tokio::test]
async fn injected_duplicates_repeat_the_message() {
    let delivery = quick().duplicate_probability(1.0);
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(delivery),
    )
    .await;
    let (url, received) = receiver(0).await;
    register(
        &api,
        &url,
        json!([{"event_type": "record.created", "filter": null}]),
    )
    .await;
    api.create("companies", json!({})).await;
    let got = wait_for(&received, 2).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].1, got[1].1);
    assert_eq!(got[0].0["idempotency-key"], got[1].0["idempotency-key"]);
    assert_eq!(api.emulator.webhook_stats().duplicates, 1);
}

#[tokio::test]
async fn entry_and_note_events_name_their_parent() {
    let api = Api::with(
        Emulator::builder()
            .schema(support::fixture())
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    register(
        &api,
        &url,
        json!([{"event_type": "list-entry.created", "filter": null}, {"event_type": "note.created", "filter": null}]),
    )
    .await;
    let acme = api
        .create("companies", json!({"domains": ["acme.com"]}))
        .await;
    api.post(
        "/v2/lists/enterprise_pipeline/entries",
        json!({"data": {"parent_record_id": acme, "parent_object": "companies", "entry_values": {"stage": "Prospecting"}}}),
    )
    .await
    .assert_ok();
    api.post(
        "/v2/notes",
        json!({"data": {"parent_object": "companies", "parent_record_id": acme, "title": "T", "format": "plaintext", "content": "c"}}),
    )
    .await
    .assert_ok();
    let got = wait_for(&received, 2).await;
    assert_eq!(got.len(), 2);
    for (_, body) in got {
        let payload: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(payload["events"][0]["parent_record_id"], acme.as_str());
    }
}

#[tokio::test]
async fn attribute_option_and_status_changes_are_attribute_events() {
    let api = Api::with(
        Emulator::builder()
            .schema(support::fixture())
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    let types = [
        "object-attribute.created",
        "object-attribute.updated",
        "list-attribute.created",
        "list-attribute.updated",
    ];
    let subscriptions: Vec<Value> = types
        .iter()
        .map(|t| json!({"event_type": t, "filter": null}))
        .collect();
    register(&api, &url, json!(subscriptions)).await;
    let created = api
        .post(
            "/v2/objects/legacy_imports/attributes",
            json!({"data": {"title": "Region", "description": null, "api_slug": "region",
                "type": "text", "is_required": false, "is_unique": false,
                "is_multiselect": false, "config": {}}}),
        )
        .await;
    let region = created.assert_ok()["id"]["attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.patch(
        "/v2/objects/legacy_imports/attributes/source",
        json!({"data": {"is_archived": true}}),
    )
    .await
    .assert_ok();
    let list = "/v2/lists/enterprise_pipeline/attributes";
    api.post(
        &format!("{list}/priority/options"),
        json!({"data": {"title": "Urgent"}}),
    )
    .await
    .assert_ok();
    api.patch(
        &format!("{list}/stage/statuses/Negotiation"),
        json!({"data": {"is_archived": true}}),
    )
    .await
    .assert_ok();

    let got = wait_for(&received, 4).await;
    let events: Vec<Value> = got
        .iter()
        .map(|(_, body)| serde_json::from_slice::<Value>(body).unwrap()["events"][0].clone())
        .collect();
    // Deliveries may arrive in any order.
    let mut kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "list-attribute.updated",
            "list-attribute.updated",
            "object-attribute.created",
            "object-attribute.updated"
        ]
    );
    let of = |kind: &str| events.iter().find(|e| e["event_type"] == kind).unwrap();
    assert_eq!(
        of("object-attribute.created")["id"]["attribute_id"],
        region.as_str()
    );
    assert!(of("object-attribute.updated")["id"]["object_id"].is_string());
    let list_event = &of("list-attribute.updated")["id"];
    assert!(list_event["list_id"].is_string() && list_event.get("object_id").is_none());
}

#[tokio::test]
async fn https_targets_are_registered_but_not_reachable() {
    let api = Api::start().await;
    register(
        &api,
        "https://hooks.example.org/a",
        json!([{"event_type": "record.created", "filter": null}]),
    )
    .await;
    api.create("companies", json!({})).await;
    let stats = api.emulator.webhook_stats();
    assert_eq!(
        (stats.messages, stats.unsupported, stats.attempts),
        (1, 1, 0)
    );
}

#[tokio::test]
async fn a_note_update_says_what_changed_title_or_content() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    register(
        &api,
        &url,
        json!([{"event_type": "note.updated", "filter": null},
               {"event_type": "note-content.updated", "filter": null},
               // Accepted although the emulator has no recordings to announce.
               {"event_type": "call-recording.created", "filter": null}]),
    )
    .await;
    let ada = api.create("people", json!({"name": "Ada Lovelace"})).await;
    let note = api
        .post(
            "/v2/notes",
            json!({"data": {"parent_object": "people", "parent_record_id": ada,
            "title": "Call", "format": "plaintext", "content": "Hi"}}),
        )
        .await;
    let note_id = note.assert_ok()["id"]["note_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v2/notes/{note_id}");
    api.patch(&path, json!({"data": {"title": "Call, take 2"}}))
        .await
        .assert_ok();
    api.patch(
        &path,
        json!({"data": {"content": "Bye", "format": "plaintext"}}),
    )
    .await
    .assert_ok();
    let got = wait_for(&received, 2).await;
    let kinds: Vec<String> = got
        .iter()
        .map(|(_, body)| {
            let payload: Value = serde_json::from_slice(body).unwrap();
            assert_eq!(payload["events"][0]["id"]["note_id"], note_id.as_str());
            payload["events"][0]["event_type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(kinds, ["note.updated", "note-content.updated"]);
}
