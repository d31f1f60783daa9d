//! Contract test of the emulator: every response it gives in a run through
//! all of its endpoints — successes and errors, including requests the
//! document marks invalid and keys without the scope — names an operation
//! and a status of Attio's current OpenAPI document (October 2026) and
//! validates against that response's schema; where the 2025 document has
//! the operation and the status too, the response validates against its
//! schema as well, and so do the record and entry values in it, against
//! its schema of an attribute value. Every operation of the current
//! document is exercised with a success, or listed in `coverage` as not
//! served yet with why. The deliberate deviations are the two lists at the
//! top of `contract`.
//!
//! Needs the document through `ATTIO_OPENAPI` (set by `.ci/run`); skipped
//! without it.

mod comments;
mod contract;
mod core_2026;
mod coverage;
mod forbidden;
mod notes;
mod part2;
mod tasks;

use attio_tests::openapi::Spec;
use serde_json::json;

use contract::{Contract, MISSING};

#[tokio::test]
async fn every_response_matches_the_openapi_spec() {
    let Some(spec) = Spec::load("every_response_matches_the_openapi_spec") else {
        return;
    };
    let mut c = Contract::start(spec, Spec::load_2025()).await;
    let missing = MISSING;

    // Objects.
    c.get("/v2/objects").await;
    c.get("/v2/objects/people").await;
    c.get("/v2/objects/nope").await;
    c.post("/v2/objects", json!({"data": {"api_slug": "vehicles", "singular_noun": "Vehicle", "plural_noun": "Vehicles"}}))
        .await;
    c.post(
        "/v2/objects",
        json!({"data": {"api_slug": "people", "singular_noun": "P", "plural_noun": "Ps"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles",
        json!({"data": {"plural_noun": "Cars"}}),
    )
    .await;
    c.patch("/v2/objects/vehicles", json!({"data": {}})).await;
    c.patch("/v2/objects/nope", json!({"data": {"plural_noun": "X"}}))
        .await;
    c.patch(
        "/v2/objects/vehicles",
        json!({"data": {"api_slug": "people"}}),
    )
    .await;

    // Attributes, options, statuses.
    for target in [
        "objects/people",
        "objects/deals",
        "lists/enterprise_pipeline",
    ] {
        c.get(&format!("/v2/{target}/attributes?show_archived=true"))
            .await;
    }
    c.get("/v2/objects/people/attributes/company").await;
    c.get("/v2/objects/people/attributes/nope").await;
    let attribute = json!({"data": {"title": "Tier", "description": null, "api_slug": "tier", "type": "select",
        "is_required": false, "is_unique": false, "is_multiselect": true, "config": {}}});
    c.post("/v2/objects/vehicles/attributes", attribute.clone())
        .await;
    c.post("/v2/objects/vehicles/attributes", attribute).await;
    c.post("/v2/objects/nope/attributes", json!({"data": {}}))
        .await;
    c.post(
        "/v2/objects/vehicles/attributes",
        json!({"data": {"title": "x"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles/attributes/tier",
        json!({"data": {"title": "Level"}}),
    )
    .await;
    c.patch(
        "/v2/objects/people/attributes/name",
        json!({"data": {"title": "Name!"}}),
    )
    .await;
    c.patch(
        "/v2/objects/people/attributes/nope",
        json!({"data": {"title": "x"}}),
    )
    .await;
    c.get("/v2/objects/companies/attributes/categories/options?show_archived=true")
        .await;
    c.get("/v2/objects/companies/attributes/nope/options").await;
    c.post(
        "/v2/objects/vehicles/attributes/tier/options",
        json!({"data": {"title": "Gold"}}),
    )
    .await;
    c.post(
        "/v2/objects/vehicles/attributes/tier/options",
        json!({"data": {"title": "Gold"}}),
    )
    .await;
    c.post(
        "/v2/objects/vehicles/attributes/record_id/options",
        json!({"data": {"title": "Gold"}}),
    )
    .await;
    c.post(
        "/v2/objects/vehicles/attributes/nope/options",
        json!({"data": {"title": "Gold"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles/attributes/tier/options/Gold",
        json!({"data": {"is_archived": true}}),
    )
    .await;
    c.post(
        "/v2/objects/vehicles/attributes/tier/options",
        json!({"data": {"title": "Silver"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles/attributes/tier/options/Silver",
        json!({"data": {"title": "Gold"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles/attributes/tier/options/Bronze",
        json!({"data": {"title": "X"}}),
    )
    .await;
    c.patch(
        "/v2/objects/vehicles/attributes/nope/options/Gold",
        json!({"data": {"title": "X"}}),
    )
    .await;
    c.get("/v2/objects/deals/attributes/stage/statuses").await;
    c.get("/v2/objects/deals/attributes/nope/statuses").await;
    c.post(
        "/v2/objects/deals/attributes/stage/statuses",
        json!({"data": {"title": "Paused"}}),
    )
    .await;
    c.post(
        "/v2/objects/deals/attributes/stage/statuses",
        json!({"data": {"title": "Paused"}}),
    )
    .await;
    c.post(
        "/v2/objects/deals/attributes/name/statuses",
        json!({"data": {"title": "Paused"}}),
    )
    .await;
    c.post(
        "/v2/objects/deals/attributes/nope/statuses",
        json!({"data": {"title": "Paused"}}),
    )
    .await;
    c.patch(
        "/v2/objects/deals/attributes/stage/statuses/Paused",
        json!({"data": {"celebration_enabled": true}}),
    )
    .await;
    c.patch(
        "/v2/objects/deals/attributes/stage/statuses/Paused",
        json!({"data": {"title": "Lead"}}),
    )
    .await;
    c.patch(
        "/v2/objects/deals/attributes/stage/statuses/Nope",
        json!({"data": {"title": "X"}}),
    )
    .await;
    c.patch(
        "/v2/objects/deals/attributes/nope/statuses/Lead",
        json!({"data": {"title": "X"}}),
    )
    .await;

    // Records.
    let company = c
        .post("/v2/objects/companies/records", json!({"data": {"values": {"name": "Acme", "domains": ["acme.com"], "categories": ["B2B"]}}}))
        .await;
    let company_id = company.data()["id"]["record_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let person = c
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {
                "name": "Lovelace, Ada", "email_addresses": ["ada@acme.com"], "phone_numbers": ["+15558675309"],
                "company": "acme.com", "primary_location": "1 Main St, Springfield, IL, 62701, US"
            }}}),
        )
        .await;
    let person_id = person.data()["id"]["record_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let owner = "ada@emulator.attio.dev";
    c.post(
        "/v2/objects/deals/records",
        json!({"data": {"values": {"name": "Big", "stage": "Lead", "owner": owner, "value": 1000,
            "associated_company": "acme.com", "associated_people": ["ada@acme.com"]}}}),
    )
    .await;
    c.post(
        "/v2/objects/projects/records",
        json!({"data": {"values": {"name": "P", "code": "P-1", "phase": "Not started", "health": 4,
            "kickoff_date": "2024-01-02", "last_reviewed_at": "2024-01-02T10:00:00Z", "budget": 10}}}),
    )
    .await;
    c.post(
        "/v2/objects/people/records",
        json!({"data": {"values": {"nickname": "x"}}}),
    )
    .await;
    c.post(
        "/v2/objects/people/records",
        json!({"data": {"values": {"email_addresses": ["ada@acme.com"]}}}),
    )
    .await;
    c.post("/v2/objects/nope/records", json!({"data": {"values": {}}}))
        .await;
    for object in ["people", "companies", "deals", "projects"] {
        c.post(&format!("/v2/objects/{object}/records/query"), json!({}))
            .await;
    }
    c.post("/v2/objects/people/records/query", json!({"filter": {"email_addresses": "ada@acme.com"}, "sorts": [{"direction": "asc", "attribute": "name", "field": "last_name"}], "limit": 10}))
        .await;
    c.post(
        "/v2/objects/people/records/query",
        json!({"filter": {"nope": 1}}),
    )
    .await;
    c.post("/v2/objects/nope/records/query", json!({})).await;
    // 404: a saved view the object does not have.
    c.post(
        "/v2/objects/people/records/query",
        json!({"filter_view_id": missing}),
    )
    .await;
    let assert_path = "/v2/objects/people/records?matching_attribute=email_addresses";
    c.put(
        assert_path,
        json!({"data": {"values": {"email_addresses": ["ada@acme.com"], "job_title": "CTO"}}}),
    )
    .await;
    c.put(
        assert_path,
        json!({"data": {"values": {"email_addresses": ["alan@acme.com"]}}}),
    )
    .await;
    c.put(
        "/v2/objects/people/records?matching_attribute=job_title",
        json!({"data": {"values": {"job_title": "x"}}}),
    )
    .await;
    c.put(
        "/v2/objects/nope/records?matching_attribute=x",
        json!({"data": {"values": {}}}),
    )
    .await;
    let record_path = format!("/v2/objects/people/records/{person_id}");
    c.get(&record_path).await;
    c.get(&format!("/v2/objects/people/records/{missing}"))
        .await;
    c.patch(
        &record_path,
        json!({"data": {"values": {"email_addresses": ["ada2@acme.com"]}}}),
    )
    .await;
    c.patch(&record_path, json!({"data": {"values": {"nope": 1}}}))
        .await;
    c.patch(
        &format!("/v2/objects/people/records/{missing}"),
        json!({"data": {"values": {}}}),
    )
    .await;
    c.put(
        &record_path,
        json!({"data": {"values": {"job_title": "CEO"}}}),
    )
    .await;
    c.put(&record_path, json!({"data": {"values": {"nope": 1}}}))
        .await;
    c.put(
        &format!("/v2/objects/people/records/{missing}"),
        json!({"data": {"values": {}}}),
    )
    .await;
    c.get(&format!(
        "{record_path}/attributes/job_title/values?show_historic=true"
    ))
    .await;
    c.get(&format!("{record_path}/attributes/email_addresses/values"))
        .await;
    c.get(&format!("{record_path}/attributes/name/values"))
        .await;
    c.get(&format!("{record_path}/attributes/company/values"))
        .await;
    c.get(&format!(
        "{record_path}/attributes/first_interaction/values?show_historic=true"
    ))
    .await;
    c.get(&format!("{record_path}/attributes/nope/values"))
        .await;

    // Lists and entries.
    c.get("/v2/lists").await;
    c.get("/v2/lists/enterprise_pipeline").await;
    c.get("/v2/lists/nope").await;
    c.post(
        "/v2/lists",
        json!({"data": {"name": "Partners", "api_slug": "partners", "parent_object": "companies",
        "workspace_access": "full-access", "workspace_member_access": []}}),
    )
    .await;
    // 409: the slug is taken.
    c.post(
        "/v2/lists",
        json!({"data": {"name": "Partners again", "api_slug": "partners", "parent_object": "companies",
        "workspace_access": "full-access", "workspace_member_access": []}}),
    )
    .await;
    c.post("/v2/lists", json!({"data": {"name": "X"}})).await;
    c.post(
        "/v2/lists",
        json!({"data": {"name": "X", "api_slug": "x", "parent_object": "nope",
        "workspace_access": "full-access", "workspace_member_access": []}}),
    )
    .await;
    c.patch(
        "/v2/lists/partners",
        json!({"data": {"name": "Key partners"}}),
    )
    .await;
    c.patch("/v2/lists/partners", json!({"data": {}})).await;
    c.patch("/v2/lists/nope", json!({"data": {"name": "X"}}))
        .await;
    let entry_body = |stage: &str| {
        json!({"data": {"parent_record_id": company_id, "parent_object": "companies",
            "entry_values": {"stage": stage, "deal_size": 5000, "owner": owner, "expected_close": "2025-06"}}})
    };
    let entry = c
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            entry_body("Prospecting"),
        )
        .await;
    let entry_id = entry.data()["id"]["entry_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.post("/v2/lists/enterprise_pipeline/entries", json!({"data": {"parent_record_id": missing, "parent_object": "companies", "entry_values": {}}}))
        .await;
    c.post("/v2/lists/nope/entries", entry_body("Prospecting"))
        .await;
    c.put(
        "/v2/lists/enterprise_pipeline/entries",
        entry_body("Negotiation"),
    )
    .await;
    c.put("/v2/lists/enterprise_pipeline/entries", json!({"data": {}}))
        .await;
    c.put("/v2/lists/nope/entries", entry_body("Negotiation"))
        .await;
    c.post(
        "/v2/lists/enterprise_pipeline/entries/query",
        json!({"filter": {"stage": "Negotiation"}}),
    )
    .await;
    c.post("/v2/lists/nope/entries/query", json!({})).await;
    c.post(
        "/v2/lists/enterprise_pipeline/entries/query",
        json!({"filter_view_id": missing}),
    )
    .await;
    let entry_path = format!("/v2/lists/enterprise_pipeline/entries/{entry_id}");
    c.get(&entry_path).await;
    c.get(&format!("/v2/lists/enterprise_pipeline/entries/{missing}"))
        .await;
    c.patch(
        &entry_path,
        json!({"data": {"entry_values": {"next_step": "Call"}}}),
    )
    .await;
    c.patch(&entry_path, json!({"data": {"entry_values": {"nope": 1}}}))
        .await;
    c.patch(
        &format!("/v2/lists/enterprise_pipeline/entries/{missing}"),
        json!({"data": {"entry_values": {}}}),
    )
    .await;
    c.put(
        &entry_path,
        json!({"data": {"entry_values": {"next_step": "Sign"}}}),
    )
    .await;
    c.put(&entry_path, json!({"data": {"entry_values": {"nope": 1}}}))
        .await;
    c.put(
        &format!("/v2/lists/enterprise_pipeline/entries/{missing}"),
        json!({"data": {"entry_values": {}}}),
    )
    .await;
    c.get(&format!(
        "{entry_path}/attributes/stage/values?show_historic=true"
    ))
    .await;
    c.get(&format!("{entry_path}/attributes/nope/values")).await;
    c.get(&format!(
        "/v2/objects/companies/records/{company_id}/entries"
    ))
    .await;

    // Members, notes, webhooks, self.
    let members = c.get("/v2/workspace_members").await;
    let member_id = members.data()[0]["id"]["workspace_member_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.get(&format!("/v2/workspace_members/{member_id}")).await;
    c.get(&format!("/v2/workspace_members/{missing}")).await;
    notes::exercise(&mut c, &person_id).await;
    let webhook = c
        .post("/v2/webhooks", json!({"data": {"target_url": "https://hooks.example.org/a", "subscriptions": [
            {"event_type": "record.created", "filter": {"$and": [{"field": "id.object_id", "operator": "equals", "value": "x"}]}}]}}))
        .await;
    let webhook_id = webhook.data()["id"]["webhook_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // 409: the same subscription again.
    c.post("/v2/webhooks", json!({"data": {"target_url": "https://hooks.example.org/a", "subscriptions": [
            {"event_type": "record.created", "filter": {"$and": [{"field": "id.object_id", "operator": "equals", "value": "x"}]}}]}}))
        .await;
    c.post(
        "/v2/webhooks",
        json!({"data": {"target_url": "http://insecure"}}),
    )
    .await;
    c.get("/v2/webhooks").await;
    c.get(&format!("/v2/webhooks/{webhook_id}")).await;
    c.get(&format!("/v2/webhooks/{missing}")).await;
    c.patch(
        &format!("/v2/webhooks/{webhook_id}"),
        json!({"data": {"target_url": "https://hooks.example.org/b"}}),
    )
    .await;
    c.patch(&format!("/v2/webhooks/{missing}"), json!({"data": {}}))
        .await;
    c.delete(&format!("/v2/webhooks/{webhook_id}")).await;
    c.delete(&format!("/v2/webhooks/{missing}")).await;
    c.get("/v2/self").await;
    forbidden::exercise(&mut c, &person_id, &entry_id).await;
    tasks::exercise(&mut c, &person_id, &member_id).await;
    comments::exercise(&mut c, &person_id, &entry_id, &member_id).await;
    core_2026::exercise(&mut c).await;
    part2::exercise(&mut c).await;

    // Deletes last.
    c.delete(&format!("/v2/lists/enterprise_pipeline/entries/{entry_id}"))
        .await;
    c.delete(&format!("/v2/lists/enterprise_pipeline/entries/{missing}"))
        .await;
    c.delete(&record_path).await;
    c.delete(&format!("/v2/objects/people/records/{missing}"))
        .await;

    c.finish();
}
