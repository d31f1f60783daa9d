//! The schema side of the operations Attio's core API gained by 2026, over
//! HTTP: saved views (and a view's id as a query's `filter_view_id`), and
//! deleting an object.

use attio_emulator::Emulator;
use serde_json::{json, Value};

use crate::support::{self, Api};

async fn fixture_with(builder: attio_emulator::EmulatorBuilder) -> Api {
    Api::with(builder.schema(support::fixture()).without_rate_limits()).await
}

#[tokio::test]
async fn every_object_and_list_has_a_view_and_a_seeded_view_filters_queries() {
    let api = fixture_with(Emulator::builder().seed(json!({
        "records": [
            {"object": "companies", "values": {"name": "Acme", "description": "big"}},
            {"object": "companies", "values": {"name": "Globex"}}
        ],
        "views": [{"object": "companies", "title": "Big ones", "filter": {"description": "big"}}]
    })))
    .await;
    let views = api.get("/v2/objects/companies/views").await;
    let titles: Vec<&str> = views
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"All companies") && titles.contains(&"Big ones"),
        "{titles:?}"
    );
    assert_eq!(views.body["pagination"]["next_cursor"], Value::Null);
    let big = views
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["title"] == "Big ones")
        .unwrap()["id"]["view_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let found = api
        .post(
            "/v2/objects/companies/records/query",
            json!({"filter_view_id": big}),
        )
        .await;
    let found = found.assert_ok().as_array().unwrap().clone();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["values"]["name"][0]["value"], "Acme");
    api.post(
        "/v2/objects/companies/records/query",
        json!({"filter_view_id": "0b1c7f9e-3d2a-4a57-8f0e-2b1d3c4e5f60"}),
    )
    .await
    .assert_error(404, "not_found");
    // Paged by cursor, one at a time.
    let first = api.get("/v2/objects/companies/views?limit=1").await;
    assert_eq!(first.assert_ok().as_array().unwrap().len(), 1);
    let cursor = first.body["pagination"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = api
        .get(&format!(
            "/v2/objects/companies/views?limit=1&cursor={cursor}"
        ))
        .await;
    assert_eq!(second.assert_ok().as_array().unwrap().len(), 1);
    assert_eq!(second.body["pagination"]["next_cursor"], Value::Null);
    let list = api.get("/v2/lists/enterprise_pipeline/views").await;
    let list_view = &list.assert_ok()[0];
    assert_eq!(list_view["title"], "All entries");
    assert!(list_view["id"]["list_id"].is_string());
    api.get("/v2/objects/vehicles/views")
        .await
        .assert_error(404, "not_found");
    api.get("/v2/objects/companies/views?limit=0")
        .await
        .assert_error(400, "validation_type");
}

#[tokio::test]
async fn a_custom_object_is_deleted_with_its_records_and_a_system_one_is_not() {
    let api = fixture_with(Emulator::builder()).await;
    api.delete("/v2/objects/people")
        .await
        .assert_error(400, "system_edit_unauthorized");
    api.get("/v2/objects/people").await.assert_ok();
    let id = api
        .create("legacy_imports", json!({"batch_id": "b-1"}))
        .await;
    api.delete("/v2/objects/legacy_imports").await.assert_ok();
    api.get("/v2/objects/legacy_imports")
        .await
        .assert_error(404, "not_found");
    api.get(&format!("/v2/objects/legacy_imports/records/{id}"))
        .await
        .assert_error(404, "not_found");
    api.delete("/v2/objects/legacy_imports")
        .await
        .assert_error(404, "not_found");
    // Deleting the records too takes the record scope as well.
    let scoped = Api::with(
        Emulator::builder()
            .schema(support::fixture())
            .without_rate_limits()
            .scopes(["object_configuration:read-write"]),
    )
    .await;
    let refused = scoped.delete("/v2/objects/legacy_imports").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}
