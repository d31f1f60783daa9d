//! Notes, and registering webhooks (their delivery is in `webhook_delivery`).

use crate::support::{is_attio_timestamp, Api};
use serde_json::{json, Value};

#[tokio::test]
async fn notes_are_created_listed_fetched_and_deleted() {
    let api = Api::start().await;
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let bob = api
        .create("people", json!({"email_addresses": ["bob@acme.com"]}))
        .await;
    let created = api
        .post(
            "/v2/notes",
            json!({"data": {"parent_object": "people", "parent_record_id": ada, "title": "Call",
                "format": "markdown", "content": "# Summary\n- **Budget** approved"}}),
        )
        .await;
    let note = created.assert_ok().clone();
    assert_eq!(note["parent_object"], "people");
    assert_eq!(note["content_markdown"], "# Summary\n- **Budget** approved");
    assert_eq!(note["content_plaintext"], "Summary\nBudget approved");
    assert_eq!(note["created_by_actor"]["type"], "api-token");
    assert!(is_attio_timestamp(&note["created_at"]));
    api.post(
        "/v2/notes",
        json!({"data": {"parent_object": "people", "parent_record_id": bob, "title": "Other",
            "format": "plaintext", "content": "x", "created_at": "2024-01-01T10:00:00Z"}}),
    )
    .await
    .assert_ok();
    let for_ada = api
        .get(&format!(
            "/v2/notes?parent_object=people&parent_record_id={ada}"
        ))
        .await;
    let for_ada = for_ada.assert_ok().as_array().unwrap().clone();
    assert_eq!(for_ada.len(), 1);
    assert_eq!(for_ada[0]["id"], note["id"]);
    let id = note["id"]["note_id"].as_str().unwrap();
    assert_eq!(
        api.get(&format!("/v2/notes/{id}")).await.assert_ok()["title"],
        "Call"
    );
    assert_eq!(api.delete(&format!("/v2/notes/{id}")).await.body, json!({}));
    api.get(&format!("/v2/notes/{id}"))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn notes_need_an_existing_parent_and_a_past_created_at() {
    let api = Api::start().await;
    let missing = "44444444-4444-4444-8444-444444444444";
    let body = |object: &str, record: &str, created_at: Value| {
        json!({"data": {"parent_object": object, "parent_record_id": record, "title": "T",
            "format": "plaintext", "content": "c", "created_at": created_at}})
    };
    api.post("/v2/notes", body("nope", missing, Value::Null))
        .await
        .assert_error(404, "not_found");
    api.post("/v2/notes", body("people", missing, Value::Null))
        .await
        .assert_error(404, "not_found");
    let ada = api.create("people", json!({})).await;
    api.post(
        "/v2/notes",
        body("people", &ada, json!("2999-01-01T00:00:00Z")),
    )
    .await
    .assert_error(400, "validation_type");
    api.post(
        "/v2/notes",
        body("people", &ada, json!("1969-12-31T00:00:00Z")),
    )
    .await
    .assert_error(400, "validation_type");
}

fn webhook_body(url: &str, event: &str) -> Value {
    json!({"data": {"target_url": url, "subscriptions": [{"event_type": event, "filter": null}]}})
}

#[tokio::test]
async fn a_webhook_secret_is_shown_only_when_it_is_created() {
    let api = Api::start().await;
    let created = api
        .post(
            "/v2/webhooks",
            webhook_body("https://hooks.example.org/a", "record.created"),
        )
        .await;
    let data = created.assert_ok().clone();
    let secret = data["secret"].as_str().unwrap();
    assert_eq!(secret.len(), 64);
    assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(data["status"], "active");
    let id = data["id"]["webhook_id"].as_str().unwrap();
    let fetched = api.get(&format!("/v2/webhooks/{id}")).await;
    assert!(fetched.assert_ok().get("secret").is_none());
    let listed = api.get("/v2/webhooks").await;
    assert!(listed
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w.get("secret").is_none()));
}

#[tokio::test]
async fn webhooks_need_an_https_url_and_known_event_types() {
    let api = Api::start().await;
    api.post(
        "/v2/webhooks",
        webhook_body("http://hooks.example.org/a", "record.created"),
    )
    .await
    .assert_error(400, "validation_type");
    api.post(
        "/v2/webhooks",
        webhook_body("https://hooks.example.org/a", "record.exploded"),
    )
    .await
    .assert_error(400, "validation_type");
}

#[tokio::test]
async fn a_duplicate_subscription_is_refused_with_409_uniqueness_conflict() {
    let api = Api::start().await;
    let body = webhook_body("https://hooks.example.org/a", "record.created");
    api.post("/v2/webhooks", body.clone()).await.assert_ok();
    api.post("/v2/webhooks", body)
        .await
        .assert_error(409, "uniqueness_conflict");
    // Another event type on the same URL is fine.
    api.post(
        "/v2/webhooks",
        webhook_body("https://hooks.example.org/a", "record.deleted"),
    )
    .await
    .assert_ok();
}

#[tokio::test]
async fn webhooks_are_updated_and_deleted() {
    let api = Api::start().await;
    let filter = json!({"$and": [{"field": "id.object_id", "operator": "equals", "value": "x"}]});
    let created = api
        .post(
            "/v2/webhooks",
            json!({"data": {"target_url": "https://hooks.example.org/a",
                "subscriptions": [{"event_type": "record.updated", "filter": filter}]}}),
        )
        .await;
    let id = created.assert_ok()["id"]["webhook_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let updated = api
        .patch(
            &format!("/v2/webhooks/{id}"),
            json!({"data": {"target_url": "https://hooks.example.org/b"}}),
        )
        .await;
    assert_eq!(
        updated.assert_ok()["target_url"],
        "https://hooks.example.org/b"
    );
    assert_eq!(updated.data()["subscriptions"][0]["filter"], filter);
    assert_eq!(
        api.delete(&format!("/v2/webhooks/{id}")).await.body,
        json!({})
    );
    api.get(&format!("/v2/webhooks/{id}"))
        .await
        .assert_error(404, "not_found");
    api.delete(&format!("/v2/webhooks/{id}"))
        .await
        .assert_error(404, "not_found");
}
