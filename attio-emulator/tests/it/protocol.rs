//! What every endpoint shares: envelopes, timestamps, error bodies,
//! authentication, unknown routes, identifiers and body validation.

use crate::support::{is_attio_timestamp, Api, KEY};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn success_bodies_are_wrapped_in_data_and_a_delete_answers_an_empty_object() {
    let api = Api::start().await;
    let objects = api.get("/v2/objects").await;
    assert!(objects.assert_ok().is_array());
    let id = api.create("companies", json!({"name": "Acme"})).await;
    let got = api
        .get(&format!("/v2/objects/companies/records/{id}"))
        .await;
    assert_eq!(got.assert_ok()["id"]["record_id"], id.as_str());
    let deleted = api
        .delete(&format!("/v2/objects/companies/records/{id}"))
        .await;
    assert_eq!(deleted.status, 200);
    assert_eq!(deleted.body, json!({}));
    let gone = api
        .get(&format!("/v2/objects/companies/records/{id}"))
        .await;
    gone.assert_error(404, "not_found");
}

#[tokio::test]
async fn timestamps_are_utc_with_nine_fractional_digits() {
    let api = Api::start().await;
    let id = api.create("companies", json!({"name": "Acme"})).await;
    let record = api
        .get(&format!("/v2/objects/companies/records/{id}"))
        .await;
    let data = record.assert_ok();
    assert!(
        is_attio_timestamp(&data["created_at"]),
        "{}",
        data["created_at"]
    );
    let name = &data["values"]["name"][0];
    assert!(
        is_attio_timestamp(&name["active_from"]),
        "{}",
        name["active_from"]
    );
    assert!(is_attio_timestamp(
        &data["values"]["created_at"][0]["value"]
    ));
}

