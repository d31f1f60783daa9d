//! Notes on records.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::ids::RecordId;
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
        let body = json!({"data": {
            "parent_object": R::OBJECT,
            "parent_record_id": record.as_str(),
            "title": title,
            "format": format.as_str(),
            "content": content,
        }});
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
    use super::Note;
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
}
