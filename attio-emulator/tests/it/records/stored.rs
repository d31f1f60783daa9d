//! How values are stored, normalised, kept in
//! history and read back, and relationship writes.

use super::*;

#[tokio::test]
async fn patch_prepends_new_values_and_put_replaces_them_in_order() {
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
async fn a_read_shows_every_attribute_and_the_system_values() {
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
async fn values_carry_metadata_and_their_history_is_kept() {
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
async fn values_are_normalised_per_attribute_type() {
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
async fn relationship_writes_update_the_inverse_side() {
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
async fn a_single_valued_inverse_moves_the_reference() {
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
