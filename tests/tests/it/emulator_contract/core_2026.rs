//! The part of the contract run for the operations Attio's core API gained
//! by 2026 (record search and merge, value history written, saved views,
//! object deletion), each with a success and the errors the 2026 document
//! lists. Only the 2026 document has their paths.

use serde_json::{json, Value};

use super::contract::{Contract, MISSING};

fn history(value: &str) -> Value {
    json!({"data": {"values": [
        {"value": value, "active_from": "2020-01-01T00:00:00Z", "active_until": "2021-01-01T00:00:00Z"},
        {"value": format!("{value} (renamed)"), "active_from": "2021-01-01T00:00:00Z", "active_until": null}
    ], "replace_history": true}})
}

/// Searches, merges two companies, writes value histories of a record and
/// an entry, lists views, and deletes an object of its own.
pub(crate) async fn exercise(c: &mut Contract) {
    let missing = MISSING;
    let mut ids = Vec::new();
    for (name, domain) in [
        ("Contract A", "contract-a.com"),
        ("Contract B", "contract-b.com"),
    ] {
        let created = c
            .post(
                "/v2/objects/companies/records",
                json!({"data": {"values": {"name": name, "domains": [domain]}}}),
            )
            .await;
        ids.push(
            created.data()["id"]["record_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    let (a, b) = (&ids[0], &ids[1]);

    // Search: 200, and 400 for a body without `request_as`.
    c.post(
        "/v2/objects/records/search",
        json!({"query": "contract", "objects": ["companies", "people"],
               "request_as": {"type": "workspace"}, "limit": 10}),
    )
    .await;
    c.post(
        "/v2/objects/records/search",
        json!({"query": "contract", "objects": ["companies"]}),
    )
    .await;

    // Value history of a record: 200, 400 (overlapping single values), 404.
    let values = |id: &str| format!("/v2/objects/companies/records/{id}/attributes/name/values");
    c.put(&values(a), history("Contract A")).await;
    c.put(
        &values(a),
        json!({"data": {"values": [
            {"value": "X", "active_from": "2020-01-01T00:00:00Z", "active_until": null},
            {"value": "Y", "active_from": "2021-01-01T00:00:00Z", "active_until": null}
        ], "replace_history": true}}),
    )
    .await;
    c.put(&values(missing), history("Nobody")).await;

    // Value history of an entry: 200 and 404.
    let entry = c
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            json!({"data": {"parent_object": "companies", "parent_record_id": a,
                            "entry_values": {"stage": "Prospecting"}}}),
        )
        .await;
    let entry_id = entry.data()["id"]["entry_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let entry_values = |id: &str| {
        format!("/v2/lists/enterprise_pipeline/entries/{id}/attributes/next_step/values")
    };
    c.put(&entry_values(&entry_id), history("Call")).await;
    c.put(&entry_values(missing), history("Call")).await;

    // Merge: 200, 400 (itself), 404 (a record that does not exist).
    let merge = |primary: &str, secondary: &str| json!({"data": {"primary_record_id": primary, "secondary_record_id": secondary}});
    c.post("/v2/objects/companies/records/merge", merge(a, a))
        .await;
    c.post("/v2/objects/companies/records/merge", merge(a, missing))
        .await;
    c.post("/v2/objects/companies/records/merge", merge(a, b))
        .await;

    // Views of an object and of a list: 200 and 404.
    c.get("/v2/objects/companies/views").await;
    c.get("/v2/objects/companies/views?limit=1&show_archived=true")
        .await;
    c.get("/v2/objects/nope/views").await;
    c.get("/v2/lists/enterprise_pipeline/views").await;
    c.get("/v2/lists/nope/views").await;

    // Deleting an object: 200 for a custom one, 400 for a system one, 404.
    c.post(
        "/v2/objects",
        json!({"data": {"api_slug": "contract_scratch", "singular_noun": "Scratch", "plural_noun": "Scratches"}}),
    )
    .await;
    c.delete("/v2/objects/contract_scratch").await;
    c.delete("/v2/objects/people").await;
    c.delete("/v2/objects/nope").await;
}
