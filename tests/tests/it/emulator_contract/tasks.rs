//! The task part of the contract run: every path and method of
//! `/v2/tasks`, with successes and the errors the spec documents.

use serde_json::json;

use super::contract::{Contract, MISSING};

/// Creates, lists (with each filter), fetches, updates and deletes a task
/// linked to `person_id` and assigned to `member_id`.
pub(crate) async fn exercise(c: &mut Contract, person_id: &str, member_id: &str) {
    let missing = MISSING;
    let task = c
        .post("/v2/tasks", json!({"data": {"content": "Call", "format": "plaintext",
            "deadline_at": "2030-01-02T15:00:00Z", "is_completed": false,
            "linked_records": [{"target_object": "people", "target_record_id": person_id}],
            "assignees": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": member_id}]}}))
        .await;
    let task_id = task.data()["id"]["task_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.post(
        "/v2/tasks",
        json!({"data": {"content": "Unowned", "format": "plaintext",
        "deadline_at": null, "is_completed": true, "linked_records": [], "assignees": []}}),
    )
    .await;
    // 400 (a bad body) and 404 (an unknown linked object).
    c.post(
        "/v2/tasks",
        json!({"data": {"content": "x", "format": "markdown"}}),
    )
    .await;
    c.post("/v2/tasks", json!({"data": {"content": "x", "format": "plaintext", "deadline_at": null,
        "is_completed": false, "linked_records": [{"target_object": "nope", "target_record_id": missing}],
        "assignees": []}}))
        .await;
    // `linked_records` as bare record ids.
    c.post(
        "/v2/tasks",
        json!({"data": {"content": "By id", "format": "plaintext",
        "deadline_at": null, "is_completed": false, "linked_records": [person_id], "assignees": []}}),
    )
    .await;
    c.get("/v2/tasks").await;
    c.get("/v2/tasks?sort=completed_at:asc").await;
    c.get("/v2/tasks?sort=completed_at:desc").await;
    c.get("/v2/tasks?limit=1&offset=1&sort=created_at:desc")
        .await;
    c.get(&format!(
        "/v2/tasks?linked_object=people&linked_record_id={person_id}&is_completed=false"
    ))
    .await;
    c.get(&format!("/v2/tasks?assignee={member_id}")).await;
    c.get("/v2/tasks?assignee=null").await;
    c.get(&format!("/v2/tasks/{task_id}")).await;
    c.get(&format!("/v2/tasks/{missing}")).await;
    let task_path = format!("/v2/tasks/{task_id}");
    c.patch(
        &task_path,
        json!({"data": {"is_completed": true, "deadline_at": null}}),
    )
    .await;
    c.patch(&task_path, json!({"data": {"content": "not updatable"}}))
        .await;
    c.patch(&format!("/v2/tasks/{missing}"), json!({"data": {}}))
        .await;
    c.delete(&task_path).await;
    c.delete(&format!("/v2/tasks/{missing}")).await;
}
