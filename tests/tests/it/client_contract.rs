//! Contract test of the client: every request it sends in a run through
//! all of its calls names an operation of Attio's current OpenAPI document,
//! and every body validates against that operation's request schema — and
//! against the 2025 document's too, where it has the operation (see
//! `attio_tests::openapi`).
//!
//! Needs the document through `ATTIO_OPENAPI` (set by `.ci/run`); skipped
//! without it.

use std::sync::{Arc, Mutex};

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::api::activities::{ActivityBase, ActivityRecordQuery};
use attio_runtime::api::call_recordings::TranscriptSegment;
use attio_runtime::api::comments::NewComment;
use attio_runtime::api::files::NewFile;
use attio_runtime::api::history::HistoricValue;
use attio_runtime::api::meetings::{NewMeeting, NewParticipant, RecordLink};
use attio_runtime::api::notes::{NoteFormat, NoteUpdate};
use attio_runtime::api::schema::NewObject;
use attio_runtime::api::search::RecordSearch;
use attio_runtime::api::tasks::{NewTask, TaskQuery, TaskSort, TaskUpdate};
use attio_runtime::serde_json::{self, Value};
use attio_runtime::value::{EmailAddress, PersonalName, RecordRef};
use attio_runtime::{Client, EntryCreate, ErrorKind, Filter, Query, RateLimits};
use attio_tests::openapi::Spec;
use attio_tests::support;
use attio_tests::workspace::*;
use futures_util::TryStreamExt;

const KEY: &str = "contract-test-key";

/// A request as the client's hook saw it: method, path, body.
type Sent = (String, String, Option<Value>);

/// An emulator without rate limits, and a client of it that records every
/// request it sends.
async fn recording() -> (RunningEmulator, Client, Arc<Mutex<Vec<Sent>>>) {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let sent: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let recorder = Arc::clone(&sent);
    let client = support::client(&emulator, KEY)
        .rate_limits(RateLimits::unlimited())
        .on_request(move |r| {
            recorder.lock().unwrap().push((
                r.method.to_string(),
                r.path.to_owned(),
                r.body.cloned(),
            ))
        })
        .build()
        .unwrap();
    (emulator, client, sent)
}

