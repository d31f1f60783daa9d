//! The test double of the notetaker's tests: an in-memory Attio for the
//! calls `push` makes.

use std::future::Future;
use std::sync::Mutex;

use attio_runtime::api::call_recordings::{CallRecording, TranscriptSegment};
use attio_runtime::api::files::{AttioFile, Upload};
use attio_runtime::api::meetings::{Meeting, MeetingQuery, NewMeeting, RecordLink};
use attio_runtime::api::notes::{Note, NoteFormat};
use attio_runtime::serde_json::{self, json, Map, Value};
use attio_runtime::{AttioApi, Error, ErrorKind, Record, RecordId, RecordIdentity, Stored, Write};

/// A record the double holds: its object, id, and the value it is matched
/// on (a company's domain, a person's email).
#[derive(Debug, Clone)]
pub(super) struct Held {
    pub(super) object: &'static str,
    pub(super) id: String,
    pub(super) key: String,
    pub(super) values: Value,
}

/// A file or note the double holds, on `object`/`record`.
#[derive(Debug, Clone)]
pub(super) struct Attached {
    pub(super) object: String,
    pub(super) record: String,
    pub(super) name: String,
    pub(super) content: String,
    pub(super) meeting_id: Option<String>,
}

/// An in-memory Attio for the notetaker's calls: records matched by the
/// key in a query's filter, meetings, recordings, files and notes; every
/// write logged; one call can be made to fail once.
#[derive(Default)]
pub(super) struct Double {
    pub(super) records: Mutex<Vec<Held>>,
    pub(super) meetings: Mutex<Vec<Meeting>>,
    pub(super) recordings: Mutex<Vec<String>>,
    pub(super) files: Mutex<Vec<Attached>>,
    pub(super) notes: Mutex<Vec<Attached>>,
    pub(super) writes: Mutex<Vec<String>>,
    pub(super) fail_once: Mutex<Option<&'static str>>,
}

fn id(n: usize) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

const WORKSPACE: &str = "00000000-0000-4000-8000-0000000000f0";
const OBJECT_ID: &str = "00000000-0000-4000-8000-0000000000f1";
const ACTOR: &str = r#"{"type": "api-token", "id": null}"#;
const CREATED_AT: &str = "2026-12-07T18:00:00.000000000Z";

impl Double {
    fn next_id(&self) -> String {
        let n = self.records.lock().unwrap().len()
            + self.meetings.lock().unwrap().len()
            + self.recordings.lock().unwrap().len()
            + self.files.lock().unwrap().len()
            + self.notes.lock().unwrap().len();
        id(n + 1)
    }

    fn write(&self, call: &'static str, what: String) -> Result<(), Error> {
        if *self.fail_once.lock().unwrap() == Some(call) {
            *self.fail_once.lock().unwrap() = None;
            return Err(Error::new(
                ErrorKind::Transport,
                format!("{call} broke off (test double)"),
            ));
        }
        self.writes.lock().unwrap().push(format!("{call} {what}"));
        Ok(())
    }

    pub(super) fn writes(&self) -> Vec<String> {
        self.writes.lock().unwrap().clone()
    }

    pub(super) fn held(&self, object: &'static str, key: &str) -> Option<Held> {
        (self.records.lock().unwrap().iter())
            .find(|r| r.object == object && r.key == key)
            .cloned()
    }

    /// The object and record id of a link to a record the double holds.
    fn unlink(&self, link: &RecordLink) -> (String, String) {
        let records = self.records.lock().unwrap();
        let held = records
            .iter()
            .find(|r| RecordLink::new(r.object, &RecordId::new(&r.id).unwrap()) == *link)
            .expect("a link to a record the double holds");
        (held.object.to_owned(), held.id.clone())
    }

    pub(super) fn seed(&self, object: &'static str, key: &str) -> String {
        let id = self.next_id();
        self.records.lock().unwrap().push(Held {
            object,
            id: id.clone(),
            key: key.to_owned(),
            values: json!({}),
        });
        id
    }

