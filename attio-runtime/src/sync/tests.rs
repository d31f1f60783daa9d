//! The engine against a test double of the API: accounting, change
//! detection, per-key turns, the dead-letter file. (Behaviour against
//! Attio's semantics — the emulator, faults, a killed process — is tested
//! end to end in the workspace's `tests/tests/sync*.rs`.)

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use futures_util::{stream, StreamExt};
use serde_json::{json, Map, Value};

use super::*;
use crate::api::identity::Identity;
use crate::attribute::{Attribute, Unique};
use crate::error::DecodeError;
use crate::kind;
use crate::record::{Model, Record, Target, Write};
use crate::request::Assert;
use crate::test_write::TestWrite;
use crate::value::EmailAddress;
use crate::{AttioApi, Error, ErrorKind};
use crate::{RecordId, RecordIdentity, Stored};

#[derive(Debug)]
struct Person;

impl Model for Person {
    const TARGET: Target = Target::Object;
    const SLUG: &'static str = "people";
    type Write = TestWrite<Person>;
    fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Person)
    }
    fn to_write(&self) -> Self::Write {
        TestWrite::default()
    }
}

impl Record for Person {
    const OBJECT: &'static str = "people";
}

const EMAIL: Attribute<Person, kind::EmailAddress, Unique> = Attribute::new("email_addresses");

fn person(email: &str, seats: u32) -> TestWrite<Person> {
    let mut write = TestWrite::default();
    let email = EmailAddress::new(email).unwrap();
    write
        .values_mut()
        .set::<kind::EmailAddress, _>("email_addresses", &email);
    write.values_mut().set_raw("seats", json!([seats]));
    write
}

/// Attio's assert in a map: records by email, created now or found, a
/// failure for emails starting with `fail`, and counts of what was sent.
#[derive(Default)]
struct Double {
    /// The workspace of the key (`WORKSPACE` when unset).
    workspace: Option<&'static str>,
    records: Mutex<HashMap<String, (RecordId, DateTime<Utc>)>>,
    sent: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

impl Double {
    fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }
}

