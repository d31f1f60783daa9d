//! Writes the emulator refuses as Attio does, and that
//! nothing is stored by a refused write.

use super::*;

#[tokio::test]
async fn an_unknown_or_archived_attribute_is_refused_as_value_not_found() {
    let api = Api::fixture().await;
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"nickname": "Ada"}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
    assert_eq!(
        reply.body["message"],
        "Cannot find attribute with slug/ID \"nickname\"."
    );
    // Archived attributes are treated as unknown.
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"legacy_lead_score": 3}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
}

#[tokio::test]
async fn values_of_non_writable_attributes_are_refused() {
    let api = Api::start().await;
    for (attribute, value) in [
        ("record_id", json!("x")),
        ("logo_url", json!("https://x.com/logo.png")),
        (
            "first_email_interaction",
            json!({"interaction_type": "email"}),
        ),
    ] {
        let reply = api
            .post(
                "/v2/objects/companies/records",
                json!({"data": {"values": {attribute: value}}}),
            )
            .await;
        reply.assert_error(400, "validation_type");
    }
    let count = api
        .post("/v2/objects/companies/records/query", json!({}))
        .await;
    assert_eq!(
        count.assert_ok().as_array().unwrap().len(),
        0,
        "nothing was stored"
    );
}

#[tokio::test]
async fn invalid_values_are_400_validation_type_naming_the_attribute() {
    let api = Api::fixture().await;
    let cases = [
        ("people", "email_addresses", json!(["not-an-email"])),
        ("people", "email_addresses", json!(["ada@acme.test"])),
        ("people", "phone_numbers", json!(["5558675309"])),
        ("projects", "health", json!(6)),
        ("projects", "health", json!(2.5)),
        ("projects", "kickoff_date", json!("31/12/2024")),
        ("people", "name", json!({"first_name": "Ada"})),
        ("projects", "site", json!({"line_1": "1 Main St"})),
        ("projects", "budget_hours", json!("many")),
    ];
    for (object, slug, value) in cases {
        let mut body = json!({"data": {"values": {slug: value}}});
        if object == "projects" {
            body["data"]["values"]["name"] = json!("P");
            body["data"]["values"]["code"] = json!("P-1");
            body["data"]["values"]["phase"] = json!("Not started");
        }
        let reply = api
            .post(&format!("/v2/objects/{object}/records"), body)
            .await;
        reply.assert_error(400, "validation_type");
        assert_eq!(
            reply.body["message"],
            format!("An invalid value was passed to attribute with slug \"{slug}\"."),
            "{object}.{slug}"
        );
    }
    // Per-field errors for an incomplete personal name.
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"name": {"first_name": "Ada"}}}}),
        )
        .await;
    let paths: Vec<Value> = reply.body["validation_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].clone())
        .collect();
    assert_eq!(paths, vec![json!(["last_name"]), json!(["full_name"])]);
}

#[tokio::test]
async fn a_latitude_out_of_range_is_refused() {
    let api = Api::start().await;
    let location = json!({
        "line_1": "1 Main St", "line_2": null, "line_3": null, "line_4": null,
        "locality": "Springfield", "region": "IL", "postcode": "62701", "country_code": "US",
        "latitude": "95.0", "longitude": "-89.6"
    });
    let reply = api
        .post(
            "/v2/objects/companies/records",
            json!({"data": {"values": {"primary_location": location}}}),
        )
        .await;
    reply.assert_error(400, "validation_type");
}

#[tokio::test]
async fn several_values_for_a_single_value_attribute_are_refused() {
    let api = Api::start().await;
    let reply = api
        .post(
            "/v2/objects/companies/records",
            json!({"data": {"values": {"name": ["A", "B"]}}}),
        )
        .await;
    reply.assert_error(400, "validation_type");
    // One-element arrays, bare values and object forms are all fine.
    for name in [json!(["A"]), json!("A"), json!({"value": "A"})] {
        api.create("companies", json!({"name": name})).await;
    }
}

