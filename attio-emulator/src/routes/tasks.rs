//! Tasks: list (filtered, sorted, paged), create, get, update and delete,
//! each write publishing its `task.*` event.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use serde_json::{json, Map, Value};

use attio_schema::{Attribute, AttributeId, AttributeType};

use crate::errors::ApiError;
use crate::events;
use crate::http::{
    data, data_object, empty, field_issue, lock, number_param, parse_body, publish, required,
    required_bool, required_str, ApiResult, Params, Shared,
};
use crate::store::{new_id, Store, Task};
use crate::time;
use crate::values::Payload;
use crate::write::resolve_one;
use sort::{sort_param, sort_tasks};

mod sort;

/// What `GET /v2/tasks` returns without a `limit`.
const DEFAULT_LIMIT: usize = 500;

/// The keys a PATCH may carry; `content` and `format` are fixed at creation.
const UPDATABLE: [&str; 4] = ["deadline_at", "is_completed", "linked_records", "assignees"];

fn render(store: &Store, task: &Task) -> Value {
    let linked: Vec<Value> = task
        .linked_records
        .iter()
        .map(|(object, record)| json!({"target_object_id": object, "target_record_id": record}))
        .collect();
    let assignees: Vec<Value> = task
        .assignees
        .iter()
        .map(|m| json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": m}))
        .collect();
    json!({
        "id": {"workspace_id": store.info.id, "task_id": task.id},
        "content_plaintext": task.content_plaintext,
        "deadline_at": task.deadline_at,
        "is_completed": task.is_completed,
        "completed_at": task.completed_at,
        "linked_records": linked,
        "assignees": assignees,
        "created_by_actor": task.created_by,
        "created_at": task.created_at,
    })
}

/// Attio's 404 for a task id it does not know (the spec's wording).
fn task_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Could not find Task with ID \"{id}\"."))
}

fn object_not_found(ident: &str) -> ApiError {
    ApiError::not_found(format!("Object with slug/ID \"{ident}\" not found."))
}

/// A body issue at `data.<key>.<index>`.
fn item_issue(key: &str, index: usize, message: &str) -> ApiError {
    ApiError::body_issue(vec![json!("data"), json!(key), json!(index)], message)
}

/// `deadline_at`: an ISO 8601 timestamp or `null`, stored as Attio formats it.
fn deadline(value: &Value) -> Result<Option<String>, ApiError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => time::parse_timestamp(s)
            .map(|at| Some(time::format_timestamp(at)))
            .ok_or_else(|| field_issue("deadline_at", "Expected an ISO 8601 timestamp or null.")),
        _ => Err(field_issue("deadline_at", "Expected string or null.")),
    }
}

/// An array member of `data`.
fn array<'a>(value: &'a Value, key: &str) -> Result<&'a Vec<Value>, ApiError> {
    value
        .as_array()
        .ok_or_else(|| field_issue(key, "Expected array."))
}

/// `linked_records`, as `(object_id, record_id)`: either every item a
/// record id (a string, looked up in every object), or every item
/// `{target_object, target_record_id}` or `{target_object, <unique
/// attribute>: [value]}` — the two forms of Attio's October 2026 document,
/// which do not mix in one list.
fn linked_records(store: &Store, items: &[Value]) -> Result<Vec<(String, String)>, ApiError> {
    if items.iter().any(Value::is_string) {
        return linked_by_id(store, items);
    }
    let mut linked: Vec<(String, String)> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let map = item
            .as_object()
            .ok_or_else(|| item_issue("linked_records", index, "Expected object."))?;
        let ident = map
            .get("target_object")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                item_issue(
                    "linked_records",
                    index,
                    "Required: \"target_object\" (an object slug or ID).",
                )
            })?;
        let object = store
            .object_index(ident)
            .map(|i| &store.objects[i])
            .ok_or_else(|| object_not_found(ident))?;
        let object_id = object.id.object_id.clone();
        let record_id = match map.get("target_record_id") {
            Some(Value::String(id)) => {
                let id = id.to_ascii_lowercase();
                store
                    .record(&object_id, &id)
                    .map(|r| r.id.clone())
                    .ok_or_else(|| {
                        ApiError::not_found(format!("Record with ID \"{id}\" not found."))
                    })?
            }
            Some(_) => {
                return Err(item_issue(
                    "linked_records",
                    index,
                    "\"target_record_id\" must be a string.",
                ))
            }
            // The matching form goes through the same resolver as a record
            // reference value, so it matches exactly what a value write would.
            None => match resolve_one(store, &link_attribute(store, &object_id), item)? {
                Payload::RecordRef { record_id, .. } => record_id,
                _ => unreachable!("a record-reference attribute resolves to a record"),
            },
        };
        let pair = (object_id, record_id);
        if !linked.contains(&pair) {
            linked.push(pair);
        }
    }
    Ok(linked)
}

