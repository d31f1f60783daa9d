//! A meeting's call recordings (beta in Attio's API): list, create (with a
//! transcript of speakers and segments, or a video to process), get with
//! the transcript, delete; and the transcript route Attio's reference has
//! hidden and deprecated in favour of the transcript inside "Get call
//! recording", served with a `Deprecation` header (RFC 9745). Creating one
//! sends `call-recording.created` to subscribed webhooks.
//!
//! The emulator processes no video: a recording created with a transcript
//! is `completed`, one without stays `processing` with no transcript.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::cursor;
use super::meetings::meeting_index;
use crate::errors::ApiError;
use crate::events;
use crate::http::{data, data_object, lock, parse_body, publish, ApiResult, Params, Shared};
use crate::store::{new_id, CallRecording, Meeting, Segment, Store};
use crate::time;

/// The webhook event types of this module, which webhooks may subscribe to.
pub(crate) const EVENT_TYPES: [&str; 1] = ["call-recording.created"];

/// Segments per page of the deprecated transcript route.
const TRANSCRIPT_PAGE: usize = 500;

fn recording_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Call recording with ID \"{id}\" not found."))
}

fn ids(store: &Store, meeting: &Meeting, recording: &CallRecording) -> Value {
    json!({"workspace_id": store.info.id, "meeting_id": meeting.id,
        "call_recording_id": recording.id})
}

fn web_url(store: &Store, meeting: &Meeting, recording: &CallRecording) -> String {
    format!(
        "https://app.attio.com/{}/calls/{}/{}",
        store.info.slug, meeting.id, recording.id
    )
}

fn segment_json(segment: &Segment) -> Value {
    json!({"speech": segment.speech, "start_time": segment.start_time,
        "end_time": segment.end_time, "speaker": {"name": segment.speaker}})
}

/// The transcript as one text: a line per segment, `Speaker: speech`.
fn raw_transcript(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| format!("{}: {}", s.speaker, s.speech))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The summary every route returns; `full` adds the video and transcript
/// that "Get call recording" carries.
fn render(store: &Store, meeting: &Meeting, recording: &CallRecording, full: bool) -> Value {
    let status = if recording.transcript.is_some() {
        "completed"
    } else {
        "processing"
    };
    let mut out = json!({
        "id": ids(store, meeting, recording),
        "status": status,
        "web_url": web_url(store, meeting, recording),
        "created_by_actor": recording.created_by,
        "created_at": recording.created_at,
    });
    if full {
        out["video_url"] = json!(recording.video_url);
        out["transcript"] = match &recording.transcript {
            None => Value::Null,
            Some(segments) => json!({
                "segments": segments.iter().map(segment_json).collect::<Vec<_>>(),
                "raw_transcript": raw_transcript(segments),
            }),
        };
    }
    out
}

fn issue(path: Vec<Value>, message: &str) -> ApiError {
    let mut full = vec![json!("data")];
    full.extend(path);
    ApiError::body_issue(full, message)
}

fn segments(value: &Value) -> Result<Vec<Segment>, ApiError> {
    let items = value
        .as_array()
        .ok_or_else(|| issue(vec![json!("transcript")], "Expected array."))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |key: &str, message: &str| {
                issue(vec![json!("transcript"), json!(i), json!(key)], message)
            };
            let speech = item["speech"]
                .as_str()
                .ok_or_else(|| at("speech", "Expected string."))?;
            let seconds = |key: &str| {
                item[key]
                    .as_f64()
                    .filter(|s| *s >= 0.0)
                    .ok_or_else(|| at(key, "Expected a number of seconds, 0 or more."))
            };
            let (start_time, end_time) = (seconds("start_time")?, seconds("end_time")?);
            if end_time < start_time {
                return Err(at("end_time", "A segment cannot end before it starts."));
            }
            let speaker = item["speaker"]["name"]
                .as_str()
                .ok_or_else(|| at("speaker", "Required: {\"name\"}."))?;
            Ok(Segment {
                speech: speech.to_owned(),
                start_time,
                end_time,
                speaker: speaker.to_owned(),
            })
        })
        .collect()
}