#[tokio::test]
async fn error_bodies_carry_status_code_type_code_and_message() {
    let api = Api::start().await;
    let reply = api
        .get("/v2/objects/companies/records/00000000-0000-4000-8000-000000000000")
        .await;
    reply.assert_error(404, "not_found");
    assert_eq!(reply.body["type"], "invalid_request_error");
    assert_eq!(
        reply.body["message"],
        "Record with ID \"00000000-0000-4000-8000-000000000000\" not found."
    );
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_refused_with_401_auth_error() {
    let api = Api::start().await;
    for token in [None, Some("wrong-key")] {
        let reply = api.raw(Method::GET, "/v2/objects", token, None).await;
        reply.assert_error(401, "unauthorized");
        assert_eq!(reply.body["type"], "auth_error");
    }
    let ok = api.raw(Method::GET, "/v2/objects", Some(KEY), None).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn an_unknown_path_or_method_is_404_could_not_find_endpoint() {
    let api = Api::start().await;
    let reply = api.get("/v2/nothing/here").await;
    reply.assert_error(404, "not_found");
    assert_eq!(
        reply.body["message"],
        "Could not find endpoint \"GET /v2/nothing/here\"."
    );
    // A known path with another method is not an endpoint either (Attio has
    // no `GET …/records`).
    let reply = api.get("/v2/objects/people/records").await;
    reply.assert_error(404, "not_found");
    assert_eq!(
        reply.body["message"],
        "Could not find endpoint \"GET /v2/objects/people/records\"."
    );
}

#[tokio::test]
async fn objects_and_attributes_are_found_by_slug_or_uuid_and_unknown_ones_are_404() {
    let api = Api::start().await;
    let people = api.get("/v2/objects/people").await;
    let object_id = people.assert_ok()["id"]["object_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_id = api.get(&format!("/v2/objects/{object_id}")).await;
    assert_eq!(by_id.assert_ok()["api_slug"], "people");
    let attr = api
        .get("/v2/objects/people/attributes/email_addresses")
        .await;
    let attribute_id = attr.assert_ok()["id"]["attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_id = api
        .get(&format!(
            "/v2/objects/{object_id}/attributes/{attribute_id}"
        ))
        .await;
    assert_eq!(by_id.assert_ok()["api_slug"], "email_addresses");
    api.get("/v2/objects/nope")
        .await
        .assert_error(404, "not_found");
    api.get("/v2/objects/people/attributes/nope")
        .await
        .assert_error(404, "not_found");
    api.post("/v2/objects/nope/records/query", json!({}))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn statuses_are_written_by_title_or_uuid() {
    let api = Api::start().await;
    let statuses = api.get("/v2/objects/deals/attributes/stage/statuses").await;
    let lead = statuses
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Lead")
        .unwrap()
        .clone();
    let status_id = lead["id"]["status_id"].as_str().unwrap();
    let owner = "ada@emulator.attio.dev";
    let by_title = api
        .create(
            "deals",
            json!({"name": "A", "stage": "Lead", "owner": owner}),
        )
        .await;
    let by_id = api
        .create(
            "deals",
            json!({"name": "B", "stage": {"status": status_id}, "owner": owner}),
        )
        .await;
    for id in [by_title, by_id] {
        let deal = api.get(&format!("/v2/objects/deals/records/{id}")).await;
        assert_eq!(
            deal.assert_ok()["values"]["stage"][0]["status"]["title"],
            "Lead"
        );
    }
}

#[tokio::test]
async fn malformed_json_or_a_body_without_data_is_a_body_payload_validation_error() {
    let api = Api::start().await;
    let reply = api
        .raw(
            Method::POST,
            "/v2/objects/people/records",
            Some(KEY),
            Some("{not json".into()),
        )
        .await;
    reply.assert_error(400, "validation_type");
    assert_eq!(reply.body["message"], "Body payload validation error.");
    assert!(reply.body["validation_errors"].is_array());
    // Valid JSON without the `data` wrapper is a schema violation too.
    let reply = api
        .post("/v2/objects/people/records", json!({"values": {}}))
        .await;
    reply.assert_error(400, "validation_type");
    assert_eq!(reply.body["message"], "Body payload validation error.");
    assert_eq!(reply.body["validation_errors"][0]["path"], json!(["data"]));
}

#[tokio::test]
async fn missing_records_and_entries_are_404() {
    let api = Api::fixture().await;
    let missing = "11111111-1111-4111-8111-111111111111";
    for path in [
        format!("/v2/objects/people/records/{missing}"),
        format!("/v2/lists/hiring/entries/{missing}"),
        format!("/v2/workspace_members/{missing}"),
    ] {
        api.get(&path).await.assert_error(404, "not_found");
    }
    api.patch(
        &format!("/v2/objects/people/records/{missing}"),
        json!({"data": {"values": {}}}),
    )
    .await
    .assert_error(404, "not_found");
    api.delete(&format!("/v2/objects/people/records/{missing}"))
        .await
        .assert_error(404, "not_found");
    api.delete(&format!("/v2/lists/hiring/entries/{missing}"))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn every_response_has_an_execution_id() {
    let api = Api::start().await;
    let reply = api.get("/v2/objects").await;
    assert!(reply.headers.contains_key("x-attio-execution-id"));
}

#[tokio::test]
async fn shutdown_is_graceful_and_frees_the_port() {
    let api = Api::start().await;
    let base = api.base.clone();
    api.emulator.shutdown().await;
    let result = reqwest::Client::new()
        .get(format!("{base}/v2/objects"))
        .send()
        .await;
    assert!(result.is_err(), "the emulator still answers after shutdown");
}

#[tokio::test]
async fn self_describes_the_token() {
    let api = Api::start().await;
    let reply = api.get("/v2/self").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["active"], true);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert!(reply.body["workspace_id"].is_string());
}

#[tokio::test]
async fn framework_rejections_use_attio_error_bodies() {
    let api = Api::start().await;
    // An undecodable query string.
    let reply = api
        .get("/v2/objects/people/attributes?show_archived=%FF%FE")
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["status_code"], 400);
    assert_eq!(reply.body["type"], "invalid_request_error");
    // A body over the limit.
    let huge = format!(
        "{{\"data\": {{\"values\": {{\"description\": \"{}\"}}}}}}",
        "x".repeat(17 * 1024 * 1024)
    );
    let reply = api
        .raw(
            Method::POST,
            "/v2/objects/companies/records",
            Some(KEY),
            Some(huge),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["code"], "validation_type");
}

#[tokio::test]
async fn text_values_of_several_megabytes_are_accepted() {
    let api = Api::start().await;
    let long = "y".repeat(5 * 1024 * 1024);
    let id = api.create("companies", json!({"description": long})).await;
    let reply = api
        .get(&format!("/v2/objects/companies/records/{id}"))
        .await;
    assert_eq!(
        reply.assert_ok()["values"]["description"][0]["value"]
            .as_str()
            .map(str::len),
        Some(5 * 1024 * 1024)
    );
}
