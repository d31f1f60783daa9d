//! A meeting's call recordings: list (every page), create (from a video
//! URL, a transcript of speakers and segments, or both), get with the
//! transcript, delete; and the deprecated transcript route.
//!
//! # Stability
//!
//! Beta in Attio's API (<https://docs.attio.com/rest-api/endpoint-reference/call-recordings>):
//! its shape may change, and these types with it.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::{decode, Call};
use crate::ids::WorkspaceId;
use crate::value::Actor;
use crate::{Client, Error};

/// A call recording's `id`; also the `id` of a `call-recording.created`
/// webhook event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CallRecordingKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The meeting it recorded.
    pub meeting_id: String,
    /// The recording.
    pub call_recording_id: String,
}

/// Whether Attio has processed a recording.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum RecordingStatus {
    /// Not yet: no transcript.
    Processing,
    /// Done: the transcript is there.
    Completed,
    /// It could not be processed.
    Failed,
    /// A status this version does not know, kept as Attio sent it.
    Other(String),
}

impl From<String> for RecordingStatus {
    fn from(raw: String) -> Self {
        match raw.as_str() {
            "processing" => RecordingStatus::Processing,
            "completed" => RecordingStatus::Completed,
            "failed" => RecordingStatus::Failed,
            _ => RecordingStatus::Other(raw),
        }
    }
}

impl From<RecordingStatus> for String {
    fn from(status: RecordingStatus) -> String {
        match status {
            RecordingStatus::Processing => "processing".into(),
            RecordingStatus::Completed => "completed".into(),
            RecordingStatus::Failed => "failed".into(),
            RecordingStatus::Other(other) => other,
        }
    }
}

/// A call recording as Attio lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CallRecording {
    /// Workspace, meeting and recording ids.
    pub id: CallRecordingKey,
    /// Whether it has been processed.
    pub status: RecordingStatus,
    /// Where it is in Attio's web app.
    pub web_url: String,
    /// Who created it.
    pub created_by_actor: Actor,
    /// When, as Attio formats it.
    pub created_at: String,
    /// The video, when fetched one by one ([`Client::get_call_recording`]).
    #[serde(default)]
    pub video_url: Option<String>,
    /// The transcript, when fetched one by one and processed.
    #[serde(default)]
    pub transcript: Option<Transcript>,
}

/// What was said in a recording.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Transcript {
    /// Who said what, when.
    pub segments: Vec<TranscriptSegment>,
    /// The whole transcript as one text.
    pub raw_transcript: String,
}

/// One stretch of speech by one speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptSegment {
    /// What they said.
    pub speech: String,
    /// Seconds from the start of the recording.
    pub start_time: f64,
    /// Seconds from the start of the recording.
    pub end_time: f64,
    /// Who said it.
    pub speaker: Speaker,
}

/// The speaker of a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Their name.
    pub name: String,
    /// Their email address: sent when creating a recording, so that Attio
    /// can tell who they are; not returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
}

impl TranscriptSegment {
    /// `speech` by `speaker` from `start_time` to `end_time` (seconds).
    pub fn new(speaker: &str, speech: &str, start_time: f64, end_time: f64) -> TranscriptSegment {
        TranscriptSegment {
            speech: speech.to_owned(),
            start_time,
            end_time,
            speaker: Speaker {
                name: speaker.to_owned(),
                email_address: None,
            },
        }
    }

    /// The speaker's email address.
    pub fn email(mut self, email_address: &str) -> Self {
        self.speaker.email_address = Some(email_address.to_owned());
        self
    }
}

/// The transcript of the deprecated route, every page of it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecordingTranscript {
    /// Workspace, meeting and recording ids.
    pub id: CallRecordingKey,
    /// Who said what, when.
    pub transcript: Vec<TranscriptSegment>,
    /// The whole transcript as one text.
    pub raw_transcript: String,
    /// Where the recording is in Attio's web app.
    pub web_url: String,
}

