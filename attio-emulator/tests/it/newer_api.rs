//! What the live API does beyond Attio's 2025 OpenAPI document: `meeting_id`
//! on notes, `token_level` on `/v2/self`, integral floats as body counts —
//! and the shapes its October 2026 document gives operations served before:
//! notes updated, tasks' `completed_at` and links by record id, threads
//! read by cursor, 403 `unauthorized` for a missing scope.

use crate::support;

use crate::support::Api;
use serde_json::{json, Value};

const MEETING: &str = "14beef7a-99f7-4534-a87e-70b564330a4c";

fn note(record: &str, meeting_id: Option<Value>) -> Value {
    let mut data = json!({"parent_object": "people", "parent_record_id": record,
        "title": "Call", "format": "plaintext", "content": "x"});
    if let Some(meeting_id) = meeting_id {
        data["meeting_id"] = meeting_id;
    }
    json!({ "data": data })
}

#[tokio::test]
async fn notes_carry_meeting_id_null_or_as_created() {
    let api = Api::start().await;
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let plain = api.post("/v2/notes", note(&ada, None)).await;
    let plain = plain.assert_ok().clone();
    assert_eq!(plain.get("meeting_id"), Some(&Value::Null));
    let explicit_null = api.post("/v2/notes", note(&ada, Some(Value::Null))).await;
    assert_eq!(explicit_null.assert_ok()["meeting_id"], Value::Null);
    let met = api
        .post("/v2/notes", note(&ada, Some(json!(MEETING))))
        .await;
    let met = met.assert_ok().clone();
    assert_eq!(met["meeting_id"], MEETING);

    let id = met["id"]["note_id"].as_str().unwrap();
    assert_eq!(
        api.get(&format!("/v2/notes/{id}")).await.assert_ok()["meeting_id"],
        MEETING
    );
    let listed = api.get(&format!("/v2/notes?parent_record_id={ada}")).await;
    let listed = listed.assert_ok().as_array().unwrap().clone();
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|n| n.get("meeting_id").is_some()));
    let by_id = |n: &Value| n["id"]["note_id"].clone();
    let plain_listed = listed.iter().find(|n| by_id(n) == by_id(&plain)).unwrap();
    assert_eq!(plain_listed["meeting_id"], Value::Null);

    api.post("/v2/notes", note(&ada, Some(json!("not-a-uuid"))))
        .await
        .assert_error(400, "validation_type");
    api.post("/v2/notes", note(&ada, Some(json!(5))))
        .await
        .assert_error(400, "validation_type");
}

#[tokio::test]
async fn self_says_the_token_is_a_workspace_token() {
    let api = Api::start().await;
    let me = api.get("/v2/self").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["token_level"], "workspace");
}

async fn query(api: &Api, body: Value) -> support::Reply {
    api.post("/v2/objects/companies/records/query", body).await
}

#[tokio::test]
async fn integral_floats_count_in_query_bodies() {
    let api = Api::start().await;
    for i in 0..5 {
        api.create("companies", json!({"name": format!("Company {i}")}))
            .await;
    }
    let page = query(&api, json!({"limit": 2.0, "offset": 1.0})).await;
    assert_eq!(page.assert_ok().as_array().unwrap().len(), 2);
    let all = query(&api, json!({"limit": 50.0})).await;
    assert_eq!(all.assert_ok().as_array().unwrap().len(), 5);
    for bad in [json!(2.5), json!(-1), json!(-1.0), json!("3")] {
        for key in ["limit", "offset"] {
            let reply = query(&api, json!({ key: bad.clone() })).await;
            reply.assert_error(400, "validation_type");
            assert_eq!(
                reply.body["validation_errors"][0]["message"], "Expected a non-negative integer.",
                "{key}: {bad}"
            );
        }
    }
}

#[tokio::test]
async fn integral_floats_count_in_entry_queries() {
    let api = Api::fixture().await;
    let lists = api.get("/v2/lists").await;
    let list = lists.assert_ok()[0]["api_slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v2/lists/{list}/entries/query");
    api.post(&path, json!({"limit": 50.0, "offset": 0.0}))
        .await
        .assert_ok();
    api.post(&path, json!({"limit": 2.5}))
        .await
        .assert_error(400, "validation_type");
}

async fn attribute(api: &Api, object: &str, slug: &str) -> Value {
    let reply = api
        .get(&format!("/v2/objects/{object}/attributes/{slug}"))
        .await;
    reply.assert_ok().clone()
}

