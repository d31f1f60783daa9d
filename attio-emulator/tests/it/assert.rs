//! Asserting records (`PUT …/records?matching_attribute=`): create on no
//! match, update on one, refuse several, validate like a create.

use crate::support::Api;
use serde_json::{json, Value};

fn assert_path(object: &str, matching: &str) -> String {
    format!("/v2/objects/{object}/records?matching_attribute={matching}")
}

#[tokio::test]
async fn an_unknown_matching_attribute_is_refused_as_value_not_found() {
    let api = Api::start().await;
    let reply = api
        .put(
            &assert_path("people", "nickname"),
            json!({"data": {"values": {"job_title": "x"}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
    assert_eq!(
        reply.body["message"],
        "No attribute was found for matching_attribute slug/ID \"nickname\"."
    );
}

#[tokio::test]
async fn a_matching_attribute_that_is_not_unique_is_refused() {
    let api = Api::start().await;
    let reply = api
        .put(
            &assert_path("people", "job_title"),
            json!({"data": {"values": {"job_title": "x"}}}),
        )
        .await;
    reply.assert_error(400, "matching_attribute_definition_not_unique");
}

#[tokio::test]
async fn without_a_match_assert_creates_and_repeating_it_returns_the_same_record() {
    let api = Api::start().await;
    let body =
        json!({"data": {"values": {"email_addresses": ["ada@acme.com"], "job_title": "Engineer"}}});
    let first = api
        .put(&assert_path("people", "email_addresses"), body.clone())
        .await;
    let id = first.assert_ok()["id"]["record_id"].clone();
    let second = api
        .put(&assert_path("people", "email_addresses"), body)
        .await;
    assert_eq!(second.assert_ok()["id"]["record_id"], id);
    let all = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 1);
    // Matching is on the normalised value (emails case-insensitively).
    let third = api
        .put(
            &assert_path("people", "email_addresses"),
            json!({"data": {"values": {"email_addresses": ["ADA@ACME.COM"]}}}),
        )
        .await;
    assert_eq!(third.assert_ok()["id"]["record_id"], id);
}

#[tokio::test]
async fn one_match_is_updated_appending_to_the_matching_attribute_and_replacing_other_multiselects()
{
    let api = Api::fixture().await;
    let id = api
        .create(
            "companies",
            json!({"domains": ["acme.com", "acme.io"], "categories": ["B2B", "SaaS"], "name": "Acme", "description": "keep"}),
        )
        .await;
    let reply = api
        .put(
            &assert_path("companies", "domains"),
            json!({"data": {"values": {"domains": ["acme.org", "acme.com"], "categories": ["Fintech"], "name": "Acme Inc"}}}),
        )
        .await;
    let data = reply.assert_ok();
    assert_eq!(data["id"]["record_id"], id.as_str());
    let domains: Vec<&str> = data["values"]["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(
        domains,
        ["acme.org", "acme.com", "acme.io"],
        "matching values are added, existing kept"
    );
    let categories: Vec<&Value> = data["values"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(categories.len(), 1, "other multiselects are replaced");
    assert_eq!(categories[0]["option"]["title"], "Fintech");
    assert_eq!(data["values"]["name"][0]["value"], "Acme Inc");
    assert_eq!(
        data["values"]["description"][0]["value"], "keep",
        "omitted attributes are untouched"
    );
}

#[tokio::test]
async fn a_value_matching_several_records_is_refused_as_multiple_match_results() {
    let api = Api::start().await;
    api.create("people", json!({"email_addresses": ["a@acme.com"]}))
        .await;
    api.create("people", json!({"email_addresses": ["b@acme.com"]}))
        .await;
    let reply = api
        .put(
            &assert_path("people", "email_addresses"),
            json!({"data": {"values": {"email_addresses": ["a@acme.com", "b@acme.com"]}}}),
        )
        .await;
    reply.assert_error(400, "multiple_match_results");
}

#[tokio::test]
async fn an_assert_that_creates_is_validated_like_a_create() {
    let api = Api::fixture().await;
    // users: user_id and primary_email_address are both required and unique.
    let reply = api
        .put(
            &assert_path("users", "user_id"),
            json!({"data": {"values": {"user_id": "u1"}}}),
        )
        .await;
    reply.assert_error(400, "missing_value");
    api.create(
        "users",
        json!({"user_id": "u1", "primary_email_address": "one@acme.com"}),
    )
    .await;
    let reply = api
        .put(
            &assert_path("users", "user_id"),
            json!({"data": {"values": {"user_id": "u2", "primary_email_address": "one@acme.com"}}}),
        )
        .await;
    reply.assert_error(400, "uniqueness_conflict");
}

#[tokio::test]
async fn an_assert_without_a_value_for_the_matching_attribute_is_refused() {
    let api = Api::start().await;
    let reply = api
        .put(
            &assert_path("people", "email_addresses"),
            json!({"data": {"values": {"job_title": "x"}}}),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    let all = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn an_attribute_made_unique_later_can_match_existing_records() {
    let api = Api::start().await;
    let body = json!({"data": {"title": "External ID", "description": null, "api_slug": "external_id",
        "type": "text", "is_required": false, "is_unique": false, "is_multiselect": false, "config": {}}});
    api.post("/v2/objects/deals/attributes", body)
        .await
        .assert_ok();
    let owner = "ada@emulator.attio.dev";
    let id = api
        .create(
            "deals",
            json!({"name": "D", "stage": "Lead", "owner": owner, "external_id": "X-1"}),
        )
        .await;
    api.put(
        &assert_path("deals", "external_id"),
        json!({"data": {"values": {"external_id": "X-1"}}}),
    )
    .await
    .assert_error(400, "matching_attribute_definition_not_unique");
    api.patch(
        "/v2/objects/deals/attributes/external_id",
        json!({"data": {"is_unique": true}}),
    )
    .await
    .assert_ok();
    let reply = api
        .put(
            &assert_path("deals", "external_id"),
            json!({"data": {"values": {"external_id": "X-1", "name": "E"}}}),
        )
        .await;
    assert_eq!(reply.assert_ok()["id"]["record_id"], id.as_str());
    assert_eq!(reply.data()["values"]["name"][0]["value"], "E");
    // And it is now enforced on new writes.
    api.post(
        "/v2/objects/deals/records",
        json!({"data": {"values": {"name": "F", "stage": "Lead", "owner": owner, "external_id": "X-1"}}}),
    )
    .await
    .assert_error(400, "uniqueness_conflict");
}