#[tokio::test]
async fn every_request_the_client_sends_matches_the_spec() {
    let Some(spec) = Spec::load("every_request_the_client_sends_matches_the_spec") else {
        return;
    };
    let spec_2025 = Spec::load_2025();
    let (emulator, client, sent) = recording().await;

    // Every call of the client, once.
    let since = chrono::Utc::now() - chrono::Duration::days(30);
    let email = EmailAddress::new("ada@acme.com").unwrap();
    let ada = client
        .create_record::<Person>(
            Person::write()
                .name(PersonalName::new("Ada", "Lovelace"))
                .email_addresses([email.clone()])
                .job_title("Analyst"),
        )
        .await
        .unwrap();
    let id = ada.id.record_id.clone();
    client.get_record::<Person>(&id).await.unwrap();
    client
        .update_record::<Person>(&id, Person::write().job_title("Countess"))
        .await
        .unwrap();
    client
        .overwrite_record::<Person>(&id, Person::write().email_addresses([email.clone()]))
        .await
        .unwrap();
    client
        .upsert_record(
            Person::EMAIL_ADDRESSES,
            Person::write().email_addresses([email]),
        )
        .await
        .unwrap();
    let _: Vec<_> = client
        .query_records(
            Query::<Person>::new()
                .filter(Filter::and([
                    Person::JOB_TITLE.contains("Count"),
                    Filter::not(Person::JOB_TITLE.eq("Pilot")),
                ]))
                .sort(Person::JOB_TITLE.desc())
                .limit(10),
        )
        .try_collect()
        .await
        .unwrap();
    client
        .get_records::<Person>(std::slice::from_ref(&id))
        .await
        .unwrap();
    client
        .list_record_attribute_values::<Person>(&id, "job_title", true)
        .await
        .unwrap();
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let parent = RecordRef::<Company>::new(acme.id.record_id.clone());
    let entry = client
        .create_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write().stage(EnterprisePipelineStage::Prospecting),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let entry_id = entry.id.entry_id.clone();
    client
        .upsert_entry(
            EntryCreate::<EnterprisePipelineEntry>::new(
                &parent,
                EnterprisePipelineEntry::write().next_step("Demo"),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    client
        .update_entry::<EnterprisePipelineEntry>(
            &entry_id,
            EnterprisePipelineEntry::write().next_step("Contract"),
        )
        .await
        .unwrap();
    client
        .overwrite_entry::<EnterprisePipelineEntry>(
            &entry_id,
            EnterprisePipelineEntry::write().next_step("Signed"),
        )
        .await
        .unwrap();
    client
        .get_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap();
    let _: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    // A saved view the workspace does not have: refused, but sent.
    let missing_view = "55555555-5555-4555-8555-555555555555";
    let unknown_view: Result<Vec<_>, _> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new().view(missing_view))
        .try_collect()
        .await;
    assert_eq!(unknown_view.unwrap_err().kind(), ErrorKind::NotFound);
    let unknown_view: Result<Vec<_>, _> = client
        .query_records(Query::<Person>::new().view(missing_view))
        .try_collect()
        .await;
    assert_eq!(unknown_view.unwrap_err().kind(), ErrorKind::NotFound);
    client
        .write_entry_attribute_values::<EnterprisePipelineEntry, _, _>(
            &entry_id,
            EnterprisePipelineEntry::NEXT_STEP,
            &[HistoricValue::new("Demo", since, None)],
        )
        .await
        .unwrap();
    client
        .delete_entry::<EnterprisePipelineEntry>(&entry_id)
        .await
        .unwrap();
    let note = client
        .create_note::<Person>(&id, "Call", "Notes", NoteFormat::Plaintext)
        .await
        .unwrap();
    client.list_notes::<Person>(&id).await.unwrap();
    client
        .update_note(
            &note.id.note_id,
            &NoteUpdate::new()
                .title("Call, take 2")
                .content("**Agreed**", NoteFormat::Markdown),
        )
        .await
        .unwrap();
    client.delete_note(&note.id.note_id).await.unwrap();
    let member = client.list_workspace_members().await.unwrap()[0]
        .id
        .workspace_member_id
        .clone();
    let task = client
        .create_task(
            &NewTask::new("Call Ada")
                .linked::<Person>(&id)
                .assign(&member),
        )
        .await
        .unwrap();
    client
        .update_task(&task.id.task_id, &TaskUpdate::new().completed(true))
        .await
        .unwrap();
    client
        .list_tasks(&TaskQuery::new().sort(TaskSort::CompletedDesc))
        .await
        .unwrap();
    let comment = client
        .create_comment(&NewComment::on_record::<Person>(&id, &member, "Call back?"))
        .await
        .unwrap();
    client.get_thread(&comment.thread_id).await.unwrap();
    client.identify().await.unwrap();
    client.get_workspace_schema().await.unwrap();
    // The operations of the core API Attio added by 2026.
    client
        .search_records(&RecordSearch::new("ada").of::<Person>().of::<Company>())
        .await
        .unwrap();
    client
        .write_record_attribute_values::<Person, _, _>(
            &id,
            Person::JOB_TITLE,
            &[HistoricValue::new("Countess", since, None)],
        )
        .await
        .unwrap();
    client.list_object_views("people", false).await.unwrap();
    client
        .list_list_views("enterprise_pipeline", true)
        .await
        .unwrap();
    let globex = client
        .create_record::<Company>(Company::write().name("Globex"))
        .await
        .unwrap();
    client
        .merge_records::<Company>(&acme.id.record_id, &globex.id.record_id)
        .await
        .unwrap();
    let vehicles = NewObject {
        api_slug: "vehicles".into(),
        singular_noun: "Vehicle".into(),
        plural_noun: "Vehicles".into(),
    };
    client.create_object(&vehicles).await.unwrap();
    client.delete_object("vehicles").await.unwrap();
    client.delete_record::<Person>(&id).await.unwrap();

    let sent: Vec<Sent> = sent.lock().unwrap().clone();
    let (bodies, bodies_2025, problems) = check(&spec, spec_2025.as_ref(), &sent);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The run above sends 25 bodies, 20 to operations of the 2025
    // document too (all but the note's PATCH, the search, the merge and the
    // two value histories, which are new in 2026); a silent skip would show.
    assert_eq!(bodies, 25, "bodies checked");
    if spec_2025.is_some() {
        assert_eq!(bodies_2025, 20, "bodies checked by the 2025 document");
    }
    assert!(sent.len() > 25, "{} requests", sent.len());

    // The check can fail: a body without its `data` wrapper does not pass.
    let create = spec
        .operation("POST", "/v2/objects/people/records")
        .unwrap();
    let error = spec
        .validate_request(&create, &serde_json::json!({"values": {"name": ["x"]}}))
        .unwrap_err();
    assert!(error.iter().any(|e| e.contains("data")), "{error:?}");
    emulator.shutdown().await;
}

/// The calls of Attio's part-2 surfaces (meetings, call recordings, files,
/// SQL, sequences, activities) send bodies the October 2026 document
/// accepts; the 2025 document has none of these operations.
#[tokio::test]
async fn every_request_of_the_2026_surfaces_matches_the_spec() {
    let Some(spec) = Spec::load("every_request_of_the_2026_surfaces_matches_the_spec") else {
        return;
    };
    let (emulator, client, sent) = recording().await;

    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let link = RecordLink::to::<Company>(&acme.id.record_id);
    let nine = chrono::Utc::now();
    let meeting = client
        .create_meeting(
            &NewMeeting::timed("Discovery call", nine, nine + chrono::Duration::hours(1))
                .participant(NewParticipant::new("ada@acme.com").organizer())
                .linked(link.clone()),
        )
        .await
        .unwrap();
    let meeting_id = meeting.id.meeting_id.clone();
    client
        .update_meeting(&meeting_id, std::slice::from_ref(&link))
        .await
        .unwrap();
    client
        .create_call_recording(
            &meeting_id,
            None,
            &[TranscriptSegment::new("Ada", "Hello.", 0.0, 1.5)],
        )
        .await
        .unwrap();
    client
        .create_file(&link, &NewFile::folder("Contracts"))
        .await
        .unwrap();
    client
        .query_sql("SELECT name FROM companies")
        .await
        .unwrap();
    client
        .add_unsubscribed_emails(&["grace@acme.com"])
        .await
        .unwrap();
    client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Calls)
        .await
        .unwrap();
    client
        .query_activity_records("demos", &ActivityRecordQuery::new())
        .await
        .unwrap();

    let sent: Vec<Sent> = sent.lock().unwrap().clone();
    let (bodies, _, problems) = check(&spec, None, &sent);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The company, and the eight bodies above; a silent skip would show.
    assert_eq!(bodies, 9, "bodies checked");
    emulator.shutdown().await;
}