#[tokio::test]
async fn both_sides_of_a_seeded_pair_describe_each_other() {
    let api = Api::fixture().await;
    let team = attribute(&api, "companies", "team").await;
    let company = attribute(&api, "people", "company").await;
    assert_eq!(
        team["relationship"],
        json!({"id": company["id"], "object_slug": "people", "title": company["title"],
            "api_slug": "company", "is_multiselect": false})
    );
    assert_eq!(
        company["relationship"],
        json!({"id": team["id"], "object_slug": "companies", "title": team["title"],
            "api_slug": "team", "is_multiselect": true})
    );
    let name = attribute(&api, "companies", "name").await;
    assert_eq!(name.get("relationship"), Some(&Value::Null));
}

#[tokio::test]
async fn an_id_only_snapshot_is_described_in_full_when_seeded() {
    let mut snapshot = support::fixture();
    for object in &mut snapshot.workspace.objects {
        for attribute in &mut object.attributes {
            if let Some(relationship) = &mut attribute.relationship {
                *relationship = attio_schema::Relationship::to(relationship.id.clone());
            }
        }
    }
    let api = Api::with(
        attio_emulator::Emulator::builder()
            .without_rate_limits()
            .schema(snapshot),
    )
    .await;
    let team = attribute(&api, "companies", "team").await;
    assert_eq!(team["relationship"]["object_slug"], "people");
    assert_eq!(team["relationship"]["api_slug"], "company");
    assert_eq!(team["relationship"]["is_multiselect"], false);
}

#[tokio::test]
async fn renaming_one_side_shows_on_the_other() {
    let api = Api::fixture().await;
    // System attributes cannot be edited; a renamed object shows too.
    api.patch(
        "/v2/objects/people",
        json!({"data": {"api_slug": "humans"}}),
    )
    .await
    .assert_ok();
    let team = attribute(&api, "companies", "team").await;
    assert_eq!(team["relationship"]["object_slug"], "humans");
}

#[tokio::test]
async fn retitling_a_custom_side_shows_on_the_other() {
    let mut snapshot = support::fixture();
    let companies = snapshot
        .workspace
        .objects
        .iter_mut()
        .find(|o| o.api_slug == "companies")
        .unwrap();
    let team = companies
        .attributes
        .iter_mut()
        .find(|a| a.api_slug == "team")
        .unwrap();
    team.is_system_attribute = false;
    let api = Api::with(
        attio_emulator::Emulator::builder()
            .without_rate_limits()
            .schema(snapshot),
    )
    .await;
    let patched = api
        .patch(
            "/v2/objects/companies/attributes/team",
            json!({"data": {"title": "Staff", "api_slug": "staff"}}),
        )
        .await;
    assert_eq!(patched.assert_ok()["relationship"]["api_slug"], "company");
    let company = attribute(&api, "people", "company").await;
    assert_eq!(company["relationship"]["title"], "Staff");
    assert_eq!(company["relationship"]["api_slug"], "staff");
    assert_eq!(company["relationship"]["object_slug"], "companies");
}