/// `linked_records` given as bare record ids: each is found in whichever
/// object holds it.
fn linked_by_id(store: &Store, items: &[Value]) -> Result<Vec<(String, String)>, ApiError> {
    let mut linked: Vec<(String, String)> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let id = item.as_str().ok_or_else(|| {
            item_issue(
                "linked_records",
                index,
                "Expected string: record ids and objects do not mix in one list.",
            )
        })?;
        let id = id.to_ascii_lowercase();
        let pair = store
            .objects
            .iter()
            .find_map(|o| {
                store
                    .record(&o.id.object_id, &id)
                    .map(|r| (o.id.object_id.clone(), r.id.clone()))
            })
            .ok_or_else(|| ApiError::not_found(format!("Record with ID \"{id}\" not found.")))?;
        if !linked.contains(&pair) {
            linked.push(pair);
        }
    }
    Ok(linked)
}

/// A stand-in record-reference attribute for `linked_records`, so that the
/// matching form reuses the values resolver; it allows only `object_id`.
fn link_attribute(store: &Store, object_id: &str) -> Attribute {
    let mut attribute = Attribute::new(
        AttributeId {
            workspace_id: store.info.id.clone(),
            object_id: object_id.to_owned(),
            attribute_id: "linked_records".to_owned(),
        },
        "linked_records",
        "Linked records",
        AttributeType::RecordReference,
    );
    attribute.config.record_reference.allowed_object_ids = Some(vec![object_id.to_owned()]);
    attribute
}

/// `assignees`: each `{referenced_actor_type: "workspace-member",
/// referenced_actor_id}` or `{workspace_member_email_address}`, as member ids.
fn assignees(store: &Store, items: &[Value]) -> Result<Vec<String>, ApiError> {
    let mut ids: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let map = item
            .as_object()
            .ok_or_else(|| item_issue("assignees", index, "Expected object."))?;
        let id = if let Some(email) = map.get("workspace_member_email_address") {
            let email = email.as_str().ok_or_else(|| {
                item_issue(
                    "assignees",
                    index,
                    "\"workspace_member_email_address\" must be a string.",
                )
            })?;
            store
                .members
                .iter()
                .find(|m| m.email.eq_ignore_ascii_case(email))
                .map(|m| m.id.clone())
                .ok_or_else(|| {
                    ApiError::not_found(format!(
                        "Workspace member with email address \"{email}\" not found."
                    ))
                })?
        } else {
            if map.get("referenced_actor_type").and_then(Value::as_str) != Some("workspace-member")
            {
                return Err(item_issue(
                    "assignees",
                    index,
                    "Expected \"referenced_actor_type\": \"workspace-member\"; only members can be assigned.",
                ));
            }
            let id = map
                .get("referenced_actor_id")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    item_issue(
                        "assignees",
                        index,
                        "Required: \"referenced_actor_id\" (a workspace member ID).",
                    )
                })?
                .to_ascii_lowercase();
            store.member(&id).map(|m| m.id.clone()).ok_or_else(|| {
                ApiError::not_found(format!("Workspace member with ID \"{id}\" not found."))
            })?
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The `assignee` filter: `None` for unassigned tasks (`null` or empty),
/// otherwise the member id (an email is looked up; an unknown one matches
/// nothing, as no task can be assigned to it).
fn assignee_filter(store: &Store, raw: &str) -> Option<String> {
    if raw.is_empty() || raw == "null" {
        return None;
    }
    let by_email = store
        .members
        .iter()
        .find(|m| m.email.eq_ignore_ascii_case(raw));
    Some(by_email.map_or_else(|| raw.to_ascii_lowercase(), |m| m.id.clone()))
}

/// An optional `true`/`false` query parameter, kept apart from "absent".
fn bool_param(params: &Params, name: &str) -> Result<Option<bool>, ApiError> {
    match params.get(name).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"{name}\" must be true or false, not \"{other}\"."),
        )),
    }
}

/// `GET /v2/tasks`, filtered, sorted and paged by query parameters.
pub(crate) async fn list(State(state): State<Shared>, Query(params): Query<Params>) -> ApiResult {
    let store = lock(&state);
    let limit = number_param(&params, "limit")?.unwrap_or(DEFAULT_LIMIT);
    let offset = number_param(&params, "offset")?.unwrap_or(0);
    let sort = sort_param(&params)?;
    let linked = match (params.get("linked_object"), params.get("linked_record_id")) {
        (None, None) => None,
        (Some(ident), Some(record)) => {
            let object = store
                .object_index(ident)
                .map(|i| store.objects[i].id.object_id.clone())
                .ok_or_else(|| object_not_found(ident))?;
            Some((object, record.to_ascii_lowercase()))
        }
        _ => return Err(ApiError::bad_request(
            "validation_type",
            "Query parameters \"linked_object\" and \"linked_record_id\" must be given together.",
        )),
    };
    let assignee = params.get("assignee").map(|a| assignee_filter(&store, a));
    let completed = bool_param(&params, "is_completed")?;
    let mut tasks: Vec<&Task> = store
        .tasks
        .iter()
        .filter(|t| linked.as_ref().is_none_or(|l| t.linked_records.contains(l)))
        .filter(|t| match &assignee {
            None => true,
            Some(None) => t.assignees.is_empty(),
            Some(Some(member)) => t.assignees.contains(member),
        })
        .filter(|t| completed.is_none_or(|c| t.is_completed == c))
        .collect();
    sort_tasks(&mut tasks, sort);
    let page: Vec<Value> = tasks
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|t| render(&store, t))
        .collect();
    Ok(data(Value::Array(page)))
}

