//! The reconciler against a double of Attio that keeps people in memory
//! and counts the writes it receives.

use std::collections::HashMap;
use std::sync::Mutex;

use attio_runtime::kind::Kind;
use attio_runtime::BoxFuture;
use attio_runtime::Write as _;
use attio_runtime::{Attribute, IsUnique, Record};
use chrono::TimeZone;

use super::*;
use crate::two_way_sync::policy::Owners;
use crate::two_way_sync::store::timestamp;
use crate::two_way_sync::transform::person_value;

/// A person in the double: its email and synced values.
#[derive(Clone)]
struct Known {
    email: String,
    fields: Fields,
}

/// Attio as far as the reconciler uses it.
#[derive(Default)]
struct Double {
    people: Mutex<HashMap<String, Known>>,
    /// When each attribute last changed, for every person.
    changed: Mutex<HashMap<&'static str, DateTime<Utc>>>,
    writes: Mutex<Vec<serde_json::Map<String, Value>>>,
    /// Runs once, while the next write is in flight (the application
    /// editing the table meanwhile).
    during_write: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

fn fake_error(what: &str) -> attio_runtime::Error {
    attio_runtime::ValueError::new("double", what, "not in the double").into()
}

impl Double {
    fn stored<R: Record>(&self, id: &str) -> Result<Stored<R>, attio_runtime::Error> {
        let people = self.people.lock().unwrap();
        let person = people.get(id).ok_or_else(|| fake_error(id))?;
        Ok(serde_json::from_value(person_value(id, &person.email, &person.fields)).unwrap())
    }

    /// Someone edits the person in Attio at `at`.
    fn edit(&self, id: &str, at: DateTime<Utc>, edit: impl FnOnce(&mut Fields)) {
        edit(&mut self.people.lock().unwrap().get_mut(id).unwrap().fields);
        for field in Field::ALL {
            self.changed
                .lock()
                .unwrap()
                .insert(attribute_slug(field), at);
        }
    }

    fn writes(&self) -> usize {
        self.writes.lock().unwrap().len()
    }

    fn fields(&self, id: &str) -> Fields {
        self.people.lock().unwrap()[id].fields.clone()
    }
}

impl AttioApi for Double {
    fn get_record<R: Record + Send>(
        &self,
        id: &RecordId,
    ) -> impl Future<Output = Result<Stored<R>, attio_runtime::Error>> + Send {
        std::future::ready(self.stored(id.as_str()))
    }

    fn query_all_records<R: Record + Send + 'static>(
        &self,
        query: Query<R>,
    ) -> impl Future<Output = Result<Vec<Stored<R>>, attio_runtime::Error>> + Send {
        // The reconciler only ever looks a person up by email.
        let filter = query.to_json().to_string();
        let ids: Vec<String> = (self.people.lock().unwrap().iter())
            .filter(|(_, p)| filter.contains(&p.email))
            .map(|(id, _)| id.clone())
            .collect();
        std::future::ready(ids.iter().map(|id| self.stored(id)).collect())
    }

    fn upsert_record<'a, R: Record + Send + 'a, K: Kind, U: IsUnique>(
        &'a self,
        _matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> BoxFuture<'a, Result<Stored<R>, attio_runtime::Error>> {
        let values = write.into_values().into_map();
        let email = values["email_addresses"][0]["email_address"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut people = self.people.lock().unwrap();
        let id = match people.iter().find(|(_, p)| p.email == email) {
            Some((id, _)) => id.clone(),
            None => format!("00000000-0000-4000-8000-{:012}", people.len() + 1),
        };
        let person = people.entry(id.clone()).or_insert(Known {
            email,
            fields: Fields::default(),
        });
        let text = |slug: &str, key: Option<&str>| {
            let first = values[slug].get(0)?;
            key.map_or(first, |k| &first[k]).as_str().map(str::to_owned)
        };
        if values.contains_key("name") {
            person.fields.name = text("name", Some("full_name"));
        }
        if values.contains_key("job_title") {
            person.fields.job_title = text("job_title", None);
        }
        if values.contains_key("phone_numbers") {
            person.fields.phone = text("phone_numbers", Some("original_phone_number"));
        }
        drop(people);
        self.writes.lock().unwrap().push(values);
        if let Some(edit) = self.during_write.lock().unwrap().take() {
            edit();
        }
        Box::pin(std::future::ready(self.stored(&id)))
    }
}

impl History for Double {
    async fn changed_at(
        &self,
        _id: &RecordId,
        attribute: &'static str,
    ) -> Result<Option<DateTime<Utc>>, attio_runtime::Error> {
        Ok(self.changed.lock().unwrap().get(attribute).copied())
    }
}

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, minute, 0).unwrap()
}

const ADA: &str = "ada@example.com";

fn ada() -> Fields {
    Fields {
        name: Some("Ada Lovelace".into()),
        job_title: Some("CTO".into()),
        phone: Some("+14155550101".into()),
    }
}