/// Every request of `sent` names an operation of `spec`, and each body
/// validates against its request schema, and against the 2025 document's
/// where it has the operation: how many bodies each checked, and what broke.
fn check(spec: &Spec, spec_2025: Option<&Spec>, sent: &[Sent]) -> (usize, usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut bodies = 0;
    let mut bodies_2025 = 0;
    for (method, path, body) in sent.iter() {
        let Some(operation) = spec.operation(method, path) else {
            problems.push(format!("{method} {path}: no such operation in the spec"));
            continue;
        };
        let Some(body) = body else { continue };
        match spec.validate_request(&operation, body) {
            Ok(true) => bodies += 1,
            Ok(false) => problems.push(format!(
                "{method} {path}: the spec declares no body, one was sent"
            )),
            Err(e) => problems.push(format!(
                "{method} {path}: {}\nbody: {}",
                e.join("; "),
                serde_json::to_string(body).unwrap()
            )),
        }
        // The 2025 document's checks, for an operation it has.
        let Some(operation) = spec_2025
            .and_then(|s| s.operation(method, path))
            .filter(|o| o.template == operation.template)
        else {
            continue;
        };
        match spec_2025.map(|s| s.validate_request(&operation, body)) {
            Some(Ok(true)) => bodies_2025 += 1,
            Some(Ok(false)) | None => {}
            Some(Err(e)) => problems.push(format!(
                "[2025 document] {method} {path}: {}\nbody: {}",
                e.join("; "),
                serde_json::to_string(body).unwrap()
            )),
        }
    }
    (bodies, bodies_2025, problems)
}
