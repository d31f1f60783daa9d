//! Notes on records.

use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Map, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::{RecordId, WorkspaceMemberId};
use crate::record::Record;
use crate::value::Actor;
use crate::{Client, Error};

/// A note's `id`: `{"workspace_id", "note_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NoteId {
    /// The workspace's id.
    pub workspace_id: String,
    /// The note's id.
    pub note_id: String,
}

/// A note as Attio returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Note {
    /// Workspace and note ids.
    pub id: NoteId,
    /// The slug of the parent record's object.
    pub parent_object: String,
    /// The parent record.
    pub parent_record_id: RecordId,
    /// The title, plain text.
    pub title: String,
    /// The content without markup.
    pub content_plaintext: String,
    /// The content as Markdown; absent from older responses.
    #[serde(default)]
    pub content_markdown: Option<String>,
    /// Who wrote it.
    pub created_by_actor: Actor,
    /// When, as Attio formats it (nanoseconds, UTC).
    pub created_at: String,
    /// The meeting the note was taken in; absent from responses older than
    /// the field, which counts as none.
    #[serde(default)]
    pub meeting_id: Option<String>,
    /// The members and records the note is tagged with; absent from
    /// responses older than the field, which counts as none.
    #[serde(default)]
    pub tags: Vec<NoteTag>,
}

/// What a note is tagged with (`tags[]` of a note).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NoteTag {
    /// A workspace member (`{"type": "workspace-member", "workspace_member_id"}`).
    WorkspaceMember(WorkspaceMemberId),
    /// A record (`{"type": "record", "object", "record_id"}`); `object` is
    /// the object's slug.
    Record {
        /// The record's object, by slug.
        object: String,
        /// The record.
        record_id: RecordId,
    },
    /// A kind of tag this version does not know, kept whole: a tag Attio
    /// adds never fails the read of a note.
    Unknown(Value),
}

impl<'de> Deserialize<'de> for NoteTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Member {
            workspace_member_id: WorkspaceMemberId,
        }
        #[derive(Deserialize)]
        struct Tagged {
            object: String,
            record_id: RecordId,
        }
        let raw = Value::deserialize(deserializer)?;
        let known = match raw.get("type").and_then(Value::as_str) {
            Some("workspace-member") => serde_json::from_value::<Member>(raw.clone())
                .ok()
                .map(|m| NoteTag::WorkspaceMember(m.workspace_member_id)),
            Some("record") => {
                serde_json::from_value::<Tagged>(raw.clone())
                    .ok()
                    .map(|t| NoteTag::Record {
                        object: t.object,
                        record_id: t.record_id,
                    })
            }
            _ => None,
        };
        Ok(known.unwrap_or(NoteTag::Unknown(raw)))
    }
}

/// Changes to a note (`PATCH /v2/notes/{note_id}`); what is not set stays
/// as it is.
///
/// ```
/// use attio_runtime::api::notes::{NoteFormat, NoteUpdate};
///
/// let update = NoteUpdate::new().title("Call, take 2").content("# Agreed", NoteFormat::Markdown);
/// assert_eq!(
///     update.body(),
///     attio_runtime::serde_json::json!({"data": {"title": "Call, take 2", "content": "# Agreed", "format": "markdown"}})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteUpdate {
    data: Map<String, Value>,
}

impl NoteUpdate {
    /// No change yet.
    pub fn new() -> NoteUpdate {
        NoteUpdate::default()
    }

    /// A new title, plain text.
    pub fn title(mut self, title: impl Into<String>) -> NoteUpdate {
        self.data.insert("title".into(), json!(title.into()));
        self
    }

    /// New content, written in `format`; it replaces the whole body.
    pub fn content(mut self, content: impl Into<String>, format: NoteFormat) -> NoteUpdate {
        self.data.insert("content".into(), json!(content.into()));
        self.data.insert("format".into(), json!(format.as_str()));
        self
    }

    /// The request body of `PATCH /v2/notes/{note_id}`.
    pub fn body(&self) -> Value {
        json!({ "data": self.data })
    }
}

/// How a note's content is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFormat {
    /// Plain text.
    Plaintext,
    /// Markdown.
    Markdown,
}

impl NoteFormat {
    fn as_str(self) -> &'static str {
        match self {
            NoteFormat::Plaintext => "plaintext",
            NoteFormat::Markdown => "markdown",
        }
    }
}

