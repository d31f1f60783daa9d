//! What only records have: assert by a unique matching attribute, the
//! entries of a record, search across objects (`search`) and merge
//! (`merge`); the endpoints records share with entries are `items`.

mod merge;
mod search;

pub(crate) use merge::merge;
pub(crate) use search::search;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Value};

use super::items::{item, resolve, respond_written, upsert};
use super::schema::object_owner;
use crate::errors::ApiError;
use crate::http::{
    data, data_object, lock, number_param, paginate, parse_body, ApiResult, Params, Shared,
};
use crate::store::{find_attribute, Owner, Record, Store};
use crate::write::{self, Mode};

/// `PUT /v2/objects/{object}/records?matching_attribute=…`: create or
/// update the record holding the matching value.
pub(crate) async fn assert(
    State(state): State<Shared>,
    Path(object): Path<String>,
    Query(params): Query<Params>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = object_owner(&store, &object)?;
    assert_in(&state, &mut store, owner, &params, &body)
}

/// An assert on the records of `owner` (an object's, or an activity's):
/// create or update the record holding the `matching_attribute` value.
pub(super) fn assert_in(
    state: &Shared,
    store: &mut Store,
    owner: Owner,
    params: &Params,
    body: &Value,
) -> ApiResult {
    let Some(matching) = params.get("matching_attribute") else {
        return Err(ApiError::bad_request(
            "validation_type",
            "Query parameter \"matching_attribute\" is required.",
        ));
    };
    let matching_attribute = find_attribute(owner.attributes(store), matching)
        .filter(|a| !a.is_archived)
        .cloned()
        .ok_or_else(|| {
            ApiError::bad_request(
                "value_not_found",
                format!("No attribute was found for matching_attribute slug/ID \"{matching}\"."),
            )
        })?;
    if !matching_attribute.is_unique {
        return Err(ApiError::bad_request(
            "matching_attribute_definition_not_unique",
            format!(
                "The matching attribute \"{}\" is not unique, so it cannot be used to assert records.",
                matching_attribute.api_slug
            ),
        ));
    }
    let resolved = resolve(store, owner, data_object(body)?)?;
    let matching_id = matching_attribute.id.attribute_id.clone();
    let supplied = resolved
        .iter()
        .find(|r| r.attribute.id.attribute_id == matching_id)
        .map(|r| r.payloads.clone())
        .unwrap_or_default();
    if supplied.is_empty() {
        return Err(ApiError::bad_request(
            "missing_value",
            format!(
                "A value for the matching attribute \"{}\" must be provided.",
                matching_attribute.api_slug
            ),
        ));
    }
    let matches = write::matching_ids(store, owner, &matching_id, &supplied);
    let update = Mode::AssertUpdate {
        matching_attribute_id: matching_id,
    };
    let written = upsert(store, owner, &matches, resolved, None, update, |count| {
        ApiError::bad_request(
            "multiple_match_results",
            format!(
                "The values given for matching attribute \"{}\" match {count} records.",
                matching_attribute.api_slug
            ),
        )
    })?;
    respond_written(state, store, owner, &written)
}

/// `GET /v2/objects/{object}/records/{record}/entries`: the record's entries
/// in every list.
pub(crate) async fn entries(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = object_owner(&store, &object)?;
    let object_id = owner.id(&store);
    item(&store, owner, &record)?;
    let limit = number_param(&params, "limit")?.unwrap_or(100);
    if limit > 1000 {
        return Err(ApiError::bad_request(
            "validation_type",
            "Query parameter \"limit\" must be at most 1000.",
        ));
    }
    let offset = number_param(&params, "offset")?.unwrap_or(0);
    let mut found: Vec<(&Record, Value)> = Vec::new();
    for list in &store.lists {
        let Some(collection) = store.entries.get(&list.id.list_id) else {
            continue;
        };
        for entry in collection.items.values() {
            if entry.parent.as_ref().map(|(o, r)| (o.as_str(), r.as_str()))
                == Some((object_id.as_str(), record.as_str()))
            {
                found.push((
                    entry,
                    json!({
                        "list_id": list.id.list_id,
                        "list_api_slug": list.api_slug,
                        "entry_id": entry.id,
                        "created_at": entry.created_at,
                    }),
                ));
            }
        }
    }
    found.sort_by_key(|(e, _)| e.seq);
    let items = found.into_iter().map(|(_, v)| v).collect();
    Ok(data(Value::Array(paginate(items, offset, Some(limit)))))
}