/// `{"data": …, "pagination": {"next_cursor"}}` of the transcript route,
/// whose `data` is one object with the page's segments inside.
#[derive(Deserialize)]
struct TranscriptPage {
    data: RecordingTranscript,
    pagination: NextCursor,
}

#[derive(Deserialize)]
struct NextCursor {
    next_cursor: Option<String>,
}

fn recordings_path(meeting_id: &str) -> String {
    format!("/v2/meetings/{meeting_id}/call_recordings")
}

impl Client {
    /// The call recordings of a meeting, every page
    /// (`GET /v2/meetings/{meeting_id}/call_recordings`), without their
    /// transcripts.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn list_call_recordings(
        &self,
        meeting_id: &str,
    ) -> Result<Vec<CallRecording>, Error> {
        self.every_page(&format!("{}?limit=200", recordings_path(meeting_id)))
            .await
    }

    /// Adds a recording to a meeting from a video's URL, a transcript, or
    /// both (`POST /v2/meetings/{meeting_id}/call_recordings`); Attio sends
    /// `call-recording.created` to subscribed webhooks. Not repeated after an
    /// ambiguous failure.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn create_call_recording(
        &self,
        meeting_id: &str,
        video_url: Option<&str>,
        transcript: &[TranscriptSegment],
    ) -> Result<CallRecording, Error> {
        let mut data = json!({});
        if let Some(url) = video_url {
            data["video_url"] = json!(url);
        }
        if !transcript.is_empty() {
            data["transcript"] = serde_json::to_value(transcript).unwrap_or(Value::Null);
        }
        let call = Call::write(
            Method::POST,
            recordings_path(meeting_id),
            Some(json!({ "data": data })),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// One recording with its video URL and transcript
    /// (`GET /v2/meetings/{meeting_id}/call_recordings/{call_recording_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn get_call_recording(
        &self,
        meeting_id: &str,
        call_recording_id: &str,
    ) -> Result<CallRecording, Error> {
        let path = format!("{}/{call_recording_id}", recordings_path(meeting_id));
        self.call(Call::get(path)).await
    }

    /// Deletes a recording
    /// (`DELETE /v2/meetings/{meeting_id}/call_recordings/{call_recording_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn delete_call_recording(
        &self,
        meeting_id: &str,
        call_recording_id: &str,
    ) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("{}/{call_recording_id}", recordings_path(meeting_id)),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }

    /// A recording's transcript, every page of it
    /// (`GET …/call_recordings/{call_recording_id}/transcript`).
    ///
    /// # Stability
    ///
    /// Deprecated and hidden in Attio's reference: the transcript is part
    /// of [`get_call_recording`](Client::get_call_recording).
    #[deprecated(note = "Attio deprecated this route: use `get_call_recording`, \
                         whose `transcript` holds the same segments")]
    pub async fn get_call_recording_transcript(
        &self,
        meeting_id: &str,
        call_recording_id: &str,
    ) -> Result<RecordingTranscript, Error> {
        let path = format!(
            "{}/{call_recording_id}/transcript",
            recordings_path(meeting_id)
        );
        let mut whole: Option<RecordingTranscript> = None;
        let mut cursor: Option<String> = None;
        loop {
            let page_path = match &cursor {
                None => path.clone(),
                Some(c) => super::cursor::with_query(&path, &[("cursor", c.clone())]),
            };
            let call = Call::get(page_path.clone());
            let method = call.method.clone();
            let body = self.send(call).await?;
            let page: TranscriptPage = decode(&body, &method, &page_path)?;
            match &mut whole {
                None => whole = Some(page.data),
                Some(whole) => whole.transcript.extend(page.data.transcript),
            }
            match page.pagination.next_cursor {
                Some(next) if !next.is_empty() => cursor = Some(next),
                _ => break,
            }
        }
        // The loop runs at least once, so `whole` is set.
        whole.ok_or_else(|| {
            Error::new(
                crate::ErrorKind::Decode,
                "the transcript route answered without a page",
            )
        })
    }
}
