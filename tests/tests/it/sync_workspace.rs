//! A sync's state against the workspace it was written for: a state file
//! taken to another workspace is refused before any write, and a reconcile
//! pass finds the records and entries deleted or edited in Attio since the
//! last run.

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::sync::{BulkSync, SqliteState, SyncError};
use attio_runtime::value::{PersonalName, RecordRef};
use attio_runtime::{Client, EntryCreate, Query, Stored};
use attio_schema::Snapshot;
use attio_tests::support::{self, numbered_person};
use attio_tests::workspace::*;
use futures_util::{stream, TryStreamExt};

const KEY: &str = "sync-workspace-key-0123456789abcdef";
const FIXTURE_WORKSPACE: &str = "8f1d5c3e-2a4b-4c6d-9e0f-1a2b3c4d5e6f";
const OTHER_WORKSPACE: &str = "3c9e4a1b-7d2f-4e8a-b5c6-0d1e2f3a4b5c";

/// An emulator of the fixture's schema in another workspace (another id).
async fn other_workspace() -> (RunningEmulator, Client) {
    let text = std::fs::read_to_string(support::FIXTURE).unwrap();
    let text = text.replace(FIXTURE_WORKSPACE, OTHER_WORKSPACE);
    let snapshot = Snapshot::from_slice(text.as_bytes(), support::FIXTURE).unwrap();
    let emulator = Emulator::builder()
        .without_rate_limits()
        .schema(snapshot)
        .api_key(KEY)
        .start()
        .await
        .unwrap();
    let client = support::client_with(
        &emulator,
        KEY,
        attio_runtime::RateLimits::unlimited(),
        support::quick_retries(),
    );
    (emulator, client)
}

fn people(n: usize) -> impl futures_util::Stream<Item = PersonWrite> + Send {
    stream::iter((0..n).map(numbered_person))
}

async fn all_people(client: &Client) -> Vec<Stored<Person>> {
    client
        .query_records(Query::<Person>::new())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_state_file_of_another_workspace_is_refused_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    let (_first, client) = support::unlimited(Emulator::builder(), KEY).await;
    let report = BulkSync::new(&client)
        .state(SqliteState::open(&path).unwrap())
        .upsert(Person::EMAIL_ADDRESSES, people(20))
        .await
        .unwrap();
    assert_eq!(report.created, 20, "{report}");

    let (_second, other) = other_workspace().await;
    let error = BulkSync::new(&other)
        .state(SqliteState::open(&path).unwrap())
        .upsert(Person::EMAIL_ADDRESSES, people(20))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SyncError::OtherWorkspace { state, client }
            if state == FIXTURE_WORKSPACE && client == OTHER_WORKSPACE),
        "{error:?}"
    );
    let message = error.to_string();
    for part in [FIXTURE_WORKSPACE, OTHER_WORKSPACE, "delete the state file"] {
        assert!(message.contains(part), "{message}");
    }
    assert_eq!(
        other.stats().writes,
        0,
        "no write reached the other workspace"
    );
    assert!(all_people(&other).await.is_empty());

    let again = BulkSync::new(&client)
        .state(SqliteState::open(&path).unwrap())
        .upsert(Person::EMAIL_ADDRESSES, people(20))
        .await
        .unwrap();
    assert_eq!(again.unchanged, 20, "the same workspace proceeds: {again}");
}

