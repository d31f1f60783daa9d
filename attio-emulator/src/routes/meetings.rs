//! Meetings (beta in Attio's API): list with filters and a cursor, create,
//! get, link records (PATCH adds, PUT replaces) and delete. A meeting is
//! all-day (`{"date"}` bounds) or timed (`{"datetime", "timezone"}`
//! bounds); its participants are kept as given (Attio does not require
//! them to be people of the workspace) and it is linked to records by
//! `linked_records`. See <https://docs.attio.com/rest-api/endpoint-reference/meetings>.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};

use super::cursor;
use crate::errors::ApiError;
use crate::http::{
    data, data_object, empty, lock, parse_body, required, required_str, timestamp_param, ApiResult,
    Params, Shared,
};
use crate::store::{new_id, Meeting, MeetingTime, Store};
use crate::time;

/// The participant statuses Attio knows.
const STATUSES: [&str; 4] = ["accepted", "tentative", "declined", "pending"];

pub(crate) fn meeting_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Meeting with ID \"{id}\" not found."))
}

/// The index of the meeting with this id, or Attio's 404.
pub(crate) fn meeting_index(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .meetings
        .iter()
        .position(|m| m.id == id)
        .ok_or_else(|| meeting_not_found(id))
}

fn time_json(at: &MeetingTime) -> Value {
    match at {
        MeetingTime::Day(day) => json!({"date": day.format("%Y-%m-%d").to_string()}),
        MeetingTime::At(at, zone) => {
            json!({"datetime": time::format_timestamp(*at), "timezone": zone})
        }
    }
}

fn render(store: &Store, meeting: &Meeting) -> Value {
    let linked: Vec<Value> = meeting
        .linked_records
        .iter()
        .map(|(object_id, record_id)| {
            let slug = store
                .objects
                .iter()
                .find(|o| o.id.object_id == *object_id)
                .map_or(object_id.as_str(), |o| o.api_slug.as_str());
            json!({"object_slug": slug, "object_id": object_id, "record_id": record_id})
        })
        .collect();
    json!({
        "id": {"workspace_id": store.info.id, "meeting_id": meeting.id},
        "title": meeting.title,
        "description": meeting.description,
        "is_all_day": meeting.is_all_day,
        "start": time_json(&meeting.start),
        "end": time_json(&meeting.end),
        "participants": meeting.participants,
        "linked_records": linked,
        "created_at": meeting.created_at,
        "created_by_actor": meeting.created_by,
    })
}

fn issue(path: &[&str], message: &str) -> ApiError {
    ApiError::body_issue(path.iter().map(|p| json!(p)).collect(), message)
}

/// `start` or `end`: a day when the meeting is all-day, an instant otherwise.
fn meeting_time(value: &Value, key: &str, all_day: bool) -> Result<MeetingTime, ApiError> {
    let map = value
        .as_object()
        .ok_or_else(|| issue(&["data", key], "Expected object."))?;
    if all_day {
        let day = map
            .get("date")
            .and_then(Value::as_str)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| {
                issue(
                    &["data", key, "date"],
                    "An all-day meeting needs {\"date\": \"YYYY-MM-DD\"}.",
                )
            })?;
        return Ok(MeetingTime::Day(day));
    }
    let at = map
        .get("datetime")
        .and_then(Value::as_str)
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
        .ok_or_else(|| {
            issue(
                &["data", key, "datetime"],
                "A timed meeting needs {\"datetime\": an ISO 8601 instant with its offset}.",
            )
        })?;
    let zone = match map.get("timezone") {
        None | Some(Value::Null) => None,
        Some(Value::String(zone)) if !zone.is_empty() => Some(zone.clone()),
        Some(_) => {
            return Err(issue(
                &["data", key, "timezone"],
                "Expected an IANA time zone name or null.",
            ))
        }
    };
    Ok(MeetingTime::At(at.with_timezone(&Utc), zone))
}

