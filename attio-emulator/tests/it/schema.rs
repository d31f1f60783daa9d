//! Schema endpoints: objects, attributes, options and statuses.

use crate::support::Api;
use serde_json::Value;

#[tokio::test]
async fn objects_list_has_the_standard_objects_without_a_snapshot() {
    let api = Api::start().await;
    let reply = api.get("/v2/objects").await;
    let slugs: Vec<&str> = reply
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["api_slug"].as_str().unwrap())
        .collect();
    for slug in ["people", "companies", "deals", "users", "workspaces"] {
        assert!(slugs.contains(&slug), "{slug}");
    }
    let people = api.get("/v2/objects/people").await;
    let people = people.assert_ok();
    for key in [
        "id",
        "api_slug",
        "singular_noun",
        "plural_noun",
        "created_at",
    ] {
        assert!(people.get(key).is_some(), "{key}");
    }
    assert!(people["id"]["workspace_id"].is_string());
    assert!(
        people.get("attributes").is_none(),
        "attributes are served separately"
    );
}

#[tokio::test]
async fn snapshot_objects_are_served() {
    let api = Api::fixture().await;
    let reply = api.get("/v2/objects/3pl_partners").await;
    assert_eq!(reply.assert_ok()["api_slug"], "3pl_partners");
}

#[tokio::test]
async fn attributes_have_every_key_and_hide_archived_unless_asked() {
    let api = Api::fixture().await;
    let visible = api.get("/v2/objects/people/attributes").await;
    let visible = visible.assert_ok().as_array().unwrap().clone();
    assert!(!visible.iter().any(|a| a["api_slug"] == "legacy_lead_score"));
    for key in [
        "id",
        "title",
        "description",
        "api_slug",
        "type",
        "is_system_attribute",
        "is_writable",
        "is_required",
        "is_unique",
        "is_multiselect",
        "is_default_value_enabled",
        "is_archived",
        "default_value",
        "relationship",
        "created_at",
        "config",
    ] {
        assert!(visible[0].get(key).is_some(), "{key} missing");
    }
    assert!(visible[0]["config"]["currency"].is_object());
    assert!(visible[0]["config"]["record_reference"].is_object());
    let all = api
        .get("/v2/objects/people/attributes?show_archived=true")
        .await;
    assert!(all
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["api_slug"] == "legacy_lead_score"));
    // A single archived attribute can still be fetched.
    let archived = api
        .get("/v2/objects/people/attributes/legacy_lead_score")
        .await;
    assert_eq!(archived.assert_ok()["is_archived"], true);
    let page = api
        .get("/v2/objects/people/attributes?limit=2&offset=1")
        .await;
    let page: Vec<Value> = page.assert_ok().as_array().unwrap().clone();
    assert_eq!(page, visible[1..3]);
}

#[tokio::test]
async fn options_and_statuses_are_listed_with_show_archived() {
    let api = Api::fixture().await;
    let options = api
        .get("/v2/objects/companies/attributes/categories/options")
        .await;
    let options = options.assert_ok().as_array().unwrap().clone();
    assert!(options.iter().all(|o| o["is_archived"] == false));
    assert!(options[0]["id"]["option_id"].is_string());
    let all = api
        .get("/v2/objects/companies/attributes/categories/options?show_archived=true")
        .await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), options.len() + 1);
    let statuses = api
        .get("/v2/lists/enterprise_pipeline/attributes/stage/statuses")
        .await;
    let statuses = statuses.assert_ok().as_array().unwrap().clone();
    assert!(statuses.iter().all(|s| s["is_archived"] == false));
    for key in ["celebration_enabled", "target_time_in_status"] {
        assert!(statuses[0].get(key).is_some(), "{key}");
    }
    // Options of a non-select attribute are refused.
    api.get("/v2/objects/companies/attributes/name/options")
        .await
        .assert_error(400, "validation_type");
}

