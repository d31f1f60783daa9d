//! `POST /v2/objects/{object}/records/merge`: two records of an object made
//! into a new one
//! (<https://docs.attio.com/rest-api/endpoint-reference/records/merge-two-records>).
//!
//! As Attio documents it: the new record holds the values of both, the
//! primary's winning where both have one; both originals are gone (read
//! or merged again, they are 404); a large merge is answered 202 and the
//! new record reads as `404 merge_in_progress` until it is done (the
//! emulator answers every merge so when built with `slow_merges`). What
//! Attio leaves undocumented, the emulator assumes: multiselect values are
//! the union of both (the primary's first), entries, notes, tasks,
//! comments and references to either original move to the new record, and
//! only the two `record.merged` events are sent. Merges have a budget of
//! their own, 5 a second, as Attio documents.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::json;

use super::super::items::item;
use super::super::schema::object_owner;
use crate::errors::ApiError;
use crate::events;
use crate::http::{data_object, lock, parse_body, publish, required_str, ApiResult, Shared};
use crate::rate_limit::Budget;
use crate::store::{new_id, Owner, Record, Store, Version};
use crate::time;
use crate::values::Payload;
use crate::write;

/// The merged record: the system values of a new record, then per
/// attribute the primary's values, or the secondary's where the primary
/// has none; both for a multiselect attribute.
fn merged(store: &mut Store, owner: Owner, primary: &Record, secondary: &Record) -> Record {
    let now = time::now_string();
    let actor = store.token_actor();
    let mut record = write::new_record(store, owner, new_id(), None, &now, &actor);
    for attribute in owner.attributes(store) {
        let id = &attribute.id.attribute_id;
        if record.active.contains_key(id) {
            continue;
        }
        let mut values: Vec<Version> = primary.values(id).to_vec();
        if attribute.is_multiselect || values.is_empty() {
            for v in secondary.values(id) {
                if !values
                    .iter()
                    .any(|p| p.payload.match_key() == v.payload.match_key())
                {
                    values.push(v.clone());
                }
            }
        }
        if !values.is_empty() {
            record.active.insert(id.clone(), values);
        }
    }
    record
}

/// Every reference to `old` (a record of `object_id`) now names `new`:
/// record-reference values, entries' parents, notes, tasks and comments.
fn repoint(store: &mut Store, object_id: &str, old: &str, new: &str) {
    let is_old = |o: &str, r: &str| o == object_id && r == old;
    for collection in store.records.values_mut().chain(store.entries.values_mut()) {
        for record in collection.items.values_mut() {
            if record.parent.as_ref().is_some_and(|(o, r)| is_old(o, r)) {
                record.parent = Some((object_id.to_owned(), new.to_owned()));
            }
            // Record references are not indexed, so they change in place.
            for versions in record.active.values_mut() {
                let mut seen = false;
                versions.retain_mut(|v| {
                    if let Payload::RecordRef {
                        object_id: o,
                        record_id: r,
                    } = &mut v.payload
                    {
                        if o.as_str() == object_id && (r.as_str() == old || r.as_str() == new) {
                            *r = new.to_owned();
                            // Both originals referenced: keep one reference.
                            let keep = !seen;
                            seen = true;
                            return keep;
                        }
                    }
                    true
                });
            }
        }
    }
    for note in &mut store.notes {
        if is_old(&note.parent_object_id, &note.parent_record_id) {
            note.parent_record_id = new.to_owned();
        }
    }
    for task in &mut store.tasks {
        for (o, r) in &mut task.linked_records {
            if is_old(o, r) {
                *r = new.to_owned();
            }
        }
    }
    for comment in &mut store.comments {
        if is_old(&comment.record.0, &comment.record.1) {
            comment.record.1 = new.to_owned();
        }
    }
}

/// Merges `data.secondary_record_id` and `data.primary_record_id`.
pub(crate) async fn merge(
    State(state): State<Shared>,
    Path(object): Path<String>,
    body: Bytes,
) -> ApiResult {
    state
        .merges
        .check(Budget::Write, Utc::now())
        .map_err(ApiError::rate_limited)?;
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = object_owner(&store, &object)?;
    let data_in = data_object(&body)?;
    let primary_id = required_str(data_in, "primary_record_id")?;
    let secondary_id = required_str(data_in, "secondary_record_id")?;
    if primary_id == secondary_id {
        return Err(ApiError::bad_request(
            "self_merge",
            format!("Record with ID \"{primary_id}\" cannot be merged with itself."),
        ));
    }
    item(&store, owner, primary_id)?;
    item(&store, owner, secondary_id)?;
    let object_id = owner.id(&store);
    let collection = owner.collection_mut(&mut store);
    let (Some(primary), Some(secondary)) = (
        collection.remove(primary_id),
        collection.remove(secondary_id),
    ) else {
        // Both were found above, under the same lock.
        return Err(ApiError::not_found("Record not found."));
    };
    let record = merged(&mut store, owner, &primary, &secondary);
    let new = record.id.clone();
    owner.collection_mut(&mut store).insert(record);
    for old in [&primary.id, &secondary.id] {
        repoint(&mut store, &object_id, old, &new);
    }
    let now = Instant::now();
    store.merges_in_progress.retain(|_, done| *done > now);
    let status = match state.merge_delay {
        Some(delay) => {
            store.merges_in_progress.insert(new.clone(), now + delay);
            StatusCode::ACCEPTED
        }
        None => StatusCode::OK,
    };
    publish(&state, &store, || {
        [&primary.id, &secondary.id]
            .into_iter()
            .map(|duplicate| events::record_merged(&store, &object_id, &new, duplicate))
            .collect()
    });
    let answer: Response =
        (status, axum::Json(json!({"data": {"new_record_id": new}}))).into_response();
    Ok(answer)
}