#[tokio::test]
async fn a_reconcile_run_rewrites_what_was_deleted_or_edited_in_attio() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite");
    let sync = |reconcile: bool| {
        BulkSync::new(&client)
            .state(SqliteState::open(&path).unwrap())
            .reconcile(reconcile)
    };
    let first = sync(false)
        .upsert(Person::EMAIL_ADDRESSES, people(50))
        .await
        .unwrap();
    assert_eq!(first.created, 50, "{first}");

    // As a user would in Attio's UI: delete three, edit two.
    let mut stored = all_people(&client).await;
    stored.sort_by_key(|p| p.values.email_addresses.first().map(|e| e.to_string()));
    for person in &stored[..3] {
        client
            .delete_record::<Person>(&person.id.record_id)
            .await
            .unwrap();
    }
    for person in &stored[3..5] {
        let edit = Person::write().name(PersonalName::new("Edited", "In the UI"));
        client
            .update_record::<Person>(&person.id.record_id, edit)
            .await
            .unwrap();
    }

    let plain = sync(false)
        .upsert(Person::EMAIL_ADDRESSES, people(50))
        .await
        .unwrap();
    assert_eq!(
        (plain.unchanged, plain.writes),
        (50, 0),
        "a plain run trusts its state and does not see the edits: {plain}"
    );

    let reconciled = sync(true)
        .upsert(Person::EMAIL_ADDRESSES, people(50))
        .await
        .unwrap();
    assert_eq!(reconciled.writes, 5, "{reconciled}");
    assert_eq!(
        (reconciled.created, reconciled.updated, reconciled.unchanged),
        (3, 2, 45),
        "{reconciled}"
    );
    assert_eq!(
        reconciled.requests - reconciled.writes,
        2,
        "identify and one query: {reconciled}"
    );

    let now = all_people(&client).await;
    assert_eq!(now.len(), 50);
    for person in &now {
        let email = person.values.email_addresses[0].to_string();
        let i: usize = email
            .trim_start_matches("person")
            .trim_end_matches("@acme.com")
            .parse()
            .unwrap();
        assert_eq!(
            person.values.name.as_ref().map(|n| n.full_name.clone()),
            Some(format!("Person {i} Test")),
            "{email}: the edit is undone"
        );
    }

    let after = sync(true)
        .upsert(Person::EMAIL_ADDRESSES, people(50))
        .await
        .unwrap();
    assert_eq!((after.unchanged, after.writes), (50, 0), "{after}");
}

#[tokio::test]
async fn a_reconcile_run_rewrites_list_entries_deleted_or_edited_in_attio() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let mut companies = Vec::new();
    for i in 0..6 {
        let write = Company::write().name(format!("Company {i}"));
        companies.push(client.create_record::<Company>(write).await.unwrap());
    }
    let entries = || {
        let parents: Vec<_> = companies.iter().map(|c| c.id.record_id.clone()).collect();
        stream::iter(parents.into_iter().map(|id| {
            let write = EnterprisePipelineEntry::write()
                .stage(EnterprisePipelineStage::DiscoveryCall)
                .next_step("first call");
            EntryCreate::<EnterprisePipelineEntry>::new(&RecordRef::<Company>::new(id), write)
                .unwrap()
        }))
    };
    let sync = |reconcile: bool| BulkSync::new(&client).reconcile(reconcile);
    let plain = sync(false);
    let first = plain.upsert_entries(entries()).await.unwrap();
    assert_eq!(first.created, 6, "{first}");

    let stored: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    client
        .delete_entry::<EnterprisePipelineEntry>(&stored[0].id.entry_id)
        .await
        .unwrap();
    let edit = EnterprisePipelineEntry::write().next_step("edited in the UI");
    client
        .update_entry::<EnterprisePipelineEntry>(&stored[1].id.entry_id, edit)
        .await
        .unwrap();

    let again = plain.upsert_entries(entries()).await.unwrap();
    assert_eq!((again.unchanged, again.writes), (6, 0), "{again}");
    // A new `BulkSync` of its own: reconciling needs no state store.
    let reconciled = sync(true).upsert_entries(entries()).await.unwrap();
    assert_eq!(reconciled.writes, 2, "{reconciled}");
    assert_eq!(reconciled.unchanged, 4, "{reconciled}");
    let now: Vec<_> = client
        .query_entries(Query::<EnterprisePipelineEntry>::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(now.len(), 6);
    assert!(now
        .iter()
        .all(|e| e.entry_values.next_step.as_deref() == Some("first call")));
}