    pub(super) fn count(&self) -> [usize; 5] {
        [
            self.records.lock().unwrap().len(),
            self.meetings.lock().unwrap().len(),
            self.recordings.lock().unwrap().len(),
            self.files.lock().unwrap().len(),
            self.notes.lock().unwrap().len(),
        ]
    }
}

fn stored<R: Record>(id: &str) -> Result<Stored<R>, Error> {
    Ok(Stored {
        id: RecordIdentity {
            workspace_id: "w".into(),
            object_id: R::OBJECT.into(),
            record_id: RecordId::new(id)?,
        },
        created_at: chrono::Utc::now(),
        web_url: None,
        values: R::from_values(&Map::new())?,
    })
}

impl AttioApi for Double {
    fn query_all_records<R: Record + Send + 'static>(
        &self,
        query: attio_runtime::Query<R>,
    ) -> impl Future<Output = Result<Vec<Stored<R>>, Error>> + Send {
        // The notetaker looks companies up by domain and people by email:
        // the filter holds the value.
        let filter = query.to_json().to_string();
        let found: Vec<String> = (self.records.lock().unwrap().iter())
            .filter(|r| r.object == R::OBJECT && filter.contains(&format!("\"{}\"", r.key)))
            .map(|r| r.id.clone())
            .collect();
        std::future::ready(found.iter().map(|id| stored::<R>(id)).collect())
    }

    fn create_record<R: Record + Send>(
        &self,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send {
        let values = Value::Object(write.values().as_map().clone());
        let key = match R::OBJECT {
            "companies" => values["domains"][0]["domain"].as_str(),
            _ => values["email_addresses"][0]["email_address"].as_str(),
        }
        .expect("a company with a domain, a person with an email")
        .to_owned();
        let answer = self
            .write("create_record", format!("{} {key}", R::OBJECT))
            .and_then(|()| {
                let id = self.next_id();
                self.records.lock().unwrap().push(Held {
                    object: R::OBJECT,
                    id: id.clone(),
                    key,
                    values,
                });
                stored::<R>(&id)
            });
        std::future::ready(answer)
    }

    async fn list_meetings(&self, _query: &MeetingQuery) -> Result<Vec<Meeting>, Error> {
        Ok(self.meetings.lock().unwrap().clone())
    }

    async fn create_meeting(&self, meeting: &NewMeeting) -> Result<Meeting, Error> {
        // What the client would send, answered as Attio would.
        let mut data = meeting.body()["data"].clone();
        self.write("create_meeting", data["title"].as_str().unwrap().to_owned())?;
        let links: Vec<Value> = (data["linked_records"].as_array().unwrap().iter())
            .map(|l| {
                let record = l["record_id"].as_str().unwrap();
                json!({"object_slug": l["object"], "object_id": OBJECT_ID, "record_id": record})
            })
            .collect();
        data["linked_records"] = json!(links);
        data["participants"] = json!([]);
        data["id"] = json!({"workspace_id": WORKSPACE, "meeting_id": self.next_id()});
        data["created_at"] = json!(CREATED_AT);
        data["created_by_actor"] = serde_json::from_str(ACTOR).unwrap();
        let created: Meeting = serde_json::from_value(data).unwrap();
        self.meetings.lock().unwrap().push(created.clone());
        Ok(created)
    }

    async fn update_meeting(
        &self,
        meeting_id: &str,
        links: &[RecordLink],
    ) -> Result<Meeting, Error> {
        self.write("update_meeting", format!("{meeting_id} +{}", links.len()))?;
        let linked: Vec<Value> = links
            .iter()
            .map(|link| {
                let (object, record) = self.unlink(link);
                json!({"object_slug": object, "object_id": OBJECT_ID, "record_id": record})
            })
            .collect();
        let mut meetings = self.meetings.lock().unwrap();
        let meeting = meetings
            .iter_mut()
            .find(|m| m.id.meeting_id == meeting_id)
            .unwrap();
        meeting.linked_records.extend(
            linked
                .into_iter()
                .map(|l| serde_json::from_value(l).unwrap()),
        );
        Ok(meeting.clone())
    }

    async fn list_call_recordings(&self, meeting_id: &str) -> Result<Vec<CallRecording>, Error> {
        let recordings = self.recordings.lock().unwrap();
        Ok((recordings.iter().filter(|m| *m == meeting_id))
            .map(|m| recording(m))
            .collect())
    }

    async fn create_call_recording(
        &self,
        meeting_id: &str,
        video_url: Option<&str>,
        transcript: &[TranscriptSegment],
    ) -> Result<CallRecording, Error> {
        self.write(
            "create_call_recording",
            format!(
                "{meeting_id} {} segments, video {video_url:?}",
                transcript.len()
            ),
        )?;
        self.recordings.lock().unwrap().push(meeting_id.to_owned());
        Ok(recording(meeting_id))
    }

    async fn list_files(
        &self,
        record: &RecordLink,
        folder: Option<&str>,
    ) -> Result<Vec<AttioFile>, Error> {
        assert_eq!(folder, None, "every file of the record");
        let (object, record) = self.unlink(record);
        let files = self.files.lock().unwrap();
        Ok((files
            .iter()
            .filter(|f| f.object == object && f.record == record))
        .map(file)
        .collect())
    }

    async fn upload_file(&self, record: &RecordLink, upload: Upload) -> Result<AttioFile, Error> {
        // A double sees the upload's name; its bytes are a stream only the
        // client reads (the end-to-end test downloads them).
        let (object, record) = self.unlink(record);
        self.write("upload_file", format!("{object} {}", upload.name()))?;
        let attached = Attached {
            object,
            record,
            name: upload.name().to_owned(),
            content: String::new(),
            meeting_id: None,
        };
        self.files.lock().unwrap().push(attached.clone());
        Ok(file(&attached))
    }

    async fn list_notes<R: Record + Send>(&self, record: &RecordId) -> Result<Vec<Note>, Error> {
        let notes = self.notes.lock().unwrap();
        Ok((notes.iter())
            .filter(|n| n.object == R::OBJECT && n.record == record.as_str())
            .map(note)
            .collect())
    }

    async fn create_meeting_note<R: Record + Send>(
        &self,
        record: &RecordId,
        meeting_id: &str,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> Result<Note, Error> {
        assert_eq!(format, NoteFormat::Markdown);
        self.write("create_meeting_note", format!("{} {title}", R::OBJECT))?;
        let attached = Attached {
            object: R::OBJECT.to_owned(),
            record: record.as_str().to_owned(),
            name: title.to_owned(),
            content: content.to_owned(),
            meeting_id: Some(meeting_id.to_owned()),
        };
        self.notes.lock().unwrap().push(attached.clone());
        Ok(note(&attached))
    }
}

fn recording(meeting_id: &str) -> CallRecording {
    serde_json::from_value(json!({
        "id": {"workspace_id": WORKSPACE, "meeting_id": meeting_id, "call_recording_id": id(999)},
        "status": "completed", "web_url": "https://app.attio.com/w/calls",
        "created_by_actor": serde_json::from_str::<Value>(ACTOR).unwrap(), "created_at": CREATED_AT,
    }))
    .unwrap()
}

fn file(f: &Attached) -> AttioFile {
    serde_json::from_value(json!({
        "id": {"workspace_id": WORKSPACE, "file_id": id(998)},
        "object_id": OBJECT_ID, "object_slug": f.object, "record_id": f.record,
        "storage_provider": "attio", "created_by_actor": serde_json::from_str::<Value>(ACTOR).unwrap(),
        "created_at": CREATED_AT, "file_type": "file", "name": f.name,
    }))
    .unwrap()
}

fn note(n: &Attached) -> Note {
    serde_json::from_value(json!({
        "id": {"workspace_id": WORKSPACE, "note_id": id(997)},
        "parent_object": n.object, "parent_record_id": n.record,
        "title": n.name, "content_plaintext": n.content, "meeting_id": n.meeting_id,
        "created_by_actor": serde_json::from_str::<Value>(ACTOR).unwrap(), "created_at": CREATED_AT,
    }))
    .unwrap()
}