#[tokio::test]
async fn a_relationship_created_with_its_first_side_creates_the_other() {
    let api = Api::fixture().await;
    let body = json!({"data": {"title": "Mentor", "description": null, "api_slug": "mentor",
        "type": "record-reference", "is_required": false, "is_unique": false,
        "is_multiselect": false, "config": {"record_reference": {"allowed_objects": ["people"]}},
        "relationship": {"object": "people", "title": "Mentees", "api_slug": "mentees",
            "is_multiselect": true}}});
    let created = api
        .post("/v2/objects/people/attributes", body.clone())
        .await;
    let mentor = created.assert_ok().clone();
    let mentees = attribute(&api, "people", "mentees").await;
    assert_eq!(
        mentor["relationship"],
        json!({"id": mentees["id"], "object_slug": "people", "title": "Mentees",
            "api_slug": "mentees", "is_multiselect": true})
    );
    assert_eq!(
        mentees["relationship"],
        json!({"id": mentor["id"], "object_slug": "people", "title": "Mentor",
            "api_slug": "mentor", "is_multiselect": false})
    );
    assert_eq!(mentees["type"], "record-reference");

    // Writing one side shows on the other.
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let grace = api
        .create(
            "people",
            json!({"email_addresses": ["grace@acme.com"],
            "mentor": [{"target_object": "people", "target_record_id": ada}]}),
        )
        .await;
    let read = api.get(&format!("/v2/objects/people/records/{ada}")).await;
    let mentees_of_ada = &read.assert_ok()["values"]["mentees"];
    assert_eq!(
        mentees_of_ada[0]["target_record_id"], grace,
        "{mentees_of_ada}"
    );

    // The other side's slug must be free, and the object must exist.
    api.post("/v2/objects/people/attributes", {
        let mut again = body.clone();
        again["data"]["api_slug"] = json!("coach");
        again["data"]["relationship"]["api_slug"] = json!("mentor");
        again
    })
    .await
    .assert_error(409, "slug_conflict");
    api.post("/v2/objects/people/attributes", {
        let mut nowhere = body.clone();
        nowhere["data"]["api_slug"] = json!("sponsor");
        nowhere["data"]["relationship"]["object"] = json!("nope");
        nowhere
    })
    .await
    .assert_error(404, "not_found");
    api.post("/v2/objects/people/attributes", {
        let mut text = body.clone();
        text["data"]["api_slug"] = json!("nickname");
        text["data"]["type"] = json!("text");
        text["data"]["config"] = json!({});
        text
    })
    .await
    .assert_error(400, "validation_type");
    // A pair with another object allows that object only, and nothing is
    // created when it does not.
    let elsewhere = |allowed: Value| {
        let mut patron = body.clone();
        patron["data"]["api_slug"] = json!("patron");
        patron["data"]["config"]["record_reference"]["allowed_objects"] = allowed;
        patron["data"]["relationship"] = json!({"object": "companies", "title": "Protégés",
            "api_slug": "proteges", "is_multiselect": true});
        patron
    };
    let mixed = api
        .post(
            "/v2/objects/people/attributes",
            elsewhere(json!(["people"])),
        )
        .await;
    mixed.assert_error(400, "validation_type");
    assert_eq!(
        mixed.body["validation_errors"][0]["path"],
        json!(["data", "config", "record_reference", "allowed_objects"]),
        "{}",
        mixed.body
    );
    let slugs = |attributes: &Value| -> Vec<String> {
        attributes
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["api_slug"].as_str().unwrap().to_owned())
            .collect()
    };
    let people = api.get("/v2/objects/people/attributes").await;
    assert!(!slugs(people.assert_ok()).contains(&"patron".to_owned()));
    let companies = api.get("/v2/objects/companies/attributes").await;
    assert!(!slugs(companies.assert_ok()).contains(&"proteges".to_owned()));
    let patron = api
        .post(
            "/v2/objects/people/attributes",
            elsewhere(json!(["companies"])),
        )
        .await;
    assert_eq!(
        patron.assert_ok()["relationship"]["object_slug"],
        "companies"
    );
    let proteges = attribute(&api, "companies", "proteges").await;
    assert_eq!(proteges["relationship"]["api_slug"], "patron");
    assert_eq!(proteges["relationship"]["object_slug"], "people");
}

#[tokio::test]
async fn a_note_is_updated_by_title_or_by_content_with_its_format() {
    let api = Api::start().await;
    let ada = api.create("people", json!({"name": "Ada Lovelace"})).await;
    let note = api.post("/v2/notes", note(&ada, None)).await;
    let id = note.assert_ok()["id"]["note_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v2/notes/{id}");
    let updated = api
        .patch(
            &path,
            json!({"data": {"content": "# New", "format": "markdown"}}),
        )
        .await;
    let updated = updated.assert_ok();
    assert_eq!(updated["title"], "Call");
    assert_eq!(updated["content_plaintext"], "New");
    assert_eq!(updated["content_markdown"], "# New");
    assert_eq!(updated["tags"], json!([]));
    for refused in [
        json!({"data": {"content": "x"}}),
        json!({"data": {"format": "markdown"}}),
        json!({"data": {"content": "x", "format": "html"}}),
        json!({"data": {"parent_object": "companies"}}),
        json!({"data": {"title": 5}}),
    ] {
        api.patch(&path, refused.clone())
            .await
            .assert_error(400, "validation_type");
    }
    api.patch(
        "/v2/notes/55555555-5555-4555-8555-555555555555",
        json!({"data": {"title": "x"}}),
    )
    .await
    .assert_error(404, "not_found");
}

fn task(linked: Value, is_completed: bool) -> Value {
    json!({"data": {"content": "Call", "format": "plaintext", "deadline_at": null,
        "is_completed": is_completed, "linked_records": linked, "assignees": []}})
}