#[tokio::test]
async fn an_unknown_or_archived_option_or_status_is_value_not_found() {
    let api = Api::fixture().await;
    let reply = api
        .post(
            "/v2/objects/companies/records",
            json!({"data": {"values": {"categories": ["Nonexistent"]}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
    assert_eq!(
        reply.body["message"],
        "Cannot find select attribute with select option title \"Nonexistent\"."
    );
    // Options are never auto-created.
    let options = api
        .get("/v2/objects/companies/attributes/categories/options?show_archived=true")
        .await;
    assert!(!options
        .assert_ok()
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["title"] == "Nonexistent"));
    // An archived option takes no writes.
    let archived = options
        .data()
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["is_archived"] == true)
        .expect("the fixture has an archived option")["title"]
        .as_str()
        .unwrap()
        .to_owned();
    api.post(
        "/v2/objects/companies/records",
        json!({"data": {"values": {"categories": [archived]}}}),
    )
    .await
    .assert_error(400, "value_not_found");
    let reply = api
        .post(
            "/v2/objects/deals/records",
            json!({"data": {"values": {"name": "D", "stage": "Negotiating", "owner": "ada@emulator.attio.dev"}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
}

#[tokio::test]
async fn references_to_missing_records_members_or_other_objects_are_refused() {
    let api = Api::fixture().await;
    let missing = "22222222-2222-4222-8222-222222222222";
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"company": [{"target_object": "companies", "target_record_id": missing}]}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
    // A reference to an object the attribute does not allow.
    let person = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"company": [{"target_object": "people", "target_record_id": person}]}}}),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    // An actor reference to an unknown member.
    let reply = api
        .post(
            "/v2/objects/deals/records",
            json!({"data": {"values": {"name": "D", "stage": "Lead", "owner": "nobody@acme.com"}}}),
        )
        .await;
    reply.assert_error(400, "value_not_found");
}

#[tokio::test]
async fn a_missing_required_value_is_missing_value_naming_the_attribute_id() {
    let api = Api::start().await;
    let owner = api.get("/v2/objects/deals/attributes/owner").await;
    let owner_id = owner.assert_ok()["id"]["attribute_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = api
        .post(
            "/v2/objects/deals/records",
            json!({"data": {"values": {"name": "Deal", "stage": "Lead"}}}),
        )
        .await;
    reply.assert_error(400, "missing_value");
    assert_eq!(
        reply.body["message"],
        format!("Required value for attribute with ID \"{owner_id}\" was not provided.")
    );
    // Removing a required value on update is refused too.
    let id = api
        .create(
            "deals",
            json!({"name": "Deal", "stage": "Lead", "owner": "ada@emulator.attio.dev"}),
        )
        .await;
    api.patch(
        &format!("/v2/objects/deals/records/{id}"),
        json!({"data": {"values": {"name": []}}}),
    )
    .await
    .assert_error(400, "missing_value");
}

#[tokio::test]
async fn unique_conflicts_are_400_and_nothing_is_stored() {
    let api = Api::start().await;
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let reply = api
        .post(
            "/v2/objects/people/records",
            json!({"data": {"values": {"email_addresses": ["other@acme.com", "ADA@acme.com"], "job_title": "x"}}}),
        )
        .await;
    reply.assert_error(400, "uniqueness_conflict");
    assert!(reply.body["message"]
        .as_str()
        .unwrap()
        .contains("\"email_addresses\""));
    let all = api
        .post("/v2/objects/people/records/query", json!({}))
        .await;
    assert_eq!(
        all.assert_ok().as_array().unwrap().len(),
        1,
        "nothing was stored"
    );
    // On PATCH and PUT as well.
    let bob = api
        .create("people", json!({"email_addresses": ["bob@acme.com"]}))
        .await;
    for method in ["PATCH", "PUT"] {
        let path = format!("/v2/objects/people/records/{bob}");
        let body =
            json!({"data": {"values": {"email_addresses": ["ada@acme.com"], "job_title": "Boss"}}});
        let reply = if method == "PATCH" {
            api.patch(&path, body).await
        } else {
            api.put(&path, body).await
        };
        reply.assert_error(400, "uniqueness_conflict");
    }
    let bob_now = api.get(&format!("/v2/objects/people/records/{bob}")).await;
    assert_eq!(
        values(&bob_now)["job_title"],
        json!([]),
        "the rejected update left no trace"
    );
    // Writing a record's own value again is not a conflict.
    api.patch(
        &format!("/v2/objects/people/records/{ada}"),
        json!({"data": {"values": {"email_addresses": ["ada@acme.com"]}}}),
    )
    .await
    .assert_ok();
}