fn attribute_body(slug: &str, attribute_type: &str, extra: Value) -> Value {
    let mut data = serde_json::json!({
        "title": slug, "description": null, "api_slug": slug, "type": attribute_type,
        "is_required": false, "is_unique": false, "is_multiselect": false, "config": {}
    });
    if let (Some(data), Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    serde_json::json!({"data": data})
}

#[tokio::test]
async fn objects_are_created_and_updated_and_a_taken_slug_is_409() {
    let api = Api::start().await;
    let created = api
        .post(
            "/v2/objects",
            serde_json::json!({"data": {"api_slug": "vehicles", "singular_noun": "Vehicle", "plural_noun": "Vehicles"}}),
        )
        .await;
    assert_eq!(created.assert_ok()["api_slug"], "vehicles");
    // A new object has the system attributes and takes records.
    let id = api.create("vehicles", serde_json::json!({})).await;
    let record = api.get(&format!("/v2/objects/vehicles/records/{id}")).await;
    assert_eq!(
        record.assert_ok()["values"]["record_id"][0]["value"],
        id.as_str()
    );
    api.post(
        "/v2/objects",
        serde_json::json!({"data": {"api_slug": "people", "singular_noun": "P", "plural_noun": "Ps"}}),
    )
    .await
    .assert_error(409, "slug_conflict");
    api.patch("/v2/objects/vehicles", serde_json::json!({"data": {}}))
        .await
        .assert_error(400, "validation_type");
    let renamed = api
        .patch(
            "/v2/objects/vehicles",
            serde_json::json!({"data": {"plural_noun": "Cars"}}),
        )
        .await;
    assert_eq!(renamed.assert_ok()["plural_noun"], "Cars");
    api.patch(
        "/v2/objects/vehicles",
        serde_json::json!({"data": {"api_slug": "companies"}}),
    )
    .await
    .assert_error(409, "slug_conflict");
}

#[tokio::test]
async fn a_new_reference_attribute_takes_object_slugs_and_shows_object_ids() {
    let api = Api::start().await;
    let companies = api.get("/v2/objects/companies").await;
    let companies_id = companies.assert_ok()["id"]["object_id"].clone();
    let body = attribute_body(
        "supplier",
        "record-reference",
        serde_json::json!({"config": {"record_reference": {"allowed_objects": ["companies"]}}}),
    );
    let created = api.post("/v2/objects/deals/attributes", body).await;
    let data = created.assert_ok();
    assert_eq!(
        data["config"]["record_reference"]["allowed_object_ids"],
        serde_json::json!([companies_id])
    );
    assert!(data["config"]["record_reference"]
        .get("allowed_objects")
        .is_none());
    assert_eq!(data["is_system_attribute"], false);
    // The new attribute takes values at once.
    let acme = api
        .create("companies", serde_json::json!({"domains": ["acme.com"]}))
        .await;
    let deal = api
        .create(
            "deals",
            serde_json::json!({"name": "D", "stage": "Lead", "owner": "ada@emulator.attio.dev", "supplier": "acme.com"}),
        )
        .await;
    let record = api.get(&format!("/v2/objects/deals/records/{deal}")).await;
    assert_eq!(
        record.assert_ok()["values"]["supplier"][0]["target_record_id"],
        acme.as_str()
    );
}

#[tokio::test]
async fn a_taken_attribute_slug_conflicts_even_when_archived() {
    let api = Api::fixture().await;
    for slug in ["job_title", "legacy_lead_score"] {
        api.post(
            "/v2/objects/people/attributes",
            attribute_body(slug, "text", Value::Null),
        )
        .await
        .assert_error(409, "slug_conflict");
    }
}

#[tokio::test]
async fn system_attributes_cannot_be_edited() {
    let api = Api::start().await;
    api.patch(
        "/v2/objects/people/attributes/job_title",
        serde_json::json!({"data": {"title": "Role"}}),
    )
    .await
    .assert_error(400, "system_edit_unauthorized");
}

#[tokio::test]
async fn unique_custom_attributes_are_refused_on_people_and_companies() {
    let api = Api::start().await;
    let body = attribute_body(
        "external_id",
        "text",
        serde_json::json!({"is_unique": true}),
    );
    api.post("/v2/objects/people/attributes", body.clone())
        .await
        .assert_error(400, "validation_type");
    api.post("/v2/objects/companies/attributes", body.clone())
        .await
        .assert_error(400, "validation_type");
    // Allowed elsewhere, and then usable for assert.
    api.post("/v2/objects/deals/attributes", body)
        .await
        .assert_ok();
    let plain = attribute_body("nickname", "text", Value::Null);
    api.post("/v2/objects/people/attributes", plain)
        .await
        .assert_ok();
    api.patch(
        "/v2/objects/people/attributes/nickname",
        serde_json::json!({"data": {"is_unique": true}}),
    )
    .await
    .assert_error(400, "validation_type");
}

#[tokio::test]
async fn an_attributes_type_and_multiselect_cannot_change() {
    let api = Api::start().await;
    api.post(
        "/v2/objects/deals/attributes",
        attribute_body("tier", "select", Value::Null),
    )
    .await
    .assert_ok();
    for change in [
        serde_json::json!({"type": "text"}),
        serde_json::json!({"is_multiselect": true}),
    ] {
        api.patch(
            "/v2/objects/deals/attributes/tier",
            serde_json::json!({"data": change}),
        )
        .await
        .assert_error(400, "validation_type");
    }
}

#[tokio::test]
async fn options_and_statuses_are_created_renamed_and_archived() {
    let api = Api::start().await;
    api.post(
        "/v2/objects/deals/attributes",
        attribute_body(
            "tier",
            "select",
            serde_json::json!({"is_multiselect": true}),
        ),
    )
    .await
    .assert_ok();
    let gold = api
        .post(
            "/v2/objects/deals/attributes/tier/options",
            serde_json::json!({"data": {"title": "Gold"}}),
        )
        .await;
    assert_eq!(gold.assert_ok()["title"], "Gold");
    api.post(
        "/v2/objects/deals/attributes/tier/options",
        serde_json::json!({"data": {"title": "Gold"}}),
    )
    .await
    .assert_error(409, "slug_conflict");
    // Options only exist on select attributes.
    api.post(
        "/v2/objects/deals/attributes/name/options",
        serde_json::json!({"data": {"title": "X"}}),
    )
    .await
    .assert_error(400, "validation_type");
    // Renaming an option shows on existing values; archiving it stops new writes.
    let owner = "ada@emulator.attio.dev";
    let deal = api
        .create(
            "deals",
            serde_json::json!({"name": "D", "stage": "Lead", "owner": owner, "tier": ["Gold"]}),
        )
        .await;
    api.patch(
        "/v2/objects/deals/attributes/tier/options/Gold",
        serde_json::json!({"data": {"title": "Platinum", "is_archived": true}}),
    )
    .await
    .assert_ok();
    let record = api.get(&format!("/v2/objects/deals/records/{deal}")).await;
    assert_eq!(
        record.assert_ok()["values"]["tier"][0]["option"]["title"],
        "Platinum"
    );
    let reply = api
        .post(
            "/v2/objects/deals/records",
            serde_json::json!({"data": {"values": {"name": "E", "stage": "Lead", "owner": owner, "tier": ["Platinum"]}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");

    let status = api
        .post(
            "/v2/objects/deals/attributes/stage/statuses",
            serde_json::json!({"data": {"title": "Negotiation", "celebration_enabled": true}}),
        )
        .await;
    assert_eq!(status.assert_ok()["celebration_enabled"], true);
    api.post(
        "/v2/objects/deals/attributes/stage/statuses",
        serde_json::json!({"data": {"title": "Lead"}}),
    )
    .await
    .assert_error(409, "slug_conflict");
    let patched = api
        .patch(
            "/v2/objects/deals/attributes/stage/statuses/Negotiation",
            serde_json::json!({"data": {"target_time_in_status": "P0Y0M3DT0H0M0S"}}),
        )
        .await;
    assert_eq!(
        patched.assert_ok()["target_time_in_status"],
        "P0Y0M3DT0H0M0S"
    );
}

#[tokio::test]
async fn archiving_an_attribute_hides_it_and_refuses_writes() {
    let api = Api::start().await;
    api.post(
        "/v2/objects/deals/attributes",
        attribute_body("region", "text", Value::Null),
    )
    .await
    .assert_ok();
    api.patch(
        "/v2/objects/deals/attributes/region",
        serde_json::json!({"data": {"is_archived": true}}),
    )
    .await
    .assert_ok();
    let visible = api.get("/v2/objects/deals/attributes").await;
    assert!(!visible
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["api_slug"] == "region"));
    let reply = api
        .post(
            "/v2/objects/deals/records",
            serde_json::json!({"data": {"values": {"name": "D", "stage": "Lead", "owner": "ada@emulator.attio.dev", "region": "EU"}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
}

#[tokio::test]
async fn lists_are_created_and_updated() {
    let api = Api::start().await;
    let body = serde_json::json!({"data": {
        "name": "Partners", "api_slug": "partners", "parent_object": "companies",
        "workspace_access": "full-access", "workspace_member_access": []
    }});
    let created = api.post("/v2/lists", body.clone()).await;
    let data = created.assert_ok();
    assert_eq!(data["parent_object"], serde_json::json!(["companies"]));
    assert_eq!(data["created_by_actor"]["type"], "api-token");
    api.post("/v2/lists", body)
        .await
        .assert_error(409, "slug_conflict");
    let patched = api
        .patch(
            "/v2/lists/partners",
            serde_json::json!({"data": {"name": "Key partners"}}),
        )
        .await;
    assert_eq!(patched.assert_ok()["name"], "Key partners");
    api.patch(
        "/v2/lists/partners",
        serde_json::json!({"data": {"parent_object": "people"}}),
    )
    .await
    .assert_error(400, "validation_type");
    // The new list takes entries.
    let acme = api
        .create("companies", serde_json::json!({"domains": ["acme.com"]}))
        .await;
    api.post(
        "/v2/lists/partners/entries",
        serde_json::json!({"data": {"parent_record_id": acme, "parent_object": "companies", "entry_values": {}}}),
    )
    .await
    .assert_ok();
    let no_admin = serde_json::json!({"data": {
        "name": "Hidden", "api_slug": "hidden", "parent_object": "companies",
        "workspace_access": null, "workspace_member_access": []
    }});
    api.post("/v2/lists", no_admin)
        .await
        .assert_error(400, "validation_type");
    // Nobody can configure a read-only list whose members only read: refused
    // on creation and when an update would make a list so.
    let ada = "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01";
    let restricted = |level: &str| {
        serde_json::json!({"data": {
            "name": "Board", "api_slug": "board", "parent_object": "companies",
            "workspace_access": "read-only",
            "workspace_member_access": [{"workspace_member_id": ada, "level": level}]
        }})
    };
    let refused = api.post("/v2/lists", restricted("read-only")).await;
    refused.assert_error(400, "validation_type");
    assert_eq!(
        refused.body["validation_errors"][0]["path"],
        serde_json::json!(["data", "workspace_access"]),
        "{}",
        refused.body
    );
    let board = api.post("/v2/lists", restricted("full-access")).await;
    assert_eq!(board.assert_ok()["workspace_access"], "read-only");
    api.patch(
        "/v2/lists/board",
        serde_json::json!({"data": {"workspace_member_access": []}}),
    )
    .await
    .assert_error(400, "validation_type");
    api.patch(
        "/v2/lists/partners",
        serde_json::json!({"data": {"workspace_access": "read-and-write"}}),
    )
    .await
    .assert_error(400, "validation_type");
}
