//! The note part of the contract run: every path and method of
//! `/v2/notes`, with successes and the errors the document lists.

use serde_json::json;

use super::contract::{Contract, MISSING};

/// Creates, lists, reads, updates and deletes a note on `person_id`.
pub(crate) async fn exercise(c: &mut Contract, person_id: &str) {
    let missing = MISSING;
    let note = c
        .post("/v2/notes", json!({"data": {"parent_object": "people", "parent_record_id": person_id, "title": "Call",
            "format": "markdown", "content": "# Hi"}}))
        .await;
    let note_id = note.data()["id"]["note_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    c.post(
        "/v2/notes",
        json!({"data": {"parent_object": "nope", "parent_record_id": missing, "title": "x",
        "format": "plaintext", "content": "x"}}),
    )
    .await;
    c.get("/v2/notes?parent_object=people").await;
    c.get("/v2/notes?parent_object=nope").await;
    c.get(&format!("/v2/notes/{note_id}")).await;
    c.get(&format!("/v2/notes/{missing}")).await;
    c.patch(
        &format!("/v2/notes/{note_id}"),
        json!({"data": {"title": "Call, take 2"}}),
    )
    .await;
    c.patch(
        &format!("/v2/notes/{note_id}"),
        json!({"data": {"content": "**Agreed**", "format": "markdown"}}),
    )
    .await;
    c.patch(
        &format!("/v2/notes/{missing}"),
        json!({"data": {"title": "x"}}),
    )
    .await;
    c.delete(&format!("/v2/notes/{note_id}")).await;
    c.delete(&format!("/v2/notes/{missing}")).await;
}
