//! What records of an object and entries of a list share: query, create,
//! get, PATCH, PUT, delete and attribute value history, each written once
//! for an [`Owner`] and served for both by the router's table; only
//! asserting differs (see `records`, `entries`).

mod history;
mod parent;

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Map, Value};

use attio_schema::{AttributeType, Target};

use super::schema::attributes::attribute_of;
use super::schema::owner_of;
use crate::errors::ApiError;
use crate::events::{self, Change, Event};
use crate::filter;
use crate::http::{
    body_count, data, data_object, empty, flag, lock, number_param, paginate, parse_body, publish,
    required, ApiResult, Params, PathTarget, Shared,
};
use crate::render;
use crate::store::{Owner, Record, Store};
use crate::write::{self, Mode, Resolved, Written};
pub(crate) use history::write_values;
use parent::{check_parent_unchanged, parent_of, Parent};

type One = Path<(String, String)>;

/// What the path of a record, entry or activity record names: its object,
/// list or activity, found by slug or UUID (Attio's 404 otherwise). The
/// handlers of this module are generic over it, so that activity records
/// (`activity_records`) are served by the same code as records.
pub(crate) trait ItemPath {
    /// The owner `ident` names in this kind of path.
    fn owner(store: &Store, ident: &str) -> Result<Owner, ApiError>;
}

impl<T: PathTarget> ItemPath for T {
    fn owner(store: &Store, ident: &str) -> Result<Owner, ApiError> {
        owner_of(store, T::TARGET, ident)
    }
}

/// Attio's default and (assumed) maximum page size of record and entry queries.
const QUERY_PAGE: u64 = 500;

/// Filters, sorts and paginates a collection per a query body.
pub(super) fn run_query<'a>(
    store: &'a Store,
    owner: Owner,
    body: &Value,
) -> Result<Vec<&'a Record>, ApiError> {
    let Value::Object(body) = body else {
        return Err(ApiError::body_issue(vec![], "Expected object."));
    };
    let parsed_filter = match body.get("filter") {
        None | Some(Value::Null) => None,
        Some(f) => Some(filter::parse(store, owner, f)?),
    };
    let view_filter = view_filter(store, owner, body.get("filter_view_id"))?;
    let sorts = match body.get("sorts") {
        None | Some(Value::Null) => Vec::new(),
        Some(s) => filter::parse_sorts(store, owner, s)?,
    };
    let count = |key: &str, default: u64| match body.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => body_count(v).ok_or_else(|| {
            ApiError::body_issue(vec![json!(key)], "Expected a non-negative integer.")
        }),
    };
    let limit = count("limit", QUERY_PAGE)?;
    let offset = count("offset", 0)?;
    // Filter first, then restore creation order on what is left.
    let mut items: Vec<&Record> = owner
        .collection(store)
        .map(|c| c.items.values().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            [&parsed_filter, &view_filter]
                .into_iter()
                .flatten()
                .all(|f| filter::matches(store, r, f))
        })
        .collect();
    items.sort_by_key(|r| r.seq);
    filter::sort(store, &mut items, &sorts);
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(paginate(items, offset, Some(limit)))
}

/// The filter of the saved view a query names in `filter_view_id`, which
/// narrows the query as its own `filter` does (both apply when both are
/// given); a view the object or list does not have is Attio's 404.
fn view_filter(
    store: &Store,
    owner: Owner,
    view_id: Option<&Value>,
) -> Result<Option<filter::Filter>, ApiError> {
    let id = match view_id {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(id)) => id,
        Some(_) => {
            return Err(ApiError::body_issue(
                vec![json!("filter_view_id")],
                "Expected string.",
            ))
        }
    };
    match store.view_filter(owner, id) {
        None => Err(ApiError::not_found(format!(
            "View with ID \"{id}\" not found."
        ))),
        Some(Value::Null) => Ok(None),
        Some(f) => filter::parse(store, owner, &f).map(Some),
    }
}

