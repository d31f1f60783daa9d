//! Lists and their entries: reading lists, entry writes, asserting by
//! parent and the parent fixed once set.

use crate::support::Api;
use serde_json::{json, Value};

async fn company(api: &Api, domain: &str) -> String {
    api.create("companies", json!({"name": domain, "domains": [domain]}))
        .await
}

fn entry_body(parent: &str, values: Value) -> Value {
    json!({"data": {"parent_record_id": parent, "parent_object": "companies", "entry_values": values}})
}

#[tokio::test]
async fn lists_are_listed_and_fetched_by_slug_or_id() {
    let api = Api::fixture().await;
    let lists = api.get("/v2/lists").await;
    let lists = lists.assert_ok().as_array().unwrap().clone();
    let pipeline = lists
        .iter()
        .find(|l| l["api_slug"] == "enterprise_pipeline")
        .unwrap();
    assert_eq!(pipeline["parent_object"], json!(["companies"]));
    let id = pipeline["id"]["list_id"].as_str().unwrap();
    let by_id = api.get(&format!("/v2/lists/{id}")).await;
    assert_eq!(by_id.assert_ok()["api_slug"], "enterprise_pipeline");
    api.get("/v2/lists/nope")
        .await
        .assert_error(404, "not_found");
    let attributes = api.get("/v2/lists/enterprise_pipeline/attributes").await;
    assert!(attributes
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["api_slug"] == "stage"));
}

#[tokio::test]
async fn entries_are_created_fetched_patched_put_and_deleted() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    let reply = api
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Prospecting", "next_step": "Call"})),
        )
        .await;
    let entry = reply.assert_ok().clone();
    assert_eq!(entry["parent_record_id"], acme.as_str());
    assert_eq!(entry["parent_object"], "companies");
    assert_eq!(
        entry["entry_values"]["stage"][0]["status"]["title"],
        "Prospecting"
    );
    assert_eq!(entry["entry_values"]["deal_size"], json!([]));
    let id = entry["id"]["entry_id"].as_str().unwrap().to_owned();
    let path = format!("/v2/lists/enterprise_pipeline/entries/{id}");
    assert_eq!(
        api.get(&path).await.assert_ok()["id"]["entry_id"],
        id.as_str()
    );
    let reply = api
        .patch(
            &path,
            json!({"data": {"entry_values": {"stage": "Negotiation"}}}),
        )
        .await;
    assert_eq!(
        reply.assert_ok()["entry_values"]["stage"][0]["status"]["title"],
        "Negotiation"
    );
    assert_eq!(
        reply.data()["entry_values"]["next_step"][0]["value"],
        "Call"
    );
    let reply = api
        .put(
            &path,
            json!({"data": {"entry_values": {"next_step": "Sign"}}}),
        )
        .await;
    assert_eq!(
        reply.assert_ok()["entry_values"]["next_step"][0]["value"],
        "Sign"
    );
    // The record's entries endpoint lists it.
    let listed = api
        .get(&format!("/v2/objects/companies/records/{acme}/entries"))
        .await;
    let listed = listed.assert_ok().as_array().unwrap().clone();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["entry_id"], id.as_str());
    assert_eq!(listed[0]["list_api_slug"], "enterprise_pipeline");
    assert_eq!(api.delete(&path).await.body, json!({}));
    api.get(&path).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn several_entries_of_one_parent_may_be_created() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    for _ in 0..2 {
        api.post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Prospecting"})),
        )
        .await
        .assert_ok();
    }
    let all = api
        .post("/v2/lists/enterprise_pipeline/entries/query", json!({}))
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn asserting_by_parent_creates_updates_or_refuses_several_matches() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    let first = api
        .put(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Prospecting"})),
        )
        .await;
    let id = first.assert_ok()["id"]["entry_id"].clone();
    let second = api
        .put(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Negotiation"})),
        )
        .await;
    assert_eq!(second.assert_ok()["id"]["entry_id"], id);
    assert_eq!(
        second.data()["entry_values"]["stage"][0]["status"]["title"],
        "Negotiation"
    );
    api.post(
        "/v2/lists/enterprise_pipeline/entries",
        entry_body(&acme, json!({"stage": "Prospecting"})),
    )
    .await
    .assert_ok();
    api.put(
        "/v2/lists/enterprise_pipeline/entries",
        entry_body(&acme, json!({"stage": "Prospecting"})),
    )
    .await
    .assert_error(400, "multiple_match_results");
}

#[tokio::test]
async fn changing_an_entrys_parent_is_refused_as_immutable_value() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    let other = company(&api, "other.com").await;
    let reply = api
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Prospecting"})),
        )
        .await;
    let id = reply.assert_ok()["id"]["entry_id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.patch(
        &format!("/v2/lists/enterprise_pipeline/entries/{id}"),
        json!({"data": {"parent_record_id": other, "entry_values": {}}}),
    )
    .await
    .assert_error(400, "immutable_value");
}

#[tokio::test]
async fn entry_create_checks_parent_and_required_values() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    let missing = "33333333-3333-4333-8333-333333333333";
    api.post(
        "/v2/lists/enterprise_pipeline/entries",
        entry_body(missing, json!({"stage": "Prospecting"})),
    )
    .await
    .assert_error(400, "value_not_found");
    api.post(
        "/v2/lists/enterprise_pipeline/entries",
        entry_body(&acme, json!({})),
    )
    .await
    .assert_error(400, "missing_value");
    // A person cannot be an entry of a companies list.
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let body = json!({"data": {"parent_record_id": ada, "parent_object": "people", "entry_values": {"stage": "Prospecting"}}});
    assert_eq!(
        api.post("/v2/lists/enterprise_pipeline/entries", body)
            .await
            .status,
        400
    );
    api.post("/v2/lists/nope/entries", entry_body(&acme, json!({})))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn entry_queries_filter_on_values_and_parent_record_paths() {
    let api = Api::fixture().await;
    let acme = api
        .create(
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        )
        .await;
    let other = api
        .create(
            "companies",
            json!({"name": "Other", "domains": ["other.com"]}),
        )
        .await;
    for (parent, stage) in [(&acme, "Prospecting"), (&other, "Negotiation")] {
        api.post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(parent, json!({"stage": stage})),
        )
        .await
        .assert_ok();
    }
    let api = &api;
    let query = |filter: Value| async move {
        let reply = api
            .post(
                "/v2/lists/enterprise_pipeline/entries/query",
                json!({"filter": filter}),
            )
            .await;
        reply
            .assert_ok()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["parent_record_id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        query(json!({"stage": "Negotiation"})).await,
        vec![other.clone()]
    );
    let path = json!({
        "path": [["enterprise_pipeline", "parent_record"], ["companies", "name"]],
        "constraints": {"value": "Acme"}
    });
    assert_eq!(query(path).await, vec![acme.clone()]);
    let direct =
        json!({"parent_record": {"target_object": "companies", "target_record_id": other}});
    assert_eq!(query(direct).await, [other]);
}

#[tokio::test]
async fn deleting_a_record_deletes_its_entries() {
    let api = Api::fixture().await;
    let acme = company(&api, "acme.com").await;
    let reply = api
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body(&acme, json!({"stage": "Prospecting"})),
        )
        .await;
    let id = reply.assert_ok()["id"]["entry_id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.delete(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    api.get(&format!("/v2/lists/enterprise_pipeline/entries/{id}"))
        .await
        .assert_error(404, "not_found");
}