/// A reconciler whose table holds Ada, pushed once at minute 0.
async fn synced(policy: Policy) -> (Reconciler<Double>, RecordId) {
    let store = Arc::new(Store::in_memory().unwrap());
    store.insert(ADA, &ada(), at(0)).unwrap();
    let sync = Reconciler::new(Double::default(), store, policy);
    let pushed = sync.push_pending().await.unwrap();
    assert_eq!(pushed.len(), 1);
    let row = sync.store().row(ADA).unwrap().unwrap();
    let id = RecordId::new(&row.attio_record_id.unwrap()).unwrap();
    assert_eq!(sync.api().writes(), 1);
    assert_eq!(sync.api().fields(id.as_str()), ada());
    (sync, id)
}

/// The application edits Ada's row at `minute`.
fn edit_locally(sync: &Reconciler<Double>, column: &str, value: &str, minute: u32) {
    let sql = format!("UPDATE customers SET {column} = ?1, updated_at = ?2 WHERE email = ?3");
    let changed = sync
        .store()
        .execute(&sql, rusqlite::params![value, timestamp(at(minute)), ADA])
        .unwrap();
    assert_eq!(changed, 1);
}

fn local(sync: &Reconciler<Double>) -> Fields {
    sync.store().row(ADA).unwrap().unwrap().fields
}

#[tokio::test]
async fn the_echo_of_our_own_write_writes_nothing() {
    let (sync, id) = synced(Policy::LastWriterWins).await;
    // Attio's record.created and record.updated events for our upsert,
    // one of them delivered twice.
    for _ in 0..3 {
        assert_eq!(
            sync.pull(&id).await.unwrap(),
            Outcome::InSync { email: ADA.into() }
        );
    }
    assert!(sync.push_pending().await.unwrap().is_empty());
    assert_eq!(sync.api().writes(), 1, "only the first push wrote");
}

#[tokio::test]
async fn a_change_from_attio_is_applied_and_not_written_back() {
    let (sync, id) = synced(Policy::LastWriterWins).await;
    sync.api()
        .edit(id.as_str(), at(5), |f| f.job_title = Some("CEO".into()));
    let outcome = sync.pull(&id).await.unwrap();
    assert!(
        matches!(&outcome, Outcome::Synced { to_attio, to_local, .. }
            if to_attio.is_empty() && to_local == &[Field::JobTitle]),
        "{outcome:?}"
    );
    assert_eq!(local(&sync).job_title.as_deref(), Some("CEO"));
    assert!(
        sync.store().pending().unwrap().is_empty(),
        "not a local change"
    );
    assert!(matches!(
        sync.pull(&id).await.unwrap(),
        Outcome::InSync { .. }
    ));
    assert_eq!(sync.api().writes(), 1);
}

#[tokio::test]
async fn edits_of_different_fields_on_both_sides_both_survive() {
    let (sync, id) = synced(Policy::LastWriterWins).await;
    edit_locally(&sync, "phone", "+1 415 555 0199", 3);
    sync.api()
        .edit(id.as_str(), at(4), |f| f.job_title = Some("CEO".into()));

    sync.push_pending().await.unwrap();
    let both = Fields {
        job_title: Some("CEO".into()),
        phone: Some("+14155550199".into()),
        ..ada()
    };
    assert_eq!(local(&sync), both);
    assert_eq!(sync.api().fields(id.as_str()), both);
    let writes = sync.api().writes.lock().unwrap().clone();
    assert_eq!(writes.len(), 2, "the first push, then the phone alone");
    assert!(writes[1].contains_key("phone_numbers") && !writes[1].contains_key("job_title"));
    assert!(matches!(
        sync.pull(&id).await.unwrap(),
        Outcome::InSync { .. }
    ));
}

#[tokio::test]
async fn last_writer_wins_a_conflict_by_timestamp() {
    // Attio's edit is the later one: it wins, and nothing is written.
    let (sync, id) = synced(Policy::LastWriterWins).await;
    edit_locally(&sync, "job_title", "Founder", 3);
    sync.api()
        .edit(id.as_str(), at(4), |f| f.job_title = Some("CEO".into()));
    let outcome = sync.pull(&id).await.unwrap();
    assert!(
        matches!(&outcome, Outcome::Synced { conflicts, .. }
            if conflicts == &[(Field::JobTitle, Side::Attio)]),
        "{outcome:?}"
    );
    assert_eq!(local(&sync).job_title.as_deref(), Some("CEO"));
    assert_eq!(sync.api().writes(), 1);
    assert!(sync.push_pending().await.unwrap().is_empty());

    // The local edit is the later one: it is written.
    let (sync, id) = synced(Policy::LastWriterWins).await;
    sync.api()
        .edit(id.as_str(), at(4), |f| f.job_title = Some("CEO".into()));
    edit_locally(&sync, "job_title", "Founder", 5);
    sync.pull(&id).await.unwrap();
    assert_eq!(local(&sync).job_title.as_deref(), Some("Founder"));
    assert_eq!(
        sync.api().fields(id.as_str()).job_title.as_deref(),
        Some("Founder")
    );
    assert_eq!(sync.api().writes(), 2);
    assert!(sync.push_pending().await.unwrap().is_empty());
}

