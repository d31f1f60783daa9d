//! Tasks: CRUD, validation, filters, sort, pagination and `task.*`
//! webhook events.

use crate::support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{is_attio_timestamp, Api};
use attio_emulator::{Emulator, WebhookDelivery};
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

/// The member every emulated workspace has.
const ADA: &str = "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01";
const ADA_EMAIL: &str = "ada@emulator.attio.dev";
const MISSING: &str = "44444444-4444-4444-8444-444444444444";

fn new_task(content: &str, linked: Value, assignees: Value, is_completed: bool) -> Value {
    json!({"data": {"content": content, "format": "plaintext", "deadline_at": null,
        "is_completed": is_completed, "linked_records": linked, "assignees": assignees}})
}

async fn create(api: &Api, body: Value) -> Value {
    api.post("/v2/tasks", body).await.assert_ok().clone()
}

fn task_id(task: &Value) -> String {
    task["id"]["task_id"].as_str().unwrap().to_owned()
}

fn contents(reply: &Value) -> Vec<String> {
    reply
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["content_plaintext"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn tasks_are_created_fetched_updated_and_deleted() {
    let api = Api::start().await;
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let task = create(
        &api,
        json!({"data": {"content": "Call Ada", "format": "plaintext",
            "deadline_at": "2030-01-02T15:00:00Z", "is_completed": false,
            "linked_records": [{"target_object": "people", "target_record_id": ada}],
            "assignees": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": ADA}]}}),
    )
    .await;
    let people_id = api.get("/v2/objects/people").await.assert_ok()["id"]["object_id"].clone();
    assert_eq!(task["content_plaintext"], "Call Ada");
    assert_eq!(task["deadline_at"], "2030-01-02T15:00:00.000000000Z");
    assert_eq!(task["is_completed"], false);
    assert_eq!(
        task["linked_records"],
        json!([{"target_object_id": people_id, "target_record_id": ada}])
    );
    assert_eq!(
        task["assignees"],
        json!([{"referenced_actor_type": "workspace-member", "referenced_actor_id": ADA}])
    );
    assert_eq!(task["created_by_actor"]["type"], "api-token");
    assert!(is_attio_timestamp(&task["created_at"]));
    let id = task_id(&task);
    assert_eq!(api.get(&format!("/v2/tasks/{id}")).await.assert_ok(), &task);

    let updated = api
        .patch(
            &format!("/v2/tasks/{id}"),
            json!({"data": {"is_completed": true, "deadline_at": null, "assignees": []}}),
        )
        .await;
    let updated = updated.assert_ok();
    assert_eq!(updated["is_completed"], true);
    assert_eq!(updated["deadline_at"], Value::Null);
    assert_eq!(updated["assignees"], json!([]));
    assert_eq!(updated["linked_records"], task["linked_records"]);
    assert_eq!(updated["content_plaintext"], "Call Ada");

    assert_eq!(api.delete(&format!("/v2/tasks/{id}")).await.body, json!({}));
    api.get(&format!("/v2/tasks/{id}"))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn links_and_assignees_take_their_other_forms() {
    let api = Api::start().await;
    let ada = api
        .create("people", json!({"email_addresses": ["ada@acme.com"]}))
        .await;
    let people_id = api.get("/v2/objects/people").await.assert_ok()["id"]["object_id"].clone();
    let task = create(
        &api,
        new_task(
            "By email",
            json!([{"target_object": people_id, "email_addresses": [{"email_address": "ada@acme.com"}]}]),
            json!([{"workspace_member_email_address": ADA_EMAIL}]),
            false,
        ),
    )
    .await;
    assert_eq!(task["linked_records"][0]["target_record_id"], ada.as_str());
    assert_eq!(task["assignees"][0]["referenced_actor_id"], ADA);
}

#[tokio::test]
async fn bad_bodies_are_refused_with_the_path_of_the_field() {
    let api = Api::start().await;
    let ada = api.create("people", json!({})).await;
    let path_of = |reply: &support::Reply| reply.body["validation_errors"][0]["path"].clone();
    let mut body = new_task("T", json!([]), json!([]), false);
    body["data"].as_object_mut().unwrap().remove("is_completed");
    let reply = api.post("/v2/tasks", body).await;
    reply.assert_error(400, "validation_type");
    assert_eq!(path_of(&reply), json!(["data", "is_completed"]));

    let mut body = new_task("T", json!([]), json!([]), false);
    body["data"]["format"] = json!("markdown");
    let reply = api.post("/v2/tasks", body).await;
    reply.assert_error(400, "validation_type");
    assert_eq!(path_of(&reply), json!(["data", "format"]));

    let mut body = new_task("T", json!([]), json!([]), false);
    body["data"]["deadline_at"] = json!("next tuesday");
    let reply = api.post("/v2/tasks", body).await;
    assert_eq!(path_of(&reply), json!(["data", "deadline_at"]));

    let reply = api
        .post(
            "/v2/tasks",
            new_task(
                "T",
                json!([]),
                json!([{"referenced_actor_type": "api-token"}]),
                false,
            ),
        )
        .await;
    reply.assert_error(400, "validation_type");
    assert_eq!(path_of(&reply), json!(["data", "assignees", 0]));

    let link =
        |object: &str, record: &str| json!([{"target_object": object, "target_record_id": record}]);
    api.post(
        "/v2/tasks",
        new_task("T", link("nope", &ada), json!([]), false),
    )
    .await
    .assert_error(404, "not_found");
    api.post(
        "/v2/tasks",
        new_task("T", link("people", MISSING), json!([]), false),
    )
    .await
    .assert_error(404, "not_found");
    let unknown_member =
        json!([{"referenced_actor_type": "workspace-member", "referenced_actor_id": MISSING}]);
    api.post("/v2/tasks", new_task("T", json!([]), unknown_member, false))
        .await
        .assert_error(404, "not_found");
    assert_eq!(api.get("/v2/tasks").await.assert_ok(), &json!([]));

    let task = create(&api, new_task("T", json!([]), json!([]), false)).await;
    let id = task_id(&task);
    let reply = api
        .patch(
            &format!("/v2/tasks/{id}"),
            json!({"data": {"content": "new"}}),
        )
        .await;
    reply.assert_error(400, "validation_type");
    assert_eq!(path_of(&reply), json!(["data", "content"]));
    let reply = api
        .patch(&format!("/v2/tasks/{MISSING}"), json!({"data": {}}))
        .await;
    reply.assert_error(404, "not_found");
    assert_eq!(
        reply.body["message"],
        format!("Could not find Task with ID \"{MISSING}\".")
    );
    api.delete(&format!("/v2/tasks/{MISSING}"))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn lists_filter_sort_and_page() {
    let api = Api::start().await;
    let ada = api.create("people", json!({})).await;
    let acme = api.create("companies", json!({})).await;
    let member = json!([{"referenced_actor_type": "workspace-member", "referenced_actor_id": ADA}]);
    let to_ada = json!([{"target_object": "people", "target_record_id": ada}]);
    let to_acme = json!([{"target_object": "companies", "target_record_id": acme}]);
    create(&api, new_task("one", to_ada.clone(), member.clone(), false)).await;
    create(&api, new_task("two", to_acme, json!([]), true)).await;
    create(&api, new_task("three", to_ada, json!([]), false)).await;

    let list = |query: String| {
        let api = &api;
        async move { contents(api.get(&format!("/v2/tasks{query}")).await.assert_ok()) }
    };
    assert_eq!(list(String::new()).await, ["one", "two", "three"]);
    assert_eq!(
        list("?sort=created_at:desc".into()).await,
        ["three", "two", "one"]
    );
    assert_eq!(list("?limit=1&offset=1".into()).await, ["two"]);
    assert_eq!(
        list(format!("?linked_object=people&linked_record_id={ada}")).await,
        ["one", "three"]
    );
    assert_eq!(list(format!("?assignee={ADA}")).await, ["one"]);
    assert_eq!(list(format!("?assignee={ADA_EMAIL}")).await, ["one"]);
    assert_eq!(list("?assignee=null".into()).await, ["two", "three"]);
    assert_eq!(list("?assignee=".into()).await, ["two", "three"]);
    assert_eq!(list("?is_completed=true".into()).await, ["two"]);
    assert_eq!(list("?is_completed=false".into()).await, ["one", "three"]);

    api.get("/v2/tasks?linked_object=people")
        .await
        .assert_error(400, "validation_type");
    api.get("/v2/tasks?sort=deadline_at:asc")
        .await
        .assert_error(400, "validation_type");
    api.get("/v2/tasks?is_completed=maybe")
        .await
        .assert_error(400, "validation_type");
}

#[tokio::test]
async fn writes_publish_task_events() {
    let api = Api::with(
        Emulator::builder()
            .without_rate_limits()
            .webhook_delivery(WebhookDelivery::default().timeout(Duration::from_secs(2))),
    )
    .await;
    let received: Arc<Mutex<Vec<Value>>> = Arc::default();
    let log = Arc::clone(&received);
    let app = Router::new().route(
        "/hook",
        post(move |body: Bytes| {
            let log = Arc::clone(&log);
            async move {
                log.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&body).unwrap());
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let subscriptions: Vec<Value> = ["task.created", "task.updated", "task.deleted"]
        .iter()
        .map(|t| json!({"event_type": t, "filter": null}))
        .collect();
    api.post(
        "/v2/webhooks",
        json!({"data": {"target_url": url, "subscriptions": subscriptions}}),
    )
    .await
    .assert_ok();

    let task = create(&api, new_task("T", json!([]), json!([]), false)).await;
    let id = task_id(&task);
    api.patch(
        &format!("/v2/tasks/{id}"),
        json!({"data": {"is_completed": true}}),
    )
    .await
    .assert_ok();
    api.delete(&format!("/v2/tasks/{id}")).await.assert_ok();

    let started = Instant::now();
    while received.lock().unwrap().len() < 3 && started.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut got: Vec<(String, Value)> = received
        .lock()
        .unwrap()
        .iter()
        .map(|p| {
            let event = &p["events"][0];
            (
                event["event_type"].as_str().unwrap().to_owned(),
                event["id"].clone(),
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let types: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["task.created", "task.deleted", "task.updated"]);
    for (_, event_id) in &got {
        assert_eq!(event_id, &task["id"]);
    }
}
