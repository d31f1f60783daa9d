//! Operations we served before Attio's October 2026 API, in the shapes it
//! gives them now: records' `web_url`, notes' tags and update, tasks'
//! completion time and sorts, threads read page by page, the token's level,
//! a query narrowed to a saved view, and the 403 and 409 answers.

use attio_runtime::api::comments::NewComment;
use attio_runtime::api::identity::TokenLevel;
use attio_runtime::api::notes::NoteUpdate;
use attio_runtime::api::tasks::{NewTask, TaskQuery, TaskSort, TaskUpdate};
use attio_runtime::serde_json::json;
use attio_runtime::WorkspaceMemberId;

use super::*;

/// Attio's form: `https://app.attio.com/<workspace slug>/<object>/<record id>`.
fn assert_web_url(record: &Stored<Person>) {
    let url = record.web_url.as_deref().unwrap_or_default();
    let expected = format!(
        "https://app.attio.com/emulated-workspace/person/{}",
        record.id.record_id
    );
    assert_eq!(url, expected);
}

#[tokio::test]
async fn every_record_answer_carries_its_web_url() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    assert_web_url(&ada);
    let id = ada.id.record_id.clone();
    assert_web_url(&client.get_record::<Person>(&id).await.unwrap());
    assert_web_url(
        &client
            .update_record::<Person>(&id, Person::write().job_title("Countess"))
            .await
            .unwrap(),
    );
    assert_web_url(
        &client
            .upsert_record(
                Person::EMAIL_ADDRESSES,
                Person::write().email_addresses([email("ada@acme.com")]),
            )
            .await
            .unwrap(),
    );
    let queried: Vec<Stored<Person>> = client
        .query_records(Query::<Person>::new())
        .try_collect()
        .await
        .unwrap();
    queried.iter().for_each(assert_web_url);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_note_is_updated_and_read_with_its_tags() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let note = client
        .create_note::<Person>(&ada.id.record_id, "Call", "Hi", NoteFormat::Plaintext)
        .await
        .unwrap();
    assert!(note.tags.is_empty());
    let id = note.id.note_id.clone();
    let retitled = client
        .update_note(&id, &NoteUpdate::new().title("Call, take 2"))
        .await
        .unwrap();
    assert_eq!(retitled.title, "Call, take 2");
    assert_eq!(retitled.content_plaintext, "Hi");
    let rewritten = client
        .update_note(
            &id,
            &NoteUpdate::new().content("# Agreed\n**Signed**", NoteFormat::Markdown),
        )
        .await
        .unwrap();
    assert_eq!(rewritten.title, "Call, take 2");
    assert_eq!(rewritten.content_plaintext, "Agreed\nSigned");
    assert_eq!(
        rewritten.content_markdown.as_deref(),
        Some("# Agreed\n**Signed**")
    );
    let listed = client
        .list_notes::<Person>(&ada.id.record_id)
        .await
        .unwrap();
    assert_eq!(listed, [rewritten]);
    let missing = client
        .update_note(
            "55555555-5555-4555-8555-555555555555",
            &NoteUpdate::new().title("x"),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    emulator.shutdown().await;
}

#[tokio::test]
async fn tasks_carry_when_they_were_done_and_sort_by_it() {
    let (emulator, client) = start().await;
    let first = client.create_task(&NewTask::new("First")).await.unwrap();
    let second = client.create_task(&NewTask::new("Second")).await.unwrap();
    let open = client.create_task(&NewTask::new("Open")).await.unwrap();
    assert_eq!(first.completed_at, None);
    let done = client
        .create_task(&NewTask::new("Done").completed())
        .await
        .unwrap();
    assert!(done.completed_at.is_some());
    // Completed in the order second, first (after `done`).
    let second = client
        .update_task(&second.id.task_id, &TaskUpdate::new().completed(true))
        .await
        .unwrap();
    let first = client
        .update_task(&first.id.task_id, &TaskUpdate::new().completed(true))
        .await
        .unwrap();
    assert!(done.completed_at <= second.completed_at);
    assert!(second.completed_at <= first.completed_at);
    let texts = |sort| {
        let client = client.clone();
        async move {
            client
                .list_tasks(&TaskQuery::new().sort(sort))
                .await
                .unwrap()
                .into_iter()
                .map(|t| t.content_plaintext)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        texts(TaskSort::CompletedAsc).await,
        ["Done", "Second", "First", "Open"]
    );
    assert_eq!(
        texts(TaskSort::CompletedDesc).await,
        ["First", "Second", "Done", "Open"]
    );
    // Reopened: no completion time.
    let reopened = client
        .update_task(&first.id.task_id, &TaskUpdate::new().completed(false))
        .await
        .unwrap();
    assert_eq!(reopened.completed_at, None);
    assert_eq!(open.completed_at, None);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_long_thread_is_read_page_by_page() {
    let (emulator, client) = start().await;
    let ada = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let member = WorkspaceMemberId::new(MEMBER_ID).unwrap();
    let first = client
        .create_comment(&NewComment::on_record::<Person>(
            &ada.id.record_id,
            &member,
            "0",
        ))
        .await
        .unwrap();
    // More than one page of 250.
    for i in 1..260 {
        client
            .create_comment(&NewComment::in_thread(
                &first.thread_id,
                &member,
                i.to_string(),
            ))
            .await
            .unwrap();
    }
    let thread = client.get_thread(&first.thread_id).await.unwrap();
    let texts: Vec<String> = thread
        .comments
        .iter()
        .map(|c| c.content_plaintext.clone())
        .collect();
    let expected: Vec<String> = (0..260).map(|i| i.to_string()).collect();
    assert_eq!(texts, expected);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_token_says_its_level() {
    let (emulator, client) = start().await;
    let me = client.identify().await.unwrap();
    assert_eq!(me.token_level, Some(TokenLevel::Workspace));
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_query_of_a_view_that_does_not_exist_is_not_found() {
    let (emulator, client) = start().await;
    client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    let query = Query::<Person>::new().view("55555555-5555-4555-8555-555555555555");
    assert_eq!(
        query.to_json()["filter_view_id"],
        "55555555-5555-4555-8555-555555555555"
    );
    let error = client
        .query_records(query)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
    assert!(error.to_string().contains("View with ID"), "{error}");
    let error = client
        .query_entries(
            Query::<EnterprisePipelineEntry>::new().view("55555555-5555-4555-8555-555555555555"),
        )
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_taken_slug_is_a_conflict() {
    let (emulator, client) = start().await;
    let body = json!({"data": {"api_slug": "people", "singular_noun": "P", "plural_noun": "Ps"}});
    let error = client
        .raw(Method::POST, "/v2/objects", Some(body))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Conflict, "{error}");
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.code(), Some("slug_conflict"));
    emulator.shutdown().await;
}
