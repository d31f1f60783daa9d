//! The runtime's typed comment and thread calls against the emulator:
//! threads on a record and on an entry, replies, every page of threads,
//! deleting a reply and a whole thread, and bodies the spec accepts.

use attio_emulator::Emulator;
use attio_runtime::api::comments::NewComment;
use attio_runtime::value::{ActorType, RecordRef};
use attio_runtime::{EntryCreate, ErrorKind, ThreadId, WorkspaceMemberId};
use attio_tests::support::{self, MEMBER_ID};
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

#[tokio::test]
async fn a_thread_on_a_record_gets_a_reply_and_is_deleted_with_its_first_comment() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let ada = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let acme_id = acme.id.record_id.clone();

    let first = client
        .create_comment(&NewComment::on_record::<Company>(
            &acme_id,
            &ada,
            "Renewal in May?",
        ))
        .await
        .unwrap();
    assert_eq!(first.content_plaintext, "Renewal in May?");
    assert_eq!(first.record.record_id, acme_id);
    assert_eq!(first.record.object_id, acme.id.object_id.as_str());
    assert_eq!(first.entry, None);
    assert_eq!(
        (first.resolved_at.as_deref(), first.resolved_by.as_ref()),
        (None, None)
    );
    assert_eq!(first.author.actor_type, ActorType::WorkspaceMember);
    assert_eq!(first.author.id.as_deref(), Some(MEMBER_ID));

    let reply = client
        .create_comment(&NewComment::in_thread(
            &first.thread_id,
            &ada,
            "Yes, the 12th",
        ))
        .await
        .unwrap();
    assert_eq!(reply.thread_id, first.thread_id);
    assert_eq!(
        reply.record, first.record,
        "a reply is on its thread's record"
    );

    let thread = client.get_thread(&first.thread_id).await.unwrap();
    let texts: Vec<&str> = thread
        .comments
        .iter()
        .map(|c| c.content_plaintext.as_str())
        .collect();
    assert_eq!(texts, ["Renewal in May?", "Yes, the 12th"]);
    assert_eq!(thread.created_at, first.created_at);
    assert_eq!(
        client.get_comment(&reply.id.comment_id).await.unwrap(),
        reply
    );

    // A reply goes alone; the first comment takes its thread with it.
    client.delete_comment(&reply.id.comment_id).await.unwrap();
    assert_eq!(
        client
            .get_thread(&first.thread_id)
            .await
            .unwrap()
            .comments
            .len(),
        1
    );
    let again = client
        .create_comment(&NewComment::in_thread(&first.thread_id, &ada, "One more"))
        .await
        .unwrap();
    client.delete_comment(&first.id.comment_id).await.unwrap();
    let gone = client.get_thread(&first.thread_id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound, "{gone}");
    let reply_gone = client.get_comment(&again.id.comment_id).await.unwrap_err();
    assert_eq!(reply_gone.kind(), ErrorKind::NotFound, "{reply_gone}");
    assert!(client
        .list_record_threads::<Company>(&acme_id)
        .await
        .unwrap()
        .is_empty());
    emulator.shutdown().await;
}

#[tokio::test]
async fn threads_are_listed_per_record_and_per_entry_across_pages() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let ada = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let acme_id = acme.id.record_id.clone();
    for i in 0..55 {
        client
            .create_comment(&NewComment::on_record::<Company>(
                &acme_id,
                &ada,
                format!("Note {i}"),
            ))
            .await
            .unwrap();
    }
    let entry = client
        .create_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &RecordRef::<Company>::new(acme_id.clone()),
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::DiscoveryCall),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let on_entry = client
        .create_comment(&NewComment::on_entry::<EnterprisePipelineEntry>(
            &entry.id.entry_id,
            &ada,
            "Qualified",
        ))
        .await
        .unwrap();
    let commented = on_entry
        .entry
        .clone()
        .expect("a comment on an entry names it");
    assert_eq!(commented.entry_id, entry.id.entry_id);
    assert_eq!(on_entry.record.record_id, acme_id, "and its parent record");

    let threads = client
        .list_record_threads::<Company>(&acme_id)
        .await
        .unwrap();
    assert_eq!(
        threads.len(),
        55,
        "two pages of 50, the entry's thread not among them"
    );
    let texts: Vec<String> = threads
        .iter()
        .map(|t| t.comments[0].content_plaintext.clone())
        .collect();
    assert_eq!(texts.first().map(String::as_str), Some("Note 0"));
    assert_eq!(texts.last().map(String::as_str), Some("Note 54"));
    let entry_threads = client
        .list_entry_threads::<EnterprisePipelineEntry>(&entry.id.entry_id)
        .await
        .unwrap();
    assert_eq!(entry_threads.len(), 1);
    assert_eq!(entry_threads[0].id.thread_id, on_entry.thread_id);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_reply_to_a_missing_thread_or_by_a_stranger_is_refused() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let ada = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let nowhere = ThreadId::new("55555555-5555-4555-8555-555555555555").unwrap();
    let error = client
        .create_comment(&NewComment::in_thread(&nowhere, &ada, "Hello?"))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.code()),
        (ErrorKind::Validation, Some("value_not_found")),
        "{error}"
    );
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let stranger = WorkspaceMemberId::new("66666666-6666-4666-8666-666666666666").unwrap();
    let error = client
        .create_comment(&NewComment::on_record::<Company>(
            &acme.id.record_id,
            &stranger,
            "Hi",
        ))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("Workspace member"), "{error}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn comment_bodies_match_the_spec() {
    let Some(spec) = attio_tests::openapi::Spec::load("comment_bodies_match_the_spec") else {
        return;
    };
    let ada = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let record = attio_runtime::RecordId::new("e54b1781-560f-4aea-baf3-c2e5bbc58c79").unwrap();
    let entry = attio_runtime::EntryId::new("2e6e29ea-c4e0-4f44-842d-78a891f8c156").unwrap();
    let thread = ThreadId::new("33ebdbe9-e529-47c9-b894-0ba25e9c15c0").unwrap();
    let create = spec.operation("POST", "/v2/comments").unwrap();
    let at = attio_runtime::chrono::Utc::now();
    for comment in [
        NewComment::on_record::<Company>(&record, &ada, "On a record"),
        NewComment::on_entry::<EnterprisePipelineEntry>(&entry, &ada, "On an entry").created_at(at),
        NewComment::in_thread(&thread, &ada, "A reply"),
    ] {
        assert_eq!(
            spec.validate_request(&create, &comment.body()),
            Ok(true),
            "{:?}",
            comment.body()
        );
    }
}