/// `Record with ID "…" not found.` or `Entry with ID "…" not found.`
pub(super) fn not_found(target: Target, id: &str) -> ApiError {
    let noun = target.item_noun();
    let (first, rest) = noun.split_at(1);
    ApiError::not_found(format!(
        "{}{rest} with ID \"{id}\" not found.",
        first.to_uppercase()
    ))
}

/// The record or entry with this id, or Attio's 404 (`merge_in_progress`
/// for the record of a merge still being applied).
pub(super) fn item<'a>(store: &'a Store, owner: Owner, id: &str) -> Result<&'a Record, ApiError> {
    if store
        .merges_in_progress
        .get(id)
        .is_some_and(|done| Instant::now() < *done)
    {
        return Err(ApiError::merge_in_progress(id));
    }
    owner
        .collection(store)
        .and_then(|c| c.items.get(id))
        .ok_or_else(|| not_found(owner.target(), id))
}

/// A record or entry as the API shows it.
fn render(store: &Store, owner: Owner, item: &Record) -> Value {
    match owner {
        Owner::Object(i) => render::record(store, &store.objects[i], item),
        Owner::List(i) => render::entry(store, &store.lists[i], item),
        Owner::Activity(i) => render::activity_record(store, &store.activities[i], item),
    }
}

/// The webhook events of a change to a record or entry.
fn item_events(
    store: &Store,
    owner: Owner,
    id: &str,
    parent: Option<&Parent>,
    change: Change,
    changed: &[String],
) -> Vec<Event> {
    let own_id = owner.id(store);
    match (owner, parent) {
        (Owner::Object(_), _) => events::record_events(store, &own_id, id, change, changed),
        (Owner::List(_), Some(parent)) => {
            events::entry_events(store, &own_id, id, parent, change, changed)
        }
        // Every entry has a parent; an event without one could not be routed.
        (Owner::List(_), None) => Vec::new(),
        (Owner::Activity(_), _) => events::activity_record_events(store, &own_id, id, change),
    }
}

/// Renders a written record or entry and announces the write to webhooks.
pub(super) fn respond_written(
    state: &Shared,
    store: &Store,
    owner: Owner,
    written: &Written,
) -> ApiResult {
    let item = item(store, owner, &written.id)?;
    let change = if written.created {
        Change::Created
    } else {
        Change::Updated
    };
    publish(state, store, || {
        item_events(
            store,
            owner,
            &item.id,
            item.parent.as_ref(),
            change,
            &written.changed,
        )
    });
    Ok(data(render(store, owner, item)))
}

/// The values of a write body, `data.values` for records and
/// `data.entry_values` for entries, resolved against the attributes.
pub(super) fn resolve(
    store: &Store,
    owner: Owner,
    data: &Map<String, Value>,
) -> Result<Vec<Resolved>, ApiError> {
    let key = match owner.target() {
        Target::Object => "values",
        Target::List => "entry_values",
    };
    write::resolve_values(
        store,
        owner.attributes(store),
        required(data, key)?,
        &["data", key],
    )
}

/// The parent (entries only) and the resolved values of a create or
/// assert body.
pub(super) fn create_parts(
    store: &Store,
    owner: Owner,
    body: &Value,
) -> Result<(Option<Parent>, Vec<Resolved>), ApiError> {
    let data = data_object(body)?;
    let parent = match owner {
        Owner::Object(_) | Owner::Activity(_) => None,
        Owner::List(i) => Some(parent_of(store, &store.lists[i], data)?),
    };
    Ok((parent, resolve(store, owner, data)?))
}

/// The end of an assert: no match creates, one match is updated with
/// `update`, several are refused with `ambiguous(count)`.
pub(super) fn upsert(
    store: &mut Store,
    owner: Owner,
    matches: &[String],
    resolved: Vec<Resolved>,
    parent: Option<Parent>,
    update: Mode,
    ambiguous: impl FnOnce(usize) -> ApiError,
) -> Result<Written, ApiError> {
    match matches {
        [] => write::write(store, owner, None, resolved, Mode::Create, parent),
        [one] => write::write(store, owner, Some(one), resolved, update, None),
        many => Err(ambiguous(many.len())),
    }
}

