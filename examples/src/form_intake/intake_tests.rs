use std::future::Future;
use std::sync::Mutex;

use attio_runtime::api::notes::Note;
use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::value::{Domain, EmailAddress, PersonalName, PhoneNumber};
use attio_runtime::BoxFuture;
use attio_runtime::{Attribute, IsUnique, Record, RecordIdentity, Stored, ValueError, Write};

use super::*;

/// A call the logic made, with what it sent.
#[derive(Debug, Clone, PartialEq)]
enum Call {
    Upsert {
        object: &'static str,
        matching: &'static str,
        values: Value,
    },
    Note {
        object: &'static str,
        record: String,
        title: String,
        content: String,
    },
}

/// A double that records every call and answers each upsert with a fixed
/// id per object, or fails the upserts of one object.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<Call>>,
    failing_object: Option<&'static str>,
}

const COMPANY_ID: &str = "00000000-0000-4000-8000-00000000c001";
const PERSON_ID: &str = "00000000-0000-4000-8000-00000000a001";

impl Recorder {
    fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    fn record(&self, call: Call) {
        self.calls.lock().unwrap().push(call);
    }
}

impl AttioApi for Recorder {
    fn upsert_record<'a, R, K, U>(
        &'a self,
        matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> BoxFuture<'a, Result<Stored<R>, Error>>
    where
        R: Record + Send + 'a,
        R::Write: Send,
        K: attio_runtime::kind::Kind,
        U: IsUnique,
    {
        self.record(Call::Upsert {
            object: R::OBJECT,
            matching: matching.slug(),
            values: Value::Object(write.values().as_map().clone()),
        });
        let answer = if self.failing_object == Some(R::OBJECT) {
            Err(ValueError::new("record", R::OBJECT, "refused by the test double").into())
        } else {
            let id = if R::OBJECT == Company::OBJECT {
                COMPANY_ID
            } else {
                PERSON_ID
            };
            stored::<R>(id)
        };
        Box::pin(std::future::ready(answer))
    }

    fn create_note<R>(
        &self,
        record: &RecordId,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> impl Future<Output = Result<Note, Error>> + Send
    where
        R: Record + Send,
    {
        assert_eq!(format, NoteFormat::Plaintext);
        self.record(Call::Note {
            object: R::OBJECT,
            record: record.as_str().to_owned(),
            title: title.to_owned(),
            content: content.to_owned(),
        });
        let note = json!({
            "id": {"workspace_id": "w", "note_id": "00000000-0000-4000-8000-0000000000e1"},
            "parent_object": R::OBJECT, "parent_record_id": record.as_str(),
            "title": title, "content_plaintext": content,
            "created_by_actor": {"type": "api-token", "id": null},
            "created_at": "2030-01-01T00:00:00.000000000Z",
        });
        std::future::ready(Ok(attio_runtime::serde_json::from_value(note).unwrap()))
    }
}

/// A stored record of `R` with id `id` and no values.
fn stored<R: Record>(id: &str) -> Result<Stored<R>, Error> {
    Ok(Stored {
        id: RecordIdentity {
            workspace_id: "w".into(),
            object_id: R::OBJECT.into(),
            record_id: RecordId::new(id)?,
        },
        created_at: attio_runtime::chrono::Utc::now(),
        web_url: None,
        values: R::from_values(&Map::new())?,
    })
}

fn submission(phone: Option<&str>) -> Submission {
    Submission {
        name: PersonalName::new("Ada", "Lovelace"),
        email: EmailAddress::new("Ada@Acme.com").unwrap(),
        company_name: "Acme".into(),
        domain: Domain::new("acme.com").unwrap(),
        phone: phone.map(|number| PhoneNumber::new(number).unwrap()),
        job_title: "CTO".into(),
        message: "We would like a demo.".into(),
    }
}

#[tokio::test]
async fn the_company_is_upserted_by_domain_then_the_person_by_email_linked_to_it() {
    let api = Recorder::default();
    let receipt = submit(&api, &submission(Some("+44 20 7946 0958")))
        .await
        .unwrap();
    assert_eq!(receipt.company.as_str(), COMPANY_ID);
    assert_eq!(receipt.person.as_str(), PERSON_ID);

    let calls = api.calls();
    assert_eq!(calls.len(), 3, "{calls:#?}");
    assert_eq!(
        calls[0],
        Call::Upsert {
            object: "companies",
            matching: "domains",
            values: json!({"name": ["Acme"], "domains": [{"domain": "acme.com"}]}),
        }
    );
    assert_eq!(
        calls[1],
        Call::Upsert {
            object: "people",
            matching: "email_addresses",
            values: json!({
                "name": [{"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}],
                "email_addresses": [{"email_address": "Ada@Acme.com"}],
                "job_title": ["CTO"],
                // Linked to the company just upserted.
                "company": [{"target_object": "companies", "target_record_id": COMPANY_ID}],
                "phone_numbers": [{"original_phone_number": "+44 20 7946 0958", "country_code": null}],
            }),
        }
    );
    assert_eq!(
        calls[2],
        Call::Note {
            object: "people",
            record: PERSON_ID.into(),
            title: "Website form: message from Ada Lovelace".into(),
            content: "We would like a demo.".into(),
        }
    );
}

#[tokio::test]
async fn without_a_phone_the_stored_numbers_are_left_alone() {
    let api = Recorder::default();
    submit(&api, &submission(None)).await.unwrap();
    let Call::Upsert { values, .. } = &api.calls()[1] else {
        panic!("the second call should upsert the person");
    };
    assert!(
        values.get("phone_numbers").is_none(),
        "an empty write would clear them: {values}"
    );
}

#[tokio::test]
async fn a_failed_company_upsert_writes_nothing_else() {
    let api = Recorder {
        failing_object: Some("companies"),
        ..Recorder::default()
    };
    let error = submit(&api, &submission(None)).await.unwrap_err();
    assert!(
        error.to_string().contains("refused by the test double"),
        "{error}"
    );
    assert_eq!(api.calls().len(), 1, "{:#?}", api.calls());
}

#[tokio::test]
async fn a_failed_person_upsert_adds_no_note() {
    let api = Recorder {
        failing_object: Some("people"),
        ..Recorder::default()
    };
    submit(&api, &submission(None)).await.unwrap_err();
    let calls = api.calls();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    assert!(calls.iter().all(|call| matches!(call, Call::Upsert { .. })));
}

#[tokio::test]
async fn the_same_submission_twice_sends_the_same_upserts() {
    // Idempotent writes are what makes a returning visitor an update: the
    // second post matches the records the first one made.
    let api = Recorder::default();
    submit(&api, &submission(None)).await.unwrap();
    submit(&api, &submission(None)).await.unwrap();
    let calls = api.calls();
    assert_eq!(calls[..3], calls[3..]);
}