fn record_id(n: usize) -> RecordId {
    RecordId::new(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
}

const WORKSPACE: &str = "14beef7a-99f7-4534-a87e-70b564330a4c";

impl AttioApi for Double {
    async fn identify(&self) -> Result<Identity, Error> {
        let id = self.workspace.unwrap_or(WORKSPACE);
        Ok(serde_json::from_value(json!({"active": true, "workspace_id": id})).unwrap())
    }

    fn assert_record<R>(
        &self,
        assert: Assert<R>,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
        R::Write: Send,
    {
        self.sent.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now, Ordering::SeqCst);
        let email = assert.write().values().get("email_addresses").cloned();
        let email = email
            .and_then(|v| {
                let first = &v[0];
                first
                    .as_str()
                    .or(first["email_address"].as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        let answer = if email.starts_with("fail") {
            Err(Error::new(ErrorKind::Validation, "invalid email"))
        } else {
            let mut records = self.records.lock().unwrap();
            let count = records.len();
            let (id, created_at) = records
                .entry(email)
                .or_insert_with(|| (record_id(count + 1), Utc::now()))
                .clone();
            R::from_values(&Map::new())
                .map(|values| Stored {
                    id: RecordIdentity {
                        workspace_id: "w".into(),
                        object_id: "o".into(),
                        record_id: id,
                    },
                    created_at,
                    web_url: None,
                    values,
                })
                .map_err(|e| Error::new(ErrorKind::Decode, e.to_string()))
        };
        async move {
            tokio::task::yield_now().await;
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            answer
        }
    }
}

fn people(n: usize) -> Vec<TestWrite<Person>> {
    (0..n)
        .map(|i| person(&format!("user{i}@example.com"), 1))
        .collect()
}

#[tokio::test]
async fn every_input_has_one_outcome_and_a_second_run_sends_nothing() {
    let api = Double::default();
    let sync = BulkSync::new(&api).concurrency(4);
    let first = sync.upsert(EMAIL, stream::iter(people(50))).await.unwrap();
    assert_eq!((first.done, first.created, first.updated), (50, 50, 0));
    assert_eq!(first.total, Some(50));
    assert_eq!(api.sent(), 50);
    assert!(api.most_in_flight.load(Ordering::SeqCst) <= 4);

    let second = sync.upsert(EMAIL, stream::iter(people(50))).await.unwrap();
    assert_eq!((second.done, second.unchanged), (50, 50));
    assert_eq!(api.sent(), 50, "nothing changed, nothing sent");

    let mut changed = people(50);
    for (i, write) in changed.iter_mut().enumerate().take(5) {
        *write = person(&format!("user{i}@example.com"), 2);
    }
    let third = sync.upsert(EMAIL, stream::iter(changed)).await.unwrap();
    assert_eq!((third.updated, third.unchanged, third.created), (5, 45, 0));
    assert_eq!(api.sent(), 55);
}

#[tokio::test]
async fn a_failing_input_fails_alone_and_is_kept_in_the_dead_letter_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failed.jsonl");
    let api = Double::default();
    let mut inputs = people(10);
    inputs.insert(3, person("failing@example.com", 7));
    let mut no_email = TestWrite::<Person>::default();
    no_email.values_mut().set_raw("seats", json!([1]));
    inputs.insert(5, no_email);
    let sync = BulkSync::new(&api).dead_letter(DeadLetter::create(&path).unwrap());
    let report = sync.upsert(EMAIL, stream::iter(inputs)).await.unwrap();
    assert_eq!((report.done, report.created, report.failed), (12, 10, 2));
    assert_eq!(
        api.sent(),
        11,
        "the input without an email is refused before sending"
    );

    let back = DeadLetter::records::<Person>(&path).unwrap();
    assert_eq!(back.len(), 2);
    let failing = back
        .iter()
        .find(|w| w.values().get("seats") == Some(&json!([7])))
        .unwrap();
    assert_eq!(failing.values(), person("failing@example.com", 7).values());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#""kind":"Validation""#), "{text}");
    assert!(
        text.contains("needs a value for its matching attribute"),
        "{text}"
    );
}

#[tokio::test]
async fn inputs_of_one_key_are_written_in_turn() {
    let api = Double::default();
    let same = (0..8)
        .map(|seats| person("ada@example.com", seats))
        .collect::<Vec<_>>();
    let report = BulkSync::new(&api)
        .concurrency(8)
        .upsert(EMAIL, stream::iter(same))
        .await
        .unwrap();
    assert_eq!(report.done, 8);
    assert_eq!(
        report.created, 1,
        "the first creates, the others find it: {report:?}"
    );
    assert_eq!(report.updated, 7);
    assert_eq!(api.most_in_flight.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_different_record_for_a_known_key_replaces_the_remembered_one() {
    let api = Double::default();
    let state = Arc::new(MemoryState::new());
    let sync = BulkSync::new(&api).state(state.clone());
    sync.upsert(EMAIL, stream::iter(people(1))).await.unwrap();
    let scope = "objects/people/email_addresses";
    let first = state.get(scope, "user0@example.com").unwrap().unwrap();
    // The record was deleted and created again in Attio.
    api.records.lock().unwrap().clear();
    api.records
        .lock()
        .unwrap()
        .insert("other@example.com".into(), (record_id(99), Utc::now()));
    let changed = vec![person("user0@example.com", 3)];
    let report = sync.upsert(EMAIL, stream::iter(changed)).await.unwrap();
    assert_eq!(report.created, 1);
    let now = state.get(scope, "user0@example.com").unwrap().unwrap();
    assert_ne!(now.id, first.id);
}

#[tokio::test]
async fn outcomes_name_each_input_and_progress_sees_every_count() {
    let api = Double::default();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let sync = BulkSync::new(&api).on_progress(move |report| log.lock().unwrap().push(report.done));
    let outcomes = sync.outcomes(stream::iter(people(5)).map(|w| Assert::new(EMAIL, w)));
    let keys: Vec<String> = outcomes
        .map(|outcome| match outcome.unwrap() {
            Outcome::Created { key, .. } => key,
            other => panic!("{other:?}"),
        })
        .collect()
        .await;
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys[0], "user0@example.com");
    assert_eq!(*seen.lock().unwrap(), vec![1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn a_dead_letter_file_appears_only_with_a_failure_and_replaces_the_last_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failed.jsonl");
    std::fs::write(&path, "an earlier run's failure\n").unwrap();
    let api = Double::default();
    let sync = BulkSync::new(&api).dead_letter(DeadLetter::create(&path).unwrap());
    sync.upsert(EMAIL, stream::iter(people(3))).await.unwrap();
    assert!(
        !path.exists(),
        "no failure, no file; the earlier one is gone"
    );
    let failing = vec![person("failing@example.com", 1)];
    sync.upsert(EMAIL, stream::iter(failing)).await.unwrap();
    assert_eq!(DeadLetter::records::<Person>(&path).unwrap().len(), 1);

    let nowhere = dir.path().join("missing-dir").join("failed.jsonl");
    let error = DeadLetter::create(&nowhere).unwrap_err();
    assert!(
        error.to_string().contains("directory does not exist"),
        "{error}"
    );
}

#[tokio::test]
async fn a_store_of_another_workspace_is_refused_before_any_write() {
    let state = Arc::new(MemoryState::new());
    let api = Double::default();
    let first = BulkSync::new(&api).state(state.clone());
    first.upsert(EMAIL, stream::iter(people(3))).await.unwrap();

    let other = Double {
        workspace: Some("9a1d1a52-5f43-4f3b-9a0c-3f9c3a3b8e21"),
        ..Double::default()
    };
    let sync = BulkSync::new(&other).state(state.clone());
    let error = sync
        .upsert(EMAIL, stream::iter(people(3)))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SyncError::OtherWorkspace { state, client }
            if state == WORKSPACE && client == "9a1d1a52-5f43-4f3b-9a0c-3f9c3a3b8e21"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("delete the state file"),
        "{error}"
    );
    assert_eq!(other.sent(), 0, "nothing is sent to the other workspace");

    let mut outcomes = sync.outcomes(stream::iter(people(3)).map(|w| Assert::new(EMAIL, w)));
    assert!(outcomes.next().await.unwrap().is_err());
    assert!(
        outcomes.next().await.is_none(),
        "the stream ends at the error"
    );

    let again = BulkSync::new(&api).state(state);
    let report = again.upsert(EMAIL, stream::iter(people(3))).await.unwrap();
    assert_eq!(report.unchanged, 3, "the same workspace proceeds");
}

#[cfg(feature = "metrics")]
#[test]
fn each_input_is_counted_by_outcome() {
    use crate::telemetry::tests::{counter, counters};
    let api = Double::default();
    let moved = counters(|| async {
        let sync = BulkSync::new(&api);
        let mut inputs = people(3);
        inputs.push(person("failing@example.com", 1));
        sync.upsert(EMAIL, stream::iter(inputs.clone()))
            .await
            .unwrap();
        inputs[0] = person("user0@example.com", 2);
        sync.upsert(EMAIL, stream::iter(inputs)).await.unwrap();
    });
    let inputs = "attio_sync_inputs_total";
    assert_eq!(
        moved,
        [
            counter(inputs, &["outcome=created"], 3),
            counter(inputs, &["outcome=failed"], 2),
            counter(inputs, &["outcome=unchanged"], 2),
            counter(inputs, &["outcome=updated"], 1),
        ]
    );
}
