use serde_json::json;

use super::*;

const MEMBER: &str = "50cf242c-7fa3-4cad-87d0-75b1af71c57b";

#[test]
fn a_task_decodes_with_typed_ids_and_deadline() {
    let task: Task = serde_json::from_value(json!({
        "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c", "task_id": "649e34f4-c39a-4f4d-99ef-48a36bef8f04"},
        "content_plaintext": "Follow up",
        "deadline_at": "2030-01-02T15:00:00.000000000Z",
        "is_completed": false,
        "linked_records": [{"target_object_id": "7e35a1c2-0b5d-4d7e-9a51-3c7f0a9e8d21",
                            "target_record_id": "891dcbfc-9141-415d-9b2a-2238a6cc012d"}],
        "assignees": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER}],
        "created_by_actor": {"type": "api-token", "id": "a1b2"},
        "created_at": "2022-11-21T13:22:49.061281000Z"
    }))
    .unwrap();
    assert_eq!(task.id.task_id, "649e34f4-c39a-4f4d-99ef-48a36bef8f04");
    assert_eq!(
        task.deadline_at.map(|d| format_timestamp(&d)).as_deref(),
        Some("2030-01-02T15:00:00.000000000Z")
    );
    assert_eq!(task.assignees[0].referenced_actor_id, MEMBER);
    assert_eq!(
        task.assignees[0].referenced_actor_type,
        ActorType::WorkspaceMember
    );
}

#[test]
fn a_deadline_may_be_null_or_a_bare_date() {
    let read = |deadline: Value| {
        let mut raw = json!({
            "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c", "task_id": "649e34f4-c39a-4f4d-99ef-48a36bef8f04"},
            "content_plaintext": "", "is_completed": true, "linked_records": [], "assignees": [],
            "created_by_actor": {"type": "system", "id": null}, "created_at": "2022-11-21T13:22:49.061281000Z"});
        raw["deadline_at"] = deadline;
        serde_json::from_value::<Task>(raw).map(|t| t.deadline_at)
    };
    assert_eq!(read(Value::Null).unwrap(), None);
    assert_eq!(
        read(json!("2023-01-01"))
            .unwrap()
            .map(|d| format_timestamp(&d))
            .as_deref(),
        Some("2023-01-01T00:00:00.000000000Z")
    );
    assert!(read(json!("soon")).is_err());
}

#[test]
fn a_new_task_has_every_required_key() {
    let member = WorkspaceMemberId::new(MEMBER).unwrap();
    let body = NewTask::new("Call")
        .assign(&member)
        .assign_email("bo@acme.com")
        .body();
    assert_eq!(
        body,
        json!({"data": {"content": "Call", "format": "plaintext", "deadline_at": null,
            "is_completed": false, "linked_records": [],
            "assignees": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER},
                          {"workspace_member_email_address": "bo@acme.com"}]}})
    );
}

#[test]
fn queries_encode_emails_and_unassigned() {
    assert_eq!(TaskQuery::new().query_string(), "");
    assert_eq!(
        TaskQuery::new()
            .assignee_email("a+b@acme.com")
            .query_string(),
        "assignee=a%2Bb%40acme.com"
    );
    assert_eq!(
        TaskQuery::new().unassigned().query_string(),
        "assignee=null"
    );
}

#[test]
fn updates_set_only_what_is_given() {
    let member = WorkspaceMemberId::new(MEMBER).unwrap();
    assert_eq!(TaskUpdate::new().body(), json!({"data": {}}));
    assert_eq!(
        TaskUpdate::new().assign(&member).no_links().body(),
        json!({"data": {"assignees": [{"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER}],
            "linked_records": []}})
    );
}

#[test]
fn completed_at_is_read_and_sorts_by_it_are_spelled_as_attio_does() {
    let mut raw = json!({
        "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c", "task_id": "649e34f4-c39a-4f4d-99ef-48a36bef8f04"},
        "content_plaintext": "", "deadline_at": null, "is_completed": true, "linked_records": [], "assignees": [],
        "created_by_actor": {"type": "system", "id": null}, "created_at": "2022-11-21T13:22:49.061281000Z"});
    let older: Task = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(older.completed_at, None);
    raw["completed_at"] = json!("2024-03-04T05:06:07.000000000Z");
    let done: Task = serde_json::from_value(raw).unwrap();
    assert_eq!(
        done.completed_at.map(|d| format_timestamp(&d)).as_deref(),
        Some("2024-03-04T05:06:07.000000000Z")
    );
    assert_eq!(
        TaskQuery::new()
            .sort(TaskSort::CompletedDesc)
            .query_string(),
        "sort=completed_at%3Adesc"
    );
    assert_eq!(
        TaskQuery::new().sort(TaskSort::CompletedAsc).query_string(),
        "sort=completed_at%3Aasc"
    );
}