fn participants(value: &Value) -> Result<Vec<Value>, ApiError> {
    let items = value
        .as_array()
        .ok_or_else(|| issue(&["data", "participants"], "Expected array."))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |key: &str, message: &str| {
                ApiError::body_issue(
                    vec![json!("data"), json!("participants"), json!(i), json!(key)],
                    message,
                )
            };
            let map = item.as_object().ok_or_else(|| {
                ApiError::body_issue(
                    vec![json!("data"), json!("participants"), json!(i)],
                    "Expected object.",
                )
            })?;
            // Attio's generated clients send the flag as a boolean or as
            // the strings "true" / "false".
            let organizer = match map.get("is_organizer") {
                Some(Value::Bool(b)) => *b,
                Some(Value::String(s)) if s == "true" => true,
                Some(Value::String(s)) if s == "false" => false,
                _ => return Err(at("is_organizer", "Expected boolean.")),
            };
            let status = map
                .get("status")
                .and_then(Value::as_str)
                .filter(|s| STATUSES.contains(s))
                .ok_or_else(|| {
                    at(
                        "status",
                        "Expected \"accepted\", \"tentative\", \"declined\" or \"pending\".",
                    )
                })?;
            let text = |key: &str| match map.get(key) {
                None | Some(Value::Null) => Ok(Value::Null),
                Some(Value::String(s)) => Ok(json!(s)),
                Some(_) => Err(at(key, "Expected string.")),
            };
            let email = match text("email_address")? {
                Value::String(e) if !e.contains('@') => {
                    return Err(at("email_address", "Expected an email address."))
                }
                Value::String(e) => json!(e.to_lowercase()),
                other => other,
            };
            Ok(json!({"status": status, "is_organizer": organizer,
                "email_address": email, "name": text("name")?}))
        })
        .collect()
}

/// `linked_records`: each `{object, record_id}`, as `(object_id, record_id)`,
/// without repeats.
fn linked_records(store: &Store, value: &Value) -> Result<Vec<(String, String)>, ApiError> {
    let items = value
        .as_array()
        .ok_or_else(|| issue(&["data", "linked_records"], "Expected array."))?;
    let mut linked = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = |key: &str| {
            item.get(key).and_then(Value::as_str).ok_or_else(|| {
                ApiError::body_issue(
                    vec![json!("data"), json!("linked_records"), json!(i), json!(key)],
                    "Required",
                )
            })
        };
        let (ident, record_id) = (field("object")?, field("record_id")?.to_ascii_lowercase());
        let object_id = store
            .object_index(ident)
            .map(|o| store.objects[o].id.object_id.clone())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "value_not_found",
                    format!("Cannot find object with slug/ID \"{ident}\"."),
                )
            })?;
        if store.record(&object_id, &record_id).is_none() {
            return Err(ApiError::bad_request(
                "value_not_found",
                format!("Cannot find record with ID \"{record_id}\" of object \"{ident}\"."),
            ));
        }
        let pair = (object_id, record_id);
        if !linked.contains(&pair) {
            linked.push(pair);
        }
    }
    Ok(linked)
}

fn new_meeting(store: &Store, data_in: &Map<String, Value>) -> Result<Meeting, ApiError> {
    let title = required_str(data_in, "title")?.to_owned();
    let description = required_str(data_in, "description")?.to_owned();
    let is_all_day = required(data_in, "is_all_day")?
        .as_bool()
        .ok_or_else(|| issue(&["data", "is_all_day"], "Expected boolean."))?;
    let start = meeting_time(required(data_in, "start")?, "start", is_all_day)?;
    let end = meeting_time(required(data_in, "end")?, "end", is_all_day)?;
    if end.instant() < start.instant() {
        return Err(issue(
            &["data", "end"],
            "A meeting cannot end before it starts.",
        ));
    }
    let participants = participants(required(data_in, "participants")?)?;
    let linked_records = match data_in.get("linked_records") {
        None => Vec::new(),
        Some(value) => linked_records(store, value)?,
    };
    Ok(Meeting {
        id: new_id(),
        title,
        description,
        is_all_day,
        start,
        end,
        participants,
        linked_records,
        created_by: store.token_actor(),
        created_at: time::now_string(),
        recordings: Vec::new(),
    })
}

