//! Business logic written against `AttioApi` runs on the real client and,
//! in a unit test, on a double that answers without HTTP: a sign-up
//! upserted, and a notetaker's meetings, recordings, files, notes and SQL.

use std::sync::Mutex;

use attio_emulator::Emulator;
use attio_runtime::api::call_recordings::TranscriptSegment;
use attio_runtime::api::files::Upload;
use attio_runtime::api::meetings::{MeetingQuery, NewMeeting, RecordLink};
use attio_runtime::api::notes::NoteFormat;
use attio_runtime::chrono::{TimeZone, Utc};
use attio_runtime::serde_json::{self, json, Value};
use attio_runtime::value::{EmailAddress, PersonalName};
use attio_runtime::BoxFuture;
use attio_runtime::RecordId;
use attio_runtime::{AttioApi, Attribute, Error, ErrorKind, IsUnique, Record, Stored, Write};
use attio_tests::support;
use attio_tests::workspace::{Company, Person, PersonWrite};

const KEY: &str = "double-test-key";
const ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";

/// The logic under test: a sign-up becomes a person, matched by email.
async fn record_signup(
    api: &impl AttioApi,
    email: &str,
    first: &str,
    last: &str,
) -> Result<RecordId, Error> {
    let email = EmailAddress::new(email)?;
    let write: PersonWrite = Person::write()
        .email_addresses([email])
        .name(PersonalName::new(first, last));
    let person = api.upsert_record(Person::EMAIL_ADDRESSES, write).await?;
    Ok(person.id.record_id)
}

/// A double that records the upserts it is asked for.
#[derive(Default)]
struct Recorder {
    upserts: Mutex<Vec<(String, Value)>>,
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
        let values = serde_json::to_value(write.values().as_map()).unwrap();
        self.upserts
            .lock()
            .unwrap()
            .push((matching.slug().to_owned(), values));
        let stored = serde_json::from_value(json!({
            "id": {"workspace_id": "w", "object_id": "o", "record_id": ID},
            "created_at": "2025-01-01T00:00:00.000000000Z",
            "values": {},
        }));
        Box::pin(async move { Ok(stored.expect("an empty record decodes")) })
    }
}

#[tokio::test]
async fn logic_runs_on_a_double_without_http() {
    let double = Recorder::default();
    let id = record_signup(&double, "Ada@Acme.com", "Ada", "Lovelace")
        .await
        .unwrap();
    assert_eq!(id.as_str(), ID);
    {
        let upserts = double.upserts.lock().unwrap();
        assert_eq!(upserts.len(), 1);
        assert_eq!(upserts[0].0, "email_addresses");
        assert_eq!(
            upserts[0].1["email_addresses"],
            json!([{"email_address": "Ada@Acme.com"}])
        );
    }

    // Invalid input fails before the double is asked anything.
    let error = record_signup(&double, "not-an-email", "A", "B")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert_eq!(double.upserts.lock().unwrap().len(), 1);

    // A call the double does not provide is a clear failure.
    let error = double
        .get_record::<Person>(&RecordId::new(ID).unwrap())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`get_record` is not implemented by this AttioApi"),
        "{error}"
    );
}

#[tokio::test]
async fn the_same_logic_runs_on_the_client() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let client = support::client(&emulator, KEY).build().unwrap();
    let first = record_signup(&client, "ada@acme.com", "Ada", "Lovelace")
        .await
        .unwrap();
    let again = record_signup(&client, "ada@acme.com", "Ada", "King")
        .await
        .unwrap();
    assert_eq!(first, again);
    let person = AttioApi::get_record::<Person>(&client, &first)
        .await
        .unwrap();
    assert_eq!(person.values.name.unwrap().last_name, "King");
    emulator.shutdown().await;
}

/// A notetaker's logic over the trait, idempotent on re-run: the meeting
/// linked to `company` (found by title or created), its recording with a
/// transcript, the transcript uploaded as a file and written as a note.
/// Returns the meeting's id and the transcript read back.
async fn file_call(
    api: &impl AttioApi,
    company: &RecordId,
    title: &str,
    segments: &[TranscriptSegment],
) -> Result<(String, String), Error> {
    let link = RecordLink::to::<Company>(company);
    let meetings = api
        .list_meetings(&MeetingQuery::new().linked(link.clone()))
        .await?;
    let meeting = match meetings.into_iter().find(|m| m.title == title) {
        Some(meeting) => meeting,
        None => {
            let nine = Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap();
            let ten = Utc.with_ymd_and_hms(2026, 10, 5, 10, 0, 0).unwrap();
            let new = NewMeeting::timed(title, nine, ten).linked(link.clone());
            api.create_meeting(&new).await?
        }
    };
    let meeting_id = api.get_meeting(&meeting.id.meeting_id).await?.id.meeting_id;
    let recording = match api.list_call_recordings(&meeting_id).await?.pop() {
        Some(recording) => recording,
        None => {
            api.create_call_recording(&meeting_id, None, segments)
                .await?
        }
    };
    let recording = api
        .get_call_recording(&meeting_id, &recording.id.call_recording_id)
        .await?;
    let text = recording
        .transcript
        .map(|t| t.raw_transcript)
        .unwrap_or_default();
    let file_name = format!("{title}.txt");
    let files = api.list_files(&link, None).await?;
    if !files.iter().any(|f| f.name.as_deref() == Some(&file_name)) {
        let bytes = text.clone().into_bytes();
        let bytes = futures_util::stream::once(async { Ok::<_, std::io::Error>(bytes) });
        let upload = Upload::from_stream(&file_name, bytes).content_type("text/plain");
        api.upload_file(&link, upload).await?;
    }
    let notes = api.list_notes::<Company>(company).await?;
    if !notes.iter().any(|n| n.title == title) {
        api.create_note::<Company>(company, title, &text, NoteFormat::Plaintext)
            .await?;
    }
    Ok((meeting_id, text))
}

#[tokio::test]
async fn a_notetaker_runs_through_the_trait_twice_without_duplicates() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let acme_id = acme.id.record_id;
    let segments = [
        TranscriptSegment::new("Ada", "Hello.", 0.0, 1.5).email("ada@acme.com"),
        TranscriptSegment::new("Bob", "Hi Ada.", 1.5, 3.0),
    ];
    let (first, text) = file_call(&client, &acme_id, "Discovery", &segments)
        .await
        .unwrap();
    assert!(
        text.contains("Hello.") && text.contains("Hi Ada."),
        "{text}"
    );
    let (again, _) = file_call(&client, &acme_id, "Discovery", &segments)
        .await
        .unwrap();
    assert_eq!(first, again);
    let link = RecordLink::to::<Company>(&acme_id);
    assert_eq!(
        client
            .list_meetings(&MeetingQuery::new())
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(client.list_call_recordings(&first).await.unwrap().len(), 1);
    let files = AttioApi::list_files(&client, &link, None).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].content_size, Some(text.len() as u64));
    assert_eq!(
        client.list_notes::<Company>(&acme_id).await.unwrap().len(),
        1
    );
    let rows = AttioApi::query_sql(&client, "SELECT name FROM companies")
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get("name").unwrap(), "Acme");

    // On a double, the same logic fails at its first call, naming it.
    let error = file_call(&Recorder::default(), &acme_id, "Discovery", &segments)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("`list_meetings`"), "{error}");
}