impl Client {
    /// Adds a note to a record of `R`: `POST /v2/notes`. Like a record
    /// create, not repeated after an ambiguous failure.
    pub async fn create_note<R: Record>(
        &self,
        record: &RecordId,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> Result<Note, Error> {
        self.post_note::<R>(record, title, content, format, None)
            .await
    }

    /// Adds a note to a record of `R`, taken in the meeting `meeting_id`
    /// (a meeting's id, as [`Client::create_meeting`] returns it):
    /// `POST /v2/notes` with `meeting_id`, so that Attio shows the note
    /// with the meeting. Like a record create, not repeated after an
    /// ambiguous failure.
    pub async fn create_meeting_note<R: Record>(
        &self,
        record: &RecordId,
        meeting_id: &str,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> Result<Note, Error> {
        self.post_note::<R>(record, title, content, format, Some(meeting_id))
            .await
    }

    async fn post_note<R: Record>(
        &self,
        record: &RecordId,
        title: &str,
        content: &str,
        format: NoteFormat,
        meeting_id: Option<&str>,
    ) -> Result<Note, Error> {
        let mut body = json!({"data": {
            "parent_object": R::OBJECT,
            "parent_record_id": record.as_str(),
            "title": title,
            "format": format.as_str(),
            "content": content,
        }});
        if let Some(meeting_id) = meeting_id {
            body["data"]["meeting_id"] = json!(meeting_id);
        }
        let call = Call::write(
            Method::POST,
            "/v2/notes".to_owned(),
            Some(body),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// The notes of a record of `R`, every page (`GET /v2/notes`, 50 at a time).
    pub async fn list_notes<R: Record>(&self, record: &RecordId) -> Result<Vec<Note>, Error> {
        const PAGE: usize = 50;
        let mut notes = Vec::new();
        loop {
            let path = format!(
                "/v2/notes?parent_object={}&parent_record_id={record}&limit={PAGE}&offset={}",
                R::OBJECT,
                notes.len()
            );
            let page: Vec<Note> = self.call(Call::get(path)).await?;
            let last = page.len() < PAGE;
            notes.extend(page);
            if last {
                return Ok(notes);
            }
        }
    }

    /// Changes a note's title or content: `PATCH /v2/notes/{note_id}`
    /// ("Update a note"). Repeating it sets the same text again, so it is
    /// retried like a read.
    pub async fn update_note(&self, note_id: &str, update: &NoteUpdate) -> Result<Note, Error> {
        let call = Call::write(
            Method::PATCH,
            format!("/v2/notes/{note_id}"),
            Some(update.body()),
            Idempotency::Idempotent,
        );
        self.call(call).await
    }

    /// Deletes a note.
    pub async fn delete_note(&self, note_id: &str) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/notes/{note_id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::{Note, NoteTag};
    use serde_json::json;

    fn body() -> serde_json::Value {
        json!({
            "id": {"workspace_id": "w", "note_id": "n"},
            "parent_object": "people",
            "parent_record_id": "0b7a7b7e-3c55-4b43-9c1c-1e0d7f6b8a01",
            "title": "Call",
            "content_plaintext": "hi",
            "content_markdown": "hi",
            "created_by_actor": {"type": "api-token", "id": "t"},
            "created_at": "2025-01-01T00:00:00.000000000Z",
        })
    }

    #[test]
    fn meeting_id_present_null_or_absent() {
        let mut with = body();
        with["meeting_id"] = json!("14beef7a-99f7-4534-a87e-70b564330a4c");
        let note: Note = serde_json::from_value(with).unwrap();
        assert_eq!(
            note.meeting_id.as_deref(),
            Some("14beef7a-99f7-4534-a87e-70b564330a4c")
        );
        let mut null = body();
        null["meeting_id"] = json!(null);
        let note: Note = serde_json::from_value(null).unwrap();
        assert_eq!(note.meeting_id, None);
        let note: Note = serde_json::from_value(body()).unwrap();
        assert_eq!(note.meeting_id, None);
    }

    #[test]
    fn tags_of_each_kind_and_of_a_kind_not_known_yet() {
        let mut tagged = body();
        tagged["tags"] = json!([
            {"type": "workspace-member", "workspace_member_id": "50cf242c-7fa3-4cad-87d0-75b1af71c57b"},
            {"type": "record", "object": "people", "record_id": "0b7a7b7e-3c55-4b43-9c1c-1e0d7f6b8a01"},
            {"type": "team", "team_id": "t"},
        ]);
        let note: Note = serde_json::from_value(tagged).unwrap();
        assert!(
            matches!(&note.tags[0], NoteTag::WorkspaceMember(m) if m.as_str() == "50cf242c-7fa3-4cad-87d0-75b1af71c57b")
        );
        assert!(matches!(&note.tags[1], NoteTag::Record { object, .. } if object == "people"));
        assert_eq!(
            note.tags[2],
            NoteTag::Unknown(json!({"type": "team", "team_id": "t"}))
        );
        let untagged: Note = serde_json::from_value(body()).unwrap();
        assert!(untagged.tags.is_empty());
    }
}