/// `POST …/query`: filtered, sorted, paged.
pub(crate) async fn query<T: ItemPath>(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let store = lock(&state);
    let owner = T::owner(&store, &ident)?;
    let items = run_query(&store, owner, &body)?;
    Ok(data(Value::Array(
        items
            .into_iter()
            .map(|item| render(&store, owner, item))
            .collect(),
    )))
}

/// `POST`: a new record, or a new entry (even when its parent has one).
pub(crate) async fn create<T: ItemPath>(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = T::owner(&store, &ident)?;
    let (parent, resolved) = create_parts(&store, owner, &body)?;
    // Several entries per parent are allowed on create, as in Attio.
    let written = write::write(&mut store, owner, None, resolved, Mode::Create, parent)?;
    respond_written(&state, &store, owner, &written)
}

/// `GET` one record or entry.
pub(crate) async fn get_one<T: ItemPath>(
    State(state): State<Shared>,
    Path((ident, id)): One,
) -> ApiResult {
    let store = lock(&state);
    let owner = T::owner(&store, &ident)?;
    Ok(data(render(&store, owner, item(&store, owner, &id)?)))
}

/// PATCH and PUT, which differ only in how multiselect values combine.
async fn update<T: ItemPath>(
    state: Shared,
    Path((ident, id)): One,
    body: Bytes,
    mode: Mode,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let owner = T::owner(&store, &ident)?;
    let current = item(&store, owner, &id)?;
    let data = data_object(&body)?;
    if owner.target() == Target::List {
        check_parent_unchanged(&store, current, data)?;
    }
    let resolved = resolve(&store, owner, data)?;
    let written = write::write(&mut store, owner, Some(&id), resolved, mode, None)?;
    respond_written(&state, &store, owner, &written)
}

/// `PATCH`: multiselect values given are added to the current ones.
pub(crate) async fn patch<T: ItemPath>(
    State(state): State<Shared>,
    path: One,
    body: Bytes,
) -> ApiResult {
    update::<T>(state, path, body, Mode::Patch).await
}

/// `PUT`: multiselect values given replace the current ones.
pub(crate) async fn put<T: ItemPath>(
    State(state): State<Shared>,
    path: One,
    body: Bytes,
) -> ApiResult {
    update::<T>(state, path, body, Mode::Put).await
}

/// `DELETE` one record (with its references, entries and notes) or entry.
pub(crate) async fn delete<T: ItemPath>(
    State(state): State<Shared>,
    Path((ident, id)): One,
) -> ApiResult {
    let mut store = lock(&state);
    let owner = T::owner(&store, &ident)?;
    let own_id = owner.id(&store);
    let Some(removed) = owner.collection_mut(&mut store).remove(&id) else {
        return Err(not_found(owner.target(), &id));
    };
    // A record takes its references, entries and notes with it.
    if let Owner::Object(_) = owner {
        write::forget_record(&mut store, &own_id, &id);
    }
    publish(&state, &store, || {
        item_events(
            &store,
            owner,
            &id,
            removed.parent.as_ref(),
            Change::Deleted,
            &[],
        )
    });
    Ok(empty())
}

/// Current values of an attribute, or with `show_historic=true` its whole
/// history oldest first.
fn value_history(
    store: &Store,
    owner: Owner,
    item: &Record,
    attribute: &str,
    params: &Params,
) -> ApiResult {
    let attribute = attribute_of(store, owner, attribute)?;
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

/// `GET …/attributes/{attribute}/values`: current values, or the history.
pub(crate) async fn values<T: PathTarget>(
    State(state): State<Shared>,
    Path((ident, id, attribute)): Path<(String, String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let owner = owner_of(&store, T::TARGET, &ident)?;
    value_history(
        &store,
        owner,
        item(&store, owner, &id)?,
        &attribute,
        &params,
    )
}

#[cfg(test)]
mod tests;
