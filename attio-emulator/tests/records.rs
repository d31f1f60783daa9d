//! Checklist items 6–13, 15 and 17–20: writing record values.

mod common;

use common::{is_attio_timestamp, Api};
use serde_json::{json, Value};

fn values(reply: &common::Reply) -> &Value {
    &reply.data()["values"]
}

#[tokio::test]
async fn c06_unknown_attribute_is_value_not_found() {
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
async fn c07_non_writable_attributes_are_refused() {
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
async fn c08_invalid_values_are_400_validation_type_naming_the_slug() {
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
async fn c08_latitude_out_of_range_is_refused() {
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
async fn c09_several_values_for_a_single_value_attribute_are_refused() {
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
async fn c10_unknown_or_archived_option_or_status_is_value_not_found() {
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
async fn c11_references_to_missing_records_or_members_are_refused() {
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
async fn c12_missing_required_attribute_is_missing_value_naming_the_attribute_id() {
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
async fn c13_unique_conflicts_are_400_and_nothing_is_stored() {
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

fn emails(reply: &common::Reply) -> Vec<String> {
    values(reply)["email_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["email_address"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn c15_patch_prepends_and_dedupes_put_replaces_in_order() {
    let api = Api::start().await;
    let id = api
        .create(
            "people",
            json!({"email_addresses": ["a@acme.com", "b@acme.com"]}),
        )
        .await;
    let path = format!("/v2/objects/people/records/{id}");
    let reply = api
        .patch(
            &path,
            json!({"data": {"values": {"email_addresses": ["c@acme.com", "A@ACME.com"]}}}),
        )
        .await;
    assert_eq!(emails(&reply), ["c@acme.com", "a@acme.com", "b@acme.com"]);
    // PATCH never removes.
    let reply = api
        .patch(&path, json!({"data": {"values": {"email_addresses": []}}}))
        .await;
    assert_eq!(emails(&reply), ["c@acme.com", "a@acme.com", "b@acme.com"]);
    let reply = api
        .put(
            &path,
            json!({"data": {"values": {"email_addresses": ["b@acme.com", "d@acme.com"]}}}),
        )
        .await;
    assert_eq!(emails(&reply), ["b@acme.com", "d@acme.com"]);
    // Omitted attributes are untouched by both.
    api.patch(&path, json!({"data": {"values": {"job_title": "CTO"}}}))
        .await
        .assert_ok();
    let reply = api
        .put(&path, json!({"data": {"values": {"description": "x"}}}))
        .await;
    assert_eq!(emails(&reply), ["b@acme.com", "d@acme.com"]);
    assert_eq!(values(&reply)["job_title"][0]["value"], "CTO");
}

#[tokio::test]
async fn c17_reads_list_every_attribute_and_system_values() {
    let api = Api::start().await;
    let id = api.create("people", json!({"job_title": "Engineer"})).await;
    let reply = api.get(&format!("/v2/objects/people/records/{id}")).await;
    let data = reply.assert_ok();
    let attributes = api.get("/v2/objects/people/attributes").await;
    for attribute in attributes.data().as_array().unwrap() {
        let slug = attribute["api_slug"].as_str().unwrap();
        assert!(
            data["values"][slug].is_array(),
            "{slug} missing from values"
        );
    }
    assert_eq!(data["values"]["email_addresses"], json!([]));
    assert_eq!(data["values"]["record_id"][0]["value"], id.as_str());
    assert!(is_attio_timestamp(
        &data["values"]["created_at"][0]["value"]
    ));
    assert_eq!(
        data["values"]["created_by"][0]["referenced_actor_type"],
        "api-token"
    );
    assert!(data["web_url"].as_str().unwrap().ends_with(&id));
    assert!(data["web_url"]
        .as_str()
        .unwrap()
        .starts_with("https://app.attio.com/"));
}

#[tokio::test]
async fn c18_values_carry_metadata_and_history_is_kept() {
    let api = Api::start().await;
    let id = api.create("people", json!({"job_title": "Engineer"})).await;
    let path = format!("/v2/objects/people/records/{id}");
    let reply = api.get(&path).await;
    let value = &values(&reply)["job_title"][0];
    for key in [
        "active_from",
        "active_until",
        "created_by_actor",
        "attribute_type",
    ] {
        assert!(value.get(key).is_some(), "{key} missing: {value}");
    }
    assert_eq!(value["active_until"], Value::Null);
    assert_eq!(value["attribute_type"], "text");
    assert_eq!(value["created_by_actor"]["type"], "api-token");
    api.patch(&path, json!({"data": {"values": {"job_title": "CTO"}}}))
        .await
        .assert_ok();
    let current = api
        .get(&format!("{path}/attributes/job_title/values"))
        .await;
    let current = current.assert_ok().as_array().unwrap().clone();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["value"], "CTO");
    let history = api
        .get(&format!(
            "{path}/attributes/job_title/values?show_historic=true"
        ))
        .await;
    let history = history.assert_ok().as_array().unwrap().clone();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["value"], "Engineer");
    assert!(is_attio_timestamp(&history[0]["active_until"]));
    assert_eq!(history[1]["value"], "CTO");
    assert_eq!(history[1]["active_until"], Value::Null);
    // Enriched and interaction attributes have no history.
    api.get(&format!(
        "{path}/attributes/twitter_follower_count/values?show_historic=true"
    ))
    .await
    .assert_error(400, "validation_type");
    api.get(&format!(
        "{path}/attributes/first_interaction/values?show_historic=true"
    ))
    .await
    .assert_error(400, "validation_type");
}

#[tokio::test]
async fn c19_values_are_normalised() {
    let api = Api::fixture().await;
    let id = api
        .create(
            "people",
            json!({
                "email_addresses": ["Ada.Lovelace@Acme.CO.UK"],
                "phone_numbers": [{"original_phone_number": "07700 900123", "country_code": "GB"}],
                "name": "Lovelace, Ada",
            }),
        )
        .await;
    let reply = api.get(&format!("/v2/objects/people/records/{id}")).await;
    let v = values(&reply);
    let email = &v["email_addresses"][0];
    assert_eq!(email["original_email_address"], "Ada.Lovelace@Acme.CO.UK");
    assert_eq!(email["email_address"], "ada.lovelace@acme.co.uk");
    assert_eq!(email["email_domain"], "acme.co.uk");
    assert_eq!(email["email_root_domain"], "acme.co.uk");
    assert_eq!(email["email_local_specifier"], "ada.lovelace");
    let phone = &v["phone_numbers"][0];
    assert_eq!(phone["phone_number"], "+447700900123");
    assert_eq!(phone["country_code"], "GB");
    assert_eq!(phone["original_phone_number"], "07700 900123");
    assert_eq!(v["name"][0]["full_name"], "Ada Lovelace");

    let company = api
        .create(
            "companies",
            json!({"domains": ["https://App.Acme.com/pricing?x=1"]}),
        )
        .await;
    let reply = api
        .get(&format!("/v2/objects/companies/records/{company}"))
        .await;
    let domain = &values(&reply)["domains"][0];
    assert_eq!(domain["domain"], "app.acme.com");
    assert_eq!(domain["root_domain"], "acme.com");

    let project = api
        .create(
            "projects",
            json!({
                "name": "P", "code": "P-1", "phase": "Not started",
                "kickoff_date": "2023-01-02T23:00:00-10:00",
                "last_reviewed_at": "2023-01-02T12:00:00+01:00",
                "budget": "1250.5",
            }),
        )
        .await;
    let reply = api
        .get(&format!("/v2/objects/projects/records/{project}"))
        .await;
    let v = values(&reply);
    assert_eq!(v["kickoff_date"][0]["value"], "2023-01-03");
    assert_eq!(
        v["last_reviewed_at"][0]["value"],
        "2023-01-02T11:00:00.000000000Z"
    );
    assert_eq!(v["budget"][0]["currency_value"], 1250.5);
    assert_eq!(v["budget"][0]["currency_code"], "EUR");
}

#[tokio::test]
async fn c20_relationship_writes_update_the_inverse_side() {
    let api = Api::start().await;
    let acme = api
        .create(
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        )
        .await;
    let ada = api
        .create(
            "people",
            json!({"email_addresses": ["ada@acme.com"], "company": "acme.com"}),
        )
        .await;
    let reply = api
        .get(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    let team = values(&reply)["team"].as_array().unwrap().clone();
    assert_eq!(team.len(), 1);
    assert_eq!(team[0]["target_record_id"], ada.as_str());
    assert_eq!(team[0]["target_object"], "people");
    // Clearing one side clears the other.
    api.patch(
        &format!("/v2/objects/people/records/{ada}"),
        json!({"data": {"values": {"company": []}}}),
    )
    .await
    .assert_ok();
    let reply = api
        .get(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    assert_eq!(values(&reply)["team"], json!([]));
    // Deleting a record removes references to it.
    api.patch(
        &format!("/v2/objects/companies/records/{acme}"),
        json!({"data": {"values": {"team": [{"target_object": "people", "target_record_id": ada}]}}}),
    )
    .await
    .assert_ok();
    let reply = api.get(&format!("/v2/objects/people/records/{ada}")).await;
    assert_eq!(
        values(&reply)["company"][0]["target_record_id"],
        acme.as_str()
    );
    api.delete(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    let reply = api.get(&format!("/v2/objects/people/records/{ada}")).await;
    assert_eq!(values(&reply)["company"], json!([]));
}

#[tokio::test]
async fn references_by_matching_attribute_and_select_options() {
    let api = Api::fixture().await;
    let acme = api
        .create(
            "companies",
            json!({"domains": ["acme.com"], "categories": ["B2B", "SaaS"]}),
        )
        .await;
    let reply = api
        .get(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    let categories = &values(&reply)["categories"];
    assert_eq!(categories[0]["option"]["title"], "B2B");
    assert_eq!(categories[1]["option"]["title"], "SaaS");
    assert_eq!(categories[0]["attribute_type"], "select");
    let ada = api
        .create(
            "people",
            json!({"company": [{"target_object": "companies", "domains": [{"domain": "acme.com"}]}]}),
        )
        .await;
    let reply = api.get(&format!("/v2/objects/people/records/{ada}")).await;
    assert_eq!(
        values(&reply)["company"][0]["target_record_id"],
        acme.as_str()
    );
}

#[tokio::test]
async fn defaults_apply_on_create() {
    let api = Api::fixture().await;
    let id = api
        .create(
            "projects",
            json!({"name": "P", "code": "P-1", "phase": "Not started"}),
        )
        .await;
    let reply = api.get(&format!("/v2/objects/projects/records/{id}")).await;
    let v = values(&reply);
    assert_eq!(v["billable"][0]["value"], true);
    assert_eq!(v["priority"][0]["option"]["title"], "P2 – normal");
    assert!(
        v["deadline"][0]["value"].is_string(),
        "dynamic P1M date default"
    );
}

#[tokio::test]
async fn c20_a_single_valued_inverse_moves_the_reference() {
    let api = Api::start().await;
    let acme = api
        .create("companies", json!({"domains": ["acme.com"]}))
        .await;
    let beta = api
        .create("companies", json!({"domains": ["beta.com"]}))
        .await;
    let ada = api
        .create(
            "people",
            json!({"email_addresses": ["ada@acme.com"], "company": "acme.com"}),
        )
        .await;
    // Adding Ada to Beta's team moves her single `company` to Beta, so she
    // leaves Acme's team.
    api.patch(
        &format!("/v2/objects/companies/records/{beta}"),
        json!({"data": {"values": {"team": [{"target_object": "people", "target_record_id": ada}]}}}),
    )
    .await
    .assert_ok();
    let person = api.get(&format!("/v2/objects/people/records/{ada}")).await;
    assert_eq!(
        values(&person)["company"][0]["target_record_id"],
        beta.as_str()
    );
    let old = api
        .get(&format!("/v2/objects/companies/records/{acme}"))
        .await;
    assert_eq!(values(&old)["team"], json!([]));
}