#[tokio::test]
async fn tasks_link_records_by_id_and_record_when_they_were_done() {
    let api = Api::start().await;
    let ada = api.create("people", json!({"name": "Ada Lovelace"})).await;
    let acme = api.create("companies", json!({"name": "Acme"})).await;
    let created = api
        .post("/v2/tasks", task(json!([ada, acme.to_uppercase()]), false))
        .await;
    let created = created.assert_ok().clone();
    let linked = created["linked_records"].as_array().unwrap();
    assert_eq!(linked.len(), 2);
    assert_eq!(linked[0]["target_record_id"], ada.as_str());
    assert_eq!(linked[1]["target_record_id"], acme.as_str());
    assert_eq!(created["completed_at"], Value::Null);
    // Ids and objects do not mix; an unknown id is not found.
    api.post(
        "/v2/tasks",
        task(
            json!([ada, {"target_object": "companies", "target_record_id": acme}]),
            false,
        ),
    )
    .await
    .assert_error(400, "validation_type");
    api.post(
        "/v2/tasks",
        task(json!(["55555555-5555-4555-8555-555555555555"]), false),
    )
    .await
    .assert_error(404, "not_found");

    let id = created["id"]["task_id"].as_str().unwrap();
    let path = format!("/v2/tasks/{id}");
    let done = api
        .patch(&path, json!({"data": {"is_completed": true}}))
        .await;
    let completed_at = done.assert_ok()["completed_at"].clone();
    assert!(support::is_attio_timestamp(&completed_at), "{completed_at}");
    // Completing it again keeps the first time; reopening clears it.
    let again = api
        .patch(&path, json!({"data": {"is_completed": true}}))
        .await;
    assert_eq!(again.assert_ok()["completed_at"], completed_at);
    let reopened = api
        .patch(&path, json!({"data": {"is_completed": false}}))
        .await;
    assert_eq!(reopened.assert_ok()["completed_at"], Value::Null);
    let born_done = api.post("/v2/tasks", task(json!([]), true)).await;
    assert!(support::is_attio_timestamp(
        &born_done.assert_ok()["completed_at"]
    ));
    api.get("/v2/tasks?sort=completed_at:sideways")
        .await
        .assert_error(400, "validation_type");
}

#[tokio::test]
async fn a_thread_is_read_by_cursor_and_from_a_time() {
    let api = Api::start().await;
    let ada = api.create("people", json!({"name": "Ada Lovelace"})).await;
    let members = api.get("/v2/workspace_members").await;
    let member = members.assert_ok()[0]["id"]["workspace_member_id"].clone();
    let author = json!({"type": "workspace-member", "id": member});
    let comment = |at: &str, target: (&str, Value)| {
        let mut data =
            json!({"format": "plaintext", "content": at, "author": author, "created_at": at});
        data[target.0] = target.1;
        json!({ "data": data })
    };
    let first = api
        .post(
            "/v2/comments",
            comment(
                "2025-01-01T00:00:00Z",
                ("record", json!({"object": "people", "record_id": ada})),
            ),
        )
        .await;
    let thread = first.assert_ok()["thread_id"].as_str().unwrap().to_owned();
    for at in ["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"] {
        api.post("/v2/comments", comment(at, ("thread_id", json!(thread))))
            .await
            .assert_ok();
    }
    let texts = |reply: &support::Reply| -> Vec<String> {
        reply.body["data"]["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["content_plaintext"].as_str().unwrap().to_owned())
            .collect()
    };
    let path = format!("/v2/threads/{thread}");
    let whole = api.get(&path).await;
    assert_eq!(whole.status, 200);
    assert_eq!(texts(&whole).len(), 3);
    assert_eq!(whole.body["pagination"]["next_cursor"], Value::Null);
    let page = api.get(&format!("{path}?limit=2")).await;
    assert_eq!(
        texts(&page),
        ["2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"]
    );
    let cursor = page.body["pagination"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let rest = api.get(&format!("{path}?limit=2&cursor={cursor}")).await;
    assert_eq!(texts(&rest), ["2025-01-03T00:00:00Z"]);
    assert_eq!(rest.body["pagination"]["next_cursor"], Value::Null);
    let after = api
        .get(&format!("{path}?created_after=2025-01-01T12:00:00Z"))
        .await;
    assert_eq!(
        texts(&after),
        ["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"]
    );
    api.get(&format!("{path}?cursor=nope"))
        .await
        .assert_error(400, "validation_type");
    api.get(&format!("{path}?limit=251"))
        .await
        .assert_error(400, "validation_type");
}
