//! Records: query, create, assert, get, PATCH, PUT, delete, attribute value
//! history and the entries of a record.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use attio_schema::AttributeType;

use super::attributes::attribute_of;
use super::objects::object_kind;
use super::{
    data, data_object, empty, flag, lock, number_param, paginate, parse_body, publish, required,
    ApiResult, Params, Shared,
};
use crate::errors::ApiError;
use crate::events::{self, Change};
use crate::filter;
use crate::render;
use crate::store::{find_attribute, Container, Record, Store};
use crate::write::{self, Mode, Written};

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/v2/objects/{object}/records/query", post(query))
        .route("/v2/objects/{object}/records", post(create).put(assert))
        .route(
            "/v2/objects/{object}/records/{record}",
            get(get_one).patch(patch).put(put).delete(delete),
        )
        .route(
            "/v2/objects/{object}/records/{record}/attributes/{attribute}/values",
            get(values),
        )
        .route(
            "/v2/objects/{object}/records/{record}/entries",
            get(entries),
        )
}

/// Attio's default and (assumed) maximum page size of record and entry queries.
const QUERY_PAGE: u64 = 500;

/// Filters, sorts and paginates a collection per a query body.
pub(crate) fn run_query<'a>(
    store: &'a Store,
    kind: Container,
    body: &Value,
) -> Result<Vec<&'a Record>, ApiError> {
    let Value::Object(body) = body else {
        return Err(ApiError::body_issue(vec![], "Expected object."));
    };
    let parsed_filter = match body.get("filter") {
        None | Some(Value::Null) => None,
        Some(f) => Some(filter::parse(store, kind, f)?),
    };
    let sorts = match body.get("sorts") {
        None | Some(Value::Null) => Vec::new(),
        Some(s) => filter::parse_sorts(store, kind, s)?,
    };
    let count = |key: &str, default: u64| match body.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v.as_u64().ok_or_else(|| {
            ApiError::body_issue(vec![json!(key)], "Expected a non-negative integer.")
        }),
    };
    let limit = count("limit", QUERY_PAGE)?;
    let offset = count("offset", 0)?;
    let id = kind.id(store);
    let collection = match kind {
        Container::Object(_) => store.records.get(&id),
        Container::List(_) => store.entries.get(&id),
    };
    // Filter first, then restore creation order on what is left.
    let mut items: Vec<&Record> = collection
        .map(|c| c.items.values().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            parsed_filter
                .as_ref()
                .map_or(true, |f| filter::matches(store, r, f))
        })
        .collect();
    items.sort_by_key(|r| r.seq);
    filter::sort(store, &mut items, &sorts);
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(paginate(items, offset, Some(limit)))
}

/// `values` of a write body: `{"data": {"values": {…}}}`.
fn values_of(body: &Value) -> Result<&Value, ApiError> {
    required(data_object(body)?, "values")
}

fn record_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Record with ID \"{id}\" not found."))
}

/// Renders a written record and announces the write to webhooks.
fn written_record(state: &Shared, store: &Store, kind: Container, written: &Written) -> ApiResult {
    let change = if written.created {
        Change::Created
    } else {
        Change::Updated
    };
    publish(state, store, || {
        events::record_events(
            store,
            &kind.id(store),
            &written.id,
            change,
            &written.changed,
        )
    });
    render_record(store, kind, &written.id)
}

fn render_record(store: &Store, kind: Container, id: &str) -> ApiResult {
    let Container::Object(index) = kind else {
        return Err(record_not_found(id));
    };
    let object = &store.objects[index];
    let record = store
        .record(&object.id.object_id, id)
        .ok_or_else(|| record_not_found(id))?;
    Ok(data(render::record(store, object, record)))
}

async fn query(State(state): State<Shared>, Path(object): Path<String>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let Container::Object(index) = kind else {
        return Err(ApiError::not_found(format!(
            "Object with slug/ID \"{object}\" not found."
        )));
    };
    let records = run_query(&store, kind, &body)?;
    let object = &store.objects[index];
    Ok(data(Value::Array(
        records
            .into_iter()
            .map(|r| render::record(&store, object, r))
            .collect(),
    )))
}

async fn create(State(state): State<Shared>, Path(object): Path<String>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let resolved = write::resolve_values(
        &store,
        kind.attributes(&store),
        values_of(&body)?,
        &["data", "values"],
    )?;
    let written = write::write(&mut store, kind, None, resolved, Mode::Create, None)?;
    written_record(&state, &store, kind, &written)
}

