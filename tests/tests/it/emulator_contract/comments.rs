//! The thread and comment part of the contract run: every path and method
//! of `/v2/threads` and `/v2/comments`, with successes and the errors the
//! spec documents.

use serde_json::json;

use super::contract::{Contract, MISSING};

/// Starts a thread on the person `person_id` and one on the entry
/// `entry_id` of `enterprise_pipeline`, replies, lists and reads them, and
/// deletes a reply and then a thread by its first comment.
pub(crate) async fn exercise(c: &mut Contract, person_id: &str, entry_id: &str, member_id: &str) {
    let missing = MISSING;
    let author = json!({"type": "workspace-member", "id": member_id});
    let first = c
        .post(
            "/v2/comments",
            json!({"data": {"format": "plaintext", "content": "Call back?",
            "author": author, "record": {"object": "people", "record_id": person_id}}}),
        )
        .await;
    let thread_id = first.data()["thread_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let first_id = first.data()["id"]["comment_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let reply = c
        .post(
            "/v2/comments",
            json!({"data": {"format": "plaintext", "content": "Tomorrow",
            "author": author, "thread_id": thread_id, "created_at": "2025-01-02T10:00:00Z"}}),
        )
        .await;
    let reply_id = reply.data()["id"]["comment_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.post(
        "/v2/comments",
        json!({"data": {"format": "plaintext", "content": "On the entry",
        "author": author, "entry": {"list": "enterprise_pipeline", "entry_id": entry_id}}}),
    )
    .await;
    // 400: the thread does not exist (the spec's `value_not_found`).
    c.post(
        "/v2/comments",
        json!({"data": {"format": "plaintext", "content": "x",
        "author": author, "thread_id": missing}}),
    )
    .await;

    c.get(&format!("/v2/threads?object=people&record_id={person_id}"))
        .await;
    c.get(&format!(
        "/v2/threads?list=enterprise_pipeline&entry_id={entry_id}&limit=1&offset=0"
    ))
    .await;
    c.get("/v2/threads").await;
    c.get(&format!("/v2/threads/{thread_id}")).await;
    // A page of one comment, then the next by its cursor, then the
    // comments after a time.
    let first_page = c.get(&format!("/v2/threads/{thread_id}?limit=1")).await;
    let cursor = first_page.body()["pagination"]["next_cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.get(&format!("/v2/threads/{thread_id}?limit=1&cursor={cursor}"))
        .await;
    c.get(&format!(
        "/v2/threads/{thread_id}?created_after=2025-01-01T00:00:00Z"
    ))
    .await;
    c.get(&format!("/v2/threads/{missing}")).await;
    c.get(&format!("/v2/comments/{first_id}")).await;
    c.get(&format!("/v2/comments/{missing}")).await;
    c.delete(&format!("/v2/comments/{reply_id}")).await;
    c.delete(&format!("/v2/comments/{first_id}")).await;
    c.delete(&format!("/v2/comments/{missing}")).await;
}
