//! Lists and their entries: list/get lists; query, create, assert by
//! parent, get, PATCH, PUT, delete entries and entry value history.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use attio_schema::{AccessLevel, Actor, List, ListId, MemberAccess};

use super::objects::{is_snake_case_slug, list_kind};
use super::records::{run_query, value_history};
use super::{
    data, data_object, empty, lock, parse_body, publish, required, required_str, ApiResult, Params,
    Shared,
};
use crate::errors::ApiError;
use crate::events::{self, Change};
use crate::render;
use crate::store::{ensure_system_attributes, new_id, Collection, Container, Record, Store};
use crate::time;
use crate::write::{self, Mode, Written};

pub(super) fn routes() -> Router<Shared> {
    Router::new()
        .route("/v2/lists", get(list_lists).post(create_list))
        .route("/v2/lists/{list}", get(get_list).patch(update_list))
        .route("/v2/lists/{list}/entries/query", post(query))
        .route("/v2/lists/{list}/entries", post(create).put(assert))
        .route(
            "/v2/lists/{list}/entries/{entry}",
            get(get_one).patch(patch).put(put).delete(delete),
        )
        .route(
            "/v2/lists/{list}/entries/{entry}/attributes/{attribute}/values",
            get(values),
        )
}

fn entry_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Entry with ID \"{id}\" not found."))
}

fn list_index(kind: Container) -> usize {
    match kind {
        Container::List(i) | Container::Object(i) => i,
    }
}

fn entry<'a>(store: &'a Store, kind: Container, id: &str) -> Result<&'a Record, ApiError> {
    store
        .entries
        .get(&kind.id(store))
        .and_then(|c| c.items.get(id))
        .ok_or_else(|| entry_not_found(id))
}

/// Renders a written entry and announces the write to webhooks.
fn written_entry(state: &Shared, store: &Store, kind: Container, written: &Written) -> ApiResult {
    let list_id = kind.id(store);
    if let Some(parent) = entry(store, kind, &written.id)?.parent.clone() {
        let change = if written.created {
            Change::Created
        } else {
            Change::Updated
        };
        publish(state, store, || {
            events::entry_events(
                store,
                &list_id,
                &written.id,
                &parent,
                change,
                &written.changed,
            )
        });
    }
    render_entry(store, kind, &written.id)
}

fn render_entry(store: &Store, kind: Container, id: &str) -> ApiResult {
    let list = &store.lists[list_index(kind)];
    Ok(data(render::entry(store, list, entry(store, kind, id)?)))
}

async fn list_lists(State(state): State<Shared>) -> ApiResult {
    let store = lock(&state);
    Ok(data(Value::Array(
        store.lists.iter().map(render::list).collect(),
    )))
}

async fn get_list(State(state): State<Shared>, Path(list): Path<String>) -> ApiResult {
    let store = lock(&state);
    let kind = list_kind(&store, &list)?;
    Ok(data(render::list(&store.lists[list_index(kind)])))
}

fn field_issue(key: &str, message: &str) -> ApiError {
    ApiError::body_issue(vec![json!("data"), json!(key)], message)
}

fn access_level(value: &Value, key: &str) -> Result<Option<AccessLevel>, ApiError> {
    if value.is_null() {
        return Ok(None);
    }
    serde_json::from_value(value.clone())
        .map(Some)
        .map_err(|_| {
            field_issue(
                key,
                "Expected \"full-access\", \"read-and-write\", \"read-only\" or null.",
            )
        })
}

fn member_access(store: &Store, value: &Value) -> Result<Vec<MemberAccess>, ApiError> {
    let Value::Array(items) = value else {
        return Err(field_issue("workspace_member_access", "Expected array."));
    };
    let mut out = Vec::new();
    for item in items {
        let access: MemberAccess = serde_json::from_value(item.clone()).map_err(|_| {
            field_issue(
                "workspace_member_access",
                "Expected {\"workspace_member_id\", \"level\"} objects.",
            )
        })?;
        if store.member(&access.workspace_member_id).is_none() {
            return Err(ApiError::bad_request(
                "value_not_found",
                format!(
                    "Cannot find workspace member with ID \"{}\".",
                    access.workspace_member_id
                ),
            ));
        }
        out.push(access);
    }
    Ok(out)
}

fn check_list_slug(store: &Store, slug: &str, except: Option<usize>) -> Result<(), ApiError> {
    if !is_snake_case_slug(slug) {
        return Err(field_issue("api_slug", "Expected a snake_case slug."));
    }
    if store
        .lists
        .iter()
        .enumerate()
        .any(|(i, l)| Some(i) != except && l.api_slug == slug)
    {
        return Err(ApiError::conflict(
            "slug_conflict",
            format!("A list with slug \"{slug}\" already exists."),
        ));
    }
    Ok(())
}