async fn assert(
    State(state): State<Shared>,
    Path(object): Path<String>,
    Query(params): Query<Params>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let Some(matching) = params.get("matching_attribute") else {
        return Err(ApiError::bad_request(
            "validation_type",
            "Query parameter \"matching_attribute\" is required.",
        ));
    };
    let matching_attribute = find_attribute(kind.attributes(&store), matching)
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
    let resolved = write::resolve_values(
        &store,
        kind.attributes(&store),
        values_of(&body)?,
        &["data", "values"],
    )?;
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
    let matches = write::matching_ids(&store, kind, &matching_id, &supplied);
    let written = match matches.as_slice() {
        [] => write::write(&mut store, kind, None, resolved, Mode::Create, None)?,
        [one] => {
            let one = one.clone();
            write::write(
                &mut store,
                kind,
                Some(&one),
                resolved,
                Mode::AssertUpdate {
                    matching_attribute_id: matching_id,
                },
                None,
            )?
        }
        _ => {
            return Err(ApiError::bad_request(
                "multiple_match_results",
                format!(
                    "The values given for matching attribute \"{}\" match {} records.",
                    matching_attribute.api_slug,
                    matches.len()
                ),
            ))
        }
    };
    written_record(&state, &store, kind, &written)
}

async fn get_one(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
) -> ApiResult {
    let store = lock(&state);
    let kind = object_kind(&store, &object)?;
    render_record(&store, kind, &record)
}

async fn update(
    state: Shared,
    object: String,
    record: String,
    body: Bytes,
    mode: Mode,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = object_kind(&store, &object)?;
    if store.record(&kind.id(&store), &record).is_none() {
        return Err(record_not_found(&record));
    }
    let resolved = write::resolve_values(
        &store,
        kind.attributes(&store),
        values_of(&body)?,
        &["data", "values"],
    )?;
    let written = write::write(&mut store, kind, Some(&record), resolved, mode, None)?;
    written_record(&state, &store, kind, &written)
}

async fn patch(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    update(state, object, record, body, Mode::Patch).await
}

async fn put(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    update(state, object, record, body, Mode::Put).await
}

async fn delete(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
) -> ApiResult {
    let mut store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let object_id = kind.id(&store);
    let removed = store
        .records
        .get_mut(&object_id)
        .and_then(|c| c.remove(&record));
    if removed.is_none() {
        return Err(record_not_found(&record));
    }
    write::forget_record(&mut store, &object_id, &record);
    publish(&state, &store, || {
        events::record_events(&store, &object_id, &record, Change::Deleted, &[])
    });
    Ok(empty())
}

/// Current values of an attribute, or with `show_historic=true` its whole
/// history oldest first. Shared by records and entries.
pub(crate) fn value_history(
    store: &Store,
    kind: Container,
    item: &Record,
    attribute: &str,
    params: &Params,
) -> ApiResult {
    let attribute = attribute_of(store, kind, attribute)?;
    let show_historic = flag(params, "show_historic")?;
    // Enriched and interaction attributes have no history in Attio; the
    // system attributes every record has are not enriched.
    let enriched = attribute.attribute_type == AttributeType::Interaction
        || (!attribute.is_writable
            && !matches!(
                attribute.api_slug.as_str(),
                "record_id" | "created_at" | "created_by"
            ));
    if show_historic && enriched {
        return Err(ApiError::bad_request(
            "validation_type",
            format!(
                "Cannot fetch historic values for attribute with slug \"{}\": it is enriched or an interaction.",
                attribute.api_slug
            ),
        ));
    }
    let mut versions: Vec<_> = item.values(&attribute.id.attribute_id).iter().collect();
    if show_historic {
        if let Some(history) = item.history.get(&attribute.id.attribute_id) {
            versions.extend(history.iter());
        }
        versions.sort_by(|a, b| a.active_from.cmp(&b.active_from));
    }
    let offset = number_param(params, "offset")?.unwrap_or(0);
    let limit = number_param(params, "limit")?;
    let rendered: Vec<Value> = versions
        .into_iter()
        .map(|v| render::value(store, attribute, v))
        .collect();
    Ok(data(Value::Array(paginate(rendered, offset, limit))))
}

async fn values(
    State(state): State<Shared>,
    Path((object, record, attribute)): Path<(String, String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let item = store
        .record(&kind.id(&store), &record)
        .ok_or_else(|| record_not_found(&record))?;
    value_history(&store, kind, item, &attribute, &params)
}

async fn entries(
    State(state): State<Shared>,
    Path((object, record)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = object_kind(&store, &object)?;
    let object_id = kind.id(&store);
    if store.record(&object_id, &record).is_none() {
        return Err(record_not_found(&record));
    }
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