/// `GET /v2/meetings`: filtered by a linked record, by participants' email
/// addresses (comma-separated, any of them) and by time (`ends_from`,
/// `starts_before`), sorted by start. `timezone` is accepted and ignored:
/// the emulator takes an all-day meeting's days in UTC.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let page = cursor::page(&params, 50, 200)?;
    let linked = match (params.get("linked_object"), params.get("linked_record_id")) {
        (None, None) => None,
        (Some(object), Some(record)) => Some((
            store
                .object_index(object)
                .map(|i| store.objects[i].id.object_id.clone())
                .ok_or_else(|| {
                    ApiError::not_found(format!("Object with slug/ID \"{object}\" not found."))
                })?,
            record.to_ascii_lowercase(),
        )),
        _ => return Err(ApiError::bad_request(
            "validation_type",
            "Query parameters \"linked_object\" and \"linked_record_id\" must be given together.",
        )),
    };
    let emails: Vec<String> = params
        .get("participants")
        .map(|p| {
            p.split(',')
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let descending = match params.get("sort").map(String::as_str) {
        None | Some("start_asc") => false,
        Some("start_desc") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                "validation_type",
                "Query parameter \"sort\" must be \"start_asc\" or \"start_desc\".",
            ))
        }
    };
    let (ends_from, starts_before) = (
        timestamp_param(&params, "ends_from")?,
        timestamp_param(&params, "starts_before")?,
    );
    let mut meetings: Vec<&Meeting> = store
        .meetings
        .iter()
        .filter(|m| linked.as_ref().is_none_or(|l| m.linked_records.contains(l)))
        .filter(|m| {
            emails.is_empty()
                || m.participants.iter().any(|p| {
                    p["email_address"]
                        .as_str()
                        .is_some_and(|e| emails.iter().any(|w| w == e))
                })
        })
        .filter(|m| ends_from.is_none_or(|from| m.end.instant() >= from))
        .filter(|m| starts_before.is_none_or(|before| m.start.instant() < before))
        .collect();
    // Stable: meetings that start together keep their creation order.
    meetings.sort_by_key(|m| m.start.instant());
    if descending {
        meetings.reverse();
    }
    let items = meetings.into_iter().map(|m| render(&store, m)).collect();
    Ok(cursor::respond(items, page))
}

/// `POST /v2/meetings`.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let meeting = new_meeting(&store, data_object(&body)?)?;
    let rendered = render(&store, &meeting);
    store.meetings.push(meeting);
    Ok(data(rendered))
}

/// `GET /v2/meetings/{meeting}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let index = meeting_index(&store, &id)?;
    Ok(data(render(&store, &store.meetings[index])))
}

async fn link(state: Shared, id: String, body: Bytes, replace: bool) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = meeting_index(&store, &id)?;
    let linked = linked_records(&store, required(data_object(&body)?, "linked_records")?)?;
    let meeting = &mut store.meetings[index];
    if replace {
        meeting.linked_records = linked;
    } else {
        for pair in linked {
            if !meeting.linked_records.contains(&pair) {
                meeting.linked_records.push(pair);
            }
        }
    }
    Ok(data(render(&store, &store.meetings[index])))
}

/// `PATCH /v2/meetings/{meeting}`: links more records; those already
/// linked stay.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    link(state, id, body, false).await
}

/// `PUT /v2/meetings/{meeting}`: the meeting's linked records become
/// exactly these.
pub(crate) async fn overwrite(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    link(state, id, body, true).await
}

/// `DELETE /v2/meetings/{meeting}`, its call recordings with it.
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let index = meeting_index(&store, &id)?;
    store.meetings.remove(index);
    Ok(empty())
}
