//! Token scopes (opt-in): a token granted only some scopes is refused, with
//! 403 `auth_error`, on the endpoints that need another.

use crate::support;

use crate::support::Api;
use attio_emulator::Emulator;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn requests_beyond_the_granted_scopes_are_refused_with_403() {
    let api = Api::with(
        Emulator::builder()
            .schema(support::fixture())
            .without_rate_limits()
            .scopes(["object_configuration:read", "record_permission:read"]),
    )
    .await;
    // Reads of the schema and of records are granted, queries included.
    api.get("/v2/objects").await.assert_ok();
    api.post("/v2/objects/people/records/query", json!({}))
        .await
        .assert_ok();
    // A write needs record_permission:read-write.
    let refused = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"job_title": ["CTO"]}}}),
        )
        .await;
    refused.assert_error(403, "unauthorized");
    assert_eq!(refused.body["type"], "auth_error");
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("record_permission:read-write"));
    // Lists need their own scope; nothing was stored by the refusals.
    api.get("/v2/lists").await.assert_error(403, "unauthorized");
    let people = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    assert_eq!(people.data().as_array().unwrap().len(), 0);
    // The token's introspection lists what it has.
    let me = api.call(Method::GET, "/v2/self", None).await;
    assert_eq!(
        me.body["scope"],
        "object_configuration:read record_permission:read"
    );
}

#[tokio::test]
async fn by_default_every_scope_is_granted() {
    let api = Api::fixture().await;
    api.get("/v2/lists").await.assert_ok();
    api.get("/v2/webhooks").await.assert_ok();
    api.get("/v2/workspace_members").await.assert_ok();
}