fn new_recording(store: &Store, data_in: &Map<String, Value>) -> Result<CallRecording, ApiError> {
    let video_url = match data_in.get("video_url") {
        None | Some(Value::Null) => None,
        Some(Value::String(url)) if url.starts_with("https://") || url.starts_with("http://") => {
            Some(url.clone())
        }
        Some(_) => return Err(issue(vec![json!("video_url")], "Expected an http(s) URL.")),
    };
    let transcript = match data_in.get("transcript") {
        None | Some(Value::Null) => None,
        Some(value) => Some(segments(value)?),
    };
    if video_url.is_none() && transcript.is_none() {
        return Err(issue(
            vec![],
            "A call recording needs a \"video_url\", a \"transcript\" or both.",
        ));
    }
    Ok(CallRecording {
        id: new_id(),
        video_url,
        transcript,
        created_by: store.token_actor(),
        created_at: time::now_string(),
    })
}

/// The meeting's index and the recording's, or Attio's 404.
fn locate(store: &Store, meeting_id: &str, id: &str) -> Result<(usize, usize), ApiError> {
    let m = meeting_index(store, meeting_id)?;
    let r = store.meetings[m]
        .recordings
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| recording_not_found(id))?;
    Ok((m, r))
}

/// `GET /v2/meetings/{meeting}/call_recordings`.
pub(crate) async fn list(
    State(state): State<Shared>,
    Path(meeting_id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, 50, 200)?;
    let meeting = &store.meetings[meeting_index(&store, &meeting_id)?];
    let items = meeting
        .recordings
        .iter()
        .map(|r| render(&store, meeting, r, false))
        .collect();
    Ok(cursor::respond(items, page))
}

/// `POST /v2/meetings/{meeting}/call_recordings`.
pub(crate) async fn create(
    State(state): State<Shared>,
    Path(meeting_id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let m = meeting_index(&store, &meeting_id)?;
    let recording = new_recording(&store, data_object(&body)?)?;
    let rendered = render(&store, &store.meetings[m], &recording, false);
    let id = recording.id.clone();
    store.meetings[m].recordings.push(recording);
    publish(&state, &store, || {
        vec![events::call_recording_event(&store, &meeting_id, &id)]
    });
    Ok(data(rendered))
}

/// `GET /v2/meetings/{meeting}/call_recordings/{recording}`, with its
/// video and transcript.
pub(crate) async fn get_one(
    State(state): State<Shared>,
    Path((meeting_id, id)): Path<(String, String)>,
) -> ApiResult {
    let store = lock(&state);
    let (m, r) = locate(&store, &meeting_id, &id)?;
    let meeting = &store.meetings[m];
    Ok(data(render(&store, meeting, &meeting.recordings[r], true)))
}

/// `DELETE /v2/meetings/{meeting}/call_recordings/{recording}`: `204`.
pub(crate) async fn delete(
    State(state): State<Shared>,
    Path((meeting_id, id)): Path<(String, String)>,
) -> ApiResult {
    let mut store = lock(&state);
    let (m, r) = locate(&store, &meeting_id, &id)?;
    store.meetings[m].recordings.remove(r);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /v2/meetings/{meeting}/call_recordings/{recording}/transcript`
/// (deprecated): the segments a page at a time, the whole raw transcript
/// on every page.
pub(crate) async fn transcript(
    State(state): State<Shared>,
    Path((meeting_id, id)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, TRANSCRIPT_PAGE, TRANSCRIPT_PAGE)?;
    let (m, r) = locate(&store, &meeting_id, &id)?;
    let meeting = &store.meetings[m];
    let recording = &meeting.recordings[r];
    let segments = recording.transcript.as_deref().unwrap_or_default();
    let (page_segments, next) = cursor::slice(segments.iter().map(segment_json).collect(), page);
    let body = json!({
        "data": {
            "id": ids(&store, meeting, recording),
            "transcript": page_segments,
            "raw_transcript": raw_transcript(segments),
            "web_url": web_url(&store, meeting, recording),
        },
        "pagination": {"next_cursor": next},
    });
    let mut response: Response = (StatusCode::OK, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert("deprecation", HeaderValue::from_static("true"));
    Ok(response)
}
