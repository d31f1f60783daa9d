//! The record operations Attio's core API gained by 2026, over HTTP: record
//! search, record merge, an attribute's value history written — what each
//! answers, what each refuses with which error, and which webhooks each
//! sends (views and object deletion are `core_2026_schema`).

use std::time::{Duration, Instant};

use attio_emulator::Emulator;
use serde_json::{json, Value};

use crate::support::{self, Api};
use crate::webhook_delivery::{quick, receiver, register, wait_for};

async fn fixture_with(builder: attio_emulator::EmulatorBuilder) -> Api {
    Api::with(builder.schema(support::fixture()).without_rate_limits()).await
}

fn search(query: &str, objects: Value) -> Value {
    json!({"query": query, "objects": objects, "request_as": {"type": "workspace"}})
}

#[tokio::test]
async fn search_finds_records_across_objects_by_name_domain_and_email() {
    let api = Api::start().await;
    let acme = api
        .create(
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        )
        .await;
    api.create("companies", json!({"name": "Globex"})).await;
    let ada = api
        .create(
            "people",
            json!({"name": "Ada Lovelace", "email_addresses": ["ada@acme.com"]}),
        )
        .await;
    let reply = api
        .post(
            "/v2/objects/records/search",
            search("ACME", json!(["companies", "people"])),
        )
        .await;
    let hits = reply.assert_ok().as_array().unwrap().clone();
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| h["id"]["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [acme.as_str(), ada.as_str()], "{hits:?}");
    assert_eq!(hits[0]["object_slug"], "companies");
    assert_eq!(hits[0]["record_text"], "Acme");
    assert_eq!(hits[0]["domains"], json!(["acme.com"]));
    assert_eq!(hits[0]["record_image"], Value::Null);
    assert_eq!(hits[1]["record_text"], "Ada Lovelace");
    assert_eq!(hits[1]["email_addresses"], json!(["ada@acme.com"]));
    assert_eq!(hits[1]["phone_numbers"], json!([]));
    // Only the objects asked for, at most `limit`.
    let people_only = api
        .post(
            "/v2/objects/records/search",
            search("lovelace", json!(["people"])),
        )
        .await;
    assert_eq!(people_only.assert_ok().as_array().unwrap().len(), 1);
    let mut limited = search("", json!(["companies"]));
    limited["limit"] = json!(1);
    let limited = api.post("/v2/objects/records/search", limited).await;
    assert_eq!(limited.assert_ok().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn search_refuses_what_attio_refuses() {
    let api = Api::start().await;
    let path = "/v2/objects/records/search";
    let mut no_request_as = search("a", json!(["people"]));
    no_request_as.as_object_mut().unwrap().remove("request_as");
    api.post(path, no_request_as)
        .await
        .assert_error(400, "validation_type");
    api.post(path, search("a", json!(["vehicles"])))
        .await
        .assert_error(400, "value_not_found");
    let mut zero = search("a", json!(["people"]));
    zero["limit"] = json!(0);
    api.post(path, zero)
        .await
        .assert_error(400, "validation_type");
    let mut stranger = search("a", json!(["people"]));
    stranger["request_as"] =
        json!({"type": "workspace-member", "email_address": "nobody@example.com"});
    api.post(path, stranger)
        .await
        .assert_error(400, "value_not_found");
    // A read: the record scope at read level is enough, none is not.
    let scoped = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .scopes(["object_configuration:read", "record_permission:read"]),
    )
    .await;
    scoped
        .post(path, search("a", json!(["people"])))
        .await
        .assert_ok();
    let unscoped = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .scopes(["object_configuration:read"]),
    )
    .await;
    let refused = unscoped.post(path, search("a", json!(["people"]))).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}

#[tokio::test]
async fn a_merge_makes_a_new_record_of_both_and_moves_their_entries() {
    let api = Api::with(
        Emulator::builder()
            .schema(support::fixture())
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    register(
        &api,
        &url,
        json!([{"event_type": "record.merged", "filter": null}]),
    )
    .await;
    let primary = api
        .create(
            "companies",
            json!({"name": "Acme", "domains": ["acme.com"]}),
        )
        .await;
    let secondary = api
        .create(
            "companies",
            json!({"name": "ACME Inc", "domains": ["acme.io"], "description": "Rockets"}),
        )
        .await;
    let entry = api
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            json!({"data": {"parent_object": "companies", "parent_record_id": secondary,
                            "entry_values": {"stage": "Prospecting"}}}),
        )
        .await;
    let entry_id = entry.assert_ok()["id"]["entry_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"data": {"primary_record_id": primary, "secondary_record_id": secondary}});
    let merged = api
        .post("/v2/objects/companies/records/merge", body.clone())
        .await;
    let new = merged.assert_ok()["new_record_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(new != primary && new != secondary);

    let record = api
        .get(&format!("/v2/objects/companies/records/{new}"))
        .await;
    let values = &record.assert_ok()["values"];
    assert_eq!(values["name"][0]["value"], "Acme", "the primary wins");
    assert_eq!(
        values["description"][0]["value"], "Rockets",
        "the secondary fills in"
    );
    let domains: Vec<&str> = values["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["acme.com", "acme.io"]);
    for old in [&primary, &secondary] {
        api.get(&format!("/v2/objects/companies/records/{old}"))
            .await
            .assert_error(404, "not_found");
    }
    let moved = api
        .get(&format!("/v2/lists/enterprise_pipeline/entries/{entry_id}"))
        .await;
    assert_eq!(moved.assert_ok()["parent_record_id"], new.as_str());
    // Not idempotent: the originals are gone.
    api.post("/v2/objects/companies/records/merge", body)
        .await
        .assert_error(404, "not_found");

    let got = wait_for(&received, 2).await;
    let mut duplicates: Vec<String> = got
        .iter()
        .map(|(_, body)| {
            let payload: Value = serde_json::from_slice(body).unwrap();
            let event = &payload["events"][0];
            assert_eq!(event["event_type"], "record.merged");
            assert_eq!(event["id"]["record_id"], new.as_str());
            event["duplicate_record_id"].as_str().unwrap().to_owned()
        })
        .collect();
    duplicates.sort();
    let mut originals = vec![primary, secondary];
    originals.sort();
    assert_eq!(duplicates, originals, "one event per original");
}

#[tokio::test]
async fn a_merge_refuses_itself_and_unknown_records() {
    let api = Api::start().await;
    let one = api.create("companies", json!({"name": "Acme"})).await;
    let path = "/v2/objects/companies/records/merge";
    api.post(
        path,
        json!({"data": {"primary_record_id": one, "secondary_record_id": one}}),
    )
    .await
    .assert_error(400, "self_merge");
    api.post(
        path,
        json!({"data": {"primary_record_id": one,
                        "secondary_record_id": "9b1c7f9e-3d2a-4a57-8f0e-2b1d3c4e5f60"}}),
    )
    .await
    .assert_error(404, "not_found");
    api.post(path, json!({"data": {"primary_record_id": one}}))
        .await
        .assert_error(400, "validation_type");
    api.post(
        "/v2/objects/vehicles/records/merge",
        json!({"data": {"primary_record_id": one, "secondary_record_id": one}}),
    )
    .await
    .assert_error(404, "not_found");
}

#[tokio::test]
async fn a_slow_merge_is_accepted_and_its_record_unreadable_until_done() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .slow_merges(Duration::from_millis(300)),
    )
    .await;
    let a = api.create("companies", json!({"name": "A"})).await;
    let b = api.create("companies", json!({"name": "B"})).await;
    let reply = api
        .post(
            "/v2/objects/companies/records/merge",
            json!({"data": {"primary_record_id": a, "secondary_record_id": b}}),
        )
        .await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    let new = reply.data()["new_record_id"].as_str().unwrap().to_owned();
    let path = format!("/v2/objects/companies/records/{new}");
    api.get(&path).await.assert_error(404, "merge_in_progress");
    let started = Instant::now();
    loop {
        let read = api.get(&path).await;
        if read.status == 200 {
            assert_eq!(read.data()["values"]["name"][0]["value"], "A");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{}", read.body);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn history(values: Value) -> Value {
    json!({"data": {"values": values, "replace_history": true}})
}

#[tokio::test]
async fn a_value_history_is_replaced_whole_and_fires_no_webhook() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(quick()),
    )
    .await;
    let (url, received) = receiver(0).await;
    register(
        &api,
        &url,
        json!([{"event_type": "record.updated", "filter": null}]),
    )
    .await;
    let id = api.create("companies", json!({"name": "Acme"})).await;
    let path = format!("/v2/objects/companies/records/{id}/attributes/name/values");
    let written = api
        .put(
            &path,
            history(json!([
                {"value": "Acme Corporation", "active_from": "2021-06-15T09:30:00Z", "active_until": null},
                {"value": "Acme (old name)", "active_from": "2020-01-01T00:00:00Z", "active_until": "2021-06-15T09:30:00Z"}
            ])),
        )
        .await;
    let written = written.assert_ok().as_array().unwrap().clone();
    assert_eq!(written.len(), 2);
    assert_eq!(written[0]["value"], "Acme (old name)", "oldest first");
    assert_eq!(written[0]["active_from"], "2020-01-01T00:00:00.000000000Z");
    let all = api.get(&format!("{path}?show_historic=true")).await;
    let all = all.assert_ok().as_array().unwrap().clone();
    assert_eq!(all.len(), 2, "the value \"Acme\" is gone: {all:?}");
    let current = api.get(&path).await;
    assert_eq!(current.assert_ok()[0]["value"], "Acme Corporation");

    // An ordinary update does fire: the one event that arrives is its own.
    api.patch(
        &format!("/v2/objects/companies/records/{id}"),
        json!({"data": {"values": {"description": "Rockets"}}}),
    )
    .await
    .assert_ok();
    wait_for(&received, 1).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "the history write sent nothing");
    let payload: Value = serde_json::from_slice(&got[0].1).unwrap();
    let description = api
        .get("/v2/objects/companies/attributes/description")
        .await;
    assert_eq!(
        payload["events"][0]["id"]["attribute_id"],
        description.assert_ok()["id"]["attribute_id"]
    );
}

#[tokio::test]
async fn a_value_history_is_checked_as_attio_checks_it() {
    let api = fixture_with(Emulator::builder()).await;
    let id = api.create("companies", json!({"name": "Acme"})).await;
    let path = |attribute: &str| {
        format!("/v2/objects/companies/records/{id}/attributes/{attribute}/values")
    };
    let overlapping = history(json!([
        {"value": "A", "active_from": "2020-01-01T00:00:00Z", "active_until": "2022-01-01T00:00:00Z"},
        {"value": "B", "active_from": "2021-01-01T00:00:00Z", "active_until": null}
    ]));
    api.put(&path("name"), overlapping)
        .await
        .assert_error(400, "multiple_values_for_single_value_attribute");
    api.put(&path("name"), history(json!([])))
        .await
        .assert_error(400, "validation_type");
    let not_replacing = json!({"data": {"values": [
        {"value": "A", "active_from": "2020-01-01T00:00:00Z", "active_until": null}], "replace_history": false}});
    api.put(&path("name"), not_replacing)
        .await
        .assert_error(400, "validation_type");
    let one = history(json!([
        {"value": "2020-01-01T00:00:00Z", "active_from": "2020-01-01T00:00:00Z", "active_until": null}
    ]));
    api.put(&path("created_at"), one.clone())
        .await
        .assert_error(400, "system_edit_unauthorized");
    api.put(&path("nickname"), one)
        .await
        .assert_error(404, "not_found");
    let twice = history(json!([
        {"value": "a.com", "active_from": "2020-01-01T00:00:00Z", "active_until": null},
        {"value": "a.com", "active_from": "2021-01-01T00:00:00Z", "active_until": null}
    ]));
    api.put(&path("domains"), twice)
        .await
        .assert_error(400, "duplicate_values");
    // The entry form: a list attribute of an entry.
    let entry = api
        .post(
            "/v2/lists/enterprise_pipeline/entries",
            json!({"data": {"parent_object": "companies", "parent_record_id": id,
                            "entry_values": {"stage": "Prospecting"}}}),
        )
        .await;
    let entry_id = entry.assert_ok()["id"]["entry_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let written = api
        .put(
            &format!("/v2/lists/enterprise_pipeline/entries/{entry_id}/attributes/next_step/values"),
            history(json!([
                {"value": "Call", "active_from": "2020-01-01T00:00:00Z", "active_until": "2020-02-01T00:00:00Z"},
                {"value": "Send the proposal", "active_from": "2020-02-01T00:00:00Z", "active_until": null}
            ])),
        )
        .await;
    assert_eq!(written.assert_ok().as_array().unwrap().len(), 2);
    let entry = api
        .get(&format!("/v2/lists/enterprise_pipeline/entries/{entry_id}"))
        .await;
    assert_eq!(
        entry.assert_ok()["entry_values"]["next_step"][0]["value"],
        "Send the proposal"
    );
}

#[tokio::test]
async fn merges_have_a_budget_of_five_a_second() {
    // Reads and writes in plenty, so that only the merge budget binds.
    let api = Api::with(Emulator::builder().rate_limits(1000, 1000)).await;
    let mut ids = Vec::new();
    for i in 0..22 {
        ids.push(
            api.create("companies", json!({"name": format!("C{i}")}))
                .await,
        );
    }
    let mut statuses = Vec::new();
    for pair in ids.chunks(2) {
        let reply = api
            .post(
                "/v2/objects/companies/records/merge",
                json!({"data": {"primary_record_id": pair[0], "secondary_record_id": pair[1]}}),
            )
            .await;
        if reply.status == 429 {
            reply.assert_error(429, "rate_limit_exceeded");
            assert!(reply.headers.contains_key("retry-after"));
        }
        statuses.push(reply.status);
    }
    // Eleven merges within a second or two: at most ten fit.
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(statuses.contains(&200), "{statuses:?}");
}