#[tokio::test]
async fn field_owners_win_their_fields_whatever_the_times() {
    let (sync, id) = synced(Policy::FieldOwner(Owners::default())).await;
    edit_locally(&sync, "name", "Ada King", 9);
    edit_locally(&sync, "phone", "+14155550199", 9);
    sync.api().edit(id.as_str(), at(1), |f| {
        f.name = Some("Augusta Ada King".into());
        f.phone = Some("+14155550142".into());
    });
    sync.pull(&id).await.unwrap();
    let expected = Fields {
        name: Some("Augusta Ada King".into()),
        phone: Some("+14155550199".into()),
        ..ada()
    };
    assert_eq!(local(&sync), expected);
    assert_eq!(sync.api().fields(id.as_str()), expected);
    assert_eq!(sync.api().writes(), 2, "the phone only");
    assert!(sync.push_pending().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_person_first_seen_in_attio_is_imported_without_a_write() {
    let (sync, _) = synced(Policy::LastWriterWins).await;
    let grace = Known {
        email: "grace@example.com".into(),
        fields: Fields {
            name: Some("Grace Hopper".into()),
            ..Fields::default()
        },
    };
    let id = "00000000-0000-4000-8000-0000000000aa";
    sync.api().people.lock().unwrap().insert(id.into(), grace);
    let id = RecordId::new(id).unwrap();
    assert_eq!(
        sync.pull(&id).await.unwrap(),
        Outcome::Imported {
            email: "grace@example.com".into()
        }
    );
    let row = sync.store().row("grace@example.com").unwrap().unwrap();
    assert_eq!(row.fields.name.as_deref(), Some("Grace Hopper"));
    assert!(sync.push_pending().await.unwrap().is_empty());
    assert!(matches!(
        sync.pull(&id).await.unwrap(),
        Outcome::InSync { .. }
    ));
    assert_eq!(sync.api().writes(), 1);
}

#[tokio::test]
async fn a_row_that_cannot_be_written_is_reported_and_the_others_go_on() {
    let store = Arc::new(Store::in_memory().unwrap());
    let bad = Fields {
        phone: Some("call me".into()),
        ..ada()
    };
    store.insert("bad@example.com", &bad, at(0)).unwrap();
    store.insert(ADA, &ada(), at(1)).unwrap();
    let sync = Reconciler::new(Double::default(), store, Policy::LastWriterWins);
    let outcomes = sync.push_pending().await.unwrap();
    let error = outcomes[0].1.as_ref().unwrap_err();
    assert!(
        format!("{error:#}").contains("invalid phone number"),
        "{error:#}"
    );
    assert!(outcomes[1].1.is_ok());
    assert_eq!(sync.api().writes(), 1);
    assert_eq!(
        sync.store().pending().unwrap().len(),
        1,
        "the bad row waits for a fix"
    );
}

#[tokio::test]
async fn an_edit_made_while_writing_to_attio_is_neither_lost_nor_reverted() {
    let (sync, id) = synced(Policy::LastWriterWins).await;
    edit_locally(&sync, "phone", "+14155550199", 3);
    sync.api()
        .edit(id.as_str(), at(4), |f| f.job_title = Some("CEO".into()));
    let store = sync.store.clone();
    *sync.api().during_write.lock().unwrap() = Some(Box::new(move || {
        let sql = "UPDATE customers SET name = 'Ada King', updated_at = ?1";
        store.execute(sql, [timestamp(at(5))]).unwrap();
    }));

    let outcome = sync.pull(&id).await.unwrap();
    assert!(
        matches!(
            outcome,
            Outcome::Synced {
                settled: Settled::Moved,
                ..
            }
        ),
        "{outcome:?}"
    );
    assert_eq!(
        local(&sync).name.as_deref(),
        Some("Ada King"),
        "the edit is kept"
    );
    sync.push_pending().await.unwrap();
    let expected = Fields {
        name: Some("Ada King".into()),
        job_title: Some("CEO".into()),
        phone: Some("+14155550199".into()),
    };
    assert_eq!(local(&sync), expected, "Attio's title arrived after all");
    assert_eq!(sync.api().fields(id.as_str()), expected);
    assert_eq!(
        sync.api().writes(),
        3,
        "the first push, the phone, the name"
    );
    assert!(matches!(
        sync.pull(&id).await.unwrap(),
        Outcome::InSync { .. }
    ));
}

#[test]
fn attio_s_change_time_is_the_latest_set_replace_or_clear() {
    let value = |from: &str, until: Option<&str>| serde_json::json!({"active_from": from, "active_until": until, "value": "x"});
    let history = [
        value(
            "2026-01-01T12:00:00.000000000Z",
            Some("2026-01-01T12:05:00.000000000Z"),
        ),
        value(
            "2026-01-01T12:05:00.000000000Z",
            Some("2026-01-01T12:09:00.000000000Z"),
        ),
    ];
    assert_eq!(last_change(&history), Some(at(9)), "cleared at minute 9");
    assert_eq!(last_change(&history[..1]), Some(at(5)));
    assert_eq!(last_change(&[]), None);
}
