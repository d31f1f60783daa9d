//! What is not a record: list entries, notes, and raw calls for what the
//! bindings do not cover.

use super::*;

#[tokio::test]
async fn list_entries_round_trip() {
    let (emulator, client) = start().await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let parent = RecordRef::<Company>::new(acme.id.record_id.clone());
    let entry = client
        .create_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write()
                    .stage(EnterprisePipelineStage::DiscoveryCall)
                    .next_step("Book a demo"),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let entry_id = entry.id.entry_id.clone();
    assert_eq!(entry.parent_object, "companies");

    let updated = client
        .update_entry::<EnterprisePipelineEntry>(
            &entry_id,
            EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::Negotiation),
        )
        .await
        .unwrap();
    assert_eq!(
        updated.entry_values.stage,
        Some(EnterprisePipelineStage::Negotiation)
    );
    assert_eq!(
        updated.entry_values.next_step.as_deref(),
        Some("Book a demo")
    );

    // Assert by parent: the single entry is updated, not duplicated.
    let asserted = client
        .upsert_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::ClosedWon),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(asserted.id.entry_id, entry_id);

    let entries: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    client
        .delete_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap();
    let error = client
        .get_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    emulator.shutdown().await;
}

#[tokio::test]
async fn notes_on_a_record() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let id = &ada.id.record_id;
    let note = client
        .create_note::<Person>(
            id,
            "Call",
            "Talked about **engines**.",
            NoteFormat::Markdown,
        )
        .await
        .unwrap();
    assert_eq!(note.parent_object, "people");
    assert_eq!(&note.parent_record_id, id);
    assert_eq!(note.title, "Call");
    for i in 0..55 {
        client
            .create_note::<Person>(id, &format!("Note {i}"), "x", NoteFormat::Plaintext)
            .await
            .unwrap();
    }
    // Two pages of 50.
    assert_eq!(client.list_notes::<Person>(id).await.unwrap().len(), 56);
    client.delete_note(&note.id.note_id).await.unwrap();
    assert_eq!(client.list_notes::<Person>(id).await.unwrap().len(), 55);
    emulator.shutdown().await;
}

#[tokio::test]
async fn raw_calls_reach_what_the_bindings_do_not_cover() {
    let (emulator, client) = start().await;
    let created = client
        .raw(
            Method::POST,
            "/v2/objects/people/records",
            Some(serde_json::json!({"data": {"values": {"job_title": ["Pilot"]}}})),
        )
        .await
        .unwrap();
    assert_eq!(created["data"]["values"]["job_title"][0]["value"], "Pilot");
    let queried = client
        .raw(Method::POST, "/v2/objects/people/records/query", None)
        .await
        .unwrap();
    assert_eq!(queried["data"].as_array().unwrap().len(), 1);
    let error = client
        .raw(Method::GET, "/v2/objects/spaceships", None)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    emulator.shutdown().await;
}