/// Someone must be able to configure the list.
fn check_full_access(
    workspace: Option<AccessLevel>,
    members: &[MemberAccess],
) -> Result<(), ApiError> {
    let anyone = workspace == Some(AccessLevel::FullAccess)
        || members.iter().any(|m| m.level == AccessLevel::FullAccess);
    if anyone {
        Ok(())
    } else {
        Err(field_issue(
            "workspace_access",
            "The workspace or at least one member must have full-access.",
        ))
    }
}

async fn create_list(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    let name = required_str(data_in, "name")?.to_owned();
    let api_slug = required_str(data_in, "api_slug")?.to_owned();
    let parent = required_str(data_in, "parent_object")?;
    let workspace_access =
        access_level(required(data_in, "workspace_access")?, "workspace_access")?;
    let members = member_access(&store, required(data_in, "workspace_member_access")?)?;
    let parent_index = store.object_index(parent).ok_or_else(|| {
        ApiError::not_found(format!("Object with slug/ID \"{parent}\" not found."))
    })?;
    check_list_slug(&store, &api_slug, None)?;
    check_full_access(workspace_access, &members)?;
    let workspace_id = store.info.id.clone();
    let list_id = new_id();
    let actor = store.token_actor();
    let mut list = List {
        id: ListId {
            workspace_id: workspace_id.clone(),
            list_id: list_id.clone(),
        },
        api_slug,
        name,
        parent_object: vec![store.objects[parent_index].api_slug.clone()],
        workspace_access,
        workspace_member_access: members,
        created_by_actor: Some(Actor {
            actor_type: actor["type"].as_str().map(str::to_owned),
            id: actor["id"].as_str().map(str::to_owned),
        }),
        created_at: Some(time::now_string()),
        attributes: Vec::new(),
    };
    ensure_system_attributes(&mut list.attributes, &workspace_id, &list_id, false);
    let rendered = render::list(&list);
    store.lists.push(list);
    store.entries.insert(list_id, Collection::new(&[]));
    Ok(data(rendered))
}

async fn update_list(
    State(state): State<Shared>,
    Path(ident): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = list_index(list_kind(&store, &ident)?);
    let data_in = data_object(&body)?;
    if data_in.contains_key("parent_object") {
        return Err(field_issue(
            "parent_object",
            "The parent object of a list cannot be changed.",
        ));
    }
    let editable = [
        "name",
        "api_slug",
        "workspace_access",
        "workspace_member_access",
    ];
    if !editable.iter().any(|k| data_in.contains_key(*k)) {
        return Err(ApiError::body_issue(
            vec![json!("data")],
            "Give at least one property to update.",
        ));
    }
    let mut list = store.lists[index].clone();
    if let Some(name) = data_in.get("name") {
        list.name = name
            .as_str()
            .ok_or_else(|| field_issue("name", "Expected string."))?
            .to_owned();
    }
    if let Some(slug) = data_in.get("api_slug") {
        let slug = slug
            .as_str()
            .ok_or_else(|| field_issue("api_slug", "Expected string."))?;
        check_list_slug(&store, slug, Some(index))?;
        list.api_slug = slug.to_owned();
    }
    if let Some(access) = data_in.get("workspace_access") {
        list.workspace_access = access_level(access, "workspace_access")?;
    }
    if let Some(members) = data_in.get("workspace_member_access") {
        list.workspace_member_access = member_access(&store, members)?;
    }
    check_full_access(list.workspace_access, &list.workspace_member_access)?;
    let rendered = render::list(&list);
    store.lists[index] = list;
    Ok(data(rendered))
}

async fn query(State(state): State<Shared>, Path(list): Path<String>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let entries = run_query(&store, kind, &body)?;
    let list = &store.lists[list_index(kind)];
    Ok(data(Value::Array(
        entries
            .into_iter()
            .map(|e| render::entry(&store, list, e))
            .collect(),
    )))
}

/// The parent `(object_id, record_id)` named by an entry write body, checked
/// against the list's parent objects and the store.
fn parent_of(
    store: &Store,
    kind: Container,
    data: &Map<String, Value>,
) -> Result<(String, String), ApiError> {
    let parent_object = required_str(data, "parent_object")?;
    let parent_record_id = required_str(data, "parent_record_id")?;
    let list = &store.lists[list_index(kind)];
    let object = store
        .object_index(parent_object)
        .map(|i| &store.objects[i])
        .filter(|o| list.parent_object.contains(&o.api_slug) || list.parent_object.contains(&o.id.object_id))
        .ok_or_else(|| {
            ApiError::bad_request(
                "value_not_found",
                format!(
                    "Object with slug/ID \"{parent_object}\" is not a parent object of list \"{}\".",
                    list.api_slug
                ),
            )
        })?;
    if store
        .record(&object.id.object_id, parent_record_id)
        .is_none()
    {
        return Err(ApiError::bad_request(
            "value_not_found",
            format!("Parent record with slug/ID \"{parent_record_id}\" not found."),
        ));
    }
    Ok((object.id.object_id.clone(), parent_record_id.to_owned()))
}