/// `POST /v2/tasks`.
pub(crate) async fn create(State(state): State<Shared>, body: Bytes) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let data_in = data_object(&body)?;
    let content = required_str(data_in, "content")?.to_owned();
    if required_str(data_in, "format")? != "plaintext" {
        return Err(field_issue(
            "format",
            "Expected \"plaintext\"; tasks take no other format.",
        ));
    }
    let deadline_at = deadline(required(data_in, "deadline_at")?)?;
    let is_completed = required_bool(data_in, "is_completed")?;
    let linked = array(required(data_in, "linked_records")?, "linked_records")?;
    let assigned = array(required(data_in, "assignees")?, "assignees")?;
    let task = Task {
        id: new_id(),
        content_plaintext: content,
        deadline_at,
        is_completed,
        completed_at: is_completed.then(time::now_string),
        linked_records: linked_records(&store, linked)?,
        assignees: assignees(&store, assigned)?,
        created_by: store.token_actor(),
        created_at: time::now_string(),
    };
    let rendered = render(&store, &task);
    let id = task.id.clone();
    store.tasks.push(task);
    publish(&state, &store, || {
        vec![events::task_event(&store, &id, "task.created")]
    });
    Ok(data(rendered))
}

fn task_index(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .tasks
        .iter()
        .position(|t| t.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| task_not_found(id))
}

/// `GET /v2/tasks/{task}`.
pub(crate) async fn get_one(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let store = lock(&state);
    let index = task_index(&store, &id)?;
    Ok(data(render(&store, &store.tasks[index])))
}

/// The changes a PATCH asks for, checked before any is applied.
#[derive(Default)]
struct Changes {
    deadline_at: Option<Option<String>>,
    is_completed: Option<bool>,
    linked_records: Option<Vec<(String, String)>>,
    assignees: Option<Vec<String>>,
}

fn changes(store: &Store, data_in: &Map<String, Value>) -> Result<Changes, ApiError> {
    if let Some(key) = data_in.keys().find(|k| !UPDATABLE.contains(&k.as_str())) {
        return Err(field_issue(
            key,
            "Unrecognized key; only \"deadline_at\", \"is_completed\", \"linked_records\" and \"assignees\" can be updated.",
        ));
    }
    let mut changes = Changes::default();
    if let Some(value) = data_in.get("deadline_at") {
        changes.deadline_at = Some(deadline(value)?);
    }
    if data_in.contains_key("is_completed") {
        changes.is_completed = Some(required_bool(data_in, "is_completed")?);
    }
    if let Some(value) = data_in.get("linked_records") {
        changes.linked_records = Some(linked_records(store, array(value, "linked_records")?)?);
    }
    if let Some(value) = data_in.get("assignees") {
        changes.assignees = Some(assignees(store, array(value, "assignees")?)?);
    }
    Ok(changes)
}

/// `PATCH /v2/tasks/{task}`.
pub(crate) async fn update(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let body = parse_body(&body)?;
    let mut store = lock(&state);
    let index = task_index(&store, &id)?;
    let changes = changes(&store, data_object(&body)?)?;
    let task = &mut store.tasks[index];
    if let Some(deadline_at) = changes.deadline_at {
        task.deadline_at = deadline_at;
    }
    if let Some(is_completed) = changes.is_completed {
        // Completing a completed task keeps when it was first done.
        if is_completed && !task.is_completed {
            task.completed_at = Some(time::now_string());
        } else if !is_completed {
            task.completed_at = None;
        }
        task.is_completed = is_completed;
    }
    // Lists are replaced, not merged: PATCH sets the links and assignees.
    if let Some(linked) = changes.linked_records {
        task.linked_records = linked;
    }
    if let Some(assignees) = changes.assignees {
        task.assignees = assignees;
    }
    let task_id = task.id.clone();
    let rendered = render(&store, &store.tasks[index]);
    publish(&state, &store, || {
        vec![events::task_event(&store, &task_id, "task.updated")]
    });
    Ok(data(rendered))
}

/// Deletes a task. Deleting a record leaves its tasks (and their links)
/// alone: Attio's docs say nothing of what happens to them.
pub(crate) async fn delete(State(state): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let mut store = lock(&state);
    let index = task_index(&store, &id)?;
    let task = store.tasks.remove(index);
    publish(&state, &store, || {
        vec![events::task_event(&store, &task.id, "task.deleted")]
    });
    Ok(empty())
}