/// The parent record and the resolved `entry_values` of a create or
/// assert body.
fn parent_and_values(
    store: &Store,
    kind: Container,
    body: &Value,
) -> Result<((String, String), Vec<write::Resolved>), ApiError> {
    let data = data_object(body)?;
    let parent = parent_of(store, kind, data)?;
    let values = required(data, "entry_values")?;
    let resolved = write::resolve_values(
        store,
        kind.attributes(store),
        values,
        &["data", "entry_values"],
    )?;
    Ok((parent, resolved))
}

async fn create(State(state): State<Shared>, Path(list): Path<String>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let (parent, resolved) = parent_and_values(&store, kind, &body)?;
    // Several entries per parent are allowed on create, as in Attio.
    let written = write::write(&mut store, kind, None, resolved, Mode::Create, Some(parent))?;
    written_entry(&state, &store, kind, &written)
}

async fn assert(State(state): State<Shared>, Path(list): Path<String>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let (parent, resolved) = parent_and_values(&store, kind, &body)?;
    let existing: Vec<String> = store
        .entries
        .get(&kind.id(&store))
        .map(|c| {
            c.ordered()
                .into_iter()
                .filter(|e| e.parent.as_ref() == Some(&parent))
                .map(|e| e.id.clone())
                .collect()
        })
        .unwrap_or_default();
    let written = match existing.as_slice() {
        [] => write::write(&mut store, kind, None, resolved, Mode::Create, Some(parent))?,
        // One entry: multiselect values are overwritten, as PUT does.
        [one] => {
            let one = one.clone();
            write::write(&mut store, kind, Some(&one), resolved, Mode::Put, None)?
        }
        many => {
            return Err(ApiError::bad_request(
                "multiple_match_results",
                format!(
                    "The parent record has {} entries in this list, so the entry to update is ambiguous.",
                    many.len()
                ),
            ))
        }
    };
    written_entry(&state, &store, kind, &written)
}

async fn get_one(
    State(state): State<Shared>,
    Path((list, entry)): Path<(String, String)>,
) -> ApiResult {
    let store = lock(&state);
    let kind = list_kind(&store, &list)?;
    render_entry(&store, kind, &entry)
}

async fn update(
    state: Shared,
    list: String,
    entry_id: String,
    body: Bytes,
    mode: Mode,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let current = entry(&store, kind, &entry_id)?;
    let data = data_object(&body)?;
    // The parent of an entry is fixed: naming another one is refused.
    let (parent_object_id, parent_record_id) = current.parent.clone().unwrap_or_default();
    if let Some(given) = data.get("parent_record_id") {
        if given.as_str() != Some(parent_record_id.as_str()) {
            return Err(ApiError::bad_request(
                "immutable_value",
                "The parent record of an entry cannot be changed.",
            ));
        }
    }
    if let Some(given) = data.get("parent_object") {
        let same = given
            .as_str()
            .and_then(|g| store.object_index(g))
            .is_some_and(|i| store.objects[i].id.object_id == parent_object_id);
        if !same {
            return Err(ApiError::bad_request(
                "immutable_value",
                "The parent object of an entry cannot be changed.",
            ));
        }
    }
    let values = required(data, "entry_values")?;
    let resolved = write::resolve_values(
        &store,
        kind.attributes(&store),
        values,
        &["data", "entry_values"],
    )?;
    let written = write::write(&mut store, kind, Some(&entry_id), resolved, mode, None)?;
    written_entry(&state, &store, kind, &written)
}

async fn patch(
    State(state): State<Shared>,
    Path((list, entry)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    update(state, list, entry, body, Mode::Patch).await
}

async fn put(
    State(state): State<Shared>,
    Path((list, entry)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    update(state, list, entry, body, Mode::Put).await
}

async fn delete(
    State(state): State<Shared>,
    Path((list, entry)): Path<(String, String)>,
) -> ApiResult {
    let mut store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let list_id = kind.id(&store);
    let removed = store
        .entries
        .get_mut(&list_id)
        .and_then(|c| c.remove(&entry));
    let Some(removed) = removed else {
        return Err(entry_not_found(&entry));
    };
    if let Some(parent) = &removed.parent {
        publish(&state, &store, || {
            events::entry_events(&store, &list_id, &entry, parent, Change::Deleted, &[])
        });
    }
    Ok(empty())
}

async fn values(
    State(state): State<Shared>,
    Path((list, entry_id, attribute)): Path<(String, String, String)>,
    Query(params): Query<Params>,
) -> ApiResult {
    let store = lock(&state);
    let kind = list_kind(&store, &list)?;
    let item = entry(&store, kind, &entry_id)?;
    value_history(&store, kind, item, &attribute, &params)
}
